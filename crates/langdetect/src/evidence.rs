//! Evidence for the language of a span.
//!
//! whatlang's trigram model is the main engine; around it we add what it
//! ignores: function words and elisions, letters that only some languages
//! use, and neutral tokens (numbers, URLs, names, acronyms, code) that are
//! left out so that they cannot flip a decision.

use duolex_tokenize::units::windows;
use duolex_tokenize::{tokenize_into, Lang, Token, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Weight of one function word (or elided article) of a language.
pub(crate) const FUNCTION_WORD: f64 = 1.0;
/// Weight of one word spelled with letters that only some languages use.
pub(crate) const DIACRITIC: f64 = 0.6;
/// Weight of whatlang's verdict on a span with enough letters.
pub(crate) const TRIGRAMS: f64 = 2.5;
/// Letters after which whatlang's verdict gets its full weight.
pub(crate) const TRIGRAM_FULL_LETTERS: f64 = 30.0;
/// The words given to whatlang for one span stop after this many bytes, so
/// that a span of megabytes (one endless sentence) costs linear time.
pub(crate) const TRIGRAM_SAMPLE_BYTES: usize = 64 << 10;
/// Spans are tokenised in windows of about this many bytes.
const WINDOW: usize = 64 << 10;

macro_rules! function_words {
    ($($lang:ident => $file:literal),* $(,)?) => {
        &[$((Lang::$lang, include_str!(concat!("../data/function_words/", $file, ".txt")))),*]
    };
}

/// Function-word lists shipped as data, one word per line, `#` comments.
const FUNCTION_WORDS: &[(Lang, &str)] = function_words!(
    Ar => "ar", Da => "da", De => "de", El => "el", En => "en", Es => "es",
    Fi => "fi", Fr => "fr", Hu => "hu", It => "it", Nl => "nl", No => "no",
    Pt => "pt", Ro => "ro", Ru => "ru", Sv => "sv", Ta => "ta", Tr => "tr",
);

/// A set of languages as a bit mask over [`Lang::ALL`].
pub(crate) type Mask = u32;

pub(crate) fn bit(lang: Lang) -> Mask {
    1 << Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0)
}

/// word (lowercase, ASCII apostrophe) → languages listing it.
fn lexicon() -> &'static HashMap<&'static str, Mask> {
    static LEXICON: OnceLock<HashMap<&'static str, Mask>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: HashMap<&'static str, Mask> = HashMap::new();
        for &(lang, data) in FUNCTION_WORDS {
            for line in data.lines() {
                let word = line.trim();
                if word.is_empty() || word.starts_with('#') {
                    continue;
                }
                *map.entry(word).or_default() |= bit(lang);
            }
        }
        map
    })
}

/// Letters that mark a language's spelling (lowercase), beyond ASCII.
fn marked_letters(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "àâæçéèêëîïôœùûüÿ",
        Lang::De => "äöüß",
        Lang::Es => "áéíóúñü",
        Lang::It => "àèéìíòóù",
        Lang::Pt => "ãõáâàçéêíóôú",
        Lang::Nl => "ëïéèáó",
        Lang::Da | Lang::No => "æøå",
        Lang::Sv => "åäö",
        Lang::Fi => "äöå",
        Lang::Hu => "áéíóöőúüű",
        Lang::Ro => "ăâîșşțţ",
        Lang::Tr => "çğıöşüâ",
        _ => "",
    }
}

/// Evidence gathered from one span.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Score per language of the detector's set, in the set's order.
    pub scores: Vec<f64>,
    /// Letters that took part (outside neutral tokens).
    pub letters: usize,
}

impl Evidence {
    /// True when nothing in the span spoke for any language.
    pub fn is_empty(&self) -> bool {
        self.scores.iter().all(|&s| s == 0.0)
    }
}

/// Reusable buffers, so that classifying many pieces allocates little.
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
    lower: String,
    content: String,
}

/// Whether a word is neutral evidence: a name, an acronym, something with
/// digits, or any capitalised word (at the start of a span it may be a name
/// as well as an ordinary word; function words are still looked up).
fn is_neutral(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    if word.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let upper_inside = chars.clone().any(char::is_uppercase);
    let all_upper = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if all_upper && word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        return true; // acronym: IA, AI, NASA
    }
    if upper_inside {
        return true; // OpenAI, DeepSeek, iPhone
    }
    first.is_uppercase()
}

