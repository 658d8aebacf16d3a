//! Abbreviations written with a full stop: one list per language, read by
//! the tokenizer (which keeps the full stop on the word: `M.`, `Prof.`,
//! `etc.`) and by the segmenter (`units`, where such a full stop does not
//! end a sentence). The segmenter runs before languages are known, so it
//! takes an abbreviation of any language for one.

use crate::lang::Lang;
use crate::word::is_single_capital;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Abbreviations per language. Lowercase entries also match with a capital
/// first letter or in capitals; others match as written or in capitals.
fn listed(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Corp", "Ltd",
            "Co", "Bros", "Pvt", "Capt", "Gen", "Col", "Lt", "Sgt", "Maj", "Gov", "Sen", "Rep",
            "Rev", "Hon", "Pres", "Adm", "Cmdr", "Ave", "Blvd", "Rd", "Mt", "Ft", "Jan", "Feb",
            "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc",
            "ext", "approx", "dept", "est", "fig", "vol", "pp", "ca", "cf", "al", "Univ", "Assn",
        ],
        Lang::Fr => &[
            "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Prof", "Me", "St", "Ste", "Sts",
            "Cie", "av", "apr", "etc", "cf", "env", "p", "pp", "vol", "éd", "chap", "fig", "janv",
            "févr", "avr", "juil", "déc", "hab", "boul", "bd",
        ],
        _ => &[],
    }
}

/// Every written form an entry matches (see [`listed`]).
fn forms(entries: &[&str], into: &mut HashSet<String>) {
    for &a in entries {
        into.insert(a.to_string());
        into.insert(a.to_uppercase());
        let mut chars = a.chars();
        if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
            into.insert(first.to_uppercase().chain(chars).collect());
        }
    }
}

/// The forms of each language's list, by [`Lang::index`], then those of
/// all languages together.
fn sets() -> &'static [HashSet<String>] {
    static SETS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut sets = Vec::with_capacity(Lang::ALL.len() + 1);
        let mut any = HashSet::new();
        for lang in Lang::ALL {
            let mut set = HashSet::new();
            forms(listed(lang), &mut set);
            any.extend(set.iter().cloned());
            sets.push(set);
        }
        sets.push(any);
        sets
    })
}

/// Whose abbreviations count: one language's, none (`None`: initials and
/// dotted forms only, as for text of no known language), or every
/// language's (the segmenter's choice).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Langs {
    One(Option<Lang>),
    Any,
}

impl Langs {
    fn set(self) -> Option<&'static HashSet<String>> {
        match self {
            Langs::One(None) => None,
            Langs::One(Some(lang)) => Some(&sets()[lang.index()]),
            Langs::Any => sets().last(),
        }
    }

    /// The language whose particular rules apply, if one.
    fn lang(self) -> Option<Lang> {
        match self {
            Langs::One(lang) => lang,
            Langs::Any => None,
        }
    }
}

/// A single capital letter, as in an initial (`J.`), but not English `I`.
pub(crate) fn is_initial(word: &str, langs: Langs) -> bool {
    is_single_capital(word) && !(langs.lang() == Some(Lang::En) && word == "I")
}

