//! The importer on text shaped the way councils extract it.

use super::*;

#[test]
fn a_section_title_in_capitals_fills_the_section_number() {
    let imported = import_text(
        "SECTION 15 – MEDIA RELATIONS\n\n15.1 Officers speak for the council.\n",
        "x",
    );
    assert!(
        imported.markdown.contains("section = \"15\""),
        "{}",
        imported.markdown
    );
    assert!(
        imported.markdown.contains("title = \"MEDIA RELATIONS\""),
        "{}",
        imported.markdown
    );
    let part = import_text(
        "PART 8.4 MEMBER OFFICER PROTOCOL\n\n1.1 Officers advise.\n",
        "x",
    );
    assert!(
        part.markdown.contains("part = \"8.4\""),
        "{}",
        part.markdown
    );
}

#[test]
fn running_footers_are_dropped_and_reported() {
    let text = "Protocol on Member/Officer Relations\n\n1. Roles\n\n1.1 Officers speak for the council.\n\nPart 6C - Page 1\n\n1.2 Members speak for themselves.\n\nPage 2 of 9\n\n1.3 Both respect each other.\n";
    let imported = import_text(text, "x");
    assert!(
        !imported.markdown.contains("Page 1"),
        "{}",
        imported.markdown
    );
    assert!(
        !imported.markdown.contains("# Part 6C"),
        "{}",
        imported.markdown
    );
    assert_eq!(imported.summary.page_furniture, [7, 11]);
    // The clauses after the footer stay in their section.
    assert_eq!(imported.summary.headings, 1, "{}", imported.markdown);
    assert_eq!(imported.summary.clauses, 3);
}

