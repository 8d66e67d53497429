//! An import whose structure looks wrong says so, never "every line was
//! classified": clause numbers that do not follow their sections (Word
//! numbering lost in its styles) and a run of headings (a table read as
//! text).

mod common;

use common::{clerk_in, stderr};

fn imported(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.txt"), text).unwrap();
    let out = clerk_in(dir.path(), &["import", "rules.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn clause_numbers_that_do_not_follow_their_sections_are_doubted() {
    let said = imported(
        "Procedure Rules\n\n2. Meetings\n\n1.1 Meetings are held monthly.\n\n1.2 The Mayor chairs them.\n\n3. Motions\n\n1.1 Motions are given in writing.\n\n1.2 They are listed in order.\n",
    );
    assert!(
        said.contains("the structure may be wrong: 4 of 4 clause numbers do not start with their section's number"),
        "{said}"
    );
    assert!(!said.contains("every line was classified\n"), "{said}");
}

#[test]
fn a_run_of_headings_is_doubted() {
    let said = imported(
        "Scheme of Delegation\n\nFunction\n\nDelegated To\n\nConditions\n\nPlanning Applications\n\nHead of Planning\n\nFive Objections\n\nPremises Licences\n\nLicensing Manager\n\n1.1 The Scheme is reviewed each year.\n",
    );
    assert!(
        said.contains("headings in a row with no text between them"),
        "{said}"
    );
}

#[test]
fn a_sound_import_is_not_doubted() {
    let said = imported(
        "Procedure Rules\n\n2. Meetings\n\n2.1 Meetings are held monthly.\n\n2.2 The Mayor chairs them.\n\n3. Motions\n\n3.1 Motions are given in writing.\n\n3.2 They are listed in order.\n",
    );
    assert!(!said.contains("the structure may be wrong"), "{said}");
    assert!(said.contains("every line was classified\n"), "{said}");
}
