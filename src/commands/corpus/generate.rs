//! A large, realistic constitution set for benchmarks, made by recombining
//! real clauses, and revision pairs with known edit scripts.
//!
//! Pure functions of their inputs and a seed: the same seed gives the same
//! corpus on every machine.

use crate::diff::units::{UnitKind, units};
use crate::model::Document;

/// A small, fixed pseudo-random sequence (xorshift), so corpora are reproducible.
pub struct Sequence(u64);

impl Sequence {
    pub fn new(seed: u64) -> Self {
        Sequence(seed.max(1))
    }

    /// The next number below `bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        if bound == 0 {
            0
        } else {
            (self.0 % bound as u64) as usize
        }
    }
}

/// Clause texts and headings to recombine, taken from real documents.
pub struct Pool {
    pub clauses: Vec<String>,
    pub headings: Vec<String>,
}

impl Pool {
    /// The clause and heading texts of `documents`.
    pub fn from_documents(documents: &[&Document]) -> Pool {
        let mut clauses = Vec::new();
        let mut headings = Vec::new();
        for document in documents {
            for unit in units(document) {
                match unit.kind {
                    UnitKind::Heading => headings.push(unit.text),
                    UnitKind::Clause | UnitKind::Paragraph
                        if unit.text.split_whitespace().count() >= 6 =>
                    {
                        // One paragraph per clause keeps the generated Markdown simple.
                        clauses.push(unit.text.replace('\n', " "))
                    }
                    _ => {}
                }
            }
        }
        clauses.retain(|c| !c.contains(['*', '_', '[', ']', '`', '<', '#', '\\']));
        // A published constitution has no drafting placeholders left in it.
        clauses.retain(|c| crate::check::placeholders_in(c).is_empty());
        Pool { clauses, headings }
    }
}

/// The Markdown source of one generated document: `sections` sections of
/// `clauses` clauses each, numbered as a council numbers them.
pub fn document_source(
    council: &str,
    index: usize,
    sections: usize,
    clauses: usize,
    pool: &Pool,
    seq: &mut Sequence,
) -> String {
    let mut out = format!(
        "+++\ncouncil = \"{council}\"\ntitle = \"Generated protocol {index}\"\nversion = \"1\"\nstatus = \"adopted\"\nadopted = 2024-05-16\nsection = \"{index}\"\n+++\n"
    );
    let body = body(sections, clauses, pool, seq);
    out.push_str(&render_body(&body));
    out
}

/// Sections of clause texts, before numbering.
pub type Body = Vec<(String, Vec<String>)>;

fn body(sections: usize, clauses: usize, pool: &Pool, seq: &mut Sequence) -> Body {
    (0..sections)
        .map(|_| {
            let heading = pool.headings[seq.below(pool.headings.len())].clone();
            let texts = (0..clauses)
                .map(|_| pool.clauses[seq.below(pool.clauses.len())].clone())
                .collect();
            (heading, texts)
        })
        .collect()
}

/// Numbers sections and clauses in order, as a renumbered revision would,
/// in the shapes of a whole constitution: one clause in five that holds two
/// sentences has its second in a paragraph of its own, and one section in
/// eight ends with a table of four rows made from its clauses' words.
pub fn render_body(body: &Body) -> String {
    let mut out = String::new();
    for (s, (heading, clauses)) in body.iter().enumerate() {
        out.push_str(&format!("\n# {}. {heading}\n", s + 1));
        for (c, text) in clauses.iter().enumerate() {
            // A clause of two sentences or more: its second paragraph
            // starts at a sentence, as a real one does.
            let sentence = text.match_indices(". ").map(|(at, _)| at + 1).find(|at| {
                text[..*at].split(' ').count() >= 6 && text[*at..].split(' ').count() >= 6
            });
            if let (true, Some(at)) = (c % 5 == 2, sentence) {
                out.push_str(&format!(
                    "\n{}.{} {}\n\n   {}\n",
                    s + 1,
                    c + 1,
                    &text[..at],
                    text[at..].trim_start()
                ));
            } else {
                out.push_str(&format!("\n{}.{} {text}\n", s + 1, c + 1));
            }
        }
        if s % 8 == 3 {
            out.push_str(&table(clauses));
        }
    }
    out
}

