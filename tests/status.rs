//! No draft passed off as in force: the constitution in force holds only
//! versions adopted and in force on the day of the build; every other
//! version says what it is on its page and on every page of its PDF.

mod common;

use std::fs;
use std::process::Command;

use common::stderr;

fn document(status: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ncouncil = \"small\"\ntitle = \"Protocol on Member/Officer Relations\"\nversion = \"{status} version\"\nstatus = \"{status}\"\n{extra}+++\n# 1. Roles\n\n{body}"
    )
}

/// Builds with the reading date `day` (YYYY-MM-DD, as SOURCE_DATE_EPOCH).
fn build(dir: &std::path::Path, seconds: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clerk"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", seconds)
        .args(["build"])
        .output()
        .unwrap()
}

/// The text of a PDF, or `None` where poppler is not installed: a test then
/// checks the HTML alone, except under CI, where poppler must be there.
fn pdftotext(path: &std::path::Path) -> Option<String> {
    match Command::new("pdftotext").arg(path).arg("-").output() {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is not installed; CI must install poppler-utils"
            );
            eprintln!(
                "skipping the PDF half: pdftotext is not installed (apt-get install poppler-utils)"
            );
            None
        }
    }
}

#[test]
fn a_draft_listed_in_the_contents_is_never_shown_as_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    fs::create_dir_all(&council).unwrap();
    fs::write(
        council.join("council.toml"),
        "name = \"Small Town Council\"\nshort_name = \"Small Town\"\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [\"protocol\", \"code\"]\n",
    )
    .unwrap();
    fs::write(
        council.join("protocol.md"),
        document("draft", "", "1.1 Members set policy.\n"),
    )
    .unwrap();
    fs::write(
        council.join("code.md"),
        document(
            "adopted",
            "adopted = 2024-01-10\n",
            "1.1 Officers advise.\n",
        )
        .replace("Protocol on Member/Officer Relations", "Code of Conduct"),
    )
    .unwrap();
    let check = common::clerk_in(dir.path(), &["check", "protocols"]);
    assert!(
        stderr(&check).contains("lists `protocol`, a draft version"),
        "{}",
        stderr(&check)
    );
    let out = build(dir.path(), "1735689600"); // 1 January 2025
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = dir.path().join("output/small");
    let read = |name: &str| fs::read_to_string(site.join(name)).unwrap();
    let whole = read("constitution.html");
    assert!(
        !whole.contains("Members set policy."),
        "a draft is not in force"
    );
    assert!(whole.contains("Officers advise."));
    let contents = read("index.html");
    let in_force = &contents[..contents.find("Not in force: drafts and proposals").unwrap()];
    assert!(!in_force.contains("protocol.html"), "{contents}");
    assert!(contents[contents.find("Not in force").unwrap()..].contains("protocol.html"));
    assert!(read("protocol.html").contains("Draft: this version is not in force"));
    assert!(!read("code.html").contains("class=\"notice standing\""));
    if let Some(text) = pdftotext(&site.join("protocol.pdf")) {
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
        assert_eq!(text.matches("DRAFT: NOT IN FORCE").count(), pages, "{text}");
        let whole = pdftotext(&site.join("constitution.pdf")).unwrap();
        assert!(!whole.contains("Members set policy."));
        assert!(whole.contains("Officers advise."));
        let info = Command::new("pdfinfo")
            .arg(site.join("protocol.pdf"))
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("(draft: not in force)"));
    }
}

