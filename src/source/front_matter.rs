//! TOML front matter between `+++` lines: splitting it from the body and
//! reading it into a closed, typed schema.

use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::front_matter::FRONT_MATTER_KEYS;
use crate::model::{FrontMatter, Span};

/// A source file split into its front matter and Markdown body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub toml: &'a str,
    /// Byte offset of the TOML text in the file.
    pub toml_offset: usize,
    /// The Markdown body after the closing `+++` line.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `+++` front matter from the body, or says why it cannot.
pub fn split(source: &str) -> Result<Split<'_>, Diagnostic> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &source[bom..];
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "+++" {
        let span = Span::new(bom, bom + first_line_end.min(text.len()));
        return Err(Diagnostic::error(
            "front-matter",
            "missing front matter: the file must start with a `+++` line",
        )
        .with_span(span)
        .with_help(
            "begin the file with `+++`, the TOML keys (council, title, version, status), and a closing `+++` line",
        ));
    }
    let toml_start = bom + first_line_end;
    let mut offset = toml_start;
    for line in source[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            return Ok(Split {
                toml: &source[toml_start..offset],
                toml_offset: toml_start,
                body: &source[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "front-matter",
        "unterminated front matter: no closing `+++` line",
    )
    .with_span(Span::new(bom, toml_start.saturating_sub(1).max(bom)))
    .with_label("front matter opened here")
    .with_help("add a line containing only `+++` after the last front-matter key"))
}

/// Reads the TOML front matter into the typed schema.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    let mut front: FrontMatter = toml::from_str(split.toml)
        .map_err(|e| toml_error(e, split.toml_offset, FRONT_MATTER_KEYS))?;
    // Spans from the TOML parser count from the start of the TOML text; make
    // them count from the start of the file like every other span.
    let offset = split.toml_offset;
    front
        .supersedes
        .iter_mut()
        .chain(front.model.iter_mut())
        .chain(front.made_under.iter_mut().map(|made| &mut made.power))
        .for_each(|s| shift_span(s, offset));
    front
        .check
        .allow
        .iter_mut()
        .for_each(|s| shift_span(s, offset));
    let fields = [
        ("title", front.title.as_str()),
        ("version", &front.version),
        ("council", &front.council),
        ("part", front.part.as_deref().unwrap_or("")),
        ("section", front.section.as_deref().unwrap_or("")),
    ];
    if let Some(d) = too_long(&fields, split.toml, offset) {
        return Err(d);
    }
    Ok(front)
}

/// The longest one-line value (a title, a version, a name), in characters:
/// it heads every page of a PDF and names every HTML page.
pub const MAX_LINE_CHARS: usize = 500;

/// An error for the first of `fields` (key, value) longer than a line may
/// be, placed at its key in `toml` (which starts at `offset` in the file).
pub fn too_long(fields: &[(&str, &str)], toml: &str, offset: usize) -> Option<Diagnostic> {
    let (key, value) = fields
        .iter()
        .find(|(_, value)| value.chars().count() > MAX_LINE_CHARS)?;
    let at = toml
        .lines()
        .scan(0, |start, line| {
            let here = *start;
            *start += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |(start, line)| {
            start + line.len() - line.trim_start().len()
        });
    Some(
        Diagnostic::error(
            "front-matter",
            format!(
                "`{key}` is {} characters long; clerk takes up to {MAX_LINE_CHARS}",
                value.chars().count()
            ),
        )
        .with_span(Span::new(offset + at, offset + at + key.len()))
        .with_help(format!(
            "shorten `{key}`: it heads every page; put longer text in the body"
        )),
    )
}

/// Moves a value's span from TOML-text offsets to file offsets.
pub fn shift_span(value: &mut Spanned<String>, offset: usize) {
    let range = value.span();
    let text = std::mem::take(value.get_mut());
    *value = Spanned::new(range.start + offset..range.end + offset, text);
}

/// Turns a TOML or schema error into a diagnostic placed in the file, with a
/// "did you mean" hint for unknown keys.
pub fn toml_error(error: toml::de::Error, offset: usize, known: &[&str]) -> Diagnostic {
    let message = error.message().trim().to_string();
    let span = error
        .span()
        .map(|r| Span::new(r.start + offset, r.end + offset));
    let (message, help) = explain_toml_message(&message, known);
    let mut diagnostic = Diagnostic::error("front-matter", message);
    if let Some(span) = span {
        diagnostic = diagnostic.with_span(span);
    }
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

fn explain_toml_message(message: &str, known: &[&str]) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let expected =
            expected_fields(rest).unwrap_or_else(|| known.iter().map(|s| s.to_string()).collect());
        let help = match crate::diagnostic::did_you_mean(key, expected.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? Known keys: {}", expected.join(", ")),
            None => format!("known keys: {}", expected.join(", ")),
        };
        return (format!("unknown key `{key}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("missing required key `{key}`"),
            Some(format!("add `{key} = ...` to the front matter")),
        );
    }
    if message.contains("unknown variant") && message.contains("draft") {
        return (
            message.replace("unknown variant", "unknown status"),
            Some("status is one of: draft, proposed, adopted, superseded".to_string()),
        );
    }
    if message.starts_with("expected a date") {
        return (
            message.to_string(),
            Some("write dates as TOML dates, without quotes: adopted = 2023-03-14".to_string()),
        );
    }
    if message.starts_with("invalid type") {
        return (message.to_string(), Some("check the value's type: text needs quotes, dates do not (2023-03-14), lists use [ ]".to_string()));
    }
    (message.to_string(), None)
}

/// The field names in serde's "expected one of `a`, `b`" suffix.
fn expected_fields(rest: &str) -> Option<Vec<String>> {
    let list = rest.split_once("expected one of ")?.1;
    let fields: Vec<String> = list
        .split(',')
        .map(|f| f.trim().trim_matches('`').to_string())
        .filter(|f| !f.is_empty())
        .collect();
    (!fields.is_empty()).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let source = "+++\ntitle = \"x\"\n+++\n# Body\n";
        let split = split(source).unwrap();
        assert_eq!(split.toml, "title = \"x\"\n");
        assert_eq!(split.body, "# Body\n");
        assert_eq!(&source[split.body_offset..], "# Body\n");
    }

    #[test]
    fn missing_and_unterminated_front_matter_are_errors() {
        assert!(
            split("# no front matter\n")
                .unwrap_err()
                .message
                .contains("missing front matter")
        );
        assert!(
            split("+++\ntitle = \"x\"\n")
                .unwrap_err()
                .message
                .contains("unterminated")
        );
    }
}
