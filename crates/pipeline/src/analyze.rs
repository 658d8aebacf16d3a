//! One document, from text to segments and counts. Pure: no I/O.

use duolex_keywords::{DocCounts, SeqWord, Sequence};
use duolex_langdetect::{Detector, Segment, SegmentKind};
use duolex_stem::{StopWords, TermRules};
use duolex_tokenize::units::windows;
use duolex_tokenize::{pieces, tokenize_into, Boundary, Lang, Token, TokenKind};

/// Runs are tokenised in windows of about this many bytes.
const TOKEN_WINDOW: usize = 64 << 10;

/// How terms are made, set by the user.
#[derive(Debug, Clone, Default)]
pub struct TermOptions {
    /// Stem terms (the default); off keys terms on the normalised word.
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
    /// use duolex_pipeline::analyze::{analyze_text, Analyzer, TermOptions};
    /// use duolex_tokenize::Lang;
    /// let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
    /// let text = "Le modèle impressionne. « The model is open », dit-il.";
    /// let (full, words) = (analyze_text(text, &an), analyze_text(text, &an.words_only()));
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

    fn rules(&self, lang: Lang) -> Option<&TermRules> {
        self.rules.iter().find(|r| r.lang() == lang)
    }
}

/// The result of analysing one document's text.
#[derive(Debug, Clone, Default)]
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

/// Analyses one document.
///
/// ```
/// use duolex_pipeline::analyze::{analyze_text, Analyzer, TermOptions};
/// use duolex_tokenize::Lang;
///
/// let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
/// let doc = analyze_text("date 2025-01\nL’IA de DeepSeek inquiète OpenAI.", &an);
/// assert_eq!(doc.date.as_deref(), Some("2025-01"));
/// assert_eq!(doc.main_lang, Some(Lang::Fr));
/// assert_eq!(doc.segments[0].start, 13); // after the marker
/// assert_eq!(doc.counts.terms[&duolex_keywords::KeyRef(Lang::Fr, "ia")].count, 1);
/// ```
pub fn analyze_text(text: &str, analyzer: &Analyzer) -> DocAnalysis {
    analyze_text_in_sections(text, analyzer, SECTION)
}

/// Texts longer than this are detected section by section.
pub const SECTION: usize = 4 << 20;

/// [`analyze_text`] with language runs detected in sections of about
/// `section` bytes (see [`runs_by_section`]).
pub fn analyze_text_in_sections(text: &str, analyzer: &Analyzer, section: usize) -> DocAnalysis {
    let (date, body_start) = date_marker(text);
    let body = &text[body_start..];
    // The pieces serve twice: language runs and the n-gram layout.
    let ps = pieces(body);
    let mut segments = runs_by_section(&analyzer.detector, body, &ps, section);
    let layout = Layout::new(body, &ps, analyzer.terms);
    let runs: Vec<Run> = segments.iter().map(|s| (s.start, s.end, s.lang)).collect();
    let parts = if body.len() > section {
        rayon::current_num_threads()
    } else {
        1
    };
    let (counts, total) = count_in_parts(body, analyzer, &layout, &runs, parts);
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
        tokens: total,
    }
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

/// A language run to count: (start, end, language), in body offsets.
type Run = (usize, usize, Option<Lang>);

/// The counts and token total of `runs`, counted in up to `parts`
/// contiguous parts on as many threads and added up in text order.
///
/// A part starts at a piece that begins a new n-gram group right after ASCII
/// white space: no token and no word sequence crosses such a point, and the
/// counting loop is in the same state there as at the start of a run, so
/// the parts' counts are exactly those of the whole (positions in
/// `Evidence::first` are shifted by [`DocCounts::append`]).
fn count_in_parts(
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
    let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let counted = map_on_threads(&ranges, ranges.len(), |&(a, b)| {
        let clipped: Vec<Run> = runs
            .iter()
            .filter(|r| r.1 > a && r.0 < b)
            .map(|&(s, e, lang)| (s.max(a), e.min(b), lang))
            .collect();
        count_runs(body, analyzer, layout, &clipped, layout.cursor_at(a))
    });
    let mut all = counted.into_iter();
    let (mut counts, mut total) = all.next().unwrap_or_default();
    for (c, t) in all {
        counts.append(c);
        total += t;
    }
    (counts, total)
}

