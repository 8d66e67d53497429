//! WordprocessingML parts and their zip package.
//!
//! The parts are written with quick-xml's writer (it escapes text and
//! attribute values); the package is a zip with its entries in a fixed
//! order, every entry dated 1980-01-01 and deflated, so the same paragraphs
//! always give the same bytes.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::DocxOptions;
use super::content::{
    Block, Furniture, Inline, MoveRange, Paragraph, Revision, Role, RunStyle, Table,
};
use crate::diff::words::ChangeClass;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORD_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The font the PDFs are set in, and the one Word puts in its place when
/// it is not installed (the same widths).
const FONT: &str = "Liberation Sans";
const FONT_ALTERNATIVE: &str = "Arial";

/// Indents in twentieths of a point: a clause's text hangs 1.5 cm in, and
/// each list level adds 1 cm.
const CLAUSE_INDENT: u32 = 851;
const LEVEL_INDENT: u32 = 567;

/// The bulleted list's number in `numbering.xml`.
const BULLETS: &str = "1";

/// Writes the package.
pub fn write(
    blocks: &[Block],
    title: &str,
    furniture: &Furniture,
    options: &DocxOptions,
) -> Result<Vec<u8>, std::io::Error> {
    let (document, links) = document(blocks, options);
    let parts: [(&str, Vec<u8>); 11] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_relationships()),
        ("docProps/core.xml", core_properties(title, options)),
        (
            "word/_rels/document.xml.rels",
            document_relationships(&links),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles(options)),
        ("word/numbering.xml", numbering()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/header1.xml", header(furniture)),
        ("word/footer1.xml", footer(furniture)),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let entry = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(name, entry)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// An XML part being written. Writing to memory cannot fail.
struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Xml {
        let mut xml = Xml {
            writer: Writer::new(Vec::new()),
        };
        xml.event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        xml
    }

    fn event(&mut self, event: Event<'_>) {
        self.writer
            .write_event(event)
            .expect("writing XML to memory");
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let start = start_tag(name, attributes);
        self.event(Event::Start(start));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let start = start_tag(name, attributes);
        self.event(Event::Empty(start));
    }

    fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.event(Event::Text(BytesText::new(&xml_text(text))));
        self.close(name);
    }

    fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }
}

/// A start tag whose attribute values, like all text, are what XML can carry.
fn start_tag<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let values: Vec<(&str, std::borrow::Cow<'_, str>)> =
        attributes.iter().map(|(k, v)| (*k, xml_text(v))).collect();
    BytesStart::new(name).with_attributes(values.iter().map(|(k, v)| (*k, v.as_ref())))
}

/// Text XML 1.0 can carry: a control character a source holds is shown
/// as its picture, such as `␛`, and the two noncharacters XML excludes
/// (U+FFFE, U+FFFF) as the replacement character.
fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let text = crate::render::present::visible_controls(text);
    if !text.contains(['\u{fffe}', '\u{ffff}']) {
        return text;
    }
    std::borrow::Cow::Owned(text.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}"))
}

