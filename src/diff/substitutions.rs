//! Phrases replaced the same way throughout a revision ("Executive" to
//! "Cabinet"): found in the word edits of every unit, grown to the whole
//! name, counted wherever made, and listed once.

use std::collections::BTreeMap;

use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Substitution, UnitChange, unit_name};

/// One place a short phrase was replaced, with the words around it.
struct Occurrence {
    old: String,
    new: String,
    /// The unchanged words just before and just after, nearest first.
    before: Vec<String>,
    after: Vec<String>,
    /// The unit's position in the change set, and its name.
    unit: usize,
    place: String,
}

/// Words of an unchanged run next to an edit: the first `n` from its
/// start, or the last `n` from its end (nearest the edit first) when
/// `from_end` is set. Stops at punctuation, which ends a name; nothing
/// when the run is joined to the edit without a space.
fn context_words(text: &str, n: usize, from_end: bool) -> Vec<String> {
    let spaced = if from_end {
        text.ends_with(char::is_whitespace)
    } else {
        text.starts_with(char::is_whitespace)
    };
    if !spaced {
        return Vec::new();
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if from_end {
        words.reverse();
    }
    let mut out = Vec::new();
    for word in words.into_iter().take(n) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        // Punctuation between this word and the edit ends the phrase.
        let (near, far) = if from_end {
            (
                word.ends_with(|c: char| !c.is_alphanumeric()),
                word.starts_with(|c: char| !c.is_alphanumeric()),
            )
        } else {
            (
                word.starts_with(|c: char| !c.is_alphanumeric()),
                word.ends_with(|c: char| !c.is_alphanumeric()),
            )
        };
        if bare.is_empty() || near {
            break;
        }
        out.push(bare.to_string());
        if far {
            break;
        }
    }
    out
}

/// Words that join the words of a name ("Head of Democratic Services",
/// "Overview and Scrutiny") without being capitalised.
const NAME_JOINERS: [&str; 4] = ["of", "and", "for", "&"];

/// The runs of changed edits that make one change each: changes parted
/// only by a few words of a name (capitalised words, and the words that
/// join them) are one change, so "Head of Democratic Services" to
/// "Democratic and Electoral Services Manager", whose word edits keep
/// "Democratic" and "Services", is one rename and not three.
fn regions(edits: &[Edit]) -> Vec<std::ops::Range<usize>> {
    let bridges_a_name = |text: &str| {
        let words: Vec<&str> = text.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 3
            && words
                .iter()
                .any(|w| w.starts_with(|c: char| c.is_uppercase()))
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphanumeric() || c == '&' || c == '-')
                    && (w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || NAME_JOINERS.contains(w))
            })
    };
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, edit) in edits.iter().enumerate() {
        if edit.class().is_none() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.end == k
                    || (last.end + 1 == k
                        && matches!(&edits[k - 1], Edit::Equal { text } if bridges_a_name(text))) =>
            {
                last.end = k + 1
            }
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// Whether the edit of `old` to `new` is part of a rename listed as
/// `substitution` (without regard to case, articles or a possessive),
/// so it need not be told again clause by clause.
pub(crate) fn within(substitution: &Substitution, old: &str, new: &str) -> bool {
    let bare = |text: &str| {
        let text = text.trim().to_lowercase();
        let text = match text.as_str() {
            "a" | "an" | "the" => String::new(),
            _ => without_article(&text).to_string(),
        };
        let text = text.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        format!(" {} ", text.trim())
    };
    let (old, new) = (bare(old), bare(new));
    let (whole_old, whole_new) = (
        format!(" {} ", substitution.old.to_lowercase()),
        format!(" {} ", substitution.new.to_lowercase()),
    );
    let (old, new) = (old.trim(), new.trim());
    (old.len() + new.len()) > 0
        && (whole_old.contains(old) && whole_new.contains(new)
            || plural_of(&substitution.old, old) && plural_of(&substitution.new, new))
}

/// Whether two phrases are one name, singular and plural ("Head of
/// Democratic Services" and "Heads of Democratic Services"): the same
/// words, but for an "s" one of them ends with.
fn plural_of(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    a != b
        && a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y || x.strip_suffix('s') == Some(*y) || y.strip_suffix('s') == Some(*x)
        })
}

