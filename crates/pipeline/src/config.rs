//! What a run is asked to do: the tables, their limits and groups, the
//! analysis settings, the output format — and the errors of a run.

use duolex_analyze::TermOptions;
use duolex_tokenize::Lang;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// A table of `duolex analyze`, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Documents,
    Segments,
    Terms,
    Vocabulary,
    Keywords,
    Ngrams,
    Keyness,
}

impl Table {
    /// Every table, in output order.
    pub const ALL: [Table; 7] = [
        Table::Documents,
        Table::Segments,
        Table::Terms,
        Table::Vocabulary,
        Table::Keywords,
        Table::Ngrams,
        Table::Keyness,
    ];

    /// The table's name (its file name without extension).
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Segments => "segments",
            Table::Terms => "terms",
            Table::Vocabulary => "vocabulary",
            Table::Keywords => "keywords",
            Table::Ngrams => "ngrams",
            Table::Keyness => "keyness",
        }
    }

    /// The table's columns (`terms` without its optional `group` column,
    /// see [`Settings::columns`]).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Documents => &[
                "path",
                "status",
                "encoding",
                "bytes",
                "date",
                "main_lang",
                "segments",
                "tokens",
                "words",
                "words_by_lang",
                "error",
                "replacements",
                "note",
                "format",
            ],
            Table::Segments => &[
                "path",
                "segment",
                "start",
                "end",
                "lang",
                "kind",
                "confidence",
                "text",
            ],
            Table::Terms => &["path", "lang", "term", "stem", "count", "tf"],
            Table::Vocabulary => &["lang", "term", "stem", "count", "documents", "share"],
            Table::Keywords => &["path", "lang", "rank", "keyword", "score"],
            Table::Ngrams => &["lang", "ngram", "n", "count", "documents", "score"],
            Table::Keyness => &[
                "group",
                "lang",
                "term",
                "count",
                "expected",
                "g2",
                "log_ratio",
            ],
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Table {
    type Err = String;

    fn from_str(s: &str) -> Result<Table, String> {
        Table::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
                format!("no table named `{s}` (tables: {})", names.join(", "))
            })
    }
}

/// A set of [`Table`]s for a run to write. `documents` is always in it: it
/// lists every input with its status.
///
/// ```
/// use duolex_pipeline::{Table, TableSet};
/// let t = TableSet::with(&[Table::Segments, Table::Keyness]);
/// assert_eq!(t.tables().collect::<Vec<_>>(), [Table::Documents, Table::Segments, Table::Keyness]);
/// assert!(!t.has(Table::Terms) && TableSet::ALL.has(Table::Terms));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSet(u8);

impl TableSet {
    /// Every table.
    pub const ALL: TableSet = TableSet((1 << Table::ALL.len()) - 1);

    /// `documents` and the tables given.
    pub fn with(tables: &[Table]) -> TableSet {
        TableSet(
            tables
                .iter()
                .fold(Table::Documents.bit(), |set, t| set | t.bit()),
        )
    }

    /// Whether the set holds `table`.
    pub fn has(self, table: Table) -> bool {
        self.0 & table.bit() != 0
    }

    /// The tables of the set, in output order.
    pub fn tables(self) -> impl Iterator<Item = Table> {
        Table::ALL.into_iter().filter(move |t| self.has(*t))
    }

    /// Whether a table of the set needs terms and n-grams counted (with
    /// only `documents` and `segments`, words are counted but not terms).
    pub fn needs_terms(self) -> bool {
        self.0 & !(Table::Documents.bit() | Table::Segments.bit()) != 0
    }

    /// Whether the set needs the statistics pass (per-document records
    /// read back once the corpus totals are known).
    pub fn needs_statistics(self) -> bool {
        self.has(Table::Keywords) || self.has(Table::Keyness)
    }
}

/// What to keep of the big tables: terms seen at least `min_count` times,
/// and at most `top` rows per document and language (`terms`, `keywords`)
/// or per language (`vocabulary`, `ngrams`) or per group and language
/// (`keyness`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub min_count: u64,
    pub top: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            min_count: 1,
            top: None,
        }
    }
}

impl Limits {
    /// Whether the `rank`-th row (0-based) of a group, seen `count` times, is kept.
    pub fn keeps(&self, rank: usize, count: u64) -> bool {
        count >= self.min_count && self.top.is_none_or(|t| rank < t)
    }
}

/// How documents are grouped for keyness, besides one group per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By the `date` marker's month (`YYYY-MM`); undated documents form no group.
    Date,
    /// By the folder holding the file.
    Folder,
}

impl GroupBy {
    /// The group of a document: its month (none for an undated document)
    /// or its folder.
    ///
    /// ```
    /// use duolex_pipeline::{Group, GroupBy};
    /// assert_eq!(GroupBy::Date.group_of("a/b.txt", Some("2025-01-31")), Some(Group::Date("2025-01".into())));
    /// assert_eq!(GroupBy::Folder.group_of("a/b.txt", None).unwrap().to_string(), "folder:a");
    /// ```
    pub fn group_of(self, path: &str, date: Option<&str>) -> Option<Group> {
        match self {
            GroupBy::Date => date.map(|d| Group::Date(d[..d.len().min(7)].to_string())),
            GroupBy::Folder => Some(Group::Folder(
                std::path::Path::new(path)
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            )),
        }
    }