fn content_types() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    xml.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    xml.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let overrides = [
        (
            "/word/document.xml",
            format!("{WORD_TYPE}.document.main+xml"),
        ),
        ("/word/styles.xml", format!("{WORD_TYPE}.styles+xml")),
        ("/word/numbering.xml", format!("{WORD_TYPE}.numbering+xml")),
        ("/word/settings.xml", format!("{WORD_TYPE}.settings+xml")),
        ("/word/fontTable.xml", format!("{WORD_TYPE}.fontTable+xml")),
        ("/word/header1.xml", format!("{WORD_TYPE}.header+xml")),
        ("/word/footer1.xml", format!("{WORD_TYPE}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
    ];
    for (part, content_type) in &overrides {
        xml.empty(
            "Override",
            &[("PartName", part), ("ContentType", content_type)],
        );
    }
    xml.close("Types");
    xml.finish()
}

/// A relationships part: each target with its type, numbered `rId1` on;
/// web addresses are external targets.
fn relationships(targets: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("Relationships", &[("xmlns", RELATIONSHIPS)]);
    for (i, (kind, target)) in targets.iter().enumerate() {
        let id = format!("rId{}", i + 1);
        let mut attributes = vec![("Id", id.as_str()), ("Type", kind), ("Target", target)];
        if kind.ends_with("/hyperlink") {
            attributes.push(("TargetMode", "External"));
        }
        xml.empty("Relationship", &attributes);
    }
    xml.close("Relationships");
    xml.finish()
}

fn package_relationships() -> Vec<u8> {
    let office = format!("{OFFICE_RELATIONSHIP}/officeDocument");
    relationships(&[
        (&office, "word/document.xml"),
        (
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
    ])
}

/// The parts `document.xml` uses, then its links, in the order of
/// [`Body::link_id`] (`rId5` is the first link).
fn document_relationships(links: &[String]) -> Vec<u8> {
    let kinds = [
        "styles",
        "numbering",
        "settings",
        "fontTable",
        "header",
        "footer",
        "hyperlink",
    ]
    .map(|kind| format!("{OFFICE_RELATIONSHIP}/{kind}"));
    let mut targets = vec![
        (kinds[0].as_str(), "styles.xml"),
        (kinds[1].as_str(), "numbering.xml"),
        (kinds[2].as_str(), "settings.xml"),
        (kinds[3].as_str(), "fontTable.xml"),
        (kinds[4].as_str(), "header1.xml"),
        (kinds[5].as_str(), "footer1.xml"),
    ];
    targets.extend(links.iter().map(|url| (kinds[6].as_str(), url.as_str())));
    relationships(&targets)
}

/// The relationship ids of the header, the footer, and the first link.
const HEADER: &str = "rId5";
const FOOTER: &str = "rId6";
const FIRST_LINK: usize = 7;

/// A header or footer paragraph in the small grey style.
fn furniture_paragraph(xml: &mut Xml, text: &str, bold: bool) {
    xml.open("w:p", &[]);
    xml.open("w:pPr", &[]);
    xml.empty("w:pStyle", &[("w:val", "Furniture")]);
    xml.close("w:pPr");
    xml.open("w:r", &[]);
    if bold {
        xml.open("w:rPr", &[]);
        xml.empty("w:b", &[]);
        xml.close("w:rPr");
    }
    xml.element("w:t", &[("xml:space", "preserve")], text);
    xml.close("w:r");
    xml.close("w:p");
}

/// `header1.xml`: the header lines on every page, the mark last and bold.
fn header(furniture: &Furniture) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:hdr", &[("xmlns:w", W)]);
    for line in &furniture.header {
        furniture_paragraph(&mut xml, line, false);
    }
    if let Some(mark) = &furniture.mark {
        furniture_paragraph(&mut xml, mark, true);
    }
    if furniture.header.is_empty() && furniture.mark.is_none() {
        furniture_paragraph(&mut xml, "", false);
    }
    xml.close("w:hdr");
    xml.finish()
}

/// `footer1.xml`: the footer line, then "Page n of m" from Word's fields.
fn footer(furniture: &Furniture) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:ftr", &[("xmlns:w", W)]);
    xml.open("w:p", &[]);
    xml.open("w:pPr", &[]);
    xml.empty("w:pStyle", &[("w:val", "Furniture")]);
    xml.close("w:pPr");
    let text = |xml: &mut Xml, text: &str| {
        xml.open("w:r", &[]);
        xml.element("w:t", &[("xml:space", "preserve")], text);
        xml.close("w:r");
    };
    let field = |xml: &mut Xml, instruction: &str| {
        xml.open("w:fldSimple", &[("w:instr", instruction)]);
        text(xml, "1");
        xml.close("w:fldSimple");
    };
    if !furniture.footer.is_empty() {
        text(&mut xml, &furniture.footer);
        xml.open("w:r", &[]);
        xml.empty("w:tab", &[]);
        xml.close("w:r");
    }
    text(&mut xml, "Page ");
    field(&mut xml, " PAGE ");
    text(&mut xml, " of ");
    field(&mut xml, " NUMPAGES ");
    xml.close("w:p");
    xml.close("w:ftr");
    xml.finish()
}

/// A date as W3C date-time, at midnight UTC.
fn timestamp(date: &crate::model::Date) -> String {
    format!("{date}T00:00:00Z")
}

