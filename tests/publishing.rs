//! Never publish stale, partial or someone else's text, and never destroy a
//! file clerk did not write. Crashes at every write and overlapping builds
//! are tested by `tests/publish-guarantees.sh` (it needs strace).

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{clerk_in, stderr};

const FRONT: &str =
    "+++\ncouncil = \"small\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n";
const COUNCIL: &str = "name = \"Small Town Council\"\nshort_name = \"Small Town\"\n";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Writes a council folder with one document holding `body`.
fn council(dir: &Path, body: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("council.toml"), COUNCIL).unwrap();
    fs::write(
        dir.join("protocol.md"),
        format!("{FRONT}# 1. Roles\n\n{body}"),
    )
    .unwrap();
}

fn read(path: impl AsRef<Path>) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn a_council_folder_that_is_a_link_is_never_published_stale() {
    let dir = tempfile::tempdir().unwrap();
    council(
        &dir.path().join("shared/small-constitution"),
        "1.1 Members decide.\n",
    );
    fs::create_dir(dir.path().join("protocols")).unwrap();
    std::os::unix::fs::symlink(
        "../shared/small-constitution",
        dir.path().join("protocols/small"),
    )
    .unwrap();
    let first = clerk_in(dir.path(), &["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let page = dir.path().join("output/small/protocol.html");
    assert!(read(&page).contains("Members decide."));

    let source = dir.path().join("shared/small-constitution/protocol.md");
    fs::write(
        &source,
        read(&source).replace("Members decide", "Councillors decide"),
    )
    .unwrap();
    let second = clerk_in(dir.path(), &["build"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(
        read(&page).contains("Councillors decide."),
        "the edit is published"
    );
    assert!(
        !stderr(&second).contains("0 rendered"),
        "{}",
        stderr(&second)
    );
}

#[test]
fn an_output_that_is_or_holds_the_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A council folder named like the sources folder, as in the report of this bug.
    council(
        &dir.path().join("protocols/protocols"),
        "1.1 Members decide.\n",
    );
    for out in [".", "protocols", "protocols/protocols/out", "templates"] {
        if out == "templates" {
            fs::create_dir_all(dir.path().join("templates")).unwrap();
        }
        let output = clerk_in(dir.path(), &["build", "--out", out]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "--out {out}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("choose an --out of its own"),
            "{}",
            stderr(&output)
        );
    }
    let source = dir.path().join("protocols/protocols/protocol.md");
    assert!(
        read(source).contains("Members decide."),
        "sources untouched"
    );
}

#[test]
fn a_folder_clerk_did_not_make_is_refused_and_its_files_kept() {
    let dir = tempfile::tempdir().unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Members decide.\n");
    let www = dir.path().join("www");
    fs::create_dir_all(www.join("small")).unwrap();
    fs::write(www.join("small/logo.png"), "png").unwrap();
    fs::write(www.join("index.html"), "the council's own front page").unwrap();

    let refused = clerk_in(dir.path(), &["build", "--out", "www"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    let collides = clerk_in(dir.path(), &["build", "--out", "www", "--force"]);
    assert_eq!(collides.status.code(), Some(2));
    assert!(
        stderr(&collides).contains("did not write"),
        "{}",
        stderr(&collides)
    );
    assert_eq!(read(www.join("index.html")), "the council's own front page");

    fs::rename(www.join("index.html"), www.join("home.html")).unwrap();
    let forced = clerk_in(dir.path(), &["build", "--out", "www", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(read(www.join("small/logo.png")), "png");
    assert_eq!(read(www.join("home.html")), "the council's own front page");
    assert!(read(www.join("small/protocol.html")).contains("Members decide."));

    // Once clerk has published there, later builds need no --force and still keep them.
    council(
        &dir.path().join("protocols/small"),
        "1.1 Councillors decide.\n",
    );
    let again = clerk_in(dir.path(), &["build", "--out", "www"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(read(www.join("small/logo.png")), "png");
    assert!(read(www.join("small/protocol.html")).contains("Councillors decide."));
}

#[test]
fn an_output_file_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Members decide.\n");
    let old = dir.path().join("protocols/small/protocol.md");
    let new = dir.path().join("new.md");
    fs::write(&new, read(&old).replace("Members", "Councillors")).unwrap();
    let before = read(&new);
    let output = clerk_in(
        dir.path(),
        &["diff", old.to_str().unwrap(), "new.md", "-o", "new.md"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is an input"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read(&new), before, "the source is untouched");
}

#[test]
fn a_source_linked_from_outside_the_project_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    fs::write(
        &secret,
        format!("{FRONT}TOKEN=hunter2 must never be echoed\n"),
    )
    .unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Members decide.\n");
    std::os::unix::fs::symlink(&secret, dir.path().join("protocols/small/linked.md")).unwrap();
    let output = clerk_in(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("outside-project"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("hunter2") && !stdout(&output).contains("hunter2"));
    let build = clerk_in(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!dir.path().join("output").exists(), "nothing published");
}

#[test]
fn diff_reads_no_more_than_its_limit_from_a_device() {
    let dir = tempfile::tempdir().unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Members decide.\n");
    let output = clerk_in(
        dir.path(),
        &["diff", "protocols/small/protocol.md", "/dev/zero"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("16 MB"), "{}", stderr(&output));
}

#[test]
fn diff_text_shows_escape_sequences_instead_of_sending_them() {
    let dir = tempfile::tempdir().unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Members decide.\n");
    let old = dir.path().join("protocols/small/protocol.md");
    let new = dir.path().join("new.md");
    // An erase-line sequence and a hidden-text sequence inside a clause.
    fs::write(
        &new,
        read(&old).replace("Members decide.", "Members decide.\x1b[2K\x1b[8m hidden"),
    )
    .unwrap();
    for format in ["text", "markdown"] {
        let output = clerk_in(
            dir.path(),
            &["diff", old.to_str().unwrap(), "new.md", "--format", format],
        );
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(
            !stdout(&output).contains('\x1b'),
            "{format}: {}",
            stdout(&output)
        );
        assert!(stdout(&output).contains('\u{241b}'), "{format}");
    }
}

/// A council folder of the output marked read-only: the build refuses
/// before anything changes, says how to fix it, and leaves nothing behind.
#[test]
fn a_read_only_folder_in_the_output_is_refused_before_anything_changes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    council(&dir.path().join("protocols/small"), "1.1 First wording.\n");
    let first = clerk_in(dir.path(), &["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let folder = dir.path().join("output/small");
    let before = read(folder.join("protocol.html"));
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    council(&dir.path().join("protocols/small"), "1.1 Second wording.\n");
    let refused = clerk_in(dir.path(), &["build"]);
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("output/small is read-only"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(err.contains("chmod -R u+w"), "{err}");
    assert_eq!(read(folder.join("protocol.html")), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("clerk-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let again = clerk_in(dir.path(), &["build"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(read(folder.join("protocol.html")).contains("Second wording"));
}
