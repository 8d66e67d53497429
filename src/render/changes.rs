//! The change set rendered: JSON, CriticMarkup, terminal text and HTML.
//! Each is a pure function of the [`ChangeSet`].

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;
use tera::Context;

use crate::Error;
use crate::diff::lines::LabelPart;
use crate::diff::units::UnitKind;
use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Change, ChangeSet, FieldChange, Substitution, UnitChange};
use crate::render::links::{Downloads, Format, changes_file};
use crate::render::templates::{Overrides, engine, error_chain};

/// The change model as pretty-printed JSON (see `docs/changes-json.md`).
pub fn json(changes: &ChangeSet) -> String {
    let mut out =
        serde_json::to_string_pretty(changes).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// A one-paragraph summary: how many units changed, and how.
pub fn summary_line(changes: &ChangeSet) -> String {
    let s = &changes.summary;
    let count = |change: Change| s.units.get(&change).copied().unwrap_or(0);
    let changed: usize = s
        .units
        .iter()
        .filter(|(k, _)| **k != Change::Unchanged)
        .map(|(_, n)| n)
        .sum();
    let mut kinds: Vec<String> = [
        Change::Inserted,
        Change::Deleted,
        Change::Edited,
        Change::Moved,
        Change::Split,
        Change::Merged,
        Change::Renumbered,
    ]
    .iter()
    .filter(|k| count(**k) > 0)
    .map(|k| format!("{} {}", count(*k), k.name()))
    .collect();
    if kinds.is_empty() {
        kinds.push("none".to_string());
    }
    format!(
        "{changed} of {} headings, clauses and paragraphs changed ({}); {} with substantive changes, the rest in capitalisation, spacing, punctuation, numbering or place only; {} words removed, {} added",
        changes.units.len(),
        kinds.join(", "),
        s.substantive_units,
        s.words_removed,
        s.words_added
    )
}

fn trivial_summary(changes: &ChangeSet) -> Option<String> {
    let s = &changes.summary.edits;
    let parts: Vec<String> = [
        ChangeClass::Capitalisation,
        ChangeClass::Whitespace,
        ChangeClass::Punctuation,
        ChangeClass::Renumbering,
    ]
    .iter()
    .filter_map(|c| s.get(c).map(|n| format!("{n} {}", c.name())))
    .collect();
    let ignored = changes.summary.ignored_edits;
    match (parts.is_empty(), ignored) {
        (true, 0) => None,
        (_, 0) => Some(format!("Minor edits: {}.", parts.join(", "))),
        (true, n) => Some(format!(
            "{n} minor edits applied without marking (--ignore)."
        )),
        (false, n) => Some(format!(
            "Minor edits: {}; {n} more applied without marking (--ignore).",
            parts.join(", ")
        )),
    }
}

/// The changed details of the document as readers see them: dates written
/// out ("1 April 2023"), as every other page writes them.
pub(crate) fn shown_fields(changes: &ChangeSet) -> Vec<FieldChange> {
    let shown = |value: &Option<String>| {
        value
            .as_ref()
            .map(|v| crate::model::Date::from_iso(v).map_or_else(|| v.clone(), |d| d.long_form()))
    };
    changes
        .front_matter
        .iter()
        .map(|f| FieldChange {
            field: f.field.clone(),
            old: shown(&f.old),
            new: shown(&f.new),
        })
        .collect()
}

/// A unit's name for headings and tables: "6.5", "6.5 → 6.4" when
/// renumbered, "1.1 → unnumbered" when its number was dropped, or the
/// heading's text.
fn unit_title(unit: &UnitChange) -> String {
    let label = |sides: &[crate::diff::UnitSide]| -> Option<String> {
        let side = sides.first()?;
        Some(match (&side.label, unit.kind) {
            (Some(l), UnitKind::Heading) => format!("{} {}", l, side.text),
            (Some(l), _) => l.trim_end_matches('.').to_string(),
            (None, UnitKind::Heading) => side.text.clone(),
            (None, _) => "unnumbered".to_string(),
        })
    };
    match (label(&unit.old), label(&unit.new)) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (_, Some(b)) => b,
        (Some(a), None) => a,
        (None, None) => String::new(),
    }
}

