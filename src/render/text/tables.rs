//! The tables of destinations and origins as terminal text, Markdown and
//! JSON: where each unit of the existing version went, and where each
//! unit of the revised version came from.

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use crate::diff::ChangeSet;
use crate::diff::dispositions::Dispositions;
use crate::render::present::changes::versions_line;
use crate::render::present::tables::{INTRO, KEPT, kept, tables as both};

/// The two tables as text for a terminal: a line per unit.
pub fn tables_text(changes: &ChangeSet, tables: &Dispositions) -> String {
    let mut out = format!(
        "{} -> {}\n{}\n",
        changes.old.id,
        changes.new.id,
        versions_line(changes)
    );
    for (title, rows) in [
        (
            "Destinations: where each existing unit went",
            &tables.destinations,
        ),
        (
            "Origins: where each revised unit came from",
            &tables.origins,
        ),
    ] {
        out.push_str(&format!("\n{title}\n"));
        let width = rows
            .iter()
            .map(|d| d.unit.chars().count())
            .max()
            .unwrap_or(0);
        for row in rows {
            let kept = match row.counterparts.is_empty() {
                true => String::new(),
                false => format!(" ({} of the wording kept)", kept(row)),
            };
            out.push_str(&format!(
                "  {:width$}  {}{kept}\n",
                row.unit, row.disposition
            ));
        }
    }
    out
}

/// The two tables as Markdown tables, each unit linked to nothing (a
/// Markdown file stands alone).
pub fn tables_markdown(changes: &ChangeSet, tables: &Dispositions) -> String {
    let mut events: Vec<Event<'static>> = Vec::new();
    let text = |events: &mut Vec<Event<'static>>, text: String| {
        events.push(Event::Text(CowStr::from(text)))
    };
    let heading = |events: &mut Vec<Event<'static>>, level: HeadingLevel, title: String| {
        events.push(Event::Start(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        events.push(Event::Text(CowStr::from(title)));
        events.push(Event::End(TagEnd::Heading(level)));
    };
    heading(
        &mut events,
        HeadingLevel::H1,
        format!("Destinations and origins: {}", changes.new.title),
    );
    events.push(Event::Start(Tag::Paragraph));
    text(&mut events, versions_line(changes));
    events.push(Event::End(TagEnd::Paragraph));
    events.push(Event::Start(Tag::Paragraph));
    text(&mut events, INTRO.to_string());
    events.push(Event::End(TagEnd::Paragraph));
    for table in both(tables) {
        let (title, head, rows) = (table.title, [table.side, table.what, KEPT], &table.rows);
        heading(&mut events, HeadingLevel::H2, title.to_string());
        events.push(Event::Start(Tag::Table(vec![Alignment::None; 3])));
        events.push(Event::Start(Tag::TableHead));
        for cell in head {
            events.push(Event::Start(Tag::TableCell));
            text(&mut events, cell.to_string());
            events.push(Event::End(TagEnd::TableCell));
        }
        events.push(Event::End(TagEnd::TableHead));
        for row in rows {
            events.push(Event::Start(Tag::TableRow));
            for cell in [row.unit.clone(), row.disposition.clone(), kept(row)] {
                events.push(Event::Start(Tag::TableCell));
                text(&mut events, cell);
                events.push(Event::End(TagEnd::TableCell));
            }
            events.push(Event::End(TagEnd::TableRow));
        }
        events.push(Event::End(TagEnd::Table));
    }
    let mut out = String::new();
    let _ = pulldown_cmark_to_cmark::cmark(
        events.iter(),
        &mut out,
        crate::source::markdown::parser_options(),
    );
    out.push('\n');
    out
}

#[derive(Serialize)]
struct TablesJson<'a> {
    old: &'a str,
    new: &'a str,
    #[serde(flatten)]
    tables: &'a Dispositions,
}

/// The two tables as pretty-printed JSON.
pub fn tables_json(changes: &ChangeSet, tables: &Dispositions) -> String {
    let value = TablesJson {
        old: &changes.old.id,
        new: &changes.new.id,
        tables,
    };
    let mut out =
        serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
