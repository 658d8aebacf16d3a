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
    format!("{x:.decimals$}")
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
            ex.row(
                t,
                &[
                    Cell::Text(&d.path),
                    Cell::Int(i as i64),
                    Cell::Int(s.start as i64),
                    Cell::Int(s.end as i64),
                    Cell::Text(s.code()),
                    Cell::Text(s.kind.as_str()),
                    Cell::Float(s.confidence, 3),
                    Cell::Text(&d.text[s.start..s.end]),
                ],
            )?;
        }
    }
    Ok(())
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
