//! One diagnostic type for every finding and error, and its printers.

use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::model::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// A finding or error, placed in a file where it has a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable code such as `duplicate-number`, used in `[check] allow`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub path: Option<PathBuf>,
    pub span: Option<Span>,
    /// A short label under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            path: None,
            span: None,
            label: None,
            help: None,
        }
    }

    /// An error: the input is wrong and must be fixed.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    /// A warning: probably a slip worth a look.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// A note: for information.
    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Note, message)
    }

    /// Places the diagnostic at a span of its file.
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Names the file the diagnostic is about.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Adds a label shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a line saying how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic makes a command fail.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The closest candidate to `word`, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A 1-based line and column (in characters) for a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders a diagnostic in the style of rustc: code, severity, `file:line:col`,
/// the source line with a caret, and a help line.
pub fn render_human(diagnostic: &Diagnostic, source: Option<&str>, colour: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let path = diagnostic.path.as_deref().map(display_path);
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code);
    let mut group: Group<'_>;
    match (diagnostic.span, source, path.as_deref()) {
        (Some(span), Some(source), _) => {
            let span = clamp_span(source, span);
            let mut annotation = AnnotationKind::Primary.span(span.range());
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(label.as_str());
            }
            let mut snippet = Snippet::source(source).annotation(annotation);
            if let Some(path) = path.as_deref() {
                snippet = snippet.path(path.to_string());
            }
            group = title.element(snippet);
        }
        // No span: the file as a whole, from its start.
        (_, _, Some(path)) => {
            let origin = annotate_snippets::Origin::path(path.to_string())
                .line(1)
                .char_column(1);
            group = title.element(origin)
        }
        _ => group = Group::with_title(title),
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Keeps a span inside the source and on character boundaries, so the
/// renderer never slices mid-character.
fn clamp_span(source: &str, span: Span) -> Span {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let mut end = span.end.clamp(start, source.len());
    while end < source.len() && !source.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// A path as a user typed it: relative paths stay relative.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// The diagnostic as JSON for tools: code, severity, file, line, column,
/// end position, message, help.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    /// The JSON view of a diagnostic, with positions computed from its source.
    pub fn new(diagnostic: &'a Diagnostic, source: Option<&str>) -> Self {
        let position = |offset: usize| source.map(|s| line_col(s, offset));
        let start = diagnostic.span.and_then(|s| position(s.start));
        let end = diagnostic.span.and_then(|s| position(s.end));
        JsonDiagnostic {
            code: diagnostic.code,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            file: diagnostic.path.as_deref().map(display_path),
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            help: diagnostic.help.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'é' is two bytes: the space after it is the third character.
        assert_eq!(line_col(text, 6), (2, 3));
    }

    #[test]
    fn suggests_close_keys() {
        let keys = ["title", "status", "version"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("zzzz", keys), None);
    }

    #[test]
    fn renders_file_line_and_help() {
        let source = "+++\ntitel = \"x\"\n+++\n";
        let d = Diagnostic::error("front-matter", "unknown key `titel`")
            .with_path("protocols/a/b.md")
            .with_span(Span::new(4, 9))
            .with_help("did you mean `title`?");
        let out = render_human(&d, Some(source), false);
        assert!(out.contains("protocols/a/b.md:2:1"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
    }
}
