//! # duolex-keywords
//!
//! Counts and the statistics built on them. Counts are *partial results
//! that merge by addition*: a [`DocCounts`] holds one document's term counts
//! per language, a [`CorpusCounts`] sums documents (term counts, document
//! frequencies, token totals, and the surface forms seen for each term), and
//! two corpus counts merge into the one a single run would have produced —
//! so a run can be split in shards, or spread over threads, in any order.
//!
//! A term is keyed by `(language, key)` where the key is the lowercase stem
//! (see `duolex-stem`); what users read is [`display_form`]: the most frequent
//! surface form as written, ties going to the shorter form, then the
//! alphabetically first.
//!
//! ```
//! use duolex_keywords::{CorpusCounts, DocCounts};
//! use duolex_tokenize::Lang;
//!
//! let mut doc = DocCounts::default();
//! doc.add_token(Lang::Fr);
//! doc.add_term(Lang::Fr, "model", "modèle");
//! doc.add_token(Lang::Fr);
//! doc.add_term(Lang::Fr, "model", "modèles");
//! doc.add_token(Lang::Fr);
//! doc.add_term(Lang::Fr, "model", "modèle");
//!
//! let mut corpus = CorpusCounts::default();
//! corpus.add_document(&doc);
//! corpus.add_document(&doc);
//! let term = corpus.term(Lang::Fr, "model").unwrap();
//! assert_eq!((term.count, term.documents), (6, 2));
//! assert_eq!(term.display(), "modèle");
//! ```

pub mod keyphrase;
pub mod ngrams;
pub mod shape;
pub mod stats;

pub use keyphrase::{keyphrases, Keyphrase, KeyphraseParams};
pub use ngrams::{Evidence, SeqWord, Sequence};
pub use stats::{g2, idf, keyness, log_ratio, pmi, tf_idf, Keyness};

pub use duolex_tokenize::form::{self, Form};
use duolex_tokenize::Lang;
use hashbrown::hash_map::{Entry, EntryRef};
use std::collections::BTreeMap;

/// The hash map of counts: hashbrown with the Fx hash (fast on short
/// keys; counts are sorted before any output, so iteration order never
/// shows). Look a [`Key`] up without allocating through [`KeyRef`].
pub type HashMap<K, V> = hashbrown::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The key of a term or n-gram: its language and its key string (a short
/// key is stored inline, see [`form::Form`]).
pub type Key = (Lang, Form);

/// A borrowed [`Key`]: hashes like the owned key, so maps keyed on [`Key`]
/// can be searched with a `&str`.
///
/// ```
/// use duolex_keywords::{DocCounts, KeyRef};
/// use duolex_tokenize::Lang;
/// let mut doc = DocCounts::default();
/// doc.add_term(Lang::En, "model", "models");
/// assert_eq!(doc.terms.get(&KeyRef(Lang::En, "model")).map(|t| t.count), Some(1));
/// ```
#[derive(Debug, Clone, Copy, Hash)]
pub struct KeyRef<'a>(pub Lang, pub &'a str);

impl hashbrown::Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        self.0 == key.0 && self.1 == key.1.as_str()
    }
}

/// The owned key, for inserting through [`HashMap::entry_ref`] (one lookup
/// whether or not the key is new).
impl From<&KeyRef<'_>> for Key {
    fn from(k: &KeyRef<'_>) -> Key {
        (k.0, Form::new(k.1))
    }
}

/// The forms of one term as written, with their occurrences.
///
/// Most terms and n-grams are written in one way, some in two or three, so
/// one form is kept in place and a few in a short list (a hash map would
/// cost a table per term); a term seen in many forms switches to a hash map
/// so that adding stays constant-time. Short forms are stored inline (see
/// [`form::Form`]): counting a term written one way allocates nothing.
/// Equality ignores the order of forms.
///
/// ```
/// use duolex_keywords::Surfaces;
/// let mut s = Surfaces::default();
/// s.add("Modèles", 1);
/// s.add("modèle", 2);
/// s.add("Modèles", 1);
/// assert_eq!((s.len(), s.total(), s.display()), (2, 4, "modèle"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Surfaces(SurfaceRepr);

/// Serialised as a sequence of `(form, occurrences)` pairs, in no
/// particular order (equality ignores it too).
impl serde::Serialize for Surfaces {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for pair in self.iter() {
            seq.serialize_element(&pair)?;
        }
        seq.end()
    }
}

