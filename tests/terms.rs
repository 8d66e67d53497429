//! `clerk apply-terms`: a dry run shows the tracked changes and writes
//! nothing; `--write` makes them; records and faithful copies are left alone.

mod common;

use std::path::Path;

use common::{clerk_in, small_council, small_source, stderr};

fn council(dir: &Path) {
    let council = small_council(
        dir,
        "\n[retired_terms]\n\"Executive\" = \"Cabinet\"\n\"Standards Board for England\" = { abolished = \"complaints go to the Monitoring Officer\" }\n",
    );
    let document = |name: &str, front: &str, body: &str| {
        std::fs::write(council.join(name), small_source(front, body)).unwrap();
    };
    document(
        "old.md",
        "version = \"1\"\nstatus = \"adopted\"\nadopted = 2020-01-01\n",
        "# 1. Roles\n\n1.1 The Executive decides.\n",
    );
    document(
        "mid.md",
        "version = \"2\"\nstatus = \"adopted\"\nadopted = 2023-01-01\nsupersedes = \"old\"\n",
        "# 1. Roles\n\n1.1 The Executive decides; complaints go to the Standards Board for England.\n",
    );
    document(
        "new.md",
        "version = \"3\"\nstatus = \"draft\"\nsupersedes = \"mid\"\n",
        "# 1. Roles\n\n1.1 The Executive decides; complaints go to the Standards Board for England.\n",
    );
    document(
        "faithful.md",
        "version = \"1\"\nstatus = \"adopted\"\nadopted = 2020-01-01\n\n[check]\nallow = [\"retired-term\"]\n",
        "# 1. Other\n\n1.1 The Executive meets.\n",
    );
}

#[test]
fn a_dry_run_shows_the_changes_and_write_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join("protocols/small").join(name)).unwrap()
    };
    let before = (
        read("old.md"),
        read("new.md"),
        read("faithful.md"),
        read("mid.md"),
    );

    let dry = clerk_in(dir.path(), &["apply-terms"]);
    assert_eq!(dry.status.code(), Some(1), "{}", stderr(&dry));
    let shown = String::from_utf8_lossy(&dry.stdout);
    assert!(shown.contains("[-Executive-]{+Cabinet+}"), "{shown}");
    let said = stderr(&dry);
    assert!(
        said.contains("would replace 1 retired term in 1 document"),
        "{said}"
    );
    assert!(
        said.contains("faithful.md: left alone, the version adopted is a record"),
        "{said}"
    );
    assert!(
        said.contains("old.md: left alone, a version no longer in force is a record"),
        "{said}"
    );
    // The version in force is a record: its successor carries the change.
    assert!(
        said.contains("mid.md: left alone, the version adopted is a record; the change is made in version 3 (`new`)"),
        "{said}"
    );
    assert_eq!(
        (
            read("old.md"),
            read("new.md"),
            read("faithful.md"),
            read("mid.md")
        ),
        before,
        "a dry run writes nothing"
    );

    let written = clerk_in(dir.path(), &["apply-terms", "--write"]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(
        read("new.md")
            .contains("1.1 The Cabinet decides; complaints go to the Standards Board for England.")
    );
    assert_eq!(read("old.md"), before.0);
    assert_eq!(read("faithful.md"), before.2);
    assert_eq!(read("mid.md"), before.3);
    // What is left is the abolished body, for the author to rewrite; the
    // version in force, whose successor is on its way, gets notes.
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    let found = stderr(&check);
    assert_eq!(found.matches("warning[retired-term]").count(), 1, "{found}");
    assert_eq!(found.matches("note[retired-term]").count(), 2, "{found}");
    assert!(
        found.contains("`Standards Board for England` no longer exists"),
        "{found}"
    );

    // Named, an adopted faithful copy is still a record; corrected, it
    // changes, and the correction is logged.
    let named = clerk_in(
        dir.path(),
        &["apply-terms", "protocols/small/faithful.md", "--write"],
    );
    assert_eq!(named.status.code(), Some(0), "{}", stderr(&named));
    assert_eq!(read("faithful.md"), before.2);
    let corrected = common::clerk_in_env(
        dir.path(),
        &[
            "apply-terms",
            "protocols/small/faithful.md",
            "--write",
            "--correct",
        ],
        &[("SOURCE_DATE_EPOCH", "1764892800")],
    );
    assert_eq!(corrected.status.code(), Some(0), "{}", stderr(&corrected));
    let faithful = read("faithful.md");
    assert!(faithful.contains("1.1 The Cabinet meets."), "{faithful}");
    assert!(
        faithful.contains(
            "date = 2025-12-05\nwhat = \"retired terms replaced: “Executive” → “Cabinet” (1)\""
        ),
        "{faithful}"
    );
}

