//! The tracked changes as Markdown with CriticMarkup.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::diff::lines::LabelPart;
use crate::diff::units::UnitKind;
use crate::diff::words::Edit;
use crate::diff::{Change, ChangeSet};
use crate::render::present::changes::{
    Stop, cells, change_note, new_name, old_name, outline, shown_fields, shown_label_parts,
    summary_line, versions_line,
};

/// The revised document as Markdown with CriticMarkup: `{++inserted++}`,
/// `{--deleted--}`, `{~~old~>new~~}`. The markers go out as raw inline
/// content so the serializer leaves them alone; the words are escaped.
pub fn critic_markup(changes: &ChangeSet) -> String {
    let mut events: Vec<Event<'static>> = Vec::new();
    let heading = |events: &mut Vec<Event<'static>>, level: HeadingLevel, text: String| {
        events.push(Event::Start(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        events.push(Event::Text(CowStr::from(text)));
        events.push(Event::End(TagEnd::Heading(level)));
    };
    heading(
        &mut events,
        HeadingLevel::H1,
        format!("Tracked changes: {}", changes.new.title),
    );
    paragraph(
        &mut events,
        format!("{} {}.", versions_line(changes), summary_line(changes)),
    );
    if !changes.front_matter.is_empty() || !changes.substitutions.is_empty() {
        events.push(Event::Start(Tag::List(None)));
        for field in &shown_fields(changes) {
            events.push(Event::Start(Tag::Item));
            push_text(&mut events, &format!("{}: ", field.field));
            critic_edit(
                &mut events,
                field.old.as_deref().unwrap_or(""),
                field.new.as_deref().unwrap_or(""),
            );
            events.push(Event::End(TagEnd::Item));
        }
        for substitution in &changes.substitutions {
            events.push(Event::Start(Tag::Item));
            critic_edit(&mut events, &substitution.old, &substitution.new);
            push_text(
                &mut events,
                &format!(
                    " throughout: {} times ({})",
                    substitution.count,
                    substitution.units.join(", ")
                ),
            );
            events.push(Event::End(TagEnd::Item));
        }
        events.push(Event::End(TagEnd::List(false)));
    }
    let highlights = changes.highlights();
    if !highlights.is_empty() {
        heading(&mut events, HeadingLevel::H2, "What changes".to_string());
        events.push(Event::Start(Tag::List(None)));
        for highlight in highlights {
            events.push(Event::Start(Tag::Item));
            push_text(&mut events, &highlight.text);
            events.push(Event::End(TagEnd::Item));
        }
        events.push(Event::End(TagEnd::List(false)));
    }
    let comment = |events: &mut Vec<Event<'static>>, text: &str| {
        events.push(Event::InlineHtml(CowStr::from("{>> ")));
        push_text(events, text);
        events.push(Event::InlineHtml(CowStr::from(" <<}")));
    };
    // Rows of a table waiting to be written: a table is written whole.
    let mut rows = TableRows::default();
    for stop in outline(changes) {
        if let Stop::Unit { unit, .. } = stop
            && unit.kind == UnitKind::Row
        {
            for line in unit.lines() {
                let row = TableRow {
                    header: line.shape.header,
                    note: matches!(unit.change, Change::Moved | Change::Split | Change::Merged)
                        .then(|| change_note(unit)),
                    cells: cells(&line.shown_edits()),
                };
                rows.push(&mut events, row);
            }
            continue;
        }
        rows.flush(&mut events);
        let unit = match stop {
            Stop::MovedAway { unit, .. } => {
                events.push(Event::Start(Tag::Paragraph));
                marked(&mut events, "{--", &old_name(unit), "--}");
                comment(&mut events, &format!("moved to {}", new_name(unit)));
                events.push(Event::End(TagEnd::Paragraph));
                continue;
            }
            Stop::Unit { unit, .. } => unit,
        };
        if unit.kind == UnitKind::Heading {
            events.push(Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            // Its number as a clause's: the old struck, the new inserted.
            for part in shown_label_parts(unit) {
                match part {
                    LabelPart::Same(n) => push_text(&mut events, &n),
                    LabelPart::Old(n) => marked(&mut events, "{--", &n, "--}"),
                    LabelPart::New(n) => marked(&mut events, "{++", &n, "++}"),
                    LabelPart::Unnumbered => comment(&mut events, "unnumbered"),
                }
                events.push(Event::Text(CowStr::from(" ")));
            }
            critic_edits(&mut events, &unit.edits);
            events.push(Event::End(TagEnd::Heading(HeadingLevel::H2)));
            continue;
        }
        // The number, then what happened when the text alone does not say.
        let mut head: Vec<Event<'static>> = Vec::new();
        for part in unit.label_parts() {
            match part {
                LabelPart::Same(n) => push_text(&mut head, &n),
                LabelPart::Old(n) => marked(&mut head, "{--", &n, "--}"),
                LabelPart::New(n) => marked(&mut head, "{++", &n, "++}"),
                LabelPart::Unnumbered => comment(&mut head, "unnumbered"),
            }
            head.push(Event::Text(CowStr::from(" ")));
        }
        if matches!(unit.change, Change::Moved | Change::Split | Change::Merged) {
            comment(&mut head, &change_note(unit));
            head.push(Event::Text(CowStr::from(" ")));
        }
        let mut open: Vec<bool> = Vec::new();
        let mut after_list = false;
        for (k, line) in unit.lines().into_iter().enumerate() {
            // A table in the clause: its rows are written as a table.
            if line.shape.row {
                let row = TableRow {
                    header: line.shape.header,
                    note: None,
                    cells: cells(&line.shown_edits()),
                };
                rows.push(&mut events, row);
                continue;
            }
            rows.flush(&mut events);
            let depth = line.shape.depth;
            while open.len() > depth {
                if open.pop() == Some(true) {
                    events.push(Event::End(TagEnd::Item));
                }
                events.push(Event::End(TagEnd::List(false)));
            }
            while open.len() < depth {
                events.push(Event::Start(Tag::List(None)));
                open.push(false);
            }
            if depth == 0 {
                events.push(Event::Start(Tag::Paragraph));
                // A clause's further paragraph is indented, as in its
                // source: by one space after a list, which two would join
                // to the list's last item.
                // (A split or merged unit's lines may be blocks of their own.)
                if k > 0
                    && unit.kind == UnitKind::Clause
                    && !matches!(unit.change, Change::Split | Change::Merged)
                {
                    let indent = if after_list { " " } else { "   " };
                    events.push(Event::InlineHtml(CowStr::from(indent)));
                }
            } else {
                let item_open = open.last_mut().expect("a list");
                if *item_open {
                    events.push(Event::End(TagEnd::Item));
                }
                events.push(Event::Start(Tag::Item));
                *item_open = true;
            }
            if k == 0 {
                events.append(&mut head);
            }
            critic_edits(&mut events, &line.shown_edits());
            if depth == 0 {
                events.push(Event::End(TagEnd::Paragraph));
            }
            after_list = depth > 0;
        }
        while let Some(item_open) = open.pop() {
            if item_open {
                events.push(Event::End(TagEnd::Item));
            }
            events.push(Event::End(TagEnd::List(false)));
        }
    }
    rows.flush(&mut events);
    let mut out = String::new();
    let options = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        ..Default::default()
    };
    let _ = pulldown_cmark_to_cmark::cmark_with_options(
        events.iter(),
        &mut out,
        crate::source::markdown::parser_options(),
        options,
    );
    out.push('\n');
    out
}

