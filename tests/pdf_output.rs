//! The built PDFs, checked with the tools a reader's software relies on:
//! qpdf for structure, poppler for text, fonts and document information.
//!
//! The tools come from Debian's `qpdf` and `poppler-utils`, which CI installs;
//! on a machine without them these tests say so and pass, except under CI
//! (`CI` set), where a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use clerk::render::html::templates::Overrides;
use clerk::site::plan::Formats;
use clerk::site::render_in_memory;
use clerk::source::load::{Target, load};
use clerk::source::{front_matter, parse_document};
use common::words;

fn tool_available(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is not installed; CI must install qpdf and poppler-utils"
        );
        eprintln!("skipping: {name} is not installed (apt-get install qpdf poppler-utils)");
    }
    found
}

/// Builds the bundled protocols once into a temporary directory.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("clerk-pdf-test-{}", std::process::id()));
        let output = Command::new(env!("CARGO_BIN_EXE_clerk"))
            .args(["build", "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        dir
    })
}

fn pdfs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for council in std::fs::read_dir(built()).unwrap() {
        let council = council.unwrap().path();
        if council.is_dir() {
            for file in std::fs::read_dir(&council).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "pdf") {
                    out.push(file);
                }
            }
        }
    }
    out.sort();
    assert!(out.len() >= 12, "{out:?}");
    out
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let to_stdout: &[&str] = if tool == "pdftotext" { &["-"] } else { &[] };
    let output = Command::new(tool)
        .args(args)
        .arg(file)
        .args(to_stdout)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool} {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn qpdf_finds_no_errors() {
    if !tool_available("qpdf") {
        return;
    }
    for pdf in pdfs() {
        let out = run("qpdf", &["--check"], &pdf);
        assert!(
            out.contains("No syntax or stream encoding errors"),
            "{}: {out}",
            pdf.display()
        );
    }
}

#[test]
fn fonts_are_embedded_subsets() {
    if !tool_available("pdffonts") {
        return;
    }
    for pdf in pdfs() {
        let out = run("pdffonts", &[], &pdf);
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{}: no fonts", pdf.display());
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let n = columns.len();
            assert_eq!(
                &columns[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{}: {row}",
                pdf.display()
            );
        }
    }
}

#[test]
fn document_information_is_set() {
    if !tool_available("pdfinfo") {
        return;
    }
    let pdf = built().join("bury/member-officer-relations-2020.pdf");
    let info = run("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Title:           Section 3: Protocol on member and officer relations"),
        "{info}"
    );
    assert!(info.contains("Author:          Bury Council"), "{info}");
    assert!(info.contains("JavaScript:      no"), "{info}");
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    let pages = page_count(&info);
    assert!((8..=20).contains(&pages), "{pages} pages");
    // No date was given, so none is recorded.
    assert!(!info.contains("CreationDate"), "{info}");
    for pdf in pdfs() {
        let info = run("pdfinfo", &[], &pdf);
        assert!(info.contains("JavaScript:      no"), "{}", pdf.display());
        let pages = page_count(&info) as f64;
        let size = std::fs::metadata(&pdf).unwrap().len() as f64;
        assert!(
            size / pages.max(10.0) * 10.0 < 150_000.0,
            "{}: {size} bytes for {pages} pages",
            pdf.display()
        );
    }
}

/// The page count `pdfinfo` reports.
fn page_count(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints a Pages: line")
        .trim()
        .parse()
        .expect("the page count is a number")
}

