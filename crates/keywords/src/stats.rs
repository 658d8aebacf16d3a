//! Corpus statistics over the mergeable counts: TF-IDF, keyness (G² and
//! Log Ratio), and the association score of n-grams.
//!
//! All functions are total: a zero denominator gives 0, never NaN or ∞.
//!
//! - **Smoothed inverse document frequency** (the add-one form of Spärck
//!   Jones's idf): `idf = ln((1 + N) / (1 + df)) + 1`, with `N` the documents
//!   and `df` the documents holding the term. A term in every document keeps
//!   weight 1, an unseen term does not divide by zero.
//! - **TF-IDF**: `tf × idf`, with `tf = count / words` (the term's share of
//!   the word tokens of its language in the document, as in `terms.csv`).
//! - **Log-likelihood G²** (Dunning 1993, in the form of Rayson & Garside
//!   2000): a term occurs `a` times in a target of `c` word tokens and `b`
//!   times in a reference of `d` word tokens; the expected counts are
//!   `E1 = c·(a+b)/(c+d)` and `E2 = d·(a+b)/(c+d)`, and
//!   `G² = 2·(a·ln(a/E1) + b·ln(b/E2))` with `0·ln 0 = 0`. G² ≥ 0; 3.84 is
//!   significance at p < 0.05 (one degree of freedom), 6.63 at p < 0.01.
//! - **Log Ratio** (Hardie 2014), the effect size:
//!   `log2((a/c) / (b/d))` — each point doubles the relative frequency;
//!   positive when the target uses the term more. A zero count is replaced
//!   by 0.5 (so a term absent from the reference still gets a finite, large
//!   value, and an absent term a finite negative one); with an empty target
//!   or reference (`c = 0` or `d = 0`) it is 0.
//! - **PMI** of an n-gram (Church & Hanks 1990), in bits, over its non-stop
//!   words `w1…wk`: `log2(c(g) · N^(k−1) / (c(w1)·…·c(wk)))`, `N` the word
//!   tokens of the language.

/// Smoothed inverse document frequency `ln((1 + n_docs) / (1 + df)) + 1`.
///
/// ```
/// use duolex_keywords::idf;
/// assert!((idf(1, 3) - (2f64.ln() + 1.0)).abs() < 1e-12); // ln(4/2) + 1
/// assert_eq!(idf(3, 3), 1.0);
/// ```
pub fn idf(df: u64, n_docs: u64) -> f64 {
    ((1.0 + n_docs as f64) / (1.0 + df as f64)).ln() + 1.0
}

/// TF-IDF: `(count / words) × idf(df, n_docs)`; 0 when `words` is 0.
pub fn tf_idf(count: u64, words: u64, df: u64, n_docs: u64) -> f64 {
    crate::ratio(count, words) * idf(df, n_docs)
}

fn xlnx_over(o: f64, e: f64) -> f64 {
    if o <= 0.0 || e <= 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// Log-likelihood G² of `a` occurrences in `c` target tokens against `b` in
/// `d` reference tokens (see the module documentation).
pub fn g2(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    (2.0 * (xlnx_over(a, e1) + xlnx_over(b, e2))).max(0.0)
}

/// Hardie's Log Ratio `log2((a/c) / (b/d))`, zero counts taken as 0.5; 0
/// when `c` or `d` is 0.
pub fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    if c == 0 || d == 0 {
        return 0.0;
    }
    let adj = |x: u64| if x == 0 { 0.5 } else { x as f64 };
    ((adj(a) / c as f64) / (adj(b) / d as f64)).log2()
}

/// Keyness of one term in a target against a reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyness {
    /// Occurrences in the target.
    pub count: u64,
    /// Expected occurrences in the target, `E1 = c·(a+b)/(c+d)`.
    pub expected: f64,
    pub g2: f64,
    pub log_ratio: f64,
}

/// Keyness of a term seen `a` times in `c` target tokens and `b` times in
/// `d` reference tokens.
///
/// ```
/// let k = duolex_keywords::keyness(10, 5, 100, 200);
/// assert_eq!(k.expected, 5.0);
/// assert!((k.g2 - 10.0 * 2f64.ln()).abs() < 1e-9);
/// assert_eq!(k.log_ratio, 2.0);
/// ```
pub fn keyness(a: u64, b: u64, c: u64, d: u64) -> Keyness {
    let expected = if c + d == 0 {
        0.0
    } else {
        c as f64 * (a + b) as f64 / (c + d) as f64
    };
    Keyness {
        count: a,
        expected,
        g2: g2(a, b, c, d),
        log_ratio: log_ratio(a, b, c, d),
    }
}