fn core_properties(title: &str, options: &DocxOptions) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    xml.element("dc:title", &[], title);
    if !options.author.is_empty() {
        xml.element("dc:creator", &[], &options.author);
    }
    if let Some(by) = &options.dated_by {
        xml.element("dc:description", &[], by);
    }
    xml.element("dc:language", &[], &options.language);
    if let Some(date) = &options.date {
        let when = timestamp(date);
        for name in ["dcterms:created", "dcterms:modified"] {
            xml.element(name, &[("xsi:type", "dcterms:W3CDTF")], &when);
        }
    }
    xml.close("cp:coreProperties");
    xml.finish()
}

/// Writes `document.xml`: every block, then A4 pages with 2 cm margins.
/// Returns the web addresses it links to, in the order of their ids.
fn document(blocks: &[Block], options: &DocxOptions) -> (Vec<u8>, Vec<String>) {
    let mut xml = Xml::new();
    xml.open(
        "w:document",
        &[("xmlns:w", W), ("xmlns:r", OFFICE_RELATIONSHIP)],
    );
    xml.open("w:body", &[]);
    let mut body = Body {
        xml,
        options,
        next_id: 1,
        ranges: HashMap::new(),
        links: Vec::new(),
    };
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => body.paragraph(paragraph),
            Block::Table(table) => body.table(table),
        }
    }
    // Word ends a body with a paragraph.
    if matches!(blocks.last(), Some(Block::Table(_)) | None) {
        body.paragraph(&Paragraph::new(Role::Body {
            indented: false,
            depth: 0,
        }));
    }
    let links = body.links;
    let mut xml = body.xml;
    xml.open("w:sectPr", &[]);
    xml.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", HEADER)],
    );
    xml.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", FOOTER)],
    );
    xml.empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")]);
    xml.empty(
        "w:pgMar",
        &[
            ("w:top", "1134"),
            ("w:right", "1134"),
            ("w:bottom", "1134"),
            ("w:left", "1134"),
            ("w:header", "567"),
            ("w:footer", "567"),
            ("w:gutter", "0"),
        ],
    );
    xml.close("w:sectPr");
    xml.close("w:body");
    xml.close("w:document");
    (xml.finish(), links)
}

/// The body being written: revision ids are numbered in document order.
struct Body<'a> {
    xml: Xml,
    options: &'a DocxOptions,
    next_id: u32,
    /// The id each move range was given where it starts.
    ranges: HashMap<MoveRange, u32>,
    /// The web addresses linked to, in order of first use.
    links: Vec<String>,
}

