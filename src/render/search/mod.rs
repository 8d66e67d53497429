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
//! - `search/units-N.js`: the units of eight versions, their text for
//!   snippets.

pub mod units;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Arc;

use base64::Engine;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::{Council, Document, Standing, standing};
use crate::render::present::contents::standing_mark;
use crate::render::present::search::{family_of, part_of};
use units::{Unit, UnitKind, units};
use words::{Words, term_file};

/// The page's script: the stemmer, the query and the results.
pub const SCRIPT: &str = include_str!("../../../templates/search.js");

/// What the index's files say they are, read by the script.
pub const FORMAT: u32 = 1;

/// How many term files a council's index is split into: one for a small
/// council, about one per 8 versions (about 11 kB each), up to 1,024.
pub fn term_files(council: &Council) -> usize {
    council
        .documents
        .len()
        .div_ceil(8)
        .next_power_of_two()
        .min(1024)
}

/// How many versions' units one file holds: eight together compress to
/// about two thirds of eight files of one, and a page of ten results loads
/// at most ten of them.
pub const UNITS_PER_FILE: usize = 8;

/// How many files hold the units of `council`'s versions.
pub fn units_files(council: &Council) -> usize {
    council.documents.len().div_ceil(UNITS_PER_FILE)
}

/// A posting's second number: the unit, shifted left by three; 4 when the
/// key is in the unit's heading or number; and how often the key occurs
/// in its text, 1 to 4 (4 or more), less one.
fn posting(unit: usize, in_heading: bool, often: u32) -> u32 {
    (unit as u32) << 3 | u32::from(in_heading) << 2 | (often.clamp(1, 4) - 1)
}

/// A council's search index: its documents and every key's postings.
pub struct SearchIndex {
    meta: Meta,
    /// For each term file, each key it holds and its postings, two numbers
    /// each: the document (as the difference from the posting before) and
    /// [`posting`]'s unit and weight.
    terms: Vec<BTreeMap<String, Vec<u32>>>,
    /// Each version's units, in the council's order.
    units: Vec<Vec<Unit>>,
}

#[derive(Serialize)]
struct Meta {
    format: u32,
    council: String,
    terms: usize,
    /// How many versions' units each units file holds.
    units_per_file: usize,
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
            units_per_file: UNITS_PER_FILE,
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
        let (units, postings): (Vec<Vec<Unit>>, Vec<Postings>) = council
            .documents
            .par_iter()
            .map_init(Keys::default, |keys, document| {
                let found = units(document);
                let postings = keys.of(&found);
                (found, postings)
            })
            .unzip();
        // Each key's postings, and the document of its last posting.
        let mut joined: FxHashMap<Key, (u32, Vec<u32>)> = FxHashMap::default();
        for (document, keys) in postings.into_iter().enumerate() {
            let document = document as u32;
            for (key, code) in keys {
                let (last, list) = joined.entry(key).or_default();
                list.extend([document - *last, code]);
                *last = document;
            }
        }
        let mut terms = vec![BTreeMap::<String, Vec<u32>>::new(); meta.terms];
        for (key, (_, list)) in joined {
            terms[term_file(&key, meta.terms)].insert(key.to_string(), list);
        }
        let mut meta = meta;
        meta.units = units.iter().map(Vec::len).sum();
        SearchIndex { meta, terms, units }
    }

    /// `search/index.js`.
    pub fn index_file(&self) -> Vec<u8> {
        script("index", &self.meta, TEXT)
    }

    /// `search/terms-N.js`, or `None` past the last.
    pub fn terms_file(&self, file: usize) -> Option<Vec<u8>> {
        Some(script(
            &format!("terms-{file}"),
            self.terms.get(file)?,
            NUMBERS,
        ))
    }
}

/// The versions whose units the file `file` holds, in the council's order.
pub fn units_in_file(council: &Council, file: usize) -> &[Document] {
    let (start, end) = file_range(council.documents.len(), file);
    &council.documents[start..end]
}

/// Where the versions of units file `file` are among `count` versions.
fn file_range(count: usize, file: usize) -> (usize, usize) {
    let start = (file * UNITS_PER_FILE).min(count);
    (start, (start + UNITS_PER_FILE).min(count))
}

