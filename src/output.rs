//! Writing output: single files atomically, and whole sites through a
//! staging directory that is swapped in only once every file is written,
//! so a failed build leaves the previous output as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::Error;
use crate::render::html::OutputFile;

const STAGING: &str = ".clerk-staging";
const RETIRED: &str = ".clerk-old";
const MANIFEST: &str = ".clerk-manifest";

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.clerk-tmp"));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io(path, "cannot write", &e)
    })
}

/// Writes to standard output; a reader that stopped early (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::new(format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

/// How a site replaces what is already in the output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Everything clerk wrote before is replaced; entries no longer built are removed.
    All,
    /// Only the entries built now are replaced (a build of one council).
    Built,
}

/// Writes `files` into `out` as a whole: into a staging directory inside
/// `out` first, then each top-level entry is swapped into place. Nothing
/// outside `out` is written or deleted; files clerk did not write are kept.
/// `keep` names top-level entries of the previous output that are already
/// exactly what this build would write: they are left in place untouched.
pub fn write_site(
    out: &Path,
    files: &[OutputFile],
    replace: Replace,
    keep: &BTreeSet<String>,
) -> Result<(), Error> {
    if out.is_file() {
        return Err(Error::new(format!(
            "{} is a file, not a directory: choose another --out",
            out.display()
        )));
    }
    fs::create_dir_all(out).map_err(|e| Error::io(out, "cannot create", &e))?;
    let staging = out.join(STAGING);
    let retired = out.join(RETIRED);
    remove_if_present(&staging)?;
    remove_if_present(&retired)?;
    if let Err(e) = stage(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let built: BTreeSet<String> = files.iter().filter_map(|f| top_level(&f.path)).collect();
    let previous = read_manifest(out);
    let mut to_retire: BTreeSet<String> = built.clone();
    if replace == Replace::All {
        to_retire.extend(previous.iter().filter(|e| !keep.contains(*e)).cloned());
    }
    fs::create_dir_all(&retired).map_err(|e| Error::io(&retired, "cannot create", &e))?;
    for entry in &to_retire {
        let current = out.join(entry);
        if current.exists() {
            fs::rename(&current, retired.join(entry))
                .map_err(|e| Error::io(&current, "cannot replace", &e))?;
        }
    }
    for entry in &built {
        let from = staging.join(entry);
        fs::rename(&from, out.join(entry))
            .map_err(|e| Error::io(&out.join(entry), "cannot write", &e))?;
    }
    let mut manifest: BTreeSet<String> = built;
    manifest.extend(keep.iter().cloned());
    if replace == Replace::Built {
        manifest.extend(previous);
    }
    let text: String = manifest.iter().map(|e| format!("{e}\n")).collect();
    write_atomic(&out.join(MANIFEST), text.as_bytes())?;
    remove_if_present(&retired)?;
    remove_if_present(&staging)?;
    Ok(())
}

fn stage(staging: &Path, files: &[OutputFile]) -> Result<(), Error> {
    // Tests simulate a full disk half-way through a build with this variable.
    let fail_after: Option<usize> = std::env::var("CLERK_SIMULATE_WRITE_FAILURE_AFTER")
        .ok()
        .and_then(|v| v.parse().ok());
    for (written, file) in files.iter().enumerate() {
        if fail_after.is_some_and(|n| written >= n) {
            let path = staging.join(&file.path);
            return Err(Error::io(
                &path,
                "cannot write",
                &std::io::Error::other("no space left on device (simulated)"),
            ));
        }
        if !is_plain_relative(&file.path) {
            return Err(Error::new(format!(
                "refusing to write {}: output paths must stay inside the output directory",
                file.path.display()
            )));
        }
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create", &e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, "cannot write", &e))?;
    }
    Ok(())
}

/// A relative path of plain names: no `..`, no root, no prefix.
fn is_plain_relative(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

fn top_level(path: &Path) -> Option<String> {
    match path.components().next()? {
        Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    }
}

fn read_manifest(out: &Path) -> BTreeSet<String> {
    fs::read_to_string(out.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && is_plain_relative(Path::new(l)) && !l.contains('/'))
        .map(str::to_string)
        .collect()
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| Error::io(path, "cannot remove", &e))?;
    }
    Ok(())
}

/// Whether `inner` is `outer` or inside it, comparing real paths where they exist.
pub fn is_within(inner: &Path, outer: &Path) -> bool {
    let real = |p: &Path| -> PathBuf { p.canonicalize().unwrap_or_else(|_| absolute(p)) };
    real(inner).starts_with(real(outer))
}

fn absolute(path: &Path) -> PathBuf {
    std::env::current_dir()
        .map(|d| d.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_what_it_built_and_keeps_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(out.join("keep.txt"), "mine").unwrap();
        write_site(
            out,
            &[file("index.html", "one"), file("a/index.html", "a")],
            Replace::All,
            &BTreeSet::new(),
        )
        .unwrap();
        write_site(
            out,
            &[file("index.html", "two"), file("b/index.html", "b")],
            Replace::All,
            &BTreeSet::new(),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("a").exists(),
            "an entry no longer built is removed"
        );
        assert!(out.join("b/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
        assert!(!out.join(STAGING).exists() && !out.join(RETIRED).exists());
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let error = write_site(
            &out,
            &[file("../evil.html", "x")],
            Replace::All,
            &BTreeSet::new(),
        )
        .unwrap_err();
        assert!(error.message.contains("must stay inside"));
        assert!(!dir.path().join("evil.html").exists());
    }
}
