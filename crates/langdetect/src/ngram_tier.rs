//! lingua's French–English confidence for short Latin-script samples,
//! computed straight from lingua's own n-gram models.
//!
//! For a detector of French and English only, lingua's answer on a text
//! written in ASCII and the Latin letters of French depends on two things:
//!
//! 1. a character rule: when the text's words hold, on average, at least
//!    half a letter that lingua's table marks as French among our two
//!    languages (`è ê ë î ù û`), the answer is French, 1.0;
//! 2. otherwise, n-gram log-probabilities: every *distinct* n-gram of one
//!    to five letters inside a word is scored in each language by the
//!    longest of its prefixes the language's model knows; the scores are
//!    summed over all lengths, divided by the number of distinct single
//!    letters the model knows, and turned into shares by `exp` and
//!    normalisation.
//!
//! lingua computes the same through general machinery (rule tables for 75
//! languages, a model cache behind a concurrent map, a fresh set of owned
//! n-grams per call) that costs ~250k instructions for a 20-letter sample.
//! Here the scores of each n-gram are looked up once per thread and kept,
//! so a sample costs a few dozen hash lookups. Anything outside that
//! alphabet, or long enough for lingua's trigram-only mode, is left to
//! lingua itself ([`confidence`] returns `None`). A test checks the two
//! against each other on real and generated samples.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::OnceLock;

/// lingua's models of French and English: n-gram → natural log of its
/// probability (the bits of an `f64`).
struct Models {
    fr: fst::Map<&'static [u8]>,
    en: fst::Map<&'static [u8]>,
}

fn models() -> Option<&'static Models> {
    static MODELS: OnceLock<Option<Models>> = OnceLock::new();
    MODELS
        .get_or_init(|| {
            let load = |dir: &'static include_dir::Dir<'static>| {
                let file = dir.get_file("ngrams.fst")?;
                fst::Map::new(file.contents()).ok()
            };
            Some(Models {
                fr: load(&lingua_french_language_model::FRENCH_MODELS_DIRECTORY)?,
                en: load(&lingua_english_language_model::ENGLISH_MODELS_DIRECTORY)?,
            })
        })
        .as_ref()
}

/// From this many letters on, lingua scores trigrams only.
const LONG_TEXT_CHARS: usize = 120;
/// Longest n-gram lingua scores.
const MAX_NGRAM: usize = 5;
/// Scores kept per thread before the memo is emptied.
const MEMO_ENTRIES: usize = 1 << 18;

/// Letters of the Latin script this path handles besides ASCII (lowercase;
/// their uppercase forms are lowercased first).
const LATIN_LETTERS: &str = "àâäçéèêëîïôöùûüÿœæ";
/// Letters that lingua's character rule ties to French when built for
/// French and English (its table lists more, `ç é à â ô` among them, but
/// nested under languages we do not build it with, so they are inactive).
const FRENCH_MARKS: &str = "îûëèùê";
/// Non-letters besides ASCII that may appear in a sample (word separators
/// for lingua).
const OTHER_NON_LETTERS: &str = "’‘«»“”–—…\u{a0}\u{202f}\u{2009}";

thread_local! {
    /// (n-gram packed in a u128) → its score in French and English (NaN:
    /// no prefix known).
    static MEMO: RefCell<FxHashMap<u128, [f64; 2]>> = RefCell::new(FxHashMap::default());
}

/// lingua's confidence values `[French, English]` for `text`, or `None`
/// when `text` is outside what this path reproduces.
pub(crate) fn confidence(text: &str) -> Option<[f64; 2]> {
    let models = models()?;
    let lower = lowercase(text.trim())?;
    // Words: maximal runs of letters.
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Some([0.0, 0.0]);
    }
    let chars: usize = words.iter().map(|w| w.chars().count()).sum();
    if chars >= LONG_TEXT_CHARS {
        return None;
    }
    // The character rule.
    let marks: usize = words
        .iter()
        .map(|w| FRENCH_MARKS.chars().filter(|&c| w.contains(c)).count())
        .sum();
    if marks as f64 >= words.len() as f64 * 0.5 {
        return Some([1.0, 0.0]);
    }
    // The n-gram scores.
    let mut totals = [0.0f64; 2];
    let mut unigrams_known = [0usize; 2];
    let mut seen: Vec<&str> = Vec::new();
    // Each word's character boundaries, for its n-grams of every length.
    let bounds: Vec<Vec<usize>> = words
        .iter()
        .map(|w| {
            w.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(w.len()))
                .collect()
        })
        .collect();
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_ENTRIES {
            memo.clear();
        }
        for n in 1..=MAX_NGRAM.min(chars) {
            seen.clear();
            for (w, b) in words.iter().zip(&bounds) {
                for i in 0..b.len().saturating_sub(n) {
                    let g = &w[b[i]..b[i + n]];
                    if !seen.contains(&g) {
                        seen.push(g);
                    }
                }
            }
            let mut sums = [0.0f64; 2];
            for g in &seen {
                let scores = scores_of(g, models, &mut memo);
                for l in 0..2 {
                    if !scores[l].is_nan() {
                        sums[l] += scores[l];
                        unigrams_known[l] += usize::from(n == 1);
                    }
                }
            }
            for l in 0..2 {
                // lingua keeps a length's sum only when it is negative.
                if sums[l] < 0.0 {
                    totals[l] += sums[l];
                }
            }
        }
    });
    let mut shares = [0.0f64; 2];
    let mut present = [false; 2];
    for l in 0..2 {
        let mut t = totals[l];
        if unigrams_known[l] > 0 {
            t /= unigrams_known[l] as f64;
        }
        if t != 0.0 {
            shares[l] = t.exp();
            present[l] = true;
        }
    }
    if !present.iter().any(|&p| p) {
        return Some([0.0, 0.0]);
    }
    let denominator: f64 = shares.iter().sum();
    if denominator == 0.0 {
        // lingua then falls back on another rule; leave it to lingua.
        return None;
    }
    Some(shares.map(|s| s / denominator))
}

