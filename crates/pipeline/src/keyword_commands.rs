//! Output of `duolex keywords` (ranked keyphrases per document and
//! language) and `duolex kwic` (a concordance matching by term key).
//! Writers are generic over `io::Write` so tests can write to a `Vec<u8>`.

use crate::analyze::{is_word, Analyzer};
use crate::decode::Status;
use crate::export::{Cell, CsvStream};
use crate::tables::DocResult;
use crate::{process, thread_pool, walk, Error};
pub use duolex_keywords::KeyphraseParams;
use duolex_keywords::{keyphrases, CorpusCounts};
use duolex_stem::TermRules;
use duolex_tokenize::{tokenize_into, Lang, Token};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// Output formats of `duolex keywords`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordFormat {
    /// `path,lang,rank,keyword,score` with a header row.
    Csv,
    /// One `{"path","lang","keywords":[{"keyword","score"}…]}` per line.
    Jsonl,
}

/// Walks `inputs`, analyses every document in parallel (`jobs` threads, 0 =
/// one per core) and sums the counts of those that could be read, in walk
/// order.
pub fn analyze_inputs(
    inputs: &[PathBuf],
    analyzer: &Analyzer,
    jobs: usize,
) -> Result<(Vec<DocResult>, CorpusCounts), Error> {
    let entries = walk::walk(inputs);
    let pool = thread_pool(jobs)?;
    Ok(pool.install(|| {
        let docs: Vec<DocResult> = entries.par_iter().map(|e| process(e, analyzer)).collect();
        let corpus = docs
            .par_iter()
            .fold(CorpusCounts::default, |mut c, d| {
                if analysed(d) {
                    c.add_document(&d.analysis.counts);
                }
                c
            })
            .reduce(CorpusCounts::default, |mut a, b| {
                a.merge(b);
                a
            });
        (docs, corpus)
    }))
}

/// Whether a document was analysed (decoded, possibly with replaced bytes).
pub fn analysed(d: &DocResult) -> bool {
    matches!(d.status, Status::Ok | Status::DecodeErrors)
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

/// `duolex keywords`: the `top` keyphrases of every document and language
/// (the document's main language first, then by word count), document
/// frequencies from `corpus`.
pub fn keywords<W: Write>(
    docs: &[DocResult],
    corpus: &CorpusCounts,
    top: usize,
    params: &KeyphraseParams,
    format: KeywordFormat,
    mut w: W,
) -> io::Result<()> {
    let mut csv_w = (format == KeywordFormat::Csv).then(|| CsvStream::new(Vec::new()));
    if let Some(c) = csv_w.as_mut() {
        c.header(&["path", "lang", "rank", "keyword", "score"])?;
    }
    let mut lines = Vec::new();
    for d in docs.iter().filter(|d| analysed(d)) {
        // The document's main language first (most words), then the others.
        let mut langs: Vec<(Lang, u64)> = d
            .analysis
            .counts
            .tokens
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(&l, &n)| (l, n))
            .collect();
        langs.sort_by_key(|&(l, n)| (std::cmp::Reverse(n), l));
        for (lang, _) in langs {
            let kp = keyphrases(&d.analysis.counts, corpus, lang, top, params);
            match csv_w.as_mut() {
                Some(c) => {
                    for (i, k) in kp.iter().enumerate() {
                        c.row(&[
                            Cell::Text(&d.path),
                            Cell::Text(lang.code()),
                            Cell::Int(i as i64 + 1),
                            Cell::Text(&k.text),
                            Cell::Float(k.score, 6),
                        ])?;
                    }
                }
                None => {
                    let row = DocKeywordsJson {
                        path: &d.path,
                        lang: lang.code(),
                        keywords: kp
                            .iter()
                            .map(|k| KeywordJson {
                                keyword: &k.text,
                                score: round4(k.score),
                            })
                            .collect(),
                    };
                    serde_json::to_writer(&mut lines, &row)?;
                    lines.push(b'\n');
                }
            }
        }
    }
    if let Some(c) = csv_w {
        lines = c.into_inner()?;
    }
    w.write_all(&lines)?;
    w.flush()
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub path: String,
    /// UTF-8 byte offset of the match in the document's text.
    pub offset: usize,
    pub lang: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

/// Context of at most `width` characters, white space collapsed.
fn context(s: &str, width: usize, left: bool) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = flat.chars().collect();
    if chars.len() <= width {
        return flat;
    }
    if left {
        chars[chars.len() - width..].iter().collect()
    } else {
        chars[..width].iter().collect()
    }
}

/// Concordance of `term` in one document: every word token whose key (stem
/// or name, as in `terms.csv`) equals the key of `term` in the token's
/// language, or whose normalised form equals `term`'s when `term` is a stop
/// word. `langs` restricts the languages searched (empty: all).
pub fn kwic_document(
    d: &DocResult,
    term: &str,
    rules: &[TermRules],
    langs: &[Lang],
    width: usize,
) -> Vec<KwicLine> {
    let mut out = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut key = String::new();
    let text = &d.text;
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
            out.push(KwicLine {
                path: d.path.clone(),
                offset: s,
                lang: lang.code().to_string(),
                left: context(&text[..s], width, true),
                matched: text[s..e].to_string(),
                right: context(&text[e..], width, false),
            });
        }
    }
    out
}

/// `duolex kwic` output: text (left context right-aligned, the match in
/// brackets), jsonl or csv.
pub fn write_kwic<W: Write>(
    lines: &[KwicLine],
    format: crate::commands::Format,
    width: usize,
    mut w: W,
) -> io::Result<()> {
    use crate::commands::Format;
    match format {
        Format::Text => {
            for l in lines {
                writeln!(
                    w,
                    "{}:{}: {:>width$} [{}] {}",
                    l.path,
                    l.offset,
                    l.left,
                    l.matched,
                    l.right,
                    width = width
                )?;
            }
        }
        Format::Jsonl => {
            for l in lines {
                serde_json::to_writer(&mut w, l)?;
                w.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let mut c = CsvStream::new(&mut w);
            c.header(&["path", "offset", "lang", "left", "match", "right"])?;
            for l in lines {
                c.row(&[
                    Cell::Text(&l.path),
                    Cell::Int(l.offset as i64),
                    Cell::Text(&l.lang),
                    Cell::Text(&l.left),
                    Cell::Text(&l.matched),
                    Cell::Text(&l.right),
                ])?;
            }
            c.into_inner()?;
        }
    }
    w.flush()
}
