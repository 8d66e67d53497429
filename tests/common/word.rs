//! Reads a Word file's tracked changes back, as Word's Accept All and
//! Reject All would leave the text.

use std::io::Read;

use clerk::diff::units::{UnitKind, units};
use clerk::model::Document;
use quick_xml::Reader;
use quick_xml::events::Event;

/// Whether text, or a paragraph mark, is in a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Kept,
    Inserted,
    Deleted,
}

/// A paragraph of `word/document.xml`: its runs and its mark.
#[derive(Debug, Clone)]
pub struct WordParagraph {
    pub runs: Vec<(String, State)>,
    pub mark: State,
}

/// One part of the package, as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the package"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The paragraphs of the document body, with the revision of every run
/// and mark. Panics on deleted text outside `w:delText` or inserted text
/// in it, which Word would not show as the revision says.
pub fn paragraphs(docx: &[u8]) -> Vec<WordParagraph> {
    let xml = part(docx, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut current: Option<WordParagraph> = None;
    let mut revisions: Vec<State> = Vec::new();
    let mut in_properties = false;
    // A row inserted or deleted whole takes its paragraphs with it.
    let mut in_row_properties = false;
    let mut row = State::Kept;
    let mut text_element: Option<String> = None;
    let state_of = |name: &[u8]| match name {
        b"w:ins" | b"w:moveTo" => Some(State::Inserted),
        b"w:del" | b"w:moveFrom" => Some(State::Deleted),
        _ => None,
    };
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let state = revisions.last().copied().unwrap_or(State::Kept);
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => {
                    current = Some(WordParagraph {
                        runs: Vec::new(),
                        mark: State::Kept,
                    })
                }
                b"w:pPr" => in_properties = true,
                b"w:trPr" => in_row_properties = true,
                b"w:t" | b"w:delText" => {
                    text_element = Some(String::from_utf8(e.name().as_ref().to_vec()).unwrap())
                }
                name => {
                    if let Some(s) = state_of(name) {
                        revisions.push(s);
                    }
                }
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" if !in_properties => {
                    if let Some(p) = &mut current {
                        p.runs.push(("\t".into(), state));
                    }
                }
                name => {
                    if in_row_properties && let Some(s) = state_of(name) {
                        row = s;
                    }
                    if in_properties && let (Some(s), Some(p)) = (state_of(name), &mut current) {
                        p.mark = s;
                    }
                }
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => out.extend(current.take().map(|mut p| {
                    if row != State::Kept {
                        p.mark = row;
                    }
                    p
                })),
                b"w:pPr" => in_properties = false,
                b"w:trPr" => in_row_properties = false,
                b"w:tr" => row = State::Kept,
                b"w:t" | b"w:delText" => text_element = None,
                name => {
                    if state_of(name).is_some() {
                        revisions.pop();
                    }
                }
            },
            Event::Text(t) => {
                if let (Some(element), Some(p)) = (&text_element, &mut current) {
                    let deleted_text = element == "w:delText";
                    assert_eq!(
                        deleted_text,
                        state == State::Deleted,
                        "{element} in a {state:?} run"
                    );
                    p.runs.push((t.decode().unwrap().into_owned(), state));
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(_), Some(p)) = (&text_element, &mut current) {
                    let name = r.decode().unwrap();
                    let c = match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("entity {other}"),
                    };
                    p.runs.push((c.into(), state));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the body ends with an empty paragraph in both versions.
pub fn ends_in_empty_paragraph(docx: &[u8]) -> bool {
    paragraphs(docx)
        .last()
        .is_some_and(|p| p.runs.is_empty() && p.mark == State::Kept)
}

/// The text of every paragraph once every revision is accepted (`accept`)
/// or rejected: text of the other side dropped, and a paragraph whose mark
/// is dropped joined to the next.
pub fn resolved(docx: &[u8], accept: bool) -> Vec<String> {
    let gone = if accept {
        State::Deleted
    } else {
        State::Inserted
    };
    let mut out = Vec::new();
    let mut line = String::new();
    for paragraph in paragraphs(docx) {
        for (text, state) in &paragraph.runs {
            if *state != gone {
                line.push_str(text);
            }
        }
        if paragraph.mark != gone {
            out.push(std::mem::take(&mut line));
        }
    }
    // Word ends a document with a paragraph: an empty one in both versions
    // (after a last table, or after rows revised to the end) is text of
    // neither version.
    if ends_in_empty_paragraph(docx) && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    assert!(
        line.is_empty(),
        "text after the last paragraph mark: {line}"
    );
    out
}

/// The paragraphs a version has in a Word file of clerk's: its title, then
/// each unit's lines, a number before the first (a tab after a clause's,
/// a space after a heading's).
pub fn version_paragraphs(document: &Document) -> Vec<String> {
    let mut out = vec![document.front_matter.title.clone()];
    for unit in units(document) {
        let mut lines: Vec<String> = unit.text.split('\n').map(str::to_string).collect();
        if let Some(label) = &unit.label {
            let separator = if unit.kind == UnitKind::Heading {
                " "
            } else {
                "\t"
            };
            lines[0] = format!("{label}{separator}{}", lines[0]);
        }
        // A table's row is a row of a Word table: a paragraph per cell.
        for (line, shape) in lines.iter().zip(
            unit.lines
                .iter()
                .chain(std::iter::repeat(&Default::default())),
        ) {
            match shape.row {
                true => out.extend(line.split(" | ").map(str::to_string)),
                false => out.push(line.clone()),
            }
        }
    }
    out
}

/// Bury's committee report as a Word file, with the two protocol versions
/// its tracked-changes appendix compares (existing, revised).
pub fn bury_report() -> (Vec<u8>, Document, Document) {
    use clerk::diff::sets::ChangeSets;
    use clerk::render::present::report::{compared, prepare};
    use clerk::source::load::{Target, load};
    let project = load(&Target::Council("protocols/bury".into())).unwrap();
    let council = &project.councils[0];
    let report = &council.reports[0];
    let changes = ChangeSets::compute(&compared(report, council));
    let prepared = prepare(report, council, &project.councils, &changes).unwrap();
    let docx = clerk::render::docx::report_docx(report, &prepared, council).unwrap();
    let document = |id: &str| council.document(id).unwrap().clone();
    (
        docx,
        document("member-officer-relations-2020"),
        document("member-officer-relations-2023"),
    )
}

/// The paragraphs a Word file of the changes from `old` to `new` has once
/// every revision is accepted, and once every revision is rejected: each
/// version's title, the front-matter fields the revision changes with that
/// version's value ("Status: proposed"), then the version's units.
pub fn expected(old: &Document, new: &Document) -> (Vec<String>, Vec<String>) {
    let changes = clerk::diff::diff(old, new, &clerk::diff::DiffOptions::default());
    let side = |document: &Document, new_side: bool| {
        let mut out = version_paragraphs(document);
        let details = changes
            .front_matter
            .iter()
            .filter(|f| f.field != "title")
            .filter_map(|f| {
                let value = if new_side {
                    f.new.as_ref()
                } else {
                    f.old.as_ref()
                }?;
                let shown = clerk::model::Date::from_iso(value)
                    .map_or_else(|| value.clone(), |d| d.long_form());
                Some(format!(
                    "{}: {shown}",
                    clerk::render::docx::revisions::field_name(&f.field)
                ))
            });
        let rest = out.split_off(1);
        out.extend(details);
        out.extend(rest);
        out
    };
    (side(new, true), side(old, false))
}
