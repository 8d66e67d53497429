//! Incremental builds rebuild exactly what depends on a change, and give the
//! same bytes as a clean build.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::tree;

fn build(protocols: &Path, out: &Path, version: &str, fresh: bool) -> (usize, usize) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clerk"));
    command
        .arg("build")
        .arg("--protocols")
        .arg(protocols)
        .arg("--out")
        .arg(out)
        .env("CLERK_BUILD_VERSION", version);
    if fresh {
        command.arg("--fresh");
    }
    let output = command.output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    // "... (3 rendered, 30 unchanged) ..."
    let counts = err
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(" unchanged"))
        .map(|(c, _)| c.to_string())
        .unwrap();
    let (rendered, unchanged) = counts.split_once(" rendered, ").unwrap();
    (rendered.parse().unwrap(), unchanged.parse().unwrap())
}

fn copy_protocols(to: &Path) {
    for council in fs::read_dir("tests/fixtures/site").unwrap() {
        let council = council.unwrap().path();
        if council.ends_with("hostile") {
            continue; // its links stop any build
        }
        let target = to.join(council.file_name().unwrap());
        fs::create_dir_all(&target).unwrap();
        for file in fs::read_dir(&council).unwrap() {
            let file = file.unwrap().path();
            fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
        }
    }
}

/// Builds incrementally and from scratch; the two outputs must be identical.
fn assert_same_as_clean(protocols: &Path, out: &Path, version: &str) {
    let clean = tempfile::tempdir().unwrap();
    build(protocols, clean.path(), version, true);
    assert_eq!(
        tree(out),
        tree(clean.path()),
        "the incremental output differs from a clean build"
    );
}

#[test]
fn rebuilds_exactly_what_depends_on_a_change() {
    let work = tempfile::tempdir().unwrap();
    let protocols = work.path().join("protocols");
    let out = work.path().join("output");
    copy_protocols(&protocols);

    let (rendered, unchanged) = build(&protocols, &out, "1", false);
    assert_eq!(unchanged, 0);
    let total = rendered;

    // Nothing changed: nothing is rendered.
    assert_eq!(build(&protocols, &out, "1", false), (0, total));

    // One document's wording: its HTML and PDF, and the council's pages
    // that show the whole of it: contents, whole constitution and each
    // edition of it (both formats), the list of editions and the change
    // log; and of the search, its page, its list of documents, its one
    // file of words and the changed document's units (not the other's).
    let code = protocols.join("small/code.md");
    let text = fs::read_to_string(&code)
        .unwrap()
        .replace("treat others with respect", "treat everyone with respect");
    fs::write(&code, text).unwrap();
    let (rendered, _) = build(&protocols, &out, "1", false);
    assert_eq!(
        rendered, 14,
        "code.html, code.pdf, index.html, constitution.html, constitution.pdf, as-at-2022-05-10.html, as-at-2022-05-10.pdf, editions.html, change-log.html, change-log.pdf, search.html, search/index.js, search/terms-0.js, search/units-0.js"
    );
    assert_same_as_clean(&protocols, &out, "1");

    // One template of the council: every file of that council (PDFs are
    // keyed with the templates too, which is safe if more than needed).
    let templates = protocols.join("small/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("council-index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Contents of {{ council.name }}</h1>{% endblock content %}",
    )
    .unwrap();
    let (rendered, _) = build(&protocols, &out, "1", false);
    let small_files = tree(&out).keys().filter(|p| p.starts_with("small")).count();
    assert_eq!(
        rendered, small_files,
        "the council's pages and PDFs depend on its templates"
    );
    assert_same_as_clean(&protocols, &out, "1");

    // A new version of clerk: everything.
    assert_eq!(build(&protocols, &out, "2", false).0, total);
    assert_same_as_clean(&protocols, &out, "2");
}

