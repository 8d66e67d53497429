//! A revision's `[reasons]`: each key must name one clause, section or
//! deleted clause, so the report's comparison gives each reason against
//! the right clause. A kept or inserted clause is keyed by its number in
//! this version ("6.1"); a deleted one by its number before ("was 6.1"),
//! which no clause of this version can share.

use crate::diagnostic::Diagnostic;
use crate::diff::{Change, DiffOptions, diff};
use crate::model::front_matter::{FRONT_MATTER_KEYS, REASON_OF_DELETED};
use crate::model::{Block, Council, Document, Span, bare_number, superseded};

pub fn check(council: &Council, document: &Document, source: &str) -> Vec<Diagnostic> {
    let reasons = &document.front_matter.reasons;
    if reasons.is_empty() {
        return Vec::new();
    }
    let here = numbers(document);
    let older = superseded(council, document);
    let before = older.map(numbers).unwrap_or_default();
    // Which old numbers went with nothing in their place: computed only
    // when a key needs it.
    let mut deleted: Option<Vec<String>> = None;
    let mut deleted_numbers = || -> Vec<String> {
        deleted
            .get_or_insert_with(|| match older {
                Some(old) => diff(old, document, &DiffOptions::default())
                    .units
                    .iter()
                    .filter(|u| u.change == Change::Deleted)
                    .filter_map(|u| u.old.first()?.label.as_deref().map(bare))
                    .collect(),
                None => Vec::new(),
            })
            .clone()
    };
    let mut out = Vec::new();
    for key in reasons.keys() {
        let at = key_span(source, key);
        let error = |message: String, help: String| {
            Diagnostic::error("reason-key", message)
                .with_span(at)
                .with_help(help)
        };
        if FRONT_MATTER_KEYS.contains(&key.as_str()) {
            out.push(error(
                format!("`{key}` is a front-matter field, but written after `[reasons]` it is read as a reason"),
                format!("move `{key} = ...` above the `[reasons]` line: every key after a table's heading belongs to the table"),
            ));
            continue;
        }
        if let Some(old) = key.strip_prefix(REASON_OF_DELETED) {
            let old = bare(old);
            let Some(older) = older else {
                out.push(error(
                    format!("`{key}` names a clause before, but this version supersedes none"),
                    "key the reason by the clause's number in this version".to_string(),
                ));
                continue;
            };
            if !before.contains(&old) {
                out.push(error(
                    format!("`{key}`: `{}` has no clause {old}", older.id),
                    "check the number the clause had in the version this one supersedes"
                        .to_string(),
                ));
            } else if !deleted_numbers().contains(&old) {
                out.push(error(
                    format!("`{key}`: clause {old} is not deleted in this version"),
                    "key the reason of a kept clause by its number in this version".to_string(),
                ));
            }
            continue;
        }
        let number = bare(key);
        match here.iter().filter(|n| **n == number).count() {
            1 => {}
            0 => {
                let help = if before.contains(&number) && deleted_numbers().contains(&number) {
                    format!("clause {number} is deleted: key its reason `\"was {number}\"`")
                } else {
                    "key a reason by a clause or section number of this version, or a deleted clause's as `\"was 6.1\"`".to_string()
                };
                out.push(error(
                    format!("`{key}` names no clause or section of this version"),
                    help,
                ));
            }
            _ => out.push(error(
                format!("`{key}` could name two clauses: this version numbers two {number}"),
                "renumber the document (`clerk renumber`), then key the reason again".to_string(),
            )),
        }
    }
    out
}

/// A number as a key or label writes it ([`bare_number`]), owned.
fn bare(label: &str) -> String {
    bare_number(label).to_string()
}

