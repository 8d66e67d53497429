//! Aligning the units of two versions by content, not by label: identical
//! texts first (in order), then the most similar remaining pairs, then splits
//! and merges; pairs out of order are moves.

use std::cell::OnceCell;
use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::diff::units::{Unit, UnitKind};

/// How one old unit relates to new units.
#[derive(Debug, Clone, PartialEq)]
pub enum Pair {
    /// Old unit `old` became new unit `new`, with this word similarity.
    Matched {
        old: usize,
        new: usize,
        similarity: f64,
    },
    /// Old unit `old` was split into new units `new` (in order).
    Split { old: usize, new: Vec<usize> },
    /// Old units `old` (in order) were merged into new unit `new`.
    Merged { old: Vec<usize>, new: usize },
}

/// The pairs found, and which pairs are out of order (moved).
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    /// Indices into `pairs` of matched pairs whose unit moved.
    pub moved: Vec<usize>,
}

/// Pairs of unmatched units compared in full before comparing only nearby ones.
const MAX_PAIRS: usize = 250_000;
/// How far apart (in units) two units may be and still be compared, past MAX_PAIRS.
const WINDOW: usize = 200;

/// The smallest share of shared words for two units to count as one edited unit.
const MATCH_THRESHOLD: f64 = 0.5;

/// A section heading without its number: "5. The Role of Officers" is
/// "The Role of Officers" whatever the section is numbered.
fn section_title(heading: &str) -> &str {
    let heading = heading.trim();
    match heading.split_once(' ') {
        Some((first, rest)) if first.starts_with(|c: char| c.is_ascii_digit()) => rest.trim(),
        _ => heading,
    }
}

