//! The CLI's driver of the engine: both passes on worker threads, rows
//! written in walk order, statistics records waiting on disk.

use super::ordered::{map_in_order, Window};
use super::spill::Spill;
use super::{Engine, GroupPlace, Record, Sums, WORKER_STACK};
use crate::config::{CsvProfile, Error, OutputFormat, Settings, Table};
use crate::input::{check_inputs, missing, not_found, walk_filtered, Document, Entry, Filter};
use crate::output::manifest::{Manifest, Options};
use crate::output::{Output, RowBuf, Written};
use duolex_keywords::CorpusCounts;
use duolex_tokenize::Lang;
use std::path::{Path, PathBuf};

/// Documents per worker thread that may be analysed ahead of the writer.
const FILES_PER_THREAD: usize = 32;

/// Input bytes that may be analysed ahead of the writer: bounds the memory
/// held by documents' texts and rows, whatever the corpus size (a bigger
/// file is still analysed, alone).
const WINDOW_BYTES: u64 = 32 << 20;

/// Statistics records that may be read back ahead of the writer (bytes).
const STATS_WINDOW_BYTES: u64 = 8 << 20;

/// A run of `duolex analyze`: the settings, and where the inputs and the
/// tables are.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to analyse.
    pub inputs: Vec<PathBuf>,
    /// Folder for the tables (created if needed).
    pub out: PathBuf,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    /// A reference corpus (files or folders) for `keyness`, analysed the
    /// same way (and walked with the same filter).
    pub reference: Option<PathBuf>,
    /// Table format (CSV profile, XLSX or JSONL).
    pub format: OutputFormat,
    /// `--include` / `--exclude` globs for walked files.
    pub filter: Filter,
    pub settings: Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("corpus")],
            out: PathBuf::from("out"),
            jobs: 0,
            reference: None,
            format: OutputFormat::Csv(CsvProfile::Standard),
            filter: Filter::default(),
            settings: Settings::default(),
        }
    }
}

impl Config {
    /// The options of this run as `run.json` records them.
    fn manifest_options(&self) -> Options<'_> {
        let s = &self.settings;
        let display = |p: &Path| p.display().to_string();
        Options {
            inputs: self.inputs.iter().map(|p| display(p)).collect(),
            langs: s.langs.iter().map(|l| l.code()).collect(),
            format: self.format.to_string(),
            stem: !s.terms.no_stem,
            extra_stop_words: s.terms.extra_stop_words.is_some(),
            keep: &s.terms.keep,
            min_count: s.limits.min_count,
            top: s.limits.top,
            group_by: s.group_by.map(|g| g.name()),
            reference: self.reference.as_deref().map(display),
            tables: s.tables.tables().map(|t| t.name()).collect(),
        }
    }
}

