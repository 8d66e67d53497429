//! The site: which files a build publishes ([`plan`]), the content key of
//! each ([`keys`]), rendering each page once with every change set computed
//! once, and publishing the result in one transaction ([`publish`]).

pub mod keys;
pub mod plan;
pub mod publish;
pub mod verification;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::Tera;

use crate::Error;
use crate::diff::ChangeSet;
use crate::diff::sets::ChangeSets;
use crate::model::{Council, Document, lineage, superseded};
use crate::render::docx::{self, DocxOptions};
use crate::render::html::templates::{Overrides, STYLESHEET, engine};
use crate::render::pdf::PdfOptions;
use crate::render::present::history::history;
use crate::render::present::links::{Anchors, Downloads};
use crate::render::present::report;
use crate::render::search::{self, SearchIndex};
use crate::render::{Format, html, pdf};
use keys::Keys;
use plan::{Formats, Page, plan};
use publish::{Manifest, Publication};

/// What a build publishes and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub formats: Formats,
    /// Render only this council's pages; every other council's pages stay as published.
    pub only_council: Option<String>,
    /// Render everything, reusing nothing from the previous build.
    pub fresh: bool,
    /// Build into a non-empty folder clerk did not make, keeping its files.
    pub force: bool,
    pub pdf: PdfOptions,
    /// clerk's version, part of every content key.
    pub version: String,
    /// The SHA-256 of every source the site is built from, by its path
    /// under the protocols directory, for the verification manifest.
    pub sources: std::collections::BTreeMap<PathBuf, String>,
}

/// What a build published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Built {
    /// HTML pages and PDFs in the published site, rendered or reused.
    pub pages: usize,
    pub pdfs: usize,
    /// Word files of tracked changes.
    pub word_files: usize,
    /// Files rendered by this build, and files published again unchanged.
    pub rendered: usize,
    pub reused: usize,
    /// Change sets computed by the build (each once, however many pages
    /// show it), besides those it was handed.
    pub change_sets: usize,
    /// PDFs left out because they would pass a size limit, each with why;
    /// no page links to them.
    pub withheld: Vec<(PathBuf, String)>,
}

/// What a build does with one page of the plan.
enum Action {
    Render,
    Reuse,
}

/// What a build does with one page, its path and its key: a page of a
/// council not being built is published again as it was, or left out if
/// it never was, but made again if its published file is not as clerk
/// wrote it.
fn decide(
    page: &Page<'_>,
    keys: &Keys,
    index_key: &str,
    publication: &Publication,
    options: &BuildOptions,
) -> Option<(Action, PathBuf, String)> {
    let path = page.path();
    let selected = match (&options.only_council, page.council()) {
        (Some(only), Some(council)) => council.id == *only,
        _ => true,
    };
    if !selected {
        let previous = publication.previous().key(&path)?.to_string();
        if publication.intact(&path) {
            return Some((Action::Reuse, path, previous));
        }
    }
    let key = match page {
        Page::SiteIndex => index_key.to_string(),
        _ => keys.key(page),
    };
    let action = match !options.fresh && publication.reusable(&path, &key) {
        true => Action::Reuse,
        false => Action::Render,
    };
    Some((action, path, key))
}

/// Whether the site's index lists `council`: every council when all are
/// built, and with `--council`, that council and those already published.
fn listed_in_index(council: &Council, publication: &Publication, options: &BuildOptions) -> bool {
    match &options.only_council {
        None => true,
        Some(only) => *only == council.id || publication.intact(&Page::Contents(council).path()),
    }
}

