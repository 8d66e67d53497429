//! `council.toml`: a council's name, the order of its constitution, branding.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Branding, Part};
use crate::source::front_matter::{toml_error, too_long};

const COUNCIL_KEYS: &[&str] = &[
    "name",
    "short_name",
    "parts",
    "branding",
    "retired_terms",
    "delegated_powers",
];

/// The typed contents of `council.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CouncilConfig {
    pub name: String,
    pub short_name: String,
    #[serde(default)]
    pub parts: Vec<PartConfig>,
    #[serde(default)]
    pub branding: BrandingConfig,
    /// Retired term = current term, or `{ abolished = "what to say instead" }`.
    #[serde(default)]
    pub retired_terms: std::collections::BTreeMap<String, TermConfig>,
    /// Amendments an officer may make without a committee.
    #[serde(default)]
    pub delegated_powers: Vec<PowerConfig>,
}

/// One `[[delegated_powers]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerConfig {
    pub id: String,
    pub wording: String,
    /// The kinds of change it covers: capitalisation, spacing,
    /// punctuation, renumbering, moves, retired-terms, or anything.
    pub covers: Vec<crate::model::Covered>,
    pub report_to: String,
}

/// What a retired term gives way to, as `council.toml` writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a retired term's value is the current term, such as \"Cabinet\", { abolished = \"what to say instead\" }, or { keep = true } for a current term that holds a retired one (\"Chief Executive\")"
)]
pub enum TermConfig {
    Current(String),
    Abolished { abolished: String },
    Keep { keep: bool },
}

/// One `[[parts]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartConfig {
    #[serde(default)]
    pub number: Option<String>,
    pub title: String,
    /// Document ids (file stems) in constitution order.
    #[serde(default)]
    pub documents: Vec<String>,
}

/// The optional `[branding]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingConfig {
    pub colour: Option<String>,
    pub logo: Option<String>,
    pub font: Option<String>,
}

impl CouncilConfig {
    /// The parts as model data.
    pub fn parts(&self) -> Vec<Part> {
        self.parts
            .iter()
            .map(|p| Part {
                number: p.number.clone(),
                title: p.title.clone(),
                documents: p.documents.clone(),
            })
            .collect()
    }

    /// The retired terms as model data, longest first (so "designated
    /// Finance Officer" is found before "Finance Officer").
    pub fn retired_terms(&self) -> Vec<crate::model::RetiredTerm> {
        use crate::model::{Replacement, RetiredTerm};
        let mut terms: Vec<RetiredTerm> = self
            .retired_terms
            .iter()
            .filter(|(term, now)| {
                !term.trim().is_empty() && !matches!(now, TermConfig::Keep { keep: false })
            })
            .map(|(term, now)| RetiredTerm {
                term: term.clone(),
                now: match now {
                    TermConfig::Current(current) => Replacement::Term(current.clone()),
                    TermConfig::Abolished { abolished } => {
                        Replacement::Abolished(abolished.clone())
                    }
                    TermConfig::Keep { .. } => Replacement::Kept,
                },
            })
            .collect();
        terms.sort_by(|a, b| b.term.len().cmp(&a.term.len()).then(a.term.cmp(&b.term)));
        terms
    }

    /// The delegated powers as model data.
    pub fn delegated_powers(&self) -> Vec<crate::model::DelegatedPower> {
        self.delegated_powers
            .iter()
            .map(|p| crate::model::DelegatedPower {
                id: p.id.clone(),
                wording: p.wording.clone(),
                covers: p.covers.clone(),
                report_to: p.report_to.clone(),
            })
            .collect()
    }

    /// The branding as model data.
    pub fn branding(&self) -> Branding {
        Branding {
            colour: self.branding.colour.clone(),
            logo: self.branding.logo.clone(),
            font: self.branding.font.clone(),
        }
    }
}

/// Parses `council.toml` text, checking the branding colour's form.
pub fn parse_council(text: &str) -> Result<CouncilConfig, Diagnostic> {
    // A finding about council.toml is a `council` finding, not a document's front matter.
    let config: CouncilConfig = toml::from_str(text).map_err(|e| Diagnostic {
        code: "council",
        ..toml_error(e, 0, COUNCIL_KEYS)
    })?;
    let fields = [
        ("name", config.name.as_str()),
        ("short_name", &config.short_name),
    ];
    if let Some(d) = too_long(&fields, text, 0) {
        return Err(Diagnostic {
            code: "council",
            ..d
        });
    }
    if let Some(colour) = &config.branding.colour
        && !is_hex_colour(colour)
    {
        let start = text.find(colour.as_str()).unwrap_or(0);
        return Err(Diagnostic::error(
            "council",
            format!("branding colour `{colour}` is not a hex colour"),
        )
        .with_span(crate::model::Span::new(start, start + colour.len()))
        .with_help("write the colour as `#rrggbb`, such as \"#1d4f91\""));
    }
    Ok(config)
}

fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parts_in_order() {
        let config = parse_council(
            "name = \"Bury Council\"\nshort_name = \"Bury\"\n[[parts]]\nnumber = \"5\"\ntitle = \"Codes\"\ndocuments = [\"a\", \"b\"]\n",
        )
        .unwrap();
        assert_eq!(config.parts()[0].documents, ["a", "b"]);
    }

    #[test]
    fn rejects_a_bad_colour() {
        let error =
            parse_council("name = \"x\"\nshort_name = \"x\"\n[branding]\ncolour = \"green\"\n")
                .unwrap_err();
        assert!(error.message.contains("not a hex colour"));
    }
}
