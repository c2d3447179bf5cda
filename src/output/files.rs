//! The files of one command, gathered in memory and written into the staging folder
//! in order, the manifest last.

use super::folder::{MANIFEST, OutputError, Staging};
use super::manifest::Provenance;
use crate::charts::Chart;
use crate::report::Report;

/// Writes a file's contents in pieces.
pub type Fill<'a> = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 'a>;

/// What a file holds: bytes in memory, or a function that writes them in pieces
/// (a file as large as the run, such as `iterations.csv`).
pub enum Content<'a> {
    Bytes(Vec<u8>),
    Streamed(Fill<'a>),
}

impl Content<'_> {
    /// The whole file in memory (for `burden serve`'s downloads).
    pub fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        match self {
            Content::Bytes(b) => Ok(b),
            Content::Streamed(fill) => {
                let mut out = Vec::new();
                fill(&mut out)?;
                Ok(out)
            }
        }
    }
}

/// Files to write, in order: data, charts, reports.
#[derive(Default)]
pub struct Files<'a> {
    list: Vec<(String, Content<'a>)>,
}

impl<'a> Files<'a> {
    pub fn new() -> Files<'a> {
        Files::default()
    }

    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        self.add_content(name, Content::Bytes(bytes));
    }

    pub fn add_content(&mut self, name: &str, content: Content<'a>) {
        self.list.push((name.to_string(), content));
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
        for (name, content) in &self.list {
            match content {
                Content::Bytes(bytes) => staging.write(name, bytes)?,
                Content::Streamed(fill) => staging.write_with(name, fill.as_ref())?,
            }
        }
        let names = self.list.into_iter().map(|(name, _)| name).collect();
        staging.write(MANIFEST, &super::pretty_json(&provenance.manifest(names)))?;
        staging.commit()
    }
}

/// Writes a command's files into `staging`: its data files, then its charts (none under
/// `--no-charts`) and report, the manifest last. Returns the destination folder.
pub fn write_command(
    staging: Staging,
    provenance: &Provenance,
    data: Vec<(&str, Vec<u8>)>,
    charts: Option<&[Chart]>,
    report: &Report,
) -> Result<std::path::PathBuf, OutputError> {
    let mut files = Files::new();
    for (name, bytes) in data {
        files.add(name, bytes);
    }
    files.charts(charts.unwrap_or_default());
    files.report(report);
    files.commit(staging, provenance)
}
