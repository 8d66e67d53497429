//! The model keeps every word of every bundled source, in order.

mod common;

use std::path::{Path, PathBuf};

use clerk::source::{front_matter, parse_document};
use common::{document_text, words};

fn protocol_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let is_protocol_dir =
            path.is_dir() && !path.ends_with("reports") && !path.ends_with("templates");
        if is_protocol_dir {
            protocol_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn every_word_of_every_protocol_is_in_the_model() {
    let mut files = Vec::new();
    protocol_files(Path::new("protocols"), &mut files);
    assert_eq!(
        files.len(),
        15,
        "six documents from five seed councils, four from the example council, two releases of the model code and three adopting it: {files:?}"
    );
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let document = parse_document("doc", &source).unwrap().document;
        let body = front_matter::split(&source).unwrap().body;
        assert_eq!(
            words(&document_text(&document)),
            words(&common::as_published(body)),
            "{}",
            path.display()
        );
    }
}

#[test]
fn every_node_span_points_into_its_source() {
    let source =
        std::fs::read_to_string("protocols/bury/member-officer-relations-2020.md").unwrap();
    let document = parse_document("doc", &source).unwrap().document;
    for clause in document.clauses() {
        assert_eq!(
            &source[clause.label.span.range()],
            clause.label.written,
            "label span of {}",
            clause.label.written
        );
        assert!(source[clause.span.range()].contains(&clause.label.written));
    }
    for section in &document.sections {
        assert!(source[section.span.range()].starts_with('#'));
    }
}
