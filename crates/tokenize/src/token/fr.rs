//! French (and Italian elision) rules.
//!
//! - Elided articles, pronouns and conjunctions are split off with their
//!   apostrophe (`l’` + `IA`, `jusqu’` + `à`, `qu’` + `est` + `-ce`); a word
//!   that merely holds an apostrophe stays whole (`aujourd’hui`,
//!   `presqu’île`, `prud’homme`), as do `quelqu’un`, `c’est-à-dire`, `l’on`.
//! - Hyphenated compounds stay whole (`États-Unis`, `peut-être`,
//!   `celui-ci`), except the pronouns UD French GSD treats as words of their
//!   own: inverted subjects (`a` + `-t-il`, `dit` + `-elle`, `est` + `-ce`),
//!   pronouns after an imperative (`suis` + `-moi`, `allez` + `-y`) and the
//!   demonstrative particles after a noun (`fois` + `-ci`, `jour` + `-là`).

use super::kind::{Token, TokenKind};
use super::shared::{eq_fold, is_hyphen, push_simple};
use crate::lang::Lang;
use crate::word::is_apostrophe;

/// French elided words, written without the apostrophe. `y` is colloquial
/// (`y’a` for `il y a`).
const FR_ELISIONS: [&str; 14] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "y",
];
/// Italian elided forms, without the apostrophe.
const IT_ELISIONS: [&str; 19] = [
    "l", "dell", "all", "dall", "nell", "sull", "coll", "un", "quest", "quell", "c", "d", "m", "t",
    "s", "v", "n", "tutt", "senz",
];

/// True if `word` (without its apostrophe) is an elided form in `lang`
/// (French or Italian).
pub(super) fn is_elision(lang: Option<Lang>, word: &str) -> bool {
    let list: &[&str] = match lang {
        Some(Lang::Fr) => &FR_ELISIONS,
        Some(Lang::It) => &IT_ELISIONS,
        _ => return false,
    };
    word.len() <= 6 && list.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Words that keep their apostrophe although they start like an elision.
/// `t’il` is a frequent misspelling of `-t-il`.
const WHOLE: [&str; 10] = [
    "c'est-à-dire",
    "l'on",
    "quelqu'un",
    "quelqu'une",
    "entr'acte",
    "t'il",
    "t'elle",
    "t'on",
    "t'ils",
    "t'elles",
];

/// Splits leading elisions off `text[s..e]`, pushing them; returns where the
/// rest starts.
fn split_elisions(
    text: &str,
    mut s: usize,
    e: usize,
    lang: Option<Lang>,
    out: &mut Vec<Token>,
) -> usize {
    let w = &text[s..e];
    if !w.contains(is_apostrophe) {
        return s;
    }
    if lang == Some(Lang::Fr) && WHOLE.iter().any(|x| eq_fold(w, x)) {
        return s;
    }
    while let Some(pos) = text[s..e].find(is_apostrophe) {
        let ap_len = text[s + pos..].chars().next().map_or(1, char::len_utf8);
        let rest = s + pos + ap_len;
        if is_elision(lang, &text[s..s + pos]) && text[rest..e].starts_with(char::is_alphabetic) {
            out.push(Token {
                start: s,
                end: rest,
                kind: TokenKind::Elision,
            });
            s = rest;
            if lang == Some(Lang::Fr) && WHOLE.iter().any(|x| eq_fold(&text[s..e], x)) {
                break;
            }
        } else {
            break;
        }
    }
    s
}

/// Italian: elisions only (`dell’anno`).
pub(super) fn italian_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let s = split_elisions(text, s, e, Some(Lang::It), out);
    out.push(Token {
        start: s,
        end: e,
        kind: TokenKind::Word,
    });
}

