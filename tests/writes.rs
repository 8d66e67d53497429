//! Every command that writes one file: a link planted at any name it
//! creates is never followed, no file outside its target changes, a source
//! keeps its mode and stays a link if it was one, nothing clerk did not
//! make is overwritten without `--force`, and no command writes onto its
//! own input.

#![cfg(unix)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{clerk_in, small_source, stderr, strace_ready};

/// A council written for these tests: a protocol not in canonical form
/// (trailing spaces, bold labels), numbered with a gap (4.1, 4.3), using a
/// retired post's name, with a table and a clause of two paragraphs; its
/// draft revision; and a text file to import.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/riverside");
    fs::create_dir_all(&council).unwrap();
    fs::write(
        council.join("council.toml"),
        "name = \"Riverside Borough Council\"\nshort_name = \"Riverside\"\n\n[retired_terms]\n\"Head of Legal Services\" = \"Director of Law and Governance\"\n",
    )
    .unwrap();
    let source = |front: &str, body: &str| {
        small_source(front, body)
            .replace("council = \"small\"", "council = \"riverside\"")
            .replace("title = \"Protocol\"", "title = \"Officer Delegations\"")
    };
    fs::write(
        council.join("delegations.md"),
        // A draft: renumber and apply-terms leave an adopted version alone.
        source(
            "version = \"1\"\nstatus = \"draft\"\n",
            "\n# 4. Contracts  \n\n**4.1.** The Head of Legal Services seals contracts over £100,000.\n\n4.3 Quotations are kept for six years.\n",
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("incoming.txt"),
        "Officer Delegations\n\n1. Scope\n\n1.1 These rules apply to every officer.\n",
    )
    .unwrap();
    dir
}

fn delegations(dir: &Path) -> PathBuf {
    dir.join("protocols/riverside/delegations.md")
}

/// One writing command, the file it writes, and whether it already exists.
struct Case {
    name: &'static str,
    args: Vec<&'static str>,
    target: &'static str,
}

fn cases() -> Vec<Case> {
    let case = |name, args: &[&'static str], target| Case {
        name,
        args: args.to_vec(),
        target,
    };
    vec![
        case(
            "fmt",
            &["fmt", "protocols"],
            "protocols/riverside/delegations.md",
        ),
        case(
            "renumber",
            &["renumber", "protocols/riverside/delegations.md"],
            "protocols/riverside/delegations.md",
        ),
        case(
            "apply-terms --write",
            &[
                "apply-terms",
                "--write",
                "protocols/riverside/delegations.md",
            ],
            "protocols/riverside/delegations.md",
        ),
        case(
            "diff -o",
            &[
                "diff",
                "protocols/riverside/delegations.md",
                "protocols/riverside/delegations.md",
                "-o",
                "changes.html",
                "--format",
                "html",
            ],
            "changes.html",
        ),
        case(
            "import -o",
            &[
                "import",
                "incoming.txt",
                "--council",
                "riverside",
                "-o",
                "imported.md",
            ],
            "imported.md",
        ),
        case(
            "new council",
            &["new", "council", "eastham", "--name", "Eastham Council"],
            "protocols/eastham/council.toml",
        ),
    ]
}

