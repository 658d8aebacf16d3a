//! Invariants of tokens and pieces on arbitrary text.

use duolex_tokenize::{pieces, tokenize, tokenize_into, Lang, TokenKind};
use proptest::prelude::*;

/// Text that mixes the characters the rules care about.
fn tricky() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "l’",
        "l'",
        "qu’",
        "aujourd’hui",
        "États",
        "-",
        "Unis",
        "'s",
        " ",
        "\u{a0}",
        "\u{202f}",
        "1",
        "000",
        ",",
        ".",
        "«",
        "»",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "@",
        "#",
        "http://",
        "www.",
        "a",
        "IA",
        "\n",
        "\n\n",
        ":",
        "—",
        "🚀",
        "\u{ad}",
        "é",
        "e\u{301}",
        "x@y.fr",
        "?",
        "(",
        ")",
        "M.",
        "J.-C.",
        "U.S.",
        "...",
        "20h30",
        "08:02",
        "08/16/2000",
        "b/c",
        "-0,8",
        "+",
        "n°",
        "a-t-il",
        "dit-elle",
        "donne-le-moi",
        "fois-ci",
        "15-year",
        "e-mail",
        "713-853-3242",
        "160km",
        "70's",
        "alot",
        ":-)",
        ";)",
        "<3",
        "x@y",
        "https://a.fr/(b)",
        "👩\u{200d}💻",
        "Déjà",
    ]);
    prop::collection::vec(parts, 0..40).prop_map(|v| v.concat())
}

/// Every language duolex knows, and none.
fn all_langs() -> impl Strategy<Value = Option<Lang>> {
    prop::sample::select(
        std::iter::once(None)
            .chain(Lang::ALL.iter().copied().map(Some))
            .collect::<Vec<_>>(),
    )
}

fn langs() -> impl Strategy<Value = Option<Lang>> {
    prop::sample::select(vec![
        None,
        Some(Lang::Fr),
        Some(Lang::En),
        Some(Lang::It),
        Some(Lang::De),
    ])
}

proptest! {
    #[test]
    fn token_spans_slice_the_text_in_order(text in tricky(), lang in langs()) {
        let mut last = 0;
        for t in tokenize(&text, lang) {
            prop_assert!(t.start >= last && t.end > t.start && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            // Digit groups: no-break and thin spaces, and in French plain spaces (`80 000`).
            let group_space = |c: char| matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
                || (c == ' ' && lang == Some(Lang::Fr) && t.kind == TokenKind::Number);
            let inner_space = t.text(&text).chars().any(|c| c.is_whitespace() && !group_space(c));
            prop_assert!(!inner_space, "token {:?} holds a space", t.text(&text));
            last = t.end;
        }
    }

    #[test]
    fn every_letter_and_digit_is_in_a_token(text in tricky(), lang in all_langs()) {
        let toks = tokenize(&text, lang);
        let mut covered = vec![false; text.len()];
        for t in &toks {
            covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            // French `n°` (numéro) is a symbol, not a word.
            let numero = lang == Some(Lang::Fr)
                && matches!(c, 'n' | 'N')
                && text[i + 1..].starts_with('°');
            if c.is_alphanumeric() && !numero {
                prop_assert!(covered[i], "{:?} at {} of {:?} in no token", c, i, text);
            }
        }
    }

    #[test]
    fn tokenize_into_appends(text in tricky(), lang in langs()) {
        let alone = tokenize(&text, lang);
        let mut out = tokenize("déjà là", lang);
        let before = out.len();
        tokenize_into(&text, lang, &mut out);
        prop_assert_eq!(&out[before..], &alone[..]);
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>(), lang in all_langs()) {
        let _ = tokenize(&text, lang);
        let _ = pieces(&text);
    }

    #[test]
    fn pieces_are_ordered_trimmed_and_hold_every_letter(text in tricky()) {
        let ps = pieces(&text);
        let mut last = 0;
        let mut covered = vec![false; text.len()];
        for p in &ps {
            prop_assert!(p.start >= last && p.end > p.start);
            let s = p.text(&text);
            prop_assert_eq!(s, s.trim());
            covered[p.start..p.end].iter_mut().for_each(|c| *c = true);
            last = p.end;
        }
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                prop_assert!(covered[i], "letter {:?} at {} outside every piece", c, i);
            }
        }
    }
}

#[test]
fn regressions_found_by_fuzzing() {
    // A digit group that starts with non-ASCII digits or holds U+FEFF.
    for text in ["0001\u{a0}١٢٣", "000\u{a0}1\u{feff}", "1\u{202f}٣٤٥"] {
        for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
            let _ = tokenize(text, lang);
        }
    }
    // A long run of special tokens without spaces must not exhaust the stack.
    let text = "@a".repeat(200_000);
    let n = tokenize(&text, Some(Lang::En)).len();
    assert!(n >= 1);
}
