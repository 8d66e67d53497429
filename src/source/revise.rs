//! Edits to a document's front matter that the revision workflow makes:
//! the next version started from one adopted (`clerk new revision`), and a
//! correction to an adopted version logged in it. The TOML is edited in
//! place, so its comments and order stay as written; the body is kept
//! byte for byte.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::Error;
use crate::model::Date;
use crate::source::front_matter::split;
use crate::source::renumber::Renumbering;

/// Front matter parsed for editing, and the text around it.
struct Editable<'a> {
    toml: DocumentMut,
    /// Everything before the TOML (the opening `+++` line).
    head: &'a str,
    /// The closing `+++` line and the body.
    tail: &'a str,
}

fn editable(source: &str) -> Result<Editable<'_>, Error> {
    let parts = split(source).map_err(|d| Error::new(d.message))?;
    let toml = parts
        .toml
        .parse::<DocumentMut>()
        .map_err(|e| Error::new(format!("the front matter is not TOML: {e}")))?;
    let end = parts.toml_offset + parts.toml.len();
    Ok(Editable {
        toml,
        head: &source[..parts.toml_offset],
        tail: &source[end..],
    })
}

impl Editable<'_> {
    fn write(self) -> String {
        let mut toml = self.toml.to_string();
        if !toml.ends_with('\n') {
            toml.push('\n');
        }
        format!("{}{toml}{}", self.head, self.tail)
    }
}

fn toml_date(date: Date) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year,
            month: date.month,
            day: date.day,
        }),
        time: None,
        offset: None,
    }
}

/// `source` with a `[[corrections]]` entry added to its front matter,
/// saying what was corrected on `date`.
pub fn log_correction(source: &str, date: Date, what: &str) -> Result<String, Error> {
    let mut doc = editable(source)?;
    let mut entry = Table::new();
    entry.insert("date", value(toml_date(date)));
    entry.insert("what", value(what));
    match doc.toml.get_mut("corrections") {
        Some(Item::ArrayOfTables(list)) => list.push(entry),
        Some(_) => {
            return Err(Error::new(
                "the front matter's `corrections` is not a list of `[[corrections]]` tables",
            ));
        }
        None => {
            let mut list = ArrayOfTables::new();
            list.push(entry);
            doc.toml.insert("corrections", Item::ArrayOfTables(list));
        }
    }
    Ok(doc.write())
}

/// `source` with its `[reasons]` keyed by the numbers `renumbering`
/// gives its clauses (a reason written for 7.3 follows the clause to 6.4);
/// a deleted clause's key (`"was 6.1"`) names the version before, and
/// stays. Also the keys left as they were because two clauses had the
/// number, for the author to key again.
pub fn renumber_reasons(
    source: &str,
    renumbering: &Renumbering,
) -> Result<(String, Vec<String>), Error> {
    let mut doc = editable(source)?;
    let Some(Item::Table(reasons)) = doc.toml.get_mut("reasons") else {
        return Ok((source.to_string(), Vec::new()));
    };
    let ambiguous: Vec<String> = reasons
        .iter()
        .map(|(key, _)| key)
        .filter(|key| {
            renumbering
                .ambiguous
                .contains(key.trim().trim_end_matches('.'))
        })
        .map(str::to_string)
        .collect();
    let entries: Vec<(String, Item)> = reasons
        .iter()
        .map(|(key, item)| {
            let bare = crate::model::bare_number(key);
            let key = match renumbering.renumbered(bare) {
                Some(new) if !key.starts_with(crate::model::front_matter::REASON_OF_DELETED) => {
                    new.to_string()
                }
                _ => key.to_string(),
            };
            (key, item.clone())
        })
        .collect();
    if entries
        .iter()
        .map(|(k, _)| k.as_str())
        .eq(reasons.iter().map(|(k, _)| k))
    {
        return Ok((source.to_string(), ambiguous));
    }
    reasons.clear();
    for (key, item) in entries {
        reasons.insert(&key, item);
    }
    Ok((doc.write(), ambiguous))
}

/// The version label after `version`: its last number counted on
/// ("3" → "4", "2023.1" → "2023.2", "v2" → "v3"), or `None` when it ends
/// in no number ("March 2021").
pub fn next_version(version: &str) -> Option<String> {
    let digits = version
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    if digits == 0 {
        return None;
    }
    let (stem, number) = version.split_at(version.len() - digits);
    let next = number.parse::<u64>().ok()?.checked_add(1)?;
    Some(format!("{stem}{next}"))
}

