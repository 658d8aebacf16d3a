//! Word tokens with byte spans.
//!
//! Tokenisation starts from Unicode word boundaries (UAX #29, through
//! `unicode-segmentation`) inside white-space separated chunks, then applies
//! rules that UAX #29 does not know:
//!
//! - URLs, e-mail addresses, `@mentions` and `#hashtags` are kept whole;
//! - hyphenated compounds are joined (`États-Unis`, `GPT-4o`);
//! - French elided articles and pronouns are split off with their apostrophe
//!   (`l’IA` → `l’` + `IA`), words that merely contain one stay whole
//!   (`aujourd’hui`); inverted subject pronouns are split (`a-t-il` → `a` +
//!   `-t-il`);
//! - the English possessive `'s` is split off (`DeepSeek's` → `DeepSeek` +
//!   `'s`), contractions stay as written (`don't`, `it's`);
//! - numbers grouped with no-break or thin spaces are one token (`1 000`).
//!
//! Punctuation is never a token.

use crate::Lang;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is, so that counting can choose what to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// A word (letters, possibly with digits, hyphens or inner apostrophes).
    Word,
    /// A number, possibly with decimal separators or digit grouping.
    Number,
    /// A French or Italian elided article or pronoun with its apostrophe (`l’`, `qu'`).
    Elision,
    /// An English clitic split off a word (`'s`).
    Clitic,
    Url,
    Email,
    Mention,
    Hashtag,
    Emoji,
}

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

/// Tokenises `text` with the rules of `lang` (`None`: language-neutral rules,
/// no elision or clitic splitting).
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
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                chunk(text, s, i, lang, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunk(text, s, text.len(), lang, out);
    }
    merge_grouped_numbers(text, out, first);
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokens of one white-space free chunk `text[s..e]`.
fn chunk(text: &str, s: usize, e: usize, lang: Option<Lang>, out: &mut Vec<Token>) {
    let raw = &text[s..e];
    // Special tokens are recognised on the chunk without its outer punctuation.
    let core_start = raw
        .find(|c: char| !is_outer_punct(c) || c == '@' || c == '#')
        .unwrap_or(raw.len());
    let core = raw[core_start..].trim_end_matches(is_outer_punct);
    if !core.is_empty() {
        let cs = s + core_start;
        if let Some((len, kind)) = special(core) {
            out.push(Token {
                start: cs,
                end: cs + len,
                kind,
            });
            if cs + len < e {
                chunk(text, cs + len, e, lang, out);
            }
            return;
        }
    }
    // Word-bound segments, joined over hyphens.
    let mut word: Option<(usize, usize)> = None; // current compound
    let mut hyphen_at: Option<usize> = None; // a hyphen right after the compound
    for (off, seg) in raw.split_word_bound_indices() {
        let a = s + off;
        let b = a + seg.len();
        let wordlike = seg.chars().any(char::is_alphanumeric);
        if wordlike {
            match (word, hyphen_at) {
                (Some((ws, we)), Some(h)) if h == we && text[we..a].chars().count() == 1 => {
                    word = Some((ws, b));
                }
                _ => {
                    if let Some((ws, we)) = word.take() {
                        finish_word(text, ws, we, lang, out);
                    }
                    word = Some((a, b));
                }
            }
            hyphen_at = None;
        } else if is_hyphen(seg) && word.is_some_and(|(_, we)| we == a) {
            hyphen_at = Some(a);
        } else if seg.len() == 1
            && is_apostrophe(seg.chars().next().unwrap_or(' '))
            && word.is_some_and(|(_, we)| we == a)
            && elision_prefix(lang, &text[word.map_or(a, |w| w.0)..a]).is_some()
        {
            // `l'` before a non-letter, e.g. `l'« IA »`: keep the elided word.
            let (ws, _) = word.take().unwrap_or((a, a));
            out.push(Token {
                start: ws,
                end: b,
                kind: TokenKind::Elision,
            });
            hyphen_at = None;
        } else {
            if let Some((ws, we)) = word.take() {
                finish_word(text, ws, we, lang, out);
            }
            hyphen_at = None;
            if is_emoji(seg) {
                out.push(Token {
                    start: a,
                    end: b,
                    kind: TokenKind::Emoji,
                });
            }
        }
    }
    if let Some((ws, we)) = word {
        finish_word(text, ws, we, lang, out);
    }
}

