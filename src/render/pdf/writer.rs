//! The PDF writer: laid-out pages to bytes with printpdf, then lopdf for
//! what printpdf does not set (document language, DisplayDocTitle, a nested
//! outline, a deterministic file identifier, no unrequested dates).
//!
//! Every PDF is tagged (PDF/UA-1): each run of text is marked content bound
//! to the structure element layout gave it, page furniture and rules are
//! artifacts, and the finishing pass writes the structure tree, its parent
//! tree, each link annotation's place in it, and the XMP metadata.
//!
//! Everything printpdf would otherwise name at random (font resources, the
//! file identifier) is named from the content, so the same layout always
//! gives the same bytes.
//!
//! A long PDF is converted by printpdf a batch of pages at a time
//! (`converted_in_batches`) and, past the packing limit, written object by
//! object (`streamed`), so that its memory stays near a batch's: the
//! objects are the same either way.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, Destination, DictItem, FontId, Line, LineCapStyle, LinePoint,
    LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::Error;
use crate::fonts::{FontStyle, drawable};
use crate::render::pdf::boxes::{Colour, Element, LaidOut, Link, StructRole};
use crate::render::pdf::streamed;

/// What the content of one page holds for the structure tree: the element
/// each marked-content id belongs to, and each link annotation's element
/// and description, in the order printpdf writes them.
#[derive(Default)]
struct PageTags {
    marked: Vec<usize>,
    links: Vec<(Option<usize>, String)>,
}

/// Writes a laid-out document as PDF bytes: whole, with object streams,
/// up to `packed_up_to_pages` pages; past that, as it is made.
pub fn write_pdf(mut laid: LaidOut, packed_up_to_pages: usize) -> Result<Vec<u8>, Error> {
    if let Some(limit) = laid.overflowed {
        return Err(Error::too_large(format!(
            "\"{}\" would run to more than {limit} pages",
            laid.metadata.title,
        )));
    }
    let id = file_id(&laid);
    let fonts: BTreeMap<FontStyle, FontId> = used_styles(&laid)
        .into_iter()
        // Six capital letters: PDF readers take this as the subset tag.
        .map(|style| {
            let id = ["CLKREG", "CLKBLD", "CLKITA", "CLKBIT"][style as usize];
            (style, FontId(id.to_string()))
        })
        .collect();
    // printpdf holds every page's operations and content until it has
    // converted them all: a PDF of more pages than a quarter of the
    // packing limit is converted in batches of that many.
    let batch = (packed_up_to_pages / 4).max(16);
    // Each stage lets go of the one before, a page at a time.
    let (mut doc, tags) = if laid.pages.len() <= batch {
        converted_whole(&mut laid, &fonts)?
    } else {
        converted_in_batches(&mut laid, &fonts, batch)?
    };
    // The structure tree is thousands of small objects: packed into
    // compressed object streams, a tagged PDF stays near its untagged size.
    // But lopdf holds every object until it writes, and copies each it
    // packs: a longer PDF (a whole constitution, with hundreds of
    // thousands of structure elements) is written as it is made, each
    // element dropped once written.
    let packed = tags.len() <= packed_up_to_pages;
    finish(&mut doc, &laid, id)?;
    // Every link and bookmark has found its place: the places go.
    drop(std::mem::take(&mut laid.anchors));
    drop(std::mem::take(&mut laid.bookmarks));
    let tree = tag(&mut doc, &laid.structure, &tags, &laid.metadata)?;
    drop(tags);
    doc.compress();
    if !packed {
        let elements = tree.elements(&laid.structure);
        let capacity = size_estimate(&doc, false) + elements.size_hint().0 * 60;
        return Ok(streamed::write(doc, elements, capacity));
    }
    doc.objects.extend(tree.elements(&laid.structure));
    doc.version = "1.7".to_string();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    drop(laid);
    // Room for the whole file at once: grown by doubling, a long PDF's
    // buffer would briefly be held twice and end up to twice its size.
    let mut bytes = Vec::with_capacity(size_estimate(&doc, true));
    doc.save_with_options(&mut bytes, options)
        .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))?;
    Ok(bytes)
}

