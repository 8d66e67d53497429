//! The revision workflow end to end, on a council written for this test
//! (`tests/fixtures/tarnside`): `clerk new revision`, the new text written,
//! `apply-terms --write`, `renumber`, `new report`, `build`, with no hand
//! edit but the text, its reasons and the report's prose. The revision
//! does what a constitution review does: a post renamed mid-phrase in
//! every position (start, end, possessive, across a line break, after
//! "the", "a" and "by"), a section deleted, clauses inserted, one moved,
//! one made unnumbered, three reworded, then everything renumbered. Every
//! view must tell it exactly.

mod common;

use std::path::{Path, PathBuf};

use common::{clerk_in_env, html_text, stderr};

/// 2025-12-05, so the new version's id and dates are fixed.
const EPOCH: &str = "1764892800";
const OLD: &str = "protocols/tarnside/member-officer-protocol-2022.md";
const NEW: &str = "protocols/tarnside/member-officer-protocol-2025.md";
const REPORT: &str = "protocols/tarnside/reports/2026-01-20-member-officer-protocol-2025-update.md";
const RENAME: &str = "Head of Democratic Services";
const NOW: &str = "Democratic and Electoral Services Manager";

fn clerk(dir: &Path, args: &[&str]) -> std::process::Output {
    clerk_in_env(dir, args, &[("SOURCE_DATE_EPOCH", EPOCH)])
}

fn ran(dir: &Path, args: &[&str]) -> String {
    let output = clerk(dir, args);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "clerk {args:?}: {}",
        stderr(&output)
    );
    stderr(&output)
}

fn edit(path: &Path, replacements: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "{} lacks {from:?}", path.display());
        text = text.replacen(from, to, 1);
    }
    std::fs::write(path, text).unwrap();
}