/// Counts the words, terms and n-grams of `runs` (in text order; body
/// offsets), and every token. `cursor` is a [`Layout`] cursor at or before
/// the first run.
fn count_runs(
    body: &str,
    analyzer: &Analyzer,
    layout: &Layout,
    runs: &[Run],
    mut cursor: Cursor,
) -> (DocCounts, u64) {
    let mut counts = SPARE.with(|s| s.take()).unwrap_or_default();
    let mut tokens = Vec::<Token>::new();
    // The words of the sequence being built: (start, end, stop word, end of
    // its key in `keys`); keys are written one after another into `keys`,
    // so no word allocates.
    let mut words: Vec<(usize, usize, bool, usize)> = Vec::new();
    let mut keys = String::new();
    let mut key = String::new();
    let mut total = 0u64;
    let flush = |words: &mut Vec<(usize, usize, bool, usize)>,
                 keys: &mut String,
                 info: Sequence,
                 counts: &mut DocCounts| {
        if !words.is_empty() {
            let mut from = 0;
            let seq: Vec<SeqWord> = words
                .iter()
                .map(|&(s, e, stop, to)| {
                    let w = SeqWord {
                        key: &keys[from..to],
                        start: s,
                        end: e,
                        stop,
                    };
                    from = to;
                    w
                })
                .collect();
            counts.add_sequence(body, &seq, &info);
            words.clear();
            keys.clear();
        }
    };
    for &(start, end, run_lang) in runs {
        let run = &body[start..end];
        let rules = run_lang.and_then(|l| analyzer.rules(l));
        // Cut the run's words into sequences that stay inside one piece.
        let mut group = usize::MAX;
        let mut seq_start = true;
        let mut info = Sequence::default();
        // A long run is tokenised window by window (cut after ASCII white
        // space, which no token crosses): the same tokens, bounded memory.
        for window in windows(run, TOKEN_WINDOW) {
            let offset = start + window.start;
            tokens.clear();
            tokenize_into(&run[window], run_lang, &mut tokens);
            total += tokens.len() as u64;
            let (Some(lang), Some(rules)) = (run_lang, rules) else {
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
                    flush(&mut words, &mut keys, info, &mut counts);
                    group = g;
                    seq_start = true;
                }
                if !is_word(tok.kind) {
                    flush(&mut words, &mut keys, info, &mut counts);
                    seq_start = false;
                    continue;
                }
                if words.is_empty() {
                    info = Sequence {
                        lang,
                        title: layout.in_title(s),
                        sentence_start: seq_start && layout.starts_sentence(s, &mut cursor),
                        trust_case: layout.case_informative(s, &mut cursor),
                    };
                    seq_start = false;
                }
                let term = rules.term_or_form_into(&body[s..e], tok.kind, &mut key);
                keys.push_str(&key);
                words.push((s, e, !term, keys.len()));
            }
        }
        flush(&mut words, &mut keys, info, &mut counts);
    }
    (counts, total)
}

/// The structure n-gram counting follows: pieces (see
/// `duolex_tokenize::units`) joined into *groups* where a line break only
/// wraps a sentence (the previous line ends without punctuation and the next
/// starts with a lowercase letter), the title line, and which lines are
/// written in Title Case.
struct Layout {
    /// (start, end, group, sentence start) of each piece.
    pieces: Vec<(usize, usize, usize, bool)>,
    /// End of the title (0: no title).
    title_end: usize,
    /// (line start, case informative); empty when words are counted
    /// without terms (nothing asks).
    lines: Vec<(usize, bool)>,
}

