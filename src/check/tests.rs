//! Each lint on a small document.

use super::*;
use crate::model::{Branding, Council, Part};
use crate::source::parse_document;

const FRONT: &str = "+++\ncouncil = \"test\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\nadopted = 2024-05-01\n";

/// A council of documents given as (id, extra front matter, body).
fn council(documents: &[(&str, &str, &str)]) -> (Council, Vec<String>) {
    let mut sources = Vec::new();
    let mut parsed = Vec::new();
    for (id, extra, body) in documents {
        let source = format!("{FRONT}{extra}+++\n{body}");
        parsed.push(
            parse_document(id, &source)
                .expect("fixture parses")
                .document,
        );
        sources.push(source);
    }
    let council = Council {
        id: "test".into(),
        name: "Test Council".into(),
        short_name: "Test".into(),
        parts: vec![Part {
            number: None,
            title: "Protocols".into(),
            documents: vec![documents[0].0.to_string()],
        }],
        branding: Branding::default(),
        documents: parsed,
        reports: Vec::new(),
        as_at: None,
        retired_terms: Vec::new(),
        delegated_powers: Vec::new(),
        successors: Default::default(),
    };
    (council, sources)
}

fn run(documents: &[(&str, &str, &str)]) -> Findings {
    let (council, sources) = council(documents);
    let map: Sources<'_> = documents
        .iter()
        .zip(&sources)
        .map(|((id, _, _), s)| (*id, s.as_str()))
        .collect();
    check_council(&council, &map)
}

fn messages(report: &Findings, code: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == code)
        .map(|f| f.diagnostic.message.clone())
        .collect()
}

fn one(body: &str, code: &str) -> Vec<String> {
    messages(&run(&[("doc", "", body)]), code)
}