/// A printpdf document with the fonts in `fonts`.
fn pdf_document(title: &str, fonts: &BTreeMap<FontStyle, FontId>) -> Result<PdfDocument, Error> {
    let mut pdf = PdfDocument::new(title);
    for (&style, id) in fonts {
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed_font(style)?));
    }
    Ok(pdf)
}

/// printpdf's document as lopdf's, its fonts cut down to the glyphs drawn.
fn to_lopdf(pdf: PdfDocument) -> lopdf::Document {
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    pdf.to_lopdf_document(&options, &mut Vec::new())
}

/// Every page converted by printpdf at once, then each page's content
/// compressed in turn.
fn converted_whole(
    laid: &mut LaidOut,
    fonts: &BTreeMap<FontStyle, FontId>,
) -> Result<(lopdf::Document, Vec<PageTags>), Error> {
    let mut pdf = pdf_document(&laid.metadata.title, fonts)?;
    let (pages, tags): (Vec<PdfPage>, Vec<PageTags>) = std::mem::take(&mut laid.pages)
        .into_iter()
        .map(|page| {
            let (ops, tags) = page_ops(page, laid, fonts);
            (ops.page(laid), tags)
        })
        .unzip();
    pdf.with_pages(pages);
    let mut doc = to_lopdf(pdf);
    for page_id in doc.get_pages().into_values() {
        compress_content(&mut doc, page_id)?;
    }
    Ok((doc, tags))
}

/// The same document as `converted_whole` makes, converted `batch` pages
/// at a time: printpdf holds every page's operations and uncompressed
/// content at once, which for a whole constitution of a thousand
/// documents is some 180 MB.
///
/// Each batch's content streams are made by a document of their own; the
/// pages, link annotations and fonts by one document of every page with
/// no content. The codes a content stream draws glyphs with depend on the
/// font subset, which depends on every glyph drawn and, for a glyph shared
/// by two characters, on the last character drawn with it: so every one
/// of these documents also draws each character of the whole, in the order
/// of its last use (`glyph_carrier`), and all of them cut the fonts alike.
fn converted_in_batches(
    laid: &mut LaidOut,
    fonts: &BTreeMap<FontStyle, FontId>,
    batch: usize,
) -> Result<(lopdf::Document, Vec<PageTags>), Error> {
    let carrier = glyph_carrier(laid, fonts);
    let mut pages = std::mem::take(&mut laid.pages).into_iter();
    let mut contents = Vec::new();
    let mut links = Vec::new();
    let mut tags = Vec::new();
    loop {
        let mut batch_pages: Vec<PdfPage> = Vec::with_capacity(batch + 1);
        for page in pages.by_ref().take(batch) {
            let (ops, page_tags) = page_ops(page, laid, fonts);
            batch_pages.push(pdf_page(laid, ops.content));
            links.push(ops.links);
            tags.push(page_tags);
        }
        if batch_pages.is_empty() {
            break;
        }
        let drawn = batch_pages.len();
        batch_pages.push(pdf_page(laid, carrier.clone()));
        let mut pdf = pdf_document(&laid.metadata.title, fonts)?;
        pdf.with_pages(batch_pages);
        let mut doc = to_lopdf(pdf);
        for page_id in doc.get_pages().into_values().take(drawn) {
            compress_content(&mut doc, page_id)?;
            let content = doc.objects.remove(&content_id(&doc, page_id)?);
            contents.push(content.ok_or_else(|| Error::new("a PDF page has no content"))?);
        }
    }
    // The pages with their links and no content; the carrier drawn on the
    // last, whose content is replaced like every other's.
    if let Some(last) = links.last_mut() {
        last.extend(carrier);
    }
    let mut pdf = pdf_document(&laid.metadata.title, fonts)?;
    pdf.with_pages(links.into_iter().map(|ops| pdf_page(laid, ops)).collect());
    let mut doc = to_lopdf(pdf);
    for (page_id, content) in doc.get_pages().into_values().zip(contents) {
        doc.objects.insert(content_id(&doc, page_id)?, content);
    }
    Ok((doc, tags))
}

/// The object of a page's content stream (printpdf writes one per page).
fn content_id(doc: &lopdf::Document, page_id: ObjectId) -> Result<ObjectId, Error> {
    doc.get_page_contents(page_id)
        .into_iter()
        .next()
        .ok_or_else(|| Error::new("a PDF page has no content"))
}

