//! `clerk diff`: tracked changes between two versions of a document.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use std::io::Read;

use super::refuse_binary_on_terminal;
use crate::Error;
use crate::cli::{DiffArgs, IgnoreClass};
use crate::diagnostic::render_human;
use crate::diff::words::{ChangeClass, WordOptions};
use crate::diff::{ChangeSet, DiffOptions, diff};
use crate::model::Document;
use crate::model::front_matter::FrontMatter;
use crate::render::present::visible_controls;
use crate::render::{Format, docx, html, pdf, text};
use crate::site::write::{Destination, write_stdout};
use crate::source::load::MAX_SOURCE_BYTES;
use crate::source::parse_document;

pub fn run(args: &DiffArgs) -> Result<u8, Error> {
    let destination = match &args.output {
        Some(output) => Some(Destination::output(
            output,
            args.force,
            &[&args.old, &args.new],
        )?),
        None => None,
    };
    // Text for a terminal or a text file shows a source's control characters.
    let visible = matches!(args.format, Format::Text | Format::Markdown);
    let old = read_document(&args.old, visible)?;
    let new = read_document(&args.new, visible)?;
    let options = DiffOptions {
        words: WordOptions {
            coalesce_words: args.coalesce,
            time_limit: Duration::from_millis(args.time_limit_ms),
            ..WordOptions::default()
        },
        ignore: args
            .ignore
            .iter()
            .map(|c| match c {
                IgnoreClass::Case => ChangeClass::Capitalisation,
                IgnoreClass::Whitespace => ChangeClass::Whitespace,
                IgnoreClass::Punctuation => ChangeClass::Punctuation,
            })
            .collect(),
    };
    let changes = diff(&old, &new, &options);
    if args.output.is_none() {
        refuse_binary_on_terminal(args.format)?;
    }
    let bytes = render(&changes, &new.front_matter, args)?;
    match &destination {
        Some(destination) => destination.write(&bytes)?,
        None => write_stdout(&bytes)?,
    }
    Ok(if changes.has_changes() { 1 } else { 0 })
}

fn render(changes: &ChangeSet, revised: &FrontMatter, args: &DiffArgs) -> Result<Vec<u8>, Error> {
    Ok(match args.format {
        Format::Json => text::json(changes).into_bytes(),
        Format::Markdown => text::critic_markup(changes).into_bytes(),
        Format::Text => {
            let colour = args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            text::text(changes, colour).into_bytes()
        }
        Format::Html => html::standalone_changes_page(changes)?.into_bytes(),
        Format::Pdf => pdf::changes_pdf(changes, None, &pdf::PdfOptions::default())?,
        Format::Docx => {
            let mut options = docx::DocxOptions::revised(revised);
            if let Some(name) = council_name(&args.new) {
                options.author = name.clone();
                options.council = name;
            }
            options.date = options.date.or(args.date);
            docx::changes_docx(changes, &options)?
        }
    })
}

/// The name of the council whose folder holds `document` (its
/// `council.toml`), to attribute revisions to; none when there is no
/// readable one.
fn council_name(document: &Path) -> Option<String> {
    let folder = document.parent()?;
    let text = std::fs::read_to_string(folder.join("council.toml")).ok()?;
    crate::source::council::parse_council(&text)
        .ok()
        .map(|c| c.name)
        .filter(|name| !name.trim().is_empty())
}

/// Reads and parses one version; a parse error names file, line and column.
/// With `visible`, control characters are replaced by their pictures first.
fn read_document(path: &Path, visible: bool) -> Result<Document, Error> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, "cannot read", &e))?
        .len();
    if size > MAX_SOURCE_BYTES {
        return Err(Error::new(format!(
            "{}: the file is {:.1} MB; clerk compares documents of up to 16 MB",
            path.display(),
            size as f64 / 1e6
        )));
    }
    // A device or a pipe says nothing of its size: read no more than the limit.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, "cannot read", &e))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Error::new(format!(
            "{}: more than 16 MB; clerk compares documents of up to 16 MB",
            path.display()
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "{}: not UTF-8 text (first bad byte at offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = if visible {
        visible_controls(&text.replace("\r\n", "\n")).into_owned()
    } else {
        text
    };
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_document(&id, &text)
        .map(|parsed| parsed.document)
        .map_err(|d| Error::new(render_human(&d.with_path(path), Some(&text), false)))
}
