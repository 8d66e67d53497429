//! Tables of destinations and origins, as a rewrite is checked: where each
//! unit of the existing version went (kept, renumbered, moved, split,
//! merged, omitted) and where each unit of the revised version came from
//! (or that it is new drafting), read from the change model's alignment.
//! Every existing unit is in the destinations exactly once, every revised
//! unit in the origins exactly once.

use serde::Serialize;

use crate::diff::units::UnitKind;
use crate::diff::{Change, ChangeSet, UnitChange, UnitSide};

/// Both tables.
#[derive(Debug, Clone, Serialize)]
pub struct Dispositions {
    /// Every unit of the existing version, in its order.
    pub destinations: Vec<Disposition>,
    /// Every unit of the revised version, in its order.
    pub origins: Vec<Disposition>,
}

/// One unit, and its counterparts on the other side.
#[derive(Debug, Clone, Serialize)]
pub struct Disposition {
    /// Its number, or for a unit with none its heading or first words.
    pub unit: String,
    pub kind: UnitKind,
    /// Where it went or came from: the other side's units, none for an
    /// omitted unit or new drafting.
    pub counterparts: Vec<String>,
    /// What happened, in words: "moved to 5.3", "split into 4.2 and 4.3",
    /// "merged into 6.1", "omitted"; "from 3.1", "new drafting".
    pub disposition: String,
    /// The share of its words the other side keeps, 0 to 1, and as a
    /// whole percentage.
    pub similarity: f64,
    pub kept_percent: u32,
    /// The unit of the change set it belongs to (for a link to its
    /// tracked change: `#u-{index + 1}`).
    pub change: usize,
}

/// A side's name in the tables: its number, else a heading's text or a
/// paragraph's first words.
pub fn side_name(side: &UnitSide, kind: UnitKind) -> String {
    if let Some(label) = &side.label {
        return label.trim_end_matches('.').to_string();
    }
    let words: Vec<&str> = side.text.split_whitespace().collect();
    match (kind, words.len()) {
        (UnitKind::Heading, _) | (_, 0..=6) => format!("“{}”", words.join(" ")),
        _ => format!("“{} …”", words[..6].join(" ")),
    }
}

/// "4.2", "4.2 and 4.3", "4.2, 4.3 and 4.4".
fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl ChangeSet {
    /// Where each unit of the existing version went, and where each unit
    /// of the revised version came from.
    pub fn dispositions(&self) -> Dispositions {
        let mut destinations: Vec<(usize, Disposition)> = Vec::new();
        let mut origins: Vec<(usize, Disposition)> = Vec::new();
        for (index, unit) in self.units.iter().enumerate() {
            let names = |sides: &[UnitSide]| -> Vec<String> {
                sides.iter().map(|s| side_name(s, unit.kind)).collect()
            };
            let (olds, news) = (names(&unit.old), names(&unit.new));
            for (side, name) in unit.old.iter().zip(&olds) {
                destinations.push((
                    side.position,
                    Disposition {
                        unit: name.clone(),
                        kind: unit.kind,
                        counterparts: news.clone(),
                        disposition: went(unit, name, &news),
                        similarity: unit.similarity,
                        kept_percent: (unit.similarity * 100.0).round() as u32,
                        change: index,
                    },
                ));
            }
            for (side, name) in unit.new.iter().zip(&news) {
                origins.push((
                    side.position,
                    Disposition {
                        unit: name.clone(),
                        kind: unit.kind,
                        counterparts: olds.clone(),
                        disposition: came(unit, name, &olds),
                        similarity: unit.similarity,
                        kept_percent: (unit.similarity * 100.0).round() as u32,
                        change: index,
                    },
                ));
            }
        }
        destinations.sort_by_key(|(position, _)| *position);
        origins.sort_by_key(|(position, _)| *position);
        Dispositions {
            destinations: destinations.into_iter().map(|(_, d)| d).collect(),
            origins: origins.into_iter().map(|(_, d)| d).collect(),
        }
    }
}

/// Where an existing unit went, in words.
fn went(unit: &UnitChange, name: &str, news: &[String]) -> String {
    let to = listed(news);
    let same = news.len() == 1 && news[0] == name;
    match unit.change {
        Change::Deleted => "omitted".to_string(),
        Change::Split => format!("split into {to}"),
        Change::Merged => format!("merged into {to}"),
        Change::Moved => format!("moved to {to}"),
        _ if same => "kept".to_string(),
        _ => format!("now {to}"),
    }
}

