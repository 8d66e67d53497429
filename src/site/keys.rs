//! Content keys: for every page, a hash of everything it is made of, so an
//! incremental build reuses exactly the files whose inputs are unchanged.
//!
//! A key is made from the model the renderer sees (not from file names or
//! paths), so a source reached through a link or renamed folder can never
//! be published stale. A document's page depends on the document itself,
//! its other versions and the reports that compare them (its clauses'
//! history is made from them), and on the "interface" of its council: every document's id, front matter
//! and clause and section numbers (cross-references, versions and contents
//! are made from these). Pages that show the whole council (contents, the
//! whole constitution, reports) depend on every document and report of the
//! council. Everything depends on clerk's version, the templates and the
//! options that change output.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::model::{Block, Council, CouncilSummary};
use crate::render::html::templates::{DEFAULTS, Overrides, STYLESHEET};
use crate::site::plan::Page;

fn hex(hasher: &DefaultHasher) -> String {
    format!("{:016x}", hasher.finish())
}

/// What every key starts from: clerk's version, the options that change
/// output, the stylesheet, the search script and the default templates.
#[derive(Clone)]
pub struct Base(DefaultHasher);

impl Base {
    /// `options` names the options that change output and `version` is clerk's.
    pub fn new(options: &str, version: &str) -> Base {
        let mut base = DefaultHasher::new();
        (version, options, STYLESHEET, crate::render::search::SCRIPT).hash(&mut base);
        for (name, text) in DEFAULTS {
            (name, text).hash(&mut base);
        }
        Base(base)
    }

    /// The key of the site's own files (its index, the stylesheet and the
    /// search script), which list every council: each council's id, its
    /// names and its number of documents, in order.
    pub fn site_key<'s>(&self, councils: impl IntoIterator<Item = &'s CouncilSummary>) -> String {
        let mut site = self.0.clone();
        for council in councils {
            (
                &council.id,
                &council.name,
                &council.short_name,
                council.documents,
            )
                .hash(&mut site);
        }
        hex(&site)
    }
}

/// The keys of one council's pages.
pub struct CouncilKeys {
    /// What other pages can see of the council, under its templates.
    interface: DefaultHasher,
    /// Everything of the council.
    whole: String,
    /// Each document's own digest, by id: every document is hashed once.
    documents: HashMap<String, u64>,
}

/// A document's digest: everything of it, hashed.
fn digest(document: &crate::model::Document) -> u64 {
    let mut hasher = DefaultHasher::new();
    document.hash(&mut hasher);
    hasher.finish()
}

impl CouncilKeys {
    /// Keys for `council`'s pages built with `overrides`; `councils` is
    /// where the models its documents name are found.
    pub fn new(
        base: &Base,
        council: &Council,
        councils: &[Council],
        overrides: &Overrides,
    ) -> Self {
        let mut theirs = base.0.clone();
        overrides.by_council.get(&council.id).hash(&mut theirs);
        let interface = interface(council, theirs);
        let digests: Vec<u64> = council.documents.par_iter().map(digest).collect();
        let mut whole = interface.clone();
        digests.hash(&mut whole);
        council.reports.hash(&mut whole);
        // A schedule of variations sets a document against its model,
        // which may be another council's.
        for document in &council.documents {
            if let Some((owner, model)) =
                crate::model::adoption::model_of(councils, council, document)
            {
                (&owner.id, &model.id, digest(model)).hash(&mut whole);
            }
        }
        let documents = council
            .documents
            .iter()
            .map(|d| d.id.clone())
            .zip(digests)
            .collect();
        CouncilKeys {
            interface,
            whole: hex(&whole),
            documents,
        }
    }

    /// The key of `page`, one of the council's own.
    pub fn key(&self, page: &Page<'_>) -> String {
        let Some(council) = page.council() else {
            return String::new();
        };
        match page {
            Page::Document(_, document, _) => {
                let mut own = self.interface.clone();
                self.digest(document).hash(&mut own);
                // Its clauses' notes and former addresses are made from
                // its other versions and the reports that proposed them.
                for id in crate::model::lineage(council, &document.id) {
                    if let Some(version) = council.document(&id) {
                        self.digest(version).hash(&mut own);
                    }
                }
                for report in &council.reports {
                    (&report.id, report.compared_versions()).hash(&mut own);
                }
                hex(&own)
            }
            Page::Changes {
                older, document, ..
            } => {
                let mut own = self.interface.clone();
                (self.digest(document), self.digest(older)).hash(&mut own);
                hex(&own)
            }
            // A file of units is made of its versions alone.
            Page::SearchUnits(council, file) => {
                let mut own = self.interface.clone();
                "search units".hash(&mut own);
                for document in crate::render::search::units_in_file(council, *file) {
                    self.digest(document).hash(&mut own);
                }
                hex(&own)
            }
            _ => self.whole.clone(),
        }
    }

    /// The digest of one of the council's documents.
    fn digest(&self, document: &crate::model::Document) -> u64 {
        match self.documents.get(&document.id) {
            Some(digest) => *digest,
            None => digest(document),
        }
    }
}

/// What other pages can see of a council's documents.
fn interface(council: &Council, mut hasher: DefaultHasher) -> DefaultHasher {
    (&council.name, &council.short_name, &council.branding).hash(&mut hasher);
    council.parts.hash(&mut hasher);
    for document in &council.documents {
        (&document.id, &document.front_matter).hash(&mut hasher);
        // Which version is in force changes with the reading date.
        crate::model::standing(council, document).hash(&mut hasher);
        for section in &document.sections {
            (&section.id, section.label.as_ref().map(|l| &l.written)).hash(&mut hasher);
            for block in &section.blocks {
                if let Block::Clause(clause) = block {
                    (&clause.id, &clause.label.written).hash(&mut hasher);
                }
            }
        }
        for block in &document.preamble {
            if let Block::Clause(clause) = block {
                (&clause.id, &clause.label.written).hash(&mut hasher);
            }
        }
    }
    hasher
}
