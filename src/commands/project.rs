//! Loading and checking a project, as `clerk check`, `clerk build` and
//! `clerk report` all do before anything else.
//!
//! Councils are independent, so a protocols directory is loaded and checked
//! one council at a time ([`check_each`]), several at once on other
//! threads: a command that lets each council go once it is done with it
//! holds one council's sources and model at a time, whatever the number of
//! councils.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::Error;
use crate::check::check_council_on;
use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::sets::ChangeSets;
use crate::model::{Council, Date};
use crate::source::load::{Project, SourceFile, Target, classify, list_councils, load};

/// The diagnostics of a check run, each with its file, in a stable order.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub acknowledged: Vec<Diagnostic>,
    pub councils: usize,
    pub documents: usize,
    /// The files diagnostics point at, for printing them; no councils,
    /// as each is let go once checked.
    pub project: Project,
}

impl Outcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What a check keeps of one council: its findings, and only the files
    /// they point at.
    fn of(checked: CheckedCouncil) -> Outcome {
        let named: std::collections::HashSet<&Path> = checked
            .diagnostics
            .iter()
            .chain(&checked.acknowledged)
            .filter_map(|d| d.path.as_deref())
            .collect();
        let files = checked
            .files
            .iter()
            .filter(|f| named.contains(f.path.as_path()))
            .cloned()
            .collect();
        Outcome {
            councils: usize::from(checked.council().is_some()),
            documents: checked.documents,
            project: Project {
                files,
                ..Project::default()
            },
            diagnostics: checked.diagnostics,
            acknowledged: checked.acknowledged,
        }
    }

    /// Adds another check's findings to these.
    fn absorb(&mut self, other: Outcome) {
        self.councils += other.councils;
        self.documents += other.documents;
        self.diagnostics.extend(other.diagnostics);
        self.acknowledged.extend(other.acknowledged);
        self.project.files.extend(other.project.files);
    }
}

/// One council loaded and checked.
pub struct CheckedCouncil {
    /// The council, then the councils whose models its documents name;
    /// empty when its `council.toml` did not load.
    pub councils: Vec<Council>,
    /// Its files as read, sorted by path.
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub acknowledged: Vec<Diagnostic>,
    /// The change sets of the pairs its committee reports compare.
    pub report_changes: ChangeSets,
    /// How many documents were checked: the council's, or the one given.
    pub documents: usize,
}

impl CheckedCouncil {
    /// The council checked, if its `council.toml` loaded.
    pub fn council(&self) -> Option<&Council> {
        self.councils.first()
    }

    /// The text of the file a diagnostic points at, for printing it.
    pub fn source_of_diagnostic(&self, diagnostic: &Diagnostic) -> Option<&str> {
        let path = diagnostic.path.as_deref()?;
        let at = self
            .files
            .binary_search_by(|f| f.path.as_path().cmp(path))
            .ok()?;
        Some(self.files[at].text.as_str())
    }

    /// What was checked and found.
    pub fn tally(&self) -> Tally {
        Tally::of(
            &self.diagnostics,
            self.acknowledged.len(),
            self.documents,
            usize::from(!self.councils.is_empty()),
        )
    }
}

/// What [`check_each`] found about the councils as a set, and what its
/// visitor made of each council, in order.
pub struct Checked<R> {
    /// Folders without a `council.toml`, council folders named so their
    /// pages cannot be published.
    pub diagnostics: Vec<Diagnostic>,
    pub councils: Vec<R>,
}

/// The councils that hold models, each read once however many councils'
/// documents name it.
struct ModelCouncils {
    protocols: PathBuf,
    loaded: Mutex<HashMap<String, Option<Arc<Council>>>>,
}

impl ModelCouncils {
    /// The models of the councils in `folder`'s parent.
    fn beside(folder: &Path) -> ModelCouncils {
        let protocols = folder.parent().unwrap_or(Path::new(""));
        ModelCouncils::in_protocols(protocols)
    }

