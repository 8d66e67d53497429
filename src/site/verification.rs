//! The verification manifest a build publishes as `manifest.json`: the
//! SHA-256 of every published file and of every source it came from, and
//! for each council the identifier and the versions of the edition in
//! force, of each past edition and of each edition a committee report
//! proposes. `clerk verify` checks a site, one file, or a folder of
//! sources against it, offline.
//!
//! The manifest is canonical: maps are sorted, lists are in the build's
//! order, and nothing in it depends on the clock or the machine, so two
//! builds of the same sources write the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::identity::{self, EditionId};
use crate::model::{Council, Document};
use crate::render::Format;

use super::plan::Page;

/// Where the manifest is published, at the top of the site.
pub const VERIFICATION_FILE: &str = "manifest.json";

/// What the manifest's `format` field says, so a reader knows its shape.
pub const FORMAT: &str = "clerk verification manifest 1";

/// A published site's verification manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationManifest {
    pub format: String,
    /// The clerk that built the site, such as "clerk 0.1.0".
    pub generator: String,
    /// Every file clerk published, by its path in the site, with its SHA-256.
    pub files: BTreeMap<String, String>,
    pub councils: Vec<CouncilRecord>,
}

/// One council's sources and editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRecord {
    pub id: String,
    pub name: String,
    /// Every source the council's pages came from, by its path under the
    /// protocols directory (`bury/council.toml`), with its SHA-256.
    pub sources: BTreeMap<String, String>,
    /// Every version, by id: its source and the digest of its text.
    pub versions: BTreeMap<String, VersionRecord>,
    /// The edition in force on the day of the build.
    pub in_force: EditionRecord,
    /// Each day a version came into force, newest first.
    pub editions: Vec<EditionRecord>,
    /// The edition each committee report proposes.
    pub proposed: Vec<ProposalRecord>,
}

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRecord {
    pub source: Option<String>,
    /// [`identity::text_digest`]: what edition identifiers are made of.
    pub text: String,
    pub status: String,
}

/// One edition: its identifier, its versions and the files that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionRecord {
    /// All 64 hex digits; readers see the first 12.
    pub id: String,
    /// The day it came into force (`YYYY-MM-DD`), for a past edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The ids of its versions, sorted.
    pub versions: Vec<String>,
    /// The published files that show it.
    pub files: Vec<String>,
}

/// The edition a committee report proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRecord {
    pub report: String,
    pub edition: String,
    pub files: Vec<String>,
}

/// Writes the manifest of a site as published, pretty JSON ending in a new
/// line, without holding its text: `files` holds each published file's
/// path in the site (sorted) and SHA-256, `records` each council's record
/// in the build's order. The bytes are those of the same
/// [`VerificationManifest`] as pretty JSON with a new line (tested).
pub fn write_manifest(
    out: &mut dyn std::io::Write,
    generator: &str,
    files: &[(String, [u8; 32])],
    records: &[CouncilRecord],
) -> std::io::Result<()> {
    /// The files as a JSON object, each SHA-256 in hex.
    struct Files<'a>(&'a [(String, [u8; 32])]);
    impl Serialize for Files<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(
                self.0
                    .iter()
                    .map(|(path, sha256)| (path, identity::hex(sha256))),
            )
        }
    }
    #[derive(Serialize)]
    struct Streamed<'a> {
        format: &'a str,
        generator: &'a str,
        files: Files<'a>,
        councils: &'a [CouncilRecord],
    }
    let manifest = Streamed {
        format: FORMAT,
        generator,
        files: Files(files),
        councils: records,
    };
    serde_json::to_writer_pretty(&mut *out, &manifest).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// A path in the manifest: `/` between its parts on every system.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One council's record: `sources` holds the SHA-256 of the sources (its
