//! `clerk build`: check every council, render the site, swap it into the
//! output directory. A failed check or render leaves the output as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Error;
use crate::cli::{BuildArgs, BuildFormat};
use crate::commands::check::{check_paths, summary};
use crate::diagnostic::{did_you_mean, render_human};
use crate::incremental;
use crate::model::Council;
use crate::output::{Replace, is_within, write_site};
use crate::render::html::{OutputFile, render_site};
use crate::render::pdf::{PdfOptions, council_pdfs, date_from_epoch};
use crate::render::templates::Overrides;

pub fn run(args: &BuildArgs) -> Result<u8, Error> {
    let started = Instant::now();
    if is_within(&args.out, &args.protocols) {
        return Err(Error::new(format!(
            "the output directory {} is inside the sources in {}: choose an --out outside it",
            args.out.display(),
            args.protocols.display()
        )));
    }
    let outcome = check_paths(std::slice::from_ref(&args.protocols))?;
    if outcome.has_errors() {
        for d in outcome.diagnostics.iter().filter(|d| d.is_error()) {
            let source = d.path.as_deref().and_then(|p| outcome.project.source_of(p));
            anstream::eprintln!("{}\n", render_human(d, source, false));
        }
        eprintln!("{}", summary(&outcome));
        eprintln!(
            "build stopped: fix the errors above; {} was left as it was",
            args.out.display()
        );
        return Ok(1);
    }
    let councils = select(&outcome.project.councils, args.council.as_deref())?;
    let overrides = read_overrides(&args.protocols, &councils)?;
    let pdf_options = PdfOptions {
        date: source_date()?,
        ..PdfOptions::default()
    };

    // Files whose inputs are unchanged since the previous build are reused.
    let version = std::env::var("CLERK_BUILD_VERSION")
        .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string());
    let options = format!("{:?} {:?}", args.format, pdf_options.date);
    let keys = incremental::keys(
        &outcome.project.councils,
        &source_texts(&outcome),
        &overrides,
        &options,
        &version,
    );
    let previous = incremental::read_keys(&args.out);
    let unchanged = |path: &Path| {
        previous
            .get(path)
            .is_some_and(|k| keys.get(path) == Some(k))
            && args.out.join(path).is_file()
    };
    let reuse = |path: &Path| !args.fresh && unchanged(path);

    let progress = Progress::start(std::io::stdout().is_terminal());
    progress.say("rendering pages");
    let mut files = match args.format {
        BuildFormat::Pdf => Vec::new(),
        _ => render_site(&outcome.project.councils, &overrides, &reuse)?,
    };
    progress.say("typesetting PDFs");
    if args.format != BuildFormat::Html {
        for council in &councils {
            files.extend(council_pdfs(council, &pdf_options, &reuse)?);
        }
    }
    let rendered = files.len();
    let wanted = |path: &Path| match args.format {
        BuildFormat::All => true,
        BuildFormat::Html => path.extension().is_none_or(|e| e != "pdf"),
        BuildFormat::Pdf => path.extension().is_some_and(|e| e == "pdf"),
    };
    // A top-level entry (a council's folder) whose every file is unchanged,
    // with no file added or gone, stays in place as it is.
    let top = |p: &Path| {
        p.components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
    };
    let entries: BTreeSet<String> = keys
        .keys()
        .filter(|p| wanted(p))
        .filter_map(|p| top(p))
        .collect();
    let keep: BTreeSet<String> = entries
        .into_iter()
        .filter(|entry| {
            let mine = |map: &incremental::Keys| -> Vec<PathBuf> {
                map.keys()
                    .filter(|p| wanted(p) && top(p).as_deref() == Some(entry))
                    .cloned()
                    .collect()
            };
            let now = mine(&keys);
            rendered_none(&files, entry) && now == mine(&previous) && now.iter().all(|p| reuse(p))
        })
        .collect();
    for path in keys.keys().filter(|p| wanted(p) && reuse(p)) {
        if top(path).is_some_and(|e| keep.contains(&e)) {
            continue;
        }
        let bytes = fs::read(args.out.join(path))
            .map_err(|e| Error::io(&args.out.join(path), "cannot read", &e))?;
        files.push(OutputFile {
            path: path.clone(),
            bytes,
        });
    }
    let kept: usize = keys
        .keys()
        .filter(|p| wanted(p) && top(p).is_some_and(|e| keep.contains(&e)))
        .count();
    let reused = files.len() - rendered + kept;
    let replace = match &args.council {
        Some(id) => {
            // Keep the top-level pages and this council's pages only.
            files.retain(|f| f.path.components().count() == 1 || f.path.starts_with(id));
            Replace::Built
        }
        None => Replace::All,
    };
    let present: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let written: incremental::Keys = keys
        .iter()
        .filter(|(p, _)| {
            present.contains(p.as_path())
                || (wanted(p) && top(p).is_some_and(|e| keep.contains(&e)))
        })
        .map(|(p, k)| (p.clone(), k.clone()))
        .collect();
    files.push(OutputFile {
        path: PathBuf::from(incremental::KEYS_FILE),
        bytes: incremental::keys_text(&written).into_bytes(),
    });
    progress.say("writing the output");
    write_site(&args.out, &files, replace, &keep)?;
    progress.finish();
    // Everything the output now holds, rendered or kept.
    let count = |ext: &str| {
        written
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .count()
    };
    let (pages, pdfs) = (count("html"), count("pdf"));
    let warnings = outcome.diagnostics.len();
    eprintln!(
        "built {} {} into {}: {pages} pages and {pdfs} PDFs ({rendered} rendered, {reused} unchanged) in {:.2} s{}",
        councils.len(),
        if councils.len() == 1 {
            "council"
        } else {
            "councils"
        },
        args.out.display(),
        started.elapsed().as_secs_f64(),
        if warnings > 0 {
            format!(" ({warnings} warnings and notes: run `clerk check` to see them)")
        } else {
            String::new()
        }
    );
    Ok(0)
}

