//! Upgrading a document adopted from a model to the model's new release
//! (`clerk new revision DOC --to-model NEW`), on model standing orders and
//! a parish written for these tests, and as a property over random model
//! changes and random local variations.

mod common;

use std::path::Path;

use clerk::diff::upgrade::{Outcome, Side, UNRESOLVED, upgrade};
use clerk::source::parse_document;
use proptest::prelude::*;

const FIXTURE: &str = "tests/fixtures/upgrade";

/// The fixture copied somewhere it may be written to.
fn copy_fixture(to: &Path) {
    for entry in walk(Path::new(FIXTURE)) {
        let relative = entry.strip_prefix(FIXTURE).unwrap();
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => out.extend(walk(&path)),
            false => out.push(path),
        }
    }
    out
}

fn upgraded(work: &Path) -> (std::process::Output, String) {
    copy_fixture(work);
    let output = common::clerk_in(
        work,
        &[
            "new",
            "revision",
            "marsden/standing-orders-2019.md",
            "--to-model",
            "models/standing-orders-2025",
            "--id",
            "standing-orders-2026",
            "--version",
            "2",
        ],
    );
    let text = std::fs::read_to_string(work.join("marsden/standing-orders-2026.md"))
        .unwrap_or_else(|_| panic!("no draft written: {}", common::stderr(&output)));
    (output, text)
}

#[test]
fn the_upgrade_applies_every_clean_change_and_marks_every_conflict() {
    let work = tempfile::tempdir().unwrap();
    let (output, text) = upgraded(work.path());
    let stderr = common::stderr(&output);
    // Three conflicts: exit 1, each named.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let draft = parse_document("standing-orders-2026", &text)
        .unwrap()
        .document;
    assert_eq!(
        draft
            .front_matter
            .model
            .as_ref()
            .map(|m| m.get_ref().as_str()),
        Some("models/standing-orders-2025")
    );
    assert_eq!(
        draft
            .front_matter
            .supersedes
            .as_ref()
            .map(|s| s.get_ref().as_str()),
        Some("standing-orders-2019")
    );
    assert_eq!(draft.front_matter.status, clerk::model::Status::Draft);
    for (outcome, provision) in [
        // A blank the parish filled, and words the model added after it.
        ("merged", "1.3"),
        // The model's new clause, a row added to a table, a new section.
        ("applied", "1.5"),
        ("applied", "table \"Business | Quorum\""),
        ("applied", "5.1"),
        // Both changed the same words: the time for the public, the chair.
        ("conflict", "\"The period for public participation shall\""),
        ("conflict", "3.1.2"),
        // The model drops a clause the parish varied.
        ("conflict", "4.4 (here 4.3)"),
        // The model changed the option the parish did not take.
        ("not taken", "4.1"),
        // The parish renumbered the option it took; the model's change is made.
        ("applied", "4.2 (here 4.1)"),
        ("merged", "4.3 (here 4.2)"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(outcome) && l.contains(&format!(" {provision}:"))),
            "{outcome} {provision}:\n{stderr}"
        );
    }
    for expected in [
        "1.3 A meeting shall not exceed a period of two hours unless the members present resolve to continue.",
        "1.5 A meeting may be recorded by any person present.",
        "| Committee | Three members |\n| Sub-committee | Two members |",
        "4.1 The Clerk shall report on the accounts every quarter, and publish the report.",
        "4.2 A contract worth more than £5,000 shall be put out to tender on the Contracts Finder website.",
        // The parish's own clause, and the new section after the parish's section 4.
        "4.4 The Council keeps a register of its land and buildings.\n\n# 5. Code of conduct\n\n5.1 Every member",
        // Both texts of a conflict are kept.
        "3.1.2 A committee's chair is chosen by the committee at its first meeting.",
        "> 3.1.2 A committee's chair is appointed by the Council.",
        "The period for public participation shall not exceed 10 minutes.",
        "> The period for public participation shall not exceed 20 minutes.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert_eq!(text.matches(UNRESOLVED).count(), 3, "{text}");
    // The option the parish did not take stays out.
    assert!(!text.contains("Responsible Financial Officer"), "{text}");
    // The version it starts from is not touched.
    assert_eq!(
        std::fs::read(work.path().join("marsden/standing-orders-2019.md")).unwrap(),
        std::fs::read(Path::new(FIXTURE).join("marsden/standing-orders-2019.md")).unwrap()
    );
}

