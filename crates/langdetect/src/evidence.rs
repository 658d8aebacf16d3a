//! Evidence for the language of a span.
//!
//! whatlang's trigram model is the main engine; around it we add what it
//! ignores: function words and elisions, letters that only some languages
//! use, and neutral tokens (numbers, URLs, names, acronyms, code) that are
//! left out so that they cannot flip a decision. Code is told by the word's
//! shape and what touches it (see [`technical`]): option names (`-a`,
//! `--all`), format codes (`%k`), assignments (`bs=N`), identifiers
//! (`copy_up`, `user.overlay`), paths, calls (`open(2)`), words without a
//! vowel (`dd`, `ls`) and single letters are not language.

use duolex_tokenize::units::windows;
use duolex_tokenize::word::{self, normalize_into};
use duolex_tokenize::{tokenize_into, Lang, Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

/// Weight of one function word (or elided article) of a language.
pub(crate) const FUNCTION_WORD: f64 = 1.0;
/// Weight of one word spelled with letters that only some languages use.
pub(crate) const DIACRITIC: f64 = 0.6;
/// Weight of whatlang's verdict on a span with enough letters.
pub(crate) const TRIGRAMS: f64 = 2.5;
/// Letters after which whatlang's verdict gets its full weight.
pub(crate) const TRIGRAM_FULL_LETTERS: f64 = 30.0;
/// The words given to whatlang for one span stop after this many bytes, so
/// that a span of megabytes (one endless sentence) costs linear time.
pub(crate) const TRIGRAM_SAMPLE_BYTES: usize = 64 << 10;
/// Spans are tokenised in windows of about this many bytes.
const WINDOW: usize = 64 << 10;
/// Spans with fewer letters than this also ask lingua (French/English only).
pub(crate) const SHORT_LETTERS: usize = 60;
/// Weight of lingua's probabilities on short spans.
pub(crate) const LINGUA: f64 = 3.0;

/// A lead of this much evidence settles a span without the trigram models.
pub(crate) const CLEAR_MARGIN: f64 = 4.0;

/// The lead of the best language over the second.
pub(crate) fn margin(scores: &[f64]) -> f64 {
    let mut top = [0.0f64; 2];
    for &s in scores {
        if s > top[0] {
            top = [s, top[0]];
        } else if s > top[1] {
            top[1] = s;
        }
    }
    top[0] - top[1]
}

/// The language (index) with the highest score, if it leads by at least
/// `min_margin` (and by something).
pub(crate) fn leader(scores: &[f64], min_margin: f64) -> Option<usize> {
    let m = margin(scores);
    (m > 0.0 && m >= min_margin)
        .then(|| (0..scores.len()).fold(0, |b, i| if scores[i] > scores[b] { i } else { b }))
}

/// lingua's French/English detector, loaded on first use.
pub(crate) fn lingua() -> &'static lingua::LanguageDetector {
    static DETECTOR: OnceLock<lingua::LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        lingua::LanguageDetectorBuilder::from_languages(&[
            lingua::Language::French,
            lingua::Language::English,
        ])
        .build()
    })
}

macro_rules! function_words {
    ($($lang:ident => $file:literal),* $(,)?) => {
        &[$((Lang::$lang, include_str!(concat!("../data/function_words/", $file, ".txt")))),*]
    };
}

/// Function-word lists shipped as data, one word per line, `#` comments.
const FUNCTION_WORDS: &[(Lang, &str)] = function_words!(
    Ar => "ar", Da => "da", De => "de", El => "el", En => "en", Es => "es",
    Fi => "fi", Fr => "fr", Hu => "hu", It => "it", Nl => "nl", No => "no",
    Pt => "pt", Ro => "ro", Ru => "ru", Sv => "sv", Ta => "ta", Tr => "tr",
);

/// A set of languages as a bit mask over [`Lang::ALL`].
pub(crate) type Mask = u32;