/// Builds `councils` into `out`: every page of the plan whose key changed
/// is rendered and written as it is made; the rest is reused; the new site
/// replaces the old in one step, or not at all.
///
/// `known` holds change sets already computed (by `check`, for committee
/// reports), by council id: they are used, not computed again.
pub fn build(
    councils: &[Council],
    overrides: &Overrides,
    known: HashMap<String, ChangeSets>,
    out: &Path,
    options: &BuildOptions,
) -> Result<Built, Error> {
    let publication = Publication::begin(out, options.force)?;
    // Which formats are built changes the HTML: it links only to PDFs
    // that are published.
    let keys = Keys::new(
        councils,
        overrides,
        &format!("{:?} {:?}", options.pdf.date, options.formats),
        &options.version,
    );
    // Every version's text digest, made once on every core: edition
    // identifiers, the PDFs and the verification manifest are made of them.
    councils
        .par_iter()
        .flat_map(|c| c.documents.par_iter())
        .for_each(|d| {
            d.text_digest();
        });
    let mut manifest = Manifest::default();
    let mut to_render = Vec::new();
    let mut to_reuse = Vec::new();
    let pages = plan(councils, options.formats);
    // The site's index lists only the councils published once this build is.
    let listed: Vec<&Council> = councils
        .iter()
        .filter(|c| listed_in_index(c, &publication, options))
        .collect();
    let index_key = {
        let ids: Vec<&str> = listed.iter().map(|c| c.id.as_str()).collect();
        format!(
            "{}-{}",
            keys.key(&Page::SiteIndex),
            publish::digest(ids.join("/").as_bytes())
        )
    };
    // Deciding reads every published file to see it is as clerk wrote it.
    let decisions: Vec<_> = pages
        .par_iter()
        .map(|page| decide(page, &keys, &index_key, &publication, options))
        .collect();
    for (page, decision) in pages.into_iter().zip(decisions) {
        let Some((action, path, key)) = decision else {
            continue;
        };
        manifest.files.insert(path.clone(), key);
        match action {
            Action::Render => to_render.push(page),
            Action::Reuse => to_reuse.push(path),
        }
    }
    let settings = Settings {
        overrides,
        formats: options.formats,
        pdf: &options.pdf,
    };
    let rendered = render_pages(
        councils,
        &listed,
        settings,
        known,
        &to_render,
        &|path, bytes| publication.write(path, &bytes),
    )?;
    for (path, _) in &rendered.withheld {
        manifest.files.remove(path);
    }
    to_reuse
        .par_iter()
        .try_for_each(|path| publication.reuse(path))?;
    // Last, the verification manifest, which vouches for every file above.
    let mut published = publication.sha256s();
    published.retain(|path, _| manifest.files.contains_key(path));
    let record = verification::manifest(
        councils,
        &options.sources,
        &published,
        &format!("clerk {}", options.version),
    );
    let bytes = verification::manifest_json(&record);
    let path = PathBuf::from(verification::VERIFICATION_FILE);
    publication.write(&path, &bytes)?;
    manifest.files.insert(path, publish::digest(&bytes));
    publication.commit(&manifest)?;
    let count = |ext: &str| {
        manifest
            .files
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .count()
    };
    Ok(Built {
        pages: count("html"),
        pdfs: count("pdf"),
        word_files: count("docx"),
        rendered: to_render.len() - rendered.withheld.len(),
        reused: to_reuse.len(),
        change_sets: rendered.change_sets,
        withheld: rendered.withheld,
    })
}

/// Renders every page of the plan in memory, as (path, bytes) in plan order:
/// for tests and fuzzing, which publish nothing.
pub fn render_in_memory(
    councils: &[Council],
    overrides: &Overrides,
    formats: Formats,
    options: &PdfOptions,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let pages = plan(councils, formats);
    let files = std::sync::Mutex::new(Vec::new());
    let listed: Vec<&Council> = councils.iter().collect();
    let settings = Settings {
        overrides,
        formats,
        pdf: options,
    };
    render_pages(
        councils,
        &listed,
        settings,
        HashMap::new(),
        &pages,
        &|path, bytes| {
            if let Ok(mut files) = files.lock() {
                files.push((path.to_path_buf(), bytes));
            }
            Ok(())
        },
    )?;
    let mut files = files.into_inner().unwrap_or_default();
    let order: HashMap<PathBuf, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path(), i))
        .collect();
    files.sort_by_key(|(path, _)| order.get(path).copied());
    Ok(files)
}

/// How every page is rendered: the councils' templates, the formats
/// built (HTML links only to what is published) and the PDF options.
#[derive(Clone, Copy)]
struct Settings<'a> {
    overrides: &'a Overrides,
    formats: Formats,
    pdf: &'a PdfOptions,
}

/// Where a rendered page goes: the staging directory, or memory.
type Sink<'s> = &'s (dyn Fn(&Path, Vec<u8>) -> Result<(), Error> + Sync);

/// What the pages of one council share: its templates, its anchors, the
/// change sets its pages show, each made once, and the PDFs its HTML pages
/// may link to.
struct CouncilContext<'a> {
    tera: Tera,
    anchors: Anchors<'a>,
    changes: ChangeSets,
    downloads: Downloads,
    /// The whole-constitution pages' articles, each made once.
    articles: html::Articles,
    /// The council's search index, made once for all its files.
    search: std::sync::OnceLock<SearchIndex>,
    /// Every council built, where a document's model may be.
    councils: &'a [Council],
}

