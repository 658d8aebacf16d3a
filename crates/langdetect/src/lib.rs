//! # duolex-langdetect
//!
//! The language of a span, and the split of a whole document into language
//! runs: the document's main language is the *body*, runs in other languages
//! are *quotes*.
//!
//! A [`Detector`] is restricted to a set of languages (French and English by
//! default). For one span it combines whatlang's trigram verdict with
//! function words, elisions and marked letters, while numbers, URLs, names,
//! acronyms and code — option names (`--all`), placeholders, format codes
//! (`%k`), identifiers, paths, single letters — are neutral. For a document it
//! works by structure first (pieces cut at paragraphs, lines, quotation marks
//! and sentence ends, see [`duolex_tokenize::units`]), classifies each piece,
//! then smooths with a Viterbi pass in which changing language costs more at
//! a weak boundary than at a strong one — so a short piece takes its
//! neighbours' language unless its own evidence is strong, and runs start and
//! end at sentence or quote edges. Then three rules: a piece whose function
//! words all belong to the main language keeps it (`ou` between two English
//! quotations); a run of fewer than two words that speak takes its
//! surroundings' language (a tag `root`, a value « never »); and a quoted
//! piece the models cannot decide follows the document's settled quotes
//! (`« excellent AI advancement »` beside a plainly English quotation).
//!
//! ```
//! use duolex_langdetect::{Detector, SegmentKind};
//! use duolex_tokenize::Lang;
//!
//! let detector = Detector::new(&[Lang::Fr, Lang::En]);
//! let text = "Sam Altman a réagi sur X dans la soirée de mardi. Il a écrit : « we will deliver better models ».";
//! let segments = detector.segments(text);
//! assert_eq!(segments.len(), 2);
//! assert_eq!(segments[0].lang, Some(Lang::Fr));
//! assert_eq!(segments[1].lang, Some(Lang::En));
//! assert_eq!(segments[1].kind, SegmentKind::Quote);
//! assert_eq!(&text[segments[1].start..segments[1].end], "we will deliver better models");
//! ```

mod evidence;
mod ngram_tier;
mod runs;

pub use evidence::Evidence;
pub use runs::{mark_body, Segment, SegmentKind};

use duolex_tokenize::Lang;
use evidence::{bit, gather, to_whatlang, Mask, Memo, Scratch};
use std::cell::RefCell;

/// A language decision for one span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The language, or `None` (`und`) when the span holds no evidence.
    pub lang: Option<Lang>,
    /// How sure the decision is, from 0 to 1 (0 for `und`).
    pub confidence: f64,
}

impl Detection {
    /// The language code, `und` for undetermined.
    pub fn code(&self) -> &'static str {
        self.lang.map_or("und", Lang::code)
    }
}

/// Detects languages among a fixed set. Cheap to share across threads.
pub struct Detector {
    langs: Vec<Lang>,
    mask: Mask,
    whatlang: whatlang::Detector,
    /// The model tier's verdicts on short samples.
    memo: Memo,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Detector {
    /// A detector restricted to `langs` (in order of preference for ties).
    /// An empty set means French and English.
    pub fn new(langs: &[Lang]) -> Self {
        let langs = if langs.is_empty() {
            vec![Lang::Fr, Lang::En]
        } else {
            langs.to_vec()
        };
        let mask = langs.iter().fold(0, |m, &l| m | bit(l));
        let whatlang =
            whatlang::Detector::with_allowlist(langs.iter().map(|&l| to_whatlang(l)).collect());
        Detector {
            langs,
            mask,
            whatlang,
            memo: Memo::new(),
        }
    }

    /// The languages this detector chooses among.
    pub fn langs(&self) -> &[Lang] {
        &self.langs
    }

    /// The evidence for each language in one span.
    pub fn evidence(&self, text: &str) -> Evidence {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            match gather(text, &self.langs, self.mask, &mut s, true, true) {
                (ev, true) => self.add_models(&s.content, ev, false),
                (ev, false) => ev,
            }
        })
    }

    /// Evidence without the trigram models (function words, elisions,
    /// marked letters) — cheap, and enough for most sentences —, and, while
    /// the span stays open, the sample of its words that
    /// [`Detector::add_models`] needs: the span is not read twice.
    pub(crate) fn cheap_evidence(&self, text: &str) -> (Evidence, Option<String>) {
        // Not memoised: on short pieces a memo lookup (a lock, a hash of the
        // piece, a probe that misses the cache) cost more time than
        // gathering again (measured with perf on the 20 MB bench corpus).
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let (ev, open) = gather(text, &self.langs, self.mask, &mut s, true, false);
            (ev, open.then(|| s.content.clone()))
        })
    }

    /// Cheap evidence with the models' verdict on the span's sample added.
    /// A `confirming` span (unquoted, leaning like a settled neighbour) does
    /// not ask lingua when whatlang already agrees with its lean.
    pub(crate) fn add_models(&self, sample: &str, cheap: Evidence, confirming: bool) -> Evidence {
        evidence::add_models(
            sample,
            cheap,
            &self.langs,
            &self.whatlang,
            &self.memo,
            confirming,
        )
    }

    /// The language of one span taken as a whole.
    ///
    /// ```
    /// use duolex_langdetect::Detector;
    /// use duolex_tokenize::Lang;
    /// let d = Detector::new(&[Lang::Fr, Lang::En]);
    /// assert_eq!(d.detect("les données").code(), "fr");
    /// assert_eq!(d.detect("the data").code(), "en");
    /// assert_eq!(d.detect("2025 OpenAI https://x.com").code(), "und");
    /// ```
    pub fn detect(&self, text: &str) -> Detection {
        let ev = self.evidence(text);
        decide(&self.langs, &ev.scores)
    }

    /// The language runs of a document (see the crate documentation).
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        runs::segments(self, text, &duolex_tokenize::units::pieces(text))
    }

    /// [`Detector::segments`] for a caller that already has the text's
    /// pieces (`duolex_tokenize::units::pieces(text)`, which it also needs).
    ///
    /// ```
    /// use duolex_langdetect::Detector;
    /// use duolex_tokenize::{units::pieces, Lang};
    /// let d = Detector::new(&[Lang::Fr, Lang::En]);
    /// let text = "Il a écrit : « we will deliver better models ».";
    /// assert_eq!(d.segments_of(text, &pieces(text)), d.segments(text));
    /// ```
    pub fn segments_of(&self, text: &str, pieces: &[duolex_tokenize::Piece]) -> Vec<Segment> {
        runs::segments(self, text, pieces)
    }
}

/// The best language for a score vector, with a softmax confidence.
fn decide(langs: &[Lang], scores: &[f64]) -> Detection {
    if scores.iter().all(|&s| s == 0.0) {
        return Detection {
            lang: None,
            confidence: 0.0,
        };
    }
    let (best, &top) =
        scores.iter().enumerate().fold(
            (0, &f64::MIN),
            |acc, (i, s)| if *s > *acc.1 { (i, s) } else { acc },
        );
    let total: f64 = scores.iter().map(|s| (s - top).exp()).sum();
    Detection {
        lang: Some(langs[best]),
        confidence: 1.0 / total,
    }
}
