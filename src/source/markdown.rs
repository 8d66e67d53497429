//! Markdown events to a small block tree. One function owns the Markdown
//! dialect, so every path parses the same way.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::model::raw::{RawBlock, RawItem};
use crate::model::{Inline, LinkTarget, Span};

/// The Markdown dialect of every clerk source: CommonMark plus tables.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
}

/// The parser every part of clerk uses for Markdown.
pub fn new_parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, parser_options())
}

/// Parses Markdown `text` whose first byte sits at `offset` in its file.
pub fn parse_blocks(text: &str, offset: usize) -> Vec<RawBlock> {
    let text = with_table_delimiters_trimmed(text);
    let text = text.as_ref();
    let mut reader = Reader {
        events: new_parser(text).into_offset_iter(),
        ahead: None,
        last: 0..0,
        offset,
        source: text,
        depth: 0,
        inline_depth: 0,
    };
    reader.blocks_until(None)
}

/// `text` with the trailing tabs of each table delimiter row (`|---|---|`)
/// made spaces: pulldown-cmark does not take a delimiter row that ends in
/// a tab, and a table would be read as a paragraph of pipes. The bytes
/// keep their places, so every span stays true.
fn with_table_delimiters_trimmed(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter_row = |line: &str| {
        let line = line.trim_end_matches(['\t', ' ', '\r']).trim_start();
        line.contains('-')
            && line.contains('|')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let ends_in_tab = |line: &str| line.trim_end_matches(['\r', ' ']).ends_with('\t');
    if !text
        .split('\n')
        .any(|l| ends_in_tab(l) && is_delimiter_row(l))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match ends_in_tab(line) && is_delimiter_row(line) {
            true => {
                let body = line.trim_end_matches(['\t', ' ', '\r']);
                let tail: String = line[body.len()..]
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
                format!("{body}{tail}")
            }
            false => line.to_string(),
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// Lists and quotations nest at most this deep (templates render each level
/// through a component, and components nest at most 20 deep); deeper
/// structure is kept as text, so hostile input cannot exhaust the stack.
pub const MAX_NESTING: usize = 12;

/// Emphasis, strong and links nest at most this deep; deeper ones keep their words.
pub const MAX_INLINE_NESTING: usize = 32;

struct Reader<'a> {
    /// The parser's events, read as they are made.
    events: pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    /// An event looked at but not yet read.
    ahead: Option<(Event<'a>, std::ops::Range<usize>)>,
    /// Where the event read last lies in `source`.
    last: std::ops::Range<usize>,
    offset: usize,
    source: &'a str,
    /// Open lists and quotations.
    depth: usize,
    /// Open emphasis, strong and links.
    inline_depth: usize,
}

impl<'a> Reader<'a> {
    fn span(&self, range: &std::ops::Range<usize>) -> Span {
        Span::new(range.start + self.offset, range.end + self.offset)
    }

    fn next(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        let event = self.ahead.take().or_else(|| self.events.next())?;
        self.last = event.1.clone();
        Some(event)
    }

    /// The next event, left to be read.
    fn peek(&mut self) -> Option<&Event<'a>> {
        if self.ahead.is_none() {
            self.ahead = self.events.next();
        }
        self.ahead.as_ref().map(|(event, _)| event)
    }

    /// Reads blocks until the end tag `end` (or the end of input).
    fn blocks_until(&mut self, end: Option<TagEnd>) -> Vec<RawBlock> {
        let mut blocks = Vec::new();
        // Tight list items hold bare text with no paragraph; gather it here.
        let mut loose: Option<(Vec<Inline>, Span)> = None;
        while let Some((event, range)) = self.next() {
            let span = self.span(&range);
            match event {
                Event::End(tag) if Some(tag) == end => break,
                Event::Start(Tag::Paragraph) => {
                    flush(&mut loose, &mut blocks);
                    let content = self.inlines_until(TagEnd::Paragraph);
                    blocks.push(RawBlock::Paragraph { content, span });
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    flush(&mut loose, &mut blocks);
                    let mut content = self.inlines_until(TagEnd::Heading(level));
                    trim_heading_end(&mut content);
                    blocks.push(RawBlock::Heading {
                        level: level as u8,
                        content,
                        span,
                    });
                }
                Event::Start(tag @ (Tag::List(_) | Tag::BlockQuote(_)))
                    if self.depth >= MAX_NESTING =>
                {
                    flush(&mut loose, &mut blocks);
                    self.skip_to_end_of(&tag);
                    let end = self.last.end;
                    let text = self.source[range.start..end].trim_end().to_string();
                    let span = Span::new(range.start + self.offset, end + self.offset);
                    blocks.push(RawBlock::Unsupported {
                        what: "nesting deeper than 12 levels",
                        text,
                        span,
                    });
                }
                Event::Start(Tag::List(start)) => {
                    flush(&mut loose, &mut blocks);
                    self.depth += 1;
                    let items = self.items_until(TagEnd::List(start.is_some()));
                    self.depth -= 1;
                    blocks.push(RawBlock::List { items, start, span });
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    flush(&mut loose, &mut blocks);
                    self.depth += 1;
                    let inner = self.blocks_until(Some(TagEnd::BlockQuote(None)));
                    self.depth -= 1;
                    blocks.push(RawBlock::Quote {
                        blocks: inner,
                        span,
                    });
                }
                Event::Start(Tag::Table(_)) => {
                    flush(&mut loose, &mut blocks);
                    let (header, rows) = self.table();
                    blocks.push(RawBlock::Table { header, rows, span });
                }
                Event::Start(tag) if !is_inline(&tag) => {
                    flush(&mut loose, &mut blocks);
                    let what = unsupported_name(&tag);
                    self.skip_to_end_of(&tag);
                    let text = self.source[range.clone()].trim_end().to_string();
                    blocks.push(RawBlock::Unsupported { what, text, span });
                }
                Event::Html(html) => {
                    flush(&mut loose, &mut blocks);
                    blocks.push(RawBlock::Unsupported {
                        what: "raw HTML",
                        text: html.trim_end().to_string(),
                        span,
                    });
                }
                Event::Rule => {
                    flush(&mut loose, &mut blocks);
                    blocks.push(RawBlock::Unsupported {
                        what: "horizontal rule",
                        text: String::new(),
                        span,
                    });
                }
                Event::End(_) => {}
                _ => {
                    // Bare inline content of a tight list item.
                    self.ahead = Some((event, range));
                    let content = self.inline_run();
                    let entry = loose.get_or_insert_with(|| (Vec::new(), span));
                    entry.0.extend(content);
                    let end = self.last.end + self.offset;
                    entry.1.end = end.max(entry.1.end);
                }
            }
        }
        flush(&mut loose, &mut blocks);
        blocks
    }

    fn items_until(&mut self, end: TagEnd) -> Vec<RawItem> {
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(tag) if tag == end => break,
                Event::Start(Tag::Item) => {
                    let span = self.span(&range);
                    let blocks = self.blocks_until(Some(TagEnd::Item));
                    items.push(RawItem { blocks, span });
                }
                _ => {}
            }
        }
        items
    }

    /// Reads a table's rows after its start tag.
    #[allow(clippy::type_complexity)]
    fn table(&mut self) -> (Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>) {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut in_header = false;
        while let Some((event, _)) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_header = true,
                Event::End(TagEnd::TableHead) => in_header = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.inlines_until(TagEnd::TableCell);
                    match (in_header, rows.last_mut()) {
                        (true, _) => header.push(cell),
                        (false, Some(row)) => row.push(cell),
                        (false, None) => rows.push(vec![cell]),
                    }
                }
                _ => {}
            }
        }
        (header, rows)
    }

    fn skip_to_end_of(&mut self, tag: &Tag<'a>) {
        let end = tag.to_end();
        let mut depth = 0usize;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(ref t) if t.to_end() == end => depth += 1,
                Event::End(t) if t == end => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
    }

    /// Reads consecutive inline events (for tight list items).
    fn inline_run(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while self.peek().is_some_and(|event| !is_block_boundary(event)) {
            if let Some((event, _)) = self.next() {
                self.inline_event(event, &mut out);
            }
        }
        out
    }

    fn inlines_until(&mut self, end: TagEnd) -> Vec<Inline> {
        self.inline_depth += 1;
        let out = self.inlines_until_inner(end);
        self.inline_depth -= 1;
        out
    }

    fn inlines_until_inner(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((event, _)) = self.next() {
            if let Event::End(tag) = &event
                && *tag == end
            {
                break;
            }
            self.inline_event(event, &mut out);
        }
        merge_text(out)
    }

    fn inline_event(&mut self, event: Event<'a>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(t) => out.push(Inline::Text {
                text: t.into_string(),
            }),
            Event::Code(t) => out.push(Inline::Code {
                text: t.into_string(),
            }),
            Event::SoftBreak => out.push(Inline::Text { text: " ".into() }),
            Event::HardBreak => out.push(Inline::Break),
            // Raw HTML inside text is kept as the literal characters, so a
            // renderer escapes it like any other text.
            Event::InlineHtml(t) | Event::Html(t) => out.push(Inline::Text {
                text: t.into_string(),
            }),
            Event::FootnoteReference(t) => out.push(Inline::Text {
                text: format!("[^{t}]"),
            }),
            // Too deep: keep the words, drop the nesting.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. })
                if self.inline_depth >= MAX_INLINE_NESTING => {}
            Event::Start(Tag::Emphasis) => {
                let content = self.inlines_until(TagEnd::Emphasis);
                out.push(Inline::Emphasis { content });
            }
            Event::Start(Tag::Strong) => {
                let content = self.inlines_until(TagEnd::Strong);
                out.push(Inline::Strong { content });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let start = self.last.start + self.offset;
                let content = self.inlines_until(TagEnd::Link);
                let end = self.last.end + self.offset;
                out.push(Inline::Link {
                    target: link_target(&dest_url),
                    content,
                    span: Span::new(start, end),
                });
            }
            Event::Start(Tag::Image { .. }) => {
                // Images are not part of the format: keep the alt text.
                let content = self.inlines_until(TagEnd::Image);
                out.extend(content);
            }
            Event::Start(tag) => {
                let end = tag.to_end();
                let content = self.inlines_until(end);
                out.extend(content);
            }
            _ => {}
        }
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_boundary(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Item | TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Paragraph
        ),
        Event::Html(_) | Event::Rule => true,
        _ => false,
    }
}

