//! Reading protocol sources from disk into the model.
//!
//! A project is a `protocols/` directory holding one directory per council;
//! each council directory holds `council.toml` and one Markdown file per
//! document version. `reports/` and `templates/` subdirectories are not
//! protocol documents and are not read here.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostic::Diagnostic;
use crate::model::{Council, Span};
use crate::source::council::parse_council;
use crate::source::parse_document;

/// The largest source file clerk reads: far beyond any constitution, small
/// enough that a stray file cannot exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 16_000_000;

/// A file as read from disk, kept so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Everything loaded from a protocols directory.
#[derive(Debug, Default)]
pub struct Project {
    pub councils: Vec<Council>,
    pub files: Vec<SourceFile>,
    /// Errors that stopped a file from loading, and parser findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The folder that holds the protocols directory, links resolved: no
    /// source is read from outside it.
    pub root: Option<PathBuf>,
}

impl Project {
    /// The text of a loaded file, for printing diagnostics.
    pub fn source_of(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    }

    /// Every document file by (council directory, document id), in one pass;
    /// for looking up many documents.
    pub fn document_files(&self) -> std::collections::HashMap<(&str, &str), &SourceFile> {
        self.files
            .iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "md"))
            .filter_map(|f| {
                let id = f.path.file_stem()?.to_str()?;
                let council = f.path.parent()?.file_name()?.to_str()?;
                Some(((council, id), f))
            })
            .collect()
    }

    /// The path of a council's document file.
    pub fn document_path(&self, council: &str, document: &str) -> Option<&Path> {
        self.files.iter().map(|f| f.path.as_path()).find(|p| {
            p.file_stem().is_some_and(|s| s == document)
                && p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|c| c == council)
                && p.extension().is_some_and(|e| e == "md")
        })
    }
}

/// What a path given on the command line turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A directory of council directories.
    Protocols(PathBuf),
    /// One council directory.
    Council(PathBuf),
    /// One document inside a council directory.
    Document(PathBuf),
}

/// Works out whether `path` is a protocols directory, a council or a document.
pub fn classify(path: &Path) -> Result<Target, Error> {
    let metadata = fs::metadata(path).map_err(|e| {
        let mut error = Error::io(path, "cannot read", &e);
        if e.kind() == std::io::ErrorKind::NotFound {
            error.message.push_str(
                "\nhelp: run clerk in the folder that holds protocols/, or give the path to check",
            );
        }
        error
    })?;
    if metadata.is_file() {
        if path.extension().is_some_and(|e| e == "md") {
            return Ok(Target::Document(path.to_path_buf()));
        }
        return Err(Error::new(format!(
            "{}: not a protocol document (expected a `.md` file or a directory)",
            path.display()
        )));
    }
    if path.join("council.toml").is_file() {
        return Ok(Target::Council(path.to_path_buf()));
    }
    if !council_dirs(path)?.is_empty() {
        return Ok(Target::Protocols(path.to_path_buf()));
    }
    Err(Error::new(format!(
        "{}: no council found (expected `council.toml` here or in its subdirectories)",
        path.display()
    )))
}

/// Loads every council a target names. For a single document, its whole
/// council is loaded so cross-references and `supersedes` can be resolved.
pub fn load(target: &Target) -> Result<Project, Error> {
    let mut project = Project {
        root: project_root(target),
        ..Project::default()
    };
    match target {
        Target::Protocols(dir) => {
            for council_dir in council_dirs(dir)? {
                load_council(&council_dir, &mut project)?;
            }
            for folder in folders_without_council(dir)? {
                let id = folder
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                project.diagnostics.push(
                    Diagnostic::error(
                        "council",
                        format!(
                            "{} holds protocol files but no council.toml, so it is not checked or published",
                            folder.display()
                        ),
                    )
                    .with_path(folder.join("council.toml"))
                    .with_help(format!(
                        "set the council up: `clerk new council {id} --name \"...\" --protocols {}`",
                        dir.display()
                    )),
                );
            }
        }
        Target::Council(dir) => load_council(dir, &mut project)?,
        Target::Document(file) => {
            let dir = file.parent().unwrap_or(Path::new("."));
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if dir.join("council.toml").is_file() {
                load_council(dir, &mut project)?;
            } else {
                load_loose_document(file, &mut project)?;
            }
        }
    }
    Ok(project)
}

/// The folder that holds the protocols directory of `target`, links resolved.
fn project_root(target: &Target) -> Option<PathBuf> {
    let parent = |p: &Path| std::path::absolute(p).ok()?.parent().map(Path::to_path_buf);
    let protocols = match target {
        Target::Protocols(dir) => std::path::absolute(dir).ok()?,
        Target::Council(dir) => parent(dir)?,
        Target::Document(file) => parent(&parent(file)?)?,
    };
    parent(&protocols)?.canonicalize().ok()
}

