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
pub mod tables;
pub mod walk;

use analyze::{analyze_text, Analyzer, DocAnalysis, TermOptions};
use decode::{decode, Status};
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
    /// Keyness groups besides one per document (`keyness.csv`).
    pub group_by: Option<stats_tables::GroupBy>,
    /// A reference corpus (files or a folder) for `keyness.csv`, analysed
    /// the same way.
    pub reference: Option<PathBuf>,
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

pub(crate) fn process(entry: &walk::Entry, analyzer: &Analyzer) -> DocResult {
    let failed = |status: Status, error: String, bytes: u64| DocResult {
        path: entry.display.clone(),
        status,
        error,
        encoding: "",
        bytes,
        text: String::new(),
        analysis: DocAnalysis::default(),
    };
    if let Some((status, msg)) = &entry.problem {
        return failed(*status, msg.clone(), 0);
    }
    let bytes = match std::fs::read(&entry.path) {
        Ok(b) => b,
        Err(e) => return failed(Status::Error, e.to_string(), 0),
    };
    let decoded = decode(&bytes);
    let analysis = match decoded.status {
        Status::Ok | Status::DecodeErrors => analyze_text(&decoded.text, analyzer),
        _ => DocAnalysis::default(),
    };
    let error = match decoded.status {
        Status::Binary => "binary file (NUL bytes); not analysed".to_string(),
        Status::DecodeErrors => "invalid bytes replaced by U+FFFD".to_string(),
        _ => String::new(),
    };
    DocResult {
        path: entry.display.clone(),
        status: decoded.status,
        error,
        encoding: decoded.encoding,
        bytes: bytes.len() as u64,
        text: decoded.text,
        analysis,
    }
}

/// Builds the worker pool for `jobs` threads (0 = one per core).
pub fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))
}

/// Analyses every input and writes the tables into `config.out`.
pub fn run(config: &Config) -> Result<RunReport, Error> {
    std::fs::create_dir_all(&config.out).map_err(|source| Error::Output {
        path: config.out.clone(),
        source,
    })?;
    let analyzer = Analyzer::new(&config.langs, &config.terms);
    let entries = walk::walk(&config.inputs);
    let pool = thread_pool(config.jobs)?;
    let (docs, corpus) = pool.install(|| {
        let docs: Vec<DocResult> = entries.par_iter().map(|e| process(e, &analyzer)).collect();
        let corpus = docs
            .par_iter()
            .fold(CorpusCounts::default, |mut c, d| {
                if matches!(d.status, Status::Ok | Status::DecodeErrors) {
                    c.add_document(&d.analysis.counts);
                }
                c
            })
            .reduce(CorpusCounts::default, |mut a, b| {
                a.merge(b);
                a
            });
        (docs, corpus)
    });

    let out = &config.out;
    let mut written = Vec::new();
    let mut write =
        |name: &str, fill: &dyn Fn(&mut io::BufWriter<std::fs::File>) -> csv::Result<()>| {
            tables::write_atomically(out, name, fill)
                .map(|p| written.push(p))
                .map_err(|(path, source)| Error::Output { path, source })
        };
    write("documents.csv", &|w| tables::documents(w, &docs))?;
    write("segments.csv", &|w| tables::segments(w, &docs))?;
    write("terms.csv", &|w| tables::terms(w, &docs))?;
    write("vocabulary.csv", &|w| tables::vocabulary(w, &corpus))?;
    let reference = match &config.reference {
        Some(r) => Some(
            keyword_commands::analyze_inputs(std::slice::from_ref(r), &analyzer, config.jobs)?.1,
        ),
        None => None,
    };
    write("keywords.csv", &|w| {
        stats_tables::keywords(w, &docs, &corpus)
    })?;
    write("ngrams.csv", &|w| stats_tables::ngrams(w, &corpus))?;
    write("keyness.csv", &|w| {
        stats_tables::keyness_table(w, &docs, &corpus, config.group_by, reference.as_ref())
    })?;

    Ok(RunReport {
        files: docs.len(),
        problems: docs.iter().filter(|d| d.status.is_problem()).count(),
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
    Ok(decode(&bytes))
}

pub mod commands;
pub mod keyword_commands;
pub mod stats_tables;
