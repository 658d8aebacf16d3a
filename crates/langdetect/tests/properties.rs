//! Invariants of language runs on arbitrary text.

use duolex_langdetect::Detector;
use duolex_tokenize::Lang;
use proptest::prelude::*;

fn mixed() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "Le modèle est impressionnant. ",
        "the model is impressive ",
        "« ",
        " »",
        "“",
        "”",
        "\"",
        "DeepSeek ",
        "OpenAI ",
        "2025 ",
        "https://example.org ",
        ": ",
        "\n",
        "\n\n",
        "l’IA ",
        "we will deliver ",
        "qu’il ",
        ". ",
        "— ",
        "Die Regierung hat ",
    ]);
    prop::collection::vec(parts, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn segments_are_ordered_disjoint_and_cover_every_letter(text in mixed()) {
        let d = Detector::new(&[Lang::Fr, Lang::En]);
        let segs = d.segments(&text);
        let mut last = 0;
        let mut covered = vec![false; text.len()];
        for s in &segs {
            prop_assert!(s.start >= last && s.end > s.start && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert!((0.0..=1.0).contains(&s.confidence));
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            last = s.end;
        }
        for pair in segs.windows(2) {
            prop_assert!(pair[0].lang != pair[1].lang, "adjacent runs share a language");
        }
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() {
                prop_assert!(covered[i], "letter at {} outside every run", i);
            }
        }
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>()) {
        let d = Detector::new(&[Lang::Fr, Lang::En, Lang::De]);
        let _ = d.segments(&text);
        let _ = d.detect(&text);
    }
}
