//! A schedule of variations as terminal text and as JSON.

use std::fmt::Write;

use serde::Serialize;

use crate::diff::variations::{Schedule, Variation};
use crate::model::Document;

/// The schedule as text: a line for each provision (its number in the
/// model, its number here, what the council did), and under each one
/// varied or filled in, the model's text and the council's.
pub fn schedule_text(schedule: &Schedule, model: &Document, document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (version {}) against the model {} (version {})\n",
        document.front_matter.title,
        document.front_matter.version,
        model.front_matter.title,
        model.front_matter.version
    );
    let _ = writeln!(out, "{:<8} {:<8} what", "model", "here");
    for provision in &schedule.provisions {
        let mut what = provision.variation.name().to_string();
        if provision.statutory {
            what.push_str(" (statutory)");
        }
        let _ = writeln!(
            out,
            "{:<8} {:<8} {what}",
            provision.model_number.as_deref().unwrap_or("-"),
            provision.number.as_deref().unwrap_or("-"),
        );
        if matches!(
            provision.variation,
            Variation::Varied | Variation::BlankFilled | Variation::AddedLocally
        ) {
            if let Some(text) = &provision.model_text {
                let _ = writeln!(out, "         model: {text}");
            }
            if let Some(text) = &provision.text {
                let _ = writeln!(out, "         here:  {text}");
            }
        }
    }
    let mut counts: Vec<(Variation, usize)> = Vec::new();
    for provision in &schedule.provisions {
        match counts.iter_mut().find(|(v, _)| *v == provision.variation) {
            Some((_, n)) => *n += 1,
            None => counts.push((provision.variation, 1)),
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(variation, n)| format!("{n} {}", variation.name()))
        .collect();
    let _ = writeln!(out, "\n{}", summary.join(", "));
    out
}

/// The schedule as JSON: the two versions, each provision, and the
/// tracked changes from the model to the document.
pub fn schedule_json(schedule: &Schedule, model: &Document, document: &Document) -> String {
    #[derive(Serialize)]
    struct Versions<'a> {
        model: &'a str,
        model_version: &'a str,
        document: &'a str,
        version: &'a str,
        #[serde(flatten)]
        schedule: &'a Schedule,
    }
    let versions = Versions {
        model: &model.id,
        model_version: &model.front_matter.version,
        document: &document.id,
        version: &document.front_matter.version,
        schedule,
    };
    let mut json = serde_json::to_string_pretty(&versions).unwrap_or_default();
    json.push('\n');
    json
}
