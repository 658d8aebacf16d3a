//! Text units: the structure of a document before any language decision.
//!
//! A document is cut into *pieces*: stretches of text that never cross a line
//! break, a quotation mark, a sentence end, or a colon or dash that introduces
//! a quote. Each piece remembers how strongly it is separated from the piece
//! before it ([`Boundary`]) and whether it lies inside quotation marks, so that
//! language detection can classify pieces and smooth decisions across them,
//! and n-gram counting can stay inside them.

use crate::abbrev::ends_abbreviation;

/// How strongly a piece is separated from the previous one, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Boundary {
    /// A colon, semicolon or dash inside a sentence.
    Clause,
    /// The end of a sentence (`.`, `!`, `?`, `…`).
    Sentence,
    /// An opening or closing quotation mark.
    Quote,
    /// A single line break.
    Line,
    /// A blank line, or the start of the text.
    Paragraph,
}

/// One stretch of text between structural boundaries. Offsets are UTF-8 byte
/// offsets into the text given to [`pieces`]; the span never starts or ends
/// with white space and is never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    /// The separation from the previous piece.
    pub before: Boundary,
    /// How many quotation marks are open around this piece (0 = not quoted).
    pub quote_depth: u8,
    /// Index of the paragraph (blank-line separated block) holding the piece.
    pub paragraph: u32,
}

