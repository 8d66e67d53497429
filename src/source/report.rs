//! A committee report's source text to its model.

use crate::diagnostic::Diagnostic;
use crate::model::report::{REPORT_KEYS, Report, ReportFrontMatter};
use crate::source::front_matter::{shift_span, split, toml_error, too_long};
use crate::source::markdown::parse_blocks;

/// Parses a report from its source text.
pub fn parse_report(id: &str, source: &str) -> Result<Report, Diagnostic> {
    let split = split(source)?;
    let mut front: ReportFrontMatter =
        toml::from_str(split.toml).map_err(|e| toml_error(e, split.toml_offset, REPORT_KEYS))?;
    for appendix in &mut front.appendices {
        let fields = [
            &mut appendix.document,
            &mut appendix.existing,
            &mut appendix.revised,
        ];
        for value in fields.into_iter().flatten() {
            shift_span(value, split.toml_offset);
        }
    }
    let fields = [
        ("title", front.title.as_str()),
        ("meeting", &front.meeting),
        ("report_by", &front.report_by),
        ("author", &front.author),
    ];
    if let Some(d) = too_long(&fields, split.toml, split.toml_offset) {
        return Err(d);
    }
    Ok(Report {
        id: id.to_string(),
        front_matter: front,
        body: parse_blocks(split.body, split.body_offset),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::AppendixKind;
    use crate::model::span_of;

    const REPORT: &str = "+++\ncouncil = \"c\"\ntitle = \"T\"\nclassification = \"Open\"\nmeeting = \"Standards Committee\"\nmeeting_date = 2023-03-14\nreport_by = \"The Monitoring Officer\"\ndecision_type = \"Council\"\nwards = \"All\"\nauthor = \"A\"\n\n[[appendices]]\ntitle = \"Existing\"\nkind = \"document\"\ndocument = \"old\"\n+++\n# Executive summary\n\nText.\n";

    #[test]
    fn parses_cover_appendices_and_body() {
        let report = parse_report("r", REPORT).unwrap();
        assert_eq!(
            report.front_matter.meeting_date.long_form(),
            "14 March 2023"
        );
        assert_eq!(
            report.front_matter.appendices[0].kind,
            AppendixKind::Document
        );
        let span = span_of(report.front_matter.appendices[0].document.as_ref().unwrap());
        assert_eq!(&REPORT[span.range()], "\"old\"");
        assert_eq!(report.body.len(), 2);
    }

    #[test]
    fn unknown_appendix_kind_is_an_error() {
        let source = REPORT.replace("kind = \"document\"", "kind = \"attachment\"");
        let error = parse_report("r", &source).unwrap_err();
        assert!(error.message.contains("attachment"), "{}", error.message);
    }
}
