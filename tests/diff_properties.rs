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
use common::revisions::{document, real_clauses, revision, shaped_revision, step};
use proptest::prelude::*;

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
