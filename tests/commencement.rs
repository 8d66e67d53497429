//! Commencement by an event, on a council written for this test: Contract
//! Procedure Rules adopted to come into force "when the Procurement Act
//! 2023 commences". Until a day is given the version is approved and not
//! in force: listed so, never in the constitution in force or an edition,
//! named on the page of the version in force; `clerk check` asks about it
//! once a year has passed. And a property: on any day, the versions in
//! force are exactly those a reading of the dates gives, and a version
//! awaiting an event is never among them.

mod common;

use clerk::model::{Council, Date, Document, Standing, identity, standing_on};
use common::{clerk_in_env, small_source, stderr};
use proptest::prelude::*;

const OLD: &str = "# 1. Thresholds\n\n1.1 Contracts over £25,000 are let by open tender.\n";
const NEW: &str = "# 1. Thresholds\n\n1.1 Contracts over £30,000 are let by open tender under the Procurement Act 2023.\n";
const AWAITING: &str = "version = \"2\"\nstatus = \"adopted\"\nadopted = 2025-01-20\ncommences = \"when the Procurement Act 2023 commences\"\nsupersedes = \"old\"\n";

fn project(awaiting_front: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(
        dir.path(),
        "\n[[parts]]\nnumber = \"4\"\ntitle = \"Rules\"\ndocuments = [\"old\"]\n",
    );
    std::fs::write(
        council.join("old.md"),
        small_source(
            "version = \"1\"\nstatus = \"adopted\"\nadopted = 2022-04-01\n",
            OLD,
        ),
    )
    .unwrap();
    std::fs::write(council.join("new.md"), small_source(awaiting_front, NEW)).unwrap();
    dir
}

/// 1 December 2026, whatever today is.
const DECEMBER_2026: (&str, &str) = ("SOURCE_DATE_EPOCH", "1796083200");

