//! A committee report prepared for rendering: the cover table, the
//! paragraph numbering, the change sets its appendices show and the pairs
//! it compares side by side. Each format renders it in its own folder.

use crate::Error;
use crate::diff::ChangeSet;
use crate::diff::sets::ChangeSets;
use crate::diff::variations::Schedule;
use crate::model::adoption::model_of;
use crate::model::report::{AppendixKind, Report};
use crate::model::{Council, Document, Inline};

/// The cover sheet rows, in the order a UK committee report prints them,
/// and last, for a report that proposes text, the identifier of the
/// edition it proposes, so the minutes fix the text approved.
pub fn cover(report: &Report, council: &Council) -> Vec<(&'static str, String)> {
    let f = &report.front_matter;
    let mut rows = vec![
        ("Classification", f.classification.clone()),
        ("Item No.", f.item_number.clone().unwrap_or_default()),
        ("Meeting", f.meeting.clone()),
        ("Meeting date", f.meeting_date.long_form()),
        ("Title of report", f.title.clone()),
        ("Report by", f.report_by.clone()),
        ("Decision type", f.decision_type.clone()),
        ("Ward(s) to which report relates", f.wards.clone()),
        (
            "Report author and contact details",
            match &f.contact {
                Some(contact) => format!("{}, {contact}", f.author),
                None => f.author.clone(),
            },
        ),
    ];
    if let Some(edition) = crate::model::identity::report_edition(council, report) {
        rows.push((
            "Edition proposed",
            format!(
                "{edition}: the identifier of the constitution's text as this report would leave it, printed on the published editions once in force"
            ),
        ));
    }
    rows
}

/// An appendix with everything it shows, computed once for both outputs.
pub struct Prepared<'a> {
    pub number: usize,
    pub title: String,
    pub kind: AppendixKind,
    pub documents: Vec<&'a Document>,
    pub changes: Option<&'a ChangeSet>,
    /// A schedule of variations: `documents` are the model and the
    /// council's document.
    pub schedule: Option<Schedule>,
    /// A comparison with a "Reason for change" column.
    pub reasons: bool,
}

/// One pair of the current and proposed wording, as a comparison shows it.
pub struct ComparisonPair<'a> {
    /// "1.3 → 1.2", "1.2", "15.7 (new)", "2.1 (deleted)".
    pub label: String,
    pub change: &'static str,
    pub unit: &'a crate::diff::UnitChange,
    /// Why, from the revised version's `[reasons]`; for a clause changed
    /// only by renames made throughout, the renames.
    pub reason: Option<String>,
}

impl ComparisonPair<'_> {
    /// The numbers and what happened, as a row's heading: "1.3 → 1.2
    /// (edited)", "15.7 (new)" (the number already says it was inserted).
    pub fn heading(&self) -> String {
        match self.label.ends_with(')') {
            true => self.label.clone(),
            false => format!("{} ({})", self.label, self.change),
        }
    }
}

/// The substantive changes of a comparison appendix, each labelled with
/// its old and new number, with its reason where the revised version gives one.
pub fn comparison_pairs<'a>(prepared: &Prepared<'a>) -> Vec<ComparisonPair<'a>> {
    let Some(changes) = prepared.changes else {
        return Vec::new();
    };
    let reasons = prepared.documents.get(1).map(|d| &d.front_matter.reasons);
    changes
        .units
        .iter()
        .filter(|u| u.is_substantive() && u.change != crate::diff::Change::Unchanged)
        .map(|unit| ComparisonPair {
            label: pair_label(unit),
            change: unit.change.name(),
            unit,
            reason: reasons
                .and_then(|r| crate::diff::lines::reason(unit, r))
                .map(str::to_string)
                .or_else(|| renamed_throughout(changes, unit)),
        })
        .collect()
}

/// "Renamed throughout: “Executive” → “Cabinet”.", for a unit whose only
/// changes of substance are renames made throughout.
fn renamed_throughout(changes: &ChangeSet, unit: &crate::diff::UnitChange) -> Option<String> {
    let renames = changes.renamed_only(unit);
    (!renames.is_empty()).then(|| {
        let list: Vec<String> = renames
            .iter()
            .map(|s| format!("“{}” → “{}”", s.old, s.new))
            .collect();
        format!("Renamed throughout: {}.", list.join("; "))
    })
}

