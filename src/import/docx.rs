//! A Word file (.docx) read as the text the importer reads: each paragraph
//! on its own line with a blank line after it, as Word's own plain-text
//! export gives it, but with what the plain text loses put back: heading
//! styles as headings, and Word's automatic numbering computed to the label
//! a reader sees ("4.1", "(a)", a bullet), nested by its level.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The text of a Word file, and what reading it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordText {
    pub text: String,
    pub paragraphs: usize,
    /// Paragraphs whose label or bullet came from Word's numbering.
    pub numbered: usize,
    /// Whether the file holds tracked changes (insertions, deletions, moves).
    pub tracked_changes: bool,
    /// Table cells merged with the one beside or above them: the merged
    /// cell's text is in its first cell, the others come in empty.
    pub merged_cells: usize,
}

/// One level of a Word list: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
    /// The paragraph style this level is linked to (`w:pStyle`), such as
    /// `Heading2`: a paragraph of that style is numbered at this level.
    style: String,
    /// `w:lvlRestart`, one-based: the number counts again from its start
    /// after a use of a level above this one: by default any level above,
    /// `Some(n)` only levels 1 to n, `Some(0)` never.
    restart_below: Option<usize>,
}

/// A list as paragraphs use it (`w:num`): the abstract list whose counts it
/// shares with every other list over the same one, as Word counts them,
/// and the levels it starts again (`w:startOverride`) where first used.
#[derive(Debug, Clone, Default)]
struct List {
    counted_as: String,
    levels: Vec<Level>,
    restarts: Vec<usize>,
}

/// What a paragraph style says of numbering: its list and level, where it
/// numbers its paragraphs, and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    list: Option<String>,
    level: Option<usize>,
}

/// The most bytes one part of a Word file may inflate to.
pub const MAX_PART_BYTES: u64 = crate::source::load::MAX_SOURCE_BYTES;

/// The deepest level of a Word list: Word numbers levels 0 to 8.
const MAX_LEVEL: usize = 8;

/// The highest number a Word list may start at, as Word allows.
const MAX_START: u32 = 32_767;

/// Reads `bytes` as a Word file. Deleted text is left out, inserted text
/// kept: what it says with every tracked change accepted.
pub fn read_docx(bytes: &[u8]) -> Result<WordText, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word file (.docx): {e}"))?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let file = match archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        };
        // A part that inflates past the limit is refused, not read into
        // memory: a small file can hold gigabytes of XML.
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{name} inflates to more than {} MB; clerk reads Word files of up to that\nhelp: open the file in Word and save it again; if the document is that long, save each Part of the constitution as a file of its own",
                MAX_PART_BYTES / 1_000_000
            ));
        }
        let text = String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8 XML"))?;
        Ok(Some(text))
    };
    let document =
        part("word/document.xml")?.ok_or("not a Word document: it has no word/document.xml")?;
    let numbering = part("word/numbering.xml")?.unwrap_or_default();
    let styles = part("word/styles.xml")?.unwrap_or_default();
    let levels = read_numbering(&numbering)?;
    let styles = read_styles(&styles)?;
    read_document(&document, &levels, &styles)
}

