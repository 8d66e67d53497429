//! Tables: a table of thresholds in a clause of Contract Procedure Rules,
//! and a section's table of who may waive them (`tests/fixtures/tables`,
//! written for the test), on the page, in the tagged PDF and in every view
//! of a revision that edits cells and inserts, deletes and moves rows.

mod common;

use std::path::Path;
use std::process::Command;

use common::{clerk_in, stderr};

/// The fixture as a council `fixture` in a temporary project.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    let council = council.parent().unwrap().join("fixture");
    std::fs::rename(dir.path().join("protocols/small"), &council).unwrap();
    for name in ["old.md", "new.md"] {
        std::fs::copy(
            Path::new("tests/fixtures/tables").join(name),
            council.join(name),
        )
        .unwrap();
    }
    dir
}

/// The HTML of the cells of every table row in `html`, row by row.
fn html_cells(html: &str) -> Vec<Vec<String>> {
    html.split("<tr")
        .skip(1)
        .map(|row| {
            let mut row = &row[..row.find("</tr>").unwrap_or(row.len())];
            let mut cells = Vec::new();
            while let Some(start) = row.find("<td").or_else(|| row.find("<th")) {
                let tag = &row[start + 1..start + 3];
                let open = start + row[start..].find('>').unwrap() + 1;
                let close = open + row[open..].find(&format!("</{tag}>")).unwrap();
                cells.push(row[open..close].to_string());
                row = &row[close..];
            }
            cells
        })
        .collect()
}

/// A source's cells as written, table by table, row by row, with their
/// Markdown taken out (`*x*` as `x`, a link as its words).
fn source_cells(source: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(source).unwrap();
    let text = common::as_published(&text);
    text.lines()
        .map(str::trim)
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().replace('*', "").replace(['[', ']'], ""))
                .collect()
        })
        .collect()
}

/// The words of each cell of `html`'s tables, tags taken out.
fn shown_cells(html: &str) -> Vec<Vec<String>> {
    html_cells(html)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| {
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in cell.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.replace("&#39;", "'")
                })
                .collect()
        })
        .collect()
}

/// The text of each TH and TD of a tagged PDF's structure tree, in order:
/// every quoted line nested under it. `None` where poppler is missing.
fn pdf_cells(pdf: &Path) -> Option<Vec<String>> {
    let Ok(tree) = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils"
        );
        return None;
    };
    let tree = String::from_utf8_lossy(&tree.stdout);
    let mut cells: Vec<String> = Vec::new();
    let mut cell_depth: Option<usize> = None;
    for line in tree.lines() {
        let depth = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if cell_depth.is_some_and(|d| depth <= d) {
            cell_depth = None;
        }
        let role = trimmed.trim_end_matches(':');
        if role == "TH" || role == "TD" {
            cell_depth = Some(depth);
            cells.push(String::new());
        } else if cell_depth.is_some() && trimmed.starts_with('"') {
            cells
                .last_mut()
                .unwrap()
                .push_str(trimmed.trim_matches('"'));
        }
    }
    Some(cells)
}

/// Every cell of `source`'s tables is in its built page's `td`/`th` and in
/// its PDF's `TD`/`TH`, in order.
fn assert_every_cell_shown(source: &Path, page: &Path, pdf: &Path) {
    let expected = source_cells(source);
    assert!(!expected.is_empty(), "{} has tables", source.display());
    let html = std::fs::read_to_string(page).unwrap();
    assert_eq!(shown_cells(&html), expected, "{}", page.display());
    if let Some(cells) = pdf_cells(pdf) {
        assert_eq!(cells, expected.concat(), "{}", pdf.display());
    }
}

#[test]
fn every_cell_is_in_the_page_and_the_pdf_in_order() {
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
    let site = dir.path().join("output/fixture");
    assert_every_cell_shown(
        Path::new("tests/fixtures/tables/old.md"),
        &site.join("old.html"),
        &site.join("old.pdf"),
    );

    // The thresholds are the clause's own, with their caption.
    let page = std::fs::read_to_string(site.join("old.html")).unwrap();
    let clause = &page[page.find("id=\"c-4-1\"").unwrap()..page.find("id=\"c-4-2\"").unwrap()];
    assert!(
        clause.contains("<caption>Procurement thresholds</caption>"),
        "{clause}"
    );
    assert!(clause.contains("<th scope=\"col\">Who may award</th>"));
    assert!(clause.contains("<p>The estimate excludes VAT.</p>"));
    assert!(clause.contains("<a class=\"xref\" href=\"#c-4-2\">4.2</a>"));
}

