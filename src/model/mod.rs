//! The document model: plain data parsed from protocol sources, with no I/O.
//!
//! A [`Council`] holds [`Document`]s; a document holds [`Section`]s (one per
//! heading); a section holds [`Block`]s, of which [`Clause`]s are the numbered
//! ones; clauses and lists hold [`Item`]s. Every node carries a [`Span`] of byte
//! offsets into its source file so diagnostics can point at it.

use serde::Serialize;

pub mod adoption;
pub mod front_matter;
pub mod identity;
pub mod raw;
pub mod report;
pub mod whole;

pub use front_matter::{Approval, CheckSettings, Correction, Date, FrontMatter, MadeUnder, Status};

/// A byte range into one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A place in the source is not part of what a document says: it is
/// serialized as nothing (`null`), so the model as JSON is what the
/// document says, however its source is laid out (`clerk fmt` compares
/// it to prove it changed nothing, and text digests are made of it).
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range`, for slicing the source.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The span of a spanned front-matter value, as a file span.
pub fn span_of<T>(value: &toml::Spanned<T>) -> Span {
    let range = value.span();
    Span::new(range.start, range.end)
}

/// The longest id, in bytes: an id names files and links, and with the
/// longest suffix a page takes its file name stays within the 255 bytes
/// every common file system allows.
pub const MAX_ID_BYTES: usize = 200;

/// Why `id` (a council folder's name, or a document's or report's file
/// stem) cannot be an id, or `None` when it can. An id is a plain link
/// segment: letters, digits, `-`, `_` and `.`, not starting with a dot, so
/// no link needs escaping and no page is a hidden file.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the name is empty".to_string());
    }
    if id.starts_with('.') {
        return Some(format!(
            "`{id}` starts with a dot, which makes hidden files"
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let shown = if c.is_control() || c.is_whitespace() {
            format!("the character U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        return Some(format!(
            "`{id}` holds {shown}, which a web address cannot carry as it is"
        ));
    }
    if id.len() > MAX_ID_BYTES {
        let start: String = id.chars().take(20).collect();
        return Some(format!(
            "`{start}…` is {} bytes long; names of up to {MAX_ID_BYTES} leave room for the suffixes of its pages within the file system's limit",
            id.len()
        ));
    }
    None
}

/// A term a council has retired, such as "Executive", and what it says now.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RetiredTerm {
    pub term: String,
    pub now: Replacement,
}

/// What a retired term gives way to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Replacement {
    /// The current term, such as "Cabinet".
    Term(String),
    /// The body or post no longer exists; what to say instead.
    Abolished(String),
    /// Still current, though it holds a retired term: "Chief Executive" is
    /// a post of its own, not the retired "Executive".
    Kept,
}

impl RetiredTerm {
    /// The forms the term is found in: as written, and with a capital
    /// first letter at the start of a sentence ("Designated Finance
    /// Officer"), each with what replaces it in that form.
    pub fn forms(&self) -> Vec<(String, Replacement)> {
        let mut forms = vec![(self.term.clone(), self.now.clone())];
        let mut chars = self.term.chars();
        if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
            let capital: String = first.to_uppercase().chain(chars).collect();
            let now = match &self.now {
                Replacement::Term(now) => {
                    let mut chars = now.chars();
                    Replacement::Term(match chars.next() {
                        Some(first) => first.to_uppercase().chain(chars).collect(),
                        None => String::new(),
                    })
                }
                other => other.clone(),
            };
            forms.push((capital, now));
        }
        forms
    }
}

/// One use of a retired term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermUse {
    /// Byte offset in the text.
    pub at: usize,
    /// Its length in the text, in bytes: longer than the term where the
    /// text breaks a line, or puts two spaces, between its words.
    pub len: usize,
    /// The term as found: as written, or capitalised at the start of a
    /// sentence ("Designated Finance Officer").
    pub term: String,
    /// The term as the council wrote it ("designated Finance Officer").
    pub retired: String,
    pub now: Replacement,
}

/// Every whole-word use of a retired term in `text`, in order ("the
/// Executive's view" uses "Executive"; "NonExecutive" does not). Longer
/// terms are found first, so their words are not found again as a shorter
/// one ("designated Finance Officer", "Finance Officer"); a kept term
/// ("Chief Executive") takes its words and is not itself a use.
pub fn retired_term_uses(text: &str, terms: &[RetiredTerm]) -> Vec<TermUse> {
    let mut forms: Vec<(&str, String, Replacement)> = terms
        .iter()
        .flat_map(|r| {
            r.forms()
                .into_iter()
                .map(|(form, now)| (r.term.as_str(), form, now))
        })
        .collect();
    forms.sort_by_key(|form| std::cmp::Reverse(form.1.len()));
    // The text with each run of white space as one space (a term may be
    // broken over a line), and where each of its bytes stands in `text`.
    let mut spaced = String::with_capacity(text.len());
    let mut from: Vec<usize> = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                spaced.push(' ');
                from.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        spaced.push(c);
        from.extend((0..c.len_utf8()).map(|k| i + k));
    }
    from.push(text.len());
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut uses = Vec::new();
    for (retired, term, now) in forms {
        for (start, _) in spaced.match_indices(term.as_str()) {
            let stop = start + term.len();
            let whole =
                !word(spaced[..start].chars().next_back()) && !word(spaced[stop..].chars().next());
            // Where the match starts and ends in `text`.
            let (at, end) = (from[start], from[stop - 1] + 1);
            if !whole || taken.iter().any(|&(s, e)| at < e && s < end) {
                continue;
            }
            taken.push((at, end));
            if now != Replacement::Kept {
                uses.push(TermUse {
                    at,
                    len: end - at,
                    term: term.clone(),
                    retired: retired.to_string(),
                    now: now.clone(),
                });
            }
        }
    }
    uses.sort_by_key(|u| u.at);
    uses
}

/// What the site's own pages show of a council: what its index lists and
/// its key is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilSummary {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub documents: usize,
}

impl CouncilSummary {
    pub fn of(council: &Council) -> CouncilSummary {
        CouncilSummary {
            id: council.id.clone(),
            name: council.name.clone(),
            short_name: council.short_name.clone(),
            documents: council.documents.len(),
        }
    }
}

/// One council's constitution: its settings and every protocol document.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Council {
    /// The directory name under `protocols/`, used in ids and URLs.
    pub id: String,
    pub name: String,
    pub short_name: String,
    /// The constitution's Parts, each listing its Sections by document id.
    pub parts: Vec<Part>,
    pub branding: Branding,
    pub documents: Vec<Document>,
    /// Committee reports under the council's `reports/` directory.
    #[serde(skip)]
    pub reports: Vec<report::Report>,
    /// The day the constitution is read as at: a version is in force once
    /// its effective date is reached. `None` takes every adopted version's
    /// date as reached.
    #[serde(skip)]
    pub as_at: Option<Date>,
    /// Terms the council no longer uses, from `council.toml`'s
    /// `[retired_terms]`, each with what it says now.
    #[serde(skip)]
    pub retired_terms: Vec<RetiredTerm>,
    /// The amendments the council lets an officer make without a
    /// committee, from `council.toml`'s `[[delegated_powers]]`.
    #[serde(skip)]
    pub delegated_powers: Vec<DelegatedPower>,
    /// Which documents supersede each document, made on first use: the
    /// documents must not change after a version has been looked up.
    #[serde(skip)]
    pub successors: Successors,
}

/// A power to amend the constitution without a committee: what it lets
/// the officer change, and whom its amendments are reported to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DelegatedPower {
    /// How a revision names it (`made_under.power`).
    pub id: String,
    /// The constitution's own words for it.
    pub wording: String,
    /// The kinds of change it covers.
    pub covers: Vec<Covered>,
    /// The body its amendments are reported to, such as "Council".
    pub report_to: String,
}

/// A kind of change a delegated power covers, as `council.toml` writes it
/// (`"retired-terms"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Covered {
    Capitalisation,
    Spacing,
    Punctuation,
    Renumbering,
    /// A clause moved, its words unchanged.
    Moves,
    /// The council's retired terms replaced by the current ones.
    RetiredTerms,
    /// Any change at all.
    Anything,
}