/// Operations that draw every character of `laid` in each face, in the
/// order of each character's last use in that face: given to printpdf with
/// any part of the document, they make it cut the fonts as it would for
/// the whole.
fn glyph_carrier(laid: &LaidOut, fonts: &BTreeMap<FontStyle, FontId>) -> Vec<Op> {
    let mut last_use: BTreeMap<(FontStyle, char), usize> = BTreeMap::new();
    let mut order = 0;
    for run in laid.pages.iter().flat_map(|page| &page.runs) {
        for c in run.text.chars() {
            last_use.insert((run.style, drawable(c)), order);
            order += 1;
        }
    }
    let mut ops = vec![Op::StartTextSection];
    for (&style, font) in fonts {
        let mut characters: Vec<(usize, char)> = last_use
            .iter()
            .filter(|((s, _), _)| *s == style)
            .map(|(&(_, c), &at)| (at, c))
            .collect();
        characters.sort_unstable();
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(
                characters.into_iter().map(|(_, c)| c).collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// About how many bytes `doc` takes written: its streams, and a line or
/// two for each other object (fewer when they are packed into compressed
/// object streams).
fn size_estimate(doc: &lopdf::Document, packed: bool) -> usize {
    let per_object = if packed { 40 } else { 100 };
    doc.objects
        .values()
        .map(|object| match object {
            Object::Stream(stream) => stream.content.len() + 200,
            _ => per_object,
        })
        .sum()
}

/// Each face is parsed once per run and cloned for every PDF.
fn parsed_font(style: FontStyle) -> Result<ParsedFont, Error> {
    static FACES: std::sync::OnceLock<Vec<Option<ParsedFont>>> = std::sync::OnceLock::new();
    let faces = FACES.get_or_init(|| {
        FontStyle::ALL
            .iter()
            .map(|s| ParsedFont::from_bytes(s.bytes(), 0, &mut Vec::new()))
            .collect()
    });
    faces[style as usize]
        .clone()
        .ok_or_else(|| Error::new("the bundled font could not be read"))
}

fn used_styles(laid: &LaidOut) -> Vec<FontStyle> {
    let mut styles: Vec<FontStyle> = laid
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().map(|r| r.style))
        .collect();
    styles.sort();
    styles.dedup();
    styles
}

/// The text as the embedded font can draw it, reusing the string when it
/// can draw every character.
fn drawable_text(text: String) -> String {
    if text.chars().all(|c| drawable(c) == c) {
        text
    } else {
        text.chars().map(drawable).collect()
    }
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.r,
        g: c.g,
        b: c.b,
        icc_profile: None,
    })
}

/// One page as printpdf operations: what its content stream draws, and
/// its link annotations (which draw nothing).
struct PageOps {
    content: Vec<Op>,
    links: Vec<Op>,
}

impl PageOps {
    /// The page whole, its links after its content.
    fn page(mut self, laid: &LaidOut) -> PdfPage {
        self.content.append(&mut self.links);
        // Held for every page until the document is written: no spare room.
        self.content.shrink_to_fit();
        pdf_page(laid, self.content)
    }
}

fn pdf_page(laid: &LaidOut, ops: Vec<Op>) -> PdfPage {
    PdfPage::new(
        Mm(laid.width * 25.4 / 72.0),
        Mm(laid.height * 25.4 / 72.0),
        ops,
    )
}

