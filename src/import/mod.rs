//! Plain text extracted from a council's PDF or Word file to protocol Markdown.
//!
//! Extraction leaves list markers as `- `, `•` or `o`, labels in many forms
//! (`4.1`, `4.1.`, `- 4.1`, `**4.1.**`, `5.3As`), and sentences broken across
//! lines and blank lines. The importer recognises headings, clauses, items and
//! paragraphs, re-joins broken sentences, keeps the wording verbatim, and says
//! what it did and which lines it could not place.

pub mod docx;
mod lines;
mod pages;
mod write;

use serde::Serialize;
use std::collections::{HashMap, HashSet};

use lines::{LineKind, classify_line};

/// What the importer made of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The first heading-like line: the document's title.
    Title(String),
    Heading {
        label: Option<String>,
        text: String,
    },
    Clause {
        label: String,
        text: String,
        items: Vec<ImportItem>,
    },
    Paragraph {
        text: String,
    },
    /// A paragraph in quotation marks: a quotation from another document.
    Quote {
        text: String,
    },
    /// A further paragraph of the clause before it: indented under the
    /// clause's text where the original set it.
    Continuation {
        text: String,
    },
    /// A table: its caption (a `Table:` line just before it), its header
    /// row, then its rows; `in_clause` when it follows a clause, whose it is.
    Table {
        caption: Option<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        in_clause: bool,
    },
    List {
        items: Vec<ImportItem>,
    },
}

/// A list item with its nesting level (0 = directly under its clause or section).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    pub level: usize,
    /// `(a)`, `(iv)`, `(1)` as written; `None` for a bullet.
    pub marker: Option<String>,
    pub text: String,
}

/// Counts and notes for the import summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub title: Option<String>,
    pub headings: usize,
    pub clauses: usize,
    pub items: usize,
    pub paragraphs: usize,
    /// Tables, and their rows under the header.
    pub tables: usize,
    pub table_rows: usize,
    /// Lines re-joined to the line before them (sentences broken by extraction).
    pub joined_lines: usize,
    /// Clause labels found in the middle of a line and split off.
    pub split_clauses: usize,
    /// Lines the importer could not classify, with what it did with them.
    pub unclassified: Vec<Unclassified>,
    /// Lines dropped as running headers, footers and page numbers.
    pub page_furniture: Vec<usize>,
    /// Decisions made on less than full evidence, for the user to confirm.
    pub guesses: Vec<Guess>,
    /// What the title block above the text gave the front matter, or why
    /// it was left out.
    pub front_matter: Vec<String>,
    /// What about the structure as a whole looks wrong, each with what to do.
    pub doubts: Vec<String>,
}

/// A structural decision the text did not settle: what was decided, why,
/// and what to do if it is wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Guess {
    /// 1-based line number in the input.
    pub line: usize,
    pub decided: String,
}

/// A line the importer could not place.
#[derive(Debug, Clone, Serialize)]
pub struct Unclassified {
    /// 1-based line number in the input.
    pub line: usize,
    pub text: String,
    pub action: &'static str,
}

/// The result of an import: Markdown with front matter, and a summary.
#[derive(Debug, Clone)]
pub struct Imported {
    pub markdown: String,
    pub blocks: Vec<Block>,
    pub summary: ImportSummary,
}

/// Front matter for an imported document: a skeleton to review and complete.
#[derive(Debug, Serialize)]
struct Skeleton<'a> {
    council: &'a str,
    title: &'a str,
    version: &'a str,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

/// Text as a council's tools save it, read into a string: UTF-8 (a
/// byte-order mark dropped), UTF-16 with its byte-order mark (Word's and
/// Notepad's "Unicode"), or else Windows-1252, the Windows default for
/// "Plain Text"; line endings as LF, and non-breaking spaces as spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding it was read as, such as "UTF-8" or "windows-1252".
    pub encoding: &'static str,
}

pub fn decode_text(bytes: &[u8]) -> Decoded {
    let (text, encoding) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            (text.into_owned(), encoding.name())
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), "UTF-8"),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (text.into_owned(), encoding_rs::WINDOWS_1252.name())
            }
        },
    };
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ");
    Decoded { text, encoding }
}

/// Imports extracted text. `council` goes into the front matter.
pub fn import_text(text: &str, council: &str) -> Imported {
    import_text_with(text, council, &ImportOptions::default())
}

/// What the user asked of an import beyond the text itself.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Set a title written in capitals ("SECTION 15 – MEMBER/OFFICER
    /// PROTOCOL") in title case ("Member/Officer Protocol").
    pub title_case: bool,
}

