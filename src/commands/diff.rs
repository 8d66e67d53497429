//! `clerk diff`: tracked changes between two versions of a document.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use super::refuse_binary_on_terminal;
use crate::Error;
use crate::cli::{DiffArgs, IgnoreClass};
use crate::diagnostic::render_human;
use crate::diff::words::{ChangeClass, WordOptions};
use crate::diff::{ChangeSet, DiffOptions, diff};
use crate::model::Document;
use crate::model::front_matter::FrontMatter;
use crate::render::html::templates::{self, Overrides};
use crate::render::present::visible_controls;
use crate::render::{Format, docx, html, pdf, text};
use crate::site::write::{Destination, write_stdout};
use crate::source::load::{council_beside, read_source};
use crate::source::parse_document;
use crate::source::templates::load_council_templates;

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
    if args.tables {
        let tables = changes.dispositions();
        return Ok(match args.format {
            Format::Json => text::tables_json(changes, &tables).into_bytes(),
            Format::Markdown => text::tables_markdown(changes, &tables).into_bytes(),
            Format::Text => text::tables_text(changes, &tables).into_bytes(),
            Format::Html => {
                let tera = templates::engine(None, &Overrides::default())?;
                html::tables_page(changes, &tables, &tera)?.into_bytes()
            }
            Format::Pdf => pdf::tables_pdf(changes, &tables, &pdf::PdfOptions::default())?,
            Format::Docx => {
                docx::tables_docx(changes, &tables, &docx::DocxOptions::revised(revised))?
            }
        });
    }
    Ok(match args.format {
        Format::Json => text::json(changes).into_bytes(),
        Format::Markdown => text::critic_markup(changes).into_bytes(),
        Format::Text => {
            let colour = args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            text::text(changes, colour).into_bytes()
        }
        Format::Html => {
            // The council's own templates, as its published pages have them.
            let council = council_beside(&args.new);
            let mut overrides = Overrides::default();
            if let Some((id, _)) = &council
                && let Some(parent) = args.new.parent()
                && let Some(own) = load_council_templates(parent, &templates::names())?
            {
                overrides.by_council.insert(id.clone(), own);
            }
            let tera = templates::engine(council.as_ref().map(|(id, _)| id.as_str()), &overrides)?;
            html::standalone_changes_page(changes, &tera)?.into_bytes()
        }
        Format::Pdf => pdf::changes_pdf(changes, None, &pdf::PdfOptions::default())?,
        Format::Docx => {
            let mut options = docx::DocxOptions::revised(revised);
            if let Some(name) = council_beside(&args.new)
                .map(|(_, council)| council.name)
                .filter(|name| !name.trim().is_empty())
            {
                options.author = name.clone();
                options.council = name;
            }
            options.date = options.date.or(args.date);
            options.date_from(Some(super::today()?), "the day the file was made");
            docx::changes_docx(changes, &options)?
        }
    })
}

/// Reads and parses one version; a parse error names file, line and column.
/// With `visible`, control characters are replaced by their pictures first.
fn read_document(path: &Path, visible: bool) -> Result<Document, Error> {
    let text = read_source(path)?;
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