/// Look-ups made from a council's documents, each built once, when first
/// asked: the documents must not change after a version has been looked
/// up. For each document id, its position in [`Council::documents`]; and
/// the positions of the documents whose `supersedes` names it, in
/// document order, so finding a newer version is a look-up.
#[derive(Debug, Clone, Default)]
pub struct Successors {
    by_older: std::sync::OnceLock<std::collections::HashMap<String, Vec<usize>>>,
    by_id: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl Successors {
    fn of<'a>(&'a self, council: &Council, id: &str) -> &'a [usize] {
        let index = self.by_older.get_or_init(|| {
            let mut index: std::collections::HashMap<String, Vec<usize>> =
                std::collections::HashMap::new();
            for (at, document) in council.documents.iter().enumerate() {
                if let Some(older) = &document.front_matter.supersedes {
                    index.entry(older.get_ref().clone()).or_default().push(at);
                }
            }
            index
        });
        index.get(id).map_or(&[], Vec::as_slice)
    }

    fn position(&self, council: &Council, id: &str) -> Option<usize> {
        let index = self.by_id.get_or_init(|| {
            let mut index = std::collections::HashMap::new();
            for (at, document) in council.documents.iter().enumerate() {
                // The first of two documents with one id is the one found.
                index.entry(document.id.clone()).or_insert(at);
            }
            index
        });
        index.get(id).copied()
    }
}

