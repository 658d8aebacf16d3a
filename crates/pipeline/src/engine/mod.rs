//! The engine every driver runs — the CLI, the Python package, a Spark job:
//!
//! 1. **document pass**: one document (a walk entry, or a path and its
//!    bytes) → its [`Document`] (status, text, analysis), its rows of the
//!    per-document tables ([`Engine::document_rows`]) and its statistics
//!    [`Record`] ([`Engine::record`]), added into a partial [`Sums`]
//!    ([`Engine::add`]);
//! 2. **merge**: partial sums add up ([`Sums::merge`], commutative and
//!    associative: shards merged equal one run);
//! 3. **statistics pass**: each record with the merged sums → its keywords
//!    and keyness rows ([`Engine::statistics_rows`]); the sums alone → the
//!    corpus tables ([`Engine::corpus_rows`]) and the groups' keyness
//!    ([`Engine::group_rows`], [`Engine::reference_rows`]).
//!
//! Every float, cut-off and tie rule is computed here, so any driver that
//! sorts rows by document order gives the CLI's bytes. [`run`] is the CLI's
//! driver: both passes on worker threads with bounded memory (records wait
//! on disk), rows written in walk order.
//!
//! ```
//! use duolex_pipeline::engine::{Engine, Record, Sums};
//! use duolex_pipeline::output::{Output, RowBuf};
//! use duolex_pipeline::{OutputFormat, Settings};
//! let engine = Engine::new(Settings::default());
//! let (mut a, mut b) = (Sums::default(), Sums::default());
//! let mut records = Vec::new();
//! for (i, text) in ["L’IA de DeepSeek inquiète OpenAI.", "DeepSeek publie son modèle."].iter().enumerate() {
//!     let doc = engine.document(&format!("{i}.txt"), text.as_bytes().to_vec());
//!     records.push(engine.record(&doc).unwrap());
//!     engine.add(if i == 0 { &mut a } else { &mut b }, doc);
//! }
//! a.merge(b);
//! assert_eq!(a.corpus.term(duolex_tokenize::Lang::Fr, "deepseek").unwrap().documents, 2);
//! let dir = tempfile::tempdir().unwrap();
//! let mut out = Output::create(dir.path(), OutputFormat::Jsonl, engine.settings()).unwrap();
//! let mut rows = RowBuf::new(out.renderer());
//! let record = Record::from_bytes(&records[0]).unwrap();
//! engine.statistics_rows(&record, &a, &mut rows).unwrap();
//! rows.replay(&mut out).unwrap();
//! let keywords = std::fs::read_to_string(&out.finish().unwrap()[4]).unwrap();
//! assert!(keywords.contains("\"keyword\":\"IA de DeepSeek\""));
//! ```

pub mod ordered;
mod run;
pub mod spill;

pub(crate) use run::run_threads;
pub use run::{run, run_engine, run_with_progress, Config, Progress, RunReport};

use crate::config::{Group, Settings, Table};
use crate::input::{Document, Entry, Kind, Status};
use crate::rows::{self, Against, Rows, KEYWORDS_PER_DOCUMENT};
use crate::Error;
use duolex_analyze::{Analyzer, DocAnalysis};
use duolex_keywords::{CorpusCounts, DocCounts};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Stack size of worker threads (reserved, not used, until needed): a
/// stack overflow cannot be caught like a panic and would end the whole
/// batch, and recursive code on adversarial text can run deep.
pub const WORKER_STACK: usize = 256 << 20;

/// One analysed document as the statistics pass needs it: self-contained,
/// serialised with serde in postcard's format (a documented, stable binary
/// format: strings as length-prefixed UTF-8, integers as LEB128 varints,
/// maps as a length and their entries, languages as ISO 639-1 codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub path: String,
    pub date: Option<String>,
    pub counts: DocCounts,
}

/// A [`Record`] serialised without copying the document.
#[derive(Serialize)]
struct RecordRef<'a> {
    path: &'a str,
    date: Option<&'a str>,
    counts: &'a DocCounts,
}

impl Record {
    /// A record read back from bytes made by [`Engine::record`]; `None` if
    /// the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Record> {
        postcard::from_bytes(bytes).ok()
    }
}

/// Partial sums of a set of documents: the corpus totals and, with
/// `--group-by`, each group's. A commutative monoid under [`Sums::merge`];
/// serialisable (serde, postcard's format), so that partial sums made on
/// several machines merge on one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sums {
    pub corpus: CorpusCounts,
    pub groups: BTreeMap<Group, CorpusCounts>,
}

