//! Abbreviations written with a full stop: one list per language, read by
//! the tokenizer (which keeps the full stop on the word: `M.`, `Prof.`,
//! `etc.`).

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
            "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "St", "Ste", "Sts", "Cie",
            "av", "apr", "etc", "cf", "env", "p", "pp", "vol", "éd", "chap", "fig", "janv", "févr",
            "avr", "juil", "déc", "hab", "boul", "bd",
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

/// The forms of each language's list, by [`Lang::index`].
fn sets() -> &'static [HashSet<String>] {
    static SETS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut sets = Vec::with_capacity(Lang::ALL.len());
        for lang in Lang::ALL {
            let mut set = HashSet::new();
            forms(listed(lang), &mut set);
            sets.push(set);
        }
        sets
    })
}

/// Whose abbreviations count: one language's, or none (`None`: initials
/// and dotted forms only, as for text of no known language).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Langs {
    One(Option<Lang>),
}

impl Langs {
    fn set(self) -> Option<&'static HashSet<String>> {
        match self {
            Langs::One(None) => None,
            Langs::One(Some(lang)) => Some(&sets()[lang.index()]),
        }
    }

    /// The language whose particular rules apply, if one.
    fn lang(self) -> Option<Lang> {
        match self {
            Langs::One(lang) => lang,
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
        assert!(!is_abbreviation("Inc", fr));
        assert!(!is_abbreviation("Mme", Langs::One(None)));
        assert!(is_abbreviation("U.S", Langs::One(None)) && is_abbreviation("J", Langs::One(None)));
        assert!(!is_abbreviation("I", en) && is_abbreviation("I", Langs::One(None)));
    }
}