/// `text` lowercased, if every character is ASCII, one of the Latin
/// letters above (in either case) or one of the other non-letters.
fn lowercase(text: &str) -> Option<String> {
    if text.is_ascii() {
        return Some(text.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut lower = c.to_lowercase();
        let l = lower.next()?;
        if lower.next().is_some() {
            return None;
        }
        if LATIN_LETTERS.contains(l) || OTHER_NON_LETTERS.contains(l) {
            out.push(l);
        } else {
            return None;
        }
    }
    Some(out)
}

/// The scores of n-gram `g` in French and English: the log-probability of
/// its longest prefix each model knows (NaN: none).
fn scores_of(g: &str, models: &Models, memo: &mut FxHashMap<u128, [f64; 2]>) -> [f64; 2] {
    let key = pack(g);
    if let Some(s) = key.and_then(|k| memo.get(&k)) {
        return *s;
    }
    let look = |map: &fst::Map<&'static [u8]>| {
        let mut prefix = g;
        while let Some(last) = prefix.chars().next_back() {
            if let Some(bits) = map.get(prefix) {
                return f64::from_bits(bits);
            }
            prefix = &prefix[..prefix.len() - last.len_utf8()];
        }
        f64::NAN
    };
    let s = [look(&models.fr), look(&models.en)];
    if let Some(k) = key {
        memo.insert(k, s);
    }
    s
}

/// `g`'s bytes and length in one number (n-grams of up to 15 bytes).
fn pack(g: &str) -> Option<u128> {
    let b = g.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lingua_values(text: &str) -> [f64; 2] {
        let mut out = [0.0; 2];
        for (lang, p) in crate::evidence::lingua().compute_language_confidence_values(text) {
            out[usize::from(lang == lingua::Language::English)] = p;
        }
        out
    }

    fn check(text: &str) -> bool {
        let Some(fast) = confidence(text) else {
            return false;
        };
        let slow = lingua_values(text);
        for l in 0..2 {
            assert!(
                (fast[l] - slow[l]).abs() < 1e-9,
                "{text:?}: ours {fast:?}, lingua {slow:?}"
            );
        }
        true
    }

    #[test]
    fn same_as_lingua_on_short_samples() {
        let samples = [
            "the model is open",
            "le modèle est ouvert",
            "voir aussi",
            "see also",
            "ça va",
            "déjà vu",
            "l'ia de deepseek",
            "it's a deal",
            "options",
            "a",
            "xyz qqq",
            "naïve cœur",
            "été",
            "où est la gare",
            "rm -rf /tmp",
            "Page d’accueil — « Bienvenue »",
            "ÉTATS-UNIS",
            "prise de conscience",
            "is",
            "de",
            "les données sont publiques",
            "the weights are open to everyone",
        ];
        let mut checked = 0;
        for s in samples {
            checked += usize::from(check(s));
        }
        assert_eq!(checked, samples.len(), "every sample takes the fast path");
        // Outside the alphabet, or long: lingua's.
        assert!(confidence("Ελληνικά").is_none());
        assert!(confidence(&"word ".repeat(40)).is_none());
    }

    #[test]
    fn same_as_lingua_on_generated_samples() {
        // A deterministic mix of letters, French letters, separators.
        let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôùûüÿœæ  '-’«ABÉÈÊŒ09.,"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut checked = 0;
        for _ in 0..3000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Up to past lingua's 120-letter trigram-only threshold.
            let len = 1 + (state % 140) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plain letters, like real text.
                let i = (state % 1000) as usize;
                let c = if i < 800 {
                    alphabet[i % 26]
                } else {
                    alphabet[26 + i % (alphabet.len() - 26)]
                };
                s.push(c);
            }
            checked += usize::from(check(&s));
        }
        assert!(checked > 2000, "{checked}");
    }
}