/// A phrase without the article before it: "the", "a" and "an" are not
/// part of a name ("an Overview and Scrutiny" to "a Scrutiny" renames
/// "Overview and Scrutiny").
fn without_article(phrase: &str) -> &str {
    for article in ["the ", "a ", "an "] {
        if phrase.len() > article.len()
            && phrase.is_char_boundary(article.len())
            && phrase[..article.len()].eq_ignore_ascii_case(article)
        {
            return phrase[article.len()..].trim_start();
        }
    }
    phrase
}

/// The phrase without a possessive ending, so "Executive's" to
/// "Cabinet's" counts as the rename of "Executive" to "Cabinet".
fn without_possessive(old: &str, new: &str) -> (String, String) {
    for ending in ["'s", "\u{2019}s"] {
        if let (Some(o), Some(n)) = (old.strip_suffix(ending), new.strip_suffix(ending)) {
            return (o.to_string(), n.to_string());
        }
    }
    (old.to_string(), new.to_string())
}

/// Phrases replaced the same way in two or more places: each grown to the
/// whole phrase (the words every occurrence shares on both sides, so
/// "designated Finance Officer" to "Section 151 Officer"), counted in
/// every unit including headings and possessives, and a rename found
/// inside a longer one ("An Overview and Scrutiny" to "A Scrutiny")
/// folded into it.
pub(crate) fn substitutions(units: &[UnitChange]) -> Vec<Substitution> {
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (index, unit) in units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.old.len() == 1 && u.new.len() == 1)
    {
        let fine = &unit.fine_edits;
        for region in regions(fine) {
            let changed = &fine[region.clone()];
            if !changed
                .iter()
                .any(|e| e.class() == Some(ChangeClass::Substantive))
            {
                continue;
            }
            let raw_old: String = changed.iter().map(Edit::old_text).collect();
            let raw_new: String = changed.iter().map(Edit::new_text).collect();
            let (old, new) = (
                without_article(raw_old.trim()),
                without_article(raw_new.trim()),
            );
            if old.split_whitespace().count() > 8 || new.split_whitespace().count() > 8 {
                continue; // a rewritten sentence, not a substitution
            }
            let equal = |at: Option<&Edit>| match at {
                Some(Edit::Equal { text }) => text.clone(),
                _ => String::new(),
            };
            // A space the region itself ends or starts with parts it from its context.
            let ends_spaced = raw_old.ends_with(' ') || raw_new.ends_with(' ');
            let starts_spaced = raw_old.starts_with(' ') || raw_new.starts_with(' ');
            let following = equal(fine.get(region.end));
            let following = if ends_spaced {
                format!(" {following}")
            } else {
                following
            };
            let preceding = equal(region.start.checked_sub(1).and_then(|b| fine.get(b)));
            let preceding = if starts_spaced {
                format!("{preceding} ")
            } else {
                preceding
            };
            let (mut old, mut new) = without_possessive(old, new);
            let mut after = context_words(&following, 3, false);
            // A bare deletion or insertion takes in the next word, so
            // "Overview and Scrutiny" to "Scrutiny" reads as one phrase.
            if (old.is_empty() || new.is_empty()) && !after.is_empty() {
                let word = after.remove(0);
                old = format!("{old} {word}").trim().to_string();
                new = format!("{new} {word}").trim().to_string();
            }
            if old.is_empty() || new.is_empty() {
                continue;
            }
            occurrences.push(Occurrence {
                old,
                new,
                before: context_words(&preceding, 3, true),
                after,
                unit: index,
                place: unit
                    .label()
                    .map(|l| l.trim_end_matches('.').to_string())
                    .unwrap_or_else(|| unit_name(unit)),
            });
        }
    }
    // Group by the phrase, without regard to case.
    let mut groups: BTreeMap<(String, String), Vec<Occurrence>> = BTreeMap::new();
    for occurrence in occurrences {
        let key = (occurrence.old.to_lowercase(), occurrence.new.to_lowercase());
        groups.entry(key).or_default().push(occurrence);
    }
    let mut grown: Vec<(String, String, Vec<Occurrence>)> = groups
        .into_values()
        .map(|group| {
            let (old, new) = grow(&group);
            (old, new, group)
        })
        .collect();
    // A rename found inside another ("An Overview and Scrutiny" to "A
    // Scrutiny" holds "Overview and Scrutiny" to "Scrutiny"; "designated
    // Finance Officer" to "Section 151 Officer" holds "Finance" to
    // "Section 151") is one rename: counted together, named as it is most
    // often made.
    let holds = |outer: &(String, String), inner: &(String, String)| {
        let within = |a: &str, b: &str| {
            let (a, b) = (a.to_lowercase(), b.to_lowercase());
            !b.trim().is_empty() && format!(" {a} ").contains(&format!(" {b} "))
        };
        within(&outer.0, &inner.0) && within(&outer.1, &inner.1)
            || plural_of(&outer.0, &inner.0) && plural_of(&outer.1, &inner.1)
    };
    let mut kept: Vec<((String, String), Vec<Occurrence>)> = Vec::new();
    grown.sort_by_key(|(old, new, _)| old.len() + new.len());
    for (old, new, group) in grown {
        let phrase = (old, new);
        match kept
            .iter_mut()
            .find(|(p, _)| holds(&phrase, p) || holds(p, &phrase))
        {
            Some((host, occurrences)) => {
                if group.len() > occurrences.len() {
                    *host = phrase;
                }
                occurrences.extend(group);
            }
            None => kept.push((phrase, group)),
        }
    }
    let mut out: Vec<Substitution> = kept
        .into_iter()
        .filter(|(_, group)| group.len() >= 2)
        .map(|((old, new), mut group)| {
            group.sort_by_key(|o| o.unit);
            let count = group.len();
            let mut places: Vec<String> = group.into_iter().map(|o| o.place).collect();
            places.dedup();
            Substitution {
                old,
                new,
                count,
                units: places,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.old.cmp(&b.old)));
    out
}

