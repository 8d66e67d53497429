//! The diff engine on two arbitrary documents: accepting every change gives
//! the new text and rejecting every change the old.
#![no_main]

use clerk::diff::units::units;
use clerk::diff::{DiffOptions, diff};
use clerk::source::parse_document;
use libfuzzer_sys::fuzz_target;

const FRONT: &str =
    "+++\ncouncil = \"c\"\ntitle = \"t\"\nversion = \"1\"\nstatus = \"draft\"\n+++\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\u{0}').unwrap_or((text, ""));
    let (Ok(old), Ok(new)) = (
        parse_document("a", &format!("{FRONT}{a}")),
        parse_document("b", &format!("{FRONT}{b}")),
    ) else {
        return;
    };
    let changes = diff(&old.document, &new.document, &DiffOptions::default());
    let texts =
        |d: &clerk::model::Document| units(d).into_iter().map(|u| u.text).collect::<Vec<_>>();
    assert_eq!(changes.accept_all(), texts(&new.document));
    assert_eq!(changes.reject_all(), texts(&old.document));
});
