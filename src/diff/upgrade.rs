//! Upgrading a document adopted from a model to the model's next release:
//! a three-way merge over the clause alignment. The model's changes
//! between its two releases are applied to the council's text; where the
//! council varied a provision the model also changed, the two are merged
//! word by word when they touch different words, and otherwise both texts
//! are kept and the conflict reported, never resolved silently.
//!
//! The merge works on the Markdown source, a heading or a top-level block
//! at a time, so what it keeps is kept as written (emphasis, links,
//! lists, tables and their layout).

use std::collections::HashMap;

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::diff::align::{Pair, align};
use crate::diff::units::{LineShape, Unit, UnitKind, shaped_text};
use crate::model::{Block, Document, Span, bare_number, plain_text};

/// How a quotation that marks an unresolved conflict begins; `clerk check`
/// reports every one until the author resolves it.
pub const UNRESOLVED: &str = "Unresolved model change";

/// One version of a document, parsed, with its source.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub document: &'a Document,
    pub source: &'a str,
}

/// What the upgrade did with one provision the model changed, or the
/// council varied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The council had it as the model did: the model's change is applied
    /// (a new provision added, or one the model dropped dropped).
    Applied,
    /// The council varied it and the model changed other words of it:
    /// both are kept.
    Merged,
    /// The council's variation and the model's change touch the same
    /// words, or one side dropped what the other changed: both texts are
    /// kept, marked for the author to resolve.
    Conflict,
    /// The model changed an option the council did not take: left out.
    NotTaken,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Merged => "merged",
            Outcome::Conflict => "conflict",
            Outcome::NotTaken => "not taken",
        }
    }
}

/// One line of what an upgrade did.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub outcome: Outcome,
    /// The provision, as the model's new release numbers it (or the old
    /// release, when the new one drops it), or its first words.
    pub provision: String,
    /// Its number in the council's new draft, where that differs.
    pub here: Option<String>,
    /// What happened, in a sentence.
    pub detail: String,
}

/// A document brought up to a model's new release.
#[derive(Debug, Clone, Serialize)]
pub struct Upgrade {
    /// The new body, Markdown.
    pub body: String,
    /// What was done, in the order of the new body.
    pub steps: Vec<Step>,
}

impl Upgrade {
    pub fn conflicts(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.outcome == Outcome::Conflict)
            .count()
    }
}

/// A heading or top-level block, with its source.
struct Chunk<'a> {
    unit: Unit,
    text: &'a str,
}

/// The document's headings and top-level blocks, in order, each with its
/// source (and whatever follows it up to the next, such as a link's
/// reference definition).
fn chunks<'a>(side: Side<'a>) -> Vec<Chunk<'a>> {
    let mut found: Vec<(Unit, Span)> = Vec::new();
    for block in &side.document.preamble {
        found.push((block_unit(block, ""), block.span()));
    }
    for section in &side.document.sections {
        let title = plain_text(&section.title);
        let heading = match &section.label {
            Some(label) => format!("{} {title}", label.written),
            None => title.clone(),
        };
        let unit = Unit {
            position: 0,
            anchor: None,
            kind: UnitKind::Heading,
            label: section.label.as_ref().map(|l| l.written.clone()),
            section: heading.clone(),
            text: title,
            lines: vec![LineShape::default()],
        };
        found.push((unit, section.span));
        for block in &section.blocks {
            found.push((block_unit(block, &heading), block.span()));
        }
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|(_, span)| span.start)
        .chain([side.source.len()])
        .collect();
    found
        .into_iter()
        .zip(ends)
        .enumerate()
        .map(|(position, ((mut unit, span), end))| {
            unit.position = position;
            Chunk {
                unit,
                text: side.source[span.start..end.max(span.end)].trim_end(),
            }
        })
        .collect()
}

