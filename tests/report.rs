//! Committee reports: the cover, the appendices generated from the protocol
//! versions, the authoring errors, and the skeleton.

mod common;

use std::path::Path;
use std::process::Command;

use clerk::diff::sets::ChangeSets;
use clerk::diff::{DiffOptions, diff};
use clerk::render::present::report::{compared, cover, prepare};
use clerk::source::front_matter;
use clerk::source::load::{Target, load};
use common::{clerk, html_text, words};

const BURY_REPORT: &str = "protocols/bury/reports/2023-03-14-constitution-update.md";

fn in_order(haystack: &[String], needle: &[String]) -> Result<(), String> {
    let mut at = 0;
    for (n, word) in needle.iter().enumerate() {
        match haystack[at..].iter().position(|w| w == word) {
            Some(k) => at += k + 1,
            None => {
                return Err(format!(
                    "word {n} `{word}` missing (after {:?})",
                    &needle[n.saturating_sub(4)..n]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_cover_field_is_in_both_outputs() {
    let project = load(&Target::Council("protocols/bury".into())).unwrap();
    let council = &project.councils[0];
    let report = &council.reports[0];
    let html = clerk(&["report", BURY_REPORT]);
    assert_eq!(
        html.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let html = html_text(&String::from_utf8_lossy(&html.stdout));
    for (label, value) in cover(report, council) {
        assert!(html.contains(label), "HTML lacks {label}");
        assert!(html.contains(&value), "HTML lacks {value}");
    }
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let out = clerk(&[
        "report",
        BURY_REPORT,
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (label, value) in cover(report, council) {
        assert!(text.contains(label), "PDF lacks {label}");
        assert!(text.contains(&value), "PDF lacks {value}");
    }
    for n in 1..=4 {
        assert!(
            text.contains(&format!("Appendix {n}:")),
            "PDF lacks appendix {n}"
        );
    }
    // The appendix text is the protocol text, word for word, in order.
    let pdf_words = words(&text);
    for id in [
        "member-officer-relations-2020",
        "member-officer-relations-2023",
    ] {
        let source = std::fs::read_to_string(format!("protocols/bury/{id}.md")).unwrap();
        let body = words(front_matter::split(&source).unwrap().body);
        in_order(&pdf_words, &body).unwrap_or_else(|e| panic!("PDF appendix {id}: {e}"));
    }
}

#[test]
fn html_appendices_hold_the_protocol_text() {
    let html = clerk(&["report", BURY_REPORT]);
    let page = String::from_utf8_lossy(&html.stdout).into_owned();
    let appendix = |n: usize| -> String {
        let start = page.find(&format!("id=\"appendix-{n}\"")).unwrap();
        let end = page[start..]
            .find("</section>\n<section class=\"appendix\"")
            .map_or(page.len(), |e| start + e);
        html_text(&page[start..end])
    };
    for (n, id) in [
        (1, "member-officer-relations-2020"),
        (2, "member-officer-relations-2023"),
    ] {
        let source = std::fs::read_to_string(format!("protocols/bury/{id}.md")).unwrap();
        let body = words(front_matter::split(&source).unwrap().body);
        in_order(&words(&appendix(n)), &body).unwrap_or_else(|e| panic!("HTML appendix {n}: {e}"));
    }
    assert!(appendix(3).contains("Substitutions made throughout"));
    assert!(appendix(4).contains("Current wording"));
}

#[test]
fn the_tracked_changes_appendix_is_clerk_diff() {
    let project = load(&Target::Council("protocols/bury".into())).unwrap();
    let council = &project.councils[0];
    let report = &council.reports[0];
    let changes = ChangeSets::compute(&compared(report, council));
    let prepared = prepare(report, council, &project.councils, &changes).unwrap();
    let appendix = prepared
        .iter()
        .find(|p| p.title == "Tracked changes")
        .unwrap();
    let from_report = serde_json::to_value(appendix.changes.as_ref().unwrap()).unwrap();
    let output = clerk(&[
        "diff",
        "protocols/bury/member-officer-relations-2020.md",
        "protocols/bury/member-officer-relations-2023.md",
        "--format",
        "json",
    ]);
    let from_diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        from_report == from_diff,
        "the appendix and clerk diff disagree"
    );
}

macro_rules! authoring_error {
    ($name:ident, $case:literal, $line_col:literal) => {
        #[test]
        fn $name() {
            let path = concat!(
                "tests/fixtures/reports/bad/",
                $case,
                "/small/reports/report.md"
            );
            let output = clerk(&["report", path]);
            assert_eq!(output.status.code(), Some(1));
            let err = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(err.contains(&format!("{path}:{}", $line_col)), "{err}");
            insta::assert_snapshot!(err);
            // `clerk check` reports the same problem.
            let check = clerk(&[
                "check",
                concat!("tests/fixtures/reports/bad/", $case, "/small"),
            ]);
            assert_eq!(check.status.code(), Some(1));
        }
    };
}

authoring_error!(
    appendix_naming_a_missing_document,
    "missing-document",
    "17:12"
);
authoring_error!(
    revised_not_superseding_existing,
    "wrong-supersedes",
    "23:11"
);
authoring_error!(missing_cover_field, "missing-field", "2:1");
authoring_error!(date_in_the_wrong_format, "bad-date", "7:16");

#[test]
fn a_good_report_checks_clean_and_renders() {
    let check = clerk(&["check", "tests/fixtures/reports/small"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let html = clerk(&["report", "tests/fixtures/reports/small/reports/good.md"]);
    let page = String::from_utf8_lossy(&html.stdout);
    assert!(page.contains("<th scope=\"row\">Item No.</th><td>7</td>"));
    assert!(page.contains("A. Clerk, Monitoring Officer, a.clerk@example.gov.uk"));
    assert!(
        page.contains("<td>Legal Challenge</td>"),
        "the risk table is a table"
    );
    assert!(
        page.contains("<span class=\"section-label\">2.</span> Assessment of Risk"),
        "headings are numbered"
    );
}

/// The small council of `tests/fixtures/reports/small`, its reports left
/// out, copied into `dir`; returns its folder.
fn small_council_without_reports(dir: &Path) -> std::path::PathBuf {
    let council = dir.join("small");
    std::fs::create_dir_all(&council).unwrap();
    for file in [
        "council.toml",
        "protocol-2022.md",
        "protocol-2024.md",
        "code.md",
    ] {
        std::fs::copy(
            Path::new("tests/fixtures/reports/small").join(file),
            council.join(file),
        )
        .unwrap();
    }
    council
}

#[test]
fn new_report_writes_a_skeleton_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council_without_reports(dir.path());
    let args = [
        "new",
        "report",
        "--council",
        council.to_str().unwrap(),
        "--existing",
        "protocol-2022",
        "--revised",
        "protocol-2024",
        "--meeting-date",
        "2024-03-12",
    ];
    let first = clerk(&args);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let written = council.join("reports/2024-03-12-protocol-2024-update.md");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(clerk::source::report::parse_report("x", &text).is_ok());
    // Untouched, the skeleton is not a report: its placeholders stop it.
    let check = clerk(&["check", council.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&check.stderr).into_owned();
    assert_eq!(check.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error[placeholder]: the author is still the skeleton's \"Name, Monitoring Officer\""
        ),
        "{err}"
    );
    assert!(
        err.contains("the section \"Executive summary\" still holds the skeleton's prompt"),
        "{err}"
    );
    let report = clerk(&[
        "report",
        written.to_str().unwrap(),
        "-o",
        council.join("r.html").to_str().unwrap(),
    ]);
    assert_eq!(report.status.code(), Some(1), "the report is not rendered");
    assert!(!council.join("r.html").exists());
    let again = clerk(&args);
    assert_eq!(
        again.status.code(),
        Some(2),
        "never overwrites without --force"
    );
    assert_eq!(std::fs::read_to_string(&written).unwrap(), text);

    // A date that is not on the calendar is refused, and nothing is written.
    for (date, says) in [
        ("2023-02-30", "not a day on the calendar"),
        ("2023-2-3", "write it as YYYY-MM-DD"),
        ("30/02/2023", "write it as YYYY-MM-DD"),
    ] {
        let mut bad = args.to_vec();
        let last = bad.len() - 1;
        bad[last] = date;
        let out = clerk(&bad);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{date}: {err}");
        assert!(err.contains(says), "{date}: {err}");
        assert!(!err.contains("wrote"), "{date}: {err}");
    }
    let reports: Vec<_> = std::fs::read_dir(council.join("reports"))
        .unwrap()
        .collect();
    assert_eq!(reports.len(), 1, "only the first report was written");

    // Written, it checks clean.
    let mut filled = text
        .replace("Name, Monitoring Officer", "Jane Smith, Monitoring Officer")
        .replace("Item number on the agenda", "7");
    for (_, prompt, replace) in clerk::source::scaffold::SECTIONS {
        if *replace {
            filled = filled.replace(prompt, "Written by the author.");
        }
    }
    std::fs::write(&written, filled).unwrap();
    let check = clerk(&["check", council.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn reports_use_the_same_change_model_as_the_site() {
    // The site's tracked-changes page and the report's appendix come from
    // one change model: both pages of the rendered site carry the summary
    // line of the one diff.
    let project = load(&Target::Council("protocols/bury".into())).unwrap();
    let council = &project.councils[0];
    let old = council.document("member-officer-relations-2020").unwrap();
    let new = council.document("member-officer-relations-2023").unwrap();
    let direct = diff(old, new, &DiffOptions::default());
    let report = &council.reports[0];
    let changes = ChangeSets::compute(&compared(report, council));
    let prepared = prepare(report, council, &project.councils, &changes).unwrap();
    let appendix = prepared.iter().find(|p| p.changes.is_some()).unwrap();
    assert_eq!(
        appendix.changes.as_ref().unwrap().summary.substantive_units,
        direct.summary.substantive_units
    );
    let summary = clerk::render::present::changes::summary_line(&direct);
    let files = clerk::site::render_in_memory(
        &project.councils,
        &Default::default(),
        clerk::site::plan::Formats::only(clerk::render::Format::Html),
        &Default::default(),
    )
    .unwrap();
    let page = |name: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .unwrap_or_else(|| panic!("the site has no {name}"));
        String::from_utf8_lossy(bytes).into_owned()
    };
    let changes_page = page("member-officer-relations-2023-changes.html");
    let report_page = page(&format!("{}.html", report.id));
    assert!(changes_page.contains(&summary), "{summary}");
    assert!(report_page.contains(&summary), "{summary}");
}

/// A copy of the small council with its report's comparison asking for
/// reasons, and the revised version giving one for 1.1 only.
fn council_with_reasons() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    std::fs::create_dir_all(council.join("reports")).unwrap();
    for file in [
        "council.toml",
        "protocol-2022.md",
        "code.md",
        "reports/good.md",
    ] {
        std::fs::copy(
            Path::new("tests/fixtures/reports/small").join(file),
            council.join(file),
        )
        .unwrap();
    }
    let revised = std::fs::read_to_string("tests/fixtures/reports/small/protocol-2024.md")
        .unwrap()
        .replacen(
            "supersedes = \"protocol-2022\"\n",
            "supersedes = \"protocol-2022\"\n\n[reasons]\n\"1.1\" = \"Respect is owed at all times, not only in meetings.\"\n",
            1,
        );
    std::fs::write(council.join("protocol-2024.md"), revised).unwrap();
    let report = std::fs::read_to_string(council.join("reports/good.md"))
        .unwrap()
        .replacen(
            "kind = \"comparison\"\n",
            "kind = \"comparison\"\nreasons = true\n",
            1,
        );
    std::fs::write(council.join("reports/good.md"), report).unwrap();
    dir
}

/// The current and proposed wording: each pair labelled old and new, the
/// words changed marked in both columns, and the reason for each change.
#[test]
fn the_comparison_labels_marks_and_gives_reasons() {
    let dir = council_with_reasons();
    let check = common::clerk_in(dir.path(), &["check", "protocols"]);
    let err = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning[missing-reason]")
            && err.contains("none for 4 substantive changes: an unnumbered paragraph, 1.2, 2, 2.1"),
        "{err}"
    );
    let out = dir.path().join("report.html");
    let built = common::clerk_in(
        dir.path(),
        &[
            "report",
            "protocols/small/reports/good.md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    let table = &html[html.find("class=\"comparison\"").unwrap()..];
    assert!(table.contains("<th scope=\"col\">Reason for change</th>"));
    assert!(table.contains("Respect is owed at all times, not only in meetings."));
    assert!(table.contains("1.2 (deleted)"), "{table}");
    // The words put in are marked in the proposed wording.
    assert!(
        table.contains("respect each other<ins class=\"substantive\"><span class=\"cue\">[inserted: </span> at all times<span class=\"cue\">]</span></ins>."),
        "{table}"
    );
    let pdf = dir.path().join("report.pdf");
    let built = common::clerk_in(
        dir.path(),
        &[
            "report",
            "protocols/small/reports/good.md",
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(built.status.code(), Some(0));
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Respect is owed at all times"), "{text}");
        assert!(text.contains("No reason given"), "{text}");
        assert!(text.contains("1.2 (deleted)"), "{text}");
    }
}

/// `new report` takes the existing version from the revised one's
/// `supersedes`, and a mistyped existing id is matched against the other
/// versions, never the revised one itself.
#[test]
fn new_report_finds_the_existing_version_and_suggests_only_what_it_could_be() {
    let dir = tempfile::tempdir().unwrap();
    let council = small_council_without_reports(dir.path());
    let dir_arg = council.to_str().unwrap();
    let typo = clerk(&[
        "new",
        "report",
        "--council",
        dir_arg,
        "--existing",
        "protocol-2042",
        "--revised",
        "protocol-2024",
        "--meeting-date",
        "2024-03-12",
    ]);
    let said = String::from_utf8_lossy(&typo.stderr);
    assert_eq!(typo.status.code(), Some(2), "{said}");
    assert!(said.contains("did you mean `protocol-2022`?"), "{said}");

    let found = clerk(&[
        "new",
        "report",
        "--council",
        dir_arg,
        "--revised",
        "protocol-2024",
        "--meeting-date",
        "2024-03-12",
        "--item-number",
        "7",
    ]);
    assert_eq!(
        found.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    let text = std::fs::read_to_string(council.join("reports/2024-03-12-protocol-2024-update.md"))
        .unwrap();
    assert!(text.contains("existing = \"protocol-2022\""), "{text}");
    assert!(text.contains("item_number = \"7\""), "{text}");
    assert!(text.contains("(existing)\""), "{text}");
    assert!(!text.contains("title = \"Existing "), "{text}");
}