/// Whether nothing under the top-level entry `entry` was rendered this time.
fn rendered_none(files: &[OutputFile], entry: &str) -> bool {
    !files.iter().any(|f| {
        f.path
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == entry)
    })
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

/// The text of every document and report, by (council, id).
fn source_texts(
    outcome: &crate::commands::check::Outcome,
) -> std::collections::HashMap<(String, String), String> {
    let project = &outcome.project;
    let mut out = std::collections::HashMap::new();
    for file in &project.files {
        let path = &file.path;
        let Some(id) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let parent = path
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        let council = match parent.as_deref() {
            Some("reports") => path
                .parent()
                .and_then(Path::parent)
                .and_then(Path::file_name),
            _ => path.parent().and_then(Path::file_name),
        };
        if let Some(council) = council {
            out.insert(
                (council.to_string_lossy().into_owned(), id),
                file.text.clone(),
            );
        }
    }
    out
}

/// The date to stamp PDFs with, from `SOURCE_DATE_EPOCH` when it is set.
fn source_date() -> Result<Option<String>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .map(|seconds| Some(date_from_epoch(seconds)))
            .map_err(|_| Error::new(format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds: unset it or give seconds since 1970"))),
        _ => Ok(None),
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

/// Reads `protocols/<council>/templates/*`: each file must be a template
/// clerk knows, and must stay inside the council's directory.
fn read_overrides(protocols: &Path, councils: &[&Council]) -> Result<Overrides, Error> {
    let mut overrides = Overrides::default();
    for council in councils {
        let dir = protocols.join(&council.id).join("templates");
        if !dir.is_dir() {
            continue;
        }
        let mut templates = BTreeMap::new();
        let entries = fs::read_dir(&dir).map_err(|e| Error::io(&dir, "cannot list", &e))?;
        for entry in entries {
            let path = entry
                .map_err(|e| Error::io(&dir, "cannot list", &e))?
                .path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if !Overrides::is_known(&name) {
                let known = crate::render::templates::DEFAULTS.iter().map(|(n, _)| *n);
                let hint = match did_you_mean(&name, known.clone()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("templates are: {}", known.collect::<Vec<_>>().join(", ")),
                };
                return Err(Error::new(format!(
                    "{}: not a clerk template; {hint}",
                    path.display()
                )));
            }
            if !is_within(&path, &dir) {
                return Err(Error::new(format!(
                    "{}: the template points outside {} (a symbolic link?): copy the template into the directory instead",
                    path.display(),
                    dir.display()
                )));
            }
            let text =
                fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read", &e))?;
            templates.insert(name, text);
        }
        overrides.by_council.insert(council.id.clone(), templates);
    }
    Ok(overrides)
}