pub(crate) fn bit(lang: Lang) -> Mask {
    1 << lang.index()
}

/// word (lowercase, ASCII apostrophe) → languages listing it.
fn lexicon() -> &'static HashMap<&'static str, Mask> {
    static LEXICON: OnceLock<HashMap<&'static str, Mask>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: HashMap<&'static str, Mask> = HashMap::default();
        for &(lang, data) in FUNCTION_WORDS {
            for line in data.lines() {
                let word = line.trim();
                if word.is_empty() || word.starts_with('#') {
                    continue;
                }
                debug_assert!(word.len() <= MAX_FUNCTION_WORD, "{word}");
                *map.entry(word).or_default() |= bit(lang);
            }
        }
        map
    })
}

/// Letters that mark a language's spelling (lowercase), beyond ASCII.
fn marked_letters(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "àâæçéèêëîïôœùûüÿ",
        Lang::De => "äöüß",
        Lang::Es => "áéíóúñü",
        Lang::It => "àèéìíòóù",
        Lang::Pt => "ãõáâàçéêíóôú",
        Lang::Nl => "ëïéèáó",
        Lang::Da | Lang::No => "æøå",
        Lang::Sv => "åäö",
        Lang::Fi => "äöå",
        Lang::Hu => "áéíóöőúüű",
        Lang::Ro => "ăâîșşțţ",
        Lang::Tr => "çğıöşüâ",
        _ => "",
    }
}

/// Evidence gathered from one span.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Score per language of the detector's set, in the set's order.
    pub scores: Vec<f64>,
    /// Letters that took part (outside neutral tokens).
    pub letters: usize,
    /// Words that took part (not names, acronyms, numbers or code).
    pub words: usize,
    /// The languages (bits over [`Lang::ALL`]) that one of the span's
    /// function words or elided articles belongs to.
    pub(crate) function_langs: Mask,
}

impl Evidence {
    /// True when nothing in the span spoke for any language.
    pub fn is_empty(&self) -> bool {
        self.scores.iter().all(|&s| s == 0.0)
    }
}

/// Reusable buffers, so that classifying many pieces allocates little.
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
    /// Byte spans of the words that speak (see [`Shape`]).
    speaking: Vec<(usize, usize)>,
    lower: String,
    pub(crate) content: String,
}

/// The trigram models' verdicts on short samples, shared by the threads
/// of one [`Detector`](crate::Detector) (its languages fix what a verdict
/// means): sampled words → what [`with_models`] was given besides them
/// (cheap scores, letters, confirming) and what it answered. Sharded so
/// that threads rarely wait for each other.
pub(crate) struct Memo {
    shards: Vec<Mutex<HashMap<String, MemoEntry>>>,
}

/// (cheap scores, letters, confirming, scores with the models).
type MemoEntry = (Vec<f64>, usize, bool, Vec<f64>);

/// Samples up to this long are memoised.
const MEMO_MAX_BYTES: usize = 256;
/// A shard is emptied when it reaches this many entries.
const MEMO_SHARD_ENTRIES: usize = 1 << 13;
const MEMO_SHARDS: usize = 16;

impl Memo {
    pub(crate) fn new() -> Self {
        Memo {
            shards: (0..MEMO_SHARDS).map(|_| Mutex::default()).collect(),
        }
    }

    fn shard(&self, content: &str) -> std::sync::MutexGuard<'_, HashMap<String, MemoEntry>> {
        use std::hash::BuildHasher;
        let h = rustc_hash::FxBuildHasher.hash_one(content) as usize;
        // A poisoned shard still holds valid entries.
        self.shards[(h >> 7) % MEMO_SHARDS]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// The models' scores for `content`, if known for the same inputs.
    fn get(
        &self,
        content: &str,
        before: &[f64],
        letters: usize,
        confirming: bool,
    ) -> Option<Vec<f64>> {
        let shard = self.shard(content);
        let (b, n, c, after) = shard.get(content)?;
        (b.as_slice() == before && *n == letters && *c == confirming).then(|| after.clone())
    }

