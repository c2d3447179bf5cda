//! `burden validate FILE...`: check scenario files without running them.

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::format::count;
use crate::scenario;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files to check (or shipped scenarios' names).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn validate(args: ValidateArgs, sets: &[String]) -> Result<(), CliError> {
    let mut bad = 0;
    for f in &args.files {
        let loaded = scenario::load_arg(f)
            .map_err(CliError::from)
            .and_then(|sc| super::with_overrides(sc, sets));
        match loaded {
            Ok(sc) => {
                for w in &sc.warnings {
                    eprint!("{w}");
                }
                let uncertain = sc.inputs.iter().filter(|i| i.input.is_uncertain()).count();
                super::say(&format!(
                    "ok: {} ({}: {}, {} of which {} uncertain, {})\n",
                    f.display(),
                    sc.name(),
                    count(sc.file.district.len(), "district"),
                    count(sc.inputs.len(), "input"),
                    uncertain,
                    count(sc.warnings.len(), "warning")
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
            "{bad} of {} {} errors",
            count(args.files.len(), "scenario file"),
            if bad == 1 { "has" } else { "have" }
        )));
    }
    Ok(())
}
