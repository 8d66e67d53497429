//! `clerk renumber`: closes up numbers and rewrites the references to them
//! in every document of the council; a dry run writes nothing.

mod common;

use common::{clerk_in, small_council, small_source, stderr};

#[test]
fn renumbering_closes_up_numbers_and_every_reference_follows() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    let document = |name: &str, extra: &str, body: &str| {
        let front = format!("version = \"1\"\nstatus = \"draft\"\n{extra}");
        std::fs::write(council.join(name), small_source(&front, body)).unwrap();
    };
    document(
        "protocol.md",
        "",
        "# 4. Roles\n\n4.1 Members set policy.\n\n4.2 Officers advise.\n\n4.4 Subject to [4.2](#4.2), officers act.\n\n4.5 As [4.4](#4.4) says.\n",
    );
    document(
        "code.md",
        "",
        "# 1. Code\n\n1.1 See [the protocol](protocol#4.5).\n",
    );
    document(
        "faithful.md",
        "\n[check]\nallow = [\"numbering-gap\"]\n",
        "# 1. Copy\n\n1.1 See [the protocol](protocol#4.4).\n\n1.3 Gap kept.\n",
    );
    let read = |name: &str| std::fs::read_to_string(council.join(name)).unwrap();
    let before = (read("protocol.md"), read("code.md"), read("faithful.md"));

    let dry = clerk_in(
        dir.path(),
        &["renumber", "protocols/small/protocol.md", "--dry-run"],
    );
    assert_eq!(dry.status.code(), Some(1), "{}", stderr(&dry));
    let shown = String::from_utf8_lossy(&dry.stdout);
    assert!(shown.contains("[-4.4-] {+4.3+}"), "{shown}");
    assert_eq!(
        (read("protocol.md"), read("code.md"), read("faithful.md")),
        before
    );

    let done = clerk_in(dir.path(), &["renumber", "protocols/small/protocol.md"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let protocol = read("protocol.md");
    assert!(
        protocol.contains("4.3 Subject to [4.2](#4.2), officers act."),
        "{protocol}"
    );
    assert!(protocol.contains("4.4 As [4.3](#4.3) says."), "{protocol}");
    assert!(read("code.md").contains("1.1 See [the protocol](protocol#4.4)."));
    // A faithful copy keeps what it says, and is named as left alone.
    assert_eq!(read("faithful.md"), before.2);
    assert!(
        stderr(&done).contains("faithful.md: left alone, a faithful copy"),
        "{}",
        stderr(&done)
    );
    // The council checks clean, and a second run has nothing to do.
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    assert!(
        !stderr(&check).contains("broken-reference"),
        "{}",
        stderr(&check)
    );
    let again = clerk_in(dir.path(), &["renumber", "protocols/small/protocol.md"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stderr(&again).contains("nothing to change"),
        "{}",
        stderr(&again)
    );
}

/// Another document's prose references ("section 3 of the Protocol",
/// "paragraph 4.4 of the Member/Officer Protocol", by a name the document
/// is `known_as`) follow the renumbering; a number of another document
/// with the same words, or with no document named, is left as it is.
#[test]
fn prose_references_in_other_documents_follow_by_title_or_known_name() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    let front = "version = \"1\"\nstatus = \"draft\"\n";
    std::fs::write(
        council.join("protocol.md"),
        small_source(
            &format!("{front}known_as = [\"Member/Officer Protocol\"]\n"),
            "# 1. Scope\n\n1.1 This protocol applies.\n\n# 3. Roles\n\n3.1 Members set policy.\n\n3.3 Officers advise.\n",
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("code.md"),
        small_source(
            front,
            "# 1. Code\n\n1.1 See section 3 of the Protocol, and paragraph 3.3 of the Member/Officer\nProtocol.\n\n1.2 Paragraph 3.3 of the Code of Practice and section 3 stay as they are.\n",
        ),
    )
    .unwrap();
    let done = clerk_in(dir.path(), &["renumber", "protocols/small/protocol.md"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let code = std::fs::read_to_string(council.join("code.md")).unwrap();
    assert!(
        code.contains(
            "1.1 See section 2 of the Protocol, and paragraph 2.2 of the Member/Officer\nProtocol."
        ),
        "{code}"
    );
    assert!(
        code.contains("1.2 Paragraph 3.3 of the Code of Practice and section 3 stay as they are."),
        "{code}"
    );
    let protocol = std::fs::read_to_string(council.join("protocol.md")).unwrap();
    assert!(
        protocol.contains("# 2. Roles\n\n2.1 Members set policy.\n\n2.2 Officers advise."),
        "{protocol}"
    );
}

/// After an insertion, a deletion and a move in one document, renumbering
/// puts every clause in order where it stands, rewrites every reference in
/// it and in another document, and the tracked changes from before to
/// after are renumbering and nothing else.
#[test]
fn after_an_insertion_a_deletion_and_a_move_the_changes_are_only_renumbering() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    let front = "version = \"1\"\nstatus = \"draft\"\n";
    // 4.2 deleted; 5.2 moved into section 4; a new 5.1 inserted before the old one.
    let edited = small_source(
        front,
        "\n# 4. Roles\n\n4.1 Members set policy.\n\n4.3 Officers advise.\n\n5.2 Officers report to the Chief Executive.\n\n4.4 Subject to paragraph 4.3 and paragraph 5.2, officers act.\n\n# 5. Conduct\n\n5.1 A new first clause.\n\n5.1 Be courteous.\n\n5.3 See [5.2](#5.2) and clause 4.4.\n",
    );
    std::fs::write(council.join("protocol.md"), &edited).unwrap();
    std::fs::write(dir.path().join("before.md"), &edited).unwrap();
    std::fs::write(
        council.join("code.md"),
        small_source(front, "\n# 1. Code\n\n1.1 See [the protocol](protocol#5.2) and paragraph 4.3 of the Protocol.\n"),
    )
    .unwrap();

    let done = clerk_in(dir.path(), &["renumber", "protocols/small/protocol.md"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let protocol = std::fs::read_to_string(council.join("protocol.md")).unwrap();
    assert!(
        protocol.ends_with("# 4. Roles\n\n4.1 Members set policy.\n\n4.2 Officers advise.\n\n4.3 Officers report to the Chief Executive.\n\n4.4 Subject to paragraph 4.2 and paragraph 4.3, officers act.\n\n# 5. Conduct\n\n5.1 A new first clause.\n\n5.2 Be courteous.\n\n5.3 See [4.3](#4.3) and clause 4.4.\n"),
        "{protocol}"
    );
    let code = std::fs::read_to_string(council.join("code.md")).unwrap();
    assert!(
        code.contains("1.1 See [the protocol](protocol#4.3) and paragraph 4.2 of the Protocol."),
        "{code}"
    );

    let diff = clerk_in(
        dir.path(),
        &[
            "diff",
            "before.md",
            "protocols/small/protocol.md",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    let summary = &json["summary"];
    assert_eq!(summary["substantive_units"], 0, "{summary}");
    let edits: Vec<&String> = summary["edits"].as_object().unwrap().keys().collect();
    assert_eq!(edits, ["renumbering"], "{summary}");
    for unit in json["units"].as_array().unwrap() {
        let change = unit["change"].as_str().unwrap();
        assert!(matches!(change, "unchanged" | "renumbered"), "{unit}");
    }
}

/// Council Procedure Rules numbered "Rule 12", three levels deep: the
/// word before a rule's number stays, and "rule 14.1" and "Rule 14" in the
/// text follow the renumbering.
#[test]
fn rules_keep_their_word_and_their_references_follow() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    std::fs::write(
        council.join("procedure-rules.md"),
        small_source(
            "version = \"1\"\nstatus = \"draft\"\n",
            "# Rule 12 Motions on notice\n\n12.1 Notice is given in writing, as rule 14.1 and [Rule 14](#14) require.\n\n12.1.1 Notice by email is in writing.\n\n# Rule 14 Questions\n\n14.1 A question is answered in writing.\n",
        ),
    )
    .unwrap();
    let check = clerk_in(dir.path(), &["check"]);
    let said = stderr(&check);
    assert!(
        said.contains("section 14 follows 12: 13 is missing"),
        "{said}"
    );
    assert!(!said.contains("broken-reference"), "{said}");

    let run = clerk_in(
        dir.path(),
        &["renumber", "protocols/small/procedure-rules.md"],
    );
    assert!(
        run.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&run)
    );
    let text = std::fs::read_to_string(council.join("procedure-rules.md")).unwrap();
    assert!(text.contains("# Rule 13 Questions"), "{text}");
    assert!(
        text.contains("13.1 A question is answered in writing."),
        "{text}"
    );
    assert!(
        text.contains("as rule 13.1 and [Rule 13](#13) require"),
        "{text}"
    );
    assert!(
        text.contains("12.1.1 Notice by email is in writing."),
        "{text}"
    );
}

/// A version adopted is a record: `renumber` leaves it and the adopted
/// versions citing it alone, unless told it is making a correction, which
/// is then logged in the front matter and the change-control log.
#[test]
fn an_adopted_version_is_renumbered_only_as_a_logged_correction() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(dir.path(), "");
    let adopted = "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-01-01\n";
    std::fs::write(
        council.join("protocol.md"),
        small_source(
            adopted,
            "# 1. Roles\n\n1.1 Members set policy.\n\n1.3 Officers advise.\n",
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("code.md"),
        small_source(
            adopted,
            "# 1. Code\n\n1.1 See [the protocol](protocol#1.3).\n",
        ),
    )
    .unwrap();
    let read = |name: &str| std::fs::read_to_string(council.join(name)).unwrap();
    let before = (read("protocol.md"), read("code.md"));

    let refused = clerk_in(dir.path(), &["renumber", "protocols/small/protocol.md"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("is adopted and a record"),
        "{}",
        stderr(&refused)
    );
    assert!(
        stderr(&refused).contains("--correct"),
        "{}",
        stderr(&refused)
    );
    assert_eq!((read("protocol.md"), read("code.md")), before);

    let corrected = common::clerk_in_env(
        dir.path(),
        &["renumber", "protocols/small/protocol.md", "--correct"],
        &[("SOURCE_DATE_EPOCH", "1764892800")],
    );
    assert_eq!(corrected.status.code(), Some(0), "{}", stderr(&corrected));
    let protocol = read("protocol.md");
    assert!(protocol.contains("1.2 Officers advise."), "{protocol}");
    assert!(
        protocol.contains(
            "[[corrections]]\ndate = 2025-12-05\nwhat = \"renumbered in order: 1 number\""
        ),
        "{protocol}"
    );
    let code = read("code.md");
    assert!(code.contains("[the protocol](protocol#1.2)"), "{code}");
    assert!(code.contains("[[corrections]]"), "{code}");

    let built = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let log = std::fs::read_to_string(dir.path().join("output/small/change-log.html")).unwrap();
    assert!(
        log.contains("Corrected on 5 December 2025: renumbered in order: 1 number."),
        "{log}"
    );
}
