//! "Did you mean" suggestions for misspelt keys (edit distance from `strsim`).

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&word.to_lowercase(), c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_key_and_nonsense_finds_none() {
        assert_eq!(
            did_you_mean("horizon_day", &["horizon_days", "seed"]),
            Some("horizon_days")
        );
        assert_eq!(did_you_mean("zzzzzz", &["horizon_days", "seed"]), None);
    }
}