    fn put(&self, content: &str, entry: MemoEntry) {
        let mut shard = self.shard(content);
        if shard.len() >= MEMO_SHARD_ENTRIES {
            shard.clear();
        }
        shard.insert(content.to_string(), entry);
    }
}

/// Longest function word, in bytes: longer words need no lookup.
const MAX_FUNCTION_WORD: usize = 48;

/// The shape of a word, which decides whether it is language evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Lowercase: ordinary evidence.
    Plain,
    /// Initial capital only: a sentence-initial word or a name.
    Title,
    /// Digits, inner capitals or all capitals (`R1`, `OpenAI`, `IA`), or no
    /// letter: always neutral.
    Name,
}

/// The word's [`Shape`], from the tokenizer's shape of a written word.
fn shape(word: &str) -> Shape {
    match word::shape(word) {
        word::Shape::Lower => Shape::Plain,
        word::Shape::Capitalized => Shape::Title,
        word::Shape::Name | word::Shape::Symbol => Shape::Name,
    }
}

/// Bytes as [`technical`] and [`shape`] read them, bits that a word's bytes
/// OR together (see [`byte_class`]): an ASCII letter, a vowel (`a e i o u
/// y`, either case), a capital, a digit, a byte that may join an identifier
/// (`_` `.`), a byte beyond ASCII.
const LETTER: u8 = 1;
const VOWEL: u8 = 2;
const JOINER: u8 = 4;
const NON_ASCII: u8 = 8;
const UPPER: u8 = 16;
const DIGIT: u8 = 32;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            let case = if b.is_ascii_uppercase() { UPPER } else { 0 };
            match b | 0x20 {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => LETTER | VOWEL | case,
                _ => LETTER | case,
            }
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b'_' || b == b'.' {
            JOINER
        } else if b >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The kinds of bytes `word` holds (see [`BYTE_CLASS`]).
#[inline]
fn byte_class(word: &[u8]) -> u8 {
    word.iter()
        .fold(0, |acc, &c| acc | BYTE_CLASS[usize::from(c)])
}

/// True when the word at `start..end` of `text` is code rather than
/// language, by its shape or by what touches it:
///
/// - a single letter (`w`, `K`, the `n` of `-n`) or an ASCII word without
///   a vowel (`dd`, `ls`, `wc`);
/// - an identifier: an underscore inside the word (`copy_up`), or a full
///   stop followed by two letters (`user.overlay`, `hosts.allow`; not
///   `e.g.`);
/// - an option name: hyphens right before the word, themselves at the start
///   of the text or after a space, bracket, comma, bar or quotation mark
///   (`-a`, `--all`, `[--sort]`; not the `t` of `a-t-il`);
/// - a word right after `% $ \\ = / < { | & ~ #`, or after `. : , ; ( [`
///   that follow a letter or digit (`%k`, `$HOME`, `bs=N`, `/etc`,
///   `system_u:object_r`, `rw,sync`, `domain(ro)`);
/// - a word right before `= ( / < { | \\ _`, or before `. : , ;` followed
///   by a letter or digit (`bs=`, `open(2)`, `and/or`, `rw,sync`).
///
/// `class` is the word's [`byte_class`].
#[inline]
fn technical(text: &str, start: usize, end: usize, class: u8) -> bool {
    let b = text.as_bytes();
    let word = &b[start..end];
    if class & NON_ASCII == 0 {
        if class & LETTER != 0 && (word.len() == 1 || class & VOWEL == 0) {
            return true;
        }
    } else if word.len() <= 4 {
        let mut chars = text[start..end].chars();
        if chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() {
            return true;
        }
    }
    if class & JOINER != 0 {
        // Leading and trailing underscores are emphasis (`_word_`), inner
        // ones join an identifier; a full stop before two letters joins a
        // name (`user.overlay`, not `e.g.`).
        let inner = match word.iter().position(|&c| c != b'_') {
            Some(i) => &word[i..=word.iter().rposition(|&c| c != b'_').unwrap_or(i)],
            None => &word[..0],
        };
        if inner.contains(&b'_')
            || inner
                .windows(3)
                .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic() && w[2].is_ascii_alphabetic())
        {
            return true;
        }
    }
    let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    if start > 0 {
        match b[start - 1] {
            b'%' | b'$' | b'\\' | b'=' | b'/' | b'<' | b'{' | b'|' | b'&' | b'~' | b'#' => {
                return true
            }
            // `user.name`, `a:b`, `rw,sync`, `f(x)`, `a[i]`
            b'.' | b':' | b',' | b';' | b'(' | b'[' if start >= 2 && alnum(start - 2) => {
                return true
            }
            b'-' => {
                let mut i = start - 1;
                while i > 0 && b[i - 1] == b'-' {
                    i -= 1;
                }
                let option = i == 0
                    || b[i - 1].is_ascii_whitespace()
                    || matches!(b[i - 1], b'[' | b'(' | b',' | b'|' | b'"' | b'\'' | b'`')
                    || text[..i].ends_with(['«', '“', '‘', '\u{a0}', '\u{202f}']);
                if option {
                    return true;
                }
            }
            _ => {}
        }
    }
    match b.get(end) {
        Some(b'=' | b'(' | b'/' | b'<' | b'{' | b'|' | b'\\' | b'_') => true,
        Some(b'.' | b':' | b',' | b';') => alnum(end + 1),
        _ => false,
    }
}