/// An index made from the documents: it adds nothing to what a council is.
impl std::hash::Hash for Successors {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Council {
    /// The document with the given id, if any: a look-up in an index made
    /// on first use.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.successors
            .position(self, id)
            .map(|at| &self.documents[at])
    }
}

/// A Part of the constitution, as `council.toml` orders it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Part {
    /// The Part's number, where the constitution numbers its Parts.
    pub number: Option<String>,
    pub title: String,
    /// Document ids, in the order they appear in the constitution.
    pub documents: Vec<String>,
}

/// Optional council branding used by renderers.
#[derive(Debug, Clone, Default, Serialize, Hash)]
pub struct Branding {
    /// A CSS colour such as `#00703c`.
    pub colour: Option<String>,
    /// A path to a logo image, relative to the council directory.
    pub logo: Option<String>,
    /// A font family name for headings and text.
    pub font: Option<String>,
}

/// One protocol document (a Section of the constitution) in one version.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Document {
    /// The file stem, unique within the council.
    pub id: String,
    pub front_matter: FrontMatter,
    /// The SHA-256 of the version's text, made when first asked for
    /// ([`Document::text_digest`]).
    #[serde(skip)]
    pub text_digest: identity::TextDigest,
    /// Blocks before the first heading (preamble, purpose statements).
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
}

impl Document {
    /// The SHA-256 of the version's text ([`identity::text_digest`]): what
    /// edition identifiers are made of.
    pub fn text_digest(&self) -> &str {
        self.text_digest.get_or_make(self)
    }

    /// The terms the document defines, in order, each once (the first
    /// definition of a term wins).
    pub fn definitions(&self) -> Vec<Definition> {
        let mut found: Vec<Definition> = Vec::new();
        for paragraph in self.paragraphs() {
            let text = plain_text(&paragraph.content);
            if let Some(term) = defined_term(&text)
                && !found.iter().any(|d| d.term == term)
            {
                found.push(Definition {
                    anchor: definition_anchor(term),
                    term: term.to_string(),
                    span: paragraph.span,
                });
            }
        }
        found
    }

    /// The definition a link fragment names: `d-chief-officer`, or
    /// `chief-officer` without the `d-`.
    pub fn definition_by_anchor(&self, fragment: &str) -> Option<Definition> {
        let fragment = fragment.to_lowercase();
        let wanted = match fragment.starts_with("d-") {
            true => fragment,
            false => format!("d-{fragment}"),
        };
        self.definitions().into_iter().find(|d| d.anchor == wanted)
    }

