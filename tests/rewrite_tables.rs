//! Tables of destinations and origins on a rewrite: Bury's protocol
//! rewritten by a generator that knows the truth (a new first section so
//! every unit is renumbered; clauses moved across sections, split, merged,
//! reworded and omitted; new drafting added), and on Bury's own revision.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use clerk::diff::units::{UnitKind, units};
use clerk::diff::{Change, DiffOptions, diff};
use clerk::model::Document;
use clerk::source::parse_document;

/// A small deterministic generator (no test depends on a seed it cannot
/// print).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

struct Clause {
    origin: Vec<String>,
    text: String,
}

struct Rewrite {
    old: Document,
    new: Document,
    /// Each old unit's new units, and each new unit's old ones, by number.
    destinations: BTreeMap<String, BTreeSet<String>>,
    origins: BTreeMap<String, BTreeSet<String>>,
}

fn parsed(id: &str, body: &str) -> Document {
    let source = format!(
        "+++\ncouncil = \"t\"\ntitle = \"Protocol\"\nversion = \"{id}\"\nstatus = \"adopted\"\n+++\n{body}"
    );
    parse_document(id, &source).unwrap().document
}

/// Bury's 2020 protocol as sections of single-paragraph clauses, rewritten.
fn rewrite(seed: u64) -> Rewrite {
    rewrite_of(seed, 1)
}