/// True when `word` is one letter that marks a language of `langs` (`à`).
#[inline]
fn marked_letter(word: &str, langs: &[Lang]) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_ascii() => {
            let c = c.to_lowercase().next().unwrap_or(c);
            langs
                .iter()
                .any(|&l| marked_letters(l).chars().any(|m| m == c))
        }
        _ => false,
    }
}

/// The spans of the word tokens that speak: a capitalised word speaks at
/// the start of the span, or when the span has no lowercase word at all (a
/// title, a menu entry); elsewhere it is taken for a name, and names,
/// acronyms and words with digits never speak. Code (see [`technical`])
/// speaks only if `code_speaks`, except a letter that marks a language of
/// `langs` (`à`).
#[inline]
fn collect_speaking(
    text: &str,
    tokens: &[Token],
    speaking: &mut Vec<(usize, usize)>,
    langs: &[Lang],
    code_speaks: bool,
) {
    speaking.clear();
    let mut any_plain = false;
    let mut titles = 0;
    let mut n = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let word = t.text(text);
        let class = byte_class(word.as_bytes());
        if !code_speaks && technical(text, t.start, t.end, class) && !marked_letter(word, langs) {
            continue;
        }
        match shape(word) {
            Shape::Plain => any_plain = true,
            Shape::Title if n > 0 => {
                // Kept only if the span turns out to have no lowercase word.
                titles += 1;
            }
            Shape::Title => {}
            Shape::Name => {
                n += 1;
                continue;
            }
        }
        n += 1;
        speaking.push((t.start, t.end));
    }
    if any_plain && titles > 0 {
        let first = speaking.first().copied();
        speaking.retain(|&(s, e)| Some((s, e)) == first || shape(&text[s..e]) == Shape::Plain);
    }
}

