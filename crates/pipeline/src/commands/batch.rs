//! `duolex keywords` (ranked keyphrases per document and language) and
//! `duolex kwic` (a concordance matching by term key), on the engine's
//! streaming passes: bounded memory, one bad file never stops the batch,
//! `--include`/`--exclude` honoured.

use super::{visible, Format, Terminal};
use crate::config::{CsvProfile, Error, Settings, Table, TableSet};
use crate::engine::spill::Spill;
use crate::engine::{Engine, Sums};
use crate::input::{check_inputs, walk_filtered, Document, Filter};
use crate::output::TextSink;
use crate::rows::Cell;
use duolex_analyze::is_word;
use duolex_keywords::{keyphrases, Keyphrase, KeyphraseParams};
use duolex_stem::TermRules;
use duolex_tokenize::{tokenize_into, Lang, Token};
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// The inputs of a batch command and how to run it.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Files and folders, walked like `analyze`'s.
    pub inputs: Vec<PathBuf>,
    pub filter: Filter,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    pub settings: Settings,
}

impl Batch {
    /// Runs the document pass; `each` on the workers, `consume` in walk
    /// order; `problem` hears of every document with a problem status.
    fn documents<S: Send + Default, R: Send>(
        &self,
        engine: &Engine,
        each: impl Fn(&mut S, Document) -> R + Sync,
        consume: impl FnMut(R) -> Result<(), Error>,
    ) -> Result<Vec<S>, Error> {
        self.settings.check().map_err(Error::Settings)?;
        check_inputs(&self.inputs)?;
        let entries = walk_filtered(&self.inputs, &self.filter).entries;
        let threads = crate::engine::run_threads(self.jobs);
        engine.document_pass(&entries, threads, S::default, each, consume)
    }
}

/// Output formats of `duolex keywords`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordFormat {
    /// `path,lang,rank,keyword,score` with a header row.
    Csv,
    /// One `{"path","lang","keywords":[{"keyword","score"}…]}` per line.
    Jsonl,
}

#[derive(Serialize)]
struct KeywordJson<'a> {
    keyword: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct DocKeywordsJson<'a> {
    path: &'a str,
    lang: &'a str,
    keywords: Vec<KeywordJson<'a>>,
}

/// Rounds for JSON output, so numbers print short and stable.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A document with a problem status: its path, status and message.
pub type Problem<'a> = (&'a str, crate::input::Status, &'a str);

/// `duolex keywords`: the `top` keyphrases of every document and language
/// (the document's main language first, then by word count), document
/// frequencies from the whole batch. `problem` hears of every input with a
/// problem status; returns how many there were.
pub fn keywords<W: Write>(
    batch: &Batch,
    top: usize,
    format: KeywordFormat,
    w: W,
    mut problem: impl FnMut(Problem),
) -> Result<usize, Error> {
    let settings = Settings {
        tables: TableSet::with(&[Table::Keywords]),
        ..batch.settings.clone()
    };
    let engine = Engine::new(settings);
    let dir = std::env::temp_dir();
    let mut spill = Spill::create(&dir).map_err(|e| Error::output(&dir, e))?;
    let mut problems = 0;
    let parts = batch.documents(
        &engine,
        |sums: &mut Sums, doc| {
            let record = engine.record(&doc);
            let failed = doc
                .status
                .is_problem()
                .then(|| (doc.path.clone(), doc.status, doc.error.clone()));
            engine.add(sums, doc);
            (record, failed)
        },
        |(record, failed)| {
            if let Some((path, status, error)) = failed {
                problems += 1;
                problem((&path, status, error.as_deref().unwrap_or("")));
            }
            if let Some(r) = record {
                spill.push(&r).map_err(|e| Error::output(spill.path(), e))?;
            }
            Ok(())
        },
    )?;
    let sums = Sums::total(parts);
    let params = KeyphraseParams::default();
    let stdout_error = |e: io::Error| Error::output("standard output", e);
    let mut out = KeywordWriter::new(format, w).map_err(stdout_error)?;
    let threads = crate::engine::run_threads(batch.jobs);
    let ranked = |record: crate::engine::Record| {
        // The document's main language first (most words), then the others.
        let mut langs: Vec<(Lang, u64)> = record
            .counts
            .tokens
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(&l, &n)| (l, n))
            .collect();
        langs.sort_by_key(|&(l, n)| (std::cmp::Reverse(n), l));
        let ranked: Vec<(Lang, Vec<Keyphrase>)> = langs
            .into_iter()
            .map(|(lang, _)| {
                (
                    lang,
                    keyphrases(&record.counts, &sums.corpus, lang, top, &params),
                )
            })
            .collect();
        (record.path, ranked)
    };
    engine.statistics_pass(&mut spill, threads, ranked, |(path, ranked)| {
        out.document(&path, &ranked).map_err(stdout_error)
    })?;
    out.finish().map_err(stdout_error)?;
    Ok(problems)
}

