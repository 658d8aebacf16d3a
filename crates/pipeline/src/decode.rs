//! Bytes to text: byte-order marks, UTF-8, UTF-16, binary detection.

/// What happened to a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Decoded cleanly and analysed.
    Ok,
    /// No text at all (zero bytes, a byte-order mark alone, or only white space).
    Empty,
    /// Looks like a binary file (NUL bytes); not analysed.
    Binary,
    /// Decoded with replacement characters for invalid bytes, then analysed.
    DecodeErrors,
    /// Not a regular file (FIFO, socket, device), or a repeat of a file already seen.
    Skipped,
    /// Could not be read.
    Error,
}

impl Status {
    /// The name used in `documents.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Binary => "binary",
            Status::DecodeErrors => "decode_errors",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }

    /// Whether the status is a problem worth exit code 1.
    pub fn is_problem(self) -> bool {
        !matches!(self, Status::Ok | Status::Empty)
    }
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text; byte offsets in every table refer to it.
    pub text: String,
    /// The encoding used: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`.
    pub encoding: &'static str,
    pub status: Status,
}

/// How many leading bytes are inspected for NUL bytes.
const BINARY_SNIFF: usize = 8192;

/// Decodes a file's bytes. Never fails: invalid bytes become U+FFFD and the
/// status says so.
///
/// ```
/// use duolex_pipeline::decode::{decode, Status};
/// let d = decode(b"\xEF\xBB\xBFl\xE2\x80\x99IA");
/// assert_eq!((d.text.as_str(), d.encoding, d.status), ("l’IA", "utf-8-bom", Status::Ok));
/// assert_eq!(decode(b"\xFF\xFEa\x00").text, "a");
/// assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00").status, Status::Binary);
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding, lossy) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, lossy) = utf8(rest);
        (t, "utf-8-bom", lossy)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (t, lossy) = utf16(rest, u16::from_le_bytes);
        (t, "utf-16le", lossy)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (t, lossy) = utf16(rest, u16::from_be_bytes);
        (t, "utf-16be", lossy)
    } else {
        if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
            return Decoded {
                text: String::new(),
                encoding: "binary",
                status: Status::Binary,
            };
        }
        let (t, lossy) = utf8(bytes);
        (t, "utf-8", lossy)
    };
    let status = if text.trim().is_empty() {
        Status::Empty
    } else if lossy {
        Status::DecodeErrors
    } else {
        Status::Ok
    };
    Decoded {
        text,
        encoding,
        status,
    }
}

fn utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_statuses() {
        assert_eq!(decode(b"").status, Status::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF").status, Status::Empty);
        assert_eq!(decode(b" \n\t").status, Status::Empty);
        let be = decode(b"\xFE\xFF\x00\xE9\x00t\x00\xE9");
        assert_eq!((be.text.as_str(), be.encoding), ("été", "utf-16be"));
        let bad = decode(b"caf\xE9 au lait");
        assert_eq!(bad.status, Status::DecodeErrors);
        assert_eq!(bad.text, "caf\u{FFFD} au lait");
    }
}
