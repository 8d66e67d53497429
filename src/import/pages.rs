//! What belongs to the page, not the document, in text extracted page by
//! page (`pdftotext` ends each page with a form feed): running headers and
//! footers repeated at page breaks, and a contents list's dotted lines.

use std::collections::{HashMap, HashSet};

/// How many lines with text at the top and at the foot of a page may be
/// running headers or footers.
const EDGE_LINES: usize = 2;

/// The 0-based indexes of the lines that are page furniture, the lines
/// of the `contents` list among them.
pub fn furniture(lines: &[&str], contents: &Contents) -> HashSet<usize> {
    let mut found: HashSet<usize> = contents.lines.iter().copied().collect();
    // Pages: runs of lines between form feeds.
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, line) in lines.iter().enumerate() {
        if line.contains('\u{c}') && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
        }
        if let Some(page) = pages.last_mut().filter(|_| !line.trim().is_empty()) {
            page.push(i);
        }
    }
    pages.retain(|p| !p.is_empty());
    // A page's first or last line set as running headers and footers are
    // (the document's name at the left, its place or page at the right,
    // far apart) is one, on a page of its own too.
    for page in pages.iter().filter(|p| p.len() > 2) {
        for edge in [page.first(), page.last()].into_iter().flatten() {
            if is_two_sided_header(lines[*edge]) {
                found.insert(*edge);
            }
        }
    }
    if pages.len() < 2 {
        return found;
    }
    // A line at a page's top or foot that recurs at the top or foot of
    // other pages, numbers aside ("Page 3 of 12"), is a running header or
    // footer.
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    let edges = |page: &Vec<usize>| -> Vec<usize> {
        let mut edge: Vec<usize> = page.iter().take(EDGE_LINES).copied().collect();
        edge.extend(page.iter().rev().take(EDGE_LINES).copied());
        edge.sort_unstable();
        edge.dedup();
        edge
    };
    for (number, page) in pages.iter().enumerate() {
        for i in edges(page) {
            seen.entry(shape(lines[i])).or_default().insert(number);
        }
    }
    let recurring = |i: usize| {
        seen.get(&shape(lines[i]))
            .is_some_and(|pages| pages.len() >= 2)
    };
    for page in &pages {
        found.extend(edges(page).into_iter().filter(|&i| recurring(i)));
    }
    // The blank lines around a header or footer go with it, so a sentence
    // broken by the page break reads on.
    let mut with_blanks = found.clone();
    for &i in &found {
        for j in (0..i).rev().take_while(|&j| lines[j].trim().is_empty()) {
            with_blanks.insert(j);
        }
        for j in (i + 1..lines.len()).take_while(|&j| lines[j].trim().is_empty()) {
            with_blanks.insert(j);
        }
    }
    with_blanks
}

/// A line with its numbers and spacing set aside, so "Page 1 of 4" and
/// "Page 2 of 4" are the same line.
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_number {
                    out.push('#');
                }
                in_number = true;
            } else {
                in_number = false;
                out.push(c);
            }
        }
        in_number = false;
    }
    out
}

/// A line of two runs of text at its two ends, far apart: "Example
/// Borough Council          Section 3D: Scheme of Delegation".
pub fn is_two_sided_header(line: &str) -> bool {
    let trimmed = line.trim();
    let Some(gap) = trimmed.find("          ") else {
        return false;
    };
    let (left, right) = (trimmed[..gap].trim(), trimmed[gap..].trim());
    !left.is_empty()
        && !right.is_empty()
        && !right.contains("  ")
        && !left.contains("  ")
        && left.chars().any(char::is_alphabetic)
        && right.chars().any(char::is_alphabetic)
}

