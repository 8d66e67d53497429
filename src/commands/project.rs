//! Loading and checking a project, as `clerk check`, `clerk build` and
//! `clerk report` all do before anything else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::check::check_council_on;
use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::sets::ChangeSets;
use crate::source::load::{Project, Target, classify, load};

/// The diagnostics of a check run, each with its file, in a stable order.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub acknowledged: Vec<Diagnostic>,
    pub councils: usize,
    pub documents: usize,
    /// Source texts, for printing.
    pub project: Project,
    /// The change sets of the pairs committee reports compare, by council
    /// id: computed once for the check, and handed on to the build.
    pub report_changes: HashMap<String, ChangeSets>,
}

impl Outcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks every path, as `clerk check` and `clerk build` do.
/// The councils beside a council (or a document's council) that its
/// documents name models of, read so a model in another folder is found
/// when one council is checked alone.
pub fn model_councils(project: &Project, target: &Target) -> Vec<crate::model::Council> {
    let folder = match target {
        Target::Protocols(_) => return Vec::new(),
        Target::Council(folder) => Some(folder.as_path()),
        Target::Document(file) => file.parent(),
    };
    let Some(protocols) = folder.map(|f| f.parent().unwrap_or(Path::new(""))) else {
        return Vec::new();
    };
    let protocols = match protocols.as_os_str().is_empty() {
        true => Path::new("."),
        false => protocols,
    };
    let mut owners: Vec<&str> = project
        .councils
        .iter()
        .flat_map(|council| {
            council.documents.iter().filter_map(|d| {
                let reference = d.front_matter.model.as_ref()?;
                Some(crate::model::adoption::model_reference(reference.get_ref(), &council.id).0)
            })
        })
        .filter(|owner| project.councils.iter().all(|c| c.id != *owner))
        .collect();
    owners.sort_unstable();
    owners.dedup();
    owners
        .into_iter()
        .filter(|owner| crate::model::id_problem(owner).is_none())
        .filter_map(|owner| load(&Target::Council(protocols.join(owner))).ok())
        .flat_map(|project| project.councils)
        .collect()
}

pub fn check_paths(paths: &[PathBuf]) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let today = super::today()?;
    for path in paths {
        let target = classify(path)?;
        let project = load(&target)?;
        let only = match &target {
            Target::Document(file) => Some(file.clone()),
            _ => None,
        };
        let in_scope = |d: &Diagnostic| only.is_none() || d.path.as_deref() == only.as_deref();
        outcome
            .diagnostics
            .extend(project.diagnostics.iter().filter(|d| in_scope(d)).cloned());
        let files = project.document_files();
        let models = model_councils(&project, &target);
        let with_models: Vec<crate::model::Council> =
            project.councils.iter().chain(&models).cloned().collect();
        for (council, diagnostic) in crate::check::council_names(&project.councils) {
            // A loose document's folder is not a council folder.
            if let Some(path) = council_toml(&project, &council) {
                let diagnostic = diagnostic.with_path(path);
                if in_scope(&diagnostic) {
                    outcome.diagnostics.push(diagnostic);
                }
            }
        }
        for council in &project.councils {
            let sources: crate::check::Sources<'_> = council
                .documents
                .iter()
                .filter_map(|d| {
                    Some((
                        d.id.as_str(),
                        files
                            .get(&(council.id.as_str(), d.id.as_str()))?
                            .text
                            .as_str(),
                    ))
                })
                .collect();
            let mut report = check_council_on(council, &sources, Some(today));
            let adoptions = crate::check::check_adoptions(&with_models, council);
            report.findings.extend(adoptions.findings);
            report.acknowledged.extend(adoptions.acknowledged);
            let place = |finding: crate::check::Finding| {
                let path = match &finding.document {
                    Some(id) => files
                        .get(&(council.id.as_str(), id.as_str()))
                        .map(|f| f.path.clone()),
                    None => council_toml(&project, &council.id),
                };
                // A finding about council.toml points at what it names.
                let at = match (&finding.near, &path) {
                    (Some((near, nth)), Some(path)) if finding.diagnostic.span.is_none() => project
                        .source_of(path)
                        .and_then(|text| text.match_indices(near.as_str()).nth(*nth))
                        .map(|(start, _)| crate::model::Span::new(start, start + near.len())),
                    _ => None,
                };
                let diagnostic = match at {
                    Some(span) => finding.diagnostic.with_span(span),
                    None => finding.diagnostic,
                };
                match path {
                    Some(path) => diagnostic.with_path(path),
                    None => diagnostic,
                }
            };
            outcome.diagnostics.extend(
                report
                    .findings
                    .into_iter()
                    .map(place)
                    .filter(|d| in_scope(d)),
            );
            outcome.acknowledged.extend(
                report
                    .acknowledged
                    .into_iter()
                    .map(place)
                    .filter(|d| in_scope(d)),
            );
            let compared: Vec<_> = council
                .reports
                .iter()
                .flat_map(|r| crate::check::report::pairs_checked(r, council))
                .collect();
            let changes = ChangeSets::compute(&compared);
            for committee_report in &council.reports {
                let path = report_path(&project, &council.id, &committee_report.id);
                for diagnostic in
                    crate::check::report::check_report(committee_report, council, &changes)
                {
                    // Findings without a place point at the front matter.
                    let diagnostic = match diagnostic.span {
                        Some(_) => diagnostic,
                        None => diagnostic.with_span(crate::check::report::front_matter_span()),
                    };
                    let diagnostic = match &path {
                        Some(p) => diagnostic.with_path(p),
                        None => diagnostic,
                    };
                    if in_scope(&diagnostic) {
                        outcome.diagnostics.push(diagnostic);
                    }
                }
            }
            if !changes.is_empty() {
                outcome.report_changes.insert(council.id.clone(), changes);
            }
        }
        outcome.councils += project.councils.len();
        outcome.documents += project
            .files
            .iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "md"))
            .filter(|f| only.as_ref().is_none_or(|o| *o == f.path))
            .count();
        outcome.project.files.extend(project.files);
        outcome.project.councils.extend(project.councils);
    }
    outcome.project.sort_files();
    let order = |d: &Diagnostic| (d.path.clone(), d.span.map(|s| s.start), d.code);
    outcome.diagnostics.sort_by_key(order);
    outcome.acknowledged.sort_by_key(order);
    Ok(outcome)
}

/// The file of a council's committee report.
fn report_path(project: &Project, council: &str, report: &str) -> Option<PathBuf> {
    project
        .files
        .iter()
        .map(|f| &f.path)
        .find(|p| {
            p.file_stem().is_some_and(|s| s == report)
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == "reports")
                && p.parent()
                    .and_then(Path::parent)
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == council)
        })
        .cloned()
}

fn council_toml(project: &Project, council: &str) -> Option<PathBuf> {
    project
        .files
        .iter()
        .map(|f| &f.path)
        .find(|p| {
            p.file_name().is_some_and(|n| n == "council.toml")
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == council)
        })
        .cloned()
}

/// One line such as "checked 5 documents in 2 councils: 1 error, 3 warnings".
pub fn outcome_line(outcome: &Outcome) -> String {
    let count = |s: Severity| {
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "checked {} in {}: {}, {}, {}",
        plural(outcome.documents, "document"),
        plural(outcome.councils, "council"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note"),
    );
    if !outcome.acknowledged.is_empty() {
        line.push_str(&format!(
            " ({} acknowledged in front matter; --show-acknowledged lists them)",
            outcome.acknowledged.len()
        ));
    }
    line
}
