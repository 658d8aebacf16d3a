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

/// Writes `documents.csv`.
pub fn documents<W: Write>(w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(DOCUMENTS_HEADER)?;
    document_rows(&mut w, docs)?;
    w.flush()?;
    Ok(())
}

/// Writes the `documents.csv` rows of `docs` (no header).
pub fn document_rows<W: Write>(w: &mut csv::Writer<W>, docs: &[DocResult]) -> csv::Result<()> {
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
            &d.replacements.to_string(),
            &d.note,
        ])?;
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

/// Writes `segments.csv`.
pub fn segments<W: Write>(mut w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut header = csv::Writer::from_writer(&mut w);
    header.write_record(SEGMENTS_HEADER)?;
    header.flush()?;
    drop(header);
    segment_rows(&mut w, docs)?;
    w.flush()?;
    Ok(())
}

/// Writes the `segments.csv` rows of `docs` (no header), formatted as the
/// csv crate does. Written by hand because a run's `text` can be a field of
/// gigabytes (a one-line file in one language), and the csv crate rescans
/// the rest of a field for every buffer it fills: quadratic time.
pub fn segment_rows<W: Write>(w: &mut W, docs: &[DocResult]) -> csv::Result<()> {
    for d in docs {
        for (i, s) in d.analysis.segments.iter().enumerate() {
            let fields = [
                d.path.as_str(),
                &i.to_string(),
                &s.start.to_string(),
                &s.end.to_string(),
                s.code(),
                s.kind.as_str(),
                &fixed(s.confidence, 3),
                &d.text[s.start..s.end],
            ];
            for (n, f) in fields.iter().enumerate() {
                if n > 0 {
                    w.write_all(b",")?;
                }
                write_field(w, f)?;
            }
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Writes one CSV field in linear time, as the csv crate's default writer
/// would: quoted when it holds a comma, a quote, CR or LF, quotes doubled.
pub fn write_field<W: Write>(w: &mut W, field: &str) -> io::Result<()> {
    let bytes = field.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        return w.write_all(bytes);
    }
    w.write_all(b"\"")?;
    for (n, part) in field.split('"').enumerate() {
        if n > 0 {
            w.write_all(b"\"\"")?;
        }
        w.write_all(part.as_bytes())?;
    }
    w.write_all(b"\"")
}

/// Writes `terms.csv`: per document and language, terms by count. `term`
/// is the document's most frequent form of the term as written there; the
/// `stem` column is the key that joins documents and `vocabulary.csv`.
pub fn terms<W: Write>(w: W, docs: &[DocResult]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(TERMS_HEADER)?;
    term_rows(&mut w, docs)?;
    w.flush()?;
    Ok(())
}

/// The columns of `terms.csv`.
pub const TERMS_HEADER: [&str; 6] = ["path", "lang", "term", "stem", "count", "tf"];

/// Writes the `terms.csv` rows of `docs` (no header).
pub fn term_rows<W: Write>(w: &mut csv::Writer<W>, docs: &[DocResult]) -> csv::Result<()> {
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
    let mut table = PendingFile::create(dir, name)?;
    let target = table.target.clone();
    fill(table.buffer()).map_err(|e| (target, csv_to_io(e)))?;
    table.commit()?;
    Ok(table.target.clone())
}

/// A csv error as an I/O error (what a table writer can meet is I/O).
pub fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// An output file being written: a temporary file `dir/.name.tmp-PID`
/// renamed to `dir/name` by [`PendingFile::commit`]. Dropped without a
/// commit (an error, a panic), it removes the temporary file, so a failed
/// run leaves nothing partial behind.
pub struct PendingFile {
    target: PathBuf,
    tmp: PathBuf,
    buffer: Option<io::BufWriter<std::fs::File>>,
}

impl PendingFile {
    /// Creates the temporary file for `dir/name`. Errors name the target.
    pub fn create(dir: &Path, name: &str) -> Result<Self, (PathBuf, io::Error)> {
        let target = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        match std::fs::File::create(&tmp) {
            Ok(file) => Ok(PendingFile {
                target,
                tmp,
                buffer: Some(io::BufWriter::with_capacity(1 << 16, file)),
            }),
            Err(e) => Err((target, e)),
        }
    }

    /// The final path of the file.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Where to write the contents.
    pub fn buffer(&mut self) -> &mut io::BufWriter<std::fs::File> {
        self.buffer.as_mut().expect("not committed yet")
    }

    /// Flushes and syncs the contents, without renaming yet.
    pub fn finish(&mut self) -> Result<(), (PathBuf, io::Error)> {
        let buf = self.buffer();
        let done = buf.flush().and_then(|()| buf.get_ref().sync_all());
        done.map_err(|e| (self.target.clone(), e))
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(&mut self) -> Result<(), (PathBuf, io::Error)> {
        self.finish()?;
        self.buffer = None;
        std::fs::rename(&self.tmp, &self.target).map_err(|e| (self.target.clone(), e))?;
        self.tmp = PathBuf::new();
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            self.buffer = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_written_as_the_csv_crate_writes_them() {
        let fields = [
            "plain",
            "",
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "cr\rhere",
            "« guillemets »",
            "\"",
            " spaced ",
        ];
        let mut ours = Vec::new();
        for f in fields {
            write_field(&mut ours, f).unwrap();
            ours.push(b'|');
        }
        let mut theirs = Vec::new();
        for f in fields {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([f, "x"]).unwrap();
            let row = w.into_inner().unwrap();
            theirs.extend_from_slice(&row[..row.len() - 3]); // less ",x\n"
            theirs.push(b'|');
        }
        assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
    }
}
