//! The statistics tables of `duolex analyze`: `keywords.csv`, `ngrams.csv`
//! and `keyness.csv`. Rows are sorted by explicit keys and floats printed
//! with fixed decimals, so the bytes do not depend on `--jobs`.

use crate::export::{Cell, Rows, TableId};
use crate::tables::{Limits, WriteError};
use duolex_keywords::{keyness, keyphrases, pmi, CorpusCounts, DocCounts, KeyphraseParams};
use duolex_tokenize::Lang;

/// What the statistics tables keep of an analysed document once its text
/// and segments are written and dropped.
#[derive(Debug, Clone)]
pub struct DocStats {
    pub path: String,
    pub date: Option<String>,
    pub counts: DocCounts,
}

/// Keyphrases per document and language in `keywords.csv`.
pub const KEYWORDS_PER_DOCUMENT: usize = 10;

/// Smallest G² written to `keyness.csv`: significance at p < 0.05 (χ², one
/// degree of freedom).
pub const KEYNESS_MIN_G2: f64 = 3.84;

/// How documents are grouped for keyness, besides one group per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By the `date` marker's month (`YYYY-MM`); undated documents form no group.
    Date,
    /// By the folder holding the file.
    Folder,
}

impl GroupBy {
    /// The group of a document: `date:YYYY-MM` (none for an undated
    /// document) or `folder:DIR`.
    pub fn group_of(self, path: &str, date: Option<&str>) -> Option<String> {
        match self {
            GroupBy::Date => date.map(|d| format!("date:{}", &d[..d.len().min(7)])),
            GroupBy::Folder => Some(format!(
                "folder:{}",
                std::path::Path::new(path)
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )),
        }
    }
}

/// The columns of `keywords.csv`.
pub const KEYWORDS_HEADER: [&str; 5] = ["path", "lang", "rank", "keyword", "score"];

/// Writes one document's `keywords.csv` rows: ranked keyphrases per language.
pub fn document_keyword_rows(
    ex: &mut impl Rows,
    t: TableId,
    d: &DocStats,
    corpus: &CorpusCounts,
    per_document: usize,
) -> Result<(), WriteError> {
    let params = KeyphraseParams::default();
    for (&lang, &n) in &d.counts.tokens {
        if n == 0 {
            continue;
        }
        let kp = keyphrases(&d.counts, corpus, lang, per_document, &params);
        for (i, k) in kp.iter().enumerate() {
            ex.row(
                t,
                &[
                    Cell::Text(&d.path),
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

/// The columns of `ngrams.csv`.
pub const NGRAMS_HEADER: [&str; 6] = ["lang", "ngram", "n", "count", "documents", "score"];

/// Writes the `ngrams.csv` rows: bigrams and trigrams seen at least twice
/// (and at least `limits.min_count` times), with their document frequency
/// and PMI (bits) over their non-stop words.
pub fn ngram_rows(
    ex: &mut impl Rows,
    t: TableId,
    corpus: &CorpusCounts,
    limits: Limits,
) -> Result<(), WriteError> {
    let min = limits.min_count.max(2);
    let rows = duolex_keywords::sort_by_count(
        corpus
            .ngrams
            .iter()
            .filter(|(_, t)| t.count >= min)
            .collect(),
        |t| t.count,
    );
    let mut rank = 0;
    let mut current = None;
    for ((lang, key), g) in rows {
        if current != Some(*lang) {
            (current, rank) = (Some(*lang), 0);
        }
        rank += 1;
        if !limits.keeps(rank - 1, g.count) {
            continue;
        }
        let parts: Vec<u64> = key
            .split(' ')
            .filter_map(|k| corpus.term(*lang, k).map(|t| t.count))
            .collect();
        let words = corpus.tokens.get(lang).copied().unwrap_or(0);
        ex.row(
            t,
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

/// The columns of `keyness.csv`.
pub const KEYNESS_HEADER: [&str; 7] = [
    "group",
    "lang",
    "term",
    "count",
    "expected",
    "g2",
    "log_ratio",
];

/// What a keyness comparison reads of its target: each term's language,
/// key, count and display form, and the word tokens per language — a group
/// of documents ([`CorpusCounts`]) or one document ([`DocCounts`], read
/// as it is, without building a corpus of one).
pub trait TermTotals {
    fn totals(&self) -> impl Iterator<Item = (Lang, &str, u64, &str)>;
    fn words(&self, lang: Lang) -> u64;
}

/// Both keep their terms in the same shape of map.
macro_rules! term_totals {
    ($($counts:ty),*) => {$(
        impl TermTotals for $counts {
            fn totals(&self) -> impl Iterator<Item = (Lang, &str, u64, &str)> {
                self.terms
                    .iter()
                    .map(|((l, k), t)| (*l, k.as_str(), t.count, t.display()))
            }

            fn words(&self, lang: Lang) -> u64 {
                self.tokens.get(&lang).copied().unwrap_or(0)
            }
        }
    )*};
}

term_totals!(CorpusCounts, DocCounts);

/// Writes the `keyness.csv` rows of one comparison: `target` against
/// `reference` (against the rest of it when `rest`: the reference then
/// includes the target, which is subtracted), the terms used significantly
/// more (G² ≥ 3.84, Log Ratio > 0), sorted by language, G² (descending),
/// term. `keyness.csv` holds, in order of group name, each `--group-by`
/// group (`date:YYYY-MM`), each document (`doc:PATH`) and each folder group
/// (`folder:DIR`) against the rest of the corpus, and the corpus against a
/// `--reference` corpus (`reference`).
pub fn comparison_rows(
    ex: &mut impl Rows,
    t: TableId,
    group: &str,
    target: &impl TermTotals,
    reference: &CorpusCounts,
    rest: bool,
    limits: Limits,
) -> Result<(), WriteError> {
    let mut rows: Vec<(Lang, &str, &str, duolex_keywords::Keyness)> = Vec::new();
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
    let mut rank = 0;
    let mut current = None;
    for (lang, _, term, k) in rows {
        if current != Some(lang) {
            (current, rank) = (Some(lang), 0);
        }
        rank += 1;
        if !limits.keeps(rank - 1, k.count) {
            continue;
        }
        ex.row(
            t,
            &[
                Cell::Text(group),
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
