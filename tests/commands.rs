//! `duolex detect` and `duolex tokens`, through the real binary.

mod common;
use common::*;

#[test]
fn detect_jsonl_on_the_seed() {
    let seed = seed();
    let out = duolex_stdin(&["detect", "-", "--format", "jsonl"], &seed);
    assert_code(&out, 0);
    let text = String::from_utf8(seed).unwrap();
    let rows = jsonl_rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["lang"], "en");
    assert_eq!(rows[1]["kind"], "quote");
    let (s, e) = (
        rows[1]["start"].as_u64().unwrap() as usize,
        rows[1]["end"].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].starts_with("deepseek's r1"));
    assert_eq!(text[s..e], rows[1]["text"]);
}

/// `--format csv` on standard output is standard CSV (RFC 4180 line ends,
/// one row per segment or line) and keeps text exactly as written, as the
/// standard profile of the tables does: no formula guard (issue #21).
#[test]
fn csv_on_standard_output_keeps_exact_text() {
    let input = "=1+2 est une formule, a dit le modèle.\n\n-x the model said, again and again.\n";
    let out = duolex_stdin(&["detect", "--format", "csv"], input.as_bytes());
    assert_code(&out, 0);
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(rows[0], "segment,start,end,lang,kind,confidence,text");
    assert!(
        rows[1].ends_with(",\"=1+2 est une formule, a dit le modèle.\""),
        "{csv}"
    );
    assert!(
        rows[2].ends_with(",\"-x the model said, again and again.\""),
        "{csv}"
    );

    let out = duolex_stdin(&["detect", "--lines", "--format", "csv"], input.as_bytes());
    assert_code(&out, 0);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("line,lang,confidence\r\n1,fr,"), "{csv}");
    assert_eq!(
        csv.matches("\r\n").count(),
        4,
        "header and three lines: {csv}"
    );

    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("a.txt", input.as_bytes())]);
    let out = duolex(
        dir.path(),
        &[
            "kwic", "formule", "a.txt", "--format", "csv", "--width", "13",
        ],
    );
    assert_code(&out, 0);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains(",1,14,fr,=1+2 est une ,formule,"), "{csv}");
}

#[test]
fn detect_text_brackets_quotes_when_not_a_terminal() {
    let input = "Il a dit « we will not back down » puis il est parti.";
    let out = duolex_stdin(&["detect"], input.as_bytes());
    assert_code(&out, 0);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Il a dit « [en: we will not back down] » puis il est parti.\n"
    );
}

#[test]
fn detect_lines_answers_every_line_in_order() {
    let input = "les données du modèle\nthe data of the model\n\n1234\nqu’il\n";
    let out = duolex_stdin(
        &["detect", "--lines", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_code(&out, 0);
    let langs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["lang"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(langs, ["fr", "en", "und", "und", "fr"]);
}

#[test]
fn tokens_lines_jsonl_and_text() {
    let input = "L’IA d’OpenAI, aujourd’hui aux États-Unis.\nDeepSeek's model isn't cheap.\n";
    let out = duolex_stdin(
        &["tokens", "--lines", "--lang", "fr", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_code(&out, 0);
    let lines = jsonl_rows(&out);
    assert_eq!(lines.len(), 2);
    let words: Vec<&str> = lines[0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        words,
        [
            "L’",
            "IA",
            "d’",
            "OpenAI",
            "aujourd’hui",
            "aux",
            "États-Unis"
        ]
    );
    assert_eq!(lines[0]["tokens"][0]["kind"], "elision");

    let auto = duolex_stdin(
        &["tokens"],
        "Il a écrit « DeepSeek's model is impressive ».".as_bytes(),
    );
    assert_code(&auto, 0);
    let got: Vec<String> = String::from_utf8(auto.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(
        got,
        [
            "Il",
            "a",
            "écrit",
            "DeepSeek",
            "'s",
            "model",
            "is",
            "impressive"
        ]
    );
}

#[test]
fn missing_file_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = duolex(dir.path(), &["detect", "nope.txt"]);
    assert_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
}