    fn in_protocols(protocols: &Path) -> ModelCouncils {
        let protocols = match protocols.as_os_str().is_empty() {
            true => Path::new("."),
            false => protocols,
        };
        ModelCouncils {
            protocols: protocols.to_path_buf(),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// The councils other than `councils` that their documents name models of.
    fn named_by(&self, councils: &[Council]) -> Vec<Council> {
        let mut owners: Vec<&str> = councils
            .iter()
            .flat_map(|council| {
                council.documents.iter().filter_map(|d| {
                    let reference = d.front_matter.model.as_ref()?;
                    Some(
                        crate::model::adoption::model_reference(reference.get_ref(), &council.id).0,
                    )
                })
            })
            .filter(|owner| councils.iter().all(|c| c.id != *owner))
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
            .into_iter()
            .filter(|owner| crate::model::id_problem(owner).is_none())
            .filter_map(|owner| self.council(owner))
            .map(|council| council.as_ref().clone())
            .collect()
    }

    fn council(&self, owner: &str) -> Option<Arc<Council>> {
        if let Some(known) = self.loaded.lock().ok()?.get(owner) {
            return known.clone();
        }
        let loaded = load(&Target::Council(self.protocols.join(owner)))
            .ok()
            .and_then(|project| project.councils.into_iter().next())
            .map(Arc::new);
        self.loaded
            .lock()
            .ok()?
            .insert(owner.to_string(), loaded.clone());
        loaded
    }
}

/// The councils beside a council (or a document's council) that its
/// documents name models of, read so a model in another folder is found
/// when one council is checked alone.
pub fn model_councils(project: &Project, target: &Target) -> Vec<Council> {
    let folder = match target {
        Target::Protocols(_) => return Vec::new(),
        Target::Council(folder) => Some(folder.as_path()),
        Target::Document(file) => file.parent(),
    };
    let Some(folder) = folder else {
        return Vec::new();
    };
    ModelCouncils::beside(folder).named_by(&project.councils)
}

/// Loads and checks every council `path` names, one at a time on each
/// thread, handing each to `visit` as soon as it is checked; what `visit`
/// returns is kept, in the councils' order, and the council let go.
pub fn check_each<R: Send>(
    path: &Path,
    today: Date,
    visit: impl Fn(CheckedCouncil) -> Result<R, Error> + Sync,
) -> Result<Checked<R>, Error> {
    let target = classify(path)?;
    let Target::Protocols(dir) = &target else {
        let project = load(&target)?;
        let only = match &target {
            Target::Document(file) => Some(file.as_path()),
            _ => None,
        };
        let models = model_councils(&project, &target);
        let checked = check_loaded(project, models, today, only, true);
        return Ok(Checked {
            diagnostics: Vec::new(),
            councils: vec![visit(checked)?],
        });
    };
    let listing = list_councils(dir)?;
    let mut diagnostics = listing.diagnostics;
    let ids: Vec<String> = listing
        .councils
        .iter()
        .filter_map(|folder| Some(folder.file_name()?.to_string_lossy().into_owned()))
        .collect();
    for (id, diagnostic) in crate::check::council_names(ids.iter().map(String::as_str)) {
        diagnostics.push(diagnostic.with_path(dir.join(id).join("council.toml")));
    }
    let models = ModelCouncils::in_protocols(dir);
    let councils = listing
        .councils
        .par_iter()
        .map(|folder| {
            let project = load(&Target::Council(folder.clone()))?;
            let beside = models.named_by(&project.councils);
            visit(check_loaded(project, beside, today, None, false))
        })
        .collect::<Result<Vec<R>, Error>>()?;
    Ok(Checked {
        diagnostics,
        councils,
    })
}

/// Checks every path, as `clerk check` does, keeping only the files a
/// diagnostic points at.
pub fn check_paths(paths: &[PathBuf]) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let today = super::today()?;
    for path in paths {
        let checked = check_each(path, today, |checked| Ok(Outcome::of(checked)))?;
        outcome.diagnostics.extend(checked.diagnostics);
        for council in checked.councils {
            outcome.absorb(council);
        }
    }
    outcome.project.sort_files();
    let order = |d: &Diagnostic| (d.path.clone(), d.span.map(|s| s.start), d.code);
    outcome.diagnostics.sort_by_key(order);
    outcome.acknowledged.sort_by_key(order);
    Ok(outcome)
}

/// Runs the lints over a loaded project of one council (or one loose
/// document), whose documents' models are in `models`; with `only`, the
/// diagnostics are those of that file alone, and with `names`, the
/// council's folder name is checked too.
fn check_loaded(
    mut project: Project,
    models: Vec<Council>,
    today: Date,
    only: Option<&Path>,
    names: bool,
) -> CheckedCouncil {
    let in_scope = |d: &Diagnostic| only.is_none() || d.path.as_deref() == only;
    let mut diagnostics: Vec<Diagnostic> = project
        .diagnostics
        .iter()
        .filter(|d| in_scope(d))
        .cloned()
        .collect();
    let mut acknowledged = Vec::new();
    let mut report_changes = ChangeSets::default();
    // The council first, then those holding its models.
    // (A council's folder, or a loose document, loads one council.)
    let mut councils = std::mem::take(&mut project.councils);
    councils.truncate(1);
    councils.extend(models);
    if names {
        let ids = councils.iter().take(1).map(|c| c.id.as_str());
        for (council, diagnostic) in crate::check::council_names(ids) {
            // A loose document's folder is not a council folder.
            if let Some(path) = council_toml(&project, &council) {
                let diagnostic = diagnostic.with_path(path);
                if in_scope(&diagnostic) {
                    diagnostics.push(diagnostic);
                }
            }
        }
    }
    let files = project.document_files();
    if let Some(council) = councils.first() {
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
        let adoptions = crate::check::check_adoptions(&councils, council);
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
        diagnostics.extend(
            report
                .findings
                .into_iter()
                .map(place)
                .filter(|d| in_scope(d)),
        );
        acknowledged.extend(
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
        report_changes = ChangeSets::compute(&compared);
        for committee_report in &council.reports {
            let path = report_path(&project, &council.id, &committee_report.id);
            for diagnostic in
                crate::check::report::check_report(committee_report, council, &report_changes)
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
                    diagnostics.push(diagnostic);
                }
            }
        }
    }
    drop(files);
    let documents = project
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "md"))
        .filter(|f| only.is_none_or(|o| o == f.path))
        .count();
    CheckedCouncil {
        councils,
        files: project.files,
        diagnostics,
        acknowledged,
        report_changes,
        documents,
    }
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

