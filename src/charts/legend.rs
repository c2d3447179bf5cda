//! The key of a chart, drawn as rows above its panels so that it never covers data.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawError, style};

/// What a key entry looks like.
#[derive(Clone, Copy)]
pub enum Key {
    /// A filled box (a bar or a band).
    Fill(RGBAColor),
    /// A line, solid or dashed.
    Line(RGBColor, u32, bool),
    /// Two thin parallel lines (the edges of a band).
    Edges(RGBColor),
    /// An interval with end caps.
    Whisker,
}

pub const ROW_HEIGHT: u32 = 28;

/// Height of a key with `rows` rows.
pub fn height(rows: usize) -> u32 {
    rows as u32 * ROW_HEIGHT + 12
}

/// Draws each row of entries from left to right.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Vec<(Key, String)>],
) -> Result<(), DrawError> {
    let label = style::text(style::LABEL_SIZE);
    for (r, row) in rows.iter().enumerate() {
        let y = 8 + r as i32 * ROW_HEIGHT as i32 + ROW_HEIGHT as i32 / 2;
        let mut x = 90;
        for (key, text) in row {
            glyph(area, *key, x, y)?;
            area.draw(&Text::new(text.as_str(), (x + 32, y - 10), label.clone()))?;
            let (w, _) = area.estimate_text_size(text, &label)?;
            x += 32 + w as i32 + 30;
        }
    }
    Ok(())
}

fn glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    key: Key,
    x: i32,
    y: i32,
) -> Result<(), DrawError> {
    match key {
        Key::Fill(c) => area.draw(&Rectangle::new([(x, y - 8), (x + 24, y + 8)], c.filled()))?,
        Key::Line(c, width, dashed) => {
            let s = c.stroke_width(width);
            if dashed {
                area.draw(&PathElement::new(vec![(x, y), (x + 9, y)], s))?;
                area.draw(&PathElement::new(vec![(x + 15, y), (x + 24, y)], s))?;
            } else {
                area.draw(&PathElement::new(vec![(x, y), (x + 24, y)], s))?;
            }
        }
        Key::Edges(c) => {
            let s = c.stroke_width(1);
            area.draw(&PathElement::new(vec![(x, y - 6), (x + 24, y - 6)], s))?;
            area.draw(&PathElement::new(vec![(x, y + 6), (x + 24, y + 6)], s))?;
        }
        Key::Whisker => {
            let s = style::INK.stroke_width(2);
            area.draw(&PathElement::new(vec![(x, y), (x + 24, y)], s))?;
            area.draw(&PathElement::new(vec![(x, y - 7), (x, y + 7)], s))?;
            area.draw(&PathElement::new(vec![(x + 24, y - 7), (x + 24, y + 7)], s))?;
        }
    }
    Ok(())
}
