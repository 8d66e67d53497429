//! No line ever runs past the text block, whatever the text.

use super::*;

fn paragraph(text: &str, indent: f32, label: Option<&str>) -> Flow {
    Flow::Paragraph {
        spans: vec![StyledText::plain(text, FontStyle::Regular)],
        size: None,
        indent,
        hang: indent.min(20.0),
        label: label.map(|l| HangingLabel {
            text: l.to_string(),
            style: FontStyle::Bold,
        }),
        anchor: None,
        space_before: 4.0,
        change_bar: false,
    }
}

fn assert_within_text_block(laid: &LaidOut, options: &LayoutOptions) {
    let left = options.page.margin_left - 0.01;
    let right = options.page.width - options.page.margin_right + 0.01;
    for (p, page) in laid.pages.iter().enumerate() {
        for run in &page.runs {
            assert!(
                run.x >= left,
                "page {}: run starts left of the margin: {run:?}",
                p + 1
            );
            assert!(
                run.x + run.width <= right,
                "page {}: run overflows ({} > {right}): {:?}",
                p + 1,
                run.x + run.width,
                run.text
            );
            assert!(
                run.y <= options.page.height && run.y >= 0.0,
                "run off the page: {run:?}"
            );
        }
    }
}

fn lay(flow: &[Flow]) -> (LaidOut, LayoutOptions) {
    let options = LayoutOptions::default();
    let laid = layout(flow, &Furniture::default(), Metadata::default(), &options);
    (laid, options)
}

#[test]
fn a_long_unbreakable_word_is_cut_to_fit() {
    let word = "Supercalifragilistic".repeat(30);
    let (laid, options) = lay(&[paragraph(
        &format!("Before {word} after."),
        42.0,
        Some("1.1"),
    )]);
    assert_within_text_block(&laid, &options);
    let text: String = laid.pages[0]
        .runs
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("");
    assert!(
        text.replace(' ', "").contains(&word),
        "the word is kept whole, only broken across lines"
    );
}

#[test]
fn two_hundred_clauses_paginate_within_the_block() {
    let flow: Vec<Flow> = (1..=200)
        .map(|i| paragraph(&format!("Members and officers must at all times observe this protocol, clause number {i}, which is long enough to wrap onto a second line of the page."), 42.0, Some(&format!("{}.{}", i / 10 + 1, i % 10 + 1))))
        .collect();
    let (laid, options) = lay(&flow);
    assert!(laid.pages.len() >= 8, "{} pages", laid.pages.len());
    assert_within_text_block(&laid, &options);
    let bottom = options.page.height - options.page.margin_bottom;
    for page in &laid.pages {
        for run in page.runs.iter().filter(|r| r.size > 9.0) {
            assert!(
                run.y <= bottom,
                "body text below the bottom margin: {run:?}"
            );
        }
    }
}

#[test]
fn deep_nesting_stays_on_the_page() {
    let flow: Vec<Flow> = (0..60)
        .map(|depth| {
            paragraph(
                "a nested item with several words in it",
                depth as f32 * 22.0,
                Some("(a)"),
            )
        })
        .collect();
    let (laid, options) = lay(&flow);
    assert_within_text_block(&laid, &options);
}

#[test]
fn a_heading_never_ends_a_page() {
    let mut flow: Vec<Flow> = Vec::new();
    for i in 0..40 {
        flow.push(Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain(format!("Heading {i}"), FontStyle::Bold)],
            anchor: Some(format!("h{i}")),
            bookmark: None,
        });
        flow.push(paragraph("Text under the heading that runs to two lines at least when it is laid out on the page, so it wraps.", 0.0, None));
    }
    let (laid, options) = lay(&flow);
    let bottom = options.page.height - options.page.margin_bottom;
    for (p, page) in laid.pages.iter().enumerate() {
        let last_body = page
            .runs
            .iter()
            .filter(|r| r.y < bottom && r.size > 9.0)
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap();
        assert!(
            last_body.size < 13.0,
            "page {} ends with a heading: {:?}",
            p + 1,
            last_body.text
        );
    }
}

/// The text of every body line on the first page (not the running
/// header and footer), one string per line.
fn lines_of(laid: &LaidOut) -> Vec<String> {
    let mut lines: Vec<(i64, String)> = Vec::new();
    for run in &laid.pages[0].runs {
        let y = (run.y * 10.0) as i64;
        match lines.iter_mut().find(|(at, _)| *at == y) {
            Some((_, text)) => text.push_str(&run.text),
            None => lines.push((y, run.text.clone())),
        }
    }
    // A line keeps the space it breaks at (see `set_line`); as read, it ends at its last word.
    lines
        .into_iter()
        .map(|(_, text)| text.trim_end_matches(' ').to_string())
        .filter(|text| !text.is_empty() && !text.starts_with("Page "))
        .collect()
}

