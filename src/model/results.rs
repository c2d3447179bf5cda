//! What one iteration produces: sums per district and wealth group, the released
//! people's totals, and day-by-day series. Ratios (levy per household, shares) are
//! formed later from these sums, so that districts and groups add up exactly.

use serde::Serialize;

use super::household::PROTECTION_BANDS;
use super::season::RCSI_BANDS;

/// Number of survival-deficit bands (IPC-style phases 1–2, 3, 4, 5).
pub const BANDS: usize = 4;

/// Sums over the households of one district and wealth group, weighted by how many
/// real households each simulated household stands for.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub households: f64,
    pub persons: f64,
    /// Households that were asked to pay a levy (whether or not they could).
    pub levy_asked_households: f64,
    /// Households that paid more than zero.
    pub levied_households: f64,
    /// Levy asked for, in kcal of maize equivalent.
    pub levy_owed_kcal: f64,
    /// Levy paid, in kcal of maize equivalent.
    pub levy_kcal: f64,
    pub levy_kpw: f64,
    /// Levy paid in days of the household's own food need.
    pub levy_days: f64,
    /// Sum over levied households of the levy as a share of the stock held just before it.
    pub levy_stock_share: f64,
    /// Households whose stock ran out before the horizon, with and without the release.
    pub out_with: f64,
    pub out_without: f64,
    /// Survival deficit (kcal below need, own members) with and without the release.
    pub deficit_with: f64,
    pub deficit_without: f64,
    /// Total energy need of the households' own members over the horizon (kcal).
    pub need_total: f64,
    /// Households that lost food to the release (levy paid, sharing, incidents, hosting).
    pub affected_households: f64,
    /// Food they lost (kcal) and the same in days of their own need.
    pub food_lost_kcal: f64,
    pub food_lost_days: f64,
    pub shared_kcal: f64,
    pub taken_kcal: f64,
    pub host_fed_kcal: f64,
    /// Persons by survival-deficit band, with and without the release.
    pub band_with: [f64; BANDS],
    pub band_without: [f64; BANDS],
    /// Household-days in each rCSI band (0-3, 4-18, 19+), with and without the release.
    pub coping_days_with: [f64; RCSI_BANDS],
    pub coping_days_without: [f64; RCSI_BANDS],
    /// The week's rCSI summed over households and days, with and without the release.
    pub rcsi_with: f64,
    pub rcsi_without: f64,
    /// Livelihoods-protection spending over the horizon (kcal; 0 without `[livelihoods]`).
    pub protection_total: f64,
    /// Livelihoods-protection deficit (kcal), with and without the release.
    pub protection_deficit_with: f64,
    pub protection_deficit_without: f64,
    /// Persons without a survival deficit by livelihoods-protection band (none, under
    /// 80%, 80% or more), with and without the release.
    pub protection_band_with: [f64; PROTECTION_BANDS],
    pub protection_band_without: [f64; PROTECTION_BANDS],
}

impl Cell {
    pub fn add(&mut self, o: &Cell) {
        self.households += o.households;
        self.persons += o.persons;
        self.levy_asked_households += o.levy_asked_households;
        self.levied_households += o.levied_households;
        self.levy_owed_kcal += o.levy_owed_kcal;
        self.levy_kcal += o.levy_kcal;
        self.levy_kpw += o.levy_kpw;
        self.levy_days += o.levy_days;
        self.levy_stock_share += o.levy_stock_share;
        self.out_with += o.out_with;
        self.out_without += o.out_without;
        self.deficit_with += o.deficit_with;
        self.deficit_without += o.deficit_without;
        self.need_total += o.need_total;
        self.affected_households += o.affected_households;
        self.food_lost_kcal += o.food_lost_kcal;
        self.food_lost_days += o.food_lost_days;
        self.shared_kcal += o.shared_kcal;
        self.taken_kcal += o.taken_kcal;
        self.host_fed_kcal += o.host_fed_kcal;
        for b in 0..BANDS {
            self.band_with[b] += o.band_with[b];
            self.band_without[b] += o.band_without[b];
        }
        for b in 0..RCSI_BANDS {
            self.coping_days_with[b] += o.coping_days_with[b];
            self.coping_days_without[b] += o.coping_days_without[b];
        }
        self.rcsi_with += o.rcsi_with;
        self.rcsi_without += o.rcsi_without;
        self.protection_total += o.protection_total;
        self.protection_deficit_with += o.protection_deficit_with;
        self.protection_deficit_without += o.protection_deficit_without;
        for b in 0..PROTECTION_BANDS {
            self.protection_band_with[b] += o.protection_band_with[b];
            self.protection_band_without[b] += o.protection_band_without[b];
        }
    }
}