/// The cheap evidence of a span (function words, elisions, marked
/// letters). When `sample` and the span stays open (letters, but no clear
/// lead), also leaves in `scratch.content` the sample of its words the
/// models need, and returns true. Code (see [`technical`]) is left out,
/// unless `code_alone_speaks` and nothing else in the span speaks.
pub(crate) fn gather(
    text: &str,
    langs: &[Lang],
    mask: Mask,
    scratch: &mut Scratch,
    sample: bool,
    code_alone_speaks: bool,
) -> (Evidence, bool) {
    let mut scores = vec![0.0; langs.len()];
    let lexicon = lexicon();
    scratch.tokens.clear();
    // A huge span (one sentence of megabytes) is tokenised window by window
    // (windows end after white space, which no token crosses): the same
    // tokens with bounded time per window.
    for window in windows(text, WINDOW) {
        let offset = window.start;
        let first = scratch.tokens.len();
        tokenize_into(&text[window], None, &mut scratch.tokens);
        for t in &mut scratch.tokens[first..] {
            t.start += offset;
            t.end += offset;
        }
    }
    // A capitalised word speaks at the start of the span, or when the span
    // has no lowercase word at all (a title, a menu entry); elsewhere it is
    // taken for a name. Code does not speak, except a letter that marks a
    // language of the set (`à`), and, when `code_alone_speaks`, code in a
    // span where nothing else would (a lone `hdr` or `psql [OPTION]`
    // asked about on its own).
    collect_speaking(text, &scratch.tokens, &mut scratch.speaking, langs, false);
    if scratch.speaking.is_empty() && code_alone_speaks {
        collect_speaking(text, &scratch.tokens, &mut scratch.speaking, langs, true);
    }
    let mut function_langs: Mask = 0;
    let vote = |scores: &mut [f64], m: Mask, weight: f64| {
        let m = m & mask;
        if m != 0 {
            let share = weight / m.count_ones() as f64;
            for (i, &l) in langs.iter().enumerate() {
                if m & bit(l) != 0 {
                    scores[i] += share;
                }
            }
        }
    };
    let mut letters = 0usize;
    for &(start, end) in &scratch.speaking {
        let word = &text[start..end];
        // Function words and elided articles (l'ia, qu'il, dell'anno).
        if word.len() <= MAX_FUNCTION_WORD {
            normalize_into(word, &mut scratch.lower);
            let lower = scratch.lower.as_str();
            if let Some(&m) = lexicon.get(lower) {
                vote(&mut scores, m, FUNCTION_WORD);
                function_langs |= m & mask;
            } else if let Some(ap) = lower.find('\'') {
                if let Some(&m) = lexicon.get(&lower[..ap + 1]) {
                    vote(&mut scores, m, FUNCTION_WORD);
                    function_langs |= m & mask;
                }
                if let Some(&m) = lexicon.get(&lower[ap + 1..]) {
                    vote(&mut scores, m, FUNCTION_WORD);
                    function_langs |= m & mask;
                }
            }
        } else if let Some(ap) = word.find(['\'', '’']) {
            normalize_into(&word[..ap], &mut scratch.lower);
            scratch.lower.push('\'');
            if let Some(&m) = lexicon.get(scratch.lower.as_str()) {
                vote(&mut scores, m, FUNCTION_WORD);
                function_langs |= m & mask;
            }
        }
        if word.is_ascii() {
            letters += word.bytes().filter(u8::is_ascii_alphabetic).count();
        } else {
            let mut marks: Mask = 0;
            for c in word.chars() {
                letters += usize::from(c.is_alphabetic());
                if !c.is_ascii() {
                    let c = c.to_lowercase().next().unwrap_or(c);
                    for &l in langs {
                        if marked_letters(l).contains(c) {
                            marks |= bit(l);
                        }
                    }
                }
            }
            vote(&mut scores, marks, DIACRITIC);
        }
    }
    let open = letters > 0 && margin(&scores) < CLEAR_MARGIN && sample;
    if open {
        scratch.content.clear();
        for &(start, end) in &scratch.speaking {
            // The models need a sample, not a whole book.
            if scratch.content.len() >= TRIGRAM_SAMPLE_BYTES {
                break;
            }
            if !scratch.content.is_empty() {
                scratch.content.push(' ');
            }
            normalize_into(&text[start..end], &mut scratch.lower);
            scratch.content.push_str(&scratch.lower);
        }
    }
    let evidence = Evidence {
        scores,
        letters,
        words: scratch.speaking.len(),
        function_langs,
    };
    (evidence, open)
}

