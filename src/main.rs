//! The `duolex` command: parses arguments and wires library calls.
//! Exit codes: 0 all files fine, 1 some files had problems, 2 the run failed;
//! `verify`: 0 one consistent run, 1 not, 2 the folder cannot be checked.

use clap::{Args, Parser, Subcommand, ValueEnum};
use duolex_analyze::TermOptions;
use duolex_pipeline::commands::{self, Batch, Format, KeywordFormat, Terminal, TokenLang};
use duolex_pipeline::config::check_langs;
use duolex_pipeline::input::{read_one, Filter, Status};
use duolex_pipeline::{
    run_with_progress, Config, CsvProfile, Error, GroupBy, Limits, OutputFormat, RunReport,
    Settings, Table, TableSet,
};
use duolex_tokenize::Lang;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// Counting allocates many small strings and maps on every thread: mimalloc
// serves them faster than the system allocator (see `make bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (the Rust bindings
/// do not name it; the test below checks the index against its default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process instead of handing it back to the OS
/// after a delay. Each document allocates and frees its count tables; with
/// purging on, the next document faults the pages back in and the kernel
/// zeroes them (2 MiB at a time with transparent huge pages) — about a tenth
/// of a run's CPU time. Peak RSS is unchanged in kind: it is still the peak of
/// live memory, which grows with the vocabulary.
///
/// On Linux, transparent huge pages are turned off for the process too (the
/// heap mimalloc reserved before `main` asked for them): the corpus sums
/// grow by many small allocations spread over the heap, and zeroing 2 MiB
/// at each first touch cost more CPU, and ~13% more peak RSS, than 4 KiB
/// pages on the bench corpus.
fn configure_memory() {
    // SAFETY: sets a process-wide allocator option; mimalloc reads it at each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    #[cfg(target_os = "linux")]
    // SAFETY: a flag of the calling process; failure (old kernels) is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "duolex",
    version,
    about = "Bilingual text analysis: language runs, words, stems and term frequencies per language"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a folder of documents and write CSV tables.
    #[command(
        after_help = "Examples:\n  duolex analyze corpus --out out\n  duolex analyze articles/ --csv-profile excel-fr        # for Excel in a French locale\n  duolex analyze articles/ --format xlsx --top 200      # one workbook, a sheet per table\n  duolex analyze articles/ notes.txt --langs fr,en,de --jobs 4 --quiet\n  duolex analyze archive/ --include '*.txt' --exclude '**/drafts/**' --group-by date"
    )]
    Analyze(AnalyzeArgs),
    /// Show the language runs of one document (body and quotes).
    #[command(
        after_help = "Examples:\n  duolex detect corpus/000_b64b29fc75215990.txt\n  duolex detect article.txt --format jsonl\n  printf 'les données\\nthe data\\n' | duolex detect --lines --format jsonl"
    )]
    Detect(DetectArgs),
    /// Print the word tokens of a text (stop words and elisions included, no punctuation).
    #[command(
        after_help = "Examples:\n  echo \"l’IA d’OpenAI\" | duolex tokens --lang fr\n  duolex tokens article.txt --format jsonl\n  duolex tokens sentences.txt --lang en --lines --format jsonl"
    )]
    Tokens(TokensArgs),
    /// Rank the keyphrases (1–3 words) of every document and language.
    #[command(
        after_help = "Document frequencies come from the files given: rank a whole folder at once.\n\nExamples:\n  duolex keywords corpus --top 5\n  duolex keywords articles/ --format jsonl > keywords.jsonl"
    )]
    Keywords(KeywordsArgs),
    /// Show every occurrence of a term in context (matched by stem: `modèle` finds `modèles`).
    #[command(
        after_help = "Examples:\n  duolex kwic modèle corpus\n  duolex kwic model corpus --lang en --width 30 --format jsonl"
    )]
    Kwic(KwicArgs),
    /// Check that an output folder holds one consistent run: every table run.json lists, with its SHA-256, and no other.
    #[command(
        after_help = "Exit codes: 0 one consistent run, 1 not (a table missing, changed or from another run; no run.json), 2 the folder cannot be checked.\n\nExamples:\n  duolex verify out"
    )]
    Verify(VerifyArgs),
}

