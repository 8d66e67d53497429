//! Terms a council has retired (`council.toml`'s `[retired_terms]`):
//! every use in a document that is in force or on its way to it, with the
//! current term as the fix. A version no longer in force is a record of
//! what was, and is left alone.

use crate::diagnostic::Diagnostic;
use crate::model::{Council, Document, Replacement, Span, Standing, plain_text, standing};

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
    let mut out = Vec::new();
    for (text, span) in &texts {
        // Where each use is, so a longer term's words are not found again
        // as a shorter one ("designated Finance Officer", "Finance Officer").
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (term, now) in council.retired_terms.iter().flat_map(|r| r.forms()) {
            for at in uses(text, &term) {
                let end = at + term.len();
                if taken.iter().any(|&(s, e)| at < e && s < end) {
                    continue;
                }
                taken.push((at, end));
                let nth = text[..at].matches(term.as_str()).count();
                let (message, help) = match &now {
                    Replacement::Term(now) => (
                        format!("`{term}` is a retired term: the council now says `{now}`"),
                        format!("replace it with `{now}`"),
                    ),
                    Replacement::Abolished(instead) => {
                        (format!("`{term}` no longer exists"), instead.clone())
                    }
                    // A current term that holds a retired one: its words
                    // are taken, and nothing is said.
                    Replacement::Kept => continue,
                };
                out.push(
                    Diagnostic::warning("retired-term", message)
                        .with_span(nth_in_source(source, *span, &term, nth))
                        .with_help(help),
                );
            }
        }
    }
    out.sort_by_key(|d| d.span.map(|s| s.start));
    out
}

/// Where `term` is used in `text` as whole words, by byte offset: "the
/// Executive's view" uses "Executive"; "NonExecutive" does not.
fn uses(text: &str, term: &str) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(term)
        .filter(|(at, found)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + found.len()..].chars().next();
            !word(before) && !word(after)
        })
        .map(|(at, _)| at)
        .collect()
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
    use super::uses;

    #[test]
    fn a_term_is_found_as_whole_words_only() {
        assert_eq!(uses("the Executive's view", "Executive"), [4]);
        assert!(uses("Executives meet", "Executive").is_empty());
        assert!(uses("the NonExecutive", "Executive").is_empty());
        assert_eq!(uses("Executive and Executive", "Executive"), [0, 14]);
    }
}