/// `cheap` evidence with the trigram models' verdict on `sample` (the span's
/// sampled words, see [`gather`]) added. The models are the expensive part:
/// ask them only while the cheap evidence leaves the decision open. Their
/// verdict depends only on the lowercased words sampled (which also decide
/// the cheap scores and the letter count), so short samples, which repeat a
/// lot (menu entries, headings, option names), are answered from the
/// detector's memo.
pub(crate) fn add_models(
    sample: &str,
    cheap: Evidence,
    langs: &[Lang],
    whatlang: &whatlang::Detector,
    memo: &Memo,
    confirming: bool,
) -> Evidence {
    let Evidence {
        scores,
        letters,
        words,
        function_langs,
    } = cheap;
    let short = sample.len() <= MEMO_MAX_BYTES;
    let known = short
        .then(|| memo.get(sample, &scores, letters, confirming))
        .flatten();
    let scores = known.unwrap_or_else(|| {
        let after = with_models(sample, &scores, letters, langs, whatlang, confirming);
        if short {
            memo.put(sample, (scores, letters, confirming, after.clone()));
        }
        after
    });
    Evidence {
        scores,
        letters,
        words,
        function_langs,
    }
}

/// `scores` with the trigram models' evidence on the sampled words
/// `content` added (whatlang; lingua too on short French/English spans
/// still open). A `confirming` span only confirms its context (an unquoted
/// piece leaning like a settled neighbour): when whatlang agrees with its
/// lean, lingua — by far the dearest model — is not asked; more evidence
/// the same way would not change the runs.
fn with_models(
    content: &str,
    scores: &[f64],
    letters: usize,
    langs: &[Lang],
    whatlang: &whatlang::Detector,
    confirming: bool,
) -> Vec<f64> {
    let mut after = scores.to_vec();
    let mut agree = false;
    if let Some(info) = whatlang.detect(content) {
        if let Some(i) = langs.iter().position(|&l| to_whatlang(l) == info.lang()) {
            let size = (letters as f64 / TRIGRAM_FULL_LETTERS).min(1.0);
            after[i] += TRIGRAMS * info.confidence() * size;
            agree = confirming && leader(scores, 0.0) == Some(i);
        }
    }
    if letters < SHORT_LETTERS && margin(&after) < CLEAR_MARGIN && !agree {
        let fr = langs.iter().position(|&l| l == Lang::Fr);
        let en = langs.iter().position(|&l| l == Lang::En);
        if let (Some(fr), Some(en)) = (fr, en) {
            let [p_fr, p_en] = crate::ngram_tier::confidence(content).unwrap_or_else(|| {
                let mut p = [0.0; 2];
                for (lang, v) in lingua().compute_language_confidence_values(content) {
                    p[usize::from(lang != lingua::Language::French)] = v;
                }
                p
            });
            after[fr] += LINGUA * p_fr;
            after[en] += LINGUA * p_en;
        }
    }
    after
}

