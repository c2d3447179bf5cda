//! `burden validate FILE...`: check scenario files without running them.

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::scenario;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn validate(args: ValidateArgs, sets: &[String]) -> Result<(), CliError> {
    let mut bad = 0;
    for f in &args.files {
        let loaded = scenario::load_path(f)
            .map_err(CliError::from)
            .and_then(|sc| super::with_overrides(sc, sets));
        match loaded {
            Ok(sc) => {
                for w in &sc.warnings {
                    eprint!("{w}");
                }
                let uncertain = sc.inputs.iter().filter(|i| i.input.is_uncertain()).count();
                super::say(&format!(
                    "ok: {} ({}: {} districts, {} inputs of which {} uncertain, {} warnings)\n",
                    f.display(),
                    sc.name(),
                    sc.file.district.len(),
                    sc.inputs.len(),
                    uncertain,
                    sc.warnings.len()
                ));
            }
            Err(e) => {
                bad += 1;
                eprintln!("{}\n", e.shown());
            }
        }
    }
    if bad > 0 {
        return Err(CliError::usage(format!(
            "{bad} of {} scenario files have errors",
            args.files.len()
        )));
    }
    Ok(())
}
