//! Publishing: one transaction per build.
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
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::write::real;
use crate::Error;

/// The file in a published site that lists every file clerk wrote there,
/// with its content key and a digest of its bytes.
pub const MANIFEST: &str = ".clerk-manifest";
const MANIFEST_HEADER: &str = "# clerk manifest 4: the files clerk wrote here, each with its content key, the digest of its bytes and their SHA-256";
/// What clerk wrote before SHA-256s: its files are rendered again, as the
/// verification manifest needs the SHA-256 of each.
const XXH3_ONLY_HEADER: &str = "# clerk manifest 3: the files clerk wrote here, each with its content key and the digest of its bytes";
/// What clerk wrote before digests: a key and a path per line. Its files
/// are rendered again, as their bytes cannot be vouched for.
const KEYS_ONLY_HEADER: &str =
    "# clerk manifest 2: the files clerk wrote here, each with its content key";
/// What clerk 0.1 left: the keys of its files (the same lines, no header),
/// beside a `.clerk-manifest` of top-level names only.
const OLD_KEYS: &str = ".clerk-keys";

/// The files of a published site that clerk wrote, each with its content
/// key, and (once published) the digests of the bytes written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<PathBuf, String>,
    pub digests: BTreeMap<PathBuf, Digests>,
}

/// Two digests of a published file's bytes: a fast one, read again by
/// every build to see the file is as clerk wrote it, and the SHA-256 the
/// verification manifest publishes. Held as numbers, not text: a site of
/// many councils has hundreds of thousands of files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digests {
    pub fast: u128,
    pub sha256: [u8; 32],
}

impl Digests {
    pub fn of(bytes: &[u8]) -> Digests {
        use sha2::Digest;
        Digests {
            fast: xxhash_rust::xxh3::xxh3_128(bytes),
            sha256: sha2::Sha256::digest(bytes).into(),
        }
    }

    /// The SHA-256 as the manifests write it: 64 lowercase hex digits.
    pub fn sha256_hex(&self) -> String {
        crate::model::identity::hex(&self.sha256)
    }

    /// Reads the two digests as [`Manifest::text`] writes them.
    fn parse(fast: &str, sha256: &str) -> Option<Digests> {
        let fast = u128::from_str_radix(fast, 16).ok()?;
        if sha256.len() != 64 || !sha256.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&sha256[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Digests {
            fast,
            sha256: bytes,
        })
    }
}

/// A writer that digests what passes through it on its way to a file.
struct Digesting<W> {
    inner: W,
    fast: xxhash_rust::xxh3::Xxh3,
    sha256: sha2::Sha256,
}

impl<W: std::io::Write> std::io::Write for Digesting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let written = self.inner.write(buf)?;
        self.fast.update(&buf[..written]);
        self.sha256.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Manifest {
    /// Reads a manifest's text: `<key> <digest> <sha256> <relative path>`
    /// lines; in a manifest written before SHA-256s, `<key> <digest>
    /// <path>`, and before digests `<key> <path>`, whose files are taken as
    /// not vouched for. Other lines are ignored.
    pub fn parse(text: &str) -> Manifest {
        let fields = match () {
            _ if text.starts_with(MANIFEST_HEADER) => 4,
            _ if text.starts_with(XXH3_ONLY_HEADER) => 3,
            _ => 2,
        };
        let mut manifest = Manifest::default();
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let mut rest = line;
            let mut values = Vec::with_capacity(3);
            for _ in 1..fields {
                let Some((value, after)) = rest.split_once(' ') else {
                    break;
                };
                values.push(value);
                rest = after;
            }
            if values.len() + 1 != fields {
                continue;
            }
            let path = PathBuf::from(rest);
            if !is_plain_relative(&path) {
                continue;
            }
            if let [_, fast, sha256] = values[..]
                && let Some(digests) = Digests::parse(fast, sha256)
            {
                manifest.digests.insert(path.clone(), digests);
            }
            manifest.files.insert(path, values[0].to_string());
        }
        manifest
    }

    /// Writes the manifest as text, one `<key> <digest> <sha256> <path>`
    /// line per file.
    pub fn write_text(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(out, "{MANIFEST_HEADER}")?;
        for (path, key) in &self.files {
            match self.digests.get(path) {
                Some(d) => writeln!(
                    out,
                    "{key} {:032x} {} {}",
                    d.fast,
                    d.sha256_hex(),
                    path.display()
                )?,
                None => writeln!(out, "{key} - - {}", path.display())?,
            }
        }
        Ok(())
    }

    /// The manifest as text (see [`Manifest::write_text`]).
    pub fn text(&self) -> String {
        let mut text = Vec::new();
        self.write_text(&mut text)
            .expect("writing to memory does not fail");
        String::from_utf8(text).expect("the manifest is written from strings")
    }

    /// The key a file was written with, if clerk wrote it.
    pub fn key(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }
}