/// own among them), by path under the protocols directory, and
/// `published` says whether a file, by its path in the site, is published.
pub fn council_record(
    council: &Council,
    sources: &BTreeMap<PathBuf, String>,
    published: &dyn Fn(&str) -> bool,
) -> CouncilRecord {
    let mine: BTreeMap<String, String> = sources
        .range(PathBuf::from(&council.id)..)
        .take_while(|(path, _)| path.starts_with(&council.id))
        .map(|(path, sha)| (slashed(path), sha.clone()))
        .collect();
    let versions = council
        .documents
        .iter()
        .map(|d| {
            let source = format!("{}/{}.md", council.id, d.id);
            let record = VersionRecord {
                source: mine.contains_key(&source).then_some(source),
                text: d.text_digest().to_string(),
                status: d.front_matter.status.to_string(),
            };
            (d.id.clone(), record)
        })
        .collect();
    // Only the files this build published: a format not built, or a PDF
    // withheld, is not listed.
    let files = |pages: Vec<Page<'_>>| -> Vec<String> {
        pages
            .iter()
            .map(|page| slashed(&page.path()))
            .filter(|p| published(p))
            .collect()
    };
    let in_force = identity::in_force(council);
    let mut pages: Vec<Page<'_>> = Format::ALL.map(|f| Page::Constitution(council, f)).to_vec();
    pages.extend(document_pages(council, &in_force));
    let in_force = EditionRecord {
        id: EditionId::of(council, &in_force).full().to_string(),
        date: None,
        versions: ids(&in_force),
        files: files(pages),
    };
    let editions = crate::model::editions(council)
        .iter()
        .filter_map(|edition| edition.date)
        .map(|date| {
            let versions = identity::in_force_on(council, Some(date));
            let mut pages: Vec<Page<'_>> = Format::ALL
                .map(|f| Page::Edition(council, date, f))
                .to_vec();
            pages.extend(document_pages(council, &versions));
            EditionRecord {
                id: EditionId::of(council, &versions).full().to_string(),
                date: Some(date.to_string()),
                versions: ids(&versions),
                files: files(pages),
            }
        })
        .collect();
    let proposed = council
        .reports
        .iter()
        .filter_map(|report| {
            let edition = identity::report_edition(council, report)?;
            Some(ProposalRecord {
                report: report.id.clone(),
                edition: edition.full().to_string(),
                files: files(
                    Format::ALL
                        .map(|f| Page::Report(council, report, f))
                        .to_vec(),
                ),
            })
        })
        .collect();
    CouncilRecord {
        id: council.id.clone(),
        name: council.name.clone(),
        sources: mine,
        versions,
        in_force,
        editions,
        proposed,
    }
}

/// The pages of each of `versions`, in every format.
fn document_pages<'a>(council: &'a Council, versions: &[&'a Document]) -> Vec<Page<'a>> {
    versions
        .iter()
        .flat_map(|d| Format::ALL.map(|f| Page::Document(council, d, f)))
        .collect()
}

fn ids(versions: &[&Document]) -> Vec<String> {
    let mut ids: Vec<String> = versions.iter().map(|d| d.id.clone()).collect();
    ids.sort();
    ids
}

/// What a check against the manifest found wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Its bytes are not those the manifest records.
    Changed { path: String },
    /// The manifest lists it and it is not there.
    Missing { path: String },
    /// It is there and the manifest does not list it.
    Unlisted { path: String },
}

impl Difference {
    pub fn path(&self) -> &str {
        match self {
            Difference::Changed { path }
            | Difference::Missing { path }
            | Difference::Unlisted { path } => path,
        }
    }
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Changed { path } => {
                write!(
                    f,
                    "{path}: changed: its SHA-256 is not the one the manifest records"
                )
            }
            Difference::Missing { path } => {
                write!(
                    f,
                    "{path}: missing: the manifest lists it, and it is not there"
                )
            }
            Difference::Unlisted { path } => {
                write!(f, "{path}: not in the manifest: clerk did not publish it")
            }
        }
    }
}

/// The differences between the SHA-256s a manifest `expected` and those
/// `found`, both by path: every path in either, in path order.
pub fn differences(
    expected: &BTreeMap<String, String>,
    found: &BTreeMap<String, String>,
) -> Vec<Difference> {
    let mut out = Vec::new();
    for (path, sha) in expected {
        match found.get(path) {
            None => out.push(Difference::Missing { path: path.clone() }),
            Some(other) if other != sha => out.push(Difference::Changed { path: path.clone() }),
            Some(_) => {}
        }
    }
    for path in found.keys().filter(|p| !expected.contains_key(*p)) {
        out.push(Difference::Unlisted { path: path.clone() });
    }
    out.sort_by(|a, b| a.path().cmp(b.path()));
    out
}

