//! Messages about a scenario file that point at a line and column.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a scenario file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line and column; 0 when the problem has no place in the file (a missing section).
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    #[serde(skip)]
    excerpt: Option<Excerpt>,
}

#[derive(Debug, Clone)]
struct Excerpt {
    text: String,
    start_col: usize,
    width: usize,
}

impl Diagnostic {
    /// A diagnostic at a byte span of `source` (an empty span means "no place").
    pub fn at(
        severity: Severity,
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let (line, column, excerpt) = if span.is_empty() && span.start == 0 {
            (0, 0, None)
        } else {
            let start = floor_char_boundary(source, span.start.min(source.len()));
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = source[start..]
                .find('\n')
                .map_or(source.len(), |i| start + i);
            let line_no = source[..start].matches('\n').count() + 1;
            let col = source[line_start..start].chars().count() + 1;
            let line_text = source[line_start..line_end].trim_end_matches('\r');
            // A place far along a long line is shown in a window around it.
            let skip = col.saturating_sub(EXCERPT_LEAD + 1);
            let mut text: String = line_text.chars().skip(skip).take(EXCERPT_CHARS).collect();
            let mut caret = col - skip;
            if skip > 0 {
                text.insert(0, '…');
                caret += 1;
            }
            let end = floor_char_boundary(source, span.end.min(line_end).max(start));
            let width = source[start..end].chars().count().max(1);
            (
                line_no,
                col,
                Some(Excerpt {
                    text,
                    start_col: caret,
                    width,
                }),
            )
        };
        Diagnostic {
            severity,
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            help,
            excerpt,
        }
    }

    pub fn error(
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Self::at(Severity::Error, file, source, span, message, help)
    }

    pub fn warning(
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Self::at(Severity::Warning, file, source, span, message, help)
    }

    /// A diagnostic at a 1-based line and column (used for byte-level problems).
    pub fn at_line(
        file: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            help,
            excerpt: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Characters of the line shown before the place, when the place is far along it.
const EXCERPT_LEAD: usize = 40;
/// Characters of a line shown in an excerpt.
const EXCERPT_CHARS: usize = 120;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{kind}: {}", self.message)?;
        if self.line > 0 {
            writeln!(f, "  --> {}:{}:{}", self.file, self.line, self.column)?;
        } else {
            writeln!(f, "  --> {}", self.file)?;
        }
        if let Some(e) = &self.excerpt {
            let gutter = self.line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", self.line, e.text)?;
            writeln!(
                f,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(e.start_col - 1),
                "^".repeat(
                    e.width
                        .min(EXCERPT_CHARS + 1 - e.start_col.min(EXCERPT_CHARS))
                        .max(1)
                )
            )?;
        }
        if let Some(h) = &self.help {
            writeln!(f, "  = help: {h}")?;
        }
        Ok(())
    }
}

/// All the problems that stopped a scenario from loading.
#[derive(Debug, Clone)]
pub struct ScenarioError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.iter().filter(|d| d.is_error()).count();
        write!(
            f,
            "{} in the scenario; nothing was run",
            crate::format::count(n, "error")
        )
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_from_span() {
        let src = "a = 1\nbb = \"x\"\n";
        let d = Diagnostic::error("f.toml", src, 11..14, "bad", None);
        assert_eq!((d.line, d.column), (2, 6));
        let shown = d.to_string();
        assert!(shown.contains("f.toml:2:6"), "{shown}");
        assert!(shown.contains("     ^^^"), "{shown}");
    }

    #[test]
    fn a_place_far_along_a_long_line_is_shown_in_a_window() {
        let src = format!("x = {}1", "[".repeat(300));
        let d = Diagnostic::error("f.toml", &src, 304..305, "bad", None);
        assert_eq!((d.line, d.column), (1, 305));
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        // "1 | …" then 40 characters before the place; the caret is under the "1".
        assert!(lines[3].starts_with("1 | …"), "{shown}");
        assert_eq!(lines[3].chars().nth(4 + 41), Some('1'), "{shown}");
        assert_eq!(lines[4].chars().nth(4 + 41), Some('^'), "{shown}");
    }
}
