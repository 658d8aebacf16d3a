//! # duolex-pipeline
//!
//! The only duolex crate that touches the file system: it walks folders,
//! decodes bytes, runs the analysis stages on every document in parallel
//! (rayon), gathers the results in a fixed order, and writes the tables.
//! Output bytes never depend on the number of threads or on the order in
//! which the file system lists files.
//!
//! ```
//! use duolex_pipeline::{run, Config};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "L’IA de DeepSeek « impressionne ».").unwrap();
//! let out = dir.path().join("out");
//! let config = Config { inputs: vec![dir.path().join("a.txt")], out: out.clone(), ..Config::default() };
//! let report = run(&config).unwrap();
//! assert_eq!((report.files, report.problems), (1, 0));
//! let vocab = std::fs::read_to_string(out.join("vocabulary.csv")).unwrap();
//! assert!(vocab.contains("fr,IA,ia,1,1,"));
//! ```

pub mod analyze;
pub mod decode;
pub mod export;
pub mod ordered;
pub mod spill;
pub mod tables;
pub mod walk;

use analyze::{analyze_text, Analyzer, DocAnalysis, TermOptions};
use decode::{decode_vec, Status};
use duolex_keywords::CorpusCounts;
use duolex_tokenize::Lang;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use tables::DocResult;

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to analyse.
    pub inputs: Vec<PathBuf>,
    /// Folder for the tables (created if needed).
    pub out: PathBuf,
    /// Languages to choose among (French and English when empty).
    pub langs: Vec<Lang>,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    pub terms: TermOptions,
    /// Keyness groups besides one per document (`keyness.csv`).
    pub group_by: Option<stats_tables::GroupBy>,
    /// A reference corpus (files or a folder) for `keyness.csv`, analysed
    /// the same way.
    pub reference: Option<PathBuf>,
    /// Table format (CSV profile, XLSX or JSONL).
    pub format: export::OutputFormat,
    /// Size limits of the big tables.
    pub limits: tables::Limits,
    /// `--include` / `--exclude` globs for walked files.
    pub filter: walk::Filter,
    /// The tables to write (`documents` always).
    pub tables: Tables,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("corpus")],
            out: PathBuf::from("out"),
            langs: vec![Lang::Fr, Lang::En],
            jobs: 0,
            terms: TermOptions::default(),
            group_by: None,
            reference: None,
            format: export::OutputFormat::Csv(export::CsvProfile::Standard),
            limits: tables::Limits::default(),
            filter: walk::Filter::default(),
            tables: Tables::ALL,
        }
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
    pub tables: Vec<export::Written>,
}

/// A failure of the run itself (as opposed to one bad file).
#[derive(Debug)]
pub enum Error {
    /// The output folder cannot be created or written.
    Output { path: PathBuf, source: io::Error },
    /// The thread pool could not start.
    Threads(String),
    /// Reading standard input or a named file failed (single-document commands).
    Input { path: String, source: io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Output { path, source } => {
                write!(f, "cannot write output {}: {source}", path.display())
            }
            Error::Threads(e) => write!(f, "cannot start worker threads: {e}"),
            Error::Input { path, source } => write!(f, "cannot read {path}: {source}"),
        }
    }
}

impl std::error::Error for Error {}

/// Reads, decodes and analyses one entry of the walk. Never fails: every
/// problem becomes a status and a message.
pub fn process(entry: &walk::Entry, analyzer: &Analyzer) -> DocResult {
    let failed = |status: Status, error: String| DocResult {
        path: entry.display.clone(),
        status,
        error,
        encoding: "",
        bytes: 0,
        replacements: 0,
        note: entry.note.clone(),
        text: String::new(),
        analysis: DocAnalysis::default(),
    };
    if let Some((status, msg)) = &entry.problem {
        return failed(*status, msg.clone());
    }
    let bytes = match walk::read_regular(&entry.path) {
        Ok(b) => b,
        Err(walk::ReadError::NotRegular) => {
            return failed(Status::Skipped, "not a regular file; not opened".into())
        }
        Err(walk::ReadError::Io(e)) => return failed(Status::Error, e.to_string()),
    };
    let size = bytes.len() as u64;
    let decoded = decode_vec(bytes);
    let analysis = match decoded.status {
        Status::Ok | Status::DecodeErrors => analyze_text(&decoded.text, analyzer),
        _ => DocAnalysis::default(),
    };
    let error = match decoded.status {
        Status::Binary => "binary file (NUL bytes); not analysed".to_string(),
        Status::DecodeErrors => format!(
            "{} invalid byte sequence(s) replaced by U+FFFD",
            decoded.replacements
        ),
        _ => String::new(),
    };
    DocResult {
        path: entry.display.clone(),
        status: decoded.status,
        error,
        encoding: decoded.encoding,
        bytes: size,
        replacements: decoded.replacements,
        note: entry.note.clone(),
        text: decoded.text,
        analysis,
    }
}