/// The rows of a table, gathered until the table ends, then written as a
/// GFM table with the changes marked inside its cells.
#[derive(Default)]
struct TableRows {
    rows: Vec<TableRow>,
}

/// One row of a table in the tracked changes.
struct TableRow {
    header: bool,
    /// What happened to the row when its cells do not say (a move).
    note: Option<String>,
    cells: Vec<Vec<Edit>>,
}

impl TableRows {
    /// Adds a row; a header row starts a new table.
    fn push(&mut self, events: &mut Vec<Event<'static>>, row: TableRow) {
        if row.header {
            self.flush(events);
        }
        self.rows.push(row);
    }

    /// Writes the table gathered so far, if any.
    fn flush(&mut self, events: &mut Vec<Event<'static>>) {
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
        events.push(Event::Start(Tag::Table(vec![
            pulldown_cmark::Alignment::None;
            columns
        ])));
        let body = match rows.first() {
            Some(first) if first.header => &rows[1..],
            _ => &rows[..],
        };
        events.push(Event::Start(Tag::TableHead));
        if let Some(head) = rows.first().filter(|r| r.header) {
            table_cells(events, head, columns);
        } else {
            (0..columns).for_each(|_| {
                events.push(Event::Start(Tag::TableCell));
                events.push(Event::End(TagEnd::TableCell));
            });
        }
        events.push(Event::End(TagEnd::TableHead));
        for row in body {
            events.push(Event::Start(Tag::TableRow));
            table_cells(events, row, columns);
            events.push(Event::End(TagEnd::TableRow));
        }
        events.push(Event::End(TagEnd::Table));
    }
}

