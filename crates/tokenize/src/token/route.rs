//! The rules of each language, chosen by language: the only module that
//! knows which languages have token rules of their own (`fr`: French, and
//! Italian elisions; `en`: English). Data flows one way: `shared` rules,
//! then the language modules, then this router, which the tokenizer calls.

use super::kind::{Token, TokenKind};
use super::{en, fr};
use crate::lang::Lang;

/// Splits a finished word `text[s..e]` (UAX #29 segments joined over
/// hyphens) by the rules of `lang` and pushes it.
pub(super) fn finish(text: &str, s: usize, e: usize, lang: Option<Lang>, out: &mut Vec<Token>) {
    let w = &text[s..e];
    if !w.contains(char::is_alphabetic) {
        if lang == Some(Lang::En) {
            en::split_number_compound(text, s, e, out);
        } else {
            out.push(Token {
                start: s,
                end: e,
                kind: TokenKind::Number,
            });
        }
        return;
    }
    match lang {
        Some(Lang::Fr) => fr::word(text, s, e, out),
        Some(Lang::It) => fr::italian_word(text, s, e, out),
        Some(Lang::En) => en::word(text, s, e, out),
        _ => out.push(Token {
            start: s,
            end: e,
            kind: TokenKind::Word,
        }),
    }
}

/// True when `word`, followed by an apostrophe, is an elided article or
/// pronoun in `lang` (`l`, `qu`, Italian `dell`).
pub(super) fn elided(lang: Option<Lang>, word: &str) -> bool {
    fr::is_elision(lang, word)
}

/// Words written fused that `lang` counts as two (English `alot`): pushes
/// them and returns true, or returns false.
pub(super) fn fused(
    text: &str,
    s: usize,
    e: usize,
    lang: Option<Lang>,
    out: &mut Vec<Token>,
) -> bool {
    lang == Some(Lang::En) && en::split_fused(text, s, e, out)
}