#[test]
fn check_names_each_unresolved_conflict_until_it_is_resolved() {
    let work = tempfile::tempdir().unwrap();
    let (_, text) = upgraded(work.path());
    let output = common::clerk_in(work.path(), &["check", "marsden"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("error[unresolved-model-change]").count(),
        3,
        "{stderr}"
    );
    let line = text
        .lines()
        .position(|l| l.contains(UNRESOLVED))
        .map(|i| i + 1)
        .unwrap();
    assert!(
        stderr.contains(&format!("marsden/standing-orders-2026.md:{line}:3")),
        "{stderr}"
    );
    // The author takes the council's text each time: nothing is left to say.
    let resolved: String = text
        .split("\n\n")
        .filter(|block| !block.starts_with('>'))
        .collect::<Vec<_>>()
        .join("\n\n");
    std::fs::write(
        work.path().join("marsden/standing-orders-2026.md"),
        resolved,
    )
    .unwrap();
    let output = common::clerk_in(work.path(), &["check", "marsden"]);
    let stderr = common::stderr(&output);
    assert!(!stderr.contains("unresolved-model-change"), "{stderr}");
    assert!(!stderr.contains("error["), "{stderr}");
}

#[test]
fn a_release_that_is_not_later_is_refused_and_nothing_written() {
    let work = tempfile::tempdir().unwrap();
    copy_fixture(work.path());
    for (to, says) in [
        (
            "models/standing-orders-2018",
            "is not a later release of the model `models/standing-orders-2018`",
        ),
        (
            "models/no-such-thing",
            "its later releases are `models/standing-orders-2025`",
        ),
    ] {
        let output = common::clerk_in(
            work.path(),
            &[
                "new",
                "revision",
                "marsden/standing-orders-2019.md",
                "--to-model",
                to,
                "--id",
                "next",
            ],
        );
        let stderr = common::stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!work.path().join("marsden/next.md").exists());
    }
}

// The property: random model changes and random local variations.

/// What one side does to a clause of the model's first release.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Keep,
    /// Replace the word at this place with one of its own.
    Word(usize),
    Delete,
    /// Add a clause of its own after it.
    Add,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => Just(Edit::Keep),
        3 => (0usize..6).prop_map(Edit::Word),
        1 => Just(Edit::Delete),
        1 => Just(Edit::Add),
    ]
}

const VOCABULARY: [&str; 12] = [
    "members",
    "council",
    "meeting",
    "shall",
    "report",
    "committee",
    "chair",
    "clerk",
    "notice",
    "public",
    "vote",
    "minutes",
];

/// The clauses of the model's first release: each a distinct marker and six words.
fn model_clauses() -> impl Strategy<Value = Vec<Vec<usize>>> {
    proptest::collection::vec(proptest::collection::vec(0..VOCABULARY.len(), 6), 2..8)
}

