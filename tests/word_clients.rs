//! Word files checked by real clients: every XML part validates against
//! the Office Open XML schemas (`xmllint`), and LibreOffice's Accept All
//! and Reject All give exactly the revised and the existing text.
//!
//! The schemas are in `tests/word/ooxml-schemas` (see its README), and
//! LibreOffice comes from Debian's `libreoffice-writer-nogui` and
//! `python3-uno`, which CI installs; without a client these tests say so
//! and pass, except under CI (`CI` set), where a missing client is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use clerk::diff::{DiffOptions, diff};
use clerk::model::Document;
use clerk::render::docx::{DocxOptions, changes_docx};
use clerk::source::parse_document;
use common::word::{expected, resolved};

/// Says why a client test cannot run, or fails under CI.
fn unavailable(what: &str, fix: &str) -> bool {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing; CI must provide it ({fix})"
    );
    eprintln!("skipping: {what} is missing ({fix})");
    true
}

fn read(path: &str) -> Document {
    let text = std::fs::read_to_string(path).unwrap();
    parse_document("doc", &text).unwrap().document
}

/// The Word files the tests open, with the paragraphs each must have once
/// every revision is accepted, and once every revision is rejected.
fn cases(dir: &Path) -> Vec<(PathBuf, Vec<String>, Vec<String>)> {
    [
        (
            "bury.docx",
            "protocols/bury/member-officer-relations-2020.md",
            "protocols/bury/member-officer-relations-2023.md",
        ),
        (
            "revision.docx",
            "tests/fixtures/revision/old.md",
            "tests/fixtures/revision/new.md",
        ),
        // Clauses of several paragraphs, three levels deep: a further
        // paragraph reworded, added and deleted, and one after a list.
        (
            "several-paragraphs.docx",
            "tests/fixtures/several-paragraphs/old.md",
            "tests/fixtures/several-paragraphs/new.md",
        ),
        // Tables: cells edited, rows inserted, deleted and moved, a
        // table in a clause and one of its section.
        (
            "tables.docx",
            "tests/fixtures/tables/old.md",
            "tests/fixtures/tables/new.md",
        ),
        // The bundled example council's rules and scheme.
        (
            "contract-procedure-rules.docx",
            "protocols/example-borough/contract-procedure-rules-2024.md",
            "protocols/example-borough/contract-procedure-rules-2025.md",
        ),
        (
            "scheme-of-delegation.docx",
            "protocols/example-borough/scheme-of-delegation-2024.md",
            "protocols/example-borough/scheme-of-delegation-2025.md",
        ),
        // Dated revisions, so its moved clauses are Word moves.
        (
            "revision-dated.docx",
            "tests/fixtures/revision/old.md",
            "tests/fixtures/revision/new.md",
        ),
        // A council written for the revision workflow: a post renamed
        // mid-phrase, a section deleted, clauses inserted, one moved and
        // one unnumbered, the rest renumbered; undated and dated.
        (
            "renamed-and-renumbered.docx",
            "tests/fixtures/renamed-and-renumbered/old.md",
            "tests/fixtures/renamed-and-renumbered/new.md",
        ),
        (
            "renamed-and-renumbered-dated.docx",
            "tests/fixtures/renamed-and-renumbered/old.md",
            "tests/fixtures/renamed-and-renumbered/new.md",
        ),
    ]
    .into_iter()
    .map(|(name, old, new)| {
        let (old, new) = (read(old), read(new));
        let changes = diff(&old, &new, &DiffOptions::default());
        let mut options = DocxOptions::revised(&new.front_matter);
        if name.contains("dated") {
            // Dated as a version with no date of its own is: its properties say why.
            options.date = None;
            options.date_from(
                clerk::model::Date::new(2024, 4, 1),
                "the day the site was built for",
            );
        }
        let docx = changes_docx(&changes, &options).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, docx).unwrap();
        // Each version on its own, no revisions: how it is set.
        for (version, suffix) in [(&new, "as-new"), (&old, "as-old")] {
            let same = diff(version, version, &DiffOptions::default());
            let docx = changes_docx(&same, &DocxOptions::revised(&version.front_matter)).unwrap();
            std::fs::write(path.with_extension(format!("{suffix}.docx")), docx).unwrap();
        }
        let (accepted, rejected) = expected(&old, &new);
        (path, accepted, rejected)
    })
    .chain(sampled_revisions(dir))
    .chain(std::iter::once({
        // The report: as `tests/docx.rs` proves its appendix against the versions.
        let (docx, _, _) = common::word::bury_report();
        let path = dir.join("report.docx");
        std::fs::write(&path, &docx).unwrap();
        (path, resolved(&docx, true), resolved(&docx, false))
    }))
    .collect()
}

