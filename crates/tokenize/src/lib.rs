//! # duolex-tokenize
//!
//! The first analysis stage of duolex: the [`Lang`] type shared by every
//! crate, the structure of a text ([`units`]: paragraphs and *pieces* cut at
//! sentence ends, quotation marks and line breaks), and language-aware word
//! tokens with byte spans ([`token`]).
//!
//! Everything here is a pure function over `&str`: nothing fails, nothing
//! prints. Every span slices the text it was computed from.
//!
//! ```
//! use duolex_tokenize::{tokenize, Lang, TokenKind};
//!
//! let text = "Sam Altman a reconnu que l’IA de DeepSeek était « impressionnante ».";
//! let tokens = tokenize(text, Some(Lang::Fr));
//! let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
//! assert_eq!(words[5..8], ["l’", "IA", "de"]);
//! assert_eq!(tokens[5].kind, TokenKind::Elision);
//! assert_eq!(&text[tokens[6].start..tokens[6].end], "IA");
//! ```

mod abbrev;
pub mod form;
pub mod lang;
pub mod token;
pub mod units;
pub mod word;

pub use lang::{Lang, UnknownLang};
pub use token::{tokenize, tokenize_into, Token, TokenKind, MAX_TOKEN_BYTES};
pub use units::{pieces, Boundary, Piece};