/// Every clause label and every word of each source appears in its PDF, in order.
#[test]
fn every_word_of_each_protocol_is_in_its_pdf_in_order() {
    if !tool_available("pdftotext") {
        return;
    }
    let sources = [
        ("bury", "member-officer-relations-2020"),
        ("bury", "member-officer-relations-2023"),
        ("city-council", "member-officer-relations"),
        ("parish-council", "member-officer-relations"),
        ("north-northamptonshire", "member-officer-protocol"),
        (
            "unnamed-council",
            "code-of-conduct-member-officer-relations",
        ),
    ];
    for (council, id) in sources {
        let source = std::fs::read_to_string(format!("protocols/{council}/{id}.md")).unwrap();
        let document = parse_document(id, &source).unwrap().document;
        // -layout keeps each printed line together, hanging labels included.
        let text = run(
            "pdftotext",
            &["-layout"],
            &built().join(format!("{council}/{id}.pdf")),
        );
        for clause in document.clauses() {
            assert!(
                text.contains(&clause.label.written),
                "{id}: label {} missing",
                clause.label.written
            );
        }
        let expected = words(front_matter::split(&source).unwrap().body);
        let found = words(&text);
        let mut at = 0;
        for (n, word) in expected.iter().enumerate() {
            match found[at..].iter().position(|w| w == word) {
                Some(k) => at += k + 1,
                None => panic!(
                    "{id}: word {n} `{word}` not found in order (context: {:?})",
                    &expected[n.saturating_sub(5)..n + 1]
                ),
            }
        }
    }
}

#[test]
fn tracked_changes_pdf_marks_the_reference_changes() {
    if !tool_available("pdftotext") {
        return;
    }
    let text = run(
        "pdftotext",
        &[],
        &built().join("bury/member-officer-relations-2023-changes.pdf"),
    );
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Tracked changes: Protocol on member and officer relations"));
    assert!(text.contains("Substitutions made throughout"));
    assert!(
        text.contains("Standards Board for England"),
        "the deleted words are shown, struck through"
    );
    assert!(text.contains("In an emergency or civil contingency"));
}