impl<'de> serde::Deserialize<'de> for Surfaces {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Surfaces, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Surfaces;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence of (form, occurrences) pairs")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Surfaces, A::Error> {
                let mut out = Surfaces::default();
                while let Some((form, n)) =
                    seq.next_element::<(std::borrow::Cow<'de, str>, u64)>()?
                {
                    out.add(&form, n);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Visit)
    }
}

#[derive(Debug, Clone, Default)]
enum SurfaceRepr {
    #[default]
    Empty,
    One(Form, u64),
    Few(Vec<(Form, u64)>),
    Many(HashMap<Form, u64>),
}

/// Forms kept in a list before [`Surfaces`] switches to a hash map.
const FEW_SURFACES: usize = 8;

impl Surfaces {
    /// Counts `n` more occurrences of `surface`.
    pub fn add(&mut self, surface: &str, n: u64) {
        match &mut self.0 {
            SurfaceRepr::Empty => self.0 = SurfaceRepr::One(Form::new(surface), n),
            SurfaceRepr::One(f, c) if f.as_str() == surface => *c += n,
            SurfaceRepr::One(..) => {
                if let SurfaceRepr::One(f, c) = std::mem::take(&mut self.0) {
                    self.0 = SurfaceRepr::Few(vec![(f, c), (Form::new(surface), n)]);
                }
            }
            SurfaceRepr::Few(v) => {
                if let Some(e) = v.iter_mut().find(|e| e.0.as_str() == surface) {
                    e.1 += n;
                } else if v.len() < FEW_SURFACES {
                    v.push((Form::new(surface), n));
                } else {
                    let mut map: HashMap<Form, u64> = v.drain(..).collect();
                    map.insert(Form::new(surface), n);
                    self.0 = SurfaceRepr::Many(map);
                }
            }
            SurfaceRepr::Many(m) => match m.get_mut(surface) {
                Some(c) => *c += n,
                None => {
                    m.insert(Form::new(surface), n);
                }
            },
        }
    }

    /// Adds every form of `other`.
    pub fn merge(&mut self, other: &Surfaces) {
        if let SurfaceRepr::Empty = self.0 {
            self.clone_from(other);
            return;
        }
        for (s, n) in other.iter() {
            self.add(s, n);
        }
    }

    /// The forms and their occurrences, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        let (one, few, many) = match &self.0 {
            SurfaceRepr::Empty => (None, None, None),
            SurfaceRepr::One(f, n) => (Some((f.as_str(), *n)), None, None),
            SurfaceRepr::Few(v) => (None, Some(v.iter().map(|(s, n)| (s.as_str(), *n))), None),
            SurfaceRepr::Many(m) => (None, None, Some(m.iter().map(|(s, n)| (s.as_str(), *n)))),
        };
        one.into_iter()
            .chain(few.into_iter().flatten())
            .chain(many.into_iter().flatten())
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        match &self.0 {
            SurfaceRepr::Empty => 0,
            SurfaceRepr::One(..) => 1,
            SurfaceRepr::Few(v) => v.len(),
            SurfaceRepr::Many(m) => m.len(),
        }
    }

    /// Whether no form was counted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Occurrences of every form together.
    pub fn total(&self) -> u64 {
        self.iter().map(|(_, n)| n).sum()
    }

    /// The display form (see [`display_form`]).
    pub fn display(&self) -> &str {
        match &self.0 {
            SurfaceRepr::One(f, _) => f.as_str(),
            _ => display_form(self.iter()),
        }
    }

    fn sorted(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<_> = self.iter().collect();
        v.sort_unstable();
        v
    }
}

impl PartialEq for Surfaces {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.sorted() == other.sorted()
    }
}

impl Eq for Surfaces {}

/// Counts of one term: occurrences and how often each surface form occurred.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermCount {
    pub count: u64,
    /// Surface forms as written, with their occurrences.
    pub surfaces: Surfaces,
    /// Where and how the term occurred (filled by [`DocCounts::add_sequence`]).
    pub evidence: Evidence,
}

impl TermCount {
    fn add(&mut self, surface: &str, n: u64) {
        self.count += n;
        self.surfaces.add(surface, n);
    }

    fn merge(&mut self, other: &TermCount) {
        self.count += other.count;
        self.surfaces.merge(&other.surfaces);
        self.evidence.merge(&other.evidence);
    }

