//! A report skeleton for a revision, so an author starts from a correct file.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use crate::model::Date;
use crate::model::{Council, Document};

/// The author a new report starts with, to be replaced.
pub const AUTHOR_PROMPT: &str = "Name, Monitoring Officer";

/// The item number a new report starts with, to be replaced.
pub const ITEM_PROMPT: &str = "Item number on the agenda";

/// What `clerk new report` knows of the report's cover.
#[derive(Debug, Clone, Copy)]
pub struct Cover<'a> {
    pub date: Date,
    pub item_number: Option<&'a str>,
    pub author: Option<&'a str>,
}

/// The sections a UK committee report usually has, each with the text it
/// starts with: a prompt to be replaced (`true`), or wording a report may keep.
pub const SECTIONS: &[(&str, &str, bool)] = &[
    (
        "Executive summary",
        "Say in a few sentences what the report is about and what it asks members to do.",
        true,
    ),
    (
        "Introduction",
        "Explain why the constitution is being reviewed.",
        true,
    ),
    (
        "Background",
        "Set out what the protocol does and how the review was done.",
        true,
    ),
    (
        "Recommendations",
        "Members to review, suggest amendments and forward for onward consideration to Council the revised protocol.",
        false,
    ),
    (
        "Community impact/links with Community Strategy",
        "Describe the impact on the community.",
        true,
    ),
    (
        "Equality Impact and considerations",
        "Record the equality analysis.",
        true,
    ),
    (
        "Assessment of Risk",
        "List the risks and how they are mitigated.",
        true,
    ),
    ("Consultation", "Say who was consulted.", true),
    (
        "Legal Implications",
        "Set out the legal implications.",
        true,
    ),
    (
        "Financial Implications",
        "There are no financial implications arising from this Report.",
        false,
    ),
];

#[derive(Serialize)]
struct Skeleton<'a> {
    council: &'a str,
    title: String,
    classification: &'a str,
    item_number: &'a str,
    meeting: &'a str,
    meeting_date: toml::value::Datetime,
    report_by: &'a str,
    decision_type: &'a str,
    wards: &'a str,
    author: &'a str,
    appendices: Vec<AppendixSkeleton<'a>>,
}

#[derive(Serialize)]
struct AppendixSkeleton<'a> {
    title: String,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    existing: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revised: Option<&'a str>,
    /// A comparison gives each change's reason when the revision has reasons.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    reasons: bool,
}

/// A report proposing `revised` in place of `existing`, for a meeting on
/// the cover's date.
pub fn skeleton(
    council: &Council,
    existing: &Document,
    revised: &Document,
    cover: &Cover<'_>,
) -> Result<String, crate::Error> {
    let date = cover.date;
    let version = |d: &Document| {
        format!(
            "{}: version {}",
            d.front_matter.title, d.front_matter.version
        )
    };
    let meeting_date = toml_date(date);
    let front = Skeleton {
        council: &council.id,
        title: format!("{} Constitution Update Report", council.short_name),
        classification: "Open",
        item_number: cover.item_number.unwrap_or(ITEM_PROMPT),
        meeting: "Standards Committee",
        meeting_date,
        report_by: "The Monitoring Officer",
        decision_type: "Council",
        wards: "All",
        author: cover.author.unwrap_or(AUTHOR_PROMPT),
        appendices: vec![
            AppendixSkeleton {
                title: format!("{} (existing)", version(existing)),
                kind: "document",
                document: Some(&existing.id),
                existing: None,
                revised: None,
                reasons: false,
            },
            AppendixSkeleton {
                title: format!("{} (revised)", version(revised)),
                kind: "document",
                document: Some(&revised.id),
                existing: None,
                revised: None,
                reasons: false,
            },
            AppendixSkeleton {
                title: "Tracked changes".into(),
                kind: "tracked-changes",
                document: None,
                existing: Some(&existing.id),
                revised: Some(&revised.id),
                reasons: false,
            },
            AppendixSkeleton {
                title: "Current and proposed wording".into(),
                kind: "comparison",
                document: None,
                existing: Some(&existing.id),
                revised: Some(&revised.id),
                reasons: !revised.front_matter.reasons.is_empty(),
            },
        ],
    };
    let sections: Vec<(&str, String)> = SECTIONS
        .iter()
        .map(|(heading, prompt, _)| (*heading, prompt.to_string()))
        .collect();
    written(&front, &sections)
}

