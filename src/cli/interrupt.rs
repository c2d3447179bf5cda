//! Ctrl-C and SIGTERM, handled once for every command: the unfinished outputs of the
//! command (its hidden temporary folders and files) are removed, it says so, and it
//! exits with 130 (SIGINT) or 143 (SIGTERM), as shells report a process the signal
//! stopped, so that nothing that looks like a complete result is left.

use crate::output::folder;

/// The exit code of a command stopped by Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: i32 = 130;
/// The exit code of a command stopped by SIGTERM (128 + SIGTERM).
pub const TERMINATED: i32 = 143;

/// Removes the unfinished outputs and exits with `code`. Never returns: the lock on
/// the unfinished outputs is held until the process is gone, so nothing is written
/// or renamed after the clean-up.
fn stop(code: i32) -> ! {
    let (unfinished, _hold) = folder::abandon_all();
    if unfinished > 0 {
        eprintln!(
            "\ninterrupted: burden was stopped before it finished; its unfinished outputs were removed and nothing was written"
        );
    } else {
        eprintln!("\ninterrupted");
    }
    std::process::exit(code);
}

fn cannot_catch(e: impl std::fmt::Display) {
    eprintln!(
        "warning: cannot catch Ctrl-C ({e}); an interrupted command may leave a hidden .*.incomplete-* folder beside its output"
    );
}

/// Installs the handler (once, from `main`); a failure to install is reported but does
/// not stop the command.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    match signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    stop(if signal == SIGTERM {
                        TERMINATED
                    } else {
                        INTERRUPTED
                    });
                }
            });
        }
        Err(e) => cannot_catch(e),
    }
}

/// Installs the handler (once, from `main`); a failure to install is reported but does
/// not stop the command.
#[cfg(not(unix))]
pub fn install() {
    if let Err(e) = ctrlc::set_handler(|| stop(INTERRUPTED)) {
        cannot_catch(e);
    }
}
