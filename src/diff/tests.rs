//! The change model on small revisions, one kind of change each.

use super::*;
use crate::source::parse_document;

/// A document of version `id` (also its id) with `body`, for tests of the change model.
pub(super) fn doc(id: &str, body: &str) -> Document {
    let source = format!(
        "+++\ncouncil = \"t\"\ntitle = \"Protocol\"\nversion = \"{id}\"\nstatus = \"adopted\"\n+++\n{body}"
    );
    parse_document(id, &source).unwrap().document
}

fn run(old: &str, new: &str) -> ChangeSet {
    diff(&doc("old", old), &doc("new", new), &DiffOptions::default())
}

/// (title, change) of every unit that changed.
fn changed(changes: &ChangeSet) -> Vec<(String, Change, Vec<ChangeClass>)> {
    changes
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged)
        .map(|u| {
            let old = u
                .old
                .first()
                .and_then(|s| s.label.clone())
                .unwrap_or_default();
            let new = u
                .new
                .first()
                .and_then(|s| s.label.clone())
                .unwrap_or_default();
            (format!("{old}>{new}"), u.change, u.classes.clone())
        })
        .collect()
}

const BASE: &str = "# 1. Roles\n\n1.1 Members set the policy framework of the council.\n\n1.2 Officers give impartial advice to all members.\n\n1.3 Officers implement the decisions of the council lawfully.\n\n1.4 Members and officers respect each other at all times.\n";

#[test]
fn identical_documents_have_no_changes() {
    let changes = diff(&doc("v", BASE), &doc("v", BASE), &DiffOptions::default());
    assert!(!changes.has_changes());
    assert!(changes.units.iter().all(|u| u.change == Change::Unchanged));
}

#[test]
fn each_class_of_edit() {
    let cases = [
        (
            "Officers give impartial advice to all Members.",
            ChangeClass::Capitalisation,
        ),
        (
            "Officers give impartialadvice to all members.",
            ChangeClass::Whitespace,
        ),
        (
            "Officers give impartial advice, to all members",
            ChangeClass::Punctuation,
        ),
        (
            "Officers give independent advice to all members.",
            ChangeClass::Substantive,
        ),
    ];
    for (text, class) in cases {
        let new = BASE.replace("Officers give impartial advice to all members.", text);
        let changes = run(BASE, &new);
        assert_eq!(
            changed(&changes),
            [("1.2>1.2".to_string(), Change::Edited, vec![class])],
            "{text}"
        );
    }
}

#[test]
fn inserted_clause_renumbers_without_editing_the_rest() {
    let new = BASE
        .replace("1.4 Members", "1.5 Members")
        .replace("1.3 Officers", "1.4 Officers")
        .replace("1.2 Officers", "1.3 Officers")
        .replace("1.1 Members set the policy framework of the council.\n", "1.1 Members set the policy framework of the council.\n\n1.2 In an emergency the press office issues statements.\n");
    let changes = run(BASE, &new);
    assert_eq!(
        changed(&changes),
        [
            (
                ">1.2".to_string(),
                Change::Inserted,
                vec![ChangeClass::Substantive]
            ),
            (
                "1.2>1.3".to_string(),
                Change::Renumbered,
                vec![ChangeClass::Renumbering]
            ),
            (
                "1.3>1.4".to_string(),
                Change::Renumbered,
                vec![ChangeClass::Renumbering]
            ),
            (
                "1.4>1.5".to_string(),
                Change::Renumbered,
                vec![ChangeClass::Renumbering]
            ),
        ]
    );
    assert_eq!(changes.summary.substantive_units, 1);
}

#[test]
fn deleted_clause() {
    let new = BASE.replace(
        "1.3 Officers implement the decisions of the council lawfully.\n\n",
        "",
    );
    let changes = run(BASE, &new);
    assert_eq!(
        changed(&changes),
        [(
            "1.3>".to_string(),
            Change::Deleted,
            vec![ChangeClass::Substantive]
        )]
    );
    // The deletion stands where the clause stood.
    let position = changes
        .units
        .iter()
        .position(|u| u.change == Change::Deleted)
        .unwrap();
    assert_eq!(changes.units[position - 1].label(), Some("1.2"));
}