/// Options of the commands that walk folders.
#[derive(Args)]
struct WalkArgs {
    /// Only walked files whose path or name matches one of these globs (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out walked files whose path or name matches one of these globs (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Worker threads (default: one per core; at most 4 × the machine's threads).
    #[arg(long, default_value_t = 0, value_parser = parse_jobs)]
    jobs: usize,
    /// Largest file read, in MiB (default 64, or less under a `ulimit -v`); a larger file gets an error row.
    #[arg(long, value_name = "MIB")]
    max_file_mb: Option<u64>,
}

impl WalkArgs {
    fn filter(&self) -> Result<Filter, String> {
        Filter::new(&self.include, &self.exclude)
    }

    fn max_file_bytes(&self) -> u64 {
        max_file_bytes(self.max_file_mb)
    }
}

/// The largest file read: `--max-file-mb`, or 64 MiB — less under a
/// virtual-memory limit (`ulimit -v`), where a file may take at most 1/64 of
/// it (analysing a text takes up to ~30 times its size, 100 for random text).
fn max_file_bytes(mib: Option<u64>) -> u64 {
    if let Some(m) = mib {
        return m.saturating_mul(1 << 20);
    }
    let default = duolex_pipeline::input::DEFAULT_MAX_FILE_BYTES;
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: reads a limit of the calling process into `limit`.
        let got = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } == 0;
        if got && limit.rlim_cur != libc::RLIM_INFINITY {
            return default.min(limit.rlim_cur / 64);
        }
    }
    default
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Files and folders (folders are walked recursively: .txt, .md and extension-less files) [default: corpus]
    paths: Vec<PathBuf>,
    /// Folder for the tables.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Languages to choose among, comma-separated ISO 639-1 codes.
    #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
    langs: Vec<Lang>,
    /// Silence everything but errors.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    terms: TermArgs,
    /// Keyness groups for keyness.csv besides one per document: by `date` month or by `folder`.
    #[arg(long, value_enum)]
    group_by: Option<GroupByArg>,
    /// A reference corpus (file or folder) to compare the whole corpus with in keyness.csv.
    #[arg(long, value_name = "PATH")]
    reference: Option<PathBuf>,
    /// Table format: CSV files, one XLSX workbook (duolex.xlsx), or JSON Lines files.
    #[arg(long, value_enum, default_value_t = TableFormatArg::Csv)]
    format: TableFormatArg,
    /// CSV conventions (with --format csv): `standard` (RFC 4180, exact text), `excel` (byte-order mark, cells protected from conversion), `excel-fr` (the same with `;` and a decimal comma).
    #[arg(long, value_enum, value_name = "PROFILE")]
    csv_profile: Option<CsvProfileArg>,
    /// Leave out terms, n-grams and keys seen fewer than N times.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_count: u64,
    /// Keep at most N rows per document and language (terms, keywords), per language (vocabulary, n-grams) or per group and language (keyness).
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Tables to write, comma-separated (default: all); documents is always written. Without keywords and keyness the statistics pass is skipped.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "TABLE,...")]
    tables: Vec<TableArg>,
}

