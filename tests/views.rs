//! Every view of a revision tells the whole truth: the tracked changes keep
//! the document's structure, show every number change and every move.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{clerk, stderr};

use clerk::render::html::templates::Overrides;
use clerk::site::plan::Formats;
use clerk::site::render_in_memory;
use clerk::source::load::{Target, load};

/// Every HTML page of the bundled councils, by path.
fn site() -> BTreeMap<PathBuf, String> {
    let project = load(&Target::Protocols(PathBuf::from("protocols"))).unwrap();
    let html = Formats::only(clerk::render::Format::Html);
    render_in_memory(
        &project.councils,
        &Overrides::default(),
        html,
        &Default::default(),
    )
    .unwrap()
    .into_iter()
    .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
    .collect()
}

/// The text of HTML with tags removed, entities of the escaper decoded,
/// spaces collapsed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The items of every `items` list on a page, in order: (depth, the
/// item's own text). In tracked changes, deleted text (and cues) is left
/// out and an item with nothing else is a deleted item, skipped.
fn items(html: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    // Open elements: lists of items (true) and others (false).
    let mut lists: Vec<bool> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut deleted = 0usize;
    let mut rest = html;
    let flush = |current: &mut Option<(usize, String)>, out: &mut Vec<(usize, String)>| {
        if let Some((depth, text)) = current.take() {
            let text = plain(&text);
            if !text.is_empty() {
                out.push((depth, text));
            }
        }
    };
    while let Some(at) = rest.find('<') {
        if let Some(item) = current.as_mut()
            && deleted == 0
        {
            item.1.push_str(&rest[..at]);
        }
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        rest = &rest[end..];
        let depth = lists.iter().filter(|l| **l).count();
        if tag.starts_with("<ul") || tag.starts_with("<ol") {
            let is_items = tag.contains("class=\"items");
            if is_items {
                flush(&mut current, &mut out);
            }
            lists.push(is_items);
        } else if tag.starts_with("</ul") || tag.starts_with("</ol") {
            if lists.pop() == Some(true) {
                flush(&mut current, &mut out);
            }
        } else if tag.starts_with("<li") && lists.last() == Some(&true) {
            flush(&mut current, &mut out);
            current = Some((depth, String::new()));
        } else if tag.starts_with("</li") && lists.last() == Some(&true) {
            flush(&mut current, &mut out);
        } else if tag.starts_with("<del") || tag.starts_with("<span class=\"cue") {
            deleted += 1;
        } else if (tag.starts_with("</del") || tag == "</span>") && deleted > 0 {
            deleted -= 1;
        }
    }
    out
}

#[test]
fn tracked_changes_keep_every_list_of_the_revised_document() {
    let site = site();
    let mut revisions = 0;
    for (path, html) in &site {
        let name = path.to_string_lossy();
        let Some(id) = name.strip_suffix("-changes.html") else {
            continue;
        };
        let revised = &site[Path::new(&format!("{id}.html"))];
        let expected = items(revised);
        assert_eq!(items(html), expected, "{name}");
        revisions += usize::from(!expected.is_empty());
    }
    assert!(revisions >= 2, "revisions with lists: {revisions}");
}

const OLD: &str = "tests/fixtures/revision/old.md";
const NEW: &str = "tests/fixtures/revision/new.md";

