//! What the result of a one-scenario analysis (sweep, sensitivity, discover) gives the
//! output layer: its charts, data files, report and terminal text. One function
//! (`cli::terminal::write_result`) then writes any of them the same way.

use super::manifest::ScenarioRecord;
use crate::analysis::discover::DiscoverResult;
use crate::analysis::sensitivity::SensitivityResult;
use crate::analysis::sweep::SweepResult;
use crate::charts::{self, Chart, ChartError};
use crate::report::{self, Report};

/// The files and texts of one analysis's result.
pub trait AnalysisOutputs {
    /// The charts drawn from the result.
    fn charts(&self) -> Result<Vec<Chart>, ChartError>;
    /// The data files beside the report, in the order they are written.
    fn data(&self, scenario: &ScenarioRecord, reproduce: &str) -> Vec<(&'static str, Vec<u8>)>;
    /// The report (Markdown and HTML), showing `charts` when they were drawn.
    fn report<'a>(
        &self,
        charts: Option<&'a [Chart]>,
        scenario: &ScenarioRecord,
        reproduce: &str,
    ) -> Report<'a>;
    /// What the terminal says of the result.
    fn terminal(&self) -> String;
}

/// The three analyses differ only in their modules, chart function and data file.
macro_rules! analysis_outputs {
    ($result:ty, $module:ident, $charts:ident, $file:literal, $csv:ident) => {
        impl AnalysisOutputs for $result {
            fn charts(&self) -> Result<Vec<Chart>, ChartError> {
                charts::results::$charts(self)
            }
            fn data(
                &self,
                scenario: &ScenarioRecord,
                reproduce: &str,
            ) -> Vec<(&'static str, Vec<u8>)> {
                vec![
                    ($file, super::$module::$csv(self)),
                    (
                        "summary.json",
                        super::$module::summary_json(self, scenario, reproduce),
                    ),
                ]
            }
            fn report<'a>(
                &self,
                charts: Option<&'a [Chart]>,
                scenario: &ScenarioRecord,
                reproduce: &str,
            ) -> Report<'a> {
                report::$module::build(self, charts, scenario, reproduce)
            }
            fn terminal(&self) -> String {
                report::$module::terminal(self)
            }
        }
    };
}

analysis_outputs!(SweepResult, sweep, for_sweep, "sweep.csv", sweep_csv);
analysis_outputs!(
    SensitivityResult,
    sensitivity,
    for_sensitivity,
    "sensitivity.csv",
    sensitivity_csv
);
analysis_outputs!(
    DiscoverResult,
    discover,
    for_discover,
    "boxes.csv",
    boxes_csv
);
