//! Bad and hostile input: every case gets a clear message naming the file,
//! a non-zero exit code, no panic, no partial output, and sources untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{clerk_in, stderr};

const FRONT: &str = "+++\ncouncil = \"small\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\nadopted = 2024-05-01\n+++\n";
const COUNCIL: &str = "name = \"Small Town Council\"\nshort_name = \"Small Town\"\n";

/// A project with one council holding the given files.
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    fs::create_dir_all(&council).unwrap();
    fs::write(council.join("council.toml"), COUNCIL).unwrap();
    for (name, bytes) in files {
        let path = council.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn doc(body: &str) -> Vec<u8> {
    format!("{FRONT}{body}").into_bytes()
}

fn no_panic(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(output.status.code(), Some(101), "{err}");
}

/// Checks the project, expecting `code`, and returns stderr with the temporary path removed.
fn check(dir: &tempfile::TempDir, code: i32) -> String {
    let output = clerk_in(dir.path(), &["check", "protocols"]);
    no_panic(&output);
    assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn binary_file() {
    let dir = project(&[("protocol.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")]);
    insta::assert_snapshot!(check(&dir, 1));
}

#[test]
fn empty_file() {
    let dir = project(&[("protocol.md", b"")]);
    insta::assert_snapshot!(check(&dir, 1));
}

#[test]
fn fifty_megabyte_file() {
    let dir = project(&[]);
    let file = fs::File::create(dir.path().join("protocols/small/huge.md")).unwrap();
    file.set_len(50_000_000).unwrap();
    insta::assert_snapshot!(check(&dir, 1));
}

#[test]
fn ten_thousand_deep_nesting() {
    let quotes = format!("{} deep\n", "> ".repeat(10_000));
    // "- - - item" opens a list inside a list on one line.
    let lists = format!("{}item\n", "- ".repeat(10_000));
    let emphasis = format!("{}text{}\n", "*".repeat(10_000), "*".repeat(10_000));
    let dir = project(&[(
        "protocol.md",
        &doc(&format!("# 1. Deep\n\n{quotes}\n{lists}\n{emphasis}")),
    )]);
    // The Markdown parser and clerk's own limit (32 levels, deeper kept as
    // text) bound the nesting: the document checks and builds, words kept.
    check(&dir, 0);
    let out = clerk_in(dir.path(), &["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = fs::read_to_string(dir.path().join("output/small/protocol.html")).unwrap();
    assert!(page.contains("deep") && page.contains("item") && page.contains("text"));
}

#[test]
fn nesting_past_the_limit_is_kept_as_text() {
    let blocks = clerk::source::markdown::parse_blocks(&format!("{}deep\n", "> ".repeat(40)), 0);
    let mut block = &blocks[0];
    let mut depth = 0;
    while let clerk::model::raw::RawBlock::Quote { blocks, .. } = block {
        depth += 1;
        block = &blocks[0];
    }
    assert_eq!(depth, clerk::source::markdown::MAX_NESTING);
    assert!(
        matches!(block, clerk::model::raw::RawBlock::Unsupported { text, .. } if text.contains("deep"))
    );
}

#[test]
fn clause_label_with_fifty_levels() {
    let label = (1..=50)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(".");
    let dir = project(&[(
        "protocol.md",
        &doc(&format!("# 1. Scope\n\n{label} A very deep clause.\n")),
    )]);
    let err = check(&dir, 0);
    assert!(
        err.contains("numbering"),
        "the first clause numbered .50 is a gap: {err}"
    );
    let out = clerk_in(dir.path(), &["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn names_that_collide() {
    let dir = project(&[
        ("Protocol.md", &doc("1.1 A.\n")),
        ("protocol.md", &doc("1.1 A.\n")),
        ("index.md", &doc("1.1 A.\n")),
    ]);
    insta::assert_snapshot!(check(&dir, 1));
}

/// Names the file system or a web address cannot take, and names of the
/// site's own files: `check` reports each, and `build` stops before it
/// writes anything.
#[test]
fn names_the_site_cannot_publish() {
    let long = "n".repeat(251);
    let councils = [
        ("style.css", "council-name"),
        ("index.html", "council-name"),
        (".clerk-manifest", "council-name"),
        ("a#b", "council-name"),
        ("q?x", "council-name"),
        ("p%20", "council-name"),
        ("two words", "council-name"),
    ];
    for (name, code) in councils {
        let dir = tempfile::tempdir().unwrap();
        let council = dir.path().join("protocols").join(name);
        fs::create_dir_all(&council).unwrap();
        fs::write(council.join("council.toml"), COUNCIL).unwrap();
        let front = FRONT.replace("\"small\"", &format!("\"{name}\""));
        fs::write(council.join("protocol.md"), format!("{front}1.1 A.\n")).unwrap();
        let err = check(&dir, 1);
        assert!(err.contains(&format!("error[{code}]")), "{name}: {err}");
        assert!(err.contains("council.toml"), "{name}: {err}");
        let out = clerk_in(dir.path(), &["build"]);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(
            !dir.path().join("output").exists(),
            "{name}: nothing published"
        );
    }

    let long_name = format!("{long}.md");
    let dir = project(&[
        (long_name.as_str(), &doc("1.1 A.\n")),
        ("a#b.md", &doc("1.1 A.\n")),
        ("50%.md", &doc("1.1 A.\n")),
    ]);
    let err = check(&dir, 1);
    assert_eq!(err.matches("error[document-name]").count(), 3, "{err}");
    assert!(err.contains("251 bytes long"), "{err}");
    assert!(err.contains("`#`"), "{err}");
    assert!(err.contains("`%`"), "{err}");
}

/// A one-line field heads every PDF page and names every HTML page: a
/// title of megabytes would make a PDF of gigabytes. It is refused at its key.
#[test]
fn a_title_of_megabytes_is_refused_at_its_key() {
    let title = "Protocol ".repeat(1_700_000);
    let source = FRONT.replace("title = \"Protocol\"", &format!("title = \"{title}\""));
    let dir = project(&[("protocol.md", format!("{source}1.1 A.\n").as_bytes())]);
    let err = check(&dir, 1);
    assert!(
        err.contains(
            "error[front-matter]: `title` is 15300000 characters long; clerk takes up to 500"
        ),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("protocol.md:3:1"),
        "{}",
        &err[..err.len().min(2000)]
    );
    let out = clerk_in(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("output").exists());

    let dir = project(&[("protocol.md", &doc("1.1 A.\n"))]);
    fs::write(
        dir.path().join("protocols/small/council.toml"),
        format!(
            "name = \"{}\"\nshort_name = \"Small\"\n",
            "Small ".repeat(100)
        ),
    )
    .unwrap();
    let err = check(&dir, 1);
    assert!(
        err.contains("error[council]: `name` is 600 characters long"),
        "{err}"
    );
}

/// A document listed twice in the contents would be published twice.
#[test]
fn document_listed_twice() {
    let dir = project(&[("protocol.md", &doc("1.1 A.\n"))]);
    fs::write(
        dir.path().join("protocols/small/council.toml"),
        format!(
            "{COUNCIL}[[parts]]\ntitle = \"Codes\"\ndocuments = [\"protocol\", \"protocol\"]\n\n[[parts]]\ntitle = \"Protocols\"\ndocuments = [\"protocol\"]\n"
        ),
    )
    .unwrap();
    let err = check(&dir, 1);
    assert_eq!(err.matches("error[listed-twice]").count(), 2, "{err}");
    assert!(err.contains("again in the same part"), "{err}");
    assert!(err.contains("in the part \"Codes\" too"), "{err}");
    // Each finding points at the listing in council.toml.
    assert!(err.contains("council.toml:5:"), "{err}");
    assert!(err.contains("council.toml:9:"), "{err}");
}

#[test]
fn supersedes_cycle_and_paths_that_escape() {
    let with_supersedes = |target: &str, body: &str| {
        format!("{FRONT}{body}")
            .replacen(
                "status = \"adopted\"\n",
                &format!("status = \"adopted\"\nsupersedes = \"{target}\"\n"),
                1,
            )
            .into_bytes()
    };
    let dir = project(&[
        ("a.md", &with_supersedes("b", "1.1 A.\n")),
        ("b.md", &with_supersedes("a", "1.1 B.\n")),
        ("c.md", &with_supersedes("../../etc/passwd", "1.1 C.\n")),
        ("d.md", &with_supersedes("/etc/passwd", "1.1 D.\n")),
    ]);
    insta::assert_snapshot!(check(&dir, 1));
}

#[test]
fn templates_that_escape_are_missing_or_broken() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("base.html"),
        "{% block content %}{% endblock content %}",
    )
    .unwrap();
    let dir = project(&[("protocol.md", &doc("1.1 A.\n"))]);
    let templates = dir.path().join("protocols/small/templates");
    fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("base.html"),
        templates.join("base.html"),
    )
    .unwrap();
    let out = clerk_in(dir.path(), &["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("points outside"), "{}", stderr(&out));

    // A templates folder that is itself a link out of the council.
    fs::remove_file(templates.join("base.html")).unwrap();
    fs::remove_dir(&templates).unwrap();
    std::os::unix::fs::symlink(outside.path(), &templates).unwrap();
    let out = clerk_in(dir.path(), &["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("points outside"), "{}", stderr(&out));
    fs::remove_file(&templates).unwrap();
    fs::create_dir(&templates).unwrap();

    fs::write(templates.join("document.html"), "{% extends \"base.html\" %}{% block content %}{% include \"missing.html\" %}{% endblock content %}").unwrap();
    let out = clerk_in(dir.path(), &["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.html"), "{}", stderr(&out));
    assert!(
        !dir.path().join("output/small").exists(),
        "no partial output"
    );

    fs::remove_file(templates.join("document.html")).unwrap();
    fs::write(templates.join("documnet.html"), "x").unwrap();
    let out = clerk_in(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `document.html`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_directory_that_cannot_be_written() {
    let dir = project(&[("protocol.md", &doc("1.1 A.\n"))]);
    let out = clerk_in(dir.path(), &["build", "--out", "/proc/clerk-output"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&out));
}

#[test]
fn disk_full_half_way_leaves_the_previous_output() {
    let dir = project(&[("protocol.md", &doc("# 1. Scope\n\n1.1 A.\n"))]);
    let first = clerk_in(dir.path(), &["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = tree(&dir.path().join("output"));
    fs::write(
        dir.path().join("protocols/small/protocol.md"),
        doc("# 1. Scope\n\n1.1 Changed.\n"),
    )
    .unwrap();
    let sources = tree(&dir.path().join("protocols"));
    let failed = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .arg("build")
        .current_dir(dir.path())
        .env("CLERK_SIMULATE_WRITE_FAILURE_AFTER", "3")
        .output()
        .unwrap();
    no_panic(&failed);
    assert_eq!(failed.status.code(), Some(2));
    assert!(
        stderr(&failed).contains("no space left on device (simulated)"),
        "{}",
        stderr(&failed)
    );
    assert_eq!(
        tree(&dir.path().join("output")),
        before,
        "the previous output is intact, nothing staged is left"
    );
    assert_eq!(
        tree(&dir.path().join("protocols")),
        sources,
        "sources untouched"
    );
}

fn tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_pdf_has_no_script_or_outside_resources() {
    let dir = project(&[(
        "protocol.md",
        &doc(
            "# 1. Links\n\n1.1 See [site](https://example.org/), <script>alert(1)</script> and <img src=\"http://evil.example/x.png\">.\n",
        ),
    )]);
    let out = clerk_in(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = fs::read(dir.path().join("output/small/protocol.pdf")).unwrap();
    // Every object and stream written out plainly, so nothing hides in compression.
    let mut document = lopdf::Document::load_mem(&pdf).unwrap();
    document.decompress();
    let mut plain = Vec::new();
    document.save_to(&mut plain).unwrap();
    let text = String::from_utf8_lossy(&plain);
    for bad in [
        "/JavaScript",
        "/JS",
        "/Launch",
        "/GoToR",
        "/ImportData",
        "/SubmitForm",
        "evil.example",
        "/EmbeddedFile",
    ] {
        assert!(!text.contains(bad), "the PDF contains {bad}");
    }
    assert!(text.contains("https://example.org/"), "web links stay");
}

#[test]
fn diff_and_import_refuse_what_they_cannot_read() {
    let dir = project(&[("protocol.md", &doc("1.1 A.\n"))]);
    let binary = dir.path().join("binary.md");
    fs::write(&binary, b"\xff\xfe\0\0binary").unwrap();
    let out = clerk_in(
        dir.path(),
        &["diff", "protocols/small/protocol.md", "binary.md"],
    );
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("binary.md: this is a binary file, not a text source"),
        "{}",
        stderr(&out)
    );
    let out = clerk_in(dir.path(), &["import", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read missing.txt: no such file or directory"),
        "{}",
        stderr(&out)
    );
}