/// [`process`], with a panic inside the analysis (a bug) turned into an
/// `error` row for that file, so that one file never stops the batch.
pub fn process_guarded(entry: &walk::Entry, analyzer: &Analyzer) -> DocResult {
    let attempt =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(entry, analyzer)));
    attempt.unwrap_or_else(|payload| {
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        DocResult {
            path: entry.display.clone(),
            status: Status::Error,
            error: format!("internal error while analysing this file (a duolex bug): {msg}"),
            encoding: "",
            bytes: entry.bytes,
            replacements: 0,
            note: entry.note.clone(),
            text: String::new(),
            analysis: DocAnalysis::default(),
        }
    })
}

/// Stack size of the worker threads.
pub(crate) const WORKER_STACK: usize = 256 << 20;

/// Builds the worker pool for `jobs` threads (0 = one per core).
pub fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // Generous stacks (reserved, not used, until needed): a stack
        // overflow cannot be caught like a panic and would end the whole
        // batch, and recursive code on adversarial text (thousands of
        // `@a@a…` in one word) can run deep.
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))
}

/// The tables `run` writes, in order (names without extension).
pub const TABLES: [&str; 7] = [
    "documents",
    "segments",
    "terms",
    "vocabulary",
    "keywords",
    "ngrams",
    "keyness",
];

/// A set of [`TABLES`] for a run to write. `documents` is always in it: it
/// lists every input with its status. Leaving out `keywords` and `keyness`
/// saves the whole statistics pass; with only `documents` and `segments`,
/// words are counted but not terms. `--reference` only matters to
/// `keyness` (and `--group-by` to `keyness` and the `group` column of
/// `terms`).
///
/// ```
/// use duolex_pipeline::Tables;
/// let t = Tables::with(&["segments", "keyness"]).unwrap();
/// assert_eq!(t.names(), ["documents", "segments", "keyness"]);
/// assert!(Tables::with(&["words"]).is_err());
/// assert_eq!(Tables::ALL.names().len(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables(u8);

impl Tables {
    /// Every table.
    pub const ALL: Tables = Tables((1 << TABLES.len()) - 1);

    /// `documents` and the tables named (names of [`TABLES`]).
    pub fn with<S: AsRef<str>>(names: &[S]) -> Result<Tables, String> {
        let mut set = Tables(1);
        for name in names {
            let name = name.as_ref();
            let i = TABLES.iter().position(|t| *t == name).ok_or_else(|| {
                format!("no table named `{name}` (tables: {})", TABLES.join(", "))
            })?;
            set.0 |= 1 << i;
        }
        Ok(set)
    }

    /// Whether the set holds the table `name`.
    pub fn has(self, name: &str) -> bool {
        TABLES
            .iter()
            .position(|t| *t == name)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// The names in the set, in [`TABLES`] order.
    pub fn names(self) -> Vec<&'static str> {
        TABLES.into_iter().filter(|t| self.has(t)).collect()
    }

    /// Whether a table of the set needs terms and n-grams counted.
    fn needs_terms(self) -> bool {
        ["terms", "vocabulary", "keywords", "ngrams", "keyness"]
            .iter()
            .any(|t| self.has(t))
    }

    /// Whether the run needs the statistics pass (per-document records
    /// read back once the corpus totals are known).
    fn statistics(self) -> bool {
        self.has("keywords") || self.has("keyness")
    }
}

/// Documents per worker thread that may be analysed ahead of the writer.
const FILES_PER_THREAD: usize = 32;

