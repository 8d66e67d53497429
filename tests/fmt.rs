//! `clerk fmt`: every bundled protocol, written untidily in the ways
//! editors and exports leave text, builds to the same site, and `fmt`
//! brings it back to the bundled source exactly; `--check` writes nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{clerk_in, stderr, tree};

/// The bundled protocols' documents (not council.toml or reports).
fn bundled_documents() -> Vec<PathBuf> {
    let protocols = Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols");
    let mut found = Vec::new();
    for council in std::fs::read_dir(&protocols).unwrap() {
        let council = council.unwrap().path();
        if !council.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&council).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "md") {
                found.push(file.strip_prefix(&protocols).unwrap().to_path_buf());
            }
        }
    }
    found.sort();
    assert!(
        found.len() >= 6,
        "the bundled protocols are missing: {found:?}"
    );
    found
}

/// The same document as an untidy editor leaves it: CRLF line endings, a
/// byte-order mark, a tab after the trailing text, blank lines doubled,
/// headings with closing `#`s and extra spaces, `*` bullets, bold labels
/// and tabs after labels.
fn untidy(source: &str) -> String {
    let end = source[3..].find("\n+++\n").unwrap() + 3 + 5;
    let (head, body) = source.split_at(end);
    let mut out = String::from("\u{feff}");
    out.push_str(&head.replace('\n', "\r\n"));
    for line in body.lines() {
        let indent = line.len() - line.trim_start().len();
        let (lead, rest) = line.split_at(indent);
        let rewritten = if let Some(title) = rest.strip_prefix("# ") {
            format!("#   {title}  #")
        } else if let Some(item) = rest.strip_prefix("- ") {
            format!("{lead}* {item}")
        } else if indent == 0 && starts_with_label(rest) {
            let (label, text) = rest.split_once(' ').unwrap_or((rest, ""));
            match label.len() % 2 {
                0 => format!("**{label}** {text}"),
                _ => format!("{label}\t{text}"),
            }
        } else {
            line.to_string()
        };
        out.push_str(&rewritten);
        if !rewritten.trim().is_empty() && !rewritten.ends_with([' ', '>']) {
            out.push('\t');
        }
        out.push_str("\r\n");
        if rewritten.trim().is_empty() {
            out.push_str("\r\n");
        }
    }
    out
}