#[test]
fn a_version_awaiting_an_event_is_approved_never_in_force_and_named_where_it_will_apply() {
    let dir = project(AWAITING);
    let built = clerk_in_env(dir.path(), &["build", "--format", "html"], &[DECEMBER_2026]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = |name: &str| {
        common::html_text(
            &std::fs::read_to_string(dir.path().join("output/small").join(name)).unwrap(),
        )
    };
    let whole = page("constitution.html");
    assert!(
        whole.contains("£25,000") && !whole.contains("£30,000"),
        "{whole}"
    );
    let new = page("new.html");
    assert!(
        new.contains("Approved, not yet in force: it comes into force when the Procurement Act 2023 commences, and is not in force until the day is given."),
        "{new}"
    );
    // Not an edition: its changes leave no note at its clauses.
    let raw = std::fs::read_to_string(dir.path().join("output/small/new.html")).unwrap();
    assert!(!raw.contains("class=\"clause-note\""), "{raw}");
    let old = page("old.html");
    assert!(
        old.contains("A change to this section is approved and not yet in force. Approved, not yet in force: it comes into force when the Procurement Act 2023 commences: version 2"),
        "{old}"
    );
    let contents = page("index.html");
    assert!(
        contents.contains("when the Procurement Act 2023 commences"),
        "{contents}"
    );
    let editions = page("editions.html");
    assert!(!editions.contains("version 2"), "{editions}");

    // A year and more after its adoption, check asks whether the event has come.
    let check = clerk_in_env(dir.path(), &["check", "protocols"], &[DECEMBER_2026]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("note[commencement]: adopted on 20 January 2025 to come into force when the Procurement Act 2023 commences, and still awaiting it a year or more on"),
        "{}",
        stderr(&check)
    );
    let early = clerk_in_env(
        dir.path(),
        &["check", "protocols"],
        &[("SOURCE_DATE_EPOCH", "1740000000")], // 19 February 2025
    );
    assert!(
        !stderr(&early).contains("commencement"),
        "{}",
        stderr(&early)
    );

    // The Act commences: the day given, the version is in force from it.
    let path = dir.path().join("protocols/small/new.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("commences = ", "effective = 2025-02-24\ncommences = "),
    )
    .unwrap();
    let built = clerk_in_env(dir.path(), &["build", "--format", "html"], &[DECEMBER_2026]);
    assert!(built.status.success(), "{}", stderr(&built));
    let whole = page("constitution.html");
    assert!(whole.contains("£30,000"), "{whole}");
    let raw = std::fs::read_to_string(dir.path().join("output/small/new.html")).unwrap();
    assert!(
        raw.contains("Amended by version 2, in force from 24 February 2025"),
        "{raw}"
    );
    assert!(page("editions.html").contains("24 February 2025"));
    let check = clerk_in_env(dir.path(), &["check", "protocols"], &[DECEMBER_2026]);
    assert!(
        !stderr(&check).contains("commencement"),
        "{}",
        stderr(&check)
    );
}

/// One version of a chain: (adopted day, effective day, awaiting an event), days
/// counted from 1 January 2020; `None` for a draft.
type Version = Option<(u16, Option<u16>, bool)>;

fn day(n: u16) -> Date {
    let mut date = Date::new(2020, 1, 1).unwrap();
    for _ in 0..n {
        date = match Date::new(date.year, date.month, date.day + 1) {
            Some(next) => next,
            None => Date::new(date.year, date.month + 1, 1)
                .unwrap_or_else(|| Date::new(date.year + 1, 1, 1).unwrap()),
        };
    }
    date
}

fn chains_council(chains: &[Vec<Version>]) -> Council {
    let mut documents: Vec<Document> = Vec::new();
    for (c, chain) in chains.iter().enumerate() {
        for (v, version) in chain.iter().enumerate() {
            let mut front = format!("version = \"{v}\"\n");
            match version {
                None => front.push_str("status = \"draft\"\n"),
                Some((adopted, effective, awaiting)) => {
                    front.push_str(&format!(
                        "status = \"adopted\"\nadopted = {}\n",
                        day(*adopted)
                    ));
                    if let Some(effective) = effective {
                        front.push_str(&format!("effective = {}\n", day(adopted + effective)));
                    }
                    if *awaiting {
                        front.push_str("commences = \"when the Act commences\"\n");
                    }
                }
            }
            if v > 0 {
                front.push_str(&format!("supersedes = \"d{c}-v{}\"\n", v - 1));
            }
            let source = small_source(&front, "# 1. Scope\n\n1.1 Text.\n");
            let id = format!("d{c}-v{v}");
            documents.push(
                clerk::source::parse_document(&id, &source)
                    .unwrap()
                    .document,
            );
        }
    }
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Council {
        id: "small".into(),
        name: "Small".into(),
        short_name: "Small".into(),
        parts: Vec::new(),
        branding: Default::default(),
        documents,
        reports: Vec::new(),
        as_at: None,
        retired_terms: Vec::new(),
        delegated_powers: Vec::new(),
        successors: Default::default(),
    }
}

fn version_strategy() -> impl Strategy<Value = Version> {
    prop_oneof![
        1 => Just(None),
        4 => (0u16..1500, prop::option::of(0u16..200), prop::bool::weighted(0.3))
            .prop_map(|(a, e, w)| Some((a, e, w))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn on_any_day_exactly_the_versions_the_dates_give_are_in_force(
        chains in prop::collection::vec(prop::collection::vec(version_strategy(), 1..4), 1..4),
        today in 0u16..1800,
    ) {
        let council = chains_council(&chains);
        let today = day(today);
        let in_force: Vec<String> = identity::in_force_on(&council, Some(today))
            .iter()
            .map(|d| d.id.clone())
            .collect();
        // The reading of the dates: in each chain, the newest version
        // adopted, not awaiting an event, whose day has come.
        let mut expected = Vec::new();
        for (c, chain) in chains.iter().enumerate() {
            let from = |v: &Version| -> Option<Date> {
                let (adopted, effective, awaiting) = (*v)?;
                if awaiting && effective.is_none() {
                    return None;
                }
                Some(day(adopted + effective.unwrap_or(0)))
            };
            if let Some(v) = (0..chain.len()).rev().find(|&v| from(&chain[v]).is_some_and(|d| d <= today)) {
                expected.push(format!("d{c}-v{v}"));
            }
        }
        expected.sort();
        let mut found = in_force.clone();
        found.sort();
        prop_assert_eq!(found, expected);
        for document in &council.documents {
            if clerk::model::awaits_commencement(document) {
                prop_assert_eq!(
                    standing_on(&council, document, Some(today)),
                    Standing::AwaitingCommencement
                );
                prop_assert!(!in_force.contains(&document.id));
            }
        }
    }
}
