//! `burden completions`, `burden man` and the help text.

use crate::support::{burden, failure, success};

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = success(burden().args(["completions", shell]));
        for command in ["run", "validate", "init", "schema", "completions", "man"] {
            assert!(
                text.contains(command),
                "the {shell} completions do not mention `{command}`"
            );
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let err = failure(burden().args(["completions", "cmd.exe"]), 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn man_pages_are_roff() {
    let page = success(burden().arg("man"));
    assert!(page.contains(".TH burden 1"), "{page}");
    assert!(page.contains("init"), "the page lists the init command");

    let page = success(burden().args(["man", "init"]));
    assert!(page.contains(".TH burden-init 1"), "{page}");
    assert!(
        page.contains("\\-\\-force"),
        "the init page documents --force"
    );
}

#[test]
fn a_man_page_for_an_unknown_command_is_refused() {
    let err = failure(burden().args(["man", "plot"]), 2);
    assert!(
        err.contains("there is no command `plot`; choose one of: run"),
        "{err}"
    );
}

#[test]
fn help_lists_the_new_commands() {
    let help = success(burden().arg("--help"));
    for command in ["init", "schema", "completions", "man", "discover", "merge"] {
        assert!(help.contains(command), "--help does not list {command}");
    }
}