fn classes_text(unit: &UnitChange) -> String {
    unit.classes
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------- text

/// Terminal text: the summary, substitutions, then each changed unit with
/// `[-deleted-]` and `{+inserted+}`, coloured when `colour` is set.
pub fn text(changes: &ChangeSet, colour: bool) -> String {
    let style = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = format!(
        "{} ({}) -> {} ({})\n{}\n",
        changes.old.id,
        changes.old.version,
        changes.new.id,
        changes.new.version,
        summary_line(changes)
    );
    if let Some(minor) = trivial_summary(changes) {
        out.push_str(&format!("{minor}\n"));
    }
    for field in &shown_fields(changes) {
        out.push_str(&format!(
            "front matter {}: {} -> {}\n",
            field.field,
            field.old.as_deref().unwrap_or("(none)"),
            field.new.as_deref().unwrap_or("(none)")
        ));
    }
    let highlights = changes.highlights();
    if !highlights.is_empty() {
        out.push_str("\nWhat changes:\n");
        for highlight in highlights {
            out.push_str(&format!("  - {}\n", highlight.text));
        }
    }
    for group in changes.minor_groups() {
        out.push_str(&format!("  {}: {}\n", group.kind, group.units.join(", ")));
    }
    if !changes.substitutions.is_empty() {
        out.push_str("\nSubstitutions made throughout:\n");
        for s in &changes.substitutions {
            out.push_str(&format!(
                "  \"{}\" -> \"{}\" ({} times: {})\n",
                s.old,
                s.new,
                s.count,
                s.units.join(", ")
            ));
        }
    }
    for unit in changes
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged)
    {
        let section = unit
            .new
            .first()
            .or(unit.old.first())
            .map(|s| s.section.as_str())
            .unwrap_or("");
        let deleted = |s: &str| style("31", &format!("[-{s}-]"));
        let inserted = |s: &str| style("32", &format!("{{+{s}+}}"));
        let label: Vec<String> = match unit.kind {
            UnitKind::Heading => vec![style("1", &unit_title(unit))],
            _ => unit
                .label_parts()
                .into_iter()
                .map(|part| match part {
                    LabelPart::Same(n) => style("1", &n),
                    LabelPart::Old(n) => deleted(&n),
                    LabelPart::New(n) => inserted(&n),
                    LabelPart::Unnumbered => "unnumbered".to_string(),
                })
                .collect(),
        };
        out.push_str(&format!(
            "\n{}{}({}{})\n",
            label.join(" "),
            if label.is_empty() { "" } else { " " },
            change_note(unit),
            if section.is_empty() {
                String::new()
            } else {
                format!("; in {section}")
            },
        ));
        let lines = match unit.kind {
            UnitKind::Heading => Vec::new(),
            _ => unit.lines(),
        };
        let edits: Vec<(usize, bool, Vec<Edit>)> = if lines.is_empty() {
            vec![(0, false, unit.edits.clone())]
        } else {
            lines
                .iter()
                .map(|l| {
                    (
                        l.shape.depth,
                        l.shape.item && !l.shape.lettered,
                        l.shown_edits(),
                    )
                })
                .collect()
        };
        for (depth, bullet, edits) in edits {
            out.push_str(&"  ".repeat(depth));
            if bullet {
                out.push_str("- ");
            }
            for edit in &edits {
                match edit {
                    Edit::Equal { text } => out.push_str(text),
                    Edit::Delete { text, .. } => out.push_str(&deleted(text)),
                    Edit::Insert { text, .. } => out.push_str(&inserted(text)),
                    Edit::Replace { old, new, .. } => {
                        out.push_str(&deleted(old));
                        out.push_str(&inserted(new));
                    }
                }
            }
            out.push('\n');
        }
    }
    for moved in changes.moved_away() {
        let unit = &changes.units[moved.unit];
        out.push_str(&format!(
            "\n{} (moved to {})\n",
            style("31", &format!("[-{}-]", old_name(unit))),
            new_name(unit)
        ));
    }
    out
}