/// A top-level block as one unit (a table whole).
fn block_unit(block: &Block, section: &str) -> Unit {
    let whole = std::slice::from_ref(block);
    let (kind, label, body): (UnitKind, Option<String>, &[Block]) = match block {
        Block::Clause(c) => (UnitKind::Clause, Some(c.label.written.clone()), &c.body),
        Block::Paragraph(_) => (UnitKind::Paragraph, None, whole),
        Block::List(_) => (UnitKind::List, None, whole),
        Block::Quote(_) => (UnitKind::Quote, None, whole),
        Block::Table(_) => (UnitKind::Row, None, whole),
    };
    let (text, lines) = shaped_text(body);
    Unit {
        position: 0,
        anchor: None,
        kind,
        label,
        section: section.to_string(),
        text,
        lines,
    }
}

/// The units of one side that each unit of the model's old release became.
fn counterparts(base: &[Chunk], other: &[Chunk]) -> (Vec<Vec<usize>>, Vec<bool>) {
    let units = |c: &[Chunk]| c.iter().map(|c| c.unit.clone()).collect::<Vec<_>>();
    let alignment = align(&units(base), &units(other));
    let mut of = vec![Vec::new(); base.len()];
    let mut claimed = vec![false; other.len()];
    for pair in alignment.pairs {
        let (olds, news) = match pair {
            Pair::Matched { old, new, .. } => (vec![old], vec![new]),
            Pair::Split { old, new } => (vec![old], new),
            Pair::Merged { old, new } => (old, vec![new]),
        };
        // A merge's new unit goes with the first of its old ones; the
        // rest count as dropped into it.
        of[olds[0]].extend(news.iter().copied());
        for n in news {
            claimed[n] = true;
        }
    }
    (of, claimed)
}

