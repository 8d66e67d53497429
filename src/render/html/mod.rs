//! The HTML pages of the site: model to view structs ([`view`]) to tera
//! ([`templates`]) to bytes. One function per kind of page, the tracked
//! changes ([`changes`]) and committee reports ([`report`]) among them;
//! which pages a build writes, and where, is the site layer's decision.

pub mod changes;
pub mod inline;
mod report;
mod search;
pub mod templates;
pub mod view;

pub use changes::{ChangesView, changes_page, changes_view, standalone_changes_page, tables_page};
pub use report::report_html;
pub use search::search_page;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::Error;
use crate::diff::sets::ChangeSets;
use crate::model::{Council, CouncilSummary, Document, current_version};
use crate::render::html::templates::error_chain;
use crate::render::present::history::{History, history};
use crate::render::present::links::{
    Anchors, CONTENTS_FILE, Downloads, Format, Links, SEARCH_FILE, changes_file, constitution_file,
    document_file,
};
use crate::render::present::{contents, log};
use view::{CouncilLink, DocumentView, PageMeta};

const DEFAULT_COLOUR: &str = "#1f3d63";

/// The site's front page: the list of councils.
pub fn site_index(councils: &[&CouncilSummary], tera: &Tera) -> Result<Vec<u8>, Error> {
    let links: Vec<CouncilLink> = councils
        .iter()
        .map(|c| CouncilLink {
            id: c.id.clone(),
            name: c.name.clone(),
            href: format!("{}/{CONTENTS_FILE}", c.id),
            search_href: format!("{}/{SEARCH_FILE}", c.id),
            documents: c.documents,
        })
        .collect();
    let meta = page_meta("Council constitutions", "en-GB", "", None);
    page(
        tera,
        "site-index.html",
        CONTENTS_FILE,
        &SiteIndex {
            meta,
            councils: links,
        },
    )
}

/// The language of a council's own pages: its first document's.
fn council_lang(council: &Council) -> &str {
    council
        .documents
        .first()
        .map_or("en-GB", |d| d.front_matter.lang.as_str())
}

/// A council's contents page: its Parts, documents and committee reports.
pub fn contents_page(
    council: &Council,
    downloads: &Downloads,
    tera: &Tera,
) -> Result<Vec<u8>, Error> {
    let parts = contents::parts(council);
    let contents = CouncilIndex {
        nothing_in_force: !parts.iter().any(|p| p.in_force && !p.documents.is_empty()),
        constitution_pdf: downloads.pdf(constitution_file(Format::Pdf)),
        meta: page_meta("Contents", council_lang(council), "../", Some(council)),
        council: CouncilInfo::new(council),
        parts,
        reports: council
            .reports
            .iter()
            .map(contents::ReportLink::new)
            .collect(),
    };
    page(
        tera,
        "council-index.html",
        &format!("{}/{CONTENTS_FILE}", council.id),
        &contents,
    )
}

/// A document's page.
pub fn document_page(
    council: &Council,
    document: &Document,
    anchors: &Anchors<'_>,
    downloads: &Downloads,
    history: &History,
    tera: &Tera,
) -> Result<Vec<u8>, Error> {
    let links = Links::with_anchors(council, anchors, &[document], false);
    let mut view = view::document(council, document, &links, false, 1);
    view::annotate(&mut view, history, &document.id, false);
    // The version in force names the changes approved and still to come.
    if current_version(council, &document.id).is_some_and(|c| c.id == document.id) {
        view.summary.on_its_way = contents::on_its_way(council, document)
            .into_iter()
            .filter(|next| next.approved)
            .collect();
    }
    view.pdf_href = downloads.pdf(document_file(&document.id, Format::Pdf));
    if view.changes_href.is_some() {
        view.changes_word_href = downloads.word(changes_file(&document.id, Format::Docx));
    }
    let meta = page_meta(
        &document.front_matter.title,
        &document.front_matter.lang,
        "../",
        Some(council),
    );
    page(
        tera,
        "document.html",
        &format!(
            "{}/{}",
            council.id,
            document_file(&document.id, Format::Html)
        ),
        &DocumentPage {
            meta,
            document: view,
        },
    )
}

