//! Documents adopted from a model: which model version a document names,
//! and whether the model has a newer version.

use crate::model::{Council, Document, Status, newer_versions};

/// The council and id a `model` reference names: `"models/code-2020"` is
/// the document `code-2020` of the council `models`; a bare id is one of
/// `council`'s own.
pub fn model_reference<'r>(reference: &'r str, council: &'r str) -> (&'r str, &'r str) {
    match reference.split_once('/') {
        Some((council, id)) => (council, id),
        None => (council, reference),
    }
}

/// The model version `document` names, if it names one that exists.
pub fn model_of<'a>(
    councils: &'a [Council],
    council: &Council,
    document: &Document,
) -> Option<(&'a Council, &'a Document)> {
    let reference = document.front_matter.model.as_ref()?;
    let (owner, id) = model_reference(reference.get_ref(), &council.id);
    let owner = councils.iter().find(|c| c.id == owner)?;
    Some((owner, owner.document(id)?))
}

/// The newest release of `model` after it (a version not a draft), if
/// there is one.
pub fn newer_model<'a>(owner: &'a Council, model: &Document) -> Option<&'a Document> {
    newer_versions(owner, model)
        .into_iter()
        .rfind(|d| d.front_matter.status != Status::Draft)
}
