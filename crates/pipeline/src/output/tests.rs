use super::*;
use crate::config::{CsvProfile, TableSet};

fn settings(tables: &[Table]) -> Settings {
    Settings {
        tables: TableSet::with(tables),
        ..Settings::default()
    }
}

/// A documents row: `path`, `bytes`, the rest empty.
fn doc_row(path: &str, bytes: i64) -> Vec<Cell<'_>> {
    let mut cells = vec![
        Cell::Text(path),
        Cell::Text("ok"),
        Cell::Text("utf-8"),
        Cell::Int(bytes),
    ];
    cells.extend([Cell::Text(""); 9]);
    cells
}

#[test]
fn dropped_output_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let format = OutputFormat::Csv(CsvProfile::Standard);
    let mut out = Output::create(dir.path(), format, &settings(&[Table::Terms])).unwrap();
    let mut rows = RowBuf::new(out.renderer());
    rows.row(Table::Documents, &doc_row("a", 1)).unwrap();
    rows.replay(&mut out).unwrap();
    drop(out);
    // Only the state folder's lock: no table, no staging folder.
    let names = |p: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(dir.path()), [".duolex"]);
    assert_eq!(names(&dir.path().join(".duolex")), ["lock"]);
}

#[test]
fn rows_keep_their_order_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let out_of = |format| {
        let mut out = Output::create(dir.path(), format, &settings(&[Table::Ngrams])).unwrap();
        for (i, path) in ["b", "a", "c"].into_iter().enumerate() {
            let mut rows = RowBuf::new(out.renderer());
            rows.row(Table::Documents, &doc_row(path, i as i64))
                .unwrap();
            let ngram = [
                Cell::Text("fr"),
                Cell::Text(path),
                Cell::Int(2),
                Cell::Int(3),
                Cell::Int(1),
                Cell::Float(0.5, 4),
            ];
            rows.row(Table::Ngrams, &ngram).unwrap();
            rows.replay(&mut out).unwrap();
        }
        out.finish().unwrap()
    };
    let written = out_of(OutputFormat::Jsonl);
    let docs = std::fs::read_to_string(&written[0]).unwrap();
    let paths: Vec<&str> = docs.lines().map(|l| &l[9..10]).collect();
    assert_eq!(paths, ["b", "a", "c"]);
    let ngrams = std::fs::read_to_string(&written[1]).unwrap();
    assert!(ngrams.starts_with("{\"lang\":\"fr\",\"ngram\":\"b\",\"n\":2"));
    assert_eq!(ngrams.lines().count(), 3);
    assert_eq!(written[0].bytes, docs.len() as u64);
}

#[test]
fn workbook_has_typed_cells_and_continuation_sheets() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let mut out = Output::with_sheet_rows(
        dir.path(),
        OutputFormat::Xlsx,
        &settings(&[Table::Vocabulary]),
        3,
    )
    .unwrap();
    let mut rows = RowBuf::new(out.renderer());
    for i in 0..5 {
        rows.row(Table::Documents, &doc_row("=x", i)).unwrap();
    }
    rows.replay(&mut out).unwrap();
    let written = out.finish().unwrap();
    assert_eq!(written[0].path, dir.path().join("duolex.xlsx"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "the workbook and the state folder, no temporary file"
    );
    let mut wb: Xlsx<_> = open_workbook(&written[0].path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["documents", "vocabulary", "documents (2)", "documents (3)"]
    );
    let sheets = ["documents", "documents (2)", "documents (3)"];
    let cells: Vec<Vec<(Data, Data)>> = sheets
        .iter()
        .map(|s| {
            let r = wb.worksheet_range(s).unwrap();
            assert_eq!(r.rows().next().unwrap()[0], Data::String("path".into()));
            r.rows()
                .skip(1)
                .map(|row| (row[0].clone(), row[3].clone()))
                .collect()
        })
        .collect();
    // Typed strings: no formula guard.
    let x = || Data::String("=x".into());
    assert_eq!(
        cells,
        [
            vec![(x(), Data::Float(0.0)), (x(), Data::Float(1.0))],
            vec![(x(), Data::Float(2.0)), (x(), Data::Float(3.0))],
            vec![(x(), Data::Float(4.0))]
        ]
    );
}