impl Body<'_> {
    fn id(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        id.to_string()
    }

    /// The author a revision of `class` is attributed to, such as
    /// "Bury Council (capitalisation)": Word's reviewing pane shows and
    /// accepts revisions by author, so one class can be taken at a time.
    fn author(&self, class: ChangeClass) -> String {
        match self.options.author.as_str() {
            "" => format!("clerk ({})", class.name()),
            author => format!("{author} ({})", class.name()),
        }
    }

    /// The attributes every revision carries: id, author and date.
    fn revision_attributes(&mut self, class: ChangeClass) -> Vec<(String, String)> {
        let mut attributes = vec![
            ("w:id".to_string(), self.id()),
            ("w:author".to_string(), self.author(class)),
        ];
        if let Some(date) = &self.options.date {
            attributes.push(("w:date".to_string(), timestamp(date)));
        }
        attributes
    }

    /// The relationship id of a link to `url`.
    fn link_id(&mut self, url: &str) -> String {
        let index = match self.links.iter().position(|u| u == url) {
            Some(index) => index,
            None => {
                self.links.push(url.to_string());
                self.links.len() - 1
            }
        };
        format!("rId{}", FIRST_LINK + index)
    }

    /// A table with a grid, borders, and its header rows repeated on each page.
    fn table(&mut self, table: &Table) {
        self.xml.open("w:tbl", &[]);
        self.xml.open("w:tblPr", &[]);
        self.xml
            .empty("w:tblW", &[("w:w", "0"), ("w:type", "auto")]);
        self.xml.open("w:tblBorders", &[]);
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.xml.empty(
                &format!("w:{side}"),
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", "808080"),
                ],
            );
        }
        self.xml.close("w:tblBorders");
        self.xml.empty("w:tblLayout", &[("w:type", "fixed")]);
        self.xml.close("w:tblPr");
        self.xml.open("w:tblGrid", &[]);
        for width in &table.widths {
            self.xml.empty("w:gridCol", &[("w:w", &width.to_string())]);
        }
        self.xml.close("w:tblGrid");
        for row in &table.rows {
            self.xml.open("w:tr", &[]);
            if row.header || row.revision != Revision::None {
                self.xml.open("w:trPr", &[]);
                if row.header {
                    self.xml.empty("w:tblHeader", &[]);
                }
                // A row inserted or deleted whole: its revision.
                if row.revision != Revision::None {
                    self.mark(row.revision);
                }
                self.xml.close("w:trPr");
            }
            for (i, cell) in row.cells.iter().enumerate() {
                self.xml.open("w:tc", &[]);
                self.xml.open("w:tcPr", &[]);
                let width = table.widths.get(i).copied().unwrap_or(0).to_string();
                self.xml
                    .empty("w:tcW", &[("w:w", &width), ("w:type", "dxa")]);
                self.xml.close("w:tcPr");
                for paragraph in cell {
                    self.paragraph(paragraph);
                }
                // A cell holds at least one paragraph.
                if cell.is_empty() {
                    self.paragraph(&Paragraph::new(Role::Body {
                        indented: false,
                        depth: 0,
                    }));
                }
                self.xml.close("w:tc");
            }
            self.xml.close("w:tr");
        }
        self.xml.close("w:tbl");
    }

    fn paragraph(&mut self, paragraph: &Paragraph) {
        self.xml.open("w:p", &[]);
        self.paragraph_properties(paragraph);
        for inline in &paragraph.content {
            match inline {
                Inline::Run(run) => self.run(&run.text, run.revision, &run.style),
                Inline::RangeStart(range) => {
                    let id = self.id();
                    self.ranges.insert(*range, id.parse().expect("a number"));
                    let (element, unit) = match range {
                        MoveRange::From(unit) => ("w:moveFromRangeStart", unit),
                        MoveRange::To(unit) => ("w:moveToRangeStart", unit),
                    };
                    let name = format!("move{unit}");
                    let mut attributes = self.revision_attributes(ChangeClass::Moved);
                    attributes[0].1 = id;
                    attributes.push(("w:name".to_string(), name));
                    self.xml.empty(element, &pairs(&attributes));
                }
                Inline::RangeEnd(range) => {
                    let element = match range {
                        MoveRange::From(_) => "w:moveFromRangeEnd",
                        MoveRange::To(_) => "w:moveToRangeEnd",
                    };
                    let id = self.ranges.get(range).copied().unwrap_or_default();
                    self.xml.empty(element, &[("w:id", &id.to_string())]);
                }
            }
        }
        self.xml.close("w:p");
    }

    fn paragraph_properties(&mut self, paragraph: &Paragraph) {
        self.xml.open("w:pPr", &[]);
        self.role_properties(paragraph.role, paragraph.page_break);
        if paragraph.mark != Revision::None {
            self.xml.open("w:rPr", &[]);
            self.mark(paragraph.mark);
            self.xml.close("w:rPr");
        }
        // The existing version's setting, as a tracked change of properties.
        if let Some(old) = paragraph.old_role.filter(|old| *old != paragraph.role) {
            let class = match (old, paragraph.role) {
                (Role::Clause, _) | (_, Role::Clause) => ChangeClass::Renumbering,
                _ => ChangeClass::Substantive,
            };
            let attributes = self.revision_attributes(class);
            self.xml.open("w:pPrChange", &pairs(&attributes));
            self.xml.open("w:pPr", &[]);
            self.role_properties(old, paragraph.page_break);
            self.xml.close("w:pPr");
            self.xml.close("w:pPrChange");
        }
        self.xml.close("w:pPr");
    }

    /// The style, list and indent of a paragraph set as `role`.
    fn role_properties(&mut self, role: Role, page_break: bool) {
        let heading =
            |level: u8| ["Heading1", "Heading2", "Heading3"][usize::from(level.clamp(1, 3)) - 1];
        let style = match role {
            Role::Title => "Title",
            Role::Heading(level) => heading(level),
            Role::Clause => "Clause",
            Role::Body { .. } | Role::Row { .. } => "Normal",
            Role::Bullet { .. } => "ListBullet",
            Role::Lettered { .. } => "ListLettered",
            Role::Quote { .. } => "Quote",
        };
        self.xml.empty("w:pStyle", &[("w:val", style)]);
        if page_break {
            self.xml.empty("w:pageBreakBefore", &[]);
        }
        let indent = |indented: bool, depth: usize| {
            u32::from(indented) * CLAUSE_INDENT + depth as u32 * LEVEL_INDENT
        };
        match role {
            Role::Bullet { indented, depth } => {
                let level = depth.saturating_sub(1).min(8).to_string();
                self.xml.open("w:numPr", &[]);
                self.xml.empty("w:ilvl", &[("w:val", &level)]);
                self.xml.empty("w:numId", &[("w:val", BULLETS)]);
                self.xml.close("w:numPr");
                let left = indent(indented, depth).to_string();
                let hanging = LEVEL_INDENT.to_string();
                self.xml
                    .empty("w:ind", &[("w:left", &left), ("w:hanging", &hanging)]);
            }
            Role::Lettered { indented, depth } => {
                let left = indent(indented, depth).to_string();
                let hanging = LEVEL_INDENT.to_string();
                self.xml
                    .empty("w:ind", &[("w:left", &left), ("w:hanging", &hanging)]);
            }
            Role::Body { indented, depth } | Role::Quote { indented, depth } => {
                let extra = u32::from(matches!(role, Role::Quote { .. })) * LEVEL_INDENT;
                let left = (indent(indented, depth) + extra).to_string();
                self.xml.empty("w:ind", &[("w:left", &left)]);
            }
            Role::Title | Role::Heading(_) | Role::Clause | Role::Row { .. } => {}
        }
    }

    /// The revision of a paragraph mark. A moved paragraph's mark where it
    /// now stands is an insertion: LibreOffice keeps a `moveTo` mark when
    /// every change is rejected, which would leave an empty paragraph.
    fn mark(&mut self, revision: Revision) {
        let (element, class) = match revision {
            Revision::None => return,
            Revision::Inserted(class) => ("w:ins", class),
            Revision::Deleted(class) => ("w:del", class),
            Revision::MovedFrom(_) => ("w:moveFrom", ChangeClass::Moved),
            Revision::MovedTo(_) => ("w:ins", ChangeClass::Moved),
        };
        let attributes = self.revision_attributes(class);
        self.xml.empty(element, &pairs(&attributes));
    }

    /// A run of text, inside the revision it belongs to (or the link it is).
    fn run(&mut self, text: &str, revision: Revision, style: &RunStyle) {
        let (wrapper, class) = match revision {
            Revision::None => (None, ChangeClass::Substantive),
            Revision::Inserted(class) => (Some("w:ins"), class),
            Revision::Deleted(class) => (Some("w:del"), class),
            Revision::MovedFrom(_) => (Some("w:moveFrom"), ChangeClass::Moved),
            Revision::MovedTo(_) => (Some("w:moveTo"), ChangeClass::Moved),
        };
        let link = match (&style.link, wrapper) {
            (Some(url), None) => Some(self.link_id(url)),
            _ => None,
        };
        if let Some(wrapper) = wrapper {
            let attributes = self.revision_attributes(class);
            self.xml.open(wrapper, &pairs(&attributes));
        }
        if let Some(id) = &link {
            self.xml.open("w:hyperlink", &[("r:id", id)]);
        }
        // Deleted text, moved away or not, is `delText`.
        let text_element = match revision.in_new() {
            true => "w:t",
            false => "w:delText",
        };
        self.xml.open("w:r", &[]);
        self.run_properties(style, link.is_some());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.empty("w:br", &[]);
            }
            for (k, piece) in line.split('\t').enumerate() {
                if k > 0 {
                    self.xml.empty("w:tab", &[]);
                }
                if !piece.is_empty() {
                    self.xml
                        .element(text_element, &[("xml:space", "preserve")], piece);
                }
            }
        }
        self.xml.close("w:r");
        if link.is_some() {
            self.xml.close("w:hyperlink");
        }
        if let Some(wrapper) = wrapper {
            self.xml.close(wrapper);
        }
    }

    /// A run's formatting, in the schema's order; a link is blue and underlined.
    fn run_properties(&mut self, style: &RunStyle, link: bool) {
        if !(style.bold || style.italic || style.struck || style.underlined || link) {
            return;
        }
        self.xml.open("w:rPr", &[]);
        if style.bold {
            self.xml.empty("w:b", &[]);
        }
        if style.italic {
            self.xml.empty("w:i", &[]);
        }
        if style.struck {
            self.xml.empty("w:strike", &[]);
        }
        if link {
            self.xml.empty("w:color", &[("w:val", "0B4F8A")]);
        }
        if style.underlined || link {
            self.xml.empty("w:u", &[("w:val", "single")]);
        }
        self.xml.close("w:rPr");
    }
}

