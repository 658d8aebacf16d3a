//! English rules, after the conventions of UD English EWT.
//!
//! - Contractions stay as written (`don't`, `I'm`, `it's`); the possessive
//!   `'s` is split off (`DeepSeek` + `'s`) — duolex's rule for counting,
//!   although EWT keeps possessives whole — except after pronouns and
//!   wh-words where `'s` is `is`/`has` (`that's`), after digits (`90's`) and
//!   single capitals (`A's`).
//! - Hyphenated compounds are split (`15-year` → `15` + `year`, `al-Qaeda`
//!   → `al` + `Qaeda`) unless their first part is a prefix (`e-mail`,
//!   `non-human`, `re-wording`); phone numbers stay whole (`853-3242`).
//! - `alot` is two words.

use super::kind::{Token, TokenKind};
use super::shared::{eq_fold, is_digits, is_hyphen, push_simple};
use crate::word::is_single_capital;

/// Prefixes written with a hyphen that EWT keeps inside the word.
const PREFIXES: [&str; 47] = [
    "a", "anti", "bi", "co", "counter", "cross", "de", "dis", "e", "eco", "ex", "extra", "hyper",
    "inter", "intra", "macro", "mega", "meta", "micro", "mid", "mini", "mis", "multi", "neo",
    "non", "o", "over", "pan", "para", "post", "pre", "pro", "pseudo", "quasi", "re", "semi",
    "socio", "sub", "super", "trans", "tri", "ultra", "un", "under", "uni", "vice", "x",
];

/// Words before `'s` where it is a verb (`is`, `has`, `us`), not a possessive.
const S_IS_VERB: [&str; 16] = [
    "it",
    "that",
    "he",
    "she",
    "there",
    "here",
    "what",
    "who",
    "where",
    "how",
    "let",
    "when",
    "why",
    "this",
    "everything",
    "nothing",
];

/// Words written fused that EWT counts as two: `alot` → `a` + `lot`.
/// Pushes them and returns true, or returns false.
pub(super) fn split_fused(text: &str, s: usize, e: usize, out: &mut Vec<Token>) -> bool {
    if !eq_fold(&text[s..e], "alot") {
        return false;
    }
    for (a, b) in [(s, s + 1), (s + 1, e)] {
        out.push(Token {
            start: a,
            end: b,
            kind: TokenKind::Word,
        });
    }
    true
}

/// A number with hyphens: a phone number (`853-3242`, `303-832-8160`,
/// groups of up to three digits then four) stays whole, ranges and scores
/// are split (`1998-30` → `1998` + `30`).
pub(super) fn split_number_compound(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let w = &text[s..e];
    let mut groups = w.split(is_hyphen);
    let n = w.split(is_hyphen).count();
    let phone = n >= 2
        && w.split(is_hyphen).enumerate().all(|(i, g)| {
            if i + 1 == n {
                is_digits(g, 4, 4)
            } else {
                is_digits(g, 1, 3)
            }
        });
    if n == 1 || phone {
        out.push(Token {
            start: s,
            end: e,
            kind: TokenKind::Number,
        });
        return;
    }
    let mut a = s;
    for g in groups.by_ref() {
        if !g.is_empty() {
            out.push(Token {
                start: a,
                end: a + g.len(),
                kind: TokenKind::Number,
            });
        }
        a += g.len();
        a += text[a..e].chars().next().map_or(0, char::len_utf8);
    }
}

/// An English word, pushed part by part.
pub(super) fn word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let w = &text[s..e];
    if !w.contains(is_hyphen) {
        simple(text, s, e, out);
        return;
    }
    let mut a = s; // start of the current token
    let mut part_start = s;
    let mut first = true;
    for (i, c) in w.char_indices().filter(|&(_, c)| is_hyphen(c)) {
        let h = s + i;
        let part = &text[part_start..h];
        let keep_joined = first && PREFIXES.iter().any(|p| eq_fold(part, p));
        first = false;
        part_start = h + c.len_utf8();
        if !keep_joined {
            simple(text, a, h, out);
            a = part_start;
        }
    }
    simple(text, a, e, out);
}

/// A word without hyphens that split: possessive, fused words, units.
fn simple(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if e <= s || split_fused(text, s, e, out) {
        return;
    }
    let w = &text[s..e];
    let head = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|suffix| w.strip_suffix(suffix));
    if let Some(head) = head {
        let possessive = head.ends_with(char::is_alphanumeric)
            && !head.bytes().all(|b| b.is_ascii_digit())
            && !is_single_capital(head)
            && !S_IS_VERB.iter().any(|p| eq_fold(head, p));
        if possessive {
            let cut = s + head.len();
            out.push(Token {
                start: s,
                end: cut,
                kind: TokenKind::Word,
            });
            out.push(Token {
                start: cut,
                end: e,
                kind: TokenKind::Clitic,
            });
            return;
        }
    }
    push_simple(text, s, e, out);
}