/// The report's source: its front matter, then each section's heading
/// and first paragraph.
fn written(front: &Skeleton<'_>, sections: &[(&str, String)]) -> Result<String, crate::Error> {
    let toml = toml::to_string(front)
        .map_err(|e| crate::Error::new(format!("cannot write the report's front matter: {e}")))?;
    let mut events: Vec<Event<'static>> = Vec::new();
    for (heading, text) in sections {
        events.push(Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        events.push(Event::Text(CowStr::from(heading.to_string())));
        events.push(Event::End(TagEnd::Heading(HeadingLevel::H1)));
        events.push(Event::Start(Tag::Paragraph));
        events.push(Event::Text(CowStr::from(text.clone())));
        events.push(Event::End(TagEnd::Paragraph));
    }
    let mut body = String::new();
    let _ = pulldown_cmark_to_cmark::cmark(
        events.iter(),
        &mut body,
        crate::source::markdown::parser_options(),
    );
    Ok(format!(
        "+++\n# Fill in the cover fields; the appendices are generated from the protocol versions.\n{toml}+++\n\n{body}\n"
    ))
}

/// A report to `body` of the amendments made under its delegated powers
/// and not yet reported (`amended`: each version with the one it
/// supersedes): each amendment's tracked changes an appendix.
pub fn delegated_skeleton(
    council: &Council,
    body: &str,
    amended: &[(&Document, &Document)],
    cover: &Cover<'_>,
) -> Result<String, crate::Error> {
    let front = Skeleton {
        council: &council.id,
        title: format!("Amendments made under delegated powers, reported to {body}"),
        classification: "Open",
        item_number: cover.item_number.unwrap_or(ITEM_PROMPT),
        meeting: body,
        meeting_date: toml_date(cover.date),
        report_by: "The Monitoring Officer",
        decision_type: "For information",
        wards: "All",
        author: cover.author.unwrap_or(AUTHOR_PROMPT),
        appendices: amended
            .iter()
            .map(|(existing, revised)| {
                let made = revised.front_matter.made_under.as_ref();
                AppendixSkeleton {
                    title: format!(
                        "{}: version {}, made under “{}” on {}",
                        revised.front_matter.title,
                        revised.front_matter.version,
                        made.map_or("", |m| m.power.get_ref().as_str()),
                        made.map_or(String::new(), |m| m.date.long_form())
                    ),
                    kind: "tracked-changes",
                    document: None,
                    existing: Some(&existing.id),
                    revised: Some(&revised.id),
                    reasons: false,
                }
            })
            .collect(),
    };
    let listed: Vec<String> = amended
        .iter()
        .map(|(_, revised)| {
            let made = revised.front_matter.made_under.as_ref();
            format!(
                "{} (version {}, by {} on {})",
                revised.front_matter.title,
                revised.front_matter.version,
                made.map_or("", |m| m.officer.as_str()),
                made.map_or(String::new(), |m| m.date.long_form())
            )
        })
        .collect();
    let sections = [
        (
            "Summary",
            format!(
                "The constitution lets the Monitoring Officer make some amendments without a committee, reporting each to {body}. Since the last report, {}: {}. Each appendix shows one amendment's tracked changes.",
                match amended.len() {
                    1 => "one amendment was made".to_string(),
                    n => format!("{n} amendments were made"),
                },
                listed.join("; ")
            ),
        ),
        (
            "Recommendations",
            format!("{body} is asked to note the amendments."),
        ),
    ];
    written(&front, &sections)
}

fn toml_date(date: Date) -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year,
            month: date.month,
            day: date.day,
        }),
        time: None,
        offset: None,
    }
}

#[derive(Serialize)]
struct CouncilSkeleton<'a> {
    name: &'a str,
    short_name: &'a str,
}

/// A new council's `council.toml`: its names, and comments saying how to
/// list its Parts and brand its pages.
pub fn council_toml(name: &str, short_name: &str) -> Result<String, crate::Error> {
    let toml = toml::to_string(&CouncilSkeleton { name, short_name })
        .map_err(|e| crate::Error::new(format!("cannot write council.toml: {e}")))?;
    Ok(format!(
        "# The council's settings. Its protocol documents are the .md files beside\n\
         # this one; `clerk import` turns extracted text into one.\n\
         {toml}\n\
         # The Parts of the constitution, in order, each listing its documents by\n\
         # file name without .md:\n\
         #\n\
         # [[parts]]\n\
         # number = \"4\"\n\
         # title = \"Codes and Protocols\"\n\
         # documents = [\"member-officer-relations\"]\n\
         #\n\
         # The colour of the pages' header, as #rrggbb:\n\
         #\n\
         # [branding]\n\
         # colour = \"#1f3d63\"\n"
    ))
}
