//! Per-document keyphrases of one to three words.
//!
//! Candidates are the document's terms (non-stop words) and its n-grams of
//! one to three words (no stop word at either edge; a hyphenated compound
//! is one word, an elided article or `’s` none, nor, in head-initial
//! languages, a connector such as `de`, `des`, `à`, so that French writes
//! `traitement automatique des langues` — see [`crate::ngrams`]).
//! Each gets a score that multiplies named pieces of evidence:
//!
//! ```text
//! score       = frequency × specificity × position × name × form
//! frequency   = count in the document
//! specificity = idf(df, N) ^ idf_power     (smoothed idf, see stats; N = documents
//!                                           with words of the language)
//! position    = 1 + early × (1 − first / words) ^ 2      (first occurrence)
//! name        = (1 + name × share of occurrences capitalised mid-sentence)
//!               × (1 + title when it occurs in the title line)
//! form        = prior × chunk × cohesion × shape × word length × defined
//! prior       = min(single_max, length[1] × exp(genre × (names − terms))) for a
//!               single word, length[2] for two words, length[3] for three;
//!               × joint for each connector written as a word of its own
//!               (head-initial languages: `des` in the phrase above)
//! chunk       = chunk_floor + (1 − chunk_floor) × share of occurrences that
//!               are a whole run of content words (bounded by stop words,
//!               punctuation or the piece's ends) — in head-initial languages
//!               (French), that start one: the head noun comes first and the
//!               run's end often spills into a verb (`intelligence
//!               artificielle progresse`)
//! cohesion    = inner_stop  if a stop word inside is not a connector (of, de, à…)
//!               × mixed_case for the share of occurrences mixing capitalised
//!                            and lowercase words (`Mamet won`)
//! shape       = verb_edge   if a word at an edge is verb-shaped, adverb_edge if
//!               adverb-shaped (see crate::shape; names are exempt)
//! word length = min(1, letters of the longest word / long_word) ^ word_length
//! defined     = defined  for an acronym whose letters are the initials of
//!               the content words of a phrase of the document, and for
//!               that phrase (`TAL`, `traitement automatique des langues`;
//!               `RST`, `Rhetorical Structure Theory`), else 1
//! ```
//!
//! The single-word prior follows the document's *genre*, read from the
//! document itself: `names` is the share of its content-word occurrences
//! whose case tells something that are capitalised (news: people, places,
//! firms), `terms` the share of its content-word occurrences that fall in
//! repeated lowercase phrases (technical writing: `neural network` three
//! times). Where names dominate, single words are the keyphrases people
//! pick; where repeated terminology does, noun phrases are.
//!
//! The word-length factor follows Zipf's law of abbreviation: frequent,
//! general words are short, so among words seen equally often the longer
//! ones are the more specific (`film` against `premiere`). Acronyms obey
//! the same law — an abbreviation is short because its name is frequent —
//! so they get no exemption: wire credits and the most common names (`AP`,
//! `U.S.`, `ONU`) weigh like other short words, and a rarer, longer
//! acronym (`CEDEAO`, `MRAC`) keeps more of its weight. (Exempting them was
//! measured: about one top-10 slot in twelve went to an all-capitals word
//! in English news, and those were right half as often as the rest.)
//!
//! Ranking keeps one candidate per lowercase surface form. A single word
//! that occurs no more often than `subsumed` × a phrase holding it stands
//! for that phrase, which takes the word's place and score (`Donald`, never
//! seen outside `Donald Trump`, gives `Donald Trump`; a later `Trump` that
//! never occurs alone either is then left out). Keyphrases are shown as written: the most frequent
//! surface form in the document.
//!
//! Only the best `top` are needed, so most candidates are never scored in
//! full: each first gets an upper bound of its score that needs neither
//! the corpus nor word shapes (specificity as if no other document had
//! it, no shape penalty), and candidates are scored in order of bound
//! until no bound left reaches the best score found. The ranking is the
//! one a sort of every score would give — score descending, ties by key.
//!
//! The default weights ([`KeyphraseParams::default`]) were measured on
//! English news (KPCrowd) and abstracts (Inspec) and French abstracts
//! (TALN), each checked on two halves of the data (README, "Keyphrases");
//! the French verb and adverb shapes follow the English measurements by
//! analogy. An acronym next to its expansion is how a text defines a term
//! (abstracts above all), so both are named; the title boost and the
//! connector factor were measured on French abstracts and kept because
//! English did not lose by them.
//!
//! The design follows what unsupervised methods agree on — TF-IDF's
//! specificity, YAKE's position, casing and relatedness features (Campos et
//! al. 2020), RAKE's stop-word-delimited chunks (Rose et al. 2010), the
//! noun-phrase patterns of supervised extractors (Hulth 2003) approximated
//! by suffixes — and combines them multiplicatively so that no single one
//! dominates.

