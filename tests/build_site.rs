//! `clerk build`: the HTML site, its content, its safety and its determinism.

mod common;

use common::{clerk, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use clerk::render::html::templates::Overrides;
use clerk::site::plan::Formats;
use clerk::site::render_in_memory;
use clerk::source::load::{Target, load};

fn render(dir: &str) -> BTreeMap<PathBuf, String> {
    let project = load(&Target::Protocols(PathBuf::from(dir))).expect("fixtures load");
    assert!(
        project.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        project.diagnostics
    );
    files_by_path(html_site(&project.councils).expect("renders"))
}

/// Every HTML page of the councils, rendered in memory.
fn html_site(councils: &[clerk::model::Council]) -> Result<Vec<(PathBuf, Vec<u8>)>, clerk::Error> {
    let html = Formats::only(clerk::render::Format::Html);
    render_in_memory(councils, &Overrides::default(), html, &Default::default())
}

fn files_by_path(files: Vec<(PathBuf, Vec<u8>)>) -> BTreeMap<PathBuf, String> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("utf-8 output")))
        .collect()
}

#[test]
fn small_council_pages_snapshot() {
    let site = render("tests/fixtures/site");
    insta::assert_snapshot!(
        "small_document",
        site[Path::new("small/protocol-2022.html")]
    );
    insta::assert_snapshot!("small_contents", site[Path::new("small/index.html")]);
    insta::assert_snapshot!(
        "small_constitution",
        site[Path::new("small/constitution.html")]
    );
}

#[test]
fn pages_have_the_expected_structure() {
    let site = render("tests/fixtures/site");
    let page = &site[Path::new("small/protocol-2022.html")];
    assert!(page.contains("<html lang=\"en-GB\">"));
    assert_eq!(page.matches("<h1").count(), 1, "one h1 per page");
    for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer"] {
        assert!(page.contains(landmark), "missing {landmark}");
    }
    assert!(page.contains("href=\"#main\">Skip to main content</a>"));
    // Clauses keep their labels, anchors and permalinks.
    assert!(page.contains("<div class=\"clause\" id=\"c-1-2\">"));
    assert!(page.contains("<a class=\"clause-label\" href=\"#c-1-2\""));
    // Lettered items keep their letters; nested bullets nest.
    assert!(page.contains("<span class=\"marker\">(a)</span> impartially;"));
    assert!(page.contains("<ul class=\"items\">\n<li>promptly where a matter is urgent.</li>"));
    // Cross-references resolve, across documents too; formatting survives.
    assert!(page.contains("<a class=\"xref\" href=\"#c-1-2\">1.2</a>"));
    assert!(page.contains("<a class=\"xref\" href=\"code.html#c-3-1\">Code of Conduct</a>"));
    assert!(page.contains("<a class=\"external\" href=\"https://www.gov.uk/\">GOV.UK</a>"));
    assert!(page.contains("<strong>members</strong> and <em>officers</em>"));
    // The newer, proposed version is reachable from the one in force.
    assert!(page.contains("<a href=\"protocol-2024.html\">2024</a>"));
}

#[test]
fn consolidated_page_holds_only_current_versions() {
    let site = render("tests/fixtures/site");
    let whole = &site[Path::new("small/constitution.html")];
    assert!(
        whole.contains("id=\"protocol-2022--c-1-1\""),
        "the adopted version is in force"
    );
    assert!(
        !whole.contains("at all times"),
        "the proposed 2024 text is not in the constitution"
    );
    assert!(whole.contains("<a class=\"xref\" href=\"#protocol-2022--c-1-2\">1.2</a>"));
    let contents = &site[Path::new("small/index.html")];
    assert!(contents.contains("Part 4: Codes and Protocols"));
    assert!(
        contents.contains("Other documents"),
        "the unlisted code still appears"
    );
}

#[test]
fn every_clause_label_in_protocols_is_built_with_its_anchor() {
    let project = load(&Target::Protocols("protocols".into())).unwrap();
    let site = files_by_path(html_site(&project.councils).unwrap());
    let mut clauses = 0;
    for council in &project.councils {
        for document in &council.documents {
            let page = &site[&PathBuf::from(format!("{}/{}.html", council.id, document.id))];
            for clause in document.clauses() {
                let expected = format!(
                    "<div class=\"clause\" id=\"{}\">\n<p><a class=\"clause-label\" href=\"#{}\" title=\"Link to clause {}\">{}</a>",
                    clause.id, clause.id, clause.label.written, clause.label.written
                );
                assert!(
                    page.contains(&expected),
                    "{}: clause {} not built",
                    document.id,
                    clause.label.written
                );
                clauses += 1;
            }
            for section in &document.sections {
                assert!(
                    page.contains(&format!("id=\"{}\"", section.id)),
                    "{}: section {}",
                    document.id,
                    section.id
                );
            }
        }
    }
    assert!(clauses > 300, "{clauses} clauses");
}