impl Layout {
    /// The layout of `body`; with `case`, also whether each line's letter
    /// case is informative (only n-gram evidence needs it).
    fn new(body: &str, ps: &[duolex_tokenize::Piece], case: bool) -> Self {
        let mut out = Vec::with_capacity(ps.len());
        let mut group = 0;
        let mut title_end = 0;
        let mut title_open = body.trim().contains('\n');
        for (i, p) in ps.iter().enumerate() {
            let soft = i > 0
                && p.before == Boundary::Line
                && body[p.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && body[..ps[i - 1].end]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_alphanumeric);
            if i > 0 && !soft {
                group += 1;
                if p.before >= Boundary::Line {
                    title_open = false;
                }
            }
            if title_open {
                title_end = p.end;
            }
            let sentence = !soft && p.before != Boundary::Clause;
            out.push((p.start, p.end, group, sentence));
        }
        let mut lines = Vec::new();
        if case {
            let mut at = 0;
            for line in body.split_inclusive('\n') {
                lines.push((
                    at,
                    duolex_keywords::ngrams::case_is_informative(line.split_whitespace()),
                ));
                at += line.len();
            }
        }
        Layout {
            pieces: out,
            title_end,
            lines,
        }
    }

    /// The last piece starting at or before `at`. Words are looked up in
    /// text order, so `cursor` (where the previous lookup ended) only moves
    /// forward: one step per piece over the whole text, not a search per word.
    fn piece(&self, at: usize, cursor: &mut Cursor) -> Option<&(usize, usize, usize, bool)> {
        let i = advance(&mut cursor.piece, self.pieces.len(), |i| {
            self.pieces[i].0 <= at
        });
        i.map(|i| &self.pieces[i])
    }

    /// A cursor for lookups at `at` or after.
    fn cursor_at(&self, at: usize) -> Cursor {
        Cursor {
            piece: self.pieces.partition_point(|p| p.0 <= at),
            line: self.lines.partition_point(|l| l.0 <= at),
        }
    }

    /// Where to cut `body` for counting in about `parts` parts of even
    /// size: 0, then starts of pieces that open a new group right after
    /// ASCII white space (see `count_in_parts`), then `body.len()`.
    fn cuts(&self, body: &str, parts: usize) -> Vec<usize> {
        let mut cuts = vec![0];
        let mut i = 0;
        for k in 1..parts.max(1) {
            let target = body.len() / parts * k;
            while i < self.pieces.len()
                && (self.pieces[i].0 < target.max(cuts[cuts.len() - 1] + 1)
                    || i == 0
                    || self.pieces[i].2 == self.pieces[i - 1].2
                    || !body.as_bytes()[self.pieces[i].0 - 1].is_ascii_whitespace())
            {
                i += 1;
            }
            match self.pieces.get(i) {
                Some(p) => cuts.push(p.0),
                None => break,
            }
        }
        cuts.push(body.len());
        cuts
    }

    fn group_of(&self, at: usize, cursor: &mut Cursor) -> usize {
        self.piece(at, cursor).map_or(0, |p| p.2)
    }

    /// Whether a word at `at` is the first word of its piece and that piece
    /// starts a sentence.
    fn starts_sentence(&self, at: usize, cursor: &mut Cursor) -> bool {
        self.piece(at, cursor).is_none_or(|p| p.3)
    }

    fn in_title(&self, at: usize) -> bool {
        at < self.title_end
    }

    fn case_informative(&self, at: usize, cursor: &mut Cursor) -> bool {
        let i = advance(&mut cursor.line, self.lines.len(), |i| {
            self.lines[i].0 <= at
        });
        i.is_none_or(|i| self.lines[i].1)
    }
}

/// Where the last [`Layout`] lookups ended (how many pieces and lines start
/// at or before the last position asked).
#[derive(Default)]
struct Cursor {
    piece: usize,
    line: usize,
}

/// Moves `count` (items known to start at or before the position) forward
/// while the next item also does; the index of the last such item.
fn advance(count: &mut usize, len: usize, starts_before: impl Fn(usize) -> bool) -> Option<usize> {
    while *count < len && starts_before(*count) {
        *count += 1;
    }
    count.checked_sub(1)
}