/// The whole-constitution pages' articles of a council of 32 versions or
/// more are kept beside the site: after one document changes, its article
/// is made again and every other is the very file the last build wrote
/// (the same inode, linked into the new site), and the pages are those of
/// a clean build.
#[test]
fn a_rebuild_makes_again_only_the_article_of_the_changed_document() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/fenby");
    fs::create_dir_all(&council).unwrap();
    fs::write(
        council.join("council.toml"),
        "name = \"Fenby District Council\"\nshort_name = \"Fenby\"\n",
    )
    .unwrap();
    let document = |id: &str, title: &str, body: &str| {
        fs::write(
            council.join(format!("{id}.md")),
            format!("+++\ncouncil = \"fenby\"\ntitle = \"{title}\"\nversion = \"1\"\nstatus = \"adopted\"\neffective = 2024-01-01\n+++\n{body}"),
        )
        .unwrap();
    };
    document(
        "financial-rules",
        "Financial Procedure Rules",
        "# 1. Limits\n\n1.1 Officers may commit spending up to these limits.\n\n| Post | Limit |\n|---|---|\n| Director | £100,000 |\n| Head of Service | £25,000 |\n",
    );
    document(
        "meeting-rules",
        "Meeting Procedure Rules",
        "# 1. Chair\n\n1.1 The Chair presides.\n\nIn the Chair's absence the Vice-Chair presides.\n\n1.2 Quorum\n\n1.2.1 A quarter of the members is a quorum.\n",
    );
    document(
        "officer-code",
        "Officer Code",
        "# 1. Conduct\n\n1.1 Officers act impartially.\n",
    );
    // A district's constitution is long enough for its articles to be
    // kept: twenty-nine more sections of delegations.
    for n in 1..=29 {
        document(
            &format!("delegations-{n:02}"),
            &format!("Scheme of Delegation, Section {n}"),
            &format!(
                "# 1. Powers\n\n1.1 The Director of Service {n} may decide matters of service {n}.\n"
            ),
        );
    }
    let protocols = dir.path().join("protocols");
    let out = dir.path().join("site");
    build(&protocols, &out, "test", false);
    let articles = |out: &Path| -> std::collections::BTreeMap<String, u64> {
        fs::read_dir(out.join(".clerk-articles/fenby"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().ino(),
                )
            })
            .collect()
    };
    let before = articles(&out);
    assert_eq!(before.len(), 32, "{before:?}");

    // A limit in one table changes: one document's text, not its numbering.
    let rules = council.join("financial-rules.md");
    let text = fs::read_to_string(&rules).unwrap();
    fs::write(&rules, text.replace("£25,000", "£30,000")).unwrap();
    build(&protocols, &out, "test", false);
    let after = articles(&out);
    assert_eq!(after.len(), 32, "{after:?}");
    let kept: Vec<_> = after
        .iter()
        .filter(|(name, inode)| before.get(*name) == Some(inode))
        .collect();
    assert_eq!(
        kept.len(),
        31,
        "the unchanged articles are reused: {after:?}"
    );
    let page = fs::read_to_string(out.join("fenby/constitution.html")).unwrap();
    assert!(page.contains("£30,000") && !page.contains("£25,000"));
    assert_same_as_clean(&protocols, &out, "test");

    // Nothing changed: the pages and the kept articles stay as they are.
    build(&protocols, &out, "test", false);
    assert_eq!(articles(&out), after);
    assert_same_as_clean(&protocols, &out, "test");

    // A kept article edited by hand is not trusted: it is made again.
    for name in after.keys() {
        fs::write(
            out.join(".clerk-articles/fenby").join(name),
            "<p>tampered</p>",
        )
        .unwrap();
    }
    let code = council.join("officer-code.md");
    let text = fs::read_to_string(&code).unwrap();
    fs::write(&code, text.replace("impartially", "impartially and openly")).unwrap();
    build(&protocols, &out, "test", false);
    let page = fs::read_to_string(out.join("fenby/constitution.html")).unwrap();
    assert!(!page.contains("tampered") && page.contains("impartially and openly"));
    assert_same_as_clean(&protocols, &out, "test");

    // A council of a few documents keeps none: its articles are made again.
    for n in 1..=29 {
        fs::remove_file(council.join(format!("delegations-{n:02}.md"))).unwrap();
    }
    build(&protocols, &out, "test", false);
    assert!(!out.join(".clerk-articles").exists());
    assert_same_as_clean(&protocols, &out, "test");
}
