//! Word sequences, n-grams and the evidence keyphrase ranking uses.
//!
//! The caller (the pipeline) hands over *sequences*: maximal runs of word
//! tokens of one language that lie inside one piece of text — never across a
//! sentence end, a clause boundary (colon, semicolon, dash), a quotation mark
//! or a paragraph. Inside a sequence, punctuation between two words (a comma,
//! a bracket, a slash) also ends a phrase: n-grams never span it — except a
//! lone hyphen, which joins words the tokenizer split into a *compound*
//! (`Web-based`, `state-of-the-art`) that n-grams treat as one word.
//! [`DocCounts::add_sequence`] counts every word token, every term (non-stop
//! word), and every n-gram of one to three words (compounds counting as one,
//! and, in head-initial languages, a noun-phrase connector such as `de`,
//! `des`, `à` as none: `traitement automatique des langues` is counted)
//! and at least two tokens whose first and last tokens are not stop words
//! (stop words inside are allowed: "prise de conscience", "Air Force One"
//! when `One` is capitalised inside a name). An n-gram never starts or ends
//! inside a compound (`based platforms` is not counted from `Web-based
//! platforms`).
//!
//! An n-gram's key is its words' keys joined by one space (stop words are
//! keyed on their normalised form), so `modèles ouverts` and `modèle ouvert`
//! share a key; its surface form is the text from its first to its last word
//! with white space collapsed, so elisions and hyphens stay as written
//! (`coup d’État`).
//!
//! ```
//! use duolex_keywords::{DocCounts, KeyRef, SeqWord, Sequence};
//! use duolex_tokenize::Lang;
//!
//! let text = "la prise de conscience";
//! let w = |key, start, end, stop| SeqWord { key, start, end, stop };
//! let words = [w("la", 0, 2, true), w("pris", 3, 8, false), w("de", 9, 11, true), w("conscienc", 12, 22, false)];
//! let mut doc = DocCounts::default();
//! doc.add_sequence(text, &words, &Sequence { lang: Lang::Fr, ..Sequence::default() });
//! let g = &doc.ngrams[&KeyRef(Lang::Fr, "pris de conscienc")];
//! assert_eq!((g.count, g.display()), (1, "prise de conscience"));
//! assert!(!doc.ngrams.contains_key(&KeyRef(Lang::Fr, "la pris")));
//! assert_eq!(doc.tokens[&Lang::Fr], 4);
//! ```

use crate::shape::{connector, head_initial};
use crate::{DocCounts, KeyRef};
use duolex_tokenize::word::starts_with_capital;
use duolex_tokenize::Lang;

/// Longest n-gram counted, in words (elided articles, clitics and, in
/// head-initial languages, connectors not counted).
pub const MAX_N: usize = 3;

/// Where and how a term or n-gram occurred in a document: what keyphrase
/// ranking uses besides counts. Every field merges by addition, except
/// `first`, which merges by minimum — both commutative and associative.
/// Fields are 32-bit (a document's count tables hold one of these per term
/// and n-gram, so their size is the tables' size); additions saturate, which
/// no text under 4 GB of word tokens reaches.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Index of the first word of the first occurrence, counted in word
    /// tokens of the language from the start of the document.
    pub first: Option<u32>,
    /// Occurrences in the title (the first line of a multi-line document).
    pub title: u32,
    /// Occurrences whose letter case tells something: not the first word of
    /// a sentence, not in a line written in Title Case.
    pub cased: u32,
    /// Of those, occurrences with every non-stop word capitalised.
    pub capitalized: u32,
    /// Of those, occurrences with no non-stop word capitalised.
    pub lowercase: u32,
    /// Occurrences that are a whole stop-word-free chunk: the words just
    /// before and after (inside the sequence) are stop words or absent.
    pub maximal: u32,
    /// Occurrences that start a chunk (the word before is a stop word,
    /// punctuation, or absent).
    pub starts_chunk: u32,
    /// Occurrences that end a chunk (the word after is a stop word,
    /// punctuation, or absent).
    pub ends_chunk: u32,
}

