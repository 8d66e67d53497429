//! A long PDF written object by object with pdf-writer: the structure
//! tree's elements are written as they are made and dropped at once, and
//! the rest of the document is let go of as it is written. lopdf would hold
//! every element (about a kilobyte each in memory, against some fifty bytes
//! written) until the whole file is saved.
//!
//! The objects and their numbers are those lopdf would write; only the
//! spelling differs (pdf-writer's spacing, its binary marker), and there
//! are no object streams.

use lopdf::{Dictionary, Object, ObjectId};
use pdf_writer::{Name, Null, Obj, Pdf, Ref, Settings, Str};

/// Writes `elements` as they come, then every object of `doc`, then the
/// cross-reference table and trailer of `doc`.
pub fn write(
    mut doc: lopdf::Document,
    elements: impl Iterator<Item = (ObjectId, Object)>,
    capacity: usize,
) -> Vec<u8> {
    let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, capacity);
    for (id, element) in elements {
        write_indirect(&mut pdf, id, &element);
    }
    let trailer_ref = |key: &[u8]| doc.trailer.get(key).and_then(Object::as_reference).ok();
    let catalog = trailer_ref(b"Root");
    let info = trailer_ref(b"Info");
    if let Ok(Object::Array(id)) = doc.trailer.get(b"ID")
        && let [Object::String(first, _), Object::String(second, _)] = id.as_slice()
    {
        pdf.set_file_id((first.clone(), second.clone()));
    }
    // Each object is dropped as soon as it is written.
    for (id, object) in std::mem::take(&mut doc.objects) {
        match &object {
            // The catalog and the document information are registered with
            // the trailer as they are written; pdf-writer names the
            // catalog's type itself.
            Object::Dictionary(dict) if Some(id) == catalog => {
                let mut writer = pdf.catalog(reference(id));
                write_entries(&mut writer, dict, &[b"Type"]);
            }
            Object::Dictionary(dict) if Some(id) == info => {
                let mut writer = pdf.document_info(reference(id));
                write_entries(&mut writer, dict, &[]);
            }
            _ => write_indirect(&mut pdf, id, &object),
        }
    }
    pdf.finish()
}

/// PDF integers, object numbers among them, are 32-bit (ISO 32000-1,
/// annex C); clerk's are counts, numbers of objects and glyph widths, far
/// inside that range.
fn reference((number, _): ObjectId) -> Ref {
    Ref::new(i32::try_from(number).unwrap_or(i32::MAX))
}

fn write_indirect(pdf: &mut Pdf, id: ObjectId, object: &Object) {
    match object {
        Object::Stream(stream) => {
            let mut writer = pdf.stream(reference(id), &stream.content);
            // pdf-writer writes the length from the content.
            write_entries(&mut writer, &stream.dict, &[b"Length"]);
        }
        other => write_value(pdf.indirect(reference(id)), other),
    }
}

/// A dictionary's entries but those `left_out`, in their order.
fn write_entries(writer: &mut pdf_writer::Dict<'_>, dict: &Dictionary, left_out: &[&[u8]]) {
    for (key, value) in dict.iter() {
        if !left_out.contains(&key.as_slice()) {
            write_value(writer.insert(Name(key)), value);
        }
    }
}

fn write_value(obj: Obj<'_>, value: &Object) {
    match value {
        Object::Null => obj.primitive(Null),
        Object::Boolean(value) => obj.primitive(*value),
        Object::Integer(value) => obj.primitive(i32::try_from(*value).unwrap_or(i32::MAX)),
        Object::Real(value) => obj.primitive(*value),
        Object::Name(name) => obj.primitive(Name(name)),
        Object::String(bytes, _) => obj.primitive(Str(bytes)),
        Object::Reference(id) => obj.primitive(reference(*id)),
        Object::Array(items) => {
            let mut array = obj.array();
            for item in items {
                write_value(array.push(), item);
            }
        }
        Object::Dictionary(dict) => write_entries(&mut obj.dict(), dict, &[]),
        // A stream is always an indirect object; lopdf never nests one.
        Object::Stream(stream) => write_entries(&mut obj.dict(), &stream.dict, &[b"Length"]),
    }
}
