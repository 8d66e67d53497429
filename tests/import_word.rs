//! Word files made the way Word makes them, imported: numbering attached
//! to paragraph styles (Word's usual "1 / 1.1" headings), styles based on
//! numbered styles, a list that starts at 4 by an override, and a
//! paragraph's own level over its style's list.

mod common;

use std::io::Write;

use common::{clerk_in, stderr};

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    bytes.into_inner()
}

fn paragraph(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn numbering_on_heading_styles_is_computed_as_word_shows_it() {
    let numbering = format!(
        "<?xml version=\"1.0\"?><w:numbering {W}>\
         <w:abstractNum w:abstractNumId=\"7\">\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"Heading1\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"Heading2\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>\
         <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.%3\"/></w:lvl>\
         </w:abstractNum>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>\
         </w:numbering>"
    );
    // Heading1 and Heading2 carry the list (Heading1 with no level: the
    // list's level linked to it); Clause is based on Heading2 and numbered
    // through it.
    let styles = format!(
        "<?xml version=\"1.0\"?><w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Clause\"><w:name w:val=\"Clause\"/><w:basedOn w:val=\"Heading2\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         </w:styles>"
    );
    let body = [
        paragraph("Title", "Contract Procedure Rules"),
        paragraph("Heading1", "Thresholds"),
        paragraph("Clause", "The procedure for a contract depends on its estimated value."),
        paragraph("Clause", "A contract must not be divided to bring it under a threshold."),
        // A paragraph's own level over its style's list.
        "<w:p><w:pPr><w:pStyle w:val=\"Clause\"/><w:numPr><w:ilvl w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>Dividing includes buying in stages.</w:t></w:r></w:p>".to_string(),
        paragraph("Heading1", "Tenders"),
        paragraph("Clause", "Tenders are opened together."),
        paragraph("Normal", "Unnumbered text stays unnumbered."),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.docx"),
        docx(&[
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
        ]),
    )
    .unwrap();
    let out = clerk_in(dir.path(), &["import", "rules.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let markdown = String::from_utf8(out.stdout.clone()).unwrap();
    for expected in [
        "# 4. Thresholds",
        "4.1 The procedure for a contract depends on its estimated value.",
        "4.2 A contract must not be divided to bring it under a threshold.",
        "4.2.1 Dividing includes buying in stages.",
        "# 5. Tenders",
        "5.1 Tenders are opened together.",
    ] {
        assert!(
            markdown.contains(expected),
            "no `{expected}` in:\n{markdown}"
        );
    }
    assert!(!markdown.contains("1.1 The procedure"), "{markdown}");
    assert!(
        stderr(&out).contains("6 numbered by Word"),
        "{}",
        stderr(&out)
    );
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

/// A Word table (`w:tbl`) comes in as a pipe table, every cell in place,
/// and the result is a protocol clerk checks and publishes as a table.
#[test]
fn a_word_table_becomes_a_table() {
    let row = |cells: &[&str]| {
        format!(
            "<w:tr>{}</w:tr>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let body = [
        paragraph("Title", "Scheme of Delegation"),
        paragraph("Normal", "1. Functions delegated"),
        "<w:tbl>".to_string(),
        row(&["Function", "Delegated to", "Conditions"]),
        row(&[
            "Determining planning applications",
            "Head of Planning",
            "Not where ten or more objections are received",
        ]),
        row(&[
            "Writing off a debt | a bad one",
            "Section 151 Officer",
            "Reported to the Audit Committee",
        ]),
        "</w:tbl>".to_string(),
        paragraph("Normal", "The Scheme is reviewed each year."),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(
        dir.path().join("scheme.docx"),
        docx(&[("word/document.xml", document)]),
    )
    .unwrap();
    let out = clerk_in(
        dir.path(),
        &[
            "import",
            "scheme.docx",
            "--council",
            "small",
            "-o",
            "protocols/small/scheme.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 tables of 2 rows"),
        "{}",
        stderr(&out)
    );
    let markdown = std::fs::read_to_string(council.join("scheme.md")).unwrap();
    assert!(
        markdown.contains("|Function|Delegated to|Conditions|"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "|Writing off a debt \\| a bad one|Section 151 Officer|Reported to the Audit Committee|"
        ),
        "{markdown}"
    );
    let build = clerk_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(dir.path().join("output/small/scheme.html")).unwrap();
    assert!(
        page.contains("<th scope=\"col\">Delegated to</th>"),
        "{page}"
    );
    assert!(
        page.contains("<td>Writing off a debt | a bad one</td>"),
        "{page}"
    );
    assert!(
        page.contains("<p>The Scheme is reviewed each year.</p>"),
        "{page}"
    );
}

/// A paragraph Word sets in under a numbered clause, unnumbered, is that
/// clause's further paragraph; one at the margin is the section's.
#[test]
fn a_paragraph_set_in_under_a_clause_is_its_further_paragraph() {
    let numbering = format!(
        "<?xml version=\"1.0\"?><w:numbering {W}><w:abstractNum w:abstractNumId=\"1\">\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"12\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>\
         </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>"
    );
    let numbered = |level: usize, text: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    };
    let set_in = |text: &str| {
        format!("<w:p><w:pPr><w:ind w:left=\"720\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let body = [
        paragraph("Title", "Council Procedure Rules"),
        numbered(0, "Motions on notice"),
        numbered(
            1,
            "Notice of every motion must be given in writing to the Monitoring Officer.",
        ),
        set_in("The notice must be signed by the member giving it and by one other member."),
        numbered(1, "Motions are listed in the order received."),
        paragraph("Normal", "This paragraph is the section's own."),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(
        dir.path().join("rules.docx"),
        docx(&[
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
        ]),
    )
    .unwrap();
    let out = clerk_in(
        dir.path(),
        &[
            "import",
            "rules.docx",
            "--council",
            "small",
            "-o",
            "protocols/small/rules.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("further paragraph of the clause above"),
        "{}",
        stderr(&out)
    );
    let markdown = std::fs::read_to_string(council.join("rules.md")).unwrap();
    assert!(
        markdown.contains("12.1 Notice of every motion must be given in writing to the Monitoring Officer.\n\n   The notice must be signed"),
        "{markdown}"
    );
    let build = clerk_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(dir.path().join("output/small/rules.html")).unwrap();
    let clause = &page[page.find("id=\"c-12-1\"").unwrap()..page.find("id=\"c-12-2\"").unwrap()];
    assert!(
        clause.contains(
            "<p>The notice must be signed by the member giving it and by one other member.</p>"
        ),
        "{clause}"
    );
    let after = &page[page.find("id=\"c-12-2\"").unwrap()..];
    let own = after
        .find("<p>This paragraph is the section&#39;s own.</p>")
        .unwrap();
    assert!(
        after[..own].contains("</div>"),
        "the last paragraph is outside the clause"
    );
}

/// Merged cells keep the table's columns: a cell spanning two columns is
/// its text then an empty cell, a cell merged with the one above comes in
/// empty, and the import says so.
#[test]
fn merged_cells_keep_the_columns_and_are_reported() {
    let spanning = "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Any function of the Council</w:t></w:r></w:p></w:tc>";
    let below = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>";
    let body = [
        paragraph("Title", "Scheme of Delegation"),
        "<w:tbl>".to_string(),
        format!(
            "<w:tr>{}{}{}</w:tr>",
            cell("Function"),
            cell("Delegated to"),
            cell("Conditions")
        ),
        format!("<w:tr>{spanning}{}</w:tr>", cell("None")),
        format!(
            "<w:tr>{}{}{below}</w:tr>",
            cell("Planning"),
            cell("Head of Planning")
        ),
        "</w:tbl>".to_string(),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("scheme.docx"),
        docx(&[("word/document.xml", document)]),
    )
    .unwrap();
    let out = clerk_in(dir.path(), &["import", "scheme.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 merged table cells"),
        "{}",
        stderr(&out)
    );
    let markdown = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        markdown.contains("|Any function of the Council||None|"),
        "{markdown}"
    );
    assert!(
        markdown.contains("|Planning|Head of Planning||"),
        "{markdown}"
    );
}