/// The language runs of `text`. A text longer than `section` bytes is cut
/// into sections of about that size — after a blank line if there is one in
/// the second half of the section, else after a line break, a sentence end,
/// or a space — and each section is detected on its own, so that the
/// detector's working memory stays bounded by the section, not the file.
/// Sections are detected in parallel, on as many scoped threads as the
/// current rayon pool has (not on the pool itself: its workers may be
/// waiting for room in the writer's window). Runs of one language that meet at a
/// cut are joined, and the main language (most letters) is decided over the
/// whole text. Cuts fall on ASCII white space, which no token crosses:
/// counts stay exact. `pieces` are the text's pieces
/// (`duolex_tokenize::units::pieces(text)`), used as they are when the text
/// is one section.
pub fn runs_by_section(
    detector: &Detector,
    text: &str,
    pieces: &[duolex_tokenize::Piece],
    section: usize,
) -> Vec<Segment> {
    if text.len() <= section {
        return detector.segments_of(text, pieces);
    }
    // Sections are detected in parallel (a huge file is not left to one
    // thread while the others are idle), and joined in order.
    let ranges = sections(text, section);
    let threads = rayon::current_num_threads().min(ranges.len());
    let parts = map_on_threads(&ranges, threads, |r| detector.segments(&text[r.clone()]));
    let mut out: Vec<Segment> = Vec::new();
    for (range, segments) in ranges.iter().zip(parts) {
        for mut s in segments {
            s.start += range.start;
            s.end += range.start;
            match out.last_mut() {
                Some(last) if last.lang == s.lang => {
                    last.end = s.end;
                    last.confidence = last.confidence.max(s.confidence);
                }
                _ => out.push(s),
            }
        }
    }
    let langs = detector.langs();
    let mut letters = vec![0usize; langs.len()];
    for s in &out {
        if let Some(i) = langs.iter().position(|&l| Some(l) == s.lang) {
            letters[i] += text[s.start..s.end]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
        }
    }
    let main = (0..langs.len()).fold(
        0,
        |best, i| {
            if letters[i] > letters[best] {
                i
            } else {
                best
            }
        },
    );
    for s in &mut out {
        s.kind = if s.lang.is_none_or(|l| l == langs[main]) {
            SegmentKind::Body
        } else {
            SegmentKind::Quote
        };
    }
    out
}

/// `f` of every item, in order, computed on `threads` threads (the caller's
/// and scoped ones, with the workers' stack size). Scoped threads rather
/// than the rayon pool: the pool's workers may be waiting for room in the
/// writer's window, and a worker waiting inside a nested rayon job could
/// pick up another worker loop and never come back. A panic in `f` is
/// propagated (and becomes the file's `error` row, like any analysis panic).
fn map_on_threads<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else { break };
        let r = f(item);
        *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let spawned = std::thread::Builder::new()
                .stack_size(crate::WORKER_STACK)
                .spawn_scoped(scope, work);
            // No thread to be had: the others (and this one) do the work.
            if spawned.is_err() {
                break;
            }
        }
        work();
    });
    results
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .map(|r| r.expect("every item was mapped"))
        .collect()
}

/// Consecutive byte ranges covering `text`, each about `max` bytes long and
/// ending on ASCII white space (see [`runs_by_section`]).
fn sections(text: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let max = max.max(2);
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let limit = start + max;
        if limit >= bytes.len() {
            out.push(start..bytes.len());
            break;
        }
        let zone = &bytes[start + max / 2..limit];
        let after = |p: Option<usize>, len: usize| p.map(|p| start + max / 2 + p + len);
        let find = |pat: &[u8]| zone.windows(pat.len()).rposition(|w| w == pat);
        let end = after(find(b"\n\n"), 2)
            .or_else(|| after(zone.iter().rposition(|&b| b == b'\n'), 1))
            .or_else(|| after(find(b". "), 2))
            .or_else(|| after(zone.iter().rposition(|&b| b == b' ' || b == b'\t'), 1))
            .or_else(|| {
                bytes[limit..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map(|p| limit + p + 1)
            })
            .unwrap_or(bytes.len());
        out.push(start..end);
        start = end;
    }
    out
}