#[test]
fn a_line_keeps_the_space_it_breaks_at_so_read_text_has_its_words_apart() {
    let text = "Members and officers must at all times observe this protocol. ".repeat(4);
    let (laid, _) = lay(&[paragraph(&text, 0.0, None)]);
    let runs: Vec<&str> = laid.pages[0]
        .runs
        .iter()
        .map(|r| r.text.as_str())
        .filter(|t| !t.starts_with("Page "))
        .collect();
    assert!(runs.len() > 1, "{runs:?}");
    // Every line but the last ends with its space; read together, no words run on.
    let read: String = runs.concat();
    assert_eq!(read.trim_end(), text.trim_end());
}

#[test]
fn no_break_spaces_hold_words_together() {
    // "section\u{a0}151" sits at every possible line end in turn.
    for pad in 0..40 {
        let text = format!(
            "{}the Section\u{a0}151 Officer and paragraph\u{a0}4.3 apply.",
            "word ".repeat(pad)
        );
        let (laid, _) = lay(&[paragraph(&text, 0.0, None)]);
        for line in lines_of(&laid) {
            assert!(!line.ends_with("Section"), "{line:?}");
            assert!(!line.starts_with("151"), "{line:?}");
            assert!(!line.ends_with("paragraph"), "{line:?}");
        }
    }
}

#[test]
fn soft_hyphens_print_only_where_a_line_breaks() {
    let word = "in\u{ad}de\u{ad}pen\u{ad}dence";
    let (laid, _) = lay(&[paragraph(
        &format!("Officers keep their {word}."),
        0.0,
        None,
    )]);
    assert_eq!(lines_of(&laid), ["Officers keep their independence."]);
    let mut broke_at_a_hyphen = false;
    for pad in 0..40 {
        let text = format!("{}{word} {word} {word}.", "wording ".repeat(pad));
        let (laid, _) = lay(&[paragraph(&text, 0.0, None)]);
        let lines = lines_of(&laid);
        let all: String = lines.concat();
        assert!(!all.contains('\u{ad}'), "{lines:?}");
        for line in &lines {
            if line.ends_with('-') {
                broke_at_a_hyphen = true;
                assert!(
                    ["in-", "inde-", "indepen-"]
                        .iter()
                        .any(|end| line.ends_with(end)),
                    "{line:?}"
                );
            }
        }
        let joined = lines.join("\n").replace("-\n", "").replace('\n', " ");
        assert!(
            joined.ends_with("independence independence independence."),
            "{joined:?}"
        );
    }
    assert!(broke_at_a_hyphen, "some line should break at a soft hyphen");
}

#[test]
fn right_to_left_words_are_drawn_in_their_own_direction() {
    // Hebrew "shalom" (shin, lamed, vav, final mem) in an English line:
    // drawn left to right, its letters run from the last to the first.
    let (laid, _) = lay(&[paragraph(
        "Greeting: \u{5e9}\u{5dc}\u{5d5}\u{5dd} today.",
        0.0,
        None,
    )]);
    assert_eq!(
        lines_of(&laid),
        ["Greeting: \u{5dd}\u{5d5}\u{5dc}\u{5e9} today."]
    );
}

#[test]
fn invisible_characters_take_no_room() {
    let (laid, _) = lay(&[paragraph(
        "Zero\u{200b}width and word\u{2060}joiner.",
        0.0,
        None,
    )]);
    assert_eq!(lines_of(&laid), ["Zerowidth and wordjoiner."]);
}

fn row(texts: &[&str], header: bool) -> Flow {
    Flow::TableRow {
        cells: texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    i as f32 * 200.0,
                    vec![StyledText::plain(*t, FontStyle::Regular)],
                )
            })
            .collect(),
        header,
        anchor: None,
    }
}

