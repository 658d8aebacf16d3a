//! The rows of the per-document and vocabulary tables, written through an
//! [`Exporter`](crate::export::Exporter) (CSV with a spreadsheet profile, XLSX or JSONL).

use crate::analyze::DocAnalysis;
use crate::decode::Status;
use crate::export::{Cell, Rows, TableId};
use crate::stats_tables::GroupBy;
use duolex_keywords::{ratio, CorpusCounts};
use duolex_tokenize::Lang;
use std::io;
use std::path::PathBuf;

/// One document's outcome, in input order.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub path: String,
    pub status: Status,
    pub error: String,
    pub encoding: &'static str,
    pub bytes: u64,
    /// U+FFFD characters decoding inserted.
    pub replacements: u64,
    /// Remarks that did not stop the analysis (file name not UTF-8).
    pub note: String,
    /// The decoded text (kept for the segments table).
    pub text: String,
    pub analysis: DocAnalysis,
}

/// Fixed float formatting, so outputs are identical on every platform.
pub fn fixed(x: f64, decimals: usize) -> String {
    let mut out = String::new();
    push_fixed(&mut out, x, decimals);
    out
}

/// Appends `x` with `decimals` decimals — exactly what `format!("{x:.N}")`
/// writes (the exact binary value rounded half to even), but without the
/// exact-arithmetic formatter in the usual case: tables print millions of
/// floats. The shortcut scales and rounds in floating point only when that
/// cannot decide differently (the value is small and not within a
/// millionth of a rounding tie); otherwise it asks `format!`.
pub fn push_fixed(out: &mut String, x: f64, decimals: usize) {
    use std::fmt::Write as _;
    const POW10: [u64; 10] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
    ];
    let fast = decimals < POW10.len() && x.is_finite();
    if fast {
        let p = POW10[decimals];
        let scaled = x.abs() * p as f64;
        // Below 1e9 the product's rounding error is under 1.2e-7, so a
        // fraction more than 1e-6 away from one half rounds the same way as
        // the exact value would.
        let floor = scaled.floor();
        let frac = scaled - floor;
        if scaled < 1e9 && (frac - 0.5).abs() > 1e-6 {
            let n = floor as u64 + u64::from(frac > 0.5);
            if x.is_sign_negative() {
                out.push('-');
            }
            push_digits(out, n / p, 1);
            if decimals > 0 {
                out.push('.');
                push_digits(out, n % p, decimals);
            }
            return;
        }
    }
    let _ = write!(out, "{x:.decimals$}");
}

/// Appends an integer in decimal (what `write!(out, "{n}")` writes).
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_digits(out, n.unsigned_abs(), 1);
}

/// Appends `n` in decimal, with leading zeros up to `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // ASCII digits.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// What to keep of the big tables: terms seen at least `min_count` times,
/// and at most `top` rows per document and language (`terms.csv`) or per
/// language (`vocabulary.csv`, `ngrams.csv`) or per group and language
/// (`keyness.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub min_count: u64,
    pub top: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            min_count: 1,
            top: None,
        }
    }
}

impl Limits {
    /// Whether the `rank`-th row (0-based) of a group, seen `count` times, is kept.
    pub fn keeps(&self, rank: usize, count: u64) -> bool {
        count >= self.min_count && self.top.is_none_or(|t| rank < t)
    }
}

/// A table's rows could not be written: the path and the cause.
pub type WriteError = (PathBuf, io::Error);

/// The columns of `documents.csv`.
pub const DOCUMENTS_HEADER: [&str; 13] = [
    "path",
    "status",
    "encoding",
    "bytes",
    "date",
    "main_lang",
    "segments",
    "tokens",
    "words",
    "words_by_lang",
    "error",
    "replacements",
    "note",
];

/// Writes the `documents.csv` rows of `docs`.
pub fn document_rows(ex: &mut impl Rows, t: TableId, docs: &[DocResult]) -> Result<(), WriteError> {
    for d in docs {
        let a = &d.analysis;
        let by_lang: Vec<String> = a
            .counts
            .tokens
            .iter()
            .map(|(l, n)| format!("{l}={n}"))
            .collect();
        let by_lang = by_lang.join(" ");
        ex.row(
            t,
            &[
                Cell::Text(&d.path),
                Cell::Text(d.status.as_str()),
                Cell::Text(d.encoding),
                Cell::Int(d.bytes as i64),
                Cell::Text(a.date.as_deref().unwrap_or("")),
                Cell::Text(a.main_lang.map_or("", Lang::code)),
                Cell::Int(a.segments.len() as i64),
                Cell::Int(a.tokens as i64),
                Cell::Int(a.counts.total_tokens() as i64),
                Cell::Text(&by_lang),
                Cell::Text(&d.error),
                Cell::Int(d.replacements as i64),
                Cell::Text(&d.note),
            ],
        )?;
    }
    Ok(())
}

