//! Status lints: a version's status and dates must agree, so no draft
//! passes as in force and no two versions claim the same days.

use crate::check::{Finding, locate};
use crate::diagnostic::Diagnostic;
use crate::model::{Council, Date, Document, Span, Status, in_force_from, lineage};

/// Where the front-matter key `name` is written in `source`, or the start
/// of the front matter.
fn key_at(source: &str, name: &str) -> Span {
    let end = source.find("\n+++").unwrap_or(source.len().min(3));
    let span = locate(source, Span::new(0, end), &format!("\n{name}"), false);
    // Past the line break the search matched.
    Span::new((span.start + 1).min(span.end), span.end)
}

/// A version approved to come into force on an event still to come, a
/// year or more after its adoption on `today`: is the event still to
/// come? And `commences` on a version that was never adopted.
pub fn awaited(document: &Document, source: &str, today: Option<Date>) -> Vec<Diagnostic> {
    let front = &document.front_matter;
    let Some(event) = &front.commences else {
        return Vec::new();
    };
    if front.status != Status::Adopted {
        return vec![
            Diagnostic::note(
                "commencement",
                format!(
                    "`commences` says when this version comes into force, but its status is {}",
                    front.status
                ),
            )
            .with_span(key_at(source, "commences"))
            .with_help("`commences` is for a version adopted to come into force on an event: set `status = \"adopted\"` once it is, or remove it"),
        ];
    }
    let (Some(adopted), Some(today), None) = (front.adopted, today, front.effective) else {
        return Vec::new();
    };
    let a_year_on = Date::new(adopted.year + 1, adopted.month, adopted.day)
        .or_else(|| Date::new(adopted.year + 1, adopted.month, 28))
        .unwrap_or(adopted);
    if today < a_year_on {
        return Vec::new();
    }
    vec![
        Diagnostic::note(
            "commencement",
            format!(
                "adopted on {} to come into force {}, and still awaiting it a year or more on",
                adopted.long_form(),
                event.trim().trim_end_matches('.')
            ),
        )
        .with_span(key_at(source, "commences"))
        .with_help("if the event has happened, add `effective = YYYY-MM-DD`, the day it came into force; until then the version is listed as approved and not yet in force"),
    ]
}

pub fn check(council: &Council, document: &Document, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let front = &document.front_matter;
    let key = |name: &str| {
        let end = source.find("\n+++").unwrap_or(source.len().min(3));
        locate(source, Span::new(0, end), &format!("\n{name}"), false)
    };
    let at = |name: &str| {
        let span = key(name);
        // Past the line break the search matched.
        Span::new((span.start + 1).min(span.end), span.end)
    };
    if front.status == Status::Adopted && front.adopted.is_none() && front.effective.is_none() {
        out.push(
            Diagnostic::warning(
                "status",
                "the status is adopted, but no `adopted` or `effective` date says since when",
            )
            .with_span(at("status"))
            .with_help("add `adopted = YYYY-MM-DD` (and `effective` if it came into force later), so readers know which text was in force when"),
        );
    }
    if let (Some(adopted), Some(effective)) = (front.adopted, front.effective)
        && effective < adopted
    {
        out.push(
            Diagnostic::warning(
                "status",
                format!(
                    "the effective date ({}) is before the adoption date ({})",
                    effective.long_form(),
                    adopted.long_form()
                ),
            )
            .with_span(at("effective"))
            .with_help(
                "a version comes into force on or after the day it is adopted: check both dates",
            ),
        );
    }
    if front.status != Status::Adopted && (front.adopted.is_some() || front.effective.is_some()) {
        out.push(
            Diagnostic::warning(
                "status",
                format!(
                    "the status is {}, but the front matter gives an adoption or effective date",
                    front.status
                ),
            )
            .with_span(at("status"))
            .with_help("set `status = \"adopted\"` if it was adopted, or remove the date"),
        );
    }
    // Two adopted versions of one document in force from the same day.
    if front.status == Status::Adopted {
        let versions = lineage(council, &document.id);
        let here = versions
            .iter()
            .position(|id| *id == document.id)
            .unwrap_or(0);
        let same_day = versions[..here]
            .iter()
            .filter_map(|id| council.document(id))
            .find(|older| {
                older.front_matter.status == Status::Adopted
                    && !crate::model::awaits_commencement(older)
                    && !crate::model::awaits_commencement(document)
                    && in_force_from(older) == in_force_from(document)
            });
        if let Some(older) = same_day {
            let when = in_force_from(document).map_or("with no date".to_string(), |d| {
                format!("from {}", d.long_form())
            });
            out.push(
                Diagnostic::warning(
                    "status",
                    format!(
                        "`{}` and `{}` are both adopted and in force {when}: which text applied is unclear",
                        older.id, document.id
                    ),
                )
                .with_span(at("status"))
                .with_help(format!(
                    "give each its `effective` date, or mark `{}` as `status = \"superseded\"`",
                    older.id
                )),
            );
        }
    }
    out
}

/// A Part that lists a draft or a proposal offers it as in force.
pub fn listed_drafts(council: &Council) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for part in &council.parts {
        for id in &part.documents {
            let listed_at = crate::check::listing(id, &mut seen);
            let Some(document) = council.document(id) else {
                continue;
            };
            let status = document.front_matter.status;
            if matches!(status, Status::Draft | Status::Proposed) {
                out.push(Finding {
                    near: listed_at.clone(),
                    document: None,
                    diagnostic: Diagnostic::warning(
                        "status",
                        format!(
                            "the part \"{}\" lists `{id}`, a {status} version: a Part lists the version in force",
                            part.title
                        ),
                    )
                    .with_help("list the version in force (clerk shows a draft apart, marked not in force), or adopt this one"),
                });
            }
        }
    }
    out
}
