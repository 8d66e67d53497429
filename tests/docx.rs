//! Word files of tracked changes: accepting every revision gives exactly
//! the revised text and rejecting every revision exactly the existing text,
//! clause numbers included; the same sources give the same bytes.

mod common;

use clerk::diff::{DiffOptions, diff};
use clerk::model::Document;
use clerk::render::docx::{DocxOptions, changes_docx};
use clerk::source::parse_document;
use common::word::{State, expected, paragraphs, part, resolved};

fn read(path: &str) -> Document {
    let text = std::fs::read_to_string(path).unwrap();
    parse_document("doc", &text).unwrap().document
}

fn word_file(old: &Document, new: &Document) -> Vec<u8> {
    let changes = diff(old, new, &DiffOptions::default());
    changes_docx(&changes, &DocxOptions::revised(&new.front_matter)).unwrap()
}

#[test]
fn the_bury_revision_accepts_to_the_new_text_and_rejects_to_the_old() {
    let old = read("protocols/bury/member-officer-relations-2020.md");
    let new = read("protocols/bury/member-officer-relations-2023.md");
    let docx = word_file(&old, &new);
    let (accepted, rejected) = expected(&old, &new);
    assert_eq!(resolved(&docx, true), accepted);
    assert_eq!(resolved(&docx, false), rejected);
    // The same sources, the same bytes.
    assert_eq!(docx, word_file(&old, &new));
}

#[test]
fn a_revision_with_lists_splits_merges_and_moves_resolves_both_ways() {
    let old = read("tests/fixtures/revision/old.md");
    let new = read("tests/fixtures/revision/new.md");
    let docx = word_file(&old, &new);
    let (accepted, rejected) = expected(&old, &new);
    assert_eq!(resolved(&docx, true), accepted);
    assert_eq!(resolved(&docx, false), rejected);
}

fn document(body: &str, version: &str) -> Document {
    let source = format!(
        "+++\ncouncil = \"t\"\ntitle = \"Protocol\"\nversion = \"{version}\"\nstatus = \"adopted\"\neffective = 2023-04-01\n+++\n{body}"
    );
    parse_document("p", &source).unwrap().document
}