impl Sums {
    /// Adds another partial sum (the corpus maps merged on two threads).
    pub fn merge(&mut self, other: Sums) {
        let [(terms, more_terms), (ngrams, more_ngrams)] = self.corpus.merge_rest(other.corpus);
        rayon::join(
            || duolex_keywords::merge_counts(terms, more_terms),
            || duolex_keywords::merge_counts(ngrams, more_ngrams),
        );
        for (g, c) in other.groups {
            self.groups.entry(g).or_default().merge(c);
        }
    }

    /// The sum of partial sums.
    pub fn total(parts: impl IntoIterator<Item = Sums>) -> Sums {
        parts.into_iter().fold(Sums::default(), |mut a, b| {
            a.merge(b);
            a
        })
    }

    /// The sums as bytes (postcard's format).
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// Sums read back from [`Sums::to_bytes`]; `None` if the bytes are not sums.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sums> {
        postcard::from_bytes(bytes).ok()
    }
}

/// How a document's analysis is made: [`duolex_analyze::analyze`], or in
/// tests a function that fails on purpose.
type Analysis = fn(&str, &Analyzer) -> DocAnalysis;

/// The engine for one set of [`Settings`]: cheap to share across threads,
/// rebuilt from its settings wherever it is needed (a worker of another
/// process).
pub struct Engine {
    settings: Settings,
    analyzer: Analyzer,
    analysis: Analysis,
}

impl Engine {
    /// An engine for `settings`. When no table needs terms, documents are
    /// analysed words-only (segments and word counts).
    pub fn new(settings: Settings) -> Engine {
        let mut analyzer = Analyzer::new(&settings.langs, &settings.terms);
        if !settings.tables.needs_terms() {
            analyzer = analyzer.words_only();
        }
        Engine {
            settings,
            analyzer,
            analysis: duolex_analyze::analyze,
        }
    }