fn pairs(attributes: &[(String, String)]) -> Vec<(&str, &str)> {
    attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// `styles.xml`: the document defaults (the PDF's font, 11 pt, the
/// document's language), and the paragraph styles the roles use; the
/// heading style has an outline level, so Word's navigation pane lists it.
fn styles(options: &DocxOptions) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:styles", &[("xmlns:w", W)]);
    xml.open("w:docDefaults", &[]);
    xml.open("w:rPrDefault", &[]);
    xml.open("w:rPr", &[]);
    xml.empty(
        "w:rFonts",
        &[("w:ascii", FONT), ("w:hAnsi", FONT), ("w:cs", FONT)],
    );
    xml.empty("w:sz", &[("w:val", "22")]);
    xml.empty("w:szCs", &[("w:val", "22")]);
    xml.empty("w:lang", &[("w:val", &options.language)]);
    xml.close("w:rPr");
    xml.close("w:rPrDefault");
    xml.open("w:pPrDefault", &[]);
    xml.open("w:pPr", &[]);
    xml.empty(
        "w:spacing",
        &[
            ("w:after", "120"),
            ("w:line", "264"),
            ("w:lineRule", "auto"),
        ],
    );
    xml.close("w:pPr");
    xml.close("w:pPrDefault");
    xml.close("w:docDefaults");

    struct Style<'a> {
        id: &'a str,
        name: &'a str,
        indent: Option<(u32, u32)>,
        /// The outline level of a heading, from 0.
        outline: Option<&'a str>,
        size: Option<&'a str>,
        italic: bool,
    }
    let plain = Style {
        id: "Normal",
        name: "Normal",
        indent: None,
        outline: None,
        size: None,
        italic: false,
    };
    let all = [
        Style { ..plain },
        Style {
            id: "Title",
            name: "Title",
            size: Some("36"),
            ..plain
        },
        Style {
            id: "Heading1",
            name: "heading 1",
            outline: Some("0"),
            size: Some("26"),
            ..plain
        },
        Style {
            id: "Heading2",
            name: "heading 2",
            outline: Some("1"),
            size: Some("24"),
            ..plain
        },
        Style {
            id: "Heading3",
            name: "heading 3",
            outline: Some("2"),
            size: Some("22"),
            ..plain
        },
        Style {
            id: "Furniture",
            name: "Header and footer",
            size: Some("18"),
            ..plain
        },
        Style {
            id: "Clause",
            name: "Clause",
            indent: Some((CLAUSE_INDENT, CLAUSE_INDENT)),
            ..plain
        },
        Style {
            id: "ListBullet",
            name: "List Bullet",
            indent: Some((LEVEL_INDENT, LEVEL_INDENT)),
            ..plain
        },
        Style {
            id: "ListLettered",
            name: "List Lettered",
            indent: Some((LEVEL_INDENT, LEVEL_INDENT)),
            ..plain
        },
        Style {
            id: "Quote",
            name: "Quote",
            indent: Some((LEVEL_INDENT, 0)),
            italic: true,
            ..plain
        },
    ];
    for style in &all {
        let heading = style.outline.is_some();
        let mut attributes = vec![("w:type", "paragraph"), ("w:styleId", style.id)];
        if style.id == "Normal" {
            attributes.push(("w:default", "1"));
        }
        xml.open("w:style", &attributes);
        xml.empty("w:name", &[("w:val", style.name)]);
        if style.id != "Normal" {
            xml.empty("w:basedOn", &[("w:val", "Normal")]);
            xml.empty("w:next", &[("w:val", "Normal")]);
        }
        xml.empty("w:qFormat", &[]);
        xml.open("w:pPr", &[]);
        if heading || style.id == "Title" {
            xml.empty("w:keepNext", &[]);
        }
        if heading {
            xml.empty("w:spacing", &[("w:before", "240"), ("w:after", "120")]);
        }
        if let Some((left, hanging)) = style.indent {
            let (left, hanging) = (left.to_string(), hanging.to_string());
            match hanging.as_str() {
                "0" => xml.empty("w:ind", &[("w:left", &left)]),
                _ => xml.empty("w:ind", &[("w:left", &left), ("w:hanging", &hanging)]),
            }
        }
        if let Some(level) = style.outline {
            xml.empty("w:outlineLvl", &[("w:val", level)]);
        }
        xml.close("w:pPr");
        xml.open("w:rPr", &[]);
        if heading || style.id == "Title" {
            xml.empty("w:b", &[]);
        }
        if style.italic {
            xml.empty("w:i", &[]);
        }
        if let Some(size) = style.size {
            xml.empty("w:sz", &[("w:val", size)]);
            xml.empty("w:szCs", &[("w:val", size)]);
        }
        xml.close("w:rPr");
        xml.close("w:style");
    }
    xml.close("w:styles");
    xml.finish()
}

