//! What the commands other than `analyze` print: `detect` and `tokens` for
//! one document, `keywords` and `kwic` for a batch (through the engine's
//! streaming passes). Writers are generic over `io::Write` so tests can
//! write to a `Vec<u8>`.

mod batch;
mod single;

pub use batch::{keywords, kwic, kwic_document, Batch, KeywordFormat, KwicLine};
pub use single::{detect_document, detect_lines, lines, tokens, TokenLang};

use std::borrow::Cow;

/// How text output is shown: with colours, and with the control
/// characters of documents made visible (on a terminal, an escape sequence
/// in a document would otherwise drive the terminal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    pub color: bool,
    pub escape_controls: bool,
}

/// `text` with its control characters made visible (`\x1b`, `\u{9b}`)
/// when `escape`, line breaks and tabs kept (a carriage return only before
/// a line feed).
///
/// ```
/// use duolex_pipeline::commands::visible;
/// assert_eq!(visible("a\x1b[31mb\r\nc\td", true), "a\\x1b[31mb\r\nc\td");
/// assert_eq!(visible("a\x1b", false), "a\x1b");
/// ```
pub fn visible(text: &str, escape: bool) -> Cow<'_, str> {
    let keep = |c: char, next: Option<char>| {
        !c.is_control() || c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'))
    };
    let mut chars = text.chars().peekable();
    let mut plain = true;
    while let Some(c) = chars.next() {
        plain &= keep(c, chars.peek().copied());
    }
    if !escape || plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if keep(c, chars.peek().copied()) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Output formats of `detect`, `tokens` and `kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: runs shown with brackets, or colours on a terminal.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}