// ---------------------------------------------------------------- CriticMarkup

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
        format!(
            "From {} to {}. {}.",
            changes.old.version,
            changes.new.version,
            summary_line(changes)
        ),
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
    let mut away = changes.moved_away().into_iter().peekable();
    for (i, unit) in changes.units.iter().enumerate() {
        while let Some(moved) = away.next_if(|m| m.before <= i) {
            let unit = &changes.units[moved.unit];
            events.push(Event::Start(Tag::Paragraph));
            marked(&mut events, "{--", &old_name(unit), "--}");
            comment(&mut events, &format!("moved to {}", new_name(unit)));
            events.push(Event::End(TagEnd::Paragraph));
        }
        if unit.kind == UnitKind::Heading {
            events.push(Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            if let Some(label) = unit
                .new
                .first()
                .or(unit.old.first())
                .and_then(|s| s.label.clone())
            {
                push_text(&mut events, &format!("{label} "));
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
        for (k, line) in unit.lines().into_iter().enumerate() {
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
        }
        while let Some(item_open) = open.pop() {
            if item_open {
                events.push(Event::End(TagEnd::Item));
            }
            events.push(Event::End(TagEnd::List(false)));
        }
    }
    for moved in away {
        let unit = &changes.units[moved.unit];
        events.push(Event::Start(Tag::Paragraph));
        marked(&mut events, "{--", &old_name(unit), "--}");
        comment(&mut events, &format!("moved to {}", new_name(unit)));
        events.push(Event::End(TagEnd::Paragraph));
    }
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

// ---------------------------------------------------------------- HTML

/// A row of the summary table.
#[derive(Debug, Serialize)]
struct SummaryRow {
    href: String,
    old_label: String,
    new_label: String,
    change: String,
    classes: String,
    words_removed: usize,
    words_added: usize,
    substantive: bool,
}

/// A unit as the page shows it.
#[derive(Debug, Serialize)]
struct UnitView {
    id: String,
    is_heading: bool,
    title: String,
    /// The number, old struck and new inserted where it changed.
    label_html: String,
    change: String,
    /// What happened, as the note beside the number says.
    note: String,
    changed: bool,
    /// Escaped HTML with `<del>` and `<ins>`: a heading's text, or a
    /// unit's paragraphs and lists.
    html: String,
}

/// The tracked changes as templates see them (the `clerk.changes` component).
#[derive(Debug, Serialize)]
pub struct ChangesView<'a> {
    old: &'a crate::diff::Version,
    new: &'a crate::diff::Version,
    summary: String,
    minor: Option<String>,
    front_matter: Vec<FieldChange>,
    sections: &'a [crate::diff::SectionChange],
    rows: Vec<SummaryRow>,
    substitutions: &'a [Substitution],
    /// Each substantive change in a line, linked to it.
    highlights: Vec<HighlightView>,
    /// Minor changes, one line per kind.
    minor_groups: Vec<crate::diff::highlights::MinorGroup>,
    units: Vec<UnitView>,
}

#[derive(Debug, Serialize)]
struct HighlightView {
    href: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct ChangesPage<'a> {
    meta: crate::render::view::PageMeta,
    changes: ChangesView<'a>,
    /// The same changes as PDF, when published beside this page.
    pdf_href: Option<String>,
}

/// The view of a change set; unit anchors are `{prefix}u-1`, `{prefix}u-2`...
pub fn changes_view<'a>(changes: &'a ChangeSet, prefix: &str) -> ChangesView<'a> {
    let mut away = changes.moved_away().into_iter().peekable();
    let mut units: Vec<UnitView> = Vec::new();
    for (i, unit) in changes.units.iter().enumerate() {
        while let Some(moved) = away.next_if(|m| m.before <= i) {
            units.push(moved_away_view(
                &changes.units[moved.unit],
                moved.unit,
                prefix,
            ));
        }
        units.push(UnitView {
            id: format!("{prefix}u-{}", i + 1),
            is_heading: unit.kind == UnitKind::Heading,
            title: unit_title(unit),
            label_html: label_html(unit),
            change: unit.change.name().to_string(),
            note: change_note(unit),
            changed: unit.change != Change::Unchanged,
            html: if unit.kind == UnitKind::Heading {
                edits_html(&unit.edits)
            } else {
                unit_html(unit)
            },
        });
    }
    for moved in away {
        units.push(moved_away_view(
            &changes.units[moved.unit],
            moved.unit,
            prefix,
        ));
    }
    let rows = changes
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.change != Change::Unchanged)
        .map(|(i, unit)| SummaryRow {
            href: format!("#{prefix}u-{}", i + 1),
            old_label: side_label(
                unit.old.first().and_then(|s| s.label.as_deref()),
                !unit.old.is_empty(),
            ),
            new_label: side_label(
                unit.new.first().and_then(|s| s.label.as_deref()),
                !unit.new.is_empty(),
            ),
            change: unit.change.name().to_string(),
            classes: classes_text(unit),
            words_removed: unit.words_removed,
            words_added: unit.words_added,
            substantive: unit.is_substantive(),
        })
        .collect();
    ChangesView {
        old: &changes.old,
        new: &changes.new,
        summary: summary_line(changes),
        minor: trivial_summary(changes),
        front_matter: shown_fields(changes),
        highlights: changes
            .highlights()
            .into_iter()
            .map(|h| HighlightView {
                href: format!("#{prefix}u-{}", h.unit + 1),
                text: h.text,
            })
            .collect(),
        minor_groups: changes.minor_groups(),
        sections: &changes.sections,
        rows,
        substitutions: &changes.substitutions,
        units,
    }
}

