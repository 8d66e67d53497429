//! `clerk diff`: tracked changes between two versions of a document.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use super::refuse_binary_on_terminal;
use crate::Error;
use crate::cli::{DiffArgs, IgnoreClass};
use crate::diagnostic::render_human;
use crate::diff::between::between;
use crate::diff::sets::ChangeSets;
use crate::diff::words::{ChangeClass, WordOptions};
use crate::diff::{ChangeSet, DiffOptions, diff};
use crate::model::front_matter::FrontMatter;
use crate::model::whole::in_order;
use crate::model::{Date, Document};
use crate::render::html::templates::{self, Overrides};
use crate::render::present::visible_controls;
use crate::render::{Format, docx, html, pdf, text};
use crate::site::write::{Destination, write_stdout};
use crate::source::load::{council_beside, read_source};
use crate::source::parse_document;
use crate::source::templates::load_council_templates;

pub fn run(args: &DiffArgs) -> Result<u8, Error> {
    // Text for a terminal or a text file shows a source's control characters.
    let visible = matches!(args.format, Format::Text | Format::Markdown);
    let destination = match &args.output {
        Some(output) => {
            let mut inputs = vec![args.old.as_path()];
            inputs.extend(args.new.as_deref());
            Some(Destination::output(output, args.force, &inputs)?)
        }
        None => None,
    };
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
    let (changes, revised, beside) = match (&args.new, args.as_at.as_slice()) {
        (Some(new), []) => {
            let old = read_document(&args.old, visible)?;
            let new_document = read_document(new, visible)?;
            let changes = diff(&old, &new_document, &options);
            (changes, new_document.front_matter, new.clone())
        }
        (None, [from, to]) => {
            let (changes, revised) = whole_council(&args.old, *from, *to, &options)?;
            (changes, revised, args.old.join("council.toml"))
        }
        _ => {
            return Err(Error::new(
                "give two versions (clerk diff OLD NEW), or a council folder and two days (clerk diff COUNCIL --as-at 2024-01-01 --as-at 2026-01-01)",
            ));
        }
    };
    if args.output.is_none() {
        refuse_binary_on_terminal(args.format)?;
    }
    let bytes = render(&changes, &revised, &beside, args)?;
    match &destination {
        Some(destination) => destination.write(&bytes)?,
        None => write_stdout(&bytes)?,
    }
    Ok(if changes.has_changes() { 1 } else { 0 })
}

/// `beside` is a path in the council's folder: its templates and name are used.
fn render(
    changes: &ChangeSet,
    revised: &FrontMatter,
    beside: &Path,
    args: &DiffArgs,
) -> Result<Vec<u8>, Error> {
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
            let council = council_beside(beside);
            let mut overrides = Overrides::default();
            if let Some((id, _)) = &council
                && let Some(parent) = beside.parent()
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
            if let Some(name) = council_beside(beside)
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

/// The tracked changes of the whole constitution of the council in
/// `folder` from one day to another, and the front matter the Word
/// revisions are dated by (the day of the second): its sources must pass
/// `clerk check` first.
fn whole_council(
    folder: &Path,
    from: Date,
    to: Date,
    options: &DiffOptions,
) -> Result<(ChangeSet, FrontMatter), Error> {
    use crate::source::load::{Target, classify, load};
    let target = classify(folder)?;
    if !matches!(target, Target::Council(_)) {
        return Err(Error::new(format!(
            "{}: with --as-at, give one council's folder (the folder holding council.toml)",
            folder.display()
        )));
    }
    let project = load(&target)?;
    if let Some(error) = project.diagnostics.iter().find(|d| d.is_error()) {
        let path = error.path.clone().unwrap_or_else(|| folder.to_path_buf());
        let source = project.source_of(&path);
        return Err(Error::new(format!(
            "{}\nrun `clerk check {}` and fix its errors first",
            render_human(error, source, false),
            folder.display()
        )));
    }
    let council = project
        .councils
        .first()
        .ok_or_else(|| Error::new(format!("{}: no council found", folder.display())))?;
    let changes = between(council, from, to, &ChangeSets::default(), options);
    let mut revised = in_order(council, to)
        .first()
        .copied()
        .or(council.documents.first())
        .map(|d| d.front_matter.clone())
        .ok_or_else(|| {
            Error::new(format!(
                "{}: the council has no documents",
                folder.display()
            ))
        })?;
    revised.title = changes.new.title.clone();
    revised.version = changes.new.version.clone();
    revised.effective = Some(to);
    revised.adopted = None;
    revised.approved_by = None;
    Ok((changes, revised))
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
