//! A schedule of variations: a council's document set against the model
//! it was adopted from, provision by provision, through the same
//! alignment as tracked changes. Every provision of the model is listed
//! exactly once: as the model, varied, a blank filled, an option chosen or
//! not taken, or omitted; and every provision the council added.

use serde::Serialize;

use crate::diff::{Change, ChangeSet, DiffOptions, UnitSide, diff};
use crate::model::{Document, bare_number};

/// What the council did with one provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    /// Kept word for word (its number may differ).
    AsTheModel,
    /// Kept with its blanks filled and nothing else changed.
    BlankFilled,
    /// Changed.
    Varied,
    /// Left out.
    Omitted,
    /// One of a group of alternatives, kept.
    OptionChosen,
    /// One of a group of alternatives, left out for another of the group.
    OptionNotTaken,
    /// The council's own, with nothing in the model.
    AddedLocally,
}

impl Variation {
    /// As a schedule names it, such as "varied".
    pub fn name(self) -> &'static str {
        match self {
            Variation::AsTheModel => "as the model",
            Variation::BlankFilled => "blank filled",
            Variation::Varied => "varied",
            Variation::Omitted => "omitted",
            Variation::OptionChosen => "option chosen",
            Variation::OptionNotTaken => "option not taken",
            Variation::AddedLocally => "added locally",
        }
    }
}

/// One line of the schedule.
#[derive(Debug, Clone, Serialize)]
pub struct Provision {
    /// Its number in the model, if it is the model's (and numbered).
    pub model_number: Option<String>,
    /// Its number in the council's document, if the council kept it.
    pub number: Option<String>,
    pub variation: Variation,
    /// The model marks it statutory.
    pub statutory: bool,
    /// Its text in the model and in the council's document.
    pub model_text: Option<String>,
    pub text: Option<String>,
    /// Where its tracked change is in [`Schedule::changes`].
    pub unit: usize,
}

/// A document set against its model.
#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub provisions: Vec<Provision>,
    /// The tracked changes from the model to the document.
    pub changes: ChangeSet,
}

impl Schedule {
    /// The statutory provisions the document varies or omits.
    pub fn statutory_breaches(&self) -> impl Iterator<Item = &Provision> {
        self.provisions.iter().filter(|p| {
            p.statutory && matches!(p.variation, Variation::Varied | Variation::Omitted)
        })
    }
}

/// The schedule of `document`'s variations from `model`.
pub fn schedule(model: &Document, document: &Document) -> Schedule {
    let changes = diff(model, document, &DiffOptions::default());
    let provisions_of = &model.front_matter.provisions;
    let statutory = |number: &Option<String>| {
        number
            .as_deref()
            .is_some_and(|n| provisions_of.statutory.iter().any(|s| bare_number(s) == n))
    };
    // The groups of alternatives, each with whether the council kept any.
    let group_of = |number: &Option<String>| {
        let number = number.as_deref()?;
        provisions_of
            .options
            .iter()
            .position(|group| group.iter().any(|n| bare_number(n) == number))
    };
    let mut kept_in_group = vec![false; provisions_of.options.len()];
    for unit in &changes.units {
        for side in &unit.old {
            if let Some(group) = group_of(&number(side))
                && !unit.new.is_empty()
            {
                kept_in_group[group] = true;
            }
        }
    }
    let mut provisions = Vec::new();
    for (at, unit) in changes.units.iter().enumerate() {
        let text = (!unit.new.is_empty()).then(|| {
            unit.new
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        if unit.old.is_empty() {
            provisions.push(Provision {
                model_number: None,
                number: unit.new.first().and_then(number),
                variation: Variation::AddedLocally,
                statutory: false,
                model_text: None,
                text,
                unit: at,
            });
            continue;
        }
        for side in &unit.old {
            let model_number = number(side);
            let group = group_of(&model_number);
            let variation = match (unit.change, group) {
                (Change::Deleted, Some(group)) if kept_in_group[group] => Variation::OptionNotTaken,
                (Change::Deleted, _) => Variation::Omitted,
                (Change::Unchanged | Change::Renumbered, Some(_)) => Variation::OptionChosen,
                (Change::Unchanged | Change::Renumbered, None) => Variation::AsTheModel,
                _ if text.as_deref().is_some_and(|t| fills_blanks(&side.text, t)) => {
                    Variation::BlankFilled
                }
                _ => Variation::Varied,
            };
            provisions.push(Provision {
                statutory: statutory(&model_number),
                model_number,
                number: unit.new.first().and_then(number),
                variation,
                model_text: Some(side.text.clone()),
                text: text.clone(),
                unit: at,
            });
        }
    }
    Schedule {
        provisions,
        changes,
    }
}

/// A side's number without its point, if it has one.
fn number(side: &UnitSide) -> Option<String> {
    side.label.as_deref().map(|l| bare_number(l).to_string())
}

/// Where `text` has a blank: a pair of brackets holding nothing but
/// spaces, dots, an ellipsis or underscores, as model documents print
/// them ("( )", "(...)", "[____]"). Each blank's start and end.
pub fn blanks(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| i + from) {
            let inside_start = start + open.len_utf8();
            let Some(end) = text[inside_start..].find(close).map(|i| i + inside_start) else {
                break;
            };
            let inside = &text[inside_start..end];
            if !inside.is_empty() && inside.chars().all(|c| matches!(c, ' ' | '.' | '…' | '_')) {
                found.push((start, end + close.len_utf8()));
            }
            from = end;
        }
    }
    found.sort_unstable();
    found
}

/// Whether `filled` is `model` with every blank filled by some words and
/// nothing else changed.
pub fn fills_blanks(model: &str, filled: &str) -> bool {
    let found = blanks(model);
    if found.is_empty() || !blanks(filled).is_empty() {
        return false;
    }
    // The fixed text around the blanks, in order.
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end) in &found {
        pieces.push(&model[at..*start]);
        at = *end;
    }
    pieces.push(&model[at..]);
    let (first, rest) = pieces.split_first().expect("one piece at least");
    let Some(mut left) = filled.strip_prefix(first) else {
        return false;
    };
    for (i, piece) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let found = match last {
            // The last piece ends the text.
            true => left
                .strip_suffix(piece)
                .map(|fill| (fill.len(), fill.len() + piece.len())),
            false => left.find(piece).map(|i| (i, i + piece.len())),
        };
        match found {
            Some((fill, next)) if !left[..fill].trim().is_empty() => left = &left[next..],
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_empty_brackets() {
        assert_eq!(blanks("The Council has ( ) members."), [(16, 19)]);
        assert_eq!(
            blanks("Meetings start at [....] and (…)."),
            [(18, 24), (29, 34)]
        );
        assert!(blanks("Members (as defined) attend.").is_empty());
    }

    #[test]
    fn a_blank_is_filled_when_only_it_changed() {
        let model = "The Council has ( ) members and meets ( ) times a year.";
        assert!(fills_blanks(
            model,
            "The Council has 51 members and meets seven times a year."
        ));
        assert!(!fills_blanks(
            model,
            "The Council has 51 members and meets often."
        ));
        assert!(!fills_blanks(
            model,
            "The Council has ( ) members and meets 7 times a year."
        ));
        assert!(!fills_blanks(model, model));
    }
}
