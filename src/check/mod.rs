//! Lints over the model: numbering, references, text slips, council rules.
//!
//! Every lint has a stable code; a document can acknowledge known findings
//! in a faithful copy with `[check] allow = ["code", ...]`.

mod council;
mod definitions;

pub use council::{RESERVED_COUNCIL_NAMES, council_names};

/// A document id as `council.toml` writes it in a Part's list, and how many
/// times the lists name it before this place: where a finding about the
/// listing points.
fn listing(id: &str, seen: &mut HashMap<String, usize>) -> Option<(String, usize)> {
    let count = seen.entry(id.to_string()).or_insert(0);
    let at = (format!("\"{id}\""), *count);
    *count += 1;
    Some(at)
}
mod models;
mod numbering;
mod powers;
mod reasons;
mod references;
pub mod report;
mod standing;
mod terms;
mod text;
pub use text::placeholders_in;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::model::{Council, Document, Span, span_of};

/// A lint's code, default severity and one-line summary.
#[derive(Debug, Clone, Copy)]
pub struct LintInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

/// Every code `clerk check` can report, for `[check] allow` and the docs.
pub const LINTS: &[LintInfo] = &[
    lint(
        "front-matter",
        Severity::Error,
        "front matter is missing, malformed, or has unknown, missing or mistyped keys",
    ),
    lint("encoding", Severity::Error, "the file is not UTF-8 text"),
    lint("council", Severity::Error, "council.toml is malformed"),
    lint(
        "unsupported-markdown",
        Severity::Warning,
        "Markdown the protocol format has no place for (code blocks, raw HTML blocks, rules)",
    ),
    lint(
        "duplicate-number",
        Severity::Error,
        "two clauses or two sections carry the same number",
    ),
    lint(
        "numbering-gap",
        Severity::Warning,
        "a number is skipped, such as 4.2 followed by 4.4",
    ),
    lint(
        "numbering-order",
        Severity::Warning,
        "a number comes after a higher one",
    ),
    lint(
        "section-mismatch",
        Severity::Warning,
        "a clause's number does not match its section (a heading may be missing)",
    ),
    lint(
        "broken-reference",
        Severity::Error,
        "a cross-reference names a clause or document that does not exist",
    ),
    lint(
        "empty-link",
        Severity::Error,
        "a link has no visible text (or only invisible characters), so it hides the reference it makes",
    ),
    lint(
        "supersedes",
        Severity::Error,
        "`supersedes` points nowhere, at itself, or round in a cycle",
    ),
    lint(
        "council-mismatch",
        Severity::Error,
        "the `council` key does not match the council directory",
    ),
    lint(
        "unknown-document",
        Severity::Error,
        "council.toml lists a document that does not exist",
    ),
    lint(
        "listed-twice",
        Severity::Error,
        "council.toml lists a document in more than one place",
    ),
    lint(
        "not-in-contents",
        Severity::Note,
        "a current document is not listed in council.toml's parts",
    ),
    lint(
        "placeholder",
        Severity::Error,
        "placeholder text such as `xxxxxx` or `[or similar]`: not published until replaced or acknowledged",
    ),
    lint(
        "empty-section",
        Severity::Warning,
        "a heading with nothing under it",
    ),
    lint(
        "unfinished-sentence",
        Severity::Warning,
        "text that stops mid-sentence, such as `speaking to?`",
    ),
    lint(
        "unused-definition",
        Severity::Warning,
        "a term the document defines (`\"Chief Officer\" means ...`) that it never uses",
    ),
    lint(
        "pdf-glyph",
        Severity::Warning,
        "text the PDF font cannot draw (Arabic, Chinese, Devanagari, emoji): the PDF shows a square",
    ),
    lint(
        "control-character",
        Severity::Error,
        "a control character in the text, such as U+202E, which shows the words after it in another order than the text holds",
    ),
    lint(
        "right-to-left",
        Severity::Warning,
        "right-to-left text, which the PDF sets in a left-to-right paragraph",
    ),
    lint(
        "retired-term",
        Severity::Warning,
        "a term the council has retired (council.toml's [retired_terms]), such as \"Executive\" for \"Cabinet\"",
    ),
    lint(
        "status",
        Severity::Warning,
        "a version's status and dates disagree: adopted with no date, effective before adopted, two versions in force from one day, a Part listing a draft",
    ),
    lint(
        "too-large",
        Severity::Error,
        "a source file is larger than clerk reads (16 MB)",
    ),
    lint(
        "outside-project",
        Severity::Error,
        "a source is a link to a file outside the project; its text is not read",
    ),
    lint(
        "document-name",
        Severity::Error,
        "a document's file name clashes with a page clerk writes or with another name but for case, holds characters a link cannot carry, or is too long for the file system",
    ),
    lint(
        "council-name",
        Severity::Error,
        "a council folder's name cannot be published: it clashes with a file clerk writes, differs from another only in case, or holds characters a link cannot carry",
    ),
    lint(
        "report",
        Severity::Error,
        "a committee report names a document that does not exist, or versions that do not supersede each other",
    ),
    lint(
        "missing-reason",
        Severity::Warning,
        "a report's comparison gives reasons, but the revised version has none for a substantive change",
    ),
    lint(
        "exceeds-power",
        Severity::Error,
        "a version made under a delegated power (`[made_under]`) names no power of the council, or changes what the power does not cover",
    ),
    lint(
        "commencement",
        Severity::Note,
        "a version approved to come into force on an event (`commences`) has awaited it for more than a year since its adoption; or `commences` is given on a version not adopted",
    ),
    lint(
        "model",
        Severity::Error,
        "`model` names no document clerk has read",
    ),
    lint(
        "statutory-provision",
        Severity::Error,
        "a document adopted from a model varies or omits a provision the model marks statutory",
    ),
    lint(
        "unfilled-blank",
        Severity::Error,
        "a document adopted from a model still has one of its blanks, such as \"( )\"",
    ),
    lint(
        "newer-model",
        Severity::Note,
        "the model a document was adopted from has a newer release",
    ),
    lint(
        "unreported-amendment",
        Severity::Note,
        "a version made under a delegated power waits to be reported to the body the power names (`[made_under] reported` not yet given)",
    ),
    lint(
        "reason-key",
        Severity::Error,
        "a `[reasons]` key names no clause, could name two, names a kept clause as deleted, or is a front-matter field written after `[reasons]`",
    ),
    lint(
        "unknown-lint",
        Severity::Error,
        "`[check] allow` names a code that does not exist",
    ),
];

