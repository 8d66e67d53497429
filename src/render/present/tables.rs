//! What every format says of the tables of destinations and origins: the
//! two tables, their headings, the sentence that introduces them, and how
//! much of a unit's wording was kept.

use serde::Serialize;

use crate::diff::dispositions::{Disposition, Dispositions};

/// The sentence before the tables.
pub const INTRO: &str = "Every unit of the existing version is in the first table once, with where it went; every unit of the revised version is in the second once, with where it came from. “Wording kept” is the share of its words the other version keeps.";

/// The third column's heading.
pub const KEPT: &str = "Wording kept";

/// One of the two tables, as every format sets it.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// An anchor for it, such as `destinations`.
    pub id: &'static str,
    pub title: &'static str,
    /// The first two columns' headings: the unit's side, what happened.
    pub side: &'static str,
    pub what: &'static str,
    pub rows: Vec<Disposition>,
}

/// The destinations, then the origins.
pub fn tables(dispositions: &Dispositions) -> [Table; 2] {
    [
        Table {
            id: "destinations",
            title: "Destinations",
            side: "Existing",
            what: "Where it went",
            rows: dispositions.destinations.clone(),
        },
        Table {
            id: "origins",
            title: "Origins",
            side: "Revised",
            what: "Where it came from",
            rows: dispositions.origins.clone(),
        },
    ]
}

/// "87%", or "—" for a unit with no counterpart (omitted, new drafting).
pub fn kept(row: &Disposition) -> String {
    match row.counterparts.is_empty() {
        true => "—".to_string(),
        false => format!("{}%", row.kept_percent),
    }
}
