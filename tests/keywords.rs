//! Keyphrases, n-grams, keyness and the concordance, through the real binary.

mod common;
use common::*;

const A: &str = "Sam Altman salue l’open source\n\
Sam Altman a salué l’open source. Donald Trump parle de prise de conscience.\n\
L’intelligence artificielle avance : Sam Altman le dit, Donald Trump aussi.\n";
const B: &str = "Les modèles ouverts progressent. Le modèle chinois est « impressionnant ».\n\
L’intelligence artificielle change le marché des modèles.\n";

fn write_corpus(dir: &std::path::Path) {
    write_tree(
        dir,
        &[("c/a.txt", A.as_bytes()), ("c/sub/b.txt", B.as_bytes())],
    );
}

#[test]
fn analyze_writes_keyword_ngram_and_keyness_tables_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut bytes = Vec::new();
    for jobs in ["1", "2"] {
        let out = format!("out{jobs}");
        let o = duolex(
            dir.path(),
            &[
                "analyze",
                "c",
                "--out",
                &out,
                "--jobs",
                jobs,
                "--group-by",
                "folder",
                "--quiet",
            ],
        );
        assert_code(&o, 0);
        let t: Vec<Vec<u8>> = ["keywords.csv", "ngrams.csv", "keyness.csv"]
            .iter()
            .map(|n| std::fs::read(dir.path().join(&out).join(n)).unwrap())
            .collect();
        bytes.push(t);
    }
    assert_eq!(bytes[0], bytes[1]);

    let ngrams = read_table(&dir.path().join("out1/ngrams.csv"));
    let find = |g: &str| ngrams.iter().find(|r| r["ngram"] == g).cloned();
    let sam = find("Sam Altman").expect("Sam Altman is a unit");
    assert_eq!(
        (
            sam["lang"].as_str(),
            sam["n"].as_str(),
            sam["count"].as_str(),
            sam["documents"].as_str()
        ),
        ("fr", "2", "3", "1")
    );
    assert!(find("Donald Trump").is_some());
    assert!(find("intelligence artificielle").is_some_and(|r| r["documents"] == "2"));
    // Stop words inside, never at the edges.
    assert!(ngrams
        .iter()
        .all(|r| !r["ngram"].starts_with("de ") && !r["ngram"].ends_with(" de")));

    let kw = read_table(&dir.path().join("out1/keywords.csv"));
    let a: Vec<&str> = kw
        .iter()
        .filter(|r| r["path"] == "c/a.txt")
        .map(|r| r["keyword"].as_str())
        .collect();
    assert!(a[..3].contains(&"Sam Altman"), "{a:?}");
    assert_eq!(kw[0]["rank"], "1");

    let keyness = read_table(&dir.path().join("out1/keyness.csv"));
    let groups: std::collections::BTreeSet<&str> =
        keyness.iter().map(|r| r["group"].as_str()).collect();
    assert!(
        groups.contains("doc:c/sub/b.txt") && groups.contains("folder:c/sub"),
        "{groups:?}"
    );
    assert!(keyness
        .iter()
        .all(|r| r["g2"].parse::<f64>().unwrap() >= 3.84));
}

#[test]
fn ngrams_stop_at_sentence_clause_quote_and_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Parle de Trump. Altman écoute.\n\
                Le modèle : source ouverte. Le code « open » source, vraiment ouvert.\n\
                Le modèle ouvert, le modèle ouvert.\n";
    write_tree(dir.path(), &[("t.txt", text.as_bytes())]);
    let o = duolex(dir.path(), &["analyze", "t.txt", "--out", "out", "--quiet"]);
    assert_code(&o, 0);
    let ngrams = read_table(&dir.path().join("out/ngrams.csv"));
    let all: Vec<&str> = ngrams.iter().map(|r| r["ngram"].as_str()).collect();
    assert_eq!(all, ["modèle ouvert"], "only the repeated in-piece bigram");
    // Keyword candidates never cross a boundary either.
    let out = duolex(
        dir.path(),
        &["keywords", "t.txt", "--top", "50", "--format", "jsonl"],
    );
    assert_code(&out, 0);
    let stdout = String::from_utf8(out.stdout).unwrap();
    for crossing in [
        "Trump Altman",
        "modèle source",
        "code open",
        "open source",
        "source vraiment",
    ] {
        assert!(
            !stdout.contains(&format!("\"{crossing}\"")),
            "{crossing}: {stdout}"
        );
    }
}