    /// The display form (see [`display_form`]).
    pub fn display(&self) -> &str {
        self.surfaces.display()
    }
}

/// The most frequent surface form; ties go to the shorter form (in
/// characters), then to the alphabetically first (by code point).
///
/// ```
/// use duolex_keywords::display_form;
/// assert_eq!(display_form([("DeepSeek", 9), ("deepseek", 1)]), "DeepSeek");
/// assert_eq!(display_form([("modèles", 2), ("modèle", 2)]), "modèle");
/// assert_eq!(display_form([("IA", 1), ("Ia", 1)]), "IA");
/// ```
pub fn display_form<'a>(surfaces: impl IntoIterator<Item = (&'a str, u64)>) -> &'a str {
    let mut best: Option<(&'a str, u64)> = None;
    for (s, n) in surfaces {
        let better = match best {
            None => true,
            // Characters are counted only on a tie of occurrences.
            Some((bs, bn)) => {
                n > bn
                    || n == bn && {
                        let (len, blen) = (s.chars().count(), bs.chars().count());
                        len < blen || len == blen && s < bs
                    }
            }
        };
        if better {
            best = Some((s, n));
        }
    }
    best.map_or("", |b| b.0)
}

/// One document's counts: terms per language and word tokens per language.
/// Serialisable (serde) as a self-contained record: what a distributed run
/// ships from the document pass to the statistics pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocCounts {
    pub terms: HashMap<Key, TermCount>,
    /// Word tokens per language, stop words included (the denominator of tf).
    pub tokens: BTreeMap<Lang, u64>,
    /// Bigrams and trigrams per language, keyed on their words' keys joined
    /// by one space (see [`ngrams`]).
    pub ngrams: HashMap<Key, TermCount>,
}

impl DocCounts {
    /// Counts one word token of `lang` (term or not).
    pub fn add_token(&mut self, lang: Lang) {
        *self.tokens.entry(lang).or_default() += 1;
    }

    /// Counts one occurrence of term `key` written `surface`.
    pub fn add_term(&mut self, lang: Lang, key: &str, surface: &str) {
        self.terms
            .entry_ref(&KeyRef(lang, key))
            .or_default()
            .add(surface, 1);
    }

    /// Adds the counts of the text that follows this document's, as if both
    /// had been counted in one go: positions in `next`'s [`Evidence::first`]
    /// are shifted by this document's word tokens of their language.
    ///
    /// ```
    /// use duolex_keywords::{DocCounts, KeyRef, SeqWord, Sequence};
    /// use duolex_tokenize::Lang;
    ///
    /// let count = |text: &str| {
    ///     let mut doc = DocCounts::default();
    ///     let mut at = 0;
    ///     let words: Vec<SeqWord> = text
    ///         .split(' ')
    ///         .map(|w| {
    ///             let s = SeqWord { key: w, start: at, end: at + w.len(), stop: false };
    ///             at += w.len() + 1;
    ///             s
    ///         })
    ///         .collect();
    ///     doc.add_sequence(text, &words, &Sequence { lang: Lang::En, ..Sequence::default() });
    ///     doc
    /// };
    /// let mut a = count("open weights");
    /// a.append(count("open models"));
    /// let both = &a.terms[&KeyRef(Lang::En, "models")];
    /// assert_eq!((both.count, both.evidence.first), (1, Some(3)));
    /// assert_eq!(a.terms[&KeyRef(Lang::En, "open")].count, 2);
    /// assert_eq!(a.tokens[&Lang::En], 4);
    /// ```
    pub fn append(&mut self, next: DocCounts) {
        let shift = |map: &mut HashMap<Key, TermCount>,
                     from: HashMap<Key, TermCount>,
                     tokens: &BTreeMap<Lang, u64>| {
            for (k, mut t) in from {
                let base = tokens.get(&k.0).copied().unwrap_or(0);
                t.evidence.first = t
                    .evidence
                    .first
                    .map(|f| ngrams::saturating_u32(u64::from(f) + base));
                match map.entry(k) {
                    Entry::Occupied(mut e) => e.get_mut().merge(&t),
                    Entry::Vacant(e) => {
                        e.insert(t);
                    }
                }
            }
        };
        shift(&mut self.terms, next.terms, &self.tokens);
        shift(&mut self.ngrams, next.ngrams, &self.tokens);
        for (l, n) in next.tokens {
            *self.tokens.entry(l).or_default() += n;
        }
    }

