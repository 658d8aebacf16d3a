//! Language-run throughput on the sample corpus, whose runs are asserted so
//! that a fast wrong answer cannot pass.
//!
//! ```sh
//! cargo bench -p duolex-langdetect --bench detect
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use duolex_langdetect::{Detector, SegmentKind};
use duolex_tokenize::Lang;

const TEXT: &str = concat!(
    include_str!("../../../corpus/000_b64b29fc75215990.txt"),
    "\n\n",
    include_str!("../../../corpus/010_puces_citation_anglaise.txt"),
    "\n\n",
    include_str!("../../../corpus/020_english_article_french_quote.txt"),
    "\n\n",
    include_str!("../../../corpus/030_citations_francaises.txt"),
    "\n\n",
    include_str!("../../../corpus/international/040_tweet_en_plein_debat.md"),
);

fn bench(c: &mut Criterion) {
    let detector = Detector::new(&[Lang::Fr, Lang::En]);
    let segments = detector.segments(TEXT);
    let quotes: Vec<&str> = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Quote)
        .map(|s| &TEXT[s.start..s.end])
        .collect();
    assert!(quotes[0].starts_with("deepseek's r1"), "{quotes:?}");
    assert!(quotes.contains(&"we will obviously deliver much better models and also it's legit invigorating to have a new competitor!"));
    assert!(quotes.contains(&"Nous voulons une intelligence artificielle digne de confiance, et nous ne choisirons pas entre l'innovation et la régulation"));

    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    group.bench_function("segments", |b| {
        b.iter(|| black_box(detector.segments(black_box(TEXT)).len()))
    });
    group.bench_function("whatlang_per_paragraph", |b| {
        let wl = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Fra, whatlang::Lang::Eng]);
        b.iter(|| {
            black_box(TEXT)
                .split("\n\n")
                .filter_map(|p| wl.detect_lang(p))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