/// Bury's 2023 revision, as far as it is mechanical: its own renames
/// (council.toml's [retired_terms]) applied to a draft copy of the 2020
/// protocol leave no rename among the differences from the 2023 text, and
/// "Chief Executive", a post of its own, is kept.
#[test]
fn burys_renames_reproduce_the_renames_of_its_2023_revision() {
    let dir = tempfile::tempdir().unwrap();
    let bury = Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols/bury");
    let copy = dir.path().join("protocols/bury");
    std::fs::create_dir_all(&copy).unwrap();
    for file in [
        "council.toml",
        "member-officer-relations-2020.md",
        "member-officer-relations-2023.md",
    ] {
        std::fs::copy(bury.join(file), copy.join(file)).unwrap();
    }
    let existing = std::fs::read_to_string(bury.join("member-officer-relations-2020.md")).unwrap();
    let body = existing.splitn(3, "+++\n").nth(2).unwrap();
    std::fs::write(
        copy.join("draft.md"),
        format!(
            "+++\ncouncil = \"bury\"\ntitle = \"Protocol on member and officer relations\"\nversion = \"draft\"\nstatus = \"draft\"\nsupersedes = \"member-officer-relations-2020\"\n\n[check]\nallow = [\"duplicate-number\"]\n+++\n{body}"
        ),
    )
    .unwrap();
    let applied = clerk_in(
        dir.path(),
        &["apply-terms", "protocols/bury/draft.md", "--write"],
    );
    assert!(applied.status.success(), "{}", stderr(&applied));
    let draft = std::fs::read_to_string(copy.join("draft.md")).unwrap();
    assert!(
        draft.contains("Chief Executive"),
        "a kept post is left as it is"
    );
    assert!(!draft.contains("Chief Cabinet"));
    assert!(
        draft.contains("a Scrutiny Committee"),
        "the article follows the new term"
    );

    let diff = clerk_in(
        dir.path(),
        &[
            "diff",
            "protocols/bury/draft.md",
            "protocols/bury/member-officer-relations-2023.md",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    let renames = [
        ("Executive", "Cabinet"),
        ("Overview and Scrutiny", "Scrutiny"),
        ("overview and scrutiny", "scrutiny"),
        ("designated Finance Officer", "Section 151 Officer"),
        ("Finance Officer", "Section 151 Officer"),
    ];
    let mut substantive = 0;
    for unit in json["units"].as_array().unwrap() {
        for edit in unit["edits"].as_array().into_iter().flatten() {
            if edit["class"] != "substantive" {
                continue;
            }
            substantive += 1;
            let (old, new) = (
                edit["old"].as_str().unwrap_or(""),
                edit["new"].as_str().unwrap_or(""),
            );
            assert!(
                !renames
                    .iter()
                    .any(|(from, to)| old.trim() == *from && new.trim() == *to),
                "a rename is left among the differences: {edit}"
            );
        }
    }
    // 2020 to 2023 differs in 71 substantive edits; the renames were 27 of them.
    assert!(substantive <= 44, "{substantive} substantive edits remain");
}

/// The change-control log says which versions in force or on their way
/// still use a retired term, and how often; a replaced version is a
/// record and is not listed. Once the terms are replaced, it says none is.
#[test]
fn the_change_log_lists_the_versions_that_still_use_retired_terms() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path());
    let built = clerk_in(dir.path(), &["build", "--format", "all"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let log = std::fs::read_to_string(dir.path().join("output/small/change-log.html")).unwrap();
    let section = log
        .split("<h2 id=\"terms-heading\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the change log has a retired-terms section");
    assert!(section.contains("<a href=\"new.html\">Protocol</a>, version 3: “Executive” (once; now “Cabinet”); “Standards Board for England” (once; abolished)"), "{section}");
    assert!(section.contains("<a href=\"faithful.html\">"), "{section}");
    assert!(
        !section.contains("old.html"),
        "a replaced version is a record: {section}"
    );
    let pdf = std::process::Command::new("pdftotext")
        .args([
            dir.path()
                .join("output/small/change-log.pdf")
                .to_str()
                .unwrap(),
            "-",
        ])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&pdf.stdout).replace('\n', " ");
    assert!(text.contains("Retired terms still in use"), "{text}");
    assert!(text.contains("“Executive” (once; now “Cabinet”)"), "{text}");

    for document in ["new.md", "faithful.md"] {
        let written = clerk_in(
            dir.path(),
            &[
                "apply-terms",
                &format!("protocols/small/{document}"),
                "--write",
                "--correct",
            ],
        );
        assert!(written.status.success(), "{}", stderr(&written));
    }
    let source = dir.path().join("protocols/small/new.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("the Standards Board for England", "the Monitoring Officer"),
    )
    .unwrap();
    let built = clerk_in(dir.path(), &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let log = std::fs::read_to_string(dir.path().join("output/small/change-log.html")).unwrap();
    let section = log
        .split("<h2 id=\"terms-heading\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap();
    // Only the version in force is left, until version 3 replaces it.
    assert!(section.contains("<a href=\"mid.html\">"), "{section}");
    assert!(!section.contains("new.html"), "{section}");
    assert!(!section.contains("faithful.html"), "{section}");
    assert!(log.contains("Corrected on "), "{log}");
}

/// A draft that acknowledges `retired-term` is a faithful copy of another
/// text: left alone unless named.
#[test]
fn a_faithful_draft_is_changed_only_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council(
        dir.path(),
        "\n[retired_terms]\n\"Executive\" = \"Cabinet\"\n",
    );
    let path = council.join("copy.md");
    std::fs::write(
        &path,
        small_source(
            "version = \"1\"\nstatus = \"draft\"\n\n[check]\nallow = [\"retired-term\"]\n",
            "# 1. Roles\n\n1.1 The Executive decides.\n",
        ),
    )
    .unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let all = clerk_in(dir.path(), &["apply-terms", "--write"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert!(
        stderr(&all).contains("copy.md: left alone, a faithful copy"),
        "{}",
        stderr(&all)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let named = clerk_in(
        dir.path(),
        &["apply-terms", "protocols/small/copy.md", "--write"],
    );
    assert!(named.status.success(), "{}", stderr(&named));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("1.1 The Cabinet decides.")
    );
}
