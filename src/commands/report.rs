//! `clerk report` renders one committee report; `clerk new report` writes a
//! skeleton for a revision.

use std::path::{Path, PathBuf};

use super::refuse_binary_on_terminal;
use crate::Error;
use crate::check::report::{check_report, front_matter_span};
use crate::cli::{NewReportArgs, ReportArgs};
use crate::commands::project::model_councils;
use crate::diagnostic::{did_you_mean, render_human};
use crate::diff::sets::ChangeSets;
use crate::model::Council;
use crate::model::Date;
use crate::render::html::templates::Overrides;
use crate::render::pdf::PdfOptions;
use crate::render::present::links::Downloads;
use crate::render::present::report::{compared, prepare};
use crate::render::{Format, docx, html, pdf};
use crate::site::write::{Destination, write_stdout};
use crate::source::load::{Target, load};
use crate::source::scaffold::{Cover, delegated_skeleton, skeleton};
use crate::source::templates::load_council_templates;

pub fn run(args: &ReportArgs) -> Result<u8, Error> {
    let council_dir = council_of(&args.file)?;
    let project = load(&Target::Council(council_dir.clone()))?;
    let destination = match &args.output {
        Some(output) => {
            let mut inputs: Vec<&Path> = project.files.iter().map(|f| f.path.as_path()).collect();
            inputs.push(&args.file);
            Some(Destination::output(output, args.force, &inputs)?)
        }
        None => None,
    };
    if let Some(d) = project.diagnostics.iter().find(|d| d.is_error()) {
        let source = d.path.as_deref().and_then(|p| project.source_of(p));
        anstream::eprintln!("{}", render_human(d, source, false));
        return Ok(1);
    }
    let council = project
        .councils
        .first()
        .ok_or_else(|| Error::new("no council was loaded"))?;
    let id = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = council.reports.iter().find(|r| r.id == id).ok_or_else(|| {
        Error::new(format!(
            "{} is not a report of `{}`",
            args.file.display(),
            council.id
        ))
    })?;
    let changes = ChangeSets::compute(&compared(report, council));
    let problems = check_report(report, council, &changes);
    let stops = problems.iter().any(|d| d.is_error());
    if !problems.is_empty() {
        let source = project.source_of(&args.file);
        for d in problems {
            let d = if d.span.is_some() {
                d
            } else {
                d.with_span(front_matter_span())
            };
            anstream::eprintln!(
                "{}\n",
                render_human(&d.with_path(&args.file), source, false)
            );
        }
    }
    if stops {
        eprintln!("report stopped: fix the errors above");
        return Ok(1);
    }
    // A schedule of variations sets a document against a model that may
    // be another council's, in the folder beside this one.
    let models = model_councils(&project, &Target::Council(council_dir.clone()));
    let councils: Vec<crate::model::Council> =
        project.councils.iter().chain(&models).cloned().collect();
    let prepared = prepare(report, council, &councils, &changes)?;
    if destination.is_none() {
        refuse_binary_on_terminal(args.format)?;
    }
    let bytes = match args.format {
        Format::Pdf => pdf::report_pdf(report, &prepared, council, &PdfOptions::default())?,
        Format::Docx => docx::report_docx(report, &prepared, council)?,
        _ => {
            // The council's own templates, as its published pages have them.
            let mut overrides = Overrides::default();
            if let Some(own) = load_council_templates(&council_dir, &html::templates::names())? {
                overrides.by_council.insert(council.id.clone(), own);
            }
            let tera = html::templates::engine(Some(&council.id), &overrides)?;
            html::report_html(report, &prepared, council, &tera, &Downloads::none(), true)?
                .into_bytes()
        }
    };
    match &destination {
        Some(destination) => destination.write(&bytes)?,
        None => write_stdout(&bytes)?,
    }
    Ok(0)
}

/// `protocols/<council>/reports/<report>.md` belongs to `protocols/<council>`.
fn council_of(file: &Path) -> Result<PathBuf, Error> {
    if !file.is_file() {
        return Err(Error::new(format!(
            "cannot read {}: no such file",
            file.display()
        )));
    }
    let dir = file
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if !dir.join("council.toml").is_file() {
        return Err(Error::new(format!(
            "{}: a report lives in protocols/<council>/reports/, beside its council's council.toml",
            file.display()
        )));
    }
    Ok(dir.to_path_buf())
}

