//! The scenarios shipped in `scenarios/`, embedded at build time (see `build.rs`), so
//! that `burden init --from hyesan-2012` works wherever the binary is installed.

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The text of the shipped scenario called `name` (its file name without `.toml`).
pub fn shipped(name: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|s| s.0 == name).map(|s| s.1)
}

/// The names of the shipped scenarios, in name order.
pub fn shipped_names() -> Vec<&'static str> {
    SHIPPED.iter().map(|s| s.0).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_is_shipped() {
        assert_eq!(
            super::shipped("ranam-2020"),
            Some(super::super::DEFAULT_SCENARIO)
        );
    }
}