/// A row's cells, padded to `columns`; a note goes in the first.
fn table_cells(events: &mut Vec<Event<'static>>, row: &TableRow, columns: usize) {
    for k in 0..columns {
        events.push(Event::Start(Tag::TableCell));
        if k == 0
            && let Some(note) = &row.note
        {
            events.push(Event::InlineHtml(CowStr::from("{>> ")));
            push_text(events, note);
            events.push(Event::InlineHtml(CowStr::from(" <<} ")));
        }
        if let Some(edits) = row.cells.get(k) {
            critic_edits(events, edits);
        }
        events.push(Event::End(TagEnd::TableCell));
    }
}

/// Edits as CriticMarkup.
fn critic_edits(events: &mut Vec<Event<'static>>, edits: &[Edit]) {
    for edit in edits {
        match edit {
            Edit::Equal { text } => push_text(events, text),
            Edit::Delete { text, .. } => marked(events, "{--", text, "--}"),
            Edit::Insert { text, .. } => marked(events, "{++", text, "++}"),
            Edit::Replace { old, new, .. } => critic_edit(events, old, new),
        }
    }
}

/// `old` replaced by `new` as CriticMarkup.
fn critic_edit(events: &mut Vec<Event<'static>>, old: &str, new: &str) {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => marked(events, "{++", new, "++}"),
        (_, true) => marked(events, "{--", old, "--}"),
        _ => {
            events.push(Event::InlineHtml(CowStr::from("{~~")));
            push_text(events, old);
            events.push(Event::InlineHtml(CowStr::from("~>")));
            push_text(events, new);
            events.push(Event::InlineHtml(CowStr::from("~~}")));
        }
    }
}

fn paragraph(events: &mut Vec<Event<'static>>, text: String) {
    events.push(Event::Start(Tag::Paragraph));
    events.push(Event::Text(CowStr::from(text)));
    events.push(Event::End(TagEnd::Paragraph));
}

fn marked(events: &mut Vec<Event<'static>>, open: &'static str, text: &str, close: &'static str) {
    events.push(Event::InlineHtml(CowStr::from(open)));
    push_text(events, text);
    events.push(Event::InlineHtml(CowStr::from(close)));
}

/// Text with its line breaks (items of a clause) kept as soft breaks.
fn push_text(events: &mut Vec<Event<'static>>, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            events.push(Event::SoftBreak);
        }
        if !line.is_empty() {
            events.push(Event::Text(CowStr::from(line.to_string())));
        }
    }
}
