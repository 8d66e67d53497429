//! `clerk import` given what it cannot or should not read: each gets a
//! clear error, quickly and in bounded memory, and nothing is written.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{clerk_in, stderr};

/// Runs `clerk import -o out.md -- FILE` in `dir`; the import must end
/// within a few seconds, exit 2, write nothing, and say `expected`.
fn refused(dir: &Path, file: &str, expected: &str) {
    let started = Instant::now();
    let out = clerk_in(dir, &["import", "-o", "out.md", "--", file]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{file}: took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(2), "{file}: {}", stderr(&out));
    assert!(stderr(&out).contains(expected), "{file}: {}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(!dir.join("out.md").exists(), "{file}: wrote a file");
}

/// A Word file of the given parts, as a zip package.
fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    for (name, content) in parts {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
    bytes.into_inner()
}

#[test]
fn a_device_that_never_ends_is_cut_off_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), "/dev/zero", "more than 16 MB");
}

#[test]
fn an_empty_file_and_random_bytes_are_refused_by_their_content() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.docx"), b"").unwrap();
    refused(dir.path(), "empty.docx", "the file is empty");
    // Random bytes: a sequence that holds NUL bytes and control characters.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    std::fs::write(dir.path().join("random.docx"), random).unwrap();
    refused(
        dir.path(),
        "random.docx",
        "neither a Word file (.docx), a PDF nor text",
    );
}

#[test]
fn a_word_part_that_inflates_past_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 40 MB of spaces compress to a few kB.
    let bomb = vec![b' '; 40_000_000];
    let file = docx(&[("word/document.xml", &bomb)]);
    assert!(file.len() < 1_000_000);
    std::fs::write(dir.path().join("bomb.docx"), file).unwrap();
    refused(
        dir.path(),
        "bomb.docx",
        "word/document.xml inflates to more than 16 MB",
    );
}

#[test]
fn absurd_word_numbering_is_held_to_what_word_allows() {
    let dir = tempfile::tempdir().unwrap();
    let numbering = br#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="99999999999"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let document = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Rules</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="99999999999"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>An item numbered absurdly.</w:t></w:r></w:p></w:body></w:document>"#;
    std::fs::write(
        dir.path().join("numbering.docx"),
        docx(&[
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
        ]),
    )
    .unwrap();
    let started = Instant::now();
    let out = clerk_in(dir.path(), &["import", "numbering.docx"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(
        markdown.contains("An item numbered absurdly."),
        "{markdown}"
    );
    // Word starts a list at 32767 at most: a label of some 1,300 letters,
    // not of 165 million.
    assert!(markdown.len() < 20_000, "{} bytes", markdown.len());
}

#[test]
fn a_pdf_named_as_an_option_is_read_as_a_file_and_one_with_no_text_is_refused() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // One page and nothing on it: what a scan is to pdftotext.
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    std::fs::write(dir.path().join("-v"), pdf).unwrap();
    refused(dir.path(), "-v", "the PDF has no text");
    let out = clerk_in(dir.path(), &["import", "-o", "out.md", "--", "-v"]);
    assert!(stderr(&out).contains("ocrmypdf"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("pdftotext version"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn control_characters_in_what_is_read_are_shown_as_pictures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("protocol.txt"),
        "Protocol \u{1b}[2J on Members\n\n1. Roles\n\n1.1 Members decide.\n",
    )
    .unwrap();
    let out = clerk_in(dir.path(), &["import", "protocol.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\u{1b}'), "{}", stderr(&out));
    assert!(stderr(&out).contains('\u{241b}'), "{}", stderr(&out));
}
