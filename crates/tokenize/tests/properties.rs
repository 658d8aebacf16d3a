//! Invariants of tokens and pieces on arbitrary text.

use duolex_tokenize::{pieces, tokenize, tokenize_into, Boundary, Lang, TokenKind};
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

/// Sentences around abbreviations, initials and full stops.
fn abbreviated() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "Prof.", "M.", "Mme.", "Dr.", "etc.", "Inc.", "Jan.", "av.", "J.-C.", "U.S.", "e.g.", "I.",
        "A.", "x.", "Smith", "dupont", "Paris", "est", "(", "«", "»", "-", "'", "’", ",", ".",
        "...", " ", " ", " ", "\n", "l’", "_",
    ]);
    prop::collection::vec(parts, 0..24).prop_map(|v| v.concat())
}

proptest! {
    /// The tokenizer and the segmenter read the same abbreviation lists: a
    /// full stop that a token keeps (`Prof.`, `J.-C.`) never ends a sentence,
    /// whatever the language the tokenizer was given (the segmenter does not
    /// know it, and takes an abbreviation of any language for one).
    #[test]
    fn a_full_stop_kept_in_a_token_ends_no_sentence(text in abbreviated()) {
        let ps = pieces(&text);
        for lang in [None, Some(Lang::Fr), Some(Lang::En), Some(Lang::It)] {
            for t in tokenize(&text, lang) {
                if !t.text(&text).ends_with('.') {
                    continue;
                }
                let cut = ps.windows(2).any(|w| w[0].end == t.end && w[1].before == Boundary::Sentence);
                prop_assert!(!cut, "{:?} ends a sentence after {:?} in {:?}", lang, t.text(&text), text);
            }
        }
    }
}

#[test]
fn abbreviations_end_no_sentence() {
    let text =
        |t: &str| -> Vec<String> { pieces(t).iter().map(|p| p.text(t).to_string()).collect() };
    // `Prof.` kept its full stop as a token yet ended a sentence.
    assert_eq!(
        text("He met Prof. Smith. Then he left."),
        ["He met Prof. Smith.", "Then he left."]
    );
    assert_eq!(
        text("Le Prof. Dupont et Mme. Durand, etc. Fin."),
        ["Le Prof. Dupont et Mme. Durand, etc. Fin."]
    );
    assert_eq!(
        text("(J.-C. Decaux) en 52 av. J.-C. Puis"),
        ["(J.-C. Decaux) en 52 av. J.-C. Puis"]
    );
    // A lone capital is an initial only before a capitalised word.
    assert_eq!(text("vitamin C. then"), ["vitamin C.", "then"]);
    assert_eq!(text("C. Dupont"), ["C. Dupont"]);
    assert_eq!(text("It was fine. Then"), ["It was fine.", "Then"]);
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
