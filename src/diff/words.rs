//! Word-level edits inside a matched pair of units, tidied for reading and
//! classified: substantive, or only capitalisation, whitespace, punctuation
//! or a renumbered reference.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use unicode_segmentation::UnicodeSegmentation;

/// What kind of change an edit, or a unit, is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    Substantive,
    Capitalisation,
    Whitespace,
    Punctuation,
    /// A number changed only because the clause it names was renumbered.
    Renumbering,
    Moved,
}

impl ChangeClass {
    /// The class as users name it, such as "capitalisation".
    pub fn name(self) -> &'static str {
        match self {
            ChangeClass::Substantive => "substantive",
            ChangeClass::Capitalisation => "capitalisation",
            ChangeClass::Whitespace => "whitespace",
            ChangeClass::Punctuation => "punctuation",
            ChangeClass::Renumbering => "renumbering",
            ChangeClass::Moved => "moved",
        }
    }

    /// Classes that never change meaning and can be hidden.
    pub fn is_trivial(self) -> bool {
        matches!(
            self,
            ChangeClass::Capitalisation | ChangeClass::Whitespace | ChangeClass::Punctuation
        )
    }
}

/// One run of text in a compared unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    Equal {
        text: String,
    },
    Delete {
        text: String,
        class: ChangeClass,
    },
    Insert {
        text: String,
        class: ChangeClass,
    },
    Replace {
        old: String,
        new: String,
        class: ChangeClass,
    },
}

impl Edit {
    /// The old text of this run (empty for an insertion).
    pub fn old_text(&self) -> &str {
        match self {
            Edit::Equal { text } | Edit::Delete { text, .. } => text,
            Edit::Insert { .. } => "",
            Edit::Replace { old, .. } => old,
        }
    }

    /// The new text of this run (empty for a deletion).
    pub fn new_text(&self) -> &str {
        match self {
            Edit::Equal { text } | Edit::Insert { text, .. } => text,
            Edit::Delete { .. } => "",
            Edit::Replace { new, .. } => new,
        }
    }

    /// The class of a change; `None` for equal text.
    pub fn class(&self) -> Option<ChangeClass> {
        match self {
            Edit::Equal { .. } => None,
            Edit::Delete { class, .. }
            | Edit::Insert { class, .. }
            | Edit::Replace { class, .. } => Some(*class),
        }
    }
}

/// How word-level edits are computed and tidied.
#[derive(Debug, Clone)]
pub struct WordOptions {
    /// Equal runs of up to this many words between two changes are folded
    /// into one change, which reads better than a patchwork.
    pub coalesce_words: usize,
    /// Below this share of unchanged words, a unit shows as replaced whole.
    pub replace_below: f64,
    /// The most time one unit's word diff may take.
    pub time_limit: Duration,
}

impl Default for WordOptions {
    fn default() -> Self {
        WordOptions {
            coalesce_words: 1,
            replace_below: 0.3,
            time_limit: Duration::from_millis(500),
        }
    }
}

/// The result of comparing two texts.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Edits for reading: short equal runs folded in.
    pub edits: Vec<Edit>,
    /// Edits before folding, for finding systematic substitutions.
    pub fine_edits: Vec<Edit>,
    /// The share of words unchanged, 0 to 1.
    pub similarity: f64,
}

/// Splits text into words, spaces and punctuation, on Unicode word bounds.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split_word_bounds().collect()
}

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// Compares two unit texts. `renumbered` maps old clause numbers to new ones,
/// so a reference that follows its clause's new number is not substantive.
pub fn compare(
    old: &str,
    new: &str,
    options: &WordOptions,
    renumbered: &HashMap<String, String>,
) -> Comparison {
    // Most units of a revision are unchanged: no need to segment them.
    if old == new {
        let edits = if old.is_empty() {
            Vec::new()
        } else {
            vec![Edit::Equal {
                text: old.to_string(),
            }]
        };
        return Comparison {
            fine_edits: edits.clone(),
            edits,
            similarity: 1.0,
        };
    }
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let deadline = Instant::now() + options.time_limit;
    let ops =
        capture_diff_slices_deadline(Algorithm::Myers, &old_tokens, &new_tokens, Some(deadline));
    let raw = segments(&ops, &old_tokens, &new_tokens);
    let equal_words: usize = raw
        .iter()
        .filter_map(|e| match e {
            Edit::Equal { text } => Some(tokens(text).into_iter().filter(|t| is_word(t)).count()),
            _ => None,
        })
        .sum();
    let total_words = old_tokens
        .iter()
        .chain(&new_tokens)
        .filter(|t| is_word(t))
        .count();
    // Four decimals are plenty, and survive a round trip through JSON.
    let similarity = if total_words == 0 {
        1.0
    } else {
        (20_000.0 * equal_words as f64 / total_words as f64).round() / 10_000.0
    };
    let classify_all = |edits: Vec<Edit>| -> Vec<Edit> {
        edits.into_iter().map(|e| classify(e, renumbered)).collect()
    };
    if similarity < options.replace_below && old != new {
        let whole = classify_all(vec![Edit::Replace {
            old: old.to_string(),
            new: new.to_string(),
            class: ChangeClass::Substantive,
        }]);
        return Comparison {
            fine_edits: whole.clone(),
            edits: whole,
            similarity,
        };
    }
    let fine = classify_all(coalesce(raw.clone(), 0));
    let edits = classify_all(coalesce(raw, options.coalesce_words));
    Comparison {
        edits,
        fine_edits: fine,
        similarity,
    }
}