fn flush(loose: &mut Option<(Vec<Inline>, Span)>, blocks: &mut Vec<RawBlock>) {
    if let Some((content, span)) = loose.take() {
        blocks.push(RawBlock::Paragraph {
            content: merge_text(content),
            span,
        });
    }
}

fn unsupported_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::CodeBlock(_) => "code block",
        Tag::Table(_) => "table",
        Tag::HtmlBlock => "raw HTML",
        Tag::FootnoteDefinition(_) => "footnote",
        _ => "unsupported Markdown",
    }
}

/// Joins adjacent text runs so labels and words are never split across events.
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let Inline::Text { text } = &inline
            && let Some(Inline::Text { text: last }) = out.last_mut()
        {
            last.push_str(text);
            continue;
        }
        out.push(inline);
    }
    out
}

/// Classifies a link destination: a web address, or a cross-reference such as
/// `#6.5`, `other-document#6.5` or `other-document`.
/// Drops the blanks and closing `#`s pulldown-cmark leaves at the end of
/// a heading when a tab follows them (`# Scope\t`, `# Scope #\t`): as
/// CommonMark says, they are not part of the title.
fn trim_heading_end(content: &mut Vec<Inline>) {
    let alone = content.len() == 1;
    let Some(Inline::Text { text }) = content.last_mut() else {
        return;
    };
    let mut kept = text.trim_end();
    let without = kept.trim_end_matches('#');
    if without.len() < kept.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        kept = without.trim_end();
    }
    if kept.len() == text.len() {
        return;
    }
    if kept.is_empty() && !alone {
        content.pop();
    } else {
        *text = kept.to_string();
    }
}

