//! Checks of a committee report against its council.

use toml::Spanned;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Span, span_of};

/// Checks a report's appendices against its council: every document named
/// exists, each appendix has the fields its kind needs, and the revised
/// version supersedes the existing one.
pub fn check_report(report: &Report, council: &Council) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if report.front_matter.council != council.id {
        out.push(
            Diagnostic::error(
                "report",
                format!(
                    "the report says council `{}` but is in `{}`",
                    report.front_matter.council, council.id
                ),
            )
            .with_help(format!("set `council = \"{}\"`", council.id)),
        );
    }
    for (n, appendix) in report.front_matter.appendices.iter().enumerate() {
        let name = format!("appendix {} (\"{}\")", n + 1, appendix.title);
        let needs: &[(&str, &Option<Spanned<String>>)] = match appendix.kind {
            AppendixKind::Document => &[("document", &appendix.document)],
            AppendixKind::TrackedChanges | AppendixKind::Comparison => &[
                ("existing", &appendix.existing),
                ("revised", &appendix.revised),
            ],
        };
        for (field, value) in needs {
            match value {
                None => out.push(
                    Diagnostic::error("report", format!("{name} needs `{field}`"))
                        .with_help(format!("add `{field} = \"<document id>\"` to the appendix")),
                ),
                Some(id) if council.document(id.get_ref()).is_none() => {
                    let ids = council.documents.iter().map(|d| d.id.as_str());
                    let hint = match did_you_mean(id.get_ref(), ids) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "documents of `{}` are named by their file names without `.md`",
                            council.id
                        ),
                    };
                    out.push(
                        Diagnostic::error(
                            "report",
                            format!(
                                "{name} names `{}`, which is not a document of `{}`",
                                id.get_ref(),
                                council.id
                            ),
                        )
                        .with_span(span_of(id))
                        .with_help(hint),
                    );
                }
                Some(_) => {}
            }
        }
        if let (Some(existing), Some(revised)) = (&appendix.existing, &appendix.revised)
            && let Some(new) = council.document(revised.get_ref())
            && council.document(existing.get_ref()).is_some()
        {
            let supersedes = new
                .front_matter
                .supersedes
                .as_ref()
                .map(|s| s.get_ref().as_str());
            if supersedes != Some(existing.get_ref().as_str()) {
                out.push(
                    Diagnostic::error(
                        "report",
                        format!(
                            "{name}: `{}` does not supersede `{}` (its `supersedes` is {})",
                            revised.get_ref(),
                            existing.get_ref(),
                            supersedes.map_or("not set".to_string(), |s| format!("`{s}`"))
                        ),
                    )
                    .with_span(span_of(revised))
                    .with_help(format!(
                        "set `supersedes = \"{}\"` in {}.md, or name the version it revises",
                        existing.get_ref(),
                        revised.get_ref()
                    )),
                );
            }
        }
    }
    out
}

/// The span of a report's front matter, for diagnostics without a better place.
pub fn front_matter_span() -> Span {
    Span::new(0, 3)
}
