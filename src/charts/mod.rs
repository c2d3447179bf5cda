//! The run's charts, each drawn once as PNG (for documents) and once as SVG (for
//! editing and for the HTML report).
//!
//! A chart is a [`Figure`]: it is built from the [`Summary`] alone, knows its title,
//! caption and size, and draws its panels into the area between the shared title and
//! footer that [`render`] lays out. Drawing uses only the embedded font
//! ([`style::FONT`]) and no clock or random source, so the same seed gives the same
//! bytes.
//!
//! The day-by-day charts share their layout ([`days`]) and, for a scenario with a
//! calendar, the lean season and month labels of their day axis ([`season`]).
//!
//! The what-if commands draw their own figures from the same parts ([`lines`],
//! [`bars`], [`legend`], [`style`]): [`compare`], [`sweep`], [`tornado`] (sensitivity)
//! and [`convergence`] (`run --precision`), each panel of a headline figure laid out
//! by [`headline`].

pub mod bars;
pub mod compare;
pub mod convergence;
pub mod coping;
pub mod data;
pub mod days;
pub mod discover;
pub mod distribution;
pub mod hea;
pub mod headline;
pub mod incidents;
pub mod legend;
pub mod levy;
pub mod lines;
pub mod no_stock;
pub mod released;
pub mod results;
pub mod roles;
pub mod season;
pub mod style;
pub mod sweep;
pub mod tornado;

use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

use crate::output::RunInfo;
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::Estimate;
use crate::summary::Summary;

/// One rendered chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File name without extension, e.g. `no_stock`.
    pub stem: &'static str,
    pub title: String,
    /// What the chart shows and what its bands mean, for the report.
    pub caption: String,
    pub png: Vec<u8>,
    pub svg: String,
    /// The numbers drawn, as CSV ([`data::COLUMNS`]).
    pub data: Vec<u8>,
}

impl Chart {
    pub fn csv_name(&self) -> String {
        format!("charts/{}.csv", self.stem)
    }

    pub fn png_name(&self) -> String {
        format!("charts/{}.png", self.stem)
    }

    pub fn svg_name(&self) -> String {
        format!("charts/{}.svg", self.stem)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("could not draw the chart {chart}: {message}")]
    Draw {
        chart: &'static str,
        message: String,
    },
    #[error("could not encode the chart {chart} as PNG: {message}")]
    Png {
        chart: &'static str,
        message: String,
    },
}

/// A drawing failure of either backend, as text.
#[derive(Debug)]
pub struct DrawError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

/// Something [`render`] can draw.
pub trait Figure {
    const STEM: &'static str;
    fn title(&self) -> String;
    fn caption(&self) -> String;
    /// Height of the area between title and footer (the width is [`style::WIDTH`]).
    fn body_height(&self) -> u32;
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError>;
}

/// Every chart of a run, in report order. A chart with nothing to show (no districts,
/// no iterations) is left out rather than drawn empty.
pub fn render_all(
    sc: &Scenario,
    info: &RunInfo,
    summary: &Summary,
) -> Result<Vec<Chart>, ChartError> {
    let footer = style::footer(
        &info.scenario_name,
        info.seed,
        info.iterations,
        info.version,
    );
    draw_all(vec![
        job!(roles::Roles::from_summary(summary), &footer),
        job!(no_stock::NoStock::from_summary(sc, summary), &footer),
        job!(
            no_stock::NoStockDifference::from_summary(sc, summary),
            &footer
        ),
        job!(coping::Coping::from_summary(sc, summary), &footer),
        job!(coping::CopingHosts::from_summary(sc, summary), &footer),
        job!(hea::Hea::from_summary(sc, summary), &footer),
        job!(levy::Levy::from_summary(sc, summary), &footer),
        job!(distribution::Distribution::from_summary(summary), &footer),
        job!(released::Released::from_summary(sc, summary), &footer),
        job!(incidents::Incidents::from_summary(sc, summary), &footer),
    ])
}

/// One chart to draw, or none when its figure has nothing to show.
pub type Job<'a> = Box<dyn FnOnce() -> Option<Result<Chart, ChartError>> + Send + 'a>;