impl AnalyzeArgs {
    /// The library's configuration of this run.
    fn config(self) -> Result<Config, Box<dyn std::error::Error>> {
        let tables = if self.tables.is_empty() {
            TableSet::ALL
        } else {
            TableSet::with(&self.tables.iter().map(|&t| t.into()).collect::<Vec<_>>())
        };
        if self.reference.is_some() && !tables.has(Table::Keyness) {
            return Err("--reference only adds to keyness, which --tables leaves out".into());
        }
        if self.csv_profile.is_some() && !matches!(self.format, TableFormatArg::Csv) {
            return Err("--csv-profile applies to --format csv only (XLSX cells and JSON Lines values are typed)".into());
        }
        let profile = match self.csv_profile.unwrap_or(CsvProfileArg::Standard) {
            CsvProfileArg::Standard => CsvProfile::Standard,
            CsvProfileArg::Excel => CsvProfile::Excel,
            CsvProfileArg::ExcelFr => CsvProfile::ExcelFr,
        };
        Ok(Config {
            inputs: inputs_or_corpus(self.paths)?,
            out: self.out,
            jobs: self.walk.jobs,
            reference: self.reference,
            format: match self.format {
                TableFormatArg::Csv => OutputFormat::Csv(profile),
                TableFormatArg::Xlsx => OutputFormat::Xlsx,
                TableFormatArg::Jsonl => OutputFormat::Jsonl,
            },
            filter: self.walk.filter()?,
            settings: Settings {
                langs: self.langs,
                terms: self.terms.options()?,
                tables,
                limits: Limits {
                    min_count: self.min_count.max(1),
                    top: self.top,
                },
                group_by: self.group_by.map(|g| match g {
                    GroupByArg::Date => GroupBy::Date,
                    GroupByArg::Folder => GroupBy::Folder,
                }),
                max_file_bytes: self.walk.max_file_bytes(),
            },
        })
    }
}

#[derive(Args)]
struct DetectArgs {
    /// A file, or - for standard input.
    #[arg(default_value = "-")]
    file: String,
    #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
    langs: Vec<Lang>,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Classify each input line on its own: exactly one answer per line.
    #[arg(long)]
    lines: bool,
}

#[derive(Args)]
struct TokensArgs {
    /// A file, or - for standard input.
    #[arg(default_value = "-")]
    file: String,
    /// A language code, or `auto` to tokenise each language run with its own rules.
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Languages for `--lang auto`.
    #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
    langs: Vec<Lang>,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// One output line per input line.
    #[arg(long)]
    lines: bool,
}

#[derive(Args)]
struct KeywordsArgs {
    /// Files and folders (walked like `analyze`) [default: corpus]
    paths: Vec<PathBuf>,
    /// Keyphrases per document and language.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[arg(long, value_enum, default_value_t = KeywordFormatArg::Csv)]
    format: KeywordFormatArg,
    #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
    langs: Vec<Lang>,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    terms: TermArgs,
}

#[derive(Args)]
struct KwicArgs {
    /// The term to look for (a word; matched on its stem in each language).
    term: String,
    /// Files and folders (walked like `analyze`) [default: corpus]
    paths: Vec<PathBuf>,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    width: usize,
    /// Only matches in these languages (default: all of `--langs`).
    #[arg(long, value_delimiter = ',', value_parser = parse_langs)]
    lang: Vec<Lang>,
    #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
    langs: Vec<Lang>,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    terms: TermArgs,
}

#[derive(Args)]
struct VerifyArgs {
    /// The output folder to check.
    #[arg(default_value = "out")]
    dir: PathBuf,
}

