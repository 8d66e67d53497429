//! `clerk apply-terms`: replaces the terms a council has retired with the
//! current ones, in the documents in force or on their way. A dry run (the
//! tracked changes it would make) unless `--write`.

use std::io::IsTerminal;

use crate::Error;
use crate::cli::ApplyTermsArgs;
use crate::diagnostic::render_human;
use crate::diff::{DiffOptions, diff};
use crate::model::{Standing, standing, successor_on_its_way};
use crate::render::text;
use crate::site::write::Destination;
use crate::source::fix::{Replaced, replace_retired_terms};
use crate::source::load::{Target, classify, load};
use crate::source::parse_document;
use crate::source::revise::log_correction;

pub fn run(args: &ApplyTermsArgs) -> Result<u8, Error> {
    let target = classify(&args.path)?;
    let project = load(&target)?;
    if let Some(d) = project.diagnostics.iter().find(|d| d.is_error()) {
        let source = d.path.as_deref().and_then(|p| project.source_of(p));
        anstream::eprintln!("{}", render_human(d, source, false));
        eprintln!("nothing changed: fix the errors `clerk check` reports first");
        return Ok(2);
    }
    let named = match &target {
        Target::Document(file) => Some(file.clone()),
        _ => None,
    };
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let files = project.document_files();
    let (mut documents, mut replacements) = (0, 0);
    for council in &project.councils {
        if council.retired_terms.is_empty() {
            continue;
        }
        for document in &council.documents {
            let Some(file) = files.get(&(council.id.as_str(), document.id.as_str())) else {
                continue;
            };
            if named.as_ref().is_some_and(|n| *n != file.path) {
                continue;
            }
            let path = file.path.display();
            let adopted = match standing(council, document) {
                Standing::Replaced => {
                    eprintln!("{path}: left alone, a version no longer in force is a record");
                    continue;
                }
                Standing::InForce | Standing::InForceFrom(_) | Standing::AwaitingCommencement => {
                    true
                }
                Standing::Draft | Standing::Proposed => false,
            };
            if adopted && !args.correct {
                let on_its_way = successor_on_its_way(council, document);
                if !replace_retired_terms(&file.text, &council.retired_terms)
                    .1
                    .is_empty()
                {
                    match on_its_way {
                        Some(next) => eprintln!(
                            "{path}: left alone, the version adopted is a record; the change is made in version {} (`{}`)",
                            next.front_matter.version, next.id
                        ),
                        None => eprintln!(
                            "{path}: left alone, the version adopted is a record: start the next one with `clerk new revision {path}`, or correct this one with --correct (logged in its front matter)"
                        ),
                    }
                }
                continue;
            }
            let faithful = document
                .front_matter
                .check
                .allow
                .iter()
                .any(|a| a.get_ref() == "retired-term");
            if faithful && named.is_none() {
                eprintln!(
                    "{path}: left alone, a faithful copy (`[check] allow = [\"retired-term\"]`); name the file to change it"
                );
                continue;
            }
            let (fixed, replaced) = replace_retired_terms(&file.text, &council.retired_terms);
            if replaced.is_empty() {
                continue;
            }
            // The fixed text must still be a document: never write one that is not.
            let revised = parse_document(&document.id, &fixed)
                .map_err(|d| {
                    Error::new(format!(
                        "{path}: the replacements would break the document, so nothing was written: {}",
                        d.message
                    ))
                })?
                .document;
            documents += 1;
            replacements += replaced.len();
            if args.write {
                let fixed = match adopted {
                    true => log_correction(&fixed, super::today()?, &described(&replaced))?,
                    false => fixed,
                };
                Destination::source(&file.path, project.root.as_deref())?
                    .write(fixed.as_bytes())?;
                eprintln!(
                    "{path}: {} replaced{}",
                    plural(replaced.len(), "term"),
                    if adopted {
                        ", the correction logged in its front matter"
                    } else {
                        ""
                    }
                );
            } else {
                let changes = diff(document, &revised, &DiffOptions::default());
                let text = text::text(&changes, colour);
                crate::site::write::write_stdout(format!("{path}\n{text}\n").as_bytes())?;
            }
        }
    }
    if args.write {
        eprintln!(
            "replaced {} in {}",
            plural(replacements, "retired term"),
            plural(documents, "document")
        );
        return Ok(0);
    }
    eprintln!(
        "would replace {} in {}{}",
        plural(replacements, "retired term"),
        plural(documents, "document"),
        if replacements > 0 {
            "; run again with --write to make the changes"
        } else {
            ""
        }
    );
    Ok(if replacements > 0 { 1 } else { 0 })
}

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

/// The replacements made, for the correction log: "retired terms replaced:
/// “Executive” → “Cabinet” (3), “Finance Officer” → “Section 151 Officer" (1)".
fn described(replaced: &[Replaced]) -> String {
    let mut counts: Vec<(&str, &str, usize)> = Vec::new();
    for r in replaced {
        match counts.iter_mut().find(|(old, new, _)| {
            old.eq_ignore_ascii_case(&r.old) && new.eq_ignore_ascii_case(&r.new)
        }) {
            Some((_, _, n)) => *n += 1,
            None => counts.push((&r.old, &r.new, 1)),
        }
    }
    let list: Vec<String> = counts
        .iter()
        .map(|(old, new, n)| format!("“{old}” → “{new}” ({n})"))
        .collect();
    format!("retired terms replaced: {}", list.join(", "))
}
