//! A council's search page: a form with its filters, and the places the
//! search's script writes the count and the results.

use serde::Serialize;
use tera::Tera;

use crate::Error;
use crate::model::{Council, editions};
use crate::render::present::links::{SEARCH_FILE, SEARCH_INDEX_FOLDER, SEARCH_SCRIPT_FILE};
use crate::render::present::search::{
    VERSIONS_ALL, VERSIONS_NOW, VERSIONS_PROPOSED, family_of, versions_as_at,
};

use super::view::PageMeta;
use super::{council_lang, page, page_meta};

#[derive(Serialize)]
struct SearchPage {
    meta: PageMeta,
    /// Where the index's files are, relative to the page, ending in `/`.
    index: String,
    /// The search's script, relative to the page.
    script: String,
    versions: Vec<Choice>,
    parts: Vec<Choice>,
    documents: Vec<Choice>,
}

/// One option of a filter.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// The search page of `council`.
pub fn search_page(council: &Council, tera: &Tera) -> Result<Vec<u8>, Error> {
    let mut meta = page_meta(
        "Search the constitution",
        council_lang(council),
        "../",
        Some(council),
    );
    // The page is the search form: no second one in its header.
    meta.search_href = None;
    let choice = |value: &str, label: String| Choice {
        value: value.to_string(),
        label,
    };
    let mut versions = vec![
        choice(VERSIONS_NOW, "The constitution in force".to_string()),
        choice(
            VERSIONS_PROPOSED,
            "The constitution in force, with drafts and proposals".to_string(),
        ),
    ];
    versions.extend(editions(council).iter().filter_map(|e| e.date).map(|date| {
        choice(
            &versions_as_at(date),
            format!("The constitution as at {}", date.long_form()),
        )
    }));
    versions.push(choice(
        VERSIONS_ALL,
        "Every version, past ones included".to_string(),
    ));
    let parts = council
        .parts
        .iter()
        .enumerate()
        .map(|(at, part)| {
            let label = match &part.number {
                Some(number) => format!("Part {number}: {}", part.title),
                None => part.title.clone(),
            };
            choice(&at.to_string(), label)
        })
        .collect();
    // One choice per document, by its newest version's title.
    let mut documents: Vec<Choice> = Vec::new();
    let mut families = std::collections::BTreeSet::new();
    for document in &council.documents {
        let family = family_of(council, document);
        if families.insert(family) {
            let newest = &council.documents[family].front_matter;
            let label = match &newest.section {
                Some(section) => format!("Section {section}: {}", newest.title),
                None => newest.title.clone(),
            };
            documents.push(choice(&family.to_string(), label));
        }
    }
    page(
        tera,
        "search.html",
        &format!("{}/{SEARCH_FILE}", council.id),
        &SearchPage {
            meta,
            index: format!("{SEARCH_INDEX_FOLDER}/"),
            script: format!("../{SEARCH_SCRIPT_FILE}"),
            versions,
            parts,
            documents,
        },
    )
}
