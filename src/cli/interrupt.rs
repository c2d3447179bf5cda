//! Ctrl-C and SIGTERM: an interrupted run removes its temporary folder, says so, and
//! exits with code 130, so that nothing that looks like a complete result is left.

use crate::output::folder;

/// The exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
pub const INTERRUPTED: i32 = 130;

/// Installs the handler; a failure to install is reported but does not stop the run.
pub fn install() {
    let result = ctrlc::set_handler(|| {
        let (unfinished, _hold) = folder::abandon_all();
        if unfinished > 0 {
            eprintln!(
                "\ninterrupted: the run was stopped before it finished; its unfinished outputs were removed and nothing was written"
            );
        } else {
            eprintln!("\ninterrupted");
        }
        std::process::exit(INTERRUPTED);
    });
    if let Err(e) = result {
        eprintln!(
            "warning: cannot catch Ctrl-C ({e}); an interrupted run may leave a hidden .*.incomplete-* folder beside the output folder"
        );
    }
}
