//! The tracked changes as HTML: the view templates see, and the page.

use pulldown_cmark_escape::escape_html;
use serde::Serialize;
use tera::Context;

use crate::Error;
use crate::diff::lines::LabelPart;
use crate::diff::units::UnitKind;
use crate::diff::words::{ChangeClass, Edit};
use crate::diff::{Change, ChangeSet, FieldChange, Substitution, UnitChange};
use crate::render::html::templates::error_chain;
use crate::render::present::changes::{
    Stop, cells, change_note, classes_text, new_name, old_name, outline, shown_fields,
    shown_label_parts, side_name, summary_line, trivial_summary, unit_title,
};
use crate::render::present::links::{Downloads, Format, changes_file};

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
    meta: crate::render::html::view::PageMeta,
    changes: ChangesView<'a>,
    /// For a rewrite, the tables of where each unit went and came from.
    tables: Vec<crate::render::present::tables::Table>,
    /// The same changes as PDF, when published beside this page.
    pdf_href: Option<String>,
    /// The same changes as Word revisions, when published.
    word_href: Option<String>,
}

/// The view of a change set; unit anchors are `{prefix}u-1`, `{prefix}u-2`...
pub fn changes_view<'a>(changes: &'a ChangeSet, prefix: &str) -> ChangesView<'a> {
    let mut units: Vec<UnitView> = Vec::new();
    for stop in outline(changes) {
        let (i, unit) = match stop {
            Stop::MovedAway { index, unit } => {
                units.push(moved_away_view(unit, index, prefix));
                continue;
            }
            Stop::Unit { index, unit } => (index, unit),
        };
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
    let rows = changes
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.change != Change::Unchanged)
        .map(|(i, unit)| SummaryRow {
            href: format!("#{prefix}u-{}", i + 1),
            old_label: side_name(unit, &unit.old),
            new_label: side_name(unit, &unit.new),
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

/// A standalone HTML page of the tracked changes, rendered with `tera`
/// (the built-in templates, or a council's own).
pub fn standalone_changes_page(changes: &ChangeSet, tera: &tera::Tera) -> Result<String, Error> {
    changes_page(changes, None, tera, &Downloads::none(), "")
}

/// The tracked-changes page, for a council's site (`root` leads to the
/// output root) or standalone (`council` is `None`); `downloads` says
/// whether the PDF of the same changes is published beside it.
pub fn changes_page(
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
    let tables = match crate::render::present::changes::is_rewrite(changes) {
        true => crate::render::present::tables::tables(&changes.dispositions()).into(),
        false => Vec::new(),
    };
    let page = ChangesPage {
        meta,
        changes: changes_view(changes, ""),
        tables,
        pdf_href: downloads.pdf(changes_file(&changes.new.id, Format::Pdf)),
        word_href: downloads.word(changes_file(&changes.new.id, Format::Docx)),
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

/// Edits as HTML: `<del>` and `<ins>` with a hidden text cue, so the change
/// is announced by screen readers and kept in print, not shown by colour alone.
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
    for (i, part) in shown_label_parts(unit).into_iter().enumerate() {
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
    // Whether a table of rows is open.
    let mut table = false;
    for line in unit.lines() {
        let shape = line.shape;
        let class = if line.is_changed() {
            " class=\"changed-line\""
        } else {
            ""
        };
        if table && (!shape.row || shape.header) {
            out.push_str(TABLE_END);
            table = false;
        }
        if shape.row {
            close_to(&mut out, &mut open, 0);
            if !table {
                out.push_str(TABLE_START);
                table = true;
            }
            let cell = if shape.header {
                "th scope=\"col\""
            } else {
                "td"
            };
            let end = if shape.header { "th" } else { "td" };
            out.push_str(&format!("<tr{class}>"));
            for edits in cells(&line.shown_edits()) {
                out.push_str(&format!("<{cell}>{}</{end}>", edits_html(&edits)));
            }
            out.push_str("</tr>\n");
            continue;
        }
        let html = edits_html(&line.shown_edits());
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
    if table {
        out.push_str(TABLE_END);
    }
    out
}

/// A table of changed rows, scrolling on its own on a narrow screen.
const TABLE_START: &str = "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n<table class=\"tracked-table\">\n";
const TABLE_END: &str = "</table>\n</div>\n";

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

/// The tables of destinations and origins as a page of its own.
pub fn tables_page(
    changes: &ChangeSet,
    tables: &crate::diff::dispositions::Dispositions,
    tera: &tera::Tera,
) -> Result<String, Error> {
    #[derive(Serialize)]
    struct TablesPage {
        meta: crate::render::html::view::PageMeta,
        title: String,
        versions: String,
        tables: Vec<crate::render::present::tables::Table>,
    }
    let title = format!("Destinations and origins: {}", changes.new.title);
    let page = TablesPage {
        meta: crate::render::html::page_meta(&title, "en-GB", "", None).standalone(),
        title,
        versions: crate::render::present::changes::versions_line(changes),
        tables: crate::render::present::tables::tables(tables).into(),
    };
    let context = Context::from_serialize(&page).map_err(|e| Error::new(error_chain(&e)))?;
    tera.render("tables.html", &context).map_err(|e| {
        Error::new(format!(
            "cannot render the tables of destinations and origins: {}",
            error_chain(&e)
        ))
    })
}
