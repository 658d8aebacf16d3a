//! The `duolex` command: parses arguments and wires library calls.
//! Exit codes: 0 all files fine, 1 some files had problems, 2 the run failed.

use clap::{Parser, Subcommand, ValueEnum};
use duolex_pipeline::analyze::{Analyzer, TermOptions};
use duolex_pipeline::commands::{self, Format, TokenLang};
use duolex_pipeline::keyword_commands::{self, KeywordFormat};
use duolex_pipeline::stats_tables::GroupBy;
use duolex_pipeline::{run, Config, Error};
use duolex_tokenize::Lang;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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
        after_help = "Examples:\n  duolex analyze corpus --out out\n  duolex analyze articles/ notes.txt --langs fr,en,de --jobs 4 --quiet"
    )]
    Analyze {
        /// Files and folders (folders are walked recursively: .txt, .md and extension-less files).
        #[arg(default_value = "corpus")]
        paths: Vec<PathBuf>,
        /// Folder for the tables.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Languages to choose among, comma-separated ISO 639-1 codes.
        #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
        langs: Vec<Lang>,
        /// Worker threads (default: one per core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Silence everything but errors.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        terms: TermArgs,
        /// Keyness groups for keyness.csv besides one per document: by `date` month or by `folder`.
        #[arg(long, value_enum)]
        group_by: Option<GroupByArg>,
        /// A reference corpus (file or folder) to compare the whole corpus with in keyness.csv.
        #[arg(long, value_name = "PATH")]
        reference: Option<PathBuf>,
    },
    /// Show the language runs of one document (body and quotes).
    #[command(
        after_help = "Examples:\n  duolex detect corpus/000_b64b29fc75215990.txt\n  duolex detect article.txt --format jsonl\n  printf 'les données\\nthe data\\n' | duolex detect --lines --format jsonl"
    )]
    Detect {
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
    },
    /// Print the word tokens of a text (stop words and elisions included, no punctuation).
    #[command(
        after_help = "Examples:\n  echo \"l’IA d’OpenAI\" | duolex tokens --lang fr\n  duolex tokens article.txt --format jsonl\n  duolex tokens sentences.txt --lang en --lines --format jsonl"
    )]
    Tokens {
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
    },
    /// Rank the keyphrases (1–3 words) of every document and language.
    #[command(
        after_help = "Document frequencies come from the files given: rank a whole folder at once.\n\nExamples:\n  duolex keywords corpus --top 5\n  duolex keywords articles/ --format jsonl > keywords.jsonl"
    )]
    Keywords {
        /// Files and folders (walked like `analyze`).
        #[arg(default_value = "corpus")]
        paths: Vec<PathBuf>,
        /// Keyphrases per document and language.
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[arg(long, value_enum, default_value_t = KeywordFormatArg::Csv)]
        format: KeywordFormatArg,
        #[arg(long, default_value = "fr,en", value_delimiter = ',', value_parser = parse_langs)]
        langs: Vec<Lang>,
        /// Worker threads (default: one per core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        #[command(flatten)]
        terms: TermArgs,
    },
    /// Show every occurrence of a term in context (matched by stem: `modèle` finds `modèles`).
    #[command(
        after_help = "Examples:\n  duolex kwic modèle corpus\n  duolex kwic model corpus --lang en --width 30 --format jsonl"
    )]
    Kwic {
        /// The term to look for (a word; matched on its stem in each language).
        term: String,
        /// Files and folders (walked like `analyze`).
        #[arg(default_value = "corpus")]
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
        terms: TermArgs,
    },
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

#[derive(clap::Args)]
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

fn main() -> ExitCode {
    match dispatch(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("duolex: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Reads the `--stopwords` file and builds the term options.
fn term_options(terms: TermArgs) -> Result<TermOptions, Error> {
    let extra_stop_words = match &terms.stopwords {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|source| Error::Input {
            path: p.display().to_string(),
            source,
        })?),
        None => None,
    };
    Ok(TermOptions {
        no_stem: terms.no_stem,
        extra_stop_words,
        keep: terms.keep,
    })
}

/// Exit code of a batch: 1 when some files had problems.
fn batch_code(docs: &[duolex_pipeline::tables::DocResult]) -> ExitCode {
    if docs.iter().any(|d| d.status.is_problem()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn dispatch(command: Command) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match command {
        Command::Keywords {
            paths,
            top,
            format,
            langs,
            jobs,
            terms,
        } => {
            let analyzer = Analyzer::new(&langs, &term_options(terms)?);
            let (docs, corpus) = keyword_commands::analyze_inputs(&paths, &analyzer, jobs)?;
            let format = match format {
                KeywordFormatArg::Csv => KeywordFormat::Csv,
                KeywordFormatArg::Jsonl => KeywordFormat::Jsonl,
            };
            let params = keyword_commands::KeyphraseParams::default();
            keyword_commands::keywords(
                &docs,
                &corpus,
                top,
                &params,
                format,
                std::io::stdout().lock(),
            )?;
            Ok(batch_code(&docs))
        }
        Command::Kwic {
            term,
            paths,
            width,
            lang,
            langs,
            format,
            terms,
        } => {
            let analyzer = Analyzer::new(&langs, &term_options(terms)?);
            let (docs, _) = keyword_commands::analyze_inputs(&paths, &analyzer, 0)?;
            let lines: Vec<_> = docs
                .iter()
                .flat_map(|d| {
                    keyword_commands::kwic_document(d, &term, analyzer.term_rules(), &lang, width)
                })
                .collect();
            keyword_commands::write_kwic(&lines, format.into(), width, std::io::stdout().lock())?;
            Ok(batch_code(&docs))
        }
        Command::Analyze {
            paths,
            out,
            langs,
            jobs,
            quiet,
            terms,
            group_by,
            reference,
        } => {
            let config = Config {
                inputs: paths,
                out,
                langs,
                jobs,
                terms: term_options(terms)?,
                group_by: group_by.map(|g| match g {
                    GroupByArg::Date => GroupBy::Date,
                    GroupByArg::Folder => GroupBy::Folder,
                }),
                reference,
            };
            let report = run(&config)?;
            if !quiet {
                let words: Vec<String> = report
                    .words
                    .iter()
                    .map(|(l, n)| format!("{n} {l}"))
                    .collect();
                eprintln!(
                    "duolex: {} files ({} with problems), words: {}; tables in {}",
                    report.files,
                    report.problems,
                    if words.is_empty() {
                        "none".to_string()
                    } else {
                        words.join(", ")
                    },
                    config.out.display()
                );
            }
            Ok(if report.problems > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Detect {
            file,
            langs,
            format,
            lines,
        } => {
            let doc = duolex_pipeline::read_document(&file)?;
            let detector = duolex_langdetect::Detector::new(&langs);
            let stdout = std::io::stdout().lock();
            if lines {
                commands::detect_lines(&doc.text, &detector, format.into(), stdout)?;
            } else {
                let color = std::io::stdout().is_terminal();
                commands::detect_document(&doc.text, &detector, format.into(), color, stdout)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tokens {
            file,
            lang,
            langs,
            format,
            lines,
        } => {
            let doc = duolex_pipeline::read_document(&file)?;
            let detector = duolex_langdetect::Detector::new(&langs);
            let choice = if lang.eq_ignore_ascii_case("auto") {
                TokenLang::Auto(&detector)
            } else {
                TokenLang::Fixed(lang.parse::<Lang>()?)
            };
            commands::tokens(
                &doc.text,
                &choice,
                format.into(),
                lines,
                std::io::stdout().lock(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
