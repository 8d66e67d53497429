//! Documents adopted from a model: the schedule of variations of each
//! adopting council, on a model and two councils written for these tests.

mod common;

use std::path::PathBuf;

use clerk::diff::variations::{Schedule, Variation, schedule};
use clerk::model::Council;
use clerk::model::adoption::{model_of, newer_model};
use clerk::source::load::{Target, load};

fn councils() -> Vec<Council> {
    let project = load(&Target::Protocols(PathBuf::from("tests/fixtures/models"))).unwrap();
    assert!(project.diagnostics.iter().all(|d| !d.is_error()));
    project.councils
}

fn schedule_of(councils: &[Council], council: &str) -> Schedule {
    let council = councils.iter().find(|c| c.id == council).unwrap();
    let document = &council.documents[0];
    let (_, model) = model_of(councils, council, document).expect("the model is found");
    assert_eq!(model.id, "model-code-2020");
    schedule(model, document)
}

/// Each provision of the schedule as (model number, number, variation).
fn lines(schedule: &Schedule) -> Vec<(Option<&str>, Option<&str>, Variation)> {
    schedule
        .provisions
        .iter()
        .map(|p| (p.model_number.as_deref(), p.number.as_deref(), p.variation))
        .collect()
}

/// The model's numbered provisions: its headings and clauses.
const MODEL: [&str; 12] = [
    "1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "4", "4.1", "4.2", "4.3",
];

#[test]
fn every_model_provision_is_listed_once_with_what_the_council_did() {
    let councils = councils();
    for council in ["ashworth", "brinkley"] {
        let schedule = schedule_of(&councils, council);
        let mut numbers: Vec<&str> = schedule
            .provisions
            .iter()
            .filter_map(|p| p.model_number.as_deref())
            .collect();
        numbers.sort();
        numbers.dedup();
        let listed = schedule
            .provisions
            .iter()
            .filter(|p| p.model_number.is_some())
            .count();
        assert_eq!(listed, numbers.len(), "{council}: a provision listed twice");
        for number in MODEL {
            assert!(
                numbers.contains(&number),
                "{council}: {number} is not listed"
            );
        }
    }
}

#[test]
fn a_council_that_took_the_model_has_its_blanks_filled_and_an_option_chosen() {
    let councils = councils();
    let schedule = schedule_of(&councils, "ashworth");
    let numbered: Vec<_> = lines(&schedule)
        .into_iter()
        .filter(|(model, _, _)| model.is_some())
        .collect();
    use Variation::*;
    // Headings are provisions too.
    assert_eq!(
        numbered,
        [
            (Some("1"), Some("1"), AsTheModel),
            (Some("1.1"), Some("1.1"), AsTheModel),
            (Some("1.2"), Some("1.2"), BlankFilled),
            (Some("2"), Some("2"), AsTheModel),
            (Some("2.1"), Some("2.1"), AsTheModel),
            (Some("2.2"), Some("2.2"), AsTheModel),
            (Some("3"), Some("3"), AsTheModel),
            (Some("3.1"), Some("3.1"), BlankFilled),
            (Some("4"), Some("4"), AsTheModel),
            (Some("4.1"), Some("4.1"), OptionChosen),
            (Some("4.2"), None, OptionNotTaken),
            (Some("4.3"), Some("4.2"), AsTheModel),
        ]
    );
    assert_eq!(schedule.statutory_breaches().count(), 0);
}

