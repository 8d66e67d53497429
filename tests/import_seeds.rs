//! `clerk import` on each seed: a snapshot of its output, every clause label
//! of the seed recognised, and every word kept in order.

use std::collections::BTreeMap;
use std::process::Command;

mod common;

use clerk::import::import_text;
use clerk::model::Document;
use clerk::source::label::leading_label;
use clerk::source::parse_document;
use common::{document_text, words};

const SEEDS: &[&str] = &[
    "000_e5d30128b2a87da4",
    "002_102937d1ca4ae255",
    "003_f59845874d4538a6",
    "004_13a100f9947f9050",
];

/// Seed 001 holds a committee report, then the existing protocol, then the
/// revised one: each protocol starts at a "Section 3 - Protocol" heading.
fn seed_001_parts() -> (String, String) {
    let text = seed("001_34ac6eac9e769834");
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("Section 3 - Protocol"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        starts.len(),
        2,
        "seed 001 holds two versions of the protocol"
    );
    (
        lines[starts[0]..starts[1]].join("\n"),
        lines[starts[1]..].join("\n"),
    )
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/seeds/{name}.txt")).expect("seed fixture")
}

fn inputs() -> Vec<(String, String)> {
    let (existing, revised) = seed_001_parts();
    let mut inputs: Vec<(String, String)> =
        SEEDS.iter().map(|s| (s.to_string(), seed(s))).collect();
    inputs.push(("001_existing".into(), existing));
    inputs.push(("001_revised".into(), revised));
    inputs
}

fn parse_imported(name: &str, text: &str) -> Document {
    let imported = import_text(text, "council");
    parse_document(name, &imported.markdown)
        .unwrap_or_else(|e| panic!("{name}: imported Markdown does not parse: {e:?}"))
        .document
}

#[test]
fn snapshots() {
    for (name, text) in inputs() {
        let imported = import_text(&text, "council");
        insta::assert_snapshot!(format!("import_{name}"), imported.markdown);
    }
}

/// Labels such as `4.1` at the start of a seed line (after `- ` or `**`).
fn seed_labels(text: &str) -> BTreeMap<String, usize> {
    let mut labels = BTreeMap::new();
    for line in text.lines() {
        let line = line
            .trim()
            .trim_start_matches("- ")
            .trim_start_matches("**")
            .trim_start();
        let digits_and_dots: String = line
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let number = digits_and_dots.trim_end_matches('.');
        if let Some((len, parts)) = leading_label(number, 2)
            && len == number.len()
            && parts.len() >= 2
        {
            *labels.entry(number.to_string()).or_insert(0) += 1;
        }
    }
    labels
}

fn model_labels(document: &Document) -> BTreeMap<String, usize> {
    let mut labels = BTreeMap::new();
    let clauses = document.clauses().map(|c| c.label.number().to_string());
    let sections = document
        .sections
        .iter()
        .filter_map(|s| s.label.as_ref())
        .map(|l| l.number().to_string());
    for label in clauses.chain(sections) {
        *labels.entry(label).or_insert(0) += 1;
    }
    labels
}

#[test]
fn every_seed_clause_label_is_a_clause() {
    for (name, text) in inputs() {
        let document = parse_imported(&name, &text);
        let found = model_labels(&document);
        for (label, count) in seed_labels(&text) {
            let got = found.get(&label).copied().unwrap_or(0);
            assert!(
                got >= count,
                "{name}: label {label} appears {count} times in the seed, {got} in the import"
            );
        }
        // Seed 002 has no numbering at all; the others number clauses or sections.
        assert!(
            !found.is_empty() || name.starts_with("002"),
            "{name}: no labels recognised"
        );
    }
}

#[test]
fn every_word_is_kept_in_order() {
    for (name, text) in inputs() {
        let document = parse_imported(&name, &text);
        // The title line goes to front matter; Word's `o` bullets and stray
        // markers are list syntax, not words.
        let body: Vec<&str> = text
            .lines()
            .skip_while(|l| l.trim().is_empty())
            .skip(1)
            .collect();
        let expected = words(&seed_words_text(&body.join("\n")));
        let got = words(&document_text(&document));
        assert_eq!(got, expected, "{name}: the import changed the wording");
    }
}

/// The bundled protocols keep every word of their seed, in order; the only
/// hand edit that removes words is noted per seed.
#[test]
fn bundled_protocols_keep_every_word_of_their_seed() {
    let (existing, revised) = seed_001_parts();
    let cases: Vec<(&str, String, usize)> = vec![
        (
            "city-council/member-officer-relations.md",
            seed("000_e5d30128b2a87da4"),
            0,
        ),
        ("bury/member-officer-relations-2020.md", existing, 0),
        ("bury/member-officer-relations-2023.md", revised, 0),
        (
            "parish-council/member-officer-relations.md",
            seed("002_102937d1ca4ae255"),
            0,
        ),
        // Seed 003 repeats its title as two more lines ("Part 8.4", "Member
        // Officer Protocol"); they live in the front matter instead.
        (
            "north-northamptonshire/member-officer-protocol.md",
            seed("003_f59845874d4538a6"),
            2,
        ),
        (
            "unnamed-council/code-of-conduct-member-officer-relations.md",
            seed("004_13a100f9947f9050"),
            0,
        ),
    ];
    for (file, text, repeated_title_lines) in cases {
        let source = std::fs::read_to_string(format!("protocols/{file}")).unwrap();
        let document = parse_document("doc", &source).unwrap().document;
        let body: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .skip(1 + repeated_title_lines)
            .collect();
        assert_eq!(
            words(&document_text(&document)),
            words(&seed_words_text(&body.join("\n"))),
            "{file}"
        );
    }
}

/// Seed text without list syntax: `- ` markers and Word's `o` bullets.
fn seed_words_text(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix("o ").unwrap_or(t)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("protocol.md");
    std::fs::write(&out, "keep me").unwrap();
    let run = |force: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_clerk"));
        command
            .args([
                "import",
                "tests/fixtures/seeds/004_13a100f9947f9050.txt",
                "-o",
            ])
            .arg(&out);
        if force {
            command.arg("--force");
        }
        command.output().unwrap()
    };
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let forced = run(true);
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("+++\n"));
    let summary = String::from_utf8_lossy(&forced.stderr);
    assert!(summary.contains("29 clauses"), "{summary}");
}

#[test]
fn stray_markers_are_reported() {
    let (_, revised) = seed_001_parts();
    let imported = import_text(&revised, "bury");
    assert!(
        imported.summary.unclassified.iter().any(|u| u.text == "•"),
        "{:?}",
        imported.summary.unclassified
    );
}