/// The bundled example council's Contract Procedure Rules and Scheme of
/// Delegation, every version, as `clerk build` publishes them; and each
/// revision's tracked changes with a struck and an inserted word inside a
/// changed cell.
#[test]
fn the_bundled_rules_and_scheme_show_every_cell_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let build = clerk_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build",
            "--council",
            "example-borough",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let council = Path::new("protocols/example-borough");
    let site = out.join("example-borough");
    for id in [
        "contract-procedure-rules-2024",
        "contract-procedure-rules-2025",
        "scheme-of-delegation-2024",
        "scheme-of-delegation-2025",
    ] {
        assert_every_cell_shown(
            &council.join(format!("{id}.md")),
            &site.join(format!("{id}.html")),
            &site.join(format!("{id}.pdf")),
        );
    }
    for id in ["contract-procedure-rules-2025", "scheme-of-delegation-2025"] {
        let html = std::fs::read_to_string(site.join(format!("{id}-changes.html"))).unwrap();
        let changed = html_cells(&html)
            .into_iter()
            .flatten()
            .find(|cell| cell.contains("<del") && cell.contains("<ins"));
        assert!(
            changed.is_some(),
            "{id}: a cell with a deletion and an insertion"
        );
    }
}

#[test]
fn every_view_of_the_changes_marks_words_inside_their_cells() {
    let dir = project();
    let (old, new) = ("protocols/fixture/old.md", "protocols/fixture/new.md");
    let view = |format: &str| {
        let out = clerk_in(dir.path(), &["diff", old, new, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };

    // HTML: the struck and inserted figure inside the cell it changed.
    let html = view("html");
    let rows = html_cells(&html);
    let changed = rows
        .iter()
        .find(|row| row.first().is_some_and(|c| c.starts_with("Up to £")))
        .expect("the first threshold's row");
    assert!(
        changed[0].contains("<del class=\"substantive\">"),
        "{changed:?}"
    );
    assert!(
        changed[0].contains("<ins class=\"substantive\">"),
        "{changed:?}"
    );
    assert!(changed[0].contains("25,000") && changed[0].contains("30,000"));
    assert_eq!(changed[1], "One written quotation");
    let inserted = rows
        .iter()
        .find(|row| {
            row.first()
                .is_some_and(|c| c.contains("£100,000 to £214,904"))
        })
        .expect("the inserted row");
    assert_eq!(inserted.len(), 3);
    assert!(
        inserted.iter().all(|cell| cell.starts_with("<ins")),
        "{inserted:?}"
    );
    assert!(html.contains("Works of art"), "the deleted row is shown");

    // CriticMarkup: a GFM table with the changes in its cells.
    let markdown = view("markdown");
    assert!(
        markdown.contains("|Up to £{~~25,000~>30,000~~}|One written quotation|Budget holder|"),
        "{markdown}"
    );
    assert!(
        markdown.contains("|{--Works of art--}|{--Head of Culture--}|{--Cabinet--}|")
            || markdown.contains("|{--Works of art | Head of Culture | Cabinet--}|"),
        "{markdown}"
    );

    // JSON: a section's rows are units of kind `row`, their lines rows.
    let json: serde_json::Value = serde_json::from_str(&view("json")).unwrap();
    assert_eq!(json["format_version"], 2);
    let moved = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "row" && u["change"] == "moved")
        .expect("the framework row moved");
    assert!(
        moved["new"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("A framework agreement")
    );
    assert_eq!(moved["new"][0]["lines"][0]["row"], true);

    // Terminal text names the row and keeps every cell.
    let text = view("text");
    assert!(
        text.contains("table row (deleted: substantive; in 5. Delegations)"),
        "{text}"
    );
    assert!(
        text.contains("[-Works of art | Head of Culture | Cabinet-]"),
        "{text}"
    );
}

#[test]
fn fmt_keeps_the_tables() {
    let dir = project();
    let out = clerk_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
