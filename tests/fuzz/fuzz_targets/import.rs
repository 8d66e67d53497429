//! The importer on arbitrary text: its Markdown always parses, and keeps
//! the words.
#![no_main]

use clerk::import::import_text;
use clerk::source::parse_document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let imported = import_text(&text, "council");
    if let Err(d) = parse_document("doc", &imported.markdown) {
        panic!(
            "imported Markdown does not parse: {d:?}\n{}",
            imported.markdown
        );
    }
});
