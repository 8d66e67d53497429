//! What the change-control log and the list of editions say: each
//! edition, the versions that came into force and what they changed, the
//! versions on their way, and retired terms still in use.

use serde::Serialize;

use crate::diff::sets::ChangeSets;

use crate::model::{Council, Document, Standing, plain_text, standing, superseded};
use crate::render::present::contents::{document_summary, standing_text};
use crate::render::present::links::{
    Downloads, Format, changes_file, document_file, edition_changes_file, edition_file,
};

/// One edition in the change-control log or the list of editions.
#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    /// "17 May 2023", or "Date not recorded".
    pub date: String,
    /// The whole constitution as it stood that day, where the day is known.
    pub href: Option<String>,
    pub pdf_href: Option<String>,
    /// The edition's identifier ([`crate::model::identity::EditionId`]),
    /// where the day is known: what a committee report quoted.
    pub identifier: Option<String>,
    /// The tracked changes of the whole constitution from the edition
    /// before, where there is one with a day.
    pub changes_href: Option<String>,
    pub versions: Vec<LogVersion>,
}

/// A version that came into force, as the log tells it.
#[derive(Debug, Clone, Serialize)]
pub struct LogVersion {
    pub title: String,
    pub version: String,
    pub href: String,
    pub approved_by: Option<String>,
    /// For a version not in force, what it is ("Proposed: ...").
    pub standing: Option<String>,
    /// What it replaced and how: absent for a first version.
    pub changes: Option<LogChanges>,
    /// Corrections made to its text since it was adopted, each "on 5
    /// December 2026: retired terms replaced: ...".
    pub corrections: Vec<String>,
    /// For a version made under a delegated power: the power, who made it
    /// and when, and whether it has been reported.
    pub authority: Option<String>,
}

/// The changes a version made to the one before, by kind.
#[derive(Debug, Clone, Serialize)]
pub struct LogChanges {
    pub previous_version: String,
    pub href: String,
    /// Units changed in substance (for decision).
    pub substantive: usize,
    /// Units changed only in capitalisation, spacing, punctuation,
    /// numbering or place (what may be made under delegated powers).
    pub minor: usize,
    /// Renames made throughout, such as "Executive → Cabinet (11 times)".
    pub substitutions: Vec<String>,
}

/// A version in force or on its way that still uses terms the council has
/// retired, for the change-control log.
#[derive(Debug, Clone, Serialize)]
pub struct TermsInUse {
    pub title: String,
    pub version: String,
    pub href: String,
    pub terms: Vec<TermInUse>,
}

/// One retired term a version uses: how often, and what the council says now.
#[derive(Debug, Clone, Serialize)]
pub struct TermInUse {
    pub term: String,
    pub count: usize,
    /// The current term; `None` when the body or post was abolished.
    pub now: Option<String>,
}

/// Every version in force or on its way that uses a retired term (in its
/// section titles or its text), in the council's document order, with the
/// terms in order of first use. Versions no longer in force are records
/// and are left out.
pub fn retired_terms_in_use(council: &Council) -> Vec<TermsInUse> {
    use crate::model::{Replacement, retired_term_uses};
    if council.retired_terms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for document in &council.documents {
        if standing(council, document) == Standing::Replaced {
            continue;
        }
        let texts = document
            .sections
            .iter()
            .map(|s| plain_text(&s.title))
            .chain(
                document
                    .paragraphs()
                    .into_iter()
                    .map(|p| plain_text(&p.content)),
            );
        let mut terms: Vec<TermInUse> = Vec::new();
        for text in texts {
            for found in retired_term_uses(&text, &council.retired_terms) {
                match terms.iter_mut().find(|t| t.term == found.retired) {
                    Some(term) => term.count += 1,
                    None => terms.push(TermInUse {
                        term: found.retired,
                        count: 1,
                        now: match found.now {
                            Replacement::Term(now) => Some(now),
                            _ => None,
                        },
                    }),
                }
            }
        }
        if !terms.is_empty() {
            found.push(TermsInUse {
                title: document.front_matter.title.clone(),
                version: document.front_matter.version.clone(),
                href: document_file(&document.id, Format::Html),
                terms,
            });
        }
    }
    found
}