fn page_ops(
    page: crate::render::pdf::boxes::Page,
    laid: &LaidOut,
    fonts: &BTreeMap<FontStyle, FontId>,
) -> (PageOps, PageTags) {
    let height = laid.height;
    let mut ops = Vec::new();
    let mut tags = PageTags::default();
    // The marked-content sequence open now: an element's, or an artifact's.
    let mut open: Option<Option<usize>> = None;
    // One text section per page; the font and colour are set only when
    // they change, which keeps long PDFs small in memory and on disk.
    let text_section = !page.runs.is_empty();
    if text_section {
        ops.push(Op::StartTextSection);
    }
    let mut font_now: Option<(FontStyle, f32)> = None;
    let mut colour_now: Option<Colour> = None;
    for run in page.runs {
        let Some(font) = fonts.get(&run.style) else {
            continue;
        };
        if open != Some(run.element) {
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            ops.push(match run.element {
                Some(element) => {
                    // Numbered in the page's order of marked content; the
                    // parent tree lists each page's elements in that order.
                    let mcid = tags.marked.len() as i64;
                    tags.marked.push(element);
                    let role = laid
                        .structure
                        .get(element)
                        .map_or(StructRole::Span, |e| e.role);
                    Op::BeginMarkedContentWithProperties {
                        tag: role.name(),
                        properties: DictItem::Dict {
                            map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                        },
                    }
                }
                None => Op::BeginMarkedContent {
                    tag: "Artifact".to_string(),
                },
            });
            open = Some(run.element);
        }
        if font_now != Some((run.style, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(run.size),
            });
            font_now = Some((run.style, run.size));
        }
        if colour_now != Some(run.colour) {
            ops.push(Op::SetFillColor {
                col: colour(run.colour),
            });
            colour_now = Some(run.colour);
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x), Pt(height - run.y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(drawable_text(run.text))],
        });
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    if text_section {
        ops.push(Op::EndTextSection);
    }
    // Rules (underlines, strikes, change bars, table lines) are decoration:
    // what they mean is in the structure.
    if !page.rules.is_empty() {
        ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        });
    }
    for rule in &page.rules {
        ops.push(Op::SetOutlineColor {
            col: colour(rule.colour),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(rule.thickness),
        });
        ops.push(Op::SetLineCapStyle {
            cap: LineCapStyle::Butt,
        });
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(height - y),
            },
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(rule.x1, rule.y1), point(rule.x2, rule.y2)],
                is_closed: false,
            },
        });
    }
    if !page.rules.is_empty() {
        ops.push(Op::EndMarkedContent);
    }
    let mut links = Vec::with_capacity(page.links.len());
    for area in page.links {
        let actions = match area.link {
            Link::Uri(uri) => Actions::Uri(uri),
            Link::Anchor(name) => match laid.anchors.get(&name) {
                Some(place) => Actions::Goto(Destination::Xyz {
                    page: place.page + 1,
                    left: None,
                    top: Some(height - place.y + 12.0),
                    zoom: None,
                }),
                None => continue,
            },
        };
        let rect = Rect {
            x: Pt(area.x),
            y: Pt(height - area.y - area.height),
            width: Pt(area.width),
            height: Pt(area.height),
            mode: None,
            winding_order: None,
        };
        links.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                rect,
                actions,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                None,
                None,
            ),
        });
        tags.links.push((area.element, area.text));
    }
    (
        PageOps {
            content: ops,
            links,
        },
        tags,
    )
}

/// One kid of a structure element: another element, marked content on a
/// page, or an annotation.
enum Kid {
    Element(usize),
    Content { page: usize, mcid: usize },
    Annotation { page: usize, annotation: ObjectId },
}

/// The structure tree with every element's place decided and its object
/// id given, but no element yet made: a long PDF's elements are made and
/// written one at a time (`elements`).
struct StructureTree {
    ids: Vec<ObjectId>,
    kids: Vec<Vec<Kid>>,
    attached: Vec<bool>,
    page_ids: Vec<ObjectId>,
    root_id: ObjectId,
}

