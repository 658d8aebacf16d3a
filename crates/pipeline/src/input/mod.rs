//! Reading inputs: the walk (which files, in which order, with which
//! problems), decoding bytes to text, and the [`Document`] every input
//! becomes — a row of `documents.csv` whatever happened to it.

pub mod decode;
mod html;
pub mod walk;

pub use decode::{decode, decode_vec, Decoded, Encoding, Status};
pub use html::html_text;
pub use walk::{
    read_regular, walk, walk_filtered, Contents, Entry, Filter, Kind, Problem, ReadError, Walk,
};

use crate::config::Error;
pub use crate::config::DEFAULT_MAX_FILE_BYTES;
use duolex_analyze::DocAnalysis;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input: what reading and decoding it gave, and (filled by the
/// engine) its analysis.
#[derive(Debug, Clone)]
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
    /// A remark that did not stop the analysis (a file name that is not
    /// UTF-8, mixed encodings).
    pub note: Option<String>,
    /// Text, or HTML whose text was extracted.
    pub kind: Kind,
    /// The decoded text (empty when not decoded); for HTML, the text a
    /// reader sees.
    pub text: String,
    /// Empty until analysed, and for documents that cannot be.
    pub analysis: DocAnalysis,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            path: String::new(),
            status: Status::Error,
            encoding: None,
            bytes: 0,
            replacements: 0,
            error: None,
            note: None,
            kind: Kind::Text,
            text: String::new(),
            analysis: DocAnalysis::default(),
        }
    }
}

impl Document {
    /// A document that could not be read or analysed.
    pub fn failed(entry: &Entry, status: Status, error: String) -> Document {
        Document {
            path: entry.display.clone(),
            status,
            error: Some(error),
            note: entry.note.clone(),
            kind: entry.kind(),
            bytes: entry.bytes,
            ..Document::default()
        }
    }

    /// Reads and decodes a walk entry, at most its size when walked and
    /// nothing of a file larger than `budget` bytes (its `error` row says
    /// so). Never fails: every problem becomes a status and a message.
    pub fn read(entry: &Entry, budget: u64) -> Document {
        if let Some(p) = &entry.problem {
            return Document {
                bytes: 0,
                ..Document::failed(entry, p.status, p.message.clone())
            };
        }
        let bytes = match read_regular(&entry.path, Some(entry.bytes), budget) {
            Ok(Contents::Bytes(b)) => b,
            Ok(Contents::Binary) => {
                return Document {
                    encoding: Some(Encoding::Binary),
                    ..Document::failed(
                        entry,
                        Status::Binary,
                        "binary file (NUL bytes); not analysed".into(),
                    )
                }
            }
            Err(ReadError::NotRegular) => {
                return Document {
                    bytes: 0,
                    ..Document::failed(
                        entry,
                        Status::Skipped,
                        "not a regular file; not opened".into(),
                    )
                }
            }
            Err(ReadError::TooLarge { bytes, budget }) => {
                return Document::failed(
                    entry,
                    Status::Error,
                    format!(
                        "file of {} MiB is larger than the {} MiB a file may take (--max-file-mb); not read",
                        bytes.div_ceil(1 << 20),
                        budget >> 20
                    ),
                )
            }
            Err(ReadError::Io(e)) => {
                return Document {
                    bytes: 0,
                    ..Document::failed(entry, Status::Error, e.to_string())
                }
            }
        };
        let doc = Document::from_bytes(&entry.display, bytes, entry.kind());
        let note = match (&entry.note, &doc.note) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Document { note, ..doc }
    }

    /// A document of `bytes`, decoded like a file of that `kind` (for
    /// drivers that read their inputs themselves).
    ///
    /// ```
    /// use duolex_pipeline::input::{Document, Kind, Status};
    /// let d = Document::from_bytes("a.txt", b"Le mod\xE8le".to_vec(), Kind::Text);
    /// assert_eq!((d.text.as_str(), d.status, d.bytes), ("Le modèle", Status::Ok, 9));
    /// let h = Document::from_bytes("a.html", b"<p>L&rsquo;IA</p>".to_vec(), Kind::Html);
    /// assert_eq!(h.text, "L’IA\n");
    /// ```
    pub fn from_bytes(path: &str, bytes: Vec<u8>, kind: Kind) -> Document {
        let size = bytes.len() as u64;
        let mut decoded = decode_vec(bytes);
        if kind == Kind::Html && decoded.status != Status::Binary {
            decoded.text = html_text(&decoded.text);
            if decoded.text.trim().is_empty() && decoded.status == Status::Ok {
                decoded.status = Status::Empty;
            }
        }
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
            note: decoded.note,
            kind,
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
/// standard input (at most `budget` bytes: an endless input is refused, not
/// chased); decoded like files in a batch, HTML by its extension.
pub fn read_one(path: &str, budget: u64) -> Result<Document, Error> {
    let error = |source| Error::Input {
        path: if path == "-" {
            "standard input".into()
        } else {
            path.to_string()
        },
        source,
    };
    let too_large = || {
        error(std::io::Error::other(format!(
            "more than the {} MiB a document may take",
            budget >> 20
        )))
    };
    let (bytes, kind) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(budget + 1)
            .read_to_end(&mut buf)
            .map_err(error)?;
        if buf.len() as u64 > budget {
            return Err(too_large());
        }
        (buf, Kind::Text)
    } else {
        let path = Path::new(path);
        let bytes = match read_regular(path, None, budget) {
            Ok(Contents::Bytes(b)) => b,
            Ok(Contents::Binary) => Vec::from(&b"\0"[..]),
            Err(ReadError::TooLarge { .. }) => return Err(too_large()),
            Err(ReadError::NotRegular) => {
                return Err(error(std::io::Error::other("not a regular file")))
            }
            Err(ReadError::Io(e)) => return Err(error(e)),
        };
        (bytes, Kind::of(path))
    };
    Ok(Document::from_bytes(path, bytes, kind))
}
