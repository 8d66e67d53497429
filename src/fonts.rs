//! The embedded font family and its glyph metrics, for measuring text.
//!
//! Liberation Sans (SIL Open Font License 1.1, `templates/fonts/LICENSE`) is
//! built into the binary, so every machine typesets the same PDF.

use std::sync::OnceLock;

/// A face of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    /// Every face, in a fixed order.
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    /// The face with bold and italic switched on as given.
    pub fn with(self, bold: bool, italic: bool) -> FontStyle {
        let bold = bold || matches!(self, FontStyle::Bold | FontStyle::BoldItalic);
        let italic = italic || matches!(self, FontStyle::Italic | FontStyle::BoldItalic);
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    /// The font file's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => {
                include_bytes!("../templates/fonts/LiberationSans-Regular.ttf")
            }
            FontStyle::Bold => include_bytes!("../templates/fonts/LiberationSans-Bold.ttf"),
            FontStyle::Italic => {
                include_bytes!("../templates/fonts/LiberationSans-Italic.ttf")
            }
            FontStyle::BoldItalic => {
                include_bytes!("../templates/fonts/LiberationSans-BoldItalic.ttf")
            }
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Advance widths of one face, in font units, with a fast table for Latin-1.
struct Metrics {
    units_per_em: f32,
    latin: [u16; 256],
    /// Advance of the replacement for characters the font lacks.
    fallback: u16,
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new(style: FontStyle) -> Metrics {
        let face = ttf_parser::Face::parse(style.bytes(), 0).expect("the bundled font parses");
        let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let fallback = advance(MISSING_GLYPH).unwrap_or(500);
        let mut latin = [fallback; 256];
        for (code, slot) in latin.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(code as u32) {
                *slot = advance(c).unwrap_or(fallback);
            }
        }
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            latin,
            fallback,
            face,
        }
    }

    fn advance(&self, c: char) -> u16 {
        if (c as u32) < 256 {
            return self.latin[c as usize];
        }
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .unwrap_or(self.fallback)
    }
}

fn metrics(style: FontStyle) -> &'static Metrics {
    static FACES: OnceLock<[Metrics; 4]> = OnceLock::new();
    &FACES.get_or_init(|| FontStyle::ALL.map(Metrics::new))[style.index()]
}

/// The width of `text` in points at `size`.
pub fn text_width(text: &str, style: FontStyle, size: f32) -> f32 {
    let m = metrics(style);
    let units: u32 = text.chars().map(|c| u32::from(m.advance(c))).sum();
    units as f32 * size / m.units_per_em
}

/// What a PDF prints for a character the font has no glyph for: a white
/// square, so the reader sees that something is there (`clerk check`
/// names such characters).
pub const MISSING_GLYPH: char = '\u{25a1}';

/// Whether every face of the font has a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    FontStyle::ALL
        .iter()
        .all(|&style| metrics(style).face.glyph_index(c).is_some())
}

/// `c` if the font can draw it, else [`MISSING_GLYPH`].
pub fn drawable(c: char) -> char {
    if (c as u32) < 0x7f && !c.is_control() || has_glyph(c) {
        c
    } else {
        MISSING_GLYPH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // Liberation Sans is metric-compatible with Arial: "M" is 0.833 em.
        assert!((text_width("M", FontStyle::Regular, 10.0) - 8.33).abs() < 0.01);
        assert!(
            text_width("Officers", FontStyle::Bold, 11.0)
                > text_width("Officers", FontStyle::Regular, 11.0)
        );
        assert_eq!(text_width("", FontStyle::Italic, 11.0), 0.0);
        assert!(has_glyph('é') && has_glyph('–') && has_glyph('\u{a0}'));
        assert!(!has_glyph('\u{627}'), "Arabic is not in the font");
        assert_eq!(drawable('\u{627}'), MISSING_GLYPH);
        assert!(has_glyph(MISSING_GLYPH));
        assert_eq!(
            text_width("\u{627}", FontStyle::Regular, 10.0),
            text_width(&MISSING_GLYPH.to_string(), FontStyle::Regular, 10.0)
        );
    }
}