/// A standalone HTML page of the tracked changes.
pub fn html(changes: &ChangeSet) -> Result<String, Error> {
    html_page(
        changes,
        None,
        &engine(None, &Overrides::default())?,
        &Downloads::none(),
        "",
    )
}

/// The tracked-changes page, for a council's site (`root` leads to the
/// output root) or standalone (`council` is `None`); `downloads` says
/// whether the PDF of the same changes is published beside it.
pub fn html_page(
    changes: &ChangeSet,
    council: Option<&crate::model::Council>,
    tera: &tera::Tera,
    downloads: &Downloads,
    root: &str,
) -> Result<String, Error> {
    let title = format!("Tracked changes: {}", changes.new.title);
    let mut meta = crate::render::html::page_meta(&title, "en-GB", root, council);
    if council.is_none() {
        meta = meta.standalone();
    }
    let page = ChangesPage {
        meta,
        changes: changes_view(changes, ""),
        pdf_href: downloads.pdf(changes_file(&changes.new.id, Format::Pdf)),
    };
    let context = Context::from_serialize(&page).map_err(|e| Error::new(error_chain(&e)))?;
    let html = tera.render("changes.html", &context).map_err(|e| {
        Error::new(format!(
            "cannot render the tracked changes: {}",
            error_chain(&e)
        ))
    })?;
    Ok(crate::render::html::tidy(&html))
}

fn side_label(label: Option<&str>, present: bool) -> String {
    match (label, present) {
        (Some(l), _) => l.trim_end_matches('.').to_string(),
        (None, true) => "unnumbered".to_string(),
        (None, false) => "—".to_string(),
    }
}

/// Edits as HTML: `<del>` and `<ins>` with a hidden text cue, so the change
/// is announced by screen readers and kept in print, not shown by colour alone.
/// What happened to a unit, as its note says: "edited: substantive",
/// "moved from 4.5".
pub(crate) fn change_note(unit: &UnitChange) -> String {
    let mut note = unit.change.name().to_string();
    if unit.change == Change::Moved {
        note.push_str(&format!(" from {}", old_name(unit)));
    }
    let classes: Vec<&str> = unit
        .classes
        .iter()
        .filter(|c| **c != ChangeClass::Moved)
        .map(|c| c.name())
        .collect();
    if !classes.is_empty() {
        note.push_str(&format!(": {}", classes.join(", ")));
    }
    note
}

/// The old number of a unit, or its first words when it had none.
pub(crate) fn old_name(unit: &UnitChange) -> String {
    match unit.old.first() {
        Some(side) => match &side.label {
            Some(label) => label.trim_end_matches('.').to_string(),
            None => {
                let words: Vec<&str> = side.text.split_whitespace().take(5).collect();
                format!("\u{201c}{} \u{2026}\u{201d}", words.join(" "))
            }
        },
        None => String::new(),
    }
}

/// The new number of a unit, or "its new place" when it has none.
pub(crate) fn new_name(unit: &UnitChange) -> String {
    unit.new
        .first()
        .and_then(|s| s.label.as_deref())
        .map_or("its new place".to_string(), |l| {
            l.trim_end_matches('.').to_string()
        })
}

/// Where a moved unit stood: its old number struck, and where it went.
fn moved_away_view(unit: &UnitChange, index: usize, prefix: &str) -> UnitView {
    let mut label = String::new();
    if let Some(old) = unit.old.first().and_then(|s| s.label.as_deref()) {
        tagged(
            &mut label,
            "del",
            ChangeClass::Moved,
            old.trim_end_matches('.'),
        );
    }
    let mut html = String::from("<p class=\"moved-away\">Moved to ");
    html.push_str(&format!("<a href=\"#{prefix}u-{}\">", index + 1));
    push_escaped(&mut html, &new_name(unit));
    html.push_str("</a>.</p>");
    UnitView {
        id: format!("{prefix}u-{}-was", index + 1),
        is_heading: false,
        title: format!("{} (moved)", old_name(unit)),
        label_html: label,
        change: "moved-away".to_string(),
        note: format!("moved to {}", new_name(unit)),
        changed: true,
        html,
    }
}

