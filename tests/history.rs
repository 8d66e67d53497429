//! Every clause knows its history, on a council written for this test:
//! standing orders in three editions (an amendment, an insertion, a post
//! renamed mid-phrase and a deletion in the second; sections swapped, so
//! clauses renumber and move, in the third). Each changed clause carries a
//! note naming the edition, its date, who approved it and links; no
//! unchanged clause has one; the first version has none; and every
//! address of the earlier versions still finds its clause, or says it was
//! deleted.

mod common;

use std::path::Path;

use common::stderr;

/// The council (`tests/fixtures/history`) in a temporary project, built.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history");
    for (path, bytes) in common::tree(&fixture) {
        let to = dir.path().join("protocols").join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let built = clerk_in_dated(dir.path());
    assert!(built.status.success(), "{}", stderr(&built));
    dir
}

/// A build as at 1 December 2026, whatever today is.
fn clerk_in_dated(dir: &Path) -> std::process::Output {
    common::clerk_in_env(
        dir,
        &["build", "--format", "html"],
        &[("SOURCE_DATE_EPOCH", "1796083200")],
    )
}

fn page(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("output/wexcombe").join(name)).unwrap()
}

/// The HTML of the clause with `id`: from its element to the next clause.
fn clause<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<div class=\"clause\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no clause {id}"));
    let rest = &html[start + 1..];
    let end = rest
        .find("<div class=\"clause\"")
        .map_or(rest.len(), |e| e + 1);
    &html[start..start + end]
}

fn notes(html: &str, id: &str) -> Vec<String> {
    clause(html, id)
        .split("<p class=\"clause-note\"")
        .skip(1)
        .map(|note| note[..note.find("</p>").unwrap()].to_string())
        .collect()
}

const V2_NOTE: &str = "by version 2, in force from 1 May 2024 (Council, 20 April 2024). <a href=\"standing-orders-2024-changes.html#u-";

#[test]
fn each_changed_clause_names_the_edition_that_changed_it_and_no_other_clause_has_a_note() {
    let dir = project();
    let current = page(dir.path(), "standing-orders-2026.html");
    // The second edition: amended, inserted, a post renamed mid-phrase.
    let one_one = notes(&current, "c-1-1");
    assert_eq!(one_one.len(), 1, "{one_one:?}");
    assert!(
        one_one[0].contains("Amended ") && format!("{}</p>", one_one[0]).contains(V2_NOTE),
        "{one_one:?}"
    );
    let one_three = notes(&current, "c-1-3");
    assert_eq!(one_three.len(), 1, "{one_three:?}");
    assert!(
        one_three[0].contains("Inserted by version 2"),
        "{one_three:?}"
    );
    // Unchanged in both editions: no note.
    assert!(notes(&current, "c-1-2").is_empty());
    // The third edition moved the sections: its note, with the report,
    // newest first; the notice of motion also keeps the second's amendment.
    let v3_note = "by version 3, in force from 1 May 2026 (Council, 20 April 2026). <a href=\"standing-orders-2026-changes.html#u-";
    let voting = notes(&current, "c-2-1");
    assert_eq!(voting.len(), 1, "{voting:?}");
    assert!(
        (voting[0].contains("Renumbered from 3.1") || voting[0].contains("Moved from 3.1"))
            && voting[0].contains(v3_note),
        "{voting:?}"
    );
    let notice = notes(&current, "c-3-1");
    assert_eq!(notice.len(), 2, "{notice:?}");
    assert!(
        notice[0].contains("from 2.1") && notice[0].contains(v3_note),
        "{notice:?}"
    );
    assert!(
        notice[1].contains("Amended ") && format!("{}</p>", notice[1]).contains(V2_NOTE),
        "{notice:?}"
    );
    // Each note links the clause's own change, the clause as it was, all
    // the tracked changes and the report.
    assert!(
        notice[0].contains("<a href=\"standing-orders-2024.html#c-2-1\">as it was</a>")
            && notice[0]
                .contains("<a href=\"standing-orders-2026-changes.html\">all tracked changes</a>")
            && notice[0].contains("<a href=\"2026-03-10-standing-orders.html\">the report</a>"),
        "{notice:?}"
    );
    let unit = notice[0]
        .split("standing-orders-2026-changes.html#")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    let changes = page(dir.path(), "standing-orders-2026-changes.html");
    let at = changes
        .find(&format!("id=\"{unit}\""))
        .unwrap_or_else(|| panic!("no {unit} on the tracked changes"));
    assert!(
        changes[at..]
            .split("</section>")
            .next()
            .unwrap()
            .contains("Notice of a motion"),
        "{unit}"
    );
    let seconded = notes(&current, "c-3-2");
    assert_eq!(seconded.len(), 1, "{seconded:?}");
    assert!(seconded[0].contains("from 2.2"), "{seconded:?}");

    // The first version has no history; the second shows only its own.
    let first = page(dir.path(), "standing-orders-2022.html");
    assert!(!first.contains("class=\"clause-note\""));
    let second = page(dir.path(), "standing-orders-2024.html");
    assert_eq!(notes(&second, "c-2-1").len(), 1);
    assert!(notes(&second, "c-1-2").is_empty());
    // The whole constitution carries the same notes.
    let whole = page(dir.path(), "constitution.html");
    assert_eq!(notes(&whole, "standing-orders-2026--c-3-1"), notice);
}