#[test]
fn clean_document_has_no_findings() {
    let report = run(&[(
        "doc",
        "",
        "# 1. Scope\n\n1.1 One.\n\n1.2 Two:\n\n- (a) first;\n- (b) second.\n\n# 2. Next\n\n2.1 Three.\n",
    )]);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn duplicate_number() {
    assert_eq!(
        one("5.3 A.\n\n5.4 B.\n\n5.4 C.\n", "duplicate-number"),
        ["clause number 5.4 is used twice"]
    );
    assert_eq!(
        one(
            "# 31.11 Bullying\n\nText.\n\n# 31.11 Access\n\nText.\n",
            "duplicate-number"
        ),
        ["section number 31.11 is used twice"]
    );
}

#[test]
fn numbering_gap_and_order() {
    assert_eq!(
        one("4.1 A.\n\n4.2 B.\n\n4.4 C.\n", "numbering-gap"),
        ["clause 4.4 follows 4.2: 4.3 is missing"]
    );
    assert_eq!(
        one("3.6 A.\n", "numbering-gap"),
        ["clause numbering starts at 3.6: 3.1 to 3.5 are missing"]
    );
    assert_eq!(
        one("4.1 A.\n\n4.3 B.\n\n4.2 C.\n", "numbering-order"),
        ["clause 4.2 comes after 4.3"]
    );
    assert!(one("4.1 A.\n\n5.1 B.\n\n5.1.1 C.\n\n5.2 D.\n", "numbering-gap").is_empty());
}

#[test]
fn section_mismatch() {
    assert_eq!(
        one("# Principles\n\n3.1 A.\n\n4.1 B.\n", "section-mismatch"),
        ["clause 4.1 sits under the heading \"Principles\", whose clauses are numbered 3"]
    );
}

#[test]
fn broken_references() {
    let body = "# 1. Scope\n\n1.1 See [1.2](#1.2), [1.9](#1.9), [x](#), [other](missing#2.1) and [ok](other#3.1).\n\n1.2 Subject to 1.7 above.\n";
    let report = run(&[("doc", "", body), ("other", "", "3.1 There.\n")]);
    assert_eq!(
        messages(&report, "broken-reference"),
        [
            "no clause or section 1.9 in `doc`",
            "this link has an empty target",
            "no document `missing` in council `test`",
            "the text refers to 1.7, which is not in this document",
        ]
    );
}

#[test]
fn supersedes() {
    let pointing_nowhere = run(&[("new", "supersedes = \"old\"\n", "1.1 A.\n")]);
    assert_eq!(
        messages(&pointing_nowhere, "supersedes"),
        ["`supersedes` names `old`, which is not a document of this council"]
    );
    let cycle = run(&[
        ("a", "supersedes = \"b\"\n", "1.1 A.\n"),
        ("b", "supersedes = \"a\"\n", "1.1 A.\n"),
    ]);
    assert_eq!(messages(&cycle, "supersedes").len(), 2);
    let itself = run(&[("a", "supersedes = \"a\"\n", "1.1 A.\n")]);
    assert_eq!(
        messages(&itself, "supersedes"),
        ["a document cannot supersede itself"]
    );
}

#[test]
fn placeholder() {
    assert_eq!(
        one(
            "Adopted at the meeting held on xxxxxx\n\n1.1 Raise it with the Chief Executive [or similar].\n",
            "placeholder"
        ),
        [
            "placeholder text `xxxxxx`",
            "placeholder text `[or similar]`"
        ]
    );
}

#[test]
fn empty_section() {
    assert_eq!(
        one("# 1. Empty\n\n# 2. Full\n\n2.1 A.\n", "empty-section"),
        ["the section \"Empty\" has no text"]
    );
    assert!(one("# 1. Parent\n\n## 1.1 Child\n\nText.\n", "empty-section").is_empty());
}

#[test]
fn unfinished_sentence() {
    assert_eq!(
        one(
            "- Members should not comment before speaking to?\n",
            "unfinished-sentence"
        ),
        ["the sentence stops at `to?`: words seem to be missing"]
    );
    assert_eq!(
        one(
            "Members should not give direct instructions to staff,\n",
            "unfinished-sentence"
        ),
        ["the paragraph ends with a comma: the sentence seems unfinished"]
    );
    // A lead-in completed by its list is finished.
    assert!(
        one(
            "1.2 Members should expect officers to\n\n- be impartial\n",
            "unfinished-sentence"
        )
        .is_empty()
    );
}

#[test]
fn allow_acknowledges_and_unknown_codes_are_errors() {
    let report = run(&[(
        "doc",
        "[check]\nallow = [\"duplicate-number\", \"duplicate-numbers\"]\n",
        "5.4 A.\n\n5.4 B.\n",
    )]);
    assert!(messages(&report, "duplicate-number").is_empty());
    assert_eq!(report.acknowledged.len(), 1);
    let unknown = &report
        .findings
        .iter()
        .find(|f| f.diagnostic.code == "unknown-lint")
        .unwrap()
        .diagnostic;
    assert_eq!(
        unknown.message,
        "`[check] allow` names unknown code `duplicate-numbers`"
    );
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `duplicate-number`?")
    );
}

#[test]
fn contents_and_council_key() {
    let (mut council, sources) =
        council(&[("listed", "", "1.1 A.\n"), ("unlisted", "", "1.1 A.\n")]);
    council.parts[0].documents.push("missing".into());
    council.documents[1].front_matter.council = "elsewhere".into();
    let map: Sources<'_> = [
        ("listed", sources[0].as_str()),
        ("unlisted", sources[1].as_str()),
    ]
    .into();
    let report = check_council(&council, &map);
    assert_eq!(
        messages(&report, "unknown-document"),
        ["the part \"Protocols\" lists `missing`, which is not a document of this council"]
    );
    assert_eq!(
        messages(&report, "not-in-contents"),
        ["`unlisted` is not listed in any part of council.toml"]
    );
    assert_eq!(
        messages(&report, "council-mismatch"),
        ["front matter says council `elsewhere` but the file is in `test`"]
    );
}

#[test]
fn every_lint_code_is_documented() {
    let docs = include_str!("../../docs/format.md");
    for lint in LINTS {
        assert!(
            docs.contains(&format!("`{}`", lint.code)),
            "docs/format.md does not describe `{}`",
            lint.code
        );
    }
}

#[test]
fn a_link_without_text_is_reported() {
    let body = "1.1 See [](#1.2), [ ](https://example.org), [\u{a0}](#1.2), [\u{200b}](#1.2) and [\u{ad}\u{2060}](https://example.org).\n\n1.2 B.\n\n1.3 See [paragraph 1.2](#1.2) and [1.2\u{ad}](#1.2).\n";
    assert_eq!(
        one(body, "empty-link"),
        ["this link has no visible text (nothing, or only spaces and invisible characters), so a reader sees nothing where it points";
            5]
    );
}

