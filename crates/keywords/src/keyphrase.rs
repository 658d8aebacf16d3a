//! Per-document keyphrases of one to three words.
//!
//! Candidates are the document's terms (non-stop words) and its bigrams and
//! trigrams (no stop word at either edge, see [`crate::ngrams`]). Each gets a
//! score that multiplies independent pieces of evidence:
//!
//! ```text
//! score = frequency × specificity × position × title × name × form
//! frequency    = count ^ tf_power            (1 + ln(count) when tf_power = 0)
//! specificity  = idf(df, N) ^ idf_power      (smoothed idf, see stats; N = documents
//!                                             with words of the language)
//! position     = 1 + early × (1 − first / words) ^ 2 (first occurrence)
//! title        = 1 + title   when it occurs in the title line
//! name         = 1 + name × share of occurrences capitalised mid-sentence
//! form         = length prior of n × chunk × cohesion
//! chunk        = chunk_floor + (1 − chunk_floor) × share of occurrences that
//!                are a whole run of content words (bounded by stop words,
//!                punctuation or the piece's ends)
//! cohesion     = (count / count of its least frequent word) ^ cohesion_power
//!                × inner_stop  if a stop word inside is not a connector (of, de, à…)
//!                × mixed_case  for the share of occurrences mixing capitalised
//!                              and lowercase words (`Mamet won`)
//! ```
//!
//! An n-gram's frequency and specificity can be blended with the mean of
//! its words' (`blend`). Ranking keeps one candidate per lowercase surface
//! form, and drops a single word that occurs no more often than an already
//! chosen phrase holding it (`Altman` after `Sam Altman` when it never
//! occurs alone). Keyphrases are shown as written: the most frequent
//! surface form in the document.
//!
//! The default weights ([`KeyphraseParams::default`]) were measured on
//! English news and abstracts (README, "Keyphrases"): raw frequency beat
//! its logarithm, a title boost did not help, a mild preference for
//! phrases over single words and for whole chunks did.
//!
//! The design follows what unsupervised methods agree on — TF-IDF's
//! specificity, YAKE's position, casing and relatedness features (Campos et
//! al. 2020), RAKE's stop-word-delimited chunks (Rose et al. 2010) — and
//! combines them multiplicatively so that no single one dominates.

use crate::ngrams::order;
use crate::stats::idf;
use crate::{CorpusCounts, DocCounts, TermCount};
use duolex_tokenize::Lang;

/// The weights of the ranking (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyphraseParams {
    pub idf_power: f64,
    pub early: f64,
    pub title: f64,
    pub name: f64,
    /// Length prior for 1, 2 and 3 words.
    pub length: [f64; 3],
    pub chunk_floor: f64,
    pub cohesion_power: f64,
    /// Weight of the words' mean score in an n-gram's frequency × specificity.
    pub blend: f64,
    /// A single word is dropped after a chosen phrase that holds it when
    /// the word occurs at most `subsumed` times as often as the phrase.
    pub subsumed: f64,
    /// Frequency is `count ^ tf_power`, or `1 + ln(count)` when 0.
    pub tf_power: f64,
    /// Factor for an n-gram with a stop word inside that is not a
    /// noun-phrase connector (`of`, `de`, `à` …).
    pub inner_stop: f64,
    /// Factor for an n-gram whose words mix capitalised and lowercase
    /// (`Mamet won`): names and common-noun phrases are each written alike.
    pub mixed_case: f64,
    /// Weight of ending (head-final languages such as English) or starting
    /// (head-initial such as French) a chunk, against being a whole chunk.
    pub head_edge: f64,
}

impl Default for KeyphraseParams {
    /// Weights measured on English news and abstracts (see README, "Keyphrases").
    fn default() -> Self {
        KeyphraseParams {
            idf_power: 1.0,
            early: 0.5,
            title: 0.0,
            name: 0.5,
            length: [0.85, 1.0, 0.8],
            chunk_floor: 0.3,
            cohesion_power: 0.0,
            blend: 0.0,
            subsumed: 1.0,
            tf_power: 1.0,
            inner_stop: 0.5,
            mixed_case: 0.5,
            head_edge: 0.0,
        }
    }
}