fn starts_with_label(text: &str) -> bool {
    let label = text.split(' ').next().unwrap_or("");
    let digits = label.trim_end_matches('.');
    digits.contains('.')
        && digits
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The built site without the manifest (which keys pages by their sources).
/// The files a reader sees: clerk's own records, its manifest of keys
/// and the articles kept for the next build (named by their keys), left out.
fn site(out: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = tree(out);
    files.retain(|path, _| {
        !path.starts_with(".clerk-manifest") && !path.starts_with(".clerk-articles")
    });
    files
}

/// The articles a build kept, by content alone: their names are keys.
fn kept_articles(out: &Path) -> Vec<Vec<u8>> {
    let mut articles: Vec<Vec<u8>> = tree(out)
        .into_iter()
        .filter(|(path, _)| path.starts_with(".clerk-articles"))
        .map(|(_, bytes)| bytes)
        .collect();
    articles.sort();
    articles
}

/// The files of two built sites that differ.
fn differences(a: &Path, b: &Path) -> Vec<PathBuf> {
    let (a, b) = (site(a), site(b));
    let mut paths: Vec<PathBuf> = a.keys().chain(b.keys()).cloned().collect();
    paths.sort();
    paths.dedup();
    paths.retain(|p| a.get(p) != b.get(p));
    paths
}

#[test]
fn untidy_sources_build_the_same_site_and_format_back_to_the_bundled_source() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("protocols");
    let copy = dir.path().join("protocols");
    for (path, bytes) in tree(&bundled) {
        let to = copy.join(&path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let built = clerk_in(dir.path(), &["build", "--out", "tidy"]);
    assert!(built.status.success(), "{}", stderr(&built));

    let documents = bundled_documents();
    for document in &documents {
        let source = std::fs::read_to_string(bundled.join(document)).unwrap();
        std::fs::write(copy.join(document), untidy(&source)).unwrap();
    }
    let built = clerk_in(dir.path(), &["build", "--out", "untidy"]);
    assert!(built.status.success(), "{}", stderr(&built));
    // Every page is the same, editions and their identifiers included;
    // only the verification manifest differs, as it records the sources'
    // bytes, and it differs in nothing else.
    assert_eq!(
        differences(&dir.path().join("tidy"), &dir.path().join("untidy")),
        vec![PathBuf::from("manifest.json")],
        "the untidy sources must say the same as the bundled ones"
    );
    assert_eq!(
        kept_articles(&dir.path().join("tidy")),
        kept_articles(&dir.path().join("untidy"))
    );
    let without_sources = |out: &str| {
        let text = std::fs::read_to_string(dir.path().join(out).join("manifest.json")).unwrap();
        let mut manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        for council in manifest["councils"].as_array_mut().unwrap() {
            council["sources"] = serde_json::Value::Null;
        }
        manifest
    };
    assert_eq!(without_sources("tidy"), without_sources("untidy"));

    // --check shows the difference and writes nothing.
    let before = tree(&copy);
    let checked = clerk_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(checked.status.code(), Some(1), "{}", stderr(&checked));
    assert!(
        String::from_utf8_lossy(&checked.stdout)
            .contains("+++ protocols/bury/member-officer-relations-2023.md")
    );
    assert!(stderr(&checked).contains(&format!(
        "{n} of {n} document(s) not in canonical form",
        n = documents.len()
    )));
    assert!(tree(&copy) == before, "fmt --check must not write");

    let formatted = clerk_in(dir.path(), &["fmt"]);
    assert!(formatted.status.success(), "{}", stderr(&formatted));
    assert!(
        !stderr(&formatted).contains("not applied"),
        "{}",
        stderr(&formatted)
    );
    for document in &documents {
        assert_eq!(
            std::fs::read_to_string(copy.join(document)).unwrap(),
            std::fs::read_to_string(bundled.join(document)).unwrap(),
            "{} formats back to the bundled source",
            document.display()
        );
    }
    let again = clerk_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let built = clerk_in(dir.path(), &["build", "--out", "formatted"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(
        differences(&dir.path().join("tidy"), &dir.path().join("formatted")),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn the_bundled_protocols_are_in_canonical_form() {
    let checked = clerk_in(Path::new(env!("CARGO_MANIFEST_DIR")), &["fmt", "--check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn a_document_that_does_not_load_is_not_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(council.join("broken.md"), "no front matter\r\n").unwrap();
    let output = clerk_in(dir.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("missing front matter"));
    assert_eq!(
        std::fs::read_to_string(council.join("broken.md")).unwrap(),
        "no front matter\r\n"
    );
}

/// A clause's further paragraphs and tables, indented any way CommonMark
/// allows, are written with three spaces (one after a list); a list item's
/// own paragraph is left to its item.
#[test]
fn a_clauses_further_blocks_are_indented_three_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    let body = "\n# 1. Rules\n\n1.1 First.\n\n  Second, two spaces.\n\n  | A | B |\n  |---|---|\n  | 1 | 2 |\n\n1.2 Items:\n\n- (a) one;\n\n  the item's own.\n\n Closing.\n";
    std::fs::write(
        council.join("rules.md"),
        common::small_source("version = \"1\"\nstatus = \"draft\"\n", body),
    )
    .unwrap();
    let built = |out: &str| {
        let run = clerk_in(dir.path(), &["build", "--out", out]);
        assert!(run.status.success(), "{}", stderr(&run));
        std::fs::read_to_string(dir.path().join(out).join("small/rules.html")).unwrap()
    };
    let before = built("before");
    let run = clerk_in(dir.path(), &["fmt"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(council.join("rules.md")).unwrap();
    assert!(
        text.contains("\n\n   Second, two spaces.\n\n   | A | B |\n   |---|---|\n   | 1 | 2 |\n"),
        "{text}"
    );
    assert!(
        text.contains("\n\n  the item's own.\n\n Closing.\n"),
        "{text}"
    );
    assert_eq!(
        built("after"),
        before,
        "formatting never changes what is published"
    );
}
