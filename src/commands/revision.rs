//! `clerk new revision FILE`: the next version of a document, as a draft
//! that supersedes it, beside it in its council's folder. The version it
//! starts from is not touched. With `--to-model`, a document adopted from
//! a model is brought up to the model's new release.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::NewRevisionArgs;
use crate::commands::project::check_paths;
use crate::diagnostic::render_human;
use crate::diff::upgrade::{Side, Upgrade, upgrade};
use crate::model::adoption::{model_of, model_reference};
use crate::model::{Council, Document, id_problem, newer_versions};
use crate::site::write::Destination;
use crate::source::load::{Project, Target, classify, load};
use crate::source::parse_document;
use crate::source::revise::{next_version, start_revision, with_model};

pub fn new_revision(args: &NewRevisionArgs) -> Result<u8, Error> {
    let Target::Document(file) = classify(&args.file)? else {
        return Err(Error::new(format!(
            "{}: give the one document to revise, such as protocols/bury/member-officer-relations-2023.md",
            args.file.display()
        )));
    };
    let folder = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    // A model may be another council's: read them all.
    let project = match &args.to_model {
        Some(_) => {
            // The folder's real parent, whatever `..` the path takes.
            let council = folder.canonicalize().unwrap_or_else(|_| folder.clone());
            let protocols = council.parent().unwrap_or(Path::new("."));
            load(&Target::Protocols(protocols.to_path_buf()))?
        }
        None => load(&Target::Council(folder.clone()))?,
    };
    let files = project.document_files();
    let wanted = file.canonicalize().unwrap_or_else(|_| file.clone());
    let found = project.councils.iter().find_map(|council| {
        council.documents.iter().find_map(|document| {
            let source = files.get(&(council.id.as_str(), document.id.as_str()))?;
            (source
                .path
                .canonicalize()
                .unwrap_or_else(|_| source.path.clone())
                == wanted)
                .then_some((council, document, source))
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
    let mut text = start_revision(&source.text, &document.id, &version)?;
    let mut conflicts = 0;
    if let Some(to_model) = &args.to_model {
        let upgrade = upgrade_to(&project, council, document, &source.text, to_model)
            .map_err(|e| Error::new(format!("{}: {}", file.display(), e.message)))?;
        text = with_model(&text, &upgrade.reference, &upgrade.merged.body)?;
        for step in &upgrade.merged.steps {
            let here = match &step.here {
                Some(here) => format!(" (here {here})"),
                None => String::new(),
            };
            eprintln!(
                "{:<9} {}{here}: {}",
                step.outcome.name(),
                step.provision,
                step.detail
            );
        }
        conflicts = upgrade.merged.conflicts();
    }
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
    if conflicts > 0 {
        eprintln!(
            "{conflicts} conflict(s) between the council's variations and the model's release are marked in {} with a quotation each: resolve them, then `clerk check`",
            path.display()
        );
    }
    Ok(if outcome.has_errors() || conflicts > 0 {
        1
    } else {
        0
    })
}

/// A document's text merged with its model's new release.
struct ModelUpgrade {
    /// The new release, as `model = ...` names it.
    reference: String,
    merged: Upgrade,
}

/// `document` (whose source is `source`) brought up to the model release
/// `to_model` names: a reference such as `models/model-code-2025`, or its file.
fn upgrade_to(
    project: &Project,
    council: &Council,
    document: &Document,
    source: &str,
    to_model: &str,
) -> Result<ModelUpgrade, Error> {
    let Some(named) = &document.front_matter.model else {
        return Err(Error::new(format!(
            "`{}` names no model, so there is no release to bring it up to\nhelp: add `model = \"council/document\"` to its front matter, naming the model version it was adopted from",
            document.id
        )));
    };
    let Some((owner, old_model)) = model_of(&project.councils, council, document) else {
        return Err(Error::new(format!(
            "`{}` names the model `{}`, which is not a document clerk has read\nhelp: run `clerk check` to see why",
            document.id,
            named.get_ref()
        )));
    };
    // A file's path, or a reference as `model = ...` writes it.
    let (new_owner, new_id) = match to_model.strip_suffix(".md") {
        Some(path) => {
            let path = Path::new(path);
            let id = path
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let owner = path
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|s| s.to_str())
                .unwrap_or(owner.id.as_str());
            (owner, id)
        }
        None => model_reference(to_model, &council.id),
    };
    let new_model = project
        .councils
        .iter()
        .find(|c| c.id == new_owner)
        .and_then(|c| c.document(new_id))
        .filter(|_| new_owner == owner.id);
    let Some(new_model) = new_model.filter(|m| {
        newer_versions(owner, old_model)
            .iter()
            .any(|newer| newer.id == m.id)
    }) else {
        let releases: Vec<String> = newer_versions(owner, old_model)
            .iter()
            .map(|d| format!("`{}/{}`", owner.id, d.id))
            .collect();
        return Err(Error::new(format!(
            "`{to_model}` is not a later release of the model `{}/{}`\nhelp: {}",
            owner.id,
            old_model.id,
            match releases.is_empty() {
                true => "the model has no later version yet".to_string(),
                false => format!("its later releases are {}", releases.join(", ")),
            }
        )));
    };
    let files = project.document_files();
    let source_of = |council: &str, id: &str| {
        files
            .get(&(council, id))
            .map(|f| f.text.as_str())
            .ok_or_else(|| Error::new(format!("the source of `{council}/{id}` was not read")))
    };
    let side = |document, source| Side { document, source };
    let merged = upgrade(
        side(old_model, source_of(&owner.id, &old_model.id)?),
        side(new_model, source_of(&owner.id, &new_model.id)?),
        side(document, source),
        &new_model.front_matter.provisions.options,
    );
    let reference = match named.get_ref().contains('/') {
        true => format!("{}/{}", owner.id, new_model.id),
        false => new_model.id.clone(),
    };
    Ok(ModelUpgrade { reference, merged })
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