impl Piece {
    /// The text of the piece.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The closing mark for an opening quotation mark, if `c` opens a quote.
fn closer_for(c: char) -> Option<char> {
    match c {
        '«' => Some('»'),
        '“' => Some('”'),
        '„' => Some('“'),
        '‘' => Some('’'),
        '‹' => Some('›'),
        '"' => Some('"'),
        _ => None,
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '؟')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

/// Cuts `text` into pieces (see the module documentation).
///
/// ```
/// use duolex_tokenize::units::{pieces, Boundary};
/// let text = "Il a dit : « it works ». Puis il est parti.";
/// let p: Vec<&str> = pieces(text).iter().map(|p| p.text(text)).collect();
/// assert_eq!(p, ["Il a dit :", "it works", ".", "Puis il est parti."]);
/// assert_eq!(pieces(text)[1].quote_depth, 1);
/// assert_eq!(pieces(text)[1].before, Boundary::Quote);
/// ```
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut b = Builder {
        text,
        out: &mut out,
        start: 0,
        pending: Boundary::Paragraph,
        paragraph: 0,
    };
    // Stack of closing marks we are waiting for.
    let mut stack: Vec<char> = Vec::new();
    let mut prev: Option<char> = None;
    let mut blank_line = false;
    let mut line_has_text = false;
    let bytes = text.as_bytes();
    let plain = |b: u8| b.is_ascii_alphanumeric() || b == b' ';
    let mut i = 0;
    while i < bytes.len() {
        if line_has_text && plain(bytes[i]) {
            // Fast path: ASCII letters, digits and plain spaces never cut a
            // piece, and on a line that already holds text they change nothing.
            while i < bytes.len() && plain(bytes[i]) {
                i += 1;
            }
            prev = Some(char::from(bytes[i - 1]));
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let after = i + c.len_utf8();
        let next = text[after..].chars().next();
        let at = i;
        i = after;
        if c == '\n' {
            b.emit(at, stack.len());
            if !line_has_text {
                blank_line = true;
            }
            line_has_text = false;
            b.bump(Boundary::Line);
            b.start = after;
            prev = Some(c);
            continue;
        }
        if !c.is_whitespace() {
            line_has_text = true;
            if blank_line {
                blank_line = false;
                b.paragraph += 1;
                b.bump(Boundary::Paragraph);
                stack.clear();
            }
        }
        if c.is_alphanumeric() || c == ' ' {
            // Letters, digits and plain spaces never cut a piece.
            prev = Some(c);
            continue;
        }
        let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{«“‘„".contains(p));
        let next_space = next.is_none_or(|n| n.is_whitespace());
        let next_letter = next.is_some_and(char::is_alphanumeric);
        // Closing mark for the innermost open quote?
        if stack.last() == Some(&c) {
            // An apostrophe inside a word is not a closing single quote.
            let closes = c != '’' || !next_letter;
            let closes = closes && (c != '"' || !(prev_space && next_letter));
            if closes {
                b.emit(at, stack.len());
                stack.pop();
                b.bump(Boundary::Quote);
                b.start = after;
                prev = Some(c);
                continue;
            }
        }
        if let Some(closer) = closer_for(c) {
            // Straight and single quotes only open at the start of a word.
            let opens = match c {
                '"' | '‘' => {
                    prev_space || next_letter && !prev.is_some_and(char::is_alphanumeric)
                }
                _ => true,
            };
            if opens && stack.len() < u8::MAX as usize {
                b.emit(at, stack.len());
                stack.push(closer);
                b.bump(Boundary::Quote);
                b.start = after;
                prev = Some(c);
                continue;
            }
        }
        if is_sentence_end(c) && next_space && !(c == '.' && ends_abbreviation(text, b.start, at)) {
            b.emit(after, stack.len());
            b.bump(Boundary::Sentence);
            b.start = after;
        } else if (c == ':' || c == ';') && next_space
            || is_dash(c) && prev.is_some_and(char::is_whitespace) && next_space
        {
            // A colon or semicolon stays with the clause it ends; a dash with
            // spaces around it ends a clause and starts a new one.
            let cut = if is_dash(c) { at } else { after };
            b.emit(cut, stack.len());
            b.bump(Boundary::Clause);
            b.start = cut;
        }
        prev = Some(c);
    }
    b.emit(text.len(), stack.len());
    out
}

struct Builder<'a, 'o> {
    text: &'a str,
    out: &'o mut Vec<Piece>,
    start: usize,
    pending: Boundary,
    paragraph: u32,
}

impl Builder<'_, '_> {
    /// Records a stronger separation before the next piece.
    fn bump(&mut self, boundary: Boundary) {
        if boundary > self.pending {
            self.pending = boundary;
        }
    }

    /// Emits `[self.start, end)` trimmed, if it holds anything.
    fn emit(&mut self, end: usize, depth: usize) {
        let raw = &self.text[self.start..end];
        let trimmed_start = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if body.is_empty() {
            return;
        }
        let start = self.start + trimmed_start;
        self.out.push(Piece {
            start,
            end: start + body.len(),
            before: self.pending,
            quote_depth: depth.min(u8::MAX as usize) as u8,
            paragraph: self.paragraph,
        });
        self.pending = Boundary::Clause;
    }
}

/// Byte ranges of paragraphs: blocks of text separated by blank lines,
/// trimmed of surrounding white space.
///
/// ```
/// let text = "One.\nStill one.\n\n  Two.\n";
/// let p: Vec<&str> = duolex_tokenize::units::paragraphs(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(p, ["One.\nStill one.", "Two."]);
/// ```
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut current: Option<std::ops::Range<usize>> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
        } else {
            let s = pos + (line.len() - line.trim_start().len());
            let e = pos + line.trim_end().len();
            current = Some(match current {
                Some(r) => r.start..e,
                None => s..e,
            });
        }
        pos += line.len();
    }
    out.extend(current);
    out
}

