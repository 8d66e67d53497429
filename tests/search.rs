//! The search index: its units, its keys, its files, and the page's
//! script, which must split and stem a query as the index was made.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use clerk::render::search::words::{Words, split};

/// Node runs the page's script, when the machine has it (CI does).
fn node() -> Option<&'static str> {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI must install Node.js (it runs the browser check)"
    );
    found.then_some("node")
}

/// Runs `templates/search.js` in Node with `program` after it, `input` on
/// its standard input; its standard output.
fn run_script(program: &str, input: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/search.js");
    let mut child = Command::new(node().unwrap())
        .arg("-e")
        .arg(format!(
            "require({:?}); {program}",
            script.to_str().unwrap()
        ))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_page_stems_every_word_as_the_index_does() {
    if node().is_none() {
        eprintln!("skipped: no node on this machine");
        return;
    }
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/words.txt"),
    )
    .unwrap();
    let words: Vec<&str> = list.lines().filter(|w| !w.is_empty()).collect();
    assert!(
        words.len() > 1500,
        "the word list is the bundled protocols' words"
    );
    let stemmer = Words::default();
    let expected: Vec<String> = words
        .iter()
        .map(|w| stemmer.stem(w).unwrap_or_else(|| w.to_string()))
        .collect();
    let got = run_script(
        "const words = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);\
         console.log(words.map(w => clerkSearch.stem(w)).join('\\n'));",
        &words.join("\n"),
    );
    let got: Vec<&str> = got.lines().collect();
    let wrong: Vec<String> = words
        .iter()
        .zip(expected.iter().zip(&got))
        .filter(|(w, (e, g))| e != *g && !clerk::render::search::words::STOP_WORDS.contains(w))
        .map(|(w, (e, g))| format!("{w}: index {e}, page {g}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} words stemmed apart:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_page_splits_text_into_words_as_the_index_does() {
    if node().is_none() {
        return;
    }
    let text = "The Council’s Chief Officer (Section 151) — co-operate; O'Brien's 4.12.3 ÉLU naïve";
    let expected: Vec<String> = split(text).map(String::from).collect();
    let got = run_script(
        "console.log(JSON.stringify(clerkSearch.split(require('fs').readFileSync(0, 'utf8'))));",
        text,
    );
    let got: Vec<String> = serde_json::from_str(got.trim()).unwrap();
    assert_eq!(got, expected);
}

// ---- The index of a council written for these tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clerk::render::html::templates::Overrides;
use clerk::site::plan::Formats;
use clerk::site::render_in_memory;
use clerk::source::load::{Target, load};

const HARROWBY: &str = "tests/fixtures/search";

fn project() -> clerk::source::load::Project {
    let project = load(&Target::Protocols(PathBuf::from(HARROWBY))).expect("the fixture loads");
    assert!(project.diagnostics.iter().all(|d| !d.is_error()));
    project
}

fn site(councils: &[clerk::model::Council]) -> BTreeMap<PathBuf, Vec<u8>> {
    let html = Formats::only(clerk::render::Format::Html);
    render_in_memory(councils, &Overrides::default(), html, &Default::default())
        .expect("renders")
        .into_iter()
        .collect()
}

/// The data of one file of the index: the script's argument, inflated.
fn data(site: &BTreeMap<PathBuf, Vec<u8>>, name: &str) -> serde_json::Value {
    use base64::Engine;
    use std::io::Read;
    let path = PathBuf::from(format!("harrowby/search/{name}.js"));
    let script = String::from_utf8(site[&path].clone()).unwrap();
    let prefix = format!("clerkSearch.load({name:?},\"");
    let encoded = script
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("\");\n"))
        .unwrap_or_else(|| panic!("{name}: not a file of the index: {script}"));
    let deflated = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    let mut json = String::new();
    flate2::read::DeflateDecoder::new(&deflated[..])
        .read_to_string(&mut json)
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// Every posting of `key`: (document id, unit anchor).
fn postings(site: &BTreeMap<PathBuf, Vec<u8>>, key: &str) -> BTreeSet<(String, String)> {
    let meta = data(site, "index");
    let files = meta["terms"].as_u64().unwrap() as usize;
    let terms = data(
        site,
        &format!("terms-{}", clerk::render::search::words::bucket(key, files)),
    );
    let Some(flat) = terms.get(key) else {
        return BTreeSet::new();
    };
    let flat: Vec<u64> = flat
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let mut document = 0;
    flat.chunks(2)
        .map(|posting| {
            document += posting[0] as usize;
            let id = meta["documents"][document]["id"]
                .as_str()
                .unwrap()
                .to_string();
            let units = units_of(site, document);
            let anchor = anchor(&units[(posting[1] >> 3) as usize]);
            (id, anchor)
        })
        .collect()
}

/// A unit's anchor: as its file gives it, or, for a clause whose file
/// leaves it out, `c-` and its number with hyphens for points.
fn anchor(unit: &serde_json::Value) -> String {
    match (unit[0].as_str().unwrap(), unit[1].as_str().unwrap()) {
        ("clause", "") => format!("c-{}", unit[2].as_str().unwrap().replace('.', "-")),
        (_, given) => given.to_string(),
    }
}

/// The units of the council's document at `document`.
fn units_of(site: &BTreeMap<PathBuf, Vec<u8>>, document: usize) -> serde_json::Value {
    let per_file = data(site, "index")["units_per_file"].as_u64().unwrap() as usize;
    data(site, &format!("units-{}", document / per_file))[document % per_file].clone()
}

/// The units of the document `id` of Harrowby.
fn units_of_id(site: &BTreeMap<PathBuf, Vec<u8>>, id: &str) -> serde_json::Value {
    let meta = data(site, "index");
    let at = meta["documents"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["id"] == id)
        .unwrap();
    units_of(site, at)
}

fn pairs(list: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_clause_section_and_definition_is_a_unit_whose_anchor_is_on_its_page() {
    let project = project();
    let site = site(&project.councils);
    let council = &project.councils[0];
    for document in &council.documents {
        let units = units_of_id(&site, &document.id);
        let anchors: BTreeSet<String> = units.as_array().unwrap().iter().map(anchor).collect();
        let page = String::from_utf8(
            site[&PathBuf::from(format!("harrowby/{}.html", document.id))].clone(),
        )
        .unwrap();
        for anchor in anchors.iter().filter(|a| !a.is_empty()) {
            assert!(
                page.contains(&format!("id=\"{anchor}\"")),
                "{}: #{anchor} is not on the page",
                document.id
            );
        }
        let expected = document
            .clauses()
            .map(|c| c.id.clone())
            .chain(document.sections.iter().map(|s| s.id.clone()))
            .chain(document.definitions().into_iter().map(|d| d.anchor));
        for anchor in expected {
            assert!(
                anchors.contains(anchor.as_str()),
                "{}: no unit #{anchor}",
                document.id
            );
        }
    }
    // Rules three levels deep are units of their own, with their text.
    let units = units_of_id(&site, "contract-rules-2024");
    let rule = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| anchor(u) == "c-3-3-2")
        .expect("3.3.2 is a unit");
    assert_eq!(rule[0], "clause");
    assert_eq!(rule[2], "3.3.2");
    assert_eq!(
        rule[4],
        "Where two tenders score the same, the lower price wins."
    );
    // A clause of several paragraphs is one unit holding them all.
    let opening = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| anchor(u) == "c-3-1")
        .unwrap();
    assert_eq!(
        opening[4],
        "Tenders are opened together by two officers. One of the officers must be from Legal Services. The opening is recorded in the tender register."
    );
}

#[test]
fn a_clause_number_a_defined_term_and_a_table_cell_are_found() {
    let site = site(&project().councils);
    assert_eq!(
        postings(&site, "#3.3.2"),
        pairs(&[
            ("contract-rules-2024", "c-3-3-2"),
            ("contract-rules-2026", "c-3-3-2")
        ])
    );
    assert_eq!(
        postings(&site, "=chief financ offic"),
        pairs(&[("definitions-2024", "d-chief-finance-officer")])
    );
    // Words in a table's cells, stemmed: "hackney carriage licences".
    assert_eq!(
        postings(&site, "licenc"),
        pairs(&[("scheme-of-delegation-2024", "s-1")])
    );
}

#[test]
fn a_word_only_a_proposed_version_holds_is_found_only_in_it() {
    let site = site(&project().councils);
    let meta = data(&site, "index");
    let documents = meta["documents"].as_array().unwrap();
    let id = |i: &serde_json::Value| {
        documents[i.as_u64().unwrap() as usize]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let now: BTreeSet<String> = meta["now"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(
        now,
        [
            "contract-rules-2024",
            "definitions-2024",
            "scheme-of-delegation-2024"
        ]
        .map(String::from)
        .into()
    );
    let standing = |doc: &str| {
        documents.iter().find(|d| d["id"] == doc).unwrap()["standing"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(standing("contract-rules-2026"), "proposed");
    assert_eq!(standing("contract-rules-2022"), "replaced");
    let found: BTreeSet<String> = postings(&site, "auction")
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    assert_eq!(found, ["contract-rules-2026".to_string()].into());
    // Every version of the rules is one document for the filter.
    let family = |doc: &str| documents.iter().find(|d| d["id"] == doc).unwrap()["family"].clone();
    assert_eq!(family("contract-rules-2022"), family("contract-rules-2026"));
    assert_ne!(family("contract-rules-2022"), family("definitions-2024"));
}

#[test]
fn the_index_is_the_same_bytes_every_build() {
    let project = project();
    let first = site(&project.councils);
    let second = site(&project.councils);
    let search: Vec<&PathBuf> = first
        .keys()
        .filter(|p| p.to_str().unwrap().contains("search"))
        .collect();
    assert_eq!(search.len(), 5, "{search:?}");
    for path in search {
        assert_eq!(first[path], second[path], "{}", path.display());
    }
}
