//! UAX #29 word boundaries of ASCII text, without the general machinery.
//!
//! Most chunks that need segmentation (file names, versions, options,
//! `OpenOffice.org`, `4.01`) are ASCII, where the rules reduce to a few
//! classes of bytes. The segments are exactly those of
//! `unicode_segmentation::UnicodeSegmentation::split_word_bound_indices`
//! (a property test compares them), in a fraction of the time.

/// The UAX #29 word-break class of an ASCII byte (white space and line
/// breaks never occur inside a chunk, and are `Other` here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter.
    Letter,
    /// Numeric.
    Digit,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNumLet and Single_Quote: `.` and `'`.
    MidNumLet,
    /// MidNum: `,` and `;`.
    MidNum,
    /// ExtendNumLet: `_`.
    Underscore,
    Other,
}

fn class(b: u8) -> Wb {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        b'_' => Wb::Underscore,
        _ => Wb::Other,
    }
}

/// Whether UAX #29 keeps the bytes before and after position `i` (0 < i <
/// len) in one segment, given the classes around it.
fn joins(before2: Option<Wb>, before: Wb, after: Wb, after2: Option<Wb>) -> bool {
    use Wb::*;
    let mid_letter = |c| matches!(c, MidLetter | MidNumLet);
    let mid_num = |c| matches!(c, MidNum | MidNumLet);
    match (before, after) {
        // WB5, WB8, WB9, WB10: letters and digits hold together.
        (Letter | Digit, Letter | Digit) => true,
        // WB6 / WB7: a letter, a mid-letter mark, a letter.
        (Letter, m) if mid_letter(m) => after2 == Some(Letter),
        (m, Letter) if mid_letter(m) => before2 == Some(Letter),
        // WB11 / WB12: a digit, a mid-number mark, a digit.
        (Digit, m) if mid_num(m) => after2 == Some(Digit),
        (m, Digit) if mid_num(m) => before2 == Some(Digit),
        // WB13a / WB13b: underscores join words and numbers.
        (Letter | Digit | Underscore, Underscore) | (Underscore, Letter | Digit) => true,
        _ => false,
    }
}

/// Calls `f(start, end)` for each UAX #29 word segment of the ASCII text
/// `s`, in order.
pub(super) fn for_each_segment(s: &str, mut f: impl FnMut(usize, usize)) {
    debug_assert!(s.is_ascii());
    let b = s.as_bytes();
    // The classes around the position looked at: two before, two after.
    let at = |i: usize| b.get(i).map(|&c| class(c));
    let (mut before2, mut before, mut after) = (None, at(0), at(1));
    let mut start = 0;
    for i in 1..b.len() {
        let after2 = at(i + 1);
        if let (Some(x), Some(y)) = (before, after) {
            if !joins(before2, x, y, after2) {
                f(start, i);
                start = i;
            }
        }
        (before2, before, after) = (before, after, after2);
    }
    if !b.is_empty() {
        f(start, b.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn segments(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for_each_segment(s, |a, b| v.push(&s[a..b]));
        v
    }

    #[test]
    fn examples() {
        assert_eq!(segments("OpenOffice.org"), ["OpenOffice.org"]);
        assert_eq!(segments("4.01,"), ["4.01", ","]);
        assert_eq!(segments("--foo_bar=2"), ["-", "-", "foo_bar", "=", "2"]);
        assert_eq!(segments("a:b."), ["a:b", "."]);
        assert_eq!(segments("l'IA"), ["l'IA"]);
        assert_eq!(segments(""), Vec::<&str>::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The same segments as the general UAX #29 implementation.
        #[test]
        fn same_as_unicode_segmentation(s in "[a-zA-Z0-9:.',;_\\-/@#()\"!?=+*&%$<>\\[\\]{}|~`^\\\\\\x00-\\x08\\x0e-\\x1f\\x7f]{0,24}") {
            let want: Vec<&str> = s.split_word_bounds().collect();
            prop_assert_eq!(segments(&s), want);
        }
    }
}