/// Imports extracted text as `options` ask.
pub fn import_text_with(text: &str, council: &str, options: &ImportOptions) -> Imported {
    let mut summary = ImportSummary::default();
    let (mut blocks, header_places) = assemble(text, &mut summary);
    let mut title_block = read_title_block(&mut blocks, &mut summary);
    // A Part or Section only the running header gives ("Part 5c").
    if title_block.part.is_none() && title_block.section.is_none() {
        for place in &header_places {
            let (numbers, _) = split_title(place);
            if numbers.part.is_none() && numbers.section.is_none() {
                continue;
            }
            summary.front_matter.push(format!(
                "the running header \"{place}\" read as the document's place{}",
                numbers.described()
            ));
            title_block.part = numbers.part;
            title_block.section = numbers.section;
            break;
        }
    }
    let title = blocks.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.clone()),
        _ => None,
    });
    let (mut section, mut title) = split_title(title.as_deref().unwrap_or("Untitled protocol"));
    // A "Part 4 of the Constitution" line under the title gives its Part.
    section.part = section.part.or(title_block.part.clone());
    section.section = section.section.or(title_block.section.clone());
    let capitals = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    if options.title_case && capitals {
        title = title_case(&title);
    }
    summary.title = Some(title.clone());
    for block in &blocks {
        match block {
            Block::Heading { .. } => summary.headings += 1,
            Block::Clause { items, .. } => {
                summary.clauses += 1;
                summary.items += items.len();
            }
            Block::List { items } => summary.items += items.len(),
            Block::Paragraph { .. } | Block::Quote { .. } | Block::Continuation { .. } => {
                summary.paragraphs += 1
            }
            Block::Table { rows, .. } => {
                summary.tables += 1;
                summary.table_rows += rows.len();
            }
            Block::Title(_) => {}
        }
    }
    summary.doubts.extend(structural_doubts(&blocks));
    let skeleton = Skeleton {
        council,
        title: &title,
        version: title_block.version.as_deref().unwrap_or("imported"),
        status: "draft",
        part: section.part.as_deref(),
        section: section.section.as_deref(),
    };
    let front = toml::to_string(&skeleton).unwrap_or_default();
    let body = write::markdown(&blocks);
    let markdown = format!(
        "+++\n# Imported by `clerk import`: check the text against the original, then set\n# version, status and the dates the original gives (`adopted = YYYY-MM-DD`,\n# the day the council adopted it) before publishing.\n{front}+++\n\n{body}"
    );
    Imported {
        markdown,
        blocks,
        summary,
    }
}

/// "MEMBER/OFFICER PROTOCOL ON THE USE OF RESOURCES" as "Member/Officer
/// Protocol on the Use of Resources": each word capitalised, the short
/// joining words in lower case but for the first.
/// What about the imported structure looks wrong, as a whole: clause
/// numbers that do not follow their sections' (numbering Word kept in its
/// styles, lost in the text), and a run of one-line headings (a table read
/// as text).
fn structural_doubts(blocks: &[Block]) -> Vec<String> {
    let mut doubts = Vec::new();
    let mut section: Option<String> = None;
    let mut sections = std::collections::BTreeSet::new();
    let (mut clauses, mut astray) = (0, 0);
    for block in blocks {
        match block {
            Block::Heading {
                label: Some(label), ..
            } => {
                let number = label.trim_end_matches('.').to_string();
                sections.insert(number.clone());
                section = Some(number);
            }
            Block::Clause { label, .. } => {
                clauses += 1;
                let first = label.split('.').next().unwrap_or("");
                if section.as_deref().is_some_and(|s| s != first) {
                    astray += 1;
                }
            }
            _ => {}
        }
    }
    if sections.len() >= 2 && clauses >= 4 && astray * 2 > clauses {
        doubts.push(format!(
            "{astray} of {clauses} clause numbers do not start with their section's number: the numbers may have been lost (Word numbering kept in the heading styles?); check them against the original"
        ));
    }
    let mut run = 0;
    let mut longest = 0;
    for block in blocks {
        match block {
            Block::Heading { .. } => run += 1,
            _ => run = 0,
        }
        longest = longest.max(run);
    }
    if longest >= 5 {
        doubts.push(format!(
            "{longest} headings in a row with no text between them: a table or a list read as headings? check them against the original"
        ));
    }
    doubts
}

