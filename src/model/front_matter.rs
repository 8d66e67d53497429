//! The typed front matter of a protocol document: its identity, status,
//! dates and acknowledgements. Plain data; reading it from text is
//! [`crate::source::front_matter`]'s work.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::Spanned;

/// The keys a protocol document's front matter may hold.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "council",
    "title",
    "version",
    "status",
    "part",
    "section",
    "adopted",
    "effective",
    "commences",
    "reviewed",
    "approved_by",
    "supersedes",
    "lang",
    "check",
    "reasons",
    "known_as",
    "corrections",
    "made_under",
    "model",
    "provisions",
];

/// How a `[reasons]` key names a clause the version deletes: by its number
/// in the version before, after this prefix (`"was 6.1"`).
pub const REASON_OF_DELETED: &str = "was ";

/// The typed front matter of a protocol document.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The council id: the name of the council's directory under `protocols/`.
    pub council: String,
    pub title: String,
    /// The council's own version label, such as `2023.1` or `March 2021`.
    pub version: String,
    pub status: Status,
    /// The Part of the constitution, such as `8` or `5`.
    #[serde(default)]
    pub part: Option<String>,
    /// The Section number within the constitution, such as `8.4`, `31` or `3`.
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub adopted: Option<Date>,
    #[serde(default)]
    pub effective: Option<Date>,
    /// For a version approved to come into force on an event still to
    /// come, the event, such as "when the Procurement Act 2023 commences":
    /// the version is never in force until `effective` gives the day.
    #[serde(default)]
    pub commences: Option<String>,
    #[serde(default)]
    pub reviewed: Option<Date>,
    #[serde(default)]
    pub approved_by: Option<Approval>,
    /// The id of the document this version revises, in the same council.
    #[serde(default)]
    pub supersedes: Option<Spanned<String>>,
    #[serde(default = "default_lang")]
    pub lang: String,
    #[serde(default)]
    pub check: CheckSettings,
    /// Why this version changes each clause, by clause number (`"12.16" =
    /// "The post was renamed in 2022"`): the "Reason for change" column of
    /// a committee report's comparison.
    #[serde(default)]
    pub reasons: std::collections::BTreeMap<String, String>,
    /// Other names other documents cite this one by, such as
    /// "Member/Officer Protocol" ("section 15 of the Member/Officer
    /// Protocol"): `clerk renumber` follows references made with them.
    #[serde(default)]
    pub known_as: Vec<String>,
    /// Corrections made to this version's text after it was adopted (a
    /// retired term replaced, a number put right), each logged by the
    /// command that made it: the change-control log lists them.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// For a version made by an officer under a delegated power rather
    /// than approved by a body: the power, who made it and when, and when
    /// it was reported.
    #[serde(default)]
    pub made_under: Option<MadeUnder>,
    /// For a document adopted from a model: the model's version, by its
    /// id in this council (`"model-code-2020"`) or in another council's
    /// folder (`"models/model-code-2020"`).
    #[serde(default)]
    pub model: Option<Spanned<String>>,
    /// For a model: the provisions an adopting council must keep as they
    /// are, and the groups of alternatives it keeps one of.
    #[serde(default)]
    pub provisions: Provisions,
}

/// What a model says of its provisions, by their numbers.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Provisions {
    /// Statutory provisions: an adopting council may not vary or omit them.
    #[serde(default)]
    pub statutory: Vec<String>,
    /// Options: each group lists alternative provisions, of which an
    /// adopting council keeps one (`[["4.1", "4.2"]]`).
    #[serde(default)]
    pub options: Vec<Vec<String>>,
}

/// The authority a version made under a delegated power cites.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct MadeUnder {
    /// The power's id in `council.toml`'s `[[delegated_powers]]`.
    pub power: Spanned<String>,
    /// Such as "A. Clerk, Monitoring Officer".
    pub officer: String,
    pub date: Date,
    /// The meeting it was reported to, once it was, such as
    /// "Council, 24 February 2026, minute 12".
    #[serde(default)]
    pub reported: Option<String>,
}

/// One correction made to an adopted version's text.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub date: Date,
    /// What was corrected, such as "retired terms replaced: Executive → Cabinet (3)".
    pub what: String,
}

fn default_lang() -> String {
    "en-GB".to_string()
}

/// Where a document stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Proposed,
    Adopted,
    Superseded,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Draft => "draft",
            Status::Proposed => "proposed",
            Status::Adopted => "adopted",
            Status::Superseded => "superseded",
        })
    }
}

/// The body and meeting that approved a document.
#[derive(Debug, Clone, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Such as "Council" or "Standards Committee".
    pub body: String,
    /// Such as "Annual Council".
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
}

/// Findings a faithful copy acknowledges, so `clerk check` passes on it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Lint codes to acknowledge, such as `duplicate-number`.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
}

/// A calendar date, written in TOML as a bare date (`2023-03-14`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date, if it is one on the calendar (so not 30 February).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The date written as `2023-03-14`, if it is one on the calendar.
    pub fn from_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// The date as a UK reader writes it, such as `14 March 2023`.
    pub fn long_form(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {} {}", self.day, month, self.year)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(deserializer).map_err(|_| {
            D::Error::custom(
                "expected a date written as YYYY-MM-DD without quotes, such as 2023-03-14",
            )
        })?;
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Ok(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => Err(D::Error::custom(
                "expected a date only (YYYY-MM-DD), without a time",
            )),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_date() {
        let d = Date {
            year: 2023,
            month: 3,
            day: 14,
        };
        assert_eq!(d.long_form(), "14 March 2023");
        assert_eq!(d.to_string(), "2023-03-14");
    }

    #[test]
    fn only_calendar_dates_are_dates() {
        assert!(Date::new(2023, 2, 30).is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 12, 31).is_some());
        assert_eq!(Date::from_iso("2023-04-01"), Date::new(2023, 4, 1));
        assert_eq!(Date::from_iso("2023-4-1"), None);
        assert_eq!(Date::from_iso("2023-02-30"), None);
    }
}