#[test]
fn moved_clause_and_moved_edited_clause() {
    let moved = "# 1. Roles\n\n1.2 Officers give impartial advice to all members.\n\n1.3 Officers implement the decisions of the council lawfully.\n\n1.4 Members and officers respect each other at all times.\n\n1.1 Members set the policy framework of the council.\n";
    let changes = run(BASE, moved);
    assert_eq!(
        changed(&changes),
        [(
            "1.1>1.1".to_string(),
            Change::Moved,
            vec![ChangeClass::Moved]
        )]
    );

    let moved_edited = moved.replace(
        "set the policy framework",
        "set the budget and policy framework",
    );
    let changes = run(BASE, &moved_edited);
    assert_eq!(
        changed(&changes),
        [(
            "1.1>1.1".to_string(),
            Change::Moved,
            vec![ChangeClass::Substantive, ChangeClass::Moved]
        )]
    );
}

#[test]
fn split_and_merge() {
    let old = "# 1. Roles\n\n1.1 Members set the policy framework of the council and officers implement the decisions of the council lawfully.\n";
    let new = "# 1. Roles\n\n1.1 Members set the policy framework of the council.\n\n1.2 Officers implement the decisions of the council lawfully.\n";
    let split = run(old, new);
    let unit = split
        .units
        .iter()
        .find(|u| u.change == Change::Split)
        .expect("a split");
    assert_eq!(unit.old.len(), 1);
    assert_eq!(unit.new.len(), 2);
    let merged = run(new, old);
    let unit = merged
        .units
        .iter()
        .find(|u| u.change == Change::Merged)
        .expect("a merge");
    assert_eq!(unit.old.len(), 2);
    assert_eq!(merged.accept_all(), doc_texts(old));
    assert_eq!(merged.reject_all(), doc_texts(new));
}

#[test]
fn renumber_cascade_with_references() {
    let old = "# 1. Scope\n\n1.1 First.\n\n1.2 Second clause text here.\n\n1.3 Subject to 1.2 above, the third.\n";
    let new =
        "# 1. Scope\n\n1.1 Second clause text here.\n\n1.2 Subject to 1.1 above, the third.\n";
    let changes = run(old, new);
    let third = changes
        .units
        .iter()
        .find(|u| u.old.first().and_then(|s| s.label.as_deref()) == Some("1.3"))
        .unwrap();
    assert_eq!(
        third.change,
        Change::Renumbered,
        "the reference followed its clause: {:?}",
        third.edits
    );
    assert_eq!(third.classes, [ChangeClass::Renumbering]);
}

#[test]
fn global_substitution_is_listed_once() {
    let old = "# 1. Roles\n\n1.1 The Executive sets the budget.\n\n1.2 Officers advise the Executive.\n\n1.3 The Executive meets monthly in public.\n";
    let new = old.replace("Executive", "Cabinet");
    let changes = run(old, &new);
    assert_eq!(changes.substitutions.len(), 1);
    let s = &changes.substitutions[0];
    assert_eq!(
        (s.old.as_str(), s.new.as_str(), s.count),
        ("Executive", "Cabinet", 3)
    );
    assert_eq!(s.units, ["1.1", "1.2", "1.3"]);
}

#[test]
fn ignored_classes_are_applied_silently() {
    let new = BASE
        .replace("all members.", "all Members.")
        .replace("respect each other", "respect one another");
    let options = DiffOptions {
        ignore: [ChangeClass::Capitalisation].into(),
        ..DiffOptions::default()
    };
    let changes = diff(&doc("old", BASE), &doc("new", &new), &options);
    assert_eq!(changed(&changes).len(), 1, "{:?}", changed(&changes));
    assert_eq!(changes.summary.ignored_edits, 1);
}