/// The council revised as a review does; returns the project folder.
fn revised_council() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let council = root.join("protocols/tarnside");
    std::fs::create_dir_all(&council).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tarnside");
    for name in ["council.toml", "member-officer-protocol-2022.md"] {
        std::fs::copy(fixture.join(name), council.join(name)).unwrap();
    }

    // 1. The next version, as a draft that supersedes the one in force.
    let said = ran(&root, &["new", "revision", OLD]);
    assert!(said.contains("version 4, a draft superseding"), "{said}");
    let new = root.join(NEW);
    let started = std::fs::read_to_string(&new).unwrap();
    assert!(
        started.contains("version = \"4\"\nstatus = \"draft\""),
        "{started}"
    );
    assert!(started.contains("supersedes = \"member-officer-protocol-2022\""));
    assert!(!started.contains("adopted ="), "{started}");

    // 2. The new text, with a reason for each change, keyed as it is written.
    let text = std::fs::read_to_string(&new).unwrap();
    let social = text.find("# 6. Social media").unwrap();
    let concerns = text.find("# 7. Concerns").unwrap();
    std::fs::write(&new, format!("{}{}", &text[..social], &text[concerns..])).unwrap();
    edit(
        &new,
        &[
            (
                "[reasons]\n",
                "[reasons]\n\"2.4\" = \"Courtesy is owed both ways.\"\n\"4.3\" = \"Questions at meetings belong with the roles of members.\"\n\"3.1\" = \"Advice must be timely as well as impartial.\"\n\"was 6\" = \"Social media is covered by the Code of Conduct.\"\n\"was 6.1\" = \"The Code of Conduct covers criticism online.\"\n\"was 6.2\" = \"Complaints about posts follow the complaints procedure.\"\n\"7.2\" = \"Concerns are raised promptly.\"\n\"7.3\" = \"The complainant is told the outcome.\"\n\"8.1\" = \"The protocol is reviewed every year.\"\n",
            ),
            ("1.3 It forms part", "It forms part"),
            (
                "2.3 A member who wants advice on procedure asks the Head of Democratic Services.\n",
                "2.3 A member who wants advice on procedure asks the Head of Democratic Services.\n\n2.4 Members treat officers with courtesy and respect at all times.\n\n4.3 Members may ask officers questions at a meeting through the chair.\n",
            ),
            (
                "\n4.3 Members may ask officers questions at a meeting through the chair.\n\n# 5.",
                "\n# 5.",
            ),
            (
                "3.1 Officers give impartial advice to every member.",
                "3.1 Officers give impartial and timely advice to every member, whatever their party.",
            ),
            (
                "7.2 An officer",
                "7.2 A concern is raised in writing within three months.\n\n7.2 An officer",
            ),
            (
                "7.3 Complaints are dealt with under the Council's complaints procedure.",
                "7.3 Complaints are dealt with under the Council's corporate complaints procedure, and the complainant is told the outcome.",
            ),
            (
                "8.1 The Standards Committee reviews this protocol every two years.",
                "8.1 The Standards Committee reviews this protocol every year.",
            ),
        ],
    );

    // 3. The council's renamed post, in the draft only.
    let before_old = std::fs::read(root.join(OLD)).unwrap();
    let said = ran(&root, &["apply-terms", "--write"]);
    assert!(
        said.contains(
            "member-officer-protocol-2022.md: left alone, the version adopted is a record"
        ),
        "{said}"
    );
    assert!(said.contains("6 terms replaced"), "{said}");

    // 4. Numbered in order; the reasons follow their clauses, and the one
    // number two clauses shared is named for the author.
    let said = ran(&root, &["renumber", NEW]);
    assert!(
        said.contains("the reason keyed \"7.2\" is left as it is: two clauses were numbered 7.2"),
        "{said}"
    );
    edit(
        &new,
        &[(
            "\"7.2\" = \"Concerns are raised promptly.\"",
            "\"6.2\" = \"Concerns are raised promptly.\"",
        )],
    );
    assert_eq!(
        std::fs::read(root.join(OLD)).unwrap(),
        before_old,
        "the version in force is a record: apply-terms and renumber leave it as adopted"
    );

    // 5. The report proposing it, its prose written.
    ran(
        &root,
        &[
            "new",
            "report",
            "--council",
            "protocols/tarnside",
            "--revised",
            "member-officer-protocol-2025",
            "--meeting-date",
            "2026-01-20",
            "--item-number",
            "7",
            "--author",
            "A. Clerk, Monitoring Officer",
        ],
    );
    let report = root.join(REPORT);
    let mut text = std::fs::read_to_string(&report).unwrap();
    for (_, prompt, replace) in clerk::source::scaffold::SECTIONS {
        if *replace {
            text = text.replace(prompt, "Written by the author.");
        }
    }
    std::fs::write(&report, text).unwrap();

    // 6. Clean, and built.
    let check = clerk(&root, &["check", "protocols"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(!stderr(&check).contains("warning["), "{}", stderr(&check));
    let built = clerk(&root, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    (dir, root)
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap()
}

fn diff(root: &Path, format: &str) -> String {
    let output = clerk(root, &["diff", OLD, NEW, "--format", format]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_view_tells_the_revision_exactly() {
    let (_dir, root) = revised_council();
    let out = |name: &str| read(&root, &format!("output/tarnside/{name}"));

    // The source as written: renamed in every position, numbered in order.
    let source = read(&root, NEW);
    assert_eq!(source.matches(NOW).count(), 6, "{source}");
    assert!(!source.contains(RENAME), "{source}");
    assert!(source.contains("\"6.4\" = \"The complainant is told the outcome.\""));
    assert!(source.contains("\"7.1\" = \"The protocol is reviewed every year.\""));
    assert!(source.contains("\"2.5\" = \"Questions at meetings"));

    // JSON: the one substitution, whole, counted exactly.
    let json: serde_json::Value = serde_json::from_str(&diff(&root, "json")).unwrap();
    let substitutions = json["substitutions"].as_array().unwrap();
    assert_eq!(substitutions.len(), 1, "{substitutions:?}");
    assert_eq!(substitutions[0]["old"], RENAME);
    assert_eq!(substitutions[0]["new"], NOW);
    assert_eq!(substitutions[0]["count"], 6);

    // Terminal text.
    let text = diff(&root, "text");
    assert!(
        text.contains(&format!(
            "\"{RENAME}\" -> \"{NOW}\" (6 times: 1.2, 2.3, 3.3, 4.1, 4.2, 7.2)"
        )),
        "{text}"
    );
    assert!(!text.contains("\"Services\" ->"), "{text}");

    // CriticMarkup: every renumbered heading and clause with its old
    // number struck; the deleted heading's number struck with it.
    let markdown = diff(&root, "markdown");
    for expected in [
        "## {--6\\.--} {--Social media--}",
        "## {--7\\.--} {++6\\.++} Concerns and complaints",
        "## {--8\\.--} {++7\\.++} Review",
        "{--1\\.3--} {>> unnumbered <<}",
        "{--4\\.3--} {++2\\.5++} {>> moved from 4.3",
        "{--4\\.3--}{>> moved to 2.5 <<}",
        "{--7\\.3--} {++6\\.4++}",
        &format!("{{~~{RENAME}~>{NOW}~~}} throughout: 6 times"),
    ] {
        assert!(markdown.contains(expected), "{expected}\n{markdown}");
    }

    // HTML tracked changes.
    let html = out("member-officer-protocol-2025-changes.html");
    let deleted = |n: &str| {
        format!(
            "<del class=\"renumbering\"><span class=\"cue\">[deleted: </span>{n}<span class=\"cue\">]</span></del>"
        )
    };
    let inserted = |n: &str| {
        format!(
            "<ins class=\"renumbering\"><span class=\"cue\">[inserted: </span>{n}<span class=\"cue\">]</span></ins>"
        )
    };
    for (old, new) in [
        ("7.", Some("6.")),
        ("8.", Some("7.")),
        ("6.", None),
        ("1.3", None),
    ] {
        let label = match new {
            Some(new) => format!("{} {}", deleted(old), inserted(new)),
            None => deleted(old),
        };
        assert!(html.contains(&label), "{old} -> {new:?}");
    }
    assert!(html.contains("(moved from 4.3: renumbering)"));
    assert!(html.contains("(moved to 2.5)"));
    let summary = html_text(&html);
    assert!(
        summary.contains(&format!(
            "[deleted: {RENAME} ] → [inserted: {NOW} ] : 6 times (1.2, 2.3, 3.3, 4.1, 4.2, 7.2)"
        )),
        "{summary}"
    );

    // PDF tracked changes: the same, as its text reads.
    let pdf = root.join("output/tarnside/member-officer-protocol-2025-changes.pdf");
    let pdf_text = common::pdf_words(&pdf);
    for expected in [
        format!("{RENAME} → {NOW}: 6 times"),
        "7. 6. Concerns and complaints".to_string(),
        "6. Social media".to_string(),
        "1.3 unnumbered".to_string(),
        "4.3 2.5 (moved from 4.3".to_string(),
    ] {
        assert!(pdf_text.contains(&expected), "{expected}\n{pdf_text}");
    }

    // Word: dated by the report's meeting (the draft has no date), so the
    // moved clause is a Word move, and its properties say where the date
    // comes from.
    let docx =
        std::fs::read(root.join("output/tarnside/member-officer-protocol-2025-changes.docx"))
            .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let document = part("word/document.xml");
    assert!(document.contains("<w:moveFrom "), "the move is a Word move");
    assert!(document.contains("<w:moveTo "));
    assert!(document.contains("w:date=\"2026-01-20T00:00:00Z\""));
    let core = part("docProps/core.xml");
    assert!(
        core.contains(
            "Revisions dated 20 January 2026, the meeting date of the report proposing this version"
        ),
        "{core}"
    );

    // The report's comparison: each reason against its own clause.
    let report = html_text(&out("2026-01-20-member-officer-protocol-2025-update.html"));
    let comparison = report
        .split("Appendix 4: Current and proposed wording")
        .last()
        .unwrap();
    for (clause, reason) in [
        (
            "6.1 (deleted) deleted [deleted: Members and officers do not criticise one another on social media. ] (deleted)",
            "The Code of Conduct covers criticism online.",
        ),
        (
            "6.2 (deleted) deleted [deleted: A complaint about a post is made to the Monitoring Officer. ] (deleted)",
            "Complaints about posts follow the complaints procedure.",
        ),
        (
            "6.2 (new) inserted (new) [inserted: A concern is raised in writing within three months. ]",
            "Concerns are raised promptly.",
        ),
        (
            "6 (deleted) deleted [deleted: Social media ] (deleted)",
            "Social media is covered by the Code of Conduct.",
        ),
    ] {
        assert!(
            comparison.contains(&format!("{clause} {reason}")),
            "{clause} should give “{reason}”\n{comparison}"
        );
    }
    assert!(comparison.contains(&format!("Renamed throughout: “{RENAME}” → “{NOW}”.")));
    assert!(!comparison.contains("No reason given"), "{comparison}");

    // The change log: version 4 on its way, with the rename named whole.
    let log = html_text(&out("change-log.html"));
    assert!(
        log.contains(&format!("Made throughout: {RENAME} → {NOW} (6 times).")),
        "{log}"
    );

    // The contents page: version 4 beside the version in force, marked
    // not in force, with its tracked changes and the report proposing it.
    let contents = out("index.html");
    assert!(
        contents.contains("<strong class=\"standing-mark\">Draft, not in force:</strong> <a href=\"member-officer-protocol-2025.html\">version 4</a>, <a href=\"member-officer-protocol-2025-changes.html\">its tracked changes</a>, proposed in <a href=\"2026-01-20-member-officer-protocol-2025-update.html\">"),
        "{contents}"
    );

    // The version in force is published as adopted.
    let in_force = html_text(&out("member-officer-protocol-2022.html"));
    assert!(in_force.contains(RENAME), "{in_force}");
    assert!(!in_force.contains(NOW), "{in_force}");
}

/// A reason keyed so it could name the wrong clause, or a front-matter
/// field written after `[reasons]`, is an error naming the line.
#[test]
fn reasons_that_could_name_the_wrong_clause_are_refused() {
    let (_dir, root) = revised_council();
    let new = root.join(NEW);
    for (line, says) in [
        ("\"6.1\" = \"Meant for the deleted 6.1.\"\n", None),
        (
            "\"9.1\" = \"No such clause.\"\n",
            Some("`9.1` names no clause or section of this version"),
        ),
        (
            "\"was 5.1\" = \"Kept, not deleted.\"\n",
            Some("`was 5.1`: clause 5.1 is not deleted in this version"),
        ),
        (
            "section = \"16\"\n",
            Some(
                "`section` is a front-matter field, but written after `[reasons]` it is read as a reason",
            ),
        ),
    ] {
        let original = std::fs::read_to_string(&new).unwrap();
        edit(&new, &[("[reasons]\n", &format!("[reasons]\n{line}"))]);
        let check = clerk(&root, &["check", NEW]);
        match says {
            // "6.1" names the new 6.1: a reason for it, not the deleted one.
            None => assert_eq!(check.status.code(), Some(0), "{}", stderr(&check)),
            Some(says) => {
                assert_eq!(check.status.code(), Some(1), "{line}: {}", stderr(&check));
                let said = stderr(&check);
                assert!(said.contains("error[reason-key]"), "{said}");
                assert!(said.contains(says), "{said}");
                let at = original.find("[reasons]").unwrap();
                let line_number = original[..at].lines().count() + 2;
                assert!(
                    said.contains(&format!("member-officer-protocol-2025.md:{line_number}:")),
                    "{said}"
                );
            }
        }
        std::fs::write(&new, original).unwrap();
    }
}