/// The text of some chunks, one after another.
fn joined(chunks: &[Chunk], which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| chunks[i].text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The text of some chunks' units, without their numbers.
fn units_text(chunks: &[Chunk], which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| chunks[i].unit.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Two texts the same but for spacing.
fn same(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// A provision's name for the steps: its number, or its first words.
fn name(unit: &Unit) -> String {
    match &unit.label {
        Some(label) => bare_number(label).to_string(),
        None if unit.kind == UnitKind::Row => {
            let header = unit.text.lines().next().unwrap_or_default();
            format!("table \"{header}\"")
        }
        None => {
            let words: Vec<&str> = unit.text.split_whitespace().take(6).collect();
            format!("\"{}\"", words.join(" "))
        }
    }
}

/// A quotation marking what the author must resolve: `message`, then
/// `text` (the model's new text) if there is one.
fn unresolved(model: &str, provision: &str, message: &str, text: Option<&str>) -> String {
    let mut out = format!("> **{UNRESOLVED} ({model}, {provision}).** {message}");
    if let Some(text) = text {
        out.push_str("\n>");
        for line in text.lines() {
            out.push_str("\n>");
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
        }
    }
    out
}

/// Where a piece of the new body goes: after the council's unit `after`
/// (`None` for the top), then in the order of the model's new release.
type Place = (Option<usize>, usize, usize);

/// `document` (adopted from `old_model`) brought up to `new_model`.
/// `options` are the model's groups of alternatives, by number.
pub fn upgrade(
    old_model: Side,
    new_model: Side,
    document: Side,
    options: &[Vec<String>],
) -> Upgrade {
    let base = chunks(old_model);
    let theirs = chunks(new_model);
    let ours = chunks(document);
    let (ours_of, ours_claimed) = counterparts(&base, &ours);
    let (theirs_of, theirs_claimed) = counterparts(&base, &theirs);
    let model = &new_model.document.id;

    // The council's unit each of the model's new units stands after.
    let mut ours_of_theirs: HashMap<usize, usize> = HashMap::new();
    for (b, t) in theirs_of.iter().enumerate() {
        if let Some(&o) = ours_of[b].iter().max() {
            for &t in t {
                ours_of_theirs.insert(t, o);
            }
        }
    }
    // A unit new in the model goes after the council's counterpart of the
    // model's unit before it; a new section (and what follows it in the
    // same run of new units) goes before the counterpart of the model's
    // next unit, so the council's own units of the section before stay in it.
    let after_theirs = |t: usize| -> Option<usize> {
        let run_start = (0..=t)
            .rev()
            .take_while(|&k| !theirs_claimed[k])
            .last()
            .unwrap_or(t);
        if theirs[run_start].unit.kind == UnitKind::Heading {
            let next = (t + 1..theirs.len()).find_map(|k| ours_of_theirs.get(&k).copied());
            return match next {
                Some(next) => next.checked_sub(1),
                None => ours.len().checked_sub(1),
            };
        }
        (0..t).rev().find_map(|k| ours_of_theirs.get(&k).copied())
    };
    let after_base =
        |b: usize| -> Option<usize> { (0..b).rev().find_map(|k| ours_of[k].iter().max().copied()) };
    let in_group = |unit: &Unit| {
        unit.label
            .as_deref()
            .map(bare_number)
            .is_some_and(|n| options.iter().flatten().any(|o| bare_number(o) == n))
    };

    let mut pieces: Vec<(Place, String)> = Vec::new();
    let mut steps: Vec<(Place, Step)> = Vec::new();
    // The council's own units, in place; those that stood for a model
    // unit are replaced below.
    for (o, chunk) in ours.iter().enumerate() {
        if !ours_claimed[o] {
            pieces.push(((Some(o), 0, 0), chunk.text.to_string()));
        }
    }
    for (b, base_chunk) in base.iter().enumerate() {
        let o = &ours_of[b];
        let t = &theirs_of[b];
        let base_text = base_chunk.text;
        let ours_text = joined(&ours, o);
        let theirs_text = joined(&theirs, t);
        let theirs_changed = t.is_empty() || !same(base_text, &theirs_text);
        // A provision the council only renumbered is the model's.
        let ours_changed = o.is_empty()
            || !same(&base_chunk.unit.text, &units_text(&ours, o))
            || base_chunk.unit.kind == UnitKind::Heading && !same(base_text, &ours_text);
        let provision = match t.first() {
            Some(&t) => name(&theirs[t].unit),
            None => name(&base_chunk.unit),
        };
        let place = match o.iter().min() {
            Some(&first) => (Some(first), 0, 0),
            None => (after_base(b), 1, t.first().copied().unwrap_or(0)),
        };
        let here = o
            .first()
            .map(|&o| name(&ours[o].unit))
            .filter(|here| *here != provision);
        let step = |outcome, detail: String| Step {
            outcome,
            provision: provision.clone(),
            here: here.clone(),
            detail,
        };
        let text = match (ours_changed, theirs_changed) {
            (_, false) => (!o.is_empty()).then_some(ours_text),
            (false, true) => {
                let detail = match t.is_empty() {
                    true => "the model's new release leaves it out: left out".to_string(),
                    false => "the council had the model's text: the new text taken".to_string(),
                };
                steps.push((place, step(Outcome::Applied, detail)));
                let ours_unit = (o.len() == 1).then(|| &ours[o[0]].unit);
                // What the council changed besides the words (its number,
                // emphasis) is kept where it does not meet the model's change.
                (!t.is_empty()).then(|| {
                    merge_words(base_text, &ours_text, &theirs_text)
                        .unwrap_or_else(|| keep_numbers(&base_chunk.unit, ours_unit, &theirs_text))
                })
            }
            (true, true) if !o.is_empty() && !t.is_empty() && same(&ours_text, &theirs_text) => {
                Some(ours_text)
            }
            (true, true) if o.is_empty() && in_group(&base_chunk.unit) => {
                let detail = "the model changed an option the council did not take: still left out";
                steps.push((place, step(Outcome::NotTaken, detail.to_string())));
                None
            }
            (true, true) if o.is_empty() => {
                let message = "The council left this provision out, and the model's new release changes it. Its new text follows: add it if the council wants it. Then delete this quotation.";
                steps.push((
                    place,
                    step(
                        Outcome::Conflict,
                        "the council left it out and the model changed it: the model's text kept in a quotation".into(),
                    ),
                ));
                Some(unresolved(model, &provision, message, Some(&theirs_text)))
            }
            (true, true) if t.is_empty() => {
                let message = "The council varied this provision, and the model's new release leaves it out. Keep the council's text above, or delete it. Then delete this quotation.";
                steps.push((
                    place,
                    step(
                        Outcome::Conflict,
                        "the council varied it and the model left it out: the council's text kept"
                            .into(),
                    ),
                ));
                Some(format!(
                    "{ours_text}\n\n{}",
                    unresolved(model, &provision, message, None)
                ))
            }
            (true, true) => match merge_words(base_text, &ours_text, &theirs_text) {
                Some(merged) => {
                    steps.push((
                        place,
                        step(
                            Outcome::Merged,
                            "the council's variation kept and the model's change made around it"
                                .into(),
                        ),
                    ));
                    Some(merged)
                }
                None => {
                    let message = "The council varied this provision, and the model's new release changes the same words. The council's text is above and the model's new text follows: keep one, or write them together. Then delete this quotation.";
                    steps.push((
                        place,
                        step(
                            Outcome::Conflict,
                            "the council's variation and the model's change touch the same words: both kept".into(),
                        ),
                    ));
                    Some(format!(
                        "{ours_text}\n\n{}",
                        unresolved(model, &provision, message, Some(&theirs_text))
                    ))
                }
            },
        };
        if let Some(text) = text {
            pieces.push((place, text));
        }
    }
    // What the model's new release adds.
    for (t, chunk) in theirs.iter().enumerate() {
        if theirs_claimed[t] {
            continue;
        }
        let place = (after_theirs(t), 1, t);
        pieces.push((place, chunk.text.to_string()));
        steps.push((
            place,
            Step {
                outcome: Outcome::Applied,
                provision: name(&chunk.unit),
                here: None,
                detail: "new in the model's release: added".into(),
            },
        ));
    }
    pieces.sort_by_key(|(place, _)| *place);
    steps.sort_by_key(|(place, _)| *place);
    let mut body = pieces
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n\n");
    body.push('\n');
    Upgrade {
        body,
        steps: steps.into_iter().map(|(_, s)| s).collect(),
    }
}

/// The model's new text, numbered as the council numbers it where the
/// council renumbered the provision and the model did not.
fn keep_numbers(base: &Unit, ours: Option<&Unit>, theirs: &str) -> String {
    fn label(unit: &Unit) -> Option<&str> {
        unit.label.as_deref().map(bare_number)
    }
    match (label(base), ours.and_then(label)) {
        (Some(was), Some(here)) if was != here => {
            let words: Vec<&str> = theirs.split_whitespace().take(2).collect();
            // The label is the first word, or the second after a list's marker.
            let number = |w: &&str| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()) == was;
            match words.iter().position(number) {
                Some(at) => {
                    let start = theirs.find(words[at]).unwrap_or(0);
                    let written = &theirs[start..start + words[at].len()];
                    let renumbered = written.replacen(was, here, 1);
                    format!(
                        "{}{renumbered}{}",
                        &theirs[..start],
                        &theirs[start + written.len()..]
                    )
                }
                None => theirs.to_string(),
            }
        }
        _ => theirs.to_string(),
    }
}

/// A word with the spacing before it.
struct Token<'a> {
    word: &'a str,
    text: &'a str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        let word_end = rest[word_start..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |i| i + word_start);
        out.push(Token {
            word: &rest[word_start..word_end],
            text: &rest[..word_end],
        });
        rest = &rest[word_end..];
    }
    out
}

