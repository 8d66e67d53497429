//! Fixes to a source's text that the user asks for: the council's retired
//! terms replaced by the current ones. The front matter is never touched;
//! the body changes only where a whole-word use of a retired term stands.

use crate::model::{Replacement, RetiredTerm};
use crate::source::front_matter::split;

/// One replacement made, by byte offset in the original source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub at: usize,
    pub old: String,
    pub new: String,
}

/// The source with every whole-word use of a retired term that has a
/// current term replaced by it (longer terms first), and what was replaced.
/// Abolished bodies and posts are left: what to say instead is the author's
/// judgement, and `clerk check` keeps reporting them.
pub fn replace_retired_terms(source: &str, terms: &[RetiredTerm]) -> (String, Vec<Replaced>) {
    let body_offset = split(source).map_or(0, |s| s.body_offset);
    let body = &source[body_offset..];
    let mut found: Vec<Replaced> = Vec::new();
    for retired in terms {
        let Replacement::Term(now) = &retired.now else {
            continue;
        };
        for (at, _) in body.match_indices(retired.term.as_str()) {
            let end = at + retired.term.len();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            let whole = !word(body[..at].chars().next_back()) && !word(body[end..].chars().next());
            let overlaps = found
                .iter()
                .any(|r| at < r.at - body_offset + r.old.len() && r.at - body_offset < end);
            if whole && !overlaps {
                found.push(Replaced {
                    at: body_offset + at,
                    old: retired.term.clone(),
                    new: now.clone(),
                });
            }
        }
    }
    found.sort_by_key(|r| r.at);
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for r in &found {
        out.push_str(&source[last..r.at]);
        out.push_str(&r.new);
        last = r.at + r.old.len();
    }
    out.push_str(&source[last..]);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<RetiredTerm> {
        let term = |t: &str, now: Replacement| RetiredTerm {
            term: t.into(),
            now,
        };
        vec![
            term(
                "designated Finance Officer",
                Replacement::Term("Section 151 Officer".into()),
            ),
            term(
                "Standards Board for England",
                Replacement::Abolished("say who".into()),
            ),
            term("Executive", Replacement::Term("Cabinet".into())),
            term("Finance Officer", Replacement::Term("Treasurer".into())),
        ]
    }

    #[test]
    fn whole_words_in_the_body_are_replaced_longest_first() {
        let source = "+++\ntitle = \"The Executive protocol\"\n+++\n1.1 The Executive's papers go to the designated Finance Officer, not the Executives or the Standards Board for England.\n";
        let (fixed, replaced) = replace_retired_terms(source, &terms());
        assert_eq!(
            fixed,
            "+++\ntitle = \"The Executive protocol\"\n+++\n1.1 The Cabinet's papers go to the Section 151 Officer, not the Executives or the Standards Board for England.\n"
        );
        assert_eq!(replaced.len(), 2);
        // Nothing left to replace: a second run changes nothing.
        assert!(replace_retired_terms(&fixed, &terms()).1.is_empty());
    }
}