    /// The name used in options and `run.json`.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Date => "date",
            GroupBy::Folder => "folder",
        }
    }
}

/// A group of `keyness.csv`. The variants' order is the table's order:
/// months, then each document (in walk order, which is path order), then
/// folders, then the reference comparison.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Group {
    /// `date:YYYY-MM`
    Date(String),
    /// `doc:PATH`
    Document(String),
    /// `folder:DIR`
    Folder(String),
    /// `reference`: the corpus against a reference corpus.
    Reference,
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::Date(d) => write!(f, "date:{d}"),
            Group::Document(p) => write!(f, "doc:{p}"),
            Group::Folder(d) => write!(f, "folder:{d}"),
            Group::Reference => f.write_str("reference"),
        }
    }
}

/// The default largest file read: 64 MiB. A larger one gets an `error`
/// row (analysing a text takes up to about 30 times its size in memory,
/// 100 times for random text; see the README).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 << 20;

/// How to analyse and what to compute: everything the tables' contents
/// depend on, whichever driver (the CLI, Python, Spark) runs the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Languages to choose among (French and English when empty).
    pub langs: Vec<Lang>,
    pub terms: TermOptions,
    /// The tables to compute (`documents` always).
    pub tables: TableSet,
    /// Size limits of the big tables.
    pub limits: Limits,
    /// Keyness groups besides one per document (and the `group` column of
    /// `terms`).
    pub group_by: Option<GroupBy>,
    /// The largest file read, in bytes: a larger one gets an `error` row.
    pub max_file_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            langs: vec![Lang::Fr, Lang::En],
            terms: TermOptions::default(),
            tables: TableSet::ALL,
            limits: Limits::default(),
            group_by: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

impl Settings {
    /// Checks what the settings ask for: a language named twice would
    /// change the detector's decisions, so it is refused.
    ///
    /// ```
    /// use duolex_pipeline::Settings;
    /// use duolex_tokenize::Lang;
    /// let twice = Settings { langs: vec![Lang::Fr, Lang::En, Lang::Fr], ..Settings::default() };
    /// assert_eq!(twice.check().unwrap_err(), "--langs names fr twice");
    /// assert!(Settings::default().check().is_ok());
    /// ```
    pub fn check(&self) -> Result<(), String> {
        check_langs(&self.langs)
    }

    /// The columns of `table` in this run: `terms` gains `group` with
    /// `--group-by`.
    pub fn columns(&self, table: Table) -> &'static [&'static str] {
        match table {
            Table::Terms if self.group_by.is_some() => {
                &["path", "lang", "term", "stem", "count", "tf", "group"]
            }
            t => t.columns(),
        }
    }

    /// `--group-by`, when the run computes `keyness` (the only table whose
    /// sums have groups).
    pub fn keyness_groups(&self) -> Option<GroupBy> {
        self.group_by.filter(|_| self.tables.has(Table::Keyness))
    }
}

/// Refuses a language list that names a language twice.
pub fn check_langs(langs: &[Lang]) -> Result<(), String> {
    for (i, l) in langs.iter().enumerate() {
        if langs[..i].contains(l) {
            return Err(format!("--langs names {l} twice"));
        }
    }
    Ok(())
}

/// CSV conventions for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvProfile {
    /// RFC 4180: `,`, decimal point, no byte-order mark.
    Standard,
    /// Excel in an English locale: byte-order mark (so UTF-8 is read as
    /// UTF-8), `,`, decimal point.
    Excel,
    /// Excel in a French locale: byte-order mark, `;`, decimal comma.
    ExcelFr,
}

impl CsvProfile {
    /// The name used in options and `run.json`.
    pub fn name(self) -> &'static str {
        match self {
            CsvProfile::Standard => "standard",
            CsvProfile::Excel => "excel",
            CsvProfile::ExcelFr => "excel-fr",
        }
    }
}

/// The output format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Csv(CsvProfile),
    /// One workbook `duolex.xlsx`, one sheet per table.
    Xlsx,
    /// One `.jsonl` file per table, one object per row.
    Jsonl,
}

impl OutputFormat {
    /// File extension of a table in this format.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Csv(_) => "csv",
            OutputFormat::Xlsx => "xlsx",
            OutputFormat::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputFormat::Csv(p) => write!(f, "csv ({})", p.name()),
            OutputFormat::Xlsx => f.write_str("xlsx"),
            OutputFormat::Jsonl => f.write_str("jsonl"),
        }
    }
}

/// A failure of the run itself (as opposed to one bad file).
#[derive(Debug)]
pub enum Error {
    /// The output folder or a table cannot be written.
    Output { path: PathBuf, source: io::Error },
    /// Worker threads could not start.
    Threads(io::Error),
    /// An input cannot be read: no input of a run exists, the reference
    /// corpus is missing, or a single-document command cannot read its file.
    Input { path: String, source: io::Error },
    /// The settings ask for something impossible (a language named twice).
    Settings(String),
}

impl Error {
    /// An output error at `path`.
    pub fn output(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Output {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Output { path, source } => {
                write!(f, "cannot write output {}: {source}", path.display())
            }
            Error::Threads(e) => write!(f, "cannot start worker threads: {e}"),
            Error::Input { path, source } => write!(f, "cannot read {path}: {source}"),
            Error::Settings(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for Error {}
