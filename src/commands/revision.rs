//! `clerk new revision FILE`: the next version of a document, as a draft
//! that supersedes it, beside it in its council's folder. The version it
//! starts from is not touched.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::NewRevisionArgs;
use crate::commands::project::check_paths;
use crate::diagnostic::render_human;
use crate::model::{Document, id_problem};
use crate::site::write::Destination;
use crate::source::load::{Target, classify, load};
use crate::source::parse_document;
use crate::source::revise::{next_version, start_revision};

pub fn new_revision(args: &NewRevisionArgs) -> Result<u8, Error> {
    let Target::Document(file) = classify(&args.file)? else {
        return Err(Error::new(format!(
            "{}: give the one document to revise, such as protocols/bury/member-officer-relations-2023.md",
            args.file.display()
        )));
    };
    let folder = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let project = load(&Target::Council(folder.clone()))?;
    let files = project.document_files();
    let found = project.councils.iter().find_map(|council| {
        council.documents.iter().find_map(|document| {
            let source = files.get(&(council.id.as_str(), document.id.as_str()))?;
            (source.path == file).then_some((council, document, source))
        })
    });
    let Some((council, document, source)) = found else {
        return Err(Error::new(format!(
            "{}: not a document clerk could load; run `clerk check {}`",
            file.display(),
            file.display()
        )));
    };
    let version = match &args.version {
        Some(version) => version.clone(),
        None => next_version(&document.front_matter.version).ok_or_else(|| {
            Error::new(format!(
                "{}: its version `{}` ends in no number to count on: give the new one with --version",
                file.display(),
                document.front_matter.version
            ))
        })?,
    };
    let today = super::today()?;
    let id = match &args.id {
        Some(id) => id.clone(),
        None => next_id(document, &version, today.year),
    };
    if let Some(problem) = id_problem(&id) {
        return Err(Error::new(format!(
            "{problem}\nhelp: give --id with letters, digits and hyphens, such as `{}-revised`",
            document.id
        )));
    }
    if council.document(&id).is_some() {
        return Err(Error::new(format!(
            "`{id}` is already a document of `{}`: give the new version another id with --id",
            council.id
        )));
    }
    if let Some(next) = crate::model::successor_on_its_way(council, document) {
        eprintln!(
            "note: `{}` already has version {} on its way (`{}`); this makes another draft beside it (revise `{}` instead to build on it)",
            document.id, next.front_matter.version, next.id, next.id
        );
    }
    let path: PathBuf = folder.join(format!("{id}.md"));
    let text = start_revision(&source.text, &document.id, &version)?;
    // What is written must load: never leave a file `clerk check` refuses.
    parse_document(&id, &text).map_err(|d| {
        Error::new(format!(
            "{}: the new version would not load, so nothing was written: {}",
            path.display(),
            d.message
        ))
    })?;
    let inputs: Vec<&Path> = project.files.iter().map(|f| f.path.as_path()).collect();
    Destination::output(&path, false, &inputs)?.write(text.as_bytes())?;
    let outcome = check_paths(std::slice::from_ref(&path))?;
    for d in &outcome.diagnostics {
        let source = d.path.as_deref().and_then(|p| outcome.project.source_of(p));
        anstream::eprintln!("{}\n", render_human(d, source, false));
    }
    eprintln!(
        "wrote {}: version {version}, a draft superseding `{}` (left as it is)\nnext: edit the text, give a reason for each change under [reasons], then `clerk new report --council {} --revised {id}`",
        path.display(),
        document.id,
        folder.display(),
    );
    Ok(if outcome.has_errors() { 1 } else { 0 })
}

/// The id of the version after `document`: its year made `year`
/// ("protocol-2022" → "protocol-2026"), or the new version added
/// ("protocol" → "protocol-v4") when it ends in no earlier year.
fn next_id(document: &Document, version: &str, year: u16) -> String {
    let id = &document.id;
    if let Some((stem, last)) = id.rsplit_once('-')
        && last.len() == 4
        && last.parse::<u16>().is_ok_and(|y| y < year)
    {
        return format!("{stem}-{year}");
    }
    let label: String = version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let label = label.trim_matches('-');
    match label.starts_with('v') {
        true => format!("{id}-{label}"),
        false => format!("{id}-v{label}"),
    }
}