/// Input bytes that may be analysed ahead of the writer: bounds the memory
/// held by documents' texts and rows, whatever the corpus size (a bigger
/// file is still analysed, alone).
const WINDOW_BYTES: u64 = 32 << 20;

/// Statistics records that may be read back ahead of the writer (bytes).
const STATS_WINDOW_BYTES: u64 = 8 << 20;

/// How far `pool`'s workers may run ahead of the writer: [`FILES_PER_THREAD`]
/// documents per thread and `bytes` of input.
fn ahead(pool: &rayon::ThreadPool, bytes: u64) -> ordered::Window {
    ordered::Window {
        items: pool.current_num_threads().max(1) * FILES_PER_THREAD,
        weight: bytes,
    }
}

/// A document analysed on a worker thread, reduced to what the writer
/// needs: its rows already formatted, its statistics record, its group.
struct Prepared<'r> {
    /// Its `documents`, `segments` and `terms` rows.
    rows: export::RowBuf<'r>,
    /// Its statistics record (analysed documents only).
    record: Option<Vec<u8>>,
    /// Its `--group-by` group and counts (analysed documents only).
    group: Option<(String, duolex_keywords::DocCounts)>,
    problem: bool,
    bytes: u64,
}

/// The tables a worker fills for each document (those requested).
#[derive(Clone, Copy)]
struct DocTables {
    documents: export::TableId,
    segments: Option<export::TableId>,
    terms: Option<export::TableId>,
}

/// The corpus sum, kept as one partial sum per worker thread: each worker
/// adds the documents it analysed to its own, and the partial sums are
/// merged by addition at the end ([`CorpusCounts::merge`] is commutative),
/// so the sum is never a serial step.
struct PartialSums(Vec<std::sync::Mutex<CorpusCounts>>);

impl PartialSums {
    fn new(threads: usize) -> Self {
        PartialSums((0..threads.max(1)).map(|_| Default::default()).collect())
    }

    /// Adds one document to the calling worker's partial sum, taking its
    /// counts' entries unless they are to be kept (see
    /// [`CorpusCounts::add_document_taken`]).
    fn add(&self, counts: &mut duolex_keywords::DocCounts, keep: bool) {
        let slot = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        // Nothing inside the lock calls back into rayon, so a thread never
        // waits for its own slot; a poisoned slot still holds valid sums.
        let mut sum = self.0[slot].lock().unwrap_or_else(|e| e.into_inner());
        if keep {
            sum.add_document(counts);
        } else {
            sum.add_document_taken(counts);
        }
    }

    /// The sum of the partial sums (their maps merged on two threads).
    fn total(self, pool: &rayon::ThreadPool) -> CorpusCounts {
        let mut parts = self
            .0
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()));
        let mut total = parts.next().unwrap_or_default();
        for p in parts {
            let [(terms, more_terms), (ngrams, more_ngrams)] = total.merge_rest(p);
            pool.install(|| {
                rayon::join(
                    || duolex_keywords::merge_counts(terms, more_terms),
                    || duolex_keywords::merge_counts(ngrams, more_ngrams),
                )
            });
        }
        total
    }
}

impl<'r> Prepared<'r> {
    fn new(
        doc: DocResult,
        tables: DocTables,
        renderer: &'r export::Renderer,
        config: &Config,
        sums: &PartialSums,
    ) -> Self {
        let mut rows = export::RowBuf::with(renderer);
        let one = std::slice::from_ref(&doc);
        // A RowBuf cannot fail.
        let _ = tables::document_rows(&mut rows, tables.documents, one);
        if let Some(t) = tables.segments {
            let _ = tables::segment_rows(&mut rows, t, one);
        }
        if let Some(t) = tables.terms {
            let _ = tables::term_rows(&mut rows, t, one, config.limits, config.group_by);
        }
        let analysed = keyword_commands::analysed(&doc);
        let (problem, bytes) = (doc.status.is_problem(), doc.bytes);
        let mut a = doc.analysis;
        let record = (analysed && config.tables.statistics())
            .then(|| spill::Spill::record(&doc.path, a.date.as_deref(), &a.counts));
        let group = keyness_groups(config)
            .filter(|_| analysed)
            .and_then(|by| by.group_of(&doc.path, a.date.as_deref()));
        if analysed {
            // The counts go on to a group, or their entries into the sum.
            sums.add(&mut a.counts, group.is_some());
        }
        let group = match group {
            Some(g) => Some((g, a.counts)),
            None => {
                analyze::recycle(a.counts);
                None
            }
        };
        Prepared {
            rows,
            record,
            group,
            problem,
            bytes,
        }
    }
}