    /// All word tokens, every language.
    pub fn total_tokens(&self) -> u64 {
        self.tokens.values().sum()
    }

    /// Terms sorted for output: language, then count (descending), then key.
    pub fn sorted(&self) -> Vec<(&Key, &TermCount)> {
        sorted_by_count(&self.terms, |t| t.count)
    }
}

/// Corpus totals of one term.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CorpusTerm {
    pub count: u64,
    /// Documents in which the term occurs (document frequency).
    pub documents: u64,
    pub surfaces: Surfaces,
}

impl CorpusTerm {
    /// The display form (see [`display_form`]).
    pub fn display(&self) -> &str {
        self.surfaces.display()
    }

    /// Adds `count` occurrences in `documents` documents, written `surfaces`.
    fn add(&mut self, count: u64, documents: u64, surfaces: &Surfaces) {
        self.count += count;
        self.documents += documents;
        self.surfaces.merge(surfaces);
    }
}

/// Sums over documents. A commutative monoid under [`CorpusCounts::merge`].
/// Serialisable (serde), so that partial sums made on several machines can
/// be merged on one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CorpusCounts {
    pub terms: CountMap,
    pub tokens: BTreeMap<Lang, u64>,
    /// Documents added.
    pub documents: u64,
    /// Bigrams and trigrams, keyed like [`DocCounts::ngrams`].
    pub ngrams: CountMap,
    /// Documents with at least one word token of each language.
    pub lang_documents: BTreeMap<Lang, u64>,
}

/// Corpus totals of terms (or n-grams), by language and key.
pub type CountMap = HashMap<Key, CorpusTerm>;

/// Adds partial corpus totals of terms (or n-grams) to others.
pub fn merge_counts(map: &mut CountMap, from: CountMap) {
    if map.len() < from.len() {
        // Merging into the larger map moves fewer entries.
        let small = std::mem::replace(map, from);
        return merge_counts(map, small);
    }
    for (k, t) in from {
        match map.entry(k) {
            Entry::Vacant(v) => {
                v.insert(t);
            }
            Entry::Occupied(mut e) => e.get_mut().add(t.count, t.documents, &t.surfaces),
        }
    }
}

/// Adds one document's counts of terms (or n-grams) to corpus totals.
fn add_counts(map: &mut CountMap, from: &HashMap<Key, TermCount>) {
    for (k, t) in from {
        match map.entry_ref(&KeyRef(k.0, &k.1)) {
            EntryRef::Occupied(mut e) => e.get_mut().add(t.count, 1, &t.surfaces),
            EntryRef::Vacant(e) => {
                e.insert(first_totals(t.count, t.surfaces.clone()));
            }
        }
    }
}

/// [`add_counts`], taking the document's entries: the keys and forms of
/// terms the corpus has not seen yet are moved, not copied, and `from` is
/// left empty (its table kept for reuse).
fn add_counts_taken(map: &mut CountMap, from: &mut HashMap<Key, TermCount>) {
    for (k, t) in from.drain() {
        match map.entry(k) {
            Entry::Occupied(mut e) => e.get_mut().add(t.count, 1, &t.surfaces),
            Entry::Vacant(e) => {
                e.insert(first_totals(t.count, t.surfaces));
            }
        }
    }
}

/// The corpus totals of a term seen in one document.
fn first_totals(count: u64, surfaces: Surfaces) -> CorpusTerm {
    CorpusTerm {
        count,
        documents: 1,
        surfaces,
    }
}

impl CorpusCounts {
    /// Adds one document.
    pub fn add_document(&mut self, doc: &DocCounts) {
        self.add_document_totals(doc);
        add_counts(&mut self.terms, &doc.terms);
        add_counts(&mut self.ngrams, &doc.ngrams);
    }

    /// [`CorpusCounts::add_document`] for a document whose counts are no
    /// longer needed: their entries are moved into the totals, leaving
    /// `doc`'s tables empty (and allocated, for reuse).
    ///
    /// ```
    /// use duolex_keywords::{CorpusCounts, DocCounts};
    /// use duolex_tokenize::Lang;
    /// let mut doc = DocCounts::default();
    /// doc.add_term(Lang::En, "model", "models");
    /// doc.add_token(Lang::En);
    /// let (mut a, mut b) = (CorpusCounts::default(), CorpusCounts::default());
    /// a.add_document(&doc);
    /// b.add_document_taken(&mut doc);
    /// assert_eq!(a, b);
    /// assert!(doc.terms.is_empty());
    /// ```
    pub fn add_document_taken(&mut self, doc: &mut DocCounts) {
        self.add_document_totals(doc);
        add_counts_taken(&mut self.terms, &mut doc.terms);
        add_counts_taken(&mut self.ngrams, &mut doc.ngrams);
    }

