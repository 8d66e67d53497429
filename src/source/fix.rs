//! Fixes to a source's text that the user asks for: the council's retired
//! terms replaced by the current ones. The front matter is never touched;
//! the body changes only where a whole-word use of a retired term stands.

use crate::model::{Replacement, RetiredTerm, TermUse, retired_term_uses};
use crate::source::front_matter::split;

/// One replacement made, by byte offset in the original source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub at: usize,
    pub old: String,
    pub new: String,
}

/// The source with every whole-word use of a retired term that has a
/// current term replaced by it (longer terms first; at the start of a
/// sentence, capitalised), and what was replaced. An article before it
/// follows the new term ("an Overview and Scrutiny Committee" becomes "a
/// Scrutiny Committee"). Abolished bodies and posts are left: what to say
/// instead is the author's judgement, and `clerk check` keeps reporting
/// them; so are current terms that hold a retired one ("Chief Executive").
pub fn replace_retired_terms(source: &str, terms: &[RetiredTerm]) -> (String, Vec<Replaced>) {
    let body_offset = split(source).map_or(0, |s| s.body_offset);
    let body = &source[body_offset..];
    let taken = retired_term_uses(body, terms);
    let mut found: Vec<Replaced> = taken
        .into_iter()
        .filter_map(|TermUse { at, len, now, .. }| {
            let Replacement::Term(now) = now else {
                return None;
            };
            let end = at + len;
            let (at, old, new) = match article_before(body, at) {
                Some((article_at, article)) => {
                    let fitting = article_for(&now, article);
                    (
                        article_at,
                        body[article_at..end].to_string(),
                        format!("{fitting}{}{now}", &body[article_at + article.len()..at]),
                    )
                }
                None => (at, body[at..end].to_string(), now),
            };
            Some(Replaced {
                at: body_offset + at,
                old,
                new,
            })
        })
        .collect();
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

/// The indefinite article ("a", "an", "A", "An") and the spaces between it
/// and the word at `at`, if one stands there.
fn article_before(body: &str, at: usize) -> Option<(usize, &str)> {
    let before = &body[..at];
    let spaced = before.trim_end_matches(' ');
    if spaced.len() == before.len() || spaced.len() + 1 < before.len() {
        return None;
    }
    let article = ["an", "An", "a", "A"]
        .into_iter()
        .find(|a| spaced.ends_with(a))?;
    let start = spaced.len() - article.len();
    let alone = spaced[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    alone.then_some((start, article))
}

/// "a" or "an" before `word`, in the case of `article`: "an" before a
/// vowel letter, as the titles councils use are said ("an Officer", "a
/// Cabinet").
fn article_for(word: &str, article: &str) -> &'static str {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    match (vowel, article.starts_with('A')) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    }
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
            term("Chief Executive", Replacement::Kept),
            term(
                "Overview and Scrutiny",
                Replacement::Term("Scrutiny".into()),
            ),
        ]
    }

    #[test]
    fn a_kept_term_a_capital_and_an_article_are_respected() {
        let source = "+++
+++
1.1 Designated Finance Officer: the Chief Executive and an Overview and Scrutiny Committee. An Executive decides; a designated Finance Officer advises.
";
        let (fixed, replaced) = replace_retired_terms(source, &terms());
        assert_eq!(
            fixed,
            "+++
+++
1.1 Section 151 Officer: the Chief Executive and a Scrutiny Committee. A Cabinet decides; a Section 151 Officer advises.
"
        );
        assert_eq!(replaced.len(), 4);
        assert_eq!(replaced[1].old, "an Overview and Scrutiny");
        assert_eq!(replaced[1].new, "a Scrutiny");
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