/// `--group-by`, when the run writes `keyness` (the only table with groups).
fn keyness_groups(config: &Config) -> Option<stats_tables::GroupBy> {
    config.group_by.filter(|_| config.tables.has("keyness"))
}

/// What the writer keeps while the documents go by.
struct Gather {
    ex: export::Exporter,
    groups: std::collections::BTreeMap<String, CorpusCounts>,
    /// Statistics records, when the run has a statistics pass.
    spill: Option<spill::Spill>,
    problems: usize,
    state: Progress,
}

impl Gather {
    /// Appends one document's rows and record.
    fn write(&mut self, p: Prepared<'_>) -> Result<(), Error> {
        self.problems += usize::from(p.problem);
        self.state.files_done += 1;
        self.state.bytes_done += p.bytes;
        p.rows.replay(&mut self.ex).map_err(output_error)?;
        if let Some((g, counts)) = p.group {
            self.groups.entry(g).or_default().add_document(&counts);
        }
        if let (Some(record), Some(spill)) = (&p.record, &mut self.spill) {
            spill.push(record).map_err(|source| Error::Output {
                path: spill.path().to_path_buf(),
                source,
            })?;
        }
        Ok(())
    }
}

fn output_error((path, source): (PathBuf, io::Error)) -> Error {
    Error::Output { path, source }
}

/// Opens table `name` if the run writes it.
fn open_table(
    ex: &mut export::Exporter,
    tables: Tables,
    name: &str,
    columns: &[&str],
) -> Result<Option<export::TableId>, Error> {
    if !tables.has(name) {
        return Ok(None);
    }
    ex.table(name, columns).map(Some).map_err(output_error)
}

/// Analyses every input and writes the tables into `config.out`.
///
/// Documents are analysed in parallel in walk order; each document's rows
/// are appended to the per-document tables as soon as it and the documents
/// before it are done, and its counts wait on disk for the statistics
/// tables, so memory holds the corpus counts and the window of documents in
/// flight. Tables are written to temporary files renamed into place only
/// when all are complete: a failed run leaves no partial table.
pub fn run(config: &Config) -> Result<RunReport, Error> {
    run_with_progress(config, |_| {})
}

