//! The change sets a build or a report needs, each computed once and handed
//! to every renderer that shows it (HTML, PDF, a report's appendices).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diff::{ChangeSet, DiffOptions, diff};
use crate::model::Document;

/// How many change sets this process has computed through [`ChangeSets`]:
/// lets a test prove that a build computes each one once.
static COMPUTED: AtomicUsize = AtomicUsize::new(0);

/// The number of change sets computed so far by this process.
pub fn computed() -> usize {
    COMPUTED.load(Ordering::Relaxed)
}

/// Change sets of one council, by (existing id, revised id).
#[derive(Debug, Default)]
pub struct ChangeSets {
    by_pair: HashMap<(String, String), ChangeSet>,
}

impl ChangeSets {
    /// Computes the change set of every pair (existing, revised), each
    /// distinct pair once, on every core.
    pub fn compute(pairs: &[(&Document, &Document)]) -> Self {
        let mut distinct: Vec<(&Document, &Document)> = Vec::new();
        for &(old, new) in pairs {
            if !distinct
                .iter()
                .any(|(o, n)| o.id == old.id && n.id == new.id)
            {
                distinct.push((old, new));
            }
        }
        let by_pair = distinct
            .par_iter()
            .map(|(old, new)| {
                COMPUTED.fetch_add(1, Ordering::Relaxed);
                (
                    (old.id.clone(), new.id.clone()),
                    diff(old, new, &DiffOptions::default()),
                )
            })
            .collect();
        ChangeSets { by_pair }
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
