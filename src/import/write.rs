//! Imported blocks to Markdown, through Markdown events and
//! pulldown-cmark-to-cmark, so escaping is never done by hand.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_to_cmark::{Options, cmark_with_options};

use super::{Block, ImportItem};

/// The Markdown body for imported blocks (the title goes to front matter).
pub fn markdown(blocks: &[Block]) -> String {
    let mut events: Vec<Event<'static>> = Vec::new();
    for block in blocks {
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
            Block::List { items } => list(items, &mut events),
        }
    }
    let options = Options {
        list_token: '-',
        newlines_after_list: 2,
        ..Options::default()
    };
    let mut out = String::new();
    if cmark_with_options(events.iter(), &mut out, crate::source::markdown::parser_options(), options).is_err() {
        // The events above are always well formed; keep the text regardless.
        out = blocks_as_plain_text(blocks);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn text_event(text: String) -> Event<'static> {
    Event::Text(CowStr::from(text))
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

fn blocks_as_plain_text(blocks: &[Block]) -> String {
    format!("{blocks:#?}")
}