    /// Adds a document as a *reference* for `target`: its word tokens, and
    /// the counts (not the forms, not the n-grams) of the terms `target`
    /// holds — all that keyness against `target` reads of a reference, so
    /// that a reference corpus takes memory in proportion to the target's
    /// vocabulary, not its own.
    ///
    /// ```
    /// use duolex_keywords::{CorpusCounts, DocCounts};
    /// use duolex_tokenize::Lang;
    /// let mut target = CorpusCounts::default();
    /// let mut doc = DocCounts::default();
    /// doc.add_term(Lang::En, "model", "models");
    /// target.add_document(&doc);
    /// doc.add_term(Lang::En, "weight", "weights");
    /// doc.add_token(Lang::En);
    /// let mut reference = CorpusCounts::default();
    /// reference.add_reference_document(&doc, &target);
    /// assert_eq!(reference.term(Lang::En, "model").map(|t| t.count), Some(1));
    /// assert!(reference.term(Lang::En, "weight").is_none());
    /// assert_eq!((reference.documents, reference.tokens[&Lang::En]), (1, 1));
    /// ```
    pub fn add_reference_document(&mut self, doc: &DocCounts, target: &CorpusCounts) {
        self.add_document_totals(doc);
        for ((lang, key), t) in &doc.terms {
            let k = KeyRef(*lang, key);
            if target.terms.contains_key(&k) {
                let total = self.terms.entry_ref(&k).or_default();
                total.count += t.count;
                total.documents += 1;
            }
        }
    }

    fn add_document_totals(&mut self, doc: &DocCounts) {
        self.documents += 1;
        for (l, n) in &doc.tokens {
            *self.tokens.entry(*l).or_default() += n;
            if *n > 0 {
                *self.lang_documents.entry(*l).or_default() += 1;
            }
        }
    }

    /// Adds another partial result.
    pub fn merge(&mut self, other: CorpusCounts) {
        for (map, from) in self.merge_rest(other) {
            merge_counts(map, from);
        }
    }

    /// Adds `other`'s documents and tokens, and hands back the maps still to
    /// merge (terms, then n-grams) with [`merge_counts`] — one after the
    /// other, or at the same time on two threads.
    pub fn merge_rest(&mut self, other: CorpusCounts) -> [(&mut CountMap, CountMap); 2] {
        self.documents += other.documents;
        for (l, n) in other.tokens {
            *self.tokens.entry(l).or_default() += n;
        }
        for (l, n) in other.lang_documents {
            *self.lang_documents.entry(l).or_default() += n;
        }
        [
            (&mut self.terms, other.terms),
            (&mut self.ngrams, other.ngrams),
        ]
    }

    /// One n-gram's totals (`key`: the words' keys joined by one space).
    pub fn ngram(&self, lang: Lang, key: &str) -> Option<&CorpusTerm> {
        self.ngrams.get(&KeyRef(lang, key))
    }

    /// Document frequency of a term or n-gram key (0 when unseen).
    pub fn document_frequency(&self, lang: Lang, key: &str) -> u64 {
        let k = KeyRef(lang, key);
        self.terms
            .get(&k)
            .or_else(|| self.ngrams.get(&k))
            .map_or(0, |t| t.documents)
    }

    /// One term's totals.
    pub fn term(&self, lang: Lang, key: &str) -> Option<&CorpusTerm> {
        self.terms.get(&KeyRef(lang, key))
    }

    /// Share of a term among all word tokens of its language.
    pub fn share(&self, lang: Lang, count: u64) -> f64 {
        ratio(count, self.tokens.get(&lang).copied().unwrap_or(0))
    }

    /// Terms sorted for output: language, then count (descending), then key.
    pub fn sorted(&self) -> Vec<(&Key, &CorpusTerm)> {
        sorted_by_count(&self.terms, |t| t.count)
    }
}

