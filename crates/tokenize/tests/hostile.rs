//! Pathological text: long runs of brackets, slashes, digits, apostrophes,
//! hyphens, combining marks, URL ends, one-letter words … through pieces,
//! windows, tokens and term keys in French, English, Italian and no
//! language. Checks that nothing panics, that every span slices the text in
//! order, that tokenising by windows gives the whole text's tokens (where
//! the windows end at clean cuts, as they do unless none lies within reach),
//! and that only blobs, URLs and e-mail addresses exceed `MAX_TOKEN_BYTES`.
//!
//! `fixed_seed` runs in the suite (a few hundred inputs, fixed seed, so a
//! failure reproduces). The long run is ignored by default; run it with
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release -p duolex-tokenize --test hostile -- --ignored
//! ```
//!
//! Time is not asserted here: `bench/growth.py` measures it.

use duolex_stem::TermRules;
use duolex_tokenize::units::{paragraphs, pieces, windows};
use duolex_tokenize::{tokenize, Lang, TokenKind, MAX_TOKEN_BYTES};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Units that hostile inputs repeat.
const UNITS: &[&str] = &[
    ")",
    "(",
    "]",
    "[",
    "/",
    "a/",
    "1/",
    "1",
    "000",
    " 000",
    "\u{a0}000",
    ",",
    ".",
    "…",
    "!?",
    "'",
    "’",
    "l’",
    "qu'",
    "-",
    "a-",
    "-t-il",
    "re-",
    "'s",
    "\u{301}",
    "e\u{301}",
    "a ",
    "a. ",
    "M. ",
    "J.-",
    "« ",
    " »",
    "“",
    "\"",
    "https://a.fr/",
    "www.",
    "http://",
    "@",
    "@a",
    "#a",
    "a@b.",
    "<3,",
    ":-)",
    ":",
    "🚀",
    "\u{200d}",
    "👩",
    "\u{ad}",
    "\u{202f}",
    "\n",
    "\n\n",
    "n°",
    "20h",
    "aia",
    "é",
    "É",
    "I",
    "\u{feff}",
    "\u{0}",
    "_",
    "%",
    "&#",
    "°",
];

/// A hostile text: a few units, each repeated up to `max_repeat` times,
/// with arbitrary short strings in between.
fn hostile(max_repeat: usize) -> impl Strategy<Value = String> {
    let run = (prop::sample::select(UNITS), 1..=max_repeat).prop_map(|(u, n)| u.repeat(n));
    let part =
        prop_oneof![4 => run, 1 => any::<String>().prop_map(|s| s.chars().take(8).collect())];
    prop::collection::vec(part, 1..8).prop_map(|v| v.concat())
}

fn langs() -> impl Strategy<Value = Option<Lang>> {
    prop::sample::select(vec![None, Some(Lang::Fr), Some(Lang::En), Some(Lang::It)])
}

/// The invariants, on one text, language and window size.
fn check(text: &str, lang: Option<Lang>, window: usize) -> Result<(), TestCaseError> {
    let tokens = tokenize(text, lang);
    let mut last = 0;
    for t in &tokens {
        prop_assert!(t.start >= last && t.end > t.start && t.end <= text.len());
        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let long = t.end - t.start > MAX_TOKEN_BYTES;
        let uncapped = matches!(t.kind, TokenKind::Url | TokenKind::Email);
        prop_assert_eq!(t.kind == TokenKind::Blob, long && !uncapped, "{:?}", t);
        last = t.end;
    }
    let mut parts = Vec::new();
    let mut next = 0;
    let mut all_clean = true;
    for w in windows(text, window) {
        prop_assert_eq!(w.start, next);
        next = w.end;
        all_clean &= w.end == text.len() || clean_cut(text, w.end);
        parts.extend(tokenize(&text[w.clone()], lang).into_iter().map(|mut t| {
            t.start += w.start;
            t.end += w.start;
            t
        }));
    }
    prop_assert_eq!(next, text.len());
    // `windows` falls back to plain white space where no clean cut lies
    // within reach (documented there): only clean cuts promise equal tokens.
    if all_clean {
        prop_assert_eq!(parts, tokens.clone());
    }
    let mut last = 0;
    for p in pieces(text) {
        prop_assert!(p.start >= last && p.end > p.start && p.end <= text.len());
        prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        last = p.end;
    }
    for r in paragraphs(text) {
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    if let Some(lang) = lang {
        let rules = TermRules::new(lang);
        let mut out = String::new();
        for t in &tokens {
            let _ = rules.term_or_form_into(t.text(text), t.kind, &mut out);
        }
    }
    Ok(())
}

/// A clean cut as `units::windows` defines it, at `end` (just after ASCII
/// white space): the word before holds no full stop, and no digit stands on
/// both sides.
fn clean_cut(text: &str, end: usize) -> bool {
    let ascii_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let before = text[..end].trim_end_matches(ascii_space);
    let word = &before[before.rfind(ascii_space).map_or(0, |i| i + 1)..];
    let next = text[end..].trim_start_matches(ascii_space);
    let digits = word.ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit());
    !word.contains('.') && !digits
}

/// A few hundred hostile inputs from a fixed seed: part of `cargo test`.
#[test]
fn fixed_seed() {
    let config = Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(
            &(hostile(400), langs(), 1usize..300),
            |(text, lang, window)| check(&text, lang, window),
        )
        .unwrap();
}

proptest! {
    #![proptest_config(Config { failure_persistence: None, ..Config::default() })]
    /// The long run: longer repeats, as many cases as `PROPTEST_CASES` asks.
    #[test]
    #[ignore = "long: run with --ignored, see the module documentation"]
    fn long_run(text in hostile(5_000), lang in langs(), window in 1usize..4_096) {
        check(&text, lang, window)?;
    }
}

#[test]
fn the_cap_keeps_windowed_and_whole_tokens_equal() {
    // A blob longer than the window: windows only cut at white space.
    let blob = "a".repeat(MAX_TOKEN_BYTES * 3);
    let text = format!("l’{blob} 1 000 {blob}. M. {blob}");
    for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
        for window in [1, 7, MAX_TOKEN_BYTES, 10_000] {
            check(&text, lang, window).unwrap();
        }
    }
}
