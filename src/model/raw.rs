//! Markdown blocks as Markdown sees them, before clauses are recognised:
//! what a committee report's body holds.

use crate::model::{Inline, Span};

/// A block as Markdown sees it, before clauses are recognised.
#[derive(Debug, Clone, Hash)]
pub enum RawBlock {
    Heading {
        level: u8,
        content: Vec<Inline>,
        span: Span,
    },
    Paragraph {
        content: Vec<Inline>,
        span: Span,
    },
    List {
        items: Vec<RawItem>,
        start: Option<u64>,
        span: Span,
    },
    Quote {
        blocks: Vec<RawBlock>,
        span: Span,
    },
    /// A table: the header row, then the body rows; each cell is inline content.
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        span: Span,
    },
    /// Markdown this format has no place for (code blocks, raw HTML blocks,
    /// tables, rules); kept as text so nothing is lost, and reported.
    Unsupported {
        what: &'static str,
        text: String,
        span: Span,
    },
}

/// A list item as Markdown sees it.
#[derive(Debug, Clone, Hash)]
pub struct RawItem {
    pub blocks: Vec<RawBlock>,
    pub span: Span,
}