/// Aligns old units with new units.
pub fn align(old: &[Unit], new: &[Unit]) -> Alignment {
    let mut old_taken = vec![false; old.len()];
    let mut new_taken = vec![false; new.len()];
    let mut pairs = Vec::new();

    // Identical texts, in order: the bulk of any revision.
    let old_keys: Vec<(UnitKind, String)> = old.iter().map(key).collect();
    let new_keys: Vec<(UnitKind, String)> = new.iter().map(key).collect();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                pairs.push(Pair::Matched {
                    old: old_index + k,
                    new: new_index + k,
                    similarity: 1.0,
                });
                old_taken[old_index + k] = true;
                new_taken[new_index + k] = true;
            }
        }
    }

    // Identical texts out of order: moved units.
    let mut by_text: HashMap<&(UnitKind, String), Vec<usize>> = HashMap::new();
    for (j, k) in new_keys.iter().enumerate().filter(|(j, _)| !new_taken[*j]) {
        by_text.entry(k).or_default().push(j);
    }
    for (i, k) in old_keys.iter().enumerate() {
        if old_taken[i] {
            continue;
        }
        if let Some(candidates) = by_text.get_mut(k)
            && let Some(j) = candidates.first().copied()
        {
            candidates.remove(0);
            pairs.push(Pair::Matched {
                old: i,
                new: j,
                similarity: 1.0,
            });
            old_taken[i] = true;
            new_taken[j] = true;
        }
    }

    // Splits and merges, before single pairs claim their parts.
    // Units already matched are never compared again: leave their bags empty.
    let mut words = Words::default();
    let mut bags = |units: &[Unit], taken: &[bool]| -> Vec<Bag> {
        units
            .iter()
            .zip(taken)
            .map(|(u, t)| Bag::new(if *t { "" } else { &u.text }, &mut words))
            .collect()
    };
    let old_bags = bags(old, &old_taken);
    let new_bags = bags(new, &new_taken);
    splits_and_merges(
        old,
        new,
        &mut words,
        &old_bags,
        &new_bags,
        &mut old_taken,
        &mut new_taken,
        &mut pairs,
    );

    // Edited units: the most similar remaining pairs, best first.
    // Which new section each old section became, by where its units
    // matched so far went (a retitled section too).
    let (old_under, new_under) = (headings_above(old), headings_above(new));
    let sections = section_votes(&pairs, &old_under, &new_under, 1);
    let free_old: Vec<usize> = (0..old.len()).filter(|i| !old_taken[*i]).collect();
    let free_new: Vec<usize> = (0..new.len()).filter(|j| !new_taken[*j]).collect();
    // Every remaining pair is compared while that stays cheap; beyond
    // MAX_PAIRS, only pairs at nearby relative positions, and pairs that
    // share one of the old unit's rarest words (so a unit moved far in a
    // rewrite is still found), so a huge rewrite costs time in proportion
    // to its size, not its square.
    let windowed = free_old.len().saturating_mul(free_new.len()) > MAX_PAIRS;
    let near = |i: usize, j: usize| {
        let a = i as f64 / old.len().max(1) as f64;
        let b = j as f64 / new.len().max(1) as f64;
        ((a - b).abs() * new.len() as f64) <= WINDOW as f64
    };
    let sharing = match windowed {
        true => Postings::of(&free_new, &new_bags),
        false => Postings::default(),
    };
    let mut candidates = Vec::new();
    let mut spread = Spread::new(&words);
    let mut compared: Vec<usize> = Vec::new();
    for &i in &free_old {
        let bag = &old_bags[i];
        spread.set(bag);
        compared.clear();
        match windowed {
            false => compared.extend(&free_new),
            true => {
                compared.extend(free_new.iter().filter(|j| near(i, **j)));
                compared.extend(sharing.rarest(bag));
                compared.sort_unstable();
                compared.dedup();
            }
        }
        for &j in &compared {
            if !compatible(old[i].kind, new[j].kind) {
                continue;
            }
            // Prefer the same label, and the same section (by its title,
            // which a renumbering leaves), among equals: in a rewrite that
            // renumbers everything, the section a clause stayed in tells
            // it from a near-copy elsewhere.
            let same_label = old[i].number().is_some() && old[i].number() == new[j].number();
            let same_section = section_title(&old[i].section) == section_title(&new[j].section)
                || old_under[i].is_some_and(|h| sections.get(&h) == new_under[j].as_ref());
            let bonus = 0.05 * f64::from(u8::from(same_label) + u8::from(same_section));
            if bag.most_similar(&new_bags[j]) + bonus < MATCH_THRESHOLD {
                continue;
            }
            let score = spread.similarity(&new_bags[j]) + bonus;
            if score >= MATCH_THRESHOLD {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (score, i, j) in candidates {
        if !old_taken[i] && !new_taken[j] {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push(Pair::Matched {
                old: i,
                new: j,
                similarity: score.min(1.0),
            });
        }
    }

    // A retitled heading goes where its units went, before the same
    // number or place can pair it with another section's heading.
    headings_by_their_units(
        old,
        new,
        &old_bags,
        &new_bags,
        &mut old_taken,
        &mut new_taken,
        &mut pairs,
    );
    same_place(
        old,
        new,
        &old_bags,
        &new_bags,
        &mut old_taken,
        &mut new_taken,
        &mut pairs,
    );

    pairs.sort_by_key(|p| match p {
        Pair::Matched { new, .. } | Pair::Merged { new, .. } => *new,
        Pair::Split { new, .. } => new[0],
    });
    let moved = moves(&pairs);
    Alignment { pairs, moved }
}

/// Units left over that stand in the same place in both versions, between
/// the same matched neighbours, are one unit edited, however much their
/// words changed: a heading or clause with the same number ("1.
/// Introduction" retitled "1. Purpose and scope"), or the only heading
/// left on each side. Reporting them deleted and inserted would alarm a
/// reader over a retitling.
fn same_place(
    old: &[Unit],
    new: &[Unit],
    old_bags: &[Bag],
    new_bags: &[Bag],
    old_taken: &mut [bool],
    new_taken: &mut [bool],
    pairs: &mut Vec<Pair>,
) {
    // The matched pairs that keep their order: the fixed points.
    let mut anchors: Vec<(usize, usize)> = pairs
        .iter()
        .filter_map(|p| match p {
            Pair::Matched { old, new, .. } => Some((*old, *new)),
            _ => None,
        })
        .collect();
    anchors.sort();
    let news: Vec<usize> = anchors.iter().map(|(_, n)| *n).collect();
    let keep = longest_increasing(&news);
    let anchors: Vec<(usize, usize)> = keep.iter().map(|&k| anchors[k]).collect();
    let bounds = std::iter::once((None, None))
        .chain(anchors.iter().map(|(o, n)| (Some(*o), Some(*n))))
        .chain(std::iter::once((None, None)));
    let bounds: Vec<(Option<usize>, Option<usize>)> = bounds.collect();
    for window in bounds.windows(2) {
        let (old_from, new_from) = (
            window[0].0.map_or(0, |o| o + 1),
            window[0].1.map_or(0, |n| n + 1),
        );
        let (old_to, new_to) = (
            window[1].0.unwrap_or(old.len()),
            window[1].1.unwrap_or(new.len()),
        );
        if old_from >= old_to || new_from >= new_to {
            continue;
        }
        let free_old: Vec<usize> = (old_from..old_to).filter(|i| !old_taken[*i]).collect();
        let free_new: Vec<usize> = (new_from..new_to).filter(|j| !new_taken[*j]).collect();
        let mut pair = |i: usize, j: usize, taken_old: &mut [bool], taken_new: &mut [bool]| {
            taken_old[i] = true;
            taken_new[j] = true;
            pairs.push(Pair::Matched {
                old: i,
                new: j,
                similarity: old_bags[i].similarity(&new_bags[j]),
            });
        };
        // The same number and kind of block, in order.
        let mut last_new = new_from;
        for &i in &free_old {
            let Some(number) = old[i].number() else {
                continue;
            };
            // A long clause rewritten from end to end is a deletion and an
            // insertion; a heading or a short unit is the same one retitled.
            let short =
                |u: &Unit| u.kind == UnitKind::Heading || u.text.split_whitespace().count() <= 12;
            let found = free_new.iter().copied().find(|&j| {
                j >= last_new
                    && !new_taken[j]
                    && new[j].number() == Some(number)
                    && compatible(old[i].kind, new[j].kind)
                    && (short(&old[i])
                        || short(&new[j])
                        || old_bags[i].similarity(&new_bags[j]) >= 0.25)
            });
            if let Some(j) = found {
                pair(i, j, old_taken, new_taken);
                last_new = j + 1;
            }
        }
        // The one heading left on each side.
        let headings = |free: &[usize], units: &[Unit], taken: &[bool]| -> Vec<usize> {
            free.iter()
                .copied()
                .filter(|k| !taken[*k] && units[*k].kind == UnitKind::Heading)
                .collect()
        };
        let (old_headings, new_headings) = (
            headings(&free_old, old, old_taken),
            headings(&free_new, new, new_taken),
        );
        if let ([i], [j]) = (old_headings.as_slice(), new_headings.as_slice()) {
            pair(*i, *j, old_taken, new_taken);
        }
    }
}

/// The heading each unit stands under, by index (none for a heading).
fn headings_above(units: &[Unit]) -> Vec<Option<usize>> {
    let mut current = None;
    units
        .iter()
        .enumerate()
        .map(|(k, unit)| {
            if unit.kind == UnitKind::Heading {
                current = Some(k);
                None
            } else {
                current
            }
        })
        .collect()
}

/// For each old heading, the new heading most of its matched units went
/// under, where that is more than half its units and at least `least`.
fn section_votes(
    pairs: &[Pair],
    old_under: &[Option<usize>],
    new_under: &[Option<usize>],
    least: usize,
) -> HashMap<usize, usize> {
    let mut votes: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
    for pair in pairs {
        let Pair::Matched { old: i, new: j, .. } = pair else {
            continue;
        };
        if let (Some(from), Some(to)) = (old_under[*i], new_under[*j]) {
            *votes.entry(from).or_default().entry(to).or_default() += 1;
        }
    }
    let mut members: HashMap<usize, usize> = HashMap::new();
    for k in old_under.iter().flatten() {
        *members.entry(*k).or_default() += 1;
    }
    votes
        .into_iter()
        .filter_map(|(from, to)| {
            let (best, count) = to
                .into_iter()
                .max_by_key(|(j, n)| (*n, std::cmp::Reverse(*j)))?;
            let total = members.get(&from).copied().unwrap_or(0);
            (count >= least && count * 2 > total).then_some((from, best))
        })
        .collect()
}

/// A heading left on each side, retitled and renumbered in a rewrite, is
/// the same section's where most of its units went: the old heading whose
/// matched units mostly (more than half, and two or more) stand under one
/// new heading left over is paired with it.
fn headings_by_their_units(
    old: &[Unit],
    new: &[Unit],
    old_bags: &[Bag],
    new_bags: &[Bag],
    old_taken: &mut [bool],
    new_taken: &mut [bool],
    pairs: &mut Vec<Pair>,
) {
    let sections = section_votes(pairs, &headings_above(old), &headings_above(new), 2);
    let mut found: Vec<(usize, usize)> = sections.into_iter().collect();
    found.sort_unstable();
    for (i, j) in found {
        if old_taken[i] || new_taken[j] {
            continue;
        }
        old_taken[i] = true;
        new_taken[j] = true;
        pairs.push(Pair::Matched {
            old: i,
            new: j,
            similarity: old_bags[i].similarity(&new_bags[j]),
        });
    }
}

fn key(unit: &Unit) -> (UnitKind, String) {
    (
        unit.kind,
        unit.text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// Headings align with headings; any two blocks of text may align, since a
/// revision can turn a clause into an unnumbered paragraph.
fn compatible(a: UnitKind, b: UnitKind) -> bool {
    let same = |kind: UnitKind| (a == kind) == (b == kind);
    // A heading is matched only with a heading, a table's row with a row.
    same(UnitKind::Heading) && same(UnitKind::Row)
}

/// A clause split in two leaves an old unit whose text is covered by two
/// consecutive new units; two merged leave the reverse. Only clear cases
/// count: the two parts together must match far better than either alone.
#[allow(clippy::too_many_arguments)]
fn splits_and_merges(
    old: &[Unit],
    new: &[Unit],
    words: &mut Words,
    old_bags: &[Bag],
    new_bags: &[Bag],
    old_taken: &mut [bool],
    new_taken: &mut [bool],
    pairs: &mut Vec<Pair>,
) {
    let cache = |units: &[Unit]| -> Vec<OnceCell<Vec<String>>> {
        units.iter().map(|_| OnceCell::new()).collect()
    };
    let (old_words, new_words) = (cache(old), cache(new));
    // As in the pairing phase: past MAX_PAIRS, only nearby units are compared.
    let free =
        old_taken.iter().filter(|t| !**t).count() * new_taken.iter().filter(|t| !**t).count();
    let windowed = free > MAX_PAIRS;
    let near = |i: usize, j: usize| {
        let a = i as f64 / old.len().max(1) as f64;
        let b = j as f64 / new.len().max(1) as f64;
        !windowed || ((a - b).abs() * new.len() as f64) <= WINDOW as f64
    };
    // The units of the other side (`to` of them) that can be near unit
    // `at` of this side (`from` of them): every one below MAX_PAIRS, else a
    // range a little wider than `near` allows, which `near` then narrows.
    let reach = |at: usize, from: usize, to: usize| -> std::ops::Range<usize> {
        if !windowed {
            return 0..to;
        }
        let centre = at * to / from.max(1);
        let half = WINDOW * to / new.len().max(1) + 2;
        centre.saturating_sub(half)..(centre + half + 1).min(to)
    };
    let old_side = Side {
        units: old,
        bags: old_bags,
        words: &old_words,
    };
    let new_side = Side {
        units: new,
        bags: new_bags,
        words: &new_words,
    };
    let splits = one_into_two(
        &old_side,
        &new_side,
        (old_taken, &mut *new_taken),
        words,
        &reach,
        &|i, j| near(i, j),
    );
    pairs.extend(splits.into_iter().map(|(i, j)| Pair::Split {
        old: i,
        new: vec![j, j + 1],
    }));
    let merges = one_into_two(
        &new_side,
        &old_side,
        (new_taken, old_taken),
        words,
        &reach,
        &|j, i| near(i, j),
    );
    pairs.extend(merges.into_iter().map(|(j, i)| Pair::Merged {
        old: vec![i, i + 1],
        new: j,
    }));
}

/// One version's units, their bags of words, and each unit's words in
/// order, found when first needed.
struct Side<'a> {
    units: &'a [Unit],
    bags: &'a [Bag],
    words: &'a [OnceCell<Vec<String>>],
}

impl Side<'_> {
    /// Unit `k`'s lowercase words, in order.
    fn words_of(&self, k: usize) -> &[String] {
        self.words[k].get_or_init(|| {
            self.units[k]
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
    }
}

/// The free units of `whole` that are two consecutive free units of
/// `parts` joined, each as (its index, the first part's index), marked
/// taken on both sides. `reach` gives the parts near a unit of `whole`, as
/// in [`splits_and_merges`], and `near` whether one is.
fn one_into_two(
    whole: &Side<'_>,
    parts: &Side<'_>,
    (whole_taken, parts_taken): (&mut [bool], &mut [bool]),
    words: &mut Words,
    reach: &dyn Fn(usize, usize, usize) -> std::ops::Range<usize>,
    near: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    // Each two consecutive free units of text joined.
    let joined: Vec<Option<Bag>> = (0..parts.units.len().saturating_sub(1))
        .map(|k| {
            let (first, second) = (&parts.units[k], &parts.units[k + 1]);
            let free = !parts_taken[k] && !parts_taken[k + 1];
            // A row is never a part of a split or a merge: its cells are not prose.
            let text = [first.kind, second.kind]
                .iter()
                .all(|k| !matches!(k, UnitKind::Heading | UnitKind::Row));
            (free && text).then(|| Bag::new(&format!("{} {}", first.text, second.text), words))
        })
        .collect();
    let clear = |whole: f64, each: f64| whole >= 0.8 && whole >= each + 0.1;
    // Two units whose words, in order, are exactly the other's: a split or
    // a merge whatever the proportions, even when one part is a few words.
    let covers = |whole: &[String], first: &[String], second: &[String]| {
        !first.is_empty()
            && !second.is_empty()
            && whole.len() == first.len() + second.len()
            && whole[..first.len()] == *first
            && whole[first.len()..] == *second
    };
    // Neither test can pass when the two parts hold a different number of
    // words from the whole and could not be similar enough if they shared
    // every word.
    let may_pass =
        |one: &Bag, parts: &Bag| one.total == parts.total || one.most_similar(parts) >= 0.8;
    let mut found = Vec::new();
    let mut spread = Spread::new(words);
    for (i, unit) in whole.units.iter().enumerate() {
        if matches!(unit.kind, UnitKind::Heading | UnitKind::Row) || whole_taken[i] {
            continue;
        }
        spread.set(&whole.bags[i]);
        for j in reach(i, whole.units.len(), joined.len()) {
            let Some(bag) = &joined[j] else { continue };
            if whole_taken[i] || parts_taken[j] || parts_taken[j + 1] || !near(i, j) {
                continue;
            }
            if !may_pass(&whole.bags[i], bag) {
                continue;
            }
            let together = spread.similarity(bag);
            let each = spread
                .similarity(&parts.bags[j])
                .max(spread.similarity(&parts.bags[j + 1]));
            if clear(together, each)
                || covers(whole.words_of(i), parts.words_of(j), parts.words_of(j + 1))
            {
                whole_taken[i] = true;
                parts_taken[j] = true;
                parts_taken[j + 1] = true;
                found.push((i, j));
            }
        }
    }
    found
}

/// Matched pairs outside the longest run in order are the ones that moved.
fn moves(pairs: &[Pair]) -> Vec<usize> {
    let matched: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .map(|(k, p)| match p {
            Pair::Matched { old, .. } | Pair::Split { old, .. } => (k, *old),
            Pair::Merged { old, .. } => (k, old[0]),
        })
        .collect();
    // Pairs are in new order; the longest increasing run of old positions stays.
    let olds: Vec<usize> = matched.iter().map(|(_, o)| *o).collect();
    let keep = longest_increasing(&olds);
    matched
        .iter()
        .enumerate()
        .filter(|(n, _)| !keep.contains(n))
        .map(|(_, (k, _))| *k)
        .collect()
}

/// Indices of a longest strictly increasing subsequence (patience sorting).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // indices into values
    let mut previous = vec![usize::MAX; values.len()];
    for (i, v) in values.iter().enumerate() {
        let pos = tails.partition_point(|&t| values[t] < *v);
        if pos > 0 {
            previous[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = (previous[i] != usize::MAX).then(|| previous[i]);
    }
    out.reverse();
    out
}

/// The free new units each word is in, for finding a unit moved far.
#[derive(Default)]
struct Postings(HashMap<u32, Vec<usize>>);

impl Postings {
    /// Words in more units than this tell nothing of where a unit went.
    const RARE: usize = 64;
    /// How many of a unit's rarest words are looked up.
    const LOOKED_UP: usize = 4;

    fn of(units: &[usize], bags: &[Bag]) -> Postings {
        let mut map: HashMap<u32, Vec<usize>> = HashMap::new();
        for &j in units {
            for &(word, _) in &bags[j].counts {
                map.entry(word).or_default().push(j);
            }
        }
        Postings(map)
    }

    /// The units that share one of `bag`'s rarest words (of those in
    /// [`Postings::RARE`] units or fewer).
    fn rarest(&self, bag: &Bag) -> impl Iterator<Item = usize> + '_ {
        let mut words: Vec<&Vec<usize>> = bag
            .counts
            .iter()
            .filter_map(|(word, _)| self.0.get(word))
            .filter(|units| units.len() <= Self::RARE)
            .collect();
        words.sort_by_key(|units| units.len());
        words.into_iter().take(Self::LOOKED_UP).flatten().copied()
    }
}

/// Each lowercase word met in a diff as a number, so bags of words compare
/// as numbers.
#[derive(Default)]
struct Words(HashMap<String, u32>);

impl Words {
    fn id(&mut self, word: String) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(word).or_insert(next)
    }
}

/// One bag's word counts spread out by word number, so that the bag is
/// compared with many others by looking up each of their words: one pass
/// over the other bag instead of a merge of both.
struct Spread {
    counts: Vec<u32>,
    /// The bag spread out now: its words, to clear, and its size.
    words: Vec<u32>,
    total: u32,
}

impl Spread {
    fn new(words: &Words) -> Self {
        Spread {
            counts: vec![0; words.0.len()],
            words: Vec::new(),
            total: 0,
        }
    }

    fn set(&mut self, bag: &Bag) {
        for word in self.words.drain(..) {
            self.counts[word as usize] = 0;
        }
        for &(word, count) in &bag.counts {
            self.counts[word as usize] = count;
            self.words.push(word);
        }
        self.total = bag.total;
    }

    /// [`Bag::similarity`] of the bag spread out and `other`.
    fn similarity(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        let shared: u32 = other
            .counts
            .iter()
            .map(|&(word, n)| n.min(self.counts[word as usize]))
            .sum();
        2.0 * f64::from(shared) / f64::from(self.total + other.total)
    }
}

/// Lowercase word counts, for a quick similarity between two texts: word
/// numbers sorted, so two bags compare in one merge with no hashing (units
/// are compared pairwise, and hashing each word each time cost most of a
/// diff).
struct Bag {
    counts: Vec<(u32, u32)>,
    total: u32,
}

impl Bag {
    fn new(text: &str, words: &mut Words) -> Self {
        let mut ids: Vec<u32> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| words.id(w.to_lowercase()))
            .collect();
        let total = ids.len() as u32;
        ids.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for id in ids {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counts.push((id, 1)),
            }
        }
        Bag { counts, total }
    }

    /// The most [`Bag::similarity`] could be, from the sizes alone: every
    /// word of the shorter text shared.
    fn most_similar(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        2.0 * f64::from(self.total.min(other.total)) / f64::from(self.total + other.total)
    }

    /// The Dice coefficient of the two word multisets, 0 to 1.
    fn similarity(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        let (mut a, mut b) = (
            self.counts.iter().peekable(),
            other.counts.iter().peekable(),
        );
        let mut shared = 0;
        while let (Some((x, m)), Some((y, n))) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += (*m).min(*n);
                    a.next();
                    b.next();
                }
            }
        }
        2.0 * f64::from(shared) / f64::from(self.total + other.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_run() {
        assert_eq!(longest_increasing(&[0, 1, 5, 2, 3, 4]), vec![0, 1, 3, 4, 5]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
