//! The scenario file's structure, as serde reads it.
//!
//! Every numeric field is a [`Param`]: a fixed number or a distribution, with the
//! place in the file it came from, so that later checks can point at it.
//! Distributions are *uncertainty* (drawn once per iteration); the `*_spread` fields
//! describe *variation* between households within one iteration.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::input::{Grade, Input};
use super::keys;

/// The default of input `key` of a section, with its source, as the key table
/// ([`keys`]) gives it: `table_default!(ENERGY.need_kcal)`. A key without a default
/// number stops the build.
macro_rules! table_default {
    ($section:ident . $key:ident) => {{
        const VALUE: f64 = keys::default_number(&keys::$section, stringify!($key));
        const SOURCE: Option<(&str, Grade)> = keys::field(&keys::$section, stringify!($key)).source;
        default_input(VALUE, SOURCE)
    }};
}

/// A default input, fixed at `value`, with where the number comes from.
fn default_input(value: f64, source: Option<(&str, Grade)>) -> Param {
    Spanned::new(
        0..0,
        Input {
            dist: super::Dist::Fixed { value },
            source: source.map(|s| s.0.to_string()),
            grade: source.map(|s| s.1),
            note: None,
        },
    )
}

/// A numeric input and where it stands in the file.
pub type Param = Spanned<Input>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub scenario: Meta,
    #[serde(default)]
    pub energy: Energy,
    pub release: Release,
    pub package: Package,
    #[serde(default)]
    pub levy: Levy,
    #[serde(default)]
    pub sharing: Sharing,
    #[serde(default)]
    pub incidents: Incidents,
    #[serde(default)]
    pub engine: EngineSettings,
    #[serde(default)]
    pub wealth_group: Vec<Spanned<WealthGroup>>,
    #[serde(default)]
    pub district: Vec<Spanned<District>>,
    /// Rank correlations between uncertain inputs (`[[correlation]]`).
    #[serde(default)]
    pub correlation: Vec<Spanned<Correlation>>,
    /// How acquisition, prices, stocks and temperature change by month (`[calendar]`).
    #[serde(default)]
    pub calendar: Option<Spanned<Calendar>>,
    /// How households cut consumption as their stock falls (`[coping]`).
    #[serde(default)]
    pub coping: Option<Spanned<Coping>>,
    /// The livelihoods-protection threshold (`[livelihoods]`).
    #[serde(default)]
    pub livelihoods: Option<Spanned<Livelihoods>>,
}

/// The months of the year, January first, as the calendar's arrays list them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One figure for each month of the year, January first, with its source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Monthly {
    pub months: Spanned<Vec<Spanned<f64>>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub grade: Option<super::Grade>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Monthly {
    /// The value for a month (0 = January); 1 when the array is not usable (the
    /// loader refuses such a file before anything runs).
    pub fn get(&self, month: usize) -> f64 {
        self.months
            .get_ref()
            .get(month)
            .map_or(1.0, |v| *v.get_ref())
    }
}

/// The seasons: multipliers by month on each acquisition source, prices and stocks,
/// and monthly temperatures. Months not covered by an array stay at 1 (no change).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// How strongly the monthly multipliers apply: each becomes 1 + strength x (m - 1).
    /// 1 is the calendar as written, 0 no season at all.
    #[serde(default = "Calendar::default_strength")]
    pub strength: Param,
    /// Multipliers on the public distribution ration, by month.
    #[serde(default)]
    pub ration: Option<Monthly>,
    /// Multipliers on market purchases, by month.
    #[serde(default)]
    pub market: Option<Monthly>,
    /// Multipliers on work income in kind, by month.
    #[serde(default)]
    pub work: Option<Monthly>,
    /// Multipliers on the KPW prices of the package (and so of the levy), by month.
    #[serde(default)]
    pub price: Option<Monthly>,
    /// Multipliers on the households' starting stock by the month of the start date:
    /// `stock_days` are for a start in a month whose multiplier is 1.
    #[serde(default)]
    pub stock: Option<Monthly>,
    /// Mean temperature by month (degrees C) for the cold adjustment, in place of the
    /// districts' `mean_temperature_c` (so it follows the start date).
    #[serde(default)]
    pub temperature_c: Option<Monthly>,
    /// The months of the lean season (1 = January), marked on the time charts.
    #[serde(default)]
    pub lean_months: Vec<Spanned<i64>>,
}

