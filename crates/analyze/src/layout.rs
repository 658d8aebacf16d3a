//! The structure n-gram counting follows: pieces (see
//! `duolex_tokenize::units`) joined into *groups* where a line break only
//! wraps a sentence (the previous line ends without punctuation and the next
//! starts with a lowercase letter), the title line, and which lines are
//! written in Title Case.

use duolex_tokenize::{Boundary, Piece};

/// One piece of the text as counting sees it.
#[derive(Debug, Clone, Copy)]
struct LaidPiece {
    start: usize,
    /// Pieces of one group only wrap a line: no sequence is cut between them.
    group: usize,
    /// The piece starts a sentence (not a wrapped line, not a clause).
    sentence_start: bool,
}

/// A line of the text, and whether its letter case says something (a line
/// in Title Case does not tell names from other words).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    case_informative: bool,
}

/// See the module documentation.
pub(crate) struct Layout {
    pieces: Vec<LaidPiece>,
    /// End of the title (0: no title).
    title_end: usize,
    /// Empty when words are counted without terms (nothing asks).
    lines: Vec<Line>,
}

/// Where the last [`Layout`] lookups ended (how many pieces and lines start
/// at or before the last position asked).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Cursor {
    piece: usize,
    line: usize,
}

impl Layout {
    /// The layout of `body`; with `case`, also whether each line's letter
    /// case is informative (only n-gram evidence needs it).
    pub(crate) fn new(body: &str, ps: &[Piece], case: bool) -> Self {
        let mut pieces = Vec::with_capacity(ps.len());
        let mut group = 0;
        let mut title_end = 0;
        let mut title_open = body.trim().contains('\n');
        for (i, p) in ps.iter().enumerate() {
            let soft = i > 0
                && p.before == Boundary::Line
                && body[p.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && body[..ps[i - 1].end]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_alphanumeric);
            if i > 0 && !soft {
                group += 1;
                if p.before >= Boundary::Line {
                    title_open = false;
                }
            }
            if title_open {
                title_end = p.end;
            }
            pieces.push(LaidPiece {
                start: p.start,
                group,
                sentence_start: !soft && p.before != Boundary::Clause,
            });
        }
        let mut lines = Vec::new();
        if case {
            let mut at = 0;
            for line in body.split_inclusive('\n') {
                lines.push(Line {
                    start: at,
                    case_informative: duolex_keywords::ngrams::case_is_informative(
                        line.split_whitespace(),
                    ),
                });
                at += line.len();
            }
        }
        Layout {
            pieces,
            title_end,
            lines,
        }
    }

    /// The last piece starting at or before `at`. Words are looked up in
    /// text order, so `cursor` (where the previous lookup ended) only moves
    /// forward: one step per piece over the whole text, not a search per word.
    fn piece(&self, at: usize, cursor: &mut Cursor) -> Option<&LaidPiece> {
        let i = advance(&mut cursor.piece, self.pieces.len(), |i| {
            self.pieces[i].start <= at
        });
        i.map(|i| &self.pieces[i])
    }

    /// A cursor for lookups at `at` or after.
    pub(crate) fn cursor_at(&self, at: usize) -> Cursor {
        Cursor {
            piece: self.pieces.partition_point(|p| p.start <= at),
            line: self.lines.partition_point(|l| l.start <= at),
        }
    }

    /// Where to cut `body` for counting in about `parts` parts of even
    /// size: 0, then starts of pieces that open a new group right after
    /// ASCII white space (see `count::count_in_parts`), then `body.len()`.
    pub(crate) fn cuts(&self, body: &str, parts: usize) -> Vec<usize> {
        let mut cuts = vec![0];
        let mut i = 0;
        for k in 1..parts.max(1) {
            let target = body.len() / parts * k;
            while i < self.pieces.len()
                && (self.pieces[i].start < target.max(cuts[cuts.len() - 1] + 1)
                    || i == 0
                    || self.pieces[i].group == self.pieces[i - 1].group
                    || !body.as_bytes()[self.pieces[i].start - 1].is_ascii_whitespace())
            {
                i += 1;
            }
            match self.pieces.get(i) {
                Some(p) => cuts.push(p.start),
                None => break,
            }
        }
        cuts.push(body.len());
        cuts
    }

    pub(crate) fn group_of(&self, at: usize, cursor: &mut Cursor) -> usize {
        self.piece(at, cursor).map_or(0, |p| p.group)
    }

    /// Whether a word at `at` is the first word of its piece and that piece
    /// starts a sentence.
    pub(crate) fn starts_sentence(&self, at: usize, cursor: &mut Cursor) -> bool {
        self.piece(at, cursor).is_none_or(|p| p.sentence_start)
    }

    pub(crate) fn in_title(&self, at: usize) -> bool {
        at < self.title_end
    }

    pub(crate) fn case_informative(&self, at: usize, cursor: &mut Cursor) -> bool {
        let i = advance(&mut cursor.line, self.lines.len(), |i| {
            self.lines[i].start <= at
        });
        i.is_none_or(|i| self.lines[i].case_informative)
    }
}

/// Moves `count` (items known to start at or before the position) forward
/// while the next item also does; the index of the last such item.
fn advance(count: &mut usize, len: usize, starts_before: impl Fn(usize) -> bool) -> Option<usize> {
    while *count < len && starts_before(*count) {
        *count += 1;
    }
    count.checked_sub(1)
}
