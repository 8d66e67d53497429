//! What a committee member reads first: each substantive change in one
//! line drawn from the change model, then the minor changes grouped by
//! kind with the clauses they touch.

use serde::Serialize;

use crate::diff::substitutions::within;
use crate::diff::units::{UnitKind, first_cell};
use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Change, ChangeSet, Substitution, UnitChange};

/// One substantive change, described in a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// The index of the unit in [`ChangeSet::units`] it describes (the
    /// section's heading, for a section inserted or deleted).
    pub unit: usize,
    /// Such as `15.7 inserted, beginning “In the event of a civil”`, or
    /// `12.16: “Chief Executive [or similar]” → “Monitoring Officer”`.
    pub text: String,
}

/// Minor changes of one kind, and the units they touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinorGroup {
    /// Such as "capitalisation only".
    pub kind: String,
    pub units: Vec<String>,
}

/// The longest quotation a highlight shows, in words.
const QUOTE_WORDS: usize = 10;

impl ChangeSet {
    /// The substantive changes, in document order: whole sections first
    /// where they went or came as one, then each unit's change.
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut out = Vec::new();
        // The section inserted or deleted whole that the units now read belong to.
        let mut whole: Option<(&String, Change)> = None;
        let substituted = &self.substitutions;
        for (index, unit) in self.units.iter().enumerate() {
            if unit.kind == UnitKind::Heading {
                whole = None;
                let section = self
                    .sections
                    .iter()
                    .find(|s| Some(&s.heading) == unit_section(unit) && s.change == unit.change);
                if let Some(section) = section {
                    whole = Some((&section.heading, section.change));
                    let with = match section.units.as_slice() {
                        [] => String::new(),
                        [one] => format!(", with {one}"),
                        [first, .., last] => format!(", with {first} to {last}"),
                    };
                    out.push(Highlight {
                        unit: index,
                        text: format!(
                            "Section “{}” {}{with}",
                            section.heading,
                            section.change.name()
                        ),
                    });
                    continue;
                }
            } else if let Some((heading, change)) = whole
                && unit.change == change
                && unit_section(unit) == Some(heading)
            {
                continue; // told with its section
            }
            if !unit.is_substantive() {
                continue;
            }
            if let Some(text) = describe(unit, substituted) {
                out.push(Highlight { unit: index, text });
            }
        }
        out
    }

    /// The renames made throughout that are the only changes of substance
    /// in `unit` (every substantive edit part of one), or none: such a
    /// unit needs no reason of its own beyond the rename.
    pub fn renamed_only(&self, unit: &UnitChange) -> Vec<&Substitution> {
        let substantive: Vec<&Edit> = unit
            .edits
            .iter()
            .filter(|e| e.class() == Some(ChangeClass::Substantive))
            .collect();
        if substantive.is_empty() || unit.old.is_empty() || unit.new.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Substitution> = Vec::new();
        for edit in substantive {
            let Some(s) = self
                .substitutions
                .iter()
                .find(|s| within(s, edit.old_text(), edit.new_text()))
            else {
                return Vec::new();
            };
            if !found.iter().any(|f| std::ptr::eq(*f, s)) {
                found.push(s);
            }
        }
        found
    }

    /// Units changed only in minor ways, grouped by kind.
    pub fn minor_groups(&self) -> Vec<MinorGroup> {
        let kinds = [
            (ChangeClass::Capitalisation, "capitalisation only"),
            (ChangeClass::Whitespace, "spacing only"),
            (ChangeClass::Punctuation, "punctuation only"),
            (ChangeClass::Renumbering, "numbering only"),
            (ChangeClass::Moved, "moved, wording unchanged"),
        ];
        let mut groups: Vec<MinorGroup> = kinds
            .iter()
            .map(|(_, kind)| MinorGroup {
                kind: kind.to_string(),
                units: Vec::new(),
            })
            .collect();
        let mut mixed = MinorGroup {
            kind: "several minor kinds".to_string(),
            units: Vec::new(),
        };
        for unit in &self.units {
            if unit.change == Change::Unchanged || unit.is_substantive() {
                continue;
            }
            let name = name(unit);
            match unit.classes.as_slice() {
                [only] => {
                    if let Some(k) = kinds.iter().position(|(c, _)| c == only) {
                        groups[k].units.push(name);
                    }
                }
                _ => mixed.units.push(name),
            }
        }
        groups.push(mixed);
        groups.retain(|g| !g.units.is_empty());
        groups
    }
}

/// The section heading a unit sits under.
fn unit_section(unit: &UnitChange) -> Option<&String> {
    unit.new.first().or(unit.old.first()).map(|s| &s.section)
}