/// The released people of one district: counts, their food, their unmet need.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReleasedTotals {
    pub released: f64,
    pub homeless: f64,
    pub hosted: f64,
    /// Person-days present after release within the horizon.
    pub person_days: f64,
    pub person_days_below_threshold: f64,
    pub person_days_below_floor: f64,
    pub need_kcal: f64,
    pub unmet_kcal: f64,
    pub incidents: f64,
    /// Food energy of the packages handed out (kcal).
    pub package_food_kcal: f64,
    /// Value of the packages at local prices (KPW).
    pub package_kpw: f64,
    pub shared_kcal: f64,
    pub taken_kcal: f64,
    pub host_fed_kcal: f64,
    /// Food eaten by the released (kcal) and still in their hands at the horizon.
    pub consumed_kcal: f64,
    pub pantry_left_kcal: f64,
}

impl ReleasedTotals {
    pub fn add(&mut self, o: &ReleasedTotals) {
        let pairs: [(&mut f64, f64); 16] = [
            (&mut self.released, o.released),
            (&mut self.homeless, o.homeless),
            (&mut self.hosted, o.hosted),
            (&mut self.person_days, o.person_days),
            (
                &mut self.person_days_below_threshold,
                o.person_days_below_threshold,
            ),
            (&mut self.person_days_below_floor, o.person_days_below_floor),
            (&mut self.need_kcal, o.need_kcal),
            (&mut self.unmet_kcal, o.unmet_kcal),
            (&mut self.incidents, o.incidents),
            (&mut self.package_food_kcal, o.package_food_kcal),
            (&mut self.package_kpw, o.package_kpw),
            (&mut self.shared_kcal, o.shared_kcal),
            (&mut self.taken_kcal, o.taken_kcal),
            (&mut self.host_fed_kcal, o.host_fed_kcal),
            (&mut self.consumed_kcal, o.consumed_kcal),
            (&mut self.pantry_left_kcal, o.pantry_left_kcal),
        ];
        for (a, b) in pairs {
            *a += b;
        }
    }
}

/// Day-by-day counts for one district (length = horizon).
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// Households whose stock has run out by the end of each day, with and without the release.
    pub out_with: Vec<f64>,
    pub out_without: Vec<f64>,
    /// Released people present, and those eating below the threshold and below the floor.
    pub present: Vec<f64>,
    pub below_threshold: Vec<f64>,
    pub below_floor: Vec<f64>,
    /// Households whose week's rCSI is 19 or more on each day, with and without the release.
    pub rcsi19_with: Vec<f64>,
    pub rcsi19_without: Vec<f64>,
    /// Households whose week's rCSI is 4 or more on each day, with and without the release.
    pub rcsi4_with: Vec<f64>,
    pub rcsi4_without: Vec<f64>,
    /// Hosts' own members: what they ate and what they needed on each day (with the release).
    pub host_eaten: Vec<f64>,
    pub host_need: Vec<f64>,
}

impl Series {
    pub fn new(horizon: usize) -> Series {
        Series {
            out_with: vec![0.0; horizon],
            out_without: vec![0.0; horizon],
            present: vec![0.0; horizon],
            below_threshold: vec![0.0; horizon],
            below_floor: vec![0.0; horizon],
            rcsi19_with: vec![0.0; horizon],
            rcsi19_without: vec![0.0; horizon],
            rcsi4_with: vec![0.0; horizon],
            rcsi4_without: vec![0.0; horizon],
            host_eaten: vec![0.0; horizon],
            host_need: vec![0.0; horizon],
        }
    }

    /// Adds `weight` households that ran out on `day` (or never). While an iteration
    /// runs, `out_with` and `out_without` hold the households newly out on each day;
    /// [`Series::accumulate`] turns them into the count out by each day.
    pub fn mark_out(v: &mut [f64], day: Option<u32>, weight: f64) {
        if let Some(d) = day {
            v[d as usize] += weight;
        }
    }

    /// Turns "newly out on day t" into "out by the end of day t".
    pub fn accumulate(&mut self) {
        for v in [&mut self.out_with, &mut self.out_without] {
            let mut total = 0.0;
            for x in v.iter_mut() {
                total += *x;
                *x = total;
            }
        }
    }
}

/// How the release reached a household. A household may be in several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Released people lived with it.
    Host,
    /// Paid (more than zero) a levy called in a unit that received released people.
    UnitLevied,
    /// Gave food to released people at an inn.
    Sharer,
    /// Lost food in an incident.
    Robbed,
    /// Paid a district-wide levy and was reached in no other way.
    DistrictLevied,
    /// Not reached at all: no levy paid, nothing shared, taken or fed to guests, no guests.
    Untouched,
    /// Lost food in any way (each household once, whatever its roles).
    Affected,
}