pub fn title_case(text: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ];
    let word = |w: &str, first: bool| -> String {
        let lower = w.to_lowercase();
        if !first && SMALL.contains(&lower.as_str()) {
            return lower;
        }
        let mut chars = lower.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    };
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            w.split('/')
                .enumerate()
                .map(|(j, part)| word(part, i == 0 && j == 0))
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a title block above the text says (as clerk's own PDFs and many
/// councils' documents carry one): the version, and the status as written.
#[derive(Debug, Default)]
struct TitleBlock {
    version: Option<String>,
    /// From a line under the title such as "Part 4 of the Constitution".
    part: Option<String>,
    section: Option<String>,
}

/// Reads the title block at the head of the text into the front matter:
/// "Version: 2020/21" becomes the version; "Status: Adopted" is reported
/// (an import stays a draft until checked); a "Contents" heading before the
/// text goes (its entries were dropped as page furniture); and a line above
/// a "Section 3: ..." or "Part 5 ..." line, the council's name over the
/// title, gives way to it.
fn read_title_block(blocks: &mut Vec<Block>, summary: &mut ImportSummary) -> TitleBlock {
    let mut found = TitleBlock::default();
    let text_of = |block: &Block| match block {
        Block::Paragraph { text } | Block::Heading { label: None, text } => Some(text.clone()),
        _ => None,
    };
    if let (Some(Block::Title(name)), Some(next)) =
        (blocks.first(), blocks.get(1).and_then(text_of))
    {
        let (numbers, rest) = split_title(&next);
        let (own, _) = split_title(name);
        let numbered = numbers.section.is_some() || numbers.part.is_some();
        // "Part 4 of the Constitution" under "Contract Procedure Rules":
        // the line names the title's Part, and the title stays.
        let part_line = numbered
            && (rest == next.trim()
                || rest.eq_ignore_ascii_case("of the constitution")
                || rest.eq_ignore_ascii_case("of the council's constitution"));
        // A version line straight under it says it is the title too.
        let versioned = blocks
            .get(2)
            .and_then(text_of)
            .is_some_and(|t| t.trim_start().starts_with("Version:"));
        if part_line && own.section.is_none() && own.part.is_none() {
            summary.front_matter.push(format!(
                "\"{next}\" under the title read as its place in the constitution{}",
                numbers.described()
            ));
            found.part = numbers.part.clone();
            found.section = numbers.section.clone();
            blocks.remove(1);
        } else if (numbered || versioned) && own.section.is_none() && own.part.is_none() {
            summary.front_matter.push(format!(
                "\"{name}\" above the title read as the council's name and left out; the title is \"{next}\""
            ));
            blocks[0] = Block::Title(next);
            blocks.remove(1);
        }
    }
    let mut i = 0;
    while i < blocks.len() {
        if matches!(
            blocks[i],
            Block::Clause { .. } | Block::List { .. } | Block::Heading { label: Some(_), .. }
        ) {
            break;
        }
        // "Adopted at the Full Council Meeting held on ..." under the
        // title says when, and is the document's text, not a heading.
        if let Block::Heading { label: None, text } = &blocks[i]
            && ["Adopted ", "Approved "]
                .iter()
                .any(|w| text.trim_start().starts_with(w))
            && !text.contains(':')
        {
            summary.front_matter.push(format!(
                "\"{}\" under the title read as text saying when it was adopted, not a heading; set `adopted` to that day",
                text.trim()
            ));
            blocks[i] = Block::Paragraph { text: text.clone() };
            i += 1;
            continue;
        }
        let Some(text) = text_of(&blocks[i]) else {
            i += 1;
            continue;
        };
        let text = text.trim();
        if let Some(version) = last_updated_version(text) {
            summary.front_matter.push(format!(
                "version = \"{version}\" (from \"{text}\"); the date it gives is when the text was last changed: set `adopted` and `effective` to the days the council adopted it and it came into force"
            ));
            found.version = Some(version);
        } else if let Some(version) = text
            .strip_prefix("Version:")
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            summary
                .front_matter
                .push(format!("version = \"{version}\" (from \"{text}\")"));
            found.version = Some(version.to_string());
        } else if let Some((field, value)) = ["Adopted:", "Effective:", "Approved by:", "Reviewed:"]
            .iter()
            .find_map(|p| Some((*p, text.strip_prefix(p)?.trim())))
            .filter(|(_, v)| !v.is_empty())
        {
            let key = match field {
                "Adopted:" => "adopted",
                "Effective:" => "effective",
                "Reviewed:" => "reviewed",
                _ => "approved_by",
            };
            summary.front_matter.push(format!(
                "\"{text}\" read as the title block's {key}: set `{key}` to {value} once you have checked it (the import stays a draft)"
            ));
        } else if let Some(part) = text
            .strip_prefix("Part:")
            .map(str::trim)
            .filter(|p| !p.is_empty() && p.split_whitespace().count() == 1)
        {
            summary
                .front_matter
                .push(format!("part = \"{part}\" (from \"{text}\")"));
            found.part.get_or_insert_with(|| part.to_string());
        } else if let Some(status) = text
            .strip_prefix("Status:")
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            summary.front_matter.push(format!(
                "the text says \"Status: {status}\"; status stays \"draft\" until you have checked the text and its dates"
            ));
        } else if text.eq_ignore_ascii_case("contents") {
            summary
                .front_matter
                .push("the contents list left out: clerk makes its own".to_string());
        } else {
            i += 1;
            continue;
        }
        blocks.remove(i);
    }
    found
}

#[derive(Debug, Default)]
struct TitleNumbers {
    part: Option<String>,
    section: Option<String>,
}

impl TitleNumbers {
    /// ": part = \"8\": section = \"8.4\"", as the summary reports them.
    fn described(&self) -> String {
        let field = |key: &str, value: &Option<String>| {
            value
                .as_ref()
                .map_or(String::new(), |v| format!(": {key} = \"{v}\""))
        };
        format!(
            "{}{}",
            field("part", &self.part),
            field("section", &self.section)
        )
    }
}

/// The version a "Last updated 4 January 2022, version 3" line gives.
fn last_updated_version(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if !(lower.starts_with("last updated") || lower.starts_with("last reviewed")) {
        return None;
    }
    let at = lower.find("version")?;
    let version: String = text[at + "version".len()..]
        .trim_start_matches([' ', ':'])
        .split_whitespace()
        .next()?
        .trim_end_matches([',', '.', ')', ';'])
        .to_string();
    (!version.is_empty()).then_some(version)
}

/// "Section 3 - Protocol on ..." and "Part 8.4 Member Officer Protocol" carry
/// the constitution numbers in the title line.
fn split_title(title: &str) -> (TitleNumbers, String) {
    let mut numbers = TitleNumbers::default();
    let mut rest = title.trim();
    for (prefix, slot) in [
        ("Section ", &mut numbers.section),
        ("Part ", &mut numbers.part),
    ] {
        // "SECTION 15" as a title in capitals says the same as "Section 15".
        let after = rest
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &rest[prefix.len()..]);
        if let Some(after) = after {
            // Digits and dots, and a letter or two after them ("Part 5c").
            let digits: String = after
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let letters: String = match digits.is_empty() {
                true => String::new(),
                false => after[digits.len()..]
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect(),
            };
            let number = match letters.len() <= 2
                && after[digits.len() + letters.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                true => format!("{digits}{letters}"),
                false => digits,
            };
            if !number.is_empty() {
                *slot = Some(number.trim_end_matches('.').to_string());
                rest = after[number.len()..]
                    .trim_start_matches([' ', '-', '–', ':'])
                    .trim();
            }
        }
    }
    let title = if rest.is_empty() { title.trim() } else { rest };
    (numbers, title.to_string())
}