impl<'a> CouncilContext<'a> {
    /// A report's appendices resolved, their change sets and schedules found.
    fn prepare<'c>(
        &'c self,
        council: &'c Council,
        committee_report: &crate::model::report::Report,
    ) -> Result<Vec<report::Prepared<'c>>, Error> {
        report::prepare(committee_report, council, self.councils, &self.changes)
    }
}

/// What rendering made besides the pages.
struct Rendered {
    /// Change sets computed.
    change_sets: usize,
    /// PDFs left out for passing a size limit, with why.
    withheld: Vec<(PathBuf, String)>,
}

/// Renders `pages` on every core, handing each to `sink` as soon as it is
/// made. PDFs come first: one that would pass a size limit is withheld
/// with a warning rather than failing the site, and the HTML pages, made
/// next, link only to the PDFs that are published.
fn render_pages(
    councils: &[Council],
    listed: &[&Council],
    settings: Settings<'_>,
    mut known: HashMap<String, ChangeSets>,
    pages: &[Page<'_>],
    sink: Sink<'_>,
) -> Result<Rendered, Error> {
    let Settings {
        overrides,
        formats,
        pdf: options,
    } = settings;
    let site = match pages.iter().any(|p| matches!(p, Page::SiteIndex)) {
        true => engine(None, overrides)?,
        false => Tera::default(),
    };
    // The pages of each council, in one pass over the plan.
    let mut by_council: HashMap<&str, Vec<&Page<'_>>> = HashMap::new();
    for page in pages {
        if let Some(council) = page.council() {
            by_council
                .entry(council.id.as_str())
                .or_default()
                .push(page);
        }
    }
    let mut contexts = HashMap::new();
    for council in councils {
        let Some(mine) = by_council.get(council.id.as_str()) else {
            continue;
        };
        let mut pairs = Vec::new();
        for page in mine {
            match **page {
                Page::Changes {
                    older, document, ..
                } => pairs.push((older, document)),
                Page::Report(council, committee_report, _) => {
                    pairs.extend(report::compared(committee_report, council))
                }
                // A clause's notes and former addresses are made from
                // the changes along its document's versions.
                Page::Document(council, document, _) => pairs.extend(
                    lineage(council, &document.id)
                        .iter()
                        .filter_map(|id| council.document(id))
                        .filter_map(|d| Some((superseded(council, d)?, d))),
                ),
                Page::ChangeLog(council, _)
                | Page::Constitution(council, _)
                | Page::Edition(council, ..)
                | Page::EditionChanges(council, ..) => pairs.extend(
                    council
                        .documents
                        .iter()
                        .filter_map(|d| Some((superseded(council, d)?, d))),
                ),
                _ => {}
            }
        }
        let needs_templates = mine.iter().any(|p| p.format() == Format::Html);
        // The search index is made before the pages, on every core: made
        // by the first of its files to need it, the others would wait.
        let search = std::sync::OnceLock::new();
        if mine
            .iter()
            .any(|p| p.kind() == crate::render::PageKind::SearchIndex)
        {
            let _ = search.set(SearchIndex::new(council));
        }
        contexts.insert(
            council.id.as_str(),
            CouncilContext {
                tera: if needs_templates {
                    engine(Some(&council.id), overrides)?
                } else {
                    Tera::default()
                },
                anchors: Anchors::new(council),
                changes: ChangeSets::compute_reusing(
                    &pairs,
                    known.remove(&council.id).unwrap_or_default(),
                ),
                downloads: Downloads::none(),
                articles: html::Articles::default(),
                search,
                councils,
            },
        );
    }
    let render =
        |page: &Page<'_>, contexts: &HashMap<&str, CouncilContext<'_>>| -> Result<Vec<u8>, Error> {
            match page.council() {
                None => render_site_page(page, listed, &site),
                Some(council) => {
                    let context = contexts.get(council.id.as_str()).ok_or_else(|| {
                        Error::new(format!(
                            "cannot render {}: its council was not prepared",
                            page.path().display()
                        ))
                    })?;
                    render_council_page(page, context, options)
                }
            }
        };
    let (pdfs, html): (Vec<&Page<'_>>, Vec<&Page<'_>>) =
        pages.iter().partition(|p| p.format() == Format::Pdf);
    let withheld = std::sync::Mutex::new(Vec::new());
    let render_pdf = |page: &&Page<'_>| match render(page, &contexts) {
        Ok(bytes) => sink(&page.path(), bytes),
        Err(error) if error.too_large => {
            if let Ok(mut withheld) = withheld.lock() {
                withheld.push((page.path(), error.message));
            }
            Ok(())
        }
        Err(error) => Err(error),
    };
    // A whole-constitution PDF holds several times its size while it is
    // made: they are made one after another, beside the rest in parallel,
    // so that two are never made at once.
    let (whole, rest): (Vec<&Page<'_>>, Vec<&Page<'_>>) =
        pdfs.into_iter().partition(|p| p.is_whole_constitution());
    let (whole, rest) = rayon::join(
        || whole.iter().try_for_each(render_pdf),
        || rest.par_iter().try_for_each(render_pdf),
    );
    whole?;
    rest?;
    let mut withheld = withheld.into_inner().unwrap_or_default();
    withheld.sort();
    for (id, context) in &mut contexts {
        let prefix = Path::new(id);
        let pdfs = match formats.contains(Format::Pdf) {
            true => Downloads::pdfs_except(withheld.iter().filter_map(|(path, _)| {
                let file = path.strip_prefix(prefix).ok()?;
                Some(file.to_string_lossy().into_owned())
            })),
            false => Downloads::none(),
        };
        context.downloads = pdfs.with_word(formats.contains(Format::Docx));
    }
    html.par_iter()
        .try_for_each(|page| sink(&page.path(), render(page, &contexts)?))?;
    Ok(Rendered {
        change_sets: contexts.values().map(|c| c.changes.computed()).sum(),
        withheld,
    })
}

