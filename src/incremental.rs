//! Incremental builds: a key for every output file from the content it is
//! made of, so a build can reuse what an earlier build wrote.
//!
//! A document's pages depend on its own source and on the "interface" of
//! its council: every document's id, front matter and clause and section
//! numbers (cross-references, versions and contents are made from these).
//! Pages that show the whole council (contents, the whole constitution,
//! reports) depend on every source of the council. Everything depends on
//! the binary's version, the templates and the build options.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::model::{Block, Council};
use crate::render::templates::{DEFAULTS, Overrides, STYLESHEET};

/// Output paths (relative to the output directory) and their keys.
pub type Keys = BTreeMap<PathBuf, String>;

fn hex(hasher: DefaultHasher) -> String {
    format!("{:016x}", hasher.finish())
}

/// The keys of every file a build of `councils` writes. `sources` gives
/// the text of each document and report by (council, id); `options` names
/// the build options that change output (format, date).
pub fn keys(
    councils: &[Council],
    sources: &HashMap<(String, String), String>,
    overrides: &Overrides,
    options: &str,
    version: &str,
) -> Keys {
    let mut base = DefaultHasher::new();
    (version, options, STYLESHEET).hash(&mut base);
    for (name, text) in DEFAULTS {
        (name, text).hash(&mut base);
    }
    let source = |council: &str, id: &str| {
        sources
            .get(&(council.to_string(), id.to_string()))
            .map_or("", String::as_str)
    };
    let mut keys = Keys::new();
    let mut site = base.clone();
    for council in councils {
        let mut theirs = base.clone();
        overrides.by_council.get(&council.id).hash(&mut theirs);
        (
            &council.id,
            &council.name,
            &council.short_name,
            council.documents.len(),
        )
            .hash(&mut site);
        let interface = interface(council, theirs.clone());
        let mut whole = theirs.clone();
        interface.hash(&mut whole);
        for document in &council.documents {
            source(&council.id, &document.id).hash(&mut whole);
        }
        for report in &council.reports {
            source(&council.id, &report.id).hash(&mut whole);
        }
        let whole = hex(whole);
        let dir = PathBuf::from(&council.id);
        for name in ["index.html", "constitution.html", "constitution.pdf"] {
            keys.insert(dir.join(name), whole.clone());
        }
        for report in &council.reports {
            for ext in ["html", "pdf"] {
                keys.insert(dir.join(format!("{}.{ext}", report.id)), whole.clone());
            }
        }
        for document in &council.documents {
            let mut own = DefaultHasher::new();
            (&interface, source(&council.id, &document.id)).hash(&mut own);
            let own_key = hex(own.clone());
            keys.insert(dir.join(format!("{}.html", document.id)), own_key.clone());
            keys.insert(dir.join(format!("{}.pdf", document.id)), own_key);
            if let Some(older) = document.front_matter.supersedes.as_ref() {
                source(&council.id, older.get_ref()).hash(&mut own);
                let changes = hex(own);
                keys.insert(
                    dir.join(format!("{}-changes.html", document.id)),
                    changes.clone(),
                );
                keys.insert(dir.join(format!("{}-changes.pdf", document.id)), changes);
            }
        }
    }
    let site = hex(site);
    keys.insert(PathBuf::from("index.html"), site.clone());
    keys.insert(PathBuf::from("style.css"), site);
    keys
}

/// What other pages can see of a council's documents.
fn interface(council: &Council, mut hasher: DefaultHasher) -> String {
    (&council.name, &council.short_name, &council.branding.colour).hash(&mut hasher);
    for part in &council.parts {
        (&part.number, &part.title, &part.documents).hash(&mut hasher);
    }
    for document in &council.documents {
        document.id.hash(&mut hasher);
        serde_json::to_string(&document.front_matter)
            .unwrap_or_default()
            .hash(&mut hasher);
        for section in &document.sections {
            (&section.id, section.label.as_ref().map(|l| &l.written)).hash(&mut hasher);
            for block in &section.blocks {
                if let Block::Clause(clause) = block {
                    (&clause.id, &clause.label.written).hash(&mut hasher);
                }
            }
        }
        for block in &document.preamble {
            if let Block::Clause(clause) = block {
                (&clause.id, &clause.label.written).hash(&mut hasher);
            }
        }
    }
    hex(hasher)
}

/// The keys file an earlier build left in the output directory.
pub const KEYS_FILE: &str = ".clerk-keys";

/// Reads the keys of the previous build (none if there is no such file).
pub fn read_keys(out: &Path) -> Keys {
    std::fs::read_to_string(out.join(KEYS_FILE))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(key, path)| (PathBuf::from(path), key.to_string()))
        .collect()
}

/// The keys as the text of the keys file.
pub fn keys_text(keys: &Keys) -> String {
    keys.iter()
        .map(|(path, key)| format!("{key} {}\n", path.display()))
        .collect()
}