/// The whole constitution on one page: the current version of every listed document.
pub fn constitution_page(
    council: &Council,
    anchors: &Anchors<'_>,
    downloads: &Downloads,
    edition: Option<crate::model::Date>,
    articles: &Articles<'_>,
    changes: &ChangeSets,
    tera: &Tera,
) -> Result<Vec<u8>, Error> {
    let current: Vec<&Document> = contents::parts_in_force(council)
        .iter()
        .flat_map(|p| p.documents.iter())
        .filter_map(|d| current_version(council, &d.id))
        .collect();
    let links = Links::with_anchors(council, anchors, &current, true);
    let file = match edition {
        Some(date) => crate::render::present::links::edition_file(&date, Format::Html),
        None => constitution_file(Format::Html),
    };
    let name = format!("{}/{file}", council.id);
    let standings = standings(council);
    let in_force = contents::parts_in_force(council);
    // Each document's article on its own, on every core.
    let made: Vec<Vec<Arc<Article>>> = in_force
        .iter()
        .map(|part| {
            let documents: Vec<&Document> = part
                .documents
                .iter()
                .filter_map(|d| council.document(&d.id))
                .collect();
            documents
                .par_iter()
                .map(|d| {
                    articles.get_or_make(council, d, standings, || {
                        let history = history(council, d, changes);
                        constitution_article(council, d, &links, &history, tera, &name)
                    })
                })
                .collect::<Result<_, _>>()
        })
        .collect::<Result<_, _>>()?;
    // The template places a marker where each article goes, and the
    // articles are put in after: their text is not copied through the
    // template engine.
    let in_order: Vec<&Article> = made.iter().flatten().map(AsRef::as_ref).collect();
    let nonce = nonce(&in_order);
    let mut markers = (0..).map(|index| marker(&nonce, index));
    let parts = in_force
        .into_iter()
        .zip(&made)
        .map(|(part, articles)| ConstitutionPart {
            number: part.number,
            title: part.title,
            documents: articles
                .iter()
                .zip(&mut markers)
                .map(|(article, marker)| ConstitutionDocument {
                    id: article.id.clone(),
                    summary: article.summary.clone(),
                    article: marker,
                })
                .collect(),
        })
        .collect();
    let title = match edition {
        Some(date) => format!("The constitution as at {}", date.long_form()),
        None => "Whole constitution".to_string(),
    };
    let whole = ConstitutionPage {
        meta: page_meta(&title, council_lang(council), "../", Some(council)),
        as_at: edition.map(|d| d.long_form()),
        council: CouncilInfo::new(council),
        constitution_pdf: match edition {
            Some(date) => downloads.pdf(crate::render::present::links::edition_file(
                &date,
                Format::Pdf,
            )),
            None => downloads.pdf(constitution_file(Format::Pdf)),
        },
        edition: crate::model::identity::current_edition(council).to_string(),
        nothing_in_force: current.is_empty(),
        parts,
    };
    let frame = render(tera, "constitution.html", &name, &whole)?;
    Ok(put_articles(&frame, &nonce, &in_order).into_bytes())
}

/// What makes a page's markers its own: a digest of its articles, which
/// no text of the page can know in advance.
fn nonce(articles: &[&Article]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    articles.iter().for_each(|a| a.html.hash(&mut hasher));
    format!("{:016x}", hasher.finish())
}

/// The marker standing for article `index` in the page's template output.
fn marker(nonce: &str, index: usize) -> String {
    format!("\u{1}{nonce}:{index}\u{1}")
}

/// `frame` with each article's marker replaced by the article, tidied.
fn put_articles(frame: &str, nonce: &str, articles: &[&Article]) -> String {
    let size = frame.len() + articles.iter().map(|a| a.html.len()).sum::<usize>();
    let mut out = Tidy::with_capacity(size);
    let opening = format!("\u{1}{nonce}:");
    let mut rest = frame;
    while let Some(at) = rest.find(&opening) {
        let after = &rest[at + opening.len()..];
        let article = after.find('\u{1}').and_then(|end| {
            let index: usize = after[..end].parse().ok()?;
            Some((articles.get(index)?, end))
        });
        match article {
            Some((article, end)) => {
                out.push(&rest[..at]);
                out.push(&article.html);
                rest = &after[end + 1..];
            }
            None => {
                out.push(&rest[..at + opening.len()]);
                rest = after;
            }
        }
    }
    out.push(rest);
    out.finish()
}

/// Where the articles an earlier build made are kept, each under a key
/// made of everything the article is made of: a build reuses an article
/// whose key has not changed rather than make it again.
pub trait ArticleStore: Sync {
    /// The key of document `id`'s article when every document of the
    /// council stands as `standings` says; `None` to make it afresh.
    fn key(&self, id: &str, standings: u64) -> Option<String>;
    /// The article kept under `key`, if there is one.
    fn load(&self, key: &str) -> Option<String>;
    /// Keeps an article just made under `key`.
    fn save(&self, key: &str, html: &str) -> Result<(), Error>;
}

/// The articles of the whole-constitution pages of one build. An article
/// is made from its document and from which version of every document
/// stands in force, so the constitution and an edition of it in which the
/// same versions stand share their articles: each is made once, or taken
/// from the store an earlier build left.
#[derive(Default)]
pub struct Articles<'s> {
    made: std::sync::Mutex<HashMap<(u64, String), Arc<ArticleSlot>>>,
    store: Option<&'s dyn ArticleStore>,
}

