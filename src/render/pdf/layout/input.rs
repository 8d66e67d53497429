//! What there is to lay out: the flow of blocks, styled text, the page
//! and the running header and footer.

use crate::fonts::FontStyle;
use crate::render::pdf::boxes::{Colour, Decoration, Link};

/// Page size and margins, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

impl PageGeometry {
    /// A4 with 25 mm side margins.
    pub fn a4() -> Self {
        PageGeometry {
            width: 595.28,
            height: 841.89,
            margin_top: 72.0,
            margin_bottom: 72.0,
            margin_left: 70.87,
            margin_right: 70.87,
        }
    }

    /// The width of the text block.
    pub fn text_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }
}

/// Layout settings: the page, the body type size and line spacing.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    pub page: PageGeometry,
    pub body_size: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    pub brand: Colour,
    /// The most pages one PDF may have; past it the PDF is not written.
    pub max_pages: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            page: PageGeometry::a4(),
            body_size: 10.5,
            leading: 1.38,
            brand: Colour {
                r: 0.12,
                g: 0.24,
                b: 0.39,
            },
            max_pages: super::MAX_PAGES,
        }
    }
}

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledText {
    pub text: String,
    pub style: FontStyle,
    pub colour: Colour,
    pub decoration: Decoration,
    pub link: Option<Link>,
}

impl StyledText {
    /// Plain text in a face.
    pub fn plain(text: impl Into<String>, style: FontStyle) -> StyledText {
        StyledText {
            text: text.into(),
            style,
            colour: Colour::BLACK,
            decoration: Decoration::None,
            link: None,
        }
    }
}

/// A label that hangs to the left of a paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct HangingLabel {
    pub text: String,
    pub style: FontStyle,
}

/// What there is to lay out.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow {
    /// A heading; `level` 1 is the largest. It names an anchor and may be a bookmark.
    Heading {
        level: u8,
        spans: Vec<StyledText>,
        anchor: Option<String>,
        bookmark: Option<(String, u8)>,
    },
    /// A paragraph whose text starts at `indent` from the left margin, with
    /// an optional label at `hang`.
    Paragraph {
        spans: Vec<StyledText>,
        size: Option<f32>,
        indent: f32,
        hang: f32,
        label: Option<HangingLabel>,
        anchor: Option<String>,
        space_before: f32,
        change_bar: bool,
    },
    /// A contents line: text, dotted leader, page number of `target`.
    TocEntry {
        text: String,
        indent: f32,
        target: String,
        bold: bool,
    },
    /// A row of cells starting at the given x offsets.
    TableRow {
        cells: Vec<(f32, Vec<StyledText>)>,
        header: bool,
        /// A link target at the row, such as a changed row's `u-5`.
        anchor: Option<String>,
    },
    /// A thin rule across the text block.
    Rule {
        space: f32,
    },
    /// Start a new page.
    PageBreak,
    /// Start a new page unless this many points are left on this one: what
    /// follows (a heading line and the first lines under it) stays together.
    NeedSpace(f32),
    /// An anchor at the current position, and maybe a bookmark for it.
    Anchor {
        name: String,
        bookmark: Option<(String, u8)>,
    },
    /// What follows, up to the matching [`Flow::EndGroup`], is one thing
    /// in the document's structure; it changes nothing on the page.
    Group(Group),
    EndGroup,
}

/// What a group of blocks is, for tagged PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// A quotation.
    Quote,
    /// A table whose rows are labelled paragraphs: each label a row
    /// header, its text the row's cell (a report's cover sheet).
    LabelledRows,
    /// A note about what precedes it, such as a clause's history.
    Note,
}

impl Flow {
    /// A paragraph at the left margin.
    pub fn text(spans: Vec<StyledText>, space_before: f32) -> Flow {
        Flow::indented(spans, 0.0, space_before)
    }

    /// A paragraph whose text starts `indent` points from the left margin.
    pub fn indented(spans: Vec<StyledText>, indent: f32, space_before: f32) -> Flow {
        Flow::Paragraph {
            spans,
            size: None,
            indent,
            hang: indent,
            label: None,
            anchor: None,
            space_before,
            change_bar: false,
        }
    }

    /// A paragraph with `label` hanging at `hang` and its text at `indent`.
    pub fn labelled(
        spans: Vec<StyledText>,
        label: &str,
        label_style: FontStyle,
        hang: f32,
        indent: f32,
        space_before: f32,
    ) -> Flow {
        Flow::Paragraph {
            spans,
            size: None,
            indent,
            hang,
            label: Some(HangingLabel {
                text: label.to_string(),
                style: label_style,
            }),
            anchor: None,
            space_before,
            change_bar: false,
        }
    }
}

impl StyledText {
    /// Deleted text: struck through, in red.
    pub fn deleted(text: impl Into<String>) -> StyledText {
        StyledText {
            colour: Colour::DELETED,
            decoration: Decoration::Strike,
            ..StyledText::plain(text, FontStyle::Regular)
        }
    }

    /// Inserted text: underlined, in green.
    pub fn inserted(text: impl Into<String>) -> StyledText {
        StyledText {
            colour: Colour::INSERTED,
            decoration: Decoration::Underline,
            ..StyledText::plain(text, FontStyle::Regular)
        }
    }
}

/// What the running header and footer say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Furniture {
    /// Left of the header, such as the council's name.
    pub header_left: String,
    /// Right of the header, such as the document title.
    pub header_right: String,
    /// Left of the footer, such as the version.
    pub footer_left: String,
}