/// A table of the section's functions: each of its first four clauses as
/// a row of three cells, cut from the clause's words.
fn table(clauses: &[String]) -> String {
    let mut out = String::from("\n| Function | Delegated to | Conditions |\n|---|---|---|\n");
    for text in clauses.iter().take(4) {
        let words: Vec<&str> = text
            .split(' ')
            .map(|w| w.trim_matches(|c: char| c == '|' || c == '\\'))
            .filter(|w| !w.is_empty())
            .collect();
        let cell =
            |from: usize, to: usize| words[from.min(words.len())..to.min(words.len())].join(" ");
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(0, 4),
            cell(4, 7),
            cell(7, 15)
        ));
    }
    out
}

/// How many edits of each kind a revision pair received.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EditScript {
    pub inserted: usize,
    pub deleted: usize,
    pub moved: usize,
    pub edited: usize,
}

/// An existing and a revised document of about `bytes` each, the revision
/// made by a known edit script (inserted, deleted, moved and edited clauses;
/// everything after an insertion or deletion is renumbered).
pub fn revision_pair(
    bytes: usize,
    pool: &Pool,
    seq: &mut Sequence,
) -> (String, String, EditScript) {
    let average: usize =
        pool.clauses.iter().map(String::len).sum::<usize>() / pool.clauses.len().max(1) + 8;
    let total_clauses = (bytes / average).max(4);
    let sections = (total_clauses / 20).max(1);
    let old = body(sections, total_clauses / sections, pool, seq);
    let mut new = old.clone();
    let mut script = EditScript::default();
    let edits = (total_clauses / 25).max(4);
    for _ in 0..edits {
        let s = seq.below(new.len());
        let clauses = &mut new[s].1;
        match seq.below(4) {
            0 => {
                let at = seq.below(clauses.len() + 1);
                clauses.insert(at, pool.clauses[seq.below(pool.clauses.len())].clone());
                script.inserted += 1;
            }
            1 if clauses.len() > 1 => {
                clauses.remove(seq.below(clauses.len()));
                script.deleted += 1;
            }
            2 if clauses.len() > 1 => {
                let clause = clauses.remove(seq.below(clauses.len()));
                let to = seq.below(new.len());
                let at = seq.below(new[to].1.len() + 1);
                new[to].1.insert(at, clause);
                script.moved += 1;
            }
            _ if !clauses.is_empty() => {
                let c = seq.below(clauses.len());
                let mut words: Vec<String> = clauses[c].split(' ').map(str::to_string).collect();
                let w = seq.below(words.len());
                words[w] = [
                    "Cabinet",
                    "Monitoring Officer",
                    "promptly",
                    "Section 151 Officer",
                ][seq.below(4)]
                .to_string();
                clauses[c] = words.join(" ");
                script.edited += 1;
            }
            _ => {}
        }
    }
    let front = "+++\ncouncil = \"bench\"\ntitle = \"Generated protocol\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n";
    (
        format!("{front}{}", render_body(&old)),
        format!("{front}{}", render_body(&new)),
        script,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_document;

    fn pool() -> Pool {
        Pool {
            clauses: (0..30)
                .map(|i| format!("Members and officers observe rule number {i} at all times."))
                .collect(),
            headings: vec!["Roles".into(), "Conduct".into()],
        }
    }

    #[test]
    fn generated_documents_parse_and_are_reproducible() {
        let source = document_source("bench", 1, 3, 4, &pool(), &mut Sequence::new(7));
        let again = document_source("bench", 1, 3, 4, &pool(), &mut Sequence::new(7));
        assert_eq!(source, again);
        let document = parse_document("d", &source).unwrap().document;
        assert_eq!(document.clauses().count(), 12);
    }

    #[test]
    fn revision_pairs_have_the_size_asked_for() {
        let (old, new, script) = revision_pair(20_000, &pool(), &mut Sequence::new(3));
        assert!(old.len() > 15_000 && old.len() < 30_000, "{}", old.len());
        assert!(parse_document("n", &new).is_ok());
        assert!(script.inserted + script.deleted + script.moved + script.edited > 0);
    }
}