/// Each paragraph style's numbering and the style it is based on, from
/// `styles.xml`: Word's usual "1 / 1.1" headings are numbered there, not
/// on each paragraph.
fn read_styles(xml: &str) -> Result<HashMap<String, Style>, String> {
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("styles.xml: {e}"))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let Some(id) = current.clone() else {
                    if e.local_name().as_ref() == b"style"
                        && attribute(e, b"type").as_deref() == Some("paragraph")
                    {
                        current = attribute(e, b"styleId");
                    }
                    continue;
                };
                let style = styles.entry(id).or_default();
                match e.local_name().as_ref() {
                    b"basedOn" => style.based_on = attribute(e, b"val"),
                    b"numId" => style.list = attribute(e, b"val"),
                    b"ilvl" => {
                        style.level = attribute(e, b"val")
                            .and_then(|v| v.parse().ok())
                            .map(|l: usize| l.min(MAX_LEVEL))
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => current = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// The list and level a paragraph of `style` is numbered at through its
/// style, following `w:basedOn` (no further than ten styles deep): the
/// style's own level, or the level of the list linked to the style.
fn styled_list(
    style: &str,
    styles: &HashMap<String, Style>,
    lists: &HashMap<String, List>,
) -> Option<(String, usize)> {
    let mut name = style;
    for _ in 0..10 {
        let found = styles.get(name)?;
        if let Some(list) = &found.list {
            let level = found.level.or_else(|| {
                lists
                    .get(list)?
                    .levels
                    .iter()
                    .position(|l| l.style == style || l.style == name)
            });
            return Some((list.clone(), level.unwrap_or(0)));
        }
        name = found.based_on.as_deref()?;
    }
    None
}

/// Each list (`w:numId`) with its levels, from `numbering.xml`.
fn read_numbering(xml: &str) -> Result<HashMap<String, List>, String> {
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut lists: HashMap<String, String> = HashMap::new();
    // A list's own starts, over its abstract list's: (list, level) -> start.
    let mut overrides: HashMap<(String, usize), u32> = HashMap::new();
    let mut override_level: Option<usize> = None;
    let mut reader = Reader::from_str(xml);
    let mut current_abstract: Option<String> = None;
    let mut current_list: Option<String> = None;
    let mut level: Option<usize> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("numbering.xml: {e}"))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"abstractNum" => current_abstract = attribute(e, b"abstractNumId"),
                b"num" => current_list = attribute(e, b"numId"),
                b"lvlOverride" => {
                    override_level = attribute(e, b"ilvl")
                        .and_then(|l| l.parse().ok())
                        .filter(|l: &usize| *l <= MAX_LEVEL)
                }
                b"startOverride" => {
                    if let (Some(list), Some(l), Some(start)) = (
                        &current_list,
                        override_level,
                        attribute(e, b"val").and_then(|v| v.parse::<u32>().ok()),
                    ) {
                        overrides.insert((list.clone(), l), start.min(MAX_START));
                    }
                }
                b"abstractNumId" => {
                    if let (Some(list), Some(id)) = (&current_list, attribute(e, b"val")) {
                        lists.insert(list.clone(), id);
                    }
                }
                b"lvl" => {
                    level = attribute(e, b"ilvl")
                        .and_then(|l| l.parse().ok())
                        .filter(|l: &usize| *l <= MAX_LEVEL);
                    if let (Some(id), Some(l)) = (&current_abstract, level) {
                        let levels = abstracts.entry(id.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(
                                l + 1,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            );
                        }
                    }
                }
                name @ (b"numFmt" | b"lvlText" | b"start" | b"pStyle" | b"lvlRestart") => {
                    if let (Some(id), Some(l), Some(value)) =
                        (&current_abstract, level, attribute(e, b"val"))
                        && let Some(entry) = abstracts.get_mut(id).and_then(|v| v.get_mut(l))
                    {
                        match name {
                            b"numFmt" => entry.format = value,
                            b"lvlText" => entry.text = value,
                            b"pStyle" => entry.style = value,
                            b"lvlRestart" => entry.restart_below = value.parse().ok(),
                            _ => entry.start = value.parse().unwrap_or(1).min(MAX_START),
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"abstractNum" => current_abstract = None,
            Event::End(e) if e.local_name().as_ref() == b"lvl" => level = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lists
        .into_iter()
        .filter_map(|(list, id)| {
            let mut levels = abstracts.get(&id)?.clone();
            let mut restarts = Vec::new();
            for (l, level) in levels.iter_mut().enumerate() {
                if let Some(start) = overrides.get(&(list.clone(), l)) {
                    level.start = *start;
                    restarts.push(l);
                }
            }
            Some((
                list,
                List {
                    counted_as: id,
                    levels,
                    restarts,
                },
            ))
        })
        .collect())
}

/// A paragraph whose mark was deleted, carried into the next: its style,
/// list and indentation, which the joined paragraph keeps, and its text.
struct Carried {
    style: String,
    list: Option<(String, usize)>,
    indented: bool,
    text: String,
}

/// The paragraphs of `document.xml` as lines.
fn read_document(
    xml: &str,
    lists: &HashMap<String, List>,
    styles: &HashMap<String, Style>,
) -> Result<WordText, String> {
    let mut out = WordText {
        text: String::new(),
        paragraphs: 0,
        numbered: 0,
        tracked_changes: false,
        merged_cells: 0,
    };
    let mut reader = Reader::from_str(xml);
    // The paragraph being read: its style, its list and level, its text.
    let mut style = String::new();
    let mut list: Option<(String, usize)> = None;
    let mut text = String::new();
    let mut in_text = false;
    // Counts by abstract list, and the lists already used (a list that
    // starts again does so where it is first used).
    let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    // The table being read (a table in a cell is read into the cell), its
    // rows of cells.
    let mut table_depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The columns the cell being read spans after its first.
    let mut spanned = 0usize;
    // Whether the paragraph is set in from the margin (`w:ind`), and how
    // far in the last numbered paragraph's line was written.
    let mut indented = false;
    let mut numbered_indent: Option<usize> = None;
    // A paragraph whose mark is a deletion joins the next once accepted:
    // it is carried, with its style, list and indentation, into the next.
    let mut in_properties = false;
    let mut mark_deleted = false;
    let mut carried: Option<Carried> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("document.xml: {e}"))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"tbl" if matches!(event, Event::Start(_)) => {
                    table_depth += 1;
                    if table_depth == 1 {
                        rows.clear();
                        caption_before_table(&mut out.text);
                    }
                }
                b"tr" if table_depth == 1 => rows.push(Vec::new()),
                b"tc" if table_depth == 1 => {
                    if let Some(row) = rows.last_mut() {
                        row.push(String::new());
                    }
                }
                // A cell spanning columns: the columns after its first are
                // empty cells, so the row keeps the table's columns.
                b"gridSpan" if table_depth == 1 => {
                    let span = attribute(e, b"val")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                    spanned = span - 1;
                    out.merged_cells += span - 1;
                }
                // A cell merged with the one above: it comes in empty.
                b"vMerge"
                    if table_depth == 1 && attribute(e, b"val").as_deref() != Some("restart") =>
                {
                    out.merged_cells += 1;
                }
                b"p" => {
                    style.clear();
                    list = None;
                    text.clear();
                    indented = false;
                    mark_deleted = false;
                }
                b"pPr" if matches!(event, Event::Start(_)) => in_properties = true,
                b"del" if in_properties => {
                    out.tracked_changes = true;
                    mark_deleted = true;
                }
                b"ind" => {
                    let twips = |name: &[u8]| {
                        attribute(e, name)
                            .and_then(|v| v.parse::<i64>().ok())
                            .unwrap_or(0)
                    };
                    indented = twips(b"left").max(twips(b"start")) > 0;
                }
                b"pStyle" => style = attribute(e, b"val").unwrap_or_default(),
                b"ilvl" => {
                    let level = attribute(e, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                        .min(MAX_LEVEL);
                    list = Some((list.take().map(|l| l.0).unwrap_or_default(), level));
                }
                b"numId" => {
                    let id = attribute(e, b"val").unwrap_or_default();
                    list = Some((id, list.take().map_or(0, |l| l.1)));
                }
                b"t" => in_text = matches!(event, Event::Start(_)),
                b"tab" if !in_text => text.push('\t'),
                b"br" | b"cr" => text.push(' '),
                b"noBreakHyphen" => text.push('-'),
                b"ins" | b"del" | b"moveFrom" | b"moveTo" | b"delText" => {
                    out.tracked_changes = true
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let decoded = t.decode().map_err(|e| format!("document.xml: {e}"))?;
                text.push_str(
                    &quick_xml::escape::unescape(&decoded)
                        .map_err(|e| format!("document.xml: {e}"))?,
                );
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| format!("document.xml: {e}"))?;
                let entity = format!("&{name};");
                text.push_str(
                    &quick_xml::escape::unescape(&entity)
                        .map_err(|e| format!("document.xml: {e}"))?,
                );
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"pPr" => in_properties = false,
                b"p" if mark_deleted && table_depth == 0 => {
                    // Joined to the next paragraph, which keeps this one's
                    // number and place.
                    let first = carried.take().unwrap_or_else(|| Carried {
                        style: style.clone(),
                        list: list.clone(),
                        indented,
                        text: String::new(),
                    });
                    let text = format!("{}{} ", first.text, text.trim_end());
                    carried = Some(Carried { text, ..first });
                }
                b"p" => {
                    if let Some(first) = carried.take() {
                        style = first.style;
                        list = first.list;
                        indented = first.indented;
                        text = format!("{}{}", first.text, text.trim_start());
                    }
                    // Numbering on the paragraph, else through its style;
                    // list 0 is Word's "no numbering".
                    let list = match list.clone() {
                        // A level alone takes its list from the style.
                        Some((id, level)) if id.is_empty() => {
                            styled_list(&style, styles, lists).map(|(id, _)| (id, level))
                        }
                        Some(list) => Some(list),
                        None => styled_list(&style, styles, lists),
                    }
                    .filter(|(id, _)| id != "0");
                    let label = list.as_ref().and_then(|(id, level)| {
                        let list = lists.get(id)?;
                        let counts = counters.entry(list.counted_as.clone()).or_default();
                        if used.insert(id.clone()) {
                            for &l in &list.restarts {
                                if let Some(count) = counts.get_mut(l) {
                                    *count = 0;
                                }
                            }
                        }
                        Some(label_for(&list.levels, *level, counts))
                    });
                    out.paragraphs += 1;
                    out.numbered += usize::from(label.is_some());
                    let level = list.as_ref().map_or(0, |l| l.1);
                    // A paragraph in a table's cell is that cell's text.
                    if table_depth > 0
                        && let Some(cell) = rows.last_mut().and_then(|r| r.last_mut())
                    {
                        let text = match &label {
                            Some((label, _)) => format!("{label} {}", text.trim()),
                            None => text.trim().to_string(),
                        };
                        if !text.is_empty() {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&text);
                        }
                        continue;
                    }
                    let heading = style.starts_with("Heading") || style == "Title";
                    match &label {
                        Some((_, false)) if !heading => numbered_indent = Some(4 * level),
                        Some(_) => {}
                        None if heading => numbered_indent = None,
                        // A clause whose number is written in its text.
                        None if crate::source::label::leading_label(text.trim(), 2).is_some() => {
                            numbered_indent = Some(0)
                        }
                        None => {
                            // Set in under a numbered clause: its further
                            // paragraph (not an item of its list).
                            let item = crate::source::label::leading_marker(text.trim()).is_some()
                                || text.trim_start().starts_with(['•', '-', '◦', '▪']);
                            if let (true, false, Some(at)) = (indented, item, numbered_indent)
                                && !text.trim().is_empty()
                            {
                                out.text.push_str(&" ".repeat(at + 3));
                            }
                        }
                    }
                    push_paragraph(&mut out.text, &style, label, level, &text);
                }
                b"tc" if table_depth == 1 => {
                    if let Some(row) = rows.last_mut() {
                        row.extend(std::iter::repeat_n(String::new(), spanned));
                    }
                    spanned = 0;
                }
                b"tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        push_table(&mut out.text, &rows);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The label of the next paragraph at `level` of a list, counting it.
fn label_for(levels: &[Level], level: usize, counts: &mut Vec<u32>) -> (String, bool) {
    if counts.len() <= level {
        counts.resize(level + 1, 0);
    }
    let start = |l: usize| levels.get(l).map_or(1, |lvl| lvl.start.max(1));
    counts[level] = if counts[level] == 0 {
        start(level)
    } else {
        counts[level] + 1
    };
    // A deeper level starts again under each new number, unless its
    // `w:lvlRestart` says it goes on (0) or restarts only under a level
    // above this one.
    for (d, deeper) in counts.iter_mut().enumerate().skip(level + 1) {
        let below = levels.get(d).and_then(|l| l.restart_below).unwrap_or(d);
        if level < below {
            *deeper = 0;
        }
    }
    let Some(this) = levels.get(level) else {
        return ("•".to_string(), true);
    };
    if this.format == "bullet" || this.format == "none" {
        return ("•".to_string(), true);
    }
    let mut label = this.text.clone();
    for (l, lvl) in levels.iter().enumerate().take(level + 1) {
        let count = if counts[l] == 0 { start(l) } else { counts[l] };
        label = label.replace(&format!("%{}", l + 1), &formatted(count, &lvl.format));
    }
    (label, false)
}

/// A number in one of Word's formats.
fn formatted(n: u32, format: &str) -> String {
    let letter = |n: u32| -> String {
        let letter = char::from(b'a' + ((n.saturating_sub(1)) % 26) as u8);
        letter
            .to_string()
            .repeat(((n.saturating_sub(1)) / 26 + 1) as usize)
    };
    match format {
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: &[(u32, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// One paragraph as the importer reads text: a heading style's text alone
/// on its line, a list paragraph with its label or bullet and indented by
/// its level, a blank line after each.
fn push_paragraph(
    out: &mut String,
    style: &str,
    label: Option<(String, bool)>,
    level: usize,
    text: &str,
) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let heading = style.starts_with("Heading") || style == "Title";
    let indent = "    ".repeat(level);
    match label {
        Some((bullet, true)) if !heading => out.push_str(&format!("{indent}{bullet} {text}")),
        Some((number, _)) => out.push_str(&format!("{indent}{number} {text}")),
        None => out.push_str(text),
    }
    out.push_str("\n\n");
}

/// The short line just before a table, if it names the table (a few words,
/// no number, no closing full stop or colon), marked as its caption.
fn caption_before_table(text: &mut String) {
    let body = text.trim_end_matches('\n');
    let start = body.rfind('\n').map_or(0, |i| i + 1);
    let line = &body[start..];
    let words = line.split_whitespace().count();
    let trimmed = line.trim_start();
    let caption = (1..=12).contains(&words)
        && !trimmed.starts_with(['|', '#', '-', '•'])
        && !trimmed.trim_end().ends_with(['.', ':', ';', ','])
        && crate::source::label::leading_label(trimmed, 1).is_none();
    if caption {
        // After any indentation: a caption set in under a clause stays so.
        text.insert_str(start + (line.len() - trimmed.len()), "Table: ");
    }
}

/// A table as a pipe table's lines: its first row the header.
fn push_table(out: &mut String, rows: &[Vec<String>]) {
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| !r.is_empty()).collect();
    let Some(columns) = rows.iter().map(|r| r.len()).max() else {
        return;
    };
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..columns)
            .map(|k| row.get(k).map_or(String::new(), |c| c.replace('|', "\\|")))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(rows[0]));
    out.push_str(&format!("|{}\n", "---|".repeat(columns)));
    for row in &rows[1..] {
        out.push_str(&line(row));
    }
    out.push('\n');
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_numbering_is_computed_to_the_labels_a_reader_sees() {
        let decimal = |text: &str| Level {
            format: "decimal".into(),
            text: text.into(),
            start: 1,
            ..Level::default()
        };
        let levels = vec![
            decimal("%1."),
            decimal("%1.%2"),
            Level {
                format: "lowerLetter".into(),
                text: "(%3)".into(),
                start: 1,
                ..Level::default()
            },
        ];
        let mut counts = Vec::new();
        let labels: Vec<String> = [0, 1, 1, 2, 2, 1, 0, 1]
            .iter()
            .map(|&l| label_for(&levels, l, &mut counts).0)
            .collect();
        assert_eq!(
            labels,
            ["1.", "1.1", "1.2", "(a)", "(b)", "1.3", "2.", "2.1"]
        );
        assert_eq!(formatted(4, "lowerRoman"), "iv");
        assert_eq!(formatted(28, "lowerLetter"), "bb");
    }

    /// Lists over one abstract list count on from each other, as Word
    /// counts them; a list with a start override starts again where it is
    /// first used; a level whose `w:lvlRestart` is 0 never starts again.
    #[test]
    fn lists_share_their_counts_and_restart_as_word_restarts_them() {
        const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"1\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:lvlRestart w:val=\"0\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%2)\"/></w:lvl>\
             </w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>"
        );
        let paragraph = |list: u32, level: u32, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{list}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let body: String = [
            paragraph(1, 0, "One"),
            paragraph(1, 1, "Item"),
            paragraph(1, 0, "Two"),
            paragraph(1, 1, "Item on"),
            paragraph(3, 0, "Three"),
            paragraph(2, 0, "Again one"),
            paragraph(2, 0, "Again two"),
        ]
        .concat();
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let lists = read_numbering(&numbering).unwrap();
        let text = read_document(&document, &lists, &HashMap::new())
            .unwrap()
            .text;
        let labels: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(
            labels,
            ["1.", "(a)", "2.", "(b)", "3.", "1.", "2."],
            "{text}"
        );
    }
}