/// A group's phrase, in the form used most often, grown by the unchanged
/// words every occurrence shares around it while they are part of a name
/// (capitalised, or a number): "designated Finance" to "Section 151"
/// before "Officer" every time is the rename of "designated Finance
/// Officer" to "Section 151 Officer"; "the" before "Executive" is not part
/// of the name.
fn grow(group: &[Occurrence]) -> (String, String) {
    let mut forms: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for o in group {
        *forms.entry((&o.old, &o.new)).or_insert(0) += 1;
    }
    let (mut old, mut new) = forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|((o, n), _)| (o.to_string(), n.to_string()))
        .unwrap_or_default();
    if group.len() < 2 {
        return (old, new);
    }
    // Words that open sentences and join names, never a name of their own.
    const JOINING: [&str; 13] = [
        "the", "a", "an", "of", "and", "or", "to", "in", "for", "on", "by", "with", "at",
    ];
    let in_name = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !JOINING.contains(&w.to_lowercase().as_str())
    };
    let shared = |side: fn(&Occurrence) -> &Vec<String>, k: usize| -> Option<String> {
        let first = side(group.first()?).get(k)?;
        let all = group.iter().all(|o| {
            side(o)
                .get(k)
                .is_some_and(|w| w.eq_ignore_ascii_case(first))
        });
        (all && in_name(first)).then(|| first.clone())
    };
    for k in 0..3 {
        let Some(word) = shared(|o| &o.after, k) else {
            break;
        };
        old = format!("{old} {word}").trim().to_string();
        new = format!("{new} {word}").trim().to_string();
    }
    for k in 0..3 {
        let Some(word) = shared(|o| &o.before, k) else {
            break;
        };
        old = format!("{word} {old}").trim().to_string();
        new = format!("{word} {new}").trim().to_string();
    }
    (old, new)
}
