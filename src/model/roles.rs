//! Who bore the burden: households grouped by the role through which the release
//! reached them (host, unit levy, sharing, incidents, district levy, untouched).
//!
//! Within one iteration, every household the release reached leaves a [`Burden`]
//! (its roles, how many real households it stands for, the food it lost); sums per
//! role are kept alongside. [`RoleAccumulator::finish`] turns them into the
//! iteration's [`RoleTable`]: per-role sums, within-role median and 90th percentile of
//! food lost, and how concentrated the loss is among affected households. The list
//! is dropped once the table is formed, so memory does not grow with iterations.

use super::results::{
    Burden, LORENZ_POINTS, ReleasedBurden, Role, RoleFigures, RoleSums, RoleTable, Roles,
};

/// Collects one place's households by role during an iteration.
#[derive(Debug, Clone, Default)]
pub struct RoleAccumulator {
    sums: [RoleSums; Role::ALL.len()],
    points: Vec<Burden>,
    /// Released people: (persons, days of one person's need unmet over the horizon).
    released: Vec<(f64, f64)>,
}

impl RoleAccumulator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds sums to one role, without a household of its own (expectations).
    pub fn add(&mut self, role: Role, sums: &RoleSums) {
        self.sums[role as usize].add(sums);
    }

    /// A household (or identical households) that lost food, for the within-role
    /// quantiles and the concentration. Its sums are added separately.
    pub fn point(&mut self, burden: Burden) {
        if burden.weight > 0.0 {
            self.points.push(burden);
        }
    }

    /// One simulated household, standing for `sums.households` real ones: its sums go
    /// to every role it has, and it is kept for the quantiles unless it is untouched.
    pub fn household(&mut self, roles: Roles, sums: &RoleSums) {
        for role in Role::ALL {
            if roles.has(role) {
                self.add(role, sums);
            }
        }
        if !roles.has(Role::Untouched) {
            self.point(Burden {
                roles,
                weight: sums.households,
                days: sums.food_lost_days / sums.households.max(f64::MIN_POSITIVE),
            });
        }
    }

    /// `persons` released people who each went `unmet_days` days of need unfed.
    pub fn released(&mut self, persons: f64, unmet_days: f64) {
        if persons > 0.0 {
            self.released.push((persons, unmet_days));
        }
    }

    /// Adds another place's households (districts into the total).
    /// Adds another place's households (districts into the total).
    pub fn absorb(&mut self, other: &RoleAccumulator) {
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            a.add(b);
        }
        self.points.extend_from_slice(&other.points);
        self.released.extend_from_slice(&other.released);
    }

    /// The iteration's figures for this place. Sorts the households by food lost (in
    /// days of their own need): one order serves every role's quantiles and the
    /// concentration. The sort is a merge sort that finds sorted runs, so the total,
    /// made of districts already sorted by their own `finish`, costs little more than a
    /// pass.
    pub fn finish(&mut self) -> RoleTable {
        self.points.sort_by(|a, b| a.days.total_cmp(&b.days));
        let by_days = &self.points;
        let roles = Role::ALL
            .iter()
            .map(|&role| {
                let (median, p90) = if role == Role::Untouched {
                    (0.0, 0.0)
                } else {
                    let values = by_days
                        .iter()
                        .filter(|b| b.roles.has(role))
                        .map(|b| (b.days, b.weight));
                    let q = weighted_quantiles(values, [0.5, 0.9]);
                    (q[0], q[1])
                };
                RoleFigures {
                    sums: self.sums[role as usize].clone(),
                    food_lost_days_median: median,
                    food_lost_days_p90: p90,
                }
            })
            .collect();
        let mut released: Vec<(f64, f64)> = self.released.iter().map(|&(p, d)| (d, p)).collect();
        released.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let persons: f64 = released.iter().map(|r| r.1).sum();
        let unmet = weighted_quantiles(released.iter().copied(), [0.5, 0.9]);
        let lost: Vec<(f64, f64)> = self
            .points
            .iter()
            .filter(|b| b.roles.has(Role::Affected))
            .map(|b| (b.days, b.weight))
            .collect();
        // The Lorenz curve at 0, 5%, ..., 100%, and at 90% and 99% for the top shares.
        let mut at: Vec<f64> = (0..LORENZ_POINTS)
            .map(|k| k as f64 / (LORENZ_POINTS - 1) as f64)
            .collect();
        at.extend([0.90, 0.99]);
        let curve = lorenz(&lost, &at);
        let nothing_lost = lost.iter().all(|v| v.0 * v.1 <= 0.0);
        let top = |share_below: f64| if nothing_lost { 0.0 } else { 1.0 - share_below };
        RoleTable {
            roles,
            released: ReleasedBurden {
                persons,
                unmet_days_total: released.iter().map(|(d, p)| p * d).sum(),
                unmet_days_median: unmet[0],
                unmet_days_p90: unmet[1],
            },
            top_1pct_share: top(curve[LORENZ_POINTS + 1]),
            top_10pct_share: top(curve[LORENZ_POINTS]),
            lorenz: curve[..LORENZ_POINTS].to_vec(),
        }
    }
}

