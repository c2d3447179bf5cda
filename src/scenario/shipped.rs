//! The scenarios shipped in `scenarios/`, embedded at build time (see `build.rs`), so
//! that `burden init --from hyesan-2012` works wherever the binary is installed.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The text of the shipped scenario called `name` (its file name without `.toml`).
pub fn shipped(name: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|s| s.0 == name).map(|s| s.1)
}

/// Where a scenario named on the command line comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file that exists.
    File(PathBuf),
    /// A shipped scenario: its name and text.
    Shipped(&'static str, &'static str),
}

/// The one resolver every command uses for its scenario argument: a file that exists
/// wins; otherwise a shipped scenario's name (`hyesan-2012`, also written
/// `hyesan-2012.toml` or `scenarios/hyesan-2012.toml`, so that the README's commands
/// work wherever the binary is installed). `None` when it is neither.
pub fn resolve(arg: &Path) -> Option<Source> {
    if arg.exists() {
        return Some(Source::File(arg.to_path_buf()));
    }
    let text = arg.to_str()?;
    let text = text
        .strip_prefix("scenarios/")
        .or_else(|| text.strip_prefix("scenarios\\"))
        .unwrap_or(text);
    let name = text.strip_suffix(".toml").unwrap_or(text);
    SHIPPED
        .iter()
        .find(|s| s.0 == name)
        .map(|s| Source::Shipped(s.0, s.1))
}

/// The names of the shipped scenarios, in name order.
pub fn shipped_names() -> Vec<&'static str> {
    SHIPPED.iter().map(|s| s.0).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Source, resolve};

    #[test]
    fn a_name_a_file_name_or_the_checkout_path_names_a_shipped_scenario() {
        for arg in ["hyesan-2012", "hyesan-2012.toml"] {
            assert!(matches!(
                resolve(Path::new(arg)),
                Some(Source::Shipped("hyesan-2012", _))
            ));
        }
        assert_eq!(resolve(Path::new("no-such-scenario")), None);
    }

    #[test]
    fn a_file_that_exists_wins_over_a_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ranam-2020");
        std::fs::write(&path, "x").expect("written");
        assert_eq!(resolve(&path), Some(Source::File(path.clone())));
        // Run from the checkout, `scenarios/ranam-2020.toml` is the file itself.
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/ranam-2020.toml");
        assert_eq!(resolve(&checkout), Some(Source::File(checkout.clone())));
    }

    #[test]
    fn the_default_is_shipped() {
        assert_eq!(
            super::shipped("ranam-2020"),
            Some(super::super::DEFAULT_SCENARIO)
        );
    }
}
