//! Rules shared by languages: comparing a word with a list, hyphens,
//! numbers and their units, digit groups. The language modules (`fr`, `en`)
//! build on these; nothing here knows a language's particular rules.

use super::kind::{Token, TokenKind};
use crate::lang::Lang;
use crate::word::is_apostrophe;

/// True when `s` is made of `min..=max` ASCII digits.
pub(super) fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Compares `word` with the lowercase ASCII-or-Latin `lower`, ignoring case
/// and treating `’` and `ʼ` as `'`; allocates nothing.
pub(super) fn eq_fold(word: &str, lower: &str) -> bool {
    // Reads no more of `word` than `lower` is long (plus one character), so
    // that comparing a huge word with a list costs nothing.
    if word.len() == lower.len() && word.is_ascii() {
        // ASCII letters lowercase to ASCII: bytes compare.
        return word.eq_ignore_ascii_case(lower);
    }
    let mut w = word.chars();
    for l in lower.chars() {
        let Some(c) = w.next() else {
            return false;
        };
        let c = if is_apostrophe(c) { '\'' } else { c };
        if c != l && !c.to_lowercase().eq(std::iter::once(l)) {
            return false;
        }
    }
    w.next().is_none()
}

/// `-`, `‐` (U+2010) or the no-break hyphen `‑` (U+2011).
pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Units written right after a number (`160km`, `8gb`, `45p`): the number
/// and the unit are two words, as UD has them. Ordinals (`1er`, `29th`),
/// decades (`1990s`) and names (`3G`) are not units.
const UNITS: [&str; 47] = [
    "k", "K", "m", "mm", "cm", "km", "dm", "kg", "g", "mg", "t", "l", "ml", "cl", "dl", "h", "hr",
    "hrs", "min", "mn", "ms", "gb", "GB", "Gb", "mb", "MB", "Mb", "kb", "KB", "Kb", "TB", "Go",
    "Mo", "Ko", "To", "W", "kW", "MW", "kWh", "Hz", "kHz", "MHz", "GHz", "ha", "lb", "lbs", "p",
];

/// Splits a number written with its unit or an `h` time (`160km`, `20h30`,
/// `23h`): pushes the parts and returns true, or returns false.
pub(super) fn split_units(text: &str, s: usize, e: usize, out: &mut Vec<Token>) -> bool {
    let w = &text[s..e];
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let num = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    if num == w.len() || !w[..num].ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = &w[num..];
    let letters = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let (unit, tail) = rest.split_at(letters);
    let time = matches!(unit, "h" | "H") && (tail.is_empty() || is_digits(tail, 2, 2));
    if !(time || (tail.is_empty() && UNITS.contains(&unit))) {
        return false;
    }
    let u = s + num;
    out.push(Token {
        start: s,
        end: u,
        kind: TokenKind::Number,
    });
    out.push(Token {
        start: u,
        end: u + unit.len(),
        kind: TokenKind::Word,
    });
    if !tail.is_empty() {
        out.push(Token {
            start: u + unit.len(),
            end: e,
            kind: TokenKind::Number,
        });
    }
    true
}

/// Pushes `text[s..e]` as a word or a number, after splitting a unit off.
pub(super) fn push_simple(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if e <= s || split_units(text, s, e, out) {
        return;
    }
    let kind = if text[s..e].contains(char::is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Number
    };
    out.push(Token {
        start: s,
        end: e,
        kind,
    });
}

/// The integer part of a number token, if it is one (`234` in `234,5`).
fn integer_part(t: &str) -> Option<&str> {
    let end = t.find([',', '.']).unwrap_or(t.len());
    let (int, frac) = t.split_at(end);
    let frac_ok =
        frac.is_empty() || (frac.len() > 1 && frac[1..].bytes().all(|b| b.is_ascii_digit()));
    (int.bytes().all(|b| b.is_ascii_digit()) && frac_ok).then_some(int)
}

/// Joins numbers written with digit groups separated by no-break or thin
/// spaces (`1 000 000`), and in French also by plain spaces (`80 000`, as
/// GSD has them): a group of one to three digits, then groups of exactly
/// three.
pub(super) fn merge_grouped_numbers(
    text: &str,
    lang: Option<Lang>,
    out: &mut Vec<Token>,
    first: usize,
) {
    let plain_space = lang == Some(Lang::Fr);
    let mut write = first;
    for read in first..out.len() {
        let t = out[read];
        // Only two numbers in a row can join: look at the gap then.
        if write > first && t.kind == TokenKind::Number && out[write - 1].kind == TokenKind::Number
        {
            let prev = out[write - 1];
            let gap = &text[prev.end..t.start];
            let spaced =
                matches!(gap, "\u{a0}" | "\u{202f}" | "\u{2009}") || (plain_space && gap == " ");
            let grouped = spaced && integer_part(t.text(text)).is_some_and(|g| g.len() == 3) && {
                let p = prev.text(text);
                let last = p.rsplit([' ', '\u{a0}', '\u{202f}', '\u{2009}']).next();
                let whole = last.is_some_and(|g| g.len() < p.len());
                last.is_some_and(|g| is_digits(g, if whole { 3 } else { 1 }, 3))
            };
            if grouped {
                out[write - 1].end = t.end;
                continue;
            }
        }
        out[write] = t;
        write += 1;
    }
    out.truncate(write);
}
