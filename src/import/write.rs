//! Imported blocks to Markdown, through Markdown events and
//! pulldown-cmark-to-cmark, so escaping is never done by hand.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_to_cmark::{Options, cmark_with_options};

use super::{Block, ImportItem};

/// The Markdown body for imported blocks (the title goes to front matter).
pub fn markdown(blocks: &[Block]) -> String {
    let mut events: Vec<Event<'static>> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        match block {
            Block::Title(_) => {}
            Block::Heading { label, text } => {
                let text = match label {
                    Some(label) => format!("{label} {text}"),
                    None => text.clone(),
                };
                events.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                events.push(text_event(text));
                events.push(Event::End(TagEnd::Heading(HeadingLevel::H1)));
            }
            Block::Clause { label, text, items } => {
                paragraph(format!("{label} {text}"), &mut events);
                list(items, &mut events);
            }
            Block::Paragraph { text } => paragraph(text.clone(), &mut events),
            Block::Quote { text } => {
                events.push(Event::Start(Tag::BlockQuote(None)));
                paragraph(text.clone(), &mut events);
                events.push(Event::End(TagEnd::BlockQuote(None)));
            }
            Block::List { items } => list(items, &mut events),
            Block::Table {
                caption,
                header,
                rows,
                in_clause,
            } => {
                match in_clause {
                    // Written out whole, caption and all, set in under the clause.
                    true => {
                        let caption = caption.as_ref().map_or(String::new(), |c| {
                            format!("   Table: {}\n\n", escaped_cell(c))
                        });
                        events.push(Event::Html(CowStr::from(format!(
                            "\n\n{caption}{}",
                            indented_table(header, rows)
                        ))));
                    }
                    false => {
                        if let Some(caption) = caption {
                            paragraph(format!("Table: {caption}"), &mut events);
                        }
                        table(header, rows, &mut events);
                    }
                }
            }
            Block::Continuation { text } => {
                // Indented under the clause: one space after its list,
                // which two or more would join to the list's last item.
                let after_list = matches!(
                    blocks[..index].last(),
                    Some(Block::Clause { items, .. }) if !items.is_empty()
                );
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::InlineHtml(CowStr::from(if after_list {
                    " "
                } else {
                    "   "
                })));
                events.push(text_event(text.clone()));
                events.push(Event::End(TagEnd::Paragraph));
            }
        }
    }
    let options = Options {
        list_token: '-',
        newlines_after_list: 2,
        ..Options::default()
    };
    let mut out = String::new();
    if cmark_with_options(
        events.iter(),
        &mut out,
        crate::source::markdown::parser_options(),
        options,
    )
    .is_err()
    {
        // The events above are always well formed; keep the text regardless.
        out = blocks_as_plain_text(blocks);
    }
    let mut out = unescape_labels(&out);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn text_event(text: String) -> Event<'static> {
    Event::Text(CowStr::from(text))
}

/// The serializer escapes a dot after leading digits (`6\.5.`) in case it
/// starts a numbered list. A dot followed by a digit (`6.5`) never can, nor
/// can a dot inside a heading, so those escapes are taken out again to keep
/// labels readable. The round-trip tests parse the result to prove it.
fn unescape_labels(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let content_start = line.len() - line.trim_start_matches([' ', '-', '#']).len();
        let (prefix, content) = line.split_at(content_start);
        let digits = content.bytes().take_while(u8::is_ascii_digit).count();
        let after = &content[digits..];
        let is_heading = prefix.trim_start().starts_with('#');
        let safe = after.starts_with("\\.")
            && digits > 0
            && (after[2..].starts_with(|c: char| c.is_ascii_digit()) || is_heading);
        if safe {
            out.push_str(prefix);
            out.push_str(&content[..digits]);
            out.push_str(&after[1..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

fn paragraph(text: String, events: &mut Vec<Event<'static>>) {
    events.push(Event::Start(Tag::Paragraph));
    events.push(text_event(text));
    events.push(Event::End(TagEnd::Paragraph));
}

/// Nested lists from items with levels: a deeper item opens a list inside
/// the item before it; a level is never skipped.
fn list(items: &[ImportItem], events: &mut Vec<Event<'static>>) {
    let mut depth = 0usize; // open lists
    let mut previous_level = 0usize;
    for item in items {
        if depth == 0 {
            events.push(Event::Start(Tag::List(None)));
            depth = 1;
            previous_level = 0;
        } else {
            let level = item.level.min(previous_level + 1);
            if level == previous_level + 1 {
                events.push(Event::Start(Tag::List(None)));
                depth += 1;
            } else {
                events.push(Event::End(TagEnd::Item));
                while depth > level + 1 {
                    events.push(Event::End(TagEnd::List(false)));
                    events.push(Event::End(TagEnd::Item));
                    depth -= 1;
                }
            }
            previous_level = level;
        }
        let text = match &item.marker {
            Some(marker) => format!("{marker} {}", item.text),
            None => item.text.clone(),
        };
        events.push(Event::Start(Tag::Item));
        events.push(text_event(text));
    }
    if depth > 0 {
        events.push(Event::End(TagEnd::Item));
    }
    while depth > 0 {
        events.push(Event::End(TagEnd::List(false)));
        depth -= 1;
        if depth > 0 {
            events.push(Event::End(TagEnd::Item));
        }
    }
}

/// A cell's text for a pipe table written out: its `|`, `\\` and
/// emphasis marks escaped.
fn escaped_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How many columns a table has: its widest row, at least one.
fn columns(header: &[String], rows: &[Vec<String>]) -> usize {
    rows.iter()
        .map(Vec::len)
        .chain(std::iter::once(header.len()))
        .max()
        .unwrap_or(1)
        .max(1)
}

/// A table of a clause, indented under it by three spaces: a pipe table
/// written out line by line (the Markdown writer cannot indent one).
fn indented_table(header: &[String], rows: &[Vec<String>]) -> String {
    let columns = columns(header, rows);
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..columns)
            .map(|k| row.get(k).map_or(String::new(), |c| escaped_cell(c)))
            .collect();
        format!("   | {} |\n", cells.join(" | "))
    };
    let mut out = line(header);
    out.push_str(&format!("   |{}\n", "---|".repeat(columns)));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

/// A table in the source format: a GFM pipe table, every row padded to the
/// widest.
fn table(header: &[String], rows: &[Vec<String>], events: &mut Vec<Event<'static>>) {
    let columns = columns(header, rows);
    let cells = |row: &[String], events: &mut Vec<Event<'static>>| {
        for k in 0..columns {
            events.push(Event::Start(Tag::TableCell));
            if let Some(text) = row.get(k).filter(|t| !t.is_empty()) {
                events.push(text_event(text.clone()));
            }
            events.push(Event::End(TagEnd::TableCell));
        }
    };
    events.push(Event::Start(Tag::Table(vec![
        pulldown_cmark::Alignment::None;
        columns
    ])));
    events.push(Event::Start(Tag::TableHead));
    cells(header, events);
    events.push(Event::End(TagEnd::TableHead));
    for row in rows {
        events.push(Event::Start(Tag::TableRow));
        cells(row, events);
        events.push(Event::End(TagEnd::TableRow));
    }
    events.push(Event::End(TagEnd::Table));
}

fn blocks_as_plain_text(blocks: &[Block]) -> String {
    format!("{blocks:#?}")
}