/// The entries of a term map in output order: language, then count
/// (descending), then key — a total order, so output never depends on the
/// map's iteration order.
pub fn sorted_by_count<T>(map: &HashMap<Key, T>, count: impl Fn(&T) -> u64) -> Vec<(&Key, &T)> {
    sort_by_count(map.iter().collect(), count)
}

/// Sorts entries of a term map in output order (see [`sorted_by_count`]).
pub fn sort_by_count<'a, T>(
    mut v: Vec<(&'a Key, &'a T)>,
    count: impl Fn(&T) -> u64,
) -> Vec<(&'a Key, &'a T)> {
    v.sort_unstable_by(|a, b| {
        (a.0 .0, std::cmp::Reverse(count(a.1)), &a.0 .1).cmp(&(
            b.0 .0,
            std::cmp::Reverse(count(b.1)),
            &b.0 .1,
        ))
    });
    v
}

/// `num / den`, 0 when `den` is 0.
pub fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(words: &[(u8, u8)]) -> DocCounts {
        let mut d = DocCounts::default();
        for &(l, w) in words {
            let lang = if l.is_multiple_of(2) {
                Lang::Fr
            } else {
                Lang::En
            };
            d.add_token(lang);
            if w % 4 != 0 {
                let key = format!("k{}", w % 7);
                let surface = if w % 3 == 0 {
                    key.to_uppercase()
                } else {
                    key.clone()
                };
                d.add_term(lang, &key, &surface);
            }
        }
        // And the same words as one sequence, for n-grams and evidence.
        let text: String = words.iter().map(|&(_, w)| format!("w{} ", w % 5)).collect();
        let keys: Vec<String> = words.iter().map(|&(_, w)| format!("w{}", w % 5)).collect();
        let seq: Vec<SeqWord> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| SeqWord {
                key: k,
                start: i * 3,
                end: i * 3 + 2,
                stop: k == "w0",
            })
            .collect();
        let lang = if words.len().is_multiple_of(2) {
            Lang::Fr
        } else {
            Lang::En
        };
        d.add_sequence(
            &text,
            &seq,
            &Sequence {
                lang,
                ..Sequence::default()
            },
        );
        d
    }

    proptest! {
        /// Shards merged in any order equal one run over all documents.
        #[test]
        fn shards_merge_by_addition(docs in prop::collection::vec(prop::collection::vec((0u8..4, 0u8..40), 0..30), 0..12), cut in 0usize..12) {
            let docs: Vec<DocCounts> = docs.iter().map(|d| doc(d)).collect();
            let mut whole = CorpusCounts::default();
            docs.iter().for_each(|d| whole.add_document(d));
            let cut = cut.min(docs.len());
            let (mut a, mut b) = (CorpusCounts::default(), CorpusCounts::default());
            docs[..cut].iter().for_each(|d| a.add_document(d));
            docs[cut..].iter().rev().for_each(|d| b.add_document(d));
            let mut ba = b.clone();
            ba.merge(a.clone());
            a.merge(b);
            prop_assert_eq!(&a, &whole);
            prop_assert_eq!(&ba, &whole);
        }
    }

    #[test]
    fn counts_round_trip_through_serde() {
        let d = doc(&[(0, 1), (0, 2), (1, 3), (0, 9), (1, 9), (0, 1)]);
        assert!(!d.terms.is_empty() && !d.ngrams.is_empty());
        let bytes = postcard::to_stdvec(&d).unwrap();
        assert_eq!(postcard::from_bytes::<DocCounts>(&bytes).unwrap(), d);
        assert!(postcard::from_bytes::<DocCounts>(&bytes[..bytes.len() - 1]).is_err());
        let mut c = CorpusCounts::default();
        c.add_document(&d);
        c.add_document(&doc(&[(1, 5), (0, 6)]));
        let bytes = postcard::to_stdvec(&c).unwrap();
        assert_eq!(postcard::from_bytes::<CorpusCounts>(&bytes).unwrap(), c);
    }

    #[test]
    fn document_frequency_counts_documents_not_occurrences() {
        let mut c = CorpusCounts::default();
        let mut d = DocCounts::default();
        d.add_term(Lang::En, "model", "model");
        d.add_term(Lang::En, "model", "models");
        c.add_document(&d);
        c.add_document(&DocCounts::default());
        let t = c.term(Lang::En, "model").unwrap();
        assert_eq!((t.count, t.documents, c.documents), (2, 1, 2));
        assert_eq!(t.display(), "model");
    }
}
