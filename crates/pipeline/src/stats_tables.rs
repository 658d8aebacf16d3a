//! The statistics tables of `duolex analyze`: `keywords.csv`, `ngrams.csv`
//! and `keyness.csv`. Rows are sorted by explicit keys and floats printed
//! with fixed decimals, so the bytes do not depend on `--jobs`.

use crate::keyword_commands::analysed;
use crate::tables::{fixed, DocResult};
use duolex_keywords::{keyness, keyphrases, pmi, CorpusCounts, KeyphraseParams};
use duolex_tokenize::Lang;
use std::collections::BTreeMap;
use std::io::Write;

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

/// Writes `keywords.csv`: path, lang, rank, keyword, score.
pub fn keywords<W: Write>(w: W, docs: &[DocResult], corpus: &CorpusCounts) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["path", "lang", "rank", "keyword", "score"])?;
    let params = KeyphraseParams::default();
    for d in docs.iter().filter(|d| analysed(d)) {
        for (&lang, &n) in &d.analysis.counts.tokens {
            if n == 0 {
                continue;
            }
            let kp = keyphrases(
                &d.analysis.counts,
                corpus,
                lang,
                KEYWORDS_PER_DOCUMENT,
                &params,
            );
            for (i, k) in kp.iter().enumerate() {
                w.write_record([
                    d.path.as_str(),
                    lang.code(),
                    &(i + 1).to_string(),
                    &k.text,
                    &fixed(k.score, 6),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes `ngrams.csv`: bigrams and trigrams seen at least twice, with
/// their document frequency and PMI (bits) over their non-stop words.
pub fn ngrams<W: Write>(w: W, corpus: &CorpusCounts) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["lang", "ngram", "n", "count", "documents", "score"])?;
    let mut rows: Vec<_> = corpus.ngrams.iter().filter(|(_, t)| t.count >= 2).collect();
    rows.sort_by(|a, b| {
        (a.0 .0, std::cmp::Reverse(a.1.count), &a.0 .1).cmp(&(
            b.0 .0,
            std::cmp::Reverse(b.1.count),
            &b.0 .1,
        ))
    });
    for ((lang, key), t) in rows {
        let parts: Vec<u64> = key
            .split(' ')
            .filter_map(|k| corpus.term(*lang, k).map(|t| t.count))
            .collect();
        let words = corpus.tokens.get(lang).copied().unwrap_or(0);
        w.write_record([
            lang.code(),
            t.display(),
            &key.split(' ').count().to_string(),
            &t.count.to_string(),
            &t.documents.to_string(),
            &fixed(pmi(t.count, &parts, words), 4),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// One keyness comparison: a target against a reference.
struct Comparison<'a> {
    group: String,
    target: &'a CorpusCounts,
    reference: &'a CorpusCounts,
    /// The reference is the whole corpus including the target (subtract it).
    rest: bool,
}

/// Writes `keyness.csv`: for each document against the rest of the corpus,
/// each `group_by` group against the rest, and the corpus against
/// `reference`, the terms used significantly more (G² ≥ 3.84, Log Ratio >
/// 0). Groups are named `doc:PATH`, `date:YYYY-MM`, `folder:DIR` and
/// `reference`; rows are sorted by group, language, G² (descending), term.
pub fn keyness_table<W: Write>(
    w: W,
    docs: &[DocResult],
    corpus: &CorpusCounts,
    group_by: Option<GroupBy>,
    reference: Option<&CorpusCounts>,
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record([
        "group",
        "lang",
        "term",
        "count",
        "expected",
        "g2",
        "log_ratio",
    ])?;
    let ok: Vec<&DocResult> = docs.iter().filter(|d| analysed(d)).collect();
    let singles: Vec<(String, CorpusCounts)> = ok
        .iter()
        .map(|d| {
            let mut c = CorpusCounts::default();
            c.add_document(&d.analysis.counts);
            (format!("doc:{}", d.path), c)
        })
        .collect();
    let mut groups: BTreeMap<String, CorpusCounts> = BTreeMap::new();
    if let Some(by) = group_by {
        for d in &ok {
            let name = match by {
                GroupBy::Date => match &d.analysis.date {
                    Some(date) => format!("date:{}", &date[..date.len().min(7)]),
                    None => continue,
                },
                GroupBy::Folder => format!(
                    "folder:{}",
                    std::path::Path::new(&d.path)
                        .parent()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ),
            };
            groups
                .entry(name)
                .or_default()
                .add_document(&d.analysis.counts);
        }
    }
    let mut comparisons: Vec<Comparison> = Vec::new();
    for (group, c) in singles.iter().map(|(g, c)| (g, c)).chain(groups.iter()) {
        comparisons.push(Comparison {
            group: group.clone(),
            target: c,
            reference: corpus,
            rest: true,
        });
    }
    if let Some(r) = reference {
        comparisons.push(Comparison {
            group: "reference".into(),
            target: corpus,
            reference: r,
            rest: false,
        });
    }
    comparisons.sort_by(|a, b| a.group.cmp(&b.group));
    for cmp in &comparisons {
        let mut rows: Vec<(Lang, &str, &str, duolex_keywords::Keyness)> = Vec::new();
        for ((lang, key), t) in &cmp.target.terms {
            let c = cmp.target.tokens.get(lang).copied().unwrap_or(0);
            let ref_total = cmp.reference.tokens.get(lang).copied().unwrap_or(0);
            let ref_count = cmp.reference.term(*lang, key).map_or(0, |r| r.count);
            let (b, d) = if cmp.rest {
                (
                    ref_count.saturating_sub(t.count),
                    ref_total.saturating_sub(c),
                )
            } else {
                (ref_count, ref_total)
            };
            let k = keyness(t.count, b, c, d);
            if k.g2 >= KEYNESS_MIN_G2 && k.log_ratio > 0.0 {
                rows.push((*lang, key, t.display(), k));
            }
        }
        rows.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.3.g2.total_cmp(&a.3.g2))
                .then(a.1.cmp(b.1))
        });
        for (lang, _, term, k) in rows {
            w.write_record([
                cmp.group.as_str(),
                lang.code(),
                term,
                &k.count.to_string(),
                &fixed(k.expected, 4),
                &fixed(k.g2, 4),
                &fixed(k.log_ratio, 4),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