use crate::ngrams::order;
pub use crate::shape::{connector, head_initial};
use crate::shape::{shape, Shape};
use crate::stats::idf;
use crate::{CorpusCounts, DocCounts, TermCount};
use duolex_tokenize::Lang;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The weights of the ranking (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyphraseParams {
    pub idf_power: f64,
    pub early: f64,
    pub title: f64,
    pub name: f64,
    /// Length prior for 1, 2 and 3 words (the first before the genre factor).
    pub length: [f64; 3],
    pub chunk_floor: f64,
    /// A single word is dropped after a chosen phrase that holds it when
    /// the word occurs at most `subsumed` times as often as the phrase.
    pub subsumed: f64,
    /// Factor for an n-gram with a stop word inside that is not a
    /// noun-phrase connector (`of`, `de`, `à` …).
    pub inner_stop: f64,
    /// Factor for an n-gram whose words mix capitalised and lowercase
    /// (`Mamet won`): names and common-noun phrases are each written alike.
    pub mixed_case: f64,
    /// How strongly the document's genre moves the single-word prior:
    /// `length[0] × exp(genre × (names − terms))`.
    pub genre: f64,
    /// Upper bound of the single-word prior.
    pub single_max: f64,
    /// Exponent of the word-length factor `min(1, letters / long_word)`.
    pub word_length: f64,
    /// Letters from which a word counts as long (no penalty).
    pub long_word: f64,
    /// Factor for a candidate with a verb-shaped word at an edge (French
    /// verb forms, also alone; English participles, at the edges of phrases).
    pub verb_edge: f64,
    /// Factor for a candidate with an adverb-shaped word at an edge.
    pub adverb_edge: f64,
    /// Factor per connector written as a word of its own inside a phrase
    /// of a head-initial language (`des` in `traitement automatique des
    /// langues`): such phrases may have a fourth word, which costs.
    pub joint: f64,
    /// Factor for an acronym and for its expansion when the document has
    /// both (`TAL`, `traitement automatique des langues`).
    pub defined: f64,
}

impl Default for KeyphraseParams {
    /// Weights measured on English news and abstracts and French abstracts
    /// (see README, "Keyphrases").
    fn default() -> Self {
        KeyphraseParams {
            idf_power: 1.0,
            early: 0.5,
            title: 0.75,
            name: 0.25,
            length: [1.0, 1.0, 0.8],
            chunk_floor: 0.15,
            subsumed: 1.0,
            inner_stop: 0.3,
            mixed_case: 1.0,
            genre: 8.0,
            single_max: 3.0,
            word_length: 1.0,
            long_word: 10.0,
            verb_edge: 0.5,
            adverb_edge: 0.5,
            joint: 0.6,
            defined: 2.0,
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

/// A candidate with the factors of its score that need neither the corpus
/// nor word shapes.
struct Cand<'a> {
    key: &'a str,
    t: &'a TermCount,
    display: &'a str,
    /// Word tokens (a compound counts its parts).
    n: usize,
    /// Words as displayed (a hyphenated compound is one), and the first
    /// and last of them.
    words: usize,
    edges: [&'a str; 2],
    frequency: f64,
    position: f64,
    name: f64,
    /// `prior × chunk × cohesion`.
    form: f64,
    /// The word-length factor.
    length: f64,
    /// At least the score (when the weights allow a bound).
    bound: f64,
    /// Once computed.
    score: Option<f64>,
}

impl Cand<'_> {
    /// The score given the candidate's specificity and shape factor,
    /// multiplied in the order of the module documentation.
    fn score_with(&self, specificity: f64, shape: f64) -> f64 {
        let form = self.form * shape * self.length;
        self.frequency * specificity * self.position * self.name * form
    }
}

/// The genre evidence of a document in one language: `(names, terms)` —
/// the share of its content-word occurrences with informative case that
/// are capitalised, and the share of its content-word occurrences inside
/// repeated lowercase n-grams (see the module documentation).
pub fn genre(doc: &DocCounts, lang: Lang) -> (f64, f64) {
    let (mut words, mut cased, mut capitalized) = (0u64, 0u64, 0u64);
    for ((l, _), t) in &doc.terms {
        if *l == lang {
            words += t.count;
            cased += u64::from(t.evidence.cased);
            capitalized += u64::from(t.evidence.capitalized);
        }
    }
    let phrased: u64 = doc
        .ngrams
        .iter()
        .filter(|((l, _), t)| *l == lang && t.count > 1 && t.evidence.lowercase == t.evidence.cased)
        .map(|(_, t)| t.count)
        .sum();
    let share = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (share(capitalized, cased), share(phrased, words.max(1)))
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
    let (words, n_docs) = sizes(doc, corpus, lang);
    let (names, terms) = genre(doc, lang);
    let single = (p.length[0] * (p.genre * (names - terms)).exp()).min(p.single_max);
    // A candidate's bound is its score with the largest specificity and no
    // shape penalty. Specificity is largest at df = 1: idf falls as df
    // rises (df ≥ 1), and x ^ idf_power rises with x ≥ 0 when idf_power ≥ 0.
    // Idf is negative where df + 1 > e × (N + 1), which needs fewer
    // documents of the language than documents in the corpus: the power 1
    // keeps a negative specificity below the bound, other powers are
    // trusted only when no document frequency (at most
    // `corpus.documents`) gets there. The shape factor is at most 1 when
    // both edge factors are in [0, 1]. The margin covers rounding in `ln`
    // and `powf`; the rest of the bound is multiplied like the score, so
    // it cannot round below it. Where this does not hold (other weights),
    // every candidate is scored.
    let max_specificity = idf(1, n_docs).powf(p.idf_power) * (1.0 + 1e-9);
    let mut bounded = p.idf_power >= 0.0
        && (p.idf_power == 1.0 || idf(corpus.documents.max(1), n_docs) >= 0.0)
        && max_specificity.is_finite()
        && (0.0..=1.0).contains(&p.verb_edge)
        && (0.0..=1.0).contains(&p.adverb_edge);
    // The word-length factor of each number of letters, once.
    let mut length_of = [None; 32];
    let mut cands: Vec<Cand> = Vec::with_capacity(doc.terms.len() + doc.ngrams.len());
    let all = doc
        .terms
        .iter()
        .chain(doc.ngrams.iter())
        .filter(|((l, _), _)| *l == lang);
    for ((_, key), t) in all {
        // Word tokens, and words (a hyphenated compound is one word).
        let tokens = order(key);
        let display = t.display();
        let w = Written::of(display);
        let n = phrase_words(lang, key, w.words);
        let joints = w.words.saturating_sub(n);
        if n > 3 || !w.alphabetic || tokens == 1 && w.alphanumeric < 2 {
            continue;
        }
        let ev = &t.evidence;
        let count = t.count.max(1) as f64;
        let frequency = count;
        let mut cohesion = 1.0;
        if tokens > 1 {
            // A trigram whose middle word is a stop word other than a
            // connector (`of`, `de`) is less likely a phrase.
            let loose = tokens == 3 && n == 3 && {
                let middle = key.split(' ').nth(1).unwrap_or_default();
                !doc.terms.contains_key(&crate::KeyRef(lang, middle)) && !connector(lang, middle)
            };
            if loose {
                cohesion *= p.inner_stop;
            }
            if ev.cased > 0 {
                let mixed = ev.cased.saturating_sub(ev.capitalized + ev.lowercase);
                cohesion *= 1.0 - (1.0 - p.mixed_case) * mixed as f64 / ev.cased as f64;
            }
        }
        let word_length =
            |letters: usize| (letters as f64 / p.long_word).min(1.0).powf(p.word_length);
        let length_f = match length_of.get_mut(w.longest) {
            Some(known) => *known.get_or_insert_with(|| word_length(w.longest)),
            None => word_length(w.longest),
        };
        let (position, name, chunk) = evidence_factors(ev, count, words, lang, p);
        let prior = if n == 1 { single } else { p.length[n - 1] } * p.joint.powi(joints as i32);
        let mut c = Cand {
            key,
            t,
            display,
            n: tokens,
            words: n,
            edges: [w.first, w.last],
            frequency,
            position,
            name,
            form: prior * chunk * cohesion,
            length: length_f,
            bound: f64::NAN,
            score: None,
        };
        c.bound = c.score_with(max_specificity, 1.0);
        // Rounded multiplication is monotone in each non-negative operand:
        // with these factors finite and non-negative, a larger specificity
        // and shape factor cannot give a smaller product.
        bounded &= [frequency, position, name, c.form, length_f]
            .iter()
            .all(|x| x.is_finite() && x.is_sign_positive())
            && !c.bound.is_nan();
        cands.push(c);
    }
    defined_terms(doc, lang, &mut cands, p.defined, max_specificity);
    let scorer = Scorer {
        corpus,
        lang,
        n_docs,
        p,
    };
    let mut ranking = Ranking::new(cands, bounded, scorer);
    let mut out: Vec<Keyphrase> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while out.len() < top {
        let Some((i, score)) = ranking.next() else {
            break;
        };
        // A single word that hardly occurs outside one phrase stands for
        // that phrase (with the word's score).
        let pick = match ranking.cands[i].n {
            1 => ranking.container(i, p.subsumed).unwrap_or(i),
            _ => i,
        };
        let c = &ranking.cands[pick];
        if !seen.insert(c.display.to_lowercase()) {
            continue;
        }
        out.push(Keyphrase {
            text: c.display.to_string(),
            key: c.key.to_string(),
            score,
        });
    }
    out
}

/// What the ranking reads off a display form, in one pass: its words
/// (split on whitespace, as by `str::split_whitespace`), the first and the
/// last, the letters of the longest, whether it has a letter, and how many
/// letters and digits.
struct Written<'a> {
    words: usize,
    first: &'a str,
    last: &'a str,
    /// Letters (alphabetic characters) of the word with the most.
    longest: usize,
    alphabetic: bool,
    alphanumeric: usize,
}

impl<'a> Written<'a> {
    fn of(display: &'a str) -> Self {
        let mut w = Written {
            words: 0,
            first: "",
            last: "",
            longest: 0,
            alphabetic: false,
            alphanumeric: 0,
        };
        // The current word: whether in one, where it starts, its letters.
        let (mut in_word, mut start, mut letters) = (false, 0, 0);
        for (i, c) in display.char_indices() {
            if c.is_whitespace() {
                if in_word {
                    w.add_word(&display[start..i], letters);
                    in_word = false;
                }
                continue;
            }
            if !in_word {
                (in_word, start, letters) = (true, i, 0);
            }
            if c.is_alphabetic() {
                letters += 1;
                w.alphabetic = true;
                w.alphanumeric += 1;
            } else if c.is_numeric() {
                w.alphanumeric += 1;
            }
        }
        if in_word {
            w.add_word(&display[start..], letters);
        }
        w
    }

    fn add_word(&mut self, word: &'a str, letters: usize) {
        if self.words == 0 {
            self.first = word;
        }
        self.last = word;
        self.words += 1;
        self.longest = self.longest.max(letters);
    }
}

/// Candidates in ranking order — score descending, then key, then input
/// order (what a stable sort gives) — scored only as far as that order
/// needs: a candidate whose bound is below the best score known cannot
/// come before it, so it waits unscored.
struct Ranking<'a, 's> {
    cands: Vec<Cand<'a>>,
    scorer: Scorer<'s>,
    /// Candidates not yet ranked and perhaps not scored, highest bound first.
    pending: BinaryHeap<Entry<'a>>,
    /// Scored candidates not yet ranked, best first.
    scored: BinaryHeap<Entry<'a>>,
    /// Capitalised phrases of more than one word: what may stand for a
    /// single word (see [`Ranking::container`]).
    phrases: Vec<usize>,
}

impl<'a, 's> Ranking<'a, 's> {
    /// Ranks `cands` by their bounds when `bounded`, else by scoring every
    /// candidate.
    fn new(cands: Vec<Cand<'a>>, bounded: bool, scorer: Scorer<'s>) -> Self {
        let phrases = (0..cands.len())
            .filter(|&i| cands[i].n > 1 && cands[i].t.evidence.capitalized > 0)
            .collect();
        let mut r = Ranking {
            cands,
            scorer,
            pending: BinaryHeap::new(),
            scored: BinaryHeap::new(),
            phrases,
        };
        if bounded {
            r.pending = (r.cands.iter().enumerate())
                .map(|(i, c)| Entry {
                    value: c.bound,
                    key: c.key,
                    i,
                })
                .collect();
        } else {
            r.scored = (0..r.cands.len())
                .map(|i| Entry {
                    value: r.score(i),
                    key: r.cands[i].key,
                    i,
                })
                .collect();
        }
        r
    }

    /// Candidate `i`'s score, computed once.
    fn score(&mut self, i: usize) -> f64 {
        if let Some(s) = self.cands[i].score {
            return s;
        }
        let s = self.scorer.score(&self.cands[i]);
        self.cands[i].score = Some(s);
        s
    }

    /// The next candidate in ranking order, and its score.
    fn next(&mut self) -> Option<(usize, f64)> {
        // Score every candidate that could tie with or beat the best known
        // (`≥`: ties go by key, which needs the score).
        while let Some(e) = self.pending.peek() {
            if let Some(best) = self.scored.peek() {
                if e.value.total_cmp(&best.value).is_lt() {
                    break;
                }
            }
            let (i, key) = (e.i, e.key);
            self.pending.pop();
            let value = self.score(i);
            self.scored.push(Entry { value, key, i });
        }
        self.scored.pop().map(|e| (e.i, e.value))
    }

    /// The phrase that a single word `c` stands for: the best-ranked
    /// capitalised phrase holding the word that occurs at least
    /// 1 / `subsumed` times as often (`Donald` is `Donald Trump`).
    fn container(&mut self, c: usize, subsumed: f64) -> Option<usize> {
        let mut best: Option<Entry> = None;
        for k in 0..self.phrases.len() {
            let i = self.phrases[k];
            let (word, q) = (&self.cands[c], &self.cands[i]);
            if (word.t.count as f64) <= subsumed * q.t.count as f64
                && q.key.split(' ').any(|w| w == word.key)
            {
                let key = q.key;
                let e = Entry {
                    value: self.score(i),
                    key,
                    i,
                };
                if best.as_ref().is_none_or(|b| e > *b) {
                    best = Some(e);
                }
            }
        }
        best.map(|e| e.i)
    }
}

/// What scoring a candidate needs besides the candidate: the corpus's
/// document frequencies, and the weights.
struct Scorer<'s> {
    corpus: &'s CorpusCounts,
    lang: Lang,
    n_docs: u64,
    p: &'s KeyphraseParams,
}

impl Scorer<'_> {
    fn score(&self, c: &Cand) -> f64 {
        let (p, lang) = (self.p, self.lang);
        let found = if c.n == 1 {
            self.corpus.term(lang, c.key)
        } else {
            self.corpus.ngram(lang, c.key)
        };
        let df = found.map_or(1, |t| t.documents.max(1));
        let specificity = idf(df, self.n_docs).powf(p.idf_power);
        let mut shape_f = 1.0;
        if c.t.evidence.capitalized == 0 {
            let edges = c.edges.map(|w| shape(lang, w));
            let verb = edges
                .iter()
                .any(|s| *s == Some(Shape::Verb) || c.words > 1 && *s == Some(Shape::Participle));
            if verb {
                shape_f *= p.verb_edge;
            }
            if edges.contains(&Some(Shape::Adverb)) {
                shape_f *= p.adverb_edge;
            }
        }
        c.score_with(specificity, shape_f)
    }
}