/// Random revisions from the property tests' generator (`tests/diff_properties.rs`),
/// plain and with tables and clauses of several paragraphs, a fixed sample
/// of each: each written undated (moves as deletions and insertions) and
/// dated (moves as Word moves), with each version on its own beside it.
fn sampled_revisions(dir: &Path) -> Vec<(PathBuf, Vec<String>, Vec<String>)> {
    use common::revisions::{revision, shaped_revision, step};
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let revisions = (
        proptest::collection::vec(any::<usize>(), 2..10),
        proptest::collection::vec(step(), 1..8),
    );
    let mut out = Vec::new();
    for k in 0..12 {
        let (picks, steps) = revisions.new_tree(&mut runner).unwrap().current();
        let (old, new) = match k % 2 {
            0 => revision(&picks, &steps),
            _ => shaped_revision(&picks, &steps),
        };
        let changes = diff(&old, &new, &DiffOptions::default());
        if !changes.has_changes() {
            continue;
        }
        for dated in [false, true] {
            let mut options = DocxOptions::revised(&new.front_matter);
            options.date = dated.then(|| clerk::model::Date::new(2024, 4, 1)).flatten();
            let path = dir.join(format!(
                "property-{k}{}.docx",
                if dated { "-dated" } else { "" }
            ));
            std::fs::write(&path, changes_docx(&changes, &options).unwrap()).unwrap();
            if !dated {
                for (version, suffix) in [(&new, "as-new"), (&old, "as-old")] {
                    let same = diff(version, version, &DiffOptions::default());
                    let docx =
                        changes_docx(&same, &DocxOptions::revised(&version.front_matter)).unwrap();
                    std::fs::write(path.with_extension(format!("{suffix}.docx")), docx).unwrap();
                }
            }
            let (accepted, rejected) = expected(&old, &new);
            out.push((path, accepted, rejected));
        }
    }
    assert!(out.len() >= 16, "the sample holds revisions: {}", out.len());
    out
}

/// The schemas, by their real path: they import each other by it.
fn schemas() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/word/ooxml-schemas");
    let dir = dir
        .canonicalize()
        .expect("tests/word/ooxml-schemas is part of the project");
    assert!(dir.join("ISO-IEC29500-4_2016/wml.xsd").is_file());
    dir
}

/// The core-properties schema loads the Dublin Core schemas from the
/// network; this copy loads the stand-ins in `tests/word/dublin-core`.
fn core_properties_schema(schemas: &Path, dir: &Path) -> PathBuf {
    let xml_xsd = schemas.join("ISO-IEC29500-4_2016/xml.xsd");
    let xml_xsd = xml_xsd.to_str().unwrap();
    for name in ["dc.xsd", "dcterms.xsd"] {
        let text = std::fs::read_to_string(format!("tests/word/dublin-core/{name}")).unwrap();
        std::fs::write(dir.join(name), text.replace("XML_XSD", xml_xsd)).unwrap();
    }
    let core = std::fs::read_to_string(schemas.join("ecma/fouth-edition/opc-coreProperties.xsd"))
        .unwrap()
        .replace(
            "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd",
            dir.join("dc.xsd").to_str().unwrap(),
        )
        .replace(
            "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd",
            dir.join("dcterms.xsd").to_str().unwrap(),
        )
        .replace(
            r#"<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace"/>"#,
            &format!(
                r#"<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="{xml_xsd}"/>"#
            ),
        );
    let path = dir.join("core.xsd");
    std::fs::write(&path, core).unwrap();
    path
}

