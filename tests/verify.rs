//! Editions anyone can verify, on a council written for this test: every
//! build publishes `manifest.json`; `clerk verify` passes on a fresh build
//! and fails, naming the file, when one byte of any published HTML, PDF or
//! Word file or any source changes; two builds give the same identifiers;
//! and the edition a committee report proposes is the edition the site
//! lists once the proposal comes into force.

mod common;

use std::path::Path;

use common::{clerk_in, html_text, stderr};

const COUNCIL: &str = "name = \"Ashbridge Borough Council\"\nshort_name = \"Ashbridge\"\n\n[[parts]]\nnumber = \"4\"\ntitle = \"Rules of procedure\"\ndocuments = [\"standing-orders-2024\", \"contract-rules\"]\n";

const STANDING_ORDERS: &str = "# 1. Meetings\n\n1.1 The Council meets at least six times a year.\n\n1.2 The Mayor presides; in the Mayor's absence, the Deputy Mayor.\n\n   The Deputy Mayor has the Mayor's powers while presiding.\n\n# 2. Motions\n\n2.1 Notice of a motion is given to the Head of Democratic Services by noon, seven clear days before the meeting.\n";

const REVISED: &str = "# 1. Meetings\n\n1.1 The Council meets at least seven times a year.\n\n1.2 The Mayor presides; in the Mayor's absence, the Deputy Mayor.\n\n   The Deputy Mayor has the Mayor's powers while presiding.\n\n# 2. Motions\n\n2.1 Notice of a motion is given to the Democratic Services Manager by noon, ten clear days before the meeting.\n\n2.2 A motion may be withdrawn by its mover.\n";

const CONTRACT_RULES: &str = "# 1. Thresholds\n\n1.1 Contracts are let by value:\n\n| Value | Procedure |\n|---|---|\n| Up to £25,000 | Three written quotations |\n| Over £25,000 | Open tender |\n";

const REPORT: &str = "+++\ncouncil = \"ashbridge\"\ntitle = \"Review of the Standing Orders\"\nclassification = \"Open\"\nmeeting = \"Standards Committee\"\nmeeting_date = 2026-03-10\nreport_by = \"The Monitoring Officer\"\ndecision_type = \"Council\"\nwards = \"All\"\nauthor = \"A. Clerk, Monitoring Officer\"\n\n[[appendices]]\ntitle = \"Tracked changes\"\nkind = \"tracked-changes\"\nexisting = \"standing-orders-2024\"\nrevised = \"standing-orders-2026\"\n+++\n\n# Recommendation\n\nThe Committee is asked to recommend the revised Standing Orders to Council.\n";

fn source(title: &str, front: &str, body: &str) -> String {
    format!("+++\ncouncil = \"ashbridge\"\ntitle = \"{title}\"\n{front}+++\n{body}")
}

/// The council in a temporary project: two sections in force since 1
/// April 2024, and a revision of one proposed by a report.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/ashbridge");
    std::fs::create_dir_all(council.join("reports")).unwrap();
    let write = |name: &str, text: String| std::fs::write(council.join(name), text).unwrap();
    write("council.toml", COUNCIL.to_string());
    write(
        "standing-orders-2024.md",
        source(
            "Council Procedure Rules",
            "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-04-01\npart = \"4\"\nsection = \"4A\"\n",
            STANDING_ORDERS,
        ),
    );
    write(
        "standing-orders-2026.md",
        source(
            "Council Procedure Rules",
            "version = \"2\"\nstatus = \"proposed\"\npart = \"4\"\nsection = \"4A\"\nsupersedes = \"standing-orders-2024\"\n",
            REVISED,
        ),
    );
    write(
        "contract-rules.md",
        source(
            "Contract Procedure Rules",
            "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-04-01\npart = \"4\"\nsection = \"4B\"\n",
            CONTRACT_RULES,
        ),
    );
    write("reports/2026-03-10-standing-orders.md", REPORT.to_string());
    dir
}

fn build(dir: &Path, out: &str) {
    let built = clerk_in(dir, &["build", "--out", out]);
    assert!(built.status.success(), "{}", stderr(&built));
}

fn verify(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    let run = clerk_in(dir, &all);
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), stderr(&run));
    (run.status.code().unwrap_or(-1), said)
}

fn manifest(dir: &Path, out: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(out).join("manifest.json")).unwrap()).unwrap()
}

