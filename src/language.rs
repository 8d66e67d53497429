//! Facts about English text shared by the importer and the checker.

/// Words that cannot end a finished sentence ("... must be consulted by the").
pub const DANGLING_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "which", "that", "than",
];

/// The last word of `text`, without trailing punctuation.
pub fn last_word(text: &str) -> &str {
    text.trim_end()
        .trim_end_matches(['?', ',', '.', ';', ':'])
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
}

/// Whether `text` ends, with no punctuation after it, on a word that leaves
/// the sentence hanging.
pub fn ends_with_dangling_word(text: &str) -> bool {
    if text
        .trim_end()
        .ends_with(|c: char| c.is_ascii_punctuation())
    {
        return false;
    }
    let word = last_word(text).to_lowercase();
    DANGLING_WORDS.contains(&word.as_str())
}
