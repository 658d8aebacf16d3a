//! Golden outputs: the seven tables `make run` writes for the sample corpus,
//! compared byte for byte with `tests/golden/corpus/`. A change to rounding,
//! ranking or a borderline language decision shows up here as a diff to
//! review. After an intended change, refresh them with
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --release --test golden
//! ```
//!
//! and say in the commit message why each changed line is right.

mod common;

use common::{assert_code, duolex};
use std::path::Path;

const TABLES: [&str; 7] = [
    "documents",
    "segments",
    "terms",
    "vocabulary",
    "keywords",
    "ngrams",
    "keyness",
];

/// The first lines where `got` and `want` differ, for a readable failure.
fn first_differences(got: &str, want: &str) -> String {
    let mut out = String::new();
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    for i in 0..g.len().max(w.len()) {
        let (a, b) = (g.get(i), w.get(i));
        if a != b {
            out.push_str(&format!(
                "line {}:\n  want {}\n  got  {}\n",
                i + 1,
                b.unwrap_or(&"(none)"),
                a.unwrap_or(&"(none)")
            ));
            if out.lines().count() >= 15 {
                break;
            }
        }
    }
    out
}

#[test]
fn sample_corpus_tables_are_the_golden_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let golden = root.join("tests/golden/corpus");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // As `make run` does: from the repository root, on `corpus`.
    let run = duolex(
        root,
        &["analyze", "corpus", "--out", out.to_str().unwrap(), "-q"],
    );
    assert_code(&run, 0);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = String::new();
    for t in TABLES {
        let name = format!("{t}.csv");
        let got = std::fs::read(out.join(&name)).unwrap();
        if update {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(golden.join(&name), &got).unwrap();
            continue;
        }
        let want = std::fs::read(golden.join(&name))
            .unwrap_or_else(|e| panic!("{name}: {e} (UPDATE_GOLDEN=1 writes it)"));
        if got != want {
            failures.push_str(&format!(
                "{name} differs from tests/golden/corpus/{name}:\n{}\n",
                first_differences(
                    &String::from_utf8_lossy(&got),
                    &String::from_utf8_lossy(&want)
                )
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{failures}If the change is intended, run UPDATE_GOLDEN=1 cargo test --release --test golden and review the diff."
    );
}