    /// Every paragraph of the body in reading order, those inside clauses,
    /// list items and quotations included (not the section titles).
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        fn walk<'a>(block: &'a Block, out: &mut Vec<&'a Paragraph>) {
            match block {
                Block::Paragraph(p) => out.push(p),
                Block::Clause(c) => c.body.iter().for_each(|b| walk(b, out)),
                Block::List(l) => l
                    .items
                    .iter()
                    .flat_map(|i| &i.body)
                    .for_each(|b| walk(b, out)),
                Block::Quote(q) => q.body.iter().for_each(|b| walk(b, out)),
                Block::Table(t) => out.extend(t.caption.iter().chain(t.cells())),
            }
        }
        let mut out = Vec::new();
        let blocks = self
            .preamble
            .iter()
            .chain(self.sections.iter().flat_map(|s| &s.blocks));
        for block in blocks {
            walk(block, &mut out);
        }
        out
    }

    /// Every clause in document order, with the section that holds it.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        let preamble = self.preamble.iter();
        let sections = self.sections.iter().flat_map(|s| s.blocks.iter());
        preamble.chain(sections).filter_map(|b| match b {
            Block::Clause(c) => Some(c),
            _ => None,
        })
    }

    /// The first clause whose label is `label` (as written, trailing dot ignored).
    pub fn clause_by_label(&self, label: &str) -> Option<&Clause> {
        let wanted = label.trim_end_matches('.');
        self.clauses().find(|c| c.label.number() == wanted)
    }
}

/// A heading and the blocks under it, up to the next heading.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Section {
    /// Stable anchor id, such as `s-5` or `s-the-role-of-members`.
    pub id: String,
    /// Heading level as written: 1 for `#`, 2 for `##`, and so on.
    pub level: u8,
    /// The number the heading starts with, such as `5` in `# 5. The Role of Officers`.
    pub label: Option<Label>,
    pub title: Vec<Inline>,
    pub blocks: Vec<Block>,
    pub span: Span,
}

/// A block of body text.
#[derive(Debug, Clone, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Clause(Clause),
    Paragraph(Paragraph),
    List(List),
    Quote(Quote),
    Table(Table),
}

impl Block {
    /// The source span of the block.
    pub fn span(&self) -> Span {
        match self {
            Block::Clause(c) => c.span,
            Block::Paragraph(p) => p.span,
            Block::List(l) => l.span,
            Block::Quote(q) => q.span,
            Block::Table(t) => t.span,
        }
    }
}

/// A numbered clause such as `6.5`, with its text and the items under it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Clause {
    /// Stable anchor id derived from the label, such as `c-6-5`.
    pub id: String,
    pub label: Label,
    /// The clause text after its label, then any further paragraphs, lists or
    /// quotations that belong to it.
    pub body: Vec<Block>,
    pub span: Span,
}

impl Clause {
    /// The clause's opening text (the paragraph that carries its label).
    pub fn text(&self) -> &[Inline] {
        match self.body.first() {
            Some(Block::Paragraph(p)) => &p.content,
            _ => &[],
        }
    }
}

/// A number as a label or a key writes it, without its trailing point
/// or the word before it: "6.1.", "Rule 6.1" and " 6.1 " are "6.1".
pub fn bare_number(written: &str) -> &str {
    let number = written.trim().trim_end_matches('.');
    number.rsplit(' ').next().unwrap_or(number)
}

/// A clause or section number as written (`6.5.`), with its parsed parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct Label {
    /// The label exactly as it appears in the source, such as `6.5.`.
    pub written: String,
    /// The numeric parts, such as `[6, 5]`.
    pub parts: Vec<u32>,
    pub span: Span,
}

impl Label {
    /// The label without a trailing dot or a word before it, such as
    /// `6.5` (or `12` for a heading's "Rule 12").
    pub fn number(&self) -> &str {
        bare_number(&self.written)
    }
}

/// An unnumbered paragraph.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Paragraph {
    pub content: Vec<Inline>,
    pub span: Span,
}

/// A table, such as the thresholds of Contract Procedure Rules: a header
/// row and body rows of cells, each cell a paragraph of inline text, and
/// an optional caption.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Table {
    pub caption: Option<Paragraph>,
    pub header: Vec<Paragraph>,
    pub rows: Vec<Vec<Paragraph>>,
    pub span: Span,
}

impl Table {
    /// Every cell, header first, row by row.
    pub fn cells(&self) -> impl Iterator<Item = &Paragraph> {
        self.header.iter().chain(self.rows.iter().flatten())
    }

    /// How many columns the table has: its widest row.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.header.len()))
            .max()
            .unwrap_or(0)
    }
}

/// A term a document defines, as in `"Chief Officer" means ...`, with the
/// anchor of its definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub term: String,
    /// The definition's anchor on the page, such as `d-chief-officer`.
    pub anchor: String,
    /// The paragraph or item that defines it.
    pub span: Span,
}

