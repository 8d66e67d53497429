//! `clerk import`: extracted text to protocol Markdown, with a summary on stderr.

use std::fs;

use crate::Error;
use crate::cli::ImportArgs;
use crate::import::{ImportSummary, decode_text, import_text};

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
    let decoded = decode_text(&bytes);
    let imported = import_text(&decoded.text, &args.council);
    match &args.output {
        Some(path) => {
            if path.exists() && !args.force {
                return Err(Error::new(format!(
                    "{} already exists; pass --force to overwrite it",
                    path.display()
                )));
            }
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, "cannot create", &e))?;
            }
            crate::site::publish::write_atomic(path, imported.markdown.as_bytes())?;
        }
        None => crate::site::publish::write_stdout(imported.markdown.as_bytes())?,
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