#[test]
fn every_address_of_the_earlier_versions_finds_its_clause_or_its_deletion() {
    let dir = project();
    let whole = page(dir.path(), "constitution.html");
    let ids = |html: &str| -> Vec<String> {
        html.split("<div class=\"clause\" id=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    // Where each clause of versions 1 and 2 is in version 3, by its words.
    let expected = [
        ("standing-orders-2022", "c-1-1", Some("c-1-1")),
        ("standing-orders-2022", "c-1-2", Some("c-1-2")),
        ("standing-orders-2022", "c-2-1", Some("c-3-1")),
        ("standing-orders-2022", "c-2-2", Some("c-3-2")),
        ("standing-orders-2022", "c-2-3", None),
        ("standing-orders-2022", "c-3-1", Some("c-2-1")),
        ("standing-orders-2024", "c-1-1", Some("c-1-1")),
        ("standing-orders-2024", "c-1-2", Some("c-1-2")),
        ("standing-orders-2024", "c-1-3", Some("c-1-3")),
        ("standing-orders-2024", "c-2-1", Some("c-3-1")),
        ("standing-orders-2024", "c-2-2", Some("c-3-2")),
        ("standing-orders-2024", "c-3-1", Some("c-2-1")),
    ];
    for version in ["standing-orders-2022", "standing-orders-2024"] {
        let old = page(dir.path(), &format!("{version}.html"));
        for id in ids(&old) {
            assert!(
                expected.iter().any(|(v, a, _)| *v == version && *a == id),
                "{version}#{id} is not in the test's table"
            );
        }
    }
    for (version, anchor, now) in expected {
        let id = format!("{version}--{anchor}");
        // A clause that kept its number: its old address is an anchor at
        // the clause itself.
        if now == Some(anchor) {
            let here = clause(&whole, &format!("standing-orders-2026--{anchor}"));
            assert!(
                here.contains(&format!("<span id=\"{id}\"></span>")),
                "{id}: {here}"
            );
            assert_eq!(whole.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
            continue;
        }
        let start = whole
            .find(&format!("id=\"{id}\" class=\"notice former-address\""))
            .unwrap_or_else(|| panic!("constitution.html does not answer #{id}"));
        let notice = &whole[start..start + whole[start..].find("</p>").unwrap()];
        match now {
            Some(target) => {
                assert!(
                    notice.contains(&format!("href=\"#standing-orders-2026--{target}\"")),
                    "{id}: {notice}"
                );
                let label = target.trim_start_matches("c-").replace('-', ".");
                assert!(
                    notice.contains(&format!("is clause {label} of version 3, in force from 1 May 2026")),
                    "{id}: {notice}"
                );
                assert!(whole.contains(&format!("id=\"standing-orders-2026--{target}\"")));
            }
            None => assert!(
                notice.contains("Clause 2.3 of version 1 of Council Procedure Rules was deleted by version 2, in force from 1 May 2024."),
                "{id}: {notice}"
            ),
        }
    }
    // On the version's own page, the old numbers it no longer has are
    // answered too (2.2 and 2.3 of version 1), and the
    // numbers it reuses are its own clauses, once each.
    let current = page(dir.path(), "standing-orders-2026.html");
    for (anchor, says) in [
        ("c-2-2", "is clause 3.2 of version 3"),
        ("c-2-3", "was deleted by version 2"),
    ] {
        let start = current
            .find(&format!("id=\"{anchor}\" class=\"notice former-address\""))
            .unwrap_or_else(|| panic!("the page does not answer #{anchor}"));
        assert!(
            current[start..]
                .split("</p>")
                .next()
                .unwrap()
                .contains(says)
        );
    }
    for id in ids(&current) {
        assert_eq!(current.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
}

#[test]
fn a_page_is_made_again_when_an_earlier_version_changes() {
    let dir = project();
    let before = page(dir.path(), "standing-orders-2026.html");
    assert_eq!(notes(&before, "c-1-1").len(), 1);
    // Version 2 said "eight" all along: version 3, which says "seven",
    // now amends 1.1 too. Only version 2's source changed.
    let path = dir
        .path()
        .join("protocols/wexcombe/standing-orders-2024.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("seven times", "eight times")).unwrap();
    let built = clerk_in_dated(dir.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let after = page(dir.path(), "standing-orders-2026.html");
    let one_one = notes(&after, "c-1-1");
    assert_eq!(one_one.len(), 2, "{one_one:?}");
    assert!(one_one[0].contains("Amended by version 3"), "{one_one:?}");
}

#[test]
fn the_pdf_sets_each_note_under_its_clause_tagged_as_a_note() {
    let dir = project();
    let built = common::clerk_in_env(
        dir.path(),
        &["build", "--format", "pdf"],
        &[("SOURCE_DATE_EPOCH", "1796083200")],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let pdf = dir.path().join("output/wexcombe/standing-orders-2026.pdf");
    let Ok(tagged) = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&pdf)
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils"
        );
        return;
    };
    let tagged = String::from_utf8_lossy(&tagged.stdout);
    // Each changed clause's notes are one Note element, with the
    // identifier PDF/UA asks for, in reading order after the clause: 1.1,
    // 1.3, 2.1, 3.1 (two notes, newest first) and 3.2.
    assert_eq!(tagged.matches("Note <note-").count(), 5, "{tagged}");
    let motion = tagged.find("Notice of a motion").expect("clause 3.1");
    let after = &tagged[motion..];
    let renumbered = after.find("History: Renumbered from 2.1 by version 3, in force from 1 May 2026 (Council, 20 April 2026).").expect("3.1's newest note");
    let amended = after
        .find("History: Amended by version 2, in force from 1 May 2024 (Council, 20 April 2024).")
        .expect("3.1's older note");
    assert!(renumbered < amended);
    // The first version's PDF has none.
    let first = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(dir.path().join("output/wexcombe/standing-orders-2022.pdf"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&first.stdout).contains("Note <"));
}

/// The fixture's council, loaded.
fn wexcombe() -> clerk::model::Council {
    use clerk::source::load::{Target, load};
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/wexcombe");
    load(&Target::Council(folder)).unwrap().councils.remove(0)
}

#[test]
fn the_changes_between_two_days_are_the_two_revisions_composed() {
    use clerk::diff::between::between;
    use clerk::diff::sets::ChangeSets;
    use clerk::diff::{Change, ChangeSet, DiffOptions, diff};
    use clerk::model::Date;
    use std::collections::HashMap;
    let council = wexcombe();
    let [first, middle, last] =
        [(2023, 1, 1), (2025, 1, 1), (2026, 6, 1)].map(|(y, m, d)| Date::new(y, m, d).unwrap());
    let options = DiffOptions::default();
    let known = ChangeSets::default();
    let (ab, bc, ac) = (
        between(&council, first, middle, &known, &options),
        between(&council, middle, last, &known, &options),
        between(&council, first, last, &known, &options),
    );
    // Each unit's counterpart before it, by position, and what happened to it.
    let back = |changes: &ChangeSet| -> HashMap<usize, (Change, Option<usize>)> {
        changes
            .units
            .iter()
            .flat_map(|u| {
                u.new
                    .iter()
                    .map(move |n| (n.position, (u.change, u.old.first().map(|o| o.position))))
            })
            .collect()
    };
    let (ab_back, bc_back, ac_back) = (back(&ab), back(&bc), back(&ac));
    // Every unit of either day is in the composed changes once.
    let mut olds: Vec<usize> = ac
        .units
        .iter()
        .flat_map(|u| u.old.iter().map(|o| o.position))
        .collect();
    let mut news: Vec<usize> = ac
        .units
        .iter()
        .flat_map(|u| u.new.iter().map(|n| n.position))
        .collect();
    olds.sort();
    news.sort();
    assert_eq!(olds, (0..olds.len()).collect::<Vec<_>>());
    assert_eq!(news, (0..news.len()).collect::<Vec<_>>());
    assert_eq!(news.len(), bc_back.len());
    for (position, (change, from)) in &ac_back {
        let (bc_change, in_middle) = bc_back[position];
        let (ab_change, in_first) = match in_middle {
            Some(middle) => ab_back[&middle],
            None => (Change::Inserted, None),
        };
        // Traced through the middle day, the unit came from the same place...
        let traced = match (bc_change, ab_change) {
            (Change::Inserted, _) | (_, Change::Inserted) => None,
            _ => in_first,
        };
        assert_eq!(*from, traced, "unit {position} of the last day");
        // ...and is unchanged only if neither revision changed it.
        let untouched = bc_change == Change::Unchanged && ab_change == Change::Unchanged;
        assert_eq!(
            *change == Change::Unchanged,
            untouched,
            "unit {position}: {change:?}, {ab_change:?} then {bc_change:?}"
        );
    }
    // Accepting every change gives the last day's text, under the
    // section's heading.
    let now = council.document("standing-orders-2026").unwrap();
    let mut expected = vec!["Council Procedure Rules".to_string()];
    expected.extend(diff(now, now, &options).accept_all());
    assert_eq!(ac.accept_all(), expected);
    // The site's own change sets give the same.
    let revisions: Vec<_> = ["standing-orders-2024", "standing-orders-2026"]
        .iter()
        .map(|id| council.document(id).unwrap())
        .collect();
    let sets = ChangeSets::compute(&[
        (
            council.document("standing-orders-2022").unwrap(),
            revisions[0],
        ),
        (revisions[0], revisions[1]),
    ]);
    let reused = between(&council, middle, last, &sets, &options);
    assert_eq!(
        clerk::render::text::json(&reused),
        clerk::render::text::json(&bc)
    );
}

#[test]
fn clerk_diff_between_two_days_speaks_every_format() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/wexcombe");
    for format in ["text", "json", "markdown", "html", "pdf", "docx"] {
        let out = tempfile::NamedTempFile::new().unwrap();
        let run = common::clerk(&[
            "diff",
            folder.to_str().unwrap(),
            "--as-at",
            "2023-01-01",
            "--as-at",
            "2026-06-01",
            "--format",
            format,
            "-o",
            out.path().to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(run.status.code(), Some(1), "{format}: {}", stderr(&run));
        let bytes = std::fs::read(out.path()).unwrap();
        assert!(bytes.len() > 500, "{format}");
        if matches!(format, "text" | "json" | "markdown" | "html") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("Head of"), "{format}: {text}");
            assert!(text.contains("Deputy Mayor"), "{format}");
        }
    }
    // Two days of one edition: nothing changed.
    let same = common::clerk(&[
        "diff",
        folder.to_str().unwrap(),
        "--as-at",
        "2025-01-01",
        "--as-at",
        "2025-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "nothing came into force between the two days"
    );
    let one = common::clerk(&["diff", folder.to_str().unwrap(), "--as-at", "2025-01-01"]);
    assert_eq!(one.status.code(), Some(2), "{}", stderr(&one));
    assert!(stderr(&one).contains("two days"), "{}", stderr(&one));
}

#[test]
fn the_editions_page_links_the_changes_between_consecutive_editions() {
    let dir = project();
    let editions = page(dir.path(), "editions.html");
    for (file, shows, not) in [
        ("as-at-2026-05-01-changes.html", "Motions", "Deputy Mayor"),
        ("as-at-2024-05-01-changes.html", "Deputy Mayor", "swapped"),
    ] {
        assert!(editions.contains(&format!("href=\"{file}\"")), "{editions}");
        let changes = page(dir.path(), file);
        assert!(changes.contains(shows), "{file}");
        assert!(
            !changes.contains(&format!(
                "<ins class=\"substantive\"><span class=\"cue\">[inserted: </span>{not}"
            )),
            "{file}"
        );
    }
    // The first edition has no edition before it.
    assert!(
        !dir.path()
            .join("output/wexcombe/as-at-2022-05-01-changes.html")
            .exists()
    );
    assert_eq!(editions.matches("-changes.html\"").count(), 2, "{editions}");
}