/// `numbering.xml`: one bulleted list, nine levels, each 1 cm further in.
fn numbering() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:numbering", &[("xmlns:w", W)]);
    xml.open("w:abstractNum", &[("w:abstractNumId", "0")]);
    xml.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
    for level in 0..9u32 {
        let bullet = ["\u{2022}", "\u{2013}", "\u{25e6}"][level as usize % 3];
        xml.open("w:lvl", &[("w:ilvl", &level.to_string())]);
        xml.empty("w:start", &[("w:val", "1")]);
        xml.empty("w:numFmt", &[("w:val", "bullet")]);
        xml.empty("w:lvlText", &[("w:val", bullet)]);
        xml.empty("w:lvlJc", &[("w:val", "left")]);
        xml.open("w:pPr", &[]);
        let left = ((level + 1) * LEVEL_INDENT).to_string();
        let hanging = LEVEL_INDENT.to_string();
        xml.empty("w:ind", &[("w:left", &left), ("w:hanging", &hanging)]);
        xml.close("w:pPr");
        xml.close("w:lvl");
    }
    xml.close("w:abstractNum");
    xml.open("w:num", &[("w:numId", BULLETS)]);
    xml.empty("w:abstractNumId", &[("w:val", "0")]);
    xml.close("w:num");
    xml.close("w:numbering");
    xml.finish()
}

