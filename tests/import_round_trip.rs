//! The importer's test bed: each bundled protocol, published as clerk's
//! own PDF (running headers and footers, page numbers, a title block and
//! contents, hanging labels, nested lists, page breaks mid-sentence),
//! extracted with `pdftotext -layout` as a council would, and imported
//! back. The title, section, version and every list item's depth come
//! back, and the tracked changes from the source to the import stay within
//! what is listed here as not yet recovered.

mod common;

use std::path::Path;
use std::process::Command;

use common::{clerk_in, stderr};

/// Each bundled protocol, with the substantive differences its round trip
/// may still show (none may be added): what remains is listed in words.
const PROTOCOLS: &[(&str, usize, &str)] = &[
    ("bury/member-officer-relations-2020", 0, "nothing"),
    (
        "bury/member-officer-relations-2023",
        2,
        "a paragraph that ends at a full line is joined to the one before: the text cannot tell it from a line its next word did not fit on",
    ),
    // Its numbered headings wrap over two lines and read like clauses
    // ("31.6 Relationship between ..."): the contents list names them.
    ("city-council/member-officer-relations", 0, "nothing"),
    // The title block's "Part: 8" line, the closing date line and a
    // quotation set in under its clause.
    (
        "north-northamptonshire/member-officer-protocol",
        0,
        "nothing",
    ),
    // "Adopted at the Full Council Meeting held on ..." under the title.
    ("parish-council/member-officer-relations", 0, "nothing"),
    // A sub-heading set out from the clause's hanging text before it.
    (
        "unnamed-council/code-of-conduct-member-officer-relations",
        0,
        "nothing",
    ),
    // Tables aside: in pdftotext's layout text their columns run together
    // ("Licensing Manager Where no ..."), so each table is kept as text
    // and said to be doubtful; every difference is in a table's rows, or
    // the clause the table follows.
    (
        "example-borough/contract-procedure-rules-2024",
        12,
        "its table's rows, and the clause above it read as a heading",
    ),
    (
        "example-borough/contract-procedure-rules-2025",
        11,
        "its table's rows, and the clause above it",
    ),
    (
        "example-borough/scheme-of-delegation-2024",
        12,
        "its table's rows",
    ),
    (
        "example-borough/scheme-of-delegation-2025",
        14,
        "its table's rows",
    ),
];

