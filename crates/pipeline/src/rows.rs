//! The rows of every table: what each column holds, as typed [`Cell`]s, for
//! a sink of the output module (or any other [`Rows`]) to write. Rows are
//! sorted by explicit keys, so the bytes written never depend on threads or
//! on the order files were listed in.

use crate::config::{Error, Group, Limits, Settings, Table};
use crate::input::{Document, Kind};
use duolex_keywords::{
    keyness, keyphrases, pmi, ratio, CorpusCounts, DocCounts, Keyness, KeyphraseParams,
};
use duolex_langdetect::Segment;
use duolex_tokenize::Lang;

/// A cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
    /// A number printed with a fixed number of decimals (so output bytes are
    /// the same on every platform).
    Float(f64, u8),
}

/// Where row builders put their rows: a table file, a buffer filled on a
/// worker thread, an Arrow batch…
pub trait Rows {
    /// Writes (or keeps) one row of `table`.
    fn row(&mut self, table: Table, cells: &[Cell]) -> Result<(), Error>;
}

/// Keyphrases per document and language in `keywords.csv`.
pub const KEYWORDS_PER_DOCUMENT: usize = 10;

/// Smallest G² written to `keyness.csv`: significance at p < 0.05 (χ², one
/// degree of freedom).
pub const KEYNESS_MIN_G2: f64 = 3.84;

/// The `documents` row of a document.
pub fn document_row(out: &mut impl Rows, d: &Document) -> Result<(), Error> {
    let a = &d.analysis;
    let by_lang: Vec<String> = a
        .counts
        .tokens
        .iter()
        .map(|(l, n)| format!("{l}={n}"))
        .collect();
    let encoding = d.encoding.map(|e| e.name()).unwrap_or_default();
    out.row(
        Table::Documents,
        &[
            Cell::Text(&d.path),
            Cell::Text(d.status.as_str()),
            Cell::Text(&encoding),
            Cell::Int(d.bytes as i64),
            Cell::Text(a.date.as_deref().unwrap_or("")),
            Cell::Text(a.main_lang.map_or("", Lang::code)),
            Cell::Int(a.segments.len() as i64),
            Cell::Int(a.tokens as i64),
            Cell::Int(a.counts.total_tokens() as i64),
            Cell::Text(&by_lang.join(" ")),
            Cell::Text(d.error.as_deref().unwrap_or("")),
            Cell::Int(d.replacements as i64),
            Cell::Text(d.note.as_deref().unwrap_or("")),
            Cell::Text(match d.kind {
                Kind::Text => "text",
                Kind::Html => "html",
            }),
        ],
    )
}

/// The `segments` rows of a document. A run's `text` can be a field of
/// gigabytes (a one-line file in one language): every writer handles a
/// field in linear time.
pub fn segment_rows(out: &mut impl Rows, d: &Document) -> Result<(), Error> {
    for (i, s) in d.analysis.segments.iter().enumerate() {
        out.row(Table::Segments, &segment_cells(&d.path, &d.text, i, s))?;
    }
    Ok(())
}