#[test]
fn a_renumbering_is_a_revision_of_the_number_only() {
    let old = document(
        "# 1. Roles\n\n1.1 Members set policy for the council.\n\n1.2 Officers give advice to members.\n",
        "1",
    );
    let new = document("# 1. Roles\n\n1.1 Officers give advice to members.\n", "2");
    let docx = word_file(&old, &new);
    let xml = part(&docx, "word/document.xml");
    // The kept clause: its old number deleted, its new number inserted, its text untouched.
    let kept = paragraphs(&docx)
        .into_iter()
        .find(|p| p.runs.iter().any(|(t, _)| t.contains("Officers give")))
        .unwrap();
    assert_eq!(
        kept.runs,
        [
            ("1.2".to_string(), State::Deleted),
            ("1.1".to_string(), State::Inserted),
            ("\t".to_string(), State::Kept),
            ("Officers give advice to members.".to_string(), State::Kept),
        ]
    );
    // Attributed to the council, by class, on the revised version's date.
    assert!(
        xml.contains(r#"w:author="t (renumbering)" w:date="2023-04-01T00:00:00Z""#),
        "{xml}"
    );
    assert!(xml.contains(r#"w:author="t (substantive)""#));
    // The deleted clause's paragraph mark goes with it.
    let (accepted, rejected) = expected(&old, &new);
    assert_eq!(resolved(&docx, true), accepted);
    assert_eq!(resolved(&docx, false), rejected);
}

#[test]
fn a_moved_clause_is_a_word_move_with_its_range() {
    let old = document(
        "# 1. Roles\n\n1.1 Members set policy for the council.\n\n1.2 Officers give advice to members.\n\n1.3 The Monitoring Officer advises on conduct.\n",
        "1",
    );
    let new = document(
        "# 1. Roles\n\n1.1 The Monitoring Officer advises on conduct.\n\n1.2 Members set policy for the council.\n\n1.3 Officers give advice to members.\n",
        "2",
    );
    let docx = word_file(&old, &new);
    let xml = part(&docx, "word/document.xml");
    for element in [
        "w:moveFromRangeStart",
        "w:moveFromRangeEnd",
        "w:moveToRangeStart",
        "w:moveToRangeEnd",
        "<w:moveFrom ",
        "<w:moveTo ",
    ] {
        assert!(xml.contains(element), "no {element} in {xml}");
    }
    let (accepted, rejected) = expected(&old, &new);
    assert_eq!(resolved(&docx, true), accepted);
    assert_eq!(resolved(&docx, false), rejected);
}

#[test]
fn deleting_the_last_clauses_leaves_no_empty_paragraph_either_way() {
    let old = document(
        "# 1. Roles\n\n1.1 Members set policy for the council.\n\n1.2 Officers give advice to members.\n\n# 2. Gone\n\n2.1 This section goes.\n",
        "1",
    );
    let new = document(
        "# 1. Roles\n\n1.1 Members set policy for the council.\n\n1.2 Officers give advice.\n\n1.3 A new last clause.\n",
        "2",
    );
    for (a, b) in [(&old, &new), (&new, &old)] {
        let docx = word_file(a, b);
        let (accepted, rejected) = expected(a, b);
        assert_eq!(resolved(&docx, true), accepted);
        assert_eq!(resolved(&docx, false), rejected);
        assert_eq!(paragraphs(&docx).last().unwrap().mark, State::Kept);
    }
}

#[test]
fn the_reports_tracked_changes_appendix_accepts_and_rejects_exactly() {
    let (docx, old, new) = common::word::bury_report();
    let (accepted, rejected) = expected(&old, &new);
    for (accept, version) in [(true, &accepted), (false, &rejected)] {
        let text = resolved(&docx, accept);
        let start = text
            .iter()
            .position(|p| p == "Appendix 3: Tracked changes")
            .expect("the tracked-changes appendix")
            + 2; // the heading, then the summary of the changes
        let end = text
            .iter()
            .position(|p| p.starts_with("Appendix 4:"))
            .unwrap();
        assert_eq!(text[start..end], version[..], "accept: {accept}");
    }
    let xml = part(&docx, "word/document.xml");
    // Dated by the meeting the revision is put to, so moves are Word moves.
    assert!(xml.contains(r#"w:date="2023-03-14T00:00:00Z""#));
    assert!(xml.contains("w:author=\"Bury Council (substantive)\""));
    // The cover table, and the comparison table with its header row.
    assert!(xml.matches("<w:tbl>").count() >= 2);
    assert!(xml.contains("<w:tblHeader/>"));
}

fn clerk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_commands_write_word_files_attributed_to_the_council() {
    let dir = tempfile::tempdir().unwrap();
    let old = "protocols/bury/member-officer-relations-2020.md";
    let new = "protocols/bury/member-officer-relations-2023.md";
    let file = dir.path().join("changes.docx");
    let written = clerk(&[
        "diff",
        old,
        new,
        "--format",
        "docx",
        "--date",
        "2023-03-14",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(1), "different versions exit 1");
    // To a pipe, the same bytes.
    let piped = clerk(&["diff", old, new, "--format", "docx", "--date", "2023-03-14"]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(piped.stdout, bytes);
    assert!(bytes.starts_with(b"PK"));
    // The council named in council.toml, and the date given.
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains(r#"w:author="Bury Council (capitalisation)" w:date="2023-03-14T00:00:00Z""#)
    );
    // A date that is not one is refused before anything is written.
    let bad = clerk(&["diff", old, new, "--format", "docx", "--date", "2023-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("`2023-02-30` is not a date"), "{err}");

    let report = dir.path().join("report.docx");
    let made = clerk(&[
        "report",
        "protocols/bury/reports/2023-03-14-constitution-update.md",
        "--format",
        "docx",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let text = resolved(&std::fs::read(&report).unwrap(), true);
    assert!(text.contains(&"Appendix 4: Current and proposed wording".to_string()));
}
