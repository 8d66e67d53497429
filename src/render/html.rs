//! The HTML site: model to view structs to tera to files in memory.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::Error;
use crate::diff::{DiffOptions, diff};
use crate::model::{Council, Document, current_version};
use crate::render::changes::html_page;
use crate::render::templates::{Overrides, STYLESHEET, engine, error_chain};
use crate::render::view::{self, Anchors, CouncilLink, DocumentView, Links, PageMeta};

/// One file of the built site, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

const DEFAULT_COLOUR: &str = "#1f3d63";

/// Says which output files need no rendering: an incremental build passes
/// the files whose inputs are unchanged since the previous build.
pub type Skip<'a> = &'a (dyn Fn(&Path) -> bool + Sync);

/// Renders nothing twice: a [`Skip`] that skips nothing.
pub fn skip_nothing(_: &Path) -> bool {
    false
}

/// Renders every council's site: the top index, the stylesheet, and per
/// council a contents page, a page per document and the whole constitution.
/// Files `skip` names are left out.
pub fn render_site(
    councils: &[Council],
    overrides: &Overrides,
    skip: Skip<'_>,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    let site = engine(None, overrides)?;
    let links: Vec<CouncilLink> = councils
        .iter()
        .map(|c| CouncilLink {
            name: c.name.clone(),
            href: format!("{}/index.html", c.id),
            documents: c.documents.len(),
        })
        .collect();
    let meta = page_meta("Council constitutions", "en-GB", "", None);
    files.push(page(
        &site,
        "site-index.html",
        "index.html",
        &SiteIndex {
            meta,
            councils: links,
        },
    )?);
    files.push(OutputFile {
        path: "style.css".into(),
        bytes: STYLESHEET.as_bytes().to_vec(),
    });
    files.retain(|f| !skip(&f.path));
    for council in councils {
        files.extend(render_council(council, overrides, skip)?);
    }
    Ok(files)
}

/// The pages of one council, under `<council>/`.
pub fn render_council(
    council: &Council,
    overrides: &Overrides,
    skip: Skip<'_>,
) -> Result<Vec<OutputFile>, Error> {
    let tera = engine(Some(&council.id), overrides)?;
    let dir = PathBuf::from(&council.id);
    let lang = council
        .documents
        .first()
        .map_or("en-GB", |d| d.front_matter.lang.as_str());
    let mut files = Vec::new();

    let contents = CouncilIndex {
        meta: page_meta("Contents", lang, "../", Some(council)),
        council: CouncilInfo::new(council),
        parts: view::parts(council),
        reports: council
            .reports
            .iter()
            .map(|r| ReportLink {
                title: r.front_matter.title.clone(),
                href: format!("{}.html", r.id),
                meeting: r.front_matter.meeting.clone(),
                date: r.front_matter.meeting_date.long_form(),
            })
            .collect(),
    };
    let path = dir.join("index.html");
    if !skip(&path) {
        files.push(page(&tera, "council-index.html", path, &contents)?);
    }

    let anchors = Anchors::new(council);
    // Pages are independent of each other: render them on every core, the
    // whole constitution (the largest page) alongside the documents.
    let whole_path = dir.join("constitution.html");
    let (per_document, whole) = rayon::join(
        || {
            council
                .documents
                .par_iter()
                .map(|document| document_pages(council, document, &anchors, &tera, &dir, skip))
                .collect::<Vec<_>>()
        },
        || {
            (!skip(&whole_path))
                .then(|| constitution_page(council, &anchors, &tera, lang, whole_path.clone()))
        },
    );
    for pages in per_document {
        files.extend(pages?);
    }
    if let Some(whole) = whole {
        files.push(whole?);
    }
    for report in &council.reports {
        let path = dir.join(format!("{}.html", report.id));
        if !skip(&path) {
            let html = crate::report::render::report_html(report, council, &tera, false)?;
            files.push(OutputFile {
                path,
                bytes: html.into_bytes(),
            });
        }
    }
    Ok(files)
}

