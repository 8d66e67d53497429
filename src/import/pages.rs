//! What belongs to the page, not the document, in text extracted page by
//! page (`pdftotext` ends each page with a form feed): running headers and
//! footers repeated at page breaks, and a contents list's dotted lines.

use std::collections::{HashMap, HashSet};

/// How many lines with text at the top and at the foot of a page may be
/// running headers or footers.
const EDGE_LINES: usize = 2;

/// The 0-based indexes of the lines that are page furniture.
pub fn furniture(lines: &[&str]) -> HashSet<usize> {
    let mut found: HashSet<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| is_contents_line(line))
        .map(|(i, _)| i)
        .collect();
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
        let mut found: Vec<usize> = furniture(&lines).into_iter().collect();
        found.sort_unstable();
        assert_eq!(found, [0, 1, 4, 5, 6, 7, 9, 10]);
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
        assert!(furniture(&["Title", "1.1 Text.", "Title"]).is_empty());
    }
}