#[test]
fn a_council_that_varied_the_model_has_each_variation_named() {
    let councils = councils();
    let schedule = schedule_of(&councils, "brinkley");
    let of = |number: &str| {
        schedule
            .provisions
            .iter()
            .find(|p| p.model_number.as_deref() == Some(number))
            .unwrap_or_else(|| panic!("{number} is not listed"))
    };
    use Variation::*;
    // A blank left unfilled beside one filled is a variation, not a fill.
    assert_eq!(of("1.2").variation, Varied);
    assert_eq!(of("2.1").variation, Varied);
    assert!(of("2.1").statutory);
    assert_eq!(of("2.2").variation, Omitted);
    assert_eq!(of("3.1").variation, BlankFilled);
    assert_eq!(of("4.1").variation, OptionNotTaken);
    assert_eq!(of("4.2").variation, OptionChosen);
    assert_eq!(of("4.2").number.as_deref(), Some("4.1"));
    let added: Vec<_> = schedule
        .provisions
        .iter()
        .filter(|p| p.variation == AddedLocally)
        .filter_map(|p| p.number.as_deref())
        .collect();
    assert_eq!(added, ["3.2"]);
    let breaches: Vec<_> = schedule
        .statutory_breaches()
        .filter_map(|p| p.model_number.as_deref())
        .collect();
    assert_eq!(breaches, ["2.1"]);
}

#[test]
fn a_newer_release_of_the_model_is_found() {
    let councils = councils();
    let models = councils.iter().find(|c| c.id == "models").unwrap();
    let old = models.document("model-code-2020").unwrap();
    assert_eq!(
        newer_model(models, old).map(|d| d.id.as_str()),
        Some("model-code-2025")
    );
    let new = models.document("model-code-2025").unwrap();
    assert!(newer_model(models, new).is_none());
}

#[test]
fn check_names_a_varied_statutory_provision_an_unfilled_blank_and_a_newer_model() {
    let output = common::clerk(&["check", "tests/fixtures/models"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // Brinkley varies 2.1, which the model marks statutory, at its number.
    assert!(
        stderr
            .contains("error[statutory-provision]: this document varies the model's provision 2.1")
            && stderr.contains("brinkley/code-of-conduct-2021.md:18:1"),
        "{stderr}"
    );
    // Brinkley left the number of members blank.
    assert!(
        stderr.contains("error[unfilled-blank]")
            && stderr.contains("brinkley/code-of-conduct-2021.md:14:1"),
        "{stderr}"
    );
    // Both name the 2020 release, and the 2025 release is out: at the value.
    assert_eq!(stderr.matches("note[newer-model]").count(), 2, "{stderr}");
    assert!(
        stderr.contains("ashworth/code-of-conduct-2021.md:7:9"),
        "{stderr}"
    );
    // Ashworth took the model as it is: nothing else is said of it.
    assert!(
        !stderr.contains("ashworth/code-of-conduct-2021.md:1"),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn a_model_no_folder_holds_is_an_error_at_its_name() {
    let work = tempfile::tempdir().unwrap();
    let council = common::small_council(work.path(), "");
    let front = "version = \"1\"\nstatus = \"adopted\"\nmodel = \"models/no-such-code\"\n";
    let body = "\n# 1. Scope\n\n1.1 This Code applies to members.\n";
    std::fs::write(council.join("code.md"), common::small_source(front, body)).unwrap();
    let output = common::clerk_in(work.path(), &["check"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[model]: `model` names `models/no-such-code`"),
        "{stderr}"
    );
    assert!(stderr.contains("code.md:6:9"), "{stderr}");
}

#[test]
fn clerk_variations_prints_the_schedule_as_text_and_json() {
    let file = "tests/fixtures/models/brinkley/code-of-conduct-2021.md";
    let output = common::clerk(&["variations", file]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    for line in [
        "2.1      2.1      varied (statutory)",
        "2.2      -        omitted",
        "3.1      3.1      blank filled",
        "-        3.2      added locally",
        "4.1      -        option not taken",
        "4.2      4.1      option chosen",
        "         here:  A member must register a disclosable pecuniary interest within 14 days of taking office.",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    let output = common::clerk(&["variations", file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["model"], "model-code-2020");
    assert_eq!(json["document"], "code-of-conduct-2021");
    let provisions = json["provisions"].as_array().unwrap();
    // Every model provision once, and the one added locally.
    assert_eq!(provisions.len(), 13);
    assert!(
        json["changes"]["units"]
            .as_array()
            .is_some_and(|u| !u.is_empty())
    );
    // A document with no model is told so, and how to name one.
    let output = common::clerk(&[
        "variations",
        "tests/fixtures/models/models/model-code-2025.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("names no model"));
}