pub(crate) fn gather(
    text: &str,
    langs: &[Lang],
    mask: Mask,
    whatlang: &whatlang::Detector,
    scratch: &mut Scratch,
) -> Evidence {
    let mut scores = vec![0.0; langs.len()];
    let lexicon = lexicon();
    scratch.content.clear();
    let mut letters = 0usize;
    let mut first = true;
    // A huge span (one sentence of megabytes) is tokenised window by
    // window, so that memory stays bounded; the votes are the same.
    for window in windows(text, WINDOW) {
        let text = &text[window];
        scratch.tokens.clear();
        tokenize_into(text, None, &mut scratch.tokens);
        for tok in &scratch.tokens {
            if tok.kind != TokenKind::Word {
                continue;
            }
            let word = tok.text(text);
            let first_in_span = std::mem::replace(&mut first, false);
            // Sentence-initial capitals are ordinary words; other capitals are names.
            let neutral = is_neutral(word);
            scratch.lower.clear();
            for c in word.chars() {
                match c {
                    '’' | 'ʼ' => scratch.lower.push('\''),
                    '\u{ad}' => {}
                    _ => scratch.lower.extend(c.to_lowercase()),
                }
            }
            let lower = scratch.lower.as_str();
            // Function words count even when capitalised ("Mais", "The").
            let mut vote = |m: Mask, weight: f64| {
                let m = m & mask;
                if m != 0 {
                    let share = weight / m.count_ones() as f64;
                    for (i, &l) in langs.iter().enumerate() {
                        if m & bit(l) != 0 {
                            scores[i] += share;
                        }
                    }
                }
            };
            if !neutral || first_in_span {
                if let Some(&m) = lexicon.get(lower) {
                    vote(m, FUNCTION_WORD);
                } else if let Some(ap) = lower.find('\'') {
                    // Elided article or pronoun (l'ia, qu'il, dell'anno) and what follows.
                    if let Some(&m) = lexicon.get(&lower[..ap + 1]) {
                        vote(m, FUNCTION_WORD);
                    }
                    if let Some(&m) = lexicon.get(&lower[ap + 1..]) {
                        vote(m, FUNCTION_WORD);
                    }
                }
            }
            if neutral {
                continue;
            }
            let mut marks: Mask = 0;
            for c in lower.chars() {
                if !c.is_ascii() {
                    for &l in langs {
                        if marked_letters(l).contains(c) {
                            marks |= bit(l);
                        }
                    }
                }
            }
            vote(marks, DIACRITIC);
            letters += lower.chars().filter(|c| c.is_alphabetic()).count();
            // whatlang's verdict needs a sample, not a whole book: past the cap
            // its cost would only grow with the span.
            if scratch.content.len() < TRIGRAM_SAMPLE_BYTES {
                if !scratch.content.is_empty() {
                    scratch.content.push(' ');
                }
                scratch.content.push_str(lower);
            }
        }
    }
    if letters > 0 {
        if let Some(info) = whatlang.detect(&scratch.content) {
            if let Some(i) = langs.iter().position(|&l| to_whatlang(l) == info.lang()) {
                let size = (letters as f64 / TRIGRAM_FULL_LETTERS).min(1.0);
                scores[i] += TRIGRAMS * info.confidence() * size;
            }
        }
    }
    Evidence { scores, letters }
}

/// The whatlang code of a language.
pub(crate) fn to_whatlang(lang: Lang) -> whatlang::Lang {
    use whatlang::Lang as W;
    match lang {
        Lang::Ar => W::Ara,
        Lang::Da => W::Dan,
        Lang::De => W::Deu,
        Lang::El => W::Ell,
        Lang::En => W::Eng,
        Lang::Es => W::Spa,
        Lang::Fi => W::Fin,
        Lang::Fr => W::Fra,
        Lang::Hu => W::Hun,
        Lang::It => W::Ita,
        Lang::Nl => W::Nld,
        Lang::No => W::Nob,
        Lang::Pt => W::Por,
        Lang::Ro => W::Ron,
        Lang::Ru => W::Rus,
        Lang::Sv => W::Swe,
        Lang::Ta => W::Tam,
        Lang::Tr => W::Tur,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_function_words() {
        for lang in Lang::ALL {
            let n = lexicon().values().filter(|&&m| m & bit(lang) != 0).count();
            assert!(n >= 20, "{lang}: only {n} function words");
        }
    }

    #[test]
    fn neutral_tokens() {
        for w in ["OpenAI", "IA", "GPT-4o", "Altman", "Mais"] {
            assert!(is_neutral(w), "{w}");
        }
        assert!(!is_neutral("modèle"));
    }
}
