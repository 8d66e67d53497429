//! The page plan: every file a build publishes, decided in one place.

use std::path::PathBuf;

use crate::model::Date;
use crate::model::report::Report;
use crate::model::{Council, Document, superseded};
use crate::render::present::links::{
    CONTENTS_FILE, EDITIONS_FILE, SEARCH_FILE, SEARCH_SCRIPT_FILE, STYLESHEET_FILE,
    change_log_file, changes_file, constitution_file, document_file, edition_changes_file,
    edition_file, search_index_file,
};
use crate::render::search::{term_files, units_files};
use crate::render::{Format, PageKind};

/// Which formats a build publishes: a set of [`Format`]s.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Formats(u8);

impl Formats {
    /// Every format a build publishes: the HTML site, the PDFs and the Word files.
    pub const PUBLISHED: Formats =
        Formats(1 << Format::Html as u8 | 1 << Format::Pdf as u8 | 1 << Format::Docx as u8);

    /// One format alone.
    pub fn only(format: Format) -> Formats {
        Formats(1 << format as u8)
    }

    /// Whether the set holds `format`.
    pub fn contains(self, format: Format) -> bool {
        self.0 & (1 << format as u8) != 0
    }

    /// The formats in the set, in the order a build makes them.
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    /// Whether some format in the set makes `kind` of page.
    pub fn make(self, kind: PageKind) -> bool {
        self.iter().any(|f| f.makes(kind))
    }
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// One published file: what it shows and in which format.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    /// The list of councils, at the top of the site.
    SiteIndex,
    /// The stylesheet every HTML page links to.
    Stylesheet,
    /// The search's script, which every council's search page runs.
    SearchScript,
    /// A council's contents page.
    Contents(&'a Council),
    /// One version of a document.
    Document(&'a Council, &'a Document, Format),
    /// The tracked changes from the version `older` to `document`.
    Changes {
        council: &'a Council,
        older: &'a Document,
        document: &'a Document,
        format: Format,
    },
    /// The sections of the constitution in force, as one page or one PDF.
    Constitution(&'a Council, Format),
    /// A committee report with its generated appendices.
    Report(&'a Council, &'a Report, Format),
    /// The list of editions: each day a version came into force.
    Editions(&'a Council),
    /// The whole constitution as it stood on a day some version came into force.
    Edition(&'a Council, Date, Format),
    /// The tracked changes of the whole constitution from the edition of
    /// the first day to the edition of the second.
    EditionChanges(&'a Council, Date, Date),
    /// The change-control log: every edition, newest first, with its changes.
    ChangeLog(&'a Council, Format),
    /// A council's search page.
    Search(&'a Council),
    /// The search index's list of a council's documents and editions.
    SearchDocuments(&'a Council),
    /// One of the files of a council's search index that hold its words.
    SearchTerms(&'a Council, usize),
    /// The units of some versions, as search results show them: the
    /// file of that number.
    SearchUnits(&'a Council, usize),
}

impl<'a> Page<'a> {
    /// Where the page is published, relative to the output directory.
    pub fn path(&self) -> PathBuf {
        let in_council = |council: &Council, name: String| PathBuf::from(&council.id).join(name);
        match *self {
            Page::SiteIndex => PathBuf::from(CONTENTS_FILE),
            Page::Stylesheet => PathBuf::from(STYLESHEET_FILE),
            Page::SearchScript => PathBuf::from(SEARCH_SCRIPT_FILE),
            Page::Contents(council) => in_council(council, CONTENTS_FILE.to_string()),
            Page::Document(council, document, format) => {
                in_council(council, document_file(&document.id, format))
            }
            Page::Changes {
                council,
                document,
                format,
                ..
            } => in_council(council, changes_file(&document.id, format)),
            Page::Constitution(council, format) => in_council(council, constitution_file(format)),
            Page::Report(council, report, format) => {
                in_council(council, document_file(&report.id, format))
            }
            Page::Editions(council) => in_council(council, EDITIONS_FILE.to_string()),
            Page::Edition(council, date, format) => {
                in_council(council, edition_file(&date, format))
            }
            Page::EditionChanges(council, _, to) => in_council(council, edition_changes_file(&to)),
            Page::ChangeLog(council, format) => in_council(council, change_log_file(format)),
            Page::Search(council) => in_council(council, SEARCH_FILE.to_string()),
            Page::SearchDocuments(council) => in_council(council, search_index_file("index")),
            Page::SearchTerms(council, file) => {
                in_council(council, search_index_file(&format!("terms-{file}")))
            }
            Page::SearchUnits(council, file) => {
                in_council(council, search_index_file(&format!("units-{file}")))
            }
        }
    }

    /// The council the page belongs to; `None` for the site's own files.
    pub fn council(&self) -> Option<&'a Council> {
        match *self {
            Page::SiteIndex | Page::Stylesheet | Page::SearchScript => None,
            Page::Contents(council)
            | Page::Document(council, ..)
            | Page::Changes { council, .. }
            | Page::Constitution(council, _)
            | Page::Report(council, ..)
            | Page::Editions(council)
            | Page::Edition(council, ..)
            | Page::EditionChanges(council, ..)
            | Page::ChangeLog(council, _)
            | Page::Search(council)
            | Page::SearchDocuments(council)
            | Page::SearchTerms(council, _)
            | Page::SearchUnits(council, _) => Some(council),
        }
    }

    /// Whether the page is the whole constitution, today's or an
    /// edition's: a council's longest page by far.
    pub fn is_whole_constitution(&self) -> bool {
        matches!(self, Page::Constitution(..) | Page::Edition(..))
    }

    /// The kind of page, whatever its format.
    pub fn kind(&self) -> PageKind {
        match self {
            Page::SiteIndex => PageKind::SiteIndex,
            Page::Stylesheet => PageKind::Stylesheet,
            Page::Contents(_) => PageKind::Contents,
            Page::Document(..) => PageKind::Document,
            Page::Changes { .. } => PageKind::Changes,
            Page::Constitution(..) => PageKind::Constitution,
            Page::Report(..) => PageKind::Report,
            Page::Editions(_) => PageKind::Editions,
            Page::Edition(..) => PageKind::Edition,
            Page::EditionChanges(..) => PageKind::EditionChanges,
            Page::ChangeLog(..) => PageKind::ChangeLog,
            Page::Search(_) => PageKind::Search,
            Page::SearchScript
            | Page::SearchDocuments(_)
            | Page::SearchTerms(..)
            | Page::SearchUnits(..) => PageKind::SearchIndex,
        }
    }

    /// The page's format: the stylesheet counts as part of the HTML site.
    pub fn format(&self) -> Format {
        match *self {
            Page::SiteIndex
            | Page::Stylesheet
            | Page::SearchScript
            | Page::Contents(_)
            | Page::Editions(_)
            | Page::EditionChanges(..)
            | Page::Search(_)
            | Page::SearchDocuments(_)
            | Page::SearchTerms(..)
            | Page::SearchUnits(..) => Format::Html,
            Page::Document(.., format)
            | Page::Changes { format, .. }
            | Page::Constitution(_, format)
            | Page::Report(.., format)
            | Page::Edition(.., format)
            | Page::ChangeLog(_, format) => format,
        }
    }
}

/// Every page a build of `councils` publishes in `formats`, in a stable
/// order: the site's own files, then each council's pages.
pub fn plan(councils: &[Council], formats: Formats) -> Vec<Page<'_>> {
    let mut pages = plan_site(formats, !councils.is_empty());
    for council in councils {
        pages.extend(plan_council(council, formats));
    }
    pages
}

/// The site's own files, outside any council: its index, the stylesheet,
/// and the search script when there is a council to search.
pub fn plan_site(formats: Formats, any_council: bool) -> Vec<Page<'static>> {
    let mut pages = Vec::new();
    // The site's own files and a council's lists are HTML pages only.
    if formats.make(PageKind::SiteIndex) {
        pages.push(Page::SiteIndex);
    }
    if formats.make(PageKind::Stylesheet) {
        pages.push(Page::Stylesheet);
    }
    if formats.make(PageKind::Search) && any_council {
        pages.push(Page::SearchScript);
    }
    pages
}

/// Every page of one council in `formats`, in a stable order: each format
/// makes the kinds of page [`Format::makes`] allows.
pub fn plan_council(council: &Council, formats: Formats) -> Vec<Page<'_>> {
    let mut pages = Vec::new();
    let search = formats.make(PageKind::Search);
    if formats.make(PageKind::Contents) {
        pages.push(Page::Contents(council));
    }
    if search {
        pages.push(Page::Search(council));
        pages.push(Page::SearchDocuments(council));
        pages.extend((0..term_files(council)).map(|file| Page::SearchTerms(council, file)));
        pages.extend((0..units_files(council)).map(|file| Page::SearchUnits(council, file)));
    }
    if formats.make(PageKind::Editions) {
        pages.push(Page::Editions(council));
    }
    let dated: Vec<Date> = crate::model::editions(council)
        .iter()
        .filter_map(|e| e.date)
        .collect();
    for format in formats.iter() {
        for document in &council.documents {
            if format.makes(PageKind::Document) {
                pages.push(Page::Document(council, document, format));
            }
            if let Some(older) = superseded(council, document)
                && format.makes(PageKind::Changes)
            {
                pages.push(Page::Changes {
                    council,
                    older,
                    document,
                    format,
                });
            }
        }
        if format.makes(PageKind::Constitution) {
            pages.push(Page::Constitution(council, format));
        }
        if format.makes(PageKind::ChangeLog) {
            pages.push(Page::ChangeLog(council, format));
        }
        if format.makes(PageKind::Edition) {
            for date in &dated {
                pages.push(Page::Edition(council, *date, format));
            }
        }
        // The editions are newest first: each with the one before it.
        if format.makes(PageKind::EditionChanges) {
            for pair in dated.windows(2) {
                pages.push(Page::EditionChanges(council, pair[1], pair[0]));
            }
        }
        if format.makes(PageKind::Report) {
            for report in &council.reports {
                pages.push(Page::Report(council, report, format));
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::RESERVED_COUNCIL_NAMES;

    /// `clerk check` refuses council folders named as the site's own files,
    /// so the two lists must agree.
    #[test]
    fn check_reserves_every_file_at_the_top_of_the_site() {
        let council = Council {
            id: "bury".to_string(),
            name: "Bury Council".to_string(),
            short_name: "Bury".to_string(),
            parts: Vec::new(),
            branding: Default::default(),
            documents: Vec::new(),
            reports: Vec::new(),
            as_at: None,
            retired_terms: Vec::new(),
            delegated_powers: Vec::new(),
            successors: Default::default(),
        };
        let councils = [council];
        let top: Vec<PathBuf> = plan(&councils, Formats::PUBLISHED)
            .iter()
            .filter(|page| page.council().is_none())
            .map(Page::path)
            .collect();
        assert!(!top.is_empty());
        assert!(RESERVED_COUNCIL_NAMES.contains(&super::super::verification::VERIFICATION_FILE));
        for path in top {
            let name = path.to_str().unwrap();
            assert!(
                RESERVED_COUNCIL_NAMES.contains(&name),
                "{name} is written beside the council folders but check does not reserve it"
            );
        }
    }
}