/// The tagged-PDF structure: the structure tree in reading order (each
/// element joins its parent where its first content is), the parent tree
/// (each page's marked content, then each annotation, to its element),
/// link annotations as indirect objects in their `Link` elements, and the
/// catalog's `MarkInfo`, `StructTreeRoot` and XMP metadata. The elements
/// themselves are left to the tree returned.
fn tag(
    doc: &mut lopdf::Document,
    structure: &[Element],
    tags: &[PageTags],
    metadata: &crate::render::pdf::boxes::Metadata,
) -> Result<StructureTree, Error> {
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut kids: Vec<Vec<Kid>> = structure.iter().map(|_| Vec::new()).collect();
    let mut attached = vec![false; structure.len()];
    fn attach(e: usize, structure: &[Element], attached: &mut [bool], kids: &mut [Vec<Kid>]) {
        if attached[e] {
            return;
        }
        attached[e] = true;
        if let Some(parent) = structure[e].parent {
            attach(parent, structure, attached, kids);
            kids[parent].push(Kid::Element(e));
        }
    }
    // Every element gets its object id up front; only those with content are written.
    let ids: Vec<ObjectId> = structure.iter().map(|_| doc.new_object_id()).collect();
    let mut parent_tree: Vec<Object> = Vec::new();
    let mut annotation_keys: Vec<(i64, ObjectId)> = Vec::new();
    let mut next_key = page_ids.len() as i64;
    for (page, (page_tags, &page_id)) in tags.iter().zip(&page_ids).enumerate() {
        for (mcid, &element) in page_tags.marked.iter().enumerate() {
            attach(element, structure, &mut attached, &mut kids);
            kids[element].push(Kid::Content { page, mcid });
        }
        parent_tree.push(Object::Integer(page as i64));
        parent_tree.push(Object::Array(
            page_tags
                .marked
                .iter()
                .map(|&e| Object::Reference(ids[e]))
                .collect(),
        ));
        // Annotations become objects of their own, each with its place in the tree.
        // Taken, not copied, and put back in place below.
        let annotations = doc
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .ok()
            .and_then(|d| d.get_mut(b"Annots").ok())
            .map(|a| std::mem::replace(a, Object::Null));
        let had_annotations = annotations.is_some();
        let annotations = match annotations {
            Some(Object::Array(annotations)) => annotations,
            _ => Vec::new(),
        };
        let mut references = Vec::new();
        for (annotation, (element, text)) in annotations.into_iter().zip(&page_tags.links) {
            let Object::Dictionary(mut dict) = annotation else {
                references.push(annotation);
                continue;
            };
            dict.as_hashmap_mut().reserve_exact(2);
            dict.set("Contents", text_string(text));
            dict.set("StructParent", Object::Integer(next_key));
            let id = doc.add_object(Object::Dictionary(dict));
            if let Some(element) = *element {
                attach(element, structure, &mut attached, &mut kids);
                kids[element].push(Kid::Annotation {
                    page,
                    annotation: id,
                });
                annotation_keys.push((next_key, ids[element]));
            }
            next_key += 1;
            references.push(Object::Reference(id));
        }
        let page_dict = doc
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|_| Error::new("a PDF page is not a dictionary"))?;
        if had_annotations {
            page_dict.set("Annots", Object::Array(references));
        }
        page_dict.set("StructParents", Object::Integer(page as i64));
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    // An empty table cell has no content to place it, but its row needs it
    // to keep every row as wide as the table: it goes in order among its
    // row's cells.
    for (e, element) in structure.iter().enumerate() {
        let cell = matches!(
            element.role,
            StructRole::TD | StructRole::TH | StructRole::RowHeader
        );
        let Some(row) = element.parent else { continue };
        if !cell || attached[e] || !attached[row] {
            continue;
        }
        attached[e] = true;
        let at = kids[row]
            .iter()
            .position(|kid| matches!(kid, Kid::Element(j) if *j > e))
            .unwrap_or(kids[row].len());
        kids[row].insert(at, Kid::Element(e));
    }
    for (key, element) in annotation_keys {
        parent_tree.push(Object::Integer(key));
        parent_tree.push(Object::Reference(element));
    }
    let root_id = doc.new_object_id();
    let mut tree = Dictionary::new();
    tree.set("Nums", Object::Array(parent_tree));
    let tree_id = doc.add_object(Object::Dictionary(tree));
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    let top: Vec<Object> = (0..structure.len())
        .filter(|&e| attached[e] && structure[e].parent.is_none())
        .map(|e| Object::Reference(ids[e]))
        .collect();
    root.set("K", Object::Array(top));
    root.set("ParentTree", Object::Reference(tree_id));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let xmp = xmp_metadata(metadata);
    let mut stream_dict = Dictionary::new();
    stream_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    stream_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Metadata stays uncompressed, readable by tools that look for it.
    let stream = lopdf::Stream::new(stream_dict, xmp).with_compression(false);
    let metadata_id = doc.add_object(Object::Stream(stream));

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| Error::new("the PDF has no catalog"))?;
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| Error::new("the PDF catalog is not a dictionary"))?;
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("Metadata", Object::Reference(metadata_id));
    Ok(StructureTree {
        ids,
        kids,
        attached,
        page_ids,
        root_id,
    })
}