#[test]
fn a_numbered_sentence_leading_into_a_list_is_a_clause_with_its_list() {
    // Word's plain-text export leaves a blank line after every paragraph.
    let imported = import_text(
        "2. Working together\n\n2.1 Members are not authorised to instruct officers other than:\n\n• through the formal decision-making process;\n\n• to request the provision of resources.\n\n2.2 Officers advise.\n",
        "x",
    );
    let markdown = &imported.markdown;
    assert!(
        !markdown.contains("# 2.1"),
        "the lead-in is not a heading:\n{markdown}"
    );
    assert!(
        markdown.contains("2.1 Members are not authorised to instruct officers other than:"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- through the formal decision-making process;"),
        "{markdown}"
    );
    // A numbered title ending with a colon, as seed 000's "31.1 Principles
    // underlying Member – Officer relations :", stays a heading.
    let titled = import_text(
        "31.1 Principles underlying Member – Officer relations :\n\n- Good administration depends on trust.\n",
        "x",
    );
    assert!(
        titled.markdown.contains("# 31.1 Principles underlying"),
        "{}",
        titled.markdown
    );
}

#[test]
fn a_short_lead_in_before_lettered_items_is_a_clause_after_a_blank_line() {
    // The items carry on the sentence (lower case), so "1.2 Officers
    // advise:" leads into them even with a blank line between.
    let imported = import_text(
        "1. Advice\n\n1.1 Officers advise members.\n\n1.2 Officers advise:\n\n(a) on the law; and\n\n(b) on finance.\n",
        "x",
    );
    let markdown = &imported.markdown;
    assert!(!markdown.contains("# 1.2"), "{markdown}");
    assert!(
        markdown.contains("1.2 Officers advise:\n\n- (a) on the law; and\n- (b) on finance."),
        "{markdown}"
    );
    assert_eq!(imported.summary.clauses, 2, "{markdown}");
    // Read so on the evidence of the items: said, with the line.
    let guessed: Vec<usize> = imported.summary.guesses.iter().map(|g| g.line).collect();
    assert_eq!(guessed, [5]);
}

#[test]
fn text_is_read_in_the_encodings_councils_save_it_in() {
    let expected = "1.1 Members \u{201c}work\u{201d} with officers \u{2013} always.\n1.2 Next.\n";
    // UTF-8 with a byte-order mark and CRLF line endings, as Notepad saves.
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend(expected.replace('\n', "\r\n").as_bytes());
    assert_eq!(
        decode_text(&utf8),
        Decoded {
            text: expected.into(),
            encoding: "UTF-8"
        }
    );
    // UTF-16 little-endian with its byte-order mark: Word's "Unicode" text.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in expected.replace('\n', "\r\n").encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    assert_eq!(decode_text(&utf16).text, expected);
    // Windows-1252: Word's "Plain Text" on Windows, smart quotes and dash included.
    let mut cp1252 =
        b"1.1 Members \x93work\x94 with officers \x96 always.\r\n1.2 Next.\r\n".to_vec();
    assert_eq!(
        decode_text(&cp1252),
        Decoded {
            text: expected.into(),
            encoding: "windows-1252"
        }
    );
    // Non-breaking spaces are spaces.
    cp1252 = "1.1 Section\u{a0}151\u{202f}Officer".as_bytes().to_vec();
    assert_eq!(decode_text(&cp1252).text, "1.1 Section 151 Officer");
}

#[test]
fn a_wrapped_line_ending_a_sentence_does_not_end_the_clause_and_is_reported() {
    let text = "1. Working together\n\n1.1 Members and officers work together to serve the people of the borough and\nto carry out the decisions of the Council. Both must respect the roles of\nthe other at all times and in all places, in public and in private meetings.\nOfficers give impartial advice to every member, whatever their party, and\nmembers do not ask officers to act against that advice or against the law.\n1.2 Members may ask officers for information they need for their duties as\ncouncillors.\nShort line.\nA new paragraph after a short line.\n\n2. Conduct\n\n2.1 Officers behave with courtesy towards members and expect the same back.\n";
    let imported = import_text(text, "x");
    let markdown = &imported.markdown;
    assert!(
        markdown.contains("in private meetings. Officers give impartial advice"),
        "{markdown}"
    );
    // After a short line, a sentence's end is the paragraph's end.
    assert!(
        markdown.contains(
            "duties as councillors.\n\nShort line.\n\nA new paragraph after a short line."
        ),
        "{markdown}"
    );
    let guessed: Vec<usize> = imported.summary.guesses.iter().map(|g| g.line).collect();
    assert_eq!(guessed, [6], "{:?}", imported.summary.guesses);
    // Text with a paragraph to a line is not wrapped: nothing is joined so.
    let unwrapped = import_text(
        "1. Roles\n\n1.1 Members set policy for the whole council and answer to the electorate for it.\nOfficers advise.\n",
        "x",
    );
    assert!(
        unwrapped.markdown.contains("\n\nOfficers advise."),
        "{}",
        unwrapped.markdown
    );
}

#[test]
fn a_title_in_capitals_is_set_in_title_case_only_when_asked() {
    let text = "SECTION 15 – MEMBER/OFFICER PROTOCOL ON THE USE OF RESOURCES\n\n15.1 Officers speak for the council.\n";
    let kept = import_text(text, "x");
    assert!(
        kept.markdown
            .contains("title = \"MEMBER/OFFICER PROTOCOL ON THE USE OF RESOURCES\""),
        "{}",
        kept.markdown
    );
    let asked = import_text_with(text, "x", &ImportOptions { title_case: true });
    assert!(
        asked
            .markdown
            .contains("title = \"Member/Officer Protocol on the Use of Resources\""),
        "{}",
        asked.markdown
    );
    assert!(asked.markdown.contains("section = \"15\""));
    // A title already in mixed case is left as it is.
    let mixed = import_text_with(
        "Protocol on Member/Officer Relations\n\n1.1 Text.\n",
        "x",
        &ImportOptions { title_case: true },
    );
    assert!(
        mixed
            .markdown
            .contains("title = \"Protocol on Member/Officer Relations\"")
    );
}

#[test]
fn a_part_line_under_the_title_and_a_last_updated_line_fill_the_front_matter() {
    let imported = import_text(
        "Contract Procedure Rules\n\nPart 4 of the Constitution\n\nLast updated 4 January 2022, version 3\n\n1. Scope\n\n1.1 These Rules govern every contract.\n",
        "x",
    );
    let markdown = &imported.markdown;
    assert!(
        markdown.contains("title = \"Contract Procedure Rules\""),
        "{markdown}"
    );
    assert!(markdown.contains("part = \"4\""), "{markdown}");
    assert!(markdown.contains("version = \"3\""), "{markdown}");
    assert!(!markdown.contains("Last updated"), "{markdown}");
    assert!(!markdown.contains("of the Constitution"), "{markdown}");
    let said = imported.summary.front_matter.join("\n");
    assert!(said.contains("set `adopted` and `effective`"), "{said}");

    // A Part numbered with a letter, in the title itself.
    let lettered = import_text("Part 5c Scheme of Delegation\n\n1.1 Officers act.\n", "x");
    assert!(
        lettered.markdown.contains("part = \"5c\""),
        "{}",
        lettered.markdown
    );
    assert!(
        lettered
            .markdown
            .contains("title = \"Scheme of Delegation\""),
        "{}",
        lettered.markdown
    );
}

#[test]
fn a_title_wrapped_at_a_hyphen_is_one_word() {
    // Wrapped text, as `pdftotext -layout` gives it: lines run to a width.
    let body = "1.1 Members and officers work together to serve the public, and each\nrespects the role of the other in the governance of the council and in\nthe delivery of its services to the people of the borough and beyond.\n\n1.2 Officers give impartial advice to every member and every political\ngroup, and members respect the political neutrality of the officers in\nall that they ask of them in the course of the business of the council.\n";
    let imported = import_text(
        &format!("MEMBER-\nOFFICER PROTOCOL\n\n1. Roles\n\n{body}"),
        "x",
    );
    assert!(
        imported
            .markdown
            .contains("title = \"MEMBER-OFFICER PROTOCOL\""),
        "{}",
        imported.markdown
    );
}

/// A PDF's contents list names the headings: one numbered like a clause
/// ("4.6 ...") and wrapped over two lines in the text, or short enough to
/// pass for text, comes back as the heading the list names, and what
/// follows stays under it.
#[test]
fn the_contents_list_names_the_headings_in_the_text() {
    let text = "Member Officer Protocol\n\nContents\n4.5 Relationship with the Chairman . . . . . . . . . . . 3\n4.6 Relationship between the Leader and Members of the\nCabinet and Officers . . . . . . . . . . . . . . . . . . . 3\n4.7 Bullying . . . . . . . . . . . . . . . . . . . . . . . 4\n\n4.5 Relationship with the Chairman\n(1) The Chairman is briefed before each meeting.\n\n4.6 Relationship between the Leader and Members of the Cabinet\nand Officers\n(1) The Leader appoints the other members of the Cabinet.\n\n4.7 Bullying\nBullying is not tolerated.\n";
    let imported = import_text(text, "x");
    let markdown = &imported.markdown;
    for expected in [
        "# 4.5 Relationship with the Chairman",
        "# 4.6 Relationship between the Leader and Members of the Cabinet and Officers",
        "# 4.7 Bullying",
        "- (1) The Leader appoints the other members of the Cabinet.",
        "Bullying is not tolerated.",
    ] {
        assert!(
            markdown.contains(expected),
            "no `{expected}` in\n{markdown}"
        );
    }
    assert!(!markdown.contains(". . ."), "{markdown}");
}

/// A table in layout text whose columns line up comes back as a table,
/// its wrapped cells joined and its caption kept; one whose columns run
/// together stays text and is said to be doubtful.
#[test]
fn a_layout_table_comes_back_as_a_table_and_a_run_together_one_is_doubted() {
    let text = "Scheme of Delegation\n\n2. Functions\n\n   Functions delegated to officers\n   Function                        Delegated to          Conditions\n   Determining planning            Head of Planning      Not where ten or more\n   applications                                          objections are received\n   Writing off a debt              Section 151 Officer   Reported each quarter\n   Granting premises licences      Licensing Manager     Where no representation\n\n2.1 Officers report each delegated decision.\n";
    let imported = import_text(text, "x");
    let markdown = &imported.markdown;
    for expected in [
        "Table: Functions delegated to officers",
        "|Function|Delegated to|Conditions|",
        "|Determining planning applications|Head of Planning|Not where ten or more objections are received|",
        "|Writing off a debt|Section 151 Officer|Reported each quarter|",
        "|Granting premises licences|Licensing Manager|Where no representation|",
        "2.1 Officers report each delegated decision.",
    ] {
        assert!(
            markdown.contains(expected),
            "no `{expected}` in\n{markdown}"
        );
    }
    assert!(
        imported.summary.doubts.is_empty(),
        "{:?}",
        imported.summary.doubts
    );

    let run_together = text.replace(
        "   Granting premises licences      Licensing Manager     Where no representation",
        "   Granting premises licences      Licensing Manager Where no representation",
    );
    let imported = import_text(&run_together, "x");
    assert!(
        !imported.markdown.contains("|Function|"),
        "{}",
        imported.markdown
    );
    assert!(
        imported
            .summary
            .doubts
            .iter()
            .any(|d| d.contains("line 6: looks like a table whose columns run together")),
        "{:?}",
        imported.summary.doubts
    );
}

/// A Part or Section only the running header gives is offered for the
/// front matter, and the header is not read as the title.
#[test]
fn the_running_header_gives_the_part_when_nothing_else_does() {
    let text = "Member Officer Protocol                                        Part 5c\n\nMember Officer Protocol\n\n1. Roles\n\n1.1 Officers advise.\n\u{c}Member Officer Protocol                                        Part 5c\n\n1.2 Members decide.\n";
    let imported = import_text(text, "x");
    assert!(
        imported.markdown.contains("part = \"5c\""),
        "{}",
        imported.markdown
    );
    assert!(
        imported
            .markdown
            .contains("title = \"Member Officer Protocol\""),
        "{}",
        imported.markdown
    );
    assert!(
        imported
            .summary
            .front_matter
            .iter()
            .any(|n| n.contains("the running header \"Part 5c\"")),
        "{:?}",
        imported.summary.front_matter
    );
}