pub fn link_target(dest: &str) -> LinkTarget {
    let lower = dest.to_ascii_lowercase();
    let is_external = ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        || lower.contains("://")
        || lower.starts_with("www.");
    if is_external {
        return LinkTarget::External {
            url: dest.to_string(),
        };
    }
    let (document, clause) = match dest.split_once('#') {
        Some((doc, clause)) => (doc, Some(clause)),
        None => (dest, None),
    };
    let document = document.trim_end_matches(".md");
    LinkTarget::CrossRef {
        document: (!document.is_empty()).then(|| document.to_string()),
        clause: clause.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delimiter_row_ending_in_a_tab_still_makes_a_table() {
        let text = "| a | b |\r\n|---|---|\t\r\n| 1 | 2 |\t\r\n";
        let blocks = parse_blocks(text, 0);
        let [RawBlock::Table { header, rows, span }] = &blocks[..] else {
            panic!("{blocks:?}")
        };
        assert_eq!((header.len(), rows.len()), (2, 1));
        assert_eq!(span.start, 0);
        assert_eq!(with_table_delimiters_trimmed(text).len(), text.len());
    }

    #[test]
    fn link_targets() {
        assert_eq!(
            link_target("#6.5"),
            LinkTarget::CrossRef {
                document: None,
                clause: Some("6.5".into())
            }
        );
        assert_eq!(
            link_target("code#2.1"),
            LinkTarget::CrossRef {
                document: Some("code".into()),
                clause: Some("2.1".into())
            }
        );
        assert!(matches!(
            link_target("https://gov.uk"),
            LinkTarget::External { .. }
        ));
    }

    #[test]
    fn tight_list_items_become_paragraphs() {
        let blocks = parse_blocks("- one\n- two\n  - nested\n", 0);
        let RawBlock::List { items, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1].blocks[0], RawBlock::Paragraph { .. }));
        assert!(matches!(items[1].blocks[1], RawBlock::List { .. }));
    }
}
