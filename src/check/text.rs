//! Text lints: placeholders, unfinished sentences, empty sections.

use crate::check::locate;
use crate::diagnostic::Diagnostic;
use crate::fonts::{MISSING_GLYPH, has_glyph};
use crate::model::{Block, Document, Span, plain_text};

/// Bracketed drafting notes left in from a template.
const BRACKETED_PLACEHOLDERS: &[&str] = &[
    "[or similar]",
    "[insert",
    "[tbc]",
    "[tbd]",
    "[date]",
    "[name]",
    "[council]",
];

pub fn check(document: &Document, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut texts: Vec<(String, Span, Kind)> = Vec::new();
    for section in &document.sections {
        texts.push((plain_text(&section.title), section.span, Kind::Heading));
    }
    let blocks = document
        .preamble
        .iter()
        .chain(document.sections.iter().flat_map(|s| &s.blocks));
    for block in blocks {
        collect(block, Kind::Paragraph, &mut texts);
    }
    for (text, span, kind) in &texts {
        placeholders(text, *span, source, &mut out);
        unfinished(text, *span, *kind, source, &mut out);
    }
    empty_sections(document, &mut out);
    out.extend(script(source));
    out.extend(controls(source));
    out
}

/// How many `control-character` findings one document gets; the count
/// of the rest is said in the last.
const MAX_CONTROL_FINDINGS: usize = 20;

/// Control characters anywhere in a source, title and front matter
/// included: a bidirectional override, embedding or isolate shows a reader
/// words in another order than the text holds (a clause can read as the
/// opposite of what was adopted), and other controls (escape, form feed,
/// NUL) are not text. Tab and line ends are text.
fn controls(source: &str) -> Vec<Diagnostic> {
    let ascii = source
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r'))
        .map(|(at, b)| (at, b as char));
    let other = non_ascii(source).filter(|(_, c)| is_bidi_control(*c) || c.is_control());
    let mut found: Vec<(usize, char)> = ascii.chain(other).collect();
    found.sort_unstable();
    let total = found.len();
    found
        .into_iter()
        .take(MAX_CONTROL_FINDINGS)
        .enumerate()
        .map(|(n, (at, c))| {
            let what = match is_bidi_control(c) {
                true => "a bidirectional control character: it changes the order in which the text after it is shown, so a reader may see other words than the text holds",
                false => "a control character, which is not text",
            };
            let more = match (n + 1 == MAX_CONTROL_FINDINGS, total - MAX_CONTROL_FINDINGS.min(total)) {
                (true, rest) if rest > 0 => format!(" ({rest} more after this one)"),
                _ => String::new(),
            };
            Diagnostic::error(
                "control-character",
                format!("U+{:04X} here is {what}{more}", c as u32),
            )
            .with_span(Span::new(at, at + c.len_utf8()))
            .with_help("delete it: it is invisible in most editors, so search for it by its code (U+...); right-to-left text needs no control characters")
        })
        .collect()
}

/// The bidirectional embeddings, overrides and isolates (not the marks
/// U+200E and U+200F, which only steer neutral characters).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text the PDF cannot show as the HTML does: characters the embedded font
/// has no glyph for (Arabic, Chinese, Devanagari, emoji print as
/// [`MISSING_GLYPH`]), and right-to-left script, which the PDF sets in a
/// left-to-right paragraph. One finding each, at the first such character.
fn script(source: &str) -> Vec<Diagnostic> {
    use unicode_bidi::{BidiClass, bidi_class};
    let mut out = Vec::new();
    let mut missing: Vec<char> = Vec::new();
    let mut first_missing = None;
    let mut first_rtl = None;
    for (at, c) in non_ascii(source) {
        if first_rtl.is_none() && matches!(bidi_class(c), BidiClass::R | BidiClass::AL) {
            first_rtl = Some(Span::new(at, at + c.len_utf8()));
        }
        let drawn = c.is_whitespace() || c.is_control() || is_invisible(c) || has_glyph(c);
        if !drawn && !missing.contains(&c) {
            first_missing.get_or_insert(Span::new(at, at + c.len_utf8()));
            missing.push(c);
        }
    }
    if let Some(span) = first_missing {
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
            .collect();
        let more = match missing.len() {
            n if n > 5 => format!(" and {} more", n - 5),
            _ => String::new(),
        };
        out.push(
            Diagnostic::warning(
                "pdf-glyph",
                format!(
                    "the PDF font has no glyph for {}{more}: the PDF prints {MISSING_GLYPH} in their place",
                    shown.join(", ")
                ),
            )
            .with_span(span)
            .with_help("the HTML pages show them; for the PDF, write the text in Latin, Greek, Cyrillic or Hebrew script, or acknowledge it with `[check] allow = [\"pdf-glyph\"]`"),
        );
    }
    if let Some(span) = first_rtl {
        out.push(
            Diagnostic::warning(
                "right-to-left",
                "right-to-left text: the PDF draws each line's words in their own direction, but sets the paragraph left to right",
            )
            .with_span(span)
            .with_help("check the PDF reads as intended, or acknowledge it with `[check] allow = [\"right-to-left\"]`"),
        );
    }
    out
}