/// Subject pronouns that follow their verb (`dit-elle`, `est-ce`).
const SUBJECTS: [&str; 11] = [
    "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "iel",
];
/// Object pronouns after an imperative (`suis-moi`, `dis-le-lui`, `vas-y`).
const OBJECTS: [&str; 11] = [
    "moi", "toi", "le", "la", "les", "lui", "leur", "en", "y", "nous", "vous",
];
/// Compounds ending like a pronoun that are words of their own.
const LEXICAL: [&str; 10] = [
    "rendez-vous",
    "chez-nous",
    "chez-vous",
    "chez-moi",
    "chez-toi",
    "chez-lui",
    "entre-nous",
    "vis-à-vis",
    "c'est-à-dire",
    "par-ci",
];
/// Demonstratives and adverbs that keep `-ci` / `-là` (`celui-ci`, `là-bas`
/// has no particle at the end).
const KEEPS_PARTICLE: [&str; 10] = [
    "celui", "celle", "ceux", "celles", "ce", "jusque", "par", "de", "ici", "là",
];

/// The last hyphen-separated part of `w`, as (offset of its hyphen, part).
fn last_part(w: &str) -> Option<(usize, &str)> {
    let h = w.rfind(['-', '\u{2010}', '\u{2011}'])?;
    let hl = w[h..].chars().next().map_or(1, char::len_utf8);
    Some((h, &w[h + hl..]))
}

/// Where the pronouns after a verb start in `w` (a byte offset), if any:
/// `a-t-il` → 1, `dis-le-moi` → 3, `fois-ci` → 4.
fn pronoun_start(w: &str) -> Option<usize> {
    if !w.contains(is_hyphen) || LEXICAL.iter().any(|x| eq_fold(w, x)) {
        return None;
    }
    let mut cut = w.len();
    let mut found = false;
    // At most three pronouns: `donne-le-moi`, `allez-vous-en`.
    for round in 0..3 {
        let head = &w[..cut];
        let Some((h, part)) = last_part(head) else {
            break;
        };
        let before = &head[..h];
        if before.is_empty() || !before.chars().all(|c| c.is_alphabetic() || is_hyphen(c)) {
            break;
        }
        let euphonic_t = last_part(before).filter(|(_, p)| eq_fold(p, "t"));
        if round == 0 && SUBJECTS.iter().any(|p| eq_fold(part, p)) {
            if let Some((t, _)) = euphonic_t {
                // a-t-il, va-t-on: `-t-il` is one word.
                if t == 0 {
                    break;
                }
                cut = t;
            } else {
                cut = h;
            }
            found = true;
            break; // a subject comes last and alone
        }
        if round == 0 && (eq_fold(part, "ci") || eq_fold(part, "là")) {
            if !KEEPS_PARTICLE.iter().any(|p| eq_fold(before, p)) && !before.contains('-') {
                cut = h;
                found = true;
            }
            break;
        }
        if OBJECTS.iter().any(|p| eq_fold(part, p)) {
            cut = h;
            found = true;
            continue;
        }
        break;
    }
    (found && cut > 0).then_some(cut)
}

/// A French word: elisions, then the verb and its pronouns, each pushed.
pub(super) fn word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let s = split_elisions(text, s, e, Some(Lang::Fr), out);
    let w = &text[s..e];
    let Some(cut) = pronoun_start(w) else {
        push_simple(text, s, e, out);
        return;
    };
    out.push(Token {
        start: s,
        end: s + cut,
        kind: TokenKind::Word,
    });
    // Each pronoun with its hyphen; `-t-il` stays one.
    let tail_start = s + cut;
    let tail = &text[tail_start..e];
    let mut hyphens = tail
        .char_indices()
        .filter(|&(_, c)| is_hyphen(c))
        .map(|(i, _)| i)
        .peekable();
    while let Some(a) = hyphens.next() {
        let mut b = hyphens.peek().copied().unwrap_or(tail.len());
        let hl = tail[a..].chars().next().map_or(1, char::len_utf8);
        if b < tail.len() && eq_fold(&tail[a + hl..b], "t") {
            hyphens.next();
            b = hyphens.peek().copied().unwrap_or(tail.len());
        }
        out.push(Token {
            start: tail_start + a,
            end: tail_start + b,
            kind: TokenKind::Word,
        });
    }
}
