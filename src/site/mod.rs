//! The site: which files a build publishes ([`plan`]), the content key of
//! each ([`keys`]), rendering each page once with every change set computed
//! once, council by council ([`SiteBuild`]), and publishing the result in
//! one transaction ([`publish`]).

pub mod articles;
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
use crate::model::{Council, CouncilSummary, Document, lineage, superseded};
use crate::render::docx::{self, DocxOptions};
use crate::render::html::templates::{Overrides, STYLESHEET, engine};
use crate::render::pdf::PdfOptions;
use crate::render::present::history::history;
use crate::render::present::links::{Anchors, Downloads};
use crate::render::present::report;
use crate::render::search::{self, SearchIndex};
use crate::render::{Format, html, pdf};
use keys::{Base, CouncilKeys};
use plan::{Formats, Page, plan, plan_council, plan_site};
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
    /// under the protocols directory, for the verification manifest: used
    /// by [`build`], which holds every council; `clerk build` hands each
    /// council's own to [`SiteBuild::add_council`] instead.
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

/// What a build does with one page of a council, its path and its key: a
/// page of a council not being built is published again as it was, or
/// left out if it never was, but made again if its published file is not
/// as clerk wrote it.
fn decide(
    page: &Page<'_>,
    keys: &CouncilKeys,
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
    let key = keys.key(page);
    Some((action(publication, &path, &key, options), path, key))
}

/// Whether a file is made again or its published copy reused.
fn action(publication: &Publication, path: &Path, key: &str, options: &BuildOptions) -> Action {
    match !options.fresh && publication.reusable(path, key) {
        true => Action::Reuse,
        false => Action::Render,
    }
}

/// Whether the site's index lists `council`: every council when all are
/// built, and with `--council`, that council and those already published.
fn listed_in_index(council: &Council, publication: &Publication, options: &BuildOptions) -> bool {
    match &options.only_council {
        None => true,
        Some(only) => *only == council.id || publication.intact(&Page::Contents(council).path()),
    }
}

/// One council to build, with what its pages need from beside it.
pub struct CouncilInput<'c> {
    pub council: &'c Council,
    /// Every council loaded with it (itself among them): where the models
    /// its documents name are found.
    pub councils: &'c [Council],
    /// The SHA-256 of its sources, by path under the protocols directory,
    /// for the verification manifest; other councils' may be there too.
    pub sources: &'c std::collections::BTreeMap<PathBuf, String>,
    /// Change sets already computed (by `check`, for committee reports):
    /// used, not computed again.
    pub known: ChangeSets,
}

/// What the site's own files need of a council once its pages are published.
pub struct PublishedCouncil {
    summary: CouncilSummary,
    /// Whether the site's index lists it.
    listed: bool,
    record: verification::CouncilRecord,
}

/// What the councils added so far published, gathered from every thread.
#[derive(Default)]
struct Progress {
    manifest: Manifest,
    rendered: usize,
    reused: usize,
    change_sets: usize,
    withheld: Vec<(PathBuf, String)>,
}

/// A build under way. Councils are added one at a time, or several at
/// once from other threads: each council's pages are planned, rendered or
/// reused and written, and the council can then be let go, so a build of
/// many councils holds one council's model and pages at a time (per
/// thread). [`SiteBuild::finish`] writes the site's own files and the
/// verification manifest, and publishes the whole site in one step, or
/// nothing if it is dropped unfinished.
pub struct SiteBuild<'a> {
    publication: Publication,
    overrides: &'a Overrides,
    options: &'a BuildOptions,
    base: Base,
    progress: std::sync::Mutex<Progress>,
}