/// Imports `text` with clerk and returns the Markdown it wrote.
fn import_back(dir: &Path, text: &Path) -> String {
    let imported = text.with_extension("md");
    let run = clerk_in(
        dir,
        &[
            "import",
            text.to_str().unwrap(),
            "-o",
            imported.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}: {}", text.display(), stderr(&run));
    std::fs::read_to_string(&imported).unwrap()
}

/// How many substantive edits the tracked changes from `source` to the
/// Markdown imported beside `text` hold.
fn substantive_differences(dir: &Path, source: &Path, text: &Path) -> usize {
    let imported = text.with_extension("md");
    let diff = clerk_in(
        dir,
        &[
            "diff",
            source.to_str().unwrap(),
            imported.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&diff.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {}", text.display(), stderr(&diff)));
    json["summary"]["edits"]["substantive"]
        .as_u64()
        .unwrap_or(0) as usize
}

/// The document at `source` written as `format` to `out`: the tracked
/// changes from it to itself, so the whole document with none marked.
fn document_as(dir: &Path, source: &Path, format: &str, out: &Path) {
    let source = source.to_str().unwrap();
    let made = clerk_in(
        dir,
        &[
            "diff",
            source,
            source,
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(out.exists(), "{}", stderr(&made));
}

/// The text as councils' tools also save it (a byte-order mark and CRLF
/// line endings; Windows-1252 where every character has a place in it;
/// non-breaking spaces after full stops) imports to exactly what the text
/// itself does.
fn same_from_every_variant(dir: &Path, text: &Path, expected: &str) {
    let plain = std::fs::read_to_string(text).unwrap();
    let plain = plain.trim_start_matches('\u{feff}');
    let mut variants: Vec<(&str, Vec<u8>)> = vec![
        (
            "bom-crlf",
            format!("\u{feff}{}", plain.replace('\n', "\r\n")).into_bytes(),
        ),
        ("nbsp", plain.replace(". ", ".\u{a0}").into_bytes()),
    ];
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(plain);
    if !unmappable {
        variants.push(("cp1252", cp1252.into_owned()));
    }
    for (name, bytes) in variants {
        let variant = text.with_file_name(format!(
            "{}-{name}.txt",
            text.file_stem().unwrap().to_string_lossy()
        ));
        std::fs::write(&variant, bytes).unwrap();
        let back = import_back(dir, &variant);
        assert_eq!(
            back,
            expected,
            "{}: the {name} variant imports otherwise",
            text.display()
        );
    }
}

/// The depth of every list item, in order.
fn list_depths(markdown: &str) -> Vec<usize> {
    markdown
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .map(|l| (l.len() - l.trim_start().len()) / 2)
        .collect()
}

/// A front-matter line's value, as written.
fn field(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")).map(str::to_string))
}

#[test]
fn every_bundled_protocol_comes_back_from_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = clerk_in(
        dir.path(),
        &[
            "build",
            "--protocols",
            root.join("protocols").to_str().unwrap(),
            "--out",
            "site",
            "--format",
            "pdf",
        ],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let mut report = Vec::new();
    for (id, allowed, remaining) in PROTOCOLS {
        let pdf = dir.path().join("site").join(format!("{id}.pdf"));
        let text = dir.path().join(format!("{}.txt", id.replace('/', "_")));
        let extracted = Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg(&text)
            .status()
            .expect("pdftotext (poppler-utils) runs");
        assert!(extracted.success());
        let back = import_back(dir.path(), &text);
        let source_path = root.join("protocols").join(format!("{id}.md"));
        let source = std::fs::read_to_string(&source_path).unwrap();
        for key in ["title", "version", "section"] {
            assert_eq!(
                field(&back, key),
                field(&source, key),
                "{id}: {key}\n{back}"
            );
        }
        // Every list item comes back at its depth, in order.
        assert_eq!(
            list_depths(&back),
            list_depths(&source),
            "{id}: list nesting\n{back}"
        );

        let substantive = substantive_differences(dir.path(), &source_path, &text);
        report.push(format!(
            "{id}: {substantive} substantive (at most {allowed}: {remaining})"
        ));
        assert!(
            substantive <= *allowed,
            "{id}: {substantive} substantive differences after the round trip, more than {allowed}\n{back}"
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// Each bundled protocol, with the substantive differences a Word file of
/// it may still show when imported back (none may be added).
const DIRECT: &[(&str, usize)] = &[
    ("bury/member-officer-relations-2020", 0),
    ("bury/member-officer-relations-2023", 0),
    ("city-council/member-officer-relations", 0),
    ("north-northamptonshire/member-officer-protocol", 0),
    ("parish-council/member-officer-relations", 0),
    (
        "unnamed-council/code-of-conduct-member-officer-relations",
        0,
    ),
    // Tables (a clause's, with its caption, and a section's), clauses
    // of several paragraphs, rules three levels deep.
    ("example-borough/contract-procedure-rules-2024", 0),
    ("example-borough/contract-procedure-rules-2025", 0),
    ("example-borough/scheme-of-delegation-2024", 0),
    ("example-borough/scheme-of-delegation-2025", 0),
];

/// The third route: the Word file itself, read by clerk (heading styles,
/// and Word's numbering computed to the labels and nesting it shows).
/// What still differs is listed; a Word file with tracked changes is
/// refused unless they are to be taken as accepted, and then it reads as
/// the revised text.
#[test]
fn every_bundled_protocol_comes_back_from_its_word_file_read_directly() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (id, allowed) in DIRECT {
        let source = root.join("protocols").join(format!("{id}.md"));
        let word = dir.path().join(format!("{}.docx", id.replace('/', "_")));
        document_as(dir.path(), &source, "docx", &word);
        let back = import_back(dir.path(), &word);
        let original = std::fs::read_to_string(&source).unwrap();
        assert_eq!(field(&back, "title"), field(&original, "title"), "{id}");
        if *allowed == 0 {
            assert_eq!(
                list_depths(&back),
                list_depths(&original),
                "{id}: list nesting\n{back}"
            );
        }
        let substantive = substantive_differences(dir.path(), &source, &word);
        assert!(
            substantive <= *allowed,
            "{id}: {substantive} substantive differences from its Word file, more than {allowed}\n{back}"
        );
    }

    let old = root.join("protocols/bury/member-officer-relations-2020.md");
    let new = root.join("protocols/bury/member-officer-relations-2023.md");
    let tracked = dir.path().join("tracked.docx");
    let made = clerk_in(
        dir.path(),
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            tracked.to_str().unwrap(),
        ],
    );
    assert!(tracked.exists(), "{}", stderr(&made));
    let refused = clerk_in(dir.path(), &["import", "tracked.docx"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("holds tracked changes"),
        "{}",
        stderr(&refused)
    );
    let accepted = clerk_in(
        dir.path(),
        &[
            "import",
            "tracked.docx",
            "--accept-changes",
            "-o",
            "tracked.md",
        ],
    );
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    // Accepted, it says what the revised version says (a paragraph whose
    // mark was deleted in Word comes back as two: spacing, not words).
    assert_eq!(
        substantive_differences(dir.path(), &new, &dir.path().join("tracked.txt")),
        0
    );
}

/// `clerk import protocol.pdf` runs the same `pdftotext -layout` route
/// itself, and says how to get poppler when it is missing; a Word 97-2003
/// file, or a broken one, is refused with what to do instead.
#[test]
fn a_pdf_is_imported_through_pdftotext_and_an_old_or_broken_word_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("protocols/parish-council/member-officer-relations.md");
    let pdf = dir.path().join("protocol.pdf");
    document_as(dir.path(), &source, "pdf", &pdf);
    let text = dir.path().join("protocol.txt");
    assert!(
        Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg(&text)
            .status()
            .unwrap()
            .success()
    );
    let from_text = clerk_in(dir.path(), &["import", "protocol.txt"]);
    let from_pdf = clerk_in(dir.path(), &["import", "protocol.pdf"]);
    assert!(from_pdf.status.success(), "{}", stderr(&from_pdf));
    assert_eq!(from_pdf.stdout, from_text.stdout);
    assert!(stderr(&from_pdf).contains("text extracted with `pdftotext -layout`"));

    let without = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["import", "protocol.pdf"])
        .current_dir(dir.path())
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert!(!without.status.success());
    assert!(
        stderr(&without).contains("apt install poppler-utils"),
        "{}",
        stderr(&without)
    );

    std::fs::write(
        dir.path().join("protocol.doc"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1],
    )
    .unwrap();
    let word = clerk_in(dir.path(), &["import", "protocol.doc"]);
    assert!(!word.status.success());
    assert!(
        stderr(&word).contains("save it from Word as Word Document (.docx)"),
        "{}",
        stderr(&word)
    );
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not a zip").unwrap();
    let broken = clerk_in(dir.path(), &["import", "broken.docx"]);
    assert!(!broken.status.success());
    assert!(
        stderr(&broken).contains("broken.docx: not a Word file"),
        "{}",
        stderr(&broken)
    );
}

/// The second route councils use: the document as a Word file (clerk's
/// own, with no revisions), saved as plain text by LibreOffice, a paragraph
/// to a line with no blank lines, and imported back. The title comes back,
/// and the differences stay within what is listed: mostly lettered items,
/// which clerk's Word file sets as text with a hanging indent, not as a list.
const THROUGH_WORD: &[(&str, usize)] = &[
    ("bury/member-officer-relations-2020", 8),
    ("bury/member-officer-relations-2023", 2),
    ("city-council/member-officer-relations", 36),
    ("north-northamptonshire/member-officer-protocol", 2),
    ("parish-council/member-officer-relations", 16),
    (
        "unnamed-council/code-of-conduct-member-officer-relations",
        3,
    ),
];

#[test]
fn every_bundled_protocol_comes_back_from_libreoffice_text_of_its_word_file() {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is missing; CI must provide it (apt-get install libreoffice-writer-nogui)"
        );
        eprintln!("skipping: LibreOffice is missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (id, _) in THROUGH_WORD {
        let source = root.join("protocols").join(format!("{id}.md"));
        let word = dir.path().join(format!("{}.docx", id.replace('/', "_")));
        document_as(dir.path(), &source, "docx", &word);
        files.push(word);
    }
    let profile = dir.path().join("profile");
    let converted = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(dir.path())
        .args(&files)
        .output()
        .unwrap();
    assert!(converted.status.success(), "{}", stderr(&converted));
    for ((id, allowed), word) in THROUGH_WORD.iter().zip(&files) {
        let text = word.with_extension("txt");
        let back = import_back(dir.path(), &text);
        same_from_every_variant(dir.path(), &text, &back);
        let source = root.join("protocols").join(format!("{id}.md"));
        assert_eq!(
            field(&back, "title"),
            field(&std::fs::read_to_string(&source).unwrap(), "title"),
            "{id}\n{back}"
        );
        let substantive = substantive_differences(dir.path(), &source, &text);
        assert!(
            substantive <= *allowed,
            "{id}: {substantive} substantive differences through Word, more than {allowed}\n{back}"
        );
    }
}

/// Word files LibreOffice wrote: each bundled protocol's Word file saved
/// again by LibreOffice (its own styles, lists and tables), and, for the
/// documents numbered in order from 1, the same with every section and
/// clause number taken out of the text and numbered again by LibreOffice's
/// outline numbering linked to the paragraph styles (`tests/word/
/// number_by_styles.py`), as councils' Word files number their headings.
/// Both import back as clerk's own Word file does; the style-numbered ones
/// with every number in its place.
#[test]
fn every_bundled_protocol_comes_back_from_a_word_file_libreoffice_wrote() {
    let python = "/usr/bin/python3";
    let has_uno = Command::new(python)
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    if Command::new("soffice").arg("--version").output().is_err() || !has_uno {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice with Python UNO is missing; CI must provide it (apt-get install libreoffice-writer-nogui python3-uno)"
        );
        eprintln!("skipping: LibreOffice with Python UNO is missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (id, _) in DIRECT {
        let source = root.join("protocols").join(format!("{id}.md"));
        let word = dir.path().join(format!("{}.docx", id.replace('/', "_")));
        document_as(dir.path(), &source, "docx", &word);
        files.push(word);
    }
    let (saved, numbered) = (dir.path().join("saved"), dir.path().join("numbered"));
    std::fs::create_dir_all(&saved).unwrap();
    std::fs::create_dir_all(&numbered).unwrap();
    let converted = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&saved)
        .args(&files)
        .output()
        .unwrap();
    assert!(converted.status.success(), "{}", stderr(&converted));
    // Numbered in order from 1, so an outline list can number them.
    let in_order = [
        "example-borough/contract-procedure-rules-2024",
        "example-borough/contract-procedure-rules-2025",
        "example-borough/scheme-of-delegation-2024",
        "example-borough/scheme-of-delegation-2025",
        "unnamed-council/code-of-conduct-member-officer-relations",
    ];
    let renumbered = Command::new(python)
        .arg(root.join("tests/word/number_by_styles.py"))
        .arg(&numbered)
        .args(
            DIRECT
                .iter()
                .zip(&files)
                .filter(|((id, _), _)| in_order.contains(id))
                .map(|(_, file)| file),
        )
        .output()
        .unwrap();
    assert!(renumbered.status.success(), "{}", stderr(&renumbered));
    for ((id, allowed), file) in DIRECT.iter().zip(&files) {
        let source = root.join("protocols").join(format!("{id}.md"));
        let name = file.file_name().unwrap();
        let mut routes = vec![(saved.join(name), *allowed)];
        if in_order.contains(id) {
            routes.push((numbered.join(name), 0));
        }
        for (word, allowed) in routes {
            let back = import_back(dir.path(), &word);
            assert_eq!(
                field(&back, "title"),
                field(&std::fs::read_to_string(&source).unwrap(), "title"),
                "{}",
                word.display()
            );
            let substantive = substantive_differences(dir.path(), &source, &word);
            assert!(
                substantive <= allowed,
                "{}: {substantive} substantive differences, more than {allowed}\n{back}",
                word.display()
            );
            if allowed == 0 {
                // Every section and clause number is in its place.
                let imported = word.with_extension("md");
                let diff = clerk_in(
                    dir.path(),
                    &[
                        "diff",
                        source.to_str().unwrap(),
                        imported.to_str().unwrap(),
                        "--format",
                        "json",
                    ],
                );
                let json: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
                let units = &json["summary"]["units"];
                assert!(
                    units["renumbered"].is_null() && units["edited"].is_null(),
                    "{}: {units}\n{back}",
                    word.display()
                );
            }
        }
    }
}
