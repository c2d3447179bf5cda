//! The run's report, written beside its data files: `report.html` (self-contained,
//! with the charts as inline SVG) and `report.md` (linking the PNGs).
//!
//! Both are made from one [`Report`], which holds the words: the headline findings as
//! sentences, the methods and caveats paragraphs, the assumptions table and how to
//! reproduce the run. The two modules only lay them out.

pub mod findings;
pub mod html;
pub mod markdown;

use crate::format;
use crate::output::{InputRow, RunInfo, input_rows};
use crate::scenario::Scenario;
use crate::summary::Summary;

/// What both reports say, in order.
pub struct Report {
    pub title: String,
    pub description: String,
    pub findings: Vec<String>,
    pub methods: String,
    pub caveats: String,
    pub warnings: Vec<String>,
    pub inputs: Vec<InputRow>,
    pub estimates: usize,
    pub command_line: String,
    pub version: String,
    pub scenario_file: String,
    pub scenario_sha256: String,
}

impl Report {
    pub fn new(sc: &Scenario, info: &RunInfo, summary: &Summary) -> Report {
        let meta = &sc.file.scenario;
        let title = if meta.title.is_empty() {
            sc.name().to_string()
        } else {
            meta.title.clone()
        };
        let inputs = input_rows(sc);
        let estimates = inputs.iter().filter(|r| r.grade == "E").count();
        Report {
            title,
            description: meta.description.clone(),
            findings: findings::findings(sc, summary, crate::summary::ALL),
            methods: methods(sc, info),
            caveats: caveats(estimates, inputs.len()),
            warnings: sc.warnings.iter().map(|w| w.message.clone()).collect(),
            inputs,
            estimates,
            command_line: info.reproduce.clone(),
            version: info.version.to_string(),
            scenario_file: info.scenario_file.clone(),
            scenario_sha256: info.scenario_sha256.clone(),
        }
    }
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What was simulated, from the scenario and the run.
pub fn methods(sc: &Scenario, info: &RunInfo) -> String {
    let districts = sc.district_names();
    let groups: Vec<String> =
        (0..districts.len())
            .flat_map(|d| sc.group_names(d))
            .fold(Vec::new(), |mut acc, g| {
                if !acc.contains(&g) {
                    acc.push(g);
                }
                acc
            });
    let start = sc
        .file
        .scenario
        .start_date
        .as_ref()
        .map_or(String::new(), |d| format!(" from {}", d.get_ref()));
    let uncertain = sc.inputs.iter().filter(|i| i.input.is_uncertain()).count();
    format!(
        "burden {version} simulated {district_count} ({district_list}) over {horizon} days{start}, with \
         households in {group_count} ({group_list}). The run has {iterations}; each draws the \
         {uncertain} uncertain inputs once (what we do not know about the world), then draws each simulated \
         household's own stock, size and daily food around them (how households differ), and steps through \
         the horizon day by day: the release, the support package and the levy that pays for it, informal \
         sharing, incidents, and households' stocks running down. Every iteration also runs the same world \
         without the release on the same random numbers, so each difference the release makes is a paired \
         difference. Figures are medians across iterations with the 5th to 95th percentile as the 90% \
         interval; ± is the Monte Carlo standard error of the mean, which more iterations would shrink. \
         Random seed {seed}.",
        version = info.version,
        district_count = format::count(districts.len(), "district"),
        district_list = list(&districts),
        horizon = sc.horizon(),
        group_count = format::count(groups.len(), "wealth group"),
        group_list = list(&groups),
        iterations = format::count(info.iterations as usize, "iteration"),
        seed = info.seed,
    )
}

/// What a reader must keep in mind.
pub fn caveats(estimates: usize, inputs: usize) -> String {
    format!(
        "The data on North Korea are thin and politically sensitive: releases and what followed them are \
         reported by a few outlets citing unnamed residents and are rarely corroborated, and \
         {estimates} of the {inputs} inputs are the scenario author's estimates (grade E in the table below), \
         not measurements. The intervals show what follows from those assumptions, not how likely the \
         assumptions are. Deficit bands and phase shares are IPC-style teaching approximations; they are not \
         an official IPC classification and must not be cited as one. Results describe a model, not \
         observed outcomes."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["Ranam"])), "Ranam");
        assert_eq!(list(&names(&["a", "b", "c"])), "a, b and c");
    }
}
