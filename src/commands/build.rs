//! `clerk build`: check every council, render the site, swap it into the
//! output directory. A failed check or render leaves the output as it was.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Error;
use crate::cli::BuildArgs;
use crate::commands::project::{check_paths, outcome_line};
use crate::diagnostic::{did_you_mean, render_human};
use crate::model::Council;
use crate::render::html::templates;
use crate::render::pdf::PdfOptions;
use crate::site::publish::is_within;
use crate::site::{self, BuildOptions};
use crate::source::templates::load_overrides;

pub fn run(args: &BuildArgs) -> Result<u8, Error> {
    let started = Instant::now();
    refuse_unsafe_output(&args.out, &args.protocols)?;
    crate::site::publish::recover(&args.out)?;
    let mut outcome = check_paths(std::slice::from_ref(&args.protocols))?;
    if outcome.has_errors() {
        for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
            let source = d.path.as_deref().and_then(|p| outcome.project.source_of(p));
            anstream::eprintln!("{}\n", render_human(d, source, false));
        }
        eprintln!("{}", outcome_line(&outcome));
        eprintln!(
            "build stopped: fix the errors above; {} was left as it was",
            args.out.display()
        );
        return Ok(1);
    }
    // The constitution is published as it stands today (or on the day
    // SOURCE_DATE_EPOCH names): versions whose effective date is reached.
    let today = super::today()?;
    let as_at = match &args.as_at {
        Some(text) => crate::model::Date::from_iso(text).ok_or_else(|| {
            Error::new(format!(
                "--as-at `{text}` is not a date: write it as YYYY-MM-DD, such as 2023-05-17"
            ))
        })?,
        None => today,
    };
    for council in &mut outcome.project.councils {
        council.as_at = Some(as_at);
    }
    let councils = &outcome.project.councils;
    let selected = select(councils, args.council.as_deref())?;
    let ids: Vec<&str> = selected.iter().map(|c| c.id.as_str()).collect();
    let overrides = load_overrides(&args.protocols, &ids, &templates::names())?;
    let options = BuildOptions {
        formats: args.format,
        only_council: args.council.clone(),
        fresh: args.fresh,
        force: args.force,
        pdf: PdfOptions {
            date: super::source_date()?,
            ..PdfOptions::default()
        },
        version: std::env::var("CLERK_BUILD_VERSION")
            .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string()),
        sources: source_digests(&outcome.project, &args.protocols, &overrides),
    };
    let progress = Progress::start(std::io::stdout().is_terminal());
    progress.say("rendering and writing the site");
    let known = std::mem::take(&mut outcome.report_changes);
    let built = site::build(councils, &overrides, known, &args.out, &options);
    progress.finish();
    let built = built?;
    for (path, why) in &built.withheld {
        eprintln!(
            "warning: {} was not published: {why}; the pages that would link to it do not",
            args.out.join(path).display()
        );
    }
    let warnings = outcome.diagnostics.len();
    eprintln!(
        "built {} {} into {}: {} pages, {} PDFs and {} Word {} ({} rendered, {} unchanged) in {:.2} s{}",
        selected.len(),
        if selected.len() == 1 {
            "council"
        } else {
            "councils"
        },
        args.out.display(),
        built.pages,
        built.pdfs,
        built.word_files,
        if built.word_files == 1 {
            "file"
        } else {
            "files"
        },
        built.rendered,
        built.reused,
        started.elapsed().as_secs_f64(),
        if warnings > 0 {
            match warnings {
                1 => " (1 warning or note: run `clerk check` to see it)".to_string(),
                n => format!(" ({n} warnings and notes: run `clerk check` to see them)"),
            }
        } else {
            String::new()
        }
    );
    // The process ends here: the model need not be freed piece by piece.
    std::mem::forget(outcome);
    Ok(0)
}

/// The SHA-256 of every source the site is built from, by its path under
/// the protocols directory: each council's `council.toml`, documents and
/// reports as read, and its templates.
fn source_digests(
    project: &crate::source::load::Project,
    protocols: &Path,
    overrides: &templates::Overrides,
) -> std::collections::BTreeMap<PathBuf, String> {
    use crate::model::identity::sha256_hex;
    use rayon::prelude::*;
    let mut digests: std::collections::BTreeMap<PathBuf, String> = project
        .files
        .par_iter()
        .filter_map(|file| {
            let relative = file.path.strip_prefix(protocols).ok()?;
            Some((relative.to_path_buf(), sha256_hex(file.text.as_bytes())))
        })
        .collect();
    for (council, templates) in &overrides.by_council {
        for (name, text) in templates {
            let path = Path::new(council).join("templates").join(name);
            digests.insert(path, sha256_hex(text.as_bytes()));
        }
    }
    digests
}

/// Refuses an output directory that would put sources at risk: one that
/// is or holds the project, the sources or the templates, or that lies
/// inside the sources or the templates.
fn refuse_unsafe_output(out: &Path, protocols: &Path) -> Result<(), Error> {
    let root = match protocols.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let templates = root.join("templates");
    let guarded = [
        (protocols, "the sources in", true),
        (templates.as_path(), "the templates in", true),
        (root.as_path(), "the project in", false),
    ];
    for (dir, what, nor_inside) in guarded {
        if !dir.exists() {
            continue;
        }
        let relation = if is_within(dir, out) {
            "would replace or hold"
        } else if nor_inside && is_within(out, dir) {
            "is inside"
        } else {
            continue;
        };
        return Err(Error::new(format!(
            "the output directory {} {relation} {what} {}: choose an --out of its own, such as {}",
            out.display(),
            dir.display(),
            root.join("output").display()
        )));
    }
    Ok(())
}

/// A spinner with the build's current step, shown only on a terminal and
/// only once the build has run for a second.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn start(terminal: bool) -> Progress {
        if !terminal {
            return Progress { bar: None };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        let style = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        let delayed = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if !delayed.is_finished() {
                delayed.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                delayed.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Progress { bar: Some(bar) }
    }

    fn say(&self, step: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(step);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn select<'a>(councils: &'a [Council], wanted: Option<&str>) -> Result<Vec<&'a Council>, Error> {
    let Some(wanted) = wanted else {
        return Ok(councils.iter().collect());
    };
    match councils.iter().find(|c| c.id == wanted) {
        Some(council) => Ok(vec![council]),
        None => {
            let hint = match did_you_mean(wanted, councils.iter().map(|c| c.id.as_str())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "councils are: {}",
                    councils
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Err(Error::new(format!(
                "no council `{wanted}` in the sources: {hint}"
            )))
        }
    }
}