/// The width the text was wrapped at: the length most long lines come
/// close to, if most lines with text do (text with a paragraph to a line
/// is not wrapped, and has none).
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < 8 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    let near = lengths.iter().filter(|&&n| n * 100 >= width * 85).count();
    (width >= 40 && near * 10 >= lengths.len() * 4).then_some(width)
}

/// Reads the lines into blocks, joining broken sentences.
/// The text's blocks, and what its running headers say of its place.
fn assemble(text: &str, summary: &mut ImportSummary) -> (Vec<Block>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let contents = pages::contents(&lines);
    let furniture = pages::furniture(&lines, &contents);
    let listed = listed_headings(&lines, &furniture, &contents);
    let header_places: Vec<String> = pages::header_places(&lines, &furniture)
        .into_iter()
        .map(str::to_string)
        .collect();
    let tables = layout_tables(&lines, &furniture, summary);
    let mut state = Assembler {
        wrap_width: wrap_width(
            &lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !furniture.contains(i))
                .map(|(_, line)| *line)
                .collect::<Vec<_>>(),
        ),
        ..Assembler::default()
    };
    for (index, raw) in lines.iter().enumerate() {
        let line_no = index + 1;
        let next_is_blank = lines.get(index + 1).is_none_or(|l| l.trim().is_empty());
        // A line followed by a lowercase continuation is a broken sentence,
        // never a heading.
        let next_text = lines[index + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty());
        let continues = next_text.is_some_and(|l| l.starts_with(char::is_lowercase));
        // In wrapped text, a short line where a paragraph may start (after
        // a blank line or a finished sentence) stands alone as a heading
        // does, blank line after it or not: only a paragraph's last line
        // is short, and it ends the sentence.
        let length = raw.trim_end().chars().count();
        let short = state.wrap_width.is_some_and(|w| length * 10 < w * 6);
        let stands_alone = short
            && (state.after_blank || state.previous_finished)
            && next_text.is_some_and(|l| {
                l.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(')
            });
        let context = lines::Context {
            next_is_blank: (next_is_blank || stands_alone) && !continues,
            first_content: state.blocks.is_empty() && state.title.is_none(),
            next_continues_in_list: next_text.is_some_and(lines::continues_in_list),
            next_is_sub_rule: next_text.is_some_and(|next| lines::is_sub_rule(raw, next)),
            next_is_list_or_table: next_text.is_some_and(lines::is_list_or_table),
        };
        if listed.continued.contains(&index) {
            continue; // the rest of a heading the contents list names
        }
        if let Some(table) = tables
            .iter()
            .find(|t| t.rows_from <= index && index <= t.last)
        {
            if index == table.rows_from {
                if let Some(caption) = &table.caption {
                    let text = format!("Table: {caption}");
                    state.push(
                        LineKind::Text {
                            text,
                            table_like: false,
                        },
                        line_no,
                        raw,
                        summary,
                    );
                }
                for row in &table.rows {
                    state.push(LineKind::TableRow(row.clone()), line_no, raw, summary);
                }
                summary.guesses.push(Guess {
                    line: line_no,
                    decided: format!(
                        "read as a table of {} columns and {} rows from how its columns line up; check each cell against the original",
                        table.rows.first().map_or(0, Vec::len),
                        table.rows.len()
                    ),
                });
            }
            continue;
        }
        if tables.iter().any(|t| t.caption_line == Some(index)) {
            continue;
        }
        let kind = match (furniture.contains(&index), listed.starts.get(&index)) {
            (true, _) => LineKind::PageFurniture,
            (false, Some(heading)) => heading.clone(),
            (false, None) => classify_line(raw, context),
        };
        let leads_in = context.next_continues_in_list
            && next_is_blank
            && raw.trim_end().ends_with(':')
            && matches!(kind, LineKind::Clause { .. } | LineKind::Text { .. });
        if leads_in {
            summary.guesses.push(Guess {
                line: line_no,
                decided: "read as text leading into the list after it, since the list's items carry on its sentence; if it is a heading, make it one (`#`)".into(),
            });
        }
        let furniture_line = furniture.contains(&index);
        if furniture_line && raw.trim().is_empty() {
            continue;
        }
        state.push(kind, line_no, raw, summary);
        if !raw.trim().is_empty() && !furniture_line {
            state.previous_len = raw.trim_end().chars().count();
            state.previous_indent = text_column(raw);
            state.previous_finished = raw
                .trim_end()
                .ends_with(['.', ':', ';', '?', '!', ')', '”', '"']);
        }
    }
    (state.finish(summary), header_places)
}

/// A table in layout text (`pdftotext -layout`): its cells in columns that
/// line up, two or more spaces apart.
#[derive(Debug)]
struct LayoutTable {
    /// The line of the caption above it, if any, and its text.
    caption_line: Option<usize>,
    caption: Option<String>,
    /// The lines its rows take, the header's first.
    rows_from: usize,
    last: usize,
    rows: Vec<Vec<String>>,
}

