//! # duolex-pipeline
//!
//! The only duolex crate that touches the file system. Its modules, in the
//! order data flows through them:
//!
//! - [`config`]: what the analysis and the tables are asked to be
//!   ([`Settings`], the [`Table`]s, limits, groups, formats) and the
//!   [`Error`]s;
//! - [`input`]: the walk, decoding, and the [`input::Document`] every input
//!   becomes;
//! - [`rows`]: the rows of every table as typed cells;
//! - [`output`]: one sink per format, the spreadsheet guards, number
//!   formatting, the table files and the atomic commit of the set, the
//!   output folder's lock, `run.json` and its verification;
//! - [`engine`]: the API every driver calls (document pass → rows, records,
//!   partial sums; merge; statistics pass), and [`run`], the CLI's driver
//!   (a run's [`Config`]: inputs, output folder, threads);
//! - [`commands`]: what `detect`, `tokens`, `keywords` and `kwic` print.
//!
//! Output bytes never depend on the number of threads or on the order in
//! which the file system lists files.
//!
//! ```
//! use duolex_pipeline::{run, Config, Settings, Table, TableSet};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "L’IA de DeepSeek « impressionne ».").unwrap();
//! let settings = Settings { tables: TableSet::with(&[Table::Vocabulary]), ..Settings::default() };
//! let config = Config { inputs: vec![dir.path().into()], out: dir.path().join("out"), settings, ..Config::default() };
//! let report = run(&config).unwrap();
//! assert_eq!((report.files, report.problems, report.tables.len()), (1, 0, 2));
//! ```

pub mod commands;
pub mod config;
pub mod engine;
pub mod input;
pub mod output;
pub mod rows;

pub use config::{
    CsvProfile, Error, Group, GroupBy, Limits, OutputFormat, Settings, Table, TableSet,
};
pub use engine::{run, run_with_progress, Config, Progress, RunReport};