/// A heap entry, greatest first: by `value` (`f64::total_cmp`), then the
/// smallest key, then the first in the input.
struct Entry<'a> {
    value: f64,
    key: &'a str,
    i: usize,
}

impl Ord for Entry<'_> {
    fn cmp(&self, o: &Self) -> Ordering {
        self.value
            .total_cmp(&o.value)
            .then_with(|| o.key.cmp(self.key))
            .then_with(|| o.i.cmp(&self.i))
    }
}

impl PartialOrd for Entry<'_> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Entry<'_> {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o).is_eq()
    }
}

impl Eq for Entry<'_> {}

/// The document's word tokens in `lang` and the corpus's documents with
/// that language (all documents if unknown), both at least 1.
fn sizes(doc: &DocCounts, corpus: &CorpusCounts, lang: Lang) -> (f64, u64) {
    let words = doc.tokens.get(&lang).copied().unwrap_or(0).max(1) as f64;
    let n_docs = corpus
        .lang_documents
        .get(&lang)
        .copied()
        .unwrap_or(corpus.documents)
        .max(1);
    (words, n_docs)
}

/// The factors a candidate's evidence gives its score: position (early
/// words first), name (capitalised where case is informative, in the
/// title) and chunk (seen as a whole phrase rather than inside a longer one).
fn evidence_factors(
    ev: &crate::Evidence,
    count: f64,
    words: f64,
    lang: Lang,
    p: &KeyphraseParams,
) -> (f64, f64, f64) {
    let first = ev.first.unwrap_or(0) as f64 / words;
    let position = 1.0 + p.early * (1.0 - first.min(1.0)).powi(2);
    let mut name = if ev.cased > 0 {
        1.0 + p.name * ev.capitalized as f64 / ev.cased as f64
    } else {
        1.0
    };
    if ev.title > 0 {
        name *= 1.0 + p.title;
    }
    // Head-initial languages put modifiers after the head noun, so a chunk's
    // end runs on into whatever follows (`intelligence artificielle
    // progresse`): there, starting a chunk is the evidence.
    let whole = if head_initial(lang) {
        ev.starts_chunk
    } else {
        ev.maximal
    };
    let chunk = p.chunk_floor + (1.0 - p.chunk_floor) * (whole as f64 / count).min(1.0);
    (position, name, chunk)
}

