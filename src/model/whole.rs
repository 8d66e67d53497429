//! The whole constitution on a day: every section in force that day, in
//! the order of the Parts (sections no Part lists after, by id). The
//! tracked changes between two days are made of it, each section's
//! versions compared ([`crate::diff::between`]).

use super::identity::in_force_on;
use super::{Council, Date, Document, lineage};

/// The versions of `council` in force on `day`, in the constitution's order.
pub fn in_order(council: &Council, day: Date) -> Vec<&Document> {
    let in_force = in_force_on(council, Some(day));
    let mut ordered: Vec<&Document> = Vec::new();
    for part in &council.parts {
        for listed in &part.documents {
            let family = lineage(council, listed);
            if let Some(version) = in_force.iter().find(|d| family.contains(&d.id))
                && !ordered.iter().any(|o| o.id == version.id)
            {
                ordered.push(version);
            }
        }
    }
    for version in &in_force {
        if !ordered.iter().any(|o| o.id == version.id) {
            ordered.push(version);
        }
    }
    ordered
}

/// A version with nothing in it: what a section not yet made, or no
/// longer in force, is compared with.
pub fn emptied(document: &Document) -> Document {
    Document {
        id: document.id.clone(),
        front_matter: document.front_matter.clone(),
        text_digest: Default::default(),
        preamble: Vec::new(),
        sections: Vec::new(),
    }
}
