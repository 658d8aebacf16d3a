//! Rows as text: CSV through the `csv` crate (tables and standard output
//! alike) and JSON Lines through `serde_json`, over any `io::Write`.

use super::guard::{push_guarded, spreadsheet_guard, Guard};
use super::number::{push_fixed, push_int};
use crate::config::{CsvProfile, OutputFormat};
use crate::rows::Cell;
use std::io::{self, Write};

/// Writes the rows of one table as CSV or JSON Lines to `W`: a table file,
/// a buffer filled on a worker thread, standard output.
///
/// CSV follows RFC 4180 (CRLF line ends, fields quoted only when they hold
/// the delimiter, a quote or a line break) with the profile's delimiter and
/// decimal mark. The standard profile writes every text as it is; the
/// spreadsheet profiles give a text cell a spreadsheet would run as a
/// formula a leading `'` (see [`looks_like_formula`](super::looks_like_formula)),
/// and write a text it would convert on import (see
/// [`converts_on_import`](super::converts_on_import)) as a text literal
/// formula, `="007"`, whose value is the text. JSON Lines writes one
/// object per row, keyed by the column names, numbers as numbers, text as
/// it is.
///
/// ```
/// use duolex_pipeline::output::TextSink;
/// use duolex_pipeline::rows::Cell;
/// use duolex_pipeline::{CsvProfile, OutputFormat};
/// let format = OutputFormat::Csv(CsvProfile::ExcelFr);
/// let mut out = TextSink::table(Vec::new(), format, &["term", "score"]).unwrap();
/// out.row(&[Cell::Text("=cmd; x"), Cell::Float(22.5, 2)]).unwrap();
/// out.row(&[Cell::Text("vrai"), Cell::Float(0.5, 2)]).unwrap();
/// let text = "\u{feff}term;score\r\n\"'=cmd; x\";22,50\r\n\"=\"\"vrai\"\"\";0,50\r\n";
/// assert_eq!(out.into_inner().unwrap(), text.as_bytes());
///
/// let mut out = TextSink::csv(Vec::new(), CsvProfile::Standard);
/// out.row(&[Cell::Text("=cmd"), Cell::Text("vrai")]).unwrap();
/// assert_eq!(out.into_inner().unwrap(), b"=cmd,vrai\r\n");
///
/// let mut out = TextSink::jsonl(Vec::new(), &["term", "n"]);
/// out.row(&[Cell::Text("IA"), Cell::Int(4)]).unwrap();
/// assert_eq!(out.into_inner().unwrap(), b"{\"term\":\"IA\",\"n\":4}\n");
/// ```
pub struct TextSink<W: Write> {
    kind: Kind<W>,
    scratch: String,
}

enum Kind<W: Write> {
    Csv {
        // Boxed: the writer holds its buffer's bookkeeping inline.
        out: Box<csv::Writer<W>>,
        profile: CsvProfile,
    },
    Jsonl {
        out: W,
        columns: &'static [&'static str],
    },
}

impl<W: Write> TextSink<W> {
    /// CSV rows in `profile`'s conventions.
    pub fn csv(out: W, profile: CsvProfile) -> Self {
        let delimiter = match profile {
            CsvProfile::ExcelFr => b';',
            _ => b',',
        };
        let out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(4096)
            .from_writer(out);
        TextSink {
            kind: Kind::Csv {
                out: Box::new(out),
                profile,
            },
            scratch: String::new(),
        }
    }

