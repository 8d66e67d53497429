//! The whole constitution on a day as one document, so the tracked
//! changes between two days are one change set: every section in force
//! that day, in the order of the Parts (sections no Part lists after, by
//! id), each under a heading of its own title with its headings a level
//! below. A clause moved from one section to another is a move, and the
//! changes of every revision between the two days come out once each.

use super::identity::in_force_on;
use super::{Council, Date, Document, FrontMatter, Inline, Section, Status, lineage};

/// The constitution of `council` in force on `day`, as one document.
pub fn whole_on(council: &Council, day: Date) -> Document {
    let in_force = in_force_on(council, Some(day));
    let mut ordered: Vec<&Document> = Vec::new();
    for part in &council.parts {
        for listed in &part.documents {
            let family = lineage(council, listed);
            if let Some(version) = in_force.iter().find(|d| family.contains(&d.id))
                && !ordered.iter().any(|o| o.id == version.id)
            {
                ordered.push(version);
            }
        }
    }
    for version in &in_force {
        if !ordered.iter().any(|o| o.id == version.id) {
            ordered.push(version);
        }
    }
    let mut sections = Vec::new();
    for document in ordered {
        let front = &document.front_matter;
        let title = match &front.section {
            Some(number) => format!("Section {number}: {}", front.title),
            None => front.title.clone(),
        };
        sections.push(Section {
            id: format!("{}--top", document.id),
            level: 1,
            label: None,
            title: vec![Inline::Text { text: title }],
            blocks: document.preamble.clone(),
            span: Default::default(),
        });
        for section in &document.sections {
            let mut section = section.clone();
            section.level = section.level.saturating_add(1);
            section.id = format!("{}--{}", document.id, section.id);
            sections.push(section);
        }
    }
    let front_matter = FrontMatter {
        council: council.id.clone(),
        title: format!("{} constitution", council.name),
        version: format!("as at {}", day.long_form()),
        status: Status::Adopted,
        part: None,
        section: None,
        adopted: None,
        effective: Some(day),
        commences: None,
        reviewed: None,
        approved_by: None,
        supersedes: None,
        lang: council
            .documents
            .first()
            .map_or_else(|| "en-GB".to_string(), |d| d.front_matter.lang.clone()),
        check: Default::default(),
        reasons: Default::default(),
        known_as: Vec::new(),
        corrections: Vec::new(),
        made_under: None,
    };
    Document {
        id: format!("constitution-as-at-{day}"),
        front_matter,
        text_digest: Default::default(),
        preamble: Vec::new(),
        sections,
    }
}