/// The term a paragraph defines, when it opens with a term in quotation
/// marks followed by "means", "includes", "has the meaning", "shall mean"
/// or "refers to" (a list item's marker, such as `(a)`, before it).
pub fn defined_term(text: &str) -> Option<&str> {
    let text = text.trim_start();
    // A lettered or numbered item's marker: "(a) ", "a) ".
    let text = match text.split_once(' ') {
        Some((marker, rest))
            if marker.ends_with(')') && marker.len() <= 6 && !marker.contains(['"', '“']) =>
        {
            rest.trim_start()
        }
        _ => text,
    };
    let (open, close) = match text.chars().next()? {
        '"' => ('"', '"'),
        '“' => ('“', '”'),
        _ => return None,
    };
    let rest = &text[open.len_utf8()..];
    let end = rest.find(close)?;
    let term = rest[..end].trim();
    let after = rest[end + close.len_utf8()..].trim_start_matches([',', ' ']);
    let defines = [
        "means",
        "includes",
        "has the meaning",
        "shall mean",
        "refers to",
    ]
    .iter()
    .any(|verb| after.starts_with(verb));
    (defines && !term.is_empty() && term.split_whitespace().count() <= 8).then_some(term)
}

/// Whether a paragraph is a note: part of the text, but no provision of
/// it ("Note: the thresholds exclude VAT.").
pub fn is_note(content: &[Inline]) -> bool {
    let text = plain_text(content);
    let text = text.trim_start();
    ["Note:", "Notes:", "Note -", "NB:"]
        .iter()
        .any(|opening| text.starts_with(opening))
}

/// The anchor of a term's definition: `d-` and the term in lower case,
/// words joined by hyphens ("Section 151 Officer" is `d-section-151-officer`).
pub fn definition_anchor(term: &str) -> String {
    let words: Vec<String> = term
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("d-{}", words.join("-"))
}

/// A row of cells as one line of plain text, cells separated by ` | `.
pub fn row_text(cells: &[Paragraph]) -> String {
    cells
        .iter()
        .map(|c| plain_text(&c.content))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A list of items: bullets, or lettered/numbered items such as `(a)`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct List {
    pub items: Vec<Item>,
    pub span: Span,
}

/// One list item with an optional marker such as `(a)` or `(iv)`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Item {
    pub marker: Option<ItemMarker>,
    pub body: Vec<Block>,
    pub span: Span,
}

impl Item {
    /// The item's opening text.
    pub fn text(&self) -> &[Inline] {
        match self.body.first() {
            Some(Block::Paragraph(p)) => &p.content,
            _ => &[],
        }
    }
}

/// The label that starts a lettered or numbered item, such as `(a)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct ItemMarker {
    /// As written, such as `(a)` or `a)`.
    pub written: String,
    pub style: MarkerStyle,
}

/// How an item marker counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    Letter,
    Roman,
    Number,
}

/// A quotation (a Markdown block quote).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Quote {
    pub body: Vec<Block>,
    pub span: Span,
}

/// Inline text with its emphasis and links.
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// A link to a web address or to a clause or document (a cross-reference).
    Link {
        target: LinkTarget,
        content: Vec<Inline>,
        span: Span,
    },
    /// A line break within a paragraph.
    Break,
}

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkTarget {
    /// An external address (`https:`, `http:`, `mailto:`).
    External { url: String },
    /// A cross-reference: a clause label in a document of the same council;
    /// `document` is `None` for the current document, `clause` is `None` for
    /// the whole document.
    CrossRef {
        document: Option<String>,
        clause: Option<String>,
    },
}

/// Plain text of inline content, for searching, diffing and lints.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } => {
                push_plain_text(content, out)
            }
            Inline::Link { content, .. } => push_plain_text(content, out),
            Inline::Break => out.push(' '),
        }
    }
}