/// A revision adopted to take effect later is "approved, in force from"
/// until that day, and the version before stays in force; from that day
/// on, the revision is in force and the old one is not.
#[test]
fn a_revision_comes_into_force_on_its_effective_date() {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    fs::create_dir_all(&council).unwrap();
    fs::write(
        council.join("council.toml"),
        "name = \"Small Town Council\"\nshort_name = \"Small Town\"\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [\"protocol-2024\"]\n",
    )
    .unwrap();
    fs::write(
        council.join("protocol-2024.md"),
        document(
            "adopted",
            "adopted = 2024-01-10\n",
            "1.1 The old wording.\n",
        ),
    )
    .unwrap();
    fs::write(
        council.join("protocol-2025.md"),
        document(
            "adopted",
            "adopted = 2025-03-01\neffective = 2025-06-01\nsupersedes = \"protocol-2024\"\n",
            "1.1 The new wording.\n",
        ),
    )
    .unwrap();
    let site = dir.path().join("output/small");
    let read = |name: &str| fs::read_to_string(site.join(name)).unwrap();
    // 1 April 2025: approved, not yet in force.
    let out = build(dir.path(), "1743465600");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read("constitution.html").contains("The old wording."));
    assert!(!read("constitution.html").contains("The new wording."));
    assert!(read("protocol-2025.html").contains("Approved, in force from 1 June 2025"));
    assert!(!read("protocol-2024.html").contains("class=\"notice standing\""));
    // 1 July 2025: the revision is in force.
    let out = build(dir.path(), "1751328000");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read("constitution.html").contains("The new wording."));
    assert!(!read("constitution.html").contains("The old wording."));
    assert!(read("protocol-2024.html").contains("This version is no longer in force."));
    assert!(!read("protocol-2025.html").contains("class=\"notice standing\""));
}

/// Three versions of one protocol: the first adopted in 2022, the second
/// in 2023, the third only proposed.
fn three_versions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    fs::create_dir_all(&council).unwrap();
    fs::write(
        council.join("council.toml"),
        "name = \"Small Town Council\"\nshort_name = \"Small Town\"\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [\"v2022\"]\n",
    )
    .unwrap();
    fs::write(
        council.join("v2022.md"),
        document(
            "adopted",
            "adopted = 2022-05-10\n",
            "1.1 The Executive sets policy.\n\n1.2 Officers advise the Executive.\n",
        ),
    )
    .unwrap();
    fs::write(
        council.join("v2023.md"),
        document(
            "adopted",
            "adopted = 2023-05-17\nsupersedes = \"v2022\"\n\n[approved_by]\nbody = \"Council\"\nmeeting = \"Annual Council\"\ndate = 2023-05-17\n",
            "1.1 The Cabinet sets policy.\n\n1.2 Officers advise the Cabinet.\n\n1.3 Officers keep records.\n",
        ),
    )
    .unwrap();
    fs::write(
        council.join("v2025.md"),
        document(
            "proposed",
            "supersedes = \"v2023\"\n",
            "1.1 The Cabinet sets policy.\n\n1.2 Officers advise the Cabinet.\n\n1.3 Officers keep full records.\n",
        ),
    )
    .unwrap();
    dir
}