/// A line's runs of text two or more spaces apart, each with the column
/// (in characters) it starts at.
fn segments(line: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut spaces = 0;
    for (col, c) in line.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match out.last_mut() {
            Some((_, text)) if spaces < 2 => {
                text.extend(std::iter::repeat_n(' ', spaces));
                text.push(c);
            }
            _ => out.push((col, c.to_string())),
        }
        spaces = 0;
    }
    out
}

/// The tables in layout text: a run of lines, from a header of three or
/// more cells (or two, over three lines or more), whose every run of text
/// starts where a column does and ends before the next; a line with fewer
/// cells than columns carries the row above on (a cell wrapped). A run
/// whose columns run together (pdftotext closing the gap between two
/// cells) is left as text and said to be doubtful.
fn layout_tables(
    lines: &[&str],
    furniture: &HashSet<usize>,
    summary: &mut ImportSummary,
) -> Vec<LayoutTable> {
    let mut out = Vec::new();
    let is_numbered = |text: &str| {
        crate::source::label::leading_label(text, 1).is_some()
            || crate::source::label::leading_marker(text).is_some()
    };
    let mut index = 0;
    while index < lines.len() {
        // A run of lines with text, page furniture aside.
        let start = index;
        while index < lines.len() && !lines[index].trim().is_empty() && !furniture.contains(&index)
        {
            index += 1;
        }
        let run: Vec<usize> = (start..index).collect();
        index += 1;
        let cut: Vec<Vec<(usize, String)>> = run.iter().map(|&i| segments(lines[i])).collect();
        // The header: the first line of three or more cells, none numbered.
        let Some(header_at) = cut
            .iter()
            .position(|s| s.len() >= 2 && !is_numbered(&s[0].1))
        else {
            continue;
        };
        let columns: Vec<usize> = cut[header_at].iter().map(|(col, _)| *col).collect();
        let body = &cut[header_at..];
        let full_rows = body.iter().filter(|s| s.len() == columns.len()).count();
        if columns.len() < 3 && full_rows < 3 || full_rows < 2 {
            continue;
        }
        // Where each run of text belongs: the column it starts at.
        let column_of = |col: usize| columns.iter().position(|c| col.abs_diff(*c) <= 2);
        let lined_up = body.iter().all(|line| {
            line.iter().all(|(col, text)| {
                column_of(*col).is_some_and(|k| {
                    columns
                        .get(k + 1)
                        .is_none_or(|next| col + text.chars().count() < *next)
                })
            })
        });
        let first_line = run[header_at] + 1;
        if !lined_up {
            summary.doubts.push(format!(
                "line {first_line}: looks like a table whose columns run together (the text does not say where one cell ends and the next begins): kept as text; write it as a table (`| a | b |`)"
            ));
            continue;
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for line in body {
            let mut cells = vec![String::new(); columns.len()];
            for (col, text) in line {
                if let Some(k) = column_of(*col) {
                    cells[k] = text.clone();
                }
            }
            match rows.last_mut() {
                Some(row) if line.len() < columns.len() => {
                    for (cell, more) in row.iter_mut().zip(cells) {
                        if !more.is_empty() {
                            cell.push(' ');
                            cell.push_str(&more);
                        }
                    }
                }
                _ => rows.push(cells),
            }
        }
        // One line of a single run just above the header, set in as the
        // table is, is its caption.
        let (caption_line, caption) = match header_at.checked_sub(1) {
            Some(above) if cut[above].len() == 1 && column_of(cut[above][0].0) == Some(0) => {
                (Some(run[above]), Some(cut[above][0].1.clone()))
            }
            _ => (None, None),
        };
        out.push(LayoutTable {
            caption_line,
            caption,
            rows_from: run[header_at],
            last: *run.last().expect("a run of lines"),
            rows,
        });
    }
    out
}

/// The headings a contents list names, found in the text: the line each
/// starts on, as a heading, and the lines a heading wrapped onto.
#[derive(Debug, Default)]
struct ListedHeadings {
    starts: HashMap<usize, LineKind>,
    continued: HashSet<usize>,
}

/// Where the text holds a heading its contents list names ("31.6
/// Relationship between Leader and other Members of Cabinet and
/// Officers"), over one line or wrapped onto the next two: a heading,
/// numbered like a clause or not, and however short its lines.
fn listed_headings(
    lines: &[&str],
    furniture: &HashSet<usize>,
    contents: &pages::Contents,
) -> ListedHeadings {
    let headings: HashSet<&String> = contents.headings.iter().collect();
    let mut out = ListedHeadings::default();
    if headings.is_empty() {
        return out;
    }
    let spaced = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut index = 0;
    while index < lines.len() {
        let mut text = spaced(lines[index]);
        if furniture.contains(&index) || text.is_empty() {
            index += 1;
            continue;
        }
        let mut last = index;
        let found = loop {
            if headings.contains(&text) {
                break true;
            }
            let prefix = format!("{text} ");
            let next = lines.get(last + 1).map(|l| spaced(l)).unwrap_or_default();
            let goes_on = last - index < 2
                && !next.is_empty()
                && headings.iter().any(|h| h.starts_with(&prefix));
            if !goes_on {
                break false;
            }
            last += 1;
            text = format!("{prefix}{next}");
        };
        if found {
            let (label, title) = match crate::source::label::leading_label(&text, 1) {
                Some((len, _)) => (
                    Some(text[..len].trim().to_string()),
                    text[len..].trim().to_string(),
                ),
                None => (None, text.clone()),
            };
            out.starts
                .insert(index, LineKind::Heading { label, text: title });
            out.continued.extend(index + 1..=last);
            index = last + 1;
        } else {
            index += 1;
        }
    }
    out
}

#[derive(Default)]
struct Assembler {
    title: Option<String>,
    blocks: Vec<Block>,
    /// Whether a blank line came since the last text.
    after_blank: bool,
    /// The level of the most recent plain bullet and marker item, for nesting.
    last_bullet_level: usize,
    last_marker: Option<(usize, lines::MarkerKind, usize)>,
    /// The width the text was wrapped at, when it was wrapped (as
    /// `pdftotext -layout` and plain-text exports with line breaks are).
    wrap_width: Option<usize>,
    /// How far in each level of plain bullets stands, outermost first.
    bullet_indents: Vec<usize>,
    /// How far in the last list item's marker stood.
    last_item_indent: Option<usize>,
    /// The length of the last line with text, and whether it ended a
    /// sentence.
    previous_len: usize,
    previous_finished: bool,
    /// How far in the text of the last line with text stood (after its
    /// number or bullet, if it has one).
    previous_indent: usize,
    /// How far in the last clause's number stood.
    clause_indent: Option<usize>,
}

impl Assembler {
    fn push(&mut self, kind: LineKind, line_no: usize, raw: &str, summary: &mut ImportSummary) {
        match kind {
            LineKind::Blank => self.after_blank = true,
            LineKind::TableRule => {}
            LineKind::TableRow(cells) => {
                if let Some(Block::Table { rows, .. }) = self.blocks.last_mut()
                    && !self.after_blank
                {
                    rows.push(cells);
                } else {
                    // A `Table:` paragraph just before is the caption.
                    let caption = match self.blocks.last() {
                        Some(Block::Paragraph { text } | Block::Continuation { text })
                            if text.starts_with("Table:") =>
                        {
                            let caption = text["Table:".len()..].trim().to_string();
                            self.blocks.pop();
                            Some(caption)
                        }
                        _ => None,
                    };
                    let in_clause = matches!(
                        self.blocks.last(),
                        Some(Block::Clause { .. } | Block::Continuation { .. })
                    );
                    self.blocks.push(Block::Table {
                        caption,
                        header: cells,
                        rows: Vec::new(),
                        in_clause,
                    });
                }
                self.after_blank = false;
            }
            LineKind::Title(text) => {
                self.title = Some(text.clone());
                self.blocks.push(Block::Title(text));
                self.after_blank = false;
            }
            LineKind::PageFurniture => summary.page_furniture.push(line_no),
            LineKind::StrayMarker => summary.unclassified.push(Unclassified {
                line: line_no,
                text: raw.trim().to_string(),
                action: "a list marker with no text: dropped",
            }),
            LineKind::Punctuation(p) => {
                if let Some(text) = self.open_text() {
                    text.push_str(&p);
                    summary.joined_lines += 1;
                } else {
                    summary.unclassified.push(Unclassified {
                        line: line_no,
                        text: p,
                        action: "punctuation with nothing before it: dropped",
                    });
                }
            }
            LineKind::Heading { label: None, text } if self.title_goes_on(&text) => {
                self.extend_title(&text, summary);
            }
            LineKind::Heading { label, text } => {
                self.blocks.push(Block::Heading { label, text });
                self.after_blank = false;
            }
            LineKind::Clause { label, text } => {
                self.clause_indent = Some(raw.len() - raw.trim_start().len());
                self.blocks.push(Block::Clause {
                    label,
                    text,
                    items: Vec::new(),
                });
                self.last_marker = None;
                self.bullet_indents.clear();
                self.last_item_indent = None;
                self.after_blank = false;
            }
            LineKind::Item {
                indent,
                marker,
                text,
                bullet,
            } => {
                let may_continue = marker.is_none() && bullet != lines::Bullet::Circle;
                if may_continue && self.should_join(&text, true) {
                    self.join(&text, summary);
                    return;
                }
                self.push_item(indent, marker, text, bullet);
                self.last_item_indent = Some(indent);
                self.after_blank = false;
            }
            LineKind::Text { text, .. } if self.title_goes_on(&text) => {
                self.extend_title(&text, summary);
            }
            // In wrapped text, a line that starts as far out as the last
            // list item's marker, or further, is not that item's next line:
            // the list is over.
            LineKind::Text { text, table_like }
                if self.wrap_width.is_some()
                    && self.item_is_open()
                    && self
                        .last_item_indent
                        .is_some_and(|i| raw.len() - raw.trim_start().len() <= i)
                    && !text.starts_with(char::is_lowercase) =>
            {
                if table_like {
                    summary.unclassified.push(Unclassified {
                        line: line_no,
                        text: raw.trim().to_string(),
                        action: "looks like a table row: kept as a paragraph",
                    });
                }
                self.blocks.push(Block::Paragraph { text });
                self.after_blank = false;
            }
            LineKind::Text { text, table_like } => {
                if self.should_join(&text, false) {
                    self.join(&text, summary);
                    return;
                }
                if self.broken_at_wrap() {
                    self.join(&text, summary);
                    return;
                }
                // A line set further out than the text of the line before
                // (a clause's hanging text), or further in after a line
                // that ends a sentence (a quotation), starts a paragraph of
                // its own.
                let indent = raw.len() - raw.trim_start().len();
                let outdented = self.previous_indent > indent + 2;
                let set_in = indent > self.previous_indent + 2 && self.previous_finished;
                if self.wrapped_here(&text) && !outdented && !set_in {
                    self.join(&text, summary);
                    summary.guesses.push(Guess {
                        line: line_no,
                        decided: "joined to the line before, which ends a sentence but at a full line (this line's first word would not have fitted on it); if a paragraph starts here, put a blank line before it".into(),
                    });
                    return;
                }
                if table_like {
                    summary.unclassified.push(Unclassified {
                        line: line_no,
                        text: raw.trim().to_string(),
                        action: "looks like a table row: kept as a paragraph",
                    });
                }
                let continues_item =
                    !self.after_blank && matches!(self.blocks.last(), Some(Block::List { .. }));
                if continues_item {
                    self.join(&text, summary);
                    return;
                }
                // A paragraph set further in than its clause's number, after
                // a blank line, is a further paragraph of that clause.
                let indent = raw.len() - raw.trim_start().len();
                let under_clause = matches!(
                    self.blocks.last(),
                    Some(
                        Block::Clause { .. }
                            | Block::Continuation { .. }
                            | Block::Table {
                                in_clause: true,
                                ..
                            }
                    )
                );
                if self.after_blank
                    && under_clause
                    && self.clause_indent.is_some_and(|at| indent >= at + 3)
                {
                    summary.guesses.push(Guess {
                        line: line_no,
                        decided: "read as a further paragraph of the clause above, being set in under its text; if it is the section's own, take away its indentation".into(),
                    });
                    self.blocks.push(Block::Continuation { text });
                    self.after_blank = false;
                    return;
                }
                self.blocks.push(Block::Paragraph { text });
                self.after_blank = false;
            }
        }
    }

    /// The text that a continuation line would extend.
    fn open_text(&mut self) -> Option<&mut String> {
        match self.blocks.last_mut()? {
            Block::Clause { text, items, .. } => {
                Some(items.last_mut().map_or(text, |i| &mut i.text))
            }
            Block::List { items } => items.last_mut().map(|i| &mut i.text),
            Block::Paragraph { text } | Block::Quote { text } | Block::Continuation { text } => {
                Some(text)
            }
            Block::Heading { .. } | Block::Title(_) | Block::Table { .. } => None,
        }
    }

    /// A line continues the open text when the sentence there is unfinished.
    fn should_join(&mut self, next: &str, is_bullet: bool) -> bool {
        let open_is_item = match self.blocks.last() {
            Some(Block::List { .. }) => true,
            Some(Block::Clause { items, .. }) => !items.is_empty(),
            _ => false,
        };
        let Some(open) = self.open_text() else {
            return false;
        };
        let open = open.trim_end();
        let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
        let ends_dangling = crate::language::ends_with_dangling_word(open);
        let ends_finished = open.ends_with(['.', ':', ';', '?', '!', '"', '”', ')'])
            || open.ends_with(',') && is_bullet;
        if is_bullet {
            // "... and" / "... or" end list items that a next item follows.
            let ends_list_joiner = matches!(crate::language::last_word(open), "and" | "or");
            return ends_dangling && starts_lower && !ends_list_joiner;
        }
        // A plain line after an unfinished list item is the item's next line.
        ends_dangling || (!ends_finished && (starts_lower || open_is_item))
    }

    /// Whether the last block is a list, or a clause with items.
    fn item_is_open(&self) -> bool {
        match self.blocks.last() {
            Some(Block::List { .. }) => true,
            Some(Block::Clause { items, .. }) => !items.is_empty(),
            _ => false,
        }
    }

    /// Whether `next` is the title's second line: straight after it, with
    /// no blank line, and no sentence or title-block field of its own.
    fn title_goes_on(&self, next: &str) -> bool {
        let next = next.trim();
        // The title, or the "Section 31: ..." line under a council's name.
        let numbered_title = |text: &str| {
            let (numbers, _) = split_title(text);
            numbers.section.is_some() || numbers.part.is_some()
        };
        let title = match self.blocks.as_slice() {
            [.., Block::Title(_)] => true,
            [
                Block::Title(_),
                Block::Heading { label: None, text } | Block::Paragraph { text },
            ] => numbered_title(text),
            _ => false,
        };
        // Text with a paragraph to a line (Word's and LibreOffice's plain
        // text) never breaks a title.
        title
            && self.wrap_width.is_some()
            && !self.after_blank
            && next.split_whitespace().count() <= 8
            && !next.ends_with(['.', ';', ':'])
            && !next.contains(':')
    }

    fn extend_title(&mut self, next: &str, summary: &mut ImportSummary) {
        let is_title = matches!(self.blocks.last(), Some(Block::Title(_)));
        if let Some(
            Block::Title(title)
            | Block::Heading {
                label: None,
                text: title,
            }
            | Block::Paragraph { text: title },
        ) = self.blocks.last_mut()
        {
            // A title wrapped at a hyphen ("MEMBER-" / "OFFICER PROTOCOL")
            // is one word: "MEMBER-OFFICER".
            if !title.ends_with('-') || title.ends_with(" -") {
                title.push(' ');
            }
            title.push_str(next.trim());
            if is_title {
                self.title = Some(title.clone());
            }
            summary.joined_lines += 1;
        }
    }

    /// Whether the line break before `next` was the wrapping of the text
    /// rather than the end of a paragraph: no blank line between, and the
    /// first word of `next` would not have fitted on the line before.
    fn wrapped_here(&mut self, next: &str) -> bool {
        let (Some(width), false) = (self.wrap_width, self.after_blank) else {
            return false;
        };
        let first_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let previous = self.previous_len;
        // Counted in characters, the width of a line set in a proportional
        // font varies by a tenth.
        previous + 1 + first_word > width * 9 / 10 && self.open_text().is_some()
    }

    /// Whether the open text stops mid-sentence at the end of a long line
    /// of wrapped text: the line after it carries it on, capital or not
    /// ("(not" / "Party politics").
    fn broken_at_wrap(&mut self) -> bool {
        let (Some(width), false) = (self.wrap_width, self.after_blank) else {
            return false;
        };
        let long = self.previous_len * 10 >= width * 7;
        long && !self.previous_finished && self.open_text().is_some()
    }

    fn join(&mut self, next: &str, summary: &mut ImportSummary) {
        if let Some(open) = self.open_text() {
            let trimmed_len = open.trim_end().len();
            open.truncate(trimmed_len);
            open.push(' ');
            open.push_str(next.trim());
            summary.joined_lines += 1;
        }
    }

    fn push_item(
        &mut self,
        indent: usize,
        marker: Option<String>,
        text: String,
        bullet: lines::Bullet,
    ) {
        let kind = marker.as_deref().map(lines::marker_kind);
        let level = match (&kind, bullet) {
            (_, lines::Bullet::Circle) => self.last_bullet_level + 1,
            (Some(k), _) => match self.last_marker {
                Some((level, previous, _)) if previous != *k && *k != lines::MarkerKind::Number => {
                    level + 1
                }
                Some((level, previous, _)) if previous == *k => level,
                _ => 0,
            },
            (None, _) => match self.last_marker {
                Some((level, _, marker_indent)) if indent > marker_indent => level + 1,
                // Plain bullets nest by how far in they stand, as
                // `pdftotext -layout` keeps it; a space either way is the
                // same level (extraction is not that exact).
                _ => {
                    while self.bullet_indents.last().is_some_and(|&i| i > indent + 1) {
                        self.bullet_indents.pop();
                    }
                    if self.bullet_indents.last().is_none_or(|&i| indent > i + 1) {
                        self.bullet_indents.push(indent);
                    }
                    self.bullet_indents.len() - 1
                }
            },
        };
        if let Some(k) = kind
            && bullet != lines::Bullet::Circle
        {
            self.last_marker = Some((level, k, indent));
        }
        if bullet != lines::Bullet::Circle {
            self.last_bullet_level = level;
        }
        let item = ImportItem {
            level,
            marker,
            text,
        };
        match self.blocks.last_mut() {
            Some(Block::Clause { items, .. }) | Some(Block::List { items }) => items.push(item),
            _ => {
                self.last_marker = kind.map(|k| (0, k, indent));
                self.last_bullet_level = 0;
                self.bullet_indents = vec![indent];
                self.blocks.push(Block::List {
                    items: vec![ImportItem { level: 0, ..item }],
                })
            }
        }
    }

    /// Splits clauses run together on one line ("... informed. 10.2. A ...").
    fn finish(self, summary: &mut ImportSummary) -> Vec<Block> {
        let mut out = Vec::with_capacity(self.blocks.len());
        for block in self.blocks {
            match block {
                Block::Clause { label, text, items } => {
                    match lines::split_run_on_clause(&label, &text) {
                        Some((first, next_label, rest)) => {
                            summary.split_clauses += 1;
                            out.push(Block::Clause {
                                label,
                                text: first,
                                items: Vec::new(),
                            });
                            out.push(Block::Clause {
                                label: next_label,
                                text: rest,
                                items,
                            });
                        }
                        _ => out.push(Block::Clause { label, text, items }),
                    }
                }
                Block::Paragraph { text } if is_quotation(&text) => out.push(Block::Quote { text }),
                other => out.push(other),
            }
        }
        out
    }
}

/// A whole paragraph in quotation marks.
/// Where a line's text starts: after its indentation, and after the
/// number, letter or bullet it opens with and the space after that
/// ("2.5       The nature ..." at 10).
fn text_column(raw: &str) -> usize {
    let indent = raw.len() - raw.trim_start().len();
    let rest = raw.trim_start();
    let first = rest.split_whitespace().next().unwrap_or("");
    let marked = crate::source::label::leading_label(first, 1).is_some()
        || crate::source::label::leading_marker(first).is_some()
        || matches!(first, "•" | "-" | "o" | "▪" | "◦");
    if !marked || first.len() == rest.len() {
        return indent;
    }
    let after = &rest[first.len()..];
    indent + first.len() + (after.len() - after.trim_start().len())
}

fn is_quotation(text: &str) -> bool {
    let text = text.trim();
    let opens = text.starts_with(['"', '“']);
    let closes = text.trim_end_matches(['.', ',']).ends_with(['"', '”']);
    opens && closes && text.chars().count() > 40
}

#[cfg(test)]
mod tests;