impl SearchIndex {
    /// `search/units-N.js`, or `None` past the last: the units of
    /// [`units_in_file`], as the results show them, a list for each
    /// version: kind, anchor, number, heading and text. What the script
    /// can work out is left out: a clause's anchor when it is `c-` and its
    /// number with hyphens for points, and the heading of the section a
    /// clause is in (the section's unit comes before it).
    pub fn units_file(&self, file: usize) -> Option<Vec<u8>> {
        #[derive(Serialize)]
        struct UnitData<'u>(UnitKind, &'u str, &'u str, &'u str, &'u str);
        let (start, end) = file_range(self.units.len(), file);
        if start == end {
            return None;
        }
        let data: Vec<Vec<UnitData<'_>>> = self.units[start..end]
            .iter()
            .map(|found| {
                found
                    .iter()
                    .map(|u| {
                        let derived = u.kind == UnitKind::Clause
                            && u.anchor
                                .strip_prefix("c-")
                                .is_some_and(|rest| rest.split('-').eq(u.label.split('.')));
                        let anchor = if derived { "" } else { u.anchor.as_str() };
                        UnitData(u.kind, anchor, &u.label, &u.title, &u.text)
                    })
                    .collect()
            })
            .collect();
        Some(script(&format!("units-{file}"), &data, TEXT))
    }
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

/// A key of the index: a stem, a number (`#4.12`) or a term (`=chief
/// offic`), shared by every posting of it a thread makes.
type Key = Arc<str>;

/// Every key of one version's units, with its posting.
type Postings = Vec<(Key, u32)>;

thread_local! {
    /// Each word's stem, made once on each thread for every council a
    /// build indexes: a site of many small councils shares one vocabulary.
    static STEMS: std::cell::RefCell<FxHashMap<String, Option<Key>>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// How many words' stems a thread remembers at most.
const MOST_STEMS_REMEMBERED: usize = 200_000;

/// The keys of one version's units.
#[derive(Default)]
struct Keys {
    words: Words,
}

impl Keys {
    /// Every key of a version's `found` units with its [`posting`], each
    /// key once per unit, units in order.
    fn of(&mut self, found: &[Unit]) -> Postings {
        let mut out = Vec::new();
        // How often each key occurs in a unit's text, and whether in its heading.
        let mut weights: FxHashMap<Key, (u32, bool)> = FxHashMap::default();
        for (at, unit) in found.iter().enumerate() {
            for stem in self.stems(&unit.text) {
                weights.entry(stem).or_default().0 += 1;
            }
            for key in self.heading_keys(unit) {
                weights.entry(key).or_default().1 = true;
            }
            let start = out.len();
            out.extend(
                weights
                    .drain()
                    .map(|(key, (often, heading))| (key, posting(at, heading, often))),
            );
            // In the order of the keys, so the index is the same every build.
            out[start..].sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        out
    }

    /// The keys a unit's heading gives it: its title's stems, its number
    /// (`#4.12`) and, for a definition, its term (`=chief offic`).
    fn heading_keys(&mut self, unit: &Unit) -> Vec<Key> {
        let title = self.stems(&unit.title);
        let mut keys = title.clone();
        if !unit.label.is_empty() {
            keys.push(format!("#{}", unit.label.to_lowercase()).into());
        }
        if unit.kind == UnitKind::Definition && !title.is_empty() {
            let words: Vec<&str> = title.iter().map(|k| &**k).collect();
            keys.push(format!("={}", words.join(" ")).into());
        }
        keys
    }

    fn stems(&mut self, text: &str) -> Vec<Key> {
        STEMS.with_borrow_mut(|stems| {
            words::split(text)
                .filter_map(|word| {
                    if let Some(stem) = stems.get(&*word) {
                        return stem.clone();
                    }
                    let stem: Option<Key> = self.words.stem(&word).map(Key::from);
                    // A text of endless distinct words costs no more than
                    // this many remembered at once.
                    if stems.len() >= MOST_STEMS_REMEMBERED {
                        stems.clear();
                    }
                    stems.insert(word.into_owned(), stem.clone());
                    stem
                })
                .collect()
        })
    }
}

/// The deflate level of the files of text: 6, which keeps the whole index
/// under a tenth of the HTML pages' size.
const TEXT: u32 = 6;

/// The deflate level of the term files, which every change to a council
/// makes again: 5 takes 40% of level 6's time here, for 4% more bytes.
const NUMBERS: u32 = 5;

/// A file of the index: a script handing `data`, deflated and written as
/// base64, to the page.
fn script(name: &str, data: &impl Serialize, level: u32) -> Vec<u8> {
    // Maps with string keys, numbers and strings: nothing JSON cannot hold.
    let json = serde_json::to_vec(data).expect("the index is plain JSON");
    let mut deflate = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(json.len() / 3),
        flate2::Compression::new(level),
    );
    let deflated = deflate
        .write_all(&json)
        .and_then(|()| deflate.finish())
        .expect("deflating into memory cannot fail");
    let encoded = base64::engine::general_purpose::STANDARD.encode(deflated);
    // The name and the base64 need no escaping in a JavaScript string:
    // the name is a file stem clerk checked, the rest is [A-Za-z0-9+/=].
    let name = serde_json::to_string(name).expect("a string is JSON");
    format!("clerkSearch.load({name},\"{encoded}\");\n").into_bytes()
}
