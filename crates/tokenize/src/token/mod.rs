//! Word tokens with byte spans.
//!
//! The text is cut into white-space separated chunks (no-break and thin
//! spaces separate chunks too). In each chunk:
//!
//! 1. URLs, e-mail addresses, `@mentions` and `#hashtags` are found first and
//!    kept whole (module `special`);
//! 2. a chunk that is a plain word with some punctuation around it (most
//!    chunks of running text) takes a fast path that needs no segmentation;
//! 3. anything else is cut at Unicode word boundaries (UAX #29, through
//!    `unicode-segmentation`; ASCII text through a small implementation of
//!    the same rules, module `ascii_bounds`), and the segments are joined
//!    back where UAX #29 cuts too much: hyphenated compounds (`États-Unis`,
//!    `GPT-4o`), abbreviations with their full stop (`M.`, `U.S.`, `J.-C.`, `etc.`),
//!    times (`08:02`), dates (`08/16/2000`), short slash forms (`km/h`,
//!    `b/c`), signed numbers (`-0,8`); emoticons (`:-)`) and emoji are
//!    typed [`TokenKind::Emoji`];
//! 4. each word then goes through its language's rules (modules `fr`, `en`,
//!    chosen by `route`; rules both use are in `shared`):
//!    French elisions split off with their apostrophe (`l’` + `IA`) while
//!    `aujourd’hui` stays whole, French inverted pronouns split as UD does
//!    (`a` + `-t-il`), English hyphenated compounds split as UD does
//!    (`15-year` → `15` + `year`, but `e-mail`, `non-human`), English
//!    possessive `'s` split off (`DeepSeek` + `'s`) while contractions stay
//!    as written (`don't`); numbers and their units split (`160km` → `160` +
//!    `km`, `20h30` → `20` + `h` + `30`).
//!
//! Finally numbers grouped by no-break or thin spaces (and, in French, plain
//! spaces: `80 000`) are joined. Punctuation is never a token. A token
//! longer than [`MAX_TOKEN_BYTES`] (URLs and e-mail addresses aside) is no
//! word: it becomes a [`TokenKind::Blob`], which nothing after tokenisation
//! reads letter by letter.
//!
//! Time is linear in the length of the text, whatever it holds: every rule
//! looks at a bounded neighbourhood or passes over its span once
//! (`bench/growth.py` checks it on hostile inputs).
//!
//! The conventions follow the Universal Dependencies treebanks (French GSD,
//! English EWT) where a word is what a linguist counts; the tests in
//! `crates/tokenize/tests/` hold one table of sentences per language.
//!
//! Performance: nothing is allocated per token. One scratch vector of
//! segments is allocated per call, and only when a chunk needs
//! segmentation.

mod ascii_bounds;
mod en;
mod fr;
mod kind;
mod route;
mod shared;
mod special;

pub use kind::{Token, TokenKind, MAX_TOKEN_BYTES};

use crate::abbrev::{is_initial, keeps_full_stop, Langs};
use crate::lang::Lang;
use unicode_segmentation::UnicodeSegmentation;

