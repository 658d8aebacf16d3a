//! Language-run throughput on the sample corpus, whose runs are asserted so
//! that a fast wrong answer cannot pass.
//!
//! ```sh
//! cargo bench -p duolex-langdetect --bench detect
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use duolex_langdetect::{Detector, SegmentKind};
use duolex_tokenize::Lang;

const TEXT: &str = include!("../../tokenize/benches/fixtures/sample_text.rs");

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
    // French is the main language of the whole sample, so the French quote
    // inside the English article is a French run of the body, not a quote.
    let french = "Nous voulons une intelligence artificielle digne de confiance, et nous ne choisirons pas entre l'innovation et la régulation";
    assert!(segments
        .iter()
        .any(|s| s.lang == Some(Lang::Fr) && &TEXT[s.start..s.end] == french));

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
