//! `duolex analyze` on temporary corpora: folders, statuses, determinism, errors.

mod common;
use common::*;
use std::path::Path;

const FR_EN: &[u8] =
    "date 2025-03\nLe ministre a déclaré : « we will not back down », puis il est parti.\n"
        .as_bytes();
const EN_FR: &[u8] =
    "The minister was blunt. « Nous ne céderons pas », she told reporters on Monday.\n".as_bytes();
const FR: &[u8] = "Les modèles ouverts progressent. Le modèle est « impressionnant ».\n".as_bytes();

fn corpus(dir: &Path, reverse: bool) {
    let mut files: Vec<(&str, &[u8])> = vec![
        ("c/a.txt", FR_EN),
        ("c/sub/b.md", EN_FR),
        ("c/sub/deeper/README", FR),
        ("c/z.txt", FR),
        ("c/skip.csv", b"a,b\n"),
        ("c/.hidden.txt", FR),
    ];
    if reverse {
        files.reverse();
    }
    write_tree(dir, &files);
}

fn tables(dir: &Path) -> Vec<(String, Vec<u8>)> {
    [
        "documents.csv",
        "segments.csv",
        "terms.csv",
        "vocabulary.csv",
    ]
    .iter()
    .map(|t| (t.to_string(), std::fs::read(dir.join(t)).unwrap()))
    .collect()
}

#[test]
fn walks_subfolders_and_takes_txt_md_and_bare_files() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), false);
    let out = duolex(dir.path(), &["analyze", "c", "--out", "out"]);
    assert_code(&out, 0);
    let docs = read_table(&dir.path().join("out/documents.csv"));
    let paths: Vec<&str> = docs.iter().map(|r| r["path"].as_str()).collect();
    assert_eq!(
        paths,
        ["c/a.txt", "c/sub/b.md", "c/sub/deeper/README", "c/z.txt"]
    );
    assert_eq!(docs[0]["date"], "2025-03");
    assert_eq!(docs[0]["main_lang"], "fr");
    assert_eq!(docs[1]["main_lang"], "en");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 files") && stderr.contains("out"),
        "summary: {stderr}"
    );

    let segs = read_table(&dir.path().join("out/segments.csv"));
    let quotes: Vec<(&str, &str, &str)> = segs
        .iter()
        .filter(|r| r["kind"] == "quote")
        .map(|r| (r["path"].as_str(), r["lang"].as_str(), r["text"].as_str()))
        .collect();
    assert_eq!(
        quotes,
        [
            ("c/a.txt", "en", "we will not back down"),
            ("c/sub/b.md", "fr", "Nous ne céderons pas")
        ]
    );
    // Offsets slice the document's text.
    for r in &segs {
        let text = std::fs::read_to_string(dir.path().join(&r["path"])).unwrap();
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(&text[s..e], r["text"]);
    }
    let vocab = read_table(&dir.path().join("out/vocabulary.csv"));
    let modele = vocab
        .iter()
        .find(|r| r["lang"] == "fr" && r["term"] == "modèle")
        .unwrap();
    assert_eq!(
        (modele["count"].as_str(), modele["documents"].as_str()),
        ("4", "2")
    );
}

#[test]
fn output_bytes_do_not_depend_on_jobs_or_creation_order() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    corpus(a.path(), false);
    corpus(b.path(), true);
    assert_code(
        &duolex(
            a.path(),
            &["analyze", "c", "--out", "o1", "--jobs", "1", "-q"],
        ),
        0,
    );
    assert_code(
        &duolex(
            a.path(),
            &["analyze", "c", "--out", "o2", "--jobs", "2", "-q"],
        ),
        0,
    );
    assert_code(
        &duolex(
            b.path(),
            &["analyze", "c", "--out", "o3", "--jobs", "3", "-q"],
        ),
        0,
    );
    let one = tables(&a.path().join("o1"));
    assert_eq!(one, tables(&a.path().join("o2")));
    assert_eq!(one, tables(&b.path().join("o3")));
}

#[test]
fn the_sample_corpus_is_deterministic_across_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_dir();
    let c = corpus.to_str().unwrap();
    assert_code(
        &duolex(
            dir.path(),
            &["analyze", c, "--out", "j1", "--jobs", "1", "-q"],
        ),
        0,
    );
    assert_code(
        &duolex(
            dir.path(),
            &["analyze", c, "--out", "j2", "--jobs", "2", "-q"],
        ),
        0,
    );
    assert_eq!(
        tables(&dir.path().join("j1")),
        tables(&dir.path().join("j2"))
    );
}