/// The digest of a file's bytes as the manifest records it.
pub fn digest(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
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
    /// The digests of every file published, written or reused.
    digests: std::sync::Mutex<BTreeMap<PathBuf, Digests>>,
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
        let retired = retired_name(&out);
        restore_retired(&out, &retired)?;
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
            digests: Default::default(),
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
        self.previous.key(path) == Some(key) && self.intact(path)
    }

    /// The bytes of the previous build's `path` when it was published with
    /// `key` and is still as clerk wrote it: read once, for a file a build
    /// takes its content from.
    pub fn read_reusable(&self, path: &Path, key: &str) -> Option<Vec<u8>> {
        (self.previous.key(path) == Some(key))
            .then(|| self.read_intact(path))
            .flatten()
    }

    /// Whether the previous build published `path` and it is still a plain
    /// file holding the very bytes clerk wrote: a page edited by hand or
    /// damaged is made again.
    pub fn intact(&self, path: &Path) -> bool {
        self.read_intact(path).is_some()
    }

    /// The bytes of the previous build's `path`, if it is still a plain
    /// file holding the very bytes clerk wrote.
    fn read_intact(&self, path: &Path) -> Option<Vec<u8>> {
        let recorded = self.previous.digests.get(path)?;
        let file = self.out.join(path);
        if !fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let bytes = fs::read(&file).ok()?;
        (xxhash_rust::xxh3::xxh3_128(&bytes) == recorded.fast).then_some(bytes)
    }

    /// Writes one file of the new site. Safe to call from many threads.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let target = self.staged(path)?;
        fs::write(&target, bytes).map_err(|e| Error::io(&target, "cannot write", &e))?;
        self.record(path, Digests::of(bytes));
        Ok(())
    }

    /// Publishes the previous build's `path` again, unchanged: a hard link,
    /// or a copy where the file system has none. Only for a file found
    /// [`intact`](Self::intact).
    pub fn reuse(&self, path: &Path) -> Result<(), Error> {
        let target = self.staged(path)?;
        let source = self.out.join(path);
        fs::hard_link(&source, &target)
            .or_else(|_| fs::copy(&source, &target).map(|_| ()))
            .map_err(|e| Error::io(&source, "cannot reuse", &e))?;
        if let Some(recorded) = self.previous.digests.get(path) {
            self.record(path, *recorded);
        }
        Ok(())
    }

    /// Writes one file of the new site as `write` makes it, digesting it on
    /// the way, so a large file is never held whole.
    pub fn write_streamed(
        &self,
        path: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<Digests, Error> {
        use sha2::Digest;
        let target = self.staged(path)?;
        let file = fs::File::create(&target).map_err(|e| Error::io(&target, "cannot write", &e))?;
        let mut out = Digesting {
            inner: std::io::BufWriter::new(file),
            fast: xxhash_rust::xxh3::Xxh3::new(),
            sha256: sha2::Sha256::new(),
        };
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(|e| Error::io(&target, "cannot write", &e))?;
        let digests = Digests {
            fast: out.fast.digest128(),
            sha256: out.sha256.finalize().into(),
        };
        self.record(path, digests);
        Ok(digests)
    }

    /// Each file published so far that `listed` says to list (written or
    /// reused), by its path in the site with `/` between its parts, sorted,
    /// with its SHA-256.
    pub fn sha256s(&self, listed: impl Fn(&Path) -> bool) -> Vec<(String, [u8; 32])> {
        let digests = self.digests.lock().unwrap_or_else(|e| e.into_inner());
        let mut files: Vec<(String, [u8; 32])> = digests
            .iter()
            .filter(|(path, _)| listed(path))
            .map(|(path, d)| (super::verification::slashed(path), d.sha256))
            .collect();
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files
    }

    fn record(&self, path: &Path, digest: Digests) {
        let mut digests = self.digests.lock().unwrap_or_else(|e| e.into_inner());
        digests.insert(path.to_path_buf(), digest);
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
    pub fn commit(mut self, mut manifest: Manifest) -> Result<(), Error> {
        if self.existed {
            self.carry_over(Path::new(""), &manifest)?;
        }
        manifest.digests =
            std::mem::take(&mut *self.digests.lock().unwrap_or_else(|e| e.into_inner()));
        manifest
            .digests
            .retain(|path, _| manifest.files.contains_key(path));
        let target = self.staging.join(MANIFEST);
        fs::File::create(&target)
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                manifest.write_text(&mut out)?;
                std::io::Write::flush(&mut out)
            })
            .map_err(|e| Error::io(&target, "cannot write", &e))?;
        drop(manifest);
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
                // Paths sort by their parts, so those under `relative` follow it.
                let clerks = self
                    .previous
                    .files
                    .range(relative.clone()..)
                    .next()
                    .is_some_and(|(p, _)| p.starts_with(&relative));
                if !clerks {
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

/// Puts back a site that a build stopped between the two renames of the
/// fallback swap left under its retired name. Every build does this
/// first, even one that then stops on a check error, so the output is
/// never left missing.
pub fn recover(out: &Path) -> Result<(), Error> {
    let Ok(absolute) = std::path::absolute(out) else {
        return Ok(());
    };
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Ok(());
    };
    let Ok(parent) = parent.canonicalize() else {
        return Ok(()); // nothing was ever published there
    };
    let out = parent.join(name);
    let retired = retired_name(&out);
    if exists(&out) || !exists(&retired) {
        return Ok(());
    }
    let _lock = lock(&parent, &out)?;
    restore_retired(&out, &retired)
}

/// Where the fallback swap keeps the old site for a moment.
fn retired_name(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!(".{name}.clerk-old"))
}

