//! Every input the fuzzers ever crashed on, run through the same checks as
//! the fuzz targets (`tests/fuzz/fuzz_targets/`), so a crash stays fixed.

use std::path::Path;

use clerk::diff::units::units;
use clerk::diff::{DiffOptions, diff};
use clerk::import::import_text;
use clerk::model::Document;
use clerk::source::parse_document;

const FRONT: &str =
    "+++\ncouncil = \"c\"\ntitle = \"t\"\nversion = \"1\"\nstatus = \"draft\"\n+++\n";

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("tests/fixtures/fuzz").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn texts(document: &Document) -> Vec<String> {
    units(document).into_iter().map(|u| u.text).collect()
}

#[test]
fn diff_inputs() {
    for (name, data) in inputs("diff") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let (a, b) = text.split_once('\u{0}').unwrap_or((text, ""));
        let (Ok(old), Ok(new)) = (
            parse_document("a", &format!("{FRONT}{a}")),
            parse_document("b", &format!("{FRONT}{b}")),
        ) else {
            continue;
        };
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
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let _ = parse_document("doc", text)
            .map_err(|d| assert!(d.span.is_none_or(|s| s.end <= text.len() + 1), "{name}"));
    }
}
