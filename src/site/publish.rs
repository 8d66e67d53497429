//! Publishing: one transaction per build, and single files written atomically.
//!
//! A build holds a lock on the output directory's parent for its whole run,
//! so builds into the same place never interleave. It writes the complete
//! new site into a staging directory beside the output directory (files
//! reused from the previous build, and every file clerk did not write, are
//! hard-linked in), flushes it to disk, then swaps it with the published
//! directory in one `renameat2(RENAME_EXCHANGE)`. At every instant a reader
//! or a crash sees the old complete site or the new complete site; a build
//! that fails or is killed before the swap leaves the published site as it
//! was, and the next build clears what it left behind.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Error;

/// The file in a published site that lists every file clerk wrote there,
/// with its content key.
pub const MANIFEST: &str = ".clerk-manifest";
const MANIFEST_HEADER: &str =
    "# clerk manifest 2: the files clerk wrote here, each with its content key";
/// What clerk 0.1 left: the keys of its files (the same lines, no header),
/// beside a `.clerk-manifest` of top-level names only.
const OLD_KEYS: &str = ".clerk-keys";

/// The files of a published site that clerk wrote, each with its content key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<PathBuf, String>,
}

impl Manifest {
    /// Reads a manifest's text; lines that are not `<key> <relative path>` are ignored.
    pub fn parse(text: &str) -> Manifest {
        let files = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once(' '))
            .map(|(key, path)| (PathBuf::from(path), key.to_string()))
            .filter(|(path, _)| is_plain_relative(path))
            .collect();
        Manifest { files }
    }

    /// The manifest as text, one `<key> <path>` line per file.
    pub fn text(&self) -> String {
        let mut text = format!("{MANIFEST_HEADER}\n");
        for (path, key) in &self.files {
            text.push_str(&format!("{key} {}\n", path.display()));
        }
        text
    }

    /// The key a file was written with, if clerk wrote it.
    pub fn key(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }
}

/// A build's hold on its output directory, from its start to the swap.
pub struct Publication {
    /// The published directory, with links in its own path resolved.
    out: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    previous: Manifest,
    existed: bool,
    committed: bool,
    written: AtomicUsize,
    /// Folders of the staging directory made so far: most files share one.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    fail_after: Option<usize>,
    _lock: fs::File,
}

impl Publication {
    /// Takes the lock on `out` (waiting for a build that holds it), clears
    /// what a crashed build left, and opens an empty staging directory.
    /// A non-empty `out` that clerk did not make is refused unless `force`.
    pub fn begin(out: &Path, force: bool) -> Result<Publication, Error> {
        let out = real_output_path(out)?;
        let (parent, name) = match (out.parent(), out.file_name()) {
            (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string_lossy()),
            _ => {
                return Err(Error::new(format!(
                    "{} cannot be an output directory: choose a folder inside it",
                    out.display()
                )));
            }
        };
        let lock = lock(&parent, &out)?;
        let staging = parent.join(format!(".{name}.clerk-staging"));
        let retired = parent.join(format!(".{name}.clerk-old"));
        // A build killed between the two renames of the fallback swap left
        // the old site under its retired name: put it back first.
        if !exists(&out) && exists(&retired) {
            fs::rename(&retired, &out).map_err(|e| Error::io(&out, "cannot restore", &e))?;
        }
        remove_if_present(&staging)?;
        remove_if_present(&retired)?;
        let existed = exists(&out);
        if existed && !fs::symlink_metadata(&out).is_ok_and(|m| m.is_dir()) {
            return Err(Error::new(format!(
                "{} is a file, not a directory: choose another --out",
                out.display()
            )));
        }
        let previous = if existed {
            read_manifest(&out, force)?
        } else {
            Manifest::default()
        };
        if existed {
            refuse_read_only_folders(&out)?;
        }
        // The new site is staged beside the output: a failure here is the output's.
        fs::create_dir(&staging).map_err(|e| Error::io(&out, "cannot create", &e))?;
        Ok(Publication {
            out,
            staging,
            retired,
            previous,
            existed,
            committed: false,
            written: AtomicUsize::new(0),
            made: Default::default(),
            // Tests simulate a full disk half-way through a build with this variable.
            fail_after: std::env::var("CLERK_SIMULATE_WRITE_FAILURE_AFTER")
                .ok()
                .and_then(|v| v.parse().ok()),
            _lock: lock,
        })
    }

    /// The published directory.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// What the previous build published here.
    pub fn previous(&self) -> &Manifest {
        &self.previous
    }

    /// Whether the previous build published `path` with `key` and it is
    /// still there as clerk wrote it, so it can be published again as it is.
    pub fn reusable(&self, path: &Path, key: &str) -> bool {
        self.previous.key(path) == Some(key) && self.published_file(path)
    }