/// The batch a `keywords` or `kwic` command runs on.
fn batch(
    paths: Vec<PathBuf>,
    langs: Vec<Lang>,
    walk: WalkArgs,
    terms: TermArgs,
) -> Result<Batch, Box<dyn std::error::Error>> {
    Ok(Batch {
        inputs: inputs_or_corpus(paths)?,
        filter: walk.filter()?,
        jobs: walk.jobs,
        settings: Settings {
            langs,
            terms: terms.options()?,
            max_file_bytes: walk.max_file_bytes(),
            ..Settings::default()
        },
    })
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormatArg {
    Csv,
    Xlsx,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvProfileArg {
    Standard,
    Excel,
    ExcelFr,
}

/// The tables of `duolex analyze`.
#[derive(Clone, Copy, ValueEnum)]
enum TableArg {
    Documents,
    Segments,
    Terms,
    Vocabulary,
    Keywords,
    Ngrams,
    Keyness,
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Documents => Table::Documents,
            TableArg::Segments => Table::Segments,
            TableArg::Terms => Table::Terms,
            TableArg::Vocabulary => Table::Vocabulary,
            TableArg::Keywords => Table::Keywords,
            TableArg::Ngrams => Table::Ngrams,
            TableArg::Keyness => Table::Keyness,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum GroupByArg {
    Date,
    Folder,
}

#[derive(Clone, Copy, ValueEnum)]
enum KeywordFormatArg {
    Csv,
    Jsonl,
}

#[derive(Args)]
struct TermArgs {
    /// Key terms on the lowercase word instead of its Snowball stem.
    #[arg(long)]
    no_stem: bool,
    /// Extra stop words, one per line (added to every language's list).
    #[arg(long, value_name = "FILE")]
    stopwords: Option<PathBuf>,
    /// Words to count even if a stop-word list names them, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "WORD,...")]
    keep: Vec<String>,
}

impl TermArgs {
    /// Reads the `--stopwords` file and builds the term options.
    fn options(self) -> Result<TermOptions, Error> {
        let extra_stop_words = match &self.stopwords {
            Some(p) => Some(std::fs::read_to_string(p).map_err(|source| Error::Input {
                path: p.display().to_string(),
                source,
            })?),
            None => None,
        };
        Ok(TermOptions {
            no_stem: self.no_stem,
            extra_stop_words,
            keep: self.keep,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Jsonl,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
        }
    }
}

fn parse_langs(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

/// `--jobs`: at most four threads per thread of the machine (more only
/// makes a machine grind).
fn parse_jobs(s: &str) -> Result<usize, String> {
    let jobs: usize = s.parse().map_err(|e| format!("{e}"))?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if jobs > threads * 4 {
        return Err(format!(
            "{jobs} is more than 4 × the {threads} threads of this machine (0 = one per thread)"
        ));
    }
    Ok(jobs)
}

/// The inputs given, or `corpus` when none is given and `corpus/` exists.
fn inputs_or_corpus(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    let corpus = PathBuf::from("corpus");
    if corpus.is_dir() {
        Ok(vec![corpus])
    } else {
        Err("no files or folders given, and no corpus/ folder here: name what to analyse (for example `duolex analyze articles/`)".into())
    }
}

/// Writes a message on standard error; false when it cannot be written
/// (a full device, a closed stream): never a panic.
fn tell(message: &str) -> bool {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    err.write_all(message.as_bytes()).is_ok() && err.flush().is_ok()
}

/// Whether `e` (or what caused it) is a closed pipe on standard output:
/// `duolex … | head` ends quietly, as other command-line tools do.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(Error::Output { source, .. }) = c.downcast_ref::<Error>() {
            if source.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        cause = c.source();
    }
    false
}

/// How text goes to standard output: colours only on a terminal and
/// without `NO_COLOR` (no-color.org), control characters of documents made
/// visible on a terminal.
fn terminal() -> Terminal {
    terminal_for(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR"),
    )
}

/// [`terminal`] for a standard output that is or is not a terminal and a
/// `NO_COLOR` value (set and not empty: no colours).
fn terminal_for(tty: bool, no_color: Option<std::ffi::OsString>) -> Terminal {
    let no_color = no_color.is_some_and(|v| !v.is_empty());
    Terminal {
        color: tty && !no_color,
        escape_controls: tty,
    }
}

type Outcome = Result<ExitCode, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    configure_memory();
    let outcome = match Cli::parse().command {
        Command::Analyze(args) => analyze(args),
        Command::Detect(args) => detect(args),
        Command::Tokens(args) => tokens(args),
        Command::Keywords(args) => keywords(args),
        Command::Kwic(args) => kwic(args),
        Command::Verify(args) => verify(args),
    };
    match outcome {
        Ok(code) => code,
        Err(e) if is_broken_pipe(e.as_ref()) => ExitCode::SUCCESS,
        Err(e) => {
            tell(&format!("duolex: error: {e}\n"));
            ExitCode::from(2)
        }
    }
}

/// A progress bar on standard error, by bytes read.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(1);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The end-of-run summary on standard error.
fn summary(report: &RunReport, config: &Config, elapsed: std::time::Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let mb = report.bytes as f64 / 1e6;
    let mut s = format!(
        "duolex: {} files, {} with problems{}; {:.1} MB in {:.2} s ({:.1} MB/s)\n",
        report.files,
        report.problems,
        if report.problems > 0 {
            " (see status and error in documents)"
        } else {
            ""
        },
        mb,
        secs,
        if secs > 0.0 { mb / secs } else { 0.0 }
    );
    for (lang, words) in &report.words {
        let top = report
            .top_terms
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.join(", "))
            .unwrap_or_default();
        s.push_str(&format!("  {lang}: {words} words"));
        if !top.is_empty() {
            s.push_str(&format!("; top terms: {top}"));
        }
        s.push('\n');
    }
    let names: Vec<String> = report
        .tables
        .iter()
        .filter_map(|t| t.path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    s.push_str(&format!(
        "  tables in {}: {} (and run.json)\n",
        config.out.display(),
        names.join(" ")
    ));
    if !report.removed.is_empty() {
        let removed: Vec<String> = report
            .removed
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        s.push_str(&format!(
            "  removed tables of an earlier run that this run did not write: {}\n",
            removed.join(" ")
        ));
    }
    if report.cut_cells > 0 {
        s.push_str(&format!(
            "  warning: {} XLSX cells held more than Excel's {} characters and were cut (they end with {}); CSV and JSONL keep them whole\n",
            report.cut_cells,
            duolex_pipeline::output::XLSX_MAX_CHARS,
            duolex_pipeline::output::XLSX_CUT_MARK
        ));
    }
    s
}

/// Exit code of a batch: 1 when some files had problems.
fn batch_code(problems: usize) -> ExitCode {
    if problems > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Tells of an input with a problem on standard error (batch commands that
/// write no `documents` table).
fn tell_problem((path, status, error): (&str, Status, &str)) {
    tell(&format!("duolex: {path}: {}: {error}\n", status.as_str()));
}

fn analyze(args: AnalyzeArgs) -> Outcome {
    let quiet = args.quiet;
    let jobs = args.walk.jobs;
    let config = args.config()?;
    global_pool(jobs);
    let started = std::time::Instant::now();
    let bar = (!quiet && std::io::stderr().is_terminal()).then(progress_bar);
    let report = run_with_progress(&config, |p| {
        if let Some(bar) = &bar {
            bar.set_length(p.bytes_total.max(1));
            bar.set_position(p.bytes_done);
            bar.set_message(format!("{}/{} files", p.files_done, p.files_total));
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(passed) = report
        .passed_over
        .as_ref()
        .filter(|_| !quiet || report.files == 0)
    {
        let hint = if report.files == 0 {
            "no file to analyse: "
        } else {
            ""
        };
        tell(&format!(
            "duolex: {hint}passed over {passed} in the folders given (.txt, .md, .html and files without an extension are read; take others with --include '*.EXT' or name them)\n"
        ));
    }
    for path in &report.missing {
        tell(&format!(
            "duolex: {}: no such file or folder (it has an error row in documents)\n",
            path.display()
        ));
    }
    if !quiet && !tell(&summary(&report, &config, started.elapsed())) {
        return Ok(ExitCode::from(2));
    }
    Ok(batch_code(report.problems))
}

/// Sizes rayon's global pool (which splits very large files across
/// threads) to `--jobs`.
fn global_pool(jobs: usize) {
    // Only fails if already built, which nothing here does.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build_global();
}

fn detect(args: DetectArgs) -> Outcome {
    check_langs(&args.langs)?;
    let doc = read_one(&args.file, max_file_bytes(None))?;
    let detector = duolex_langdetect::Detector::new(&args.langs);
    let stdout = std::io::stdout().lock();
    if args.lines {
        commands::detect_lines(&doc.text, &detector, args.format.into(), stdout)?;
    } else {
        commands::detect_document(&doc.text, &detector, args.format.into(), terminal(), stdout)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn tokens(args: TokensArgs) -> Outcome {
    check_langs(&args.langs)?;
    let doc = read_one(&args.file, max_file_bytes(None))?;
    let detector = duolex_langdetect::Detector::new(&args.langs);
    let choice = if args.lang.eq_ignore_ascii_case("auto") {
        TokenLang::Auto(&detector)
    } else {
        TokenLang::Fixed(args.lang.parse::<Lang>()?)
    };
    let stdout = std::io::stdout().lock();
    commands::tokens(&doc.text, &choice, args.format.into(), args.lines, stdout)?;
    Ok(ExitCode::SUCCESS)
}

fn keywords(args: KeywordsArgs) -> Outcome {
    global_pool(args.walk.jobs);
    let format = match args.format {
        KeywordFormatArg::Csv => KeywordFormat::Csv,
        KeywordFormatArg::Jsonl => KeywordFormat::Jsonl,
    };
    let batch = batch(args.paths, args.langs, args.walk, args.terms)?;
    let stdout = std::io::stdout().lock();
    let problems = commands::keywords(&batch, args.top, format, stdout, tell_problem)?;
    Ok(batch_code(problems))
}

fn kwic(args: KwicArgs) -> Outcome {
    global_pool(args.walk.jobs);
    let format = args.format.into();
    let batch = batch(args.paths, args.langs, args.walk, args.terms)?;
    let stdout = std::io::stdout().lock();
    let problems = commands::kwic(
        &batch,
        &args.term,
        &args.lang,
        args.width,
        format,
        terminal(),
        stdout,
        tell_problem,
    )?;
    Ok(batch_code(problems))
}

fn verify(args: VerifyArgs) -> Outcome {
    let dir = args.dir.display();
    let checked = duolex_pipeline::output::verify::verify(&args.dir)?;
    if checked.is_consistent() {
        println!(
            "{dir}: one consistent run ({} tables, duolex {})",
            checked.tables.len(),
            checked.duolex
        );
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &checked.problems {
        eprintln!("duolex: {problem}");
    }
    eprintln!("duolex: {dir} does not hold one consistent run");
    Ok(ExitCode::from(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_are_the_pipeline_tables() {
        let tables: Vec<Table> = TableArg::value_variants()
            .iter()
            .map(|&t| t.into())
            .collect();
        assert_eq!(tables, Table::ALL);
        for t in TableArg::value_variants() {
            let name = t.to_possible_value().unwrap();
            assert_eq!(name.get_name(), Table::from(*t).name());
        }
    }

    #[test]
    fn colours_only_on_a_terminal_without_no_color() {
        let t = |tty, v: Option<&str>| terminal_for(tty, v.map(Into::into));
        assert!(t(true, None).color && t(true, None).escape_controls);
        assert!(t(true, Some("")).color);
        assert!(!t(true, Some("1")).color && t(true, Some("1")).escape_controls);
        assert_eq!(t(false, None), Terminal::default());
    }

    /// The option index is not part of the bindings: check it still names the
    /// purge delay (v3's default is 1000 ms unless the environment overrides it)
    /// and that setting it takes.
    #[test]
    fn allocator_settings() {
        // SAFETY: reads a process-wide allocator option.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(MI_OPTION_PURGE_DELAY), 1000);
        }
        configure_memory();
        assert_eq!(get(MI_OPTION_PURGE_DELAY), -1);
        #[cfg(target_os = "linux")]
        // SAFETY: reads a flag of the calling process.
        assert_eq!(
            unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) },
            1
        );
    }
}