/// How far a run has got, for a progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// [`run`], calling `progress` once the walk is done and after each chunk.
pub fn run_with_progress(
    config: &Config,
    mut progress: impl FnMut(Progress),
) -> Result<RunReport, Error> {
    std::fs::create_dir_all(&config.out).map_err(|source| Error::Output {
        path: config.out.clone(),
        source,
    })?;
    export::clean_stale_temporaries(&config.out);
    let mut ex = export::Exporter::new(&config.out, config.format);
    // A table name taken by a folder would only fail at the final rename,
    // after other tables were replaced: fail before writing anything.
    for name in config.tables.names() {
        let target = ex.target(name);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Output {
                path: target,
                source: io::Error::other("a folder of that name is in the way"),
            });
        }
    }
    let mut analyzer = Analyzer::new(&config.langs, &config.terms);
    if !config.tables.needs_terms() {
        // Only `documents` and `segments`: word counts are all they need.
        analyzer = analyzer.words_only();
    }
    let entries = walk::walk_filtered(&config.inputs, &config.filter);
    let pool = thread_pool(config.jobs)?;
    let documents = ex
        .table("documents", &tables::DOCUMENTS_HEADER)
        .map_err(output_error)?;
    let segments = open_table(&mut ex, config.tables, "segments", &tables::SEGMENTS_HEADER)?;
    // The `group` column only with --group-by.
    let term_columns = &tables::TERMS_HEADER[..if config.group_by.is_some() { 7 } else { 6 }];
    let terms = open_table(&mut ex, config.tables, "terms", term_columns)?;
    // Each analysed document's counts wait on disk for the statistics
    // tables; only the corpus and the --group-by groups stay in memory.
    let spill = if config.tables.statistics() {
        let spill = spill::Spill::create(&config.out).map_err(|source| Error::Output {
            path: config.out.clone(),
            source,
        })?;
        Some(spill)
    } else {
        None
    };
    let doc_tables = DocTables {
        documents,
        segments,
        terms,
    };
    let sums = PartialSums::new(pool.current_num_threads());
    let mut gather = Gather {
        ex,
        groups: Default::default(),
        spill,
        problems: 0,
        state: Progress {
            files_total: entries.len(),
            bytes_total: entries.iter().map(|e| e.bytes).sum(),
            ..Progress::default()
        },
    };
    progress(gather.state);
    // The workers analyse documents in walk order without waiting for each
    // other; this thread appends each document's rows as soon as it and all
    // documents before it are done.
    let renderer = gather.ex.renderer();
    let prepare = |e: &walk::Entry| {
        let doc = process_guarded(e, &analyzer);
        Prepared::new(doc, doc_tables, &renderer, config, &sums)
    };
    let window = ahead(&pool, WINDOW_BYTES);
    ordered::map_in_order(
        &pool,
        entries.iter(),
        |e| e.bytes,
        window,
        prepare,
        |_, p| {
            gather.write(p)?;
            progress(gather.state);
            Ok(())
        },
    )?;
    let corpus = sums.total(&pool);
    let Gather {
        mut ex,
        groups,
        spill,
        problems,
        state,
        ..
    } = gather;
    let mut open = |name, columns: &[&str]| open_table(&mut ex, config.tables, name, columns);
    let vocabulary = open("vocabulary", &tables::VOCABULARY_HEADER)?;
    let keywords = open("keywords", &stats_tables::KEYWORDS_HEADER)?;
    let ngrams = open("ngrams", &stats_tables::NGRAMS_HEADER)?;
    let keyness = open("keyness", &stats_tables::KEYNESS_HEADER)?;
    let reference = match (&config.reference, keyness) {
        (Some(r), Some(_)) => Some(
            keyword_commands::analyze_inputs(std::slice::from_ref(r), &analyzer, config.jobs)?.1,
        ),
        _ => None,
    };
    let renderer = ex.renderer();
    let limits = config.limits;
    // The corpus tables (sorting the vocabulary and n-grams) are made on a
    // thread of their own while the workers compute each document's
    // keyphrases and keyness.
    let corpus_rows = || {
        let mut rows = export::RowBuf::with(&renderer);
        // A RowBuf cannot fail.
        if let Some(t) = vocabulary {
            let _ = tables::vocabulary_rows(&mut rows, t, &corpus, limits);
        }
        if let Some(t) = ngrams {
            let _ = stats_tables::ngram_rows(&mut rows, t, &corpus, limits);
        }
        rows
    };
    // keyness.csv is in order of group name: `date:…` groups, then each
    // `doc:PATH` (walk order is path order), then `folder:…`, `reference`.
    // Groups exist only when keyness.csv is written.
    let before_docs = |g: &String| g.as_str() < "doc:";
    let group_rows = |ex: &mut export::Exporter, before: bool| {
        let Some(t) = keyness else {
            return Ok(());
        };
        for (g, c) in groups.iter().filter(|(g, _)| before_docs(g) == before) {
            stats_tables::comparison_rows(ex, t, g, c, &corpus, true, limits)
                .map_err(output_error)?;
        }
        Ok::<_, Error>(())
    };
    let per_document = limits.top.unwrap_or(stats_tables::KEYWORDS_PER_DOCUMENT);
    let document_stats = |record: Result<Vec<u8>, Error>, spill_path: &Path| {
        let d = spill::decode(&record?).ok_or_else(|| Error::Output {
            path: spill_path.to_path_buf(),
            source: io::Error::other("corrupt statistics record"),
        })?;
        let mut buf = export::RowBuf::with(&renderer);
        if let Some(t) = keywords {
            let _ = stats_tables::document_keyword_rows(&mut buf, t, &d, &corpus, per_document);
        }
        if let Some(t) = keyness {
            let group = format!("doc:{}", d.path);
            let _ = stats_tables::comparison_rows(
                &mut buf, t, &group, &d.counts, &corpus, true, limits,
            );
        }
        Ok::<_, Error>(buf)
    };
    let window = ahead(&pool, STATS_WINDOW_BYTES);
    std::thread::scope(|scope| {
        let corpus_rows = scope.spawn(corpus_rows);
        group_rows(&mut ex, true)?;
        // Each document's keyphrases and keyness, in document order.
        if let Some(mut spill) = spill {
            let records = spill.records()?;
            let weight = |r: &Result<Vec<u8>, Error>| r.as_ref().map_or(0, |b| b.len() as u64);
            let stats = |r| document_stats(r, spill.path());
            ordered::map_in_order(&pool, records, weight, window, stats, |_, rows| {
                rows?.replay(&mut ex).map_err(output_error)
            })?;
        }
        let corpus_rows = corpus_rows
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        corpus_rows.replay(&mut ex).map_err(output_error)
    })?;
    group_rows(&mut ex, false)?;
    if let (Some(r), Some(t)) = (&reference, keyness) {
        stats_tables::comparison_rows(&mut ex, t, "reference", &corpus, r, false, limits)
            .map_err(output_error)?;
    }
    let written = ex.finish().map_err(output_error)?;
    Ok(RunReport {
        files: entries.len(),
        problems,
        bytes: state.bytes_done,
        words: corpus.tokens.iter().map(|(l, n)| (*l, *n)).collect(),
        top_terms: top_terms(&corpus, 5),
        tables: written,
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

/// Writes `run.json` into the output folder: duolex's version, the options,
/// the number of inputs and a SHA-256 checksum of every table, so a result
/// can be traced to how it was made. Written atomically like the tables.
pub fn write_manifest(config: &Config, report: &RunReport) -> Result<PathBuf, Error> {
    let mut outputs = serde_json::Map::new();
    for t in &report.tables {
        let hex: String = t.sha256.iter().map(|b| format!("{b:02x}")).collect();
        let name = t.path.file_name().map(|n| n.to_string_lossy().into_owned());
        outputs.insert(
            name.unwrap_or_default(),
            serde_json::json!({"bytes": t.bytes, "sha256": hex}),
        );
    }
    let format = match config.format {
        export::OutputFormat::Csv(p) => format!(
            "csv ({})",
            match p {
                export::CsvProfile::Standard => "standard",
                export::CsvProfile::Excel => "excel",
                export::CsvProfile::ExcelFr => "excel-fr",
            }
        ),
        export::OutputFormat::Xlsx => "xlsx".into(),
        export::OutputFormat::Jsonl => "jsonl".into(),
    };
    let manifest = serde_json::json!({
        "duolex": env!("CARGO_PKG_VERSION"),
        "options": {
            "inputs": config.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "langs": config.langs.iter().map(|l| l.code()).collect::<Vec<_>>(),
            "format": format,
            "stem": !config.terms.no_stem,
            "extra_stop_words": config.terms.extra_stop_words.is_some(),
            "keep": config.terms.keep,
            "min_count": config.limits.min_count,
            "top": config.limits.top,
            "group_by": config.group_by.map(|g| format!("{g:?}").to_lowercase()),
            "reference": config.reference.as_ref().map(|p| p.display().to_string()),
            "tables": config.tables.names(),
        },
        "inputs": report.files,
        "problems": report.problems,
        "bytes": report.bytes,
        "outputs": outputs,
    });
    let target = config.out.join("run.json");
    let tmp = config
        .out
        .join(format!(".run.json.tmp-{}", std::process::id()));
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, &target))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            Error::Output {
                path: target.clone(),
                source,
            }
        })?;
    Ok(target)
}

/// Reads one document for the single-document commands: a path, or `-` for
/// standard input; decoded like files in a batch.
pub fn read_document(path: &str) -> Result<decode::Decoded, Error> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|source| Error::Input {
                path: "standard input".into(),
                source,
            })?;
        buf
    } else {
        std::fs::read(Path::new(path)).map_err(|source| Error::Input {
            path: path.to_string(),
            source,
        })?
    };
    Ok(decode_vec(bytes))
}

pub mod commands;
pub mod keyword_commands;
pub mod stats_tables;
