//! The output tables: CSV (RFC 4180, UTF-8, header row), written to a
//! temporary file and renamed into place so a table is never half written.

use crate::analyze::DocAnalysis;
use crate::decode::Status;
use duolex_keywords::{ratio, CorpusCounts};
use duolex_tokenize::Lang;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One document's outcome, in input order.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub path: String,
    pub status: Status,
    pub error: String,
    pub encoding: &'static str,
    pub bytes: u64,
    /// The decoded text (kept for the segments table).
    pub text: String,
    pub analysis: DocAnalysis,
}

/// Fixed float formatting, so outputs are identical on every platform.
pub fn fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

/// Writes `documents.csv`.
pub fn documents<W: Write>(w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record([
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
    ])?;
    for d in docs {
        let a = &d.analysis;
        let by_lang: Vec<String> = a
            .counts
            .tokens
            .iter()
            .map(|(l, n)| format!("{l}={n}"))
            .collect();
        w.write_record([
            d.path.as_str(),
            d.status.as_str(),
            d.encoding,
            &d.bytes.to_string(),
            a.date.as_deref().unwrap_or(""),
            a.main_lang.map_or("", Lang::code),
            &a.segments.len().to_string(),
            &a.tokens.to_string(),
            &a.counts.total_tokens().to_string(),
            &by_lang.join(" "),
            &d.error,
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `segments.csv`.
pub fn segments<W: Write>(w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record([
        "path",
        "segment",
        "start",
        "end",
        "lang",
        "kind",
        "confidence",
        "text",
    ])?;
    for d in docs {
        for (i, s) in d.analysis.segments.iter().enumerate() {
            w.write_record([
                d.path.as_str(),
                &i.to_string(),
                &s.start.to_string(),
                &s.end.to_string(),
                s.code(),
                s.kind.as_str(),
                &fixed(s.confidence, 3),
                &d.text[s.start..s.end],
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes `terms.csv`: per document and language, terms by count. `term`
/// is the document's most frequent form of the term as written there; the
/// `stem` column is the key that joins documents and `vocabulary.csv`.
pub fn terms<W: Write>(w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["path", "lang", "term", "stem", "count", "tf"])?;
    for d in docs {
        let counts = &d.analysis.counts;
        for ((lang, key), t) in counts.sorted() {
            let words = counts.tokens.get(lang).copied().unwrap_or(0);
            w.write_record([
                d.path.as_str(),
                lang.code(),
                t.display(),
                key,
                &t.count.to_string(),
                &fixed(ratio(t.count, words), 6),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes `vocabulary.csv`: corpus totals per language and term.
pub fn vocabulary<W: Write>(w: W, corpus: &CorpusCounts) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["lang", "term", "stem", "count", "documents", "share"])?;
    for ((lang, key), t) in corpus.sorted() {
        w.write_record([
            lang.code(),
            t.display(),
            key,
            &t.count.to_string(),
            &t.documents.to_string(),
            &fixed(corpus.share(*lang, t.count), 6),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a table through `fill` into `dir/name`, via a temporary file in
/// the same folder that is renamed into place only when complete.
pub fn write_atomically(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> csv::Result<()>,
) -> Result<PathBuf, (PathBuf, io::Error)> {
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let attempt = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut buf = io::BufWriter::new(file);
        fill(&mut buf).map_err(io::Error::other)?;
        buf.flush()?;
        buf.get_ref().sync_all()?;
        drop(buf);
        std::fs::rename(&tmp, &target)
    })();
    match attempt {
        Ok(()) => Ok(target),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err((target, e))
        }
    }
}
