//! `clerk import`: extracted text to protocol Markdown, with a summary on stderr.

use std::fs;

use crate::Error;
use crate::cli::ImportArgs;
use crate::import::{ImportOptions, ImportSummary, decode_text, import_text_with};
use crate::site::write::{Destination, write_stdout};

pub fn run(args: &ImportArgs) -> Result<u8, Error> {
    let bytes = read_bytes(&args.file)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(format!(
            "{}: the file is empty: there is nothing to import\nhelp: check it is the file you meant, saved from Word or exported as PDF",
            shown(&args.file)
        )));
    }
    let bytes = match Original::of(&bytes) {
        Original::Text if looks_binary(&bytes) => {
            return Err(Error::new(format!(
                "{}: neither a Word file (.docx), a PDF nor text: clerk cannot import it\nhelp: open it in the program that made it and save it as a Word document (.docx) or a PDF",
                shown(&args.file)
            )));
        }
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
    eprint!("{}", describe(&shown(&args.file), &imported.summary));
    if let Some(path) = &args.output {
        next_steps(path, &args.council);
    }
    Ok(0)
}

/// A path for a message: its control characters shown as pictures, so a
/// file name cannot rewrite the terminal.
fn shown(path: &std::path::Path) -> String {
    crate::render::present::visible_controls(&path.display().to_string()).into_owned()
}

/// The file's bytes, no more than 16 MB: a device or a pipe that never
/// ends is cut off at the limit and refused, never read into memory whole.
fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let limit = crate::source::load::MAX_SOURCE_BYTES;
    let file = fs::File::open(path).map_err(|e| Error::io(path, "cannot read", &e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read", &e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::new(format!(
            "{}: more than {} MB; clerk imports files of up to that\nhelp: import each Part of the constitution from a file of its own",
            shown(path),
            limit / 1_000_000
        )));
    }
    Ok(bytes)
}

/// Whether bytes that are neither Word nor PDF hold binary data: a NUL
/// byte, or one control character in ten, in their first 8 kB (a stray
/// escape in a text is shown, not refused).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let odd = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || odd * 10 > head.len()
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
    if word.merged_cells > 0 {
        eprintln!(
            "{}: {} merged table cells: a merged cell's text is in its first cell, the cells it covers come in empty; check the tables against the original",
            shown(file),
            word.merged_cells
        );
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
    use std::io::Read;
    // A name that starts with `-` would be read as an option.
    let path = match file.is_absolute() {
        true => file.to_path_buf(),
        false => std::path::Path::new(".").join(file),
    };
    let mut child = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::new(format!(
                "{}: a PDF; clerk reads PDFs with poppler's `pdftotext`, which is not installed\nhelp: install poppler (Debian and Ubuntu: `apt install poppler-utils`; macOS: `brew install poppler`), or extract the text yourself with `pdftotext -layout` and import that",
                file.display()
            )),
            _ => Error::new(format!("{}: cannot run pdftotext: {e}", file.display())),
        })?;
    // What it says on stderr is read beside its text, so neither pipe
    // fills and stops it; only the first 64 kB is kept.
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut errors = String::new();
        if let Some(mut err) = stderr {
            let _ = (&mut err).take(64 * 1024).read_to_string(&mut errors);
            let _ = std::io::copy(&mut err, &mut std::io::sink());
        }
        errors
    });
    // Its text is read no further than the limit: past it, pdftotext is stopped.
    let limit = crate::source::load::MAX_SOURCE_BYTES;
    let mut text = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|out| out.take(limit + 1).read_to_end(&mut text));
    if text.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::new(format!(
            "{}: pdftotext wrote more than {} MB of text; clerk imports up to that",
            shown(file),
            limit / 1_000_000
        )));
    }
    let status = child
        .wait()
        .map_err(|e| Error::new(format!("{}: cannot run pdftotext: {e}", file.display())))?;
    let errors = errors.join().unwrap_or_default();
    if !status.success() || read.is_some_and(|r| r.is_err()) {
        return Err(Error::new(format!(
            "{}: pdftotext could not read it: {}",
            shown(file),
            crate::render::present::visible_controls(errors.trim())
        )));
    }
    // A scanned PDF: pages of pictures, with no text to read.
    if text.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0c) {
        return Err(Error::new(format!(
            "{}: the PDF has no text, only pictures of pages (a scan?): there is nothing to import\nhelp: give it a text layer with OCR first, such as `ocrmypdf {} with-text.pdf`, check the recognised text, and import that",
            shown(file),
            shown(file)
        )));
    }
    eprintln!(
        "{}: text extracted with `pdftotext -layout`; the line numbers below are that text's",
        file.display()
    );
    Ok(text)
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
        "imported {file}: \"{}\": {} headings, {} clauses, {} items, {} paragraphs, {} tables of {} rows; {} broken lines re-joined, {} run-on clauses split\n",
        crate::render::present::visible_controls(summary.title.as_deref().unwrap_or("")),
        summary.headings,
        summary.clauses,
        summary.items,
        summary.paragraphs,
        summary.tables,
        summary.table_rows,
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
    for doubt in &summary.doubts {
        out.push_str(&format!("  the structure may be wrong: {doubt}\n"));
    }
    if summary.unclassified.is_empty() && summary.doubts.is_empty() {
        out.push_str("every line was classified\n");
    } else if summary.unclassified.is_empty() {
        out.push_str("every line was classified, but the structure needs checking (above)\n");
    } else {
        out.push_str(&format!(
            "{} lines could not be classified:\n",
            summary.unclassified.len()
        ));
        for line in &summary.unclassified {
            out.push_str(&format!(
                "  line {}: `{}`: {}\n",
                line.line,
                crate::render::present::visible_controls(&line.text),
                line.action
            ));
        }
    }
    out
}
