//! The token type: a byte span and a kind.

/// What a token is, so that counting can choose what to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// A word (letters, possibly with digits, hyphens or inner apostrophes),
    /// abbreviations with their full stop (`M.`) and French inverted
    /// pronouns (`-t-il`).
    Word,
    /// A number, possibly with a sign, decimal separators or digit grouping;
    /// times (`08:02`), dates (`08/16/2000`) and phone numbers too.
    Number,
    /// A French or Italian elided article or pronoun with its apostrophe (`l’`, `qu'`).
    Elision,
    /// An English clitic split off a word (`'s`).
    Clitic,
    /// A web address (`https://…`, `www.…`).
    Url,
    /// An e-mail address.
    Email,
    /// An `@mention`.
    Mention,
    /// A `#hashtag`.
    Hashtag,
    /// An emoji or an emoticon (`🚀`, `:-)`).
    Emoji,
    /// What would be a word, number, mention, hashtag or emoji but is longer
    /// than [`MAX_TOKEN_BYTES`]: no word (a base64 blob, a hash, text whose
    /// spaces were lost). A token, never a word or a term.
    Blob,
}

/// The longest word, number, elision, clitic, mention, hashtag or emoji, in
/// bytes; a longer one is a [`TokenKind::Blob`]. URLs and e-mail addresses
/// may be longer. The rules that read a token's letters (stemming, language
/// evidence, counting) thus never see more than this many bytes at once.
pub const MAX_TOKEN_BYTES: usize = 256;

impl TokenKind {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Elision => "elision",
            TokenKind::Clitic => "clitic",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Mention => "mention",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Emoji => "emoji",
            TokenKind::Blob => "blob",
        }
    }
}

/// A token: a byte span of the text it came from, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token as written.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}
