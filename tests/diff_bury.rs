//! `clerk diff` on Bury's existing and revised protocol: the reference case.

mod common;

use common::clerk;

use clerk::diff::words::ChangeClass;
use clerk::diff::{Change, ChangeSet, DiffOptions, diff};
use clerk::source::parse_document;

const OLD: &str = "protocols/bury/member-officer-relations-2020.md";
const NEW: &str = "protocols/bury/member-officer-relations-2023.md";

fn bury() -> ChangeSet {
    let read = |path: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        parse_document(path, &text).unwrap().document
    };
    diff(&read(OLD), &read(NEW), &DiffOptions::default())
}

fn unit<'a>(changes: &'a ChangeSet, old_label: &str) -> &'a clerk::diff::UnitChange {
    changes
        .units
        .iter()
        .find(|u| {
            u.old
                .iter()
                .any(|s| s.label.as_deref().map(|l| l.trim_end_matches('.')) == Some(old_label))
        })
        .unwrap_or_else(|| panic!("no unit for old {old_label}"))
}

#[test]
fn the_definitions_section_is_deleted() {
    let changes = bury();
    let definitions = changes
        .sections
        .iter()
        .find(|s| s.heading == "2. Definitions")
        .expect("Definitions section");
    assert_eq!(definitions.change, Change::Deleted);
    assert_eq!(definitions.units, ["2.1", "2.2", "2.3", "2.4", "2.5"]);
}

#[test]
fn the_emergency_and_pre_election_clauses_are_inserted() {
    let changes = bury();
    let inserted: Vec<(&str, &str)> = changes
        .units
        .iter()
        .filter(|u| u.change == Change::Inserted)
        .filter_map(|u| Some((u.new[0].label.as_deref()?, u.new[0].text.as_str())))
        .collect();
    assert!(
        inserted
            .iter()
            .any(|(l, t)| *l == "15.7" && t.contains("emergency or civil contingency")),
        "{inserted:?}"
    );
    assert!(
        inserted
            .iter()
            .any(|(l, t)| *l == "15.8" && t.contains("pre-election period")),
        "{inserted:?}"
    );
}

#[test]
fn the_standards_board_and_chief_executive_changes() {
    let changes = bury();
    let breaches = unit(&changes, "3.9");
    assert!(breaches.classes.contains(&ChangeClass::Substantive));
    assert!(
        breaches
            .edits
            .iter()
            .any(|e| e.old_text().contains("Standards Board for England"))
    );
    assert!(
        breaches
            .edits
            .iter()
            .any(|e| e.new_text().contains("Monitoring Officer"))
    );
    let difficulty = unit(&changes, "12.16");
    assert!(
        difficulty
            .edits
            .iter()
            .any(|e| e.old_text().contains("Chief Executive [or similar]")
                && e.new_text().contains("Monitoring Officer"))
    );
}

#[test]
fn substitutions_are_listed_with_counts() {
    let changes = bury();
    let find = |old: &str, new: &str| {
        changes
            .substitutions
            .iter()
            .find(|s| s.old == old && s.new == new)
    };
    let cabinet = find("Executive", "Cabinet").expect("Executive to Cabinet");
    assert_eq!(cabinet.count, 11, "{cabinet:?}");
    // One rename, with every place it was made: "An Overview and Scrutiny"
    // to "A Scrutiny" and headings included.
    let scrutiny =
        find("Overview and Scrutiny", "Scrutiny").expect("Overview and Scrutiny to Scrutiny");
    // Every place it was renamed, "an Overview and Scrutiny" to "a
    // Scrutiny" included: 13 (4.5's "Executive, Overview" to "Cabinet" is
    // a rewording of two names, not this rename).
    assert_eq!(scrutiny.count, 13, "{scrutiny:?}");
    assert!(
        scrutiny.units.contains(&"10".to_string()),
        "the heading counts"
    );
    assert!(scrutiny.units.contains(&"10.2".to_string()), "{scrutiny:?}");
    assert!(
        !changes
            .substitutions
            .iter()
            .any(|s| s.old == "An Overview and")
    );
    // The whole phrase, with the word both sides share.
    let finance = find("designated Finance Officer", "Section 151 Officer")
        .expect("designated Finance Officer to Section 151 Officer");
    assert_eq!(finance.count, 5, "{finance:?}");
}