/// How many documents and councils a check went through, and what it found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub documents: usize,
    pub councils: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub acknowledged: usize,
}

impl Tally {
    /// The tally of `diagnostics` and `acknowledged`, over `documents` in
    /// `councils`.
    pub fn of(
        diagnostics: &[Diagnostic],
        acknowledged: usize,
        documents: usize,
        councils: usize,
    ) -> Tally {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Tally {
            documents,
            councils,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            acknowledged,
        }
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;

    /// Two tallies added together.
    fn add(self, other: Tally) -> Tally {
        Tally {
            documents: self.documents + other.documents,
            councils: self.councils + other.councils,
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
            notes: self.notes + other.notes,
            acknowledged: self.acknowledged + other.acknowledged,
        }
    }
}

impl Outcome {
    /// What the check went through and found.
    pub fn tally(&self) -> Tally {
        Tally::of(
            &self.diagnostics,
            self.acknowledged.len(),
            self.documents,
            self.councils,
        )
    }
}

/// One line such as "checked 5 documents in 2 councils: 1 error, 3 warnings".
pub fn outcome_line(tally: Tally) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "checked {} in {}: {}, {}, {}",
        plural(tally.documents, "document"),
        plural(tally.councils, "council"),
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(tally.notes, "note"),
    );
    if tally.acknowledged > 0 {
        line.push_str(&format!(
            " ({} acknowledged in front matter; --show-acknowledged lists them)",
            tally.acknowledged
        ));
    }
    line
}
