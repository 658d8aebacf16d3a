//! Fuzz-style properties over arbitrary bytes: decode → segment → tokenise →
//! stem → count never panics, never hangs, and every span slices the text.
//!
//! The fast version runs in the normal suite; the long one is ignored by
//! default (see README, "Fuzzing"):
//!
//! ```sh
//! cargo test --release -p duolex-pipeline --test fuzz -- --ignored
//! FUZZ_CASES=1000000 cargo test --release -p duolex-pipeline --test fuzz -- --ignored
//! ```

use duolex_analyze::{analyze, is_word, Analyzer, TermOptions};
use duolex_pipeline::input::{decode, Status};
use duolex_tokenize::{tokenize, Lang};
use proptest::prelude::*;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static AN: OnceLock<Analyzer> = OnceLock::new();
    AN.get_or_init(|| Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default()))
}

/// Pieces that stress the decoder and the analysis: byte-order marks,
/// invalid and truncated UTF-8, NUL bytes, legacy bytes, quotation marks,
/// apostrophes, no-break spaces, URLs, mentions, elisions, sentence ends.
const FRAGMENTS: &[&[u8]] = &[
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\x00",
    b"\xC3",
    b"\xE2\x80",
    b"\xFF",
    b"\xE8",
    b"\x80",
    b"\r\n",
    b"\n\n",
    b"\n",
    b" ",
    b"\t",
    "\u{a0}".as_bytes(),
    "\u{202f}".as_bytes(),
    "«".as_bytes(),
    "»".as_bytes(),
    "“".as_bytes(),
    "”".as_bytes(),
    "‘".as_bytes(),
    "’".as_bytes(),
    b"\"",
    b"'",
    b". ",
    b"...",
    "…".as_bytes(),
    b": ",
    " — ".as_bytes(),
    b"-",
    b"M. ",
    b"l'",
    "l’".as_bytes(),
    "qu’".as_bytes(),
    b"'s",
    b"http://x.fr/a_(b)",
    b"www.",
    b"@a",
    b"#b",
    b"a@b.fr",
    b"1",
    b"000",
    b"date 2025-01",
    b"le",
    b"the",
    "modèle".as_bytes(),
    "États-Unis".as_bytes(),
    b"OpenAI",
    b"model",
    "œuvre".as_bytes(),
    "😀".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{ad}".as_bytes(),
    "ß".as_bytes(),
    "İ".as_bytes(),
    "日本".as_bytes(),
    "العربية".as_bytes(),
];

/// More characters for the long run: format characters, joiners, marks,
/// bidirectional controls, surrogate-looking and private-use characters.
const EXTRA: &[&[u8]] = &[
    "\u{feff}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{200d}".as_bytes(),
    "\u{2060}".as_bytes(),
    "\u{200f}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{fe0f}".as_bytes(),
    "\u{e000}".as_bytes(),
    "\u{10ffff}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{85}".as_bytes(),
    "\u{3000}".as_bytes(),
    "ǅ".as_bytes(),
    "ﬁ".as_bytes(),
    "Ⅻ".as_bytes(),
    "١٢٣".as_bytes(),
    "²".as_bytes(),
    b"\x0c",
    b"\x1b",
    b"))))",
    b"((((",
    b"@",
    b"#",
    b"https://",
    "’’".as_bytes(),
    b"--",
    b"a-",
    b"-t-il",
];

