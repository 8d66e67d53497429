//! `clerk build`: check every council, render the site, swap it into the
//! output directory. A failed check or render leaves the output as it was.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::Error;
use crate::cli::BuildArgs;
use crate::commands::project::{Tally, check_each, outcome_line};
use crate::diagnostic::{Diagnostic, did_you_mean, render_human};
use crate::render::html::templates;
use crate::render::pdf::PdfOptions;
use crate::site::publish::is_within;
use crate::site::{BuildOptions, CouncilInput, PublishedCouncil, SiteBuild};
use crate::source::load::{SourceFile, classify, council_ids};
use crate::source::templates::load_overrides;

pub fn run(args: &BuildArgs) -> Result<u8, Error> {
    let started = Instant::now();
    refuse_unsafe_output(&args.out, &args.protocols)?;
    crate::site::publish::recover(&args.out)?;
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
    let all = council_ids(&classify(&args.protocols)?)?;
    let selected = select(&all, args.council.as_deref())?;
    let ids: Vec<&str> = selected.iter().map(String::as_str).collect();
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
        sources: Default::default(),
    };
    let progress = Progress::start(std::io::stdout().is_terminal());
    progress.say("checking, rendering and writing the site");
    // Each council is checked, then published and let go, several at once
    // on other threads: the build holds a few councils at a time, however
    // many there are. The output is taken when the first council is ready,
    // and published only once every council is, with no error anywhere.
    let failed = AtomicBool::new(false);
    let site: OnceLock<Result<SiteBuild<'_>, Error>> = OnceLock::new();
    let checked = check_each(&args.protocols, today, |mut checked| {
        let errors: Vec<Stopped> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| Stopped::new(d, checked.source_of_diagnostic(d)))
            .collect();
        let tally = checked.tally();
        if !errors.is_empty() {
            failed.store(true, Ordering::SeqCst);
        }
        if failed.load(Ordering::SeqCst) || checked.councils.is_empty() {
            return Ok(CouncilDone {
                tally,
                errors,
                published: None,
            });
        }
        for council in &mut checked.councils {
            council.as_at = Some(as_at);
        }
        let id = checked.councils[0].id.clone();
        let sources = source_digests(&id, &checked.files, &args.protocols, &overrides);
        // The sources as read are not needed past their digests.
        drop(std::mem::take(&mut checked.files));
        let site = site
            .get_or_init(|| SiteBuild::begin(&args.out, &overrides, &options))
            .as_ref()
            .map_err(Error::clone)?;
        let published = site.add_council(CouncilInput {
            council: &checked.councils[0],
            councils: &checked.councils,
            sources: &sources,
            known: std::mem::take(&mut checked.report_changes),
        })?;
        Ok(CouncilDone {
            tally,
            errors,
            published: Some(published),
        })
    });
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => {
            progress.finish();
            return Err(error);
        }
    };
    let mut tally = Tally::of(&checked.diagnostics, 0, 0, 0);
    let mut errors: Vec<Stopped> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| Stopped::new(d, None))
        .collect();
    let mut published = Vec::new();
    for council in checked.councils {
        tally = tally + council.tally;
        errors.extend(council.errors);
        published.extend(council.published);
    }
    if !errors.is_empty() {
        progress.finish();
        errors.sort_by(|a, b| a.order.cmp(&b.order));
        for error in &errors {
            anstream::eprintln!("{}\n", error.shown);
        }
        eprintln!("{}", outcome_line(tally));
        eprintln!(
            "build stopped: fix the errors above; {} was left as it was",
            args.out.display()
        );
        return Ok(1);
    }
    let site = match site.into_inner() {
        Some(site) => site?,
        // No council at all: the site's own files alone.
        None => SiteBuild::begin(&args.out, &overrides, &options)?,
    };
    let built = site.finish(published);
    progress.finish();
    let built = built?;
    for (path, why) in &built.withheld {
        eprintln!(
            "warning: {} was not published: {why}; the pages that would link to it do not",
            args.out.join(path).display()
        );
    }
    let warnings = tally.warnings + tally.notes;
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
    Ok(0)
}

/// What the build made of one council: its tally, its errors ready to
/// print, and, if it was published, what the site's own files need of it.
struct CouncilDone {
    tally: Tally,
    errors: Vec<Stopped>,
    published: Option<PublishedCouncil>,
}

/// An error that stops the build, shown with its source while the
/// council's files are at hand, and where it sorts among the others.
struct Stopped {
    order: (Option<PathBuf>, Option<usize>, &'static str),
    shown: String,
}

impl Stopped {
    fn new(diagnostic: &Diagnostic, source: Option<&str>) -> Stopped {
        Stopped {
            order: (
                diagnostic.path.clone(),
                diagnostic.span.map(|s| s.start),
                diagnostic.code,
            ),
            shown: render_human(diagnostic, source, false),
        }
    }
}

/// The SHA-256 of every source a council's pages are built from, by its
/// path under the protocols directory: its `council.toml`, documents and
/// reports as read, and the templates of `council`.
pub fn source_digests(
    council: &str,
    files: &[SourceFile],
    protocols: &Path,
    overrides: &templates::Overrides,
) -> BTreeMap<PathBuf, String> {
    use crate::model::identity::sha256_hex;
    use rayon::prelude::*;
    let mut digests: BTreeMap<PathBuf, String> = files
        .par_iter()
        .filter_map(|file| {
            let relative = file.path.strip_prefix(protocols).ok()?;
            Some((relative.to_path_buf(), sha256_hex(file.text.as_bytes())))
        })
        .collect();
    for (name, text) in overrides.by_council.get(council).into_iter().flatten() {
        let path = Path::new(council).join("templates").join(name);
        digests.insert(path, sha256_hex(text.as_bytes()));
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

/// The councils to build: every one, or the one `--council` names.
fn select(councils: &[String], wanted: Option<&str>) -> Result<Vec<String>, Error> {
    let Some(wanted) = wanted else {
        return Ok(councils.to_vec());
    };
    if councils.iter().any(|id| id == wanted) {
        return Ok(vec![wanted.to_string()]);
    }
    let hint = match did_you_mean(wanted, councils.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("councils are: {}", councils.join(", ")),
    };
    Err(Error::new(format!(
        "no council `{wanted}` in the sources: {hint}"
    )))
}
