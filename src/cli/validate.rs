//! `burden validate FILE...`: check scenario files without running them.

use std::path::PathBuf;

use clap::Args;

use super::Failure;
use crate::scenario;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn validate(args: ValidateArgs, sets: &[String]) -> Result<(), Failure> {
    let mut bad = 0;
    for f in &args.files {
        let loaded = scenario::load_path(f)
            .map_err(|e| e.to_string())
            .and_then(|sc| super::with_overrides(sc, sets).map_err(|e| e.message));
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
                eprintln!("{e}\n");
            }
        }
    }
    if bad > 0 {
        return Err(Failure::input(format!(
            "{bad} of {} scenario files have errors",
            args.files.len()
        )));
    }
    Ok(())
}