/// Plain text of a sequence of blocks, paragraphs separated by newlines.
pub fn blocks_plain_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for block in blocks {
        match block {
            Block::Clause(c) => parts.push(format!(
                "{} {}",
                c.label.written,
                blocks_plain_text(&c.body)
            )),
            Block::Paragraph(p) => parts.push(plain_text(&p.content)),
            Block::List(l) => {
                for item in &l.items {
                    let text = blocks_plain_text(&item.body);
                    match &item.marker {
                        Some(m) => parts.push(format!("{} {}", m.written, text)),
                        None => parts.push(text),
                    }
                }
            }
            Block::Quote(q) => parts.push(blocks_plain_text(&q.body)),
            Block::Table(t) => {
                if let Some(caption) = &t.caption {
                    parts.push(plain_text(&caption.content));
                }
                parts.extend(
                    std::iter::once(&t.header)
                        .filter(|h| !h.is_empty())
                        .chain(&t.rows)
                        .map(|row| row_text(row)),
                );
            }
        }
    }
    parts.join("\n")
}

/// The document this one supersedes, when it exists.
pub fn superseded<'a>(council: &'a Council, document: &Document) -> Option<&'a Document> {
    council.document(document.front_matter.supersedes.as_ref()?.get_ref())
}

/// Every version of a document: the ids linked to `id` through `supersedes`,
/// older and newer, including `id` itself, oldest first where the chain allows.
pub fn lineage(council: &Council, id: &str) -> Vec<String> {
    let supersedes = |doc: &str| -> Option<String> {
        council
            .document(doc)
            .and_then(|d| d.front_matter.supersedes.as_ref())
            .map(|s| s.get_ref().clone())
    };
    let mut ids = vec![id.to_string()];
    // Older versions.
    while let Some(older) = ids.first().and_then(|first| supersedes(first)) {
        if ids.contains(&older) || council.document(&older).is_none() {
            break;
        }
        ids.insert(0, older);
    }
    // Newer versions.
    while let Some(last) = ids.last().cloned() {
        let newer = council
            .successors
            .of(council, &last)
            .iter()
            .map(|&at| &council.documents[at])
            .find(|d| !ids.contains(&d.id));
        match newer {
            Some(d) => ids.push(d.id.clone()),
            None => break,
        }
    }
    ids
}

/// The versions of `document` newer than it, oldest first.
pub fn newer_versions<'a>(council: &'a Council, document: &Document) -> Vec<&'a Document> {
    let lineage = lineage(council, &document.id);
    let Some(here) = lineage.iter().position(|id| *id == document.id) else {
        return Vec::new();
    };
    lineage[here + 1..]
        .iter()
        .filter_map(|id| council.document(id))
        .collect()
}

/// A newer version of `document` not yet in force (a draft, a proposal,
/// or one adopted for a later day), the nearest first: the version that
/// carries a change the one in force is not to be rewritten with.
pub fn successor_on_its_way<'a>(council: &'a Council, document: &Document) -> Option<&'a Document> {
    newer_versions(council, document)
        .into_iter()
        .find(|d| standing(council, d).on_its_way())
}

/// The version of a document in force on the council's reading date, if
/// any is: a document only drafted or proposed has none.
pub fn current_version<'a>(council: &'a Council, id: &str) -> Option<&'a Document> {
    let versions: Vec<&Document> = lineage(council, id)
        .iter()
        .filter_map(|v| council.document(v))
        .collect();
    versions
        .iter()
        .rev()
        .find(|d| standing(council, d) == Standing::InForce)
        .copied()
}

/// The day some version came into force, and what did.
#[derive(Debug, Clone)]
pub struct Edition<'a> {
    /// `None` for versions adopted on a day the sources do not record.
    pub date: Option<Date>,
    /// The versions that came into force that day, in document order.
    pub versions: Vec<&'a Document>,
}

/// Every edition of the constitution: each day on which an adopted
/// version came into force, newest first, up to the council's reading
/// date; versions with no recorded date come last, as one entry.
pub fn editions(council: &Council) -> Vec<Edition<'_>> {
    let mut by_day: std::collections::BTreeMap<Option<Date>, Vec<&Document>> =
        std::collections::BTreeMap::new();
    for document in &council.documents {
        if document.front_matter.status == Status::Draft
            || document.front_matter.status == Status::Proposed
        {
            continue;
        }
        if reached(council, document) {
            by_day
                .entry(in_force_from(document))
                .or_default()
                .push(document);
        }
    }
    let mut out: Vec<Edition<'_>> = by_day
        .into_iter()
        .map(|(date, versions)| Edition { date, versions })
        .collect();
    // Newest first; the undated (sorted first as `None`) last.
    out.reverse();
    out
}