impl StructureTree {
    /// Each element with content, in object order, made as it is asked for.
    fn elements<'a>(
        self,
        structure: &'a [Element],
    ) -> impl ExactSizeIterator<Item = (ObjectId, Object)> + 'a {
        let StructureTree {
            ids,
            mut kids,
            attached,
            page_ids,
            root_id,
        } = self;
        let written: Vec<usize> = (0..structure.len()).filter(|&e| attached[e]).collect();
        written.into_iter().map(move |e| {
            let kids = std::mem::take(&mut kids[e]);
            let element = structure_element(e, &structure[e], kids, &ids, &page_ids, root_id);
            (ids[e], element)
        })
    }
}

/// One structure element's dictionary: its role, page, parent, description,
/// table attributes and kids.
fn structure_element(
    index: usize,
    element: &Element,
    kids: Vec<Kid>,
    ids: &[ObjectId],
    page_ids: &[ObjectId],
    root_id: ObjectId,
) -> Object {
    // Kept small: a long PDF has hundreds of thousands of elements.
    // Marked content on the element's own page (`Pg`, the page of its
    // first content) is a bare MCID; elsewhere a marked-content reference.
    let mut entries = Vec::with_capacity(6);
    entries.push(("S", Object::Name(element.role.name().into_bytes())));
    let home = kids.iter().find_map(|kid| match *kid {
        Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(page),
        Kid::Element(_) => None,
    });
    if let Some(page) = home {
        entries.push(("Pg", Object::Reference(page_ids[page])));
    }
    entries.push((
        "P",
        Object::Reference(element.parent.map_or(root_id, |p| ids[p])),
    ));
    if let Some(alt) = &element.alt {
        entries.push(("Alt", text_string(alt)));
    }
    // PDF/UA asks every note for an identifier of its own.
    if element.role == StructRole::Note {
        entries.push((
            "ID",
            Object::String(format!("note-{index}").into_bytes(), StringFormat::Literal),
        ));
    }
    let scope = match element.role {
        StructRole::TH => Some(b"Column".as_slice()),
        StructRole::RowHeader => Some(b"Row".as_slice()),
        _ => None,
    };
    if let Some(scope) = scope {
        let attributes = dictionary([
            ("O", Object::Name(b"Table".to_vec())),
            ("Scope", Object::Name(scope.to_vec())),
        ]);
        entries.push(("A", Object::Dictionary(attributes)));
    }
    let k: Vec<Object> = kids
        .into_iter()
        .map(|kid| match kid {
            Kid::Element(child) => Object::Reference(ids[child]),
            Kid::Content { page, mcid } if Some(page) == home => Object::Integer(mcid as i64),
            Kid::Content { page, mcid } => Object::Dictionary(dictionary([
                ("Type", Object::Name(b"MCR".to_vec())),
                ("Pg", Object::Reference(page_ids[page])),
                ("MCID", Object::Integer(mcid as i64)),
            ])),
            Kid::Annotation { page, annotation } => Object::Dictionary(dictionary([
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Pg", Object::Reference(page_ids[page])),
                ("Obj", Object::Reference(annotation)),
            ])),
        })
        .collect();
    // A single kid stands alone, as most readers expect of a heading.
    match <[Object; 1]>::try_from(k) {
        Ok([only]) => entries.push(("K", only)),
        Err(k) => entries.push(("K", Object::Array(k))),
    }
    Object::Dictionary(dictionary(entries))
}