/// Text the font cannot draw prints as a square rather than vanishing; soft
/// hyphens print nothing mid-line; no-break spaces hold.
#[test]
fn text_hazards_print_visibly() {
    if !tool_available("pdftotext") {
        return;
    }
    let source = "+++\ncouncil = \"c\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n1.1 Members greet residents with \u{645}\u{631}\u{62d}\u{628}\u{627} and keep their in\u{ad}de\u{ad}pen\u{ad}dence under section\u{a0}15.\n";
    let document = parse_document("p", source).unwrap().document;
    let council = clerk::model::Council {
        id: "c".into(),
        name: "C".into(),
        short_name: "C".into(),
        parts: Vec::new(),
        branding: Default::default(),
        documents: vec![document.clone()],
        reports: Vec::new(),
        as_at: None,
        retired_terms: Vec::new(),
        delegated_powers: Vec::new(),
        successors: Default::default(),
    };
    let bytes = clerk::render::pdf::document_pdf(
        &council,
        &document,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.pdf");
    std::fs::write(&file, bytes).unwrap();
    let text = run("pdftotext", &[], &file);
    assert!(
        text.contains("residents with \u{25a1}\u{25a1}\u{25a1}\u{25a1}\u{25a1} and"),
        "{text}"
    );
    assert!(text.contains("their independence under"), "{text}");
    assert!(!text.contains('\u{ad}'), "{text}");
}

/// `words` of `expected` appear in `found`, in order; the first missing one otherwise.
fn missing_in_order(expected: &[String], found: &[String]) -> Option<String> {
    let mut at = 0;
    for (n, word) in expected.iter().enumerate() {
        match found[at..].iter().position(|w| w == word) {
            Some(k) => at += k + 1,
            None => {
                return Some(format!(
                    "word {n} `{word}` (after {:?})",
                    &expected[n.saturating_sub(6)..n]
                ));
            }
        }
    }
    None
}

/// Nothing is cut: every word of the committee report, and of each
/// document its appendices hold, is in the report's PDF in order, and no
/// PDF prints an ellipsis its sources do not contain.
#[test]
fn no_pdf_cuts_any_text() {
    if !tool_available("pdftotext") {
        return;
    }
    let report =
        std::fs::read_to_string("protocols/bury/reports/2023-03-14-constitution-update.md")
            .unwrap();
    let pdf = run(
        "pdftotext",
        &[],
        &built().join("bury/2023-03-14-constitution-update.pdf"),
    );
    let found = words(&pdf);
    let body = front_matter::split(&report).unwrap().body;
    assert_eq!(missing_in_order(&words(body), &found), None, "report body");
    // The appendices follow the body: the existing and the revised protocol in full.
    let after_body = {
        let last_words = words(body);
        let tail = &last_words[last_words.len() - 5..];
        let at = found
            .windows(5)
            .position(|w| w == tail)
            .expect("the body's last words are in the PDF");
        found[at + 5..].to_vec()
    };
    let mut rest = after_body.as_slice();
    for id in [
        "member-officer-relations-2020",
        "member-officer-relations-2023",
    ] {
        let source = std::fs::read_to_string(format!("protocols/bury/{id}.md")).unwrap();
        let expected = words(front_matter::split(&source).unwrap().body);
        assert_eq!(missing_in_order(&expected, rest), None, "appendix {id}");
        let last = &expected[expected.len() - 4..];
        let end = rest.windows(4).position(|w| w == last).unwrap();
        rest = &rest[end + 4..];
    }
    // Each council's whole constitution holds every word of each document in it.
    let project = clerk::source::load::load(&clerk::source::load::Target::Protocols(
        PathBuf::from("protocols"),
    ))
    .unwrap();
    for council in &project.councils {
        // -layout keeps each printed line together, hanging labels included.
        let whole = words(&run(
            "pdftotext",
            &["-layout"],
            &built().join(format!("{}/constitution.pdf", council.id)),
        ));
        for part in &council.parts {
            for id in &part.documents {
                let Some(document) = clerk::model::current_version(council, id) else {
                    continue;
                };
                let source = project
                    .files
                    .iter()
                    .find(|f| {
                        f.path
                            .ends_with(format!("{}/{}.md", council.id, document.id))
                    })
                    .expect("the source is loaded");
                // A table's wrapped cells share printed lines, so its
                // words are checked in the structure tree instead
                // (`every_pdf_is_tagged_with_its_whole_text_in_reading_order`).
                let body = front_matter::split(&source.text).unwrap().body;
                let outside_tables: Vec<&str> = body
                    .lines()
                    .filter(|line| !line.trim_start().starts_with('|'))
                    .collect();
                let expected = words(&common::as_published(&outside_tables.join("\n")));
                assert_eq!(
                    missing_in_order(&expected, &whole),
                    None,
                    "{}/constitution.pdf: {}",
                    council.id,
                    document.id
                );
            }
        }
    }
    for pdf in pdfs() {
        let text = run("pdftotext", &[], &pdf);
        assert!(
            !text.contains('\u{2026}'),
            "{} prints an ellipsis: {}",
            pdf.display(),
            text.lines().find(|l| l.contains('\u{2026}')).unwrap_or("")
        );
    }
}

/// Every item label of the revised document ("(a)", "(iv)") is in its
/// tracked-changes PDF, in order, and no list is run into one line.
#[test]
fn tracked_changes_pdf_shows_every_item_label() {
    if !tool_available("pdftotext") {
        return;
    }
    let source =
        std::fs::read_to_string("protocols/bury/member-officer-relations-2023.md").unwrap();
    let document = parse_document("member-officer-relations-2023", &source)
        .unwrap()
        .document;
    let text = run(
        "pdftotext",
        &["-layout"],
        &built().join("bury/member-officer-relations-2023-changes.pdf"),
    );
    let mut markers = Vec::new();
    fn collect(blocks: &[clerk::model::Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                clerk::model::Block::Clause(c) => collect(&c.body, out),
                clerk::model::Block::List(l) => {
                    for item in &l.items {
                        out.push(
                            item.marker
                                .as_ref()
                                .map_or("•".to_string(), |m| m.written.clone()),
                        );
                        collect(&item.body, out);
                    }
                }
                clerk::model::Block::Quote(q) => collect(&q.body, out),
                clerk::model::Block::Paragraph(_) | clerk::model::Block::Table(_) => {}
            }
        }
    }
    collect(&document.preamble, &mut markers);
    for section in &document.sections {
        collect(&section.blocks, &mut markers);
    }
    assert!(markers.len() > 10, "{markers:?}");
    // Each item starts a line of its own.
    let starts: Vec<&str> = text
        .lines()
        .map(str::trim_start)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut at = 0;
    for marker in &markers {
        match starts[at..].iter().position(|s| s == marker) {
            Some(k) => at += k + 1,
            None => panic!("item label {marker} does not start a line (after line {at})"),
        }
    }
}

