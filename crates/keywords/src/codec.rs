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

/// Appends a length-prefixed string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads what [`put_u64`] and [`put_str`] wrote.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
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
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        std::str::from_utf8(s).ok()
    }

    /// Whether everything was read.
    pub fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

fn lang_index(lang: Lang) -> u64 {
    lang.index() as u64
}

fn lang_at(i: u64) -> Option<Lang> {
    Lang::ALL.get(usize::try_from(i).ok()?).copied()
}

fn put_terms(out: &mut Vec<u8>, map: &HashMap<Key, TermCount>) {
    put_u64(out, map.len() as u64);
    for ((lang, key), t) in map {
        put_u64(out, lang_index(*lang));
        put_str(out, key);
        put_u64(out, t.count);
        put_u64(out, t.surfaces.len() as u64);
        for (s, n) in t.surfaces.iter() {
            put_str(out, s);
            put_u64(out, n);
        }
        let e = &t.evidence;
        put_u64(out, e.first.map_or(0, |f| u64::from(f) + 1));
        for v in [
            e.title,
            e.cased,
            e.capitalized,
            e.lowercase,
            e.maximal,
            e.starts_chunk,
            e.ends_chunk,
        ] {
            put_u64(out, u64::from(v));
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
    /// Appends the counts' binary form to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_u64(out, self.tokens.len() as u64);
        for (lang, n) in &self.tokens {
            put_u64(out, lang_index(*lang));
            put_u64(out, *n);
        }
        put_terms(out, &self.terms);
        put_terms(out, &self.ngrams);
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
        let mut bytes = Vec::new();
        d.encode(&mut bytes);
        let mut r = Reader::new(&bytes);
        assert_eq!(DocCounts::decode(&mut r), Some(d));
        assert!(r.done());
        assert_eq!(
            DocCounts::decode(&mut Reader::new(&bytes[..bytes.len() - 1])),
            None
        );
        let mut big = Vec::new();
        put_u64(&mut big, u64::MAX);
        assert_eq!(Reader::new(&big).u64(), Some(u64::MAX));
    }
}