/// One ranked keyphrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyphrase {
    /// As written (most frequent surface form in the document).
    pub text: String,
    /// The key (term key, or n-gram key).
    pub key: String,
    pub score: f64,
}

struct Cand<'a> {
    key: &'a str,
    t: &'a TermCount,
    n: usize,
    score: f64,
}

/// Ranks the keyphrases of `doc` in `lang`, best first, at most `top`.
/// Document frequencies come from `corpus` (which should include `doc`).
pub fn keyphrases(
    doc: &DocCounts,
    corpus: &CorpusCounts,
    lang: Lang,
    top: usize,
    p: &KeyphraseParams,
) -> Vec<Keyphrase> {
    let words = doc.tokens.get(&lang).copied().unwrap_or(0).max(1) as f64;
    let n_docs = corpus
        .lang_documents
        .get(&lang)
        .copied()
        .unwrap_or(corpus.documents)
        .max(1);
    let df = |key: &str, n: usize| {
        let k = (lang, key.to_string());
        let t = if n == 1 {
            corpus.terms.get(&k)
        } else {
            corpus.ngrams.get(&k)
        };
        t.map_or(1, |t| t.documents.max(1))
    };
    // Frequency × specificity of a single term.
    let base = |count: u64, key: &str, n: usize| {
        let c = count.max(1) as f64;
        let f = if p.tf_power > 0.0 {
            c.powf(p.tf_power)
        } else {
            1.0 + c.ln()
        };
        f * idf(df(key, n), n_docs).powf(p.idf_power)
    };
    let mut cands: Vec<Cand> = Vec::new();
    let all = doc
        .terms
        .iter()
        .chain(doc.ngrams.iter())
        .filter(|((l, _), _)| *l == lang);
    for ((_, key), t) in all {
        // Words (tokens) and units (a hyphenated compound is one unit).
        let words_n = order(key);
        let n = t.display().split_whitespace().count().max(1);
        if n > 3 || !t.display().chars().any(char::is_alphabetic) {
            continue;
        }
        if words_n == 1 && t.display().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            continue;
        }
        let ev = &t.evidence;
        let count = t.count.max(1) as f64;
        let mut fs = base(t.count, key, words_n);
        let mut cohesion = 1.0;
        if words_n > 1 {
            let parts: Vec<&TermCount> = key
                .split(' ')
                .filter_map(|w| doc.terms.get(&(lang, w.to_string())))
                .collect();
            let inner: Vec<&str> = key.split(' ').collect();
            if inner.len() == 3
                && n == 3
                && !doc.terms.contains_key(&(lang, inner[1].to_string()))
                && !connector(lang, inner[1])
            {
                cohesion *= p.inner_stop;
            }
            if ev.cased > 0 {
                let mixed = ev.cased.saturating_sub(ev.capitalized + ev.lowercase);
                cohesion *= 1.0 - (1.0 - p.mixed_case) * mixed as f64 / ev.cased as f64;
            }
            if !parts.is_empty() {
                let mean: f64 = key
                    .split(' ')
                    .filter_map(|w| {
                        doc.terms
                            .get(&(lang, w.to_string()))
                            .map(|t| base(t.count, w, 1))
                    })
                    .sum::<f64>()
                    / parts.len() as f64;
                fs = fs.powf(1.0 - p.blend) * mean.powf(p.blend);
                let least = parts.iter().map(|t| t.count).min().unwrap_or(1).max(1) as f64;
                cohesion *= (count / least).min(1.0).powf(p.cohesion_power);
            }
        }
        let first = ev.first.unwrap_or(0) as f64 / words;
        let position = 1.0 + p.early * (1.0 - first.min(1.0)).powi(2);
        let title = if ev.title > 0 { 1.0 + p.title } else { 1.0 };
        let name = if ev.cased > 0 {
            1.0 + p.name * ev.capitalized as f64 / ev.cased as f64
        } else {
            1.0
        };
        let head = if head_initial(lang) {
            ev.starts_chunk
        } else {
            ev.ends_chunk
        };
        let edge = (1.0 - p.head_edge) * ev.maximal as f64 + p.head_edge * head as f64;
        let chunk = p.chunk_floor + (1.0 - p.chunk_floor) * (edge / count).min(1.0);
        let form = p.length[n - 1] * chunk * cohesion;
        let score = fs * position * title * name * form;
        cands.push(Cand {
            key,
            t,
            n: words_n,
            score,
        });
    }
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(b.key)));
    let mut out: Vec<Keyphrase> = Vec::new();
    let mut chosen: Vec<(&str, u64)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in cands {
        if out.len() >= top {
            break;
        }
        let text = c.t.display();
        if !seen.insert(text.to_lowercase()) {
            continue;
        }
        if c.n == 1
            && chosen.iter().any(|(k, cnt)| {
                k.split(' ').any(|w| w == c.key) && (c.t.count as f64) <= p.subsumed * *cnt as f64
            })
        {
            continue;
        }
        if c.n > 1 {
            chosen.push((c.key, c.t.count));
        }
        out.push(Keyphrase {
            text: text.to_string(),
            key: c.key.to_string(),
            score: c.score,
        });
    }
    out
}