/// A [`Job`] drawing `$figure` (an `Option` of a [`Figure`]) with `$footer`.
macro_rules! job {
    ($figure:expr, $footer:expr) => {
        Box::new(|| $figure.map(|f| $crate::charts::render(&f, $footer))) as $crate::charts::Job
    };
}
pub(crate) use job;

/// Draws each chart on its own, side by side on the threads there are, and keeps them
/// in the order given (drawing shares nothing but the registered font).
pub fn draw_all(jobs: Vec<Job>) -> Result<Vec<Chart>, ChartError> {
    let drawn: Vec<Option<Result<Chart, ChartError>>> = jobs.into_par_iter().map(|j| j()).collect();
    drawn.into_iter().flatten().collect()
}

/// Draws a figure on both backends.
pub fn render<F: Figure>(figure: &F, footer: &str) -> Result<Chart, ChartError> {
    style::ensure_font();
    let size = (
        style::WIDTH,
        style::TITLE_HEIGHT + figure.body_height() + style::FOOTER_HEIGHT,
    );
    let draw_err = |e: DrawError| ChartError::Draw {
        chart: F::STEM,
        message: e.0,
    };

    let mut svg = String::new();
    // The numbers are recorded while the SVG is drawn (the PNG draws the same).
    data::start();
    let data = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = frame(figure, footer, &root).map_err(draw_err);
        let data = data::finish();
        drawn?;
        root.present().map_err(|e| draw_err(e.into()))?;
        data
    };

    let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        frame(figure, footer, &root).map_err(draw_err)?;
        root.present().map_err(|e| draw_err(e.into()))?;
    }
    let png = encode_png(&rgb, size).map_err(|message| ChartError::Png {
        chart: F::STEM,
        message,
    })?;

    Ok(Chart {
        stem: F::STEM,
        title: figure.title(),
        caption: figure.caption(),
        png,
        svg,
        data,
    })
}

/// White page, title on top, footer at the bottom, the figure in between.
fn frame<F: Figure, DB: DrawingBackend>(
    figure: &F,
    footer: &str,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), DrawError> {
    root.fill(&WHITE)?;
    let (_, height) = root.dim_in_pixel();
    let (top, rest) = root.split_vertically(style::TITLE_HEIGHT);
    let (body, bottom) = rest.split_vertically(height - style::TITLE_HEIGHT - style::FOOTER_HEIGHT);
    top.draw(&Text::new(
        figure.title(),
        (24, 14),
        style::text(style::TITLE_SIZE),
    ))?;
    bottom.draw(&Text::new(
        footer.to_string(),
        (24, 8),
        style::muted_text(style::FOOTER_SIZE),
    ))?;
    figure.draw(&body)
}

/// The scopes a per-district chart shows: the total first when there are several
/// districts, then each district.
pub fn district_labels(sc: &Scenario) -> Vec<Scope> {
    let names = sc.district_names();
    let mut labels = Vec::with_capacity(names.len() + 1);
    if names.len() > 1 {
        labels.push(Scope::Total);
    }
    labels.extend(names.into_iter().map(Scope::District));
    labels
}

/// Per scope of [`district_labels`] (the total named "All districts"), the
/// median and 90% interval of a whole-district metric.
pub fn district_rows(
    sc: &Scenario,
    summary: &Summary,
    metric: &str,
) -> (Vec<String>, Vec<Option<bars::Value>>) {
    district_labels(sc)
        .into_iter()
        .map(|d| {
            let value = summary
                .entity(&d)
                .and_then(|e| e.get(metric))
                .map(bars::Value::from);
            (d.title(), value)
        })
        .unzip()
}

/// One day-by-day series of the total or a district.
pub fn series<'a>(summary: &'a Summary, scope: &Scope, metric: &str) -> Option<&'a [Estimate]> {
    summary
        .series
        .iter()
        .find(|s| s.scope == *scope && s.metric == metric)
        .map(|s| s.days.as_slice())
}

/// The description of a day axis, with the calendar date of day 0 when the scenario has one.
pub fn day_axis(sc: &Scenario) -> String {
    match &sc.file.scenario.start_date {
        Some(d) => format!("Days from the start (day 0 = {})", d.get_ref()),
        None => "Days from the start".to_string(),
    }
}

/// PNG bytes of an RGB buffer, with fixed settings so the bytes depend on the pixels only.
fn encode_png(rgb: &[u8], (width, height): (u32, u32)) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Default);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(rgb).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
