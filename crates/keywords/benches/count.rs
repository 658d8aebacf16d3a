//! Counting throughput: the words of the sample corpus (tokenised and keyed
//! beforehand, so only counting is timed) go through
//! `DocCounts::add_sequence` piece by piece — words, terms, bigrams and
//! trigrams with their evidence — and the document is added to a corpus.
//! The counts are asserted so that a fast wrong answer cannot pass.
//!
//! ```sh
//! cargo bench -p duolex-keywords --bench count
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use duolex_keywords::{CorpusCounts, DocCounts, KeyRef, SeqWord, Sequence};
use duolex_tokenize::units::pieces;
use duolex_tokenize::{tokenize, Lang, TokenKind};

const TEXT: &str = include!("../../tokenize/benches/fixtures/sample_text.rs");

/// Word tokens in `TEXT` (pieces tokenised with the French rules).
const WORDS: u64 = 910;

/// One piece's words: (start, end, key, stop word).
type Words = Vec<(usize, usize, String, bool)>;

fn keyed() -> Vec<Words> {
    pieces(TEXT)
        .iter()
        .map(|p| {
            tokenize(p.text(TEXT), Some(Lang::Fr))
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| {
                    let (s, e) = (p.start + t.start, p.start + t.end);
                    let key = TEXT[s..e].to_lowercase();
                    // A crude stop list is enough to exercise both paths.
                    let stop = key.chars().count() <= 3;
                    (s, e, key, stop)
                })
                .collect()
        })
        .collect()
}

fn count(pieces: &[Words]) -> DocCounts {
    let mut doc = DocCounts::default();
    let info = Sequence {
        lang: Lang::Fr,
        ..Sequence::default()
    };
    for words in pieces {
        let seq: Vec<SeqWord> = words
            .iter()
            .map(|(start, end, key, stop)| SeqWord {
                key,
                start: *start,
                end: *end,
                stop: *stop,
            })
            .collect();
        doc.add_sequence(TEXT, &seq, &info);
    }
    doc
}

fn bench(c: &mut Criterion) {
    let pieces = keyed();
    let doc = count(&pieces);
    assert_eq!(doc.tokens[&Lang::Fr], WORDS, "word tokens");
    let deepseek = doc
        .terms
        .get(&KeyRef(Lang::Fr, "deepseek"))
        .map(|t| t.count);
    assert!(deepseek.is_some_and(|n| n >= 10), "deepseek: {deepseek:?}");
    assert!(doc
        .ngrams
        .contains_key(&KeyRef(Lang::Fr, "intelligence artificielle")));

    let mut group = c.benchmark_group("count");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    group.bench_function("add_sequence", |b| {
        b.iter(|| black_box(count(black_box(&pieces)).terms.len()))
    });
    group.bench_function("add_document", |b| {
        b.iter(|| {
            let mut corpus = CorpusCounts::default();
            corpus.add_document(black_box(&doc));
            black_box(corpus.terms.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
