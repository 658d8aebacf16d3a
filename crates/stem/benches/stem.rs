//! Term-key throughput (normalise, stop words, Snowball) over the word tokens
//! of the sample corpus, with the number of terms asserted.
//!
//! ```sh
//! cargo bench -p duolex-stem --bench stem
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use duolex_stem::TermRules;
use duolex_tokenize::{tokenize, Lang};

const TEXT: &str = include_str!("../../../corpus/000_b64b29fc75215990.txt");

fn bench(c: &mut Criterion) {
    let rules = TermRules::new(Lang::Fr);
    let tokens = tokenize(TEXT, Some(Lang::Fr));
    let mut key = String::new();
    let terms = |key: &mut String| {
        tokens
            .iter()
            .filter(|t| rules.key_into(t.text(TEXT), t.kind, key))
            .count()
    };
    let n = terms(&mut key);
    assert!((240..=300).contains(&n), "{n} terms");

    let mut group = c.benchmark_group("stem");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    group.bench_function("term_keys_fr", |b| b.iter(|| black_box(terms(&mut key))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
