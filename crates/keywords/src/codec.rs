//! A compact binary form of [`DocCounts`], so that a pipeline can keep
//! per-document counts on disk instead of in memory (`encode` / `decode`
//! round-trip exactly).

use crate::ngrams::Evidence;
use crate::{form::Form, DocCounts, HashMap, Key, Surfaces, TermCount};
use duolex_tokenize::Lang;

/// Appends `v` as a LEB128 variable-length integer.
pub fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Builds a record: numbers (and string lengths) as LEB128 integers in one
/// stream, the strings' bytes one after another in a second, so that
/// [`Reader`] validates all of a record's text as UTF-8 at once rather than
/// string by string.
#[derive(Debug, Default)]
pub struct Writer {
    numbers: Vec<u8>,
    text: String,
}

impl Writer {
    /// Appends a number.
    pub fn u64(&mut self, v: u64) {
        put_u64(&mut self.numbers, v);
    }

    /// Appends a string.
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.text.push_str(s);
    }

    /// The record: the numbers' length, the numbers, the text.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(10 + self.numbers.len() + self.text.len());
        put_u64(&mut out, self.numbers.len() as u64);
        out.extend_from_slice(&self.numbers);
        out.extend_from_slice(self.text.as_bytes());
        out
    }
}

/// Reads a record built by [`Writer`], in the order it was written. A
/// record that is not one (truncated, text not UTF-8) reads as nothing:
/// every read returns `None`.
///
/// ```
/// use duolex_keywords::codec::{Reader, Writer};
/// let mut w = Writer::default();
/// w.str("modèle");
/// w.u64(300);
/// let bytes = w.finish();
/// let mut r = Reader::new(&bytes);
/// assert_eq!((r.str(), r.u64(), r.done()), (Some("modèle"), Some(300), true));
/// assert_eq!(Reader::new(&bytes[..bytes.len() - 1]).str(), None);
/// ```
pub struct Reader<'a> {
    numbers: &'a [u8],
    at: usize,
    text: &'a str,
    text_at: usize,
    /// The bytes were not a record.
    broken: bool,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        // The numbers' length is read as the first number of the record.
        let mut head = Reader {
            numbers: bytes,
            at: 0,
            text: "",
            text_at: 0,
            broken: false,
        };
        let parts = head.u64().and_then(|n| {
            let n = usize::try_from(n).ok()?;
            let rest = &bytes[head.at..];
            let numbers = rest.get(..n)?;
            Some((numbers, std::str::from_utf8(&rest[n..]).ok()?))
        });
        // Not a record: nothing to read, and never done.
        let (numbers, text) = parts.unwrap_or_default();
        Reader {
            numbers,
            at: 0,
            text,
            text_at: 0,
            broken: parts.is_none(),
        }
    }

    pub fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.numbers.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u64()?).ok()?;
        // `get` refuses a range that cuts a character.
        let s = self.text.get(self.text_at..self.text_at.checked_add(n)?)?;
        self.text_at += n;
        Some(s)
    }

    /// Whether everything was read.
    pub fn done(&self) -> bool {
        !self.broken && self.at == self.numbers.len() && self.text_at == self.text.len()
    }
}

fn lang_index(lang: Lang) -> u64 {
    lang.index() as u64
}

fn lang_at(i: u64) -> Option<Lang> {
    Lang::ALL.get(usize::try_from(i).ok()?).copied()
}

fn put_terms(w: &mut Writer, map: &HashMap<Key, TermCount>) {
    w.u64(map.len() as u64);
    for ((lang, key), t) in map {
        w.u64(lang_index(*lang));
        w.str(key);
        w.u64(t.count);
        w.u64(t.surfaces.len() as u64);
        for (s, n) in t.surfaces.iter() {
            w.str(s);
            w.u64(n);
        }
        let e = &t.evidence;
        w.u64(e.first.map_or(0, |f| u64::from(f) + 1));
        for v in [
            e.title,
            e.cased,
            e.capitalized,
            e.lowercase,
            e.maximal,
            e.starts_chunk,
            e.ends_chunk,
        ] {
            w.u64(u64::from(v));
        }
    }
}

fn get_terms(r: &mut Reader) -> Option<HashMap<Key, TermCount>> {
    let n = r.u64()?;
    let mut map = HashMap::with_capacity_and_hasher(n.min(1 << 16) as usize, Default::default());
    for _ in 0..n {
        let lang = lang_at(r.u64()?)?;
        let key = Form::new(r.str()?);
        let count = r.u64()?;
        let ns = r.u64()?;
        let mut surfaces = Surfaces::default();
        for _ in 0..ns {
            let s = r.str()?;
            surfaces.add(s, r.u64()?);
        }
        let first = match r.u64()? {
            0 => None,
            f => Some(u32::try_from(f - 1).ok()?),
        };
        let mut v = [0u32; 7];
        for x in &mut v {
            *x = u32::try_from(r.u64()?).ok()?;
        }
        let evidence = Evidence {
            first,
            title: v[0],
            cased: v[1],
            capitalized: v[2],
            lowercase: v[3],
            maximal: v[4],
            starts_chunk: v[5],
            ends_chunk: v[6],
        };
        map.insert(
            (lang, key),
            TermCount {
                count,
                surfaces,
                evidence,
            },
        );
    }
    Some(map)
}

impl DocCounts {
    /// Writes the counts' binary form.
    pub fn encode(&self, w: &mut Writer) {
        w.u64(self.tokens.len() as u64);
        for (lang, n) in &self.tokens {
            w.u64(lang_index(*lang));
            w.u64(*n);
        }
        put_terms(w, &self.terms);
        put_terms(w, &self.ngrams);
    }

    /// Reads counts written by [`DocCounts::encode`]; `None` if the bytes
    /// are not such counts.
    pub fn decode(r: &mut Reader) -> Option<DocCounts> {
        let mut counts = DocCounts::default();
        for _ in 0..r.u64()? {
            let lang = lang_at(r.u64()?)?;
            counts.tokens.insert(lang, r.u64()?);
        }
        counts.terms = get_terms(r)?;
        counts.ngrams = get_terms(r)?;
        Some(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut d = DocCounts::default();
        d.add_token(Lang::Fr);
        d.add_term(Lang::Fr, "modèl", "modèle");
        d.add_term(Lang::Fr, "modèl", "Modèles");
        d.add_term(Lang::En, "model", "model");
        d.terms
            .get_mut(&(Lang::Fr, "modèl".into()))
            .unwrap()
            .evidence
            .first = Some(0);
        d.ngrams.insert(
            (Lang::Fr, "sam altman".into()),
            d.terms[&crate::KeyRef(Lang::En, "model")].clone(),
        );
        let mut w = Writer::default();
        d.encode(&mut w);
        let bytes = w.finish();
        let mut r = Reader::new(&bytes);
        assert_eq!(DocCounts::decode(&mut r), Some(d));
        assert!(r.done());
        assert_eq!(
            DocCounts::decode(&mut Reader::new(&bytes[..bytes.len() - 1])),
            None
        );
        let mut big = Writer::default();
        big.u64(u64::MAX);
        let big = big.finish();
        assert_eq!(Reader::new(&big).u64(), Some(u64::MAX));
        // The text is checked as a whole: a character cut in two, or a
        // length beyond the numbers, is no record.
        let mut w = Writer::default();
        w.str("é");
        let mut cut = w.finish();
        cut.pop();
        assert_eq!(Reader::new(&cut).str(), None);
        assert!(!Reader::new(&[5, 1]).done());
    }
}