/// The columns of `segments.csv`.
pub const SEGMENTS_HEADER: [&str; 8] = [
    "path",
    "segment",
    "start",
    "end",
    "lang",
    "kind",
    "confidence",
    "text",
];

/// Writes the `segments.csv` rows of `docs`. A run's `text` can be a field
/// of gigabytes (a one-line file in one language): every writer handles a
/// field in linear time.
pub fn segment_rows(ex: &mut impl Rows, t: TableId, docs: &[DocResult]) -> Result<(), WriteError> {
    for d in docs {
        for (i, s) in d.analysis.segments.iter().enumerate() {
            ex.row(t, &segment_cells(&d.path, &d.text, i, s))?;
        }
    }
    Ok(())
}

/// The `segments.csv` cells of run number `i` (`s`) of a document's `text`,
/// `path` first (`duolex detect` writes them without it).
pub fn segment_cells<'a>(
    path: &'a str,
    text: &'a str,
    i: usize,
    s: &duolex_langdetect::Segment,
) -> [Cell<'a>; 8] {
    [
        Cell::Text(path),
        Cell::Int(i as i64),
        Cell::Int(s.start as i64),
        Cell::Int(s.end as i64),
        Cell::Text(s.code()),
        Cell::Text(s.kind.as_str()),
        Cell::Float(s.confidence, 3),
        Cell::Text(&text[s.start..s.end]),
    ]
}

/// The columns of `terms.csv`; with `--group-by`, a last column `group`
/// (`date:YYYY-MM` or `folder:DIR`) lets a spreadsheet chart a term by month
/// or folder.
pub const TERMS_HEADER: [&str; 7] = ["path", "lang", "term", "stem", "count", "tf", "group"];

/// Writes the `terms.csv` rows of `docs`: per document and language, terms
/// by count. `term` is the document's most frequent form of the term as
/// written there; the `stem` column is the key that joins documents and
/// `vocabulary.csv`.
pub fn term_rows(
    ex: &mut impl Rows,
    t: TableId,
    docs: &[DocResult],
    limits: Limits,
    group_by: Option<GroupBy>,
) -> Result<(), WriteError> {
    for d in docs {
        let counts = &d.analysis.counts;
        let group = group_by
            .and_then(|g| g.group_of(&d.path, d.analysis.date.as_deref()))
            .unwrap_or_default();
        let mut rank = 0;
        let mut current = None;
        for ((lang, key), term) in counts.sorted() {
            if current != Some(*lang) {
                (current, rank) = (Some(*lang), 0);
            }
            rank += 1;
            if !limits.keeps(rank - 1, term.count) {
                continue;
            }
            let words = counts.tokens.get(lang).copied().unwrap_or(0);
            let cells = [
                Cell::Text(&d.path),
                Cell::Text(lang.code()),
                Cell::Text(term.display()),
                Cell::Text(key),
                Cell::Int(term.count as i64),
                Cell::Float(ratio(term.count, words), 6),
                Cell::Text(&group),
            ];
            let n = if group_by.is_some() { 7 } else { 6 };
            ex.row(t, &cells[..n])?;
        }
    }
    Ok(())
}

/// The columns of `vocabulary.csv`.
pub const VOCABULARY_HEADER: [&str; 6] = ["lang", "term", "stem", "count", "documents", "share"];

/// Writes the `vocabulary.csv` rows: corpus totals per language and term.
pub fn vocabulary_rows(
    ex: &mut impl Rows,
    t: TableId,
    corpus: &CorpusCounts,
    limits: Limits,
) -> Result<(), WriteError> {
    let mut rank = 0;
    let mut current = None;
    for ((lang, key), term) in corpus.sorted() {
        if current != Some(*lang) {
            (current, rank) = (Some(*lang), 0);
        }
        rank += 1;
        if !limits.keeps(rank - 1, term.count) {
            continue;
        }
        ex.row(
            t,
            &[
                Cell::Text(lang.code()),
                Cell::Text(term.display()),
                Cell::Text(key),
                Cell::Int(term.count as i64),
                Cell::Int(term.documents as i64),
                Cell::Float(corpus.share(*lang, term.count), 6),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_writes_what_format_writes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            1e-7,
            -1e-7,
            0.0000005,
            0.0000015,
            999_999.999_999_5,
            1e9,
            1e12,
            -1e15,
            123.456,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            4.35,
            0.045,
            1.0005,
            2.675,
        ];
        for _ in 0..200_000 {
            let r = next();
            let mantissa = (r >> 11) as f64 / (1u64 << 53) as f64;
            let exp = (next() % 24) as i32 - 12;
            let sign = if r & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exp));
            // Decimal-looking values, where ties are likeliest.
            values.push(sign * (next() % 2_000_000) as f64 / 2f64.powi((next() % 12) as i32));
        }
        for &x in &values {
            for d in [0usize, 1, 2, 3, 4, 6, 9, 12] {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} with {d} decimals");
            }
        }
        for n in [0, 1, -1, 9, 10, -10, 1234567, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
