//! The engine's guard: a document whose analysis panics (a bug) becomes
//! that document's `error` row, and the batch goes on.

use duolex_analyze::{analyze, Analyzer, DocAnalysis};
use duolex_pipeline::engine::{run_engine, Engine};
use duolex_pipeline::{Config, Settings};

/// The real analysis, except for documents holding `PANIC`.
fn fragile(text: &str, analyzer: &Analyzer) -> DocAnalysis {
    assert!(!text.contains("PANIC"), "injected fault");
    analyze(text, analyzer)
}

#[test]
fn a_panicking_document_becomes_its_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "Le modèle de DeepSeek impressionne.").unwrap();
    let fault = "Ce texte fait PANIC dans l’analyse.";
    std::fs::write(input.join("b.txt"), fault).unwrap();
    std::fs::write(input.join("c.txt"), "« The model is open », dit-il.").unwrap();
    let config = Config {
        inputs: vec![input],
        out: dir.path().join("out"),
        jobs: 2,
        ..Config::default()
    };
    let engine = Engine::new(Settings::default()).with_analysis(fragile);
    let report = run_engine(&engine, &config, |_| {}).unwrap();
    assert_eq!((report.files, report.problems), (3, 1));
    let documents = std::fs::read_to_string(dir.path().join("out/documents.csv")).unwrap();
    let rows: Vec<&str> = documents.lines().skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("a.txt,ok,"), "{}", rows[0]);
    let row = format!("b.txt,error,,{},", fault.len());
    assert!(rows[1].contains(&row), "{}", rows[1]);
    assert!(
        rows[1].contains("internal error while analysing this file (a duolex bug): injected fault"),
        "{}",
        rows[1]
    );
    assert!(rows[2].contains("c.txt,ok,"), "{}", rows[2]);
    // The other documents are counted as in a run without the fault.
    let vocabulary = std::fs::read_to_string(dir.path().join("out/vocabulary.csv")).unwrap();
    assert!(vocabulary.contains("fr,modèle,modèl,1,1,"));
    assert!(!vocabulary.contains("texte"));
}