/// Acronyms and their expansions: an acronym (`TAL`) whose letters are the
/// initials of the content words of a phrase of the same document
/// (`traitement automatique des langues`) names a term the text defines;
/// both get the factor `defined`.
fn defined_terms(doc: &DocCounts, lang: Lang, cands: &mut [Cand], defined: f64, max_spec: f64) {
    if defined == 1.0 {
        return;
    }
    let acronyms: Vec<(usize, String)> = (cands.iter().enumerate())
        .filter(|(_, c)| c.n == 1 && is_acronym(c.display))
        .map(|(i, c)| {
            (
                i,
                c.display
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_lowercase)
                    .collect(),
            )
        })
        .filter(|(_, a): &(usize, String)| (2..=6).contains(&a.chars().count()))
        .collect();
    if acronyms.is_empty() {
        return;
    }
    let mut hit = vec![false; cands.len()];
    let mut initials = String::new();
    for (i, c) in cands.iter().enumerate() {
        if c.n < 2 {
            continue;
        }
        initials.clear();
        for w in c.key.split(' ') {
            if doc.terms.contains_key(&crate::KeyRef(lang, w)) {
                initials.extend(w.chars().next().into_iter().flat_map(char::to_lowercase));
            }
        }
        for (a, letters) in &acronyms {
            if *letters == initials {
                hit[i] = true;
                hit[*a] = true;
            }
        }
    }
    for (c, h) in cands.iter_mut().zip(hit) {
        if h {
            c.form *= defined;
            c.bound = c.score_with(max_spec, 1.0);
        }
    }
}