/// Quotation marks, brackets and sentence punctuation around a chunk.
fn is_outer_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '"'
            | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‹'
            | '›'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '@'
            | '#'
    )
}

/// Recognises a URL, e-mail address, mention or hashtag at the start of
/// `core`; returns its byte length and kind.
fn special(core: &str) -> Option<(usize, TokenKind)> {
    let lower_starts = |p: &str| {
        core.len() >= p.len()
            && core.is_char_boundary(p.len())
            && core[..p.len()].eq_ignore_ascii_case(p)
    };
    if ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|p| lower_starts(p))
        && core.len() > 7
    {
        return Some((url_len(core), TokenKind::Url));
    }
    if let Some(rest) = core.strip_prefix('@') {
        let n = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        return (n > 0).then_some((1 + n, TokenKind::Mention));
    }
    if let Some(rest) = core.strip_prefix('#') {
        let n = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        return (n > 0 && rest[..n].chars().any(char::is_alphabetic))
            .then_some((1 + n, TokenKind::Hashtag));
    }
    let at = core.find('@')?;
    let local = &core[..at];
    let domain = &core[at + 1..];
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c));
    let dlen = domain
        .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(domain.len());
    let dom = domain[..dlen].trim_end_matches('.');
    let domain_ok = dom.contains('.') && !dom.starts_with('.') && !dom.ends_with('-');
    (local_ok && domain_ok).then_some((at + 1 + dom.len(), TokenKind::Email))
}

/// Length of a URL at the start of `core`: up to the end, less closing
/// punctuation, keeping a `)` that closes a `(` inside the URL.
fn url_len(core: &str) -> usize {
    let mut end = core.len();
    loop {
        let Some(c) = core[..end].chars().next_back() else {
            return end;
        };
        let unbalanced_paren =
            c == ')' && core[..end].matches('(').count() < core[..end].matches(')').count();
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '»' | '”' | '"' | '\'' | '’' | '…'
        ) || unbalanced_paren
        {
            end -= c.len_utf8();
        } else {
            return end;
        }
    }
}

fn is_emoji(seg: &str) -> bool {
    seg.chars().any(|c| {
        matches!(c as u32,
            0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
    })
}

/// French elided words, written without the apostrophe.
const FR_ELISIONS: [&str; 13] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];
/// Italian elided forms, without the apostrophe.
const IT_ELISIONS: [&str; 19] = [
    "l", "dell", "all", "dall", "nell", "sull", "coll", "un", "quest", "quell", "c", "d", "m", "t",
    "s", "v", "n", "tutt", "senz",
];

/// If `word` (without apostrophe) is an elided form in `lang`, the form.
fn elision_prefix(lang: Option<Lang>, word: &str) -> Option<()> {
    let list: &[&str] = match lang {
        Some(Lang::Fr) => &FR_ELISIONS,
        Some(Lang::It) => &IT_ELISIONS,
        _ => return None,
    };
    (word.len() <= 6 && list.iter().any(|p| p.eq_ignore_ascii_case(word))).then_some(())
}

/// French forms that keep their apostrophe inside a single token.
fn fr_keeps_whole(lower: &str) -> bool {
    const WHOLE: [&str; 5] = [
        "c'est-à-dire",
        "l'on",
        "quelqu'un",
        "quelqu'une",
        "entr'acte",
    ];
    let normalised: String = lower
        .chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    WHOLE.contains(&normalised.as_str())
}

