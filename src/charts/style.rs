//! What every chart shares: the embedded font, the colours, text sizes, the footer and
//! small helpers for axes and bands.
//!
//! The font is compiled into the binary and registered with plotters' `ab_glyph`
//! renderer, so no chart ever depends on fontconfig, freetype or the fonts of the
//! machine it runs on, and the same seed gives the same bytes everywhere.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

/// Burden Sans: DejaVu Sans's Latin, Greek and symbols with Nanum Gothic's Hangul, so
/// that Korean place names are drawn, not boxes. Built by `assets/fonts/build-font.py`
/// (licences: `assets/fonts/LICENSE-DejaVu.txt`, `assets/fonts/LICENSE-Nanum.txt`).
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/BurdenSans.ttf");

/// The family name the charts ask for; SVG text is written with this family too.
pub const FAMILY: &str = "sans-serif";

static REGISTER: Once = Once::new();

/// Registers the embedded font once per process. A font that fails to parse is
/// caught by a unit test, so a failure here can only mean a broken build.
pub fn ensure_font() {
    REGISTER.call_once(|| {
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

// Okabe-Ito colours, chosen so that each pair a chart compares also differs in
// lightness (they stay apart in greyscale) and in line pattern.
/// The outcome with the release: dark blue.
pub const WITH: RGBColor = RGBColor(0, 114, 178);
/// The counterfactual without the release: orange, drawn dashed.
pub const WITHOUT: RGBColor = RGBColor(230, 159, 0);
/// A second outcome beside [`WITH`] (below the survival floor): vermilion.
pub const ALERT: RGBColor = RGBColor(213, 94, 0);
/// Okabe-Ito colours in the order the what-if charts give them to scenarios or sweep
/// lines: blue, orange, black, vermilion, sky blue, reddish purple. The first three
/// are far apart in lightness (luma about 87, 162 and 0), so they stay apart in
/// greyscale too.
pub const PALETTE: [RGBColor; 6] = [
    WITH,
    WITHOUT,
    RGBColor(0, 0, 0),
    ALERT,
    RGBColor(86, 180, 233),
    RGBColor(204, 121, 167),
];
/// Thresholds and reference lines.
pub const INK: RGBColor = RGBColor(30, 30, 30);
pub const MUTED: RGBColor = RGBColor(90, 90, 90);
pub const GRID: RGBColor = RGBColor(225, 225, 225);

/// The lean season behind the lines of a day axis: a light grey, apart from the
/// blue and orange bands in colour and in greyscale.
pub const LEAN: RGBAColor = RGBAColor(0, 0, 0, 0.08);

/// Opacity of the 50% and 90% bands around a median.
pub const BAND50: f64 = 0.35;
pub const BAND90: f64 = 0.15;

pub const WIDTH: u32 = 1200;
pub const TITLE_SIZE: u32 = 30;
pub const PANEL_TITLE_SIZE: u32 = 20;
pub const LABEL_SIZE: u32 = 17;
pub const DESC_SIZE: u32 = 18;
pub const FOOTER_SIZE: u32 = 15;
pub const TITLE_HEIGHT: u32 = 56;
pub const FOOTER_HEIGHT: u32 = 36;

pub fn text(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

pub fn muted_text(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&MUTED)
}

/// The line under every chart: what made it.
pub fn footer(scenario: &str, seed: u64, iterations: u64, version: &str) -> String {
    format!(
        "Scenario {scenario} · seed {seed} · {} · burden {version}",
        crate::format::count(iterations as usize, "iteration")
    )
}

/// A tick label for a share: as many decimals of a percent as a short axis needs. The
/// ticks of an axis to `max` can be as fine as a fortieth of it (0.025 on an axis to
/// 0.25%), so small axes get one decimal more than their top needs.
pub fn percent(max: f64) -> impl Fn(&f64) -> String {
    let top = (max * 100.0).abs();
    let decimals = if !top.is_finite() || top >= 5.0 || top == 0.0 {
        0
    } else {
        (2.0 - top.log10().floor()).clamp(0.0, 5.0) as usize
    };
    move |v: &f64| format!("{:.*}%", decimals, v * 100.0)
}

/// A tick label for a plain quantity.
pub fn plain(max: f64) -> impl Fn(&f64) -> String {
    move |v: &f64| {
        if max >= 1000.0 {
            crate::format::thousands(*v)
        } else if max >= 10.0 {
            format!("{v:.0}")
        } else if max >= 1.0 {
            format!("{v:.1}")
        } else {
            format!("{v:.2}")
        }
    }
}

/// A top for a value axis that starts at zero: a little head room, never an empty range.
pub fn axis_top(max: f64) -> f64 {
    if max.is_finite() && max > 0.0 {
        max * 1.08
    } else {
        1.0
    }
}

/// Rows and columns for `n` small panels.
pub fn grid(n: usize) -> (usize, usize) {
    let cols = match n {
        0 | 1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    (n.div_ceil(cols).max(1), cols)
}

/// A band between two lines, as one polygon (upper edge, then the lower edge back).
pub fn band(
    days: &[f64],
    low: &[f64],
    high: &[f64],
    colour: RGBColor,
    opacity: f64,
) -> Polygon<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = days.iter().copied().zip(high.iter().copied()).collect();
    points.extend(days.iter().copied().zip(low.iter().copied()).rev());
    Polygon::new(points, colour.mix(opacity).filled())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_font_parses() {
        assert!(FONT.len() > 100_000);
        assert!(
            plotters::style::register_font("burden-test", FontStyle::Normal, FONT).is_ok(),
            "the embedded font must be a valid TrueType file"
        );
    }

    /// The pixels of `text` drawn in the embedded font.
    fn drawn(text: &str) -> Vec<u8> {
        ensure_font();
        let mut buffer = vec![255u8; 120 * 40 * 3];
        {
            let area = BitMapBackend::with_buffer(&mut buffer, (120, 40)).into_drawing_area();
            area.draw(&Text::new(text.to_string(), (4, 4), text_style(28)))
                .expect("drawn");
            area.present().expect("presented");
        }
        buffer
    }

    fn text_style(size: u32) -> TextStyle<'static> {
        (FAMILY, size).into_font().color(&BLACK)
    }

    #[test]
    fn hangul_and_the_symbols_the_charts_use_are_glyphs_not_boxes() {
        // A missing glyph is drawn as the same box for every character, so two
        // different characters that draw the same pixels are both missing.
        let blank = vec![255u8; 120 * 40 * 3];
        for pair in [
            ["나", "남"],
            ["혜", "산"],
            ["−", "±"],
            ["×", "≥"],
            ["–", "…"],
            ["ŏ", "é"],
        ] {
            let (a, b) = (drawn(pair[0]), drawn(pair[1]));
            assert_ne!(a, blank, "{} draws nothing", pair[0]);
            assert_ne!(a, b, "{} and {} draw the same box", pair[0], pair[1]);
        }
    }

    #[test]
    fn percent_ticks_keep_small_shares_apart() {
        assert_eq!(percent(0.7)(&0.5), "50%");
        assert_eq!(percent(0.04)(&0.005), "0.50%");
        // An axis to 0.25% has ticks at 0.025%: not "0.03%".
        assert_eq!(percent(0.0025)(&0.00025), "0.025%");
        assert_eq!(percent(0.0004)(&0.0001), "0.0100%");
    }

    #[test]
    fn grids_hold_every_panel() {
        for n in 1..=12 {
            let (rows, cols) = grid(n);
            assert!(rows * cols >= n && rows * cols < n + cols, "{n}");
        }
        assert_eq!(grid(11), (4, 3));
    }
}