/// `--as-at` before, between and after the versions gives the version in
/// force each time.
#[test]
fn the_constitution_as_at_any_day() {
    let dir = three_versions();
    let whole = |as_at: &str| {
        let out = common::clerk_in(dir.path(), &["build", "--as-at", as_at]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        fs::read_to_string(dir.path().join("output/small/constitution.html")).unwrap()
    };
    let before = whole("2022-01-01");
    assert!(before.contains("No section of the constitution is in force yet."));
    assert!(!before.contains("sets policy."));
    let between = whole("2022-06-01");
    assert!(between.contains("The Executive sets policy."), "{between}");
    let after = whole("2024-01-01");
    assert!(after.contains("The Cabinet sets policy."));
    assert!(
        !after.contains("Officers keep full records."),
        "a proposal is never in force"
    );
    let bad = common::clerk_in(dir.path(), &["build", "--as-at", "2023-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("is not a date"));
}

/// The editions page lists each day a version came into force, each linked
/// to the constitution as it stood that day; the change log lists exactly
/// those editions, with the counts `clerk diff` gives, and the proposal apart.
#[test]
fn editions_and_the_change_log_come_from_the_sources() {
    let dir = three_versions();
    let out = build(dir.path(), "1735689600"); // 1 January 2025
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = dir.path().join("output/small");
    let read = |name: &str| fs::read_to_string(site.join(name)).unwrap();
    let editions = read("editions.html");
    let newer = editions
        .find("href=\"as-at-2023-05-17.html\"")
        .expect("2023 edition");
    let older = editions
        .find("href=\"as-at-2022-05-10.html\"")
        .expect("2022 edition");
    assert!(newer < older, "newest first");
    assert!(read("as-at-2022-05-10.html").contains("The Executive sets policy."));
    assert!(!read("as-at-2022-05-10.html").contains("The Cabinet sets policy."));
    assert!(read("as-at-2023-05-17.html").contains("The Cabinet sets policy."));
    assert!(site.join("as-at-2023-05-17.pdf").is_file());

    let log = read("change-log.html");
    assert_eq!(
        log.matches("<section class=\"edition\"").count(),
        3,
        "two editions and the proposal"
    );
    assert!(log.contains("Approved by Council, Annual Council, 17 May 2023"));
    // The counts are the change model's.
    let json = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["diff", "--format", "json"])
        .arg(dir.path().join("protocols/small/v2022.md"))
        .arg(dir.path().join("protocols/small/v2023.md"))
        .output()
        .unwrap();
    let model: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let units = model["units"].as_array().unwrap();
    let changed = |substantive: bool| {
        units
            .iter()
            .filter(|u| u["change"] != "unchanged")
            .filter(|u| {
                let classes = u["classes"].as_array().unwrap();
                let is = matches!(u["change"].as_str(), Some("inserted" | "deleted"))
                    || classes.iter().any(|c| c == "substantive");
                is == substantive
            })
            .count()
    };
    let expected = format!(
        "Replaced version adopted version: {} changes of substance, {} minor.",
        changed(true),
        changed(false)
    );
    assert!(log.contains(&expected), "{expected} in {log}");
    assert!(log.contains("Executive → Cabinet (2 times)"));
    let pending = &log[log.find("Not yet in force").unwrap()
        ..log
            .find("1 January")
            .unwrap_or(log.len())
            .min(log.find("17 May 2023</h2>").unwrap())];
    assert!(pending.contains("v2025.html"), "{pending}");
    if let Some(text) = pdftotext(&site.join("change-log.pdf")) {
        assert!(
            text.contains("17 May 2023") && text.contains("10 May 2022"),
            "{text}"
        );
        assert!(text.contains("Not yet in force"));
    }
}

/// Bury's revision was only proposed (to the Standards Committee, 14 March
/// 2023): on any day, before, between or after, the 2020/21 text is the
/// one in force, and the 2023 text never is.
#[test]
fn bury_as_at_any_day_is_the_text_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let protocols = dir.path().join("protocols");
    fs::create_dir_all(protocols.join("bury/reports")).unwrap();
    for entry in fs::read_dir("protocols/bury").unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(
                &path,
                protocols.join("bury").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    for day in ["2019-01-01", "2023-03-15", "2026-01-01"] {
        let out = common::clerk_in(dir.path(), &["build", "--as-at", day, "--format", "html"]);
        assert_eq!(out.status.code(), Some(0), "{day}: {}", stderr(&out));
        let whole = fs::read_to_string(dir.path().join("output/bury/constitution.html")).unwrap();
        // 2.1 is in the 2020/21 text only: the revision deleted Definitions.
        assert!(
            whole.contains("references to the term Council include"),
            "{day}"
        );
        assert!(
            !whole.contains("civil contingency"),
            "{day}: the proposal is not in force"
        );
        let revised = fs::read_to_string(
            dir.path()
                .join("output/bury/member-officer-relations-2023.html"),
        )
        .unwrap();
        assert!(
            revised.contains("Proposed: this version is not in force"),
            "{day}"
        );
    }
}
