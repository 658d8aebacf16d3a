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
pub mod tables;
pub mod walk;

use analyze::{analyze_text, Analyzer, DocAnalysis, TermOptions};
use decode::{decode_vec, Status};
use duolex_keywords::CorpusCounts;
use duolex_tokenize::Lang;
use rayon::prelude::*;
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("corpus")],
            out: PathBuf::from("out"),
            langs: vec![Lang::Fr, Lang::En],
            jobs: 0,
            terms: TermOptions::default(),
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
    /// Word tokens per language.
    pub words: Vec<(Lang, u64)>,
    /// The tables written.
    pub tables: Vec<PathBuf>,
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
const WORKER_STACK: usize = 256 << 20;

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

/// The tables `run` writes, in order.
pub const TABLES: [&str; 4] = [
    "documents.csv",
    "segments.csv",
    "terms.csv",
    "vocabulary.csv",
];

/// Input bytes analysed together before their rows are written: bounds the
/// memory held by documents' texts and segments, whatever the corpus size.
const CHUNK_BYTES: u64 = 32 << 20;

/// Cuts the walk's entries into consecutive chunks of at most `files`
/// entries and about [`CHUNK_BYTES`] of input (a bigger file is a chunk of
/// its own).
fn chunks(entries: &[walk::Entry], files: usize) -> Vec<&[walk::Entry]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, e) in entries.iter().enumerate() {
        if i > start && (i - start >= files || bytes + e.bytes > CHUNK_BYTES) {
            out.push(&entries[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += e.bytes;
    }
    if start < entries.len() {
        out.push(&entries[start..]);
    }
    out
}

/// The three per-document tables, streamed chunk by chunk.
struct DocTables {
    documents: tables::PendingFile,
    segments: tables::PendingFile,
    terms: tables::PendingFile,
}

fn output_error((path, source): (PathBuf, io::Error)) -> Error {
    Error::Output { path, source }
}

/// Writes rows with `rows` to `file`, mapping errors to the file's path.
fn append(
    file: &mut tables::PendingFile,
    rows: impl FnOnce(&mut csv::Writer<&mut io::BufWriter<std::fs::File>>) -> csv::Result<()>,
) -> Result<(), Error> {
    let target = file.target().to_path_buf();
    let mut w = csv::Writer::from_writer(file.buffer());
    rows(&mut w)
        .and_then(|()| w.flush().map_err(csv::Error::from))
        .map_err(|e| Error::Output {
            path: target,
            source: tables::csv_to_io(e),
        })
}

impl DocTables {
    fn create(out: &Path) -> Result<Self, Error> {
        let mut t = DocTables {
            documents: tables::PendingFile::create(out, "documents.csv").map_err(output_error)?,
            segments: tables::PendingFile::create(out, "segments.csv").map_err(output_error)?,
            terms: tables::PendingFile::create(out, "terms.csv").map_err(output_error)?,
        };
        append(&mut t.documents, |w| {
            w.write_record(tables::DOCUMENTS_HEADER)
        })?;
        append(&mut t.segments, |w| w.write_record(tables::SEGMENTS_HEADER))?;
        append(&mut t.terms, |w| w.write_record(tables::TERMS_HEADER))?;
        Ok(t)
    }

    fn add(&mut self, docs: &[DocResult]) -> Result<(), Error> {
        append(&mut self.documents, |w| tables::document_rows(w, docs))?;
        let target = self.segments.target().to_path_buf();
        tables::segment_rows(self.segments.buffer(), docs).map_err(|e| Error::Output {
            path: target,
            source: tables::csv_to_io(e),
        })?;
        append(&mut self.terms, |w| tables::term_rows(w, docs))
    }
}

/// Analyses every input and writes the tables into `config.out`.
///
/// Documents are analysed in parallel, chunk by chunk in walk order; each
/// chunk's rows are appended to the per-document tables as soon as it is
/// done and its texts are dropped, so memory holds one chunk of documents
/// plus the corpus counts (bounded by the vocabulary). The tables are
/// written to temporary files renamed into place only when all are
/// complete: a failed run leaves no partial table behind.
pub fn run(config: &Config) -> Result<RunReport, Error> {
    std::fs::create_dir_all(&config.out).map_err(|source| Error::Output {
        path: config.out.clone(),
        source,
    })?;
    // A table name taken by a folder would only fail at the final rename,
    // after other tables were replaced: fail before writing anything.
    for name in TABLES {
        let target = config.out.join(name);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Output {
                path: target,
                source: io::Error::other("a folder of that name is in the way"),
            });
        }
    }
    let analyzer = Analyzer::new(&config.langs, &config.terms);
    let entries = walk::walk(&config.inputs);
    let pool = thread_pool(config.jobs)?;
    let mut doc_tables = DocTables::create(&config.out)?;
    let mut corpus = CorpusCounts::default();
    let mut problems = 0;
    for chunk in chunks(&entries, pool.current_num_threads().max(1) * 4) {
        let docs: Vec<DocResult> = pool.install(|| {
            chunk
                .par_iter()
                .map(|e| process_guarded(e, &analyzer))
                .collect()
        });
        for d in &docs {
            if matches!(d.status, Status::Ok | Status::DecodeErrors) {
                corpus.add_document(&d.analysis.counts);
            }
            problems += usize::from(d.status.is_problem());
        }
        doc_tables.add(&docs)?;
    }
    let mut vocabulary =
        tables::PendingFile::create(&config.out, "vocabulary.csv").map_err(output_error)?;
    let target = vocabulary.target().to_path_buf();
    tables::vocabulary(vocabulary.buffer(), &corpus).map_err(|e| Error::Output {
        path: target,
        source: tables::csv_to_io(e),
    })?;
    let mut files = [
        doc_tables.documents,
        doc_tables.segments,
        doc_tables.terms,
        vocabulary,
    ];
    for f in &mut files {
        f.finish().map_err(output_error)?;
    }
    let mut written = Vec::new();
    for f in &mut files {
        f.commit().map_err(output_error)?;
        written.push(f.target().to_path_buf());
    }
    Ok(RunReport {
        files: entries.len(),
        problems,
        words: corpus.tokens.iter().map(|(l, n)| (*l, *n)).collect(),
        tables: written,
    })
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
