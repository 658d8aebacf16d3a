//! Spreadsheet-grade exports through the real binary: CSV profiles, XLSX,
//! JSONL, the run manifest, and tables that are never half written.

mod common;
use common::*;
use duolex_pipeline::Table;

/// The tables' names, in output order.
const TABLES: [&str; 7] = [
    "documents",
    "segments",
    "terms",
    "vocabulary",
    "keywords",
    "ngrams",
    "keyness",
];

#[test]
fn table_names() {
    assert_eq!(Table::ALL.map(|t| t.name()), TABLES);
}
use std::path::Path;

const DOC: &[u8] =
    "date 2025-02\n=1+2 est une formule, a dit le modèle.\n\nLe modèle « impressionne » : 22,5 % des lecteurs.\n"
        .as_bytes();

fn corpus(dir: &Path) {
    write_tree(
        dir,
        &[
            ("c/a.txt", DOC),
            (
                "c/b.txt",
                include_bytes!("../corpus/000_b64b29fc75215990.txt"),
            ),
        ],
    );
}

/// A temporary folder with the test corpus in `c/`, analysed into `out/`
/// with `extra` options.
fn analyzed(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let mut args = vec!["analyze", "c", "--out", "out", "-q"];
    args.extend_from_slice(extra);
    assert_code(&duolex(dir.path(), &args), 0);
    dir
}

#[test]
fn excel_fr_profile() {
    let dir = analyzed(&["--csv-profile", "excel-fr"]);
    for t in TABLES {
        let bytes = std::fs::read(dir.path().join(format!("out/{t}.csv"))).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{t}: no byte-order mark"
        );
        let text = String::from_utf8(bytes).unwrap();
        let header = text.lines().next().unwrap();
        assert!(
            header.contains(';') && !header.contains(','),
            "{t}: header {header}"
        );
    }
    let terms = std::fs::read_to_string(dir.path().join("out/terms.csv")).unwrap();
    let row = terms.lines().find(|l| l.contains(";modèle;")).unwrap();
    let tf = row.rsplit(';').next().unwrap();
    assert!(
        tf.starts_with("0,") && !tf.contains('.'),
        "decimal comma: {row}"
    );
    let segments = std::fs::read_to_string(dir.path().join("out/segments.csv")).unwrap();
    assert!(
        segments.contains(";\"'=1+2 est une formule"),
        "formula neutralised:\n{segments}"
    );
    assert!(!segments.contains(";=1+2") && !segments.contains(";\"=1+2"));
}

#[test]
fn standard_profile_has_no_bom_and_keeps_numbers() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    assert_code(
        &duolex(dir.path(), &["analyze", "c", "--out", "out", "-q"]),
        0,
    );
    for t in TABLES {
        let bytes = std::fs::read(dir.path().join(format!("out/{t}.csv"))).unwrap();
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{t}");
    }
    let segments = std::fs::read_to_string(dir.path().join("out/segments.csv")).unwrap();
    // Exact text: a segment's text is the document's bytes, no guard.
    assert!(segments.contains(",\"=1+2 est une formule"), "{segments}");
    let excel = tempfile::tempdir().unwrap();
    corpus(excel.path());
    assert_code(
        &duolex(
            excel.path(),
            &[
                "analyze",
                "c",
                "--out",
                "out",
                "--csv-profile",
                "excel",
                "-q",
            ],
        ),
        0,
    );
    let docs = std::fs::read(excel.path().join("out/documents.csv")).unwrap();
    assert!(docs.starts_with("\u{feff}path,status".as_bytes()));
}

#[test]
fn xlsx_reads_back_with_a_sheet_per_table_and_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = analyzed(&["--format", "xlsx"]);
    let path = dir.path().join("out/duolex.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), TABLES.map(String::from).to_vec());
    let docs = wb.worksheet_range("documents").unwrap();
    let header: Vec<String> = docs
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], ["path", "status", "encoding", "bytes"]);
    let first = docs.rows().nth(1).unwrap();
    assert_eq!(first[0], Data::String("c/a.txt".into()));
    assert!(
        matches!(first[3], Data::Float(b) if b == DOC.len() as f64),
        "bytes typed: {:?}",
        first[3]
    );
    let terms = wb.worksheet_range("terms").unwrap();
    assert!(
        terms.rows().skip(1).all(|r| matches!(r[5], Data::Float(_))),
        "tf typed as numbers"
    );
    let segments = wb.worksheet_range("segments").unwrap();
    // Typed strings, never formulas: no guard.
    assert!(segments
        .rows()
        .any(|r| r[7].to_string().starts_with("=1+2")));
    // No CSV next to the workbook, no temporary file (the hidden state
    // folder .duolex holds the committed generation).
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".duolex")
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["duolex.xlsx", "run.json"]);
}