impl<'a> SiteBuild<'a> {
    /// Takes the output directory (see [`Publication::begin`]).
    pub fn begin(
        out: &Path,
        overrides: &'a Overrides,
        options: &'a BuildOptions,
    ) -> Result<SiteBuild<'a>, Error> {
        let publication = Publication::begin(out, options.force)?;
        // Which formats are built changes the HTML: it links only to PDFs
        // that are published.
        let base = Base::new(
            &format!("{:?} {:?}", options.pdf.date, options.formats),
            &options.version,
        );
        Ok(SiteBuild {
            publication,
            overrides,
            options,
            base,
            progress: Default::default(),
        })
    }

    /// Publishes one council's pages: every page whose key changed is
    /// rendered and written as it is made, the rest reused.
    pub fn add_council(&self, input: CouncilInput<'_>) -> Result<PublishedCouncil, Error> {
        let CouncilInput {
            council,
            councils,
            sources,
            known,
        } = input;
        let (publication, options) = (&self.publication, self.options);
        let keys = CouncilKeys::new(&self.base, council, councils, self.overrides);
        // Every version's text digest, made once on every core: edition
        // identifiers, the PDFs and the verification manifest are made of them.
        council.documents.par_iter().for_each(|d| {
            d.text_digest();
        });
        let pages = plan_council(council, options.formats);
        // Deciding reads every published file to see it is as clerk wrote it.
        let decisions: Vec<_> = pages
            .par_iter()
            .map(|page| decide(page, &keys, publication, options))
            .collect();
        let mut files = std::collections::BTreeMap::new();
        let mut to_render = Vec::new();
        let mut to_reuse = Vec::new();
        for (page, decision) in pages.into_iter().zip(decisions) {
            let Some((action, path, key)) = decision else {
                continue;
            };
            files.insert(path.clone(), key);
            match action {
                Action::Render => to_render.push(page),
                Action::Reuse => to_reuse.push(path),
            }
        }
        let settings = Settings {
            overrides: self.overrides,
            formats: options.formats,
            pdf: &options.pdf,
        };
        let kept = articles::KeptArticles::new(council, &keys, publication, options.fresh);
        let keeps_articles = articles::kept_for(council);
        let rendered = render_council(
            council,
            councils,
            settings,
            known,
            &to_render,
            keeps_articles.then_some(&kept as &dyn html::ArticleStore),
            &|path, bytes| publication.write(path, &bytes),
        )?;
        for (path, _) in &rendered.withheld {
            files.remove(path);
        }
        if keeps_articles {
            files.extend(kept.into_kept()?);
        }
        to_reuse
            .par_iter()
            .try_for_each(|path| publication.reuse(path))?;
        let published: std::collections::HashSet<String> =
            files.keys().map(|p| verification::slashed(p)).collect();
        let record = verification::council_record(council, sources, &|p| published.contains(p));
        let mut progress = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        progress.manifest.files.extend(files);
        progress.rendered += to_render.len() - rendered.withheld.len();
        progress.reused += to_reuse.len();
        progress.change_sets += rendered.change_sets;
        progress.withheld.extend(rendered.withheld);
        Ok(PublishedCouncil {
            summary: CouncilSummary::of(council),
            listed: listed_in_index(council, publication, options),
            record,
        })
    }

    /// Writes the site's own files (its index lists `councils`, in the
    /// order given) and the verification manifest, and publishes the site.
    pub fn finish(self, councils: Vec<PublishedCouncil>) -> Result<Built, Error> {
        let SiteBuild {
            publication,
            overrides,
            options,
            base,
            progress,
        } = self;
        let mut progress = progress.into_inner().unwrap_or_else(|e| e.into_inner());
        let site_key = base.site_key(councils.iter().map(|c| &c.summary));
        // The site's index lists only the councils published once this build is.
        let listed: Vec<&CouncilSummary> = councils
            .iter()
            .filter(|c| c.listed)
            .map(|c| &c.summary)
            .collect();
        let index_key = {
            let ids: Vec<&str> = listed.iter().map(|c| c.id.as_str()).collect();
            format!("{site_key}-{}", publish::digest(ids.join("/").as_bytes()))
        };
        let pages = plan_site(options.formats, !councils.is_empty());
        let tera = match pages.iter().any(|p| matches!(p, Page::SiteIndex)) {
            true => engine(None, overrides)?,
            false => Tera::default(),
        };
        for page in &pages {
            let path = page.path();
            let key = match page {
                Page::SiteIndex => index_key.clone(),
                _ => site_key.clone(),
            };
            match action(&publication, &path, &key, options) {
                Action::Reuse => {
                    publication.reuse(&path)?;
                    progress.reused += 1;
                }
                Action::Render => {
                    publication.write(&path, &render_site_page(page, &listed, &tera)?)?;
                    progress.rendered += 1;
                }
            }
            progress.manifest.files.insert(path, key);
        }
        let mut manifest = progress.manifest;
        // Last, the verification manifest, which vouches for every file
        // above: written as it is made, as it lists every file of the site.
        // Every file but the articles kept for the next build.
        let files = publication.sha256s(|path| {
            manifest.files.contains_key(path) && !path.starts_with(articles::ARTICLES_DIR)
        });
        let records: Vec<verification::CouncilRecord> =
            councils.into_iter().map(|c| c.record).collect();
        let path = PathBuf::from(verification::VERIFICATION_FILE);
        let generator = format!("clerk {}", options.version);
        let written = publication.write_streamed(&path, |out| {
            verification::write_manifest(out, &generator, &files, &records)
        })?;
        drop((files, records));
        manifest
            .files
            .insert(path, format!("{:032x}", written.fast));
        let count = |ext: &str| {
            manifest
                .files
                .keys()
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .count()
        };
        let built = (count("html"), count("pdf"), count("docx"));
        publication.commit(manifest)?;
        let mut withheld = progress.withheld;
        withheld.sort();
        Ok(Built {
            pages: built.0,
            pdfs: built.1,
            word_files: built.2,
            rendered: progress.rendered,
            reused: progress.reused,
            change_sets: progress.change_sets,
            withheld,
        })
    }
}