/// The tracked-changes PDF of a revision with a move, a lost number and a
/// nested list: the move is marked at both ends, the number change shows
/// old and new, and every item starts its own line.
#[test]
fn tracked_changes_pdf_marks_moves_numbers_and_items() {
    if !tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("changes.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args([
            "diff",
            "tests/fixtures/revision/old.md",
            "tests/fixtures/revision/new.md",
            "--format",
            "pdf",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = run("pdftotext", &["-layout"], &file);
    for expected in [
        "1.2 (moved to 2.2)",
        "1.2 2.2 (moved from 1.2: renumbering)",
        "1.3 1.2 (renumbered: renumbering)",
        "2.2 unnumbered (edited: substantive, renumbering)",
        "Document details",
        "1 April 2024",
        "15 January 2025",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let starts: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect();
    // What changes comes first; the table of every change after the text.
    let what = text.find("What changes").expect("what changes");
    let marked = text
        .find("The revised text with changes marked")
        .expect("the text");
    let table = text.find("Every change, unit by unit").expect("the table");
    assert!(what < marked && marked < table, "{what} {marked} {table}");
    // A changed label is struck and followed by the new one: "(ii iii)".
    for item in [
        "(a) set",
        "(b) hold",
        "(i) in",
        "(ii) in",
        "(ii iii)",
        "(c) lead.",
    ] {
        assert!(
            starts.iter().any(|s| s == item),
            "{item} starts a line in\n{text}"
        );
    }
}

/// The words of the quoted text in `pdfinfo -struct-text` output, in order.
fn struct_words(text: &str) -> Vec<String> {
    let quoted: String = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('"')?
                .strip_suffix('"')
                .map(|q| format!("{q} "))
        })
        .collect();
    words(&quoted)
}

