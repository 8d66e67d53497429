//! Clauses of several paragraphs: a paragraph indented under a clause
//! belongs to it in the model, on the page, in the PDF, in Word and in
//! every view of the tracked changes. The council is written for the test
//! (`tests/fixtures/several-paragraphs`): Council Procedure Rules numbered
//! three levels deep, with a further paragraph reworded, added and
//! deleted, and a paragraph closing a clause after its list.

mod common;

use std::path::Path;

use common::{clerk_in, stderr};

/// The fixture as a council `fixture` in a temporary project.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    let council = council.parent().unwrap().join("fixture");
    std::fs::rename(dir.path().join("protocols/small"), &council).unwrap();
    for name in ["old.md", "new.md"] {
        std::fs::copy(
            Path::new("tests/fixtures/several-paragraphs").join(name),
            council.join(name),
        )
        .unwrap();
    }
    dir
}

/// The HTML of the element with `id`, up to its closing `</div>`.
fn clause_html<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<div class=\"clause\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no clause {id}"));
    let end = start + page[start..].find("</div>").unwrap();
    &page[start..end]
}

#[test]
fn a_clauses_further_paragraphs_are_part_of_it_on_the_page() {
    let dir = project();
    let check = clerk_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("unsupported"),
        "{}",
        stderr(&check)
    );
    let build = clerk_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(dir.path().join("output/fixture/old.html")).unwrap();

    let first = clause_html(&page, "c-12-1");
    assert!(first.contains("<p>The notice must be signed by the member giving it"));
    assert!(first.contains("<p>A motion received after the deadline"));

    // After the list, outside it, still in the clause.
    let second = clause_html(&page, "c-12-2");
    // A lettered item of two paragraphs keeps its second in the item.
    let item = &second[second
        .find("<li><span class=\"marker\">(b)</span>")
        .unwrap()..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(
        item.contains("<p>Urgency is decided by the Mayor.</p>"),
        "{item}"
    );
    let closing = second.find("<p>The Mayor&#39;s decision on the order is final.</p>");
    let list_end = second.find("</ol>");
    assert!(closing.is_some() && list_end < closing, "{second}");

    // Three levels deep, each with its own anchor.
    let deep = clause_html(&page, "c-12-3-2");
    assert!(
        deep.contains("<p>Consent is signified without discussion.</p>"),
        "{deep}"
    );
    let questions = clause_html(&page, "c-13-1");
    assert!(questions.contains("three clear working days"));
    // A note is part of the clause, set apart as a note.
    assert!(
        questions.contains("<p class=\"note\">Note: a question may be answered in writing where the Leader is absent.</p>"),
        "{questions}"
    );
}

#[test]
fn every_view_of_the_changes_keeps_a_further_paragraph_in_its_clause() {
    let dir = project();
    let (old, new) = ("protocols/fixture/old.md", "protocols/fixture/new.md");
    let view = |format: &str| {
        let out = clerk_in(dir.path(), &["diff", old, new, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };

    // HTML: the struck and inserted words inside the unit of 12.1.
    let html = view("html");
    let unit = html
        .split("<div id=\"u-")
        .find(|unit| unit.contains("<span class=\"unit-label\">12.1</span>"))
        .unwrap();
    assert!(
        unit.contains("one other member<span class=\"cue\">]</span></del>"),
        "{unit}"
    );
    assert!(
        unit.contains("two other members<span class=\"cue\">]</span></ins>"),
        "{unit}"
    );
    assert!(
        unit.contains("A motion received after the deadline"),
        "{unit}"
    );

    // CriticMarkup writes the further paragraphs indented, as the source.
    let markdown = view("markdown");
    assert!(markdown.contains(
        "\n   The notice must be signed by the member giving it and by {~~one other member~>two other members~~}.\n"
    ), "{markdown}");
    assert!(
        markdown
            .contains("\n The {~~Mayor's decision~>decision of the Mayor~~} on the order is final"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n   {++Notice by email is notice in writing.++}\n"),
        "{markdown}"
    );

    // Terminal text: each paragraph on its own line under its clause.
    let text = view("text");
    let clause = text.split("\n\n").find(|b| b.starts_with("13.1 ")).unwrap();
    assert!(
        clause
            .trim_end()
            .ends_with("{+A supplementary question may be asked without notice.+}"),
        "{clause}"
    );

    // JSON: the paragraph is a line of the clause's unit, at its depth.
    let json: serde_json::Value = serde_json::from_str(&view("json")).unwrap();
    let unit = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["new"][0]["label"] == "12.2")
        .unwrap();
    let lines = unit["new"][0]["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 5);
    // The item's second paragraph is the item's, under its marker.
    assert_eq!(
        (lines[3]["depth"].clone(), lines[3]["item"].clone()),
        (1.into(), false.into())
    );
    assert_eq!(
        lines[4]["depth"], 0,
        "the closing paragraph is the clause's own"
    );
}

#[test]
fn fmt_keeps_the_indented_paragraphs() {
    let dir = project();
    let out = clerk_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
