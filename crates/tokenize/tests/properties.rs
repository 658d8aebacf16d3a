//! Invariants of tokens and pieces on arbitrary text.

use duolex_tokenize::{pieces, tokenize, Lang};
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
    ]);
    prop::collection::vec(parts, 0..40).prop_map(|v| v.concat())
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
            let inner_space = t.text(&text).chars().any(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}'));
            prop_assert!(!inner_space, "token {:?} holds a space", t.text(&text));
            last = t.end;
        }
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>(), lang in langs()) {
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
