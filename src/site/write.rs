//! Writing one file: every command that writes a single file (`diff -o`,
//! `report -o`, `import -o`, `new`, and `fmt`, `renumber` and
//! `apply-terms --write` rewriting sources) goes through a [`Destination`].
//!
//! The bytes go to a temporary file created exclusively (a random name,
//! `O_CREAT|O_EXCL`, so a link planted at any name is never followed) in
//! the target's own folder, with the original's mode and owner, flushed to
//! disk, then renamed over the target, and the folder flushed. A reader or
//! a crash sees the old file or the new one, never a part. A link at the
//! target is written through to the file it names, never replaced; a
//! source is written through only to a file inside the project.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// Where one file will be written, checked before any work is done.
#[derive(Debug)]
pub struct Destination {
    /// The path as the user named it, for messages.
    named: PathBuf,
    /// The file written: `named` with any link at it resolved.
    target: PathBuf,
    /// The file there now, whose mode and owner the new one keeps.
    existing: Option<fs::Metadata>,
}

impl Destination {
    /// A file a command makes (`-o`). An existing file is replaced only with
    /// `force`; one of the command's `inputs` never, `force` or not.
    pub fn output(path: &Path, force: bool, inputs: &[&Path]) -> Result<Destination, Error> {
        let destination = Destination::at(path, None)?;
        let target = real(&destination.target);
        if inputs.iter().any(|input| real(input) == target) {
            return Err(Error::new(format!(
                "{} is an input of this command: choose another output file (-o)",
                path.display()
            )));
        }
        if destination.existing.is_some() && !force {
            return Err(Error::new(format!(
                "{} already exists; pass --force to overwrite it",
                path.display()
            )));
        }
        Ok(destination)
    }

    /// A source rewritten at the user's request (`fmt`, `renumber`,
    /// `apply-terms --write`): it must exist, and a link is followed only
    /// to a file inside `project` (the folder that holds `protocols/`).
    pub fn source(path: &Path, project: Option<&Path>) -> Result<Destination, Error> {
        let destination = Destination::at(path, project)?;
        if destination.existing.is_none() {
            return Err(Error::io(
                path,
                "cannot rewrite",
                &std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        Ok(destination)
    }

    /// Resolves a link at `path` (only into `confined_to`, when given) and
    /// looks at what is there.
    fn at(path: &Path, confined_to: Option<&Path>) -> Result<Destination, Error> {
        let target = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                let real = path.canonicalize().map_err(|_| {
                    Error::new(format!(
                        "{} is a link to {}, which does not exist: remove the link or write elsewhere",
                        path.display(),
                        fs::read_link(path).unwrap_or_default().display()
                    ))
                })?;
                if let Some(root) = confined_to
                    && !real.starts_with(root)
                {
                    return Err(Error::new(format!(
                        "{} is a link to {}, outside the project in {}; clerk writes only inside the project\nhelp: copy the file into the project instead of linking to it",
                        path.display(),
                        real.display(),
                        root.display()
                    )));
                }
                real
            }
            _ => path.to_path_buf(),
        };
        let existing = match fs::metadata(&target) {
            Ok(m) if m.is_file() => Some(m),
            Ok(m) if m.is_dir() => {
                return Err(Error::new(format!(
                    "{} is a folder: name a file to write",
                    path.display()
                )));
            }
            Ok(_) => {
                return Err(Error::new(format!(
                    "{} is not a regular file (a pipe or a device): leave out -o to write to standard output",
                    path.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(path, "cannot write", &e)),
        };
        Ok(Destination {
            named: path.to_path_buf(),
            target,
            existing,
        })
    }

    /// Writes `bytes` there in one step: a temporary file made exclusively
    /// beside the target, flushed, then renamed over it.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        let failed = |e: std::io::Error| Error::io(&self.named, "cannot write", &e);
        let folder = match self.target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".clerk-tmp");
        // A new file gets what the user's umask allows of read and write for all.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut temp = builder.tempfile_in(folder).map_err(failed)?;
        if let Some(existing) = &self.existing {
            keep_owner_and_mode(temp.as_file(), existing).map_err(failed)?;
        }
        temp.write_all(bytes).map_err(failed)?;
        temp.as_file().sync_all().map_err(failed)?;
        match &self.existing {
            Some(_) => temp.persist(&self.target).map_err(|e| failed(e.error))?,
            // A file that appeared since the check is not replaced.
            None => temp.persist_noclobber(&self.target).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::new(format!(
                        "{} was created while clerk was writing it; nothing was replaced: pass --force to overwrite it",
                        self.named.display()
                    ))
                } else {
                    failed(e.error)
                }
            })?,
        };
        if let Ok(handle) = fs::File::open(folder) {
            let _ = handle.sync_all();
        }
        Ok(())
    }
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

/// The replacement keeps the original's owner where the system allows it
/// (root, or a group the user is in) and always its mode: a private draft
/// stays private.
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, original: &fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Owner first: changing it may clear the set-id bits the mode restores.
    // Where the owner cannot be kept, the group may be (a group the user
    // is in); where neither can, the new file is the user's, as a copy is.
    if std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(original.gid()));
    }
    file.set_permissions(original.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, original: &fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(original.permissions())
}

/// A path with links resolved as far as it exists, and the rest appended.
pub fn real(path: &Path) -> PathBuf {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_rewritten_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.md");
        fs::write(&draft, "old").unwrap();
        fs::set_permissions(&draft, fs::Permissions::from_mode(0o640)).unwrap();
        Destination::source(&draft, Some(dir.path()))
            .unwrap()
            .write(b"new")
            .unwrap();
        assert_eq!(fs::read_to_string(&draft).unwrap(), "new");
        assert_eq!(mode(&draft), 0o640);
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::write(root.join("real.md"), "old").unwrap();
        symlink("real.md", root.join("linked.md")).unwrap();
        Destination::source(&root.join("linked.md"), Some(&root))
            .unwrap()
            .write(b"new")
            .unwrap();
        assert!(
            fs::symlink_metadata(root.join("linked.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(root.join("real.md")).unwrap(), "new");
    }

    #[test]
    fn a_link_out_of_the_project_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        let project = tempfile::tempdir().unwrap();
        let root = project.path().canonicalize().unwrap();
        fs::write(outside.path().join("secret"), "kept").unwrap();
        symlink(outside.path().join("secret"), root.join("doc.md")).unwrap();
        let error = Destination::source(&root.join("doc.md"), Some(&root)).unwrap_err();
        assert!(
            error.message.contains("outside the project"),
            "{}",
            error.message
        );
        assert_eq!(
            fs::read_to_string(outside.path().join("secret")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn an_existing_output_needs_force_and_an_input_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.html");
        fs::write(&out, "theirs").unwrap();
        let error = Destination::output(&out, false, &[]).unwrap_err();
        assert!(error.message.contains("--force"), "{}", error.message);
        Destination::output(&out, true, &[])
            .unwrap()
            .write(b"ours")
            .unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "ours");
        symlink(&out, dir.path().join("alias")).unwrap();
        let error = Destination::output(&dir.path().join("alias"), true, &[&out]).unwrap_err();
        assert!(error.message.contains("is an input"), "{}", error.message);
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.html");
        let destination = Destination::output(&out, false, &[]).unwrap();
        fs::write(&out, "theirs").unwrap();
        let error = destination.write(b"ours").unwrap_err();
        assert!(error.message.contains("was created"), "{}", error.message);
        assert_eq!(fs::read_to_string(&out).unwrap(), "theirs");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
    }
}