/// What the manifest says a file with this SHA-256 is: its paths.
pub fn published_as<'m>(manifest: &'m VerificationManifest, sha: &str) -> Vec<&'m str> {
    manifest
        .files
        .iter()
        .filter(|(_, s)| s.as_str() == sha)
        .map(|(p, _)| p.as_str())
        .collect()
}

/// What an edition identifier (all digits, or the first 12 or more) is in
/// the manifest: "the edition in force", "the edition of 1 April 2024",
/// "the edition report X proposes"; `None` when no edition has it.
pub fn edition_named(manifest: &VerificationManifest, identifier: &str) -> Option<String> {
    let named =
        |id: &str| identifier.len() >= 12 && id.starts_with(&identifier.to_ascii_lowercase());
    for council in &manifest.councils {
        if named(&council.in_force.id) {
            return Some(format!("{}'s edition in force", council.name));
        }
        for edition in &council.editions {
            if named(&edition.id) {
                let date = edition.date.as_deref().unwrap_or("an unrecorded day");
                return Some(format!("{}'s edition of {date}", council.name));
            }
        }
        for proposal in &council.proposed {
            if named(&proposal.edition) {
                return Some(format!(
                    "the edition {}'s report {} proposes",
                    council.name, proposal.report
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole manifest as pretty JSON ending in a new line.
    fn manifest_json(manifest: &VerificationManifest) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(manifest).expect("a manifest is plain data");
        bytes.push(b'\n');
        bytes
    }

    fn map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect()
    }

    /// The manifest a build writes as it goes is the text of the whole
    /// manifest read back: same bytes, so `clerk verify` reads either.
    #[test]
    fn a_manifest_written_as_it_is_made_is_the_whole_manifest() {
        let record = |id: &str| CouncilRecord {
            id: id.to_string(),
            name: format!("{id} Council"),
            sources: map(&[(&format!("{id}/council.toml"), "ab")]),
            versions: BTreeMap::from([(
                "code-2024".to_string(),
                VersionRecord {
                    source: Some(format!("{id}/code-2024.md")),
                    text: "cd".to_string(),
                    status: "adopted".to_string(),
                },
            )]),
            in_force: EditionRecord {
                id: "ef".to_string(),
                date: None,
                versions: vec!["code-2024".to_string()],
                files: vec![format!("{id}/index.html")],
            },
            editions: Vec::new(),
            proposed: Vec::new(),
        };
        let sha = |byte: u8| [byte; 32];
        for files in [
            vec![],
            vec![
                ("a-b/index.html".to_string(), sha(1)),
                ("a/index.html".to_string(), sha(2)),
                ("index.html".to_string(), sha(0xfe)),
            ],
        ] {
            let records = vec![record("a"), record("a-b")];
            let whole = VerificationManifest {
                format: FORMAT.to_string(),
                generator: "clerk test".to_string(),
                files: files
                    .iter()
                    .map(|(p, s)| (p.clone(), s.iter().map(|b| format!("{b:02x}")).collect()))
                    .collect(),
                councils: records.clone(),
            };
            let mut streamed = Vec::new();
            write_manifest(&mut streamed, "clerk test", &files, &records).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(manifest_json(&whole)).unwrap()
            );
        }
    }

    #[test]
    fn every_changed_missing_and_unlisted_file_is_named_once() {
        let expected = map(&[("a.html", "1"), ("b.pdf", "2"), ("c.docx", "3")]);
        let found = map(&[("a.html", "1"), ("b.pdf", "9"), ("d.html", "4")]);
        assert_eq!(
            differences(&expected, &found),
            vec![
                Difference::Changed {
                    path: "b.pdf".into()
                },
                Difference::Missing {
                    path: "c.docx".into()
                },
                Difference::Unlisted {
                    path: "d.html".into()
                },
            ]
        );
        assert!(differences(&expected, &expected).is_empty());
    }
}