#[test]
fn every_part_validates_against_the_office_open_xml_schemas() {
    let schemas = schemas();
    if Command::new("xmllint").arg("--version").output().is_err() {
        unavailable("xmllint", "apt-get install libxml2-utils");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let core = core_properties_schema(&schemas, dir.path());
    let wml = schemas.join("ISO-IEC29500-4_2016/wml.xsd");
    let packaging = schemas.join("ecma/fouth-edition");
    // The tables of destinations and origins are a Word file too.
    let tables = dir.path().join("tables.docx");
    {
        let (old, new) = (
            read("tests/fixtures/renamed-and-renumbered/old.md"),
            read("tests/fixtures/renamed-and-renumbered/new.md"),
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        let docx = clerk::render::docx::tables_docx(
            &changes,
            &changes.dispositions(),
            &DocxOptions::revised(&new.front_matter),
        )
        .unwrap();
        std::fs::write(&tables, docx).unwrap();
    }
    let files = cases(dir.path()).into_iter().map(|(docx, _, _)| docx);
    for docx in files.chain(std::iter::once(tables)) {
        let bytes = std::fs::read(&docx).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        for name in names {
            let schema = match name.as_str() {
                "[Content_Types].xml" => packaging.join("opc-contentTypes.xsd"),
                n if n.ends_with(".rels") => packaging.join("opc-relationships.xsd"),
                "docProps/core.xml" => core.clone(),
                n if n.starts_with("word/") => wml.clone(),
                other => panic!("{other}: a part no schema covers"),
            };
            let part = dir.path().join("part.xml");
            let mut file = std::fs::File::create(&part).unwrap();
            std::io::copy(&mut archive.by_name(&name).unwrap(), &mut file).unwrap();
            let output = Command::new("xmllint")
                .args(["--noout", "--nonet", "--schema"])
                .arg(&schema)
                .arg(&part)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{} {name} does not validate:\n{}",
                docx.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

#[test]
fn libreoffice_accepts_every_revision_to_the_new_text_and_rejects_to_the_old() {
    let python = "/usr/bin/python3";
    let has_uno = Command::new(python)
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    let has_office = Command::new("soffice").arg("--version").output().is_ok();
    if !has_uno || !has_office {
        unavailable(
            "LibreOffice with Python UNO",
            "apt-get install libreoffice-writer-nogui python3-uno",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases = cases(dir.path());
    let versions: Vec<PathBuf> = cases
        .iter()
        .flat_map(|(path, _, _)| {
            ["as-new", "as-old"]
                .map(|suffix| path.with_extension(format!("{suffix}.docx")))
                .into_iter()
                .filter(|p| p.exists())
        })
        .collect();
    let output = Command::new(python)
        .arg("tests/word/resolve.py")
        .args(cases.iter().map(|(path, _, _)| path))
        .args(&versions)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for (path, accepted, rejected) in &cases {
        let file = &result[path.to_str().unwrap()];
        // Word ends a document with a paragraph: an empty one in both
        // versions (after a last table) is text of neither.
        let ends_empty = common::word::ends_in_empty_paragraph(&std::fs::read(path).unwrap());
        let lines = |key: &str| -> Vec<String> {
            let mut lines: Vec<String> = file[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            if ends_empty && lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            lines
        };
        assert!(
            file["revisions"].as_u64().unwrap() > 0,
            "{}: no revisions",
            path.display()
        );
        assert_eq!(&lines("accepted"), accepted, "{}", path.display());
        assert_eq!(&lines("rejected"), rejected, "{}", path.display());
        // Every paragraph is set as its version sets it: accepted, as the
        // revised version on its own; rejected, as the existing one.
        for (key, suffix) in [("accepted", "as-new"), ("rejected", "as-old")] {
            let undated = PathBuf::from(path.to_str().unwrap().replace("-dated.docx", ".docx"));
            let version = undated.with_extension(format!("{suffix}.docx"));
            let Some(version) = result.get(version.to_str().unwrap()) else {
                continue;
            };
            let set: std::collections::HashMap<&str, &str> = version["accepted"]
                .as_array()
                .unwrap()
                .iter()
                .zip(version["accepted_styles"].as_array().unwrap())
                .map(|(text, style)| (text.as_str().unwrap(), style.as_str().unwrap()))
                .collect();
            let styles = file[format!("{key}_styles")].as_array().unwrap();
            for (text, style) in file[key].as_array().unwrap().iter().zip(styles) {
                let (text, style) = (text.as_str().unwrap(), style.as_str().unwrap());
                if let Some(wanted) = set.get(text).filter(|_| !text.trim().is_empty()) {
                    assert_eq!(
                        style,
                        *wanted,
                        "{} {key}: “{text}” is set as {style}, its version sets it as {wanted}",
                        path.display()
                    );
                }
            }
        }
    }
}