/// English words ending in `'s` where the `'s` is not a possessive.
fn en_keeps_whole(lower: &str) -> bool {
    const WHOLE: [&str; 13] = [
        "it", "that", "he", "she", "there", "here", "what", "who", "where", "how", "let", "when",
        "why",
    ];
    WHOLE.contains(&lower)
}

/// Splits a finished compound `text[s..e]` by language rules and pushes it.
fn finish_word(text: &str, s: usize, e: usize, lang: Option<Lang>, out: &mut Vec<Token>) {
    let w = &text[s..e];
    let kind = if w.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Number
    };
    if kind == TokenKind::Number {
        out.push(Token {
            start: s,
            end: e,
            kind,
        });
        return;
    }
    let mut s = s;
    match lang {
        Some(Lang::Fr) | Some(Lang::It) => {
            let lower = w.to_lowercase();
            if !(lang == Some(Lang::Fr) && fr_keeps_whole(&lower)) {
                // Elisions can chain: `qu’l’` is rare but `jusqu’à l’` is two words.
                while let Some(pos) = text[s..e].find(is_apostrophe) {
                    let prefix = &text[s..s + pos];
                    let ap_len = text[s + pos..].chars().next().map_or(1, char::len_utf8);
                    let rest_start = s + pos + ap_len;
                    let rest_is_word = text[rest_start..e].starts_with(char::is_alphabetic);
                    if elision_prefix(lang, prefix).is_some() && rest_is_word {
                        out.push(Token {
                            start: s,
                            end: rest_start,
                            kind: TokenKind::Elision,
                        });
                        s = rest_start;
                    } else {
                        break;
                    }
                }
            }
            if lang == Some(Lang::Fr) {
                if let Some(cut) = fr_inverted_pronoun(&text[s..e]) {
                    out.push(Token {
                        start: s,
                        end: s + cut,
                        kind: TokenKind::Word,
                    });
                    s += cut;
                }
            }
        }
        Some(Lang::En) => {
            let w = &text[s..e];
            let tail = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .or_else(|| w.strip_suffix("'S"))
                .or_else(|| w.strip_suffix("’S"));
            if let Some(head) = tail {
                if !head.is_empty()
                    && head.chars().last().is_some_and(char::is_alphanumeric)
                    && !en_keeps_whole(&head.to_lowercase())
                {
                    let cut = s + head.len();
                    out.push(Token {
                        start: s,
                        end: cut,
                        kind: TokenKind::Word,
                    });
                    out.push(Token {
                        start: cut,
                        end: e,
                        kind: TokenKind::Clitic,
                    });
                    return;
                }
            }
        }
        _ => {}
    }
    out.push(Token {
        start: s,
        end: e,
        kind: TokenKind::Word,
    });
}

/// Where a French verb ends before an inverted subject pronoun (`a-t-il`,
/// `dit-elle`, `pouvons-nous`), as a byte offset into `w`.
fn fr_inverted_pronoun(w: &str) -> Option<usize> {
    let lower = w.to_lowercase();
    const EUPHONIC: [&str; 5] = ["-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles"];
    for suffix in EUPHONIC {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            return Some(w.len() - suffix.len());
        }
    }
    const PRONOUNS: [&str; 8] = ["-il", "-elle", "-on", "-ils", "-elles", "-je", "-tu", "-ce"];
    let (head, tail) = lower.rsplit_once('-')?;
    let tail = format!("-{tail}");
    let verb_like = !head.contains('-') && head.chars().count() >= 2;
    let split = verb_like
        && (PRONOUNS.contains(&tail.as_str())
            || tail == "-nous" && head.ends_with("ons")
            || tail == "-vous" && head.ends_with("ez") && head != "rendez");
    split.then(|| w.len() - tail.len())
}

