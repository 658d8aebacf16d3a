//! The first golden test: the seed article, analysed by the real binary.

mod common;
use common::*;
use std::collections::HashMap;

struct SeedRun {
    _dir: tempfile::TempDir,
    text: String,
    segments: Vec<HashMap<String, String>>,
    terms: Vec<HashMap<String, String>>,
    documents: Vec<HashMap<String, String>>,
}

fn run_seed() -> SeedRun {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("in/seed.txt", &seed())]);
    let out = duolex(dir.path(), &["analyze", "in", "--out", "out", "--quiet"]);
    assert_code(&out, 0);
    assert!(
        out.stderr.is_empty(),
        "--quiet printed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = dir.path().join("out");
    SeedRun {
        text: String::from_utf8(seed()).unwrap(),
        segments: read_table(&o.join("segments.csv")),
        terms: read_table(&o.join("terms.csv")),
        documents: read_table(&o.join("documents.csv")),
        _dir: dir,
    }
}

#[test]
fn french_body_then_english_quote() {
    let run = run_seed();
    let text = &run.text;
    let switch = text.find("deepseek's r1").expect("the English post");
    let marker_end = text.find("L’univers").unwrap();
    let spans: Vec<(usize, usize, &str, &str)> = run
        .segments
        .iter()
        .map(|r| {
            (
                r["start"].parse().unwrap(),
                r["end"].parse().unwrap(),
                r["lang"].as_str(),
                r["kind"].as_str(),
            )
        })
        .collect();
    // Every segment's text is the slice its offsets name.
    for (r, &(s, e, _, _)) in run.segments.iter().zip(&spans) {
        assert_eq!(&text[s..e], r["text"]);
    }
    for (i, c) in text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
        if i < marker_end {
            continue; // the `date 2025-01` marker is metadata, not text
        }
        let seg = spans.iter().find(|&&(s, e, _, _)| s <= i && i < e);
        let Some(&(_, _, lang, kind)) = seg else {
            panic!("letter {c:?} at {i} is in no segment");
        };
        if i < switch {
            assert_eq!((lang, kind), ("fr", "body"), "letter {c:?} at byte {i}");
        } else {
            assert_eq!((lang, kind), ("en", "quote"), "letter {c:?} at byte {i}");
        }
    }
    assert_eq!(
        spans.iter().filter(|s| s.2 == "en").count(),
        1,
        "one English run"
    );
    assert!(
        !spans.iter().any(|s| s.2 == "fr" && s.3 == "quote"),
        "no French quote"
    );
}

fn count(run: &SeedRun, lang: &str, term: &str) -> Option<u64> {
    run.terms
        .iter()
        .find(|r| r["lang"] == lang && r["term"] == term)
        .map(|r| r["count"].parse().unwrap())
}

#[test]
fn term_counts() {
    let run = run_seed();
    assert_eq!(count(&run, "fr", "DeepSeek"), Some(10));
    assert_eq!(count(&run, "fr", "OpenAI"), Some(5));
    assert_eq!(count(&run, "fr", "IA"), Some(4));
    assert_eq!(
        count(&run, "fr", "modèle"),
        Some(7),
        "modèle + modèles, not the English loan `model`"
    );
    assert_eq!(count(&run, "fr", "Altman"), Some(4));
    assert_eq!(count(&run, "en", "deepseek"), Some(1));
    assert_eq!(count(&run, "en", "model"), Some(2));
    let stem_of = |lang: &str, term: &str| {
        run.terms
            .iter()
            .find(|r| r["lang"] == lang && r["term"] == term)
            .map(|r| r["stem"].clone())
    };
    assert_eq!(stem_of("fr", "modèle").as_deref(), Some("modèl"));
    assert_eq!(stem_of("fr", "OpenAI").as_deref(), Some("openai"));
    for r in &run.terms {
        let t = r["term"].to_lowercase();
        assert!(
            !t.contains('’') && !t.contains('\''),
            "elided form kept in term {t}"
        );
        for stop in ["de", "le", "the", "is", "date", "2025-01", "l’ia", "l'ia"] {
            assert_ne!(t, stop, "{stop} must not be a term");
        }
    }
    // tf is count over the words of that language in the document.
    let doc = &run.documents[0];
    assert_eq!(doc["date"], "2025-01");
    assert_eq!(doc["main_lang"], "fr");
    assert_eq!(doc["status"], "ok");
    let fr_words: f64 = doc["words_by_lang"]
        .split(' ')
        .find_map(|p| p.strip_prefix("fr="))
        .unwrap()
        .parse()
        .unwrap();
    let ds = run
        .terms
        .iter()
        .find(|r| r["lang"] == "fr" && r["term"] == "DeepSeek")
        .unwrap();
    let tf: f64 = ds["tf"].parse().unwrap();
    assert!((tf - 10.0 / fr_words).abs() < 1e-6);
}

#[test]
fn seed_segments_match_golden() {
    // Reviewed by hand: two runs, the French article and Altman's English post.
    let run = run_seed();
    let got: Vec<String> = run
        .segments
        .iter()
        .map(|r| format!("{},{},{},{}", r["start"], r["end"], r["lang"], r["kind"]))
        .collect();
    assert_eq!(got, ["14,2923,fr,body", "2925,3164,en,quote"]);
}