/// Diff ops to runs of text, with a deletion next to an insertion made a replacement.
fn segments(ops: &[DiffOp], old: &[&str], new: &[&str]) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    for op in ops {
        let (_, old_range, new_range) = op.as_tag_tuple();
        let old_text: String = old[old_range].concat();
        let new_text: String = new[new_range].concat();
        let edit = match (old_text.is_empty(), new_text.is_empty()) {
            (false, false) if old_text == new_text => Edit::Equal { text: old_text },
            (false, false) => Edit::Replace {
                old: old_text,
                new: new_text,
                class: ChangeClass::Substantive,
            },
            (false, true) => Edit::Delete {
                text: old_text,
                class: ChangeClass::Substantive,
            },
            (true, false) => Edit::Insert {
                text: new_text,
                class: ChangeClass::Substantive,
            },
            (true, true) => continue,
        };
        push_merged(&mut out, edit);
    }
    out
}

/// Appends an edit, merging it with the one before when both are changes.
fn push_merged(out: &mut Vec<Edit>, edit: Edit) {
    let last_is_change = out.last().is_some_and(|e| !matches!(e, Edit::Equal { .. }));
    match (&edit, last_is_change) {
        (Edit::Equal { text }, false) => {
            if let Some(Edit::Equal { text: last }) = out.last_mut() {
                last.push_str(text);
                return;
            }
            out.push(edit);
        }
        (Edit::Equal { .. }, true) => out.push(edit),
        (_, true) => {
            let last = out.pop().expect("a change is last");
            let old = format!("{}{}", last.old_text(), edit.old_text());
            let new = format!("{}{}", last.new_text(), edit.new_text());
            out.push(change(old, new));
        }
        (_, false) => out.push(edit),
    }
}

fn change(old: String, new: String) -> Edit {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => Edit::Insert {
            text: new,
            class: ChangeClass::Substantive,
        },
        (_, true) => Edit::Delete {
            text: old,
            class: ChangeClass::Substantive,
        },
        _ => Edit::Replace {
            old,
            new,
            class: ChangeClass::Substantive,
        },
    }
}

/// Folds equal runs between two changes into them when the run holds no
/// more than `max_words` words (spaces and punctuation alone always fold).
fn coalesce(edits: Vec<Edit>, max_words: usize) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    let mut iter = edits.into_iter().peekable();
    while let Some(edit) = iter.next() {
        let between_changes = matches!(edit, Edit::Equal { .. })
            && out.last().is_some_and(|e| !matches!(e, Edit::Equal { .. }))
            && iter
                .peek()
                .is_some_and(|e| !matches!(e, Edit::Equal { .. }));
        if let (true, Edit::Equal { text }) = (between_changes, &edit) {
            let words = tokens(text).into_iter().filter(|t| is_word(t)).count();
            if words <= max_words && !text.contains('\n') {
                let last = out.pop().expect("a change is last");
                let next = iter.next().expect("a change is next");
                let old = format!("{}{}{}", last.old_text(), text, next.old_text());
                let new = format!("{}{}{}", last.new_text(), text, next.new_text());
                // The merged change may be followed by another short gap.
                out.push(change(old, new));
                continue;
            }
        }
        out.push(edit);
    }
    out
}