/// Changes one byte of `path` (flips its lowest bit), runs `check`, and
/// puts the byte back.
fn with_one_byte_changed(path: &Path, check: impl FnOnce()) {
    let original = std::fs::read(path).unwrap();
    let mut changed = original.clone();
    let at = changed.len() / 2;
    changed[at] ^= 1;
    std::fs::write(path, &changed).unwrap();
    check();
    std::fs::write(path, &original).unwrap();
}

#[test]
fn a_fresh_build_verifies_and_one_changed_byte_anywhere_is_named() {
    let dir = project();
    build(dir.path(), "output");
    let (code, said) = verify(dir.path(), &["output"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("verified: all"), "{said}");

    let site = dir.path().join("output/ashbridge");
    for name in [
        "standing-orders-2024.html",
        "constitution.pdf",
        "standing-orders-2026-changes.docx",
        "2026-03-10-standing-orders.docx",
    ] {
        with_one_byte_changed(&site.join(name), || {
            let (code, said) = verify(dir.path(), &["output"]);
            assert_eq!(code, 1, "{name}: {said}");
            let named: Vec<&str> = said.lines().filter(|l| l.contains(": changed:")).collect();
            assert_eq!(named.len(), 1, "{said}");
            assert!(named[0].contains(&format!("ashbridge/{name}")), "{said}");
        });
    }
    // A file removed, and a file added, are each named.
    std::fs::rename(site.join("editions.html"), dir.path().join("editions.html")).unwrap();
    std::fs::write(site.join("notice.html"), "<p>Not from the sources</p>").unwrap();
    let (code, said) = verify(dir.path(), &["output"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("ashbridge/editions.html: missing"), "{said}");
    assert!(
        said.contains("ashbridge/notice.html: not in the manifest"),
        "{said}"
    );
    std::fs::rename(dir.path().join("editions.html"), site.join("editions.html")).unwrap();
    std::fs::remove_file(site.join("notice.html")).unwrap();

    // Every source, against a copy of the manifest kept elsewhere.
    std::fs::copy(
        dir.path().join("output/manifest.json"),
        dir.path().join("kept.json"),
    )
    .unwrap();
    let (code, said) = verify(dir.path(), &["protocols", "--manifest", "kept.json"]);
    assert_eq!(code, 0, "{said}");
    let sources = dir.path().join("protocols/ashbridge");
    for name in [
        "council.toml",
        "contract-rules.md",
        "reports/2026-03-10-standing-orders.md",
    ] {
        with_one_byte_changed(&sources.join(name), || {
            let (code, said) = verify(dir.path(), &["protocols", "--manifest", "kept.json"]);
            assert_eq!(code, 1, "{name}: {said}");
            assert!(
                said.contains(&format!("ashbridge/{name}: changed")),
                "{name}: {said}"
            );
        });
    }
    // A changed word of a version in force: the editions made of it are named.
    let rules = sources.join("contract-rules.md");
    let text = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(&rules, text.replace("Open tender", "Closed tender")).unwrap();
    let (code, said) = verify(
        dir.path(),
        &["protocols/ashbridge", "--manifest", "kept.json"],
    );
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("version contract-rules: its text is not the text the manifest records, so these sources do not make the edition in force nor the edition of 2024-04-01"),
        "{said}"
    );
    std::fs::write(&rules, text).unwrap();
}

#[test]
fn one_file_is_verified_where_it_is_published_and_wherever_it_is_copied() {
    let dir = project();
    build(dir.path(), "output");
    let pdf = dir.path().join("output/ashbridge/constitution.pdf");
    let (code, said) = verify(dir.path(), &["output/ashbridge/constitution.pdf"]);
    assert_eq!(code, 0, "{said}");
    let ids = manifest(dir.path(), "output");
    let in_force = ids["councils"][0]["in_force"]["id"].as_str().unwrap();
    assert!(
        said.contains(&format!("says it is edition {}", &in_force[..12])),
        "{said}"
    );
    assert!(said.contains("edition in force"), "{said}");

    // Downloaded and renamed: found by its bytes, with the manifest given.
    let copy = dir.path().join("downloaded.pdf");
    std::fs::copy(&pdf, &copy).unwrap();
    let (code, said) = verify(
        dir.path(),
        &["downloaded.pdf", "--manifest", "output/manifest.json"],
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("published as ashbridge/constitution.pdf"),
        "{said}"
    );
    with_one_byte_changed(&copy, || {
        let (code, said) = verify(
            dir.path(),
            &["downloaded.pdf", "--manifest", "output/manifest.json"],
        );
        assert_eq!(code, 1, "{said}");
        assert!(
            said.contains("downloaded.pdf: not in the manifest"),
            "{said}"
        );
    });
    with_one_byte_changed(&pdf, || {
        let (code, said) = verify(dir.path(), &["output/ashbridge/constitution.pdf"]);
        assert_eq!(code, 1, "{said}");
        assert!(said.contains("constitution.pdf: changed"), "{said}");
    });
    // No manifest to be found: the check cannot run, and says why.
    let (code, said) = verify(dir.path(), &["downloaded.pdf"]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("--manifest FILE"), "{said}");
}

#[test]
fn two_builds_of_the_same_sources_publish_the_same_manifest() {
    let dir = project();
    build(dir.path(), "first");
    build(dir.path(), "second");
    let first = std::fs::read(dir.path().join("first/manifest.json")).unwrap();
    let second = std::fs::read(dir.path().join("second/manifest.json")).unwrap();
    assert_eq!(first, second);
    // An incremental build reuses files and still vouches for each.
    build(dir.path(), "first");
    assert_eq!(
        std::fs::read(dir.path().join("first/manifest.json")).unwrap(),
        second
    );
    // The same text with Windows line endings is the same edition.
    let sources = dir.path().join("protocols/ashbridge");
    for name in ["standing-orders-2024.md", "contract-rules.md"] {
        let text = std::fs::read_to_string(sources.join(name)).unwrap();
        std::fs::write(sources.join(name), text.replace('\n', "\r\n")).unwrap();
    }
    build(dir.path(), "third");
    let ids = |out: &str| {
        let m = manifest(dir.path(), out);
        (
            m["councils"][0]["in_force"]["id"].clone(),
            m["councils"][0]["editions"].clone(),
        )
    };
    let (in_force, editions) = ids("third");
    assert_eq!((in_force.clone(), editions.clone()), ids("first"));
    assert_eq!(editions[0]["id"], in_force);
}

#[test]
fn the_edition_a_report_proposes_is_the_edition_published_once_in_force() {
    let dir = project();
    build(dir.path(), "output");
    let report = html_text(
        &std::fs::read_to_string(
            dir.path()
                .join("output/ashbridge/2026-03-10-standing-orders.html"),
        )
        .unwrap(),
    );
    let proposed = report
        .split("Edition proposed")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|id| id.trim_end_matches(':').to_string())
        .expect("the report's cover names the edition it proposes");
    assert_eq!(proposed.len(), 12, "{report}");
    let before = manifest(dir.path(), "output");
    let in_force = before["councils"][0]["in_force"]["id"].as_str().unwrap();
    assert!(
        !in_force.starts_with(&proposed),
        "the proposal is not in force yet"
    );
    assert!(
        before["councils"][0]["proposed"][0]["edition"]
            .as_str()
            .unwrap()
            .starts_with(&proposed)
    );
    // The PDF and Word reports print the same identifier.
    let pdf = dir
        .path()
        .join("output/ashbridge/2026-03-10-standing-orders.pdf");
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output();
    if let Ok(text) = text {
        let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
        assert!(text.contains(&proposed), "{text}");
    }

    // Council approves it: the adoption is recorded, the text untouched.
    let path = dir
        .path()
        .join("protocols/ashbridge/standing-orders-2026.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "status = \"proposed\"\n",
            "status = \"adopted\"\nadopted = 2026-04-20\neffective = 2026-05-01\n\n[approved_by]\nbody = \"Council\"\ndate = 2026-04-20\n",
        )
        .replacen("part = \"4\"\nsection = \"4A\"\nsupersedes = \"standing-orders-2024\"\n", "", 1)
        .replacen(
            "version = \"2\"\n",
            "version = \"2\"\npart = \"4\"\nsection = \"4A\"\nsupersedes = \"standing-orders-2024\"\n",
            1,
        ),
    )
    .unwrap();
    let built = common::clerk_in_env(
        dir.path(),
        &["build", "--out", "output"],
        &[("SOURCE_DATE_EPOCH", "1780000000")],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let after = manifest(dir.path(), "output");
    assert!(
        after["councils"][0]["in_force"]["id"]
            .as_str()
            .unwrap()
            .starts_with(&proposed),
        "{after:#}"
    );
    let editions = html_text(
        &std::fs::read_to_string(dir.path().join("output/ashbridge/editions.html")).unwrap(),
    );
    let listed = editions
        .split_once("1 May 2026")
        .and_then(|(_, rest)| rest.split_once("1 April 2024"))
        .expect("the editions of 1 May 2026 and 1 April 2024 are listed")
        .0;
    assert!(
        listed.contains(&format!("Edition {proposed}")),
        "{editions}"
    );
    let (code, said) = verify(dir.path(), &["output"]);
    assert_eq!(code, 0, "{said}");
}
