//! Never publish stale, partial or someone else's text, and never destroy a
//! file clerk did not write. Crashes at every write and overlapping builds
//! are tested by `tests/publish-guarantees.sh` (it needs strace).

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{clerk_in, stderr, strace_ready};

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

/// A council of two documents for the output tests: a protocol and its
/// scheme of delegation, each with clauses of several paragraphs' worth.
fn two_councils(dir: &Path) {
    council(
        &dir.join("protocols/small"),
        "1.1 Members set policy.\n\n1.2 Officers carry it out.\n",
    );
    let east = dir.join("protocols/east");
    council(&east, "1.1 The Cabinet decides.\n");
    fs::write(
        east.join("council.toml"),
        "name = \"East Borough Council\"\nshort_name = \"East\"\n",
    )
    .unwrap();
    let text = read(east.join("protocol.md")).replace("council = \"small\"", "council = \"east\"");
    fs::write(east.join("protocol.md"), text).unwrap();
}

#[test]
fn a_page_edited_by_hand_in_the_output_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    two_councils(dir.path());
    let first = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let page = dir.path().join("output/small/protocol.html");
    let built = read(&page);
    fs::write(
        &page,
        built.replace("Members set policy", "Members set nothing"),
    )
    .unwrap();
    let second = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("(1 rendered,"),
        "{}",
        stderr(&second)
    );
    assert_eq!(read(&page), built);
    // Damaged in a council not being built: made again too.
    fs::write(&page, "").unwrap();
    let one = clerk_in(
        dir.path(),
        &["build", "--format", "html", "--council", "east"],
    );
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(read(&page), built);
}

#[test]
fn a_one_council_build_into_an_empty_output_lists_only_that_council() {
    let dir = tempfile::tempdir().unwrap();
    two_councils(dir.path());
    let one = clerk_in(
        dir.path(),
        &["build", "--format", "html", "--council", "east"],
    );
    assert!(one.status.success(), "{}", stderr(&one));
    let index = read(dir.path().join("output/index.html"));
    assert!(index.contains("east/index.html"), "{index}");
    assert!(!index.contains("small/index.html"), "{index}");
    assert!(!dir.path().join("output/small").exists());
    // Once every council is built, the index lists them all.
    let all = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let index = read(dir.path().join("output/index.html"));
    assert!(index.contains("small/index.html") && index.contains("east/index.html"));
    // And a one-council build after that keeps listing both.
    let again = clerk_in(
        dir.path(),
        &["build", "--format", "html", "--council", "east"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(read(dir.path().join("output/index.html")), index);
}

/// `clerk build` under strace with `faults`, in `dir`.
fn build_with_faults(dir: &Path, faults: &[&str]) -> Output {
    let mut command = std::process::Command::new("strace");
    command.args(["-f", "-qq", "-o", "/dev/null"]);
    for fault in faults {
        command.args(["-e", fault]);
    }
    command
        .arg(env!("CARGO_BIN_EXE_clerk"))
        .args(["build", "--format", "html"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_fallback_swap_never_leaves_the_output_missing() {
    if !strace_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    two_councils(dir.path());
    let first = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let old = common::tree(&dir.path().join("output"));
    let source = dir.path().join("protocols/small/protocol.md");
    fs::write(
        &source,
        read(&source).replace("set policy", "set the policy"),
    )
    .unwrap();

    // No RENAME_EXCHANGE, and the second rename fails: the old site is put back.
    let failed = build_with_faults(
        dir.path(),
        &[
            "inject=renameat2:error=EINVAL",
            "inject=rename:error=EIO:when=2",
        ],
    );
    assert!(!failed.status.success(), "{}", stderr(&failed));
    assert_eq!(common::tree(&dir.path().join("output")), old);

    // Killed between the two renames: the output is missing for now ...
    let killed = build_with_faults(
        dir.path(),
        &[
            "inject=renameat2:error=EINVAL",
            "inject=rename:signal=KILL:when=2",
        ],
    );
    assert!(!killed.status.success());
    assert!(
        !dir.path().join("output").exists(),
        "the kill fell between the renames"
    );
    // ... and the next build puts it back, even one that stops on a check error.
    fs::write(
        &source,
        read(&source).replace("set the policy", "set xxxxxx"),
    )
    .unwrap();
    let stopped = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert_eq!(stopped.status.code(), Some(1), "{}", stderr(&stopped));
    assert!(
        stderr(&stopped).contains("restored"),
        "{}",
        stderr(&stopped)
    );
    assert_eq!(common::tree(&dir.path().join("output")), old);

    // Without RENAME_EXCHANGE a build still publishes.
    fs::write(
        &source,
        read(&source).replace("set xxxxxx", "set the policy"),
    )
    .unwrap();
    let fallback = build_with_faults(dir.path(), &["inject=renameat2:error=EINVAL"]);
    assert!(fallback.status.success(), "{}", stderr(&fallback));
    assert!(read(dir.path().join("output/small/protocol.html")).contains("set the policy"));
}