/// One article, or why it could not be made, once a page has made it.
type ArticleSlot = OnceLock<Result<Arc<Article>, String>>;

/// A document's article on the whole-constitution page, and what the page
/// shows of it in its contents.
struct Article {
    id: String,
    summary: contents::DocumentSummary,
    html: String,
}

impl<'s> Articles<'s> {
    /// Articles taken from `store` where it holds them, and kept there.
    pub fn kept_in(store: &'s dyn ArticleStore) -> Articles<'s> {
        Articles {
            made: Default::default(),
            store: Some(store),
        }
    }

    /// The article of `document` under `standings`, made by `make` if no
    /// page has made it yet (a page making it now is waited for) and the
    /// store does not hold it.
    fn get_or_make(
        &self,
        council: &Council,
        document: &Document,
        standings: u64,
        make: impl FnOnce() -> Result<Article, Error>,
    ) -> Result<Arc<Article>, Error> {
        let slot = {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            made.entry((standings, document.id.clone()))
                .or_default()
                .clone()
        };
        slot.get_or_init(|| {
            let Some((store, key)) = self
                .store
                .and_then(|store| Some((store, store.key(&document.id, standings)?)))
            else {
                return make().map(Arc::new).map_err(|e| e.message);
            };
            if let Some(html) = store.load(&key) {
                return Ok(Arc::new(Article {
                    id: document.id.clone(),
                    summary: contents::document_summary(council, document),
                    html,
                }));
            }
            let article = make().map_err(|e| e.message)?;
            store.save(&key, &article.html).map_err(|e| e.message)?;
            Ok(Arc::new(article))
        })
        .clone()
        .map_err(Error::new)
    }
}

/// A digest of how every document of the council stands on its reading date.
fn standings(council: &Council) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for document in &council.documents {
        (&document.id, crate::model::standing(council, document)).hash(&mut hasher);
    }
    hasher.finish()
}

/// One document's article of the whole-constitution page `name`.
fn constitution_article(
    council: &Council,
    document: &Document,
    links: &Links<'_>,
    history: &History,
    tera: &Tera,
    name: &str,
) -> Result<Article, Error> {
    let mut view = view::document(council, document, links, true, 3);
    view::annotate(&mut view, history, &document.id, true);
    let mut html = render(
        tera,
        "constitution-document.html",
        name,
        &ArticleView { document: &view },
    )?;
    html.truncate(html.trim_end().len());
    Ok(Article {
        id: view.id,
        summary: view.summary,
        html,
    })
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
        search_href: council.map(|_| SEARCH_FILE.to_string()),
        colour,
        inline_css: None,
        standalone: false,
        generator: format!("clerk {}", env!("CARGO_PKG_VERSION")),
    }
}

/// A council's list of editions (`editions_only`) or its change-control
/// log: every edition, newest first, with what changed.
pub fn change_log_page(
    council: &Council,
    changes: &crate::diff::sets::ChangeSets,
    downloads: &Downloads,
    editions_only: bool,
    tera: &Tera,
) -> Result<Vec<u8>, Error> {
    let title = if editions_only {
        "Editions of the constitution"
    } else {
        "Changes to the constitution"
    };
    let file = if editions_only {
        crate::render::present::links::EDITIONS_FILE.to_string()
    } else {
        crate::render::present::links::change_log_file(Format::Html)
    };
    page(
        tera,
        "change-log.html",
        &format!("{}/{file}", council.id),
        &ChangeLogPage {
            meta: page_meta(title, council_lang(council), "../", Some(council)),
            editions_only,
            editions: log::editions(council, changes, downloads),
            pending: log::pending(council, changes),
            unreported: log::unreported(council, changes),
            retires_terms: !council.retired_terms.is_empty() && !editions_only,
            terms_in_use: log::retired_terms_in_use(council)
                .into_iter()
                .map(|d| TermsInUseView {
                    terms: d.described(),
                    title: d.title,
                    version: d.version,
                    href: d.href,
                })
                .collect(),
        },
    )
}

#[derive(Serialize)]
struct ChangeLogPage {
    meta: PageMeta,
    editions_only: bool,
    editions: Vec<log::EditionView>,
    /// Versions not yet in force, with what they would change.
    pending: Vec<log::LogVersion>,
    /// Amendments made under a delegated power, not yet reported.
    unreported: Vec<log::LogVersion>,
    /// Whether the council has retired terms (and this is the change log).
    retires_terms: bool,
    /// The versions in force or on their way that still use them.
    terms_in_use: Vec<TermsInUseView>,
}

#[derive(Serialize)]
struct TermsInUseView {
    title: String,
    version: String,
    href: String,
    /// Its terms described: "“Executive” (3 times; now “Cabinet”); ...".
    terms: String,
}