impl Evidence {
    pub(crate) fn merge(&mut self, o: &Evidence) {
        self.first = match (self.first, o.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.title = self.title.saturating_add(o.title);
        self.cased = self.cased.saturating_add(o.cased);
        self.capitalized = self.capitalized.saturating_add(o.capitalized);
        self.lowercase = self.lowercase.saturating_add(o.lowercase);
        self.maximal = self.maximal.saturating_add(o.maximal);
        self.starts_chunk = self.starts_chunk.saturating_add(o.starts_chunk);
        self.ends_chunk = self.ends_chunk.saturating_add(o.ends_chunk);
    }
}

/// One word token of a sequence. Offsets are UTF-8 byte offsets into the
/// text given to [`DocCounts::add_sequence`].
#[derive(Debug, Clone, Copy)]
pub struct SeqWord<'a> {
    /// The term key, or the normalised word for stop words, elisions and clitics.
    pub key: &'a str,
    pub start: usize,
    pub end: usize,
    /// Not a term: a stop word, an elided article, a clitic.
    pub stop: bool,
}

/// What the caller knows about a sequence.
#[derive(Debug, Clone, Copy)]
pub struct Sequence {
    pub lang: Lang,
    /// The sequence lies in the document's title line.
    pub title: bool,
    /// The first word of the sequence starts a sentence (its capital tells nothing).
    pub sentence_start: bool,
    /// Letter case carries information (false in Title Case or ALL CAPS lines).
    pub trust_case: bool,
}

impl Default for Sequence {
    fn default() -> Self {
        Sequence {
            lang: Lang::En,
            title: false,
            sentence_start: true,
            trust_case: true,
        }
    }
}

/// `v`, or `u32::MAX` when it does not fit.
pub(crate) fn saturating_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Collapses white-space runs to one space, into `out`.
fn collapse_into(s: &str, out: &mut String) {
    out.clear();
    for (i, part) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
}

/// Whether [`collapse_into`] would change `s` (`s` starts and ends with a
/// word, so only inner white space other than single spaces matters). One
/// pass over the bytes; characters are decoded only beyond ASCII.
fn needs_collapse(s: &str) -> bool {
    let b = s.as_bytes();
    // Most spans are printable ASCII with single spaces: one branch-free
    // pass over the bytes says so.
    let plain = b.iter().fold(true, |ok, c| ok & (b' '..0x7f).contains(c));
    if plain {
        return b.windows(2).any(|w| w == b"  ");
    }
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if c.is_ascii_whitespace()
                && (c != b' ' || b.get(i + 1).is_some_and(u8::is_ascii_whitespace))
            {
                return true;
            }
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or_default();
            if ch.is_whitespace() {
                return true;
            }
            i += ch.len_utf8();
        }
    }
    false
}

/// Whether a line's letter case is informative: false when most of its
/// longer words start with a capital (Title Case headlines, ALL CAPS).
///
/// ```
/// use duolex_keywords::ngrams::case_is_informative;
/// assert!(!case_is_informative(["Phish", "Phavors", "New", "York", "With", "Phestival"]));
/// assert!(case_is_informative(["Sam", "Altman", "praised", "the", "model", "today"]));
/// ```
pub fn case_is_informative<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in words {
        if w.chars().filter(|c| c.is_alphabetic()).take(4).count() == 4 {
            long += 1;
            caps += usize::from(starts_with_capital(w));
        }
    }
    !(long >= 3 && caps * 4 >= long * 3)
}