/// A unit's number (its old one, if it lost it), or its first words in quotes.
fn name(unit: &UnitChange) -> String {
    let label = unit
        .new
        .iter()
        .chain(&unit.old)
        .find_map(|s| s.label.as_deref());
    match label {
        Some(label) => label.trim_end_matches('.').to_string(),
        None => {
            let side = unit.new.first().or(unit.old.first());
            let text = side.map_or("", |s| s.text.as_str());
            match unit.kind {
                UnitKind::Row => format!("row “{}”", first_cell(text)),
                _ => format!("“{}”", first_words(text, 5)),
            }
        }
    }
}

/// The first `n` words of a text, on one line.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text quoted for a highlight: whole when short, else its first words
/// and how many more there are.
fn phrase(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= QUOTE_WORDS {
        return format!("“{}”", words.join(" "));
    }
    format!(
        "“{}” and {} more words",
        words[..6].join(" "),
        words.len() - 6
    )
}

/// One edit in a few words: "“A” → “B”", "adds “C”", "removes 3 items, from “D” to “E”".
fn edit_text(edit: &Edit) -> String {
    let (old, new) = (edit.old_text().trim(), edit.new_text().trim());
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| l.chars().any(char::is_alphanumeric))
            .map(str::to_string)
            .collect()
    };
    let items = |verb: &str, lines: &[String]| match lines {
        [first, .., last] => format!(
            "{verb} {} lines, from {} to {}",
            lines.len(),
            phrase(first),
            phrase(last)
        ),
        _ => format!("{verb} {}", phrase(&lines.concat())),
    };
    match (old.is_empty(), new.is_empty()) {
        (true, _) => items("adds", &lines(new)),
        (_, true) => items("removes", &lines(old)),
        _ => format!("{} → {}", phrase(old), phrase(new)),
    }
}

/// One substantive unit in a line.
fn describe(unit: &UnitChange, substituted: &[Substitution]) -> Option<String> {
    let name = name(unit);
    let text =
        |sides: &[crate::diff::UnitSide]| sides.first().map_or(String::new(), |s| s.text.clone());
    match unit.change {
        Change::Inserted => Some(format!(
            "{name} inserted, beginning “{}”",
            first_words(&text(&unit.new), 8)
        )),
        Change::Deleted => Some(format!(
            "{name} deleted, which began “{}”",
            first_words(&text(&unit.old), 8)
        )),
        _ => {
            // The substantive edits that are not a rename listed on its own.
            let edits: Vec<&Edit> = unit
                .edits
                .iter()
                .filter(|e| e.class() == Some(ChangeClass::Substantive))
                .filter(|e| {
                    !substituted
                        .iter()
                        .any(|s| within(s, e.old_text(), e.new_text()))
                })
                .collect();
            let what = match unit.change {
                Change::Moved => " (moved)",
                Change::Split => " (split)",
                Change::Merged => " (merged)",
                _ => "",
            };
            match edits.len() {
                0 => None,
                1..=3 => Some(format!(
                    "{name}{what}: {}",
                    edits
                        .iter()
                        .map(|e| edit_text(e))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
                n => Some(format!(
                    "{name}{what}: wording changed in {n} places ({} words removed, {} added)",
                    unit.words_removed, unit.words_added
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{DiffOptions, diff};

    use crate::diff::tests::doc as document;

    #[test]
    fn each_substantive_change_in_a_line_and_minor_ones_grouped() {
        let old = document(
            "1",
            "# 1. Roles\n\n1.1 Members set policy.\n\n1.2 officers advise.\n\n1.3 The Chief Executive [or similar] leads the paid service.\n\n# 2. Definitions\n\n2.1 Council means the council.\n\n2.2 Officers means staff.\n",
        );
        let new = document(
            "1",
            "# 1. Roles\n\n1.1 Members set policy.\n\n1.2 Officers advise.\n\n1.3 The Monitoring Officer leads the paid service.\n\n1.4 In a civil contingency the council meets online.\n",
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        let lines: Vec<String> = changes.highlights().into_iter().map(|h| h.text).collect();
        assert_eq!(
            lines,
            [
                "1.3: “Chief Executive [or similar]” → “Monitoring Officer”",
                "Section “2. Definitions” deleted, with 2.1 to 2.2",
                "1.4 inserted, beginning “In a civil contingency the council meets online.”",
            ]
        );
        let minor = changes.minor_groups();
        assert_eq!(minor.len(), 1);
        assert_eq!(minor[0].kind, "capitalisation only");
        assert_eq!(minor[0].units, ["1.2"]);
    }
}