/// A table's lead-in line never sits alone at a page foot, the header row
/// repeats on each page the table continues on, and a long cell wraps.
#[test]
fn tables_keep_their_lead_in_repeat_their_header_and_wrap() {
    let options = LayoutOptions::default();
    let line = options.body_size * options.leading;
    let room = options.page.height - options.page.margin_top - options.page.margin_bottom;
    // Fill the page to one line above its foot, then a lead-in and a table.
    let filler = (room / (line + 4.0)) as usize - 1;
    let mut flow: Vec<Flow> = (0..filler)
        .map(|_| paragraph("Filler.", 0.0, None))
        .collect();
    flow.push(paragraph(
        "The following risks apply to the decision:",
        0.0,
        None,
    ));
    flow.push(row(&["Risk", "Mitigation"], true));
    for n in 0..60 {
        let long = format!(
            "Mitigation {n}: an up-to-date constitution ensures decisions are taken lawfully and in an open and transparent manner."
        );
        flow.push(row(&["Legal challenge", &long], false));
    }
    let (laid, options) = lay(&flow);
    assert_within_text_block(&laid, &options);
    let page_of = |needle: &str| {
        laid.pages
            .iter()
            .position(|p| p.runs.iter().any(|r| r.text.contains(needle)))
            .unwrap()
    };
    assert_eq!(
        page_of("The following risks"),
        page_of("Risk"),
        "the lead-in stays with its table"
    );
    let headers = laid
        .pages
        .iter()
        .filter(|p| p.runs.iter().any(|r| r.text == "Mitigation"))
        .count();
    assert!(headers >= 2, "the header row repeats: {headers}");
    let all: String = laid
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().map(|r| r.text.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!all.contains('\u{2026}'), "no cell is cut");
    assert!(all.contains("transparent manner."));
}

/// A paragraph with its label hanging at `hang` and its text at `indent`.
fn hanging(text: &str, hang: f32, indent: f32, label: Option<&str>) -> Flow {
    let spans = vec![StyledText::plain(text, FontStyle::Regular)];
    match label {
        Some(label) => Flow::labelled(spans, label, FontStyle::Bold, hang, indent, 4.0),
        None => Flow::indented(spans, indent, 4.0),
    }
}

/// The role of the element a run of `text` belongs to, and its parent's.
fn roles_of(laid: &LaidOut, text: &str) -> (StructRole, StructRole) {
    let run = laid.pages[0]
        .runs
        .iter()
        .find(|r| r.text.contains(text))
        .unwrap_or_else(|| panic!("no run of {text:?}"));
    let element = &laid.structure[run.element.expect("tagged")];
    let parent = &laid.structure[element.parent.expect("a parent")];
    (element.role, parent.role)
}

#[test]
fn every_block_is_tagged_with_what_it_is() {
    let flow = [
        Flow::Heading {
            level: 2,
            spans: vec![StyledText::plain("Roles", FontStyle::Bold)],
            anchor: None,
            bookmark: None,
        },
        hanging("Members set policy.", 0.0, 30.0, Some("1.1")),
        hanging("They act in public:", 30.0, 50.0, Some("(a)")),
        hanging("Said again.", 30.0, 30.0, None),
        Flow::Group(Group::Quote),
        paragraph("A quoted line.", 18.0, None),
        Flow::EndGroup,
        Flow::Group(Group::LabelledRows),
        paragraph("Standards Committee", 100.0, Some("Meeting")),
        Flow::EndGroup,
        paragraph("After.", 0.0, None),
    ];
    let (laid, _) = lay(&flow);
    assert_eq!(
        roles_of(&laid, "Roles"),
        (StructRole::Heading(2), StructRole::Document)
    );
    assert_eq!(roles_of(&laid, "1.1"), (StructRole::Lbl, StructRole::LI));
    assert_eq!(
        roles_of(&laid, "Members set"),
        (StructRole::LBody, StructRole::LI)
    );
    // The lettered item is a list nested in the clause's body.
    let (_, item) = roles_of(&laid, "They act");
    assert_eq!(item, StructRole::LI);
    let run = laid.pages[0]
        .runs
        .iter()
        .find(|r| r.text.contains("They act"))
        .unwrap();
    let li = laid.structure[run.element.unwrap()].parent.unwrap();
    let list = laid.structure[li].parent.unwrap();
    assert_eq!(laid.structure[list].role, StructRole::L);
    assert_eq!(
        laid.structure[laid.structure[list].parent.unwrap()].role,
        StructRole::LBody
    );
    // A paragraph that continues the clause is in its body.
    assert_eq!(
        roles_of(&laid, "Said again"),
        (StructRole::P, StructRole::LBody)
    );
    assert_eq!(
        roles_of(&laid, "A quoted line"),
        (StructRole::P, StructRole::BlockQuote)
    );
    assert_eq!(
        roles_of(&laid, "Meeting"),
        (StructRole::RowHeader, StructRole::TR)
    );
    assert_eq!(
        roles_of(&laid, "Standards Committee"),
        (StructRole::TD, StructRole::TR)
    );
    assert_eq!(
        roles_of(&laid, "After"),
        (StructRole::P, StructRole::Document)
    );
    // The running header and footer are furniture.
    assert!(
        laid.pages[0]
            .runs
            .iter()
            .filter(|r| r.text.starts_with("Page "))
            .all(|r| r.element.is_none())
    );
}
