//! # duolex-analyze
//!
//! The pure core of duolex: one document, from its decoded text to its
//! language runs, its tokens and its counts. No file system, no output
//! format — the I/O crate (`duolex-pipeline`), the Python bindings and any
//! other driver call [`analyze`] on text they have read.
//!
//! The stages, in order: the `date` marker ([`date_marker`]), pieces
//! (`duolex_tokenize::units`), language runs (`duolex_langdetect`, by
//! sections on long texts: [`runs_by_section`]), the text's layout (groups
//! of pieces that only wrap a line, the title, Title Case lines), then each
//! run tokenised with its language's rules in 64 KiB windows and counted
//! into a [`DocCounts`] (terms under their keys, n-grams, word tokens per
//! language). A text above [`SECTION`] bytes is also counted in parts on
//! rayon's current pool; the parts add up exactly to the whole.
//!
//! ```
//! use duolex_analyze::{analyze, Analyzer, TermOptions};
//! use duolex_keywords::KeyRef;
//! use duolex_tokenize::Lang;
//!
//! let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
//! let doc = analyze("date 2025-01\nL’IA de DeepSeek inquiète OpenAI.", &an);
//! assert_eq!(doc.date.as_deref(), Some("2025-01"));
//! assert_eq!(doc.main_lang, Some(Lang::Fr));
//! assert_eq!(doc.segments[0].start, 13); // after the marker
//! assert_eq!(doc.counts.terms[&KeyRef(Lang::Fr, "ia")].count, 1);
//! ```

mod count;
mod layout;
mod marker;
mod sections;

pub use count::recycle;
pub use marker::date_marker;
pub use sections::{runs_by_section, SECTION};

use count::Run;
use duolex_keywords::DocCounts;
use duolex_langdetect::{Detector, Segment, SegmentKind};
use duolex_stem::{StopWords, TermRules};
use duolex_tokenize::{pieces, Lang, TokenKind};
use layout::Layout;

/// How terms are made, set by the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermOptions {
    /// Key terms on the normalised word instead of its stem.
    pub no_stem: bool,
    /// Extra stop-word list (one word per line), added to every language.
    pub extra_stop_words: Option<String>,
    /// Words to count even though a stop-word list names them.
    pub keep: Vec<String>,
}

/// Everything needed to analyse documents; built once, shared by threads.
pub struct Analyzer {
    detector: Detector,
    rules: Vec<TermRules>,
    /// Count terms and n-grams (the default), or only word tokens per
    /// language (see [`Analyzer::words_only`]).
    terms: bool,
}

impl Analyzer {
    /// An analyzer for a language set (French and English when empty).
    pub fn new(langs: &[Lang], options: &TermOptions) -> Self {
        let detector = Detector::new(langs);
        let rules = detector
            .langs()
            .iter()
            .map(|&lang| {
                let mut stop = StopWords::shipped(lang);
                if let Some(list) = &options.extra_stop_words {
                    stop = stop.with_list(list);
                }
                stop = stop.without(options.keep.iter().map(String::as_str));
                let rules = TermRules::new(lang).with_stop_words(stop);
                if options.no_stem {
                    rules.without_stemming()
                } else {
                    rules
                }
            })
            .collect();
        Analyzer {
            detector,
            rules,
            terms: true,
        }
    }

    /// This analyzer counting only word tokens per language: documents get
    /// their segments and word counts but no terms or n-grams, for runs
    /// whose tables need no more (a `--tables documents,segments` run).
    ///
    /// ```
    /// use duolex_analyze::{analyze, Analyzer, TermOptions};
    /// use duolex_tokenize::Lang;
    /// let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
    /// let text = "Le modèle impressionne. « The model is open », dit-il.";
    /// let (full, words) = (analyze(text, &an), analyze(text, &an.words_only()));
    /// assert_eq!(words.counts.tokens, full.counts.tokens);
    /// assert_eq!((words.segments, words.tokens), (full.segments, full.tokens));
    /// assert!(words.counts.terms.is_empty() && !full.counts.terms.is_empty());
    /// ```
    pub fn words_only(self) -> Self {
        Analyzer {
            terms: false,
            ..self
        }
    }

    /// Whether terms and n-grams are counted (not [`Analyzer::words_only`]).
    pub fn counts_terms(&self) -> bool {
        self.terms
    }

    /// The language detector.
    pub fn detector(&self) -> &Detector {
        &self.detector
    }

    /// The languages analysed.
    pub fn langs(&self) -> &[Lang] {
        self.detector.langs()
    }

    /// The term rules of every language analysed.
    pub fn term_rules(&self) -> &[TermRules] {
        &self.rules
    }

    /// The term rules of one language.
    pub fn rules(&self, lang: Lang) -> Option<&TermRules> {
        self.rules.iter().find(|r| r.lang() == lang)
    }
}

/// The result of analysing one document's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocAnalysis {
    /// The `date YYYY-MM[-DD]` marker's value, if the document starts with one.
    pub date: Option<String>,
    /// Language with the most letters.
    pub main_lang: Option<Lang>,
    /// Language runs; offsets are into the whole text (marker included).
    pub segments: Vec<Segment>,
    pub counts: DocCounts,
    /// Every token (words, numbers, URLs, …).
    pub tokens: u64,
}

/// Whether a token counts as a word (the denominator of tf).
pub fn is_word(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Word | TokenKind::Elision | TokenKind::Clitic
    )
}

/// Analyses one document (see the crate documentation).
pub fn analyze(text: &str, analyzer: &Analyzer) -> DocAnalysis {
    analyze_in_sections(text, analyzer, SECTION)
}

/// [`analyze`] with language runs detected, and counts made in parallel
/// parts, above `section` bytes instead of [`SECTION`] (for tests of the
/// long-text path on short texts).
pub fn analyze_in_sections(text: &str, analyzer: &Analyzer, section: usize) -> DocAnalysis {
    let (date, body_start) = date_marker(text);
    let body = &text[body_start..];
    // The pieces serve twice: language runs and the n-gram layout.
    let ps = pieces(body);
    let mut segments = runs_by_section(&analyzer.detector, body, &ps, section);
    let layout = Layout::new(body, &ps, analyzer.terms);
    let runs: Vec<Run> = segments
        .iter()
        .map(|s| Run {
            start: s.start,
            end: s.end,
            lang: s.lang,
        })
        .collect();
    let parts = if body.len() > section {
        rayon::current_num_threads()
    } else {
        1
    };
    let (counts, tokens) = count::count_in_parts(body, analyzer, &layout, &runs, parts);
    for seg in &mut segments {
        seg.start += body_start;
        seg.end += body_start;
    }
    let main_lang = segments
        .iter()
        .find(|s| s.kind == SegmentKind::Body)
        .and_then(|s| s.lang);
    DocAnalysis {
        date,
        main_lang,
        segments,
        counts,
        tokens,
    }
}

#[cfg(test)]
mod tests;
