//! Random revisions of real clauses, for the property tests and for the
//! Word client tests: clause texts from the bundled protocols, and a random
//! edit script that inserts, deletes, moves and rewords them; the
//! documents are numbered as a council would number them.

use clerk::diff::units::units;
use clerk::model::Document;
use clerk::source::parse_document;
use proptest::prelude::*;

/// Single-paragraph clause texts from Bury's existing protocol.
pub fn real_clauses() -> Vec<String> {
    let source =
        std::fs::read_to_string("protocols/bury/member-officer-relations-2020.md").unwrap();
    let document = parse_document("bury", &source).unwrap().document;
    let mut texts: Vec<String> = units(&document)
        .into_iter()
        .map(|u| u.text)
        .filter(|t| !t.contains('\n') && t.split_whitespace().count() >= 6)
        .filter(|t| !t.contains(['*', '_', '[', ']', '`', '<', '>', '#', '\\']))
        .filter(|t| !t.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    texts.sort();
    texts.dedup();
    texts
}

/// A document of numbered clauses under one heading.
pub fn document(id: &str, clauses: &[String]) -> Document {
    let mut body = String::from("# 1. Protocol\n");
    for (i, text) in clauses.iter().enumerate() {
        body.push_str(&format!("\n1.{} {}\n", i + 1, text));
    }
    parsed(id, &body)
}

/// A document with the shapes of a whole constitution, from the same
/// texts: a text at an even place is a clause, split into two paragraphs
/// when long; one at an odd place is a row of a table under the next
/// heading, its words in three cells. Edits to the texts become edits to
/// clauses of several paragraphs and to cells, rows inserted, deleted and
/// moved.
pub fn shaped_document(id: &str, texts: &[String]) -> Document {
    let mut body = String::from("# 1. Rules\n");
    let mut rows = String::new();
    for (i, text) in texts.iter().enumerate() {
        let words: Vec<&str> = text.split(' ').collect();
        if i % 2 == 1 {
            let third = words.len().div_ceil(3).max(1);
            let cells: Vec<String> = words.chunks(third).map(|c| c.join(" ")).collect();
            rows.push_str(&format!("| {} |\n", cells.join(" | ")));
        } else if words.len() >= 10 {
            let (first, second) = words.split_at(words.len() / 2);
            body.push_str(&format!(
                "\n1.{} {}\n\n   {}\n",
                i + 1,
                first.join(" "),
                second.join(" ")
            ));
        } else {
            body.push_str(&format!("\n1.{} {}\n", i + 1, text));
        }
    }
    if !rows.is_empty() {
        body.push_str(&format!(
            "\n# 2. Table\n\n| First | Second | Third |\n|---|---|---|\n{rows}"
        ));
    }
    parsed(id, &body)
}

fn parsed(id: &str, body: &str) -> Document {
    let source = format!(
        "+++\ncouncil = \"t\"\ntitle = \"P\"\nversion = \"{id}\"\nstatus = \"adopted\"\n+++\n{body}"
    );
    parse_document(id, &source).unwrap().document
}

#[derive(Debug, Clone)]
pub enum Step {
    Insert {
        at: usize,
        clause: usize,
    },
    Delete {
        at: usize,
    },
    Move {
        from: usize,
        to: usize,
    },
    ReplaceWord {
        clause: usize,
        word: usize,
        with: usize,
    },
    DeleteWord {
        clause: usize,
        word: usize,
    },
    Capitalise {
        clause: usize,
        word: usize,
    },
}

pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(at, clause)| Step::Insert { at, clause }),
        any::<usize>().prop_map(|at| Step::Delete { at }),
        (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Step::Move { from, to }),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(clause, word, with)| Step::ReplaceWord { clause, word, with }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(clause, word)| Step::DeleteWord { clause, word }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(clause, word)| Step::Capitalise { clause, word }),
    ]
}

const WORDS: &[&str] = &[
    "Cabinet",
    "Monitoring",
    "promptly",
    "Section",
    "151",
    "impartial",
    "officers",
    "ward",
];

pub fn apply(clauses: &mut Vec<String>, pool: &[String], step: &Step) {
    let n = clauses.len();
    let edit_words = |text: &str, f: &dyn Fn(&mut Vec<String>)| -> String {
        let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
        f(&mut words);
        let joined = words.join(" ");
        if joined.trim().is_empty() {
            text.to_string()
        } else {
            joined
        }
    };
    match *step {
        Step::Insert { at, clause } => {
            clauses.insert(at % (n + 1), pool[clause % pool.len()].clone())
        }
        Step::Delete { at } if n > 1 => {
            clauses.remove(at % n);
        }
        Step::Move { from, to } if n > 1 => {
            let clause = clauses.remove(from % n);
            clauses.insert(to % n, clause);
        }
        Step::ReplaceWord { clause, word, with } if n > 0 => {
            let c = clause % n;
            clauses[c] = edit_words(&clauses[c], &|w| {
                let k = word % w.len();
                w[k] = WORDS[with % WORDS.len()].to_string();
            });
        }
        Step::DeleteWord { clause, word } if n > 0 => {
            let c = clause % n;
            clauses[c] = edit_words(&clauses[c], &|w| {
                if w.len() > 3 {
                    let k = 1 + word % (w.len() - 1);
                    w.remove(k);
                }
            });
        }
        Step::Capitalise { clause, word } if n > 0 => {
            let c = clause % n;
            clauses[c] = edit_words(&clauses[c], &|w| {
                let k = word % w.len();
                let mut chars = w[k].chars();
                if let Some(first) = chars.next() {
                    w[k] = first.to_uppercase().chain(chars).collect();
                }
            });
        }
        _ => {}
    }
}

/// The existing and revised documents of a random revision: clauses
/// picked from the pool, then the edit script applied.
pub fn revision(picks: &[usize], steps: &[Step]) -> (Document, Document) {
    let (original, revised) = texts_of_revision(picks, steps);
    (document("old", &original), document("new", &revised))
}

/// The same revision with tables and clauses of several paragraphs.
pub fn shaped_revision(picks: &[usize], steps: &[Step]) -> (Document, Document) {
    let (original, revised) = texts_of_revision(picks, steps);
    (
        shaped_document("old", &original),
        shaped_document("new", &revised),
    )
}

pub fn texts_of_revision(picks: &[usize], steps: &[Step]) -> (Vec<String>, Vec<String>) {
    let pool = real_clauses();
    let original: Vec<String> = picks.iter().map(|p| pool[p % pool.len()].clone()).collect();
    let mut revised = original.clone();
    for s in steps {
        apply(&mut revised, &pool, s);
    }
    (original, revised)
}
