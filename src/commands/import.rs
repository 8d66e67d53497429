//! `clerk import`: extracted text to protocol Markdown, with a summary on stderr.

use std::fs;

use crate::Error;
use crate::cli::ImportArgs;
use crate::import::{ImportOptions, ImportSummary, decode_text, import_text_with};
use crate::site::write::{Destination, write_stdout};

pub fn run(args: &ImportArgs) -> Result<u8, Error> {
    let size = fs::metadata(&args.file)
        .map_err(|e| Error::io(&args.file, "cannot read", &e))?
        .len();
    if size > crate::source::load::MAX_SOURCE_BYTES {
        return Err(Error::new(format!(
            "{}: the file is {:.1} MB; clerk imports text of up to 16 MB",
            args.file.display(),
            size as f64 / 1e6
        )));
    }
    let bytes = fs::read(&args.file).map_err(|e| Error::io(&args.file, "cannot read", &e))?;
    let bytes = match Original::of(&bytes) {
        Original::Text => bytes,
        Original::Pdf => pdf_text(&args.file)?,
        Original::Word => word_text(&args.file, &bytes, args.accept_changes)?,
        Original::OldWord => {
            return Err(Error::new(format!(
                "{}: a Word 97-2003 file (.doc); clerk reads .docx: save it from Word as Word Document (.docx), or run `soffice --headless --convert-to docx {}`, and import that",
                args.file.display(),
                args.file.display()
            )));
        }
    };
    let decoded = decode_text(&bytes);
    let options = ImportOptions {
        title_case: args.title_case,
    };
    let imported = import_text_with(&decoded.text, &args.council, &options);
    match &args.output {
        Some(path) => {
            let destination = Destination::output(path, args.force, &[&args.file])?;
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, "cannot create", &e))?;
            }
            destination.write(imported.markdown.as_bytes())?;
        }
        None => write_stdout(imported.markdown.as_bytes())?,
    }
    if decoded.encoding != "UTF-8" {
        eprintln!(
            "{}: not UTF-8; read as {}",
            args.file.display(),
            decoded.encoding
        );
    }
    eprint!(
        "{}",
        describe(&args.file.display().to_string(), &imported.summary)
    );
    if let Some(path) = &args.output {
        next_steps(path, &args.council);
    }
    Ok(0)
}

/// What kind of file was given, by its first bytes.
enum Original {
    Text,
    Pdf,
    Word,
    OldWord,
}

impl Original {
    fn of(bytes: &[u8]) -> Original {
        if bytes.starts_with(b"%PDF-") {
            Original::Pdf
        } else if bytes.starts_with(b"PK\x03\x04") {
            Original::Word
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Original::OldWord
        } else {
            Original::Text
        }
    }
}

/// The text of a Word file as the importer reads it, its numbering
/// computed; refused while it holds tracked changes, unless they are to be
/// taken as accepted.
fn word_text(file: &std::path::Path, bytes: &[u8], accept_changes: bool) -> Result<Vec<u8>, Error> {
    let word = crate::import::docx::read_docx(bytes)
        .map_err(|e| Error::new(format!("{}: {e}", file.display())))?;
    if word.tracked_changes && !accept_changes {
        return Err(Error::new(format!(
            "{}: the Word file holds tracked changes, so what it says is not settled\nhelp: accept or reject them in Word (Review > Accept > Accept All Changes) and save, or pass --accept-changes to import it as if every change were accepted",
            file.display()
        )));
    }
    eprintln!(
        "{}: read from Word: {} paragraphs, {} numbered by Word (their labels computed as Word shows them){}; the line numbers below are those of that text",
        file.display(),
        word.paragraphs,
        word.numbered,
        if word.tracked_changes {
            ", every tracked change taken as accepted"
        } else {
            ""
        }
    );
    Ok(word.text.into_bytes())
}

/// The text of a PDF as `pdftotext -layout` extracts it (poppler), which
/// keeps the page breaks and indentation the importer reads.
fn pdf_text(file: &std::path::Path) -> Result<Vec<u8>, Error> {
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(file)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::new(format!(
                "{}: a PDF; clerk reads PDFs with poppler's `pdftotext`, which is not installed\nhelp: install poppler (Debian and Ubuntu: `apt install poppler-utils`; macOS: `brew install poppler`), or extract the text yourself with `pdftotext -layout` and import that",
                file.display()
            )),
            _ => Error::new(format!("{}: cannot run pdftotext: {e}", file.display())),
        })?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "{}: pdftotext could not read it: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    eprintln!(
        "{}: text extracted with `pdftotext -layout`; the line numbers below are that text's",
        file.display()
    );
    Ok(output.stdout)
}

/// What to do after writing `path`: set up its council if its folder has
/// no `council.toml`, then check it.
fn next_steps(path: &std::path::Path, council: &str) {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let named = folder.file_name().is_some_and(|name| name == council);
    if !folder.join("council.toml").is_file() && !named {
        eprintln!(
            "next: clerk publishes a council's documents from protocols/{council}/: import there with `-o protocols/{council}/{}`",
            path.file_name()
                .map_or("protocol.md".into(), |n| n.to_string_lossy())
        );
    } else if !folder.join("council.toml").is_file() {
        let protocols = folder
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        eprintln!(
            "next: {} has no council.toml; set the council up with `clerk new council {council} --name \"...\" --protocols {}`",
            folder.display(),
            protocols.display()
        );
    }
    eprintln!(
        "next: review {} against the original, fill in its front matter, and run `clerk check {}`",
        path.display(),
        path.display()
    );
}

/// The summary printed after an import.
pub fn describe(file: &str, summary: &ImportSummary) -> String {
    let mut out = format!(
        "imported {file}: \"{}\": {} headings, {} clauses, {} items, {} paragraphs; {} broken lines re-joined, {} run-on clauses split\n",
        summary.title.as_deref().unwrap_or(""),
        summary.headings,
        summary.clauses,
        summary.items,
        summary.paragraphs,
        summary.joined_lines,
        summary.split_clauses,
    );
    if !summary.page_furniture.is_empty() {
        let lines: Vec<String> = summary
            .page_furniture
            .iter()
            .map(usize::to_string)
            .collect();
        out.push_str(&format!(
            "dropped {} page header, footer or number line{} (lines {})\n",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ));
    }
    for note in &summary.front_matter {
        out.push_str(&format!("  title block: {note}\n"));
    }
    for guess in &summary.guesses {
        out.push_str(&format!("  line {}: {}\n", guess.line, guess.decided));
    }
    let guessed = summary.guesses.len();
    if guessed > 0 {
        out.push_str(&format!(
            "{guessed} decision{} above {} a guess; check {} against the original\n",
            if guessed == 1 { "" } else { "s" },
            if guessed == 1 { "was" } else { "were" },
            if guessed == 1 { "it" } else { "them" },
        ));
    }
    if summary.unclassified.is_empty() {
        out.push_str("every line was classified\n");
    } else {
        out.push_str(&format!(
            "{} lines could not be classified:\n",
            summary.unclassified.len()
        ));
        for line in &summary.unclassified {
            out.push_str(&format!(
                "  line {}: `{}`: {}\n",
                line.line, line.text, line.action
            ));
        }
    }
    out
}