#[test]
fn bad_files_get_a_status_and_never_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("c/empty.txt", b""),
            ("c/bom-only.txt", b"\xEF\xBB\xBF"),
            ("c/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            (
                "c/broken.txt",
                b"Le mod\xC3\xA8le fran\xC3\xA7ais est l\xFF\xC3\xA0.\n",
            ),
            (
                "c/utf16.txt",
                b"\xFF\xFEL\x00e\x00 \x00m\x00o\x00d\x00\xE8\x00l\x00e\x00",
            ),
            ("c/good.txt", FR),
        ],
    );
    let out = duolex(
        dir.path(),
        &["analyze", "c", "missing.txt", "--out", "out", "-q"],
    );
    assert_code(&out, 1);
    let docs = read_table(&dir.path().join("out/documents.csv"));
    let status: Vec<(&str, &str)> = docs
        .iter()
        .map(|r| (r["path"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        status,
        [
            ("c/bom-only.txt", "empty"),
            ("c/broken.txt", "decode_errors"),
            ("c/empty.txt", "empty"),
            ("c/good.txt", "ok"),
            ("c/image.txt", "binary"),
            ("c/utf16.txt", "ok"),
            ("missing.txt", "error"),
        ]
    );
    assert!(docs[6]["error"].contains("No such file"), "{:?}", docs[6]);
    assert_eq!(docs[5]["encoding"], "utf-16le");
    let vocab = read_table(&dir.path().join("out/vocabulary.csv"));
    let modele = vocab.iter().find(|r| r["term"] == "modèle").unwrap();
    assert_eq!(
        modele["documents"], "3",
        "good.txt, broken.txt and utf16.txt"
    );
}

#[test]
fn unwritable_output_is_a_run_failure_that_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("c/a.txt", FR), ("blocker", b"not a folder")]);
    let out = duolex(dir.path(), &["analyze", "c", "--out", "blocker/out"]);
    assert_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("blocker/out"), "{err}");
}

#[test]
fn user_stop_words_keep_list_and_no_stem() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[("c/a.txt", FR), ("stop.txt", b"# mine\nouverts\n")],
    );
    let run = |extra: &[&str], out: &str| {
        let mut args = vec!["analyze", "c", "--out", out, "-q"];
        args.extend_from_slice(extra);
        assert_code(&duolex(dir.path(), &args), 0);
        read_table(&dir.path().join(out).join("vocabulary.csv"))
    };
    let terms = |v: &[std::collections::HashMap<String, String>]| -> Vec<String> {
        v.iter()
            .map(|r| format!("{}:{}", r["term"], r["count"]))
            .collect()
    };
    let base = terms(&run(&[], "o1"));
    assert!(
        base.contains(&"modèle:2".to_string()) && base.contains(&"ouverts:1".to_string()),
        "{base:?}"
    );
    let custom = terms(&run(&["--stopwords", "stop.txt", "--keep", "est,le"], "o2"));
    assert!(
        !custom.iter().any(|t| t.starts_with("ouverts")),
        "{custom:?}"
    );
    assert!(
        custom.contains(&"est:1".to_string()) && custom.contains(&"Le:1".to_string()),
        "{custom:?}"
    );
    let raw = terms(&run(&["--no-stem"], "o3"));
    assert!(
        raw.contains(&"modèles:1".to_string()) && raw.contains(&"modèle:1".to_string()),
        "{raw:?}"
    );
}

#[test]
fn other_language_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Die Regierung hat am Montag einen neuen Plan vorgestellt. Der Minister sagte: „We will not raise taxes this year“, und verließ den Saal.\n";
    write_tree(dir.path(), &[("c/de.txt", text.as_bytes())]);
    assert_code(
        &duolex(
            dir.path(),
            &["analyze", "c", "--out", "out", "--langs", "de,en", "-q"],
        ),
        0,
    );
    let segs = read_table(&dir.path().join("out/segments.csv"));
    let got: Vec<(&str, &str)> = segs
        .iter()
        .map(|r| (r["lang"].as_str(), r["text"].as_str()))
        .collect();
    assert_eq!(got[1], ("en", "We will not raise taxes this year"));
    assert_eq!(got[0].0, "de");
    let bad = duolex(dir.path(), &["analyze", "c", "--langs", "fr,zz"]);
    assert_code(&bad, 2);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("zz"));
}
