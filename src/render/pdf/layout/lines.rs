//! Words and lines: text cut into measured words (no break at a no-break
//! space, a soft hyphen a place to break), broken into lines, shortened to
//! fit where it must, and put in the order it is drawn.

use textwrap::core::Fragment;

use crate::fonts::{FontStyle, text_width};
use crate::render::pdf::layout::StyledText;

/// A word (or part of one) with its measured width.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) span: usize,
    pub(super) width: f32,
    pub(super) space: f32,
    /// The width of the hyphen printed when a line breaks after this
    /// piece, which ends at a soft hyphen; 0 for a whole word.
    pub(super) hyphen: f32,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        f64::from(self.width)
    }
    fn whitespace_width(&self) -> f64 {
        f64::from(self.space)
    }
    fn penalty_width(&self) -> f64 {
        f64::from(self.hyphen)
    }
}

/// Soft hyphen: invisible, but a line may break at it, showing a hyphen.
pub(super) const SOFT_HYPHEN: char = '\u{ad}';

/// Whitespace a line may break at: every space but the no-break ones.
pub(super) fn breaks_line(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Characters that take no room and print nothing: zero-width spaces and
/// joiners, the word joiner, the byte-order mark.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// A run's text in the order it is drawn, left to right: right-to-left
/// script (Hebrew, Arabic) within a line reads in its own direction.
pub(super) fn visual_order(text: String) -> String {
    use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};
    // ASCII is all left to right: most text needs no look-up at all.
    let right_to_left = !text.is_ascii()
        && text
            .chars()
            .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL));
    if !right_to_left {
        return text;
    }
    let info = BidiInfo::new(&text, Some(Level::ltr()));
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

/// Words of the spans, with long words cut so no piece is wider than `width`.
pub(super) fn words(spans: &[StyledText], size: f32, width: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (index, span) in spans.iter().enumerate() {
        let space = text_width(" ", span.style, size);
        let hyphen = text_width("-", span.style, size);
        let starts_with_space = span.text.starts_with(breaks_line);
        if starts_with_space && let Some(last) = out.last_mut() {
            last.space = last.space.max(space);
        }
        let pieces: Vec<&str> = span
            .text
            .split(breaks_line)
            .filter(|p| !p.is_empty())
            .collect();
        let ends_with_space = span.text.ends_with(breaks_line);
        for (k, piece) in pieces.iter().enumerate() {
            let trailing = if k + 1 < pieces.len() || ends_with_space {
                space
            } else {
                0.0
            };
            let syllables: Vec<String> = piece
                .split(SOFT_HYPHEN)
                .map(|s| s.chars().filter(|&c| !is_invisible(c)).collect::<String>())
                .filter(|s| !s.is_empty())
                .collect();
            for (n, syllable) in syllables.iter().enumerate() {
                let more = n + 1 < syllables.len();
                for (part, part_width) in cut(syllable, span.style, size, width) {
                    out.push(Word {
                        text: part,
                        span: index,
                        width: part_width,
                        space: 0.0,
                        hyphen: 0.0,
                    });
                }
                if more && let Some(last) = out.last_mut() {
                    last.hyphen = hyphen;
                }
            }
            if let Some(last) = out.last_mut() {
                last.space = trailing;
                if trailing > 0.0 {
                    last.hyphen = 0.0;
                }
            }
        }
    }
    out
}

/// A word wider than the line, cut into pieces that fit.
pub(super) fn cut(word: &str, style: FontStyle, size: f32, width: f32) -> Vec<(String, f32)> {
    let whole = text_width(word, style, size);
    if whole <= width {
        return vec![(word.to_string(), whole)];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for c in word.chars() {
        let mut candidate = current.clone();
        candidate.push(c);
        if text_width(&candidate, style, size) > width && !current.is_empty() {
            let w = text_width(&current, style, size);
            pieces.push((std::mem::take(&mut current), w));
            current.push(c);
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        let w = text_width(&current, style, size);
        pieces.push((current, w));
    }
    pieces
}

/// Greedy line breaking, used only if optimal fit cannot run.
pub(super) fn first_fit(words: &[Word], width: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = vec![Vec::new()];
    let mut used = 0.0;
    for word in words {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && used + word.width > width {
            lines.push(Vec::new());
            used = 0.0;
        }
        used += word.width + word.space;
        lines.last_mut().expect("a line").push(word.clone());
    }
    lines
}

/// Text shortened with an ellipsis to fit `room` points.
fn fit(text: &str, style: FontStyle, size: f32, room: f32) -> String {
    if text_width(text, style, size) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&format!("{out}{c}…"), style, size) > room {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// Text shortened at a word boundary, with an ellipsis, to fit `room`
/// points in the running header.
pub(super) fn fit_words(text: &str, size: f32, room: f32) -> String {
    let style = FontStyle::Regular;
    if text_width(text, style, size) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if text_width(&format!("{candidate} …"), style, size) > room {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        return fit(text, style, size, room);
    }
    format!("{out} …")
}