#[test]
fn jsonl_parses_line_by_line_with_typed_values() {
    let dir = analyzed(&["--format", "jsonl"]);
    for t in TABLES {
        let text = std::fs::read_to_string(dir.path().join(format!("out/{t}.jsonl"))).unwrap();
        for line in text.lines() {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{t}: {e}: {line}"));
            assert!(v.is_object());
        }
    }
    let terms = std::fs::read_to_string(dir.path().join("out/terms.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(terms.lines().next().unwrap()).unwrap();
    assert!(
        first["count"].is_u64() && first["tf"].is_f64() && first["term"].is_string(),
        "{first}"
    );
}

#[test]
fn manifest_and_limits() {
    let dir = analyzed(&["--top", "3", "--min-count", "2"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/run.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["inputs"], 2);
    assert_eq!(manifest["options"]["top"], 3);
    let sha = manifest["outputs"]["terms.csv"]["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    let terms = read_table(&dir.path().join("out/terms.csv"));
    for path in ["c/a.txt", "c/b.txt"] {
        for lang in ["fr", "en"] {
            let rows: Vec<_> = terms
                .iter()
                .filter(|r| r["path"] == path && r["lang"] == lang)
                .collect();
            assert!(rows.len() <= 3, "{path} {lang}: {}", rows.len());
            assert!(rows.iter().all(|r| r["count"].parse::<u64>().unwrap() >= 2));
        }
    }
}

#[test]
fn include_and_exclude_globs() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", DOC), ("c/drafts/b.txt", DOC), ("c/c.md", DOC)],
    );
    assert_code(
        &duolex(
            dir.path(),
            &[
                "analyze",
                "c",
                "--out",
                "out",
                "--include",
                "*.txt",
                "--exclude",
                "**/drafts/**",
                "-q",
            ],
        ),
        0,
    );
    let docs = read_table(&dir.path().join("out/documents.csv"));
    let paths: Vec<&str> = docs.iter().map(|r| r["path"].as_str()).collect();
    assert_eq!(paths, ["c/a.txt"]);
    let bad = duolex(dir.path(), &["analyze", "c", "--include", "[", "-q"]);
    assert_code(&bad, 2);
}

#[test]
fn a_killed_run_leaves_the_previous_tables_whole() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    assert_code(
        &duolex(dir.path(), &["analyze", "c", "--out", "out", "-q"]),
        0,
    );
    let before: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| std::fs::read(dir.path().join(format!("out/{t}.csv"))).unwrap())
        .collect();
    // A corpus big enough that the run is still writing when it is killed.
    let para = "Le modèle de langage publié par la start-up chinoise bouscule le marché. The model is open and cheap to run. ";
    let big = para.repeat(20_000);
    for i in 0..8 {
        write_tree(dir.path(), &[(&format!("big/{i}.txt"), big.as_bytes())]);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_duolex"))
        .current_dir(dir.path())
        .args(["analyze", "big", "--out", "out", "-q", "--jobs", "1"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if finished {
        eprintln!("the run finished before it could be killed: nothing to check");
        return;
    }
    for (t, old) in TABLES.iter().zip(&before) {
        let now = std::fs::read(dir.path().join(format!("out/{t}.csv"))).unwrap();
        assert_eq!(&now, old, "{t}.csv changed by a killed run");
    }
    // The next run clears what the killed one left behind.
    assert_code(
        &duolex(dir.path(), &["analyze", "c", "--out", "out", "-q"]),
        0,
    );
    let leftovers: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn group_by_adds_a_group_column_to_terms() {
    let dir = analyzed(&["--group-by", "date"]);
    let terms = read_table(&dir.path().join("out/terms.csv"));
    let groups: std::collections::BTreeSet<&str> =
        terms.iter().map(|r| r["group"].as_str()).collect();
    assert_eq!(
        groups.into_iter().collect::<Vec<_>>(),
        ["date:2025-01", "date:2025-02"]
    );
    // Without --group-by, terms.csv keeps its six columns.
    assert_code(
        &duolex(dir.path(), &["analyze", "c", "--out", "plain", "-q"]),
        0,
    );
    let header = std::fs::read_to_string(dir.path().join("plain/terms.csv")).unwrap();
    assert!(header.starts_with("path,lang,term,stem,count,tf\r\n"));
}

#[test]
fn tables_option_writes_the_tables_asked_for_and_the_same_bytes() {
    let all = analyzed(&["--group-by", "date"]);
    let listing = |d: &tempfile::TempDir| {
        let mut names: Vec<String> = std::fs::read_dir(d.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".duolex")
            .collect();
        names.sort();
        names
    };
    let read =
        |d: &tempfile::TempDir, t: &str| std::fs::read(d.path().join(format!("out/{t}.csv")));
    let some = analyzed(&["--group-by", "date", "--tables", "segments,keyness"]);
    assert_eq!(
        listing(&some),
        ["documents.csv", "keyness.csv", "run.json", "segments.csv"]
    );
    for t in ["documents", "segments", "keyness"] {
        assert_eq!(read(&some, t).unwrap(), read(&all, t).unwrap(), "{t}.csv");
    }
    // Segments only: words are counted, not terms; the same two tables.
    let words = analyzed(&["--tables", "segments"]);
    assert_eq!(
        listing(&words),
        ["documents.csv", "run.json", "segments.csv"]
    );
    for t in ["documents", "segments"] {
        assert_eq!(read(&words, t).unwrap(), read(&all, t).unwrap(), "{t}.csv");
    }
    let manifest = std::fs::read_to_string(some.path().join("out/run.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(
        manifest["options"]["tables"],
        serde_json::json!(["documents", "segments", "keyness"])
    );

    // One sheet per table asked for.
    use calamine::{open_workbook, Reader, Xlsx};
    let xlsx = analyzed(&["--format", "xlsx", "--tables", "terms,ngrams"]);
    let wb: Xlsx<_> = open_workbook(xlsx.path().join("out/duolex.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["documents", "terms", "ngrams"]);

    // Unknown tables, and a reference corpus without keyness, are usage errors.
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    for args in [
        &["analyze", "c", "--out", "out", "--tables", "words"][..],
        &[
            "analyze",
            "c",
            "--out",
            "out",
            "--tables",
            "terms",
            "--reference",
            "c",
        ],
    ] {
        assert_code(&duolex(dir.path(), args), 2);
    }
    assert!(!dir.path().join("out").exists(), "nothing written");
}
