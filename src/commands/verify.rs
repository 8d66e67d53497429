//! `clerk verify PATH`: checks a published site, one published file, or a
//! folder of sources against a site's verification manifest
//! (`manifest.json`), offline, and says exactly what differs.
//!
//! Exit 0 when everything matches, 1 when something differs, 2 when the
//! check could not run (no manifest, one that cannot be read).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::cli::VerifyArgs;
use crate::model::identity::{EditionId, sha256_hex};
use crate::site::publish::MANIFEST;
use crate::site::verification::{
    Difference, FORMAT, VERIFICATION_FILE, VerificationManifest, differences, edition_named,
    published_as, slashed,
};
use crate::site::write::write_stdout;

/// The largest manifest clerk reads: a national site's lists many
/// thousands of files, far below this.
const MAX_MANIFEST_BYTES: u64 = 512_000_000;

pub fn run(args: &VerifyArgs) -> Result<u8, Error> {
    let metadata =
        fs::metadata(&args.path).map_err(|e| Error::io(&args.path, "cannot read", &e))?;
    let report = if metadata.is_dir() {
        let beside = args.path.join(VERIFICATION_FILE);
        let is_site = beside.is_file() && !args.path.join("council.toml").exists();
        match (is_site, &args.manifest) {
            (true, given) => {
                let manifest_path = given.clone().unwrap_or(beside);
                verify_site(&args.path, &read_manifest(&manifest_path)?)?
            }
            (false, Some(manifest)) => verify_sources(&args.path, &read_manifest(manifest)?)?,
            (false, None) => {
                return Err(Error::new(format!(
                    "{} holds no {VERIFICATION_FILE}: to check a folder of sources, give the manifest of the site built from them with --manifest FILE",
                    args.path.display()
                )));
            }
        }
    } else {
        let manifest_path = match &args.manifest {
            Some(path) => path.clone(),
            None => find_manifest(&args.path).ok_or_else(|| {
                Error::new(format!(
                    "no {VERIFICATION_FILE} beside {} or in a folder above it: give the published site's manifest with --manifest FILE",
                    args.path.display()
                ))
            })?,
        };
        verify_file(&args.path, &manifest_path, &read_manifest(&manifest_path)?)?
    };
    write_stdout(report.text.as_bytes())?;
    Ok(u8::from(report.differs))
}

/// What a check found, as printed.
struct Report {
    text: String,
    differs: bool,
}

