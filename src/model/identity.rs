//! Identifiers anyone can recompute: the SHA-256 of a document version's
//! text, and of an edition's texts.
//!
//! An edition's identifier is printed on the editions page, in the
//! whole-constitution PDFs and in the committee report that proposes it,
//! so the minutes fix the exact text a committee approved. It covers what
//! the reader reads (each version's id, title, version label, Part,
//! Section and content), not the bookkeeping that records its adoption nor
//! the source's layout: filling in `adopted`, `effective`, `approved_by` or
//! `[reasons]` once the committee has met, or running `clerk fmt`, leaves
//! the identifier the report printed unchanged. The sources' bytes are
//! vouched for separately, by the SHA-256 of each file in the site's
//! verification manifest.

use sha2::{Digest, Sha256};

use super::report::{AppendixKind, Report};
use super::{Block, Council, Date, Document, Section, Standing, Status, lineage, standing_on};

/// How many hex digits of an identifier are shown to readers: 48 bits,
/// enough that two editions of one council never share them.
const SHOWN_DIGITS: usize = 12;

/// The SHA-256 of `bytes` as 64 lower-case hex digits, as `sha256sum`
/// prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex digits, two to a byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 15)] as char);
    }
    out
}

/// The digest of one version's text: its id, the front matter a reader
/// sees (title, version label, Part, Section) and its content as the model
/// holds it, written as canonical JSON (keys sorted, no places in the
/// source). What the source's layout alone decides (line endings, blank
/// lines, spacing `clerk fmt` tidies) is not part of it: a version
/// formatted again, or checked out with Windows line endings, keeps its
/// digest; a changed word, number or emphasis does not.
pub fn text_digest(document: &Document) -> String {
    /// The text as hashed: fields in this order, the model's places in
    /// the source written as `null`.
    #[derive(serde::Serialize)]
    struct Text<'a> {
        format: &'static str,
        id: &'a str,
        title: &'a str,
        version: &'a str,
        part: Option<&'a str>,
        section: Option<&'a str>,
        preamble: &'a [Block],
        sections: &'a [Section],
    }
    let front = &document.front_matter;
    let text = Text {
        format: "clerk text 1",
        id: &document.id,
        title: &front.title,
        version: &front.version,
        part: front.part.as_deref(),
        section: front.section.as_deref(),
        preamble: &document.preamble,
        sections: &document.sections,
    };
    let mut hasher = Hashing(Sha256::new());
    serde_json::to_writer(&mut hasher, &text).expect("a document is plain data");
    hex(&hasher.0.finalize())
}

/// SHA-256 as a writer, so JSON is hashed as it is written.
struct Hashing(Sha256);

impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A version's text digest, made when first asked for.
#[derive(Debug, Clone, Default)]
pub struct TextDigest(std::sync::OnceLock<String>);

impl TextDigest {
    pub fn get_or_make(&self, document: &Document) -> &str {
        self.0.get_or_init(|| text_digest(document))
    }
}

/// Made from the document: it adds nothing to what a document is.
impl std::hash::Hash for TextDigest {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

/// An edition's identifier: the SHA-256 of its versions' text digests.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EditionId(String);

impl EditionId {
    /// The identifier of the edition made of `versions` of `council`'s documents.
    pub fn of(council: &Council, versions: &[&Document]) -> EditionId {
        let mut lines: Vec<String> = versions
            .iter()
            .map(|d| format!("{} {}\n", d.id, d.text_digest()))
            .collect();
        lines.sort();
        lines.dedup();
        let mut hasher = Sha256::new();
        hasher.update(format!("clerk edition 1\n{}\n", council.id).as_bytes());
        for line in &lines {
            hasher.update(line.as_bytes());
        }
        EditionId(hex(&hasher.finalize()))
    }

    /// All 64 hex digits, for manifests and PDF metadata.
    pub fn full(&self) -> &str {
        &self.0
    }

    /// The first digits, as printed for readers and quoted in minutes.
    pub fn shown(&self) -> &str {
        &self.0[..SHOWN_DIGITS]
    }
}

impl std::fmt::Display for EditionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.shown())
    }
}

/// The versions in force on the council's reading date, in source order.
pub fn in_force(council: &Council) -> Vec<&Document> {
    in_force_on(council, council.as_at)
}

/// The versions in force on `day`, in source order.
pub fn in_force_on(council: &Council, day: Option<Date>) -> Vec<&Document> {
    council
        .documents
        .iter()
        .filter(|d| standing_on(council, d, day) == Standing::InForce)
        .collect()
}

/// The edition in force on the council's reading date.
pub fn current_edition(council: &Council) -> EditionId {
    EditionId::of(council, &in_force(council))
}

/// The edition a set of proposals would make on `day`: the versions in
/// force, each proposal taking the place of the version of its document
/// in force (or joining them, for a new document).
pub fn proposed_edition(
    council: &Council,
    proposals: &[&Document],
    day: Option<Date>,
) -> EditionId {
    let mut versions = in_force_on(council, day);
    for proposal in proposals {
        let family = lineage(council, &proposal.id);
        versions.retain(|d| !family.contains(&d.id));
    }
    versions.extend(proposals.iter().copied());
    EditionId::of(council, &versions)
}

/// The edition a committee report proposes: the constitution in force on
/// its meeting day, with the revised version of each pair its appendices
/// compare (and any proposed document it appends) in place. `None` for a
/// report that proposes no text.
pub fn report_edition(council: &Council, report: &Report) -> Option<EditionId> {
    let mut proposals: Vec<&Document> = report
        .compared(council)
        .into_iter()
        .map(|(_, new)| new)
        .collect();
    for appendix in &report.front_matter.appendices {
        if appendix.kind == AppendixKind::Document
            && let Some(document) = appendix
                .document
                .as_ref()
                .and_then(|id| council.document(id.get_ref()))
            && document.front_matter.status == Status::Proposed
            && !proposals.iter().any(|p| p.id == document.id)
        {
            proposals.push(document);
        }
    }
    if proposals.is_empty() {
        return None;
    }
    Some(proposed_edition(
        council,
        &proposals,
        Some(report.front_matter.meeting_date),
    ))
}

/// The edition in force on `day`.
pub fn edition_on(council: &Council, day: Date) -> EditionId {
    EditionId::of(council, &in_force_on(council, Some(day)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256_hex(b"hello world"),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
    }
}