/// A leading `date YYYY-MM` or `date YYYY-MM-DD` marker: its value and the
/// byte offset where the document's text proper begins.
///
/// ```
/// use duolex_pipeline::analyze::date_marker;
/// assert_eq!(date_marker(" date 2025-01 L’univers"), (Some("2025-01".into()), 14));
/// assert_eq!(date_marker("Date: 2025-01-31\nTexte"), (Some("2025-01-31".into()), 17));
/// assert_eq!(date_marker("date 2025-13 x"), (None, 0));
/// assert_eq!(date_marker("dater 2025-01 x"), (None, 0));
/// ```
pub fn date_marker(text: &str) -> (Option<String>, usize) {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(after) = rest
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("date"))
        .map(|_| &rest[4..])
    else {
        return (None, 0);
    };
    let after = after.strip_prefix(':').unwrap_or(after);
    let value_at = after.len() - after.trim_start().len();
    if value_at == 0 {
        return (None, 0);
    }
    let value = &after[value_at..];
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().unwrap_or(0);
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && (1..=12).contains(&num(5..7))) {
        return (None, 0);
    }
    let mut len = 7;
    if b.get(7) == Some(&b'-') && digits(8..10) && (1..=31).contains(&num(8..10)) {
        len = 10;
    }
    if b.get(len).is_some_and(|c| !c.is_ascii_whitespace()) {
        return (None, 0);
    }
    let end = text.len() - value.len() + len;
    let tail = &text[end..];
    let body_start = end + (tail.len() - tail.trim_start().len());
    (Some(value[..len].to_string()), body_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_cover_the_text_and_end_on_ascii_space() {
        let text = "Un paragraphe.\n\nUne ligne\nune phrase. Des mots sans fin etc ééééééé\tx";
        for max in 1..text.len() + 2 {
            let mut next = 0;
            for r in sections(text, max) {
                assert_eq!(r.start, next);
                assert!(r.end > r.start);
                if r.end < text.len() {
                    assert!(
                        text.as_bytes()[r.end - 1].is_ascii_whitespace(),
                        "{max} {r:?}"
                    );
                }
                next = r.end;
            }
            assert_eq!(next, text.len());
        }
    }

    #[test]
    fn map_on_threads_keeps_order_and_propagates_panics() {
        let items: Vec<u32> = (0..100).collect();
        for threads in [1, 2, 5] {
            let got = map_on_threads(&items, threads, |x| x * 2);
            assert_eq!(got, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
        let r = std::panic::catch_unwind(|| {
            map_on_threads(&items, 3, |&x| {
                assert!(x != 42, "bug");
                x
            })
        });
        assert!(r.is_err());
    }

    /// Counts of the runs of `text` in `parts` parts.
    fn counted(text: &str, parts: usize) -> ((DocCounts, u64), usize) {
        let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
        let ps = pieces(text);
        let layout = Layout::new(text, &ps, true);
        let runs: Vec<Run> = an
            .detector
            .segments_of(text, &ps)
            .iter()
            .map(|s| (s.start, s.end, s.lang))
            .collect();
        let cuts = layout.cuts(text, parts).len() - 1;
        (count_in_parts(text, &an, &layout, &runs, parts), cuts)
    }

    #[test]
    fn counting_in_parts_equals_counting_at_once() {
        let mut text = String::from("Titre de l’article\n");
        for i in 0..30 {
            text.push_str(match i % 5 {
                0 => "Le modèle de DeepSeek inquiète OpenAI, dit-il. ",
                1 => "« The model is open », said the CEO of OpenAI.\n",
                2 => "Une phrase coupée\nen deux lignes sans point\n\n",
                3 => "The Open Model Initiative: fast, open and cheap models — here. ",
                _ => "Les États-Unis et l’IA : qu’il parle ! ",
            });
        }
        let (whole, one) = counted(&text, 1);
        assert_eq!(one, 1);
        for parts in 2..9 {
            let (cut, n) = counted(&text, parts);
            assert_eq!(n, parts, "the text has room for {parts} parts");
            assert_eq!(cut, whole, "{parts} parts");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

        /// Whatever the text and the number of parts, counting in parts gives
        /// the counts (evidence positions included) of counting at once.
        #[test]
        fn parts_add_up_to_the_whole(
            words in proptest::collection::vec(proptest::sample::select(&[
                "le", "modèle", "de", "l’IA", "est", "rapide", "the", "model", "is",
                "Fast", "OpenAI", "«", "»", ".", ",", ":", "\n", "\n\n", "données",
                "États-Unis", "qu’il", "it's", "—", "Open", "Models", "!", "-",
            ][..]), 0..300),
            gaps in proptest::collection::vec(proptest::sample::select(&[" ", "", "\n", "\u{a0}", "\t"][..]), 300),
            parts in 2usize..7,
        ) {
            let text: String = words.iter().zip(&gaps).flat_map(|(w, g)| [*w, *g]).collect();
            let (whole, _) = counted(&text, 1);
            let (cut, _) = counted(&text, parts);
            proptest::prop_assert_eq!(cut, whole);
        }

        /// Counting words only gives a document the segments, token total and
        /// word counts per language of the full analysis, and no terms.
        #[test]
        fn words_only_counts_the_words_of_the_full_analysis(
            words in proptest::collection::vec(proptest::sample::select(&[
                "le", "modèle", "de", "l’IA", "est", "rapide", "the", "model", "is",
                "Fast", "OpenAI", "«", "»", ".", ",", "\n\n", "données", "1 000",
                "États-Unis", "qu’il", "it's", "—", "https://x.org", "#IA", "42", "!",
            ][..]), 0..200),
            gaps in proptest::collection::vec(proptest::sample::select(&[" ", "", "\n", "\u{a0}"][..]), 200),
        ) {
            let text: String = words.iter().zip(&gaps).flat_map(|(w, g)| [*w, *g]).collect();
            let full = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
            let (a, b) = (analyze_text(&text, &full), analyze_text(&text, &full.words_only()));
            proptest::prop_assert_eq!(&b.counts.tokens, &a.counts.tokens);
            proptest::prop_assert_eq!((&b.segments, b.tokens), (&a.segments, a.tokens));
            proptest::prop_assert!(b.counts.terms.is_empty() && b.counts.ngrams.is_empty());
        }
    }

    #[test]
    fn sections_give_the_same_runs_and_counts_on_clear_paragraphs() {
        let an = Analyzer::new(&[Lang::Fr, Lang::En], &TermOptions::default());
        let fr = "Le modèle de langage est rapide et les données sont publiques. ";
        let en = "The model is fast and the weights are open to everyone. ";
        let mut text = String::from("date 2025-01\n");
        for i in 0..12 {
            text.push_str(&(if i % 4 == 3 { en } else { fr }).repeat(3));
            text.push_str("\n\n");
        }
        let whole = analyze_text_in_sections(&text, &an, usize::MAX);
        let cut = analyze_text_in_sections(&text, &an, 300);
        assert_eq!(whole.counts, cut.counts);
        assert_eq!(whole.tokens, cut.tokens);
        assert_eq!(whole.main_lang, cut.main_lang);
        let spans = |a: &DocAnalysis| -> Vec<_> {
            a.segments
                .iter()
                .map(|s| (s.start, s.end, s.lang, s.kind))
                .collect()
        };
        assert_eq!(spans(&whole), spans(&cut));
        // Sections cut inside sentences still count every word exactly.
        let tiny = analyze_text_in_sections(&text, &an, 40);
        assert_eq!(tiny.counts.total_tokens(), whole.counts.total_tokens());
    }
}