/// A document of the clauses, two to a section, each clause as `side`
/// has it; the words `side` puts in are `{side}{clause}w{place}`, and its
/// own clauses `{side}{clause}added`.
fn document(
    council: &str,
    model: Option<&str>,
    clauses: &[Vec<usize>],
    edits: &[Edit],
    side: &str,
) -> String {
    let mut front = format!(
        "+++\ncouncil = \"{council}\"\ntitle = \"Standing Orders\"\nversion = \"1\"\nstatus = \"adopted\"\n"
    );
    if let Some(model) = model {
        front.push_str(&format!("model = \"{model}\"\n"));
    }
    front.push_str("+++\n");
    let mut body = String::new();
    for (k, words) in clauses.iter().enumerate() {
        let section = k / 2 + 1;
        if k % 2 == 0 {
            body.push_str(&format!("\n# {section}. Part {section}\n"));
        }
        let mut words: Vec<String> = words.iter().map(|&w| VOCABULARY[w].to_string()).collect();
        match edits[k] {
            Edit::Delete => continue,
            Edit::Word(at) => words[at] = format!("{side}{k}w{at}"),
            Edit::Keep | Edit::Add => {}
        }
        body.push_str(&format!(
            "\n{section}.{} Marker{k} {}.\n",
            k % 2 + 1,
            words.join(" ")
        ));
        if let Edit::Add = edits[k] {
            body.push_str(&format!(
                "\n{section}.{} The {side}{k}added clause.\n",
                k % 2 + 1
            ));
        }
    }
    front + &body
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every local variation survives or is reported; every model change
    /// is applied or reported.
    #[test]
    fn no_variation_and_no_change_is_lost(
        (clauses, model_edits, local_edits) in model_clauses().prop_flat_map(|clauses| {
            let n = clauses.len();
            (Just(clauses), proptest::collection::vec(edit(), n), proptest::collection::vec(edit(), n))
        })
    ) {
        let keep = vec![Edit::Keep; clauses.len()];
        let old = document("models", None, &clauses, &keep, "");
        let new = document("models", None, &clauses, &model_edits, "model");
        let ours = document("parish", Some("models/old"), &clauses, &local_edits, "local");
        let parse = |id, text: &str| parse_document(id, text).unwrap().document;
        let (old_doc, new_doc, ours_doc) = (parse("old", &old), parse("new", &new), parse("ours", &ours));
        let side = |document, source| Side { document, source };
        let result = upgrade(side(&old_doc, &old), side(&new_doc, &new), side(&ours_doc, &ours), &[]);
        let body = &result.body;
        // What the draft says, outside the quotations that mark conflicts.
        let said: String = body
            .lines()
            .filter(|l| !l.starts_with('>'))
            .collect::<Vec<_>>()
            .join("\n");
        let conflicts = result.steps.iter().filter(|s| s.outcome == Outcome::Conflict).count();
        prop_assert_eq!(body.matches(UNRESOLVED).count(), conflicts);
        // A clause's model text kept in a quotation that marks a conflict.
        let reported = |k: usize| {
            let marker = format!("Marker{k} ");
            body.lines().any(|l| l.starts_with('>') && l.contains(&marker))
        };
        for k in 0..clauses.len() {
            let marker = format!("Marker{k} ");
            match local_edits[k] {
                // A local word survives, in force.
                Edit::Word(at) => prop_assert!(said.contains(&format!("local{k}w{at}")), "local{k}w{at} lost:\n{body}"),
                Edit::Add => prop_assert!(said.contains(&format!("local{k}added")), "local{k}added lost:\n{body}"),
                // A clause the parish left out stays out, or the model's change to it is reported.
                Edit::Delete => prop_assert!(!said.contains(&marker), "Marker{k} came back:\n{body}"),
                Edit::Keep => {}
            }
            match model_edits[k] {
                Edit::Word(at) => {
                    let word = format!("model{k}w{at}");
                    prop_assert!(body.contains(&word), "{word} lost:\n{body}");
                    // Applied in force unless the parish had varied or dropped the clause.
                    if matches!(local_edits[k], Edit::Keep | Edit::Add) {
                        prop_assert!(said.contains(&word), "{word} not applied:\n{body}");
                    }
                }
                Edit::Add => prop_assert!(said.contains(&format!("model{k}added")), "model{k}added not applied:\n{body}"),
                Edit::Delete => match local_edits[k] {
                    // Dropped where the parish had the model's text.
                    Edit::Keep | Edit::Add => prop_assert!(!said.contains(&marker), "Marker{k} not dropped:\n{body}"),
                    // The parish varied it: kept, and the conflict reported.
                    Edit::Word(_) => prop_assert!(said.contains(&marker) && conflicts > 0, "Marker{k}:\n{body}"),
                    Edit::Delete => {}
                },
                Edit::Keep => {}
            }
            if let (Edit::Word(_), Edit::Delete) = (model_edits[k], local_edits[k]) {
                prop_assert!(reported(k), "Marker{k}'s change not reported:\n{body}");
            }
        }
        // The draft loads.
        let draft = format!("{}{}", &ours[..ours.find("+++\n\n").map_or(0, |i| i + 4)], body);
        prop_assert!(parse_document("draft", &draft).is_ok());
    }
}

/// The schedule of variations as a committee report appendix, in each format.
#[test]
fn a_report_appends_the_schedule_of_variations_as_html_pdf_and_word() {
    let work = tempfile::tempdir().unwrap();
    copy_fixture(work.path());
    let report = "marsden/reports/standing-orders-report.md";
    let made = |format: &str| {
        let out = work.path().join(format!("report.{format}"));
        let output = common::clerk_in(
            work.path(),
            &[
                "report",
                report,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
        out
    };
    // Each of the model's numbered provisions, with what the parish did.
    let rows = [
        ("1.1", "as the model"),
        ("1.2", "blank filled"),
        ("3.1.2", "varied"),
        ("4.1", "option not taken"),
        ("4.2 → 4.1", "option chosen"),
        ("4.4 → 4.3", "varied"),
        ("4.4", "added locally"),
        // A row of the quorum table, named as one.
        ("table row", "as the model"),
    ];
    let html = std::fs::read_to_string(made("html")).unwrap();
    let text = common::html_text(&html);
    assert!(
        text.contains("Set against Model Standing Orders (version 2018):"),
        "{text}"
    );
    for (provision, what) in rows {
        let row = format!("{provision} {what}");
        assert!(text.contains(&row), "{row} missing:\n{text}");
    }
    // The words the parish changed are marked on both sides.
    assert!(html.contains("<del") && html.contains("<ins"), "{html}");

    let pdf = made("pdf");
    let pdf_text = common::pdf_words(&pdf);
    for (provision, what) in rows {
        let heading = format!("{provision}: {what}");
        assert!(
            pdf_text.contains(&heading),
            "{heading} missing:\n{pdf_text}"
        );
    }
    assert!(
        pdf_text.contains("1.1: as the model (statutory)"),
        "{pdf_text}"
    );

    let docx = std::fs::read(made("docx")).unwrap();
    let word = common::word::part(&docx, "word/document.xml");
    for (provision, what) in rows {
        assert!(
            word.contains(&format!(">{provision}<")) && word.contains(&format!(">{what}<")),
            "{provision} {what} missing from the Word file"
        );
    }
}
