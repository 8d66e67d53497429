//! The renderers stay siblings: no format folder under `src/render/`
//! imports another, and the neutral layer beneath them imports none.

use std::path::Path;

/// The format folders, and the search index beside them.
const FORMATS: [&str; 5] = ["html", "pdf", "docx", "text", "search"];

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((path.display().to_string(), text));
        }
    }
    found
}

/// The formats a file names through `crate::render::<format>` or
/// `render::{..., <format>, ...}`.
fn formats_named(text: &str) -> Vec<&'static str> {
    FORMATS
        .into_iter()
        .filter(|format| {
            text.contains(&format!("crate::render::{format}"))
                || text.contains(&format!("clerk::render::{format}"))
                || text.lines().any(|line| {
                    line.contains("crate::render::{")
                        && line
                            .split(['{', '}', ',', ' '])
                            .any(|name| name.trim() == *format)
                })
        })
        .collect()
}

#[test]
fn no_format_imports_another() {
    let render = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut crossings = Vec::new();
    for format in FORMATS {
        for (path, text) in sources(&render.join(format)) {
            for other in formats_named(&text) {
                if other != format {
                    crossings.push(format!("{path} ({format}) names render::{other}"));
                }
            }
        }
    }
    for (path, text) in sources(&render.join("present")) {
        for format in formats_named(&text) {
            crossings.push(format!("{path} (present) names render::{format}"));
        }
    }
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
}

#[test]
fn the_check_sees_a_crossing() {
    assert_eq!(
        formats_named("use crate::render::pdf::layout::Flow;"),
        ["pdf"]
    );
    assert_eq!(
        formats_named("use crate::render::{Format, docx, html};"),
        ["html", "docx"]
    );
    assert!(formats_named("use crate::render::present::links;").is_empty());
}
