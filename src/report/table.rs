//! The one table renderer: the same [`Table`] printed on a terminal, in Markdown and
//! in HTML. Cells may hold the two inline marks of [`super::inline`]: `code` and
//! **strong**; a terminal shows them as plain text.

use super::inline;

/// A table: a header row and rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<String>,
    /// Shown shaded in HTML (an estimate among sourced inputs, for example).
    pub highlight: bool,
}

/// Above this many characters a terminal table's first column wraps, at spaces.
pub const TERMINAL_LABEL_WIDTH: usize = 60;

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(Row {
            cells: cells.into_iter().map(Into::into).collect(),
            highlight: false,
        });
    }

    pub fn push_highlighted<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.push(cells);
        if let Some(r) = self.rows.last_mut() {
            r.highlight = true;
        }
    }

    /// Columns padded to their widest cell and two spaces apart; a first column longer
    /// than [`TERMINAL_LABEL_WIDTH`] wraps at spaces onto lines of its own, never
    /// cutting a word.
    pub fn terminal(&self, indent: &str) -> String {
        let plain = |c: &str| inline::plain(c);
        let first_width = std::iter::once(&self.header)
            .chain(self.rows.iter().map(|r| &r.cells))
            .filter_map(|cells| cells.first())
            .map(|c| plain(c).chars().count().min(TERMINAL_LABEL_WIDTH))
            .max()
            .unwrap_or(0);
        let columns = self.header.len();
        let mut widths = vec![0; columns];
        widths[0] = first_width;
        for cells in std::iter::once(&self.header).chain(self.rows.iter().map(|r| &r.cells)) {
            for (w, c) in widths.iter_mut().zip(cells).skip(1) {
                *w = (*w).max(plain(c).chars().count());
            }
        }
        let mut out = String::new();
        for cells in std::iter::once(&self.header).chain(self.rows.iter().map(|r| &r.cells)) {
            let label = cells.first().map(|c| plain(c)).unwrap_or_default();
            let lines = wrap(&label, TERMINAL_LABEL_WIDTH);
            let last = lines.len() - 1;
            for (i, l) in lines.iter().enumerate() {
                let mut line = format!("{indent}{l:first_width$}");
                if i == last {
                    for (c, w) in cells.iter().zip(&widths).skip(1) {
                        line.push_str(&format!("  {:w$}", plain(c)));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        out
    }

    pub fn markdown(&self) -> String {
        let cell = |c: &str| c.replace('|', "\\|").replace('\n', " ");
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let mut out = line(&self.header);
        out.push_str(&format!("|{}\n", "---|".repeat(self.header.len())));
        for r in &self.rows {
            out.push_str(&line(&r.cells));
        }
        out
    }

    pub fn html(&self) -> String {
        let mut out = String::from("<table>\n<thead><tr>");
        for h in &self.header {
            out.push_str(&format!("<th>{}</th>", inline::html(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            out.push_str(if r.highlight {
                "<tr class=\"estimate\">"
            } else {
                "<tr>"
            });
            for c in &r.cells {
                out.push_str(&format!("<td>{}</td>", inline::html(c)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }
}

/// `text` in lines of at most `width` characters, broken at spaces (a single word
/// longer than `width` keeps its own line whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_label_wraps_between_words() {
        let lines = wrap(
            "Households out of stock before the horizon, with the release",
            40,
        );
        assert_eq!(
            lines,
            [
                "Households out of stock before the",
                "horizon, with the release"
            ]
        );
        let mut t = Table::new(["Figure", "Median"]);
        t.push([
            "Households out of stock before the horizon, without the release, in every district",
            "48.8%",
        ]);
        let text = t.terminal("");
        assert_eq!(
            text.lines().nth(1),
            Some("Households out of stock before the horizon, without the")
        );
        assert!(
            text.lines().nth(2).is_some_and(
                |l| l.starts_with("release, in every district ") && l.ends_with("  48.8%")
            ),
            "{text}"
        );
    }

    #[test]
    fn the_three_renderings_hold_the_same_cells() {
        let mut t = Table::new(["input", "grade"]);
        t.push_highlighted(["`release.total` <people>", "**E – estimate**"]);
        assert!(
            t.markdown()
                .contains("| `release.total` <people> | **E – estimate** |")
        );
        let html = t.html();
        assert!(html.contains("<tr class=\"estimate\"><td><code>release.total</code> &lt;people&gt;</td><td><strong>E – estimate</strong></td></tr>"), "{html}");
        assert!(
            t.terminal("")
                .contains("release.total <people>  E – estimate")
        );
    }
}
