//! What every renderer shares about places: the file name of each kind of
//! page, where a cross-reference points from the page being built, and
//! which web addresses may be published. HTML and PDF both resolve links
//! here, so they cannot drift apart.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{Council, Document, LinkTarget};
pub use crate::render::present::format::Format;

/// The file of a document (or a committee report) in its council's folder.
pub fn document_file(id: &str, format: Format) -> String {
    format!("{id}.{}", format.extension())
}

/// The file of the tracked changes that document `id` makes to the version it supersedes.
pub fn changes_file(id: &str, format: Format) -> String {
    format!("{id}-changes.{}", format.extension())
}

/// The file of a council's whole constitution.
pub fn constitution_file(format: Format) -> String {
    format!("constitution.{}", format.extension())
}

/// A council's list of editions: each day a version came into force.
pub const EDITIONS_FILE: &str = "editions.html";

/// The file of a council's change-control log.
pub fn change_log_file(format: Format) -> String {
    format!("change-log.{}", format.extension())
}

/// The file of the whole constitution as it stood on `date` (a time-stable
/// address a citation can point at).
pub fn edition_file(date: &crate::model::Date, format: Format) -> String {
    format!("as-at-{date}.{}", format.extension())
}

/// The file of the tracked changes of the whole constitution from the
/// edition before to the edition of `date`.
pub fn edition_changes_file(date: &crate::model::Date) -> String {
    format!("as-at-{date}-changes.html")
}

/// A council's contents page, and the site's list of councils.
pub const CONTENTS_FILE: &str = "index.html";

/// The stylesheet every page links to.
pub const STYLESHEET_FILE: &str = "style.css";

/// The search's script, beside the stylesheet.
pub const SEARCH_SCRIPT_FILE: &str = "search.js";

/// A council's search page.
pub const SEARCH_FILE: &str = "search.html";

/// The folder of a council's search index, in its council's folder.
pub const SEARCH_INDEX_FOLDER: &str = "search";

/// A file of a council's search index: `index`, `terms-N` or `doc-ID`,
/// in [`SEARCH_INDEX_FOLDER`].
pub fn search_index_file(name: &str) -> String {
    format!("{SEARCH_INDEX_FOLDER}/{name}.js")
}

/// Which PDFs and Word files are published beside a council's HTML pages,
/// so a page offers only downloads that exist: none in an HTML-only build,
/// and not a PDF the build withheld for passing a size limit.
#[derive(Debug, Clone, Default)]
pub struct Downloads {
    pdfs: bool,
    word: bool,
    withheld: std::collections::BTreeSet<String>,
}

impl Downloads {
    /// No PDFs: an HTML-only build, or a page standing alone.
    pub fn none() -> Self {
        Downloads::default()
    }

    /// Every PDF but those in `withheld` (file names in the council's folder).
    pub fn pdfs_except(withheld: impl IntoIterator<Item = String>) -> Self {
        Downloads {
            pdfs: true,
            word: false,
            withheld: withheld.into_iter().collect(),
        }
    }

    /// The same downloads, with the Word files if `word`.
    pub fn with_word(self, word: bool) -> Self {
        Downloads { word, ..self }
    }

    /// The link to the Word file named `file`, if it is published.
    pub fn word(&self, file: String) -> Option<String> {
        self.word.then_some(file)
    }

    /// The link to the PDF named `file`, if it is published.
    pub fn pdf(&self, file: String) -> Option<String> {
        (self.pdfs && !self.withheld.contains(&file)).then_some(file)
    }
}

/// The address of an external link if it may be published: only web, mail
/// and telephone addresses, trimmed; never `javascript:`, `data:` or a file.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        .then_some(url)
}

/// The anchor of every clause and numbered section of a council, built once.
#[derive(Clone)]
pub struct Anchors<'a> {
    /// Anchor ids by (document id, label number); the first occurrence wins.
    map: HashMap<(&'a str, &'a str), &'a str>,
    /// The anchors of defined terms' definitions by (document id, anchor).
    definitions: std::collections::HashSet<(&'a str, String)>,
}

impl<'a> Anchors<'a> {
    /// Indexes every clause and numbered section of `council`.
    pub fn new(council: &'a Council) -> Self {
        let mut map = HashMap::new();
        let mut definitions = std::collections::HashSet::new();
        for document in &council.documents {
            for definition in document.definitions() {
                definitions.insert((document.id.as_str(), definition.anchor));
            }
            for clause in document.clauses() {
                map.entry((document.id.as_str(), clause.label.number()))
                    .or_insert(clause.id.as_str());
            }
            for section in &document.sections {
                if let Some(label) = &section.label {
                    map.entry((document.id.as_str(), label.number()))
                        .or_insert(section.id.as_str());
                }
            }
        }
        Anchors { map, definitions }
    }
}

