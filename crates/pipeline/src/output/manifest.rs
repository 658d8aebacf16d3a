//! `run.json`: how a run's tables were made — duolex's version, the
//! options, the inputs, and every table's length and SHA-256 digest.

use super::Written;
use serde::Serialize;
use std::collections::BTreeMap;

/// What `run.json` holds.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    pub duolex: &'static str,
    pub options: Options<'a>,
    /// Entries met by the walk.
    pub inputs: usize,
    /// Entries with a problem status.
    pub problems: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Each table's file name, length and digest.
    pub outputs: BTreeMap<String, Digest>,
}

/// The options of a run, as given.
#[derive(Debug, Serialize)]
pub struct Options<'a> {
    pub inputs: Vec<String>,
    pub langs: Vec<&'static str>,
    pub format: String,
    pub stem: bool,
    pub extra_stop_words: bool,
    pub keep: &'a [String],
    pub min_count: u64,
    pub top: Option<usize>,
    pub group_by: Option<&'static str>,
    pub reference: Option<String>,
    pub tables: Vec<&'static str>,
}

/// A table's length and SHA-256 digest (hexadecimal).
#[derive(Debug, Serialize)]
pub struct Digest {
    pub bytes: u64,
    pub sha256: String,
}

impl<'a> Manifest<'a> {
    /// The manifest of a run with `options` that met `inputs` entries.
    pub fn new(
        options: Options<'a>,
        inputs: usize,
        problems: usize,
        bytes: u64,
        tables: &[Written],
    ) -> Self {
        Manifest {
            duolex: env!("CARGO_PKG_VERSION"),
            options,
            inputs,
            problems,
            bytes,
            outputs: tables
                .iter()
                .map(|t| {
                    let name = t.path.file_name().unwrap_or_default();
                    let digest = Digest {
                        bytes: t.bytes,
                        sha256: t.sha256_hex(),
                    };
                    (name.to_string_lossy().into_owned(), digest)
                })
                .collect(),
        }
    }

    /// The manifest as `run.json` holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}