/// Reads and parses a verification manifest, naming the line and column
/// of anything wrong in it.
fn read_manifest(path: &Path) -> Result<VerificationManifest, Error> {
    let size = fs::metadata(path)
        .map_err(|e| Error::io(path, "cannot read", &e))?
        .len();
    if size > MAX_MANIFEST_BYTES {
        return Err(Error::new(format!(
            "{}: {size} bytes is too large for a verification manifest",
            path.display()
        )));
    }
    let text = fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", &e))?;
    let manifest: VerificationManifest = serde_json::from_str(&text).map_err(|e| {
        Error::new(format!(
            "{}:{}:{}: not a clerk verification manifest: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if manifest.format != FORMAT {
        return Err(Error::new(format!(
            "{}: its format is `{}`, and this clerk reads `{FORMAT}`: verify it with the clerk that wrote it",
            path.display(),
            manifest.format
        )));
    }
    Ok(manifest)
}

/// The `manifest.json` in the file's folder or the nearest folder above.
fn find_manifest(file: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(file).ok()?;
    absolute
        .ancestors()
        .skip(1)
        .map(|dir| dir.join(VERIFICATION_FILE))
        .find(|candidate| candidate.is_file())
}

/// Every file of a published site against the manifest.
fn verify_site(site: &Path, manifest: &VerificationManifest) -> Result<Report, Error> {
    let mut files = Vec::new();
    list_files(site, Path::new(""), &mut files)?;
    files.retain(|relative| {
        let top = relative.components().count() == 1;
        !(top && (relative == Path::new(VERIFICATION_FILE) || relative == Path::new(MANIFEST)))
    });
    let found: BTreeMap<String, String> = files
        .par_iter()
        .map(|relative| {
            let path = site.join(relative);
            let bytes = fs::read(&path).map_err(|e| Error::io(&path, "cannot read", &e))?;
            Ok((slashed(relative), sha256_hex(&bytes)))
        })
        .collect::<Result<_, Error>>()?;
    let found_differences = differences(&manifest.files, &found);
    let mut text = String::new();
    for difference in &found_differences {
        text.push_str(&format!("{}\n", located(site, difference)));
    }
    let matching = manifest.files.len()
        - found_differences
            .iter()
            .filter(|d| !matches!(d, Difference::Unlisted { .. }))
            .count();
    for council in &manifest.councils {
        text.push_str(&format!(
            "{}: edition in force {}\n",
            council.name,
            &council.in_force.id[..12]
        ));
    }
    text.push_str(&summary(
        matching,
        manifest.files.len(),
        found_differences.len(),
        "published files",
    ));
    Ok(Report {
        text,
        differs: !found_differences.is_empty(),
    })
}

/// A difference with the path as the user would open it.
fn located(base: &Path, difference: &Difference) -> String {
    let shown = base.join(difference.path());
    difference
        .to_string()
        .replacen(difference.path(), &shown.display().to_string(), 1)
}

fn summary(matching: usize, listed: usize, differing: usize, what: &str) -> String {
    match differing {
        0 => format!("verified: all {listed} {what} match the manifest\n"),
        1 => format!("{matching} of {listed} {what} match the manifest; 1 difference\n"),
        n => format!("{matching} of {listed} {what} match the manifest; {n} differences\n"),
    }
}

/// Every file under `root/dir` (links to files followed, links to folders
/// not), hidden files and folders left out, as paths relative to `root`.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let here = root.join(dir);
    let entries = fs::read_dir(&here).map_err(|e| Error::io(&here, "cannot list", &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&here, "cannot list", &e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let relative = dir.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(&entry.path(), "cannot read", &e))?;
        if kind.is_dir() {
            list_files(root, &relative, out)?;
        } else if kind.is_file() || entry.path().is_file() {
            out.push(relative);
        }
    }
    Ok(())
}

/// One published file, found in the manifest by its place in the site,
/// or else by its bytes (a copy downloaded and renamed), or else by its
/// name.
fn verify_file(
    file: &Path,
    manifest_path: &Path,
    manifest: &VerificationManifest,
) -> Result<Report, Error> {
    let bytes = fs::read(file).map_err(|e| Error::io(file, "cannot read", &e))?;
    let sha = sha256_hex(&bytes);
    let mut text = String::new();
    if let Some(claim) = claimed_edition(&bytes) {
        let known = edition_named(manifest, &claim.shown_or_full)
            .unwrap_or_else(|| "an edition this manifest does not list".to_string());
        text.push_str(&format!(
            "{}: says it is {} {} ({known})\n",
            file.display(),
            claim.what,
            claim.shown_or_full.chars().take(12).collect::<String>()
        ));
    }
    let site = manifest_path.parent().unwrap_or(Path::new(""));
    let in_site = std::path::absolute(file)
        .ok()
        .zip(std::path::absolute(site).ok())
        .and_then(|(f, s)| f.strip_prefix(s).ok().map(slashed));
    let listed_here = in_site.filter(|p| manifest.files.contains_key(p));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let differs = match listed_here {
        Some(path) if manifest.files[&path] == sha => {
            text.push_str(&format!(
                "verified: {} is {path} as published\n",
                file.display()
            ));
            false
        }
        Some(path) => {
            text.push_str(&format!(
                "{}: changed: its SHA-256 is not the one the manifest records for {path}\n",
                file.display()
            ));
            true
        }
        None => {
            let same = published_as(manifest, &sha);
            if let Some(first) = same.first() {
                text.push_str(&format!(
                    "verified: {} has the bytes published as {first}\n",
                    file.display()
                ));
                false
            } else {
                let namesakes: Vec<&String> = manifest
                    .files
                    .keys()
                    .filter(|p| p.rsplit('/').next() == Some(name.as_str()))
                    .collect();
                match namesakes.as_slice() {
                    [] => text.push_str(&format!(
                        "{}: not in the manifest: no published file has its bytes or its name\n",
                        file.display()
                    )),
                    found => text.push_str(&format!(
                        "{}: changed: no published file has its bytes; it differs from {}\n",
                        file.display(),
                        found
                            .iter()
                            .map(|p| p.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
                true
            }
        }
    };
    Ok(Report { text, differs })
}

/// What a PDF says it is, from its metadata's keywords.
struct Claim {
    what: &'static str,
    shown_or_full: String,
}

/// The edition identifier a PDF clerk made records in its keywords.
fn claimed_edition(bytes: &[u8]) -> Option<Claim> {
    use crate::render::pdf::{EDITION_KEYWORD, PROPOSED_KEYWORD};
    if !bytes.starts_with(b"%PDF") {
        return None;
    }
    let document = lopdf::Document::load_mem(bytes).ok()?;
    let info = document.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    let keywords = match info.as_dict().ok()?.get(b"Keywords").ok()? {
        lopdf::Object::String(bytes, _) => decode_pdf_text(bytes),
        _ => return None,
    };
    // The proposed keyword first: it ends with the edition keyword's words.
    for (keyword, what) in [
        (PROPOSED_KEYWORD, "a report proposing edition"),
        (EDITION_KEYWORD, "edition"),
    ] {
        if let Some(rest) = keywords.strip_prefix(keyword) {
            return Some(Claim {
                what,
                shown_or_full: rest.trim().to_string(),
            });
        }
    }
    None
}

/// A PDF text string: UTF-16 after a byte-order mark, else bytes as Latin-1.
fn decode_pdf_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// A folder of sources (a protocols folder, or one council's) against the
/// manifest's sources, then each version's text against the digest the
/// editions were made of.
fn verify_sources(path: &Path, manifest: &VerificationManifest) -> Result<Report, Error> {
    use crate::source::load::{Target, classify, load};
    let target = classify(path)?;
    // The files a build of these sources would read, as it reads them.
    let project = load(&target)?;
    // The councils are the manifest's that have a folder here, whether or
    // not their sources still load.
    let (root, councils): (PathBuf, Vec<String>) = match &target {
        Target::Protocols(dir) => (
            dir.clone(),
            manifest
                .councils
                .iter()
                .filter(|c| dir.join(&c.id).join("council.toml").is_file())
                .map(|c| c.id.clone())
                .collect(),
        ),
        Target::Council(dir) => {
            let id = dir
                .canonicalize()
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            (dir.join(".."), vec![id])
        }
        Target::Document(_) => unreachable!("a folder is not a document"),
    };
    let records: Vec<_> = manifest
        .councils
        .iter()
        .filter(|c| councils.contains(&c.id))
        .collect();
    if records.is_empty() {
        return Err(Error::new(format!(
            "{}: the manifest lists no council of these sources (it lists {})",
            path.display(),
            manifest
                .councils
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut expected = BTreeMap::new();
    for record in &records {
        expected.extend(record.sources.clone());
    }
    let mut found = BTreeMap::new();
    for file in &project.files {
        let relative = match &target {
            Target::Council(dir) => file
                .path
                .strip_prefix(dir)
                .ok()
                .map(|rest| Path::new(&councils[0]).join(rest)),
            _ => file.path.strip_prefix(&root).ok().map(Path::to_path_buf),
        };
        if let Some(relative) = relative {
            found.insert(slashed(&relative), sha256_hex(file.text.as_bytes()));
        }
    }
    for id in &councils {
        let templates = crate::source::templates::load_council_templates(
            &root.join(id),
            &crate::render::html::templates::names(),
        )?;
        for (name, text) in templates.into_iter().flatten() {
            found.insert(
                format!("{id}/templates/{name}"),
                sha256_hex(text.as_bytes()),
            );
        }
    }
    let file_differences = differences(&expected, &found);
    let mut text = String::new();
    // A document's source changed only in what it records about its
    // adoption still has the text its editions were made of: said so.
    let same_text = |path: &str| -> bool {
        records.iter().any(|record| {
            let council = project.councils.iter().find(|c| c.id == record.id);
            record.versions.iter().any(|(id, version)| {
                version.source.as_deref() == Some(path)
                    && council
                        .and_then(|c| c.document(id))
                        .is_some_and(|d| d.text_digest() == version.text)
            })
        })
    };
    for difference in &file_differences {
        let mut line = located(&root, difference);
        if let Difference::Changed { path } = difference
            && same_text(path)
        {
            line.push_str(", though only in what it records about the version (its text is the text the manifest records)");
        }
        text.push_str(&format!("{line}\n"));
    }
    // Each version's text, read again: a source changed only in its
    // records of adoption keeps its text and the editions made of it.
    let mut changed_texts = 0;
    for record in &records {
        let Some(council) = project.councils.iter().find(|c| c.id == record.id) else {
            continue;
        };
        for (id, version) in &record.versions {
            let now = council.document(id);
            let same = now.is_some_and(|d| d.text_digest() == version.text);
            if same {
                continue;
            }
            changed_texts += 1;
            let affected: Vec<String> = std::iter::once(&record.in_force)
                .chain(&record.editions)
                .filter(|e| e.versions.contains(id))
                .map(|e| match &e.date {
                    Some(date) => format!("the edition of {date}"),
                    None => "the edition in force".to_string(),
                })
                .collect();
            let said = match now {
                Some(_) => "its text is not the text the manifest records",
                None => "the manifest records it, and no source has it now",
            };
            let editions = match affected.is_empty() {
                true => String::new(),
                false => format!(", so these sources do not make {}", affected.join(" nor ")),
            };
            text.push_str(&format!("{}: version {id}: {said}{editions}\n", record.id));
        }
        for (label, edition) in std::iter::once(("in force".to_string(), &record.in_force)).chain(
            record.editions.iter().map(|e| {
                (
                    format!("of {}", e.date.as_deref().unwrap_or("an unrecorded day")),
                    e,
                )
            }),
        ) {
            let versions: Vec<&crate::model::Document> = edition
                .versions
                .iter()
                .filter_map(|id| council.document(id))
                .collect();
            let id = EditionId::of(council, &versions);
            if versions.len() == edition.versions.len() && id.full() == edition.id {
                text.push_str(&format!(
                    "{}: these sources make edition {} ({label})\n",
                    record.id,
                    id.shown()
                ));
            }
        }
    }
    let differing = file_differences.len() + changed_texts;
    text.push_str(&summary(
        expected.len()
            - file_differences
                .iter()
                .filter(|d| !matches!(d, Difference::Unlisted { .. }))
                .count(),
        expected.len(),
        differing,
        "sources",
    ));
    Ok(Report {
        text,
        differs: differing > 0,
    })
}
