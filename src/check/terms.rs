//! Terms a council has retired (`council.toml`'s `[retired_terms]`):
//! every use in a document that is in force or on its way to it, with the
//! current term as the fix. A version no longer in force is a record of
//! what was, and is left alone.

use crate::diagnostic::Diagnostic;
use crate::model::{
    Council, Document, Replacement, Span, Standing, TermUse, plain_text, retired_term_uses,
    standing, successor_on_its_way,
};

pub fn check(council: &Council, document: &Document, source: &str) -> Vec<Diagnostic> {
    if council.retired_terms.is_empty() || standing(council, document) == Standing::Replaced {
        return Vec::new();
    }
    let titles = document
        .sections
        .iter()
        .map(|s| (plain_text(&s.title), s.span));
    let paragraphs = document
        .paragraphs()
        .into_iter()
        .map(|p| (plain_text(&p.content), p.span));
    let texts: Vec<(String, Span)> = titles.chain(paragraphs).collect();
    // A version in force is a record: while its successor is on its way,
    // the successor is where the terms change, so its uses are notes.
    let adopted = matches!(
        standing(council, document),
        Standing::InForce | Standing::InForceFrom(_) | Standing::AwaitingCommencement
    );
    let successor = successor_on_its_way(council, document).filter(|_| adopted);
    let mut out = Vec::new();
    for (text, span) in &texts {
        for TermUse { at, term, now, .. } in retired_term_uses(text, &council.retired_terms) {
            let nth = text[..at].matches(term.as_str()).count();
            let (message, help) = match &now {
                Replacement::Term(now) => (
                    format!("`{term}` is a retired term: the council now says `{now}`"),
                    format!("replace it with `{now}`"),
                ),
                Replacement::Abolished(instead) => {
                    (format!("`{term}` no longer exists"), instead.clone())
                }
                Replacement::Kept => continue,
            };
            let (diagnostic, help) = match successor {
                Some(next) => (
                    Diagnostic::note("retired-term", message),
                    format!(
                        "the version in force is left as adopted; version {} (`{}`) on its way is where to change it",
                        next.front_matter.version, next.id
                    ),
                ),
                None => (Diagnostic::warning("retired-term", message), help),
            };
            out.push(
                diagnostic
                    .with_span(nth_in_source(source, *span, &term, nth))
                    .with_help(help),
            );
        }
    }
    out.sort_by_key(|d| d.span.map(|s| s.start));
    out
}

/// The span of the `nth` use of `term` within `within` in the source; the
/// whole of `within` when the source writes it otherwise (across a line
/// break, or with emphasis inside).
fn nth_in_source(source: &str, within: Span, term: &str, nth: usize) -> Span {
    let start = within.start.min(source.len());
    let end = within.end.clamp(start, source.len());
    source
        .get(start..end)
        .and_then(|haystack| haystack.match_indices(term).nth(nth))
        .map_or(within, |(i, _)| {
            Span::new(start + i, start + i + term.len())
        })
}

#[cfg(test)]
mod tests {
    use crate::model::{Replacement, RetiredTerm, retired_term_uses};

    fn at(text: &str, terms: &[(&str, Replacement)]) -> Vec<usize> {
        let terms: Vec<RetiredTerm> = terms
            .iter()
            .map(|(term, now)| RetiredTerm {
                term: term.to_string(),
                now: now.clone(),
            })
            .collect();
        retired_term_uses(text, &terms)
            .iter()
            .map(|u| u.at)
            .collect()
    }

    #[test]
    fn a_term_is_found_as_whole_words_only() {
        let executive = [("Executive", Replacement::Term("Cabinet".into()))];
        assert_eq!(at("the Executive's view", &executive), [4]);
        assert!(at("Executives meet", &executive).is_empty());
        assert!(at("the NonExecutive", &executive).is_empty());
        assert_eq!(at("Executive and Executive", &executive), [0, 14]);
    }

    #[test]
    fn a_kept_term_takes_its_words_and_a_capital_starts_a_sentence() {
        let terms = [
            ("Executive", Replacement::Term("Cabinet".into())),
            ("Chief Executive", Replacement::Kept),
            (
                "designated Finance Officer",
                Replacement::Term("Section 151 Officer".into()),
            ),
        ];
        assert_eq!(
            at(
                "The Chief Executive and the Executive. Designated Finance Officer",
                &terms
            ),
            [28, 39]
        );
    }
}