/// One version's text of a unit, its line breaks kept, with the words the
/// revision takes out struck (`new` unset) or the words it puts in marked
/// (`new` set): the two columns of a current and proposed wording table.
pub(crate) fn side_html(unit: &UnitChange, new: bool) -> String {
    let mut lines = Vec::new();
    for line in unit.lines() {
        let mut html = String::new();
        for edit in &line.edits {
            match (edit, new) {
                (Edit::Equal { text }, _) => push_escaped(&mut html, text),
                (Edit::Delete { text, class }, false) | (Edit::Insert { text, class }, true) => {
                    tagged(&mut html, if new { "ins" } else { "del" }, *class, text)
                }
                (Edit::Replace { old, class, .. }, false) => tagged(&mut html, "del", *class, old),
                (
                    Edit::Replace {
                        new: text, class, ..
                    },
                    true,
                ) => tagged(&mut html, "ins", *class, text),
                _ => {}
            }
        }
        let has_text = line
            .edits
            .iter()
            .any(|e| !(if new { e.new_text() } else { e.old_text() }).is_empty());
        if has_text {
            lines.push(html);
        }
    }
    lines.join("<br>")
}

/// A unit's number: "4.1", or the old struck and the new inserted.
fn label_html(unit: &UnitChange) -> String {
    let mut out = String::new();
    for (i, part) in unit.label_parts().into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match part {
            LabelPart::Same(n) => push_escaped(&mut out, &n),
            LabelPart::Old(n) => tagged(&mut out, "del", ChangeClass::Renumbering, &n),
            LabelPart::New(n) => tagged(&mut out, "ins", ChangeClass::Renumbering, &n),
            LabelPart::Unnumbered => out.push_str("<span class=\"unnumbered\">unnumbered</span>"),
        }
    }
    out
}

/// A unit's text with its changes marked, in the document's own structure:
/// paragraphs, and lists (lettered or bulleted, nested) of items, as the
/// document's page sets them.
fn unit_html(unit: &UnitChange) -> String {
    let mut out = String::new();
    // The lists open at each depth, and whether an item is open in each.
    let mut open: Vec<(&'static str, bool)> = Vec::new();
    let close_to = |out: &mut String, open: &mut Vec<(&'static str, bool)>, depth: usize| {
        while open.len() > depth {
            let (tag, item_open) = open.pop().expect("an open list");
            if item_open {
                out.push_str("</li>");
            }
            out.push_str(&format!("</{tag}>\n"));
        }
    };
    for line in unit.lines() {
        let shape = line.shape;
        let html = edits_html(&line.shown_edits());
        let class = if line.is_changed() {
            " class=\"changed-line\""
        } else {
            ""
        };
        if shape.depth == 0 {
            close_to(&mut out, &mut open, 0);
            if shape.quote {
                out.push_str(&format!("<blockquote><p{class}>{html}</p></blockquote>\n"));
            } else {
                out.push_str(&format!("<p{class}>{html}</p>\n"));
            }
            continue;
        }
        close_to(&mut out, &mut open, shape.depth);
        while open.len() < shape.depth {
            let tag = if shape.lettered { "ol" } else { "ul" };
            if shape.lettered {
                out.push_str("<ol class=\"items lettered\" role=\"list\">\n");
            } else {
                out.push_str("<ul class=\"items\">\n");
            }
            open.push((tag, false));
        }
        let (_, item_open) = open.last_mut().expect("a list at this depth");
        if shape.item || !*item_open {
            if *item_open {
                out.push_str("</li>\n");
            }
            out.push_str(&format!("<li{class}>{html}"));
            *item_open = true;
        } else {
            out.push_str(&format!("<p{class}>{html}</p>"));
        }
    }
    close_to(&mut out, &mut open, 0);
    out
}

fn edits_html(edits: &[Edit]) -> String {
    let mut out = String::new();
    for edit in edits {
        match edit {
            Edit::Equal { text } => push_escaped(&mut out, text),
            Edit::Delete { text, class } => tagged(&mut out, "del", *class, text),
            Edit::Insert { text, class } => tagged(&mut out, "ins", *class, text),
            Edit::Replace { old, new, class } => {
                tagged(&mut out, "del", *class, old);
                tagged(&mut out, "ins", *class, new);
            }
        }
    }
    out
}

fn tagged(out: &mut String, tag: &str, class: ChangeClass, text: &str) {
    let cue = if tag == "del" { "deleted" } else { "inserted" };
    out.push_str(&format!(
        "<{tag} class=\"{}\"><span class=\"cue\">[{cue}: </span>",
        class.name()
    ));
    push_escaped(out, text);
    out.push_str(&format!("<span class=\"cue\">]</span></{tag}>"));
}

fn push_escaped(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        let _ = escape_html(&mut *out, line);
    }
}