pub fn new_report(args: &NewReportArgs) -> Result<u8, Error> {
    let project = load(&Target::Council(args.council.clone()))?;
    let council: &Council = project
        .councils
        .first()
        .ok_or_else(|| Error::new("no council was loaded"))?;
    // A mistyped id is matched against the documents it could mean: for
    // the existing version, those the revised one could replace.
    let find = |id: &str, candidates: Vec<&str>| {
        council.document(id).ok_or_else(|| {
            let hint = did_you_mean(id, candidates)
                .map(|b| format!(": did you mean `{b}`?"))
                .unwrap_or_default();
            Error::new(format!(
                "`{id}` is not a document of `{}`{hint}",
                council.id
            ))
        })
    };
    let all = || council.documents.iter().map(|d| d.id.as_str()).collect();
    let Some(revised_id) = &args.revised else {
        return new_delegated_report(args, &project, council);
    };
    let revised = find(revised_id, all())?;
    let existing = match &args.existing {
        Some(id) => find(
            id,
            council
                .documents
                .iter()
                .map(|d| d.id.as_str())
                .filter(|d| *d != revised.id)
                .collect(),
        )?,
        None => crate::model::superseded(council, revised).ok_or_else(|| {
            Error::new(format!(
                "`{}` supersedes no version: name the existing one with --existing",
                revised.id
            ))
        })?,
    };
    let date = match &args.meeting_date {
        Some(text) => parse_date(text)?,
        None => super::today()?,
    };
    let path = write_report_source(
        args,
        &project,
        date,
        &format!("{date}-{}-update.md", revised.id),
        |cover| skeleton(council, existing, revised, cover),
    )?;
    eprintln!(
        "wrote {}: fill in the cover fields and the prose, then run `clerk check`",
        path.display()
    );
    Ok(0)
}

/// Writes a new report's source made by `make` from the cover the
/// arguments give: to `-o`, else `reports/<file_name>` in the council's
/// folder; never over one of the council's sources. Returns where.
fn write_report_source(
    args: &NewReportArgs,
    project: &crate::source::load::Project,
    date: Date,
    file_name: &str,
    make: impl FnOnce(&Cover<'_>) -> Result<String, Error>,
) -> Result<PathBuf, Error> {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| args.council.join("reports").join(file_name));
    // The council's own sources are the command's inputs: never overwritten.
    let inputs: Vec<&Path> = project.files.iter().map(|f| f.path.as_path()).collect();
    let destination = Destination::output(&path, args.force, &inputs)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create", &e))?;
    }
    let cover = Cover {
        date,
        item_number: args.item_number.as_deref(),
        author: args.author.as_deref(),
    };
    destination.write(make(&cover)?.as_bytes())?;
    Ok(path)
}

/// `clerk new report --delegated --to BODY`: the report of the amendments
/// made under delegated powers that report to `BODY` and are not yet
/// reported, each amendment's tracked changes an appendix.
fn new_delegated_report(
    args: &NewReportArgs,
    project: &crate::source::load::Project,
    council: &Council,
) -> Result<u8, Error> {
    let body = args.to.as_deref().unwrap_or_default();
    let reports_to = |d: &crate::model::Document| {
        let made = d.front_matter.made_under.as_ref()?;
        let power = council
            .delegated_powers
            .iter()
            .find(|p| p.id == *made.power.get_ref())?;
        (made.reported.is_none() && power.report_to.eq_ignore_ascii_case(body)).then_some(())
    };
    let amended: Vec<(&crate::model::Document, &crate::model::Document)> = council
        .documents
        .iter()
        .filter(|d| reports_to(d).is_some())
        .filter_map(|d| Some((crate::model::superseded(council, d)?, d)))
        .collect();
    if amended.is_empty() {
        eprintln!("no amendment made under a delegated power waits to be reported to {body}");
        return Ok(1);
    }
    let date = match &args.meeting_date {
        Some(text) => parse_date(text)?,
        None => super::today()?,
    };
    let path = write_report_source(
        args,
        project,
        date,
        &format!("{date}-delegated-amendments.md"),
        |cover| delegated_skeleton(council, body, &amended, cover),
    )?;
    eprintln!(
        "wrote {}: {} to report; once the meeting has noted them, record it in each version's `[made_under]` as `reported = \"{body}, <date>, minute <n>\"`",
        path.display(),
        match amended.len() {
            1 => "1 amendment".to_string(),
            n => format!("{n} amendments"),
        }
    );
    Ok(0)
}

fn parse_date(text: &str) -> Result<Date, Error> {
    let well_formed = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(Error::new(format!(
            "`{text}` is not a date: write it as YYYY-MM-DD, such as 2023-03-14"
        )));
    }
    Date::from_iso(text).ok_or_else(|| {
        Error::new(format!(
            "`{text}` is not a day on the calendar: check the month and the day"
        ))
    })
}