/// A document's page, and its tracked changes if it revises another.
fn document_pages(
    council: &Council,
    document: &Document,
    anchors: &Anchors<'_>,
    tera: &Tera,
    dir: &Path,
    skip: Skip<'_>,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    let path = dir.join(format!("{}.html", document.id));
    if !skip(&path) {
        let links = Links::with_anchors(council, anchors, &[document], false);
        let view = view::document(council, document, &links, false, 1);
        let meta = page_meta(
            &document.front_matter.title,
            &document.front_matter.lang,
            "../",
            Some(council),
        );
        files.push(page(
            tera,
            "document.html",
            path,
            &DocumentPage {
                meta,
                document: view,
            },
        )?);
    }
    let changes_path = dir.join(view::changes_file(&document.id));
    if let Some(older) = view::superseded(council, document)
        && !skip(&changes_path)
    {
        let changes = diff(older, document, &DiffOptions::default());
        let html = html_page(&changes, Some(council), tera, "../")?;
        files.push(OutputFile {
            path: changes_path,
            bytes: html.into_bytes(),
        });
    }
    Ok(files)
}

/// The whole constitution on one page: the current version of every listed document.
fn constitution_page(
    council: &Council,
    anchors: &Anchors<'_>,
    tera: &Tera,
    lang: &str,
    path: PathBuf,
) -> Result<OutputFile, Error> {
    let current: Vec<&Document> = view::parts(council)
        .iter()
        .flat_map(|p| p.documents.iter())
        .filter_map(|d| current_version(council, &d.id))
        .collect();
    let links = Links::with_anchors(council, anchors, &current, true);
    let parts = view::parts(council)
        .into_iter()
        .map(|part| ConstitutionPart {
            number: part.number,
            title: part.title,
            documents: part
                .documents
                .iter()
                .filter_map(|d| council.document(&d.id))
                .map(|d| view::document(council, d, &links, true, 3))
                .collect(),
        })
        .collect();
    let whole = ConstitutionPage {
        meta: page_meta("Whole constitution", lang, "../", Some(council)),
        council: CouncilInfo::new(council),
        parts,
    };
    page(tera, "constitution.html", path, &whole)
}

pub fn page_meta(title: &str, lang: &str, root: &str, council: Option<&Council>) -> PageMeta {
    let colour = council
        .and_then(|c| c.branding.colour.clone())
        .unwrap_or_else(|| DEFAULT_COLOUR.to_string());
    PageMeta {
        title: title.to_string(),
        lang: lang.to_string(),
        root: root.to_string(),
        council_name: council.map(|c| c.name.clone()),
        council_short_name: council.map(|c| c.short_name.clone()),
        council_href: council.map(|_| "index.html".to_string()),
        constitution_href: council.map(|_| "constitution.html".to_string()),
        colour,
        inline_css: None,
        generator: format!("clerk {}", env!("CARGO_PKG_VERSION")),
    }
}

fn page(
    tera: &Tera,
    template: &str,
    path: impl Into<PathBuf>,
    view: &impl Serialize,
) -> Result<OutputFile, Error> {
    let path = path.into();
    let context = Context::from_serialize(view).map_err(|e| {
        Error::new(format!(
            "cannot prepare {}: {}",
            path.display(),
            error_chain(&e)
        ))
    })?;
    let html = tera.render(template, &context).map_err(|e| {
        Error::new(format!(
            "cannot render {} with template {template}: {}",
            path.display(),
            error_chain(&e)
        ))
    })?;
    Ok(OutputFile {
        path,
        bytes: tidy(&html).into_bytes(),
    })
}

/// Drops trailing spaces and runs of blank lines that template tags leave.
pub fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut blank = false;
    for line in html.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct SiteIndex {
    meta: PageMeta,
    councils: Vec<CouncilLink>,
}

#[derive(Serialize)]
struct CouncilInfo {
    id: String,
    name: String,
    short_name: String,
}

impl CouncilInfo {
    fn new(council: &Council) -> Self {
        CouncilInfo {
            id: council.id.clone(),
            name: council.name.clone(),
            short_name: council.short_name.clone(),
        }
    }
}

#[derive(Serialize)]
struct CouncilIndex {
    meta: PageMeta,
    council: CouncilInfo,
    parts: Vec<view::PartView>,
    reports: Vec<ReportLink>,
}

/// A committee report on the council's contents page.
#[derive(Serialize)]
struct ReportLink {
    title: String,
    href: String,
    meeting: String,
    date: String,
}

#[derive(Serialize)]
struct DocumentPage {
    meta: PageMeta,
    document: DocumentView,
}

#[derive(Serialize)]
struct ConstitutionPart {
    number: Option<String>,
    title: String,
    documents: Vec<DocumentView>,
}

#[derive(Serialize)]
struct ConstitutionPage {
    meta: PageMeta,
    council: CouncilInfo,
    parts: Vec<ConstitutionPart>,
}
