//! `clerk variations DOC`: the schedule of a document's variations from
//! the model it names.

use std::path::Path;

use crate::Error;
use crate::cli::VariationsArgs;
use crate::diff::variations::schedule;
use crate::model::adoption::model_of;
use crate::render::text::{schedule_json, schedule_text};
use crate::site::write::write_stdout;
use crate::source::load::{Target, load};

pub fn run(args: &VariationsArgs) -> Result<u8, Error> {
    let file = &args.document;
    let (Some(council_dir), Some(id)) = (file.parent(), file.file_stem()) else {
        return Err(Error::new(format!(
            "{}: give a document's file, in its council's folder",
            file.display()
        )));
    };
    if !file.is_file() {
        return Err(Error::new(format!("{}: no such file", file.display())));
    }
    // The council's folder, and beside it the model's.
    let protocols = council_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let project = load(&Target::Protocols(protocols.to_path_buf()))?;
    let council_id = council_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = id.to_string_lossy();
    let council = project
        .councils
        .iter()
        .find(|c| c.id == council_id)
        .ok_or_else(|| {
            Error::new(format!(
                "{}: its council could not be read; run `clerk check {}`",
                file.display(),
                council_dir.display()
            ))
        })?;
    let document = council.document(&id).ok_or_else(|| {
        Error::new(format!(
            "{}: the document could not be read; run `clerk check {}`",
            file.display(),
            file.display()
        ))
    })?;
    let Some(reference) = &document.front_matter.model else {
        return Err(Error::new(format!(
            "{}: names no model; add `model = \"<council>/<model document>\"` to its front matter",
            file.display()
        )));
    };
    let (_, model) = model_of(&project.councils, council, document).ok_or_else(|| {
        Error::new(format!(
            "{}: `model` names `{}`, which is not a document in {}",
            file.display(),
            reference.get_ref(),
            protocols.display()
        ))
    })?;
    let schedule = schedule(model, document);
    let text = match args.format.as_str() {
        "json" => schedule_json(&schedule, model, document),
        _ => schedule_text(&schedule, model, document),
    };
    write_stdout(text.as_bytes())?;
    Ok(0)
}