    /// Whether the previous build published `path` and it is still a plain file.
    pub fn published_file(&self, path: &Path) -> bool {
        self.previous.key(path).is_some()
            && fs::symlink_metadata(self.out.join(path)).is_ok_and(|m| m.is_file())
    }

    /// Writes one file of the new site. Safe to call from many threads.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let target = self.staged(path)?;
        fs::write(&target, bytes).map_err(|e| Error::io(&target, "cannot write", &e))
    }

    /// Publishes the previous build's `path` again, unchanged: a hard link,
    /// or a copy where the file system has none.
    pub fn reuse(&self, path: &Path) -> Result<(), Error> {
        let target = self.staged(path)?;
        let source = self.out.join(path);
        fs::hard_link(&source, &target)
            .or_else(|_| fs::copy(&source, &target).map(|_| ()))
            .map_err(|e| Error::io(&source, "cannot reuse", &e))
    }

    fn staged(&self, path: &Path) -> Result<PathBuf, Error> {
        if !is_plain_relative(path) {
            return Err(Error::new(format!(
                "refusing to write {}: output paths must stay inside the output directory",
                path.display()
            )));
        }
        let count = self.written.fetch_add(1, Ordering::SeqCst);
        if self.fail_after.is_some_and(|n| count >= n) {
            return Err(Error::io(
                &self.out.join(path),
                "cannot write",
                &std::io::Error::other("no space left on device (simulated)"),
            ));
        }
        let target = self.staging.join(path);
        if let Some(parent) = target.parent() {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create", &e))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(target)
    }

    /// Completes the new site (every file clerk did not write is carried
    /// over, and the manifest added), flushes it to disk and swaps it in.
    pub fn commit(mut self, manifest: &Manifest) -> Result<(), Error> {
        if self.existed {
            self.carry_over(Path::new(""), manifest)?;
        }
        let text = manifest.text();
        fs::write(self.staging.join(MANIFEST), text)
            .map_err(|e| Error::io(&self.staging.join(MANIFEST), "cannot write", &e))?;
        if self.existed {
            // The published folder keeps its permissions (a web server's group, say).
            copy_permissions(&self.out, &self.staging)
                .map_err(|e| Error::io(&self.out, "cannot read", &e))?;
        }
        flush(&self.staging)?;
        if self.existed {
            swap(&self.staging, &self.out, &self.retired)?;
        } else {
            fs::rename(&self.staging, &self.out)
                .map_err(|e| Error::io(&self.out, "cannot write", &e))?;
        }
        self.committed = true;
        if let Some(parent) = self.out.parent() {
            flush_directory(parent);
        }
        // The previous site now sits where the staging directory was; a
        // build killed while removing it clears the rest at its start.
        let _ = remove_if_present(&self.staging);
        let _ = remove_if_present(&self.retired);
        Ok(())
    }

    /// Hard-links every file under `out/dir` that clerk did not write into
    /// the staging directory, refusing to publish over any of them.
    fn carry_over(&self, dir: &Path, manifest: &Manifest) -> Result<(), Error> {
        let here = self.out.join(dir);
        let entries = fs::read_dir(&here).map_err(|e| Error::io(&here, "cannot list", &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&here, "cannot list", &e))?;
            let relative = dir.join(entry.file_name());
            if dir.as_os_str().is_empty() && is_clerk_metadata(&entry.file_name()) {
                continue;
            }
            let kind = entry
                .file_type()
                .map_err(|e| Error::io(&entry.path(), "cannot read", &e))?;
            if kind.is_dir() {
                // A folder clerk made goes with its files; the user's own
                // folders are kept, empty or not, with their permissions.
                if !self.previous.files.keys().any(|p| p.starts_with(&relative)) {
                    let staged = self.staging.join(&relative);
                    fs::create_dir_all(&staged)
                        .and_then(|()| copy_permissions(&entry.path(), &staged))
                        .map_err(|e| Error::io(&staged, "cannot create", &e))?;
                }
                self.carry_over(&relative, manifest)?;
                continue;
            }
            if self.previous.key(&relative).is_some() {
                continue; // clerk's own file: published again only if still wanted
            }
            if manifest.key(&relative).is_some() {
                return Err(Error::new(format!(
                    "{}: clerk did not write this file and will not replace it: move it out of {}, or choose another --out",
                    entry.path().display(),
                    self.out.display()
                )));
            }
            let staged = self.staging.join(&relative);
            if let Some(parent) = staged.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create", &e))?;
            }
            let carried = if kind.is_symlink() {
                fs::read_link(entry.path()).and_then(|target| symlink(&target, &staged))
            } else {
                fs::hard_link(entry.path(), &staged)
                    .or_else(|_| fs::copy(entry.path(), &staged).map(|_| ()))
            };
            carried.map_err(|e| Error::io(&entry.path(), "cannot keep", &e))?;
        }
        Ok(())
    }
}

