//! # duolex-stem
//!
//! From word tokens to *terms*: normalisation (lowercase, one apostrophe,
//! no soft hyphens, NFC: `duolex_tokenize::word`'s, re-exported here), stop
//! words per language, single letters left out (option letters such as the
//! `n` of `-n`, variables), and the term key — the
//! lowercase Snowball stem (rust-stemmers), except for names and acronyms
//! (`OpenAI`, `DeepSeek`, `IA`), which are keyed on their lowercase form
//! unstemmed so that Snowball French does not merge `OpenAI` with `open`.
//! What users read is a display form chosen by counting (see
//! `duolex-keywords`); the key only groups.
//!
//! ```
//! use duolex_stem::TermRules;
//! use duolex_tokenize::{Lang, TokenKind};
//!
//! let fr = TermRules::new(Lang::Fr);
//! assert_eq!(fr.key("modèles", TokenKind::Word).as_deref(), Some("modèl"));
//! assert_ne!(fr.key("modèle", TokenKind::Word), fr.key("model", TokenKind::Word));
//! assert_eq!(fr.key("Modèle", TokenKind::Word), fr.key("modèle", TokenKind::Word));
//! assert_eq!(fr.key("OpenAI", TokenKind::Word).as_deref(), Some("openai"));
//! assert_eq!(fr.key("IA", TokenKind::Word).as_deref(), Some("ia"));
//! assert_eq!(fr.key("de", TokenKind::Word), None); // stop word
//! assert_eq!(fr.key("l’", TokenKind::Elision), None);
//! ```

mod stopwords;

pub use stopwords::StopWords;

use duolex_tokenize::word::{shape, Shape};
use duolex_tokenize::{form::Form, Lang, TokenKind, MAX_TOKEN_BYTES};
use rust_stemmers::{Algorithm, Stemmer};

/// Written forms remembered per thread and [`TermRules`] before that cache
/// is emptied (see [`TermRules::term_or_form_into`]).
const FORM_CACHE_ENTRIES: usize = 1 << 17;