/// Characters that print nothing where they stand (a soft hyphen prints
/// only at a line break): the PDF drops them, and a link made of them
/// alone cannot be seen.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Paragraph,
    /// A paragraph that a list completes ("Members should expect officers to").
    LeadIn,
    Item,
    /// A table's cell or caption: a figure or a phrase, not a sentence.
    Cell,
}

fn collect(block: &Block, kind: Kind, out: &mut Vec<(String, Span, Kind)>) {
    match block {
        Block::Clause(c) => {
            for (i, b) in c.body.iter().enumerate() {
                let followed_by_list = matches!(c.body.get(i + 1), Some(Block::List(_)));
                collect(
                    b,
                    if followed_by_list {
                        Kind::LeadIn
                    } else {
                        Kind::Paragraph
                    },
                    out,
                );
            }
        }
        Block::Paragraph(p) => out.push((plain_text(&p.content), p.span, kind)),
        Block::List(l) => l
            .items
            .iter()
            .flat_map(|i| &i.body)
            .for_each(|b| collect(b, Kind::Item, out)),
        Block::Quote(q) => q.body.iter().for_each(|b| collect(b, Kind::Paragraph, out)),
        Block::Table(t) => {
            for cell in t.caption.iter().chain(t.cells()) {
                out.push((plain_text(&cell.content), cell.span, Kind::Cell));
            }
        }
    }
}

fn placeholders(text: &str, span: Span, source: &str, out: &mut Vec<Diagnostic>) {
    for found in placeholders_in(text) {
        // Brackets may be escaped in the source (`\[or similar\]`).
        let inner = found.trim_matches(['[', ']']);
        out.push(
            Diagnostic::error("placeholder", format!("placeholder text `{found}`"))
                .with_span(locate(source, span, inner, false))
                .with_help("replace it with the real text: until then the document is not published (a faithful copy of a published text acknowledges it with `[check] allow = [\"placeholder\"]`)"),
        );
    }
}

/// The characters of `text` outside ASCII, with where each starts: a scan
/// of bytes, as most of a council's text is ASCII.
fn non_ascii(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.as_bytes()[from..].iter().position(|b| !b.is_ascii())?;
        let c = text[at..].chars().next()?;
        from = at + c.len_utf8();
        Some((at, c))
    })
}

/// The placeholder texts in `text`: `xxxxxx`, `TBC`, `[or similar]` and the
/// like, in the order the two kinds are looked for.
pub fn placeholders_in(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    // Most text has neither three x's in a row nor "TB": skip the word scan.
    let has_xs = text
        .as_bytes()
        .windows(3)
        .any(|w| w.iter().all(|b| matches!(b, b'x' | b'X')));
    if !has_xs && !text.contains("TB") && !text.contains('[') {
        return found;
    }
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let is_xs = word.len() >= 3 && word.chars().all(|c| c == 'x' || c == 'X');
        if is_xs || word == "TBC" || word == "TBD" {
            found.push(word);
        }
    }
    if text.contains('[') {
        let lower = text.to_lowercase();
        for pattern in BRACKETED_PLACEHOLDERS {
            if let Some(start) = lower.find(pattern) {
                let end = text[start..]
                    .find(']')
                    .map_or(text.len(), |i| start + i + 1);
                found.push(&text[start..end]);
            }
        }
    }
    found
}

fn unfinished(text: &str, span: Span, kind: Kind, source: &str, out: &mut Vec<Diagnostic>) {
    if kind == Kind::Cell {
        return;
    }
    let trimmed = text.trim_end();
    let last_word = crate::language::last_word(trimmed);
    let last_lower = last_word.to_lowercase();
    let dangling = crate::language::DANGLING_WORDS.contains(&last_lower.as_str());
    let problem = if trimmed.ends_with('?') && dangling {
        Some(format!(
            "the sentence stops at `{last_word}?`: words seem to be missing"
        ))
    } else if kind == Kind::Paragraph && trimmed.ends_with(',') {
        Some("the paragraph ends with a comma: the sentence seems unfinished".to_string())
    } else if kind == Kind::Paragraph
        && !trimmed.ends_with(['.', '!', ':', ';', '?', ')', '"', '”'])
        && (dangling || last_lower.ends_with("'s") || last_lower.ends_with("’s"))
    {
        Some(format!(
            "the paragraph stops at `{last_word}`: the sentence seems unfinished"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        let tail: String = {
            let start = trimmed.len().saturating_sub(last_word.len() + 1);
            let start = (0..=start)
                .rev()
                .find(|&i| trimmed.is_char_boundary(i))
                .unwrap_or(0);
            trimmed[start..].trim_start().to_string()
        };
        out.push(
            Diagnostic::warning("unfinished-sentence", message)
                .with_span(locate(source, span, &tail, true))
                .with_help("complete the sentence, or acknowledge the slip with `[check] allow = [\"unfinished-sentence\"]`"),
        );
    }
}

fn empty_sections(document: &Document, out: &mut Vec<Diagnostic>) {
    for (i, section) in document.sections.iter().enumerate() {
        let has_subsections = document
            .sections
            .get(i + 1)
            .is_some_and(|next| next.level > section.level);
        if section.blocks.is_empty() && !has_subsections {
            let title = plain_text(&section.title);
            out.push(
                Diagnostic::warning(
                    "empty-section",
                    format!("the section \"{title}\" has no text"),
                )
                .with_span(section.span)
                .with_help("add its clauses, or remove the heading"),
            );
        }
    }
}