/// `clerk diff` of the fixture revision in `format`, as text.
fn diff(format: &str) -> String {
    let output = clerk(&["diff", OLD, NEW, "--format", format]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// A changed number shows the old struck and the new beside it in every
/// view; a number lost shows as the old struck and "unnumbered".
#[test]
fn every_view_shows_a_changed_number_old_and_new() {
    let text = diff("text");
    assert!(text.contains("[-1.3-] {+1.2+} (renumbered"), "{text}");
    assert!(text.contains("[-2.2-] unnumbered (edited"), "{text}");
    let markdown = diff("markdown");
    assert!(markdown.contains("{--1\\.3--} {++1\\.2++}"), "{markdown}");
    assert!(
        markdown.contains("{--2\\.2--} {>> unnumbered <<}"),
        "{markdown}"
    );
    let html = diff("html");
    assert!(
        plain(&html).contains("[deleted: 1.3] [inserted: 1.2] (renumbered: renumbering)"),
        "{}",
        plain(&html)
    );
    assert!(plain(&html).contains("[deleted: 2.2] unnumbered (edited"));
}

/// A moved clause is marked where it stood and where it landed, in every view.
#[test]
fn every_view_shows_a_move_at_both_ends() {
    let text = diff("text");
    assert!(text.contains("(moved from 1.2"), "{text}");
    assert!(text.contains("[-1.2-] (moved to 2.2)"), "{text}");
    // Told in its old place: before 1.3, which followed it.
    assert!(
        text.find("(moved to 2.2)").unwrap() < text.find("[-1.3-] {+1.2+}").unwrap(),
        "{text}"
    );
    let markdown = diff("markdown");
    assert!(
        markdown.contains("{>> moved from 1.2: renumbering <<}"),
        "{markdown}"
    );
    assert!(
        markdown.contains("{--1\\.2--}{>> moved to 2.2 <<}"),
        "{markdown}"
    );
    let html = diff("html");
    let page = plain(&html);
    // Where it stood comes before where it landed, and links to it.
    let stood = page.find("Moved to 2.2.").expect("the old place is marked");
    let landed = page
        .find("(moved from 1.2")
        .expect("the new place is marked");
    assert!(stood < landed, "{page}");
    assert!(
        html.contains("<a href=\"#u-"),
        "the old place links to the new"
    );
}

/// Lists keep their items, nesting and labels in the text and Markdown views.
#[test]
fn text_and_markdown_keep_the_lists() {
    let text = diff("text");
    assert!(text.contains("\n  (a) set {+the +}policy;\n"), "{text}");
    assert!(text.contains("\n    {+(ii) in private;+}\n"), "{text}");
    assert!(text.contains("\n  [-(c) lead.-]"), "{text}");
    let markdown = diff("markdown");
    assert!(
        markdown.contains("\n- (a) set {++the ++}policy;\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n  - {++(ii) in private;++}\n"),
        "{markdown}"
    );
}

/// The Markdown view lists the changes to the document's details first.
#[test]
fn markdown_lists_front_matter_changes() {
    let markdown = diff("markdown");
    assert!(
        markdown.contains("- version: {~~2024~>2025~~}"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- status: {~~adopted~>proposed~~}"),
        "{markdown}"
    );
    let bury = clerk(&[
        "diff",
        "protocols/bury/member-officer-relations-2020.md",
        "protocols/bury/member-officer-relations-2023.md",
        "--format",
        "markdown",
    ]);
    let bury = String::from_utf8(bury.stdout).unwrap();
    assert!(
        bury.contains("- {~~Overview and Scrutiny~>Scrutiny~~} throughout: 13 times"),
        "the substitutions are listed first"
    );
    assert!(bury.contains("## What changes"));
}

/// Links a standalone file may hold: to its own parts, or to the web.
fn outside_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| {
            !(href.starts_with('#')
                || href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("mailto:"))
        })
        .map(str::to_string)
        .collect()
}

/// A tracked-changes page or a report written with `-o` stands alone: it
/// links to nothing that is not inside it.
#[test]
fn standalone_files_link_only_inside_themselves() {
    let html = diff("html");
    assert_eq!(outside_links(&html), Vec::<String>::new());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let output = clerk(&[
        "report",
        "protocols/bury/reports/2023-03-14-constitution-update.md",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = std::fs::read_to_string(&file).unwrap();
    assert_eq!(outside_links(&report), Vec::<String>::new());
}

/// Dates are written out the same way in every view: "1 April 2024".
#[test]
fn dates_are_written_out_in_every_view() {
    for format in ["text", "markdown", "html"] {
        let out = diff(format);
        assert!(!out.contains("2024-04-01"), "{format}: {out}");
        assert!(out.contains("1 April 2024"), "{format}: {out}");
        assert!(out.contains("15 January 2025"), "{format}: {out}");
    }
}

/// `clerk diff --format html` and `clerk report --format html` render with
/// the council's own templates, as the published site does.
#[test]
fn diff_and_report_use_the_councils_own_templates() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(
        council.join("rules-2023.md"),
        common::small_source(
            "version = \"1\"\nstatus = \"adopted\"\n",
            "# 1. Scope\n\n1.1 The Leader may decide urgent matters.\n",
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("rules-2024.md"),
        common::small_source(
            "version = \"2\"\nstatus = \"adopted\"\nsupersedes = \"rules-2023\"\n",
            "# 1. Scope\n\n1.1 The Cabinet may decide urgent matters.\n",
        ),
    )
    .unwrap();
    std::fs::create_dir_all(council.join("templates")).unwrap();
    std::fs::write(
        council.join("templates/changes.html"),
        "<p>Small's changes: {{ changes.summary }}</p>\n",
    )
    .unwrap();
    std::fs::write(
        council.join("templates/report.html"),
        "<p>Small's report: {{ meta.title }}</p>\n",
    )
    .unwrap();
    std::fs::create_dir(council.join("reports")).unwrap();
    std::fs::write(
        council.join("reports/2024-review.md"),
        "+++\ncouncil = \"small\"\ntitle = \"Rules Review\"\nclassification = \"Open\"\nmeeting = \"Cabinet\"\nmeeting_date = 2024-03-01\nreport_by = \"The Monitoring Officer\"\ndecision_type = \"Council\"\nwards = \"All\"\nauthor = \"A. Clerk, Monitoring Officer\"\n\n[[appendices]]\ntitle = \"Tracked changes\"\nkind = \"tracked-changes\"\nexisting = \"rules-2023\"\nrevised = \"rules-2024\"\n+++\n\n# Summary\n\nThe Cabinet decides urgent matters.\n",
    )
    .unwrap();
    let diff = common::clerk_in(
        dir.path(),
        &[
            "diff",
            "protocols/small/rules-2023.md",
            "protocols/small/rules-2024.md",
            "--format",
            "html",
        ],
    );
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    let page = String::from_utf8(diff.stdout).unwrap();
    assert!(page.starts_with("<p>Small's changes: 1 of "), "{page}");

    let report = common::clerk_in(
        dir.path(),
        &["report", "protocols/small/reports/2024-review.md"],
    );
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let page = String::from_utf8(report.stdout).unwrap();
    assert_eq!(page.trim(), "<p>Small's report: Rules Review</p>");
}

/// Every view of the tracked changes says what each version is, in the
/// same words: a draft is never read as the text in force.
#[test]
fn every_view_says_which_version_is_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let council = common::small_council(dir.path(), "");
    std::fs::write(
        council.join("scheme-2023.md"),
        common::small_source(
            "version = \"4\"\nstatus = \"adopted\"\n",
            "# 3. Delegations\n\n3.1 The Head of Planning determines applications.\n",
        ),
    )
    .unwrap();
    std::fs::write(
        council.join("scheme-2025.md"),
        common::small_source(
            "version = \"5\"\nstatus = \"draft\"\nsupersedes = \"scheme-2023\"\n",
            "# 3. Delegations\n\n3.1 The Director of Place determines applications.\n",
        ),
    )
    .unwrap();
    let said = "From 4 (adopted) to 5 (draft).";
    for format in ["text", "markdown", "pdf"] {
        let out = dir.path().join(format!("changes.{format}"));
        let run = common::clerk_in(
            dir.path(),
            &[
                "diff",
                "protocols/small/scheme-2023.md",
                "protocols/small/scheme-2025.md",
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        let text = match format {
            "pdf" => {
                let Ok(extracted) = std::process::Command::new("pdftotext")
                    .arg(&out)
                    .arg("-")
                    .output()
                else {
                    assert!(
                        std::env::var_os("CI").is_none(),
                        "CI must install poppler-utils"
                    );
                    continue;
                };
                String::from_utf8_lossy(&extracted.stdout).replace('\n', " ")
            }
            _ => std::fs::read_to_string(&out).unwrap(),
        };
        assert!(text.contains(said), "{format}: {text}");
    }
}
