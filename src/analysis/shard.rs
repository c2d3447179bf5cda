//! Splitting a sweep or a sensitivity run into independent shards (`--shard i/N`,
//! numbered from 1) that other machines can run, and the part of the work each does.
//!
//! A sweep's shard runs a contiguous block of its points; a sensitivity run's shard a
//! contiguous block of its iterations. Each point and each iteration depends only on
//! the scenario, the seed and its own number, so the shards' parts joined in order are
//! exactly what one run computes.

use std::ops::Range;

/// Shard `index` of `count` (1 ≤ index ≤ count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// Most shards a run may be split into.
pub const MAX_SHARDS: u64 = 10_000;

impl Shard {
    /// `i/N`, as `--shard` takes it.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || {
            format!(
                "`{text}` is not a shard: give i/N with 1 ≤ i ≤ N ≤ {MAX_SHARDS}, for example --shard 2/4 (shards are numbered from 1)"
            )
        };
        let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let i: u64 = i.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if i == 0 || n == 0 || i > n || n > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { index: i, count: n })
    }

    /// This shard's block of `total` items: `(i − 1)·total/N .. i·total/N`.
    pub fn part(&self, total: u64) -> Range<u64> {
        let at = |k: u64| (u128::from(k) * u128::from(total) / u128::from(self.count)) as u64;
        at(self.index - 1)..at(self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_from_one_and_bad_forms_are_refused() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "2", "a/4", "1/4/2", "-1/4", "1/100000"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_parts_cover_every_item_once_in_order() {
        // 10 items in 4 shards: 0..2, 2..5, 5..7, 7..10.
        let parts: Vec<Range<u64>> = (1..=4)
            .map(|i| Shard { index: i, count: 4 }.part(10))
            .collect();
        assert_eq!(parts, [0..2, 2..5, 5..7, 7..10]);
        // More shards than items: some are empty, none overlap.
        let parts: Vec<Range<u64>> = (1..=3)
            .map(|i| Shard { index: i, count: 3 }.part(2))
            .collect();
        assert_eq!(parts, [0..0, 0..1, 1..2]);
    }
}