/// True when `word`, followed by a full stop, is an abbreviation that keeps
/// it: an initial (`J.`), letters between full stops (`U.S.`, `e.g.`,
/// `Ph.D.`), or a listed abbreviation (`Mr.`, `etc.`).
pub(crate) fn is_abbreviation(word: &str, langs: Langs) -> bool {
    if is_initial(word, langs) {
        return true;
    }
    if word.contains('.') {
        let mut one_letter = false;
        let dotted = word.split('.').all(|p| {
            let n = p.chars().count();
            one_letter |= n == 1;
            (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
        });
        return dotted && one_letter;
    }
    langs.set().is_some_and(|set| set.contains(word))
}

/// True when the full stop right after the word `text[s..e]` belongs to it:
/// the word is an abbreviation, the full stop does not start an ellipsis
/// (`etc...`) and does not end the text (then it ends the sentence too, and
/// UD counts it as punctuation); a lone capital is an initial only before a
/// capitalised word (`J. Chirac`) or another initial (`J.-C.`).
pub(crate) fn keeps_full_stop(text: &str, s: usize, e: usize, langs: Langs) -> bool {
    let word = &text[s..e];
    let after = &text[e + 1..];
    if after.starts_with("..") || !is_abbreviation(word, langs) {
        return false;
    }
    let rest = after.trim_start_matches(|c: char| {
        matches!(c, ')' | ']' | '"' | '»' | '”' | '’' | '\'' | ',' | ';')
    });
    if rest.trim_start().is_empty() {
        return false;
    }
    if is_initial(word, langs) {
        let next = if let Some(r) = after.strip_prefix(['-', '\u{2010}']) {
            r
        } else if after.starts_with(char::is_whitespace) {
            after.trim_start()
        } else {
            return false;
        };
        return next.starts_with(char::is_uppercase);
    }
    true
}

/// Whether the full stop at `text[at]` belongs to the word before it in
/// some language, as the tokenizer decides: the segmenter's question (such
/// a stop ends no sentence). The word is the tokenizer's, what UAX #29 keeps
/// in one segment: letters and digits, with `.`, `'` or `’` between two
/// letters, read back from `at` but not before `from` (so only one word is
/// read). An initial after `.-` ends a chain (`J.-C`, `av.-J.-C`), whose last
/// stop the tokenizer keeps when the chain's first stop is kept.
pub(crate) fn ends_abbreviation(text: &str, from: usize, mut at: usize) -> bool {
    loop {
        let before = &text[from..at];
        let start = segment_start(before);
        let word = &before[start..];
        if word.is_empty() {
            return false;
        }
        if keeps_full_stop(text, from + start, at, Langs::Any) {
            return true;
        }
        let link = before[..start]
            .strip_suffix(['-', '\u{2010}', '\u{2011}'])
            .and_then(|head| head.strip_suffix('.'));
        match link {
            // The stop before the hyphen decides (a loop: chains may be long).
            Some(head) if is_single_capital(word) => at = from + head.len(),
            _ => return false,
        }
    }
}

/// Where the last UAX #29 word segment of `before` starts, as far as an
/// abbreviation can tell: letters and digits, and `.`, `'` or `’` between
/// two letters.
fn segment_start(before: &str) -> usize {
    let mut start = before.len();
    let mut chars = before.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let prev = chars.peek().map(|&(_, p)| p);
        let between_letters = matches!(c, '.' | '\'' | '’')
            && before[start..].starts_with(char::is_alphabetic)
            && prev.is_some_and(char::is_alphabetic);
        if !(c.is_alphanumeric() || between_letters) {
            break;
        }
        start = i;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_the_lists() {
        let en = Langs::One(Some(Lang::En));
        for w in ["Mr", "MR", "etc", "Etc", "ETC", "Prof", "PROF"] {
            assert!(is_abbreviation(w, en), "{w}");
        }
        for w in ["mr", "eTC", "prof", "Mme"] {
            assert!(!is_abbreviation(w, en), "{w}");
        }
        let fr = Langs::One(Some(Lang::Fr));
        assert!(is_abbreviation("Éd", fr) && is_abbreviation("ÉD", fr));
        assert!(is_abbreviation("Prof", fr) && !is_abbreviation("Inc", fr));
        assert!(is_abbreviation("Inc", Langs::Any) && is_abbreviation("Mme", Langs::Any));
        assert!(!is_abbreviation("Mme", Langs::One(None)));
        assert!(is_abbreviation("U.S", Langs::One(None)) && is_abbreviation("J", Langs::One(None)));
        assert!(!is_abbreviation("I", en) && is_abbreviation("I", Langs::Any));
    }
}