/// Quantiles `ps` (ascending) of weighted values sorted ascending: for each, the
/// smallest value whose cumulative weight reaches that share of the total (the inverse
/// of the weighted empirical distribution); 0 when there are none.
pub fn weighted_quantiles<const N: usize>(
    sorted: impl Iterator<Item = (f64, f64)> + Clone,
    ps: [f64; N],
) -> [f64; N] {
    let total: f64 = sorted.clone().map(|v| v.1).sum();
    let mut out = [0.0; N];
    if total <= 0.0 {
        return out;
    }
    let mut next = 0;
    let mut cumulative = 0.0;
    let mut last = 0.0;
    for (value, weight) in sorted {
        cumulative += weight;
        last = value;
        while next < N && cumulative >= ps[next] * total * (1.0 - 1e-12) {
            out[next] = value;
            next += 1;
        }
        if next == N {
            return out;
        }
    }
    for o in &mut out[next..] {
        *o = last;
    }
    out
}

/// The Lorenz curve of weighted values sorted ascending at population shares `at`
/// (ascending): the share of the total carried by the lowest `q` of the weight,
/// splitting the boundary household's weight. With nothing lost it is the diagonal.
pub fn lorenz(sorted: &[(f64, f64)], at: &[f64]) -> Vec<f64> {
    let total_weight: f64 = sorted.iter().map(|v| v.1).sum();
    let total: f64 = sorted.iter().map(|v| v.0 * v.1).sum();
    if total_weight <= 0.0 || total <= 0.0 {
        return at.iter().map(|q| q.clamp(0.0, 1.0)).collect();
    }
    let mut order: Vec<usize> = (0..at.len()).collect();
    order.sort_by(|&a, &b| at[a].total_cmp(&at[b]));
    let mut out = vec![0.0; at.len()];
    let (mut i, mut weight_before, mut carried_before) = (0, 0.0, 0.0);
    for k in order {
        let target = at[k].clamp(0.0, 1.0) * total_weight;
        // Move past every value whose weight lies wholly below the target.
        while i < sorted.len() && weight_before + sorted[i].1 <= target {
            weight_before += sorted[i].1;
            carried_before += sorted[i].0 * sorted[i].1;
            i += 1;
        }
        let partial = if i < sorted.len() {
            (target - weight_before).max(0.0) * sorted[i].0
        } else {
            0.0
        };
        out[k] = ((carried_before + partial) / total).clamp(0.0, 1.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_quantile_by_hand() {
        // Values 1, 2, 10 with weights 1, 1, 2: half the weight is reached at 2, 90% at 10.
        let v = [(1.0, 1.0), (2.0, 1.0), (10.0, 2.0)];
        assert_eq!(
            weighted_quantiles(v.iter().copied(), [0.5, 0.9]),
            [2.0, 10.0]
        );
        assert_eq!(weighted_quantiles(std::iter::empty(), [0.5]), [0.0]);
    }

    #[test]
    fn concentration_by_hand() {
        // 99 households lost 1 kcal each and one lost 99: the top 1% carries half.
        let mut v: Vec<(f64, f64)> = vec![(1.0, 1.0); 99];
        v.push((99.0, 1.0));
        let below = lorenz(&v, &[0.99, 0.9, 0.0, 1.0]);
        assert!((1.0 - below[0] - 0.5).abs() < 1e-12);
        // The top 10% (ten households): 99 + 9 of 198.
        assert!((1.0 - below[1] - 108.0 / 198.0).abs() < 1e-12);
        assert_eq!((below[2], below[3]), (0.0, 1.0));
        // Equal losses: the Lorenz curve is the diagonal, and so is nothing lost.
        let eq = vec![(5.0, 2.0); 10];
        assert!((lorenz(&eq, &[0.35])[0] - 0.35).abs() < 1e-12);
        assert_eq!(lorenz(&[], &[0.35]), vec![0.35]);
    }
}
