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