#[test]
fn every_pdf_is_tagged_with_its_whole_text_in_reading_order() {
    if !tool_available("pdfinfo") {
        return;
    }
    for pdf in pdfs() {
        let info = run("pdfinfo", &[], &pdf);
        assert!(info.contains("Tagged:          yes"), "{}", pdf.display());
        let tree = run("pdfinfo", &["-struct-text"], &pdf);
        assert!(
            tree.starts_with("Document"),
            "{}: {tree:.300}",
            pdf.display()
        );
        assert!(tree.contains("\n  H1"), "{}: no top heading", pdf.display());
    }
    // Every word of every protocol is in its PDF's structure, in the order of the source.
    let project = clerk::source::load::load(&clerk::source::load::Target::Protocols(
        PathBuf::from("protocols"),
    ))
    .unwrap();
    let mut checked = 0;
    for council in &project.councils {
        for document in &council.documents {
            let pdf = built()
                .join(&council.id)
                .join(format!("{}.pdf", document.id));
            let tagged = struct_words(&run("pdfinfo", &["-struct-text"], &pdf));
            let mut at = 0;
            for word in words(&common::document_text(document)) {
                match tagged[at..].iter().position(|w| *w == word) {
                    Some(k) => at += k + 1,
                    None => panic!(
                        "{}: `{word}` is not in the structure after word {at}",
                        pdf.display()
                    ),
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 15, "every bundled document");
    let tree = run(
        "pdfinfo",
        &["-struct-text"],
        &built().join("bury/member-officer-relations-2020.pdf"),
    );
    // Clauses are list items with their numbers as labels; the contents a TOC.
    for role in [
        "L (block)",
        "LI (block)",
        "Lbl (block)",
        "LBody (block)",
        "TOC",
        "TOCI",
        "Link",
    ] {
        assert!(tree.contains(role), "no {role} in the structure");
    }
}

#[test]
fn tracked_changes_say_deleted_and_inserted_to_a_screen_reader() {
    let pdf = built().join("bury/member-officer-relations-2023-changes.pdf");
    let document = lopdf::Document::load(&pdf).unwrap();
    let mut said = std::collections::BTreeSet::new();
    let mut headers = 0;
    for object in document.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        // A structure element: a structure type and a parent (its /Type is optional).
        if !(dict.has(b"S") && dict.has(b"P")) {
            continue;
        }
        let role = dict.get(b"S").and_then(|s| s.as_name()).unwrap().to_vec();
        if role == b"Span" {
            let alt = dict.get(b"Alt").and_then(|a| a.as_str()).unwrap();
            let alt = lopdf::decode_text_string(&lopdf::Object::String(
                alt.to_vec(),
                lopdf::StringFormat::Hexadecimal,
            ))
            .unwrap();
            said.insert(alt.split(':').next().unwrap().to_string());
        }
        if role == b"TH" {
            headers += 1;
        }
    }
    assert_eq!(
        said.into_iter().collect::<Vec<_>>(),
        ["deleted", "inserted"],
        "each deleted or inserted span says which it is"
    );
    assert!(headers >= 3, "the summary tables have header cells");
    // The catalogue: marked, with a structure tree, PDF/UA metadata and the title shown.
    let catalog = document.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    let marked = catalog.get(b"MarkInfo").and_then(|m| m.as_dict()).unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = document.get_object(metadata).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains("Tracked changes: Protocol on member and officer relations"),
        "{xmp}"
    );
    // Copying from the page still gives the words, not the descriptions.
    let text = run("pdftotext", &[], &pdf);
    assert!(text.contains("Deleted text is struck through"));
    assert!(
        !text.contains("deleted: Deleted text"),
        "the description stays out of the text"
    );
}

#[test]
fn the_reports_cover_sheet_is_a_table_with_row_headers() {
    if !tool_available("pdfinfo") {
        return;
    }
    let pdf = built().join("bury/2023-03-14-constitution-update.pdf");
    let tree = run("pdfinfo", &["-struct-text"], &pdf);
    let cover = tree.find("Table (block)").expect("the cover table");
    let first_rows = &tree[cover..];
    assert!(first_rows.contains("/Scope /Row"), "{first_rows:.400}");
    assert!(first_rows.contains("\"Meeting date\""), "{first_rows:.400}");
}

#[test]
fn the_pdfua_checker_finds_nothing() {
    let found = Command::new("pdfua").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdfua is not installed; CI must install it (pip install pdfua)"
        );
        eprintln!("skipping: pdfua is not installed (pip install pdfua)");
        return;
    }
    for pdf in pdfs() {
        let output = Command::new("pdfua")
            .arg("check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn no_text_is_drawn_outside_marked_content_and_every_mcid_is_in_the_parent_tree() {
    use lopdf::Object;
    for pdf in pdfs() {
        let doc = lopdf::Document::load(&pdf).unwrap();
        let resolve = |o: &Object| -> Object {
            match o {
                Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
                other => other.clone(),
            }
        };
        let root = resolve(doc.catalog().unwrap().get(b"StructTreeRoot").unwrap());
        let tree = resolve(root.as_dict().unwrap().get(b"ParentTree").unwrap());
        let nums = tree
            .as_dict()
            .unwrap()
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let entries: std::collections::BTreeMap<i64, Object> = nums
            .chunks(2)
            .map(|pair| (pair[0].as_i64().unwrap(), resolve(&pair[1])))
            .collect();
        for (number, page_id) in doc.get_pages() {
            let page = doc.get_object(page_id).unwrap().as_dict().unwrap();
            let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
            let marked = entries[&key].as_array().unwrap().len();
            let content = doc.get_and_decode_page_content(page_id).unwrap();
            // What each open marked-content sequence is: an MCID, an artifact, or neither.
            let mut open: Vec<Option<bool>> = Vec::new();
            let mut seen = 0;
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" => {
                        let mcid = op
                            .operands
                            .get(1)
                            .and_then(|o| o.as_dict().ok())
                            .and_then(|d| d.get(b"MCID").ok())
                            .and_then(|m| m.as_i64().ok());
                        if let Some(mcid) = mcid {
                            assert_eq!(
                                mcid,
                                seen,
                                "{} page {number}: MCIDs in order",
                                pdf.display()
                            );
                            assert!(
                                (mcid as usize) < marked,
                                "{} page {number}: MCID {mcid} not in the parent tree",
                                pdf.display()
                            );
                            seen += 1;
                        }
                        open.push(mcid.map(|_| true));
                    }
                    "BMC" => {
                        let artifact = op.operands.first().and_then(|o| o.as_name().ok())
                            == Some(b"Artifact".as_slice());
                        open.push(artifact.then_some(false));
                    }
                    "EMC" => {
                        open.pop().expect("EMC closes a sequence");
                    }
                    "Tj" | "TJ" | "'" | "\"" => assert!(
                        open.iter().any(Option::is_some),
                        "{} page {number}: text drawn outside marked content",
                        pdf.display()
                    ),
                    _ => {}
                }
            }
            assert!(
                open.is_empty(),
                "{} page {number}: a sequence left open",
                pdf.display()
            );
            assert_eq!(seen as usize, marked, "{} page {number}", pdf.display());
        }
    }
}

