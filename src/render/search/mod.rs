//! The search index of a council's site, made from the model (never from
//! the pages): one unit per section, clause and definition of every
//! version, each word stemmed, split into files so a query loads only
//! what it needs.
//!
//! Browsers refuse `fetch` of local files, so every file is a script that
//! hands its data to the page (`clerkSearch.load(name, data)`), which
//! works opened from `file://` as well as served. The data is JSON,
//! deflated and written as base64; the page inflates it with the
//! browser's own `DecompressionStream`.
//!
//! - `search/index.js`: the documents (title, Section, Part, standing),
//!   the versions in force now and at each edition, and how many term
//!   files there are;
//! - `search/terms-N.js`: each stem whose hash falls in file N, with the
//!   units that hold it; besides stems, `#4.12` keys a clause or
//!   section number and `=chief offic` a defined term;
//! - `search/doc-ID.js`: one version's units, their text for snippets.

pub mod units;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use base64::Engine;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Council, Document, Standing, standing};
use crate::render::present::contents::standing_mark;
use crate::render::present::search::{family_of, part_of};
use units::{Unit, UnitKind, units};
use words::{Words, bucket};

/// The page's script: the stemmer, the query and the results.
pub const SCRIPT: &str = include_str!("../../../templates/search.js");

/// What the index's files say they are, read by the script.
pub const FORMAT: u32 = 1;

/// How many term files a council's index is split into: one for a small
/// council, up to 256 for the largest, about one per 16 versions.
pub fn term_files(council: &Council) -> usize {
    council
        .documents
        .len()
        .div_ceil(16)
        .next_power_of_two()
        .min(256)
}

/// A unit's weight for one key: how often the key occurs in it (at most
/// 15), and 16 more when it is in the unit's heading or number.
const IN_HEADING: u32 = 16;

/// A council's search index: its documents and every key's postings.
pub struct SearchIndex {
    meta: Meta,
    /// For each term file, each key it holds and its postings: document
    /// (as the difference from the posting before), unit and weight.
    terms: Vec<BTreeMap<String, Vec<u32>>>,
}

#[derive(Serialize)]
struct Meta {
    format: u32,
    council: String,
    terms: usize,
    /// How many units the index holds, for weighing a word by its rarity.
    units: usize,
    stop: &'static [&'static str],
    parts: Vec<PartMeta>,
    documents: Vec<DocumentMeta>,
    /// The versions in force on the council's reading day.
    now: Vec<usize>,
    /// The versions in force on each edition's day, newest first.
    editions: Vec<EditionMeta>,
}

#[derive(Serialize)]
struct PartMeta {
    number: Option<String>,
    title: String,
}

#[derive(Serialize)]
struct DocumentMeta {
    id: String,
    title: String,
    section: Option<String>,
    /// The index of its Part in `parts`.
    part: Option<usize>,
    /// `in_force`, `coming` (adopted, not yet in force), `proposed`,
    /// `draft` or `replaced`.
    standing: &'static str,
    /// What a reader must be told of a version not in force.
    mark: Option<&'static str>,
    /// The index of the document's newest version: every version of one
    /// document has the same.
    family: usize,
}

#[derive(Serialize)]
struct EditionMeta {
    date: String,
    documents: Vec<usize>,
}

impl SearchIndex {
    /// The index of every version of `council`'s documents.
    pub fn new(council: &Council) -> SearchIndex {
        let position: HashMap<&str, usize> = council
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let indexes = |documents: &[&Document]| -> Vec<usize> {
            documents
                .iter()
                .filter_map(|d| position.get(d.id.as_str()).copied())
                .collect()
        };
        let documents = council
            .documents
            .iter()
            .map(|document| document_meta(council, document))
            .collect();
        let editions = crate::model::editions(council)
            .iter()
            .filter_map(|edition| edition.date)
            .map(|date| EditionMeta {
                date: date.to_string(),
                documents: indexes(&crate::model::identity::in_force_on(council, Some(date))),
            })
            .collect();
        let meta = Meta {
            format: FORMAT,
            council: council.name.clone(),
            terms: term_files(council),
            units: 0,
            stop: words::STOP_WORDS,
            parts: council
                .parts
                .iter()
                .map(|p| PartMeta {
                    number: p.number.clone(),
                    title: p.title.clone(),
                })
                .collect(),
            documents,
            now: indexes(&crate::model::identity::in_force(council)),
            editions,
        };
        // Each version's keys, on every core; then joined in document order.
        let postings: Vec<(usize, Vec<(String, u32, u32)>)> = council
            .documents
            .par_iter()
            .map_init(Keys::default, |keys, document| keys.of(document))
            .collect();
        let mut terms = vec![BTreeMap::<String, Vec<u32>>::new(); meta.terms];
        let mut last: HashMap<String, u32> = HashMap::new();
        let mut units = 0;
        for (document, (count, keys)) in postings.into_iter().enumerate() {
            units += count;
            let document = document as u32;
            for (key, unit, weight) in keys {
                let file = &mut terms[bucket(&key, meta.terms)];
                let before = last.insert(key.clone(), document);
                let list = file.entry(key).or_default();
                let delta = document - before.unwrap_or(0);
                list.extend([delta, unit, weight]);
            }
        }
        let mut meta = meta;
        meta.units = units;
        SearchIndex { meta, terms }
    }

