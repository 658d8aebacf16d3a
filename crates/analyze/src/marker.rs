//! The `date YYYY-MM[-DD]` marker a document may start with.

/// A leading `date YYYY-MM` or `date YYYY-MM-DD` marker: its value and the
/// byte offset where the document's text proper begins.
///
/// ```
/// use duolex_analyze::date_marker;
/// assert_eq!(date_marker(" date 2025-01 L’univers"), (Some("2025-01".into()), 14));
/// assert_eq!(date_marker("Date: 2025-01-31\nTexte"), (Some("2025-01-31".into()), 17));
/// assert_eq!(date_marker("date 2025-13 x"), (None, 0));
/// assert_eq!(date_marker("dater 2025-01 x"), (None, 0));
/// ```
pub fn date_marker(text: &str) -> (Option<String>, usize) {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(after) = rest
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("date"))
        .map(|_| &rest[4..])
    else {
        return (None, 0);
    };
    let after = after.strip_prefix(':').unwrap_or(after);
    let value_at = after.len() - after.trim_start().len();
    if value_at == 0 {
        return (None, 0);
    }
    let value = &after[value_at..];
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().unwrap_or(0);
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && (1..=12).contains(&num(5..7))) {
        return (None, 0);
    }
    let mut len = 7;
    if b.get(7) == Some(&b'-') && digits(8..10) && (1..=31).contains(&num(8..10)) {
        len = 10;
    }
    if b.get(len).is_some_and(|c| !c.is_ascii_whitespace()) {
        return (None, 0);
    }
    let end = text.len() - value.len() + len;
    let tail = &text[end..];
    let body_start = end + (tail.len() - tail.trim_start().len());
    (Some(value[..len].to_string()), body_start)
}
