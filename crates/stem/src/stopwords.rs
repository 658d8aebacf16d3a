//! Stop-word lists per language, shipped as data in `stopwords/<code>.txt`
//! (each file's header notes how it was written and reviewed), and the
//! user's own additions and exceptions.

use crate::normalize_term_into;
use duolex_tokenize::Lang;
use rustc_hash::FxHashSet as HashSet;

macro_rules! lists {
    ($($lang:ident => $file:literal),* $(,)?) => {
        fn shipped_text(lang: Lang) -> &'static str {
            match lang {
                $(Lang::$lang => include_str!(concat!("../stopwords/", $file, ".txt")),)*
            }
        }
    };
}

lists!(
    Ar => "ar", Da => "da", De => "de", El => "el", En => "en", Es => "es",
    Fi => "fi", Fr => "fr", Hu => "hu", It => "it", Nl => "nl", No => "no",
    Pt => "pt", Ro => "ro", Ru => "ru", Sv => "sv", Ta => "ta", Tr => "tr",
);

/// A set of normalised stop words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StopWords {
    words: HashSet<String>,
}

impl StopWords {
    /// The list shipped for `lang`.
    pub fn shipped(lang: Lang) -> Self {
        StopWords::empty().with_list(shipped_text(lang))
    }

    /// No stop words at all.
    pub fn empty() -> Self {
        StopWords::default()
    }

    /// Adds the words of a list: one word per line, `#` starts a comment.
    pub fn with_list(mut self, list: &str) -> Self {
        for line in list.lines() {
            let word = line.split('#').next().unwrap_or("").trim();
            if !word.is_empty() {
                let mut form = String::new();
                normalize_term_into(word, &mut form);
                self.words.insert(form);
            }
        }
        self
    }

    /// Removes words that must be counted even if a list names them.
    pub fn without<'a>(mut self, keep: impl IntoIterator<Item = &'a str>) -> Self {
        let mut form = String::new();
        for word in keep {
            normalize_term_into(word.trim(), &mut form);
            self.words.remove(&form);
        }
        self
    }

    /// Whether a normalised word is a stop word.
    pub fn contains(&self, normalized: &str) -> bool {
        self.words.contains(normalized)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_lists_and_exceptions() {
        let s = StopWords::shipped(Lang::Fr)
            .with_list("# mine\nDeepSeek\n")
            .without(["plus"]);
        assert!(s.contains("deepseek"));
        assert!(!s.contains("plus"));
        assert!(s.contains("l'"));
    }
}
