//! Checks of a committee report against its council.

use toml::Spanned;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::diff::sets::ChangeSets;
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Document, Span, span_of};

/// The pairs of documents whose change sets [`check_report`] reads: those
/// of comparison appendices that give a reason for each change.
pub fn pairs_checked<'a>(
    report: &Report,
    council: &'a Council,
) -> Vec<(&'a Document, &'a Document)> {
    report
        .front_matter
        .appendices
        .iter()
        .filter(|a| a.kind == AppendixKind::Comparison && a.reasons)
        .filter_map(|a| {
            Some((
                council.document(a.existing.as_ref()?.get_ref())?,
                council.document(a.revised.as_ref()?.get_ref())?,
            ))
        })
        .collect()
}

/// Checks a report's appendices against its council: every document named
/// exists, each appendix has the fields its kind needs, and the revised
/// version supersedes the existing one.
/// `changes` holds the change sets of the pairs it compares
/// ([`Report::compared`]), computed once for the check and the build.
pub fn check_report(report: &Report, council: &Council, changes: &ChangeSets) -> Vec<Diagnostic> {
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
    out.extend(skeleton_left(report));
    for (n, appendix) in report.front_matter.appendices.iter().enumerate() {
        let name = format!("appendix {} (\"{}\")", n + 1, appendix.title);
        let needs: &[(&str, &Option<Spanned<String>>)] = match appendix.kind {
            AppendixKind::Document | AppendixKind::Variations => {
                &[("document", &appendix.document)]
            }
            AppendixKind::TrackedChanges | AppendixKind::Comparison | AppendixKind::Tables => &[
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
            if appendix.kind == AppendixKind::Comparison
                && appendix.reasons
                && let Some(old) = council.document(existing.get_ref())
            {
                out.extend(missing_reasons(old, new, changes, &name, span_of(revised)));
            }
        }
    }
    out
}

/// Text left from `clerk new report`: the placeholder author and the
/// prompts of each section. A report is not published until they are
/// replaced.
fn skeleton_left(report: &Report) -> Vec<Diagnostic> {
    use crate::model::raw::RawBlock;
    use crate::source::scaffold::{AUTHOR_PROMPT, ITEM_PROMPT, SECTIONS};
    let mut out = Vec::new();
    if report.front_matter.item_number.as_deref() == Some(ITEM_PROMPT) {
        out.push(
            Diagnostic::error(
                "placeholder",
                format!("the item number is still the skeleton's \"{ITEM_PROMPT}\""),
            )
            .with_help("set `item_number` to the report's item on the agenda, such as \"7\", or delete the line"),
        );
    }
    if report.front_matter.author == AUTHOR_PROMPT {
        out.push(
            Diagnostic::error(
                "placeholder",
                format!("the author is still the skeleton's \"{AUTHOR_PROMPT}\""),
            )
            .with_help(
                "set `author` to the report's author, such as \"Jane Smith, Monitoring Officer\"",
            ),
        );
    }
    for block in &report.body {
        if let RawBlock::Paragraph { content, span } = block {
            let text = crate::model::plain_text(content);
            let prompt = SECTIONS
                .iter()
                .find(|(_, prompt, replace)| *replace && *prompt == text.trim());
            if let Some((heading, ..)) = prompt {
                out.push(
                    Diagnostic::error(
                        "placeholder",
                        format!("the section \"{heading}\" still holds the skeleton's prompt"),
                    )
                    .with_span(*span)
                    .with_help("write the section, or delete the prompt and the heading if the report does not need it"),
                );
            }
        }
    }
    out
}

/// A comparison that gives the reason for each change must have one for
/// every substantive change, from the revised version's `[reasons]`.
fn missing_reasons(
    old: &Document,
    new: &Document,
    changes: &ChangeSets,
    name: &str,
    at: Span,
) -> Vec<Diagnostic> {
    let computed;
    let changes = match changes.get(&old.id, &new.id) {
        Some(changes) => changes,
        None => {
            computed = crate::diff::diff(old, new, &crate::diff::DiffOptions::default());
            &computed
        }
    };
    let missing: Vec<String> = changes
        .units
        .iter()
        .filter(|u| u.is_substantive())
        .filter(|u| crate::diff::lines::reason(u, &new.front_matter.reasons).is_none())
        // A rename made throughout is its own reason.
        .filter(|u| changes.renamed_only(u).is_empty())
        .map(|u| match u.label() {
            Some(label) => label.trim_end_matches('.').to_string(),
            None => "an unnumbered paragraph".to_string(),
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let numbered: Vec<&String> = missing.iter().filter(|m| !m.contains(' ')).collect();
    let example = numbered
        .first()
        .map_or("12.16".to_string(), |n| n.to_string());
    vec![
        Diagnostic::warning(
            "missing-reason",
            format!(
                "{name} gives a reason for each change, but {} has none for {} substantive change{}: {}",
                new.id,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        )
        .with_span(at)
        .with_help(format!(
            "add a `[reasons]` table to the front matter of {}.md, such as `\"{example}\" = \"why it changes\"`",
            new.id
        )),
    ]
}

/// The span of a report's front matter, for diagnostics without a better place.
pub fn front_matter_span() -> Span {
    Span::new(0, 3)
}
