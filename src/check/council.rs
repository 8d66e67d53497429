//! Council-level lints: `supersedes`, the council key, the contents order.

use std::collections::HashSet;

use crate::check::Finding;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{Council, Document};
use crate::model::{Status, id_problem, span_of};

pub fn check(council: &Council) -> Vec<Finding> {
    let mut out = Vec::new();
    for document in &council.documents {
        let mut add = |d: Diagnostic| {
            out.push(Finding {
                near: None,
                document: Some(document.id.clone()),
                diagnostic: d,
            })
        };
        if let Some(d) = council_key(council, document) {
            add(d);
        }
        if let Some(d) = supersedes(council, document) {
            add(d);
        }
    }
    out.extend(contents(council));
    out.extend(names(council));
    out
}

/// Names that would overwrite another output file.
fn names(council: &Council) -> Vec<Finding> {
    let mut out = Vec::new();
    let reserved = [
        "index",
        "constitution",
        "style",
        "editions",
        "change-log",
        "search",
    ];
    // Each name in lower case, and the name as written that first took it.
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let ids = council
        .documents
        .iter()
        .map(|d| (d.id.as_str(), true))
        .chain(council.reports.iter().map(|r| (r.id.as_str(), false)));
    for (id, is_document) in ids {
        let problem = if let Some(problem) = id_problem(id) {
            Some(problem)
        } else if reserved.contains(&id) || id.ends_with("-changes") || id.starts_with("as-at-") {
            Some(format!("`{id}` is a name clerk uses for its own pages"))
        } else {
            seen.get(&id.to_lowercase()).map(|other| {
                format!("`{id}` and `{other}` differ only in case, so their pages would collide")
            })
        };
        seen.entry(id.to_lowercase()).or_insert(id);
        if let Some(message) = problem {
            out.push(Finding {
                near: None,
                document: is_document.then(|| id.to_string()),
                diagnostic: Diagnostic::error("document-name", message)
                    .with_help("rename the file, for example with the year of the version: `member-officer-relations-2023.md`"),
            });
        }
    }
    out
}

/// Names the site's own files take at the top of the output, beside the
/// council folders.
pub const RESERVED_COUNCIL_NAMES: [&str; 4] =
    ["index.html", "style.css", "search.js", "manifest.json"];

/// Council folder names the site cannot publish: names no link can carry,
/// the site's own files, and names that differ only in case (one folder on
/// the file systems of Windows and macOS). Each finding is about the
/// council named first.
pub fn council_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<(String, Diagnostic)> {
    let mut out = Vec::new();
    // Each name seen so far, lowercased, with its first spelling.
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for id in ids {
        let folded = id.to_lowercase();
        let problem = if let Some(problem) = id_problem(id) {
            Some(problem)
        } else if RESERVED_COUNCIL_NAMES.contains(&id) {
            Some(format!(
                "`{id}` is the name of a file clerk writes beside the council folders"
            ))
        } else {
            seen.get(&folded).map(|other| {
                format!("the council folders `{id}` and `{other}` differ only in case, so their pages would collide")
            })
        };
        seen.entry(folded).or_insert(id);
        if let Some(message) = problem {
            out.push((
                id.to_string(),
                Diagnostic::error("council-name", message).with_help(
                    "rename the council's folder with letters, digits and hyphens, for example `bury` or `north-northamptonshire`",
                ),
            ));
        }
    }
    out
}

fn council_key(council: &Council, document: &Document) -> Option<Diagnostic> {
    let named = &document.front_matter.council;
    if *named == council.id || council.parts.is_empty() && council.documents.len() == 1 {
        return None;
    }
    Some(
        Diagnostic::error(
            "council-mismatch",
            format!(
                "front matter says council `{named}` but the file is in `{}`",
                council.id
            ),
        )
        .with_help(format!(
            "set `council = \"{}\"`, or move the file to protocols/{named}/",
            council.id
        )),
    )
}

