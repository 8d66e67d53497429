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
use crate::model::report::Report;
use crate::model::{Council, Document, Span};
use crate::source::council::{CouncilConfig, parse_council};
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
    /// Every file read, sorted by path (see [`Project::sort_files`]).
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
        let at = self
            .files
            .binary_search_by(|f| f.path.as_path().cmp(path))
            .ok()?;
        Some(self.files[at].text.as_str())
    }

    /// Puts the files in the order [`Project::source_of`] searches: after
    /// adding files.
    pub fn sort_files(&mut self) {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
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
            let listing = list_councils(dir)?;
            for council_dir in &listing.councils {
                load_council(council_dir, &mut project)?;
            }
            project.diagnostics.extend(listing.diagnostics);
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
    project.sort_files();
    Ok(project)
}

/// The council folders of a protocols directory, and what is wrong with
/// the directory as a whole.
pub struct Listing {
    /// Subfolders holding a `council.toml`, sorted by name.
    pub councils: Vec<PathBuf>,
    /// Folders holding protocol files but no `council.toml`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the councils of a protocols directory without reading them.
pub fn list_councils(dir: &Path) -> Result<Listing, Error> {
    let mut diagnostics = Vec::new();
    for folder in folders_without_council(dir)? {
        let id = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        diagnostics.push(
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
    Ok(Listing {
        councils: council_dirs(dir)?,
        diagnostics,
    })
}

/// The ids of the councils a target holds, without reading them: each
/// council folder's name, or for one document, its folder's.
pub fn council_ids(target: &Target) -> Result<Vec<String>, Error> {
    Ok(match target {
        Target::Protocols(dir) => list_councils(dir)?
            .councils
            .iter()
            .map(|folder| folder_id(folder))
            .collect(),
        Target::Council(dir) => vec![folder_id(dir)],
        Target::Document(file) => vec![folder_id(match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        })],
    })
}

/// A council's id: its folder's own name, even when it is a link to a
/// folder named otherwise, as that is the name the user sees and links to.
fn folder_id(dir: &Path) -> String {
    let own_name = match dir.components().next_back() {
        Some(std::path::Component::Normal(name)) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    };
    own_name
        .or_else(|| {
            let real = dir.canonicalize().ok()?;
            real.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| dir.to_string_lossy().into_owned())
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
    let id = folder_id(dir);
    let config_path = dir.join("council.toml");
    let config = read(&config_path, project.root.as_deref(), |_, text| {
        parse_council(text).map(|config| (config, Vec::new()))
    })?;
    let Some(config) = config.join(project) else {
        return Ok(());
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
        delegated_powers: config.delegated_powers(),
        successors: Default::default(),
    };
    let root = project.root.clone();
    council.documents = read_all(&sources_in(dir, root.as_deref())?, project, read_document)?;
    let reports = dir.join("reports");
    if reports.is_dir() {
        let found = sources_in(&reports, root.as_deref())?;
        council.reports = read_all(&found, project, read_report)?;
    }
    project.councils.push(council);
    Ok(())
}

/// A source file found in a folder, and where it may be read from.
struct Found {
    path: PathBuf,
    /// The folder clerk may read from, when the file must be resolved to
    /// check it lies there: a link, or a file in a linked-to folder.
    confined_to: Option<PathBuf>,
}

/// The Markdown sources in a folder, sorted by name; with a project root,
/// which of them must be resolved before they are read (any link, or every
/// file when the folder itself lies outside the root).
fn sources_in(dir: &Path, root: Option<&Path>) -> Result<Vec<Found>, Error> {
    let folder_inside =
        root.is_some_and(|root| dir.canonicalize().is_ok_and(|real| real.starts_with(root)));
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot list", &e))? {
        let entry = entry.map_err(|e| Error::io(dir, "cannot list", &e))?;
        let path = entry.path();
        let kind = entry.file_type().ok();
        let is_link = kind.is_none_or(|t| t.is_symlink());
        // A link is followed to see what it names.
        let is_file = if is_link {
            path.is_file()
        } else {
            kind.is_some_and(|t| t.is_file())
        };
        if !is_file || !is_source_name(&path) {
            continue;
        }
        let confined_to = match root {
            Some(root) if is_link || !folder_inside => Some(root.to_path_buf()),
            _ => None,
        };
        found.push(Found { path, confined_to });
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Reads and parses every file found, on every core, and joins them to the
/// project in the order found.
fn read_all<T: Send>(
    found: &[Found],
    project: &mut Project,
    read_one: fn(&Path, Option<&Path>) -> Result<Read<T>, Error>,
) -> Result<Vec<T>, Error> {
    use rayon::prelude::*;
    let read: Vec<Read<T>> = found
        .par_iter()
        .map(|f| read_one(&f.path, f.confined_to.as_deref()))
        .collect::<Result<_, _>>()?;
    Ok(read.into_iter().filter_map(|r| r.join(project)).collect())
}

/// A Markdown source file; a README.md beside the sources is documentation.
fn is_source(path: &Path) -> bool {
    path.is_file() && is_source_name(path)
}

/// A Markdown file's name, not a README's.
fn is_source_name(path: &Path) -> bool {
    let readme = path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
    path.extension().is_some_and(|e| e == "md") && !readme
}

/// One source file read and parsed on its own, before it joins the project.
#[must_use]
struct Read<T> {
    file: Option<SourceFile>,
    parsed: Option<T>,
    diagnostics: Vec<Diagnostic>,
}

impl<T> Read<T> {
    /// Adds the file and its findings to the project; the parsed value, if
    /// it parsed.
    fn join(self, project: &mut Project) -> Option<T> {
        project.files.extend(self.file);
        project.diagnostics.extend(self.diagnostics);
        self.parsed
    }
}

/// Reads `path` as text and parses it with `parse` (given the file's id, its
/// stem, and its text), which returns the value and findings, or the one
/// finding that stopped it.
fn read<T>(
    path: &Path,
    confined_to: Option<&Path>,
    parse: impl FnOnce(&str, &str) -> Result<(T, Vec<Diagnostic>), Diagnostic>,
) -> Result<Read<T>, Error> {
    let (text, diagnostic) = read_text(path, confined_to)?;
    let mut read = Read {
        file: None,
        parsed: None,
        diagnostics: diagnostic.into_iter().collect(),
    };
    let Some(text) = text else {
        return Ok(read);
    };
    if read.diagnostics.is_empty() {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match parse(&id, &text) {
            Ok((value, findings)) => {
                read.parsed = Some(value);
                read.diagnostics = findings;
            }
            Err(d) => read.diagnostics.push(d),
        }
        for d in &mut read.diagnostics {
            d.path = Some(path.to_path_buf());
        }
    }
    read.file = Some(SourceFile {
        path: path.to_path_buf(),
        text,
    });
    Ok(read)
}

fn read_document(path: &Path, confined_to: Option<&Path>) -> Result<Read<Document>, Error> {
    read(path, confined_to, |id, text| {
        parse_document(id, text).map(|parsed| (parsed.document, parsed.findings))
    })
}

/// Reads and parses one committee report.
fn read_report(path: &Path, confined_to: Option<&Path>) -> Result<Read<Report>, Error> {
    read(path, confined_to, |id, text| {
        crate::source::report::parse_report(id, text).map(|report| (report, Vec::new()))
    })
}

/// A document outside any council directory: checked on its own.
fn load_loose_document(path: &Path, project: &mut Project) -> Result<(), Error> {
    let Some(document) = read_document(path, project.root.as_deref())?.join(project) else {
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
        delegated_powers: Vec::new(),
        successors: Default::default(),
    });
    Ok(())
}

/// Reads one source a command was given by name (`clerk diff OLD NEW`):
/// no more than [`MAX_SOURCE_BYTES`], even from a device or a pipe. A file
/// that cannot be read, is too large or is not UTF-8 is an error naming it.
pub fn read_source(path: &Path) -> Result<String, Error> {
    match read_text(path, None)? {
        (Some(text), None) => Ok(text),
        (_, Some(problem)) => Err(Error::new(format!(
            "{}: {}{}",
            path.display(),
            problem.message,
            problem
                .help
                .map(|help| format!("\nhelp: {help}"))
                .unwrap_or_default()
        ))),
        (None, None) => Err(Error::new(format!("cannot read {}", path.display()))),
    }
}

/// The settings of the council whose folder holds `document`, from its
/// `council.toml`; `None` when there is none or it does not parse.
pub fn council_beside(document: &Path) -> Option<(String, CouncilConfig)> {
    let folder = document.parent()?;
    let text = fs::read_to_string(folder.join("council.toml")).ok()?;
    let config = parse_council(&text).ok()?;
    let folder = match folder.as_os_str().is_empty() {
        true => std::env::current_dir().ok()?,
        false => folder.canonicalize().ok()?,
    };
    let id = folder.file_name()?.to_string_lossy().into_owned();
    Some((id, config))
}

/// Reads a file as UTF-8 text. A file that is not UTF-8 is kept as read
/// (bad bytes replaced) with a diagnostic, and a file that may not or
/// should not be read is a diagnostic and no text: the run goes on. A file
/// that cannot be read at all stops the run. With `confined_to`, the file
/// is resolved first and refused unless it lies in that folder.
fn read_text(
    path: &Path,
    confined_to: Option<&Path>,
) -> Result<(Option<String>, Option<Diagnostic>), Error> {
    if let Some(root) = confined_to {
        let real = path
            .canonicalize()
            .map_err(|e| Error::io(path, "cannot read", &e))?;
        if !real.starts_with(root) {
            // The target is named, never read: it may be a secret.
            let refused = Diagnostic::error(
                "outside-project",
                format!(
                    "this source is a link to {}, outside the project in {}; clerk did not read it",
                    real.display(),
                    root.display()
                ),
            )
            .with_path(path)
            .with_help("copy the file into the project instead of linking to it");
            return Ok((None, Some(refused)));
        }
    }
    let cannot_read = |e: std::io::Error| Error::io(path, "cannot read", &e);
    let file = fs::File::open(path).map_err(cannot_read)?;
    // One byte past the limit tells a file that is too large; the size the
    // file system gives is only a first guess at the capacity.
    let guess = file.metadata().map_or(0, |m| m.len().min(MAX_SOURCE_BYTES));
    let mut bytes = Vec::with_capacity(guess as usize + 1);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_SOURCE_BYTES + 1),
        &mut bytes,
    )
    .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        let refused = Diagnostic::error(
            "too-large",
            format!(
                "the file is {:.1} MB; clerk reads sources of up to {} MB",
                size as f64 / 1e6,
                MAX_SOURCE_BYTES / 1_000_000
            ),
        )
        .with_path(path)
        .with_help("split the document into sections of the constitution, one file each");
        return Ok((None, Some(refused)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((Some(text), None)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let looks_binary = e.as_bytes().iter().take(8000).any(|&b| b == 0);
            let message = if looks_binary {
                "this is a binary file, not a text source".to_string()
            } else {
                format!("the file is not valid UTF-8 (first bad byte at offset {valid})")
            };
            let invalid = Diagnostic::error("encoding", message)
                .with_path(path)
                .with_span(Span::new(valid, valid + 1))
                .with_help(
                    "save the file as UTF-8 text (in Word: Save As, Plain Text, Unicode UTF-8)",
                );
            Ok((Some(lossy), Some(invalid)))
        }
    }
}
