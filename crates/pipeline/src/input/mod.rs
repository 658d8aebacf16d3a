//! Reading inputs: the walk (which files, in which order, with which
//! problems), decoding bytes to text, and the [`Document`] every input
//! becomes — a row of `documents.csv` whatever happened to it.

pub mod decode;
pub mod walk;

pub use decode::{decode, decode_vec, Decoded, Encoding, Status};
pub use walk::{read_regular, walk, walk_filtered, Entry, Filter, Problem, ReadError};

use crate::config::Error;
use duolex_analyze::DocAnalysis;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input: what reading and decoding it gave, and (filled by the
/// engine) its analysis.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The path as shown in tables.
    pub path: String,
    pub status: Status,
    /// `None` when the file was not read.
    pub encoding: Option<Encoding>,
    /// Bytes read (or, for a file that failed while analysed, its size).
    pub bytes: u64,
    /// U+FFFD characters decoding inserted.
    pub replacements: u64,
    /// Why the document has a problem status.
    pub error: Option<String>,
    /// A remark that did not stop the analysis (a file name that is not UTF-8).
    pub note: Option<String>,
    /// The decoded text (empty when not decoded).
    pub text: String,
    /// Empty until analysed, and for documents that cannot be.
    pub analysis: DocAnalysis,
}

impl Document {
    /// A document that could not be read or analysed.
    pub fn failed(entry: &Entry, status: Status, error: String) -> Document {
        Document {
            path: entry.display.clone(),
            status,
            error: Some(error),
            note: entry.note.clone(),
            ..Document::default()
        }
    }

    /// Reads and decodes a walk entry. Never fails: every problem becomes
    /// a status and a message.
    pub fn read(entry: &Entry) -> Document {
        if let Some(p) = &entry.problem {
            return Document::failed(entry, p.status, p.message.clone());
        }
        let bytes = match read_regular(&entry.path) {
            Ok(b) => b,
            Err(ReadError::NotRegular) => {
                return Document::failed(
                    entry,
                    Status::Skipped,
                    "not a regular file; not opened".into(),
                )
            }
            Err(ReadError::Io(e)) => return Document::failed(entry, Status::Error, e.to_string()),
        };
        Document {
            note: entry.note.clone(),
            ..Document::from_bytes(&entry.display, bytes)
        }
    }

    /// A document of `bytes`, decoded like a file (for drivers that read
    /// their inputs themselves).
    ///
    /// ```
    /// use duolex_pipeline::input::{Document, Status};
    /// let d = Document::from_bytes("a.txt", b"Le mod\xE8le".to_vec());
    /// assert_eq!((d.text.as_str(), d.status, d.bytes), ("Le modèle", Status::Ok, 9));
    /// ```
    pub fn from_bytes(path: &str, bytes: Vec<u8>) -> Document {
        let size = bytes.len() as u64;
        let decoded = decode_vec(bytes);
        let error = match decoded.status {
            Status::Binary => Some("binary file (NUL bytes); not analysed".to_string()),
            Status::DecodeErrors => Some(format!(
                "{} invalid byte sequence(s) replaced by U+FFFD",
                decoded.replacements
            )),
            _ => None,
        };
        Document {
            path: path.to_string(),
            status: decoded.status,
            encoding: Some(decoded.encoding),
            bytes: size,
            replacements: decoded.replacements,
            error,
            note: None,
            text: decoded.text,
            analysis: DocAnalysis::default(),
        }
    }

    /// Whether the document's text is analysed (decoded, possibly with
    /// replaced bytes).
    pub fn is_analysable(&self) -> bool {
        matches!(self.status, Status::Ok | Status::DecodeErrors)
    }
}

/// The paths of `inputs` that name nothing (not even a dangling link).
pub fn missing(inputs: &[PathBuf]) -> Vec<&PathBuf> {
    inputs
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .collect()
}

/// Checks that some of `inputs` exist: when none does, the error names the
/// first (a run with nothing to read writes nothing). The missing ones of a
/// partly missing list still get their `documents` row, with an `error`
/// status, from the walk.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<(), Error> {
    let missing = missing(inputs);
    match missing.first() {
        Some(first) if missing.len() == inputs.len() => Err(not_found(first)),
        _ => Ok(()),
    }
}

/// The error of an input that names nothing, as the system words it.
pub fn not_found(path: &Path) -> Error {
    let source = std::fs::symlink_metadata(path)
        .err()
        .unwrap_or_else(|| std::io::ErrorKind::NotFound.into());
    Error::Input {
        path: path.display().to_string(),
        source,
    }
}

/// Reads one document for the single-document commands: a path, or `-` for
/// standard input; decoded like files in a batch.
pub fn read_one(path: &str) -> Result<Decoded, Error> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
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