/// Where a version stands on the council's reading date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Adopted, its effective date reached, and no newer version in force.
    InForce,
    /// Adopted, but in force only from this later date.
    InForceFrom(Date),
    /// Adopted to come into force on an event still to come (its
    /// `commences`), and no day given yet.
    AwaitingCommencement,
    /// Adopted once, now replaced by a newer version in force (or marked superseded).
    Replaced,
    /// A draft, never adopted.
    Draft,
    /// Proposed for adoption, not yet adopted.
    Proposed,
}

impl Standing {
    /// Whether the version is on its way: a draft, a proposal, or adopted
    /// for a later day or an event still to come.
    pub fn on_its_way(self) -> bool {
        matches!(
            self,
            Standing::Draft
                | Standing::Proposed
                | Standing::InForceFrom(_)
                | Standing::AwaitingCommencement
        )
    }
}

/// The day an adopted version comes into force: its effective date, or
/// its adoption date when it has none; none yet for a version awaiting an
/// event (`commences`).
pub fn in_force_from(document: &Document) -> Option<Date> {
    if awaits_commencement(document) {
        return None;
    }
    document
        .front_matter
        .effective
        .or(document.front_matter.adopted)
}

/// Whether the day `document` comes into force is reached on the
/// council's reading date (a version with no date, or a council read on
/// no particular day, counts as reached).
fn reached(council: &Council, document: &Document) -> bool {
    reached_on(document, council.as_at)
}

/// Whether a version is approved to come into force on an event still to
/// come: it names the event (`commences`) and no day (`effective`).
pub fn awaits_commencement(document: &Document) -> bool {
    let front = &document.front_matter;
    front.status == Status::Adopted && front.commences.is_some() && front.effective.is_none()
}

/// Whether the day `document` comes into force is reached on `day`: never,
/// for a version awaiting an event.
fn reached_on(document: &Document, day: Option<Date>) -> bool {
    if awaits_commencement(document) {
        return false;
    }
    match (in_force_from(document), day) {
        (Some(from), Some(day)) => from <= day,
        _ => true,
    }
}

/// Where `document` stands on the council's reading date: a version is in
/// force when it is adopted, its date is reached, and no newer adopted
/// version of the same document has come into force since.
pub fn standing(council: &Council, document: &Document) -> Standing {
    standing_on(council, document, council.as_at)
}

/// Where `document` stands on `day` (`None`: every adopted version's day
/// counts as reached), whatever the council's reading date.
pub fn standing_on(council: &Council, document: &Document, day: Option<Date>) -> Standing {
    let reached = |d: &Document| reached_on(d, day);
    match document.front_matter.status {
        Status::Draft => return Standing::Draft,
        Status::Proposed => return Standing::Proposed,
        Status::Superseded => return Standing::Replaced,
        Status::Adopted => {}
    }
    if awaits_commencement(document) {
        return Standing::AwaitingCommencement;
    }
    if !reached(document) {
        return in_force_from(document).map_or(Standing::Replaced, Standing::InForceFrom);
    }
    let lineage = lineage(council, &document.id);
    let here = lineage
        .iter()
        .position(|id| *id == document.id)
        .unwrap_or(0);
    let newer_in_force = lineage[here + 1..]
        .iter()
        .filter_map(|id| council.document(id))
        .any(|d| d.front_matter.status == Status::Adopted && reached(d));
    if newer_in_force {
        Standing::Replaced
    } else {
        Standing::InForce
    }
}

#[cfg(test)]
mod definition_tests {
    use super::*;

    #[test]
    fn a_quoted_term_followed_by_means_is_a_definition() {
        assert_eq!(
            defined_term("(a) \"Chief Officer\" means the Chief Executive"),
            Some("Chief Officer")
        );
        assert_eq!(
            defined_term("“Section 151 Officer”, includes a deputy"),
            Some("Section 151 Officer")
        );
        assert_eq!(defined_term("\"Quoted\" words alone"), None);
        assert_eq!(defined_term("The \"Council\" means"), None);
        assert_eq!(
            definition_anchor("Section 151 Officer"),
            "d-section-151-officer"
        );
    }
}
