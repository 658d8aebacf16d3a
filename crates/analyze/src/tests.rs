use super::*;
use crate::count::count_in_parts;

/// Counts of the runs of `text` in `parts` parts, and the number of parts made.
fn counted(text: &str, parts: usize) -> ((DocCounts, u64), usize) {
    let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
    let ps = pieces(text);
    let layout = Layout::new(text, &ps, true);
    let runs: Vec<Run> = an
        .detector
        .segments_of(text, &ps)
        .iter()
        .map(|s| Run {
            start: s.start,
            end: s.end,
            lang: s.lang,
        })
        .collect();
    let cuts = layout.cuts(text, parts).len() - 1;
    (count_in_parts(text, &an, &layout, &runs, parts), cuts)
}

#[test]
fn counting_in_parts_equals_counting_at_once() {
    let mut text = String::from("Titre de l’article\n");
    for i in 0..30 {
        text.push_str(match i % 5 {
            0 => "Le modèle de DeepSeek inquiète OpenAI, dit-il. ",
            1 => "« The model is open », said the CEO of OpenAI.\n",
            2 => "Une phrase coupée\nen deux lignes sans point\n\n",
            3 => "The Open Model Initiative: fast, open and cheap models — here. ",
            _ => "Les États-Unis et l’IA : qu’il parle ! ",
        });
    }
    let (whole, one) = counted(&text, 1);
    assert_eq!(one, 1);
    for parts in 2..9 {
        let (cut, n) = counted(&text, parts);
        assert_eq!(n, parts, "the text has room for {parts} parts");
        assert_eq!(cut, whole, "{parts} parts");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// Whatever the text and the number of parts, counting in parts gives
    /// the counts (evidence positions included) of counting at once.
    #[test]
    fn parts_add_up_to_the_whole(
        words in proptest::collection::vec(proptest::sample::select(&[
            "le", "modèle", "de", "l’IA", "est", "rapide", "the", "model", "is",
            "Fast", "OpenAI", "«", "»", ".", ",", ":", "\n", "\n\n", "données",
            "États-Unis", "qu’il", "it's", "—", "Open", "Models", "!", "-",
        ][..]), 0..300),
        gaps in proptest::collection::vec(proptest::sample::select(&[" ", "", "\n", "\u{a0}", "\t"][..]), 300),
        parts in 2usize..7,
    ) {
        let text: String = words.iter().zip(&gaps).flat_map(|(w, g)| [*w, *g]).collect();
        let (whole, _) = counted(&text, 1);
        let (cut, _) = counted(&text, parts);
        proptest::prop_assert_eq!(cut, whole);
    }

    /// Counting words only gives a document the segments, token total and
    /// word counts per language of the full analysis, and no terms.
    #[test]
    fn words_only_counts_the_words_of_the_full_analysis(
        words in proptest::collection::vec(proptest::sample::select(&[
            "le", "modèle", "de", "l’IA", "est", "rapide", "the", "model", "is",
            "Fast", "OpenAI", "«", "»", ".", ",", "\n\n", "données", "1 000",
            "États-Unis", "qu’il", "it's", "—", "https://x.org", "#IA", "42", "!",
        ][..]), 0..200),
        gaps in proptest::collection::vec(proptest::sample::select(&[" ", "", "\n", "\u{a0}"][..]), 200),
    ) {
        let text: String = words.iter().zip(&gaps).flat_map(|(w, g)| [*w, *g]).collect();
        let full = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
        let (a, b) = (analyze(&text, &full), analyze(&text, &full.words_only()));
        proptest::prop_assert_eq!(&b.counts.tokens, &a.counts.tokens);
        proptest::prop_assert_eq!((&b.segments, b.tokens), (&a.segments, a.tokens));
        proptest::prop_assert!(b.counts.terms.is_empty() && b.counts.ngrams.is_empty());
    }
}

#[test]
fn sections_give_the_same_runs_and_counts_on_clear_paragraphs() {
    let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
    let fr = "Le modèle de langage est rapide et les données sont publiques. ";
    let en = "The model is fast and the weights are open to everyone. ";
    let mut text = String::from("date 2025-01\n");
    for i in 0..12 {
        text.push_str(&(if i % 4 == 3 { en } else { fr }).repeat(3));
        text.push_str("\n\n");
    }
    let whole = analyze_in_sections(&text, &an, usize::MAX);
    let cut = analyze_in_sections(&text, &an, 300);
    assert_eq!(whole.counts, cut.counts);
    assert_eq!(whole.tokens, cut.tokens);
    assert_eq!(whole.main_lang, cut.main_lang);
    let spans = |a: &DocAnalysis| -> Vec<_> {
        a.segments
            .iter()
            .map(|s| (s.start, s.end, s.lang, s.kind))
            .collect()
    };
    assert_eq!(spans(&whole), spans(&cut));
    // Sections cut inside sentences still count every word exactly.
    let tiny = analyze_in_sections(&text, &an, 40);
    assert_eq!(tiny.counts.total_tokens(), whole.counts.total_tokens());
}