/// Sets the class of a change from what differs between its two sides.
fn classify(edit: Edit, renumbered: &HashMap<String, String>) -> Edit {
    let class = edit_class(edit.old_text(), edit.new_text(), renumbered);
    match edit {
        Edit::Equal { .. } => edit,
        Edit::Delete { text, .. } => Edit::Delete { text, class },
        Edit::Insert { text, .. } => Edit::Insert { text, class },
        Edit::Replace { old, new, .. } => Edit::Replace { old, new, class },
    }
}

/// The class of a change from `old` to `new`.
pub fn edit_class(old: &str, new: &str, renumbered: &HashMap<String, String>) -> ChangeClass {
    let without =
        |s: &str, drop: fn(char) -> bool| -> String { s.chars().filter(|c| !drop(*c)).collect() };
    let space = |c: char| c.is_whitespace();
    let space_or_punct = |c: char| c.is_whitespace() || (!c.is_alphanumeric());
    if without(old, space) == without(new, space) {
        return ChangeClass::Whitespace;
    }
    if without(old, space).to_lowercase() == without(new, space).to_lowercase() {
        return ChangeClass::Capitalisation;
    }
    if without(old, space_or_punct).to_lowercase() == without(new, space_or_punct).to_lowercase() {
        return ChangeClass::Punctuation;
    }
    let (old_number, new_number) = (
        old.trim().trim_end_matches('.'),
        new.trim().trim_end_matches('.'),
    );
    if renumbered.get(old_number).is_some_and(|n| n == new_number) {
        return ChangeClass::Renumbering;
    }
    ChangeClass::Substantive
}

/// Words removed and added by a list of edits.
pub fn word_counts(edits: &[Edit]) -> (usize, usize) {
    let count = |text: &str| tokens(text).into_iter().filter(|t| is_word(t)).count();
    edits.iter().fold((0, 0), |(removed, added), e| match e {
        Edit::Equal { .. } => (removed, added),
        _ => (removed + count(e.old_text()), added + count(e.new_text())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &str, new: &str) -> Vec<Edit> {
        compare(old, new, &WordOptions::default(), &HashMap::new()).edits
    }

    fn changes(edits: &[Edit]) -> Vec<(String, String, ChangeClass)> {
        edits
            .iter()
            .filter_map(|e| {
                e.class()
                    .map(|c| (e.old_text().to_string(), e.new_text().to_string(), c))
            })
            .collect()
    }

    #[test]
    fn classes() {
        let none = HashMap::new();
        assert_eq!(
            edit_class("Councilfor", "Council for", &none),
            ChangeClass::Whitespace
        );
        assert_eq!(
            edit_class("officers", "Officers", &none),
            ChangeClass::Capitalisation
        );
        assert_eq!(
            edit_class("whistle- blowing", "whistle-blowing", &none),
            ChangeClass::Whitespace
        );
        assert_eq!(
            edit_class("Council's", "Councils", &none),
            ChangeClass::Punctuation
        );
        assert_eq!(
            edit_class("Executive", "Cabinet", &none),
            ChangeClass::Substantive
        );
        let renumbered = HashMap::from([("10.4".to_string(), "10.3".to_string())]);
        assert_eq!(
            edit_class("10.4", "10.3", &renumbered),
            ChangeClass::Renumbering
        );
    }

    #[test]
    fn whole_words_and_folding() {
        let edits = run(
            "provided by the Councilfor members' use",
            "provided by the Council for members' use",
        );
        assert_eq!(
            changes(&edits),
            [(
                "Councilfor".into(),
                "Council for".into(),
                ChangeClass::Whitespace
            )]
        );
        let edits = run(
            "members of the Executive, Overview and Scrutiny",
            "members of the Cabinet and Scrutiny",
        );
        assert_eq!(
            changes(&edits),
            [(
                "Executive, Overview".into(),
                "Cabinet".into(),
                ChangeClass::Substantive
            )]
        );
    }

    #[test]
    fn accepting_and_rejecting_reproduce_both_texts() {
        let old = "Members should not comment before speaking to the press office.";
        let new = "Members and Officers should not comment or speculate before speaking to?";
        let edits = run(old, new);
        assert_eq!(edits.iter().map(Edit::old_text).collect::<String>(), old);
        assert_eq!(edits.iter().map(Edit::new_text).collect::<String>(), new);
    }

    #[test]
    fn dissimilar_texts_are_replaced_whole() {
        let edits = run("one two three four", "five six seven eight");
        assert_eq!(edits.len(), 1);
        assert!(matches!(edits[0], Edit::Replace { .. }));
    }
}