/// `supersedes` must name another document of the council, without a cycle.
fn supersedes(council: &Council, document: &Document) -> Option<Diagnostic> {
    let target = document.front_matter.supersedes.as_ref()?;
    let error = |message: String, help: String| {
        Some(
            Diagnostic::error("supersedes", message)
                .with_span(span_of(target))
                .with_help(help),
        )
    };
    let id = target.get_ref();
    if id == &document.id {
        return error(
            "a document cannot supersede itself".to_string(),
            "name the document this version revises".to_string(),
        );
    }
    if council.document(id).is_none() {
        let ids = council
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .filter(|d| *d != document.id);
        let hint = match did_you_mean(id, ids) {
            Some(best) => {
                format!("did you mean `{best}`? Name the document by its file name without `.md`")
            }
            None => {
                "name the document this version revises by its file name without `.md`".to_string()
            }
        };
        return error(
            format!("`supersedes` names `{id}`, which is not a document of this council"),
            hint,
        );
    }
    let mut seen = HashSet::from([document.id.as_str()]);
    let mut next = council.document(id);
    while let Some(d) = next {
        if !seen.insert(d.id.as_str()) {
            return error(
                format!("`supersedes` goes round in a cycle through `{}`", d.id),
                "each version should supersede an older one, ending at the first version"
                    .to_string(),
            );
        }
        next = d
            .front_matter
            .supersedes
            .as_ref()
            .and_then(|s| council.document(s.get_ref()));
    }
    None
}

/// Parts must list existing documents; every current document should be listed.
fn contents(council: &Council) -> Vec<Finding> {
    let mut out = Vec::new();
    if council.parts.is_empty() {
        return out;
    }
    let ids: Vec<&str> = council.documents.iter().map(|d| d.id.as_str()).collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    let listed: HashSet<&str> = council
        .parts
        .iter()
        .flat_map(|p| p.documents.iter().map(String::as_str))
        .collect();
    // Each listed document and the title of the part that first lists it.
    let mut first_listed: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut seen = std::collections::HashMap::new();
    for part in &council.parts {
        for id in &part.documents {
            let listed_at = crate::check::listing(id, &mut seen);
            if let Some(first) = first_listed.get(id.as_str()) {
                let place = if *first == part.title {
                    "again in the same part".to_string()
                } else {
                    format!("in the part \"{first}\" too")
                };
                out.push(Finding {
                    near: listed_at.clone(),
                    document: None,
                    diagnostic: Diagnostic::error(
                        "listed-twice",
                        format!(
                            "the part \"{}\" lists `{id}`, which is listed {place}",
                            part.title
                        ),
                    )
                    .with_help("list each document once, in the part it belongs to"),
                });
                continue;
            }
            first_listed.insert(id.as_str(), part.title.as_str());
            if !known.contains(id.as_str()) {
                let hint = match did_you_mean(id, ids.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "list documents by their file name without `.md`".to_string(),
                };
                out.push(Finding {
                    near: listed_at.clone(),
                    document: None,
                    diagnostic: Diagnostic::error(
                        "unknown-document",
                        format!(
                            "the part \"{}\" lists `{id}`, which is not a document of this council",
                            part.title
                        ),
                    )
                    .with_help(hint),
                });
            }
        }
    }
    for document in &council.documents {
        if listed.contains(document.id.as_str()) || in_listed_lineage(council, document, &listed) {
            continue;
        }
        // Superseded versions, drafts and proposals are not listed: clerk
        // shows the last two apart, marked not in force.
        if document.front_matter.status != Status::Adopted {
            continue;
        }
        out.push(Finding {
            near: None,
            document: Some(document.id.clone()),
            diagnostic: Diagnostic::note(
                "not-in-contents",
                format!(
                    "`{}` is not listed in any part of council.toml",
                    document.id
                ),
            )
            .with_help(
                "add it to a part's `documents` so it appears in the constitution's contents",
            ),
        });
    }
    out
}

/// Whether a listed document is a newer or older version of this one.
fn in_listed_lineage(council: &Council, document: &Document, listed: &HashSet<&str>) -> bool {
    let lineage = crate::model::lineage(council, &document.id);
    lineage.iter().any(|id| listed.contains(id.as_str()))
}