/// Languages whose noun phrases put the head noun first (`intelligence
/// artificielle`); the others put it last (`artificial intelligence`).
pub fn head_initial(lang: Lang) -> bool {
    matches!(
        lang,
        Lang::Fr | Lang::Es | Lang::It | Lang::Pt | Lang::Ro | Lang::Ar
    )
}

/// Stop words that join the nouns of a noun phrase (`Bank of America`,
/// `prise de conscience`, `mise à jour`, `coup d’État`), as normalised keys.
pub fn connector(lang: Lang, key: &str) -> bool {
    match lang {
        Lang::En => matches!(key, "of"),
        Lang::Fr => matches!(key, "de" | "d'" | "du" | "des" | "à" | "en" | "aux"),
        Lang::Es | Lang::Pt | Lang::It => matches!(key, "de" | "del" | "da" | "do" | "di"),
        Lang::De => matches!(key, "der" | "des" | "von"),
        Lang::Nl => matches!(key, "van" | "der"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SeqWord, Sequence};

    /// A document from sentences; lowercase words in `stops` are stop words.
    fn doc(sentences: &[&str], stops: &[&str]) -> DocCounts {
        let mut d = DocCounts::default();
        for (i, s) in sentences.iter().enumerate() {
            let mut words = Vec::new();
            let mut keys = Vec::new();
            let mut pos = 0;
            for raw in s.split(' ') {
                let w = raw.trim_end_matches(',');
                keys.push(w.to_lowercase());
                words.push((
                    pos,
                    pos + w.len(),
                    stops.contains(&w.to_lowercase().as_str()),
                ));
                pos += raw.len() + 1;
            }
            let seq: Vec<SeqWord> = words
                .iter()
                .zip(&keys)
                .map(|(&(start, end, stop), key)| SeqWord {
                    key,
                    start,
                    end,
                    stop,
                })
                .collect();
            let info = Sequence {
                title: i == 0,
                ..Sequence::default()
            };
            d.add_sequence(s, &seq, &info);
        }
        d
    }

    #[test]
    fn names_and_phrases_outrank_common_words() {
        let stops = [
            "the", "a", "of", "on", "and", "said", "was", "it", "is", "in",
        ];
        let d = doc(
            &[
                "Sam Altman praises open source",
                "the chief of OpenAI, Sam Altman, said the model was good",
                "it is open source and the model is cheap",
                "analysts said the model is a sign of open source strength",
            ],
            &stops,
        );
        let other = doc(&["the model was good and cheap", "a good model"], &stops);
        let mut corpus = CorpusCounts::default();
        corpus.add_document(&d);
        corpus.add_document(&other);
        let kp = keyphrases(&d, &corpus, Lang::En, 3, &KeyphraseParams::default());
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"Sam Altman"), "{texts:?}");
        assert!(texts.contains(&"open source"), "{texts:?}");
        assert!(!texts.contains(&"Altman"), "{texts:?}");
        assert!(kp.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
