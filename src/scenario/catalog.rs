//! What each numeric input means: its unit and a one-line description, for the
//! report's assumptions table and `explain`, as the key table gives them.

/// The unit and meaning of the input a dotted path names (`district[0].population`,
/// or only its last key), from the key table ([`keys`](super::keys)).
pub fn describe(path: &str) -> (&'static str, &'static str) {
    let field = super::keys::lookup(path)
        .filter(|f| f.domain().is_some())
        .or_else(|| super::keys::input_named(path.rsplit('.').next().unwrap_or(path)));
    field.map_or(("", ""), |f| (f.unit, f.meaning))
}

/// Whether an input is uncertainty (drawn per iteration), variation (between
/// households) or a fixed number.
pub fn kind(path: &str, uncertain: bool) -> &'static str {
    let spread = super::keys::input_named(path.rsplit('.').next().unwrap_or(path))
        .and_then(super::keys::Field::domain)
        == Some(super::world::Domain::Spread);
    if spread {
        if uncertain {
            "variation (uncertain size)"
        } else {
            "variation"
        }
    } else if uncertain {
        "uncertainty"
    } else {
        "fixed"
    }
}