impl Role {
    /// Every role of a household, in report order.
    pub const ALL: [Role; 7] = [
        Role::Host,
        Role::UnitLevied,
        Role::Sharer,
        Role::Robbed,
        Role::DistrictLevied,
        Role::Untouched,
        Role::Affected,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::UnitLevied => "unit_levied",
            Role::Sharer => "sharer",
            Role::Robbed => "robbed",
            Role::DistrictLevied => "district_levied",
            Role::Untouched => "untouched",
            Role::Affected => "affected",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of roles of one household.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles(u8);

impl Roles {
    /// A household's roles from what happened to it. `district_levy` counts only when
    /// nothing else reached it; `untouched` when nothing at all did; `affected` when it
    /// lost food.
    pub fn of(
        host: bool,
        unit_levy_paid: bool,
        shared: bool,
        robbed: bool,
        district_levy_paid: bool,
        lost_food: bool,
    ) -> Roles {
        let mut r = 0u8;
        for (on, role) in [
            (host, Role::Host),
            (unit_levy_paid, Role::UnitLevied),
            (shared, Role::Sharer),
            (robbed, Role::Robbed),
        ] {
            if on {
                r |= role.bit();
            }
        }
        if r == 0 {
            r |= if district_levy_paid {
                Role::DistrictLevied.bit()
            } else if lost_food {
                0
            } else {
                Role::Untouched.bit()
            };
        }
        if lost_food {
            r |= Role::Affected.bit();
        }
        Roles(r)
    }

    pub fn has(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }
}

/// Sums over the households of one role (weighted as everywhere).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleSums {
    pub households: f64,
    pub persons: f64,
    pub need_total: f64,
    pub food_lost_kcal: f64,
    pub food_lost_days: f64,
    pub out_with: f64,
    pub out_without: f64,
    pub deficit_with: f64,
    pub deficit_without: f64,
    /// Persons in IPC-style phase 3 or worse, with and without the release.
    pub phase3_with: f64,
    pub phase3_without: f64,
}

impl RoleSums {
    pub fn add(&mut self, o: &RoleSums) {
        for (a, b) in [
            (&mut self.households, o.households),
            (&mut self.persons, o.persons),
            (&mut self.need_total, o.need_total),
            (&mut self.food_lost_kcal, o.food_lost_kcal),
            (&mut self.food_lost_days, o.food_lost_days),
            (&mut self.out_with, o.out_with),
            (&mut self.out_without, o.out_without),
            (&mut self.deficit_with, o.deficit_with),
            (&mut self.deficit_without, o.deficit_without),
            (&mut self.phase3_with, o.phase3_with),
            (&mut self.phase3_without, o.phase3_without),
        ] {
            *a += b;
        }
    }
}

/// One household (or a group of identical ones: `weight`) that the release reached,
/// kept only until the iteration's role figures are formed.
#[derive(Debug, Clone, Copy)]
pub struct Burden {
    pub roles: Roles,
    pub weight: f64,
    /// Food lost, in days of the household's own need.
    pub days: f64,
}

/// Population shares at which the concentration (Lorenz) curve is kept.
pub const LORENZ_POINTS: usize = 21;

/// One role's figures in one iteration (a district or all districts).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleFigures {
    pub sums: RoleSums,
    /// Within the role: median and 90th percentile of food lost (days of own need).
    pub food_lost_days_median: f64,
    pub food_lost_days_p90: f64,
}

/// The released people of a place: counts and how much of their need went unmet.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReleasedBurden {
    pub persons: f64,
    /// Days of a person's need unmet: the total, median and 90th percentile over persons.
    pub unmet_days_total: f64,
    pub unmet_days_median: f64,
    pub unmet_days_p90: f64,
}

/// Who bore the burden in one place (a district, or all districts) and one iteration.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleTable {
    /// One entry per [`Role::ALL`], in that order.
    pub roles: Vec<RoleFigures>,
    pub released: ReleasedBurden,
    /// Share of all food lost carried by the most burdened 1% and 10% of affected
    /// households, food lost counted in days of each household's own need.
    pub top_1pct_share: f64,
    pub top_10pct_share: f64,
    /// Cumulative share of food lost (days of own need, least burdened first) at
    /// population shares 0, 5%, ..., 100% of affected households.
    pub lorenz: Vec<f64>,
}

impl RoleTable {
    pub fn get(&self, role: Role) -> &RoleFigures {
        &self.roles[role as usize]
    }
}

/// One district's results for one iteration.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictResult {
    /// One cell per wealth group, in the scenario's order.
    pub cells: Vec<Cell>,
    pub released: ReleasedTotals,
    pub series: Series,
    /// Inminban with released people, and how many of them were simulated day by day.
    pub touched_units: f64,
    pub simulated_units: f64,
    /// Who bore the burden in this district.
    pub roles: RoleTable,
}

/// Everything one iteration produced.
#[derive(Debug, Clone, Serialize)]
pub struct IterationResult {
    pub iteration: u64,
    /// The values drawn for the scenario's uncertain inputs, in [`crate::scenario::Scenario::inputs`] order (uncertain ones only).
    pub draws: Vec<f64>,
    /// kcal per kg of maize in this world, to report food in kg of maize equivalent.
    pub maize_kcal_per_kg: f64,
    pub districts: Vec<DistrictResult>,
    /// Who bore the burden over all districts (quantiles do not add up, so it is formed
    /// from every district's households at once).
    pub roles: RoleTable,
}