/// Renders `view` with `template`; `name` says which page failed, if one does.
fn page(tera: &Tera, template: &str, name: &str, view: &impl Serialize) -> Result<Vec<u8>, Error> {
    Ok(tidy(&render(tera, template, name, view)?).into_bytes())
}

/// `view` through `template`, for the page `name` (which errors name).
fn render(tera: &Tera, template: &str, name: &str, view: &impl Serialize) -> Result<String, Error> {
    let context = Context::from_serialize(view)
        .map_err(|e| Error::new(format!("cannot prepare {name}: {}", error_chain(&e))))?;
    tera.render(template, &context).map_err(|e| {
        Error::new(format!(
            "cannot render {name} with template {template}: {}",
            error_chain(&e)
        ))
    })
}

/// Drops trailing spaces and runs of blank lines that template tags leave.
pub fn tidy(html: &str) -> String {
    let mut tidy = Tidy::with_capacity(html.len());
    tidy.push(html);
    tidy.finish()
}

/// [`tidy`] over text given in pieces, which may break anywhere: the
/// pieces are tidied as one text, with no copy of the whole made first.
struct Tidy {
    out: String,
    /// The start of a line whose end is in a later piece.
    partial: String,
    blank: bool,
}

impl Tidy {
    fn with_capacity(capacity: usize) -> Self {
        Tidy {
            out: String::with_capacity(capacity),
            partial: String::new(),
            blank: false,
        }
    }

    fn push(&mut self, mut piece: &str) {
        while let Some(end) = piece.find('\n') {
            if self.partial.is_empty() {
                self.line(&piece[..end]);
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.push_str(&piece[..end]);
                self.line(&line);
            }
            piece = &piece[end + 1..];
        }
        self.partial.push_str(piece);
    }

    fn line(&mut self, line: &str) {
        let line = line.trim_end();
        if line.is_empty() {
            if !self.blank {
                self.out.push('\n');
            }
            self.blank = true;
            return;
        }
        self.blank = false;
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.line(&line);
        }
        self.out
    }
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
    /// No document is in force yet: the page says so first.
    nothing_in_force: bool,
    /// The whole constitution as PDF, when it is published.
    constitution_pdf: Option<String>,
    council: CouncilInfo,
    parts: Vec<contents::PartView>,
    reports: Vec<contents::ReportLink>,
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
    documents: Vec<ConstitutionDocument>,
}

/// A document of the whole-constitution page: its anchor and summary for
/// the contents, and where its article (made by
/// `constitution-document.html`) goes.
#[derive(Serialize)]
struct ConstitutionDocument {
    id: String,
    summary: contents::DocumentSummary,
    article: String,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    document: &'a DocumentView,
}

#[derive(Serialize)]
struct ConstitutionPage {
    meta: PageMeta,
    /// The day this edition shows the constitution as at, if it is one.
    as_at: Option<String>,
    council: CouncilInfo,
    constitution_pdf: Option<String>,
    /// The edition's identifier, as its PDF and the editions page print it.
    edition: String,
    /// No document is in force yet: the page says so.
    nothing_in_force: bool,
    parts: Vec<ConstitutionPart>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(html: &str) -> Article {
        Article {
            id: "a".into(),
            summary: contents::DocumentSummary::default(),
            html: html.into(),
        }
    }

    #[test]
    fn tidying_in_pieces_is_tidying_the_whole() {
        let text = "a  \n\n\n  b\r\n\n<p>x</p>   \n\n\nend  ";
        for size in 1..text.len() {
            let mut tidy_pieces = Tidy::with_capacity(0);
            let mut rest = text;
            while !rest.is_empty() {
                let mut cut = size.min(rest.len());
                while !rest.is_char_boundary(cut) {
                    cut += 1;
                }
                tidy_pieces.push(&rest[..cut]);
                rest = &rest[cut..];
            }
            assert_eq!(tidy_pieces.finish(), tidy(text), "pieces of {size}");
        }
    }

    #[test]
    fn each_marker_becomes_its_article_and_nothing_else_is_touched() {
        let (one, two) = (
            article("<article>1</article>"),
            article("<article>2</article>"),
        );
        let frame = format!(
            "<h1>x</h1>\n{}\n{}\n<p>{}</p>\n",
            marker("n", 1),
            marker("n", 0),
            // Another nonce, and an index past the end: left as they are.
            marker("m", 0) + &marker("n", 7)
        );
        let page = put_articles(&frame, "n", &[&one, &two]);
        assert_eq!(
            page,
            format!(
                "<h1>x</h1>\n<article>2</article>\n<article>1</article>\n<p>{}</p>\n",
                marker("m", 0) + &marker("n", 7)
            )
        );
    }
}