/// Every path under `dir` that `args` creates, opens for writing, renames
/// or links, as strace sees it.
fn names_created(dir: &Path, args: &[&str]) -> BTreeSet<PathBuf> {
    let dir = &dir.canonicalize().unwrap();
    let log = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(log.path())
        .args([
            "-e",
            "trace=open,openat,creat,rename,renameat,renameat2,link,linkat,mkdir,mkdirat",
        ])
        .arg(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(status.status.code().is_some());
    let text = fs::read_to_string(log.path()).unwrap();
    let mut names = BTreeSet::new();
    for line in text.lines() {
        let writes =
            !line.contains("open") || line.contains("O_CREAT") || line.contains("O_WRONLY");
        if !writes {
            continue;
        }
        for quoted in line.split('"').skip(1).step_by(2) {
            let path = dir.join(quoted);
            if let Ok(inside) = path.strip_prefix(dir)
                && !inside.as_os_str().is_empty()
            {
                names.insert(inside.to_path_buf());
            }
        }
    }
    names
}

#[test]
fn a_link_planted_at_any_name_a_command_creates_is_never_followed() {
    if !strace_ready() {
        return;
    }
    for case in cases() {
        let observed = project();
        let mut names = names_created(observed.path(), &case.args);
        // The names earlier releases used for their temporary files.
        let target = Path::new(case.target);
        let file = target.file_name().unwrap().to_string_lossy();
        names.insert(target.with_file_name(format!(".{file}.clerk-tmp")));
        assert!(
            names.len() > 1,
            "{}: strace saw nothing: {names:?}",
            case.name
        );

        let attacked = project();
        let outside = tempfile::tempdir().unwrap();
        let canary = outside.path().join("canary");
        fs::write(&canary, "the user's own file").unwrap();
        let mut planted = Vec::new();
        for name in &names {
            let at = attacked.path().join(name);
            if fs::symlink_metadata(&at).is_ok() || name == target {
                continue; // the command's own target and the sources are tested below
            }
            if let Some(parent) = at.parent()
                && fs::create_dir_all(parent).is_err()
            {
                continue;
            }
            symlink(&canary, &at).unwrap();
            planted.push(at);
        }
        let before_target = fs::read(attacked.path().join(target)).ok();
        let output = clerk_in(attacked.path(), &case.args);
        assert_eq!(
            fs::read_to_string(&canary).unwrap(),
            "the user's own file",
            "{}: a planted link was followed\n{}",
            case.name,
            stderr(&output)
        );
        assert_eq!(
            fs::read_dir(outside.path()).unwrap().count(),
            1,
            "{}",
            case.name
        );
        for link in &planted {
            let kept = fs::symlink_metadata(link).is_ok_and(|m| m.file_type().is_symlink());
            // A planted folder name stops the command; a planted file name is stepped round.
            assert!(kept, "{}: {} was replaced", case.name, link.display());
        }
        let after_target = fs::read(attacked.path().join(target)).ok();
        if output.status.success() || case.name == "renumber" || case.name == "diff -o" {
            assert!(
                after_target.is_some() && after_target != before_target,
                "{}: the target was not written: {}",
                case.name,
                stderr(&output)
            );
        }
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Runs a command that rewrites sources; it must have run through.
fn rewrite(dir: &Path, case: &Case) {
    let output = clerk_in(dir, &case.args);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}: {}",
        case.name,
        stderr(&output)
    );
}

#[test]
fn a_private_source_stays_private_and_a_linked_source_stays_a_link() {
    for case in cases().into_iter().take(3) {
        let dir = project();
        let source = delegations(dir.path());
        fs::set_permissions(&source, fs::Permissions::from_mode(0o640)).unwrap();
        let before = fs::read_to_string(&source).unwrap();
        rewrite(dir.path(), &case);
        assert_ne!(
            fs::read_to_string(&source).unwrap(),
            before,
            "{}",
            case.name
        );
        assert_eq!(mode(&source), 0o640, "{}", case.name);

        // The same source kept elsewhere in the project and linked to.
        let dir = project();
        let source = delegations(dir.path());
        let kept = dir.path().join("drafts/delegations.md");
        fs::create_dir_all(kept.parent().unwrap()).unwrap();
        fs::rename(&source, &kept).unwrap();
        symlink("../../drafts/delegations.md", &source).unwrap();
        rewrite(dir.path(), &case);
        assert!(
            fs::symlink_metadata(&source)
                .unwrap()
                .file_type()
                .is_symlink(),
            "{}: the link was replaced by a file",
            case.name
        );
        assert_ne!(
            fs::read_to_string(&kept).unwrap(),
            before,
            "{}: the linked file",
            case.name
        );
    }
}

#[test]
fn nothing_is_overwritten_without_force_and_no_input_ever() {
    let dir = project();
    let other = dir.path().join("protocols/riverside/council.toml");
    let council_toml = fs::read_to_string(&other).unwrap();
    let source = "protocols/riverside/delegations.md";
    let refused = |args: &[&str], says: &str| {
        let output = clerk_in(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    };
    // Another council's file, named as the output of a diff.
    refused(
        &[
            "diff",
            source,
            source,
            "-o",
            "protocols/riverside/council.toml",
        ],
        "already exists; pass --force",
    );
    assert_eq!(fs::read_to_string(&other).unwrap(), council_toml);
    // Its own input, --force or not.
    refused(
        &["diff", source, source, "-o", source, "--force"],
        "is an input",
    );
    fs::copy(dir.path().join("incoming.txt"), dir.path().join("x.md")).unwrap();
    refused(
        &[
            "import",
            "x.md",
            "--council",
            "riverside",
            "-o",
            "x.md",
            "--force",
        ],
        "is an input",
    );
    let output = clerk_in(
        dir.path(),
        &["diff", source, source, "-o", "changes.txt", "--force"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("changes.txt").is_file());
}

#[test]
fn a_new_report_never_overwrites_the_protocol_it_proposes() {
    let dir = project();
    let council = dir.path().join("protocols/riverside");
    fs::write(
        council.join("delegations-2025.md"),
        small_source(
            "version = \"2\"\nstatus = \"draft\"\nsupersedes = \"delegations\"\n",
            "\n# 4. Contracts\n\n4.1 The Director of Law and Governance seals contracts over £100,000.\n",
        )
        .replace("council = \"small\"", "council = \"riverside\"")
        .replace("title = \"Protocol\"", "title = \"Officer Delegations\""),
    )
    .unwrap();
    let revised = council.join("delegations-2025.md");
    let before = fs::read(&revised).unwrap();
    let output = clerk_in(
        dir.path(),
        &[
            "new",
            "report",
            "--council",
            "protocols/riverside",
            "--existing",
            "delegations",
            "--revised",
            "delegations-2025",
            "-o",
            "protocols/riverside/delegations-2025.md",
            "--force",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is an input"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&revised).unwrap(), before);
}