/// The bytes of a page of the site itself, outside any council.
fn render_site_page(page: &Page<'_>, councils: &[&Council], site: &Tera) -> Result<Vec<u8>, Error> {
    match page {
        Page::Stylesheet => Ok(STYLESHEET.as_bytes().to_vec()),
        Page::SearchScript => Ok(search::SCRIPT.as_bytes().to_vec()),
        _ => html::site_index(councils, site),
    }
}

/// The plan asked for a page its format does not make.
fn not_made(page: &Page<'_>) -> Error {
    Error::new(format!(
        "{}: clerk does not make this kind of page in {}",
        page.path().display(),
        page.format()
    ))
}

/// The bytes of one page of a council, made by its format's renderer.
fn render_council_page(
    page: &Page<'_>,
    context: &CouncilContext<'_>,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let format = page.format();
    if !format.makes(page.kind()) || page.council().is_none() {
        return Err(not_made(page));
    }
    match format {
        Format::Html => html_page(page, context),
        Format::Pdf => pdf_file(page, context, options),
        Format::Docx => word_file(page, context),
        Format::Text | Format::Json | Format::Markdown => Err(not_made(page)),
    }
}

/// The change set a page of tracked changes shows, computed once for the council.
fn change_set<'c>(
    context: &'c CouncilContext<'_>,
    older: &Document,
    document: &Document,
) -> Result<&'c ChangeSet, Error> {
    context.changes.get(&older.id, &document.id).ok_or_else(|| {
        Error::new(format!(
            "the changes from {} to {} were not computed",
            older.id, document.id
        ))
    })
}

/// The same council read on another day.
fn as_at(council: &Council, date: crate::model::Date) -> Council {
    Council {
        as_at: Some(date),
        ..council.clone()
    }
}

