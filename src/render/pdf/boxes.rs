//! What layout produces and the writer consumes: pages of positioned boxes.
//! Coordinates are points from the top-left corner of the page, y downwards.

use std::collections::BTreeMap;

use crate::fonts::FontStyle;

/// An RGB colour, each channel 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Colour {
    pub const BLACK: Colour = Colour {
        r: 0.0,
        g: 0.0,
        b: 0.0,
    };
    pub const GREY: Colour = Colour {
        r: 0.33,
        g: 0.33,
        b: 0.33,
    };
    pub const DELETED: Colour = Colour {
        r: 0.60,
        g: 0.05,
        b: 0.05,
    };
    pub const INSERTED: Colour = Colour {
        r: 0.02,
        g: 0.38,
        b: 0.15,
    };

    /// A colour from `#rrggbb`, or `None` if the text is not one.
    pub fn from_hex(hex: &str) -> Option<Colour> {
        let hex = hex.strip_prefix('#')?;
        if hex.len() != 6 {
            return None;
        }
        let channel = |i: usize| {
            u8::from_str_radix(&hex[i..i + 2], 16)
                .ok()
                .map(|v| f32::from(v) / 255.0)
        };
        Some(Colour {
            r: channel(0)?,
            g: channel(2)?,
            b: channel(4)?,
        })
    }
}

/// A line drawn under or through text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoration {
    None,
    Underline,
    Strike,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A named place in this PDF (a clause, section or document).
    Anchor(String),
    /// A web or mail address.
    Uri(String),
}

/// A run of text in one face, placed with its baseline at `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub style: FontStyle,
    pub size: f32,
    pub colour: Colour,
    pub width: f32,
    /// The structure element the text belongs to (an index into
    /// [`LaidOut::structure`]); `None` for page furniture, an artifact.
    pub element: Option<usize>,
}

/// What a structure element is, as tagged PDF names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    Document,
    /// A heading, level 1 to 6.
    Heading(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A column's header cell.
    TH,
    /// A row's header cell.
    RowHeader,
    TD,
    BlockQuote,
    /// A note about the content before it (a clause's history).
    Note,
    TOC,
    TOCI,
    Link,
    Span,
}

impl StructRole {
    /// The standard structure type, such as `H2` or `LBody`.
    pub fn name(self) -> String {
        match self {
            StructRole::Heading(level) => format!("H{}", level.clamp(1, 6)),
            StructRole::RowHeader => "TH".to_string(),
            other => format!("{other:?}"),
        }
    }
}

/// One element of the document's structure, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: StructRole,
    /// The element it belongs to; `None` only for the document itself.
    pub parent: Option<usize>,
    /// What a screen reader says in place of its text, such as
    /// "deleted: the Executive".
    pub alt: Option<String>,
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
    pub colour: Colour,
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub link: Link,
    /// The `Link` structure element it belongs to.
    pub element: Option<usize>,
    /// What the link says, for the annotation's description.
    pub text: String,
}

/// One page of positioned boxes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub runs: Vec<TextRun>,
    pub rules: Vec<Rule>,
    pub links: Vec<LinkArea>,
}

/// An entry of the PDF outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub title: String,
    /// 0 for the top level.
    pub level: u8,
    pub anchor: String,
}

/// A position on a page: the page index (from 0) and y from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub page: usize,
    pub y: f32,
}

/// The document information the writer records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: String,
    /// A date to record as the creation date (`YYYY-MM-DD`), if one is given.
    pub date: Option<String>,
    /// What identifies the text, such as "clerk edition <SHA-256>": `clerk
    /// verify` reads it back. Empty for none.
    pub keywords: String,
}

/// A laid-out document: pages, named places, bookmarks, metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaidOut {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub anchors: BTreeMap<String, Place>,
    pub bookmarks: Vec<Bookmark>,
    pub metadata: Metadata,
    /// The page limit, when the content needed more pages: the writer refuses it.
    pub overflowed: Option<usize>,
    /// The structure elements, the document first, in reading order.
    pub structure: Vec<Element>,
}
