//! Defined terms: a term a document defines and never uses.

use crate::diagnostic::Diagnostic;
use crate::model::{Document, Span, plain_text};

/// A warning for each term `document` defines but uses nowhere else.
pub fn check(document: &Document, source: &str) -> Vec<Diagnostic> {
    let definitions = document.definitions();
    if definitions.is_empty() {
        return Vec::new();
    }
    // Every text of the document, each with where it stands.
    let mut texts: Vec<(String, Span)> = document
        .sections
        .iter()
        .map(|s| (plain_text(&s.title).to_lowercase(), s.span))
        .collect();
    texts.extend(
        document
            .paragraphs()
            .into_iter()
            .map(|p| (plain_text(&p.content).to_lowercase(), p.span)),
    );
    let mut out = Vec::new();
    for definition in definitions {
        let term = definition.term.to_lowercase();
        let defining = definition.span;
        let used = texts.iter().any(|(text, span)| {
            // The definition itself, once: its own paragraph names the term
            // as it defines it, and may use it again after.
            let times = whole_phrase_count(text, &term);
            match *span == defining {
                true => times > 1,
                false => times > 0,
            }
        });
        if used {
            continue;
        }
        let at = crate::check::locate(source, defining, &definition.term, false);
        out.push(
            Diagnostic::warning(
                "unused-definition",
                format!(
                    "“{}” is defined here but used nowhere else in this document",
                    definition.term
                ),
            )
            .with_span(at)
            .with_help(
                "use the term where the document means it, or delete the definition if the document no longer needs it",
            ),
        );
    }
    out
}

/// How often `phrase` stands in `text` as whole words (a plural `s` after
/// it counts: "Chief Officers" uses "Chief Officer").
fn whole_phrase_count(text: &str, phrase: &str) -> usize {
    text.match_indices(phrase)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + phrase.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            boundary(before) && (boundary(after) || after == Some('s'))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_document;

    fn findings(body: &str) -> Vec<String> {
        let source = format!(
            "+++\ncouncil = \"x\"\ntitle = \"Rules\"\nversion = \"1\"\nstatus = \"draft\"\n+++\n{body}"
        );
        let document = parse_document("rules", &source).unwrap().document;
        check(&document, &source)
            .into_iter()
            .map(|d| format!("{} {}", &source[d.span.unwrap().range()], d.message))
            .collect()
    }

    #[test]
    fn a_term_defined_and_never_used_is_reported_at_its_definition() {
        let found = findings(
            "# 1. Definitions\n\n1.1 In these Rules:\n\n- (a) \"Chief Officer\" means a Director; and\n- (b) \"Budget holder\" means the officer who holds a budget.\n\n# 2. Awards\n\n2.1 Chief Officers award contracts.\n",
        );
        assert_eq!(
            found,
            [
                "Budget holder “Budget holder” is defined here but used nowhere else in this document"
            ]
        );
    }

    #[test]
    fn a_term_used_in_a_table_or_a_heading_is_used() {
        let found = findings(
            "# 1. Definitions\n\n1.1 \"Head of Service\" means an officer who reports to a Director.\n\n# 2. The Head of Service\n\n| Value | Who awards |\n|---|---|\n| Up to £10,000 | Head of Service |\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
