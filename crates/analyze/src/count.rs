//! Counting a document's words, terms and n-grams, run by run.

use crate::layout::{Cursor, Layout};
use crate::{is_word, Analyzer};
use duolex_keywords::{DocCounts, SeqWord, Sequence};
use duolex_tokenize::units::windows;
use duolex_tokenize::{tokenize_into, Lang, Token};
use rayon::prelude::*;

/// Runs are tokenised in windows of about this many bytes.
const TOKEN_WINDOW: usize = 64 << 10;

/// A language run to count, in body offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub start: usize,
    pub end: usize,
    pub lang: Option<Lang>,
}

thread_local! {
    /// Count tables a document no longer needs, kept (cleared) for the next
    /// document on the same thread: most documents then count into tables
    /// already grown to their size instead of allocating and rehashing new
    /// ones.
    static SPARE: std::cell::Cell<Option<DocCounts>> = const { std::cell::Cell::new(None) };
}

/// Tables larger than this many entries are freed, not kept: clearing them
/// for every small document after a large one would cost more than it saves.
const SPARE_MAX_ENTRIES: usize = 1 << 16;

/// Hands a document's counts back once they are used, so that the next
/// document analysed on this thread reuses their tables.
pub fn recycle(mut counts: DocCounts) {
    if counts.terms.capacity() <= SPARE_MAX_ENTRIES && counts.ngrams.capacity() <= SPARE_MAX_ENTRIES
    {
        counts.terms.clear();
        counts.ngrams.clear();
        counts.tokens.clear();
        SPARE.with(|s| s.set(Some(counts)));
    }
}

/// The counts and token total of `runs`, counted in up to `parts`
/// contiguous parts in parallel (rayon's current pool) and added up in text
/// order.
///
/// A part starts at a piece that begins a new n-gram group right after ASCII
/// white space: no token and no word sequence crosses such a point, and the
/// counting loop is in the same state there as at the start of a run, so
/// the parts' counts are exactly those of the whole (positions in
/// `Evidence::first` are shifted by [`DocCounts::append`]).
pub(crate) fn count_in_parts(
    body: &str,
    analyzer: &Analyzer,
    layout: &Layout,
    runs: &[Run],
    parts: usize,
) -> (DocCounts, u64) {
    let cuts = layout.cuts(body, parts);
    if cuts.len() <= 2 {
        return count_runs(body, analyzer, layout, runs, Cursor::default());
    }
    let counted: Vec<(DocCounts, u64)> = cuts
        .par_windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let clipped: Vec<Run> = runs
                .iter()
                .filter(|r| r.end > a && r.start < b)
                .map(|r| Run {
                    start: r.start.max(a),
                    end: r.end.min(b),
                    lang: r.lang,
                })
                .collect();
            count_runs(body, analyzer, layout, &clipped, layout.cursor_at(a))
        })
        .collect();
    let mut all = counted.into_iter();
    let (mut counts, mut total) = all.next().unwrap_or_default();
    for (c, t) in all {
        counts.append(c);
        total += t;
    }
    (counts, total)
}

/// A word of the sequence being built; its key is `keys[previous end..key_end]`.
#[derive(Clone, Copy)]
struct PendingWord {
    start: usize,
    end: usize,
    stop: bool,
    key_end: usize,
}

/// The words of one sequence (word tokens of one language inside one piece
/// group), their keys written one after another so that no word allocates.
#[derive(Default)]
struct Pending {
    words: Vec<PendingWord>,
    keys: String,
    info: Sequence,
}

impl Pending {
    /// Counts the sequence, if any, and starts a new one.
    fn flush(&mut self, body: &str, counts: &mut DocCounts) {
        if self.words.is_empty() {
            return;
        }
        let mut from = 0;
        let seq: Vec<SeqWord> = self
            .words
            .iter()
            .map(|w| {
                let word = SeqWord {
                    key: &self.keys[from..w.key_end],
                    start: w.start,
                    end: w.end,
                    stop: w.stop,
                };
                from = w.key_end;
                word
            })
            .collect();
        counts.add_sequence(body, &seq, &self.info);
        self.words.clear();
        self.keys.clear();
    }
}

/// Counts the words, terms and n-grams of `runs` (in text order; body
/// offsets), and every token. `cursor` is a [`Layout`] cursor at or before
/// the first run.
pub(crate) fn count_runs(
    body: &str,
    analyzer: &Analyzer,
    layout: &Layout,
    runs: &[Run],
    mut cursor: Cursor,
) -> (DocCounts, u64) {
    let mut counts = SPARE.with(|s| s.take()).unwrap_or_default();
    let mut tokens = Vec::<Token>::new();
    let mut pending = Pending::default();
    let mut key = String::new();
    let mut total = 0u64;
    for run in runs {
        let text = &body[run.start..run.end];
        let rules = run.lang.and_then(|l| analyzer.rules(l));
        // Cut the run's words into sequences that stay inside one group.
        let mut group = usize::MAX;
        let mut seq_start = true;
        // A long run is tokenised window by window (cut after ASCII white
        // space, which no token crosses): the same tokens, bounded memory.
        for window in windows(text, TOKEN_WINDOW) {
            let offset = run.start + window.start;
            tokens.clear();
            tokenize_into(&text[window], run.lang, &mut tokens);
            total += tokens.len() as u64;
            let (Some(lang), Some(rules)) = (run.lang, rules) else {
                continue;
            };
            if !analyzer.terms {
                let words = tokens.iter().filter(|t| is_word(t.kind)).count() as u64;
                *counts.tokens.entry(lang).or_default() += words;
                continue;
            }
            for tok in &tokens {
                let (s, e) = (tok.start + offset, tok.end + offset);
                let g = layout.group_of(s, &mut cursor);
                if g != group {
                    pending.flush(body, &mut counts);
                    group = g;
                    seq_start = true;
                }
                if !is_word(tok.kind) {
                    pending.flush(body, &mut counts);
                    seq_start = false;
                    continue;
                }
                if pending.words.is_empty() {
                    pending.info = Sequence {
                        lang,
                        title: layout.in_title(s),
                        sentence_start: seq_start && layout.starts_sentence(s, &mut cursor),
                        trust_case: layout.case_informative(s, &mut cursor),
                    };
                    seq_start = false;
                }
                let term = rules.term_or_form_into(&body[s..e], tok.kind, &mut key);
                pending.keys.push_str(&key);
                pending.words.push(PendingWord {
                    start: s,
                    end: e,
                    stop: !term,
                    key_end: pending.keys.len(),
                });
            }
        }
        pending.flush(body, &mut counts);
    }
    (counts, total)
}