    /// How many term files the index has.
    pub fn term_files(&self) -> usize {
        self.terms.len()
    }

    /// `search/index.js`.
    pub fn index_file(&self) -> Vec<u8> {
        script("index", &self.meta)
    }

    /// `search/terms-N.js`, or `None` past the last.
    pub fn terms_file(&self, file: usize) -> Option<Vec<u8>> {
        Some(script(&format!("terms-{file}"), self.terms.get(file)?))
    }
}

/// `search/doc-ID.js`: one version's units, as the results show them.
pub fn units_file(document: &Document) -> Vec<u8> {
    #[derive(Serialize)]
    struct UnitData<'u>(UnitKind, &'u str, &'u str, &'u str, &'u str, &'u str);
    let found = units(document);
    let data: Vec<UnitData<'_>> = found
        .iter()
        .map(|u| UnitData(u.kind, &u.anchor, &u.label, &u.title, &u.context, &u.text))
        .collect();
    script(&format!("doc-{}", document.id), &data)
}

fn document_meta(council: &Council, document: &Document) -> DocumentMeta {
    let front = &document.front_matter;
    DocumentMeta {
        id: document.id.clone(),
        title: front.title.clone(),
        section: front.section.clone(),
        part: part_of(council, document),
        standing: match standing(council, document) {
            Standing::InForce => "in_force",
            Standing::InForceFrom(_) | Standing::AwaitingCommencement => "coming",
            Standing::Proposed => "proposed",
            Standing::Draft => "draft",
            Standing::Replaced => "replaced",
        },
        mark: standing_mark(council, document),
        family: family_of(council, document),
    }
}

/// The keys of one version's units, with a stem remembered once made.
#[derive(Default)]
struct Keys {
    words: Words,
    stems: HashMap<String, Option<String>>,
}

impl Keys {
    /// How many units `document` has, and every key of them: `(key,
    /// unit, weight)`, each key once per unit, units in order.
    fn of(&mut self, document: &Document) -> (usize, Vec<(String, u32, u32)>) {
        let mut out = Vec::new();
        let found = units(document);
        for (at, unit) in found.iter().enumerate() {
            let mut weights: BTreeMap<String, u32> = BTreeMap::new();
            for stem in self.stems(&unit.text) {
                let weight = weights.entry(stem).or_default();
                *weight = (*weight + 1).min(IN_HEADING - 1);
            }
            for key in self.heading_keys(unit) {
                *weights.entry(key).or_default() |= IN_HEADING;
            }
            out.extend(weights.into_iter().map(|(k, w)| (k, at as u32, w.max(1))));
        }
        (found.len(), out)
    }

    /// The keys a unit's heading gives it: its title's stems, its number
    /// (`#4.12`) and, for a definition, its term (`=chief offic`).
    fn heading_keys(&mut self, unit: &Unit) -> Vec<String> {
        let title: Vec<String> = self.stems(&unit.title);
        let mut keys = title.clone();
        if !unit.label.is_empty() {
            keys.push(format!("#{}", unit.label.to_lowercase()));
        }
        if unit.kind == UnitKind::Definition && !title.is_empty() {
            keys.push(format!("={}", title.join(" ")));
        }
        keys
    }

    fn stems(&mut self, text: &str) -> Vec<String> {
        words::split(text)
            .filter_map(|word| {
                if let Some(stem) = self.stems.get(&word) {
                    return stem.clone();
                }
                let stem = self.words.stem(&word);
                self.stems.insert(word, stem.clone());
                stem
            })
            .collect()
    }
}

/// A file of the index: a script handing `data`, deflated and written as
/// base64, to the page.
fn script(name: &str, data: &impl Serialize) -> Vec<u8> {
    let json = serde_json::to_vec(data).unwrap_or_default();
    let mut deflate = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(json.len() / 3),
        flate2::Compression::new(6),
    );
    let deflated = match deflate.write_all(&json).and_then(|()| deflate.finish()) {
        Ok(bytes) => bytes,
        Err(_) => Vec::new(),
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(deflated);
    // The name and the base64 need no escaping in a JavaScript string:
    // the name is a file stem clerk checked, the rest is [A-Za-z0-9+/=].
    let name = serde_json::to_string(name).unwrap_or_default();
    format!("clerkSearch.load({name},\"{encoded}\");\n").into_bytes()
}
