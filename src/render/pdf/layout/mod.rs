//! Layout: flow blocks to pages of positioned boxes.
//!
//! Text is measured with the embedded font's glyph advances, broken into
//! lines with textwrap's optimal-fit algorithm (ragged right), and placed on
//! A4 pages: labels hang in the margin of their text, headings never end a
//! page, and a paragraph split across pages leaves at least two lines on
//! each side where it can.
//!
//! Layout also says what each run of text is, for tagged PDF: every run
//! belongs to a structure element (a heading, a paragraph, a list item's
//! label or body, a table cell, a contents entry, a link, a deleted or
//! inserted span), or is page furniture (an artifact).

mod input;
mod lines;

use std::collections::BTreeMap;

use textwrap::wrap_algorithms::{Penalties, wrap_optimal_fit};

use crate::fonts::{FontStyle, text_width};
use crate::render::pdf::boxes::{
    Bookmark, Colour, Decoration, Element, LaidOut, Link, LinkArea, Metadata, Page, Place, Rule,
    StructRole, TextRun,
};
pub use input::{Flow, Furniture, Group, HangingLabel, LayoutOptions, PageGeometry, StyledText};
use lines::{Word, first_fit, fit_words, visual_order, words};

/// Lays out `flow` on pages. Contents entries show the pages their targets
/// land on, so the flow is laid out twice: the second pass knows them.
pub fn layout(
    flow: &[Flow],
    furniture: &Furniture,
    metadata: Metadata,
    options: &LayoutOptions,
) -> LaidOut {
    // The first pass only finds where each anchor falls; its pages go at once.
    let anchors = Layouter::run(flow, options, &BTreeMap::new()).anchors;
    let mut laid = Layouter::run(flow, options, &anchors);
    add_furniture(&mut laid, furniture, options);
    laid.metadata = metadata;
    laid
}

/// The most pages one PDF may have by default: far beyond any constitution.
pub const MAX_PAGES: usize = 5_000;

/// Space above and below a table.
const TABLE_SPACE: f32 = 6.0;

struct Layouter<'a> {
    overflowed: bool,
    /// Inside a table: the row laid out last was a table row.
    in_table: bool,
    /// The current table's header row, repeated on each page it continues on.
    table_header: Option<Vec<(f32, Vec<StyledText>)>>,
    options: &'a LayoutOptions,
    known: &'a BTreeMap<String, Place>,
    pages: Vec<Page>,
    y: f32,
    anchors: BTreeMap<String, Place>,
    bookmarks: Vec<Bookmark>,
    /// The structure elements so far; the document is the first.
    structure: Vec<Element>,
    /// The lists open at the current point, outermost first.
    lists: Vec<OpenList>,
    /// The contents list and the table being laid out, if any.
    toc: Option<usize>,
    table: Option<usize>,
    /// The groups open at the current point, innermost last, with their elements.
    groups: Vec<(Group, usize)>,
}

/// A list open at the current point: the margin its labels hang at, the
/// `L` element, and the body of its last item (where a nested list or a
/// continuing paragraph goes).
struct OpenList {
    hang: f32,
    list: usize,
    body: usize,
}

/// The document element, the first of every structure.
const DOCUMENT: usize = 0;

impl<'a> Layouter<'a> {
    fn run(
        flow: &[Flow],
        options: &'a LayoutOptions,
        known: &'a BTreeMap<String, Place>,
    ) -> LaidOut {
        let mut layouter = Layouter {
            overflowed: false,
            in_table: false,
            table_header: None,
            options,
            known,
            pages: vec![Page::default()],
            y: options.page.margin_top,
            anchors: BTreeMap::new(),
            bookmarks: Vec::new(),
            structure: vec![Element {
                role: StructRole::Document,
                parent: None,
                alt: None,
            }],
            lists: Vec::new(),
            toc: None,
            table: None,
            groups: Vec::new(),
        };
        for (i, block) in flow.iter().enumerate() {
            layouter.close_containers(block);
            layouter.block(block, flow.get(i + 1));
        }
        LaidOut {
            width: options.page.width,
            height: options.page.height,
            pages: layouter.pages,
            anchors: layouter.anchors,
            bookmarks: layouter.bookmarks,
            metadata: Metadata::default(),
            overflowed: layouter.overflowed.then_some(options.max_pages),
            structure: layouter.structure,
        }
    }