/// The same, its sections `copies` times over (each copy's words marked
/// apart), for a rewrite of a whole Part.
fn rewrite_of(seed: u64, copies: usize) -> Rewrite {
    let source =
        std::fs::read_to_string("protocols/bury/member-officer-relations-2020.md").unwrap();
    let bury = parse_document("bury", &source).unwrap().document;
    let simple = |t: &str| !t.contains(['\n', '*', '_', '[', ']', '`', '<', '>', '#', '|']);
    // Sections and their clauses, numbered afresh in order: "old" as it stands.
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for unit in units(&bury) {
        match unit.kind {
            UnitKind::Heading if simple(&unit.text) => sections.push((unit.text, Vec::new())),
            UnitKind::Clause if simple(&unit.text) && !sections.is_empty() => {
                sections.last_mut().unwrap().1.push(unit.text)
            }
            _ => {}
        }
    }
    sections.retain(|(_, clauses)| clauses.len() >= 2);
    // Each copy's every third word marked as its own ("councilqb"), so the
    // copies read as different Parts on the same subjects.
    let marked = |text: &str, copy: usize| -> String {
        let mark = format!("q{}", char::from(b'a' + (copy % 26) as u8));
        text.split(' ')
            .enumerate()
            .map(|(p, w)| match (p + copy).is_multiple_of(3) {
                true => format!("{w}{mark}"),
                false => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let sections: Vec<(String, Vec<String>)> = (0..copies)
        .flat_map(|copy| {
            sections.iter().map(move |(title, clauses)| match copy {
                0 => (title.clone(), clauses.clone()),
                _ => (
                    format!("{title} (part {copy})"),
                    clauses.iter().map(|c| marked(c, copy)).collect(),
                ),
            })
        })
        .collect();
    let mut old_body = String::new();
    for (s, (title, clauses)) in sections.iter().enumerate() {
        old_body.push_str(&format!("\n# {}. {title}\n", s + 1));
        for (c, text) in clauses.iter().enumerate() {
            old_body.push_str(&format!("\n{}.{} {text}\n", s + 1, c + 1));
        }
    }
    let mut rng = Lcg(seed);
    let mut titles = Lcg(seed ^ 0x5eed);
    let drafting = [
        "Officers keep a written record of every meeting with a member at which advice is given.",
        "A member who is unsure of an officer's role asks the Monitoring Officer before acting.",
        "The Council reviews how well this protocol works each year and reports the findings.",
        "Training on this protocol is offered to every new member within three months of election.",
        "Officers tell their director of any approach from a member that they think improper.",
        "Members do not ask officers to act outside the scope of their delegated authority.",
    ];
    let words = [
        "promptly", "Council", "always", "written", "Cabinet", "fairly",
    ];
    // The rewrite: each section's new clauses, and clauses waiting to move.
    let mut new_sections: Vec<(String, Option<String>, Vec<Clause>)> = vec![(
        "Introduction".to_string(),
        None,
        vec![Clause {
            origin: Vec::new(),
            text: "This protocol is rewritten in plain English and renumbered throughout.".into(),
        }],
    )];
    let mut moving: Vec<Clause> = Vec::new();
    let mut new_drafting = 0;
    for (s, (title, clauses)) in sections.iter().enumerate() {
        let mut kept: Vec<Clause> = Vec::new();
        let mut c = 0;
        while c < clauses.len() {
            let label = format!("{}.{}", s + 1, c + 1);
            let text = &clauses[c];
            let roll = rng.next(100);
            let sentences: Vec<&str> = text.split_inclusive(". ").collect();
            if roll < 5 {
                // omitted
            } else if roll < 10 && sentences.len() >= 2 {
                let half = sentences.len() / 2;
                for part in [&sentences[..half], &sentences[half..]] {
                    kept.push(Clause {
                        origin: vec![label.clone()],
                        text: part.concat().trim().to_string(),
                    });
                }
            } else if roll < 15 && c + 1 < clauses.len() {
                kept.push(Clause {
                    origin: vec![label.clone(), format!("{}.{}", s + 1, c + 2)],
                    text: format!("{text} {}", clauses[c + 1]),
                });
                c += 1;
            } else {
                let mut text = text.clone();
                if rng.next(100) < 20 {
                    let mut w: Vec<String> = text.split(' ').map(str::to_string).collect();
                    for k in (3..w.len()).step_by(9) {
                        w[k] = words[rng.next(words.len())].to_string();
                    }
                    text = w.join(" ");
                }
                let clause = Clause {
                    origin: vec![label.clone()],
                    text,
                };
                match rng.next(100) < 35 {
                    true => moving.push(clause),
                    false => kept.push(clause),
                }
            }
            if rng.next(100) < 10 {
                kept.push(Clause {
                    origin: Vec::new(),
                    text: drafting[new_drafting % drafting.len()].to_string(),
                });
                new_drafting += 1;
            }
            c += 1;
        }
        // A third of the sections retitled, their words all changed.
        let title = match titles.next(100) < 30 {
            true => format!("Retitled matters number {}", s + 1),
            false => title.clone(),
        };
        new_sections.push((title, Some(format!("{}", s + 1)), kept));
    }
    // The moved clauses go to other sections, at random places.
    for clause in moving {
        let from: usize = clause.origin[0].split('.').next().unwrap().parse().unwrap();
        let mut to = 1 + rng.next(new_sections.len() - 1);
        if to == from {
            to = 1 + (to % (new_sections.len() - 1));
        }
        let at = rng.next(new_sections[to].2.len() + 1);
        new_sections[to].2.insert(at, clause);
    }
    let mut new_body = String::new();
    let mut destinations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut origins: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in 1..=sections.len() {
        destinations.insert(s.to_string(), BTreeSet::new());
        for c in 1..=sections[s - 1].1.len() {
            destinations.insert(format!("{s}.{c}"), BTreeSet::new());
        }
    }
    for (s, (title, was, clauses)) in new_sections.iter().enumerate() {
        let number = (s + 1).to_string();
        new_body.push_str(&format!("\n# {number}. {title}\n"));
        let from: BTreeSet<String> = was.iter().cloned().collect();
        for old in &from {
            destinations.get_mut(old).unwrap().insert(number.clone());
        }
        origins.insert(number.clone(), from);
        for (c, clause) in clauses.iter().enumerate() {
            let label = format!("{}.{}", s + 1, c + 1);
            new_body.push_str(&format!("\n{label} {}\n", clause.text));
            for old in &clause.origin {
                destinations.get_mut(old).unwrap().insert(label.clone());
            }
            origins.insert(label, clause.origin.iter().cloned().collect());
        }
    }
    Rewrite {
        old: parsed("old", &old_body),
        new: parsed("new", &new_body),
        destinations,
        origins,
    }
}

/// How many of `truth`'s units the table gives the right counterparts.
fn right(
    table: &[clerk::diff::dispositions::Disposition],
    truth: &BTreeMap<String, BTreeSet<String>>,
) -> (usize, usize) {
    let mut correct = 0;
    for disposition in table {
        let got: BTreeSet<String> = disposition.counterparts.iter().cloned().collect();
        if truth.get(&disposition.unit) == Some(&got) {
            correct += 1;
        }
    }
    (correct, truth.len())
}

#[test]
fn a_rewrite_is_accounted_for_against_the_generators_truth() {
    let mut report = Vec::new();
    // Three rewrites of the protocol, and one of a Part of some 2,000 units.
    for (seed, copies) in [(1, 1), (2, 1), (3, 1), (4, 16)] {
        let rewrite = rewrite_of(seed, copies);
        let changes = diff(&rewrite.old, &rewrite.new, &DiffOptions::default());
        let tables = changes.dispositions();
        // Every unit exactly once on each side.
        let old_units: Vec<&String> = tables.destinations.iter().map(|d| &d.unit).collect();
        let new_units: Vec<&String> = tables.origins.iter().map(|d| &d.unit).collect();
        assert_eq!(
            old_units.iter().collect::<BTreeSet<_>>().len(),
            rewrite.destinations.len(),
            "seed {seed}: every old unit once"
        );
        assert_eq!(
            new_units.iter().collect::<BTreeSet<_>>().len(),
            rewrite.origins.len(),
            "seed {seed}: every new unit once"
        );
        // The rewrite is one: every number changed, and each kind of
        // change made more than once.
        // The new sections are the old ones after a new first one.
        let section = |label: &str| label.split('.').next().unwrap().parse::<usize>().unwrap();
        let clauses = rewrite
            .destinations
            .keys()
            .filter(|k| k.contains('.'))
            .count();
        let moved = rewrite
            .destinations
            .iter()
            .filter(|(old, new)| {
                old.contains('.')
                    && new.len() == 1
                    && new.iter().all(|n| section(n) != section(old) + 1)
            })
            .count();
        let split = rewrite
            .destinations
            .values()
            .filter(|n| n.len() == 2)
            .count();
        let omitted = rewrite
            .destinations
            .values()
            .filter(|n| n.is_empty())
            .count();
        let merged = rewrite.origins.values().filter(|o| o.len() == 2).count();
        let drafted = rewrite.origins.values().filter(|o| o.is_empty()).count();
        assert!(
            moved * 100 >= clauses * 15
                && split >= 2
                && omitted >= 2
                && merged >= 2
                && drafted >= 5,
            "seed {seed}: moved {moved} of {clauses}, split {split}, merged {merged}, omitted {omitted}, new {drafted}"
        );
        // Every section is renumbered (a clause moved may land, by chance,
        // on its old number in the section before its own).
        assert!(
            rewrite
                .destinations
                .iter()
                .filter(|(old, _)| !old.contains('.'))
                .all(|(old, new)| !new.contains(old)),
            "seed {seed}: every section's number changes"
        );
        let (went, of_old) = right(&tables.destinations, &rewrite.destinations);
        let (came, of_new) = right(&tables.origins, &rewrite.origins);
        report.push(format!(
            "seed {seed}: destinations {went}/{of_old}, origins {came}/{of_new} (moved {moved} of {clauses} clauses, split {split}, merged {merged}, omitted {omitted}, new {drafted})"
        ));
        for (found, total, what) in [(went, of_old, "destinations"), (came, of_new, "origins")] {
            assert!(
                found * 100 >= total * 95,
                "seed {seed}: {what} right for {found} of {total}\n{}",
                report.join("\n")
            );
        }
    }
    eprintln!("{}", report.join("\n"));
}

/// On Bury's revision the tables say what the tracked changes say: every
/// insertion is new drafting, every deletion omitted, every move moved.
#[test]
fn on_burys_revision_the_tables_agree_with_the_tracked_changes() {
    let read = |path: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        parse_document("doc", &text).unwrap().document
    };
    let changes = diff(
        &read("protocols/bury/member-officer-relations-2020.md"),
        &read("protocols/bury/member-officer-relations-2023.md"),
        &DiffOptions::default(),
    );
    let tables = changes.dispositions();
    let sides: usize = changes.units.iter().map(|u| u.old.len()).sum();
    assert_eq!(tables.destinations.len(), sides);
    let sides: usize = changes.units.iter().map(|u| u.new.len()).sum();
    assert_eq!(tables.origins.len(), sides);
    for d in &tables.destinations {
        let unit = &changes.units[d.change];
        match unit.change {
            Change::Deleted => assert_eq!(d.disposition, "omitted"),
            Change::Moved => assert!(d.disposition.starts_with("moved to"), "{d:?}"),
            Change::Split => assert!(d.disposition.starts_with("split into"), "{d:?}"),
            Change::Merged => assert!(d.disposition.starts_with("merged into"), "{d:?}"),
            _ => assert!(!d.counterparts.is_empty(), "{d:?}"),
        }
    }
    for o in &tables.origins {
        let unit = &changes.units[o.change];
        assert_eq!(
            unit.change == Change::Inserted,
            o.disposition == "new drafting",
            "{o:?}"
        );
    }
}

/// `clerk diff --tables` writes both tables as text, Markdown, JSON,
/// HTML, PDF and Word.
#[test]
fn the_tables_are_written_in_every_format() {
    let (old, new) = (
        "tests/fixtures/renamed-and-renumbered/old.md",
        "tests/fixtures/renamed-and-renumbered/new.md",
    );
    let run = |format: &str| {
        let out = common::clerk(&["diff", old, new, "--tables", "--format", format]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            common::stderr(&out),
        )
    };
    let (code, json, _) = run("json");
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let find = |table: &str, unit: &str| {
        json[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["unit"] == unit)
            .map(|d| d["disposition"].as_str().unwrap().to_string())
    };
    assert_eq!(find("destinations", "6.1").as_deref(), Some("omitted"));
    assert_eq!(find("destinations", "4.3").as_deref(), Some("moved to 2.5"));
    assert_eq!(find("destinations", "7.3").as_deref(), Some("now 6.4"));
    assert_eq!(find("origins", "6.2").as_deref(), Some("new drafting"));
    assert_eq!(find("origins", "2.5").as_deref(), Some("moved from 4.3"));
    let (_, markdown, _) = run("markdown");
    assert!(markdown.contains("|4.3|moved to 2.5|100%|"), "{markdown}");
    assert!(markdown.contains("|6.2|new drafting|—|"), "{markdown}");
    let (_, html, _) = run("html");
    assert!(
        html.contains("<tr><th scope=\"row\">4.3</th><td>moved to 2.5</td><td>100%</td></tr>"),
        "{html}"
    );
    let (_, text, _) = run("text");
    assert!(text.contains("6.1  omitted\n"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    for format in ["pdf", "docx"] {
        let file = dir.path().join(format!("tables.{format}"));
        let out = common::clerk(&[
            "diff",
            old,
            new,
            "--tables",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
        let text = text_of(&file);
        for expected in ["moved to 2.5", "new drafting", "omitted", "now 6.4"] {
            assert!(text.contains(expected), "{format}: no {expected}");
        }
    }
}

/// The tracked-changes page of a rewrite (more than a third of the units
/// renumbered, moved, split or merged) opens with the tables, each row
/// linked to its tracked change; a revision that is not one does not.
#[test]
fn a_rewrites_tracked_changes_page_opens_with_the_tables() {
    use clerk::render::html::templates::{Overrides, engine};
    let tera = engine(None, &Overrides::default()).unwrap();
    let rewrite = rewrite(1);
    let changes = diff(&rewrite.old, &rewrite.new, &DiffOptions::default());
    assert!(clerk::render::present::changes::is_rewrite(&changes));
    let page = clerk::render::html::standalone_changes_page(&changes, &tera).unwrap();
    assert!(page.contains("<h2 id=\"rewrite-heading\">Where each unit went</h2>"));
    let omitted = changes
        .dispositions()
        .destinations
        .into_iter()
        .find(|d| d.disposition == "omitted")
        .unwrap();
    assert!(
        page.contains(&format!(
            "<a href=\"#u-{}\">omitted</a>",
            omitted.change + 1
        )),
        "the row links its tracked change"
    );
    assert!(page.contains(&format!("id=\"u-{}\"", omitted.change + 1)));

    let read = |path: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        parse_document("doc", &text).unwrap().document
    };
    let bury = diff(
        &read("protocols/bury/member-officer-relations-2020.md"),
        &read("protocols/bury/member-officer-relations-2023.md"),
        &DiffOptions::default(),
    );
    // Bury's revision renumbers many clauses, but not a third of them.
    assert!(!clerk::render::present::changes::is_rewrite(&bury));
    let page = clerk::render::html::standalone_changes_page(&bury, &tera).unwrap();
    assert!(!page.contains("rewrite-heading"));
}

/// A committee report's `tables` appendix gives both tables in HTML, PDF
/// and Word, with the rest of the report.
#[test]
fn a_report_appendix_gives_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let council = dir.path().join("protocols/tarnside");
    std::fs::create_dir_all(council.join("reports")).unwrap();
    std::fs::copy(
        "tests/fixtures/tarnside/council.toml",
        council.join("council.toml"),
    )
    .unwrap();
    for (from, to) in [
        ("old", "member-officer-protocol-2022"),
        ("new", "member-officer-protocol-2025"),
    ] {
        let text =
            std::fs::read_to_string(format!("tests/fixtures/renamed-and-renumbered/{from}.md"))
                .unwrap();
        std::fs::write(council.join(format!("{to}.md")), text).unwrap();
    }
    std::fs::write(
        council.join("reports/2026-01-20-review.md"),
        "+++\ncouncil = \"tarnside\"\ntitle = \"Review of the Member and Officer Protocol\"\nclassification = \"Open\"\nmeeting = \"Standards Committee\"\nmeeting_date = 2026-01-20\nreport_by = \"The Monitoring Officer\"\ndecision_type = \"Council\"\nwards = \"All\"\nauthor = \"A. Clerk, Monitoring Officer\"\n\n[[appendices]]\ntitle = \"Where each clause went\"\nkind = \"tables\"\nexisting = \"member-officer-protocol-2022\"\nrevised = \"member-officer-protocol-2025\"\n+++\n\n# Summary\n\nThe protocol is revised.\n",
    )
    .unwrap();
    let report = "protocols/tarnside/reports/2026-01-20-review.md";
    for format in ["html", "pdf", "docx"] {
        let file = dir.path().join(format!("report.{format}"));
        let out = common::clerk_in(
            dir.path(),
            &[
                "report",
                report,
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            common::stderr(&out)
        );
        let text = match format {
            "html" => std::fs::read_to_string(&file).unwrap(),
            _ => text_of(&file),
        };
        for expected in [
            "Appendix 1: Where each clause went",
            "Destinations",
            "Origins",
            "moved to 2.5",
            "new drafting",
        ] {
            assert!(text.contains(expected), "{format}: no {expected}");
        }
    }
}

/// The text of a PDF (through pdftotext) or of a Word file's document part.
fn text_of(file: &std::path::Path) -> String {
    match file.extension().and_then(|e| e.to_str()) {
        Some("pdf") => String::from_utf8(
            std::process::Command::new("pdftotext")
                .arg(file)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) runs")
                .stdout,
        )
        .unwrap(),
        _ => {
            let bytes = std::fs::read(file).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
                .unwrap();
            xml
        }
    }
}
