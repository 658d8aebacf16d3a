//! What each format does to text (issue #21): the spreadsheet CSV profiles
//! keep words as words when LibreOffice opens them with its default import
//! options; standard CSV and JSON Lines keep exact text; XLSX cells are
//! typed (no guard), cut with a visible mark and a warning, show the CSV's
//! decimals, keep `date` as text, and come out the same bytes every run.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{assert_code, duolex, read_table, write_tree};
use std::path::Path;
use std::process::Command;

/// Names a spreadsheet converts on import when nothing protects them.
const WORDS: [&str; 11] = [
    "vrai",
    "faux",
    "true",
    "false",
    "10pm",
    "2am",
    "1-2",
    "MARCH1",
    "007",
    "1E5",
    "12345678901234567890",
];

/// Converts `files` to XLSX in `outdir` with LibreOffice's CSV filter,
/// given only the separator, the quote, UTF-8, the first line and the
/// locale (every other import option at its default: special numbers
/// detected, quoted fields not taken as text, formulas evaluated).
fn libreoffice(dir: &Path, filter: &str, outdir: &str, files: &[&str]) -> bool {
    let profile = dir.join("lo-profile");
    let status = Command::new("soffice")
        .current_dir(dir)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--headless")
        .arg(format!("--infilter={filter}"))
        .args(["--convert-to", "xlsx", "--outdir", outdir])
        .args(files)
        .output();
    match status {
        Ok(out) if out.status.success() => true,
        Ok(out) => panic!("soffice failed: {out:?}"),
        Err(e) => {
            // CI installs LibreOffice (.ci/run); elsewhere the test says it
            // could not run.
            assert!(std::env::var_os("CI").is_none(), "no soffice in CI: {e}");
            eprintln!("no LibreOffice (soffice: {e}): the round trip is not checked");
            false
        }
    }
}

fn column(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str, col: &str) -> Vec<Data> {
    let range = wb.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let header = rows.next().unwrap();
    let i = header
        .iter()
        .position(|c| matches!(c, Data::String(s) if s == col))
        .unwrap_or_else(|| panic!("no column {col} in {header:?}"));
    rows.map(|r| r[i].clone()).collect()
}

#[test]
fn libreoffice_reads_words_as_words_in_both_spreadsheet_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files: Vec<(String, &[u8])> = WORDS
        .iter()
        .map(|w| {
            (
                format!("c/{w}"),
                "Le modèle est prêt, the model is ready.".as_bytes(),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    write_tree(d, &files);
    // Named one by one from inside the folder: the path column holds the bare names.
    let mut args = vec!["analyze", "--tables", "terms", "-q"];
    args.extend(WORDS);
    for (out, profile) in [
        ("../en", "excel"),
        ("../fr", "excel-fr"),
        ("../std", "standard"),
    ] {
        let mut a = args.clone();
        a.extend(["--out", out, "--csv-profile", profile]);
        assert_code(&duolex(&d.join("c"), &a), 0);
    }
    // Tables are links into the folder's current generation: copy them.
    for (from, to) in [
        ("en/documents.csv", "en.csv"),
        ("en/terms.csv", "en-terms.csv"),
        ("std/documents.csv", "std.csv"),
        ("fr/documents.csv", "fr.csv"),
        ("fr/terms.csv", "fr-terms.csv"),
    ] {
        std::fs::copy(d.join(from), d.join(to)).unwrap();
    }
    // Two conversions: English locale (`,`), French locale (`;`).
    let en = "CSV:44,34,76,1,,1033";
    let fr = "CSV:59,34,76,1,,1036";
    if !libreoffice(d, en, "lo", &["en.csv", "en-terms.csv", "std.csv"])
        || !libreoffice(d, fr, "lo", &["fr.csv", "fr-terms.csv"])
    {
        return;
    }
    for name in ["en", "fr"] {
        let mut wb: Xlsx<_> = open_workbook(d.join(format!("lo/{name}.xlsx"))).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let paths = column(&mut wb, &sheet, "path");
        let expected: Vec<Data> = WORDS.iter().map(|w| Data::String(w.to_string())).collect();
        let mut sorted = expected.clone();
        sorted.sort_by_key(|d| d.to_string());
        assert_eq!(paths, sorted, "{name}: every name stays the text it is");
        let bytes = column(&mut wb, &sheet, "bytes");
        assert!(
            bytes.iter().all(|b| matches!(b, Data::Float(_))),
            "{name}: numbers stay numbers: {bytes:?}"
        );
        let mut terms: Xlsx<_> = open_workbook(d.join(format!("lo/{name}-terms.xlsx"))).unwrap();
        let sheet = terms.sheet_names()[0].clone();
        let tf = column(&mut terms, &sheet, "tf");
        assert!(!tf.is_empty());
        assert!(
            tf.iter()
                .all(|x| matches!(x, Data::Float(v) if *v > 0.0 && *v < 1.0)),
            "{name}: tf stays a number: {tf:?}"
        );
        let count = column(&mut terms, &sheet, "count");
        assert!(count.iter().all(|x| matches!(x, Data::Float(_))), "{name}");
    }
    // The standard profile keeps exact text, which LibreOffice converts:
    // what the spreadsheet profiles protect against.
    let mut wb: Xlsx<_> = open_workbook(d.join("lo/std.xlsx")).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let paths = column(&mut wb, &sheet, "path");
    assert!(paths.contains(&Data::Bool(true)), "{paths:?}");
    assert!(
        paths
            .iter()
            .any(|p| matches!(p, Data::Float(x) if *x == 7.0)),
        "{paths:?}"
    );
}

/// A document whose lines a formula guard would have changed.
const GUARDED: &str = "date 2025-02-03\n- une puce de liste, en français\n=1+2 est une formule, a dit le modèle.\n@sama répond : +33 au modèle.\n";

#[test]
fn standard_csv_and_jsonl_keep_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(d, &[("c/a.txt", GUARDED.as_bytes())]);
    assert_code(
        &duolex(
            d,
            &["analyze", "c", "--out", "csv", "--tables", "segments", "-q"],
        ),
        0,
    );
    let rows = read_table(&d.join("csv/segments.csv"));
    assert!(!rows.is_empty());
    for r in &rows {
        let (start, end): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(r["text"], GUARDED[start..end], "{r:?}");
    }
    assert!(
        rows.iter().any(|r| r["text"].starts_with("- une puce")),
        "{rows:?}"
    );
    assert_code(
        &duolex(
            d,
            &[
                "analyze", "c", "--out", "jsonl", "--tables", "segments", "--format", "jsonl", "-q",
            ],
        ),
        0,
    );
    let text = std::fs::read_to_string(d.join("jsonl/segments.jsonl")).unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(v["text"], GUARDED[start..end]);
    }
}

