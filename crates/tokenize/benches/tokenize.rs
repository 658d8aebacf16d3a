//! Tokenising throughput, side by side with bare `unicode_words` on the same
//! text: the sample corpus (French and English press text, quotes, a tweet
//! thread), a fixed real text whose token counts are asserted so that a
//! change of rules shows here too.
//!
//! ```sh
//! cargo bench -p duolex-tokenize --bench tokenize
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use duolex_tokenize::{tokenize_into, Lang, Token};
use unicode_segmentation::UnicodeSegmentation;

const TEXT: &str = include!("fixtures/sample_text.rs");

/// Token counts on `TEXT`; update them when the corpus or the rules change.
const UNICODE_WORDS: usize = 939;
const TOKENS_FR: usize = 963;

fn bench(c: &mut Criterion) {
    let mut out: Vec<Token> = Vec::with_capacity(4096);
    tokenize_into(TEXT, Some(Lang::Fr), &mut out);
    assert_eq!(
        TEXT.unicode_words().count(),
        UNICODE_WORDS,
        "unicode_words count"
    );
    assert_eq!(out.len(), TOKENS_FR, "tokenize count");

    let mut group = c.benchmark_group("tokenize");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    group.bench_function("unicode_words", |b| {
        b.iter(|| black_box(black_box(TEXT).unicode_words().count()))
    });
    group.bench_function("tokenize_fr", |b| {
        b.iter(|| {
            out.clear();
            tokenize_into(black_box(TEXT), Some(Lang::Fr), &mut out);
            black_box(out.len())
        })
    });
    group.bench_function("tokenize_neutral", |b| {
        b.iter(|| {
            out.clear();
            tokenize_into(black_box(TEXT), None, &mut out);
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