    /// A new structure element under `parent`.
    fn element(&mut self, role: StructRole, parent: usize) -> usize {
        self.structure.push(Element {
            role,
            parent: Some(parent),
            alt: None,
        });
        self.structure.len() - 1
    }

    /// Where a block that belongs to no list goes: the innermost group, or
    /// the document.
    fn container(&self) -> usize {
        self.groups.last().map_or(DOCUMENT, |(_, element)| *element)
    }

    /// Ends the contents list, table or lists that `block` does not continue.
    fn close_containers(&mut self, block: &Flow) {
        match block {
            Flow::Anchor { .. } | Flow::NeedSpace(_) | Flow::PageBreak => {}
            Flow::Group(_) | Flow::EndGroup => {
                self.toc = None;
                self.table = None;
                self.lists.clear();
            }
            Flow::TocEntry { .. } => {
                self.table = None;
                self.lists.clear();
            }
            Flow::TableRow { .. } => {
                self.toc = None;
                self.lists.clear();
            }
            Flow::Paragraph { .. } => {
                self.toc = None;
                self.table = None;
            }
            Flow::Heading { .. } | Flow::Rule { .. } => {
                self.toc = None;
                self.table = None;
                self.lists.clear();
            }
        }
    }

    /// The element each span's text belongs to, under `parent`: a link is a
    /// `Link`; deleted and inserted text a `Span` whose alternative text says
    /// so, since strike-through and underline are lost on a screen reader.
    fn span_elements(&mut self, spans: &[StyledText], parent: usize) -> Vec<Option<usize>> {
        spans
            .iter()
            .map(|span| {
                let said = match span.decoration {
                    Decoration::Strike => Some("deleted"),
                    Decoration::Underline if span.colour == Colour::INSERTED => Some("inserted"),
                    _ => None,
                };
                if span.link.is_some() {
                    return Some(self.element(StructRole::Link, parent));
                }
                match said {
                    Some(said) => {
                        let id = self.element(StructRole::Span, parent);
                        self.structure[id].alt = Some(format!("{said}: {}", span.text.trim()));
                        Some(id)
                    }
                    None => Some(parent),
                }
            })
            .collect()
    }

    /// The element a paragraph at `indent` goes in, and the element of its
    /// label if it has one (`hang` is where the label hangs): a labelled
    /// paragraph is a list item (its label `Lbl`, its text `LBody`), in the
    /// list of the items hanging at the same margin, nested in the item
    /// before when it hangs further in; a paragraph under an item continues
    /// that item's body.
    fn paragraph_element(
        &mut self,
        indent: f32,
        hang: f32,
        labelled: bool,
    ) -> (usize, Option<usize>) {
        const SAME: f32 = 0.5;
        // In a table of labelled rows, each paragraph is a row: its label
        // the row's header, its text the cell.
        if let Some(&(Group::LabelledRows, table)) = self.groups.last() {
            let row = self.element(StructRole::TR, table);
            let header = labelled.then(|| self.element(StructRole::RowHeader, row));
            return (self.element(StructRole::TD, row), header);
        }
        if !labelled {
            while let Some(top) = self.lists.last() {
                if indent > top.hang + SAME {
                    let body = top.body;
                    return (self.element(StructRole::P, body), None);
                }
                self.lists.pop();
            }
            return (self.element(StructRole::P, self.container()), None);
        }
        while self.lists.last().is_some_and(|top| top.hang > hang + SAME) {
            self.lists.pop();
        }
        let list = match self.lists.last() {
            Some(top) if (top.hang - hang).abs() <= SAME => top.list,
            top => {
                let parent = top.map_or(self.container(), |t| t.body);
                let list = self.element(StructRole::L, parent);
                self.lists.push(OpenList {
                    hang,
                    list,
                    body: list,
                });
                list
            }
        };
        let item = self.element(StructRole::LI, list);
        let label = self.element(StructRole::Lbl, item);
        let body = self.element(StructRole::LBody, item);
        if let Some(top) = self.lists.last_mut() {
            top.body = body;
        }
        (body, Some(label))
    }

