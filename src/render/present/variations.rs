//! A schedule of variations as every format shows it: a row for each
//! provision of the model and each the council added, with its numbers,
//! what the council did, and the unit whose two sides are the model's
//! wording and the council's.

use crate::diff::UnitChange;
use crate::diff::units::UnitKind;
use crate::diff::variations::{Schedule, Variation};

/// One row of a schedule.
pub struct VariationRow<'a> {
    /// "4.3 → 4.2", "1.2", or "table row" or "unnumbered" for a row or a
    /// paragraph without a number.
    pub label: String,
    /// "as the model", "varied"...
    pub variation: &'static str,
    /// The council changed it, or left it out, or added it: a reader's eye
    /// goes to these rows.
    pub departs: bool,
    /// The model marks it statutory.
    pub statutory: bool,
    /// Its two sides: the model's wording (old) and the council's (new).
    pub unit: &'a UnitChange,
}

/// The rows of `schedule`, in the council's order.
pub fn rows(schedule: &Schedule) -> Vec<VariationRow<'_>> {
    schedule
        .provisions
        .iter()
        .map(|p| {
            let unit = &schedule.changes.units[p.unit];
            let label = match (&p.model_number, &p.number) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} → {b}"),
                (Some(a), None) => a.clone(),
                (None, Some(b)) => b.clone(),
                // Its text is in the row, whole.
                (None, None) if unit.kind == UnitKind::Row => "table row".to_string(),
                (None, None) => "unnumbered".to_string(),
            };
            VariationRow {
                label,
                variation: p.variation.name(),
                departs: !matches!(
                    p.variation,
                    Variation::AsTheModel | Variation::OptionChosen | Variation::BlankFilled
                ),
                statutory: p.statutory,
                unit,
            }
        })
        .collect()
}

/// "Varied from Model Code of Conduct, version 2025: 12 provisions as the
/// model, 3 varied, ..." for the top of a schedule.
pub fn summary(schedule: &Schedule) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for provision in &schedule.provisions {
        let name = provision.variation.name();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(name, count)| format!("{count} {name}"))
        .collect();
    format!(
        "Set against {} (version {}): {}.",
        schedule.changes.old.title,
        schedule.changes.old.version,
        parts.join(", ")
    )
}