/// Cuts `text` into consecutive windows of about `max` bytes (at least one
/// byte), each ending right after an ASCII white-space character (space,
/// tab, line break) or at the end of the text, so that tokenising the
/// windows one by one gives the tokens of the whole text, in bounded memory.
///
/// No token crosses ASCII white space, but two rules look past it: a full
/// stop kept on an abbreviation (`est.`, `etc.)`, `J.`) depends on what
/// follows, and digit groups join across a space (`22 500` in French). A
/// window therefore ends at a *clean* cut: not after a word holding a full
/// stop, not between two digits. The last clean cut within `max` bytes is
/// taken, else the first one within [`CLEAN_CUT_SEARCH`] bytes further, else
/// the end of the text if it is that close; only text with no clean cut at
/// all over that stretch is cut at plain white space. A stretch without
/// ASCII white space longer than `max` stays in one window.
///
/// ```
/// use duolex_tokenize::units::windows;
/// let text = "un deux trois quatre";
/// let w: Vec<&str> = windows(text, 8).map(|r| &text[r]).collect();
/// assert_eq!(w, ["un deux ", "trois ", "quatre"]);
/// let text = "Il est né en 1950 etc. Puis 22 500 fois.";
/// let w: Vec<&str> = windows(text, 1).map(|r| &text[r]).collect();
/// assert_eq!(w, ["Il ", "est ", "né ", "en ", "1950 ", "etc. Puis ", "22 500 ", "fois."]);
/// assert_eq!(windows("", 8).count(), 0);
/// ```
pub fn windows(text: &str, max: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let max = max.max(1);
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let limit = (start + max).min(bytes.len());
        let end = if limit == bytes.len() {
            limit
        } else {
            let after = |p: usize| p + 1;
            let ahead = (limit + CLEAN_CUT_SEARCH).min(bytes.len());
            (start..limit)
                .rev()
                .find(|&p| clean_cut(bytes, p))
                .or_else(|| (limit..ahead).find(|&p| clean_cut(bytes, p)))
                .map(after)
                .or_else(|| (ahead == bytes.len()).then_some(ahead))
                .or_else(|| {
                    bytes[start..limit]
                        .iter()
                        .rposition(is_cut)
                        .map(|p| start + p + 1)
                })
                .or_else(|| {
                    bytes[limit..]
                        .iter()
                        .position(is_cut)
                        .map(|p| limit + p + 1)
                })
                .unwrap_or(bytes.len())
        };
        let range = start..end;
        start = end;
        Some(range)
    })
}

/// How far past `max` [`windows`] looks for a clean cut.
pub const CLEAN_CUT_SEARCH: usize = 4096;