/// `settings.xml`: further edits are tracked too, and moves shown as moves.
fn settings() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:settings", &[("xmlns:w", W)]);
    xml.empty("w:trackRevisions", &[]);
    xml.empty("w:defaultTabStop", &[("w:val", "567")]);
    xml.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    xml.open("w:compat", &[]);
    xml.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    xml.close("w:compat");
    xml.close("w:settings");
    xml.finish()
}

/// `fontTable.xml`: the font, and the one with the same widths to use in its place.
fn font_table() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("w:fonts", &[("xmlns:w", W)]);
    xml.open("w:font", &[("w:name", FONT)]);
    xml.empty("w:altName", &[("w:val", FONT_ALTERNATIVE)]);
    xml.empty("w:family", &[("w:val", "swiss")]);
    xml.empty("w:pitch", &[("w:val", "variable")]);
    xml.close("w:font");
    xml.close("w:fonts");
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::content::{Paragraph, Revision, Role};

    #[test]
    fn characters_xml_cannot_carry_never_reach_a_part() {
        let mut paragraph = Paragraph::new(Role::Title);
        paragraph.push(
            "bell \u{7} and \u{ffff} end",
            Revision::Inserted(ChangeClass::Substantive),
        );
        let options = DocxOptions {
            author: "Council \u{1b}[31m".into(),
            ..DocxOptions::default()
        };
        let (xml, _) = document(&[Block::Paragraph(paragraph)], &options);
        let xml = String::from_utf8(xml).unwrap();
        assert!(
            !xml.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{ffff}'),
            "{xml}"
        );
        assert!(xml.contains("bell \u{2407} and \u{fffd} end"), "{xml}");
        assert!(xml.contains("Council \u{241b}[31m"), "{xml}");
    }
}