fn inputs(max: usize, fragments: &'static [&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..max),
        // Without NUL bytes, so that arbitrary bytes reach the analysis.
        1 => proptest::collection::vec(1u8.., 0..max),
        3 => proptest::collection::vec(proptest::sample::select(fragments), 0..max / 4)
            .prop_map(|parts| parts.concat()),
        // Fragments as UTF-16, with or without a byte-order mark.
        1 => (
            proptest::collection::vec(proptest::sample::select(fragments), 0..max / 8),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(parts, little, bom)| {
                let text = String::from_utf8_lossy(&parts.concat()).into_owned();
                let mut out = Vec::new();
                if bom {
                    out.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
                }
                for u in text.encode_utf16() {
                    out.extend(if little {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                out
            }),
    ]
}

/// Everything one document goes through, with the invariants checked.
fn check(bytes: &[u8]) {
    let d = decode(bytes);
    match d.status {
        Status::Binary => assert!(d.text.is_empty()),
        Status::Empty => assert!(d.text.trim().is_empty()),
        Status::Ok => assert_eq!(d.replacements, 0),
        Status::DecodeErrors => assert!(d.replacements > 0),
        s => panic!("decode cannot give {s:?}"),
    }
    let text = &d.text;
    let a = analyze(text, analyzer());
    let mut last = 0;
    for s in &a.segments {
        assert!(last <= s.start && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!((0.0..=1.0).contains(&s.confidence));
        last = s.end;
    }
    for t in tokenize(text, Some(Lang::Fr)) {
        assert!(t.start < t.end && text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let _ = is_word(t.kind);
    }
    let words: u64 = a.counts.tokens.values().sum();
    let counted: u64 = a.counts.terms.values().map(|t| t.count).sum();
    assert!(counted <= words, "{counted} terms of {words} words");
    assert!(words <= a.tokens);
    for ((_, key), t) in &a.counts.terms {
        assert!(!key.is_empty() && t.count > 0);
        assert_eq!(t.surfaces.total(), t.count);
    }
}

proptest! {
    // A fixed seed: the normal suite must not turn red by chance; the long
    // run below explores with fresh seeds.
    #![proptest_config(ProptestConfig {
        cases: 1000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0d00_1e55),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_go_through_the_pipeline(bytes in inputs(400, FRAGMENTS)) {
        check(&bytes);
    }
}

/// The long run: `FUZZ_CASES` cases (default 200 000) of up to 4 KiB, from
/// a fresh seed (`FUZZ_SEED` to replay one). Unlike a plain proptest it
/// goes on after a failure and reports every distinct panic location with
/// the shortest input that reached it.
#[test]
#[ignore = "long: run with --ignored (see README, Fuzzing)"]
fn fuzz_long() {
    use proptest::strategy::ValueTree;
    use std::collections::BTreeMap;
    use std::sync::Mutex;
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("FUZZ_CASES").unwrap_or(200_000);
    let seed = env("FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    eprintln!("fuzz: {cases} cases, FUZZ_SEED={seed}");
    let config = ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    static WHERE: Mutex<String> = Mutex::new(String::new());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or("?".to_string(), |l| format!("{}:{}", l.file(), l.line()));
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        *WHERE.lock().unwrap_or_else(|e| e.into_inner()) = format!("{at}: {msg}");
    }));
    let all: &'static [&'static [u8]] = [FRAGMENTS, EXTRA].concat().leak();
    let strategy = inputs(4096, all);
    let mut found: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();
    for _ in 0..cases {
        let bytes = strategy.new_tree(&mut runner).unwrap().current();
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            let what = WHERE.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let at = what.split(": ").next().unwrap_or("?").to_string();
            let shorter = found.get(&at).is_none_or(|(b, _)| bytes.len() < b.len());
            if shorter {
                found.insert(at, (bytes, what));
            }
        }
    }
    std::panic::set_hook(previous);
    for (bytes, what) in found.values() {
        eprintln!("panic {what}\n  input ({} bytes): {bytes:?}", bytes.len());
    }
    assert!(
        found.is_empty(),
        "{} distinct panic location(s), see above",
        found.len()
    );
}

#[test]
fn known_hard_inputs() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF\xFF\xFE",
        b"\xFF\xFE\x00",
        b"\xFE\xFF\xD8\x00",
        b"\x00\x00\x00\x00",
        "« « « « » » »".as_bytes(),
        "l’« IA »".as_bytes(),
        b"date 2025-01-31",
        b"http://a.fr/((((((",
        "1\u{a0}000\u{a0}000,5 %".as_bytes(),
    ] {
        check(bytes);
    }
}