/// With the lock held: the retired site back in place, if the output is missing.
fn restore_retired(out: &Path, retired: &Path) -> Result<(), Error> {
    if !exists(out) && exists(retired) {
        fs::rename(retired, out).map_err(|e| Error::io(out, "cannot restore", &e))?;
        eprintln!(
            "{}: restored the site an interrupted build had set aside",
            out.display()
        );
    }
    Ok(())
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
        && [MANIFEST_HEADER, XXH3_ONLY_HEADER, KEYS_ONLY_HEADER]
            .iter()
            .any(|header| text.starts_with(header))
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
/// the system cannot, by two renames: if the second fails the old site is
/// put straight back, and if the process dies between them the next build
/// (see [`recover`]) puts it back.
fn swap(staging: &Path, out: &Path, retired: &Path) -> Result<(), Error> {
    if exchange(staging, out).is_ok() {
        return Ok(());
    }
    fs::rename(out, retired).map_err(|e| Error::io(out, "cannot replace", &e))?;
    if let Err(e) = fs::rename(staging, out) {
        let restored = fs::rename(retired, out);
        let mut error = Error::io(out, "cannot replace", &e);
        if let Err(e) = restored {
            error.message.push_str(&format!(
                "; the previous site is in {} ({}): the next build puts it back",
                retired.display(),
                crate::io_reason(&e)
            ));
        }
        return Err(error);
    }
    fs::rename(retired, staging).map_err(|e| Error::io(retired, "cannot remove", &e))
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
                error.message.push_str(&leftover_hint(path));
            }
            error
        })?;
    }
    Ok(())
}

/// How to clear what an earlier build left and clerk cannot remove: another
/// user's (ask them, or an administrator) or a read-only folder (chmod).
fn leftover_hint(path: &Path) -> String {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = rustix::process::geteuid().as_raw();
        if let Ok(meta) = fs::symlink_metadata(path)
            && meta.uid() != mine
        {
            return format!(
                "\nhelp: it is what is left of an earlier build by another user (uid {}), and you may not remove it: ask them or an administrator to remove {}, or build into another --out",
                meta.uid(),
                path.display()
            );
        }
    }
    format!(
        "\nhelp: it is what is left of an earlier build; a folder in it is read-only: make it writable (`chmod -R u+w {}`) or remove it, and build again",
        path.display()
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_leftover_of_another_user_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let left = dir.path().join(".output.clerk-staging");
        fs::create_dir(&left).unwrap();
        assert!(leftover_hint(&left).contains("chmod -R u+w"));
        let root = rustix::process::geteuid().is_root();
        match std::os::unix::fs::chown(&left, Some(65534), None) {
            Ok(()) => {
                let hint = leftover_hint(&left);
                assert!(hint.contains("another user (uid 65534)"), "{hint}");
                assert!(!hint.contains("chmod"), "{hint}");
            }
            Err(e) => assert!(!root, "root could not give the folder away: {e}"),
        }
    }

    fn publish(out: &Path, files: &[(&str, &str)]) -> Result<(), Error> {
        let publication = Publication::begin(out, false)?;
        let mut manifest = Manifest::default();
        for (path, text) in files {
            publication.write(Path::new(path), text.as_bytes())?;
            manifest.files.insert(path.into(), "k".into());
        }
        publication.commit(manifest)
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
        publication.commit(manifest).unwrap();
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