/// A PDF past the packing limit is written as it is made (so a long one
/// never holds its whole structure tree): every object, its number and
/// every stream's decoded content are the same as in the packed PDF, for
/// each of Bury's PDFs (documents, tracked changes, the whole constitution,
/// the change log, the committee report).
#[test]
fn a_pdf_written_as_it_is_made_has_the_objects_of_one_written_whole() {
    let project = load(&Target::Council(PathBuf::from("protocols/bury"))).unwrap();
    let pdf_only = Formats::only(clerk::render::Format::Pdf);
    let render = |packed_up_to_pages| {
        let options = clerk::render::pdf::PdfOptions {
            packed_up_to_pages,
            ..Default::default()
        };
        render_in_memory(&project.councils, &Overrides::default(), pdf_only, &options).unwrap()
    };
    let packed = render(usize::MAX);
    let streamed = render(0);
    assert_eq!(packed.len(), streamed.len());
    assert!(packed.len() >= 5, "{} PDFs", packed.len());
    let written = tempfile::tempdir().unwrap();
    let qpdf = tool_available("qpdf");
    let pdfua = Command::new("pdfua").arg("--version").output().is_ok();
    assert!(
        pdfua || std::env::var_os("CI").is_none(),
        "pdfua is not installed; CI must install it (pip install pdfua)"
    );
    for ((path, whole), (other, made)) in packed.iter().zip(&streamed) {
        assert_eq!(path, other);
        // As PDF readers and the PDF/UA checker read it.
        let file = written.path().join(path.file_name().unwrap());
        std::fs::write(&file, made).unwrap();
        if qpdf {
            let out = run("qpdf", &["--check"], &file);
            assert!(
                out.contains("No syntax or stream encoding errors"),
                "{}: {out}",
                path.display()
            );
        }
        if pdfua {
            let output = Command::new("pdfua")
                .arg("check")
                .arg(&file)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&output.stdout)
            );
        }
        assert_ne!(
            whole,
            made,
            "{}: the two ways write differently",
            path.display()
        );
        let whole = lopdf::Document::load_mem(whole).unwrap();
        let made = lopdf::Document::load_mem(made).unwrap();
        assert!(
            made.objects.len() > 20,
            "{}: {} objects",
            path.display(),
            made.objects.len()
        );
        assert_eq!(
            content_objects(&whole),
            content_objects(&made),
            "{}",
            path.display()
        );
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            assert_eq!(
                whole.trailer.get(key).map(canonical).ok(),
                made.trailer.get(key).map(canonical).ok(),
                "{}: trailer {}",
                path.display(),
                String::from_utf8_lossy(key)
            );
        }
    }
}