/// The source of the next version of the document `source` (whose id is
/// `id`): a draft that supersedes it, labelled `version`, with the dates
/// and approval of the adopted text cleared, no reasons or corrections
/// yet, and the same body.
pub fn start_revision(source: &str, id: &str, version: &str) -> Result<String, Error> {
    let mut doc = editable(source)?;
    let toml = &mut doc.toml;
    for key in [
        "adopted",
        "effective",
        "reviewed",
        "approved_by",
        "reasons",
        "corrections",
    ] {
        toml.remove(key);
    }
    toml.insert("version", value(version));
    toml.insert("status", value("draft"));
    toml.insert("supersedes", value(id));
    let mut reasons = Table::new();
    reasons.decor_mut().set_prefix(
        "\n# Why this version changes each clause, for the report's comparison:\n\
         # \"6.2\" = \"...\" by the clause's number in this version; a deleted\n\
         # clause by its number before, as \"was 6.1\" = \"...\".\n",
    );
    toml.insert("reasons", Item::Table(reasons));
    Ok(doc.write())
}

/// `source` naming `reference` as its model (`model = "..."`), with
/// `body` for its body.
pub fn with_model(source: &str, reference: &str, body: &str) -> Result<String, Error> {
    let mut doc = editable(source)?;
    doc.toml.insert("model", value(reference));
    let head = doc.write();
    let end = split(&head).map_err(|d| Error::new(d.message))?.body_offset;
    Ok(format!("{}\n{body}", &head[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_document;

    const ADOPTED: &str = "+++\n# The protocol as adopted.\ncouncil = \"tarn\"\ntitle = \"Protocol\"\nversion = \"3\"\nstatus = \"adopted\"\nadopted = 2022-01-04\neffective = 2022-02-01\nsection = \"5\"\n\n[approved_by]\nbody = \"Council\"\n\n[reasons]\n\"1.1\" = \"old reason\"\n+++\n\n# 1. Scope\n\n1.1 Text.\n";

    #[test]
    fn a_revision_is_a_draft_superseding_the_version_it_starts_from() {
        let text = start_revision(ADOPTED, "protocol-2022", "4").unwrap();
        let revised = parse_document("protocol-2026", &text).unwrap().document;
        let fm = &revised.front_matter;
        assert_eq!(fm.version, "4");
        assert_eq!(fm.status, crate::model::Status::Draft);
        assert_eq!(
            fm.supersedes.as_ref().map(|s| s.get_ref().as_str()),
            Some("protocol-2022")
        );
        assert!(fm.adopted.is_none() && fm.effective.is_none() && fm.approved_by.is_none());
        assert!(fm.reasons.is_empty());
        assert_eq!(fm.section.as_deref(), Some("5"));
        assert!(text.contains("# The protocol as adopted."), "{text}");
        assert!(text.ends_with("+++\n\n# 1. Scope\n\n1.1 Text.\n"), "{text}");
    }

    #[test]
    fn a_correction_is_logged_and_the_body_kept() {
        let date = Date::new(2026, 12, 5).unwrap();
        let once = log_correction(ADOPTED, date, "retired terms replaced").unwrap();
        let twice = log_correction(&once, date, "numbers put right").unwrap();
        let fm = parse_document("p", &twice).unwrap().document.front_matter;
        let what: Vec<&str> = fm.corrections.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(what, ["retired terms replaced", "numbers put right"]);
        assert_eq!(fm.corrections[0].date, date);
        assert!(twice.ends_with("+++\n\n# 1. Scope\n\n1.1 Text.\n"));
    }

    #[test]
    fn reasons_follow_their_clauses_when_renumbered() {
        let source = "+++\ncouncil = \"tarn\"\ntitle = \"P\"\nversion = \"2\"\nstatus = \"draft\"\n\n[reasons]\n# Kept in order.\n\"7.3\" = \"Outcome told.\"\n\"was 6.1\" = \"Gone.\"\n\"5.1\" = \"Unchanged number.\"\n+++\n\n# 5. Access\n\n5.1 See.\n\n# 7. Complaints\n\n7.3 Told.\n";
        let document = parse_document("p", source).unwrap().document;
        let renumbering = crate::source::renumber::renumber(&document);
        let (text, ambiguous) = renumber_reasons(source, &renumbering).unwrap();
        assert!(ambiguous.is_empty());
        let fm = parse_document("p", &text).unwrap().document.front_matter;
        let keys: Vec<&str> = fm.reasons.keys().map(String::as_str).collect();
        assert_eq!(keys, ["5.1", "6.1", "was 6.1"], "{text}");
        assert_eq!(fm.reasons["6.1"], "Outcome told.");
        assert_eq!(fm.reasons["was 6.1"], "Gone.");
    }

    #[test]
    fn versions_count_on() {
        assert_eq!(next_version("3").as_deref(), Some("4"));
        assert_eq!(next_version("2023.1").as_deref(), Some("2023.2"));
        assert_eq!(next_version("v9").as_deref(), Some("v10"));
        assert_eq!(next_version("March 2021").as_deref(), Some("March 2022"));
        assert_eq!(next_version("draft"), None);
    }
}