impl Calendar {
    fn default_strength() -> Param {
        table_default!(CALENDAR.strength)
    }

    /// The month lists it gives, by key, each with whether it holds multipliers (the
    /// temperatures do not).
    pub fn lists(&self) -> impl Iterator<Item = (&'static str, &Monthly, bool)> {
        [
            ("ration", &self.ration, true),
            ("market", &self.market, true),
            ("work", &self.work, true),
            ("price", &self.price, true),
            ("stock", &self.stock, true),
            ("temperature_c", &self.temperature_c, false),
        ]
        .into_iter()
        .filter_map(|(key, m, multiplier)| Some((key, m.as_ref()?, multiplier)))
    }
}

/// The Household Economy Approach's livelihoods-protection threshold, as the spending
/// above survival that keeps a livelihood going.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Livelihoods {
    /// KPW per person per day, converted at each district's maize price.
    pub protection_kpw: Param,
}

/// Coping: households cut their consumption before their stock runs out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coping {
    /// The steps, from the mildest (largest reserve) to the most severe.
    #[serde(default)]
    pub step: Vec<Spanned<CopingStep>>,
}

/// One coping step: below `below_days` of stock a household eats at most `eat_share`
/// of its need to keep that reserve, using the strategies listed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopingStep {
    /// Days of the household's own need kept in reserve by cutting to `eat_share`.
    pub below_days: Param,
    /// The share of need the household still eats at this step.
    pub eat_share: Param,
    /// The reduced Coping Strategies Index strategies used every day at this step.
    #[serde(default)]
    pub strategies: Vec<Spanned<Strategy>>,
}

/// The five strategies of the reduced Coping Strategies Index, with their weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Rely on less preferred, less expensive food (weight 1).
    LessPreferred,
    /// Borrow food or rely on help from relatives or friends (weight 2).
    Borrow,
    /// Limit portion size at meals (weight 1).
    LimitPortions,
    /// Restrict adults' consumption so small children can eat (weight 3).
    AdultsEatLess,
    /// Reduce the number of meals eaten in a day (weight 1).
    FewerMeals,
}

impl Strategy {
    /// The rCSI severity weight (WFP/CARE, Maxwell and Caldwell 2008).
    pub fn weight(self) -> f64 {
        match self {
            Strategy::LessPreferred | Strategy::LimitPortions | Strategy::FewerMeals => 1.0,
            Strategy::Borrow => 2.0,
            Strategy::AdultsEatLess => 3.0,
        }
    }
}

/// Two uncertain inputs that move together, as a rank (Spearman) correlation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// The two inputs' dotted paths, as `iterations.csv` names them.
    pub inputs: Spanned<Vec<Spanned<String>>>,
    /// Spearman's rank correlation, between -1 and 1 (both excluded).
    pub rank: Spanned<f64>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub grade: Option<super::Grade>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name, used for the output folder.
    pub name: Spanned<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The release date, day 0 of the horizon (YYYY-MM-DD), written as a TOML date
    /// (`start_date = 2020-10-10`) or as text (`start_date = "2020-10-10"`).
    #[serde(default, deserialize_with = "date_or_text")]
    pub start_date: Option<Spanned<String>>,
    pub horizon_days: Spanned<i64>,
    #[serde(default = "default_iterations")]
    pub iterations: Spanned<i64>,
    #[serde(default = "default_seed")]
    pub seed: Spanned<i64>,
}

