//! Which households a figure is about: all of them, one district, one wealth group
//! over all districts, or one wealth group in one district.
//!
//! A scope is a type rather than a name, so no district or wealth group can be mistaken
//! for the total, whatever it is called (a district may be called `all`). In CSV files
//! a scope is three columns: `scope` (its kind, below) and `district` and
//! `wealth_group`, each a name or empty when the row covers all of them; in JSON the
//! same three keys, with `null` for "all".

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every household of every district.
    Total,
    /// One district, all its wealth groups.
    District(String),
    /// One wealth group over all districts.
    Group(String),
    /// One wealth group in one district.
    DistrictGroup { district: String, group: String },
}

/// The kind of a scope as written in the `scope` column.
pub const KINDS: [&str; 4] = ["total", "district", "wealth_group", "district_wealth_group"];

impl Scope {
    /// The scope from a district and a group, each `None` for "all".
    pub fn of(district: Option<&str>, group: Option<&str>) -> Scope {
        match (district, group) {
            (None, None) => Scope::Total,
            (Some(d), None) => Scope::District(d.to_string()),
            (None, Some(g)) => Scope::Group(g.to_string()),
            (Some(d), Some(g)) => Scope::DistrictGroup {
                district: d.to_string(),
                group: g.to_string(),
            },
        }
    }

    /// This scope narrowed to the wealth group `group`.
    pub fn with_group(&self, group: &str) -> Scope {
        Scope::of(self.district(), Some(group))
    }

    /// The district's name, `None` when the scope covers all districts.
    pub fn district(&self) -> Option<&str> {
        match self {
            Scope::District(d) | Scope::DistrictGroup { district: d, .. } => Some(d),
            Scope::Total | Scope::Group(_) => None,
        }
    }

    /// The wealth group's name, `None` when the scope covers all groups.
    pub fn wealth_group(&self) -> Option<&str> {
        match self {
            Scope::Group(g) | Scope::DistrictGroup { group: g, .. } => Some(g),
            Scope::Total | Scope::District(_) => None,
        }
    }

    pub fn is_total(&self) -> bool {
        *self == Scope::Total
    }

    /// Whether the scope covers whole districts (all wealth groups).
    pub fn is_whole_districts(&self) -> bool {
        self.wealth_group().is_none()
    }

    /// The `scope` column: one of [`KINDS`].
    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Total => KINDS[0],
            Scope::District(_) => KINDS[1],
            Scope::Group(_) => KINDS[2],
            Scope::DistrictGroup { .. } => KINDS[3],
        }
    }

    /// The three CSV columns: kind, district, wealth group (empty for "all").
    pub fn csv_fields(&self) -> [String; 3] {
        [
            self.kind().to_string(),
            self.district().unwrap_or_default().to_string(),
            self.wealth_group().unwrap_or_default().to_string(),
        ]
    }

    /// The scope as the end of "figures for ...": "all districts together" or the title.
    pub fn place(&self) -> String {
        match self {
            Scope::Total => "all districts together".to_string(),
            other => other.title(),
        }
    }

    /// The scope in words, for tables and charts.
    pub fn title(&self) -> String {
        match self {
            Scope::Total => "All districts".to_string(),
            Scope::District(d) => d.clone(),
            Scope::Group(g) => format!("{g} households, all districts"),
            Scope::DistrictGroup { district, group } => format!("{group} households, {district}"),
        }
    }
}

/// The CSV header of a scope.
pub const CSV_COLUMNS: [&str; 3] = ["scope", "district", "wealth_group"];

#[derive(Serialize)]
struct Fields<'a> {
    scope: &'static str,
    district: Option<&'a str>,
    wealth_group: Option<&'a str>,
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Fields {
            scope: self.kind(),
            district: self.district(),
            wealth_group: self.wealth_group(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_called_all_is_not_the_total() {
        let all = Scope::District("all".into());
        assert_ne!(all, Scope::Total);
        assert_ne!(all.csv_fields(), Scope::Total.csv_fields());
        assert_eq!(Scope::Total.csv_fields(), ["total", "", ""]);
        assert_eq!(all.csv_fields(), ["district", "all", ""]);
    }

    #[test]
    fn json_says_null_for_all() {
        let j = serde_json::to_string(&Scope::Group("poor".into())).unwrap_or_default();
        assert_eq!(
            j,
            r#"{"scope":"wealth_group","district":null,"wealth_group":"poor"}"#
        );
    }

    #[test]
    fn narrowing_to_a_group_keeps_the_district() {
        assert_eq!(Scope::Total.with_group("poor"), Scope::Group("poor".into()));
        assert_eq!(
            Scope::District("Ranam".into()).with_group("poor"),
            Scope::of(Some("Ranam"), Some("poor"))
        );
    }
}