/// What the running headers say of the document's place: the right-hand
/// run of each two-sided header, such as "Section 3D: Scheme of Delegation"
/// or "Part 5c", each once, in order of their text.
pub fn header_places<'a>(lines: &[&'a str], furniture: &HashSet<usize>) -> Vec<&'a str> {
    let mut out: Vec<&str> = furniture
        .iter()
        .filter(|&&i| is_two_sided_header(lines[i]))
        .map(|&i| {
            let trimmed = lines[i].trim();
            let gap = trimmed.find("          ").unwrap_or(0);
            trimmed[gap..].trim()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A contents list: the lines it takes, and the heading each entry names
/// (its number and title, a title wrapped over two lines joined), with
/// each run of white space one space.
#[derive(Debug, Default)]
pub struct Contents {
    pub lines: Vec<usize>,
    pub headings: Vec<String>,
}

/// The contents list in `lines`: each line with dot leaders and a page
/// number, and a line without them just before one, the start of an
/// entry wrapped onto it.
pub fn contents(lines: &[&str]) -> Contents {
    let mut out = Contents::default();
    let mut wrapped: Option<(usize, &str)> = None;
    for (i, line) in lines.iter().enumerate() {
        if !is_contents_line(line) {
            // Between two entries, or the list's heading and its first.
            let after_entry = i.checked_sub(1).is_some_and(|p| {
                is_contents_line(lines[p]) || lines[p].trim().eq_ignore_ascii_case("contents")
            });
            let starts_entry = after_entry
                && !line.trim().is_empty()
                && !line.trim().eq_ignore_ascii_case("contents")
                && lines.get(i + 1).is_some_and(|next| is_contents_line(next))
                && line.split_whitespace().count() <= 16;
            wrapped = starts_entry.then_some((i, line.trim()));
            continue;
        }
        let entry = line
            .trim()
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end()
            .trim_end_matches(['.', ' ', '\u{2026}']);
        let text = match wrapped.take() {
            Some((at, start)) => {
                out.lines.push(at);
                format!("{start} {entry}")
            }
            None => entry.to_string(),
        };
        out.lines.push(i);
        out.headings
            .push(text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// A contents entry: a title, dot leaders, a page number.
fn is_contents_line(line: &str) -> bool {
    let trimmed = line.trim();
    let Some(rest) = trimmed.strip_suffix(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let rest = rest
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    let leaders = rest.len() - rest.trim_end_matches(['.', ' ', '\u{2026}']).len();
    leaders >= 6
        && rest
            .trim_end_matches(['.', ' ', '\u{2026}'])
            .chars()
            .any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_headers_and_footers_recur_at_page_edges() {
        let text = "Protocol on Relations      DRAFT\n\n1.1 Members set policy.\n1.2 Officers advise.\n\nVersion 2 (draft)      Page 1 of 2\n\u{c}Protocol on Relations      DRAFT\n\n1.3 Both respect each other.\n\nVersion 2 (draft)      Page 2 of 2\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut found: Vec<usize> = furniture(&lines, &contents(&lines)).into_iter().collect();
        found.sort_unstable();
        assert_eq!(found, [0, 1, 4, 5, 6, 7, 9, 10]);
    }

    #[test]
    fn a_contents_list_names_its_headings_wrapped_entries_joined() {
        let text = "Contents\n31.1 Principles . . . . . . . . . 1\n31.7 Relationship between Chairmen and Members\nand Officers . . . . . . . . . . . 3\n31.8 Role of Chairmen . . . . . . . 4\n\n31.1 Principles\nText.";
        let lines: Vec<&str> = text.lines().collect();
        let found = contents(&lines);
        assert_eq!(
            found.headings,
            [
                "31.1 Principles",
                "31.7 Relationship between Chairmen and Members and Officers",
                "31.8 Role of Chairmen"
            ]
        );
        assert_eq!(found.lines, [1, 2, 3, 4]);
    }

    #[test]
    fn contents_lines_are_furniture_and_text_is_not() {
        assert!(is_contents_line("Legal Issues . . . . . . . . . . . . 2"));
        assert!(is_contents_line(
            "3. Principles ........................ 12"
        ));
        assert!(!is_contents_line("1.1 Members set policy for 2 years."));
        assert!(!is_contents_line("See paragraph 4.3"));
        // One page: nothing recurs.
        let lines = ["Title", "1.1 Text.", "Title"];
        assert!(furniture(&lines, &contents(&lines)).is_empty());
    }
}