/// Every section and clause number of a document, clauses within clauses
/// included, as [`bare`] writes them.
fn numbers(document: &Document) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Clause(c) => {
                    out.push(bare(&c.label.written));
                    walk(&c.body, out);
                }
                Block::List(l) => l.items.iter().for_each(|i| walk(&i.body, out)),
                Block::Quote(q) => walk(&q.body, out),
                Block::Paragraph(_) | Block::Table(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&document.preamble, &mut out);
    for section in &document.sections {
        if let Some(label) = &section.label {
            out.push(bare(&label.written));
        }
        walk(&section.blocks, &mut out);
    }
    out
}

/// Where `key` is written in the front matter: its quoted or bare form
/// at the start of a line after `[reasons]`; the whole `[reasons]` line
/// when it cannot be found.
fn key_span(source: &str, key: &str) -> Span {
    let table = source.find("[reasons]").unwrap_or(0);
    let mut offset = table;
    for line in source[table..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        for written in [format!("\"{key}\""), format!("'{key}'"), key.to_string()] {
            if trimmed.starts_with(&written)
                && trimmed[written.len()..].trim_start().starts_with('=')
            {
                let start = offset + indent;
                return Span::new(start, start + written.len());
            }
        }
        if line.trim_end() == "+++" {
            break;
        }
        offset += line.len();
    }
    Span::new(table, table + "[reasons]".len().min(source.len() - table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_document;

    fn council(documents: &[(&str, &str)]) -> Council {
        Council {
            id: "tarn".into(),
            name: "Tarnside".into(),
            short_name: "Tarnside".into(),
            parts: Vec::new(),
            branding: Default::default(),
            documents: documents
                .iter()
                .map(|(id, text)| parse_document(id, text).unwrap().document)
                .collect(),
            reports: Vec::new(),
            as_at: None,
            retired_terms: Vec::new(),
            delegated_powers: Vec::new(),
            successors: Default::default(),
        }
    }

    const OLD: &str = "+++\ncouncil = \"tarn\"\ntitle = \"P\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n\n# 5. Access\n\n5.1 Members see documents.\n\n# 6. Social media\n\n6.1 No criticism online.\n\n# 7. Complaints\n\n7.1 Complaints go to the director.\n";

    fn revised(reasons: &str) -> String {
        format!(
            "+++\ncouncil = \"tarn\"\ntitle = \"P\"\nversion = \"2\"\nstatus = \"draft\"\nsupersedes = \"old\"\n\n[reasons]\n{reasons}+++\n\n# 5. Access\n\n5.1 Members see documents.\n\n# 6. Complaints\n\n6.1 Complaints go to the director in writing.\n"
        )
    }

    fn findings(reasons: &str) -> Vec<String> {
        let new = revised(reasons);
        let council = council(&[("old", OLD), ("new", &new)]);
        let document = council.document("new").unwrap();
        check(&council, document, &new)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn kept_and_deleted_clauses_are_keyed_apart() {
        assert!(
            findings("\"6.1\" = \"In writing.\"\n\"was 6.1\" = \"Covered by the Code.\"\n")
                .is_empty()
        );
    }

    #[test]
    fn a_key_naming_nothing_or_a_kept_clause_as_deleted_is_refused() {
        assert_eq!(
            findings("\"9.9\" = \"x\"\n"),
            ["`9.9` names no clause or section of this version"]
        );
        assert_eq!(
            findings("\"was 5.1\" = \"x\"\n"),
            ["`was 5.1`: clause 5.1 is not deleted in this version"]
        );
        assert_eq!(
            findings("\"was 8.1\" = \"x\"\n"),
            ["`was 8.1`: `old` has no clause 8.1"]
        );
    }

    #[test]
    fn a_front_matter_field_after_reasons_is_refused_where_it_is_written() {
        let new = revised("section = \"16\"\n");
        let council = council(&[("old", OLD), ("new", &new)]);
        let found = check(&council, council.document("new").unwrap(), &new);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("`section` is a front-matter field")
        );
        let span = found[0].span.unwrap();
        assert_eq!(&new[span.start..span.end], "section");
    }
}
