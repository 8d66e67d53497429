//! `clerk build` takes councils one at a time (several at once on other
//! threads) and lets each go once its pages are written: the site it
//! publishes must be the very bytes of a build that holds every council at
//! once, and an error in any council must stop the whole build.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use clerk::commands::build::source_digests;
use clerk::render::html::templates;
use clerk::render::pdf::PdfOptions;
use clerk::site::plan::Formats;
use clerk::site::{BuildOptions, build};
use clerk::source::load::{Target, load};
use clerk::source::templates::load_overrides;

/// 2024-06-01, for the build's day and the PDFs' date.
const EPOCH: &str = "1717200000";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn source(council: &str, front: &str, body: &str) -> String {
    format!("+++\ncouncil = \"{council}\"\ntitle = \"Procedure Rules\"\n{front}+++\n{body}")
}

/// Four councils of the shapes real constitutions have: a folder of model
/// releases and a parish that adopted one with variations and a report
/// (copied from the upgrade fixture); a borough with a revision, rules
/// three levels deep, a clause of several paragraphs, a table of
/// thresholds and templates of its own; and a town with a definitions
/// section.
fn project(root: &Path) -> std::path::PathBuf {
    let protocols = root.join("protocols");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade");
    for council in ["models", "marsden"] {
        for entry in walk(&fixture.join(council)) {
            let relative = entry.strip_prefix(&fixture).unwrap();
            write(
                &protocols.join(relative),
                &std::fs::read_to_string(&entry).unwrap(),
            );
        }
    }
    let borough = protocols.join("ashby-borough");
    write(
        &borough.join("council.toml"),
        "name = \"Ashby Borough Council\"\nshort_name = \"Ashby\"\n",
    );
    let rules = "# 1. Scope\n\n1.1 These rules govern meetings.\n\n1.2 The Mayor presides.\n\nWhere the Mayor is absent, the Deputy Mayor presides.\n\nWhere both are absent, the meeting elects a chair.\n\n# 2. Thresholds\n\n2.1 Officers may spend up to the amounts below.\n\n| Post | Limit |\n|---|---|\n| Chief Executive | £500,000 |\n| Director | £100,000 |\n\n2.2 Contracts\n\n2.2.1 A contract above the limit goes to Cabinet.\n\n2.2.2 A contract below it is recorded.\n";
    write(
        &borough.join("procedure-rules-2022.md"),
        &source(
            "ashby-borough",
            "version = \"1\"\nstatus = \"adopted\"\neffective = 2022-05-01\n",
            rules,
        ),
    );
    write(
        &borough.join("procedure-rules-2024.md"),
        &source(
            "ashby-borough",
            "version = \"2\"\nstatus = \"adopted\"\neffective = 2024-05-01\nsupersedes = \"procedure-rules-2022\"\n\n[reasons]\n\"2.1\" = \"The Director's limit is raised.\"\n",
            &rules.replace("£100,000", "£150,000"),
        ),
    );
    write(
        &borough.join("templates/changes.html"),
        "<p>Ashby's changes: {{ changes.summary }}</p>\n",
    );
    let town = protocols.join("brigg-town");
    write(
        &town.join("council.toml"),
        "name = \"Brigg Town Council\"\nshort_name = \"Brigg\"\n",
    );
    write(
        &town.join("procedure-rules-2023.md"),
        &source(
            "brigg-town",
            "version = \"1\"\nstatus = \"adopted\"\neffective = 2023-01-01\n",
            "# 1. Definitions\n\n1.1 In these rules, \"the Clerk\" means the Town Clerk.\n\n# 2. Meetings\n\n2.1 The Clerk summons every meeting.\n",
        ),
    );
    protocols
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_build_one_council_at_a_time_is_the_build_that_holds_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let protocols = project(dir.path());
    let env = [
        ("SOURCE_DATE_EPOCH", EPOCH),
        ("CLERK_BUILD_VERSION", "test"),
    ];
    let output = common::clerk_in_env(
        dir.path(),
        &["build", "--protocols", "protocols", "--out", "sharded"],
        &env,
    );
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(
        common::stderr(&output).contains("built 4 councils"),
        "{}",
        common::stderr(&output)
    );

    // The same sources held at once, built in this process.
    let project = load(&Target::Protocols(protocols.clone())).unwrap();
    let mut councils = project.councils;
    let day = clerk::model::Date::from_iso("2024-06-01").unwrap();
    for council in &mut councils {
        council.as_at = Some(day);
    }
    let ids: Vec<&str> = councils.iter().map(|c| c.id.as_str()).collect();
    let overrides = load_overrides(&protocols, &ids, &templates::names()).unwrap();
    let mut sources = BTreeMap::new();
    for council in &councils {
        let files: Vec<_> = project
            .files
            .iter()
            .filter(|f| f.path.starts_with(protocols.join(&council.id)))
            .cloned()
            .collect();
        sources.extend(source_digests(&council.id, &files, &protocols, &overrides));
    }
    let options = BuildOptions {
        formats: Formats::PUBLISHED,
        only_council: None,
        fresh: false,
        force: false,
        pdf: PdfOptions {
            date: Some("2024-06-01".to_string()),
            ..PdfOptions::default()
        },
        version: "test".to_string(),
        sources,
    };
    let whole = dir.path().join("whole");
    build(&councils, &overrides, HashMap::new(), &whole, &options).unwrap();

    let sharded = common::tree(&dir.path().join("sharded"));
    let held = common::tree(&whole);
    assert_eq!(
        sharded.keys().collect::<Vec<_>>(),
        held.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &sharded {
        assert!(
            held[path] == *bytes,
            "{} differs between the two builds",
            path.display()
        );
    }
    // Every council is there, each with its own pages, and the verification
    // manifest vouches for each council's sources.
    for id in ["ashby-borough", "brigg-town", "marsden", "models"] {
        assert!(
            sharded.contains_key(&Path::new(id).join("index.html")),
            "{id}"
        );
    }
    let manifest = String::from_utf8(sharded[Path::new("manifest.json")].clone()).unwrap();
    assert!(manifest.contains("\"ashby-borough/templates/changes.html\""));
    assert!(manifest.contains("\"marsden/reports/standing-orders-report.md\""));
    let changes = String::from_utf8(
        sharded[Path::new("ashby-borough/procedure-rules-2024-changes.html")].clone(),
    )
    .unwrap();
    assert!(changes.contains("Ashby's changes"), "{changes}");
}

/// An error in the last council stops the build after the councils before
/// it were checked (and may have been rendered): nothing is published and
/// the previous site stays as it was.
#[test]
fn an_error_in_any_council_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let protocols = project(dir.path());
    let env = [("SOURCE_DATE_EPOCH", EPOCH)];
    let first = common::clerk_in_env(
        dir.path(),
        &["build", "--protocols", "protocols", "--out", "site"],
        &env,
    );
    assert_eq!(first.status.code(), Some(0), "{}", common::stderr(&first));
    let before = common::tree(&dir.path().join("site"));

    // A council sorting last, with a document whose front matter is broken,
    // and a change to the first council that would otherwise be published.
    let last = protocols.join("zeal-parish");
    write(
        &last.join("council.toml"),
        "name = \"Zeal Parish Council\"\nshort_name = \"Zeal\"\n",
    );
    write(
        &last.join("standing-orders-2024.md"),
        "+++\ncouncil = \"zeal-parish\"\ntitle = \"Standing Orders\"\nversion = \"1\"\nstatus = \"adoptd\"\n+++\n# 1. Meetings\n\n1.1 The Council meets monthly.\n",
    );
    let town = protocols.join("brigg-town/procedure-rules-2023.md");
    let text = std::fs::read_to_string(&town).unwrap();
    write(&town, &text.replace("every meeting", "each meeting"));

    let second = common::clerk_in_env(
        dir.path(),
        &["build", "--protocols", "protocols", "--out", "site"],
        &env,
    );
    let err = common::stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains("zeal-parish/standing-orders-2024.md:5:"),
        "{err}"
    );
    assert!(
        err.contains("checked 8 documents in 5 councils: 1 error"),
        "{err}"
    );
    assert!(err.contains("build stopped"), "{err}");
    assert_eq!(common::tree(&dir.path().join("site")), before);
    // Nothing is left beside the site either.
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}
