//! Every input the fuzzers ever crashed on, run through the same checks as
//! the fuzz targets (`tests/fuzz/fuzz_targets/`), so a crash stays fixed.

use std::path::Path;

use clerk::check::{Sources, check_council};
use clerk::diff::units::units;
use clerk::diff::{DiffOptions, diff};
use clerk::import::import_text;
use clerk::model::{Branding, Council, Document};
use clerk::site::plan::Formats;
use clerk::site::render_in_memory;
use clerk::source::parse_document;

const FRONT: &str =
    "+++\ncouncil = \"c\"\ntitle = \"t\"\nversion = \"1\"\nstatus = \"draft\"\n+++\n";

/// The committed inputs of one fuzz target; a missing or empty folder fails
/// the test, so a target can never be checked against nothing.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("tests/fixtures/fuzz").join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}: commit the target's inputs", dir.display()));
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{}: no inputs", dir.display());
    out
}

fn texts(document: &Document) -> Vec<String> {
    units(document).into_iter().map(|u| u.text).collect()
}

#[test]
fn diff_inputs() {
    for (name, data) in inputs("diff") {
        let text = String::from_utf8_lossy(&data);
        let (a, b) = text.split_once('\u{0}').unwrap_or((&text, ""));
        let old = parse_document("a", &format!("{FRONT}{a}")).expect(&name);
        let new = parse_document("b", &format!("{FRONT}{b}")).expect(&name);
        let changes = diff(&old.document, &new.document, &DiffOptions::default());
        assert_eq!(changes.accept_all(), texts(&new.document), "{name}");
        assert_eq!(changes.reject_all(), texts(&old.document), "{name}");
    }
}

#[test]
fn import_inputs() {
    for (name, data) in inputs("import") {
        let imported = import_text(&String::from_utf8_lossy(&data), "council");
        assert!(parse_document("doc", &imported.markdown).is_ok(), "{name}");
    }
}

#[test]
fn parse_inputs() {
    for (name, data) in inputs("parse") {
        let text = String::from_utf8_lossy(&data);
        let parsed = match parse_document("doc", &text) {
            Ok(parsed) => parsed,
            Err(d) => {
                assert!(d.span.is_none_or(|s| s.end <= text.len() + 1), "{name}");
                continue;
            }
        };
        // As the fuzz target does: check it, then render every page of it.
        let council = Council {
            id: "c".into(),
            name: "C".into(),
            short_name: "C".into(),
            parts: vec![],
            branding: Branding::default(),
            documents: vec![parsed.document],
            reports: vec![],
            as_at: None,
            retired_terms: Vec::new(),
            delegated_powers: Vec::new(),
            successors: Default::default(),
        };
        let sources: Sources<'_> = [("doc", text.as_ref())].into();
        for finding in check_council(&council, &sources).findings {
            if let Some(span) = finding.diagnostic.span {
                assert!(span.end <= text.len(), "{name}: {span:?} past the end");
            }
        }
        let pages = render_in_memory(
            &[council],
            &Default::default(),
            Formats::PUBLISHED,
            &Default::default(),
        )
        .expect(&name);
        assert!(
            pages.iter().any(|(path, _)| path.ends_with("doc.pdf")),
            "{name}"
        );
    }
}