/// PMI in bits of an n-gram seen `count` times whose non-stop words were
/// seen `parts` times each, among `words` word tokens (see the module
/// documentation); 0 when a count is 0.
pub fn pmi(count: u64, parts: &[u64], words: u64) -> f64 {
    if count == 0 || words == 0 || parts.is_empty() || parts.contains(&0) {
        return 0.0;
    }
    let n = words as f64;
    let mut v = (count as f64).log2() + (parts.len() as f64 - 1.0) * n.log2();
    for &p in parts {
        v -= (p as f64).log2();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CorpusCounts, DocCounts};
    use duolex_tokenize::Lang;

    /// A document of `words` English word tokens holding the given terms.
    fn doc(words: u64, terms: &[(&str, u64)]) -> DocCounts {
        let mut d = DocCounts::default();
        for _ in 0..words {
            d.add_token(Lang::En);
        }
        for &(t, n) in terms {
            for _ in 0..n {
                d.add_term(Lang::En, t, t);
            }
        }
        d
    }

    /// Tiny corpus, worked by hand:
    ///
    /// | doc | words | model | data |
    /// |-----|-------|-------|------|
    /// | A   | 10    | 4     | 1    |
    /// | B   | 20    | 1     | 2    |
    /// | C   | 10    | 0     | 1    |
    ///
    /// TF-IDF of `model` in A: df = 2 of N = 3 documents,
    /// idf = ln((1+3)/(1+2)) + 1 = ln(4/3) + 1 = 0.287682 + 1 = 1.287682;
    /// tf = 4/10 = 0.4; tf-idf = 0.4 × 1.287682 = 0.515073.
    /// `data` is in all three: idf = ln(4/4) + 1 = 1; in B tf = 2/20 = 0.1.
    ///
    /// Keyness of `model`, A against the rest (B + C): a = 4, c = 10,
    /// b = 1, d = 30. E1 = 10·5/40 = 1.25, E2 = 30·5/40 = 3.75.
    /// G² = 2·(4·ln(4/1.25) + 1·ln(1/3.75))
    ///    = 2·(4·1.1631508 − 1.3217558) = 2·(4.6526032 − 1.3217558) = 6.6616948.
    /// Log Ratio = log2((4/10)/(1/30)) = log2(12) = 3.584963.
    ///
    /// `model` in C against A + B: a = 0 → 0.5, c = 10, b = 5, d = 30:
    /// Log Ratio = log2((0.5/10)/(5/30)) = log2(0.3) = −1.736966;
    /// E1 = 10·5/40 = 1.25, E2 = 3.75, G² = 2·(0 + 5·ln(5/3.75)) = 10·ln(4/3) = 2.876821.
    #[test]
    fn hand_computed_tf_idf_g2_and_log_ratio() {
        let docs = [
            doc(10, &[("model", 4), ("data", 1)]),
            doc(20, &[("model", 1), ("data", 2)]),
            doc(10, &[("data", 1)]),
        ];
        let mut corpus = CorpusCounts::default();
        docs.iter().for_each(|d| corpus.add_document(d));
        let n = corpus.documents;
        let df = corpus.document_frequency(Lang::En, "model");
        assert_eq!((n, df), (3, 2));
        let close = |x: f64, y: f64| (x - y).abs() < 1e-6;
        assert!(close(idf(df, n), 1.287682));
        assert!(close(tf_idf(4, 10, df, n), 0.515073));
        assert!(close(tf_idf(2, 20, 3, n), 0.1));

        let k = keyness(4, 1, 10, 30);
        assert!(close(k.expected, 1.25));
        assert!(close(k.g2, 6.6616948), "{}", k.g2);
        assert!(close(k.log_ratio, 3.584963));

        let k = keyness(0, 5, 10, 30);
        assert!(close(k.log_ratio, -1.736966), "{}", k.log_ratio);
        assert!(close(k.g2, 2.876821), "{}", k.g2);
    }

    #[test]
    fn degenerate_inputs_are_finite() {
        assert_eq!(g2(0, 0, 0, 0), 0.0);
        assert_eq!(log_ratio(3, 0, 10, 0), 0.0);
        assert!(log_ratio(3, 0, 10, 10).is_finite());
        assert_eq!(pmi(0, &[1, 2], 10), 0.0);
        // Equal relative frequencies: no keyness.
        assert!(g2(1, 2, 10, 20).abs() < 1e-12);
        assert!(log_ratio(1, 2, 10, 20).abs() < 1e-12);
    }

    /// "open source" seen 4 times, `open` 5 and `source` 4 times, among 1000
    /// words: PMI = log2(4·1000 / (5·4)) = log2(200) = 7.643856.
    #[test]
    fn pmi_by_hand() {
        assert!((pmi(4, &[5, 4], 1000) - 7.643856).abs() < 1e-6);
    }
}
