//! What the search page and the search index both say of a council: which
//! Part holds a document, which versions are one document, and the values
//! of the search's filters.

use crate::model::{Council, Date, Document, lineage};

/// The filter of versions: those in force now (the default).
pub const VERSIONS_NOW: &str = "now";
/// The filter of versions: those in force now and those on their way
/// (drafts, proposals, and versions adopted but not yet in force).
pub const VERSIONS_PROPOSED: &str = "proposed";
/// The filter of versions: every version, past ones included.
pub const VERSIONS_ALL: &str = "all";

/// The filter of versions in force on an edition's day.
pub fn versions_as_at(date: Date) -> String {
    format!("as-at-{date}")
}

/// The index in `council.parts` of the Part that lists `document` by the
/// id of any of its versions.
pub fn part_of(council: &Council, document: &Document) -> Option<usize> {
    let versions = lineage(council, &document.id);
    council
        .parts
        .iter()
        .position(|p| versions.iter().any(|v| p.documents.contains(v)))
}

/// The index in `council.documents` of `document`'s newest version: every
/// version of one document has the same.
pub fn family_of(council: &Council, document: &Document) -> usize {
    let position = |id: &str| council.documents.iter().position(|d| d.id == id);
    lineage(council, &document.id)
        .last()
        .and_then(|newest| position(newest))
        .or_else(|| position(&document.id))
        .unwrap_or(0)
}