/// Worker threads for `jobs` (0 = one per core).
pub(crate) fn run_threads(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// How far `threads` workers may run ahead of the writer.
fn ahead(threads: usize, bytes: u64) -> Window {
    Window {
        items: threads.max(1) * FILES_PER_THREAD,
        weight: bytes,
    }
}

impl Engine {
    /// The document pass over walk entries, on `threads` workers: each
    /// entry is read and analysed on a worker, which hands the document to
    /// `each` with its own state (made by `init`: partial sums, say);
    /// `consume` gets what `each` returned on the calling thread, in walk
    /// order, while the workers go on. Returns the workers' states.
    pub(crate) fn document_pass<S: Send, R: Send>(
        &self,
        entries: &[Entry],
        threads: usize,
        init: impl Fn() -> S + Sync,
        each: impl Fn(&mut S, Document) -> R + Sync,
        mut consume: impl FnMut(R) -> Result<(), Error>,
    ) -> Result<Vec<S>, Error> {
        map_in_order(
            threads,
            WORKER_STACK,
            entries.iter(),
            |e| e.bytes,
            ahead(threads, WINDOW_BYTES),
            init,
            |state, e| each(state, self.read(e)),
            |_, r| consume(r),
        )
    }

    /// The statistics pass over the records of `spill`, on `threads`
    /// workers: `each` on the workers, `consume` in record order.
    pub(crate) fn statistics_pass<R: Send>(
        &self,
        spill: &mut Spill,
        threads: usize,
        each: impl Fn(Record) -> R + Sync,
        mut consume: impl FnMut(R) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let records = spill.records()?;
        let path = spill.path().to_path_buf();
        let weight = |r: &Result<Vec<u8>, Error>| r.as_ref().map_or(0, |b| b.len() as u64);
        let decode = |_: &mut (), r: Result<Vec<u8>, Error>| {
            let bytes = r?;
            let record = Record::from_bytes(&bytes).ok_or_else(|| {
                Error::output(&path, std::io::Error::other("corrupt statistics record"))
            })?;
            Ok::<R, Error>(each(record))
        };
        let window = ahead(threads, STATS_WINDOW_BYTES);
        map_in_order(
            threads,
            WORKER_STACK,
            records,
            weight,
            window,
            || (),
            decode,
            |_, r| consume(r?),
        )
        .map(|_| ())
    }
}

/// What a run did, for the end-of-run message and the exit code.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// Entries met (files read or reported).
    pub files: usize,
    /// Entries whose status is a problem (binary, decode errors, skipped, error).
    pub problems: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Word tokens per language.
    pub words: Vec<(Lang, u64)>,
    /// The most frequent terms per language.
    pub top_terms: Vec<(Lang, Vec<String>)>,
    /// The tables written.
    pub tables: Vec<Written>,
    /// `run.json`.
    pub manifest: PathBuf,
    /// Inputs given that name nothing (each has an `error` row).
    pub missing: Vec<PathBuf>,
    /// Files the walk passed over in the folders given, by extension
    /// (`12 .pdf, 3 .docx`), if any.
    pub passed_over: Option<String>,
    /// Tables of duolex's names in the output folder that this run did
    /// not write (earlier `--tables` subsets, other formats), removed.
    pub removed: Vec<PathBuf>,
    /// XLSX cells cut to what a cell holds (they end with `…[cut]`).
    pub cut_cells: u64,
}

/// How far a run has got, for a progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Analyses every input and writes the tables and `run.json` into
/// `config.out`.
///
/// Documents are analysed in parallel in walk order; each document's rows
/// are appended to the per-document tables as soon as it and the documents
/// before it are done, and its record waits on disk for the statistics
/// tables, so memory holds the partial sums and the window of documents in
/// flight. Tables and `run.json` are written into a staging folder and put
/// in place together only when all are complete (see
/// [`output::commit`](crate::output::commit)): a failed or killed run
/// leaves the previous set whole.
///
/// ```
/// use duolex_pipeline::{run, Config};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "L’IA de DeepSeek « impressionne ».").unwrap();
/// let out = dir.path().join("out");
/// let config = Config { inputs: vec![dir.path().join("a.txt")], out: out.clone(), ..Config::default() };
/// let report = run(&config).unwrap();
/// assert_eq!((report.files, report.problems), (1, 0));
/// let vocab = std::fs::read_to_string(out.join("vocabulary.csv")).unwrap();
/// assert!(vocab.contains("fr,IA,ia,1,1,"));
/// ```
pub fn run(config: &Config) -> Result<RunReport, Error> {
    run_with_progress(config, |_| {})
}

/// [`run`], calling `progress` once the walk is done and after each document.
pub fn run_with_progress(
    config: &Config,
    progress: impl FnMut(Progress),
) -> Result<RunReport, Error> {
    run_engine(&Engine::new(config.settings.clone()), config, progress)
}