/// A run of base words one side replaced, and the side's words for it.
#[derive(Debug, Clone, Copy)]
struct Hunk {
    base: (usize, usize),
    side: (usize, usize),
}

fn hunks(base: &[&str], side: &[&str]) -> Vec<Hunk> {
    capture_diff_slices(Algorithm::Myers, base, side)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Equal { .. } => None,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => Some(Hunk {
                base: (old_index, old_index + old_len),
                side: (new_index, new_index),
            }),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => Some(Hunk {
                base: (old_index, old_index),
                side: (new_index, new_index + new_len),
            }),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Some(Hunk {
                base: (old_index, old_index + old_len),
                side: (new_index, new_index + new_len),
            }),
        })
        .collect()
}

/// Changes that touch: their base range, and each with whether it is the
/// council's.
type Run = ((usize, usize), Vec<(bool, Hunk)>);

/// How much a hunk lengthens its side against the base.
fn growth(h: &Hunk) -> isize {
    (h.side.1 - h.side.0) as isize - (h.base.1 - h.base.0) as isize
}

/// `ours` and `theirs`, both changed from `base`, merged word by word:
/// `None` when they change the same words differently.
pub fn merge_words(base: &str, ours: &str, theirs: &str) -> Option<String> {
    fn words<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
        tokens.iter().map(|t| t.word).collect()
    }
    let base_tokens = tokens(base);
    let ours_tokens = tokens(ours);
    let theirs_tokens = tokens(theirs);
    let base_words = words(&base_tokens);
    let ours_words = words(&ours_tokens);
    let theirs_words = words(&theirs_tokens);

    // Every change of either side, in base order.
    let mut all: Vec<(bool, Hunk)> = hunks(&base_words, &ours_words)
        .into_iter()
        .map(|h| (true, h))
        .chain(
            hunks(&base_words, &theirs_words)
                .into_iter()
                .map(|h| (false, h)),
        )
        .collect();
    all.sort_by_key(|(is_ours, h)| (h.base, !is_ours));
    // Changes conflict where they overlap, where both insert at one
    // place, or where one inserts inside what the other replaced; next to
    // each other they are two changes.
    let touches = |(start, end): (usize, usize), (h_start, h_end): (usize, usize)| match (
        start == end,
        h_start == h_end,
    ) {
        (true, true) => start == h_start,
        (true, false) => h_start < start && start < h_end,
        (false, true) => start < h_start && h_start < end,
        (false, false) => h_start < end && start < h_end,
    };
    // Runs of changes that touch: their base range and their hunks.
    let mut runs: Vec<Run> = Vec::new();
    for (is_ours, h) in all {
        match runs.last_mut() {
            Some((range, members)) if touches(*range, h.base) => {
                range.1 = range.1.max(h.base.1);
                members.push((is_ours, h));
            }
            _ => runs.push((h.base, vec![(is_ours, h)])),
        }
    }

    let mut out = String::new();
    let mut push = |pieces: &[Token]| {
        for token in pieces {
            if !out.is_empty() && !token.text.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str(token.text);
        }
    };
    // Each side's position, and how far its changes so far moved it.
    let (mut ours_shift, mut theirs_shift) = (0isize, 0isize);
    let mut ours_at = 0;
    let at = |base: usize, shift: isize| {
        base.checked_add_signed(shift)
            .expect("a side's position is never negative")
    };
    for ((start, end), members) in runs {
        let ours_grow: isize = members.iter().filter(|m| m.0).map(|m| growth(&m.1)).sum();
        let theirs_grow: isize = members.iter().filter(|m| !m.0).map(|m| growth(&m.1)).sum();
        let ours_range = (at(start, ours_shift), at(end, ours_shift + ours_grow));
        let theirs_range = (at(start, theirs_shift), at(end, theirs_shift + theirs_grow));
        // The words before the run, as the council has them.
        push(&ours_tokens[ours_at..ours_range.0]);
        let by_ours = members.iter().any(|m| m.0);
        let by_theirs = members.iter().any(|m| !m.0);
        let ours_run = &ours_words[ours_range.0..ours_range.1];
        let theirs_run = &theirs_words[theirs_range.0..theirs_range.1];
        match (by_ours, by_theirs) {
            (true, true) if ours_run != theirs_run => return None,
            (true, _) => push(&ours_tokens[ours_range.0..ours_range.1]),
            (false, _) => push(&theirs_tokens[theirs_range.0..theirs_range.1]),
        }
        ours_at = ours_range.1;
        ours_shift += ours_grow;
        theirs_shift += theirs_grow;
    }
    push(&ours_tokens[ours_at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_to_different_words_are_merged() {
        let base = "1.2 The Council has ( ) members, elected every ( ) years.";
        let ours = "1.2 The Council has 48 members, elected every four years.";
        let theirs = "1.2 The Parish Council has ( ) members, elected every ( ) years.";
        assert_eq!(
            merge_words(base, ours, theirs).as_deref(),
            Some("1.2 The Parish Council has 48 members, elected every four years.")
        );
    }

    #[test]
    fn a_post_the_model_renames_mid_phrase_meets_the_councils_own_change() {
        let base =
            "4.1 The Responsible Financial Officer shall report on the accounts every quarter.";
        let ours =
            "4.1 The Responsible Financial Officer shall report on the accounts every month.";
        let theirs = "4.1 The Proper Officer (Finance) shall report on the accounts every quarter.";
        assert_eq!(
            merge_words(base, ours, theirs).as_deref(),
            Some("4.1 The Proper Officer (Finance) shall report on the accounts every month.")
        );
        // The council renamed the post its own way: the two meet.
        let ours = "4.1 The Clerk and Treasurer shall report on the accounts every quarter.";
        assert_eq!(merge_words(base, ours, theirs), None);
    }

    #[test]
    fn changes_to_the_same_words_conflict() {
        let base = "Complaints are decided within 20 days.";
        let ours = "Complaints are decided within 15 days.";
        let theirs = "Complaints are decided within 10 days.";
        assert_eq!(merge_words(base, ours, theirs), None);
        // The same change on both sides is no conflict.
        assert_eq!(
            merge_words(base, ours, ours).as_deref(),
            Some("Complaints are decided within 15 days.")
        );
    }

    #[test]
    fn a_renumbered_provision_keeps_the_councils_number() {
        let base = "4.3 The decision is published.";
        let ours = "4.2 The decision is published, with reasons.";
        let theirs = "4.3 The decision is published within 20 working days.";
        // Both changed the last words.
        assert_eq!(merge_words(base, ours, theirs), None);
        let unit = |label: &str| Unit {
            position: 0,
            anchor: None,
            kind: UnitKind::Clause,
            label: Some(label.to_string()),
            section: String::new(),
            text: String::new(),
            lines: Vec::new(),
        };
        assert_eq!(
            keep_numbers(
                &unit("4.3"),
                Some(&unit("4.2")),
                "**4.3.** The decision is published."
            ),
            "**4.2.** The decision is published."
        );
    }

    #[test]
    fn changes_next_to_each_other_are_two_changes() {
        let base = "A meeting shall not exceed ( ) hours.";
        let ours = "A meeting shall not exceed two hours.";
        let theirs = "A meeting shall not exceed ( ) hours unless extended.";
        assert_eq!(
            merge_words(base, ours, theirs).as_deref(),
            Some("A meeting shall not exceed two hours unless extended.")
        );
    }

    #[test]
    fn a_row_added_keeps_its_line() {
        let base = "| A | B |\n|---|---|\n| 1 | 2 |";
        let ours = "| A | B |\n|---|---|\n| 1 | 3 |";
        let theirs = "| A | B |\n|---|---|\n| 1 | 2 |\n| 4 | 5 |";
        assert_eq!(
            merge_words(base, ours, theirs).as_deref(),
            Some("| A | B |\n|---|---|\n| 1 | 3 |\n| 4 | 5 |")
        );
    }

    #[test]
    fn words_added_at_the_end_keep_their_space() {
        let base = "A member must register.";
        let ours = "A councillor must register.";
        let theirs = "A member must register. Within 28 days.";
        assert_eq!(
            merge_words(base, ours, theirs).as_deref(),
            Some("A councillor must register. Within 28 days.")
        );
    }
}
