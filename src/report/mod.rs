//! Committee reports: a Standards Committee update report as a source, with
//! its appendices generated from the protocol versions it proposes to change.
//!
//! A report is Markdown with TOML front matter holding the cover sheet of a
//! UK committee report and the appendices to attach; the body holds the
//! prose sections. Parsing is from a string; the renderers live in
//! [`render`].

pub mod render;
pub mod scaffold;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{Council, Span};
use crate::source::front_matter::{Date, shift_span, span_of, split, toml_error};
use crate::source::markdown::{RawBlock, parse_blocks};

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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppendixKind {
    /// A protocol document, in full.
    Document,
    /// The tracked changes from `existing` to `revised`.
    TrackedChanges,
    /// A table of changed clauses: current wording beside proposed wording.
    Comparison,
}

/// One appendix, naming protocol documents of the report's council.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub title: String,
    pub kind: AppendixKind,
    /// For `document`: the document to attach.
    #[serde(default)]
    pub document: Option<Spanned<String>>,
    /// For `tracked-changes` and `comparison`: the existing version.
    #[serde(default)]
    pub existing: Option<Spanned<String>>,
    /// For `tracked-changes` and `comparison`: the revised version.
    #[serde(default)]
    pub revised: Option<Spanned<String>>,
}

/// A parsed report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file stem, used for the output file name.
    pub id: String,
    pub front_matter: ReportFrontMatter,
    pub body: Vec<RawBlock>,
}

/// Parses a report from its source text.
pub fn parse_report(id: &str, source: &str) -> Result<Report, Diagnostic> {
    let split = split(source)?;
    let mut front: ReportFrontMatter =
        toml::from_str(split.toml).map_err(|e| toml_error(e, split.toml_offset, REPORT_KEYS))?;
    for appendix in &mut front.appendices {
        let fields = [
            &mut appendix.document,
            &mut appendix.existing,
            &mut appendix.revised,
        ];
        for value in fields.into_iter().flatten() {
            shift_span(value, split.toml_offset);
        }
    }
    Ok(Report {
        id: id.to_string(),
        front_matter: front,
        body: parse_blocks(split.body, split.body_offset),
    })
}

/// Checks a report's appendices against its council: every document named
/// exists, each appendix has the fields its kind needs, and the revised
/// version supersedes the existing one.
pub fn check_report(report: &Report, council: &Council) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if report.front_matter.council != council.id {
        out.push(
            Diagnostic::error(
                "report",
                format!(
                    "the report says council `{}` but is in `{}`",
                    report.front_matter.council, council.id
                ),
            )
            .with_help(format!("set `council = \"{}\"`", council.id)),
        );
    }
    for (n, appendix) in report.front_matter.appendices.iter().enumerate() {
        let name = format!("appendix {} (\"{}\")", n + 1, appendix.title);
        let needs: &[(&str, &Option<Spanned<String>>)] = match appendix.kind {
            AppendixKind::Document => &[("document", &appendix.document)],
            AppendixKind::TrackedChanges | AppendixKind::Comparison => &[
                ("existing", &appendix.existing),
                ("revised", &appendix.revised),
            ],
        };
        for (field, value) in needs {
            match value {
                None => out.push(
                    Diagnostic::error("report", format!("{name} needs `{field}`"))
                        .with_help(format!("add `{field} = \"<document id>\"` to the appendix")),
                ),
                Some(id) if council.document(id.get_ref()).is_none() => {
                    let ids = council.documents.iter().map(|d| d.id.as_str());
                    let hint = match did_you_mean(id.get_ref(), ids) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "documents of `{}` are named by their file names without `.md`",
                            council.id
                        ),
                    };
                    out.push(
                        Diagnostic::error(
                            "report",
                            format!(
                                "{name} names `{}`, which is not a document of `{}`",
                                id.get_ref(),
                                council.id
                            ),
                        )
                        .with_span(span_of(id))
                        .with_help(hint),
                    );
                }
                Some(_) => {}
            }
        }
        if let (Some(existing), Some(revised)) = (&appendix.existing, &appendix.revised)
            && let Some(new) = council.document(revised.get_ref())
            && council.document(existing.get_ref()).is_some()
        {
            let supersedes = new
                .front_matter
                .supersedes
                .as_ref()
                .map(|s| s.get_ref().as_str());
            if supersedes != Some(existing.get_ref().as_str()) {
                out.push(
                    Diagnostic::error(
                        "report",
                        format!(
                            "{name}: `{}` does not supersede `{}` (its `supersedes` is {})",
                            revised.get_ref(),
                            existing.get_ref(),
                            supersedes.map_or("not set".to_string(), |s| format!("`{s}`"))
                        ),
                    )
                    .with_span(span_of(revised))
                    .with_help(format!(
                        "set `supersedes = \"{}\"` in {}.md, or name the version it revises",
                        existing.get_ref(),
                        revised.get_ref()
                    )),
                );
            }
        }
    }
    out
}

/// The span of a report's front matter, for diagnostics without a better place.
pub fn front_matter_span() -> Span {
    Span::new(0, 3)
}

#[cfg(test)]
mod tests;
