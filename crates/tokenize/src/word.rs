//! What every stage needs to know of one written word: its normalised form
//! (what stop words, function words and term keys are matched on) and its
//! shape (lowercase, capitalised, or a name or acronym). The tokenizer, the
//! stemmer, language detection and counting all ask here, so that they
//! agree.
//!
//! ```
//! use duolex_tokenize::word::{normalize, shape, Shape};
//! assert_eq!(normalize("L’Infor\u{ad}mation"), "l'information");
//! assert_eq!(normalize("Ve\u{301}lo"), "vélo"); // composed (NFC)
//! assert_eq!(shape("modèle"), Shape::Lower);
//! assert_eq!(shape("Altman"), Shape::Capitalized);
//! assert_eq!(shape("OpenAI"), Shape::Name);
//! assert_eq!(shape("R1"), Shape::Name);
//! assert_eq!(shape("’"), Shape::Symbol);
//! ```

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// True for the characters written as an apostrophe inside words: `'`,
/// `’` and the modifier letter `ʼ`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Normalises a word for matching: NFC, lowercase, apostrophes (and the
/// `‘` and `′` sometimes typed for one) as `'`, soft hyphens removed.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// Like [`normalize`], writing into `out` (cleared first).
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // ASCII is NFC, its apostrophe is `'`, and it lowercases to ASCII.
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let push = |out: &mut String, c: char| match c {
        c if is_apostrophe(c) => out.push('\''),
        '‘' | '′' => out.push('\''),
        '\u{ad}' => {}
        _ => out.extend(c.to_lowercase()),
    };
    if is_nfc_quick(word.chars()) == IsNormalized::Yes {
        word.chars().for_each(|c| push(out, c));
    } else {
        word.nfc().for_each(|c| push(out, c));
    }
}

/// The shape of a written word, by its letter case and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Letters, none of them a capital (`modèle`, `l'ia`).
    Lower,
    /// A capital first letter and no other (`Altman`, `Modèle`): a name, or
    /// any word at the start of a sentence.
    Capitalized,
    /// A capital after the first letter, or a digit: names and acronyms
    /// (`OpenAI`, `iPhone`, `IA`, `NASA`, `États-Unis`, `R1`, `GPT-4o`).
    Name,
    /// Neither a letter nor a digit (`’`, `-`).
    Symbol,
}

/// The [`Shape`] of `word`.
pub fn shape(word: &str) -> Shape {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return Shape::Name;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Shape::Symbol;
    };
    if letters.any(char::is_uppercase) {
        Shape::Name
    } else if first.is_uppercase() {
        Shape::Capitalized
    } else {
        Shape::Lower
    }
}

/// True when the first character of `word` is a capital letter (`Paris`,
/// `IA`; not `iPhone`, `4G`).
pub fn starts_with_capital(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `word` is one capital letter and nothing else (`J`, `A`).
pub fn is_single_capital(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_acronyms() {
        for w in [
            "OpenAI",
            "DeepSeek",
            "IA",
            "NASA",
            "R1",
            "GPT-4o",
            "iPhone",
            "États-Unis",
            "4",
        ] {
            assert_eq!(shape(w), Shape::Name, "{w}");
        }
        for w in ["Altman", "Modèle", "A", "L’"] {
            assert_eq!(shape(w), Shape::Capitalized, "{w}");
        }
        for w in ["modèle", "a", "états-unis", "l'ia"] {
            assert_eq!(shape(w), Shape::Lower, "{w}");
        }
        for w in ["", "’", "-", "…"] {
            assert_eq!(shape(w), Shape::Symbol, "{w:?}");
        }
    }

    #[test]
    fn normal_forms() {
        assert_eq!(normalize("DeepSeek’s"), "deepseek's");
        assert_eq!(normalize("ʼ‘′"), "'''");
        assert_eq!(normalize("ÉTATS-UNIS"), "états-unis");
        assert_eq!(normalize("e\u{301}te\u{301}"), "été");
        assert_eq!(normalize("co\u{ad}opé\u{ad}ration"), "coopération");
        let mut out = String::from("stale");
        normalize_into("ABC", &mut out);
        assert_eq!(out, "abc");
    }

    #[test]
    fn capitals() {
        assert!(starts_with_capital("Paris") && starts_with_capital("É"));
        assert!(!starts_with_capital("iPhone") && !starts_with_capital(""));
        assert!(is_single_capital("J") && is_single_capital("É"));
        assert!(!is_single_capital("Jo") && !is_single_capital("j") && !is_single_capital(""));
    }
}