/// The `segments` cells of run number `i` (`s`) of a document's `text`,
/// `path` first (`duolex detect` writes them without it).
pub fn segment_cells<'a>(path: &'a str, text: &'a str, i: usize, s: &Segment) -> [Cell<'a>; 8] {
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

/// The `terms` rows of a document: per language, terms by count. `term` is
/// the document's most frequent form of the term as written there; `stem`
/// is the key that joins documents and `vocabulary`. With `--group-by`, a
/// last column `group` lets a spreadsheet chart a term by month or folder.
pub fn term_rows(out: &mut impl Rows, d: &Document, settings: &Settings) -> Result<(), Error> {
    let counts = &d.analysis.counts;
    let group = settings
        .group_by
        .and_then(|g| g.group_of(&d.path, d.analysis.date.as_deref()))
        .map(|g| g.to_string())
        .unwrap_or_default();
    let columns = settings.columns(Table::Terms).len();
    let mut rank = Rank::default();
    for ((lang, key), term) in counts.sorted() {
        if !rank.keeps(*lang, term.count, settings.limits) {
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
        out.row(Table::Terms, &cells[..columns])?;
    }
    Ok(())
}

/// The rank of rows within a language, for [`Limits`].
#[derive(Default)]
struct Rank {
    lang: Option<Lang>,
    rank: usize,
}

impl Rank {
    /// Counts one more row of `lang`: whether `limits` keep it.
    fn keeps(&mut self, lang: Lang, count: u64, limits: Limits) -> bool {
        if self.lang != Some(lang) {
            *self = Rank {
                lang: Some(lang),
                rank: 0,
            };
        }
        self.rank += 1;
        limits.keeps(self.rank - 1, count)
    }
}

/// The `vocabulary` rows: corpus totals per language and term.
pub fn vocabulary_rows(
    out: &mut impl Rows,
    corpus: &CorpusCounts,
    limits: Limits,
) -> Result<(), Error> {
    let mut rank = Rank::default();
    for ((lang, key), term) in corpus.sorted() {
        if !rank.keeps(*lang, term.count, limits) {
            continue;
        }
        out.row(
            Table::Vocabulary,
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

/// One document's `keywords` rows: ranked keyphrases per language.
pub fn keyword_rows(
    out: &mut impl Rows,
    path: &str,
    counts: &DocCounts,
    corpus: &CorpusCounts,
    per_document: usize,
) -> Result<(), Error> {
    let params = KeyphraseParams::default();
    for (&lang, &n) in &counts.tokens {
        if n == 0 {
            continue;
        }
        let kp = keyphrases(counts, corpus, lang, per_document, &params);
        for (i, k) in kp.iter().enumerate() {
            out.row(
                Table::Keywords,
                &[
                    Cell::Text(path),
                    Cell::Text(lang.code()),
                    Cell::Int(i as i64 + 1),
                    Cell::Text(&k.text),
                    Cell::Float(k.score, 6),
                ],
            )?;
        }
    }
    Ok(())
}

/// The `ngrams` rows: bigrams and trigrams seen at least twice (and at
/// least `limits.min_count` times), with their document frequency and PMI
/// (bits) over their non-stop words.
pub fn ngram_rows(out: &mut impl Rows, corpus: &CorpusCounts, limits: Limits) -> Result<(), Error> {
    let min = limits.min_count.max(2);
    let rows = duolex_keywords::sort_by_count(
        corpus
            .ngrams
            .iter()
            .filter(|(_, t)| t.count >= min)
            .collect(),
        |t| t.count,
    );
    let mut rank = Rank::default();
    for ((lang, key), g) in rows {
        if !rank.keeps(*lang, g.count, limits) {
            continue;
        }
        let parts: Vec<u64> = key
            .split(' ')
            .filter_map(|k| corpus.term(*lang, k).map(|t| t.count))
            .collect();
        let words = corpus.tokens.get(lang).copied().unwrap_or(0);
        out.row(
            Table::Ngrams,
            &[
                Cell::Text(lang.code()),
                Cell::Text(g.display()),
                Cell::Int(key.split(' ').count() as i64),
                Cell::Int(g.count as i64),
                Cell::Int(g.documents as i64),
                Cell::Float(pmi(g.count, &parts, words), 4),
            ],
        )?;
    }
    Ok(())
}

/// What a keyness comparison reads of its target: each term's language,
/// key, count and display form, and the word tokens per language — a group
/// of documents ([`CorpusCounts`]) or one document ([`DocCounts`], read
/// as it is, without building a corpus of one).
pub trait TermTotals {
    fn totals(&self) -> impl Iterator<Item = (Lang, &str, u64, &str)>;
    fn words(&self, lang: Lang) -> u64;
}

impl TermTotals for CorpusCounts {
    fn totals(&self) -> impl Iterator<Item = (Lang, &str, u64, &str)> {
        self.terms
            .iter()
            .map(|((l, k), t)| (*l, k.as_str(), t.count, t.display()))
    }

    fn words(&self, lang: Lang) -> u64 {
        self.tokens.get(&lang).copied().unwrap_or(0)
    }
}

impl TermTotals for DocCounts {
    fn totals(&self) -> impl Iterator<Item = (Lang, &str, u64, &str)> {
        self.terms
            .iter()
            .map(|((l, k), t)| (*l, k.as_str(), t.count, t.display()))
    }

    fn words(&self, lang: Lang) -> u64 {
        self.tokens.get(&lang).copied().unwrap_or(0)
    }
}

/// What a keyness comparison compares its target with.
#[derive(Debug, Clone, Copy)]
pub enum Against<'a> {
    /// The rest of a corpus that includes the target (subtracted from it).
    RestOf(&'a CorpusCounts),
    /// Another corpus.
    Other(&'a CorpusCounts),
}

/// The `keyness` rows of one comparison of `group`'s `target`: the terms it
/// uses significantly more (G² ≥ 3.84, Log Ratio > 0), sorted by language,
/// G² (descending), term.
pub fn keyness_rows(
    out: &mut impl Rows,
    group: &Group,
    target: &impl TermTotals,
    against: Against,
    limits: Limits,
) -> Result<(), Error> {
    let (reference, rest) = match against {
        Against::RestOf(c) => (c, true),
        Against::Other(c) => (c, false),
    };
    let mut rows: Vec<(Lang, &str, &str, Keyness)> = Vec::new();
    for (lang, key, count, display) in target.totals() {
        let c = target.words(lang);
        let ref_total = reference.tokens.get(&lang).copied().unwrap_or(0);
        let ref_count = reference.term(lang, key).map_or(0, |r| r.count);
        let (b, d) = if rest {
            (ref_count.saturating_sub(count), ref_total.saturating_sub(c))
        } else {
            (ref_count, ref_total)
        };
        let k = keyness(count, b, c, d);
        if k.g2 >= KEYNESS_MIN_G2 && k.log_ratio > 0.0 {
            rows.push((lang, key, display, k));
        }
    }
    rows.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.3.g2.total_cmp(&a.3.g2))
            .then(a.1.cmp(b.1))
    });
    let group = group.to_string();
    let mut rank = Rank::default();
    for (lang, _, term, k) in rows {
        if !rank.keeps(lang, k.count, limits) {
            continue;
        }
        out.row(
            Table::Keyness,
            &[
                Cell::Text(&group),
                Cell::Text(lang.code()),
                Cell::Text(term),
                Cell::Int(k.count as i64),
                Cell::Float(k.expected, 4),
                Cell::Float(k.g2, 4),
                Cell::Float(k.log_ratio, 4),
            ],
        )?;
    }
    Ok(())
}
