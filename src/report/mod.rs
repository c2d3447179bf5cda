//! Reports: `report.html` (one self-contained page, charts as inline SVG, no scripts,
//! nothing from the network) and `report.md` (linking the PNGs in `charts/`), written
//! by every command that simulates.
//!
//! Each command builds one [`Report`] from its typed result ([`run`], [`compare`],
//! [`sweep`], [`sensitivity`]): a title and sections of paragraphs, lists, tables
//! ([`table::Table`], the renderer the terminal uses too), charts and code. The two
//! renderings here only lay that out, so both files always say the same.

pub mod compare;
pub mod discover;
pub mod findings;
pub mod inline;
pub mod run;
pub mod season;
pub mod sensitivity;
pub mod sweep;
pub mod table;

use crate::charts::Chart;
pub use inline::escape;
use table::Table;

/// A report: what both files say, in order.
pub struct Report<'a> {
    pub title: String,
    /// Paragraphs under the title.
    pub lead: Vec<String>,
    pub sections: Vec<Section<'a>>,
}

pub struct Section<'a> {
    pub heading: String,
    pub blocks: Vec<Block<'a>>,
}

/// Text may hold the inline marks of [`inline`].
pub enum Block<'a> {
    Paragraph(String),
    List(Vec<String>),
    Table(Table),
    /// Numbered figures, each with its caption and links to its PNG and SVG.
    Charts(&'a [Chart]),
    /// A command to copy, shown as it is.
    Code(String),
}

impl<'a> Section<'a> {
    pub fn new(heading: impl Into<String>, blocks: Vec<Block<'a>>) -> Section<'a> {
        Section {
            heading: heading.into(),
            blocks,
        }
    }
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
code, pre { background: #f4f4f4; padding: 0.1em 0.3em; }
pre { padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }
.lead { color: #444; }
";

impl Report<'_> {
    /// The charts section of a report: the charts, a sentence when they were skipped
    /// (`--no-charts`, `None`), or nothing when there are none to draw.
    pub fn charts_section(charts: Option<&[Chart]>) -> Option<Section<'_>> {
        match charts {
            None => Some(Section::new(
                "Charts",
                vec![Block::Paragraph(
                    "Charts were skipped (--no-charts): no chart or chart data was written. Run the same command without --no-charts to draw them.".into(),
                )],
            )),
            Some(charts) => (!charts.is_empty())
                .then(|| Section::new("Charts", vec![Block::Charts(charts)])),
        }
    }

    pub fn markdown(&self) -> String {
        let mut m = format!("# {}\n\n", self.title);
        for p in &self.lead {
            m.push_str(&format!("{p}\n\n"));
        }
        let mut figure = 0;
        for s in &self.sections {
            m.push_str(&format!("## {}\n\n", s.heading));
            for b in &s.blocks {
                match b {
                    Block::Paragraph(p) => m.push_str(&format!("{p}\n\n")),
                    Block::List(items) => {
                        for i in items {
                            m.push_str(&format!("- {}\n", i.replace('\n', " ")));
                        }
                        m.push('\n');
                    }
                    Block::Table(t) => {
                        m.push_str(&t.markdown());
                        m.push('\n');
                    }
                    Block::Charts(charts) => {
                        for c in charts.iter() {
                            figure += 1;
                            m.push_str(&format!(
                                "![{}]({})\n\n**Figure {figure}. {}.** {} ([SVG]({}), [the numbers drawn, CSV]({}))\n\n",
                                c.title,
                                c.png_name(),
                                c.title,
                                c.caption,
                                c.svg_name(),
                                c.csv_name()
                            ));
                        }
                    }
                    Block::Code(c) => m.push_str(&format!("```\n{c}\n```\n\n")),
                }
            }
        }
        format!("{}\n", m.trim_end())
    }

    pub fn html(&self) -> String {
        let mut h = String::from(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n",
        );
        h.push_str(&format!("<title>{}</title>\n", escape(&self.title)));
        h.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
        h.push_str(&self.body_html());
        h.push_str("</body>\n</html>\n");
        h
    }

    /// The report's body as an HTML fragment (title, lead and sections), as
    /// `report.html` shows it; `burden serve` puts it in its page.
    pub fn body_html(&self) -> String {
        let mut h = format!("<h1>{}</h1>\n", escape(&self.title));
        for p in &self.lead {
            h.push_str(&format!("<p class=\"lead\">{}</p>\n", inline::html(p)));
        }
        let mut figure = 0;
        for s in &self.sections {
            h.push_str(&format!("<h2>{}</h2>\n", inline::html(&s.heading)));
            for b in &s.blocks {
                match b {
                    Block::Paragraph(p) => h.push_str(&format!("<p>{}</p>\n", inline::html(p))),
                    Block::List(items) => {
                        h.push_str("<ul>\n");
                        for i in items {
                            h.push_str(&format!("<li>{}</li>\n", inline::html(i)));
                        }
                        h.push_str("</ul>\n");
                    }
                    Block::Table(t) => h.push_str(&t.html()),
                    Block::Charts(charts) => {
                        for c in charts.iter() {
                            figure += 1;
                            h.push_str(&format!(
                                "<figure id=\"{}\">\n{}\n<figcaption><strong>Figure {figure}. {}.</strong> {} (<a href=\"{}\">PNG</a>, <a href=\"{}\">SVG</a>, <a href=\"{}\">the numbers drawn, CSV</a>)</figcaption>\n</figure>\n",
                                c.stem,
                                c.svg.trim(),
                                escape(&c.title),
                                escape(&c.caption),
                                escape(&c.png_name()),
                                escape(&c.svg_name()),
                                escape(&c.csv_name()),
                            ));
                        }
                    }
                    Block::Code(c) => h.push_str(&format!("<pre>{}</pre>\n", escape(c))),
                }
            }
        }
        h
    }
}

/// Names joined as English: "a", "a and b", "a, b and c".
pub fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The closing section of every report: the version, the scenarios and the command
/// that gives the same numbers.
pub fn reproduce_section<'a>(
    manifest_scenarios: &[crate::output::manifest::ScenarioRecord],
    reproduce: &str,
) -> Section<'a> {
    let files: Vec<String> = manifest_scenarios
        .iter()
        .map(|s| format!("`{}` (SHA-256 `{}`)", s.file, s.sha256))
        .collect();
    Section::new(
        "How to reproduce this report",
        vec![
            Block::Paragraph(format!(
                "Made by burden {} (model version {}) from the scenario{} {} with this command (the command exactly as typed is in `manifest.json`):",
                env!("CARGO_PKG_VERSION"),
                crate::output::manifest::MODEL_VERSION,
                if files.len() == 1 { "" } else { "s" },
                list(&files)
            )),
            Block::Code(reproduce.to_string()),
            Block::Paragraph(
                "The same version, scenario file and seed give the same numbers and the same charts, on any number of threads.".into(),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["Ranam"])), "Ranam");
        assert_eq!(list(&names(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn the_body_fragment_is_the_page_without_its_shell() {
        let r = Report {
            title: "T & U".into(),
            lead: vec!["lead".into()],
            sections: vec![Section::new("S", vec![Block::Code("x < y".into())])],
        };
        let body = r.body_html();
        assert_eq!(
            body,
            "<h1>T &amp; U</h1>\n<p class=\"lead\">lead</p>\n<h2>S</h2>\n<pre>x &lt; y</pre>\n"
        );
        assert!(r.html().contains(&format!("<body>\n{body}</body>")));
    }
}
