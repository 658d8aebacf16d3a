//! Tokens kept whole whatever their punctuation: URLs, e-mail addresses,
//! `@mentions`, `#hashtags`, and emoticons.

use super::kind::TokenKind;

/// The first special token in the chunk `text[s..e]`: its span and kind.
pub(super) fn find(text: &str, s: usize, e: usize) -> Option<(usize, usize, TokenKind)> {
    let bytes = text.as_bytes();
    let mut i = s;
    while i < e {
        let found = match bytes[i] {
            b':' if bytes[i + 1..e].starts_with(b"//") => scheme_url(text, s, i, e),
            b'w' | b'W' => www_url(text, s, i, e),
            b'@' => at_sign(text, s, i, e),
            b'#' => hashtag(text, s, i, e),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// `scheme://…` with the colon at `i`.
fn scheme_url(text: &str, s: usize, i: usize, e: usize) -> Option<(usize, usize, TokenKind)> {
    let bytes = text.as_bytes();
    let mut a = i;
    while a > s
        && (bytes[a - 1].is_ascii_alphanumeric() || matches!(bytes[a - 1], b'+' | b'.' | b'-'))
    {
        a -= 1;
    }
    while a < i && !bytes[a].is_ascii_alphabetic() {
        a += 1;
    }
    let host_ok = bytes.get(i + 3).is_some_and(|b| b.is_ascii_alphanumeric()) && i + 3 < e;
    (i - a >= 2 && host_ok).then(|| (a, url_end(text, a, e), TokenKind::Url))
}

/// `www.…` starting at `i`.
fn www_url(text: &str, s: usize, i: usize, e: usize) -> Option<(usize, usize, TokenKind)> {
    let bytes = text.as_bytes();
    let starts = (i == s || !bytes[i - 1].is_ascii_alphanumeric())
        && e - i > 5
        && bytes[i..i + 4].eq_ignore_ascii_case(b"www.")
        && bytes[i + 4].is_ascii_alphanumeric();
    starts.then(|| (i, url_end(text, i, e), TokenKind::Url))
}

/// Characters of the local part of an e-mail address.
fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Characters of a host name.
fn is_host(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// An e-mail address around the `@` at `i`, or a mention starting there.
fn at_sign(text: &str, s: usize, i: usize, e: usize) -> Option<(usize, usize, TokenKind)> {
    let mut a = i;
    for (k, c) in text[s..i].char_indices().rev() {
        if !is_local(c) {
            break;
        }
        a = s + k;
    }
    while a < i && text.as_bytes()[a] == b'.' {
        a += 1;
    }
    let after = &text[i + 1..e];
    if a < i {
        let host_len = after.find(|c: char| !is_host(c)).unwrap_or(after.len());
        let host = after[..host_len].trim_end_matches(['.', '-', '_']);
        let ok = host.starts_with(char::is_alphanumeric) && host.contains(char::is_alphabetic);
        return ok.then(|| (a, i + 1 + host.len(), TokenKind::Email));
    }
    let name = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(after.len());
    (name > 0).then(|| (i, i + 1 + name, TokenKind::Mention))
}

/// A hashtag starting at the `#` at `i`: not after a letter (`C#`) or an
/// ampersand (`&#39;`), and with at least one letter.
fn hashtag(text: &str, s: usize, i: usize, e: usize) -> Option<(usize, usize, TokenKind)> {
    let before = text[s..i].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '&') {
        return None;
    }
    let after = &text[i + 1..e];
    let name = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(after.len());
    let ok = name > 0 && after[..name].contains(char::is_alphabetic);
    ok.then(|| (i, i + 1 + name, TokenKind::Hashtag))
}

/// End of a URL starting at `a` in a chunk ending at `e`: up to a character
/// that cannot be part of a URL, less closing punctuation, keeping a `)` or
/// `]` that closes one opened inside the URL. The brackets are counted once
/// and the counts follow the end as it moves back, so the time is linear in
/// the length of the URL however much punctuation trails it.
fn url_end(text: &str, a: usize, e: usize) -> usize {
    let url = &text[a..e];
    let mut end = url
        .find(['"', '<', '>', '«', '»', '“', '”'])
        .unwrap_or(url.len());
    // Opening minus closing brackets in `url[..end]`, round and square.
    let (mut round, mut square) = (0isize, 0isize);
    for b in url[..end].bytes() {
        match b {
            b'(' => round += 1,
            b')' => round -= 1,
            b'[' => square += 1,
            b']' => square -= 1,
            _ => {}
        }
    }
    while let Some(c) = url[..end].chars().next_back() {
        let trailing = matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '…' | '*'
        );
        let unbalanced = (c == ')' && round < 0) || (c == ']' && square < 0);
        if !(trailing || unbalanced) {
            break;
        }
        match c {
            ')' => round += 1,
            ']' => square += 1,
            _ => {}
        }
        end -= c.len_utf8();
    }
    a + end
}

/// Western emoticons, longest first where one is a prefix of another.
const EMOTICONS: [&str; 37] = [
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-O", ":-o", ":-*", ":-]", ":-[", ";-)",
    ";-P", ":'(", ":')", ":)", ":(", ":D", ":P", ":p", ":/", ":|", ":O", ":o", ":*", ":]", ":[",
    ";)", ";P", ";D", "=)", "=(", "=D", "<3", "^_^", "^^",
];

/// The byte length of an emoticon at the start of `s`, when it is not
/// followed by a letter or digit (`:Paris` is no emoticon).
pub(super) fn emoticon(s: &str) -> Option<usize> {
    if !matches!(s.as_bytes().first(), Some(b':' | b';' | b'=' | b'<' | b'^')) {
        return None;
    }
    EMOTICONS
        .iter()
        .find(|f| s.starts_with(**f) && !s[f.len()..].starts_with(char::is_alphanumeric))
        .map(|f| f.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_inside_punctuation() {
        let t = "\"Album\"<thecatal...@hotmail.com>";
        let (a, b, k) = find(t, 0, t.len()).unwrap();
        assert_eq!((&t[a..b], k), ("thecatal...@hotmail.com", TokenKind::Email));
    }

    #[test]
    fn urls_lose_closing_punctuation() {
        for (t, url) in [
            (
                "(voir https://fr.wikipedia.org/wiki/Paris_(France)).",
                "https://fr.wikipedia.org/wiki/Paris_(France)",
            ),
            ("[http://www.bbc.co.uk/news]", "http://www.bbc.co.uk/news"),
            ("«www.exemple.fr»,", "www.exemple.fr"),
        ] {
            let (a, b, k) = find(t, 0, t.len()).unwrap();
            assert_eq!((&t[a..b], k), (url, TokenKind::Url), "{t}");
        }
    }

    /// `url_end` as first written: the brackets recounted at every step.
    fn url_end_by_recounting(text: &str, a: usize, e: usize) -> usize {
        let url = &text[a..e];
        let mut end = url
            .find(['"', '<', '>', '«', '»', '“', '”'])
            .unwrap_or(url.len());
        while let Some(c) = url[..end].chars().next_back() {
            let unbalanced = |open: char, close: char| {
                c == close && url[..end].matches(open).count() < url[..end].matches(close).count()
            };
            let trailing = matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '…' | '*'
            );
            if trailing || unbalanced('(', ')') || unbalanced('[', ']') {
                end -= c.len_utf8();
            } else {
                break;
            }
        }
        a + end
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        /// Counting the brackets once gives the URL ends recounting gave.
        #[test]
        fn url_end_counts_brackets_once(s in "[a()\\[\\].,’…!<]{0,24}") {
            let t = format!("http://x/{s}");
            proptest::prop_assert_eq!(url_end(&t, 0, t.len()), url_end_by_recounting(&t, 0, t.len()));
        }
    }

    #[test]
    fn long_trailing_brackets_in_linear_time() {
        let t = format!("https://example.com/a{}", ")".repeat(1_000_000));
        assert_eq!(find(&t, 0, t.len()), Some((0, 21, TokenKind::Url)));
    }

    #[test]
    fn not_special() {
        for t in ["C#", "#1", "&#39;", "x@", "@", "www.", "http://", "a:b"] {
            assert_eq!(find(t, 0, t.len()), None, "{t}");
        }
    }

    #[test]
    fn emoticons() {
        assert_eq!(emoticon(":-)"), Some(3));
        assert_eq!(emoticon(":)."), Some(2));
        assert_eq!(emoticon(":Paris"), None);
        assert_eq!(emoticon("."), None);
    }
}
