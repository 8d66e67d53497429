//! Source text to model: front matter, Markdown body, council settings.
//!
//! Everything here parses from strings; [`load`] is the only part that reads
//! from disk.

pub mod body;
pub mod council;
pub mod fix;
pub mod format;
pub mod front_matter;
pub mod label;
pub mod load;
pub mod markdown;
pub mod renumber;
pub mod report;
pub mod revise;
pub mod scaffold;
pub mod templates;

use crate::diagnostic::Diagnostic;
use crate::model::Document;

/// A document parsed from source, with what the parser noticed on the way.
#[derive(Debug)]
pub struct ParsedDocument {
    pub document: Document,
    pub findings: Vec<Diagnostic>,
}

/// Parses a protocol document from its source text. `id` is its file stem.
///
/// Fails only when the front matter is missing or invalid; any Markdown body
/// parses, and oddities in it come back as findings.
pub fn parse_document(id: &str, source: &str) -> Result<ParsedDocument, Diagnostic> {
    let split = front_matter::split(source)?;
    let front_matter = front_matter::parse(&split)?;
    let body = body::parse_body(source, split.body_offset);
    Ok(ParsedDocument {
        document: Document {
            id: id.to_string(),
            text_digest: Default::default(),
            front_matter,
            preamble: body.preamble,
            sections: body.sections,
        },
        findings: body.findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "+++\ncouncil = \"bury\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n# 1. Scope\n\n1.1 Text.\n";

    #[test]
    fn a_tab_after_a_heading_is_not_part_of_its_title() {
        for heading in ["# 1. Scope\t", "# 1. Scope #\t", "#   1. Scope  ##  \t"] {
            let source = MINIMAL.replace("# 1. Scope", heading);
            let parsed = parse_document("protocol", &source).unwrap();
            assert_eq!(
                crate::model::plain_text(&parsed.document.sections[0].title),
                "Scope",
                "{heading:?}"
            );
        }
    }

    #[test]
    fn parses_a_minimal_document() {
        let parsed = parse_document("protocol", MINIMAL).unwrap();
        assert_eq!(parsed.document.front_matter.lang, "en-GB");
        assert_eq!(parsed.document.clauses().count(), 1);
        assert!(parsed.findings.is_empty());
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let source = MINIMAL.replace("title =", "titel =");
        let error = parse_document("p", &source).unwrap_err();
        assert_eq!(error.message, "unknown key `titel`");
        assert!(
            error
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `title`?")
        );
        let span = error.span.unwrap();
        assert_eq!(&source[span.range()], "titel");
    }

    // Text digests (model::identity) are made of the parsed document.
    fn digest_of(source: &str) -> String {
        parse_document("p", source)
            .unwrap()
            .document
            .text_digest()
            .to_string()
    }

    const DIGESTED: &str = "+++\ncouncil = \"c\"\ntitle = \"Protocol\"\nversion = \"1\"\nstatus = \"adopted\"\n+++\n# 1. Scope\n\n1.1 Text with *emphasis*.\n\n1.2 More.\n";

    #[test]
    fn the_text_digest_ignores_layout_and_adoption_records_but_not_words() {
        let digest = digest_of(DIGESTED);
        assert_eq!(
            digest,
            crate::model::identity::text_digest(&parse_document("p", DIGESTED).unwrap().document)
        );
        // Layout alone: Windows line endings, blank lines, spacing.
        assert_eq!(digest, digest_of(&DIGESTED.replace('\n', "\r\n")));
        assert_eq!(
            digest,
            digest_of(&DIGESTED.replace("\n\n1.2", "\n\n\n\n1.2"))
        );
        // What records the adoption.
        let adopted = DIGESTED.replace(
            "status = \"adopted\"\n",
            "status = \"adopted\"\nadopted = 2024-01-01\nreviewed = 2024-02-01\n[approved_by]\nbody = \"Council\"\n",
        );
        assert_eq!(digest, digest_of(&adopted));
        // What a reader reads.
        for changed in [
            DIGESTED.replace("More.", "More!"),
            DIGESTED.replace("*emphasis*", "emphasis"),
            DIGESTED.replace("1.2 More", "1.3 More"),
            DIGESTED.replace("Protocol", "Protocols"),
            DIGESTED.replace("version", "part = \"5\"\nversion"),
            DIGESTED.replace("# 1. Scope", "# 1. Purpose"),
        ] {
            assert_ne!(digest, digest_of(&changed), "{changed}");
        }
    }
}