#[test]
fn control_characters_are_reported_wherever_they_stand() {
    // A clause that shows "pay the officer" while its text says otherwise.
    let body = "1.1 The council will \u{202e}yap ton\u{202c} the officer.\n\n1.2 A bell\u{7} and an escape\u{1b}[31m.\n\n1.3 Hebrew \u{5e9}\u{5dc}\u{5d5}\u{5dd} needs no controls, nor a tab\there.\n";
    let found = one(body, "control-character");
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].starts_with("U+202E here is a bidirectional control"),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("U+0007 here is a control character"),
        "{found:?}"
    );
}

#[test]
fn text_the_pdf_cannot_draw_is_reported() {
    let body = "1.1 Members greet residents: \u{645}\u{631}\u{62d}\u{628}\u{627}, \u{4f60}\u{597d} and \u{1f44b}.\n\n1.2 Caf\u{e9}, \u{3b1}\u{3b2}\u{3b3}, \u{416}, section\u{a0}15 and in\u{ad}de\u{ad}pen\u{ad}dence.\n";
    let glyphs = one(body, "pdf-glyph");
    assert_eq!(glyphs.len(), 1, "{glyphs:?}");
    assert!(glyphs[0].contains("`\u{645}` (U+0645)"), "{}", glyphs[0]);
    assert!(glyphs[0].contains("and 3 more"), "{}", glyphs[0]);
    assert_eq!(one(body, "right-to-left").len(), 1);
    // Latin, Greek, Cyrillic, no-break spaces and soft hyphens all print.
    let drawable = "1.1 Caf\u{e9}, \u{3b1}\u{3b2}\u{3b3}, \u{416}, section\u{a0}15 and in\u{ad}de\u{ad}pen\u{ad}dence.\n";
    assert!(one(drawable, "pdf-glyph").is_empty());
    assert!(one(drawable, "right-to-left").is_empty());
    assert_eq!(
        one(
            "1.1 Hebrew: \u{5e9}\u{5dc}\u{5d5}\u{5dd}.\n",
            "right-to-left"
        )
        .len(),
        1
    );
    assert!(one("1.1 Hebrew: \u{5e9}\u{5dc}\u{5d5}\u{5dd}.\n", "pdf-glyph").is_empty());
}

#[test]
fn status_and_dates_that_disagree() {
    let undated = "+++\ncouncil = \"test\"\ntitle = \"P\"\nversion = \"1\"\nstatus = \"adopted\"\n";
    let parse = |extra: &str| {
        let source = format!("{undated}{extra}+++\n1.1 A.\n");
        (parse_document("doc", &source).unwrap().document, source)
    };
    let run_one = |extra: &str| {
        let (document, source) = parse(extra);
        let council = Council {
            id: "test".into(),
            name: "Test".into(),
            short_name: "Test".into(),
            parts: Vec::new(),
            branding: Branding::default(),
            documents: vec![document],
            reports: Vec::new(),
            as_at: None,
            retired_terms: Vec::new(),
            delegated_powers: Vec::new(),
            successors: Default::default(),
        };
        let sources: Sources<'_> = [("doc", source.as_str())].into_iter().collect();
        messages(&check_council(&council, &sources), "status")
    };
    assert_eq!(
        run_one(""),
        ["the status is adopted, but no `adopted` or `effective` date says since when"]
    );
    assert_eq!(
        run_one("adopted = 2023-05-17\neffective = 2023-04-01\n"),
        ["the effective date (1 April 2023) is before the adoption date (17 May 2023)"]
    );
    assert!(run_one("adopted = 2023-05-17\neffective = 2023-06-01\n").is_empty());
    // Two adopted versions in force from one day.
    let report = run(&[
        ("new", "supersedes = \"old\"\n", "1.1 B.\n"),
        ("old", "", "1.1 A.\n"),
    ]);
    assert_eq!(
        messages(&report, "status"),
        [
            "`old` and `new` are both adopted and in force from 1 May 2024: which text applied is unclear"
        ]
    );
}
