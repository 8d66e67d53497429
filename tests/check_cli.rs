//! `clerk check` run as a user runs it: exit codes and the exact messages.

mod common;

use common::{clerk, stderr};

#[test]
fn bundled_protocols_pass() {
    let output = clerk(&["check", "protocols"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("checked 18 documents in 9 councils: 0 errors"),
        "{err}"
    );
}

#[test]
fn bundled_protocols_report_every_seed_slip() {
    let output = clerk(&[
        "check",
        "protocols",
        "--show-acknowledged",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
    let found: Vec<(String, String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |code: &str, file: &str, message: &str| {
        found
            .iter()
            .any(|(c, f, m)| c == code && f.ends_with(file) && m.contains(message))
    };
    // Bury's duplicate 5.4, in both versions (acknowledged).
    assert!(has(
        "duplicate-number",
        "bury/member-officer-relations-2020.md",
        "5.4 is used twice"
    ));
    assert!(has(
        "duplicate-number",
        "bury/member-officer-relations-2023.md",
        "5.4 is used twice"
    ));
    // The revised protocol's missing 4.3.
    assert!(has(
        "numbering-gap",
        "bury/member-officer-relations-2023.md",
        "4.3 is missing"
    ));
    // Seed 000's two sections numbered 31.11 (acknowledged).
    assert!(has(
        "duplicate-number",
        "city-council/member-officer-relations.md",
        "31.11 is used twice"
    ));
    // The placeholder date.
    assert!(has(
        "placeholder",
        "parish-council/member-officer-relations.md",
        "xxxxxx"
    ));
    // The unfinished "speaking to?".
    assert!(has(
        "unfinished-sentence",
        "bury/member-officer-relations-2023.md",
        "`to?`"
    ));
}

#[test]
fn missing_path_exits_2() {
    let output = clerk(&["check", "tests/fixtures/no-such-dir"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn directory_without_councils_exits_2() {
    let output = clerk(&["check", "tests/fixtures/seeds"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn slips_fixture_reports_each_lint() {
    let output = clerk(&["check", "tests/fixtures/slips/protocol.md"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "duplicate numbers and broken links are errors"
    );
    insta::assert_snapshot!(stderr(&output));
}

macro_rules! front_matter_error {
    ($name:ident, $file:literal, $line_col:literal) => {
        #[test]
        fn $name() {
            let path = concat!("tests/fixtures/bad/", $file);
            let output = clerk(&["check", path]);
            let err = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{err}");
            assert!(
                err.contains(concat!("tests/fixtures/bad/", $file, ":", $line_col)),
                "{err}"
            );
            insta::assert_snapshot!(err);
        }
    };
}

front_matter_error!(unknown_key, "unknown-key.md", "3:1");
front_matter_error!(bad_toml, "bad-toml.md", "5:18");
front_matter_error!(wrong_type, "wrong-type.md", "4:11");
front_matter_error!(missing_key, "missing-key.md", "2:1");
front_matter_error!(bad_date, "bad-date.md", "6:11");
front_matter_error!(bad_status, "bad-status.md", "5:10");
front_matter_error!(no_front_matter, "no-front-matter.md", "1:1");
front_matter_error!(unterminated, "unterminated.md", "1:1");
front_matter_error!(not_utf8, "not-utf8.md", "9:8");

#[test]
fn json_format_gives_positions() {
    let output = clerk(&[
        "check",
        "tests/fixtures/bad/unknown-key.md",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["code"], "front-matter");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 1);
    assert_eq!(first["message"], "unknown key `titel`");
}

#[test]
fn list_names_every_code() {
    let output = clerk(&["check", "--list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    let listed: Vec<(&str, &str)> = text
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            (words.next().unwrap(), words.next().unwrap())
        })
        .collect();
    let lints: Vec<(&str, String)> = clerk::check::LINTS
        .iter()
        .map(|l| (l.code, format!("{:?}", l.severity).to_lowercase()))
        .collect();
    assert_eq!(listed.len(), lints.len(), "{text}");
    for ((code, severity), (lint, lint_severity)) in listed.iter().zip(&lints) {
        assert_eq!((*code, *severity), (*lint, lint_severity.as_str()));
    }
    // Every code is documented where users look them up.
    let format = std::fs::read_to_string("docs/format.md").unwrap();
    for (code, _) in &listed {
        assert!(
            format.contains(&format!("`{code}`")),
            "docs/format.md does not document `{code}`"
        );
    }
}

/// A list read by a pager or `head` that stops early ends quietly.
#[test]
fn a_list_read_only_in_part_ends_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader is gone before clerk writes a line.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

/// What clerk itself cannot do exits 2 with a message naming the file:
/// a path that does not exist, and a folder holding no council.
#[test]
fn a_check_that_cannot_run_exits_2_naming_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-protocols");
    let output = clerk(&["check", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no-such-protocols"),
        "{}",
        stderr(&output)
    );
    let output = clerk(&["check", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("json"), "{}", stderr(&output));
}

#[test]
fn retired_terms_are_reported_where_used_with_the_current_term_as_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(
        dir.path(),
        r#"
[retired_terms]
"Executive" = "Cabinet"
"designated Finance Officer" = "Section 151 Officer"
"Standards Board for England" = { abolished = "complaints now go to the Monitoring Officer" }
"#,
    );
    let document = |name: &str, front: &str, body: &str| {
        std::fs::write(council.join(name), common::small_source(front, body)).unwrap();
    };
    // The old version, replaced by the new one: a record, left alone.
    document(
        "old.md",
        "version = \"1\"\nstatus = \"adopted\"\nadopted = 2020-01-01\n",
        "# 1. Roles\n\n1.1 The Executive decides.\n",
    );
    document(
        "new.md",
        "version = \"2\"\nstatus = \"adopted\"\nadopted = 2023-01-01\nsupersedes = \"old\"\n",
        "# 1. Roles\n\n1.1 The Cabinet decides; the Executive's papers go to the designated Finance Officer.\n\n1.2 Complaints go to the Standards Board for England.\n",
    );
    let output = common::clerk_in(dir.path(), &["check", "protocols"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "warnings only: {err}");
    assert!(
        err.contains(
            "warning[retired-term]: `Executive` is a retired term: the council now says `Cabinet`"
        ),
        "{err}"
    );
    assert!(err.contains("protocols/small/new.md:11:30"), "{err}");
    assert!(
        err.contains("help: replace it with `Section 151 Officer`"),
        "{err}"
    );
    // The longer term is found once, not again as a shorter one inside it.
    assert_eq!(err.matches("warning[retired-term]").count(), 3, "{err}");
    assert!(
        err.contains("`Standards Board for England` no longer exists"),
        "{err}"
    );
    assert!(
        err.contains("help: complaints now go to the Monitoring Officer"),
        "{err}"
    );
    assert!(
        !err.contains("old.md"),
        "a replaced version is a record: {err}"
    );
}

#[test]
fn a_retired_term_council_toml_cannot_read_says_what_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    common::small_council(dir.path(), "\n[retired_terms]\n\"Executive\" = 3\n");
    let output = common::clerk_in(dir.path(), &["check", "protocols"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[council]: a retired term's value is the current term"),
        "{err}"
    );
    assert!(err.contains("protocols/small/council.toml:5:15"), "{err}");
}

/// Placeholder text stops a document being published until it is replaced
/// or, in a faithful copy, acknowledged.
#[test]
fn a_placeholder_stops_the_build_until_replaced_or_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    let front = "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-01-01\n";
    let source = council.join("protocol.md");
    std::fs::write(
        &source,
        common::small_source(
            front,
            "\n# 1. Scope\n\n1.1 Adopted by the Council on xxxxxx.\n",
        ),
    )
    .unwrap();
    let check = common::clerk_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", common::stderr(&check));
    assert!(common::stderr(&check).contains("error[placeholder]: placeholder text `xxxxxx`"));
    let build = common::clerk_in(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1), "{}", common::stderr(&build));
    assert!(!dir.path().join("output/small/protocol.html").exists());

    std::fs::write(
        &source,
        common::small_source(
            &format!("{front}\n[check]\nallow = [\"placeholder\"]\n"),
            "\n# 1. Scope\n\n1.1 Adopted by the Council on xxxxxx.\n",
        ),
    )
    .unwrap();
    let build = common::clerk_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", common::stderr(&build));
    assert!(dir.path().join("output/small/protocol.html").exists());
}
