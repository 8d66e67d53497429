//! `clerk renumber FILE`: renumbers a document's sections and clauses in
//! order, and rewrites every cross-reference to a renumbered clause, in the
//! document and in the other documents of its council. `--dry-run` prints
//! the tracked changes instead of writing them.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::Error;
use crate::cli::RenumberArgs;
use crate::diagnostic::{Diagnostic, render_human};
use crate::diff::{DiffOptions, diff};
use crate::model::{Standing, standing};
use crate::render::text;
use crate::site::write::Destination;
use crate::source::load::{Target, classify, load};
use crate::source::parse_document;
use crate::source::renumber::{Reference, apply_edits, prose_references, references, renumber};
use crate::source::revise::{log_correction, renumber_reasons};

pub fn run(args: &RenumberArgs) -> Result<u8, Error> {
    let Target::Document(file) = classify(&args.file)? else {
        return Err(Error::new(format!(
            "{}: give one document to renumber, such as protocols/bury/member-officer-relations-2023.md",
            args.file.display()
        )));
    };
    let project = load(&Target::Document(file.clone()))?;
    if let Some(d) = project.diagnostics.iter().find(|d| d.is_error()) {
        let source = d.path.as_deref().and_then(|p| project.source_of(p));
        anstream::eprintln!("{}", render_human(d, source, false));
        eprintln!("nothing changed: fix the errors `clerk check` reports first");
        return Ok(2);
    }
    let files = project.document_files();
    let found = project.councils.iter().find_map(|council| {
        council.documents.iter().find_map(|document| {
            let source = files.get(&(council.id.as_str(), document.id.as_str()))?;
            (source.path == file).then_some((council, document))
        })
    });
    let Some((council, target)) = found else {
        return Err(Error::new(format!(
            "{}: not a document clerk could load",
            file.display()
        )));
    };
    let adopted = |document: &crate::model::Document| {
        !matches!(
            standing(council, document),
            Standing::Draft | Standing::Proposed
        )
    };
    if adopted(target) && !args.correct {
        eprintln!(
            "{}: left alone, version {} is adopted and a record: renumber the next version (`clerk new revision {}` starts it), or correct this one with --correct (logged in its front matter)",
            file.display(),
            target.front_matter.version,
            file.display()
        );
        return Ok(1);
    }
    let renumbering = renumber(target);
    let names: Vec<&str> = std::iter::once(target.front_matter.title.as_str())
        .chain(target.front_matter.known_as.iter().map(String::as_str))
        .collect();
    if !renumbering.changes() {
        eprintln!("{}: numbered in order; nothing to change", file.display());
        return Ok(0);
    }
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut rewrites: Vec<(PathBuf, String)> = Vec::new();
    let mut ambiguous = 0;
    for document in &council.documents {
        let Some(source) = files.get(&(council.id.as_str(), document.id.as_str())) else {
            continue;
        };
        let is_target = document.id == target.id;
        let mut edits = if is_target {
            renumbering.edits.clone()
        } else {
            Vec::new()
        };
        let mut cited = 0;
        let mut found = references(document, &source.text, &target.id, &renumbering);
        if !is_target {
            found.extend(prose_references(&source.text, &names, &renumbering));
        }
        for reference in found {
            match reference {
                Reference::Rewritten(span, text) => {
                    edits.push((span, text));
                    cited += 1;
                }
                Reference::Ambiguous { span, number } => {
                    ambiguous += 1;
                    let warning = Diagnostic::warning(
                        "renumber",
                        format!(
                            "a reference to {number}, a number two clauses had, is left as it is"
                        ),
                    )
                    .with_span(span)
                    .with_path(&source.path)
                    .with_help("see which clause it means, and change it by hand");
                    anstream::eprintln!("{}\n", render_human(&warning, Some(&source.text), false));
                }
            }
        }
        if edits.is_empty() {
            continue;
        }
        // A faithful copy of another published document is not rewritten to fit this one.
        let faithful = !document.front_matter.check.allow.is_empty();
        if faithful && !is_target {
            eprintln!(
                "{}: left alone, a faithful copy; {} to renumbered clauses",
                source.path.display(),
                plural(cited, "reference")
            );
            continue;
        }
        if adopted(document) && !is_target && !args.correct {
            eprintln!(
                "{}: left alone, an adopted version is a record; {} to renumbered clauses (--correct rewrites them, logged)",
                source.path.display(),
                plural(cited, "reference")
            );
            continue;
        }
        let fixed = apply_edits(&source.text, &edits);
        // The reasons for its changes follow the clauses they were written for.
        let fixed = match is_target {
            true => {
                let (fixed, ambiguous) = renumber_reasons(&fixed, &renumbering)?;
                for key in ambiguous {
                    eprintln!(
                        "{}: the reason keyed \"{key}\" is left as it is: two clauses were numbered {key}; key it by the number of the clause it is for",
                        source.path.display()
                    );
                }
                fixed
            }
            false => fixed,
        };
        let revised = parse_document(&document.id, &fixed)
            .map_err(|d| {
                Error::new(format!(
                    "{}: renumbering would break the document, so nothing was written: {}",
                    source.path.display(),
                    d.message
                ))
            })?
            .document;
        if args.dry_run {
            let changes = diff(document, &revised, &DiffOptions::default());
            let text = text::text(&changes, colour);
            crate::site::write::write_stdout(
                format!("{}\n{text}\n", source.path.display()).as_bytes(),
            )?;
        } else {
            let numbers = if is_target {
                renumbering.edits.len()
            } else {
                0
            };
            eprintln!(
                "{}: {} renumbered, {} rewritten",
                source.path.display(),
                plural(numbers, "number"),
                plural(cited, "reference")
            );
        }
        let fixed = match adopted(document) {
            true => {
                let what = match is_target {
                    true => format!(
                        "renumbered in order: {}",
                        plural(renumbering.edits.len(), "number")
                    ),
                    false => format!(
                        "{} to `{}` follow its renumbering",
                        plural(cited, "reference"),
                        target.id
                    ),
                };
                log_correction(&fixed, super::today()?, &what)?
            }
            false => fixed,
        };
        rewrites.push((source.path.clone(), fixed));
    }
    if args.dry_run {
        eprintln!(
            "would rewrite {}{}; run again without --dry-run to make the changes",
            plural(rewrites.len(), "file"),
            match ambiguous {
                0 => String::new(),
                n => format!(" ({} left for you)", plural(n, "ambiguous reference")),
            }
        );
        return Ok(1);
    }
    // Every file is checked before any is written.
    let destinations = rewrites
        .iter()
        .map(|(path, _)| Destination::source(path, project.root.as_deref()))
        .collect::<Result<Vec<_>, Error>>()?;
    for (destination, (_, text)) in destinations.iter().zip(&rewrites) {
        destination.write(text.as_bytes())?;
    }
    Ok(0)
}

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}