/// A unit's numbers, old and new: "1.3 → 1.2", "1.2", "15.7 (new)"; a
/// table row's first cell where it has no number.
pub fn pair_label(unit: &crate::diff::UnitChange) -> String {
    let number = |sides: &[crate::diff::UnitSide]| {
        (!sides.is_empty()).then(|| crate::render::present::changes::side_name(unit, sides))
    };
    match (number(&unit.old), number(&unit.new)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (None, Some(b)) => format!("{b} (new)"),
        (Some(a), None) => format!("{a} (deleted)"),
        (None, None) => String::new(),
    }
}

/// The pairs of documents a report's appendices compare, for computing
/// their change sets once ([`ChangeSets::compute`]) before [`prepare`].
pub fn compared<'a>(report: &Report, council: &'a Council) -> Vec<(&'a Document, &'a Document)> {
    report.compared(council)
}

/// Resolves each appendix's documents and finds its change set in `changes`.
/// `check_report` has reported any name that does not resolve.
pub fn prepare<'a>(
    report: &Report,
    council: &'a Council,
    councils: &'a [Council],
    changes: &'a ChangeSets,
) -> Result<Vec<Prepared<'a>>, Error> {
    let mut out = Vec::new();
    for (i, appendix) in report.front_matter.appendices.iter().enumerate() {
        let find = |field: &Option<toml::Spanned<String>>| -> Result<&'a Document, Error> {
            let id = field.as_ref().map(|s| s.get_ref().as_str()).unwrap_or("");
            council.document(id).ok_or_else(|| {
                Error::new(format!(
                    "appendix {} (\"{}\") names no document `{id}`: run `clerk check`",
                    i + 1,
                    appendix.title
                ))
            })
        };
        let mut schedule = None;
        let (documents, changes) = match appendix.kind {
            AppendixKind::Document => (vec![find(&appendix.document)?], None),
            AppendixKind::Variations => {
                let document = find(&appendix.document)?;
                let (_, model) = model_of(councils, council, document).ok_or_else(|| {
                    Error::new(format!(
                        "appendix {} (\"{}\"): `{}` names no model clerk has read: run `clerk check`",
                        i + 1,
                        appendix.title,
                        document.id
                    ))
                })?;
                schedule = Some(crate::diff::variations::schedule(model, document));
                (vec![model, document], None)
            }
            AppendixKind::TrackedChanges | AppendixKind::Comparison | AppendixKind::Tables => {
                let (old, new) = (find(&appendix.existing)?, find(&appendix.revised)?);
                let compared = changes.get(&old.id, &new.id).ok_or_else(|| {
                    Error::new(format!(
                        "appendix {} (\"{}\"): the changes from `{}` to `{}` were not computed",
                        i + 1,
                        appendix.title,
                        old.id,
                        new.id
                    ))
                })?;
                (vec![old, new], Some(compared))
            }
        };
        out.push(Prepared {
            number: i + 1,
            title: appendix.title.clone(),
            kind: appendix.kind,
            documents,
            changes,
            schedule,
            reasons: appendix.reasons,
        });
    }
    Ok(out)
}

#[derive(Default)]
pub struct Numbering {
    counters: Vec<usize>,
}

impl Numbering {
    pub fn next(&mut self, level: u8) -> String {
        let depth = usize::from(level.max(1));
        self.counters.resize(depth, 0);
        self.counters[depth - 1] += 1;
        self.counters
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".")
    }
}

pub fn take_marker(content: &[Inline]) -> (Option<String>, Vec<Inline>) {
    let mut content = content.to_vec();
    if let Some(Inline::Text { text }) = content.first_mut()
        && let Some((len, marker)) = crate::source::label::leading_marker(text.trim_start())
    {
        let rest = text.trim_start()[len..].trim_start().to_string();
        *text = rest;
        return (Some(marker.written), content);
    }
    (None, content)
}
