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
    /// Texts of several lines are matched line by line before word by
    /// word, so list items keep their shape; off for the joined parts of a
    /// split or a merge, whose lines are meant to be rejoined.
    pub by_lines: bool,
}

impl Default for WordOptions {
    fn default() -> Self {
        WordOptions {
            coalesce_words: 1,
            replace_below: 0.3,
            time_limit: Duration::from_millis(500),
            by_lines: true,
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
    let raw = if options.by_lines && (old.contains('\n') || new.contains('\n')) {
        line_segments(old, new, deadline)
    } else {
        token_segments(&old_tokens, &new_tokens, deadline)
    };
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

/// The word-level edits between two texts.
fn token_segments(old: &[&str], new: &[&str], deadline: Instant) -> Vec<Edit> {
    let ops = capture_diff_slices_deadline(Algorithm::Myers, old, new, Some(deadline));
    segments(&ops, old, new)
}

/// Two lines pair up when at least this share of their words is common.
const LINE_PAIRING: f64 = 0.4;

/// The edits between texts of several lines (list items, paragraphs of a
/// clause): lines are matched first, equal ones exactly and changed ones
/// by their words, and only then compared word by word, so an item
/// inserted, deleted or edited stays one item and the list keeps its shape.
fn line_segments(old: &str, new: &str, deadline: Instant) -> Vec<Edit> {
    // Each line with its line break, but for the last.
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    fn bare(line: &str) -> &str {
        line.strip_suffix('\n').unwrap_or(line)
    }
    let old_bare: Vec<&str> = old_lines.iter().map(|l| bare(l)).collect();
    let new_bare: Vec<&str> = new_lines.iter().map(|l| bare(l)).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_bare, &new_bare, Some(deadline));
    let mut out = Vec::new();
    let push = |out: &mut Vec<Edit>, edit: Edit| {
        let empty = edit.old_text().is_empty() && edit.new_text().is_empty();
        if !empty {
            push_line_edit(out, edit);
        }
    };
    // One line of each side, compared word by word, line breaks last.
    let pair = |out: &mut Vec<Edit>, o: usize, n: usize| {
        let old_words = tokens(old_bare[o]);
        let new_words = tokens(new_bare[n]);
        for edit in token_segments(&old_words, &new_words, deadline) {
            push_line_edit(out, edit);
        }
        let (old_break, new_break) = (old_lines[o].ends_with('\n'), new_lines[n].ends_with('\n'));
        let edit = match (old_break, new_break) {
            (true, true) => Edit::Equal { text: "\n".into() },
            (true, false) => change("\n".into(), String::new()),
            (false, true) => change(String::new(), "\n".into()),
            (false, false) => return,
        };
        push_line_edit(out, edit);
    };
    let mut block: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<Edit>, block: &mut (Vec<usize>, Vec<usize>)| {
        let (olds, news) = std::mem::take(block);
        if olds.is_empty() && news.is_empty() {
            return;
        }
        let pairs = pair_lines(&olds, &news, &old_bare, &new_bare);
        let (mut o, mut n) = (0, 0);
        for (po, pn) in pairs.into_iter().chain([(olds.len(), news.len())]) {
            while o < po {
                push(out, change(old_lines[olds[o]].to_string(), String::new()));
                o += 1;
            }
            while n < pn {
                push(out, change(String::new(), new_lines[news[n]].to_string()));
                n += 1;
            }
            if po < olds.len() && pn < news.len() {
                pair(out, olds[po], news[pn]);
                o += 1;
                n += 1;
            }
        }
    };
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                flush(&mut out, &mut block);
                for k in 0..len {
                    if old_lines[old_index + k] == new_lines[new_index + k] {
                        push(
                            &mut out,
                            Edit::Equal {
                                text: old_lines[old_index + k].to_string(),
                            },
                        );
                    } else {
                        pair(&mut out, old_index + k, new_index + k);
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => block.0.extend(old_index..old_index + old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => block.1.extend(new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                block.0.extend(old_index..old_index + old_len);
                block.1.extend(new_index..new_index + new_len);
            }
        }
    }
    flush(&mut out, &mut block);
    out
}

/// Which of the changed old lines pair with which new ones, in order:
/// the pairing with the most words in common, counting only pairs that
/// share enough of their words to be the same line edited.
fn pair_lines(olds: &[usize], news: &[usize], old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // Beyond this, a block is compared word by word as one text would be.
    const MAX_CELLS: usize = 40_000;
    if olds.len() * news.len() > MAX_CELLS {
        return Vec::new();
    }
    let words = |line: &str| -> Vec<String> {
        tokens(line)
            .into_iter()
            .filter(|t| is_word(t))
            .map(str::to_lowercase)
            .collect()
    };
    let old_words: Vec<Vec<String>> = olds.iter().map(|&i| words(old[i])).collect();
    let new_words: Vec<Vec<String>> = news.iter().map(|&i| words(new[i])).collect();
    let similarity = |a: &[String], b: &[String]| -> f64 {
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        let mut rest: Vec<&String> = b.iter().collect();
        let mut common = 0;
        for word in a {
            if let Some(k) = rest.iter().position(|w| *w == word) {
                rest.swap_remove(k);
                common += 1;
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    };
    let (rows, cols) = (olds.len(), news.len());
    let mut score = vec![vec![0.0f64; cols + 1]; rows + 1];
    for i in 1..=rows {
        for j in 1..=cols {
            let s = similarity(&old_words[i - 1], &new_words[j - 1]);
            let diagonal = if s >= LINE_PAIRING {
                score[i - 1][j - 1] + s
            } else {
                f64::MIN
            };
            score[i][j] = diagonal.max(score[i - 1][j]).max(score[i][j - 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (rows, cols);
    while i > 0 && j > 0 {
        let s = similarity(&old_words[i - 1], &new_words[j - 1]);
        if s >= LINE_PAIRING && (score[i][j] - (score[i - 1][j - 1] + s)).abs() < 1e-9 {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if (score[i][j] - score[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Appends an edit of a line-by-line comparison: merged with the one
/// before only when neither holds a line break, so a change never spans
/// two lines it did not touch.
fn push_line_edit(out: &mut Vec<Edit>, edit: Edit) {
    let breaks = |e: &Edit| e.old_text().contains('\n') || e.new_text().contains('\n');
    let separate = out.last().is_some_and(breaks) || breaks(&edit);
    // Deletions run on into deletions and insertions into insertions, across
    // lines; a deletion and an insertion across lines stay apart.
    let same_kind = matches!(
        (out.last(), &edit),
        (Some(Edit::Delete { .. }), Edit::Delete { .. })
            | (Some(Edit::Insert { .. }), Edit::Insert { .. })
    );
    let both_changes = out.last().is_some_and(|e| !matches!(e, Edit::Equal { .. }))
        && !matches!(edit, Edit::Equal { .. });
    if separate && both_changes && !same_kind {
        out.push(edit);
    } else {
        push_merged(out, edit);
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
/// more than `max_words` words (spaces and punctuation alone always fold),
/// never across a line or a table's cell separator.
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
            let breaks = |e: &Edit| e.old_text().contains('\n') || e.new_text().contains('\n');
            let across_lines = out.last().is_some_and(breaks) || iter.peek().is_some_and(breaks);
            // A table's cell separator keeps each cell's changes its own.
            let across_cells = text.contains(" | ");
            if words <= max_words && !text.contains('\n') && !across_lines && !across_cells {
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