/// Tokenises `text` with the rules of `lang` (`None`: language-neutral rules,
/// no elision, clitic or compound splitting).
///
/// ```
/// use duolex_tokenize::{tokenize, Lang};
/// let text = "L’IA d’OpenAI, aujourd’hui aux États-Unis.";
/// let words: Vec<&str> = tokenize(text, Some(Lang::Fr)).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["L’", "IA", "d’", "OpenAI", "aujourd’hui", "aux", "États-Unis"]);
/// ```
pub fn tokenize(text: &str, lang: Option<Lang>) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, lang, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` (reuse the vector to avoid allocations).
pub fn tokenize_into(text: &str, lang: Option<Lang>, out: &mut Vec<Token>) {
    let first = out.len();
    let mut cx = Cx {
        text,
        lang,
        out,
        segs: Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1)
        } else {
            // Non-ASCII: decode the character (text is valid UTF-8).
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            if let Some(s) = start.take() {
                cx.chunk(s, i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        cx.chunk(s, text.len());
    }
    shared::merge_grouped_numbers(text, lang, cx.out, first);
    for t in &mut cx.out[first..] {
        if t.end - t.start > MAX_TOKEN_BYTES && !matches!(t.kind, TokenKind::Url | TokenKind::Email)
        {
            t.kind = TokenKind::Blob;
        }
    }
}

/// What a UAX #29 segment is, for the joining rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Holds a letter or digit.
    Word,
    /// `-`, `‐` or `‑`.
    Hyphen,
    Dot,
    Apostrophe,
    Slash,
    Colon,
    /// `+` or `−` (a minus sign).
    Sign,
    /// `°` or `º` (as in `n°`).
    Degree,
    Emoji,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    a: usize,
    b: usize,
    class: Class,
}

fn classify(seg: &str) -> Class {
    let mut chars = seg.chars();
    let Some(c) = chars.next() else {
        return Class::Other;
    };
    if c.is_alphanumeric() || seg.chars().any(char::is_alphanumeric) {
        return Class::Word;
    }
    if chars.next().is_none() {
        return match c {
            '-' | '\u{2010}' | '\u{2011}' => Class::Hyphen,
            '.' => Class::Dot,
            '\'' | '’' => Class::Apostrophe,
            '/' => Class::Slash,
            ':' => Class::Colon,
            '+' | '\u{2212}' => Class::Sign,
            '°' => Class::Degree,
            _ if is_emoji(seg) => Class::Emoji,
            _ => Class::Other,
        };
    }
    if is_emoji(seg) {
        Class::Emoji
    } else {
        Class::Other
    }
}

/// Pictographs, dingbats, flags and their sequences (UAX #29 keeps modifier
/// and ZWJ sequences in one segment).
fn is_emoji(seg: &str) -> bool {
    seg.chars().any(|c| {
        matches!(c as u32,
            0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x231A..=0x23FF)
    })
}

/// Latin letters that UAX #29 always keeps inside a word (ASCII, Latin-1,
/// Latin Extended-A and -B).
#[inline]
fn is_plain_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
}

/// Punctuation that may open a plain chunk (`(mot`, `«mot`).
#[inline]
fn is_plain_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '«' | '“' | '„' | '¿' | '¡' | '*')
}

/// Punctuation that may close a plain chunk (`mot.`, `mot),`). Colons,
/// semicolons and apostrophes are left to the full path: they may start an
/// emoticon or end an elided word.
#[inline]
fn is_plain_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '!' | '?' | ')' | ']' | '}' | '"' | '»' | '”' | '…' | '*'
    )
}

/// Tokenising context: the text, its language, the output and the scratch
/// vector of segments.
struct Cx<'t, 'o> {
    text: &'t str,
    lang: Option<Lang>,
    out: &'o mut Vec<Token>,
    segs: Vec<Seg>,
}

impl Cx<'_, '_> {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if end > start {
            self.out.push(Token { start, end, kind });
        }
    }

    /// Tokens of one white-space free chunk `text[s..e]`.
    fn chunk(&mut self, s: usize, e: usize) {
        if self.plain_chunk(s, e) {
            return;
        }
        let mut s = s;
        while let Some((a, b, kind)) = special::find(self.text, s, e) {
            if a > s {
                self.region(s, a);
            }
            self.push(a, b, kind);
            s = b;
        }
        if s < e {
            self.region(s, e);
        }
    }

    /// The fast path: a chunk made of opening punctuation, Latin letters and
    /// closing punctuation is one word (plus an abbreviation's full stop).
    /// Returns false, having done nothing, for any other chunk.
    fn plain_chunk(&mut self, s: usize, e: usize) -> bool {
        let chunk = &self.text[s..e];
        let mut chars = chunk.char_indices();
        let mut word_start = None;
        let mut word_end = chunk.len();
        for (i, c) in chars.by_ref() {
            if is_plain_letter(c) {
                word_start = Some(i);
                break;
            }
            if !is_plain_opening(c) {
                return false;
            }
        }
        let Some(ws) = word_start else {
            return false;
        };
        for (i, c) in chars.by_ref() {
            if !is_plain_letter(c) {
                if !is_plain_closing(c) {
                    return false;
                }
                word_end = i;
                break;
            }
        }
        if !chars.all(|(_, c)| is_plain_closing(c)) {
            return false;
        }
        let (a, mut b) = (s + ws, s + word_end);
        if chunk[word_end..].starts_with('.')
            && keeps_full_stop(self.text, a, b, Langs::One(self.lang))
        {
            b += 1;
        }
        if route::fused(self.text, a, b, self.lang, self.out) {
            return true;
        }
        self.push(a, b, TokenKind::Word);
        true
    }

    /// Tokens of `text[s..e]`, which holds no special token.
    fn region(&mut self, s: usize, e: usize) {
        let mut segs = std::mem::take(&mut self.segs);
        segs.clear();
        let region = &self.text[s..e];
        let seg = |off: usize, seg: &str| Seg {
            a: s + off,
            b: s + off + seg.len(),
            class: classify(seg),
        };
        if region.is_ascii() {
            ascii_bounds::for_each_segment(region, |a, b| segs.push(seg(a, &region[a..b])));
        } else {
            segs.extend(
                region
                    .split_word_bound_indices()
                    .map(|(off, s)| seg(off, s)),
            );
        }
        let mut i = 0;
        while i < segs.len() {
            let seg = segs[i];
            i = match seg.class {
                Class::Word => self.word(&segs, i),
                Class::Hyphen | Class::Sign
                    if self.lang != Some(Lang::En) && self.signed_number(&segs, i) =>
                {
                    i + 2
                }
                Class::Apostrophe if self.possessive_after_special(&segs, i) => i + 2,
                Class::Emoji => {
                    self.push(seg.a, seg.b, TokenKind::Emoji);
                    i + 1
                }
                Class::Degree | Class::Hyphen | Class::Sign | Class::Slash => i + 1,
                // An emoticon must end where a segment ends (`<3,1` is no heart).
                _ => match special::emoticon(&self.text[seg.a..e]).filter(|len| {
                    let end = seg.a + len;
                    segs[i..]
                        .iter()
                        .take_while(|s| s.a < end)
                        .any(|s| s.b == end)
                }) {
                    Some(len) => {
                        let end = seg.a + len;
                        self.push(seg.a, end, TokenKind::Emoji);
                        let mut j = i + 1;
                        while j < segs.len() && segs[j].a < end {
                            j += 1;
                        }
                        j
                    }
                    None => i + 1,
                },
            };
        }
        self.segs = segs;
    }

    /// English `'s` right after a mention, URL or hashtag (`@sama's`): pushes
    /// the clitic.
    fn possessive_after_special(&mut self, segs: &[Seg], i: usize) -> bool {
        let seg = segs[i];
        let ok = self.lang == Some(Lang::En)
            && self.out.last().is_some_and(|t| t.end == seg.a)
            && segs
                .get(i + 1)
                .is_some_and(|n| matches!(&self.text[n.a..n.b], "s" | "S"));
        if ok {
            self.push(seg.a, segs[i + 1].b, TokenKind::Clitic);
        }
        ok
    }

    /// A sign right before a number, not after a word (`-0,8`, `(+14`, but
    /// not `vers-365`): pushes the signed number.
    fn signed_number(&mut self, segs: &[Seg], i: usize) -> bool {
        let Some(next) = segs.get(i + 1) else {
            return false;
        };
        let after_word = i > 0
            && matches!(
                segs[i - 1].class,
                Class::Word | Class::Hyphen | Class::Sign | Class::Dot
            );
        let digits = next.class == Class::Word
            && self.text[next.a..next.b].starts_with(|c: char| c.is_ascii_digit())
            && !self.text[next.a..next.b].contains(char::is_alphabetic);
        if after_word || !digits {
            return false;
        }
        self.push(segs[i].a, next.b, TokenKind::Number);
        true
    }

    /// The word that starts at segment `i`, joined with what follows it;
    /// returns the index of the first segment after it.
    fn word(&mut self, segs: &[Seg], i: usize) -> usize {
        let text = self.text;
        let lang = self.lang;
        let class_at = |j: usize| segs.get(j).map(|s| s.class);
        let seg_text = |j: usize| &text[segs[j].a..segs[j].b];
        let first = seg_text(i);
        let start = segs[i].a;

        // Times: 08:02, 12:42:55.
        if shared::is_digits(first, 1, 2)
            && class_at(i + 1) == Some(Class::Colon)
            && class_at(i + 2) == Some(Class::Word)
            && shared::is_digits(seg_text(i + 2), 2, 2)
        {
            let mut j = i + 2;
            if class_at(j + 1) == Some(Class::Colon)
                && class_at(j + 2) == Some(Class::Word)
                && shared::is_digits(seg_text(j + 2), 2, 2)
            {
                j += 2;
            }
            self.push(start, segs[j].b, TokenKind::Number);
            return j + 1;
        }

        // Slash forms: dates (08/16/2000), short forms (b/c, km/h), `w/`.
        if class_at(i + 1) == Some(Class::Slash) {
            if lang == Some(Lang::En) && first.eq_ignore_ascii_case("w") {
                self.push(start, segs[i + 1].b, TokenKind::Word);
                return i + 2;
            }
            // Only chains of two or three parts are tokens: look no further
            // than four (a chain `a/a/a/…` is then read in linear time).
            let mut j = i;
            let mut parts = 1;
            while parts < 4
                && class_at(j + 1) == Some(Class::Slash)
                && class_at(j + 2) == Some(Class::Word)
            {
                j += 2;
                parts += 1;
            }
            let all = |f: &dyn Fn(&str) -> bool| (i..=j).step_by(2).all(|k| f(seg_text(k)));
            if parts == 3 && all(&|p| shared::is_digits(p, 1, 4)) {
                self.push(start, segs[j].b, TokenKind::Number);
                return j + 1;
            }
            let short = |p: &str| p.chars().count() <= 2 && p.chars().all(char::is_lowercase);
            let one_letter = seg_text(i).chars().count() == 1 || seg_text(j).chars().count() == 1;
            if parts == 2 && one_letter && all(&short) {
                self.push(start, segs[j].b, TokenKind::Word);
                return j + 1;
            }
        }

        // Decades: 70's, 90's.
        if shared::is_digits(first, 2, 4)
            && class_at(i + 1) == Some(Class::Apostrophe)
            && class_at(i + 2) == Some(Class::Word)
            && seg_text(i + 2) == "s"
        {
            self.push(start, segs[i + 2].b, TokenKind::Word);
            return i + 3;
        }

        // French `n°` (numéro) is a symbol, not a word.
        if lang == Some(Lang::Fr)
            && matches!(first, "n" | "N")
            && class_at(i + 1) == Some(Class::Degree)
        {
            return i + 2;
        }

        // Hyphenated compounds.
        let mut j = i;
        while class_at(j + 1) == Some(Class::Hyphen) && class_at(j + 2) == Some(Class::Word) {
            j += 2;
        }
        let end = segs[j].b;

        if j == i
            && class_at(i + 1) == Some(Class::Dot)
            && keeps_full_stop(text, start, segs[i].b, Langs::One(lang))
        {
            // Abbreviations keep their full stop; initials chain: J.-C.
            j = i + 1;
            while class_at(j + 1) == Some(Class::Hyphen)
                && class_at(j + 2) == Some(Class::Word)
                && is_initial(seg_text(j + 2), Langs::One(lang))
                && class_at(j + 3) == Some(Class::Dot)
            {
                j += 3;
            }
            self.push(start, segs[j].b, TokenKind::Word);
            return j + 1;
        }

        // An elided word before something that is not a letter: l'« IA ».
        if j == i && class_at(i + 1) == Some(Class::Apostrophe) && route::elided(lang, first) {
            self.push(start, segs[i + 1].b, TokenKind::Elision);
            return i + 2;
        }
        route::finish(text, start, end, lang, self.out);
        j + 1
    }
}

#[cfg(test)]
mod tests;
