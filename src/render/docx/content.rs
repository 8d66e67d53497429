//! What a Word document holds, as the writer ([`super::package`]) takes
//! it: paragraphs and tables, runs of text with their formatting, and the
//! revision every run and paragraph mark belongs to. The stages before it
//! ([`super::revisions`], [`super::report`]) decide what is said; this is
//! how it is set down.

use crate::diff::words::ChangeClass;

/// Which revision a run of text, or a paragraph mark, belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    /// In both versions.
    None,
    Inserted(ChangeClass),
    Deleted(ChangeClass),
    /// Where a moved unit stood (gone when accepted).
    MovedFrom(usize),
    /// Where a moved unit now stands (gone when rejected).
    MovedTo(usize),
}

impl Revision {
    /// Whether the text is in the new version (shown once every revision is accepted).
    pub fn in_new(self) -> bool {
        !matches!(self, Revision::Deleted(_) | Revision::MovedFrom(_))
    }

    /// Whether the text is in the old version (shown once every revision is rejected).
    pub fn in_old(self) -> bool {
        !matches!(self, Revision::Inserted(_) | Revision::MovedTo(_))
    }
}

/// Text with one revision and one formatting; `\t` is a tab, `\n` a
/// line break within the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub revision: Revision,
    pub style: RunStyle,
}

/// How a run is set. Struck and underlined text is formatting (as in a
/// comparison table), not a revision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunStyle {
    pub bold: bool,
    pub italic: bool,
    pub struck: bool,
    pub underlined: bool,
    /// A web address the run links to.
    pub link: Option<String>,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    /// A heading at a level from 1: Word's "heading 1" and on.
    Heading(u8),
    /// A paragraph that begins with a clause number and a tab.
    Clause,
    /// A paragraph of body text: `indented` under a clause's number, and
    /// `depth` list levels in.
    Body {
        indented: bool,
        depth: usize,
    },
    /// An item of a bulleted list (a real Word list), `depth` levels in.
    Bullet {
        indented: bool,
        depth: usize,
    },
    /// An item of a list whose items carry their own labels, such as "(a)".
    Lettered {
        indented: bool,
        depth: usize,
    },
    Quote {
        indented: bool,
        depth: usize,
    },
    /// A row of a table, its cells separated by ` | ` until
    /// [`super::revisions::tables`] sets it as a row of a Word table.
    Row {
        header: bool,
    },
}

/// A moved unit's range: where it stood, or where it stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveRange {
    From(usize),
    To(usize),
}

/// What a paragraph holds: runs of text, and the ends of move ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Run(Run),
    RangeStart(MoveRange),
    RangeEnd(MoveRange),
}

/// One paragraph: its runs, and the revision of its paragraph mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub role: Role,
    pub content: Vec<Inline>,
    pub mark: Revision,
    /// The paragraph starts a new page.
    pub page_break: bool,
    /// How the existing version set this paragraph, where it set it
    /// otherwise (a clause that lost its number, a heading made a clause):
    /// a tracked change of its properties, so Reject All restores it.
    pub old_role: Option<Role>,
}

/// A table: rows of cells, each cell paragraphs; widths in twentieths of a point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
}

/// A row of a table; a header row repeats at the top of each page. A row
/// inserted or deleted whole is a revision of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub header: bool,
    pub cells: Vec<Vec<Paragraph>>,
    pub revision: Revision,
}

/// What every page shows besides the body: header lines (the last one
/// bold, for a mark such as "PROPOSED: NOT IN FORCE"), and a footer line
/// followed by "Page n of m".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Furniture {
    pub header: Vec<String>,
    /// Set in bold as the header's last line.
    pub mark: Option<String>,
    pub footer: String,
}

/// What the body of a document holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

impl Paragraph {
    pub fn new(role: Role) -> Paragraph {
        Paragraph {
            role,
            content: Vec::new(),
            mark: Revision::None,
            page_break: false,
            old_role: None,
        }
    }

    /// Adds text with a revision, plainly set.
    pub fn push(&mut self, text: &str, revision: Revision) {
        push_text(&mut self.content, text, revision, &RunStyle::default());
    }

    /// Adds text in the paragraph's version, set as `style` says.
    pub fn push_styled(&mut self, text: &str, style: &RunStyle) {
        push_text(&mut self.content, text, Revision::None, style);
    }

    /// The paragraph with its moves as deletions and insertions.
    pub fn unmove(&mut self) {
        let plain = |r: Revision| match r {
            Revision::MovedFrom(_) => Revision::Deleted(ChangeClass::Moved),
            Revision::MovedTo(_) => Revision::Inserted(ChangeClass::Moved),
            other => other,
        };
        self.mark = plain(self.mark);
        self.content.retain(|i| matches!(i, Inline::Run(_)));
        for inline in &mut self.content {
            if let Inline::Run(run) = inline {
                run.revision = plain(run.revision);
            }
        }
    }

    /// The paragraph's text once every revision is accepted (`new`) or
    /// rejected, tabs as tabs; `None` when its mark is not in that version
    /// (its text joins the next paragraph's).
    pub fn text(&self, new: bool) -> (String, bool) {
        let keep = |r: Revision| if new { r.in_new() } else { r.in_old() };
        let text = self
            .content
            .iter()
            .filter_map(|i| match i {
                Inline::Run(r) if keep(r.revision) => Some(r.text.as_str()),
                _ => None,
            })
            .collect();
        (text, keep(self.mark))
    }
}

/// Adds text to the last run when its revision and style are the same.
pub fn push_text(content: &mut Vec<Inline>, text: &str, revision: Revision, style: &RunStyle) {
    if text.is_empty() {
        return;
    }
    match content.last_mut() {
        Some(Inline::Run(last)) if last.revision == revision && last.style == *style => {
            last.text.push_str(text)
        }
        _ => content.push(Inline::Run(Run {
            text: text.to_string(),
            revision,
            style: style.clone(),
        })),
    }
}
