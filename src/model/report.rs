//! A committee report: the cover sheet of a UK committee report, its
//! appendices (generated from protocol versions) and its prose body.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::model::raw::RawBlock;
use crate::model::{Council, Date, Document};

/// The keys a report's front matter may hold.
pub const REPORT_KEYS: &[&str] = &[
    "council",
    "title",
    "classification",
    "item_number",
    "meeting",
    "meeting_date",
    "report_by",
    "decision_type",
    "wards",
    "author",
    "contact",
    "lang",
    "appendices",
];

/// The cover sheet of a committee report and its appendices.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct ReportFrontMatter {
    pub council: String,
    /// "Bury Council Constitution Update Report".
    pub title: String,
    /// "Open", or the exempt category.
    pub classification: String,
    #[serde(default)]
    pub item_number: Option<String>,
    /// "Standards Committee".
    pub meeting: String,
    pub meeting_date: Date,
    /// "The Monitoring Officer".
    pub report_by: String,
    /// "Council", "Key Decision", "Non-Key Decision"...
    pub decision_type: String,
    /// "All", or the wards the report relates to.
    pub wards: String,
    /// The report author, such as "Jacqui Dennis, Monitoring Officer and Council Solicitor".
    pub author: String,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default = "default_lang")]
    pub lang: String,
    #[serde(default)]
    pub appendices: Vec<Appendix>,
}

fn default_lang() -> String {
    "en-GB".to_string()
}

/// What an appendix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AppendixKind {
    /// A protocol document, in full.
    Document,
    /// The tracked changes from `existing` to `revised`.
    TrackedChanges,
    /// A table of changed clauses: current wording beside proposed wording.
    Comparison,
    /// Tables of destinations and origins: where each existing unit went,
    /// where each revised unit came from (for a rewrite).
    Tables,
    /// The schedule of variations of `document` from the model it names:
    /// every provision of the model, and what the council did with it.
    Variations,
}

/// One appendix, naming protocol documents of the report's council.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub title: String,
    pub kind: AppendixKind,
    /// For `document`: the document to attach; for `variations`: the
    /// document set against its model.
    #[serde(default)]
    pub document: Option<Spanned<String>>,
    /// For `tracked-changes` and `comparison`: the existing version.
    #[serde(default)]
    pub existing: Option<Spanned<String>>,
    /// For `tracked-changes` and `comparison`: the revised version.
    #[serde(default)]
    pub revised: Option<Spanned<String>>,
    /// For `comparison`: a "Reason for change" column, from the revised
    /// version's `[reasons]`; `clerk check` then asks for a reason for
    /// every substantive change.
    #[serde(default)]
    pub reasons: bool,
}

/// A parsed report.
#[derive(Debug, Clone, Hash)]
pub struct Report {
    /// The file stem, used for the output file name.
    pub id: String,
    pub front_matter: ReportFrontMatter,
    pub body: Vec<RawBlock>,
}

impl Report {
    /// The (existing, revised) document ids its tracked-changes and
    /// comparison appendices compare.
    pub fn compared_versions(&self) -> Vec<(&str, &str)> {
        self.front_matter
            .appendices
            .iter()
            .filter(|a| a.kind != AppendixKind::Document)
            .filter_map(|a| {
                Some((
                    a.existing.as_ref()?.get_ref().as_str(),
                    a.revised.as_ref()?.get_ref().as_str(),
                ))
            })
            .collect()
    }

    /// The pairs of documents of `council` its appendices compare, for
    /// computing their change sets once; names that do not resolve are
    /// left out (`check` reports them).
    pub fn compared<'a>(&self, council: &'a Council) -> Vec<(&'a Document, &'a Document)> {
        self.compared_versions()
            .into_iter()
            .filter_map(|(old, new)| Some((council.document(old)?, council.document(new)?)))
            .collect()
    }
}
