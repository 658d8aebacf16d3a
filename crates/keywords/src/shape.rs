//! Word shapes that tell a word's part of speech without a tagger.
//!
//! Keyphrases are noun phrases; a verb or an adverb at the edge of a
//! candidate (`organisms evolved`, `devez commencer`, `rapidement
//! nécessaire`) marks a piece of a clause instead. Suffixes give that away
//! for many words of English and French:
//!
//! - [`Shape::Verb`]: French forms that are only verbs — infinitives in
//!   `-er` (not `-ier`, `-yer`: `fichier`, `foyer`) and `-ir` (not `-oir`:
//!   `pouvoir`, `espoir`), second person plural `-ez`, first person plural
//!   `-vons`, `-geons`, `-érons` and future `-erons`, `-irons` (`devons`,
//!   `encourageons`, `considérons`, `choisirons`), third person plural
//!   `-aient`, `-issent`, `-ront`, conditional `-rait` (not `-trait`:
//!   `portrait`).
//! - [`Shape::Participle`]: English `-ed` (not `-eed`: `speed`), a past
//!   participle or past tense — a verb at a phrase's edge, though alone it
//!   may name a state (`injured`).
//! - [`Shape::Adverb`]: English `-ly` after an adjective suffix (`-ally`,
//!   `-ously`, `-ively`, …: not `supply`, `family`); French `-ment` after a
//!   feminine adjective suffix (`-iquement`, `-ellement`, `-emment`, …: not
//!   `gouvernement`, `élément`).
//!
//! Words shorter than five letters (six for adverbs) are never classified,
//! and the caller skips names (capitalised words). Other languages get no
//! shape. The rules are heuristics: they err on rare nouns (`danger`,
//! `avenir`), so callers use them as a penalty, never as a filter.
//!
//! ```
//! use duolex_keywords::shape::{shape, Shape};
//! use duolex_tokenize::Lang;
//! assert_eq!(shape(Lang::Fr, "développer"), Some(Shape::Verb));
//! assert_eq!(shape(Lang::Fr, "fichier"), None);
//! assert_eq!(shape(Lang::En, "evolved"), Some(Shape::Participle));
//! assert_eq!(shape(Lang::En, "particularly"), Some(Shape::Adverb));
//! assert_eq!(shape(Lang::En, "supply"), None);
//! ```

use duolex_tokenize::Lang;

/// A part of speech told by a word's suffix (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A form that is only a verb (French infinitives and some finite forms).
    Verb,
    /// An English past participle or past tense.
    Participle,
    /// An adverb derived from an adjective.
    Adverb,
}

const EN_ADVERB: &[&str] = &[
    "ally", "ously", "ively", "ently", "antly", "ingly", "edly", "fully", "lessly", "ably", "ibly",
    "arly", "tely", "ctly",
];

const FR_ADVERB: &[&str] = &[
    "emment",
    "amment",
    "iquement",
    "ivement",
    "eusement",
    "ièrement",
    "ellement",
    "alement",
    "ainement",
    "ctement",
    "aitement",
    "idement",
    "ûrement",
    "ablement",
    "iblement",
    "ieurement",
];

/// The shape of `word` in `lang`, if its suffix tells one. Case is ignored.
pub fn shape(lang: Lang, word: &str) -> Option<Shape> {
    let w = word.to_lowercase();
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let ends = |s: &str| w.ends_with(s);
    match lang {
        Lang::En => {
            if letters >= 6 && EN_ADVERB.iter().any(|s| ends(s)) {
                Some(Shape::Adverb)
            } else if letters >= 5 && ends("ed") && !ends("eed") {
                Some(Shape::Participle)
            } else {
                None
            }
        }
        Lang::Fr => {
            if letters >= 6 && FR_ADVERB.iter().any(|s| ends(s)) {
                return Some(Shape::Adverb);
            }
            let verb = letters >= 5
                && (ends("er") && !ends("ier") && !ends("yer")
                    || ends("ir") && !ends("oir")
                    || ends("ez")
                    || ends("erons")
                    || ends("irons")
                    || ends("érons")
                    || ends("vons")
                    || ends("geons")
                    || ends("aient")
                    || ends("issent")
                    || ends("ront") && !ends("front")
                    || ends("rait") && !ends("trait"));
            verb.then_some(Shape::Verb)
        }
        _ => None,
    }
}

/// Languages whose noun phrases put the head noun first (`intelligence
/// artificielle`); the others put it last (`artificial intelligence`).
pub fn head_initial(lang: Lang) -> bool {
    matches!(
        lang,
        Lang::Fr | Lang::Es | Lang::It | Lang::Pt | Lang::Ro | Lang::Ar
    )
}

/// Stop words that join the nouns of a noun phrase (`Bank of America`,
/// `prise de conscience`, `mise à jour`, `coup d’État`), as normalised keys.
pub fn connector(lang: Lang, key: &str) -> bool {
    match lang {
        Lang::En => matches!(key, "of"),
        Lang::Fr => matches!(key, "de" | "d'" | "du" | "des" | "à" | "en" | "aux"),
        Lang::Es | Lang::Pt | Lang::It => matches!(key, "de" | "del" | "da" | "do" | "di"),
        Lang::De => matches!(key, "der" | "des" | "von"),
        Lang::Nl => matches!(key, "van" | "der"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_verbs_and_adverbs_by_suffix() {
        for v in [
            "utiliser",
            "corriger",
            "choisir",
            "pouvez",
            "Remarquez",
            "rejetteront",
            "choisirons",
            "Considérons",
            "encourageons",
            "devrait",
            "étaient",
            "garantissent",
        ] {
            assert_eq!(shape(Lang::Fr, v), Some(Shape::Verb), "{v}");
        }
        for a in [
            "actuellement",
            "naturellement",
            "évidemment",
            "rapidement",
            "ultérieurement",
        ] {
            assert_eq!(shape(Lang::Fr, a), Some(Shape::Adverb), "{a}");
        }
        for noun in [
            "fichier",
            "pouvoir",
            "gouvernement",
            "élément",
            "portrait",
            "front",
            "foyer",
            "intelligence",
            "artificielle",
            "mer",
        ] {
            assert_eq!(shape(Lang::Fr, noun), None, "{noun}");
        }
    }

    #[test]
    fn english_participles_and_adverbs_by_suffix() {
        assert_eq!(shape(Lang::En, "evolved"), Some(Shape::Participle));
        assert_eq!(shape(Lang::En, "obviously"), Some(Shape::Adverb));
        assert_eq!(shape(Lang::En, "completely"), Some(Shape::Adverb));
        for w in [
            "speed", "need", "supply", "family", "assembly", "early", "model", "bed",
        ] {
            assert_eq!(shape(Lang::En, w), None, "{w}");
        }
        assert_eq!(shape(Lang::De, "gespielt"), None);
    }
}