#[test]
fn front_matter_changes() {
    let old = doc("old", BASE);
    let mut new = doc("new", BASE);
    new.front_matter.status = crate::model::Status::Proposed;
    let changes = diff(&old, &new, &DiffOptions::default());
    let fields: Vec<&str> = changes
        .front_matter
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["version", "status"]);
}

fn doc_texts(body: &str) -> Vec<String> {
    units::units(&doc("x", body))
        .into_iter()
        .map(|u| u.text)
        .collect()
}

#[test]
fn accept_and_reject_rebuild_both_versions() {
    let new =
        BASE.replace(
            "Officers give impartial advice",
            "Officers give independent, impartial advice",
        )
        .replace(
            "1.3 Officers implement the decisions of the council lawfully.\n\n",
            "",
        ) + "\n1.5 A new clause about the pre-election period.\n";
    let changes = run(BASE, &new);
    assert_eq!(changes.accept_all(), doc_texts(&new));
    assert_eq!(changes.reject_all(), doc_texts(BASE));
}

/// "Café" typed composed and decomposed looks the same on every page: no change.
#[test]
fn composed_and_decomposed_text_are_the_same_text() {
    let composed = "# 1. Caf\u{e9} rules\n\n1.1 Members meet in the caf\u{e9}.\n";
    let decomposed = "# 1. Cafe\u{301} rules\n\n1.1 Members meet in the cafe\u{301}.\n";
    let changes = diff(
        &doc("v", composed),
        &doc("v", decomposed),
        &DiffOptions::default(),
    );
    assert!(!changes.has_changes(), "{:?}", changed(&changes));
    let edited = run(
        composed,
        "# 1. Cafe\u{301} rules\n\n1.1 Members meet in the cafe\u{301} bar.\n",
    );
    assert_eq!(changed(&edited).len(), 1);
}

/// A section retitled in place is edited, not deleted and inserted.
#[test]
fn a_heading_retitled_in_place_is_edited() {
    let old = "# 1. Introduction\n\n1.1 Members set the policy framework of the council.\n\n# 9. Cabinet Members and Officers\n\n9.1 Officers give impartial advice to all members.\n\n# The Chief Executive\n\n10.1 Officers implement the decisions of the council lawfully.\n";
    let new = "# 1. Purpose and scope\n\n1.1 Members set the policy framework of the council.\n\n# 9. Cabinet Civic Head\n\n9.1 Officers give impartial advice to all members.\n\n# The Head of Paid Service\n\n10.1 Officers implement the decisions of the council lawfully.\n";
    let changes = run(old, new);
    let headings: Vec<(Change, String)> = changes
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Heading)
        .map(|u| {
            (
                u.change,
                u.new.first().map(|s| s.text.clone()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        headings,
        [
            (Change::Edited, "Purpose and scope".to_string()),
            (Change::Edited, "Cabinet Civic Head".to_string()),
            (Change::Edited, "The Head of Paid Service".to_string()),
        ]
    );
    assert!(changes.sections.is_empty(), "{:?}", changes.sections);
}

/// A long clause rewritten from end to end under the same number is still
/// a deletion and an insertion.
#[test]
fn a_long_clause_rewritten_whole_is_deleted_and_inserted() {
    let old = "# 1. Roles\n\n1.1 Members set the policy framework of the council and represent the interests of their wards at every meeting.\n\n1.2 Officers implement decisions.\n";
    let new = "# 1. Roles\n\n1.1 Emergency powers pass to the chief executive during a declared civil contingency, subject to later report to full council.\n\n1.2 Officers implement decisions.\n";
    let changes = run(old, new);
    let kinds: Vec<Change> = changes
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged)
        .map(|u| u.change)
        .collect();
    assert_eq!(kinds, [Change::Deleted, Change::Inserted]);
}

/// A clause split into a long part and a short one is a split, and two
/// merged the same way a merge: the parts cover the whole exactly.
#[test]
fn lopsided_splits_and_merges_are_found() {
    let whole = "# 1. Roles\n\n1.1 Officers give impartial advice to all members on every matter of policy, law and procedure that comes before the council or its committees. Always.\n\n1.2 Officers implement decisions.\n";
    let parts = "# 1. Roles\n\n1.1 Officers give impartial advice to all members on every matter of policy, law and procedure that comes before the council or its committees.\n\n1.2 Always.\n\n1.3 Officers implement decisions.\n";
    let split = run(whole, parts);
    let kinds: Vec<Change> = split
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged)
        .map(|u| u.change)
        .collect();
    assert_eq!(kinds, [Change::Split, Change::Renumbered]);
    let merge = run(parts, whole);
    let kinds: Vec<Change> = merge
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged)
        .map(|u| u.change)
        .collect();
    assert_eq!(kinds, [Change::Merged, Change::Renumbered]);
}