impl TermsInUse {
    /// Each term described, in order: "“Executive” (3 times; now
    /// “Cabinet”); “Standards Board for England” (once; abolished)".
    pub fn described(&self) -> String {
        self.terms
            .iter()
            .map(TermInUse::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl TermInUse {
    /// "“Executive” (3 times; now “Cabinet”)".
    pub fn describe(&self) -> String {
        let times = match self.count {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        match &self.now {
            Some(now) => format!("“{}” ({times}; now “{now}”)", self.term),
            None => format!("“{}” ({times}; abolished)", self.term),
        }
    }
}

/// "Made under the delegated power “corrections” by A. Clerk on 10
/// January 2026; not yet reported to Council" (or "reported: Council,
/// 24 February 2026, minute 12").
fn authority(council: &Council, d: &Document) -> Option<String> {
    let made = d.front_matter.made_under.as_ref()?;
    let power = council
        .delegated_powers
        .iter()
        .find(|p| p.id == *made.power.get_ref());
    let reported = match (&made.reported, power) {
        (Some(meeting), _) => format!("reported: {meeting}"),
        (None, Some(power)) => format!("not yet reported to {}", power.report_to),
        (None, None) => "not yet reported".to_string(),
    };
    Some(format!(
        "Made under the delegated power “{}” by {} on {}; {reported}",
        made.power.get_ref(),
        made.officer,
        made.date.long_form()
    ))
}

/// Amendments made under a delegated power and not yet reported to the
/// body the power names, in document order: the queue the next report
/// to it clears.
pub fn unreported(council: &Council, changes: &ChangeSets) -> Vec<LogVersion> {
    council
        .documents
        .iter()
        .filter(|d| {
            d.front_matter
                .made_under
                .as_ref()
                .is_some_and(|m| m.reported.is_none())
        })
        .map(|d| log_version(council, d, changes))
        .collect()
}

/// Versions not in force that would change the constitution: drafts,
/// proposals, and versions approved for a later day, each with what it
/// would change.
pub fn pending(council: &Council, changes: &ChangeSets) -> Vec<LogVersion> {
    council
        .documents
        .iter()
        .filter(|d| standing(council, d).on_its_way())
        .map(|d| log_version(council, d, changes))
        .collect()
}

fn log_version(council: &Council, d: &Document, changes: &ChangeSets) -> LogVersion {
    LogVersion {
        title: d.front_matter.title.clone(),
        version: d.front_matter.version.clone(),
        href: document_file(&d.id, Format::Html),
        approved_by: document_summary(council, d).approved_by,
        standing: standing_text(council, d),
        authority: authority(council, d),
        corrections: d
            .front_matter
            .corrections
            .iter()
            .map(|c| format!("on {}: {}", c.date.long_form(), c.what))
            .collect(),
        changes: superseded(council, d).map(|older| {
            let set = changes.get(&older.id, &d.id);
            let count = |substantive: bool| {
                set.map_or(0, |s| {
                    s.units
                        .iter()
                        .filter(|u| u.change != crate::diff::Change::Unchanged)
                        .filter(|u| u.is_substantive() == substantive)
                        .count()
                })
            };
            LogChanges {
                previous_version: older.front_matter.version.clone(),
                href: changes_file(&d.id, Format::Html),
                substantive: count(true),
                minor: count(false),
                substitutions: set.map_or(Vec::new(), |s| {
                    s.substitutions
                        .iter()
                        .map(|x| format!("{} → {} ({} times)", x.old, x.new, x.count))
                        .collect()
                }),
            }
        }),
    }
}

/// The editions of a council's constitution, newest first, each with what
/// came into force and the changes from the version before, from the
/// change sets `changes` holds.
pub fn editions(
    council: &Council,
    changes: &ChangeSets,
    downloads: &Downloads,
) -> Vec<EditionView> {
    let editions = crate::model::editions(council);
    let dated: Vec<crate::model::Date> = editions.iter().filter_map(|e| e.date).collect();
    editions
        .into_iter()
        .map(|edition| EditionView {
            date: edition
                .date
                .map_or("Date not recorded in the sources".to_string(), |d| {
                    d.long_form()
                }),
            href: edition.date.map(|d| edition_file(&d, Format::Html)),
            pdf_href: edition
                .date
                .and_then(|d| downloads.pdf(edition_file(&d, Format::Pdf))),
            identifier: edition
                .date
                .map(|d| crate::model::identity::edition_on(council, d).to_string()),
            changes_href: edition
                .date
                .filter(|d| dated.iter().any(|earlier| earlier < d))
                .map(|d| edition_changes_file(&d)),
            versions: edition
                .versions
                .iter()
                .map(|d| log_version(council, d, changes))
                .collect(),
        })
        .collect()
}