#[test]
fn repairs_and_capitalisation_are_sorted_into_their_own_classes() {
    let changes = bury();
    // "Councilfor" repaired to "Council for" in 4.10 is whitespace only.
    let resources = unit(&changes, "4.10");
    assert_eq!(resources.classes, [ChangeClass::Whitespace]);
    // 13.1: "members" to "Members" only.
    assert_eq!(
        unit(&changes, "13.1").classes,
        [ChangeClass::Capitalisation]
    );
    assert!(changes.summary.edits[&ChangeClass::Capitalisation] > 50);
    assert!(changes.summary.edits[&ChangeClass::Whitespace] > 10);
    // The missing 4.3: old 4.3 is the revised 4.2, renumbered only.
    let renumbered = unit(&changes, "4.3");
    assert_eq!(renumbered.change, Change::Renumbered);
}

#[test]
fn text_output_snapshot() {
    let output = clerk(&["diff", OLD, NEW]);
    assert_eq!(output.status.code(), Some(1), "differences exit 1");
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}

#[test]
fn json_is_the_change_model() {
    let output = clerk(&["diff", OLD, NEW, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = serde_json::to_value(bury()).unwrap();
    // Ids differ (path vs file stem); everything else is the same model.
    assert!(json["units"] == expected["units"], "the units differ");
    assert_eq!(json["substitutions"], expected["substitutions"]);
    assert_eq!(json["format_version"], 2);
}

#[test]
fn critic_markup_marks_every_change() {
    let output = clerk(&["diff", OLD, NEW, "--format", "markdown"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("{~~Executive~>Cabinet~~}"),
        "substitutions as CriticMarkup"
    );
    assert!(text.contains("{++In an emergency or civil contingency"));
    assert!(
        text.contains("{--Unless the context indicates otherwise, references to the term Council")
    );
}

#[test]
fn exit_codes() {
    assert_eq!(
        clerk(&["diff", OLD, OLD]).status.code(),
        Some(0),
        "identical exits 0"
    );
    let missing = clerk(&["diff", OLD, "protocols/bury/nope.md"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("cannot read protocols/bury/nope.md")
    );
    let broken = clerk(&["diff", OLD, "tests/fixtures/bad/unknown-key.md"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("tests/fixtures/bad/unknown-key.md:3:1")
    );
}

#[test]
fn html_page_marks_changes_with_text_cues() {
    let output = clerk(&["diff", OLD, NEW, "--format", "html"]);
    let html = String::from_utf8_lossy(&output.stdout);
    assert!(html.contains("<del class=\"substantive\"><span class=\"cue\">[deleted: </span>"));
    assert!(html.contains("<ins class=\"substantive\"><span class=\"cue\">[inserted: </span>"));
    assert!(html.contains("<table class=\"change-summary\">"));
    assert!(html.contains("Substitutions made throughout"));
    assert_eq!(html.matches("<h1").count(), 1);
}

/// The summary leads with what matters to a committee member.
#[test]
fn the_highlights_name_the_changes_that_matter() {
    let changes = bury();
    let lines: Vec<String> = changes.highlights().into_iter().map(|h| h.text).collect();
    let position = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no highlight has {needle:?}: {lines:#?}"))
    };
    let expected = [
        "Section “2. Definitions” deleted, with 2.1 to 2.5",
        "3.6: removes 10 lines, from “Selflessness serving only the public interest.”",
        "3.9: “Standards Board for England",
        "12.16: “Chief Executive [or similar]” → “Monitoring Officer”",
        "15.7 inserted",
        "15.8 inserted",
        "19.6: “Standards Board for England” → “Monitoring Officer / Standards Committee”",
    ];
    let found: Vec<usize> = expected.iter().map(|e| position(e)).collect();
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "in document order: {found:?}"
    );
    // Renames listed as substitutions are not repeated clause by clause.
    assert!(
        !lines.iter().any(|l| l.ends_with("“Executive” → “Cabinet”")),
        "{lines:#?}"
    );
    let minor = changes.minor_groups();
    assert_eq!(minor[0].kind, "capitalisation only");
    assert!(minor[0].units.len() > 30);
}