impl Drop for Publication {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The output directory with every link in its path resolved, so the swap
/// replaces the real directory and never a link to it.
fn real_output_path(out: &Path) -> Result<PathBuf, Error> {
    if let Ok(real) = out.canonicalize() {
        return Ok(real);
    }
    let name = match out.components().next_back() {
        Some(Component::Normal(name)) => name.to_os_string(),
        _ => {
            return Err(Error::new(format!(
                "{} cannot be an output directory: name a folder",
                out.display()
            )));
        }
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, "cannot create", &e))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| Error::io(parent, "cannot read", &e))?;
    Ok(parent.join(name))
}

/// Locks the directory that holds the output directory: one build at a
/// time publishes there; another waits, saying so.
fn lock(parent: &Path, out: &Path) -> Result<fs::File, Error> {
    let file = fs::File::open(parent).map_err(|e| Error::io(parent, "cannot open", &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another clerk build into {} to finish",
                out.display()
            );
            file.lock()
                .map_err(|e| Error::io(parent, "cannot lock", &e))?;
            Ok(file)
        }
        Err(fs::TryLockError::Error(e)) => Err(Error::io(parent, "cannot lock", &e)),
    }
}

/// The previous build's manifest. A directory without one is clerk's only
/// if it holds nothing but hidden files (`.gitkeep`); otherwise it is
/// someone else's, refused unless `force`.
fn read_manifest(out: &Path, force: bool) -> Result<Manifest, Error> {
    if let Ok(text) = fs::read_to_string(out.join(MANIFEST))
        && text.starts_with(MANIFEST_HEADER)
    {
        return Ok(Manifest::parse(&text));
    }
    if let Ok(text) = fs::read_to_string(out.join(OLD_KEYS)) {
        return Ok(Manifest::parse(&text));
    }
    let entries = fs::read_dir(out).map_err(|e| Error::io(out, "cannot list", &e))?;
    let visible = entries
        .filter_map(Result::ok)
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if visible && !force {
        return Err(Error::new(format!(
            "{} holds files clerk did not write: choose an empty or new --out, or pass --force to build into it (clerk then keeps every file it did not write and refuses to replace any)",
            out.display()
        )));
    }
    Ok(Manifest::default())
}

fn is_clerk_metadata(name: &std::ffi::OsStr) -> bool {
    name == MANIFEST || name == OLD_KEYS
}

/// Swaps the staging directory with the published one in one step; where
/// the system cannot, by two renames that the next build completes if it
/// is interrupted between them.
fn swap(staging: &Path, out: &Path, retired: &Path) -> Result<(), Error> {
    match exchange(staging, out) {
        Ok(()) => Ok(()),
        Err(_) => {
            fs::rename(out, retired).map_err(|e| Error::io(out, "cannot replace", &e))?;
            fs::rename(staging, out).map_err(|e| Error::io(out, "cannot replace", &e))?;
            fs::rename(retired, staging).map_err(|e| Error::io(retired, "cannot remove", &e))
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Makes the staged files durable before they become visible.
#[cfg(target_os = "linux")]
fn flush(dir: &Path) -> Result<(), Error> {
    let handle = fs::File::open(dir).map_err(|e| Error::io(dir, "cannot open", &e))?;
    rustix::fs::syncfs(&handle).map_err(|e| Error::io(dir, "cannot flush", &e.into()))
}

#[cfg(not(target_os = "linux"))]
fn flush(_: &Path) -> Result<(), Error> {
    Ok(())
}

fn flush_directory(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn copy_permissions(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::set_permissions(to, fs::metadata(from)?.permissions())
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    if exists(path) {
        fs::remove_dir_all(path).map_err(|e| {
            let mut error = Error::io(path, "cannot remove", &e);
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                error.message.push_str(&format!(
                    "\nhelp: it is what is left of an earlier build; a folder in it is read-only: make it writable (`chmod -R u+w {}`) or remove it, and build again",
                    path.display()
                ));
            }
            error
        })?;
    }
    Ok(())
}

/// Refuses, before anything changes, an output holding a folder marked
/// read-only: the new site replaces the old in one step, and the old copy
/// is then removed, which cannot be done inside a read-only folder.
fn refuse_read_only_folders(out: &Path) -> Result<(), Error> {
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let metadata =
            fs::symlink_metadata(&dir).map_err(|e| Error::io(&dir, "cannot read", &e))?;
        if metadata.permissions().readonly() {
            return Err(Error::new(format!(
                "{} is read-only: clerk replaces the whole site in {} at once and then removes the old copy, which it cannot do inside a read-only folder; nothing was changed\nhelp: make it writable (`chmod -R u+w {}`) and build again",
                dir.display(),
                out.display(),
                out.display()
            )));
        }
        let entries = fs::read_dir(&dir).map_err(|e| Error::io(&dir, "cannot list", &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, "cannot list", &e))?;
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(entry.path());
            }
        }
    }
    Ok(())
}

