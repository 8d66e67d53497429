//! A version made under a delegated power (`[made_under]`): the power must
//! be one `council.toml` names, and every change the version makes to the
//! one it supersedes must be of a kind the power covers, as the change
//! model classes them.

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::diff::words::ChangeClass;
use crate::diff::{Change, DiffOptions, UnitChange, diff};
use crate::model::{Council, Covered, DelegatedPower, Document, span_of, superseded};
use crate::source::fix::replace_retired_terms;

pub fn check(council: &Council, document: &Document) -> Vec<Diagnostic> {
    let Some(made) = &document.front_matter.made_under else {
        return Vec::new();
    };
    let at = span_of(&made.power);
    let Some(power) = council
        .delegated_powers
        .iter()
        .find(|p| p.id == *made.power.get_ref())
    else {
        let hint = did_you_mean(
            made.power.get_ref(),
            council.delegated_powers.iter().map(|p| p.id.as_str()),
        )
        .map_or_else(
            || {
                "name one of the `[[delegated_powers]]` in council.toml, or add it there"
                    .to_string()
            },
            |best| format!("did you mean `{best}`?"),
        );
        return vec![
            Diagnostic::error(
                "exceeds-power",
                format!(
                    "`{}` is not a delegated power of this council",
                    made.power.get_ref()
                ),
            )
            .with_span(at)
            .with_help(hint),
        ];
    };
    let mut found = Vec::new();
    if made.reported.is_none() {
        found.push(
            Diagnostic::note(
                "unreported-amendment",
                format!(
                    "made under `{}` by {} on {}, and not yet reported to {}",
                    power.id,
                    made.officer,
                    made.date.long_form(),
                    power.report_to
                ),
            )
            .with_span(at)
            .with_help(format!(
                "`clerk new report --delegated --to \"{}\"` starts the report; once the meeting has noted it, add `reported = \"{}, <date>, minute <n>\"` under [made_under]",
                power.report_to, power.report_to
            )),
        );
    }
    let Some(older) = superseded(council, document) else {
        return found;
    };
    let changes = diff(older, document, &DiffOptions::default());
    let beyond: Vec<String> = changes
        .units
        .iter()
        .filter(|u| u.change != Change::Unchanged && !covered(power, u, council))
        .map(|u| {
            let name = u
                .label()
                .map(|l| l.trim_end_matches('.').to_string())
                .unwrap_or_else(|| {
                    crate::diff::dispositions::side_name(
                        u.new.first().or(u.old.first()).expect("a side"),
                        u.kind,
                    )
                });
            format!("{name} ({})", u.change.name())
        })
        .collect();
    if beyond.is_empty() {
        return found;
    }
    found.push(
        Diagnostic::error(
            "exceeds-power",
            format!(
                "made under `{}`, which covers {}, but it changes {}",
                power.id,
                covers_text(power),
                beyond.join(", ")
            ),
        )
        .with_span(at)
        .with_help(format!(
            "take those changes to {} for approval (`approved_by`), or make them under a power that covers them",
            power.report_to
        )),
    );
    found
}

/// "capitalisation, punctuation and renumbering".
fn covers_text(power: &DelegatedPower) -> String {
    let names: Vec<&str> = power
        .covers
        .iter()
        .map(|c| match c {
            Covered::Capitalisation => "capitalisation",
            Covered::Spacing => "spacing",
            Covered::Punctuation => "punctuation",
            Covered::Renumbering => "renumbering",
            Covered::Moves => "moves",
            Covered::RetiredTerms => "the council's retired terms",
            Covered::Anything => "anything",
        })
        .collect();
    match names.as_slice() {
        [] => "nothing".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether every change to `unit` is of a kind `power` covers.
fn covered(power: &DelegatedPower, unit: &UnitChange, council: &Council) -> bool {
    let has = |c: Covered| power.covers.contains(&c) || power.covers.contains(&Covered::Anything);
    if has(Covered::Anything) {
        return true;
    }
    if matches!(
        unit.change,
        Change::Inserted | Change::Deleted | Change::Split | Change::Merged
    ) {
        return false;
    }
    if unit.change == Change::Moved && !has(Covered::Moves) {
        return false;
    }
    unit.classes.iter().all(|class| match class {
        ChangeClass::Capitalisation => has(Covered::Capitalisation),
        ChangeClass::Whitespace => has(Covered::Spacing),
        ChangeClass::Punctuation => has(Covered::Punctuation),
        ChangeClass::Renumbering => has(Covered::Renumbering),
        ChangeClass::Moved => has(Covered::Moves),
        ChangeClass::Substantive => has(Covered::RetiredTerms) && only_retired_terms(unit, council),
    })
}

/// Whether the unit's words change only where the council's retired
/// terms are replaced by the current ones.
fn only_retired_terms(unit: &UnitChange, council: &Council) -> bool {
    let (Some(old), Some(new)) = (unit.old.first(), unit.new.first()) else {
        return false;
    };
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (fixed, replaced) = replace_retired_terms(&old.text, &council.retired_terms);
    !replaced.is_empty() && words(&fixed) == words(&new.text)
}
