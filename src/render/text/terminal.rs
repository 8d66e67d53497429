//! The tracked changes as terminal text.

use crate::diff::lines::LabelPart;
use crate::diff::units::UnitKind;
use crate::diff::words::Edit;
use crate::diff::{Change, ChangeSet, UnitChange};
use crate::render::present::changes::{
    Stop, change_note, new_name, old_name, outline, shown_fields, summary_line, trivial_summary,
    unit_title, versions_line,
};

/// Terminal text: the summary, substitutions, then each changed unit with
/// `[-deleted-]` and `{+inserted+}`, coloured when `colour` is set.
pub fn text(changes: &ChangeSet, colour: bool) -> String {
    let style = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = format!(
        "{} -> {}\n{}\n{}\n",
        changes.old.id,
        changes.new.id,
        versions_line(changes),
        summary_line(changes)
    );
    if let Some(minor) = trivial_summary(changes) {
        out.push_str(&format!("{minor}\n"));
    }
    for field in &shown_fields(changes) {
        out.push_str(&format!(
            "front matter {}: {} -> {}\n",
            field.field,
            field.old.as_deref().unwrap_or("(none)"),
            field.new.as_deref().unwrap_or("(none)")
        ));
    }
    let highlights = changes.highlights();
    if !highlights.is_empty() {
        out.push_str("\nWhat changes:\n");
        for highlight in highlights {
            out.push_str(&format!("  - {}\n", highlight.text));
        }
    }
    for group in changes.minor_groups() {
        out.push_str(&format!("  {}: {}\n", group.kind, group.units.join(", ")));
    }
    if !changes.substitutions.is_empty() {
        out.push_str("\nSubstitutions made throughout:\n");
        for s in &changes.substitutions {
            out.push_str(&format!(
                "  \"{}\" -> \"{}\" ({} times: {})\n",
                s.old,
                s.new,
                s.count,
                s.units.join(", ")
            ));
        }
    }
    let moved_to = |out: &mut String, unit: &UnitChange| {
        out.push_str(&format!(
            "\n{} (moved to {})\n",
            style("31", &format!("[-{}-]", old_name(unit))),
            new_name(unit)
        ));
    };
    // Where each moved unit stood is told in its old place.
    for stop in outline(changes) {
        let unit = match stop {
            Stop::MovedAway { unit, .. } => {
                moved_to(&mut out, unit);
                continue;
            }
            Stop::Unit { unit, .. } => unit,
        };
        if unit.change == Change::Unchanged {
            continue;
        }
        let section = unit
            .new
            .first()
            .or(unit.old.first())
            .map(|s| s.section.as_str())
            .unwrap_or("");
        let deleted = |s: &str| style("31", &format!("[-{s}-]"));
        let inserted = |s: &str| style("32", &format!("{{+{s}+}}"));
        let label: Vec<String> = match unit.kind {
            UnitKind::Heading | UnitKind::Row => vec![style("1", &unit_title(unit))],
            _ => unit
                .label_parts()
                .into_iter()
                .map(|part| match part {
                    LabelPart::Same(n) => style("1", &n),
                    LabelPart::Old(n) => deleted(&n),
                    LabelPart::New(n) => inserted(&n),
                    LabelPart::Unnumbered => "unnumbered".to_string(),
                })
                .collect(),
        };
        out.push_str(&format!(
            "\n{}{}({}{})\n",
            label.join(" "),
            if label.is_empty() { "" } else { " " },
            change_note(unit),
            if section.is_empty() {
                String::new()
            } else {
                format!("; in {section}")
            },
        ));
        let lines = match unit.kind {
            UnitKind::Heading => Vec::new(),
            _ => unit.lines(),
        };
        let edits: Vec<(usize, bool, Vec<Edit>)> = if lines.is_empty() {
            vec![(0, false, unit.edits.clone())]
        } else {
            lines
                .iter()
                .map(|l| {
                    (
                        l.shape.depth,
                        l.shape.item && !l.shape.lettered,
                        l.shown_edits(),
                    )
                })
                .collect()
        };
        for (depth, bullet, edits) in edits {
            out.push_str(&"  ".repeat(depth));
            if bullet {
                out.push_str("- ");
            }
            for edit in &edits {
                match edit {
                    Edit::Equal { text } => out.push_str(text),
                    Edit::Delete { text, .. } => out.push_str(&deleted(text)),
                    Edit::Insert { text, .. } => out.push_str(&inserted(text)),
                    Edit::Replace { old, new, .. } => {
                        out.push_str(&deleted(old));
                        out.push_str(&inserted(new));
                    }
                }
            }
            out.push('\n');
        }
    }
    out
}