/// The words of a candidate as its length prior counts them: its
/// `written` words (a hyphenated compound is one), less the connectors
/// written apart in a head-initial language (`traitement automatique des
/// langues` has three; an elided `d’` is glued to its word already).
/// At least 1.
fn phrase_words(lang: Lang, key: &str, written: usize) -> usize {
    let joints = if head_initial(lang) && key.contains(' ') {
        key.split(' ')
            .filter(|w| !w.ends_with('\'') && connector(lang, w))
            .count()
    } else {
        0
    };
    written.saturating_sub(joints).max(1)
}

/// Whether a word is written as an acronym: two capitals or more, and
/// no fewer capitals than other letters (`TAL`, `TLFi`, `SMS`).
fn is_acronym(word: &str) -> bool {
    let (mut upper, mut other) = (0, 0);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else {
            other += 1;
        }
    }
    upper >= 2 && upper >= other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Evidence, SeqWord, Sequence};

    /// A document from sentences; lowercase words in `stops` are stop words.
    fn doc(sentences: &[&str], stops: &[&str]) -> DocCounts {
        doc_in(Lang::En, sentences, stops)
    }

    fn doc_in(lang: Lang, sentences: &[&str], stops: &[&str]) -> DocCounts {
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
                lang,
                title: i == 0,
                ..Sequence::default()
            };
            d.add_sequence(s, &seq, &info);
        }
        d
    }

    /// The ranking as a full sort of every scored candidate: what
    /// `keyphrases` computed before it scored lazily, kept to check that
    /// the lazy ranking is the same.
    struct RefCand<'a> {
        key: &'a str,
        t: &'a TermCount,
        n: usize,
        score: f64,
    }

    fn reference(
        doc: &DocCounts,
        corpus: &CorpusCounts,
        lang: Lang,
        top: usize,
        p: &KeyphraseParams,
    ) -> Vec<Keyphrase> {
        let (words, n_docs) = sizes(doc, corpus, lang);
        let df = |key: &str, n: usize| {
            let t = if n == 1 {
                corpus.term(lang, key)
            } else {
                corpus.ngram(lang, key)
            };
            t.map_or(1, |t| t.documents.max(1))
        };
        let (names, terms) = genre(doc, lang);
        let single = (p.length[0] * (p.genre * (names - terms)).exp()).min(p.single_max);
        let mut cands: Vec<RefCand> = Vec::new();
        let all = || {
            doc.terms
                .iter()
                .chain(doc.ngrams.iter())
                .filter(|((l, _), _)| *l == lang)
        };
        // Acronyms and phrases whose content words' initials spell one.
        let eligible: Vec<(&str, &str)> = all()
            .map(|((_, k), t)| (k.as_str(), t.display()))
            .filter(|(k, d)| {
                phrase_words(lang, k, d.split_whitespace().count()) <= 3
                    && d.chars().any(char::is_alphabetic)
                    && (k.contains(' ') || d.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
            })
            .collect();
        let letters = |d: &str| -> String {
            d.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let acronyms: Vec<String> = (eligible.iter())
            .filter(|(k, d)| !k.contains(' ') && is_acronym(d))
            .map(|(_, d)| letters(d))
            .filter(|a| (2..=6).contains(&a.chars().count()))
            .collect();
        let is_defined_acronym = |d: &str| acronyms.contains(&letters(d));
        let initials = |k: &str| -> String {
            k.split(' ')
                .filter(|w| doc.terms.contains_key(&crate::KeyRef(lang, w)))
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let expansions: Vec<String> = (eligible.iter())
            .filter(|(k, _)| k.contains(' '))
            .map(|(k, _)| initials(k))
            .collect();
        let defined = |k: &str, d: &str| {
            if k.contains(' ') {
                acronyms.contains(&initials(k))
            } else {
                is_acronym(d) && is_defined_acronym(d) && expansions.contains(&letters(d))
            }
        };
        for ((_, key), t) in all() {
            // Word tokens, and words (a hyphenated compound is one word).
            let tokens = order(key);
            let display = t.display();
            let n = phrase_words(lang, key, display.split_whitespace().count());
            if n > 3 || !display.chars().any(char::is_alphabetic) {
                continue;
            }
            let mut ws = display.split_whitespace();
            let first_word = ws.next().unwrap_or("");
            let last_word = ws.next_back().unwrap_or(first_word);
            if tokens == 1 && display.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let ev = &t.evidence;
            let count = t.count.max(1) as f64;
            let frequency = count;
            let specificity = idf(df(key, tokens), n_docs).powf(p.idf_power);
            let mut cohesion = 1.0;
            if tokens > 1 {
                // A trigram whose middle word is a stop word other than a
                // connector (`of`, `de`) is less likely a phrase.
                let mut inner = key.split(' ');
                let middle = match (inner.next(), inner.next(), inner.next(), inner.next()) {
                    (Some(_), Some(m), Some(_), None) => Some(m),
                    _ => None,
                };
                let loose = middle.is_some_and(|m| {
                    n == 3
                        && !doc.terms.contains_key(&crate::KeyRef(lang, m))
                        && !connector(lang, m)
                });
                if loose {
                    cohesion *= p.inner_stop;
                }
                if ev.cased > 0 {
                    let mixed = ev.cased.saturating_sub(ev.capitalized + ev.lowercase);
                    cohesion *= 1.0 - (1.0 - p.mixed_case) * mixed as f64 / ev.cased as f64;
                }
            }
            let mut shape_f = 1.0;
            if ev.capitalized == 0 {
                let edges = [first_word, last_word].map(|w| shape(lang, w));
                let verb = edges
                    .iter()
                    .any(|s| *s == Some(Shape::Verb) || n > 1 && *s == Some(Shape::Participle));
                if verb {
                    shape_f *= p.verb_edge;
                }
                if edges.contains(&Some(Shape::Adverb)) {
                    shape_f *= p.adverb_edge;
                }
            }
            let longest = display
                .split_whitespace()
                .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
                .max()
                .unwrap_or(0) as f64;
            let length_f = (longest / p.long_word).min(1.0).powf(p.word_length);
            let (position, name, chunk) = evidence_factors(ev, count, words, lang, p);
            let mut prior = if n == 1 { single } else { p.length[n - 1] };
            let written = display.split_whitespace().count();
            prior *= p.joint.powi((written - n.min(written)) as i32);
            if defined(key, display) {
                prior *= p.defined;
            }
            let form = prior * chunk * cohesion * shape_f * length_f;
            let score = frequency * specificity * position * name * form;
            cands.push(RefCand {
                key,
                t,
                n: tokens,
                score,
            });
        }
        cands.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(b.key)));
        // A single word that hardly occurs outside one phrase (at most
        // `subsumed` times as often) stands for that phrase: `Donald` is
        // `Donald Trump`. The best-scored such phrase takes the word's place.
        let container = |c: &RefCand| -> Option<usize> {
            cands.iter().position(|q| {
                q.n > 1
                    && q.t.evidence.capitalized > 0
                    && (c.t.count as f64) <= p.subsumed * q.t.count as f64
                    && q.key.split(' ').any(|w| w == c.key)
            })
        };
        let mut out: Vec<Keyphrase> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for c in &cands {
            if out.len() >= top {
                break;
            }
            let pick = match c.n {
                1 => container(c).map_or(c, |i| &cands[i]),
                _ => c,
            };
            let text = pick.t.display();
            if !seen.insert(text.to_lowercase()) {
                continue;
            }
            out.push(Keyphrase {
                text: text.to_string(),
                key: pick.key.to_string(),
                score: c.score,
            });
        }
        out
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len() as u64) as usize]
        }
    }

    /// Evidence from a few small values, so that many scores tie.
    fn evidence(r: &mut Rng, count: u64) -> Evidence {
        let cased = r.below(3);
        let capitalized = r.below(cased + 1);
        let lowercase = r.below(cased - capitalized + 1);
        // Small values: the conversions cannot truncate.
        let small = |v: u64| v as u32;
        Evidence {
            first: (r.below(4) > 0).then(|| small(r.below(3) * 5)),
            title: small(r.below(3) / 2),
            cased: small(cased),
            capitalized: small(capitalized),
            lowercase: small(lowercase),
            maximal: small(r.below(count + 1)),
            starts_chunk: small(r.below(count + 1)),
            ends_chunk: small(r.below(count + 1)),
        }
    }

    fn term_count(surface: &str, count: u64, ev: Evidence) -> TermCount {
        let mut t = TermCount::default();
        t.add(surface, count);
        t.evidence = ev;
        t
    }

    /// A random document of `lang` with terms and n-grams, and a corpus
    /// holding some of them: words of equal length and evidence from few
    /// values give ties; capitalised phrases holding rare words give
    /// containers; verb and adverb shapes, stop words inside trigrams,
    /// short words and numbers exercise the other factors.
    fn random_case(r: &mut Rng, lang: Lang) -> (DocCounts, CorpusCounts) {
        const WORDS: &[&str] = &[
            "model",
            "data",
            "paris",
            "trump",
            "donald",
            "evolved",
            "rapidly",
            "installer",
            "devez",
            "particularly",
            "network",
            "neural",
            "ai",
            "x",
            "42",
            "3d",
            "of",
            "the",
            "de",
            "state-of-the-art",
            "l'intelligence",
            "système",
            "nécessairement",
            "graph",
            "train",
        ];
        let mut doc = DocCounts::default();
        doc.tokens.insert(lang, 20 + r.below(30));
        let surface = |r: &mut Rng, w: &str| match r.below(4) {
            0 => {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            }
            1 if w.len() > 4 => w.to_uppercase(),
            _ => w.to_string(),
        };
        for _ in 0..r.below(14) {
            let w = r.pick(WORDS);
            let count = 1 + r.below(3);
            let s = surface(r, w);
            let ev = evidence(r, count);
            doc.terms
                .insert((lang, w.into()), term_count(&s, count, ev));
        }
        for _ in 0..r.below(14) {
            let n = 2 + r.below(2) as usize;
            let ws: Vec<&str> = (0..n).map(|_| r.pick(WORDS)).collect();
            let key = ws.join(" ");
            let s: Vec<String> = ws.iter().map(|w| surface(r, w)).collect();
            let count = 1 + r.below(3);
            let ev = evidence(r, count);
            doc.ngrams
                .insert((lang, key.into()), term_count(&s.join(" "), count, ev));
        }
        // Sometimes an acronym and its expansion (with a connector written
        // apart, which French phrases may hold as a fourth word).
        if r.below(2) == 0 {
            for (key, surface) in [
                ("tal", "TAL"),
                ("traitement", "traitement"),
                ("automatique", "automatique"),
                ("langues", "langues"),
            ] {
                let count = 1 + r.below(3);
                let ev = evidence(r, count);
                doc.terms
                    .insert((lang, key.into()), term_count(surface, count, ev));
            }
            let count = 1 + r.below(3);
            let ev = evidence(r, count);
            let phrase = "traitement automatique des langues";
            doc.ngrams
                .insert((lang, phrase.into()), term_count(phrase, count, ev));
        }
        let mut corpus = CorpusCounts {
            documents: 1 + r.below(8) + r.below(2) * 30,
            ..CorpusCounts::default()
        };
        // Sometimes fewer documents of the language than document
        // frequencies reach: idf is then negative for some candidates.
        let lang_documents = corpus.documents - r.below(corpus.documents) * r.below(2);
        corpus.lang_documents.insert(lang, lang_documents);
        for (k, t) in doc.terms.iter().chain(&doc.ngrams) {
            if r.below(4) > 0 {
                let map = if k.1.contains(' ') {
                    &mut corpus.ngrams
                } else {
                    &mut corpus.terms
                };
                let e = map.entry(k.clone()).or_default();
                e.count = t.count;
                e.documents = 1 + r.below(corpus.documents);
            }
        }
        (doc, corpus)
    }

    #[test]
    fn lazy_ranking_is_the_full_sort() {
        let default = KeyphraseParams::default();
        let params = [
            default.clone(),
            KeyphraseParams {
                genre: 0.0,
                subsumed: 3.0,
                ..default.clone()
            },
            KeyphraseParams {
                idf_power: 2.0,
                word_length: 0.0,
                ..default.clone()
            },
            // Weights without a bound: every candidate is scored.
            KeyphraseParams {
                verb_edge: 1.5,
                ..default.clone()
            },
            KeyphraseParams {
                early: -2.0,
                ..default.clone()
            },
        ];
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        // How often the cases hold what they are meant to test.
        let (mut tied, mut contained, mut defined) = (0, 0, 0);
        for case in 0..1500 {
            let lang = [Lang::En, Lang::Fr][case % 2];
            let (d, corpus) = random_case(&mut r, lang);
            for p in &params {
                for top in [0, 1, 2, 3, 5, 10, 100] {
                    let want = reference(&d, &corpus, lang, top, p);
                    let got = keyphrases(&d, &corpus, lang, top, p);
                    assert_eq!(got, want, "case {case}, top {top}, {p:?}");
                    tied += want.windows(2).filter(|w| w[0].score == w[1].score).count();
                    let alone = KeyphraseParams {
                        subsumed: 0.0,
                        ..p.clone()
                    };
                    contained += usize::from(reference(&d, &corpus, lang, top, &alone) != want);
                    let plain = KeyphraseParams {
                        defined: 1.0,
                        ..p.clone()
                    };
                    defined += usize::from(reference(&d, &corpus, lang, top, &plain) != want);
                }
            }
        }
        assert!(
            tied > 500 && contained > 1000 && defined > 500,
            "{tied} {contained} {defined}"
        );
    }

    #[test]
    fn written_reads_like_split_whitespace() {
        let texts = [
            "",
            " ",
            "x",
            "3d",
            "42",
            "open source",
            "  Sam\tAltman  ",
            "l'été\u{a0}42",
            "état-major \u{2003} Ü",
            "a\u{85}b\nc d",
            "日本語 テキスト",
        ];
        for t in texts {
            let w = Written::of(t);
            let mut ws = t.split_whitespace();
            let first = ws.next().unwrap_or("");
            let last = ws.next_back().unwrap_or(first);
            let longest = t
                .split_whitespace()
                .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
                .max()
                .unwrap_or(0);
            assert_eq!(w.words, t.split_whitespace().count(), "{t:?}");
            assert_eq!(
                (w.first, w.last, w.longest),
                (first, last, longest),
                "{t:?}"
            );
            assert_eq!(w.alphabetic, t.chars().any(char::is_alphabetic), "{t:?}");
            let alphanumeric = t.chars().filter(|c| c.is_alphanumeric()).count();
            assert_eq!(w.alphanumeric, alphanumeric, "{t:?}");
        }
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
        // A neutral single-word prior: this toy document is all names.
        let p = KeyphraseParams {
            genre: 0.0,
            ..KeyphraseParams::default()
        };
        let kp = keyphrases(&d, &corpus, Lang::En, 3, &p);
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"Sam Altman"), "{texts:?}");
        assert!(texts.contains(&"open source"), "{texts:?}");
        assert!(!texts.contains(&"Altman"), "{texts:?}");
        assert!(kp.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn genre_reads_names_and_repeated_terminology() {
        let stops = ["the", "a", "of", "on", "and", "is", "with", "in"];
        let news = doc(
            &[
                "Talks in Paris",
                "the visit of Donald Trump to Paris",
                "Emmanuel Macron met Donald Trump in Paris",
            ],
            &stops,
        );
        let (names, terms) = genre(&news, Lang::En);
        assert!(names > 0.5 && terms == 0.0, "{names} {terms}");
        let paper = doc(
            &[
                "Training neural networks",
                "we train neural networks with gradient descent",
                "gradient descent on neural networks is slow",
            ],
            &["we", "with", "on", "is"],
        );
        let (names, terms) = genre(&paper, Lang::En);
        assert!(names == 0.0 && terms > 0.3, "{names} {terms}");
    }

    #[test]
    fn a_first_name_stands_for_the_whole_name() {
        let stops = ["the", "of", "to", "in", "met"];
        let d = doc(
            &[
                "Talks in Paris",
                "the visit of Donald Trump to Paris",
                "Emmanuel Macron met Donald Trump in Paris",
                "Trump spoke",
            ],
            &stops,
        );
        let mut corpus = CorpusCounts::default();
        corpus.add_document(&d);
        corpus.add_document(&doc(&["Talks in Rome"], &stops));
        let kp = keyphrases(&d, &corpus, Lang::En, 10, &KeyphraseParams::default());
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"Donald Trump"), "{texts:?}");
        assert!(!texts.contains(&"Donald"), "{texts:?}");
        // `Trump` also occurs alone: it stays a keyphrase of its own.
        assert!(texts.contains(&"Trump"), "{texts:?}");
    }

    #[test]
    fn acronyms_weigh_by_their_letters_like_other_words() {
        let stops = ["the", "a", "of", "on", "in", "said", "by"];
        let d = doc(
            &[
                "Strong quake",
                "an AP reporter said the earthquake hit in the night",
                "the AP count of the earthquake toll rose",
                "rescuers said many were left homeless",
            ],
            &stops,
        );
        let mut corpus = CorpusCounts::default();
        corpus.add_document(&d);
        corpus.add_document(&doc(&["Rain", "rain fell on the coast"], &stops));
        let kp = keyphrases(&d, &corpus, Lang::En, 10, &KeyphraseParams::default());
        let rank = |t: &str| kp.iter().position(|k| k.text == t);
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        // `AP` is seen first and capitalised, but two letters weigh like any
        // two-letter word: the earthquake, as often seen, comes first.
        assert!(
            rank("earthquake").is_some_and(|e| rank("AP").is_none_or(|a| e < a)),
            "{texts:?}"
        );
    }

    #[test]
    fn french_phrases_with_a_connector_and_their_acronym() {
        let stops = [
            "le", "la", "les", "de", "des", "et", "ou", "pour", "en", "nous",
        ];
        let d = doc_in(
            Lang::Fr,
            &[
                "Corpus et traitement automatique des langues",
                "le traitement automatique des langues ou TAL progresse",
                "nous annotons un corpus pour le TAL",
            ],
            &stops,
        );
        let phrase = &d.ngrams[&crate::KeyRef(Lang::Fr, "traitement automatique des langues")];
        assert_eq!(phrase.count, 2);
        let mut corpus = CorpusCounts::default();
        corpus.add_document(&d);
        corpus.add_document(&doc_in(Lang::Fr, &["la documentation des langues"], &stops));
        let p = KeyphraseParams::default();
        let kp = keyphrases(&d, &corpus, Lang::Fr, 30, &p);
        let score = |kp: &[Keyphrase], t: &str| kp.iter().find(|k| k.text == t).map(|k| k.score);
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        let plain = keyphrases(
            &d,
            &corpus,
            Lang::Fr,
            30,
            &KeyphraseParams {
                defined: 1.0,
                ..p.clone()
            },
        );
        // The acronym and its expansion are a term the text defines; a
        // word that spells no acronym is left as it was.
        for t in ["TAL", "traitement automatique des langues"] {
            let (with, without) = (score(&kp, t), score(&plain, t));
            assert!(
                with.zip(without)
                    .is_some_and(|(a, b)| (a / b - p.defined).abs() < 1e-9),
                "{t}: {texts:?}"
            );
        }
        assert_eq!(score(&kp, "corpus"), score(&plain, "corpus"));
        // In English a connector counts as a word: no fourth word.
        let en = doc(&["the processing of natural languages"], &["the", "of"]);
        assert!(en
            .ngrams
            .contains_key(&crate::KeyRef(Lang::En, "processing of natural")));
        assert!(!en
            .ngrams
            .contains_key(&crate::KeyRef(Lang::En, "processing of natural languages")));
    }

    #[test]
    fn verbs_at_the_edge_of_french_phrases_rank_lower() {
        let stops = ["le", "la", "les", "de", "et", "l'", "vous"];
        let d = doc_in(
            Lang::Fr,
            &[
                "Les paquets",
                "vous devez installer paquets sources et paquets binaires",
                "paquets sources et paquets binaires",
            ],
            &stops,
        );
        let mut corpus = CorpusCounts::default();
        corpus.add_document(&d);
        corpus.add_document(&doc_in(Lang::Fr, &["la documentation"], &stops));
        let kp = keyphrases(&d, &corpus, Lang::Fr, 20, &KeyphraseParams::default());
        let rank = |t: &str| kp.iter().position(|k| k.text == t);
        let verb = rank("devez installer paquets").unwrap_or(usize::MAX);
        let texts: Vec<&str> = kp.iter().map(|k| k.text.as_str()).collect();
        assert!(
            rank("paquets sources").is_some_and(|r| r < verb),
            "{texts:?}"
        );
    }
}