/// A rename counts every time it is made: in a heading and in a possessive too.
#[test]
fn a_rename_counts_headings_and_possessives() {
    let old = "# 1. The Executive\n\n1.1 The Executive sets the budget.\n\n1.2 The Executive's members meet monthly.\n\n# 2. Officers\n\n2.1 Officers advise the Executive on policy.\n";
    let new = old.replace("Executive", "Cabinet");
    let changes = run(old, &new);
    assert_eq!(
        changes.substitutions.len(),
        1,
        "{:?}",
        changes.substitutions
    );
    let s = &changes.substitutions[0];
    assert_eq!(
        (s.old.as_str(), s.new.as_str(), s.count),
        ("Executive", "Cabinet", 4)
    );
    assert_eq!(s.units, ["1", "1.1", "1.2", "2.1"]);
}

/// A multi-word post renamed in every position a constitution puts it:
/// opening a clause, ending one, after "the", "a" and "an" (which the new
/// title may change), possessive, plural, and broken over a line. Each
/// rename is listed once, whole, with its exact count, and nothing else is.
#[test]
fn a_multi_word_post_renamed_anywhere_is_one_substitution() {
    let old = "# 1. Roles\n\n1.1 Head of Democratic Services advises members.\n\n1.2 Members may ask the Head of Democratic Services.\n\n1.3 The Head of Democratic Services's team keeps the minutes.\n\n1.4 Deputies act as Heads of Democratic Services when needed.\n\n1.5 A report goes to the Head of\nDemocratic Services every month.\n\n1.6 Questions go to a Head of Democratic Services in writing.\n\n1.7 An Assistant Director of Law attends every meeting.\n\n1.8 Advice comes from an Assistant Director of Law or the Monitoring Officer.\n";
    let new = "# 1. Roles\n\n1.1 Democratic and Electoral Services Manager advises members.\n\n1.2 Members may ask the Democratic and Electoral Services Manager.\n\n1.3 The Democratic and Electoral Services Manager's team keeps the minutes.\n\n1.4 Deputies act as Democratic and Electoral Services Managers when needed.\n\n1.5 A report goes to the Democratic and Electoral\nServices Manager every month.\n\n1.6 Questions go to a Democratic and Electoral Services Manager in writing.\n\n1.7 A Head of Legal Services attends every meeting.\n\n1.8 Advice comes from a Head of Legal Services or the Monitoring Officer.\n";
    let changes = run(old, new);
    let found: Vec<(&str, &str, usize)> = changes
        .substitutions
        .iter()
        .map(|s| (s.old.as_str(), s.new.as_str(), s.count))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Head of Democratic Services",
                "Democratic and Electoral Services Manager",
                6
            ),
            ("Assistant Director of Law", "Head of Legal Services", 2),
        ],
        "{:#?}",
        changes.substitutions
    );
    // Nothing is left to tell clause by clause.
    assert!(
        changes.highlights().is_empty(),
        "{:?}",
        changes.highlights()
    );
}