    /// This engine with another analysis function: for tests that make one
    /// document's analysis fail and check that it becomes that document's
    /// `error` row.
    #[doc(hidden)]
    pub fn with_analysis(self, analysis: Analysis) -> Engine {
        Engine { analysis, ..self }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Reads, decodes and analyses one walk entry. Never fails: every
    /// problem becomes a status, and a panic while analysing (a bug)
    /// becomes an `error` row for that document, so that one file never
    /// stops the batch.
    pub fn read(&self, entry: &Entry) -> Document {
        let budget = self.settings.max_file_bytes;
        self.guarded(&entry.display, entry.bytes, entry.note.clone(), || {
            self.analysed(Document::read(entry, budget))
        })
    }

    /// Decodes and analyses one document given as bytes, as [`Engine::read`]
    /// (HTML by the path's extension; larger than the settings' budget, an
    /// `error` row).
    pub fn document(&self, path: &str, bytes: Vec<u8>) -> Document {
        let size = bytes.len() as u64;
        let kind = Kind::of(std::path::Path::new(path));
        let budget = self.settings.max_file_bytes;
        if size > budget {
            return Document {
                path: path.to_string(),
                status: Status::Error,
                error: Some(format!(
                    "document of {} MiB is larger than the {} MiB a document may take; not read",
                    size.div_ceil(1 << 20),
                    budget >> 20
                )),
                bytes: size,
                kind,
                ..Document::default()
            };
        }
        self.guarded(path, size, None, || {
            self.analysed(Document::from_bytes(path, bytes, kind))
        })
    }

    fn analysed(&self, mut doc: Document) -> Document {
        if doc.is_analysable() {
            doc.analysis = (self.analysis)(&doc.text, &self.analyzer);
        }
        doc
    }

    fn guarded(
        &self,
        path: &str,
        bytes: u64,
        note: Option<String>,
        f: impl FnOnce() -> Document,
    ) -> Document {
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        attempt.unwrap_or_else(|payload| {
            let msg = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            Document {
                path: path.to_string(),
                status: Status::Error,
                error: Some(format!(
                    "internal error while analysing this file (a duolex bug): {msg}"
                )),
                bytes,
                note,
                ..Document::default()
            }
        })
    }

    /// The document's rows of the per-document tables the settings ask
    /// for: `documents`, `segments`, `terms`.
    pub fn document_rows(&self, doc: &Document, out: &mut impl Rows) -> Result<(), Error> {
        let tables = self.settings.tables;
        rows::document_row(out, doc)?;
        if tables.has(Table::Segments) {
            rows::segment_rows(out, doc)?;
        }
        if tables.has(Table::Terms) {
            rows::term_rows(out, doc, &self.settings)?;
        }
        Ok(())
    }

    /// The document's statistics record, for an analysed document.
    pub fn record(&self, doc: &Document) -> Option<Vec<u8>> {
        doc.is_analysable().then(|| {
            let record = RecordRef {
                path: &doc.path,
                date: doc.analysis.date.as_deref(),
                counts: &doc.analysis.counts,
            };
            postcard::to_stdvec(&record).unwrap_or_default()
        })
    }

    /// The keyness group of a document, with `--group-by` when the settings
    /// compute keyness.
    fn group_of(&self, path: &str, date: Option<&str>) -> Option<Group> {
        self.settings
            .keyness_groups()
            .and_then(|by| by.group_of(path, date))
    }

    /// Adds an analysed document to partial sums (and to its group's),
    /// taking its counts; a document that was not analysed adds nothing.
    pub fn add(&self, sums: &mut Sums, doc: Document) {
        if !doc.is_analysable() {
            return;
        }
        let mut counts = doc.analysis.counts;
        if let Some(g) = self.group_of(&doc.path, doc.analysis.date.as_deref()) {
            sums.groups.entry(g).or_default().add_document(&counts);
        }
        sums.corpus.add_document_taken(&mut counts);
        duolex_analyze::recycle(counts);
    }

    /// Adds an analysed document to the totals of a reference corpus for
    /// the corpus summed in `sums`: its word tokens and the counts of the
    /// corpus' terms only (see [`CorpusCounts::add_reference_document`]),
    /// so that memory follows the corpus' vocabulary whatever the size of
    /// the reference.
    pub fn add_to_reference(&self, reference: &mut CorpusCounts, sums: &Sums, doc: Document) {
        if doc.is_analysable() {
            reference.add_reference_document(&doc.analysis.counts, &sums.corpus);
            duolex_analyze::recycle(doc.analysis.counts);
        }
    }

    /// Adds a record to partial sums, as [`Engine::add`] its document.
    pub fn add_record(&self, sums: &mut Sums, record: &Record) {
        if let Some(g) = self.group_of(&record.path, record.date.as_deref()) {
            sums.groups
                .entry(g)
                .or_default()
                .add_document(&record.counts);
        }
        sums.corpus.add_document(&record.counts);
    }

    /// One record's rows of the statistics tables: its keyphrases
    /// (`keywords`) and its keyness against the rest of the corpus.
    pub fn statistics_rows(
        &self,
        record: &Record,
        sums: &Sums,
        out: &mut impl Rows,
    ) -> Result<(), Error> {
        let tables = self.settings.tables;
        if tables.has(Table::Keywords) {
            let top = self.settings.limits.top.unwrap_or(KEYWORDS_PER_DOCUMENT);
            rows::keyword_rows(out, &record.path, &record.counts, &sums.corpus, top)?;
        }
        if tables.has(Table::Keyness) {
            let group = Group::Document(record.path.clone());
            let against = Against::RestOf(&sums.corpus);
            rows::keyness_rows(out, &group, &record.counts, against, self.settings.limits)?;
        }
        Ok(())
    }

    /// The corpus tables: `vocabulary` and `ngrams`.
    pub fn corpus_rows(&self, sums: &Sums, out: &mut impl Rows) -> Result<(), Error> {
        let (tables, limits) = (self.settings.tables, self.settings.limits);
        if tables.has(Table::Vocabulary) {
            rows::vocabulary_rows(out, &sums.corpus, limits)?;
        }
        if tables.has(Table::Ngrams) {
            rows::ngram_rows(out, &sums.corpus, limits)?;
        }
        Ok(())
    }

    /// The keyness rows of the `--group-by` groups that come before the
    /// documents' (months) or after them (folders), each against the rest
    /// of the corpus.
    pub fn group_rows(
        &self,
        sums: &Sums,
        place: GroupPlace,
        out: &mut impl Rows,
    ) -> Result<(), Error> {
        if !self.settings.tables.has(Table::Keyness) {
            return Ok(());
        }
        let first_document = Group::Document(String::new());
        let before = place == GroupPlace::BeforeDocuments;
        for (g, c) in sums
            .groups
            .iter()
            .filter(|(g, _)| (**g < first_document) == before)
        {
            let against = Against::RestOf(&sums.corpus);
            rows::keyness_rows(out, g, c, against, self.settings.limits)?;
        }
        Ok(())
    }

    /// The keyness rows of the corpus against a reference corpus.
    pub fn reference_rows(
        &self,
        sums: &Sums,
        reference: &CorpusCounts,
        out: &mut impl Rows,
    ) -> Result<(), Error> {
        if !self.settings.tables.has(Table::Keyness) {
            return Ok(());
        }
        let against = Against::Other(reference);
        rows::keyness_rows(
            out,
            &Group::Reference,
            &sums.corpus,
            against,
            self.settings.limits,
        )
    }
}

/// Where `keyness` rows of `--group-by` groups stand: months before the
/// documents' rows, folders after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPlace {
    BeforeDocuments,
    AfterDocuments,
}
