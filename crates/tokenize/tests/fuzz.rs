//! A long fuzz-style run: arbitrary bytes (read as UTF-8, invalid bytes
//! replaced; decoding is the pipeline's fuzz target) through tokenize → stem,
//! in every language. Ignored by default; run it with
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release -p duolex-tokenize --test fuzz -- --ignored
//! ```
//!
//! It checks that nothing panics and that every token slices the decoded
//! text in order.

use duolex_stem::TermRules;
use duolex_tokenize::{tokenize, Lang};
use proptest::prelude::*;

/// Bytes that are often text: mostly ASCII and UTF-8 of the characters the
/// rules look at, with arbitrary bytes mixed in.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..8),
        3 => "[ -~]{0,12}".prop_map(String::into_bytes),
        2 => prop::sample::select(vec![
            "l’", "qu'", "-t-il", "'s", "\u{a0}", "\u{202f}", "\u{ad}", "e\u{301}", "🚀", "👩\u{200d}💻",
            "https://", "www.", "@", "#", "J.-C.", "U.S.", ":-)", "n°", "1 000", "20h30",
        ])
        .prop_map(|s: &str| s.as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    #[ignore = "long: run with --ignored, see the module documentation"]
    fn tokenize_stem(bytes in bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        for lang in std::iter::once(None).chain(Lang::ALL.iter().copied().map(Some)) {
            let rules = lang.map(TermRules::new);
            let mut last = 0;
            for t in tokenize(&text, lang) {
                prop_assert!(t.start >= last && t.end > t.start && t.end <= text.len());
                let word = &text[t.start..t.end];
                if let Some(rules) = &rules {
                    let _ = rules.key(word, t.kind);
                }
                last = t.end;
            }
        }
    }
}
