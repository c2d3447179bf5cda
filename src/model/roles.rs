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
                kcal: sums.food_lost_kcal / sums.households.max(f64::MIN_POSITIVE),
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
    pub fn absorb(&mut self, other: &RoleAccumulator) {
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            a.add(b);
        }
        self.points.extend_from_slice(&other.points);
        self.released.extend_from_slice(&other.released);
    }

    /// The iteration's figures for this place.
    pub fn finish(&self) -> RoleTable {
        let roles = Role::ALL
            .iter()
            .map(|&role| {
                let mut values: Vec<(f64, f64)> = if role == Role::Untouched {
                    Vec::new()
                } else {
                    self.points
                        .iter()
                        .filter(|b| b.roles.has(role))
                        .map(|b| (b.days, b.weight))
                        .collect()
                };
                values.sort_by(|a, b| a.0.total_cmp(&b.0));
                RoleFigures {
                    sums: self.sums[role as usize].clone(),
                    food_lost_days_median: weighted_quantile(&values, 0.5),
                    food_lost_days_p90: weighted_quantile(&values, 0.9),
                }
            })
            .collect();
        let mut released = self.released.clone();
        released.sort_by(|a, b| a.1.total_cmp(&b.1));
        let released_persons: f64 = released.iter().map(|r| r.0).sum();
        let by_days: Vec<(f64, f64)> = released.iter().map(|&(p, d)| (d, p)).collect();
        let mut lost: Vec<(f64, f64)> = self
            .points
            .iter()
            .filter(|b| b.roles.has(Role::Affected))
            .map(|b| (b.kcal, b.weight))
            .collect();
        lost.sort_by(|a, b| a.0.total_cmp(&b.0));
        RoleTable {
            roles,
            released: ReleasedBurden {
                persons: released_persons,
                unmet_days_total: released.iter().map(|(p, d)| p * d).sum(),
                unmet_days_median: weighted_quantile(&by_days, 0.5),
                unmet_days_p90: weighted_quantile(&by_days, 0.9),
            },
            top_1pct_share: top_share(&lost, 0.01),
            top_10pct_share: top_share(&lost, 0.10),
            lorenz: (0..LORENZ_POINTS)
                .map(|k| lowest_share(&lost, k as f64 / (LORENZ_POINTS - 1) as f64))
                .collect(),
        }
    }
}

/// The share of the total carried by the top `q` of the weight; 0 when nothing was lost.
fn top_share(sorted: &[(f64, f64)], q: f64) -> f64 {
    if sorted.iter().all(|v| v.0 * v.1 <= 0.0) {
        return 0.0;
    }
    1.0 - lowest_share(sorted, 1.0 - q)
}

/// The `p` quantile of weighted values sorted ascending: the smallest value whose
/// cumulative weight reaches `p` of the total (the inverse of the weighted empirical
/// distribution). 0 when there are none.
pub fn weighted_quantile(sorted: &[(f64, f64)], p: f64) -> f64 {
    let total: f64 = sorted.iter().map(|v| v.1).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let target = p * total * (1.0 - 1e-12);
    let mut cumulative = 0.0;
    for &(value, weight) in sorted {
        cumulative += weight;
        if cumulative >= target {
            return value;
        }
    }
    sorted.last().map_or(0.0, |v| v.0)
}

/// The share of the total carried by the lowest `q` of the weight (values sorted
/// ascending), splitting the boundary household's weight: the Lorenz curve at `q`.
/// With nothing lost at all it is the diagonal (`q`).
pub fn lowest_share(sorted: &[(f64, f64)], q: f64) -> f64 {
    let total_weight: f64 = sorted.iter().map(|v| v.1).sum();
    let total: f64 = sorted.iter().map(|v| v.0 * v.1).sum();
    if total_weight <= 0.0 || total <= 0.0 {
        return if q >= 1.0 { 1.0 } else { q.clamp(0.0, 1.0) };
    }
    let mut left = q.clamp(0.0, 1.0) * total_weight;
    let mut carried = 0.0;
    for &(value, weight) in sorted {
        if left <= 0.0 {
            break;
        }
        let take = weight.min(left);
        carried += take * value;
        left -= take;
    }
    (carried / total).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_quantile_by_hand() {
        // Values 1, 2, 10 with weights 1, 1, 2: half the weight is reached at 2, 90% at 10.
        let v = [(1.0, 1.0), (2.0, 1.0), (10.0, 2.0)];
        assert_eq!(weighted_quantile(&v, 0.5), 2.0);
        assert_eq!(weighted_quantile(&v, 0.9), 10.0);
        assert_eq!(weighted_quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn concentration_by_hand() {
        // 99 households lost 1 kcal each and one lost 99: the top 1% carries half.
        let mut v: Vec<(f64, f64)> = vec![(1.0, 1.0); 99];
        v.push((99.0, 1.0));
        assert!((top_share(&v, 0.01) - 0.5).abs() < 1e-12);
        // The top 10% (ten households): 99 + 9 of 198.
        assert!((top_share(&v, 0.1) - 108.0 / 198.0).abs() < 1e-12);
        assert_eq!(top_share(&[], 0.1), 0.0);
        // Equal losses: the Lorenz curve is the diagonal.
        let eq = vec![(5.0, 2.0); 10];
        assert!((lowest_share(&eq, 0.35) - 0.35).abs() < 1e-12);
    }
}