/// A relative path of plain names: no `..`, no root, no prefix.
fn is_plain_relative(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

/// Whether `inner` is `outer` or inside it, comparing real paths where they exist.
pub fn is_within(inner: &Path, outer: &Path) -> bool {
    real(inner).starts_with(real(outer))
}

/// A path with links resolved as far as it exists, and the rest appended.
fn real(path: &Path) -> PathBuf {
    let absolute = std::env::current_dir()
        .map(|d| d.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

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

/// Refuses to write `output` when it is one of `inputs` (the same file,
/// through any link): a command never replaces its own sources.
pub fn refuse_overwriting_inputs(output: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let target = real(output);
    for input in inputs {
        if real(input) == target {
            return Err(Error::new(format!(
                "{} is an input of this command: choose another output file (-o)",
                output.display()
            )));
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(out: &Path, files: &[(&str, &str)]) -> Result<(), Error> {
        let publication = Publication::begin(out, false)?;
        let mut manifest = Manifest::default();
        for (path, text) in files {
            publication.write(Path::new(path), text.as_bytes())?;
            manifest.files.insert(path.into(), "k".into());
        }
        publication.commit(&manifest)
    }

    #[test]
    fn an_entry_no_longer_built_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        publish(&out, &[("index.html", "one"), ("a/index.html", "a")]).unwrap();
        publish(&out, &[("index.html", "two"), ("b/index.html", "b")]).unwrap();
        assert!(
            !out.join("a").exists(),
            "an entry no longer built is removed"
        );
        assert!(out.join("b/index.html").exists());
    }

    #[test]
    fn a_site_published_by_clerk_0_1_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "old").unwrap();
        fs::write(out.join("keep.txt"), "mine").unwrap();
        fs::write(out.join(".clerk-manifest"), ".clerk-keys\na\n").unwrap();
        fs::write(out.join(".clerk-keys"), "k1 a/index.html\n").unwrap();
        publish(&out, &[("a/index.html", "new")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
        assert!(!out.join(".clerk-keys").exists());
    }

    #[test]
    fn the_published_folder_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        publish(&out, &[("index.html", "one")]).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o750)).unwrap();
        publish(&out, &[("index.html", "two")]).unwrap();
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o750);
    }

    #[test]
    fn replaces_what_it_built_and_keeps_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        publish(&out, &[("index.html", "one"), ("a/index.html", "a")]).unwrap();
        fs::write(out.join("keep.txt"), "mine").unwrap();
        fs::create_dir(out.join("a/extra")).unwrap();
        fs::write(out.join("a/extra/logo.png"), "png").unwrap();
        publish(&out, &[("index.html", "two"), ("b/index.html", "b")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("a/index.html").exists(),
            "a file no longer built is removed"
        );
        assert!(out.join("b/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
        assert_eq!(
            fs::read_to_string(out.join("a/extra/logo.png")).unwrap(),
            "png"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("out")],
            "nothing left beside it"
        );
    }

    #[test]
    fn never_replaces_a_file_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        publish(&out, &[("index.html", "one")]).unwrap();
        fs::write(out.join("about.html"), "mine").unwrap();
        let error = publish(&out, &[("index.html", "two"), ("about.html", "clerk")]).unwrap_err();
        assert!(error.message.contains("did not write"), "{}", error.message);
        assert_eq!(fs::read_to_string(out.join("about.html")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn refuses_a_folder_it_did_not_make_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("www");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("index.html"), "theirs").unwrap();
        let error = publish(&out, &[("a.html", "x")]).unwrap_err();
        assert!(error.message.contains("--force"), "{}", error.message);
        let publication = Publication::begin(&out, true).unwrap();
        publication.write(Path::new("a.html"), b"x").unwrap();
        let manifest = Manifest::parse("k a.html\n");
        publication.commit(&manifest).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "theirs"
        );
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "x");
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let error = publish(&out, &[("../evil.html", "x")]).unwrap_err();
        assert!(error.message.contains("must stay inside"));
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists(), "a failed first build publishes nothing");
    }

    #[test]
    fn a_site_left_half_swapped_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        publish(&out, &[("index.html", "one")]).unwrap();
        // As if killed between the two renames of the fallback swap.
        fs::rename(&out, dir.path().join(".out.clerk-old")).unwrap();
        fs::create_dir(dir.path().join(".out.clerk-staging")).unwrap();
        let publication = Publication::begin(&out, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        drop(publication);
        assert!(!dir.path().join(".out.clerk-old").exists());
        assert!(!dir.path().join(".out.clerk-staging").exists());
    }
}