fn is_cut(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether a window may end right after `bytes[p]` (see [`windows`]): it
/// ends a run of ASCII white space (so each run is judged once, and the
/// search stays linear), the word before the run holds no full stop, and
/// that word does not end with a digit when the next word starts with one.
fn clean_cut(bytes: &[u8], p: usize) -> bool {
    if !is_cut(&bytes[p]) || bytes.get(p + 1).is_some_and(is_cut) {
        return false;
    }
    let Some(last) = bytes[..p].iter().rposition(|b| !is_cut(b)) else {
        return true;
    };
    let word = bytes[..=last].iter().rposition(is_cut).map_or(0, |i| i + 1);
    if bytes[word..=last].contains(&b'.') {
        return false;
    }
    let next = bytes[p..].iter().find(|b| !is_cut(b));
    !(bytes[last].is_ascii_digit() && next.is_some_and(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, Boundary, u8)> {
        pieces(text)
            .iter()
            .map(|p| (p.text(text), p.before, p.quote_depth))
            .collect()
    }

    #[test]
    fn french_guillemets_and_sentences() {
        let t =
            "Il a reconnu que DeepSeek R1 était un modèle « impressionnant ». Tout en promettant.";
        assert_eq!(
            texts(t),
            [
                (
                    "Il a reconnu que DeepSeek R1 était un modèle",
                    Boundary::Paragraph,
                    0
                ),
                ("impressionnant", Boundary::Quote, 1),
                (".", Boundary::Quote, 0),
                ("Tout en promettant.", Boundary::Sentence, 0),
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "L’univers de l’IA ‘really’ it’s fine.";
        let got = texts(t);
        assert_eq!(got[0].0, "L’univers de l’IA");
        assert_eq!(got[1], ("really", Boundary::Quote, 1));
        assert_eq!(got[2].0, "it’s fine.");
    }

    #[test]
    fn straight_quotes_pair_up() {
        let t = "He said \"c'est la vie\" and left.";
        let got = texts(t);
        assert_eq!(got[1], ("c'est la vie", Boundary::Quote, 1));
        assert_eq!(got[2], ("and left.", Boundary::Quote, 0));
    }

    #[test]
    fn paragraphs_lines_and_abbreviations() {
        let t = "M. Dupont arrive.\nNext line\n\n— Second paragraph: yes";
        let got = texts(t);
        assert_eq!(got[0], ("M. Dupont arrive.", Boundary::Paragraph, 0));
        assert_eq!(got[1], ("Next line", Boundary::Line, 0));
        assert_eq!(got[2], ("— Second paragraph:", Boundary::Paragraph, 0));
        assert_eq!(got[3], ("yes", Boundary::Clause, 0));
        assert_eq!(pieces(t)[2].paragraph, 1);
    }

    #[test]
    fn windows_cover_the_text_and_cut_after_ascii_space() {
        let t = "aé b\u{a0}c\n\nd\te ffffffffff g";
        for max in 1..t.len() + 2 {
            let mut next = 0;
            for r in windows(t, max) {
                assert_eq!(r.start, next);
                assert!(r.end > r.start);
                if r.end < t.len() {
                    assert!(matches!(t.as_bytes()[r.end - 1], b' ' | b'\t' | b'\n'));
                }
                next = r.end;
            }
            assert_eq!(next, t.len());
        }
    }

    #[test]
    fn windowed_tokens_equal_whole_tokens_past_full_stops_and_digit_groups() {
        let texts = [
            "Le chiffre est.\ndonnées etc.) Suite 22 500 fois J. Smith, 1 000 000 €.",
            "The est.\ndata, Dr. Who and 3 . 14 or e.g. this",
        ];
        for t in texts {
            for lang in [Some(crate::Lang::Fr), Some(crate::Lang::En), None] {
                let whole: Vec<&str> = crate::tokenize(t, lang).iter().map(|k| k.text(t)).collect();
                for max in 1..t.len() + 2 {
                    let mut parts = Vec::new();
                    for r in windows(t, max) {
                        let w = &t[r];
                        parts.extend(crate::tokenize(w, lang).iter().map(|k| k.text(w)));
                    }
                    assert_eq!(parts, whole, "{t:?} {lang:?} {max}");
                }
            }
        }
    }

    #[test]
    fn windows_without_a_clean_cut_fall_back_to_white_space() {
        // No clean cut for a megabyte: plain white-space cuts keep windows
        // bounded (each judged in one pass, so this stays linear).
        for t in [
            format!("a.{}b", " ".repeat(1_000_000)),
            "a. ".repeat(300_000),
        ] {
            let ranges: Vec<_> = windows(&t, 1000).collect();
            assert!(ranges.len() > 100);
            assert!(ranges.iter().all(|r| r.len() <= 1000 + CLEAN_CUT_SEARCH));
            assert_eq!(ranges.last().map(|r| r.end), Some(t.len()));
        }
    }

    #[test]
    fn huge_pieces_in_linear_time() {
        // One sentence of initials and one of abbreviations: the full stop
        // check looks back over one word only.
        let initials = "M. ".repeat(200_000);
        assert_eq!(pieces(&initials).len(), 1);
        let long_word = format!("{}. fin", "a".repeat(1_000_000));
        assert_eq!(pieces(&long_word).len(), 2);
    }

    #[test]
    fn pieces_are_trimmed_ordered_and_disjoint() {
        let t = "  « a » “b” \"c\" d. e: f — g\r\n\n h ";
        let ps = pieces(t);
        let mut last = 0;
        for p in &ps {
            assert!(p.start >= last && p.end > p.start);
            let s = p.text(t);
            assert_eq!(s, s.trim());
            last = p.end;
        }
    }
}