/// Each object of a PDF but the containers lopdf packs objects into
/// (object streams, the cross-reference stream), spelled canonically.
fn content_objects(doc: &lopdf::Document) -> Vec<(lopdf::ObjectId, String)> {
    doc.objects
        .iter()
        .filter(|(_, object)| !matches!(object.type_name(), Ok(b"ObjStm") | Ok(b"XRef")))
        .map(|(id, object)| (*id, canonical(object)))
        .collect()
}

/// An object as text that does not depend on how it was spelled: strings
/// by their bytes whether literal or hex, numbers by value, streams by
/// their decoded content and without their length.
fn canonical(object: &lopdf::Object) -> String {
    use lopdf::Object;
    let entries = |dict: &lopdf::Dictionary| {
        dict.iter()
            .filter(|(key, _)| key.as_slice() != b"Length")
            .map(|(key, value)| format!("/{} {}", String::from_utf8_lossy(key), canonical(value)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match object {
        Object::Null => "null".into(),
        Object::Boolean(value) => value.to_string(),
        Object::Integer(value) => value.to_string(),
        Object::Real(value) => format!("{value:.4}"),
        Object::Name(name) => format!("/{}", String::from_utf8_lossy(name)),
        Object::String(bytes, _) => format!("<{bytes:02x?}>"),
        Object::Reference((number, generation)) => format!("{number} {generation} R"),
        Object::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", items.join(" "))
        }
        Object::Dictionary(dict) => format!("<<{}>>", entries(dict)),
        Object::Stream(stream) => {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            format!("<<{}>> stream {:016x}", entries(&stream.dict), {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                content.hash(&mut hasher);
                hasher.finish()
            })
        }
    }
}

/// Every PDF's headings nest from the title down without skipping a level
/// (PDF/UA, Matterhorn 14-002 and 14-003), and its outline reaches as deep
/// as its headings: a tracked-changes PDF has a bookmark for every heading.
#[test]
fn headings_nest_without_skipping_and_every_level_has_bookmarks() {
    for pdf in pdfs() {
        let name = pdf.display().to_string();
        let tree = run("pdfinfo", &["-struct"], &pdf);
        let levels: Vec<usize> = tree
            .lines()
            .filter_map(|line| {
                let tag = line.split_whitespace().next()?;
                let level = tag.strip_prefix('H')?.parse::<usize>().ok()?;
                (1..=6).contains(&level).then_some(level)
            })
            .collect();
        assert_eq!(
            levels.first(),
            Some(&1),
            "{name}: the first heading is not H1"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{name}: H{} follows H{}, skipping a level",
                pair[1],
                pair[0]
            );
        }
        let outlines = Command::new("qpdf")
            .args(["--json", "--json-key=outlines"])
            .arg(&pdf)
            .output()
            .expect("qpdf runs");
        let json: serde_json::Value = serde_json::from_slice(&outlines.stdout).unwrap();
        fn walk(items: &serde_json::Value) -> (usize, usize) {
            let (mut depth, mut count) = (0, 0);
            for item in items.as_array().into_iter().flatten() {
                let (d, c) = walk(&item["kids"]);
                depth = depth.max(d + 1);
                count += c + 1;
            }
            (depth, count)
        }
        let (depth, count) = walk(&json["outlines"]);
        let deepest = levels.iter().copied().max().unwrap_or(0);
        assert!(
            depth >= deepest,
            "{name}: its headings go to H{deepest}, its bookmarks {depth} levels"
        );
        if name.ends_with("-changes.pdf") {
            assert_eq!(count, levels.len(), "{name}: a bookmark for every heading");
        }
    }
}
