//! The numbers each chart draws, written beside it as `charts/NAME.csv` so that a
//! student can redraw it in a spreadsheet.
//!
//! The drawing helpers ([`super::lines::draw`], [`super::bars::draw`]) and the two
//! charts that draw on their own (the distribution and the convergence chart) record
//! each point they draw while [`super::render`] draws the chart once. Every chart's
//! file has the same columns ([`COLUMNS`]): which panel and series, where along the x
//! axis or which bar, and the median (or the value) with its interval.

use std::cell::RefCell;

/// The columns of every chart's CSV file.
pub const COLUMNS: [&str; 8] = [
    "panel",
    "series",
    "x",
    "median",
    "low",
    "high",
    "band50_low",
    "band50_high",
];

thread_local! {
    static RECORDING: RefCell<Option<Vec<[String; 8]>>> = const { RefCell::new(None) };
}

/// Starts recording what is drawn on this thread.
pub fn start() {
    RECORDING.with(|r| *r.borrow_mut() = Some(Vec::new()));
}

/// Stops recording and returns the CSV of what was drawn.
pub fn finish() -> Vec<u8> {
    let rows = RECORDING
        .with(|r| r.borrow_mut().take())
        .unwrap_or_default();
    crate::output::csv_bytes(|w| {
        w.write_record(COLUMNS)?;
        for row in rows {
            w.write_record(row)?;
        }
        Ok(())
    })
}

/// One drawn point: `low`/`high` is the 90% interval (or a 95% band where the chart
/// says so), `band50` the middle 50% where the chart draws it.
pub struct Point<'a> {
    pub panel: &'a str,
    pub series: &'a str,
    pub x: String,
    pub median: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub band50: Option<(f64, f64)>,
}

/// Records a point, if recording.
pub fn record(p: Point) {
    RECORDING.with(|r| {
        if let Some(rows) = r.borrow_mut().as_mut() {
            let num = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
            rows.push([
                p.panel.to_string(),
                p.series.to_string(),
                p.x,
                p.median.to_string(),
                num(p.low),
                num(p.high),
                num(p.band50.map(|b| b.0)),
                num(p.band50.map(|b| b.1)),
            ]);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_drawn_while_recording_is_kept() {
        let point = |x: &str| Point {
            panel: "p",
            series: "s",
            x: x.into(),
            median: 0.5,
            low: Some(0.25),
            high: None,
            band50: None,
        };
        record(point("before"));
        start();
        record(point("1"));
        let csv = String::from_utf8(finish()).unwrap_or_default();
        assert_eq!(
            csv,
            "panel,series,x,median,low,high,band50_low,band50_high\np,s,1,0.5,0.25,,,\n"
        );
    }
}
