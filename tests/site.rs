//! The page plan: each change set computed once per build, and links that
//! every renderer resolves the same way.

use std::path::{Path, PathBuf};

use clerk::commands::project::check_each;
use clerk::render::html::templates::Overrides;
use clerk::site::plan::{Formats, Page, plan};
use clerk::site::{BuildOptions, build, render_in_memory};
use clerk::source::load::{Target, load};

#[test]
fn a_build_computes_each_change_set_once() {
    let project = load(&Target::Council(PathBuf::from("protocols/bury"))).unwrap();
    let councils = &project.councils;
    // Bury's revision is shown six times: its tracked changes as HTML,
    // PDF and Word, and the report's tracked-changes and comparison
    // appendices in each format's report.
    let pages = plan(councils, Formats::PUBLISHED);
    let showing = pages
        .iter()
        .filter(|p| matches!(p, Page::Changes { .. } | Page::Report(..)))
        .count();
    assert_eq!(showing, 6);
    let out = tempfile::tempdir().unwrap();
    let options = every_format_fresh();
    let built = build(
        councils,
        &Overrides::default(),
        Default::default(),
        &out.path().join("site"),
        &options,
    )
    .unwrap();
    assert_eq!(built.change_sets, 1, "one diff for the one revision");
    assert!(
        out.path()
            .join("site/bury/member-officer-relations-2023-changes.pdf")
            .is_file()
    );
}

