//! Properties of the change model on random revisions of real clauses.
//!
//! Clause texts come from the bundled protocols; a random edit script
//! inserts, deletes, moves and rewords clauses, and the documents are
//! numbered as a council would number them. Accepting every change must
//! give the revised text, rejecting every change the existing text.

mod common;

use clerk::diff::units::units;
use clerk::diff::{Change, DiffOptions, diff};
use clerk::model::Document;
use clerk::source::parse_document;
use proptest::prelude::*;

/// Single-paragraph clause texts from Bury's existing protocol.
fn real_clauses() -> Vec<String> {
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
fn document(id: &str, clauses: &[String]) -> Document {
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
fn shaped_document(id: &str, texts: &[String]) -> Document {
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
enum Step {
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

fn step() -> impl Strategy<Value = Step> {
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

fn apply(clauses: &mut Vec<String>, pool: &[String], step: &Step) {
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
fn revision(picks: &[usize], steps: &[Step]) -> (Document, Document) {
    let (original, revised) = texts_of_revision(picks, steps);
    (document("old", &original), document("new", &revised))
}

/// The same revision with tables and clauses of several paragraphs.
fn shaped_revision(picks: &[usize], steps: &[Step]) -> (Document, Document) {
    let (original, revised) = texts_of_revision(picks, steps);
    (
        shaped_document("old", &original),
        shaped_document("new", &revised),
    )
}

fn texts_of_revision(picks: &[usize], steps: &[Step]) -> (Vec<String>, Vec<String>) {
    let pool = real_clauses();
    let original: Vec<String> = picks.iter().map(|p| pool[p % pool.len()].clone()).collect();
    let mut revised = original.clone();
    for s in steps {
        apply(&mut revised, &pool, s);
    }
    (original, revised)
}

fn texts(document: &Document) -> Vec<String> {
    units(document).into_iter().map(|u| u.text).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn accepting_gives_the_revision_and_rejecting_the_original(
        picks in proptest::collection::vec(any::<usize>(), 2..12),
        steps in proptest::collection::vec(step(), 0..8),
    ) {
        let (old, new) = revision(&picks, &steps);
        let changes = diff(&old, &new, &DiffOptions::default());
        prop_assert_eq!(changes.accept_all(), texts(&new));
        prop_assert_eq!(changes.reject_all(), texts(&old));
    }

    #[test]
    fn the_word_file_accepts_to_the_revision_and_rejects_to_the_original(
        picks in proptest::collection::vec(any::<usize>(), 1..10),
        steps in proptest::collection::vec(step(), 0..8),
    ) {
        use clerk::render::docx::{DocxOptions, changes_docx};
        use common::word::{expected, resolved};
        let (old, new) = revision(&picks, &steps);
        let changes = diff(&old, &new, &DiffOptions::default());
        let (accepted, rejected) = expected(&old, &new);
        // Dated, moves are Word moves; undated, deletions and insertions.
        for date in [clerk::model::Date::new(2024, 4, 1), None] {
            let options = DocxOptions { date, ..DocxOptions::revised(&new.front_matter) };
            let docx = changes_docx(&changes, &options).unwrap();
            prop_assert_eq!(&resolved(&docx, true), &accepted);
            prop_assert_eq!(&resolved(&docx, false), &rejected);
        }
    }

    #[test]
    fn tables_and_clauses_of_several_paragraphs_accept_and_reject_exactly(
        picks in proptest::collection::vec(any::<usize>(), 2..12),
        steps in proptest::collection::vec(step(), 0..8),
    ) {
        use clerk::render::docx::{DocxOptions, changes_docx};
        use common::word::{expected, resolved};
        let (old, new) = shaped_revision(&picks, &steps);
        let has_table = |d: &Document| {
            d.sections.iter().flat_map(|s| &s.blocks).any(|b| matches!(b, clerk::model::Block::Table(_)))
        };
        prop_assert!(has_table(&old), "the generator makes a table");
        let changes = diff(&old, &new, &DiffOptions::default());
        prop_assert_eq!(changes.accept_all(), texts(&new));
        prop_assert_eq!(changes.reject_all(), texts(&old));
        // Every row's cells, cut from its edits, hold the revised cells.
        for unit in changes.units.iter().filter(|u| !u.new.is_empty()) {
            for line in unit.lines().iter().filter(|l| l.shape.row) {
                let cells = clerk::render::present::changes::cells(&line.shown_edits());
                let revised: Vec<String> = cells
                    .iter()
                    .map(|c| c.iter().map(|e| e.new_text()).collect::<String>())
                    .filter(|c| !c.is_empty())
                    .collect();
                let text: String = line.shown_edits().iter().map(|e| e.new_text()).collect();
                let written: Vec<&str> = text.split(" | ").filter(|c| !c.is_empty()).collect();
                prop_assert_eq!(revised, written);
            }
        }
        let (accepted, rejected) = expected(&old, &new);
        let docx = changes_docx(&changes, &DocxOptions::revised(&new.front_matter)).unwrap();
        prop_assert_eq!(&resolved(&docx, true), &accepted);
        prop_assert_eq!(&resolved(&docx, false), &rejected);
    }

    #[test]
    fn a_clause_inserted_at_the_start_only_renumbers_the_rest(
        picks in proptest::collection::vec(any::<usize>(), 2..12),
        new_clause in any::<usize>(),
    ) {
        let pool = real_clauses();
        let mut original: Vec<String> = picks.iter().map(|p| pool[p % pool.len()].clone()).collect();
        original.dedup();
        let inserted = pool[new_clause % pool.len()].clone();
        prop_assume!(!original.contains(&inserted));
        let mut revised = original.clone();
        revised.insert(0, inserted);
        let changes = diff(&document("v", &original), &document("v", &revised), &DiffOptions::default());
        let kinds: Vec<Change> = changes.units.iter().map(|u| u.change).collect();
        prop_assert_eq!(kinds.iter().filter(|c| **c == Change::Inserted).count(), 1);
        prop_assert!(
            kinds.iter().all(|c| matches!(c, Change::Inserted | Change::Renumbered | Change::Unchanged)),
            "{:?}", kinds
        );
        prop_assert_eq!(changes.summary.substantive_units, 1);
    }
}