#[test]
fn csv_profile_with_another_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_tree(d, &[("c/a.txt", GUARDED.as_bytes())]);
    for format in ["xlsx", "jsonl"] {
        let out = duolex(
            d,
            &[
                "analyze",
                "c",
                "--out",
                "out",
                "--format",
                format,
                "--csv-profile",
                "excel",
            ],
        );
        assert_code(&out, 2);
        assert!(String::from_utf8_lossy(&out.stderr).contains("--csv-profile"));
        assert!(!d.join("out").exists(), "nothing written");
    }
}

#[test]
fn xlsx_cells_are_typed_cut_with_a_mark_and_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One segment longer than a cell holds.
    let long = "Le modèle de langage avance vite et bien. ".repeat(1_200);
    write_tree(
        d,
        &[
            ("c/a.txt", GUARDED.as_bytes()),
            ("c/b.txt", format!("date 2025-01\n{long}").as_bytes()),
        ],
    );
    let run = duolex(d, &["analyze", "c", "--out", "one", "--format", "xlsx"]);
    assert_code(&run, 0);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("warning: 1 XLSX cells held more than Excel's 32767 characters"),
        "{err}"
    );
    assert_code(
        &duolex(
            d,
            &["analyze", "c", "--out", "two", "--format", "xlsx", "-q"],
        ),
        0,
    );
    let (one, two) = (
        std::fs::read(d.join("one/duolex.xlsx")).unwrap(),
        std::fs::read(d.join("two/duolex.xlsx")).unwrap(),
    );
    assert!(one == two, "the same tables give the same workbook bytes");

    let mut wb: Xlsx<_> = open_workbook(d.join("one/duolex.xlsx")).unwrap();
    let text = column(&mut wb, "segments", "text");
    let cut: Vec<&Data> = text
        .iter()
        .filter(|t| t.to_string().ends_with("…[cut]"))
        .collect();
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0].to_string().encode_utf16().count(), 32_767);
    // No guard: the list item and the formula line are as written.
    let first = text[0].to_string();
    assert!(
        first.starts_with("- une puce") && first.contains("\n=1+2 est"),
        "{first}"
    );
    // `date` is text for a month and for a day alike.
    let dates = column(&mut wb, "documents", "date");
    assert_eq!(
        dates,
        [
            Data::String("2025-02-03".into()),
            Data::String("2025-01".into())
        ]
    );
    // Number formats show the CSV's decimals; long text wraps from its top.
    let styles = Command::new("unzip")
        .args(["-p", "one/duolex.xlsx", "xl/styles.xml"])
        .current_dir(d)
        .output();
    if let Some(styles) = styles.ok().filter(|o| o.status.success()) {
        let styles = String::from_utf8_lossy(&styles.stdout);
        assert!(styles.contains("formatCode=\"0.000000\""), "{styles}");
        assert!(styles.contains("wrapText=\"1\"") && styles.contains("vertical=\"top\""));
    }
}