    fn bottom(&self) -> f32 {
        self.options.page.height - self.options.page.margin_bottom
    }

    fn left(&self) -> f32 {
        self.options.page.margin_left
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        if self.pages.len() >= self.options.max_pages {
            // Past the limit, keep writing over the last page; `layout` reports it.
            self.overflowed = true;
            self.pages.last_mut().expect("a page").runs.clear();
            self.y = self.options.page.margin_top;
            return;
        }
        self.pages.push(Page::default());
        self.y = self.options.page.margin_top;
    }

    fn at_top(&self) -> bool {
        (self.y - self.options.page.margin_top).abs() < 0.01
    }

    fn place(&self) -> Place {
        Place {
            page: self.pages.len() - 1,
            y: self.y,
        }
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.options.leading
    }

    fn block(&mut self, block: &Flow, next: Option<&Flow>) {
        match block {
            Flow::Heading {
                level,
                spans,
                anchor,
                bookmark,
            } => self.heading(*level, spans, anchor, bookmark, next),
            Flow::Paragraph {
                spans,
                size,
                indent,
                hang,
                label,
                anchor,
                space_before,
                change_bar,
            } => {
                let size = size.unwrap_or(self.options.body_size);
                // A lead-in line stays with the table it introduces.
                let keep_with_next = match next {
                    Some(Flow::TableRow { .. }) => TABLE_SPACE + 2.0 * self.row_height(1),
                    _ => 0.0,
                };
                self.paragraph(
                    spans,
                    size,
                    *indent,
                    *hang,
                    label.as_ref(),
                    anchor.as_deref(),
                    *space_before,
                    *change_bar,
                    keep_with_next,
                );
            }
            Flow::TocEntry {
                text,
                indent,
                target,
                bold,
            } => self.toc_entry(text, *indent, target, *bold),
            Flow::TableRow {
                cells,
                header,
                anchor,
            } => {
                let first = !self.in_table;
                let last = !matches!(next, Some(Flow::TableRow { .. }));
                self.in_table = !last;
                self.table_row(cells, *header, first, last, anchor.as_deref())
            }
            Flow::Rule { space } => {
                self.y += space;
                let (x1, x2) = (self.left(), self.left() + self.options.page.text_width());
                let y = self.y;
                self.page().rules.push(Rule {
                    x1,
                    y1: y,
                    x2,
                    y2: y,
                    thickness: 0.5,
                    colour: Colour::GREY,
                });
                self.y += space;
            }
            Flow::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Flow::NeedSpace(points) => {
                if self.y + points > self.bottom() && !self.at_top() {
                    self.new_page();
                }
            }
            Flow::Group(group) => {
                let role = match group {
                    Group::Quote => StructRole::BlockQuote,
                    Group::LabelledRows => StructRole::Table,
                    Group::Note => StructRole::Note,
                };
                let element = self.element(role, self.container());
                self.groups.push((*group, element));
            }
            Flow::EndGroup => {
                self.groups.pop();
            }
            Flow::Anchor { name, bookmark } => {
                let place = self.place();
                self.anchors.insert(name.clone(), place);
                if let Some((title, level)) = bookmark {
                    self.bookmarks.push(Bookmark {
                        title: title.clone(),
                        level: *level,
                        anchor: name.clone(),
                    });
                }
            }
        }
    }

