//! Word (.docx) output: tracked changes as real Word revisions, which a
//! report author can review, accept and reject in Word or LibreOffice.
//!
//! Two stages: [`revisions`] turns the change set into paragraphs whose
//! every run and paragraph mark carries its revision; [`package`] writes
//! them as WordprocessingML in a zip package. XML comes from quick-xml's
//! writer, the package from the zip crate; the bytes depend on nothing but
//! the change set and the options, so the same sources give the same file.

pub mod content;
mod package;
mod report;
pub mod revisions;

use crate::Error;
use crate::diff::ChangeSet;
use crate::model::Date;
use crate::model::front_matter::FrontMatter;
use content::Furniture;

/// Who and when the revisions are attributed to.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// The revisions' author, such as the council or the approving body.
    pub author: String,
    /// The revisions' date: the revised version's, else the one the
    /// caller gives (a report's meeting, the day a site is built for).
    /// Word needs a date on a move: with none, moves are written as
    /// deletions and insertions.
    pub date: Option<Date>,
    /// Where the date comes from when the revised version gives none,
    /// said in the file's properties (its description).
    pub dated_by: Option<String>,
    /// The document's language, such as `en-GB`.
    pub language: String,
    /// The council's name, for the page header.
    pub council: String,
    /// What every page says of a version not in force, such as
    /// "PROPOSED: NOT IN FORCE".
    pub mark: Option<String>,
}

impl DocxOptions {
    /// The revisions attributed to the revised version's council, on the
    /// day it takes effect (or was adopted, or approved).
    pub fn revised(front_matter: &FrontMatter) -> DocxOptions {
        DocxOptions {
            author: front_matter.council.clone(),
            date: front_matter
                .effective
                .or(front_matter.adopted)
                .or(front_matter.approved_by.as_ref().and_then(|a| a.date)),
            language: front_matter.lang.clone(),
            dated_by: None,
            council: String::new(),
            mark: match front_matter.status {
                crate::model::Status::Draft => Some("DRAFT: NOT IN FORCE".to_string()),
                crate::model::Status::Proposed => Some("PROPOSED: NOT IN FORCE".to_string()),
                _ => None,
            },
        }
    }
}

impl DocxOptions {
    /// The revisions of `document` in a council's build: attributed to the
    /// council, on the day the version takes effect (or was adopted, or
    /// approved).
    /// A version with no date of its own takes the meeting date of the
    /// report proposing it, else the day the site is built for.
    pub fn for_council(council: &crate::model::Council, document: &crate::model::Document) -> Self {
        let mut options = DocxOptions {
            author: council.name.clone(),
            council: council.name.clone(),
            mark: crate::render::present::contents::standing_mark(council, document)
                .map(str::to_string),
            ..DocxOptions::revised(&document.front_matter)
        };
        if options.date.is_none() {
            let report = council.reports.iter().find(|r| {
                r.compared_versions()
                    .iter()
                    .any(|(_, new)| *new == document.id)
            });
            let (date, by) = match (report, council.as_at) {
                (Some(report), _) => (
                    Some(report.front_matter.meeting_date),
                    format!(
                        "the meeting date of the report proposing this version, “{}”",
                        report.front_matter.title
                    ),
                ),
                (None, Some(day)) => (Some(day), "the day the site was built for".to_string()),
                (None, None) => (None, String::new()),
            };
            options.date_from(date, &by);
        }
        options
    }

    /// Dates the revisions `date`, saying where the date comes from, when
    /// the revised version gives none.
    pub fn date_from(&mut self, date: Option<Date>, by: &str) {
        if self.date.is_some() {
            return;
        }
        if let Some(date) = date {
            self.date = Some(date);
            self.dated_by = Some(format!(
                "Revisions dated {}, {by}: the revised version records no date of its own.",
                date.long_form()
            ));
        }
    }
}

/// A committee report as a Word document: its cover table, numbered
/// sections and generated appendices, the tracked-changes appendix as Word
/// revisions. They are attributed to the council on the revised version's
/// date, or else the meeting's (the day the revision is put to it).
pub fn report_docx(
    report: &crate::model::report::Report,
    prepared: &[crate::render::present::report::Prepared<'_>],
    council: &crate::model::Council,
) -> Result<Vec<u8>, Error> {
    let revised = prepared
        .iter()
        .find(|p| p.changes.is_some())
        .and_then(|p| p.documents.get(1));
    let mut options = match revised {
        Some(document) => DocxOptions::for_council(council, document),
        None => DocxOptions {
            author: council.name.clone(),
            ..DocxOptions::default()
        },
    };
    options.date_from(
        Some(report.front_matter.meeting_date),
        "the date of the meeting the report goes to",
    );
    options.language = report.front_matter.lang.clone();
    let f = &report.front_matter;
    let blocks = report::report_blocks(report, prepared, council, options.date.is_some());
    let furniture = Furniture {
        header: vec![format!("{}: {}", council.name, f.title)],
        mark: None,
        footer: format!("{}, {}", f.meeting, f.meeting_date.long_form()),
    };
    package::write(&blocks, &f.title, &furniture, &options)
        .map_err(|e| Error::new(format!("cannot write the Word file: {e}")))
}

/// The tracked changes as a Word document: the revised text with every
/// change a Word revision, attributed to "author (class of change)" so a
/// reader can show, accept or reject one class at a time.
pub fn changes_docx(changes: &ChangeSet, options: &DocxOptions) -> Result<Vec<u8>, Error> {
    let blocks = revisions::tables(revisions::paragraphs(changes, options.date.is_some()));
    let title = format!("Tracked changes: {}", changes.new.title);
    let (old, new) = (&changes.old, &changes.new);
    let mut header = Vec::new();
    if !options.council.is_empty() {
        header.push(options.council.clone());
    }
    header.push(format!(
        "Tracked changes from {} ({}) to {} ({})",
        old.version, old.status, new.version, new.status
    ));
    let furniture = Furniture {
        header,
        mark: options.mark.clone(),
        footer: title.clone(),
    };
    package::write(&blocks, &title, &furniture, options)
        .map_err(|e| Error::new(format!("cannot write the Word file: {e}")))
}

/// The tables of destinations and origins as a Word document: a heading
/// and a table each, with no revisions.
pub fn tables_docx(
    changes: &ChangeSet,
    tables: &crate::diff::dispositions::Dispositions,
    options: &DocxOptions,
) -> Result<Vec<u8>, Error> {
    let title = format!("Destinations and origins: {}", changes.new.title);
    let blocks = revisions::tables_blocks(changes, tables, 1);
    let furniture = Furniture {
        header: vec![format!(
            "From {} ({}) to {} ({})",
            changes.old.version, changes.old.status, changes.new.version, changes.new.status
        )],
        mark: options.mark.clone(),
        footer: title.clone(),
    };
    package::write(&blocks, &title, &furniture, options)
        .map_err(|e| Error::new(format!("cannot write the Word file: {e}")))
}
