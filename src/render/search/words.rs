//! Words as the search index holds them: split, lower-cased, common words
//! left out and the rest reduced to their English stems, so "procuring"
//! finds "procurement". The page's script splits and stems a query the
//! same way (`templates/search.js`); `tests/search.rs` holds the two to
//! the same stems.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search by: left out of the index, and of a query.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "with",
];

/// The words of `text`, as the index keeps them: runs of letters and
/// digits, lower-cased, without the stop words, each stemmed.
pub struct Words {
    stemmer: Stemmer,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Words {
    /// The stem of one lower-cased word, or `None` for a stop word. A word
    /// with a digit in it ("151", "2023") is kept as it is.
    pub fn stem(&self, word: &str) -> Option<String> {
        if STOP_WORDS.contains(&word) {
            return None;
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            return Some(word.to_string());
        }
        Some(self.stemmer.stem(word).into_owned())
    }

    /// Every stem of `text`, in order, stop words left out.
    pub fn stems<'t>(&'t self, text: &'t str) -> impl Iterator<Item = String> + 't {
        split(text).filter_map(move |word| self.stem(&word))
    }
}

/// The words of `text`: runs of letters and digits (an apostrophe inside
/// a word is dropped, so "council's" is "councils"), lower-cased. A word
/// already in lower-case ASCII is borrowed from the text, not copied.
pub fn split(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let mut end = rest.len();
        let mut plain = true;
        let mut chars = rest.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                continue;
            }
            // A letter not in lower-case ASCII, or an apostrophe inside
            // the word: the word is made again.
            let inside = matches!(c, '\'' | '’')
                && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
            if c.is_alphanumeric() || inside {
                plain = false;
            } else {
                end = at;
                break;
            }
        }
        let run = &rest[..end];
        rest = &rest[end..];
        Some(match plain {
            true => Cow::Borrowed(run),
            false => Cow::Owned(
                run.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect(),
            ),
        })
    })
}

/// Which of `files` term files holds `key`: a defined term's key
/// (`=chief financ offic`) is kept with its first word's stem, which a query
/// for the term loads anyway; any other key by its own [`bucket`].
pub fn term_file(key: &str, files: usize) -> usize {
    match key.strip_prefix('=') {
        Some(term) => bucket(term.split(' ').next().unwrap_or(term), files),
        None => bucket(key, files),
    }
}

/// Which of `buckets` files holds `key`: FNV-1a over its UTF-8 bytes,
/// which the page's script computes the same way.
pub fn bucket(key: &str, buckets: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % buckets.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_lower_cased_and_stemmed() {
        let words = Words::default();
        let stems: Vec<String> = words
            .stems("The Council's Procurement of procuring, under Section 151.")
            .collect();
        assert_eq!(
            stems,
            ["council", "procur", "procur", "under", "section", "151"]
        );
    }

    #[test]
    fn a_bucket_is_fnv1a() {
        // FNV-1a of "a" is 0xe40c292c.
        assert_eq!(bucket("a", 1 << 31), 0xe40c_292c % (1 << 31));
        assert_eq!(bucket("anything", 1), 0);
    }
}
