//! What the commands other than `analyze` print: `detect` and `tokens` for
//! one document, `keywords` and `kwic` for a batch (through the engine's
//! streaming passes). Writers are generic over `io::Write` so tests can
//! write to a `Vec<u8>`.

mod batch;
mod single;

pub use batch::{keywords, kwic, kwic_document, Batch, KeywordFormat, KwicLine};
pub use single::{detect_document, detect_lines, lines, tokens, TokenLang};

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