/// A dictionary of exactly these entries, with no room to spare: a long
/// PDF's structure tree is hundreds of thousands of them.
fn dictionary(entries: impl IntoIterator<Item = (&'static str, Object)>) -> Dictionary {
    let entries = entries.into_iter();
    let mut dict = Dictionary::new();
    dict.as_hashmap_mut().reserve_exact(entries.size_hint().0);
    for (key, value) in entries {
        dict.set(key, value);
    }
    dict
}

/// Compresses a page's content stream, one page at a time: a long PDF never
/// holds all its pages uncompressed.
fn compress_content(doc: &mut lopdf::Document, page_id: ObjectId) -> Result<(), Error> {
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(content_id(doc, page_id)?)
        && stream.allows_compression
    {
        stream
            .compress()
            .map_err(|e| Error::new(format!("cannot compress a PDF page: {e}")))?;
    }
    Ok(())
}

/// The XMP metadata PDF/UA asks for: the title, and the PDF/UA part.
/// Written with quick-xml, like every XML clerk makes.
fn xmp_metadata(metadata: &crate::render::pdf::boxes::Metadata) -> Vec<u8> {
    use quick_xml::Writer;
    use quick_xml::events::{BytesEnd, BytesPI, BytesStart, BytesText, Event};
    let mut writer = Writer::new(Vec::new());
    let mut event = |e: Event<'_>| {
        writer.write_event(e).expect("writing XML to memory");
    };
    event(Event::PI(BytesPI::new(
        "xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"",
    )));
    let open = |name: &'static str, attributes: &[(&str, &str)]| {
        Event::Start(BytesStart::new(name).with_attributes(attributes.iter().copied()))
    };
    event(open("x:xmpmeta", &[("xmlns:x", "adobe:ns:meta/")]));
    event(open(
        "rdf:RDF",
        &[("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")],
    ));
    event(open(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:pdfuaid", "http://www.aiim.org/pdfua/ns/id/"),
            ("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/"),
        ],
    ));
    event(open("dc:title", &[]));
    event(open("rdf:Alt", &[]));
    event(open("rdf:li", &[("xml:lang", "x-default")]));
    event(Event::Text(BytesText::new(&metadata.title)));
    event(Event::End(BytesEnd::new("rdf:li")));
    event(Event::End(BytesEnd::new("rdf:Alt")));
    event(Event::End(BytesEnd::new("dc:title")));
    if !metadata.author.is_empty() {
        event(open("dc:creator", &[]));
        event(open("rdf:Seq", &[]));
        event(open("rdf:li", &[]));
        event(Event::Text(BytesText::new(&metadata.author)));
        event(Event::End(BytesEnd::new("rdf:li")));
        event(Event::End(BytesEnd::new("rdf:Seq")));
        event(Event::End(BytesEnd::new("dc:creator")));
    }
    event(open("pdf:Producer", &[]));
    event(Event::Text(BytesText::new(&format!(
        "clerk {} with printpdf",
        env!("CARGO_PKG_VERSION")
    ))));
    event(Event::End(BytesEnd::new("pdf:Producer")));
    if !metadata.keywords.is_empty() {
        event(open("pdf:Keywords", &[]));
        event(Event::Text(BytesText::new(&metadata.keywords)));
        event(Event::End(BytesEnd::new("pdf:Keywords")));
    }
    event(open("pdfuaid:part", &[]));
    event(Event::Text(BytesText::new("1")));
    event(Event::End(BytesEnd::new("pdfuaid:part")));
    event(Event::End(BytesEnd::new("rdf:Description")));
    event(Event::End(BytesEnd::new("rdf:RDF")));
    event(Event::End(BytesEnd::new("x:xmpmeta")));
    event(Event::PI(BytesPI::new("xpacket end=\"w\"")));
    writer.into_inner()
}

