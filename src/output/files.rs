//! The files of one command, gathered in memory and written into the staging folder
//! in order, the manifest last.

use super::folder::{MANIFEST, OutputError, Staging};
use super::manifest::Provenance;
use crate::charts::Chart;
use crate::report::Report;

/// Files to write, in order: data, charts, reports.
#[derive(Default)]
pub struct Files {
    list: Vec<(String, Vec<u8>)>,
}

impl Files {
    pub fn new() -> Files {
        Files::default()
    }

    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        self.list.push((name.to_string(), bytes));
    }

    /// Each chart as `charts/<stem>.png` and `charts/<stem>.svg`, with the numbers
    /// it draws in `charts/<stem>.csv`.
    pub fn charts(&mut self, charts: &[Chart]) {
        for c in charts {
            self.add(&c.png_name(), c.png.clone());
            self.add(&c.svg_name(), c.svg.clone().into_bytes());
            self.add(&c.csv_name(), c.data.clone());
        }
    }

    /// `report.html` and `report.md`.
    pub fn report(&mut self, report: &Report) {
        self.add("report.html", report.html().into_bytes());
        self.add("report.md", report.markdown().into_bytes());
    }

    /// Writes every file, then the manifest, and moves the folder into place.
    pub fn commit(
        self,
        mut staging: Staging,
        provenance: &Provenance,
    ) -> Result<std::path::PathBuf, OutputError> {
        for (name, bytes) in &self.list {
            staging.write(name, bytes)?;
        }
        let names = self.list.into_iter().map(|(name, _)| name).collect();
        staging.write(MANIFEST, &super::pretty_json(&provenance.manifest(names)))?;
        staging.commit()
    }
}