const fn lint(code: &'static str, severity: Severity, summary: &'static str) -> LintInfo {
    LintInfo {
        code,
        severity,
        summary,
    }
}

/// A finding about one document of a council, or about `council.toml`.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The document id, or `None` for `council.toml`.
    pub document: Option<String>,
    pub diagnostic: Diagnostic,
    /// For a finding about `council.toml`, the text in it the finding is
    /// about and which occurrence of it (0 for the first), so the finding
    /// points at its line.
    pub near: Option<(String, usize)>,
}

/// The findings of a check, split into those reported and those a document's
/// front matter acknowledges.
#[derive(Debug, Default)]
pub struct Findings {
    pub findings: Vec<Finding>,
    pub acknowledged: Vec<Finding>,
}

/// Document sources by document id, so lints can point inside a block.
pub type Sources<'a> = HashMap<&'a str, &'a str>;

/// Runs every lint over a council.
pub fn check_council(council: &Council, sources: &Sources<'_>) -> Findings {
    check_council_on(council, sources, None)
}

/// Runs every lint over a council on `today`: the lints that depend on
/// the day (a commencement awaited for over a year) run only when it is
/// given.
pub fn check_council_on(
    council: &Council,
    sources: &Sources<'_>,
    today: Option<crate::model::Date>,
) -> Findings {
    let mut findings = council::check(council);
    findings.extend(standing::listed_drafts(council));
    // Each document's lints on every core, their findings kept in order.
    let by_document: Vec<Vec<Finding>> = council
        .documents
        .par_iter()
        .map(|document| {
            let source = sources.get(document.id.as_str()).copied().unwrap_or("");
            let mut diagnostics = numbering::check(document);
            diagnostics.extend(references::check(council, document, source));
            diagnostics.extend(text::check(document, source));
            diagnostics.extend(definitions::check(document, source));
            diagnostics.extend(standing::check(council, document, source));
            diagnostics.extend(standing::awaited(document, source, today));
            diagnostics.extend(terms::check(council, document, source));
            diagnostics.extend(reasons::check(council, document, source));
            diagnostics.extend(powers::check(council, document));
            diagnostics.extend(unknown_allowed_codes(document));
            diagnostics
                .into_iter()
                .map(|diagnostic| Finding {
                    document: Some(document.id.clone()),
                    diagnostic,
                    near: None,
                })
                .collect()
        })
        .collect();
    findings.extend(by_document.into_iter().flatten());
    acknowledge(council, findings)
}

/// The lints of `council`'s documents adopted from a model, which need
/// the other councils (a model is often kept in a folder of its own).
pub fn check_adoptions(councils: &[Council], council: &Council) -> Findings {
    acknowledge(council, models::check(councils, council))
}

/// Splits findings into reported and acknowledged by `[check] allow`.
fn acknowledge(council: &Council, findings: Vec<Finding>) -> Findings {
    let mut report = Findings::default();
    for finding in findings {
        let allowed = finding
            .document
            .as_deref()
            .and_then(|id| council.document(id))
            .is_some_and(|d| allows(d, finding.diagnostic.code));
        if allowed {
            report.acknowledged.push(finding);
        } else {
            report.findings.push(finding);
        }
    }
    report
}

fn allows(document: &Document, code: &str) -> bool {
    code != "unknown-lint"
        && document
            .front_matter
            .check
            .allow
            .iter()
            .any(|a| a.get_ref() == code)
}

fn unknown_allowed_codes(document: &Document) -> Vec<Diagnostic> {
    let codes = LINTS.iter().map(|l| l.code);
    document
        .front_matter
        .check
        .allow
        .iter()
        .filter(|a| !codes.clone().any(|c| c == a.get_ref()))
        .map(|a| {
            let help = match did_you_mean(a.get_ref(), codes.clone()) {
                Some(best) => {
                    format!("did you mean `{best}`? `clerk check --list` shows every code")
                }
                None => "`clerk check --list` shows every code".to_string(),
            };
            Diagnostic::error(
                "unknown-lint",
                format!("`[check] allow` names unknown code `{}`", a.get_ref()),
            )
            .with_span(span_of(a))
            .with_help(help)
        })
        .collect()
}

/// The span of `needle` inside `within` in `source`, searching from the end
/// when `last` is set; `within` itself when the text is not found.
pub(crate) fn locate(source: &str, within: Span, needle: &str, last: bool) -> Span {
    let start = within.start.min(source.len());
    let end = within.end.clamp(start, source.len());
    let Some(haystack) = source.get(start..end) else {
        return within;
    };
    let found = if last {
        haystack.rfind(needle)
    } else {
        haystack.find(needle)
    };
    match found {
        Some(i) if !needle.is_empty() => Span::new(start + i, start + i + needle.len()),
        _ => within,
    }
}

#[cfg(test)]
mod tests;