/// Writes `duolex keywords` lines.
enum KeywordWriter<W: Write> {
    Csv(TextSink<W>),
    Jsonl(W),
}

impl<W: Write> KeywordWriter<W> {
    fn new(format: KeywordFormat, w: W) -> io::Result<Self> {
        Ok(match format {
            KeywordFormat::Csv => {
                let mut c = TextSink::csv(w, CsvProfile::Standard);
                c.header(Table::Keywords.columns())?;
                KeywordWriter::Csv(c)
            }
            KeywordFormat::Jsonl => KeywordWriter::Jsonl(w),
        })
    }

    fn document(&mut self, path: &str, ranked: &[(Lang, Vec<Keyphrase>)]) -> io::Result<()> {
        for (lang, kp) in ranked {
            match self {
                KeywordWriter::Csv(c) => {
                    for (i, k) in kp.iter().enumerate() {
                        c.row(&[
                            Cell::Text(path),
                            Cell::Text(lang.code()),
                            Cell::Int(i as i64 + 1),
                            Cell::Text(&k.text),
                            Cell::Float(k.score, 6),
                        ])?;
                    }
                }
                KeywordWriter::Jsonl(w) => {
                    let row = DocKeywordsJson {
                        path,
                        lang: lang.code(),
                        keywords: kp
                            .iter()
                            .map(|k| KeywordJson {
                                keyword: &k.text,
                                score: round4(k.score),
                            })
                            .collect(),
                    };
                    serde_json::to_writer(&mut *w, &row)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        match self {
            KeywordWriter::Csv(c) => c.into_inner()?.flush(),
            KeywordWriter::Jsonl(mut w) => w.flush(),
        }
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub path: String,
    /// UTF-8 byte offset of the match in the document's text.
    pub offset: usize,
    /// Line of the match (1-based), as editors and `grep -n` count.
    pub line: usize,
    /// Column of the match in its line, in characters (1-based).
    pub column: usize,
    pub lang: String,
    /// The text before the match as written, white space runs shown as one
    /// space, at most `--width` characters.
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match, as `left`.
    pub right: String,
}

/// Context of at most `width` characters next to a match (`left`: the end
/// of `s`; else its start), as written except that each run of white space
/// (line breaks included) shows as one space.
fn context(s: &str, width: usize, left: bool) -> String {
    let mut out: Vec<char> = Vec::with_capacity(width + 1);
    let mut space = false;
    let mut push = |c: char, out: &mut Vec<char>| {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    };
    // Enough characters for `width` once white space is collapsed.
    if left {
        for c in s.chars().rev() {
            if out.len() > width {
                break;
            }
            push(c, &mut out);
        }
        out.truncate(width);
        out.reverse();
    } else {
        for c in s.chars() {
            if out.len() > width {
                break;
            }
            push(c, &mut out);
        }
        out.truncate(width);
    }
    out.into_iter().collect()
}

/// Line and column (1-based, columns in characters) of byte offsets taken
/// in increasing order: each call reads only the text since the last one.
struct LineCounter<'t> {
    text: &'t str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let since = &self.text.as_bytes()[self.at..offset];
        if let Some(last) = since.iter().rposition(|&b| b == b'\n') {
            self.line += since.iter().filter(|&&b| b == b'\n').count();
            self.line_start = self.at + last + 1;
        }
        self.at = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

/// Concordance of `term` in one analysed document: every word token whose
/// key (stem or name, as in `terms.csv`) equals the key of `term` in the
/// token's language, or whose normalised form equals `term`'s when `term`
/// is a stop word. `langs` restricts the languages searched (empty: all).
pub fn kwic_document(
    d: &Document,
    term: &str,
    rules: &[TermRules],
    langs: &[Lang],
    width: usize,
) -> Vec<KwicLine> {
    let mut out = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut key = String::new();
    let text = &d.text;
    let mut lines = LineCounter::new(text);
    for seg in &d.analysis.segments {
        let Some(lang) = seg.lang else { continue };
        if !langs.is_empty() && !langs.contains(&lang) {
            continue;
        }
        let Some(r) = rules.iter().find(|r| r.lang() == lang) else {
            continue;
        };
        let wanted = r
            .key(term, duolex_tokenize::TokenKind::Word)
            .unwrap_or_else(|| duolex_stem::normalize(term));
        tokens.clear();
        let piece = &text[seg.start..seg.end];
        tokenize_into(piece, Some(lang), &mut tokens);
        for t in tokens.iter().filter(|t| is_word(t.kind)) {
            let surface = t.text(piece);
            if !r.key_into(surface, t.kind, &mut key) {
                duolex_stem::normalize_into(surface, &mut key);
            }
            if key != wanted {
                continue;
            }
            let (s, e) = (seg.start + t.start, seg.start + t.end);
            let (line, column) = lines.position(s);
            out.push(KwicLine {
                path: d.path.clone(),
                offset: s,
                line,
                column,
                lang: lang.code().to_string(),
                left: context(&text[..s], width, true),
                matched: text[s..e].to_string(),
                right: context(&text[e..], width, false),
            });
        }
    }
    out
}

/// `duolex kwic`: the concordance of `term` over a batch, streamed in walk
/// order — text (`path:line:column: left[match]right`, the left context
/// right-aligned), jsonl or csv (byte offset, line and column). `langs` restricts the languages searched (empty: all).
/// `problem` hears of every input with a problem status; returns how many
/// there were.
#[allow(clippy::too_many_arguments)]
pub fn kwic<W: Write>(
    batch: &Batch,
    term: &str,
    langs: &[Lang],
    width: usize,
    format: Format,
    terminal: Terminal,
    w: W,
    mut problem: impl FnMut(Problem),
) -> Result<usize, Error> {
    // Language runs are all a concordance needs: words, not terms.
    let settings = Settings {
        tables: TableSet::with(&[Table::Segments]),
        ..batch.settings.clone()
    };
    let engine = Engine::new(settings);
    let rules = engine.analyzer().term_rules();
    let stdout_error = |e: io::Error| Error::output("standard output", e);
    let mut out = KwicWriter::new(format, width, terminal, w).map_err(stdout_error)?;
    let mut problems = 0;
    batch.documents(
        &engine,
        |_: &mut (), doc| {
            let failed = doc
                .status
                .is_problem()
                .then(|| (doc.path.clone(), doc.status, doc.error.clone()));
            (kwic_document(&doc, term, rules, langs, width), failed)
        },
        |(lines, failed)| {
            if let Some((path, status, error)) = failed {
                problems += 1;
                problem((&path, status, error.as_deref().unwrap_or("")));
            }
            lines
                .iter()
                .try_for_each(|l| out.line(l))
                .map_err(stdout_error)
        },
    )?;
    out.finish().map_err(stdout_error)?;
    Ok(problems)
}

/// Writes concordance lines in one format.
enum KwicWriter<W: Write> {
    Text(W, usize, Terminal),
    Jsonl(W),
    Csv(TextSink<W>),
}

impl<W: Write> KwicWriter<W> {
    fn new(format: Format, width: usize, terminal: Terminal, w: W) -> io::Result<Self> {
        Ok(match format {
            Format::Text => KwicWriter::Text(w, width, terminal),
            Format::Jsonl => KwicWriter::Jsonl(w),
            Format::Csv => {
                let mut c = TextSink::csv(w, CsvProfile::Standard);
                c.header(&[
                    "path", "offset", "line", "column", "lang", "left", "match", "right",
                ])?;
                KwicWriter::Csv(c)
            }
        })
    }

    fn line(&mut self, l: &KwicLine) -> io::Result<()> {
        match self {
            KwicWriter::Text(w, width, terminal) => {
                let shown = |t: &str| visible(t, terminal.escape_controls).into_owned();
                writeln!(
                    w,
                    "{}:{}:{}: {:>width$}[{}]{}",
                    shown(&l.path),
                    l.line,
                    l.column,
                    shown(&l.left),
                    shown(&l.matched),
                    shown(&l.right),
                    width = *width
                )
            }
            KwicWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, l)?;
                w.write_all(b"\n")
            }
            KwicWriter::Csv(c) => c.row(&[
                Cell::Text(&l.path),
                Cell::Int(l.offset as i64),
                Cell::Int(l.line as i64),
                Cell::Int(l.column as i64),
                Cell::Text(&l.lang),
                Cell::Text(&l.left),
                Cell::Text(&l.matched),
                Cell::Text(&l.right),
            ]),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            KwicWriter::Text(mut w, ..) | KwicWriter::Jsonl(mut w) => w.flush(),
            KwicWriter::Csv(c) => c.into_inner()?.flush(),
        }
    }
}
