//! `report.html`: one self-contained page. The charts are inline SVG, the styles are
//! inline, and nothing is loaded from the network, so it opens from disk anywhere.

use super::Report;
use crate::charts::Chart;
use crate::output::RunInfo;
use crate::scenario::Scenario;
use crate::summary::Summary;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: sans-serif; max-width: 1240px; margin: 2em auto; padding: 0 1em; color: #1e1e1e; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
figure { margin: 1.5em 0; }
figure svg { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #444; margin-top: 0.4em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr.estimate td { background: #fff4dc; }
.grade { font-weight: bold; white-space: nowrap; }
code, pre { background: #f4f4f4; padding: 0.1em 0.3em; }
pre { padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }
.lead { color: #444; }
";

pub fn render(sc: &Scenario, info: &RunInfo, summary: &Summary, charts: &[Chart]) -> String {
    let r = Report::new(sc, info, summary);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str(&format!("<title>{}</title>\n", escape(&r.title)));
    h.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    h.push_str(&format!("<h1>{}</h1>\n", escape(&r.title)));
    if !r.description.is_empty() {
        h.push_str(&format!(
            "<p class=\"lead\">{}</p>\n",
            escape(&r.description)
        ));
    }

    h.push_str("<h2>Headline findings</h2>\n<ul>\n");
    for f in &r.findings {
        h.push_str(&format!("<li>{}</li>\n", escape(f)));
    }
    h.push_str("</ul>\n<p>The 90% interval is the spread of outcomes across iterations; ± is the Monte Carlo error of the mean, the precision of the simulation itself.</p>\n");

    h.push_str("<h2>Charts</h2>\n");
    for (i, c) in charts.iter().enumerate() {
        h.push_str(&format!(
            "<figure id=\"{}\">\n{}\n<figcaption><strong>Figure {}. {}.</strong> {} (<a href=\"{}\">PNG</a>, <a href=\"{}\">SVG</a>)</figcaption>\n</figure>\n",
            c.stem,
            c.svg.trim(),
            i + 1,
            escape(&c.title),
            escape(&c.caption),
            escape(&c.png_name()),
            escape(&c.svg_name()),
        ));
    }

    h.push_str("<h2>Methods</h2>\n");
    h.push_str(&format!("<p>{}</p>\n", escape(&r.methods)));
    h.push_str("<h2>Caveats</h2>\n");
    h.push_str(&format!("<p>{}</p>\n", escape(&r.caveats)));
    if !r.warnings.is_empty() {
        h.push_str("<p>The scenario check raised these warnings:</p>\n<ul>\n");
        for w in &r.warnings {
            h.push_str(&format!("<li>{}</li>\n", escape(w)));
        }
        h.push_str("</ul>\n");
    }

    h.push_str("<h2>Assumptions</h2>\n");
    h.push_str(&format!(
        "<p>Every input of the scenario with its value or distribution, unit, source and grade. \
         Grades: <strong>S</strong> sourced, <strong>S2</strong> sourced through a secondary copy, \
         <strong>E</strong> an estimate. The {} rows shaded and marked \u{201c}E \u{2013} estimate\u{201d} \
         are estimates, not facts. Kind: <em>uncertainty</em> is drawn once per iteration, \
         <em>variation</em> differs between households, <em>fixed</em> is one number.</p>\n",
        r.estimates
    ));
    h.push_str("<table>\n<thead><tr><th>Input</th><th>Value or distribution</th><th>Unit</th><th>Kind</th><th>Source</th><th>Grade</th></tr></thead>\n<tbody>\n");
    for row in &r.inputs {
        let estimate = row.grade == "E";
        let grade = if estimate {
            "E \u{2013} estimate".to_string()
        } else if row.grade == "-" {
            "ungraded".to_string()
        } else {
            format!("{} \u{2013} {}", row.grade, row.grade_meaning)
        };
        let meaning = if row.meaning.is_empty() {
            String::new()
        } else {
            format!("<br/><small>{}</small>", escape(row.meaning))
        };
        let note = if row.note.is_empty() {
            String::new()
        } else {
            format!("<br/><small>{}</small>", escape(&row.note))
        };
        h.push_str(&format!(
            "<tr{}><td><code>{}</code>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td class=\"grade\">{}</td></tr>\n",
            if estimate { " class=\"estimate\"" } else { "" },
            escape(&row.path),
            meaning,
            escape(&row.value),
            escape(row.unit),
            escape(row.kind),
            escape(&row.source),
            note,
            escape(&grade),
        ));
    }
    h.push_str("</tbody>\n</table>\n");

    h.push_str("<h2>How to reproduce this report</h2>\n");
    h.push_str(&format!(
        "<p>Made by burden {} from the scenario <code>{}</code> (SHA-256 <code>{}</code>) with this command (the command exactly as typed is in <code>manifest.json</code>):</p>\n<pre>{}</pre>\n\
         <p>The same version, scenario file and seed give the same numbers and the same charts, on any number of threads.</p>\n",
        escape(&r.version),
        escape(&r.scenario_file),
        escape(&r.scenario_sha256),
        escape(&r.command_line),
    ));
    h.push_str("</body>\n</html>\n");
    h
}
