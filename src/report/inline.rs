//! The two inline marks report text may hold, written as in Markdown: `code` and
//! **strong**. Markdown keeps them; HTML turns them into elements; a terminal drops them.

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

/// Splits `text` at a two-sided mark, giving (inside the mark?, piece) in order. An
/// unpaired mark is kept as text.
fn spans<'a>(text: &'a str, mark: &str) -> Vec<(bool, &'a str)> {
    let parts: Vec<&str> = text.split(mark).collect();
    if parts.len() % 2 == 0 {
        return vec![(false, text)];
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| (i % 2 == 1, p))
        .collect()
}

/// HTML of text with inline marks.
pub fn html(text: &str) -> String {
    let mut out = String::new();
    for (code, piece) in spans(text, "`") {
        if code {
            out.push_str(&format!("<code>{}</code>", escape(piece)));
            continue;
        }
        for (strong, p) in spans(piece, "**") {
            if strong {
                out.push_str(&format!("<strong>{}</strong>", escape(p)));
            } else {
                out.push_str(&escape(p));
            }
        }
    }
    out
}

/// Text with the marks removed.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for (code, piece) in spans(text, "`") {
        if code {
            out.push_str(piece);
        } else {
            for (_, p) in spans(piece, "**") {
                out.push_str(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_elements_and_the_rest_is_escaped() {
        assert_eq!(
            html("run `burden run` for **E & S** <now>"),
            "run <code>burden run</code> for <strong>E &amp; S</strong> &lt;now&gt;"
        );
        assert_eq!(plain("a `b` **c**"), "a b c");
        assert_eq!(html("3 * 4 ` alone"), "3 * 4 ` alone");
    }
}