/// Subdirectories holding a `council.toml`, sorted by name.
fn council_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut dirs: Vec<PathBuf> = read_dir_sorted(dir)?
        .into_iter()
        .filter(|p| p.is_dir() && p.join("council.toml").is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Subdirectories holding protocol files but no `council.toml`: a council
/// left half set up, which would otherwise be skipped in silence.
fn folders_without_council(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    Ok(read_dir_sorted(dir)?
        .into_iter()
        .filter(|p| p.is_dir() && !p.join("council.toml").is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter(|p| {
            fs::read_dir(p).is_ok_and(|entries| entries.flatten().any(|e| is_source(&e.path())))
        })
        .collect())
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot list", &e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, "cannot list", &e))?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

fn load_council(dir: &Path, project: &mut Project) -> Result<(), Error> {
    // The folder's own name, even when it is a link to a folder named
    // otherwise: that is the name the user sees and links to.
    let own_name = match dir.components().next_back() {
        Some(std::path::Component::Normal(name)) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    };
    let id = own_name
        .or_else(|| {
            let real = dir.canonicalize().ok()?;
            real.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| dir.to_string_lossy().into_owned());
    let config_path = dir.join("council.toml");
    let Some(config_text) = read_text(&config_path, project)? else {
        return Ok(());
    };
    let config = match parse_council(&config_text) {
        Ok(config) => config,
        Err(d) => {
            project.diagnostics.push(d.with_path(&config_path));
            return Ok(());
        }
    };
    let mut council = Council {
        id,
        name: config.name.clone(),
        short_name: config.short_name.clone(),
        parts: config.parts(),
        branding: config.branding(),
        documents: Vec::new(),
        reports: Vec::new(),
        as_at: None,
        retired_terms: config.retired_terms(),
    };
    for path in read_dir_sorted(dir)? {
        if is_source(&path)
            && let Some(document) = load_document(&path, project)?
        {
            council.documents.push(document);
        }
    }
    let reports = dir.join("reports");
    if reports.is_dir() {
        for path in read_dir_sorted(&reports)? {
            if is_source(&path)
                && let Some(report) = load_report(&path, project)?
            {
                council.reports.push(report);
            }
        }
    }
    project.councils.push(council);
    Ok(())
}

/// A Markdown source file; a README.md beside the sources is documentation.
fn is_source(path: &Path) -> bool {
    let readme = path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
    path.is_file() && path.extension().is_some_and(|e| e == "md") && !readme
}

/// Reads and parses one committee report.
pub fn load_report(
    path: &Path,
    project: &mut Project,
) -> Result<Option<crate::model::report::Report>, Error> {
    let Some((id, text)) = read_source(path, project)? else {
        return Ok(None);
    };
    match crate::source::report::parse_report(&id, &text) {
        Ok(report) => Ok(Some(report)),
        Err(d) => {
            project.diagnostics.push(d.with_path(path));
            Ok(None)
        }
    }
}

/// A document outside any council directory: checked on its own.
fn load_loose_document(path: &Path, project: &mut Project) -> Result<(), Error> {
    let Some(document) = load_document(path, project)? else {
        return Ok(());
    };
    // The directory stands in for the council, so findings find their file.
    let id = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| document.front_matter.council.clone());
    let name = document.front_matter.council.clone();
    project.councils.push(Council {
        id,
        name: name.clone(),
        short_name: name,
        parts: Vec::new(),
        branding: Default::default(),
        documents: vec![document],
        reports: Vec::new(),
        as_at: None,
        retired_terms: Vec::new(),
    });
    Ok(())
}

fn load_document(
    path: &Path,
    project: &mut Project,
) -> Result<Option<crate::model::Document>, Error> {
    let Some((id, text)) = read_source(path, project)? else {
        return Ok(None);
    };
    match parse_document(&id, &text) {
        Ok(parsed) => {
            project
                .diagnostics
                .extend(parsed.findings.into_iter().map(|d| d.with_path(path)));
            Ok(Some(parsed.document))
        }
        Err(d) => {
            project.diagnostics.push(d.with_path(path));
            Ok(None)
        }
    }
}

/// A source's id (its file stem) and text, if it could be read as text.
fn read_source(path: &Path, project: &mut Project) -> Result<Option<(String, String)>, Error> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(read_text(path, project)?.map(|text| (id, text)))
}

/// Reads a file as UTF-8 text. A file that is not UTF-8 is a diagnostic (the
/// run goes on); a file that cannot be read at all stops the run.
fn read_text(path: &Path, project: &mut Project) -> Result<Option<String>, Error> {
    if let Some(root) = &project.root {
        let real = path
            .canonicalize()
            .map_err(|e| Error::io(path, "cannot read", &e))?;
        if !real.starts_with(root) {
            // The target is named, never read: it may be a secret.
            project.diagnostics.push(
                Diagnostic::error(
                    "outside-project",
                    format!(
                        "this source is a link to {}, outside the project in {}; clerk did not read it",
                        real.display(),
                        root.display()
                    ),
                )
                .with_path(path)
                .with_help("copy the file into the project instead of linking to it"),
            );
            return Ok(None);
        }
    }
    let size = fs::metadata(path)
        .map_err(|e| Error::io(path, "cannot read", &e))?
        .len();
    if size > MAX_SOURCE_BYTES {
        project.diagnostics.push(
            Diagnostic::error(
                "too-large",
                format!(
                    "the file is {:.1} MB; clerk reads sources of up to {} MB",
                    size as f64 / 1e6,
                    MAX_SOURCE_BYTES / 1_000_000
                ),
            )
            .with_path(path)
            .with_help("split the document into sections of the constitution, one file each"),
        );
        return Ok(None);
    }
    let bytes = fs::read(path).map_err(|e| Error::io(path, "cannot read", &e))?;
    match String::from_utf8(bytes) {
        Ok(text) => {
            project.files.push(SourceFile {
                path: path.to_path_buf(),
                text: text.clone(),
            });
            Ok(Some(text))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let looks_binary = e.as_bytes().iter().take(8000).any(|&b| b == 0);
            let message = if looks_binary {
                "this is a binary file, not a text source".to_string()
            } else {
                format!("the file is not valid UTF-8 (first bad byte at offset {valid})")
            };
            project.files.push(SourceFile {
                path: path.to_path_buf(),
                text: lossy,
            });
            project.diagnostics.push(
                Diagnostic::error("encoding", message)
                    .with_path(path)
                    .with_span(Span::new(valid, valid + 1))
                    .with_help(
                        "save the file as UTF-8 text (in Word: Save As, Plain Text, Unicode UTF-8)",
                    ),
            );
            Ok(None)
        }
    }
}