/// Builds `councils` into `out`: every page whose key changed is rendered
/// and written as it is made; the rest is reused; the new site replaces
/// the old in one step, or not at all. The councils are all held at once;
/// `clerk build` adds them one at a time to a [`SiteBuild`] instead.
///
/// `known` holds change sets already computed (by `check`, for committee
/// reports), by council id: they are used, not computed again.
pub fn build(
    councils: &[Council],
    overrides: &Overrides,
    mut known: HashMap<String, ChangeSets>,
    out: &Path,
    options: &BuildOptions,
) -> Result<Built, Error> {
    let site = SiteBuild::begin(out, overrides, options)?;
    let published = councils
        .iter()
        .map(|council| {
            site.add_council(CouncilInput {
                council,
                councils,
                sources: &options.sources,
                known: known.remove(&council.id).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    site.finish(published)
}

/// Renders every page of the plan in memory, as (path, bytes) in plan order:
/// for tests and fuzzing, which publish nothing.
pub fn render_in_memory(
    councils: &[Council],
    overrides: &Overrides,
    formats: Formats,
    options: &PdfOptions,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |path: &Path, bytes: Vec<u8>| {
        if let Ok(mut files) = files.lock() {
            files.push((path.to_path_buf(), bytes));
        }
        Ok(())
    };
    let summaries: Vec<CouncilSummary> = councils.iter().map(CouncilSummary::of).collect();
    let listed: Vec<&CouncilSummary> = summaries.iter().collect();
    let site_pages = plan_site(formats, !councils.is_empty());
    if !site_pages.is_empty() {
        let tera = engine(None, overrides)?;
        for page in &site_pages {
            sink(&page.path(), render_site_page(page, &listed, &tera)?)?;
        }
    }
    let settings = Settings {
        overrides,
        formats,
        pdf: options,
    };
    for council in councils {
        let pages = plan_council(council, formats);
        render_council(
            council,
            councils,
            settings,
            ChangeSets::default(),
            &pages,
            None,
            &sink,
        )?;
    }
    let mut files = files.into_inner().unwrap_or_default();
    let order: HashMap<PathBuf, usize> = plan(councils, formats)
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
    articles: html::Articles<'a>,
    /// The council's search index, made once for all its files.
    search: std::sync::OnceLock<SearchIndex>,
    /// Every council loaded with it, where a document's model may be.
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

/// The pairs of versions whose change sets `pages` show.
fn compared_pairs<'c>(pages: &[Page<'c>]) -> Vec<(&'c Document, &'c Document)> {
    let mut pairs = Vec::new();
    for page in pages {
        match *page {
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
    pairs
}

/// Renders `pages`, all of `council`, on every core, handing each to
/// `sink` as soon as it is made. PDFs come first: one that would pass a
/// size limit is withheld with a warning rather than failing the site, and
/// the HTML pages, made next, link only to the PDFs that are published.
fn render_council(
    council: &Council,
    councils: &[Council],
    settings: Settings<'_>,
    known: ChangeSets,
    pages: &[Page<'_>],
    store: Option<&dyn html::ArticleStore>,
    sink: Sink<'_>,
) -> Result<Rendered, Error> {
    let Settings {
        overrides,
        formats,
        pdf: options,
    } = settings;
    if pages.is_empty() {
        return Ok(Rendered {
            change_sets: 0,
            withheld: Vec::new(),
        });
    }
    let needs_templates = pages.iter().any(|p| p.format() == Format::Html);
    // The search index is made before the pages, on every core: made by
    // the first of its files to need it, the others would wait.
    let search = std::sync::OnceLock::new();
    if pages
        .iter()
        .any(|p| p.kind() == crate::render::PageKind::SearchIndex)
    {
        let _ = search.set(SearchIndex::new(council));
    }
    let mut context = CouncilContext {
        tera: if needs_templates {
            engine(Some(&council.id), overrides)?
        } else {
            Tera::default()
        },
        anchors: Anchors::new(council),
        changes: ChangeSets::compute_reusing(&compared_pairs(pages), known),
        downloads: Downloads::none(),
        articles: store.map_or_else(html::Articles::default, html::Articles::kept_in),
        search,
        councils,
    };
    let (pdfs, html): (Vec<&Page<'_>>, Vec<&Page<'_>>) =
        pages.iter().partition(|p| p.format() == Format::Pdf);
    let withheld = std::sync::Mutex::new(Vec::new());
    let render_pdf = |page: &&Page<'_>| match render_council_page(page, &context, options) {
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
    let prefix = Path::new(&council.id);
    let pdfs = match formats.contains(Format::Pdf) {
        true => Downloads::pdfs_except(withheld.iter().filter_map(|(path, _)| {
            let file = path.strip_prefix(prefix).ok()?;
            Some(file.to_string_lossy().into_owned())
        })),
        false => Downloads::none(),
    };
    context.downloads = pdfs.with_word(formats.contains(Format::Docx));
    html.par_iter()
        .try_for_each(|page| sink(&page.path(), render_council_page(page, &context, options)?))?;
    Ok(Rendered {
        change_sets: context.changes.computed(),
        withheld,
    })
}

/// The bytes of a page of the site itself, outside any council.
fn render_site_page(
    page: &Page<'_>,
    councils: &[&CouncilSummary],
    site: &Tera,
) -> Result<Vec<u8>, Error> {
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
