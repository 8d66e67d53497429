//! The PDF writer: laid-out pages to bytes with printpdf, then lopdf for
//! what printpdf does not set (document language, DisplayDocTitle, a nested
//! outline, a deterministic file identifier, no unrequested dates).
//!
//! Everything printpdf would otherwise name at random (font resources, the
//! file identifier) is named from the content, so the same layout always
//! gives the same bytes.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, Destination, FontId, Line, LineCapStyle, LinePoint,
    LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::Error;
use crate::fonts::{FontStyle, drawable};
use crate::render::pdf::boxes::{Colour, LaidOut, Link};

/// Writes a laid-out document as PDF bytes.
pub fn write_pdf(mut laid: LaidOut) -> Result<Vec<u8>, Error> {
    if let Some(limit) = laid.overflowed {
        return Err(Error::too_large(format!(
            "\"{}\" would run to more than {limit} pages",
            laid.metadata.title,
        )));
    }
    let mut pdf = PdfDocument::new(&laid.metadata.title);

    let mut fonts = BTreeMap::new();
    let id = file_id(&laid);
    for style in used_styles(&laid) {
        let parsed = parsed_font(style)?;
        // Six capital letters: PDF readers take this as the subset tag.
        let id = FontId(["CLKREG", "CLKBLD", "CLKITA", "CLKBIT"][style as usize].to_string());
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(style, id);
    }

    let pages: Vec<PdfPage> = laid
        .pages
        .iter()
        .map(|page| page_ops(page, &laid, &fonts))
        .collect();
    // Each stage lets go of the one before: a long PDF is large at every stage.
    laid.pages = Vec::new();
    pdf.with_pages(pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&options, &mut warnings);
    drop(pdf);
    finish(&mut doc, &laid, id)?;
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))?;
    Ok(bytes)
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

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.r,
        g: c.g,
        b: c.b,
        icc_profile: None,
    })
}

fn page_ops(
    page: &crate::render::pdf::boxes::Page,
    laid: &LaidOut,
    fonts: &BTreeMap<FontStyle, FontId>,
) -> PdfPage {
    let height = laid.height;
    let mut ops = Vec::new();
    // One text section per page; the font and colour are set only when
    // they change, which keeps long PDFs small in memory and on disk.
    if !page.runs.is_empty() {
        ops.push(Op::StartTextSection);
    }
    let mut font_now: Option<(FontStyle, f32)> = None;
    let mut colour_now: Option<Colour> = None;
    for run in &page.runs {
        let Some(font) = fonts.get(&run.style) else {
            continue;
        };
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
            items: vec![TextItem::Text(run.text.chars().map(drawable).collect())],
        });
    }
    if !page.runs.is_empty() {
        ops.push(Op::EndTextSection);
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
    for area in &page.links {
        let actions = match &area.link {
            Link::Uri(uri) => Actions::Uri(uri.clone()),
            Link::Anchor(name) => match laid.anchors.get(name) {
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
        ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                rect,
                actions,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                None,
                None,
            ),
        });
    }
    PdfPage::new(
        Mm(laid.width * 25.4 / 72.0),
        Mm(laid.height * 25.4 / 72.0),
        ops,
    )
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
