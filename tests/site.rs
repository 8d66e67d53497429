//! The page plan: each change set computed once per build, and links that
//! every renderer resolves the same way.

use std::path::{Path, PathBuf};

use clerk::diff::sets::computed;
use clerk::render::templates::Overrides;
use clerk::site::plan::{Formats, Page, plan};
use clerk::site::{BuildOptions, build, render_in_memory};
use clerk::source::load::{Target, load};

#[test]
fn a_build_computes_each_change_set_once() {
    let project = load(&Target::Council(PathBuf::from("protocols/bury"))).unwrap();
    let councils = &project.councils;
    // Bury's revision is shown four times: its tracked changes as HTML and
    // PDF, and the report's tracked-changes and comparison appendices in
    // both formats' report.
    let pages = plan(councils, Formats::ALL);
    let showing = pages
        .iter()
        .filter(|p| matches!(p, Page::Changes { .. } | Page::Report(..)))
        .count();
    assert_eq!(showing, 4);
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        formats: Formats::ALL,
        only_council: None,
        fresh: true,
        force: false,
        pdf: Default::default(),
        version: "test".into(),
    };
    let before = computed();
    let built = build(
        councils,
        &Overrides::default(),
        &out.path().join("site"),
        &options,
    )
    .unwrap();
    assert_eq!(computed() - before, 1, "one diff for the one revision");
    assert_eq!(built.change_sets, 1);
    assert!(
        out.path()
            .join("site/bury/member-officer-relations-2023-changes.pdf")
            .is_file()
    );
}

#[test]
fn a_cross_reference_to_another_document_is_a_link_in_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/small");
    std::fs::create_dir_all(&council).unwrap();
    std::fs::write(
        council.join("council.toml"),
        "name = \"Small\"\nshort_name = \"Small\"\n",
    )
    .unwrap();
    let front = |title: &str| {
        format!(
            "+++\ncouncil = \"small\"\ntitle = \"{title}\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n"
        )
    };
    std::fs::write(
        council.join("code.md"),
        format!(
            "{}# 1. Code\n\n1.1 See [paragraph 2.1](protocol#2.1) of the protocol.\n",
            front("Code")
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("protocol.md"),
        format!(
            "{}# 2. Protocol\n\n2.1 Officers advise.\n",
            front("Protocol")
        ),
    )
    .unwrap();
    let project = load(&Target::Protocols(dir.path().join("protocols"))).unwrap();
    assert!(
        project.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        project.diagnostics
    );
    let pdf_only = Formats {
        html: false,
        pdf: true,
    };
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
