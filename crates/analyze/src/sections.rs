//! Language runs of a long text, detected section by section.

use duolex_langdetect::{mark_body, Detector, Segment};
use duolex_tokenize::Piece;
use rayon::prelude::*;
use std::ops::Range;

/// Texts longer than this are detected section by section.
pub const SECTION: usize = 4 << 20;

/// The language runs of `text`. A text longer than `section` bytes is cut
/// into sections of about that size — after a blank line if there is one in
/// the second half of the section, else after a line break, a sentence end,
/// or a space — and each section is detected on its own, so that the
/// detector's working memory stays bounded by the section, not the file.
/// Sections are detected in parallel on rayon's current pool, and joined in
/// order: runs of one language that meet at a cut become one, and the main
/// language is decided over the whole text ([`mark_body`]). Cuts fall on
/// ASCII white space, which no token crosses: counts stay exact. `pieces`
/// are the text's pieces (`duolex_tokenize::units::pieces(text)`), used as
/// they are when the text is one section.
pub fn runs_by_section(
    detector: &Detector,
    text: &str,
    pieces: &[Piece],
    section: usize,
) -> Vec<Segment> {
    if text.len() <= section {
        return detector.segments_of(text, pieces);
    }
    let ranges = sections(text, section);
    let parts: Vec<Vec<Segment>> = ranges
        .par_iter()
        .map(|r| detector.segments(&text[r.clone()]))
        .collect();
    let mut out: Vec<Segment> = Vec::new();
    for (range, segments) in ranges.iter().zip(parts) {
        for mut s in segments {
            s.start += range.start;
            s.end += range.start;
            match out.last_mut() {
                Some(last) if last.lang == s.lang => {
                    last.end = s.end;
                    last.confidence = last.confidence.max(s.confidence);
                }
                _ => out.push(s),
            }
        }
    }
    mark_body(text, detector.langs(), &mut out);
    out
}

/// Consecutive byte ranges covering `text`, each about `max` bytes long and
/// ending on ASCII white space (see [`runs_by_section`]).
fn sections(text: &str, max: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let max = max.max(2);
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let limit = start + max;
        if limit >= bytes.len() {
            out.push(start..bytes.len());
            break;
        }
        let zone = &bytes[start + max / 2..limit];
        let after = |p: Option<usize>, len: usize| p.map(|p| start + max / 2 + p + len);
        let find = |pat: &[u8]| zone.windows(pat.len()).rposition(|w| w == pat);
        let end = after(find(b"\n\n"), 2)
            .or_else(|| after(zone.iter().rposition(|&b| b == b'\n'), 1))
            .or_else(|| after(find(b". "), 2))
            .or_else(|| after(zone.iter().rposition(|&b| b == b' ' || b == b'\t'), 1))
            .or_else(|| {
                bytes[limit..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map(|p| limit + p + 1)
            })
            .unwrap_or(bytes.len());
        out.push(start..end);
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_cover_the_text_and_end_on_ascii_space() {
        let text = "Un paragraphe.\n\nUne ligne\nune phrase. Des mots sans fin etc ééééééé\tx";
        for max in 1..text.len() + 2 {
            let mut next = 0;
            for r in sections(text, max) {
                assert_eq!(r.start, next);
                assert!(r.end > r.start);
                if r.end < text.len() {
                    assert!(
                        text.as_bytes()[r.end - 1].is_ascii_whitespace(),
                        "{max} {r:?}"
                    );
                }
                next = r.end;
            }
            assert_eq!(next, text.len());
        }
    }
}