/// One HTML page of a council.
fn html_page(page: &Page<'_>, context: &CouncilContext<'_>) -> Result<Vec<u8>, Error> {
    let (tera, downloads) = (&context.tera, &context.downloads);
    match *page {
        Page::Contents(council) => html::contents_page(council, downloads, tera),
        Page::Document(council, document, _) => html::document_page(
            council,
            document,
            &context.anchors,
            downloads,
            &history(council, document, &context.changes),
            tera,
        ),
        Page::Changes {
            council,
            older,
            document,
            ..
        } => html::changes_page(
            change_set(context, older, document)?,
            Some(council),
            tera,
            downloads,
            "../",
        )
        .map(String::into_bytes),
        Page::Constitution(council, _) => html::constitution_page(
            council,
            &context.anchors,
            downloads,
            None,
            &context.articles,
            &context.changes,
            tera,
        ),
        Page::Edition(council, date, _) => {
            let then = as_at(council, date);
            let anchors = Anchors::new(&then);
            html::constitution_page(
                &then,
                &anchors,
                downloads,
                Some(date),
                &context.articles,
                &context.changes,
                tera,
            )
        }
        Page::Editions(council) => {
            html::change_log_page(council, &context.changes, downloads, true, tera)
        }
        Page::EditionChanges(council, from, to) => {
            // Each section's revisions, their change sets made once for
            // their own pages, joined.
            let changes = crate::diff::between::between(
                council,
                from,
                to,
                &context.changes,
                &Default::default(),
            );
            // Published as HTML only: no PDF or Word file to link to.
            html::changes_page(&changes, Some(council), tera, &Downloads::none(), "../")
                .map(String::into_bytes)
        }
        Page::ChangeLog(council, _) => {
            html::change_log_page(council, &context.changes, downloads, false, tera)
        }
        Page::Report(council, committee_report, _) => {
            let prepared = context.prepare(council, committee_report)?;
            html::report_html(committee_report, &prepared, council, tera, downloads, false)
                .map(String::into_bytes)
        }
        Page::Search(council) => html::search_page(council, tera),
        Page::SearchDocuments(council) => Ok(search_index(context, council).index_file()),
        Page::SearchTerms(council, file) => search_index(context, council)
            .terms_file(file)
            .ok_or_else(|| not_made(page)),
        Page::SearchUnits(council, file) => search_index(context, council)
            .units_file(file)
            .ok_or_else(|| not_made(page)),
        Page::SiteIndex | Page::Stylesheet | Page::SearchScript => Err(not_made(page)),
    }
}

/// The council's search index, made by the first of its files to need it.
fn search_index<'c>(context: &'c CouncilContext<'_>, council: &Council) -> &'c SearchIndex {
    context.search.get_or_init(|| SearchIndex::new(council))
}

/// One PDF of a council.
fn pdf_file(
    page: &Page<'_>,
    context: &CouncilContext<'_>,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    match *page {
        Page::Document(council, document, _) => pdf::document_pdf(
            council,
            document,
            &history(council, document, &context.changes),
            options,
        ),
        Page::Changes {
            council,
            older,
            document,
            ..
        } => pdf::changes_pdf(
            change_set(context, older, document)?,
            Some(council),
            options,
        ),
        Page::Constitution(council, _) => {
            pdf::constitution_pdf(council, &context.changes, options, None)
        }
        Page::Edition(council, date, _) => {
            pdf::constitution_pdf(&as_at(council, date), &context.changes, options, Some(date))
        }
        Page::ChangeLog(council, _) => pdf::change_log_pdf(council, &context.changes, options),
        Page::Report(council, committee_report, _) => {
            let prepared = context.prepare(council, committee_report)?;
            pdf::report_pdf(committee_report, &prepared, council, options)
        }
        Page::SiteIndex
        | Page::Stylesheet
        | Page::SearchScript
        | Page::Contents(_)
        | Page::Editions(_)
        | Page::EditionChanges(..)
        | Page::Search(_)
        | Page::SearchDocuments(_)
        | Page::SearchTerms(..)
        | Page::SearchUnits(..) => Err(not_made(page)),
    }
}

/// One Word file of a council.
fn word_file(page: &Page<'_>, context: &CouncilContext<'_>) -> Result<Vec<u8>, Error> {
    match *page {
        Page::Changes {
            council,
            older,
            document,
            ..
        } => docx::changes_docx(
            change_set(context, older, document)?,
            &DocxOptions::for_council(council, document),
        ),
        Page::Report(council, committee_report, _) => {
            let prepared = context.prepare(council, committee_report)?;
            docx::report_docx(committee_report, &prepared, council)
        }
        Page::SiteIndex
        | Page::Stylesheet
        | Page::Contents(_)
        | Page::Document(..)
        | Page::Constitution(..)
        | Page::Edition(..)
        | Page::EditionChanges(..)
        | Page::Editions(_)
        | Page::ChangeLog(..)
        | Page::SearchScript
        | Page::Search(_)
        | Page::SearchDocuments(_)
        | Page::SearchTerms(..)
        | Page::SearchUnits(..) => Err(not_made(page)),
    }
}