    fn heading(
        &mut self,
        level: u8,
        spans: &[StyledText],
        anchor: &Option<String>,
        bookmark: &Option<(String, u8)>,
        next: Option<&Flow>,
    ) {
        let size = match level {
            1 => 20.0,
            2 => 14.0,
            3 => 12.0,
            _ => 11.0,
        };
        let space_before = if self.at_top() { 0.0 } else { size * 0.9 };
        let bold: Vec<StyledText> = spans
            .iter()
            .map(|s| StyledText {
                style: s.style.with(true, false),
                colour: self.options.brand,
                ..s.clone()
            })
            .collect();
        let lines = self.break_lines(&bold, size, self.options.page.text_width());
        let height = space_before + lines.len() as f32 * self.line_height(size) + size * 0.35;
        // Keep a heading with the first two lines of what follows it.
        let following = match next {
            Some(Flow::Paragraph { size: s, .. }) => {
                2.0 * self.line_height(s.unwrap_or(self.options.body_size))
            }
            Some(Flow::Heading { .. }) => 3.0 * self.line_height(self.options.body_size),
            Some(Flow::TableRow { .. }) => TABLE_SPACE + 2.0 * self.row_height(1),
            _ => 0.0,
        };
        if self.y + height + following > self.bottom() && !self.at_top() {
            self.new_page();
        } else {
            self.y += space_before;
        }
        if let Some(anchor) = anchor {
            let place = self.place();
            self.anchors.insert(anchor.clone(), place);
            if let Some((title, level)) = bookmark {
                self.bookmarks.push(Bookmark {
                    title: title.clone(),
                    level: *level,
                    anchor: anchor.clone(),
                });
            }
        }
        let heading = self.element(StructRole::Heading(level), DOCUMENT);
        let elements = self.span_elements(&bold, heading);
        for line in &lines {
            self.y += self.line_height(size);
            let x = self.left();
            self.set_line(line, &bold, &elements, x, size);
        }
        self.y += size * 0.35;
    }

    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        spans: &[StyledText],
        size: f32,
        indent: f32,
        hang: f32,
        label: Option<&HangingLabel>,
        anchor: Option<&str>,
        space_before: f32,
        change_bar: bool,
        keep_with_next: f32,
    ) {
        // Deep nesting stops indenting at 60% of the text block, so text
        // always has room and never runs past the right margin.
        let indent = indent.min(self.options.page.text_width() * 0.6);
        let hang = hang.min(indent);
        let width = self.options.page.text_width() - indent;
        let lines = self.break_lines(spans, size, width);
        let lines = if lines.is_empty() {
            vec![Vec::new()]
        } else {
            lines
        };
        let line_height = self.line_height(size);
        if !self.at_top() {
            self.y += space_before;
        }
        let room = ((self.bottom() - self.y) / line_height).floor().max(0.0) as usize;
        let total = lines.len();
        if keep_with_next > 0.0
            && total <= 3
            && self.y + total as f32 * line_height + keep_with_next > self.bottom()
            && !self.at_top()
        {
            self.new_page();
        }
        // Widows and orphans: never one line alone at either end of a page.
        if room < total {
            let fits_on_a_page =
                total as f32 * line_height <= self.bottom() - self.options.page.margin_top;
            let split_ok = room >= 2 && total - room >= 2;
            if (room < 2 || !split_ok) && !self.at_top() && (fits_on_a_page || room < 2) {
                self.new_page();
            }
        }
        if let Some(anchor) = anchor {
            let place = self.place();
            self.anchors.insert(anchor.to_string(), place);
        }
        let (element, label_element) = self.paragraph_element(indent, hang, label.is_some());
        let elements = self.span_elements(spans, element);
        let mut first_line_on_page = true;
        let mut bar_start = self.y;
        for (i, line) in lines.iter().enumerate() {
            let lines_left = total - i;
            let room = ((self.bottom() - self.y) / line_height).floor() as usize;
            let would_leave_widow = room == 1 && lines_left == 2 && total >= 4;
            if (self.y + line_height > self.bottom() || would_leave_widow) && !first_line_on_page {
                if change_bar {
                    self.change_bar(bar_start, self.y);
                }
                self.new_page();
                bar_start = self.y;
            }
            first_line_on_page = false;
            self.y += line_height;
            if i == 0
                && let Some(label) = label
            {
                let x = self.left() + hang;
                let label_width = text_width(&label.text, label.style, size);
                let y = self.y - line_height * 0.25;
                self.page().runs.push(TextRun {
                    x,
                    y,
                    text: label.text.clone(),
                    style: label.style,
                    size,
                    colour: Colour::BLACK,
                    width: label_width,
                    element: label_element,
                });
            }
            let x = self.left() + indent;
            self.set_line(line, spans, &elements, x, size);
        }
        if change_bar {
            self.change_bar(bar_start, self.y + line_height * 0.1);
        }
    }

    fn change_bar(&mut self, from: f32, to: f32) {
        let x = self.left() - 10.0;
        let colour = self.options.brand;
        self.page().rules.push(Rule {
            x1: x,
            y1: from + 2.0,
            x2: x,
            y2: to,
            thickness: 2.0,
            colour,
        });
    }

    /// Places one broken line: consecutive words of the same span become one run.
    /// `elements` says which structure element each span's text belongs to.
    fn set_line(
        &mut self,
        line: &[Word],
        spans: &[StyledText],
        elements: &[Option<usize>],
        x: f32,
        size: f32,
    ) {
        let baseline = self.y - self.line_height(size) * 0.25;
        let mut cursor = x;
        let mut k = 0;
        while k < line.len() {
            let span_index = line[k].span;
            let mut text = String::new();
            let mut width = 0.0;
            let start = cursor;
            while k < line.len() && line[k].span == span_index {
                let word = &line[k];
                text.push_str(&word.text);
                width += word.width;
                let last_on_line = k + 1 == line.len();
                if last_on_line && word.hyphen > 0.0 {
                    text.push('-');
                    width += word.hyphen;
                }
                if !last_on_line && word.space > 0.0 {
                    text.push(' ');
                    width += word.space;
                }
                // The space a line ends at is kept (and not measured), so
                // text read or copied from the page has its words apart.
                if last_on_line && word.space > 0.0 && word.hyphen == 0.0 {
                    text.push(' ');
                    width += text_width(" ", spans[span_index].style, size);
                }
                k += 1;
            }
            let text = visual_order(text);
            let span = &spans[span_index];
            let trimmed_width = width
                - if text.ends_with(' ') {
                    text_width(" ", span.style, size)
                } else {
                    0.0
                };
            self.page().runs.push(TextRun {
                x: start,
                y: baseline,
                text: text.clone(),
                style: span.style,
                size,
                colour: span.colour,
                width: trimmed_width,
                element: elements.get(span_index).copied().flatten(),
            });
            let colour = span.colour;
            match span.decoration {
                Decoration::None => {}
                Decoration::Underline => self.page().rules.push(Rule {
                    x1: start,
                    y1: baseline + size * 0.15,
                    x2: start + trimmed_width,
                    y2: baseline + size * 0.15,
                    thickness: 0.8,
                    colour,
                }),
                Decoration::Strike => self.page().rules.push(Rule {
                    x1: start,
                    y1: baseline - size * 0.3,
                    x2: start + trimmed_width,
                    y2: baseline - size * 0.3,
                    thickness: 0.8,
                    colour,
                }),
            }
            if let Some(link) = &span.link {
                let element = elements.get(span_index).copied().flatten();
                self.page().links.push(LinkArea {
                    x: start,
                    y: baseline - size * 0.8,
                    width: trimmed_width,
                    height: size * 1.05,
                    link: link.clone(),
                    element,
                    text: text.trim().to_string(),
                });
            }
            cursor = start + width;
        }
    }

    /// Splits spans into words and breaks them into lines no wider than `width`.
    fn break_lines(&self, spans: &[StyledText], size: f32, width: f32) -> Vec<Vec<Word>> {
        let words = words(spans, size, width);
        if words.is_empty() {
            return Vec::new();
        }
        // textwrap's penalties are tuned for widths in characters: measure in ens.
        let en = size * 0.5;
        let scaled: Vec<Word> = words
            .iter()
            .map(|w| Word {
                width: w.width / en,
                space: w.space / en,
                ..w.clone()
            })
            .collect();
        let line_width = f64::from(width / en);
        match wrap_optimal_fit(&scaled, &[line_width], &Penalties::new()) {
            Ok(lines) => {
                // The lines are consecutive slices of the words, in order.
                let mut first = 0;
                lines
                    .iter()
                    .map(|line| {
                        let words = words[first..first + line.len()].to_vec();
                        first += line.len();
                        words
                    })
                    .collect()
            }
            Err(_) => first_fit(&words, width),
        }
    }

    fn toc_entry(&mut self, text: &str, indent: f32, target: &str, bold: bool) {
        let size = self.options.body_size;
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Regular
        };
        let number = self
            .known
            .get(target)
            .map(|p| (p.page + 1).to_string())
            .unwrap_or_else(|| "0".to_string());
        let number_width = text_width(&number, style, size);
        let column = 30.0;
        let available = self.options.page.text_width() - indent - column;
        let spans = [StyledText {
            link: Some(Link::Anchor(target.to_string())),
            ..StyledText::plain(text, style)
        }];
        let lines = self.break_lines(&spans, size, available);
        let line_height = self.line_height(size);
        if self.y + line_height * lines.len() as f32 > self.bottom() {
            self.new_page();
        }
        let toc = match self.toc {
            Some(toc) => toc,
            None => {
                let toc = self.element(StructRole::TOC, DOCUMENT);
                self.toc = Some(toc);
                toc
            }
        };
        let entry = self.element(StructRole::TOCI, toc);
        let elements = self.span_elements(&spans, entry);
        let link_element = elements[0];
        self.y += 2.0;
        let line_count = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.y += line_height;
            let x = self.left() + indent;
            self.set_line(line, &spans, &elements, x, size);
            if i + 1 == line_count {
                let right = self.left() + self.options.page.text_width();
                let baseline = self.y - line_height * 0.25;
                let used: f32 = line.iter().map(|w| w.width + w.space).sum();
                let dots_from = x + used + 4.0;
                let dots_to = right - number_width - 4.0;
                if dots_to > dots_from {
                    let dot = text_width(". ", FontStyle::Regular, size);
                    let count = ((dots_to - dots_from) / dot).floor().max(0.0) as usize;
                    let leader = ". ".repeat(count);
                    let leader_width = text_width(&leader, FontStyle::Regular, size);
                    self.page().runs.push(TextRun {
                        x: dots_to - leader_width,
                        y: baseline,
                        text: leader,
                        style: FontStyle::Regular,
                        size,
                        colour: Colour::GREY,
                        width: leader_width,
                        // The dotted leader is decoration.
                        element: None,
                    });
                }
                self.page().runs.push(TextRun {
                    x: right - number_width,
                    y: baseline,
                    text: number.clone(),
                    style,
                    size,
                    colour: Colour::BLACK,
                    width: number_width,
                    element: link_element,
                });
                self.page().links.push(LinkArea {
                    x: right - number_width,
                    y: baseline - size * 0.8,
                    width: number_width,
                    height: size * 1.05,
                    link: Link::Anchor(target.to_string()),
                    element: link_element,
                    text: format!("{text}, page {number}"),
                });
            }
        }
    }

    /// The type size of table cells.
    fn table_size(&self) -> f32 {
        self.options.body_size * 0.9
    }

    /// The lines of each cell of a row, wrapped to its column.
    fn table_cells(
        &self,
        cells: &[(f32, Vec<StyledText>)],
        header: bool,
    ) -> Vec<(f32, Vec<StyledText>, Vec<Vec<Word>>)> {
        let size = self.table_size();
        let text_block = self.options.page.text_width();
        cells
            .iter()
            .enumerate()
            .map(|(k, (offset, spans))| {
                let next = cells.get(k + 1).map_or(text_block, |c| c.0);
                let room = (next - offset - 6.0).max(size);
                let spans: Vec<StyledText> = spans
                    .iter()
                    .map(|span| StyledText {
                        style: if header {
                            span.style.with(true, false)
                        } else {
                            span.style
                        },
                        ..span.clone()
                    })
                    .collect();
                let lines = self.break_lines(&spans, size, room);
                (*offset, spans, lines)
            })
            .collect()
    }

    /// The height of a row of `lines` lines of table text.
    fn row_height(&self, lines: usize) -> f32 {
        lines.max(1) as f32 * self.line_height(self.table_size()) + 3.0
    }

    /// A table row: every cell wraps within its column, so no text is cut;
    /// a row is never split across pages, and the header row is repeated at
    /// the top of each page the table continues on.
    /// A header repeated on a new page is furniture: the table's structure
    /// has it once.
    fn table_row(
        &mut self,
        cells: &[(f32, Vec<StyledText>)],
        header: bool,
        first: bool,
        last: bool,
        anchor: Option<&str>,
    ) {
        self.table_row_in(cells, header, first, last, false, anchor)
    }

    fn table_row_in(
        &mut self,
        cells: &[(f32, Vec<StyledText>)],
        header: bool,
        first: bool,
        last: bool,
        repeated: bool,
        anchor: Option<&str>,
    ) {
        let size = self.table_size();
        let line_height = self.line_height(size);
        let laid = self.table_cells(cells, header);
        let lines = laid
            .iter()
            .map(|(_, _, l)| l.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let height = self.row_height(lines);
        if first && !self.at_top() {
            self.y += TABLE_SPACE;
        }
        if header {
            self.table_header = Some(cells.to_vec());
        } else if first {
            self.table_header = None;
        }
        // A header keeps the first body row with it.
        let keep = if header { self.row_height(2) } else { 0.0 };
        if self.y + height + keep > self.bottom() && !self.at_top() {
            self.new_page();
            if !header && let Some(header_cells) = self.table_header.clone() {
                self.table_row_in(&header_cells, true, false, false, true, None);
            }
        }
        let row = match repeated {
            true => None,
            false => {
                let table = match self.table {
                    Some(table) => table,
                    None => {
                        let table = self.element(StructRole::Table, DOCUMENT);
                        self.table = Some(table);
                        table
                    }
                };
                Some(self.element(StructRole::TR, table))
            }
        };
        if let Some(anchor) = anchor {
            let place = self.place();
            self.anchors.insert(anchor.to_string(), place);
        }
        let top = self.y;
        for (offset, spans, cell_lines) in &laid {
            self.y = top;
            let x = self.left() + offset;
            let elements = match row {
                Some(row) => {
                    let role = if header {
                        StructRole::TH
                    } else {
                        StructRole::TD
                    };
                    let cell = self.element(role, row);
                    self.span_elements(spans, cell)
                }
                None => vec![None; spans.len()],
            };
            for line in cell_lines {
                self.y += line_height;
                self.set_line(line, spans, &elements, x, size);
            }
        }
        self.y = top + lines as f32 * line_height;
        let text_block = self.options.page.text_width();
        let y = self.y + 1.5;
        let (x1, x2) = (self.left(), self.left() + text_block);
        self.page().rules.push(Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            thickness: if header { 0.8 } else { 0.3 },
            colour: Colour::GREY,
        });
        self.y += 3.0;
        if last {
            self.y += TABLE_SPACE;
            self.table_header = None;
        }
    }
}