/// [`run_with_progress`] with a given engine (its settings are the run's:
/// `config.settings` is not read).
#[doc(hidden)]
pub fn run_engine(
    engine: &Engine,
    config: &Config,
    mut progress: impl FnMut(Progress),
) -> Result<RunReport, Error> {
    let settings = engine.settings();
    settings.check().map_err(Error::Settings)?;
    // Nothing to read, or no reference: fail before anything is written.
    check_inputs(&config.inputs)?;
    if let Some(r) = &config.reference {
        if !missing(std::slice::from_ref(r)).is_empty() {
            return Err(not_found(r));
        }
    }
    let mut out = Output::create(&config.out, config.format, settings)?;
    let walk = walk_filtered(&config.inputs, &config.filter);
    let entries = &walk.entries;
    let threads = run_threads(config.jobs);
    let statistics = settings.tables.needs_statistics();
    let mut spill = match statistics {
        true => Some(Spill::create(&config.out).map_err(|e| Error::output(&config.out, e))?),
        false => None,
    };
    let mut state = Progress {
        files_total: entries.len(),
        bytes_total: entries.iter().map(|e| e.bytes).sum(),
        ..Progress::default()
    };
    let mut problems = 0;
    progress(state);
    // Pass 1: each document's rows are formatted, its record encoded and
    // its counts added to the worker's partial sums on the worker; this
    // thread writes rows and records in walk order.
    let renderer = out.renderer();
    let parts = engine.document_pass(
        entries,
        threads,
        Sums::default,
        |sums, doc| {
            let mut rows = RowBuf::new(renderer);
            // A RowBuf cannot fail.
            let _ = engine.document_rows(&doc, &mut rows);
            let record = statistics.then(|| engine.record(&doc)).flatten();
            let (problem, bytes) = (doc.status.is_problem(), doc.bytes);
            engine.add(sums, doc);
            (rows, record, problem, bytes)
        },
        |(rows, record, problem, bytes)| {
            rows.replay(&mut out)?;
            if let (Some(record), Some(spill)) = (record, spill.as_mut()) {
                spill
                    .push(&record)
                    .map_err(|e| Error::output(spill.path(), e))?;
            }
            problems += usize::from(problem);
            state.files_done += 1;
            state.bytes_done += bytes;
            progress(state);
            Ok(())
        },
    )?;
    let sums = Sums::total(parts);
    let reference = match &config.reference {
        Some(r) if settings.tables.has(Table::Keyness) => {
            let reference = walk_filtered(std::slice::from_ref(r), &config.filter).entries;
            let add = |corpus: &mut CorpusCounts, doc| engine.add_to_reference(corpus, &sums, doc);
            let parts =
                engine
                    .document_pass(&reference, threads, CorpusCounts::default, add, |()| Ok(()))?;
            Some(parts.into_iter().fold(CorpusCounts::default(), |mut a, b| {
                a.merge(b);
                a
            }))
        }
        _ => None,
    };
    // Pass 2: the corpus tables on a thread of their own while the workers
    // compute each document's keyphrases and keyness, written in order.
    std::thread::scope(|scope| {
        let corpus_rows = scope.spawn(|| {
            let mut rows = RowBuf::new(renderer);
            let _ = engine.corpus_rows(&sums, &mut rows);
            rows
        });
        let mut rows = RowBuf::new(renderer);
        engine.group_rows(&sums, GroupPlace::BeforeDocuments, &mut rows)?;
        rows.replay(&mut out)?;
        if let Some(spill) = spill.as_mut() {
            let stats = |record: Record| {
                let mut rows = RowBuf::new(renderer);
                let _ = engine.statistics_rows(&record, &sums, &mut rows);
                rows
            };
            engine.statistics_pass(spill, threads, stats, |rows| rows.replay(&mut out))?;
        }
        let corpus_rows = corpus_rows
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        corpus_rows.replay(&mut out)
    })?;
    let mut rows = RowBuf::new(renderer);
    engine.group_rows(&sums, GroupPlace::AfterDocuments, &mut rows)?;
    if let Some(reference) = &reference {
        engine.reference_rows(&sums, reference, &mut rows)?;
    }
    rows.replay(&mut out)?;
    drop(spill);
    let cut_cells = out.cut_cells();
    let tables = out.complete()?;
    let options = config.manifest_options();
    let manifest = Manifest::new(options, entries.len(), problems, state.bytes_done, &tables);
    let committed = out.commit(Some(&manifest))?;
    Ok(RunReport {
        files: entries.len(),
        problems,
        bytes: state.bytes_done,
        words: sums.corpus.tokens.iter().map(|(l, n)| (*l, *n)).collect(),
        top_terms: top_terms(&sums.corpus, 5),
        tables: committed.tables,
        manifest: committed.manifest.unwrap_or_default(),
        removed: committed.removed,
        cut_cells,
        missing: missing(&config.inputs).into_iter().cloned().collect(),
        passed_over: walk.passed_over_summary(),
    })
}

/// The `n` most frequent terms per language, as displayed.
fn top_terms(corpus: &CorpusCounts, n: usize) -> Vec<(Lang, Vec<String>)> {
    let mut out: Vec<(Lang, Vec<String>)> = Vec::new();
    for ((lang, _), t) in corpus.sorted() {
        match out.last_mut() {
            Some((l, v)) if l == lang => {
                if v.len() < n {
                    v.push(t.display().to_string());
                }
            }
            _ => out.push((*lang, vec![t.display().to_string()])),
        }
    }
    out
}