/// Where a link leads, from the page being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A place on this page (or in this PDF): the anchor id.
    Here(String),
    /// Another document of the council, at a clause or section when `anchor` is set.
    Document { id: String, anchor: Option<String> },
    /// A web, mail or telephone address that may be published.
    External(String),
}

impl Destination {
    /// The `href` of the destination on an HTML page of the council's site.
    pub fn href(&self) -> String {
        match self {
            Destination::Here(anchor) => format!("#{anchor}"),
            Destination::Document { id, anchor: None } => document_file(id, Format::Html),
            Destination::Document {
                id,
                anchor: Some(anchor),
            } => format!("{}#{anchor}", document_file(id, Format::Html)),
            Destination::External(url) => url.clone(),
        }
    }
}

/// Where cross-references point from the page being built.
pub struct Links<'a> {
    council: &'a Council,
    anchors: Cow<'a, Anchors<'a>>,
    /// Documents shown on this page, and the prefix of their anchor ids.
    on_page: HashMap<&'a str, String>,
}

impl<'a> Links<'a> {
    /// Links for a page that shows `documents`, with anchor ids prefixed as
    /// [`anchor_prefix`] says. Indexes the council's anchors; when building
    /// many pages, index them once and use [`Links::with_anchors`].
    pub fn new(council: &'a Council, documents: &[&'a Document], consolidated: bool) -> Self {
        Self::build(
            council,
            Cow::Owned(Anchors::new(council)),
            documents,
            consolidated,
        )
    }

    /// Links for a page, using anchors already indexed.
    pub fn with_anchors(
        council: &'a Council,
        anchors: &'a Anchors<'a>,
        documents: &[&'a Document],
        consolidated: bool,
    ) -> Self {
        Self::build(council, Cow::Borrowed(anchors), documents, consolidated)
    }

    fn build(
        council: &'a Council,
        anchors: Cow<'a, Anchors<'a>>,
        documents: &[&'a Document],
        consolidated: bool,
    ) -> Self {
        let on_page = documents
            .iter()
            .map(|d| (d.id.as_str(), anchor_prefix(&d.id, consolidated)))
            .collect();
        Links {
            council,
            anchors,
            on_page,
        }
    }

    /// Where a link in document `from` leads, or `None` when it may not be
    /// published: a cross-reference that does not resolve (the checker has
    /// reported it) or an address with a scheme that is not allowed.
    pub fn resolve(&self, from: &str, target: &LinkTarget) -> Option<Destination> {
        match target {
            LinkTarget::External { url } => {
                safe_url(url).map(|url| Destination::External(url.to_string()))
            }
            LinkTarget::CrossRef { document, clause } => {
                self.cross_reference(from, document.as_deref(), clause.as_deref())
            }
        }
    }

    fn cross_reference(
        &self,
        from: &str,
        document: Option<&str>,
        clause: Option<&str>,
    ) -> Option<Destination> {
        let target = document.unwrap_or(from);
        self.council.document(target)?;
        let anchor = match clause.filter(|c| !c.is_empty()) {
            Some(label) => Some(
                match self.anchors.map.get(&(target, label.trim_end_matches('.'))) {
                    Some(anchor) => anchor.to_string(),
                    None => {
                        // A defined term's definition: `#d-chief-officer` or `#chief-officer`.
                        let lower = label.to_lowercase();
                        let wanted = match lower.starts_with("d-") {
                            true => lower,
                            false => format!("d-{lower}"),
                        };
                        self.anchors
                            .definitions
                            .contains(&(target, wanted.clone()))
                            .then_some(wanted)?
                    }
                },
            ),
            None => None,
        };
        Some(match (self.on_page.get(target), anchor) {
            (Some(prefix), Some(anchor)) => Destination::Here(format!("{prefix}{anchor}")),
            (Some(prefix), None) if !prefix.is_empty() => {
                Destination::Here(prefix.trim_end_matches('-').to_string())
            }
            (_, anchor) => Destination::Document {
                id: target.to_string(),
                anchor,
            },
        })
    }
}

/// Anchor ids are prefixed with the document id on the consolidated page,
/// where several documents share one page.
pub fn anchor_prefix(document: &str, consolidated: bool) -> String {
    if consolidated {
        format!("{document}--")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_telephone_addresses_are_published() {
        assert_eq!(safe_url(" https://x.gov.uk "), Some("https://x.gov.uk"));
        assert_eq!(safe_url("tel:0161"), Some("tel:0161"));
        assert_eq!(safe_url("MAILTO:a@b"), Some("MAILTO:a@b"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
    }
}