/// `clerk build` checks first: the change set a committee report's
/// comparison needs for its reasons is computed there, and the build uses
/// it rather than computing it again.
#[test]
fn a_build_uses_the_change_sets_check_computed() {
    let dir = small_council(
        "",
        &[(
            "code-2022",
            "Code of Conduct",
            "# 1. Scope\n\n1.1 Members observe the Code.\n\n1.2 Officers advise Members.\n",
        )],
    );
    let council = dir.path().join("protocols/small");
    std::fs::write(
        council.join("code-2024.md"),
        "+++\ncouncil = \"small\"\ntitle = \"Code of Conduct\"\nversion = \"2\"\nstatus = \"adopted\"\nsupersedes = \"code-2022\"\n\n[reasons]\n\"1.2\" = \"Statutory officers are named.\"\n+++\n# 1. Scope\n\n1.1 Members observe the Code.\n\n1.2 Statutory officers advise Members.\n",
    )
    .unwrap();
    std::fs::create_dir(council.join("reports")).unwrap();
    std::fs::write(
        council.join("reports/2024-code-review.md"),
        "+++\ncouncil = \"small\"\ntitle = \"Code of Conduct Review\"\nclassification = \"Open\"\nmeeting = \"Standards Committee\"\nmeeting_date = 2024-03-01\nreport_by = \"The Monitoring Officer\"\ndecision_type = \"Council\"\nwards = \"All\"\nauthor = \"A. Clerk, Monitoring Officer\"\n\n[[appendices]]\ntitle = \"Current and proposed wording\"\nkind = \"comparison\"\nexisting = \"code-2022\"\nrevised = \"code-2024\"\nreasons = true\n+++\n\n# Summary\n\nThe Code names the statutory officers.\n",
    )
    .unwrap();
    let today = clerk::model::Date::from_iso("2025-01-01").unwrap();
    let mut checked = check_each(&dir.path().join("protocols"), today, Ok)
        .unwrap()
        .councils;
    assert_eq!(checked.len(), 1);
    let checked = checked.remove(0);
    assert!(
        checked.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    assert_eq!(checked.report_changes.len(), 1);
    let known = std::collections::HashMap::from([("small".to_string(), checked.report_changes)]);
    let options = every_format_fresh();
    let site = dir.path().join("site");
    let built = build(
        &checked.councils,
        &Overrides::default(),
        known,
        &site,
        &options,
    )
    .unwrap();
    // The tracked changes (three formats), the report (three) and the
    // change log all show the one pair: check computed it.
    assert_eq!(built.change_sets, 0, "the one change set came from check");
    let comparison = std::fs::read_to_string(site.join("small/2024-code-review.html")).unwrap();
    assert!(comparison.contains("Statutory officers are named."));
    assert!(site.join("small/code-2024-changes.docx").is_file());

    // Without it, the build computes the pair itself, once.
    let again = build(
        &checked.councils,
        &Overrides::default(),
        Default::default(),
        &dir.path().join("again"),
        &options,
    )
    .unwrap();
    assert_eq!(again.change_sets, 1);
}

/// A build of every format, reusing nothing.
fn every_format_fresh() -> BuildOptions {
    BuildOptions {
        formats: Formats::PUBLISHED,
        only_council: None,
        fresh: true,
        force: false,
        pdf: Default::default(),
        version: "test".into(),
        sources: Default::default(),
    }
}

/// A council `small` in a temporary project: `council.toml` with `parts`
/// (TOML, may be empty), and documents given as (id, title, body).
fn small_council(parts: &str, documents: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    std::fs::create_dir_all(&council).unwrap();
    std::fs::write(
        council.join("council.toml"),
        format!("name = \"Small\"\nshort_name = \"Small\"\n{parts}"),
    )
    .unwrap();
    for (id, title, body) in documents {
        std::fs::write(
            council.join(format!("{id}.md")),
            format!(
                "+++\ncouncil = \"small\"\ntitle = \"{title}\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n{body}"
            ),
        )
        .unwrap();
    }
    dir
}

#[test]
fn a_cross_reference_to_another_document_is_a_link_in_its_pdf() {
    let dir = small_council(
        "",
        &[
            (
                "code",
                "Code",
                "# 1. Code\n\n1.1 See [paragraph 2.1](protocol#2.1) of the protocol.\n",
            ),
            (
                "protocol",
                "Protocol",
                "# 2. Protocol\n\n2.1 Officers advise.\n",
            ),
        ],
    );
    let project = load(&Target::Protocols(dir.path().join("protocols"))).unwrap();
    assert!(
        project.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        project.diagnostics
    );
    let pdf_only = Formats::only(clerk::render::Format::Pdf);
    let files = render_in_memory(
        &project.councils,
        &Overrides::default(),
        pdf_only,
        &Default::default(),
    )
    .unwrap();
    let code = &files
        .iter()
        .find(|(p, _)| p == Path::new("small/code.pdf"))
        .unwrap()
        .1;
    let document = lopdf::Document::load_mem(code).unwrap();
    let mut uris = Vec::new();
    for object in document.objects.values() {
        collect_uris(object, &mut uris);
    }
    assert_eq!(uris, vec!["protocol.pdf".to_string()]);
}

/// Every `/URI` string in an object, however deep (link annotations sit
/// inline in a page's `/Annots`).
fn collect_uris(object: &lopdf::Object, out: &mut Vec<String>) {
    match object {
        lopdf::Object::Dictionary(dict) => {
            for (key, value) in dict.iter() {
                match (key.as_slice(), value) {
                    (b"URI", lopdf::Object::String(bytes, _)) => {
                        out.push(String::from_utf8_lossy(bytes).into_owned())
                    }
                    _ => collect_uris(value, out),
                }
            }
        }
        lopdf::Object::Array(items) => items.iter().for_each(|item| collect_uris(item, out)),
        _ => {}
    }
}

/// A PDF past the page limit is withheld with a warning; the rest of the
/// site is published, and no page links to the PDF that is not there.
#[test]
fn a_pdf_past_the_page_limit_is_withheld_and_nothing_links_to_it() {
    let clauses: String = (1..=200)
        .map(|n| format!("1.{n} Clause {n} of a protocol that runs to several pages.\n\n"))
        .collect();
    let dir = small_council(
        "[[parts]]\ntitle = \"Protocols\"\ndocuments = [\"short\", \"long\"]\n",
        &[
            ("short", "Short", "# 1. Scope\n\n1.1 One clause.\n"),
            ("long", "Long", &format!("# 1. Scope\n\n{clauses}")),
        ],
    );
    let project = load(&Target::Protocols(dir.path().join("protocols"))).unwrap();
    let mut options = every_format_fresh();
    options.pdf.layout.max_pages = 2;
    let site = dir.path().join("site");
    let built = build(
        &project.councils,
        &Overrides::default(),
        Default::default(),
        &site,
        &options,
    )
    .unwrap();
    let withheld: Vec<&Path> = built.withheld.iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(
        withheld,
        [
            Path::new("small/constitution.pdf"),
            Path::new("small/long.pdf")
        ]
    );
    assert!(built.withheld[1].1.contains("more than 2 pages"));
    assert!(site.join("small/short.pdf").is_file());
    for gone in &withheld {
        assert!(!site.join(gone).exists(), "{}", gone.display());
    }
    let read = |name: &str| std::fs::read_to_string(site.join("small").join(name)).unwrap();
    assert!(read("short.html").contains("href=\"short.pdf\""));
    assert!(!read("long.html").contains(".pdf\""));
    assert!(!read("index.html").contains("constitution.pdf"));
    assert!(!read("constitution.html").contains("constitution.pdf"));
    let manifest = std::fs::read_to_string(site.join(".clerk-manifest")).unwrap();
    assert!(!manifest.contains("long.pdf"), "{manifest}");

    // An HTML-only build links to no PDF at all.
    options.formats = Formats::only(clerk::render::Format::Html);
    options.pdf.layout.max_pages = 5_000;
    build(
        &project.councils,
        &Overrides::default(),
        Default::default(),
        &site,
        &options,
    )
    .unwrap();
    for entry in std::fs::read_dir(site.join("small")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue; // the search index: scripts, no links
        }
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(
            !html.contains(".pdf\""),
            "{} links to a PDF",
            path.display()
        );
    }
}