/// Sets what printpdf leaves out or leaves to chance.
fn finish(doc: &mut lopdf::Document, laid: &LaidOut, id: String) -> Result<(), Error> {
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| Error::new("the PDF has no catalog"))?;
    let outline = outline(doc, laid, catalog_id);
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| Error::new("the PDF catalog is not a dictionary"))?;
    catalog.set(
        "Lang",
        Object::String(
            laid.metadata.lang.clone().into_bytes(),
            StringFormat::Literal,
        ),
    );
    let mut preferences = Dictionary::new();
    preferences.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(preferences));
    match outline {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
        }
    }
    // The document information: only what is true and asked for.
    let mut info = Dictionary::new();
    let text = |t: &str| Object::String(pdf_text(t), StringFormat::Hexadecimal);
    info.set("Title", text(&laid.metadata.title));
    info.set("Author", text(&laid.metadata.author));
    info.set("Subject", text(&laid.metadata.subject));
    if !laid.metadata.keywords.is_empty() {
        info.set("Keywords", text(&laid.metadata.keywords));
    }
    info.set(
        "Creator",
        text(&format!("clerk {}", env!("CARGO_PKG_VERSION"))),
    );
    info.set(
        "Producer",
        text(&format!(
            "clerk {} with printpdf",
            env!("CARGO_PKG_VERSION")
        )),
    );
    if let Some(date) = &laid.metadata.date {
        let stamp = format!("D:{}000000Z", date.replace('-', ""));
        info.set(
            "CreationDate",
            Object::String(stamp.clone().into_bytes(), StringFormat::Literal),
        );
        info.set(
            "ModDate",
            Object::String(stamp.into_bytes(), StringFormat::Literal),
        );
    }
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Hexadecimal),
            Object::String(id.into_bytes(), StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

/// Builds a nested outline from the bookmarks, replacing printpdf's flat one.
fn outline(doc: &mut lopdf::Document, laid: &LaidOut, _catalog: ObjectId) -> Option<ObjectId> {
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let marks: Vec<(usize, &crate::render::pdf::boxes::Bookmark, ObjectId, f32)> = laid
        .bookmarks
        .iter()
        .filter_map(|b| {
            let place = laid.anchors.get(&b.anchor)?;
            Some((
                usize::from(b.level),
                b,
                *page_ids.get(place.page)?,
                laid.height - place.y + 12.0,
            ))
        })
        .collect();
    if marks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
    // Each bookmark's parent is the nearest earlier bookmark at a lower level.
    let parent_of: Vec<Option<usize>> = (0..marks.len())
        .map(|i| (0..i).rev().find(|&j| marks[j].0 < marks[i].0))
        .collect();
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..marks.len())
            .filter(|&i| parent_of[i] == parent)
            .collect()
    };
    let mut objects: Vec<(ObjectId, Dictionary)> = Vec::new();
    for (i, (_, bookmark, page, top)) in marks.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set(
            "Title",
            Object::String(pdf_text(&bookmark.title), StringFormat::Hexadecimal),
        );
        dict.set(
            "Parent",
            Object::Reference(parent_of[i].map_or(root, |p| ids[p])),
        );
        dict.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(*top),
                Object::Null,
            ]),
        );
        let siblings = children(parent_of[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(next) = siblings.get(at + 1) {
            dict.set("Next", Object::Reference(ids[*next]));
        }
        let kids = children(Some(i));
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[*first]));
            dict.set("Last", Object::Reference(ids[*last]));
            dict.set("Count", Object::Integer(-(kids.len() as i64)));
        }
        objects.push((ids[i], dict));
    }
    let top = children(None);
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    root_dict.set("First", Object::Reference(ids[top[0]]));
    root_dict.set(
        "Last",
        Object::Reference(ids[*top.last().expect("a top bookmark")]),
    );
    root_dict.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(root_dict));
    for (id, dict) in objects {
        doc.objects.insert(id, Object::Dictionary(dict));
    }
    Some(root)
}

/// A text string of the structure (a description, a link's contents): as
/// it is when it is printable ASCII, which PDFDocEncoding shares, and in
/// UTF-16 otherwise. A tagged PDF holds one for every deleted or inserted
/// passage, so the short form keeps it small.
fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        Object::String(pdf_text(text), StringFormat::Hexadecimal)
    }
}

/// Text for PDF strings outside content streams: UTF-16BE with a byte-order mark.
fn pdf_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// A file identifier from the content, not from chance. The pages'
/// description is streamed into the hash, never held whole: for a long
/// PDF it runs to hundreds of megabytes.
fn file_id(laid: &LaidOut) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    {
        use std::fmt::Write as _;
        let mut stream = HashWriter(&mut hasher);
        let _ = write!(stream, "{:?}", laid.pages);
    }
    hasher.write_u8(0xff);
    laid.metadata.title.hash(&mut hasher);
    format!("{:016x}{:016x}", hasher.finish(), laid.pages.len())
}

/// Text written into a hasher as it is formatted.
struct HashWriter<'a, H: Hasher>(&'a mut H);

impl<H: Hasher> std::fmt::Write for HashWriter<'_, H> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}
