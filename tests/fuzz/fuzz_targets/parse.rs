//! Front matter and body parsing, then every lint, on arbitrary text.
#![no_main]

use clerk::check::{Sources, check_council};
use clerk::model::{Branding, Council};
use clerk::source::parse_document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Either an error with a place inside the text, or a document.
    match parse_document("doc", text) {
        Err(d) => {
            if let Some(span) = d.span {
                assert!(
                    span.start <= span.end && span.end <= text.len() + 1,
                    "{span:?}"
                );
            }
        }
        Ok(parsed) => {
            let council = Council {
                id: "c".into(),
                name: "c".into(),
                short_name: "c".into(),
                parts: vec![],
                branding: Branding::default(),
                documents: vec![parsed.document],
                reports: vec![],
                as_at: None,
                retired_terms: Vec::new(),
                successors: Default::default(),
            };
            let sources: Sources<'_> = [("doc", text)].into();
            let report = check_council(&council, &sources);
            for finding in report.findings {
                if let Some(span) = finding.diagnostic.span {
                    assert!(span.end <= text.len(), "{span:?} past the end");
                }
            }
            let _ = clerk::site::render_in_memory(
                &[council],
                &Default::default(),
                clerk::site::plan::Formats::PUBLISHED,
                &Default::default(),
            );
        }
    }
});