/// Joins numbers written with no-break or thin spaces as digit group
/// separators (`1 000 000`).
fn merge_grouped_numbers(text: &str, out: &mut Vec<Token>, first: usize) {
    let mut write = first;
    for read in first..out.len() {
        let t = out[read];
        if write > first {
            let prev = out[write - 1];
            let gap = &text[prev.end..t.start];
            let grouped = prev.kind == TokenKind::Number
                && t.kind == TokenKind::Number
                && matches!(gap, "\u{a0}" | "\u{202f}" | "\u{2009}")
                && text[t.start..t.end].len() >= 3
                && text[t.start..t.start + 3]
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && text[prev.start..prev.end]
                    .rsplit(|c: char| !c.is_ascii_digit())
                    .next()
                    .is_some_and(|g| (1..=3).contains(&g.len()));
            if grouped {
                out[write - 1].end = t.end;
                continue;
            }
        }
        out[write] = t;
        write += 1;
    }
    out.truncate(write);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, lang: Option<Lang>) -> Vec<&str> {
        tokenize(text, lang).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn french_elisions() {
        assert_eq!(
            words("qu’il l'IA jusqu’à lorsqu'on c’est", Some(Lang::Fr)),
            ["qu’", "il", "l'", "IA", "jusqu’", "à", "lorsqu'", "on", "c’", "est"]
        );
        assert_eq!(
            words(
                "aujourd’hui quelqu’un prud’homme presqu’île c’est-à-dire",
                Some(Lang::Fr)
            ),
            [
                "aujourd’hui",
                "quelqu’un",
                "prud’homme",
                "presqu’île",
                "c’est-à-dire"
            ]
        );
    }

    #[test]
    fn french_hyphens_and_inversions() {
        assert_eq!(
            words(
                "États-Unis peut-être GPT-4o a-t-il dit-elle rendez-vous",
                Some(Lang::Fr)
            ),
            [
                "États-Unis",
                "peut-être",
                "GPT-4o",
                "a",
                "-t-il",
                "dit",
                "-elle",
                "rendez-vous"
            ]
        );
    }

    #[test]
    fn english_possessive_and_contractions() {
        assert_eq!(
            words("deepseek's r1 it's DeepSeek’s don't I'm", Some(Lang::En)),
            ["deepseek", "'s", "r1", "it's", "DeepSeek", "’s", "don't", "I'm"]
        );
        let kinds: Vec<TokenKind> = tokenize("AI's", Some(Lang::En))
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [TokenKind::Word, TokenKind::Clitic]);
    }

    #[test]
    fn numbers_and_spaces() {
        let t = "1\u{a0}000 euros, 3,5 % et 1\u{202f}234\u{202f}567 ; 12 345";
        assert_eq!(
            words(t, Some(Lang::Fr)),
            [
                "1\u{a0}000",
                "euros",
                "3,5",
                "et",
                "1\u{202f}234\u{202f}567",
                "12",
                "345"
            ]
        );
        assert_eq!(tokenize("3,5", None)[0].kind, TokenKind::Number);
    }

    #[test]
    fn specials_are_whole_and_typed() {
        let t =
            "Voir https://example.org/a(b)c. ou écrire à jean.dupont@exemple.fr (@sama #IA) 🚀!";
        let toks = tokenize(t, Some(Lang::Fr));
        let got: Vec<(&str, TokenKind)> = toks.iter().map(|k| (k.text(t), k.kind)).collect();
        assert_eq!(
            got,
            [
                ("Voir", TokenKind::Word),
                ("https://example.org/a(b)c", TokenKind::Url),
                ("ou", TokenKind::Word),
                ("écrire", TokenKind::Word),
                ("à", TokenKind::Word),
                ("jean.dupont@exemple.fr", TokenKind::Email),
                ("@sama", TokenKind::Mention),
                ("#IA", TokenKind::Hashtag),
                ("🚀", TokenKind::Emoji),
            ]
        );
    }

    #[test]
    fn soft_hyphen_stays_inside_word() {
        assert_eq!(words("infor\u{ad}mation", None), ["infor\u{ad}mation"]);
    }
}
