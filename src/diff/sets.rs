//! The change sets a build or a report needs, each computed once and handed
//! to every renderer that shows it (HTML, PDF, a report's appendices).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diff::{ChangeSet, DiffOptions, diff};
use crate::model::Document;

/// Change sets of one council, by (existing id, revised id).
#[derive(Debug, Default)]
pub struct ChangeSets {
    by_pair: HashMap<(String, String), ChangeSet>,
    /// How many of them were computed here rather than handed on.
    computed: usize,
}

impl ChangeSets {
    /// Computes the change set of every pair (existing, revised), each
    /// distinct pair once, on every core.
    pub fn compute(pairs: &[(&Document, &Document)]) -> Self {
        ChangeSets::compute_reusing(pairs, ChangeSets::default())
    }

    /// The change set of every pair, taking those `known` already holds
    /// (computed by `check`, say) and computing the rest, each once.
    pub fn compute_reusing(pairs: &[(&Document, &Document)], mut known: ChangeSets) -> Self {
        let mut by_pair = HashMap::new();
        let mut missing: Vec<(&Document, &Document)> = Vec::new();
        for &(old, new) in pairs {
            let key = (old.id.clone(), new.id.clone());
            if by_pair.contains_key(&key)
                || missing
                    .iter()
                    .any(|(o, n)| o.id == old.id && n.id == new.id)
            {
                continue;
            }
            match known.by_pair.remove(&key) {
                Some(set) => {
                    by_pair.insert(key, set);
                }
                None => missing.push((old, new)),
            }
        }
        let computed = missing.len();
        by_pair.par_extend(missing.par_iter().map(|(old, new)| {
            (
                (old.id.clone(), new.id.clone()),
                diff(old, new, &DiffOptions::default()),
            )
        }));
        ChangeSets { by_pair, computed }
    }

    /// How many change sets were computed here, not taken from ones known before.
    pub fn computed(&self) -> usize {
        self.computed
    }

    /// The change set from document `existing` to document `revised`.
    pub fn get(&self, existing: &str, revised: &str) -> Option<&ChangeSet> {
        self.by_pair
            .get(&(existing.to_string(), revised.to_string()))
    }

    /// How many change sets this holds.
    pub fn len(&self) -> usize {
        self.by_pair.len()
    }

    /// Whether this holds none.
    pub fn is_empty(&self) -> bool {
        self.by_pair.is_empty()
    }
}