/// A date as its `YYYY-MM-DD` text, read from a TOML date or from text.
struct DateText(String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DateText, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2020-10-10")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateText, E> {
                Ok(DateText(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<DateText, A::Error> {
                // A TOML date reaches serde as a one-entry map that `Datetime` reads.
                let when = toml::value::Datetime::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                match (when.date, when.time) {
                    (Some(date), None) => Ok(DateText(date.to_string())),
                    _ => Err(serde::de::Error::custom(format!(
                        "`{when}` has a time of day; write the date alone, such as 2020-10-10"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

fn date_or_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<String>>, D::Error> {
    let date = Spanned::<DateText>::deserialize(d)?;
    let span = date.span();
    Ok(Some(Spanned::new(span, date.into_inner().0)))
}

fn date_or_text_plain<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(DateText::deserialize(d)?.0))
}

fn default_iterations() -> Spanned<i64> {
    Spanned::new(
        0..0,
        const { keys::default_whole(&keys::META, "iterations") },
    )
}
fn default_seed() -> Spanned<i64> {
    Spanned::new(0..0, const { keys::default_whole(&keys::META, "seed") })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Energy {
    /// Energy need per person per day at or above the base temperature (kcal).
    #[serde(default = "Energy::default_need")]
    pub need_kcal: Param,
    /// The survival floor (kcal per person per day).
    #[serde(default = "Energy::default_floor")]
    pub survival_floor_kcal: Param,
    /// Add energy for cold weather.
    #[serde(default = "Energy::default_cold_adjustment")]
    pub cold_adjustment: bool,
    /// kcal added per `cold_step_c` degrees below `cold_base_c`.
    #[serde(default = "Energy::default_cold_kcal")]
    pub cold_kcal_per_step: Param,
    #[serde(default = "Energy::default_cold_step")]
    pub cold_step_c: Param,
    #[serde(default = "Energy::default_cold_base")]
    pub cold_base_c: Param,
    /// Energy of maize, the unit in which food is reported (kcal per kg).
    #[serde(default = "Energy::default_maize")]
    pub maize_kcal_per_kg: Param,
}

impl Energy {
    fn default_need() -> Param {
        table_default!(ENERGY.need_kcal)
    }
    fn default_floor() -> Param {
        table_default!(ENERGY.survival_floor_kcal)
    }
    fn default_cold_adjustment() -> bool {
        const { keys::default_flag(&keys::ENERGY, "cold_adjustment") }
    }
    fn default_cold_kcal() -> Param {
        table_default!(ENERGY.cold_kcal_per_step)
    }
    fn default_cold_step() -> Param {
        table_default!(ENERGY.cold_step_c)
    }
    fn default_cold_base() -> Param {
        table_default!(ENERGY.cold_base_c)
    }
    fn default_maize() -> Param {
        table_default!(ENERGY.maize_kcal_per_kg)
    }
}

impl Default for Energy {
    fn default() -> Self {
        Energy {
            need_kcal: Self::default_need(),
            survival_floor_kcal: Self::default_floor(),
            cold_adjustment: Self::default_cold_adjustment(),
            cold_kcal_per_step: Self::default_cold_kcal(),
            cold_step_c: Self::default_cold_step(),
            cold_base_c: Self::default_cold_base(),
            maize_kcal_per_kg: Self::default_maize(),
        }
    }
}

/// How the released are spread over districts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// In proportion to each district's population (times `border_weight` for border districts).
    Population,
    /// In proportion to each district's `release_weight`.
    Weights,
    /// Each district's `release_count`; `release.total` is then not used.
    Counts,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// How many are released in all the scenario's districts (persons).
    #[serde(default)]
    pub total: Option<Param>,
    #[serde(default = "Release::default_allocation")]
    pub allocation: Spanned<Allocation>,
    /// Extra weight of districts marked `border = true` under `allocation = "population"`.
    #[serde(default = "Release::default_border_weight")]
    pub border_weight: Param,
    /// Share of released people with no home, who stay at inns.
    pub share_homeless: Param,
    /// Extra energy a released person needs per day while recovering (kcal).
    pub recovery_extra_kcal: Param,
    /// Days of recovery after release.
    pub recovery_days: Param,
    #[serde(default)]
    pub wave: Vec<Spanned<Wave>>,
}

impl Release {
    fn default_allocation() -> Spanned<Allocation> {
        Spanned::new(0..0, Allocation::Population)
    }
    fn default_border_weight() -> Param {
        table_default!(RELEASE.border_weight)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// Days after the start date.
    pub day: Spanned<i64>,
    /// A label for the wave's date (YYYY-MM-DD), a TOML date or text.
    #[serde(default, deserialize_with = "date_or_text_plain")]
    pub date: Option<String>,
    /// Share of the released who come out in this wave; shares are normalised to sum to 1.
    pub share: Param,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    #[serde(default)]
    pub item: Vec<Spanned<Item>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    pub quantity: Param,
    pub unit: String,
    /// Food energy per unit (kcal); 0 for non-food items.
    #[serde(default = "Item::default_kcal")]
    pub kcal_per_unit: Param,
    /// Price per unit in the market (KPW).
    pub price_kpw_per_unit: Param,
}

impl Item {
    fn default_kcal() -> Param {
        table_default!(ITEM.kcal_per_unit)
    }
}

/// Who bears the residents' share of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevyBase {
    /// The households of the inminban that a released person is assigned to split it.
    Inminban,
    /// Every household of the district pays an equal part.
    District,
    /// The family that takes a released person in pays; for people at inns, their inminban.
    HostFamily,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levy {
    /// Share of the package's cost levied from residents; the office or the state pays the rest.
    #[serde(default = "Levy::default_share")]
    pub resident_share: Param,
    #[serde(default = "Levy::default_base")]
    pub falls_on: Spanned<LevyBase>,
}

impl Levy {
    fn default_share() -> Param {
        table_default!(LEVY.resident_share)
    }
    fn default_base() -> Spanned<LevyBase> {
        Spanned::new(0..0, LevyBase::Inminban)
    }
}

impl Default for Levy {
    fn default() -> Self {
        Levy {
            resident_share: Self::default_share(),
            falls_on: Self::default_base(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sharing {
    /// Probability that a household of the unit is willing to share with the released at inns.
    #[serde(default = "Sharing::default_propensity")]
    pub propensity: Param,
    /// Only households whose stock exceeds this many days of their own need share.
    #[serde(default = "Sharing::default_floor")]
    pub stock_floor_days: Param,
    /// At most this share of a sharer's own daily need is given per day.
    #[serde(default = "Sharing::default_max")]
    pub max_share_of_need: Param,
}

impl Sharing {
    fn default_propensity() -> Param {
        table_default!(SHARING.propensity)
    }
    fn default_floor() -> Param {
        table_default!(SHARING.stock_floor_days)
    }
    fn default_max() -> Param {
        table_default!(SHARING.max_share_of_need)
    }
}

impl Default for Sharing {
    fn default() -> Self {
        Sharing {
            propensity: Self::default_propensity(),
            stock_floor_days: Self::default_floor(),
            max_share_of_need: Self::default_max(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incidents {
    /// Incidents per person-day of completely unmet need (scaled by the unmet share).
    #[serde(default = "Incidents::default_rate")]
    pub rate_per_unfed_person_day: Param,
    /// Food taken from a household in one incident (kg of maize equivalent).
    #[serde(default = "Incidents::default_take")]
    pub take_kg: Param,
}

impl Incidents {
    fn default_rate() -> Param {
        table_default!(INCIDENTS.rate_per_unfed_person_day)
    }
    fn default_take() -> Param {
        table_default!(INCIDENTS.take_kg)
    }
}

impl Default for Incidents {
    fn default() -> Self {
        Incidents {
            rate_per_unfed_person_day: Self::default_rate(),
            take_kg: Self::default_take(),
        }
    }
}

/// Settings of the fast engine's sampling; they trade run time for Monte Carlo error.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineSettings {
    /// At most this many inminban with released people are simulated day by day per
    /// district and iteration; more are represented by a random sample of this size.
    #[serde(default = "EngineSettings::default_units")]
    pub unit_sample: Spanned<i64>,
    /// Points of the grid over the acquisition draw in the expectation that stands for
    /// the households the release does not reach directly (their stock and size are
    /// integrated exactly).
    #[serde(default = "EngineSettings::default_households")]
    pub household_sample: Spanned<i64>,
}

impl EngineSettings {
    fn default_units() -> Spanned<i64> {
        Spanned::new(
            0..0,
            const { keys::default_whole(&keys::ENGINE, "unit_sample") },
        )
    }
    fn default_households() -> Spanned<i64> {
        Spanned::new(
            0..0,
            const { keys::default_whole(&keys::ENGINE, "household_sample") },
        )
    }
}

impl Default for EngineSettings {
    fn default() -> Self {
        EngineSettings {
            unit_sample: Self::default_units(),
            household_sample: Self::default_households(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WealthGroup {
    pub name: String,
    /// Share of households in this group; shares are normalised to sum to 1.
    pub share: Param,
    /// Median household food stock at the start, in days of the household's own need.
    pub stock_days: Param,
    /// Variation: lognormal sigma of household stocks around the median.
    #[serde(default = "WealthGroup::default_spread")]
    pub stock_spread: Param,
    /// Daily acquisition from the public distribution ration, as a share of need.
    #[serde(default = "WealthGroup::default_ration")]
    pub ration_share: Param,
    /// Daily acquisition from market purchases, as a share of need.
    #[serde(default = "WealthGroup::default_market")]
    pub market_share: Param,
    /// Daily acquisition from work (in kind, farming, side jobs), as a share of need.
    #[serde(default = "WealthGroup::default_work")]
    pub work_share: Param,
    /// Variation: lognormal sigma of a household's acquisition around the group's.
    #[serde(default = "WealthGroup::default_acq_spread")]
    pub acquisition_spread: Param,
    /// The group's own multipliers by month on its sources (`[wealth_group.calendar]`).
    #[serde(default)]
    pub calendar: Option<Spanned<GroupCalendar>>,
}

/// A wealth group's own monthly multipliers on its acquisition sources: each one given
/// replaces the `[calendar]`'s for this group; `calendar.strength` scales them alike.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCalendar {
    /// In place of `calendar.ration` for this group.
    #[serde(default)]
    pub ration: Option<Monthly>,
    /// In place of `calendar.market` for this group.
    #[serde(default)]
    pub market: Option<Monthly>,
    /// In place of `calendar.work` for this group.
    #[serde(default)]
    pub work: Option<Monthly>,
}

impl GroupCalendar {
    /// The month lists it gives, by key (all multipliers).
    pub fn lists(&self) -> impl Iterator<Item = (&'static str, &Monthly)> {
        [
            ("ration", &self.ration),
            ("market", &self.market),
            ("work", &self.work),
        ]
        .into_iter()
        .filter_map(|(key, m)| Some((key, m.as_ref()?)))
    }
}

impl WealthGroup {
    fn default_spread() -> Param {
        table_default!(WEALTH_GROUP.stock_spread)
    }
    fn default_ration() -> Param {
        table_default!(WEALTH_GROUP.ration_share)
    }
    fn default_market() -> Param {
        table_default!(WEALTH_GROUP.market_share)
    }
    fn default_work() -> Param {
        table_default!(WEALTH_GROUP.work_share)
    }
    fn default_acq_spread() -> Param {
        table_default!(WEALTH_GROUP.acquisition_spread)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub name: Spanned<String>,
    /// Residents (persons); give this or `households`.
    #[serde(default)]
    pub population: Option<Param>,
    /// Households; give this or `population`.
    #[serde(default)]
    pub households: Option<Param>,
    pub persons_per_household: Param,
    pub households_per_inminban: Param,
    /// Mean temperature over the horizon (°C), for the cold-weather adjustment.
    #[serde(default = "District::default_temperature")]
    pub mean_temperature_c: Param,
    /// A border district gets `release.border_weight` under population allocation.
    #[serde(default = "District::default_border")]
    pub border: bool,
    /// Local market price of maize (KPW per kg).
    pub maize_price_kpw: Param,
    /// Local price level of package items relative to their listed prices.
    #[serde(default = "District::default_price_index")]
    pub price_index: Param,
    /// Weight under `allocation = "weights"`.
    #[serde(default)]
    pub release_weight: Option<Param>,
    /// Count under `allocation = "counts"`.
    #[serde(default)]
    pub release_count: Option<Param>,
    /// Wealth groups of this district, replacing the scenario's `[[wealth_group]]`.
    #[serde(default)]
    pub wealth_group: Vec<Spanned<WealthGroup>>,
}

impl District {
    fn default_temperature() -> Param {
        table_default!(DISTRICT.mean_temperature_c)
    }
    fn default_price_index() -> Param {
        table_default!(DISTRICT.price_index)
    }
    fn default_border() -> bool {
        const { keys::default_flag(&keys::DISTRICT, "border") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The choices' defaults are enum variants here and words in the key table: the
    /// same word either way.
    #[test]
    fn the_choices_default_to_the_tables_words() {
        let word = |section: &'static keys::Section, key: &str| match section.field(key) {
            Some(keys::Field {
                fallback: keys::Fallback::Word(w),
                ..
            }) => serde_json::json!(w),
            _ => panic!("{key} has no default word"),
        };
        assert_eq!(
            serde_json::json!(Release::default_allocation().into_inner()),
            word(&keys::RELEASE, "allocation")
        );
        assert_eq!(
            serde_json::json!(Levy::default_base().into_inner()),
            word(&keys::LEVY, "falls_on")
        );
    }
}