/// Where a revised unit came from, in words.
fn came(unit: &UnitChange, name: &str, olds: &[String]) -> String {
    let from = listed(olds);
    let same = olds.len() == 1 && olds[0] == name;
    match unit.change {
        Change::Inserted => "new drafting".to_string(),
        Change::Split => format!("part of {from}"),
        Change::Merged => format!("from {from}, merged"),
        Change::Moved => format!("moved from {from}"),
        _ if same => "kept".to_string(),
        _ => format!("from {from}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::tests::doc;
    use crate::diff::{DiffOptions, diff};

    #[test]
    fn every_unit_is_accounted_for_once_on_each_side() {
        let old = "# 1. Roles\n\n1.1 Members set the policy of the Council and represent their wards.\n\n1.2 Officers give impartial advice to every member of the Council. They carry out the decisions of the Council and its committees.\n\n1.3 The Monitoring Officer keeps this protocol under review.\n\n# 2. Conduct\n\n2.1 Members and officers respect one another at all times.\n";
        let new = "# 1. Roles\n\n1.1 Officers give impartial advice to every member of the Council.\n\n1.2 They carry out the decisions of the Council and its committees.\n\n1.3 Members set the policy of the Council and represent their wards.\n\n# 2. Conduct\n\n2.1 Members and officers respect one another at all times.\n\n2.2 A new duty to report concerns promptly to the Monitoring Officer applies.\n";
        let changes = diff(&doc("old", old), &doc("new", new), &DiffOptions::default());
        let tables = changes.dispositions();
        let went: Vec<(&str, &str)> = tables
            .destinations
            .iter()
            .map(|d| (d.unit.as_str(), d.disposition.as_str()))
            .collect();
        assert_eq!(
            went,
            [
                ("1", "kept"),
                ("1.1", "now 1.3"),
                ("1.2", "split into 1.1 and 1.2"),
                ("1.3", "omitted"),
                ("2", "kept"),
                ("2.1", "kept"),
            ],
            "{:#?}",
            changes.units
        );
        let came: Vec<(&str, &str)> = tables
            .origins
            .iter()
            .map(|d| (d.unit.as_str(), d.disposition.as_str()))
            .collect();
        assert_eq!(
            came,
            [
                ("1", "kept"),
                ("1.1", "part of 1.2"),
                ("1.2", "part of 1.2"),
                ("1.3", "from 1.1"),
                ("2", "kept"),
                ("2.1", "kept"),
                ("2.2", "new drafting"),
            ]
        );
    }
}

#[cfg(test)]
mod threshold_tests {
    use crate::diff::tests::doc;
    use crate::diff::{DiffOptions, diff};

    fn went(old_text: &str, new_text: &str) -> String {
        let old = format!(
            "# 1. Roles\n\n1.1 Members set the policy of the Council and represent their wards.\n\n1.2 {old_text}\n\n# 2. Conduct\n\n2.1 Members and officers respect one another at all times.\n"
        );
        let new = format!(
            "# 1. Introduction\n\n1.1 A new first clause that no earlier version had in any form.\n\n# 2. Roles\n\n2.1 Members set the policy of the Council and represent their wards.\n\n# 3. Conduct\n\n3.1 Members and officers respect one another at all times.\n\n3.2 {new_text}\n"
        );
        let changes = diff(
            &doc("old", &old),
            &doc("new", &new),
            &DiffOptions::default(),
        );
        let tables = changes.dispositions();
        tables
            .destinations
            .iter()
            .find(|d| d.unit == "1.2")
            .map(|d| d.disposition.clone())
            .unwrap()
    }

    /// A provision moved and reworded is the same one while at least half
    /// its words stay (the alignment's match threshold, 0.5); below that it
    /// is omitted, and the new text is new drafting.
    #[test]
    fn the_same_provision_keeps_at_least_half_its_words() {
        let old =
            "Officers give impartial advice to every member of the Council on law and procedure.";
        // 10 of 15 words kept.
        let reworded = "Officers give impartial and timely advice to each councillor on law, finance and procedure.";
        assert_eq!(went(old, reworded), "moved to 3.2");
        // 3 of 15 words kept.
        let rewritten =
            "Councillors receive neutral guidance from staff whenever questions of legality arise.";
        assert_eq!(went(old, rewritten), "omitted");
    }
}

#[cfg(test)]
mod near_copy_tests {
    use crate::diff::tests::doc;
    use crate::diff::{DiffOptions, diff};

    /// Two Parts hold the same clause; a rewrite renumbers everything,
    /// puts the Parts in another order and rewords both copies alike.
    /// Each copy is matched in the section of its own title, not with the
    /// other Part's copy, which reads the same.
    #[test]
    fn a_near_copy_in_another_section_is_not_taken_for_the_clause() {
        let clause = "The Head of Service decides applications under this Part within eight weeks of receipt.";
        let old = format!(
            "# 1. Planning\n\n1.1 {clause}\n\n1.2 Planning fees are set each year.\n\n# 2. Licensing\n\n2.1 {clause}\n\n2.2 Licence fees are set each year.\n"
        );
        let reworded =
            "The Head of Service decides applications under this Part within ten weeks of receipt.";
        let new = format!(
            "# 1. Introduction\n\n1.1 These rules were rewritten in 2026.\n\n# 2. Licensing\n\n2.1 Licence fees are set each year.\n\n2.2 {reworded}\n\n# 3. Planning\n\n3.1 Planning fees are set each year.\n\n3.2 {reworded}\n"
        );
        let changes = diff(
            &doc("old", &old),
            &doc("new", &new),
            &DiffOptions::default(),
        );
        let tables = changes.dispositions();
        let went = |unit: &str| {
            tables
                .destinations
                .iter()
                .find(|d| d.unit == unit)
                .map(|d| d.counterparts.clone())
                .unwrap()
        };
        assert_eq!(went("1.1"), ["3.2"]);
        assert_eq!(went("2.1"), ["2.2"]);
    }
}