/// Running header, footer and page numbers ("Page 3 of 12") on every page.
fn add_furniture(laid: &mut LaidOut, furniture: &Furniture, options: &LayoutOptions) {
    let total = laid.pages.len();
    let g = &options.page;
    let size = 8.5;
    let right = g.width - g.margin_right;
    let header_y = g.margin_top - 28.0;
    let footer_y = g.height - g.margin_bottom + 30.0;
    for (index, page) in laid.pages.iter_mut().enumerate() {
        let mut text = |x: f32, y: f32, t: &str, align_right: bool| {
            let width = text_width(t, FontStyle::Regular, size);
            let x = if align_right { x - width } else { x };
            page.runs.push(TextRun {
                x,
                y,
                text: t.to_string(),
                style: FontStyle::Regular,
                size,
                colour: Colour::GREY,
                width,
                element: None,
            });
        };
        // The left header (the council) takes what it needs, up to half;
        // the title has the rest, and is shortened at a word if it must be.
        let gap = 16.0;
        let left = fit_words(
            &furniture.header_left,
            size,
            g.text_width() / 2.0 - gap / 2.0,
        );
        let left_width = text_width(&left, FontStyle::Regular, size);
        let right_text = fit_words(
            &furniture.header_right,
            size,
            g.text_width() - left_width - gap,
        );
        text(g.margin_left, header_y, &left, false);
        text(right, header_y, &right_text, true);
        text(g.margin_left, footer_y, &furniture.footer_left, false);
        text(
            right,
            footer_y,
            &format!("Page {} of {total}", index + 1),
            true,
        );
        let rule_y = header_y + 5.0;
        page.rules.push(Rule {
            x1: g.margin_left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            thickness: 0.4,
            colour: Colour::GREY,
        });
    }
}

#[cfg(test)]
mod tests;