#[test]
fn hostile_html_never_reaches_the_page() {
    let site = render("tests/fixtures/site");
    for (path, html) in site
        .iter()
        .filter(|(p, _)| p.starts_with("hostile") || p.as_os_str() == "index.html")
    {
        // The one script a page may run is clerk's own search, by a fixed
        // address; a source can add none.
        let lower = html
            .to_lowercase()
            .replace("<script src=\"../search.js\"></script>", "")
            .replace("<script src=\"search.js\"></script>", "");
        for bad in [
            "<script",
            "<img",
            "<iframe",
            "href=\"javascript:",
            "href=\"data:",
            "href=\"vbscript:",
        ] {
            assert!(!lower.contains(bad), "{}: contains {bad}", path.display());
        }
        // Escaped text may mention `onerror=`; no tag may carry it.
        for tag in lower
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            assert!(
                !tag.contains("onerror") && !tag.contains("javascript:"),
                "{}: <{tag}>",
                path.display()
            );
        }
    }
    let page = &site[Path::new("hostile/protocol.html")];
    assert!(
        page.contains("&lt;script&gt;alert(&#39;inline&#39;)&lt;/script&gt;"),
        "raw HTML is shown as text"
    );
    assert!(page.contains("javascript link"), "the link text is kept");
}

#[test]
fn hostile_links_stop_the_build() {
    let out = tempfile::tempdir().unwrap();
    let output = clerk(&[
        "build",
        "--protocols",
        "tests/fixtures/site",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no document `javascript:alert(1)`"), "{err}");
}

#[test]
fn two_builds_are_byte_identical() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for dir in [&first, &second] {
        let output = clerk(&["build", "--out", dir.path().to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let a = tree(first.path());
    let b = tree(second.path());
    assert!(a.len() > 15);
    assert_eq!(a, b);
    // The Word file of Bury's revision is among them, and it holds both versions.
    let word = &a[Path::new("bury/member-officer-relations-2023-changes.docx")];
    let read = |name: &str| {
        let text = std::fs::read_to_string(format!("protocols/bury/{name}.md")).unwrap();
        clerk::source::parse_document(name, &text).unwrap().document
    };
    let (accepted, rejected) = common::word::expected(
        &read("member-officer-relations-2020"),
        &read("member-officer-relations-2023"),
    );
    assert_eq!(common::word::resolved(word, true), accepted);
    assert_eq!(common::word::resolved(word, false), rejected);
    let page =
        String::from_utf8_lossy(&a[Path::new("bury/member-officer-relations-2023-changes.html")])
            .into_owned();
    assert!(page.contains(r#"href="member-officer-relations-2023-changes.docx""#));
    // The revised version's own page offers it too.
    let document =
        String::from_utf8_lossy(&a[Path::new("bury/member-officer-relations-2023.html")]);
    assert!(document.contains(r#"href="member-officer-relations-2023-changes.docx""#));
}

#[test]
fn a_failed_build_leaves_the_previous_output_and_sources_alone() {
    let work = tempfile::tempdir().unwrap();
    let protocols = work.path().join("protocols");
    let out = work.path().join("output");
    copy_dir(
        Path::new("tests/fixtures/site/small"),
        &protocols.join("small"),
    );
    let out_arg = out.to_str().unwrap();
    let protocols_arg = protocols.to_str().unwrap();
    let ok = clerk(&["build", "--protocols", protocols_arg, "--out", out_arg]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = tree(&out);

    let broken = protocols.join("small/code.md");
    fs::write(&broken, "+++\ncouncil = \"small\"\ntitel = \"x\"\n+++\n").unwrap();
    let sources_before = tree(&protocols);
    let failed = clerk(&["build", "--protocols", protocols_arg, "--out", out_arg]);
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("code.md:3:1"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(tree(&out), before, "the previous output is intact");
    assert_eq!(
        tree(&protocols),
        sources_before,
        "sources are never modified"
    );
}

#[test]
fn output_inside_the_sources_or_on_a_file_is_refused() {
    let inside = clerk(&[
        "build",
        "--protocols",
        "tests/fixtures/site",
        "--out",
        "tests/fixtures/site/out",
    ]);
    assert_eq!(inside.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&inside.stderr).contains("is inside the sources"));
    assert!(!Path::new("tests/fixtures/site/out").exists());

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let on_file = clerk(&["build", "--out", file.to_str().unwrap()]);
    assert_eq!(on_file.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&on_file.stderr).contains("is a file, not a directory"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_council_template_overrides_the_default() {
    let work = tempfile::tempdir().unwrap();
    let protocols = work.path().join("protocols");
    copy_dir(
        Path::new("tests/fixtures/site/small"),
        &protocols.join("small"),
    );
    let templates = protocols.join("small/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("council-index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Our own contents for {{ council.name }}</h1>{% endblock content %}",
    )
    .unwrap();
    let out = work.path().join("out");
    let output = clerk(&[
        "build",
        "--protocols",
        protocols.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let contents = fs::read_to_string(out.join("small/index.html")).unwrap();
    assert!(contents.contains("<h1>Our own contents for Small Town Council</h1>"));
    // The other pages still use the defaults.
    assert!(
        fs::read_to_string(out.join("small/protocol-2022.html"))
            .unwrap()
            .contains("class=\"clause\"")
    );

    fs::write(templates.join("council-index.html"), "{% if %}").unwrap();
    let broken = clerk(&[
        "build",
        "--protocols",
        protocols.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(broken.status.code(), Some(2));
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(
        err.contains("the templates of council `small` do not compile"),
        "{err}"
    );
    assert!(
        fs::read_to_string(out.join("small/index.html"))
            .unwrap()
            .contains("Our own contents"),
        "output kept"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}