    /// JSON Lines rows, keyed by `columns`.
    pub fn jsonl(out: W, columns: &'static [&'static str]) -> Self {
        TextSink {
            kind: Kind::Jsonl { out, columns },
            scratch: String::new(),
        }
    }

    /// A table's file begins: in CSV, the byte-order mark of the
    /// spreadsheet profiles and the header row; nothing in JSON Lines.
    pub fn table(
        mut out: W,
        format: OutputFormat,
        columns: &'static [&'static str],
    ) -> io::Result<Self> {
        match format {
            OutputFormat::Csv(profile) => {
                if profile != CsvProfile::Standard {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                let mut sink = TextSink::csv(out, profile);
                sink.header(columns)?;
                Ok(sink)
            }
            _ => Ok(TextSink::jsonl(out, columns)),
        }
    }

    /// Writes a CSV header row (nothing in JSON Lines).
    pub fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        if let Kind::Csv { out, .. } = &mut self.kind {
            out.write_record(columns)?;
        }
        Ok(())
    }

    /// Writes one row.
    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        match &mut self.kind {
            Kind::Csv { out, profile } => {
                for cell in cells {
                    let s = &mut self.scratch;
                    s.clear();
                    match *cell {
                        Cell::Int(n) => push_int(s, n),
                        Cell::Float(x, d) => {
                            push_fixed(s, x, d.into());
                            if *profile == CsvProfile::ExcelFr {
                                if let Some(dot) = s.find('.') {
                                    s.replace_range(dot..dot + 1, ",");
                                }
                            }
                        }
                        Cell::Text(t) => {
                            let guard = match profile {
                                CsvProfile::Standard => Guard::Plain,
                                _ => spreadsheet_guard(t),
                            };
                            if guard == Guard::Plain {
                                out.write_field(t)?;
                                continue;
                            }
                            push_guarded(s, t, guard);
                        }
                    }
                    out.write_field(s.as_bytes())?;
                }
                out.write_record(None::<&[u8]>)?;
            }
            Kind::Jsonl { out, columns } => {
                serde_json::to_writer(&mut *out, &JsonRow { columns, cells })?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// The writer, once the rows still buffered are written.
    pub fn into_inner(self) -> io::Result<W> {
        match self.kind {
            Kind::Csv { out, .. } => out.into_inner().map_err(|e| e.into_error()),
            Kind::Jsonl { out, .. } => Ok(out),
        }
    }
}

/// One JSON Lines row: an object of the columns and their cells.
struct JsonRow<'a> {
    columns: &'a [&'a str],
    cells: &'a [Cell<'a>],
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (col, cell) in self.columns.iter().zip(self.cells) {
            match *cell {
                Cell::Text(t) => map.serialize_entry(col, t)?,
                Cell::Int(n) => map.serialize_entry(col, &n)?,
                Cell::Float(x, d) => {
                    // Rounded as printed elsewhere, so every format shows
                    // the same value (NaN is written `null`).
                    let p = 10f64.powi(d.into());
                    map.serialize_entry(col, &((x * p).round() / p))?
                }
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(profile: CsvProfile, rows: &[Vec<Cell>]) -> String {
        let mut out =
            TextSink::table(Vec::new(), OutputFormat::Csv(profile), &["a", "b", "c"]).unwrap();
        for r in rows {
            out.row(r).unwrap();
        }
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn csv_profiles() {
        let rows = vec![vec![
            Cell::Text("modèle"),
            Cell::Float(-1.5, 2),
            Cell::Int(-3),
        ]];
        assert_eq!(
            csv(CsvProfile::Standard, &rows),
            "a,b,c\r\nmodèle,-1.50,-3\r\n"
        );
        assert_eq!(
            csv(CsvProfile::Excel, &rows),
            "\u{feff}a,b,c\r\nmodèle,-1.50,-3\r\n"
        );
        assert_eq!(
            csv(CsvProfile::ExcelFr, &rows),
            "\u{feff}a;b;c\r\nmodèle;-1,50;-3\r\n"
        );
    }

    #[test]
    fn csv_quoting_and_formula_guard() {
        let rows = vec![vec![
            Cell::Text("=HYPERLINK(\"x\")"),
            Cell::Text("a;b, \"c\"\nd"),
            Cell::Text("@sama"),
        ]];
        assert_eq!(
            csv(CsvProfile::ExcelFr, &rows),
            "\u{feff}a;b;c\r\n\"'=HYPERLINK(\"\"x\"\")\";\"a;b, \"\"c\"\"\nd\";'@sama\r\n"
        );
        // The standard profile keeps every text as it is.
        assert_eq!(
            csv(CsvProfile::Standard, &rows),
            "a,b,c\r\n\"=HYPERLINK(\"\"x\"\")\",\"a;b, \"\"c\"\"\nd\",@sama\r\n"
        );
    }

    #[test]
    fn jsonl_rows_are_typed() {
        let columns = &["a", "b", "c", "d"];
        let mut out = TextSink::table(Vec::new(), OutputFormat::Jsonl, columns).unwrap();
        out.row(&[
            Cell::Text("IA"),
            Cell::Float(0.1234567, 3),
            Cell::Int(4),
            Cell::Float(f64::NAN, 2),
        ])
        .unwrap();
        assert_eq!(
            String::from_utf8(out.into_inner().unwrap()).unwrap(),
            "{\"a\":\"IA\",\"b\":0.123,\"c\":4,\"d\":null}\n"
        );
    }
}
