//! Amendments under a delegated power, on a council written for this
//! test: one within its power builds and waits in the change-control
//! log's queue until its report is recorded; one with a change the power
//! does not cover, or naming no power, is an error naming the clause.

mod common;

use common::{clerk_in, html_text, small_council, small_source, stderr};

const COUNCIL: &str = "\n[retired_terms]\n\"Head of Democratic Services\" = \"Democratic Services Manager\"\n\n[[delegated_powers]]\nid = \"corrections\"\nwording = \"The Monitoring Officer may correct errors, update job titles and renumber, reporting each amendment to the next meeting of Council.\"\ncovers = [\"capitalisation\", \"spacing\", \"punctuation\", \"renumbering\", \"retired-terms\"]\nreport_to = \"Council\"\n";

const OLD: &str = "# 1. Roles\n\n1.1 Members set policy.\n\n1.3 The Head of Democratic Services advises on procedure.\n\n# 2. Meetings\n\n2.1 agendas are published five days before each meeting.\n";

fn council(dir: &std::path::Path, revised_body: &str, made_under: &str) -> std::path::PathBuf {
    let council = small_council(dir, COUNCIL);
    std::fs::write(
        council.join("old.md"),
        small_source(
            "version = \"1\"\nstatus = \"adopted\"\nadopted = 2024-01-10\n",
            OLD,
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("new.md"),
        small_source(
            &format!("version = \"1.1\"\nstatus = \"adopted\"\nadopted = 2026-01-10\nsupersedes = \"old\"\n\n[made_under]\n{made_under}"),
            revised_body,
        ),
    )
    .unwrap();
    council
}

const WITHIN: &str = "# 1. Roles\n\n1.1 Members set policy.\n\n1.2 The Democratic Services Manager advises on procedure.\n\n# 2. Meetings\n\n2.1 Agendas are published five days before each meeting.\n";
const MADE: &str =
    "power = \"corrections\"\nofficer = \"A. Clerk, Monitoring Officer\"\ndate = 2026-01-10\n";

#[test]
fn an_amendment_within_its_power_builds_and_waits_to_be_reported() {
    let dir = tempfile::tempdir().unwrap();
    let council = council(dir.path(), WITHIN, MADE);
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    // `clerk check` lists it too, as a note, until it is reported.
    assert!(
        stderr(&check).contains("note[unreported-amendment]: made under `corrections` by A. Clerk, Monitoring Officer on 10 January 2026, and not yet reported to Council"),
        "{}",
        stderr(&check)
    );
    let built = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let log = html_text(
        &std::fs::read_to_string(dir.path().join("output/small/change-log.html")).unwrap(),
    );
    let queue = log
        .split("Delegated amendments to report")
        .nth(1)
        .expect("the queue is listed");
    assert!(
        queue.contains("Made under the delegated power “corrections” by A. Clerk, Monitoring Officer on 10 January 2026; not yet reported to Council."),
        "{queue}"
    );

    // Its report recorded, it leaves the queue, and the log says where it went.
    let path = council.join("new.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "date = 2026-01-10\n+++",
            "date = 2026-01-10\nreported = \"Council, 24 February 2026, minute 12\"\n+++",
        ),
    )
    .unwrap();
    let built = clerk_in(dir.path(), &["build", "--format", "html"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let log = html_text(
        &std::fs::read_to_string(dir.path().join("output/small/change-log.html")).unwrap(),
    );
    assert!(!log.contains("Delegated amendments to report"), "{log}");
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    assert!(
        !stderr(&check).contains("unreported-amendment"),
        "{}",
        stderr(&check)
    );
    assert!(
        log.contains("by A. Clerk, Monitoring Officer on 10 January 2026; reported: Council, 24 February 2026, minute 12."),
        "{log}"
    );
}

#[test]
fn a_change_beyond_the_power_or_no_power_at_all_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let beyond = WITHIN.replace("five days", "seven days");
    council(dir.path(), &beyond, MADE);
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    let said = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(said.contains("error[exceeds-power]"), "{said}");
    assert!(
        said.contains("made under `corrections`, which covers capitalisation, spacing, punctuation, renumbering and the council's retired terms, but it changes 2.1 (edited)"),
        "{said}"
    );
    assert!(said.contains("new.md:"), "{said}");

    let dir = tempfile::tempdir().unwrap();
    council(
        dir.path(),
        WITHIN,
        &MADE.replace("\"corrections\"", "\"correction\""),
    );
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    let said = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(
        said.contains("`correction` is not a delegated power of this council"),
        "{said}"
    );
    assert!(said.contains("did you mean `corrections`?"), "{said}");
}

/// `clerk new report --delegated --to Council` starts the report of the
/// amendments waiting for Council, each one's tracked changes an
/// appendix that says what `clerk diff` says; it checks clean and renders.
#[test]
fn the_report_of_delegated_amendments_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    council(dir.path(), WITHIN, MADE);
    let made = clerk_in(
        dir.path(),
        &[
            "new",
            "report",
            "--council",
            "protocols/small",
            "--delegated",
            "--to",
            "Council",
            "--meeting-date",
            "2026-02-24",
            "--item-number",
            "9",
            "--author",
            "A. Clerk, Monitoring Officer",
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let path = dir
        .path()
        .join("protocols/small/reports/2026-02-24-delegated-amendments.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("kind = \"tracked-changes\"\nexisting = \"old\"\nrevised = \"new\""),
        "{text}"
    );
    assert!(
        text.contains("Council is asked to note the amendments."),
        "{text}"
    );
    let check = clerk_in(dir.path(), &["check", "protocols"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let report = clerk_in(
        dir.path(),
        &[
            "report",
            "protocols/small/reports/2026-02-24-delegated-amendments.md",
        ],
    );
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let page = html_text(&String::from_utf8_lossy(&report.stdout));
    assert!(
        page.contains(
            "Appendix 1: Protocol: version 1.1, made under “corrections” on 10 January 2026"
        ),
        "{page}"
    );
    let diff = clerk_in(
        dir.path(),
        &["diff", "protocols/small/old.md", "protocols/small/new.md"],
    );
    let summary = String::from_utf8_lossy(&diff.stdout)
        .lines()
        .nth(2)
        .unwrap()
        .to_string();
    assert!(page.contains(summary.trim()), "{summary}\n{page}");

    // Nothing waits for a body no power reports to.
    let none = clerk_in(
        dir.path(),
        &[
            "new",
            "report",
            "--council",
            "protocols/small",
            "--delegated",
            "--to",
            "Cabinet",
        ],
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none)
            .contains("no amendment made under a delegated power waits to be reported to Cabinet")
    );
}

#[test]
fn a_power_the_council_lacks_is_pointed_at_in_the_front_matter() {
    let work = tempfile::tempdir().unwrap();
    let council = small_council(work.path(), "");
    let front = "version = \"1\"\nstatus = \"adopted\"\n\n[made_under]\npower = \"nopower\"\nofficer = \"A\"\ndate = 2024-01-01\n";
    std::fs::write(
        council.join("a.md"),
        small_source(front, "\n# 1. A\n\n1.1 Text.\n"),
    )
    .unwrap();
    let said = stderr(&clerk_in(work.path(), &["check"]));
    // At the power's name, line 8 column 9: `power = "nopower"`.
    assert!(said.contains("a.md:8:9"), "{said}");
}
