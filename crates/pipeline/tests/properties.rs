//! Properties of whole runs: the tables do not depend on the number of
//! threads, and corpus counts of a set of documents are the merge of the
//! counts of its parts.

use duolex_analyze::{analyze, Analyzer, TermOptions};
use duolex_keywords::CorpusCounts;
use duolex_pipeline::engine::{Engine, Record, Sums};
use duolex_pipeline::{run, Config, GroupBy, Settings, Table};
use duolex_tokenize::units::windows;
use duolex_tokenize::{tokenize, Lang};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static AN: OnceLock<Analyzer> = OnceLock::new();
    AN.get_or_init(|| Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default()))
}

const WORDS: &[&str] = &[
    "le",
    "modèle",
    "modèles",
    "de",
    "l’IA",
    "est",
    "rapide",
    "the",
    "model",
    "is",
    "fast",
    "OpenAI",
    "DeepSeek",
    "«",
    "»",
    ".",
    ",",
    ":",
    "\n",
    "\n\n",
    "données",
    "data",
    "États-Unis",
    "1\u{a0}000",
    "qu’il",
    "it's",
    "—",
];

const SEPARATORS: &[&str] = &["", " ", "  ", "\n", "\r\n", "\t", "\u{a0}", "\u{202f}"];

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 0..60).prop_map(|w| w.join(" "))
}

fn tables(dir: &Path) -> Vec<Vec<u8>> {
    Table::ALL
        .iter()
        .map(|t| std::fs::read(dir.join(format!("{t}.csv"))).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Output bytes are the same with one thread and with four, and with
    /// chunks of any size (many files).
    #[test]
    fn parallel_equals_sequential(docs in proptest::collection::vec(document(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("c");
        std::fs::create_dir(&input).unwrap();
        for (i, d) in docs.iter().enumerate() {
            std::fs::write(input.join(format!("{i:03}.txt")), d).unwrap();
        }
        let mut outputs = Vec::new();
        for jobs in [1, 4] {
            let out = dir.path().join(format!("out{jobs}"));
            let config = Config { inputs: vec![input.clone()], out: out.clone(), jobs, ..Config::default() };
            let report = run(&config).unwrap();
            prop_assert_eq!(report.files, docs.len());
            outputs.push(tables(&out));
        }
        prop_assert_eq!(&outputs[0], &outputs[1]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The engine's partial sums, made from records in any number of shards
    /// and merged in any order (through their serialised form, as a
    /// distributed run ships them), equal the sums of one pass.
    #[test]
    fn shards_of_records_merge_to_one_run(
        docs in proptest::collection::vec(document(), 0..16),
        shard_of in proptest::collection::vec(0usize..4, 16),
        order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
        dates in proptest::collection::vec(0u8..3, 16),
    ) {
        let settings = Settings { group_by: Some(GroupBy::Date), ..Settings::default() };
        let engine = Engine::new(settings);
        let mut whole = Sums::default();
        let mut shards = vec![Sums::default(); 4];
        for (i, d) in docs.iter().enumerate() {
            let text = format!("date 2025-0{}\n{d}", dates[i] + 1);
            let doc = engine.document(&format!("d{i}.txt"), text.into_bytes());
            let record = Record::from_bytes(&engine.record(&doc).unwrap()).unwrap();
            prop_assert_eq!(&record.counts, &doc.analysis.counts);
            engine.add_record(&mut shards[shard_of[i]], &record);
            engine.add(&mut whole, doc);
        }
        let mut merged = Sums::default();
        for &k in &order {
            merged.merge(Sums::from_bytes(&shards[k].to_bytes()).unwrap());
        }
        prop_assert_eq!(merged, whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Counting a set of documents at once equals merging the counts of any
    /// split of the set.
    #[test]
    fn corpus_counts_of_parts_merge_to_the_whole(
        docs in proptest::collection::vec(document(), 0..12),
        cut in any::<prop::sample::Index>(),
    ) {
        let counts: Vec<_> = docs.iter().map(|d| analyze(d, analyzer()).counts).collect();
        let mut whole = CorpusCounts::default();
        counts.iter().for_each(|c| whole.add_document(c));
        let at = if counts.is_empty() { 0 } else { cut.index(counts.len() + 1) };
        let mut first = CorpusCounts::default();
        counts[..at].iter().for_each(|c| first.add_document(c));
        let mut second = CorpusCounts::default();
        counts[at..].iter().for_each(|c| second.add_document(c));
        // Either order of merging.
        let mut merged = second.clone();
        merged.merge(first.clone());
        prop_assert_eq!(&merged, &whole);
        let mut merged = CorpusCounts::default();
        merged.merge(first);
        merged.merge(second);
        prop_assert_eq!(merged, whole);
    }

    /// Tokenising a text window by window (as the pipeline does for long
    /// runs) gives the tokens of the whole text.
    #[test]
    fn windowed_tokens_equal_whole_tokens(
        text in proptest::collection::vec(
            (proptest::sample::select(WORDS), proptest::sample::select(SEPARATORS)),
            0..80,
        )
        .prop_map(|w| w.iter().flat_map(|(a, b)| [*a, *b]).collect::<String>()),
        max in 1usize..40,
        fr in any::<bool>(),
    ) {
        let lang = if fr { Some(Lang::Fr) } else { Some(Lang::En) };
        let whole: Vec<&str> = tokenize(&text, lang).iter().map(|t| t.text(&text)).collect();
        let mut parts = Vec::new();
        for w in windows(&text, max) {
            let piece = &text[w];
            parts.extend(tokenize(piece, lang).iter().map(|t| t.text(piece)));
        }
        prop_assert_eq!(parts, whole);
    }
}