/// Gives every [`TermRules`] configuration its own number, so that a
/// per-thread cache knows whose answers it holds.
static NEXT_RULES_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn fresh_id() -> u64 {
    NEXT_RULES_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Written word → (is a term, its key or else its normalised form). Short
/// words and keys are stored inline, so a lookup reads one table slot.
type FormCache = rustc_hash::FxHashMap<Form, (bool, Form)>;

thread_local! {
    /// Per thread and rules (by id), what [`TermRules::term_or_form_into`]
    /// answered for each written form.
    static FORMS: std::cell::RefCell<Vec<(u64, FormCache)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The Snowball algorithm for a language.
fn algorithm(lang: Lang) -> Algorithm {
    match lang {
        Lang::Ar => Algorithm::Arabic,
        Lang::Da => Algorithm::Danish,
        Lang::De => Algorithm::German,
        Lang::El => Algorithm::Greek,
        Lang::En => Algorithm::English,
        Lang::Es => Algorithm::Spanish,
        Lang::Fi => Algorithm::Finnish,
        Lang::Fr => Algorithm::French,
        Lang::Hu => Algorithm::Hungarian,
        Lang::It => Algorithm::Italian,
        Lang::Nl => Algorithm::Dutch,
        Lang::No => Algorithm::Norwegian,
        Lang::Pt => Algorithm::Portuguese,
        Lang::Ro => Algorithm::Romanian,
        Lang::Ru => Algorithm::Russian,
        Lang::Sv => Algorithm::Swedish,
        Lang::Ta => Algorithm::Tamil,
        Lang::Tr => Algorithm::Turkish,
    }
}

pub use duolex_tokenize::word::{normalize, normalize_into};

/// [`normalize_into`], then the full stop that abbreviation tokens keep
/// (`Dr.`, `M.`) is dropped: the form terms and stop words are matched on.
pub fn normalize_term_into(word: &str, out: &mut String) {
    normalize_into(word, out);
    if out.len() > 1 && out.ends_with('.') {
        out.pop();
    }
}

/// True for names and acronyms, keyed unstemmed: a capital after the first
/// letter (`OpenAI`, `iPhone`, `IA`, `NASA`, `États-Unis`) or a digit (`R1`,
/// `GPT-4o`) — [`Shape::Name`] in `duolex_tokenize::word`, which owns the
/// rule. A word with only an initial capital (`Altman`, `Modèle`) is stemmed
/// like any word, so sentence-initial words merge with the rest.
pub fn is_name_like(word: &str) -> bool {
    shape(word) == Shape::Name
}

/// True for a word of one letter (`n`, `K`, `x`): not a term in any
/// language. In running text single letters are option letters (the `n` of
/// `-n`), variables, list markers, units and initials; as with scikit-learn's
/// `CountVectorizer`, which ignores one-character tokens, they are counted as
/// words but never as terms (so `X`, the network, is not one either).
pub fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Snowball French ends by taking the accent off a final `é`/`è`
/// (`modèle` → `model`), which merges French words with English loans in
/// French text (`business model`). When the stem is the word cut short, with
/// only that change, keep the word's own letters instead (`modèl`).
fn keep_french_accents(word: &str, stem: &str) -> String {
    let mut out = String::with_capacity(stem.len() + 2);
    let mut w = word.chars();
    for s in stem.chars() {
        match w.next() {
            Some(c) if c == s || (s == 'e' && matches!(c, 'é' | 'è')) => out.push(c),
            _ => return stem.to_string(),
        }
    }
    out
}

/// How one language turns tokens into term keys.
pub struct TermRules {
    lang: Lang,
    stemmer: Option<Stemmer>,
    stop: StopWords,
    /// Unique to this configuration (see [`fresh_id`]).
    id: u64,
}

impl TermRules {
    /// Rules with stemming and the language's shipped stop words.
    pub fn new(lang: Lang) -> Self {
        TermRules {
            lang,
            stemmer: Some(Stemmer::create(algorithm(lang))),
            stop: StopWords::shipped(lang),
            id: fresh_id(),
        }
    }

    /// Turns stemming off: keys are normalised words.
    pub fn without_stemming(mut self) -> Self {
        self.stemmer = None;
        self.id = fresh_id();
        self
    }

    /// Replaces the stop-word list.
    pub fn with_stop_words(mut self, stop: StopWords) -> Self {
        self.stop = stop;
        self.id = fresh_id();
        self
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The stop words in use.
    pub fn stop_words(&self) -> &StopWords {
        &self.stop
    }

    /// The term key of a token, or `None` when it is not a term: a stop word,
    /// a single letter (see [`is_single_letter`]), an elided article, a
    /// clitic, a token that is not a word, or a word longer than
    /// [`MAX_TOKEN_BYTES`].
    pub fn key(&self, surface: &str, kind: TokenKind) -> Option<String> {
        let mut buf = String::new();
        self.key_into(surface, kind, &mut buf).then_some(buf)
    }

    /// Like [`TermRules::key`], writing the key into `out`; returns false
    /// (and leaves `out` unspecified) when the token is not a term. Answered
    /// from the per-thread cache of [`TermRules::term_or_form_into`].
    pub fn key_into(&self, surface: &str, kind: TokenKind, out: &mut String) -> bool {
        kind == TokenKind::Word && self.term_or_form_into(surface, kind, out)
    }

    /// The uncached answer of [`TermRules::term_or_form_into`] for a word.
    fn word_key(&self, surface: &str, out: &mut String) -> bool {
        if surface.len() > MAX_TOKEN_BYTES {
            // No word is that long (the tokenizer makes it a blob): no term,
            // and no stemming, whose time grows faster than the word.
            normalize_into(surface, out);
            return false;
        }
        normalize_term_into(surface, out);
        if self.stop.contains(out) || !out.chars().any(char::is_alphabetic) || is_single_letter(out)
        {
            normalize_into(surface, out);
            return false;
        }
        if is_name_like(surface) {
            return true;
        }
        if let Some(stemmer) = &self.stemmer {
            let stem = stemmer.stem(out);
            if stem != out.as_str() {
                let stem = if self.lang == Lang::Fr {
                    keep_french_accents(out, &stem)
                } else {
                    stem.into_owned()
                };
                *out = stem;
            }
        }
        true
    }

    /// What counting needs of a token: its term key when it is a term
    /// (returns true), else its normalised form (see [`normalize_into`];
    /// returns false). Word tokens are answered from a per-thread cache by
    /// written form, so a word is normalised, looked up and stemmed once per
    /// thread, not once per occurrence.
    ///
    /// ```
    /// use duolex_stem::TermRules;
    /// use duolex_tokenize::{Lang, TokenKind};
    /// let fr = TermRules::new(Lang::Fr);
    /// let mut out = String::new();
    /// assert!(fr.term_or_form_into("Modèles", TokenKind::Word, &mut out));
    /// assert_eq!(out, "modèl");
    /// assert!(!fr.term_or_form_into("Les", TokenKind::Word, &mut out));
    /// assert_eq!(out, "les");
    /// assert!(!fr.term_or_form_into("l’", TokenKind::Elision, &mut out));
    /// assert_eq!(out, "l'");
    /// ```
    pub fn term_or_form_into(&self, surface: &str, kind: TokenKind, out: &mut String) -> bool {
        if kind != TokenKind::Word {
            normalize_into(surface, out);
            return false;
        }
        if surface.len() > 64 {
            return self.word_key(surface, out);
        }
        FORMS.with(|forms| {
            let mut forms = forms.borrow_mut();
            let at = match forms.iter().position(|(id, _)| *id == self.id) {
                Some(at) => at,
                None => {
                    // Rules come and go (tests, reference corpora): keep a
                    // few configurations' caches at most.
                    if forms.len() >= 8 {
                        forms.clear();
                    }
                    forms.push((self.id, FormCache::default()));
                    forms.len() - 1
                }
            };
            let cache = &mut forms[at].1;
            if let Some((term, key)) = cache.get(surface) {
                out.clear();
                out.push_str(key);
                return *term;
            }
            let term = self.word_key(surface, out);
            if cache.len() >= FORM_CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(Form::new(surface), (term, Form::new(out)));
            term
        })
    }

    /// The stem of a normalised word, or the word itself without stemming
    /// or when it is longer than [`MAX_TOKEN_BYTES`] (no word is).
    pub fn stem<'a>(&self, normalized: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.stemmer {
            Some(s) if normalized.len() <= MAX_TOKEN_BYTES => s.stem(normalized),
            _ => std::borrow::Cow::Borrowed(normalized),
        }
    }
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
        ] {
            assert!(is_name_like(w), "{w}");
        }
        for w in ["Altman", "modèle", "Modèle", "a", "A", "états-unis"] {
            assert!(!is_name_like(w), "{w}");
        }
    }

    #[test]
    fn every_language_stems_and_stops() {
        for lang in Lang::ALL {
            let rules = TermRules::new(lang);
            assert!(rules.stop_words().len() >= 50, "{lang}");
        }
        let en = TermRules::new(Lang::En);
        assert_eq!(en.key("models", TokenKind::Word).as_deref(), Some("model"));
        assert_eq!(en.key("the", TokenKind::Word), None);
        assert_eq!(en.key("'s", TokenKind::Clitic), None);
        assert_eq!(
            en.key("DeepSeek", TokenKind::Word).as_deref(),
            Some("deepseek")
        );
        let de = TermRules::new(Lang::De);
        assert_eq!(
            de.key("Regierungen", TokenKind::Word),
            de.key("Regierung", TokenKind::Word)
        );
    }

    #[test]
    fn domain_words_are_not_stop_words() {
        let en = TermRules::new(Lang::En);
        for w in ["ai", "computer", "system", "research", "data", "model"] {
            assert!(en.key(w, TokenKind::Word).is_some(), "{w}");
        }
        let fr = TermRules::new(Lang::Fr);
        for w in ["ia", "données", "modèle", "système", "recherche"] {
            assert!(fr.key(w, TokenKind::Word).is_some(), "{w}");
        }
    }

    #[test]
    fn french_keys_keep_accents_snowball_drops() {
        let fr = TermRules::new(Lang::Fr);
        let key = |w| fr.key(w, TokenKind::Word).unwrap();
        assert_eq!(key("modèle"), "modèl");
        assert_eq!(key("modèles"), "modèl");
        assert_eq!(key("model"), "model");
        assert_eq!(key("puissants"), key("puissant"));
        assert_eq!(key("américaines"), key("américain"));
    }

    #[test]
    fn abbreviations_key_without_their_full_stop() {
        let en = TermRules::new(Lang::En);
        assert_eq!(
            en.key("Gov.", TokenKind::Word),
            en.key("gov", TokenKind::Word)
        );
        assert_eq!(en.key("Mr.", TokenKind::Word), None);
    }

    #[test]
    fn single_letters_are_not_terms() {
        for lang in [Lang::Fr, Lang::En] {
            let rules = TermRules::new(lang);
            for w in ["n", "K", "x", "X", "é", "M."] {
                assert_eq!(rules.key(w, TokenKind::Word), None, "{lang} {w}");
                let mut out = String::new();
                assert!(!rules.term_or_form_into(w, TokenKind::Word, &mut out));
            }
            for w in ["ls", "IA", "R1", "vi"] {
                assert!(rules.key(w, TokenKind::Word).is_some(), "{lang} {w}");
            }
        }
        assert!(is_single_letter("n") && is_single_letter("É"));
        assert!(!is_single_letter("") && !is_single_letter("1") && !is_single_letter("ab"));
    }

    #[test]
    fn words_longer_than_a_token_are_no_terms() {
        let fr = TermRules::new(Lang::Fr);
        let longest = "a".repeat(MAX_TOKEN_BYTES);
        assert!(fr.key(&longest, TokenKind::Word).is_some());
        // Snowball French rewrites every `i` between vowels: quadratic time
        // on this word if it were stemmed.
        let huge = format!("le{}", "aia".repeat(1 << 20));
        assert_eq!(fr.key(&huge, TokenKind::Word), None);
        let mut out = String::new();
        assert!(!fr.term_or_form_into(&huge, TokenKind::Word, &mut out));
        assert_eq!(out, huge);
        assert_eq!(fr.stem(&huge), huge.as_str());
    }

    #[test]
    fn no_stemming() {
        let fr = TermRules::new(Lang::Fr).without_stemming();
        assert_eq!(
            fr.key("modèles", TokenKind::Word).as_deref(),
            Some("modèles")
        );
    }
}