#[test]
fn keywords_command_jsonl_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = duolex(
        dir.path(),
        &["keywords", "c", "--top", "3", "--format", "jsonl"],
    );
    assert_code(&out, 0);
    let lines = jsonl_rows(&out);
    assert_eq!(lines[0]["path"], "c/a.txt");
    assert_eq!(lines[0]["lang"], "fr");
    let kws = lines[0]["keywords"].as_array().unwrap();
    assert_eq!(kws.len(), 3);
    assert!(kws.iter().any(|k| k["keyword"] == "Sam Altman"), "{kws:?}");
    assert!(kws[0]["score"].as_f64().unwrap() >= kws[2]["score"].as_f64().unwrap());

    let out = duolex(dir.path(), &["keywords", "c", "--top", "2"]);
    assert_code(&out, 0);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("path,lang,rank,keyword,score\r\n"));
    assert!(csv.contains("c/sub/b.txt,fr,1,"));
}

#[test]
fn kwic_matches_by_stem_with_context() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = duolex(
        dir.path(),
        &["kwic", "modèle", "c", "--width", "12", "--format", "jsonl"],
    );
    assert_code(&out, 0);
    let rows = jsonl_rows(&out);
    let matches: Vec<&str> = rows.iter().map(|r| r["match"].as_str().unwrap()).collect();
    assert_eq!(matches, ["modèles", "modèle", "modèles"]);
    // Context as written (white space runs shown as one space).
    assert_eq!(rows[0]["left"], "Les ");
    assert_eq!(rows[0]["right"], " ouverts pro");
    assert_eq!(rows[1]["left"].as_str().unwrap().chars().count(), 12);
    for r in &rows {
        let off = r["offset"].as_u64().unwrap() as usize;
        let m = r["match"].as_str().unwrap();
        assert_eq!(&B[off..off + m.len()], m);
        // Line and column (characters, 1-based) name the same place.
        let (line, column) = (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap());
        let before = &B[..off];
        assert_eq!(line as usize, before.matches('\n').count() + 1);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(column as usize, B[line_start..off].chars().count() + 1);
    }
    // Text format: `path:line:column: left[match]right`, as grep users
    // expect; and a language filter that excludes everything.
    let out = duolex(dir.path(), &["kwic", "modèles", "c/sub/b.txt"]);
    assert_code(&out, 0);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("c/sub/b.txt:1:5: "), "{text}");
    assert!(text.contains("Les [modèles] ouverts"), "{text}");
    let out = duolex(dir.path(), &["kwic", "modèle", "c", "--lang", "en"]);
    assert_code(&out, 0);
    assert!(out.stdout.is_empty());
}

#[test]
fn keyness_against_a_reference_corpus() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let reference =
        "Le marché des modèles et le marché du travail changent. Le marché baisse.\n".repeat(20);
    write_tree(dir.path(), &[("ref/r.txt", reference.as_bytes())]);
    let o = duolex(
        dir.path(),
        &[
            "analyze",
            "c",
            "--out",
            "out",
            "--reference",
            "ref",
            "--quiet",
        ],
    );
    assert_code(&o, 0);
    let keyness = read_table(&dir.path().join("out/keyness.csv"));
    let rows: Vec<_> = keyness
        .iter()
        .filter(|r| r["group"] == "reference")
        .collect();
    assert!(rows.iter().any(|r| r["term"] == "Altman"), "{rows:?}");
    assert!(rows.iter().all(|r| r["term"] != "marché"));
    assert!(rows
        .iter()
        .all(|r| r["log_ratio"].parse::<f64>().unwrap() > 0.0));
}