/// The whatlang code of a language.
pub(crate) fn to_whatlang(lang: Lang) -> whatlang::Lang {
    use whatlang::Lang as W;
    match lang {
        Lang::Ar => W::Ara,
        Lang::Da => W::Dan,
        Lang::De => W::Deu,
        Lang::El => W::Ell,
        Lang::En => W::Eng,
        Lang::Es => W::Spa,
        Lang::Fi => W::Fin,
        Lang::Fr => W::Fra,
        Lang::Hu => W::Hun,
        Lang::It => W::Ita,
        Lang::Nl => W::Nld,
        Lang::No => W::Nob,
        Lang::Pt => W::Por,
        Lang::Ro => W::Ron,
        Lang::Ru => W::Rus,
        Lang::Sv => W::Swe,
        Lang::Ta => W::Tam,
        Lang::Tr => W::Tur,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_function_words() {
        for lang in Lang::ALL {
            let n = lexicon().values().filter(|&&m| m & bit(lang) != 0).count();
            assert!(n >= 20, "{lang}: only {n} function words");
        }
    }

    /// Whether each word of `text` (as the tokenizer cuts it) is code.
    fn code_words(text: &str) -> Vec<(&str, bool)> {
        let mut tokens = Vec::new();
        tokenize_into(text, None, &mut tokens);
        tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| {
                let class = byte_class(t.text(text).as_bytes());
                (t.text(text), technical(text, t.start, t.end, class))
            })
            .collect()
    }

    #[test]
    fn option_names_placeholders_and_code_are_technical() {
        for text in [
            "-a, --all",
            "--block-size=M",
            "[--sort]",
            "« --all »",
            "%k %Y",
            "$HOME",
            "bs=N if=FICHIER",
            "copy_up LIBBLKID_DEBUG",
            "user.overlay.upper",
            "/etc/hosts",
            "open(2) printf()",
            "rw,sync,no_root_squash",
            "system_u:object_r",
            "domain(ro)",
            "w K n y",
            "dd ls wc pwd",
            "{trusted|user}",
        ] {
            for (word, code) in code_words(text) {
                assert!(code, "{word:?} in {text:?} should be code");
            }
        }
    }

    #[test]
    fn prose_is_not_technical() {
        for text in [
            "Le modèle est impressionnant, et il a-t-il vraiment changé ?",
            "the state-of-the-art model (e.g. this one) works; it is fast",
            "c'est-à-dire _emphase_ « excellent AI advancement »",
            "Paris - Lyon, week-end: rien",
        ] {
            for (word, code) in code_words(text) {
                assert!(!code || word.chars().count() == 1, "{word:?} in {text:?}");
            }
        }
        // `à` marks French: it still speaks for a French–English set.
        assert!(marked_letter("à", &[Lang::Fr, Lang::En]));
        assert!(!marked_letter("ñ", &[Lang::Fr, Lang::En]));
        assert!(!marked_letter("a", &[Lang::Fr, Lang::En]));
    }

    #[test]
    fn code_is_no_evidence_unless_alone() {
        let langs = [Lang::Fr, Lang::En];
        let mask = bit(Lang::Fr) | bit(Lang::En);
        let mut scratch = Scratch::default();
        // Among words, code is left out: only `inclure` speaks.
        let (ev, _) = gather("-a, --all inclure", &langs, mask, &mut scratch, true, false);
        assert_eq!(ev.words, 1);
        // Alone, it is no evidence for runs, but a lone span asked about
        // on its own still gets the models' guess.
        let (ev, open) = gather("--all", &langs, mask, &mut scratch, true, false);
        assert!(ev.is_empty() && !open && ev.words == 0);
        let (ev, open) = gather("--all", &langs, mask, &mut scratch, true, true);
        assert!(open && ev.words == 1);
    }

    #[test]
    fn function_languages_are_recorded() {
        let langs = [Lang::Fr, Lang::En];
        let mask = bit(Lang::Fr) | bit(Lang::En);
        let mut scratch = Scratch::default();
        let (ev, _) = gather("ou", &langs, mask, &mut scratch, true, false);
        assert_eq!(ev.function_langs, bit(Lang::Fr));
        let (ev, _) = gather("the modèle et", &langs, mask, &mut scratch, true, false);
        assert_eq!(ev.function_langs, mask);
        let (ev, _) = gather("modèle", &langs, mask, &mut scratch, true, false);
        assert_eq!(ev.function_langs, 0);
    }

    #[test]
    fn shapes() {
        for w in ["OpenAI", "IA", "GPT-4o", "R1"] {
            assert_eq!(shape(w), Shape::Name, "{w}");
        }
        assert_eq!(shape("Altman"), Shape::Title);
        assert_eq!(shape("modèle"), Shape::Plain);
    }
}