impl DocCounts {
    /// Counts a sequence of words (see the module documentation): word
    /// tokens, terms, bigrams and trigrams, with their [`Evidence`].
    pub fn add_sequence(&mut self, text: &str, words: &[SeqWord<'_>], seq: &Sequence) {
        SCRATCH.with(|s| self.add_sequence_with(text, words, seq, &mut s.borrow_mut()))
    }

    fn add_sequence_with(
        &mut self,
        text: &str,
        words: &[SeqWord<'_>],
        seq: &Sequence,
        scratch: &mut Scratch,
    ) {
        let Scratch {
            caps,
            stop,
            joined,
            barrier,
            units,
            spans,
            key,
            collapsed,
        } = scratch;
        let lang = seq.lang;
        let head_initial = head_initial(lang);
        let base = self.tokens.get(&lang).copied().unwrap_or(0);
        *self.tokens.entry(lang).or_default() += words.len() as u64;
        caps.clear();
        caps.extend(words.iter().enumerate().map(|(i, w)| {
            starts_with_capital(&text[w.start..w.end]) && !(i == 0 && seq.sentence_start)
        }));
        // A capitalised stop word between or after capitalised words of a
        // name is part of the name (`Air Force One`, `Bank of America` keeps
        // `of` a stop word since it is lowercase).
        stop.clear();
        stop.extend(words.iter().enumerate().map(|(i, w)| {
            w.stop
                && !(seq.trust_case
                    && caps[i]
                    && i > 0
                    && caps[i - 1]
                    && !words[i - 1].stop
                    && w.end - w.start > 1)
        }));
        // A hyphen alone between two words joins them into one compound
        // (`Web-based`, split by the tokenizer); other punctuation between
        // two words (a comma, a bracket, a slash…) ends a phrase as surely
        // as a stop word does.
        let gap = |i: usize| text.get(words[i - 1].end..words[i].start).unwrap_or("");
        joined.clear();
        joined.extend((0..words.len()).map(|i| i > 0 && is_hyphen_gap(gap(i))));
        barrier.clear();
        barrier.extend(
            (0..words.len())
                .map(|i| i > 0 && !joined[i] && gap(i).chars().any(|c| !c.is_whitespace())),
        );
        // Units: single words, or compounds of words joined by hyphens. An
        // elided article glued to the next word (`l’`, `d’`) or a clitic glued
        // to the previous one (`’s`) is a unit that does not count towards
        // an n-gram's length: `ministre de l’Intérieur` and `Lob’s Theorem`
        // are three and two words.
        units.clear();
        for i in 0..words.len() {
            match units.last_mut() {
                Some(u) if joined[i] => u.1 = i,
                _ => {
                    let glued = words[i].stop
                        && (words[i].key.ends_with('\'')
                            && i + 1 < words.len()
                            && gap(i + 1).is_empty()
                            || words[i].key.starts_with('\'') && i > 0 && gap(i).is_empty());
                    // In head-initial languages a connector is the joint of
                    // a noun phrase (`traitement automatique des langues`):
                    // it does not count towards the length either.
                    let joint = head_initial && words[i].stop && connector(lang, words[i].key);
                    units.push((i, i, usize::from(!glued && !joint)));
                }
            }
        }
        // Every non-stop word is a term; n-grams are one to MAX_N units and
        // at least two words.
        spans.clear();
        spans.extend((0..words.len()).filter(|&i| !words[i].stop).map(|i| (i, i)));
        // A glued unit weighs nothing, but stands at most once on each side
        // of a counted one: no n-gram spans more than 3 × MAX_N units, and
        // looking no further keeps an endless chain of elisions (`l’l’l’…`)
        // linear.
        for a in 0..units.len() {
            let mut weight = 0;
            for u in units[a..].iter().take(3 * MAX_N) {
                weight += u.2;
                if weight > MAX_N {
                    break;
                }
                if units[a].0 < u.1 {
                    spans.push((units[a].0, u.1));
                }
            }
        }
        for &(i, j) in spans.iter() {
            let n = j - i + 1;
            if n > 1 && (stop[i] || stop[j]) {
                continue;
            }
            if barrier[i + 1..=j].iter().any(|&b| b) {
                continue;
            }
            let slice = &words[i..=j];
            let starts = i == 0 || stop[i - 1] || barrier[i];
            let ends = j + 1 == words.len() || stop[j + 1] || barrier[j + 1];
            let maximal = starts && ends;
            // Case: the first word's capital is only evidence off sentence start.
            let case_known = seq.trust_case && !(i == 0 && seq.sentence_start);
            // A compound's case is its first word's (`Web-based`).
            let cased_words = (i..=j).filter(|&k| !stop[k] && (k == i || !joined[k]));
            let all_caps = cased_words.clone().all(|k| caps[k]);
            let no_caps = cased_words.clone().all(|k| !caps[k]);
            let ev = Evidence {
                first: Some(saturating_u32(base + i as u64)),
                title: u32::from(seq.title),
                cased: u32::from(case_known),
                capitalized: u32::from(case_known && all_caps),
                lowercase: u32::from(case_known && no_caps),
                maximal: u32::from(maximal),
                starts_chunk: u32::from(starts),
                ends_chunk: u32::from(ends),
            };
            let written = &text[slice[0].start..slice[n - 1].end];
            let surface = if n == 1 || !needs_collapse(written) {
                written
            } else {
                collapse_into(written, collapsed);
                collapsed.as_str()
            };
            key.clear();
            for (k, w) in slice.iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(w.key);
            }
            let map = if n == 1 {
                &mut self.terms
            } else {
                &mut self.ngrams
            };
            let entry = map.entry_ref(&KeyRef(lang, key)).or_default();
            entry.add(surface, 1);
            entry.evidence.merge(&ev);
        }
    }
}

/// Buffers of [`DocCounts::add_sequence`], reused from one sequence to the
/// next on each thread.
#[derive(Default)]
struct Scratch {
    caps: Vec<bool>,
    stop: Vec<bool>,
    joined: Vec<bool>,
    barrier: Vec<bool>,
    units: Vec<(usize, usize, usize)>,
    spans: Vec<(usize, usize)>,
    key: String,
    collapsed: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Whether the text between two words joins them into a compound: one or
/// more hyphens and nothing else.
fn is_hyphen_gap(gap: &str) -> bool {
    !gap.is_empty()
        && gap
            .chars()
            .all(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}'))
}

/// Number of words in an n-gram key.
pub fn order(key: &str) -> usize {
    1 + key.bytes().filter(|&b| b == b' ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` on spaces; words in `stops` are stop words, keys are lowercase.
    fn seq(text: &str, stops: &[&str], s: Sequence) -> DocCounts {
        let mut keys = Vec::new();
        let mut pos = 0;
        for w in text.split(' ') {
            keys.push((
                w.to_lowercase(),
                pos,
                pos + w.len(),
                stops.contains(&w.to_lowercase().as_str()),
            ));
            pos += w.len() + 1;
        }
        let words: Vec<SeqWord> = keys
            .iter()
            .map(|(k, a, b, st)| SeqWord {
                key: k,
                start: *a,
                end: *b,
                stop: *st,
            })
            .collect();
        let mut d = DocCounts::default();
        d.add_sequence(text, &words, &s);
        d
    }

    fn grams(d: &DocCounts) -> Vec<String> {
        let mut v: Vec<String> = d.ngrams.keys().map(|k| k.1.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn stop_words_never_at_the_edges() {
        let d = seq(
            "the open source model of the year",
            &["the", "of"],
            Sequence::default(),
        );
        assert_eq!(
            grams(&d),
            ["open source", "open source model", "source model"]
        );
        assert_eq!(d.terms.len(), 4);
        assert_eq!(d.tokens[&Lang::En], 7);
    }

    #[test]
    fn capitalised_stop_word_inside_a_name() {
        let d = seq("boarded Air Force One today", &["one"], Sequence::default());
        assert!(grams(&d).contains(&"air force one".to_string()));
        let g = &d.ngrams[&KeyRef(Lang::En, "air force one")];
        assert_eq!((g.evidence.cased, g.evidence.capitalized), (1, 1));
        // Lowercase `one` stays a stop word.
        let d = seq("the force one day", &["one", "the"], Sequence::default());
        assert!(!grams(&d).iter().any(|g| g.ends_with("one")));
    }

    #[test]
    fn evidence_of_position_case_and_maximality() {
        let s = Sequence {
            sentence_start: true,
            ..Sequence::default()
        };
        let d = seq("Sam Altman met Donald Trump", &[], s);
        let sam = &d.ngrams[&KeyRef(Lang::En, "sam altman")];
        // Sentence-initial: case tells nothing.
        assert_eq!((sam.evidence.first, sam.evidence.cased), (Some(0), 0));
        let dt = &d.ngrams[&KeyRef(Lang::En, "donald trump")];
        assert_eq!(
            (
                dt.evidence.first,
                dt.evidence.cased,
                dt.evidence.capitalized
            ),
            (Some(3), 1, 1)
        );
        assert_eq!(dt.evidence.maximal, 0, "Sam … Trump is one chunk");
        assert_eq!(dt.display(), "Donald Trump");
    }

    #[test]
    fn hyphenated_compounds_are_one_word() {
        // The tokenizer splits `Web-based`; `seq` splits on spaces only, so
        // build the words by hand.
        let text = "new Web-based real-time operating systems, fast";
        let spans = [
            (0, 3),
            (4, 7),
            (8, 13),
            (14, 18),
            (19, 23),
            (24, 33),
            (34, 41),
            (43, 47),
        ];
        let keys: Vec<String> = spans
            .iter()
            .map(|&(a, b)| text[a..b].to_lowercase())
            .collect();
        let words: Vec<SeqWord> = spans
            .iter()
            .zip(&keys)
            .map(|(&(start, end), key)| SeqWord {
                key,
                start,
                end,
                stop: false,
            })
            .collect();
        let mut d = DocCounts::default();
        d.add_sequence(text, &words, &Sequence::default());
        let g = grams(&d);
        // Compounds alone, and up to three units: never cut inside a compound.
        for want in [
            "web based",
            "real time",
            "web based real time",
            "real time operating systems",
        ] {
            assert!(g.contains(&want.to_string()), "{want} in {g:?}");
        }
        for cut in ["based real", "based real time", "time operating", "new web"] {
            assert!(!g.contains(&cut.to_string()), "{cut} in {g:?}");
        }
        assert!(
            !g.iter().any(|k| k.contains("fast")),
            "the comma ends phrases"
        );
        let rt = &d.ngrams[&KeyRef(Lang::En, "real time operating systems")];
        assert_eq!(rt.display(), "real-time operating systems");
        let web = &d.ngrams[&KeyRef(Lang::En, "web based")];
        assert_eq!((web.evidence.cased, web.evidence.capitalized), (1, 1));
        // Words inside compounds are still terms.
        assert_eq!(d.terms.len(), 8);
    }

    /// Words of `text` at byte spans, with their keys and stop flags.
    fn add_spans(text: &str, spans: &[(usize, usize, bool)]) -> DocCounts {
        let keys: Vec<String> = spans
            .iter()
            .map(|&(a, b, _)| text[a..b].to_lowercase().replace('’', "'"))
            .collect();
        let words: Vec<SeqWord> = spans
            .iter()
            .zip(&keys)
            .map(|(&(start, end, stop), key)| SeqWord {
                key,
                start,
                end,
                stop,
            })
            .collect();
        let mut d = DocCounts::default();
        d.add_sequence(text, &words, &Sequence::default());
        d
    }

    #[test]
    fn glued_units_on_both_sides_of_every_word() {
        // An elision before and a clitic after each of three words: nine
        // units, the longest n-gram the span bound allows.
        let text = "l’Abc’s l’Def’s l’Ghi’s";
        let mut spans = Vec::new();
        for w in text.split(' ') {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            let (el, cl) = ("l’".len(), w.len() - "’s".len());
            spans.extend([
                (at, at + el, true),
                (at + el, at + cl, false),
                (at + cl, at + w.len(), true),
            ]);
        }
        let d = add_spans(text, &spans);
        assert!(grams(&d).contains(&"abc 's l' def 's l' ghi".to_string()));
    }

    #[test]
    fn an_endless_chain_of_elisions() {
        // Glued units weigh nothing: without the span bound, every pair of
        // them was a candidate span (quadratic time and memory).
        let n = 20_000;
        let text = format!("{}x", "l’".repeat(n));
        let el = "l’".len();
        let mut spans: Vec<_> = (0..n).map(|i| (i * el, (i + 1) * el, true)).collect();
        spans.push((n * el, n * el + 1, false));
        let d = add_spans(&text, &spans);
        assert_eq!(d.terms.len(), 1);
        assert!(d.ngrams.is_empty());
    }

    proptest::proptest! {
        /// `needs_collapse` says whether collapsing white space changes a
        /// span that starts and ends with a word.
        #[test]
        fn needs_collapse_is_whether_collapsing_changes(s in "[a\u{e9} \t\n\u{a0}\u{2009}\u{3000}.-]{0,12}") {
            let s = format!("w{s}w");
            let mut out = String::new();
            collapse_into(&s, &mut out);
            proptest::prop_assert_eq!(needs_collapse(&s), out != s);
        }
    }

    #[test]
    fn title_case_lines_are_not_case_evidence() {
        assert!(!case_is_informative(
            "New Entrants Are Shaking Up The Industry".split(' ')
        ));
        assert!(!case_is_informative("OPENAI RELEASES NEW MODEL".split(' ')));
        assert!(case_is_informative(
            "New entrants are shaking up the industry".split(' ')
        ));
    }
}
