//! Per-document statistics kept on disk during a run: each analysed
//! document's counts are appended to a temporary file in the output folder
//! as its rows are written, and read back one by one for `keywords.csv` and
//! `keyness.csv`, so memory holds the corpus counts, not every document's.

use crate::stats_tables::DocStats;
use duolex_keywords::codec::{put_u64, Reader, Writer};
use duolex_keywords::DocCounts;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The temporary file, removed when dropped.
pub struct Spill {
    path: PathBuf,
    out: Option<BufWriter<File>>,
    documents: usize,
}

impl Spill {
    /// Creates `.duolex-stats.tmp-PID` in `dir`.
    pub fn create(dir: &Path) -> io::Result<Spill> {
        let path = dir.join(format!(".duolex-stats.tmp-{}", std::process::id()));
        let file = File::create(&path)?;
        Ok(Spill {
            path,
            out: Some(BufWriter::with_capacity(1 << 16, file)),
            documents: 0,
        })
    }

    /// The file's path (for error messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One document as a record (built on any thread; see [`Spill::push`]).
    pub fn record(path: &str, date: Option<&str>, counts: &DocCounts) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(path);
        w.str(date.unwrap_or(""));
        counts.encode(&mut w);
        w.finish()
    }

    /// Appends one document's record (see [`Spill::record`]).
    pub fn push(&mut self, record: &[u8]) -> io::Result<()> {
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| io::Error::other("spill closed"))?;
        let mut len = Vec::with_capacity(10);
        put_u64(&mut len, record.len() as u64);
        out.write_all(&len)?;
        out.write_all(record)?;
        self.documents += 1;
        Ok(())
    }

    /// Reads the records back in the order they were pushed; decode them
    /// with [`decode`]. A record that cannot be read is an error item (and
    /// the last one).
    pub fn records(&mut self) -> Result<Records, crate::Error> {
        let io_err = |path: &Path, source: io::Error| crate::Error::Output {
            path: path.to_path_buf(),
            source,
        };
        if let Some(mut out) = self.out.take() {
            out.flush().map_err(|e| io_err(&self.path, e))?;
        }
        let file = File::open(&self.path).map_err(|e| io_err(&self.path, e))?;
        Ok(Records {
            input: BufReader::with_capacity(1 << 16, file),
            left: self.documents,
            path: self.path.clone(),
        })
    }
}

/// The records of a [`Spill`], in order.
pub struct Records {
    input: BufReader<File>,
    left: usize,
    path: PathBuf,
}

impl Records {
    fn read(&mut self) -> io::Result<Vec<u8>> {
        let len = read_varint(&mut self.input)?;
        let mut bytes = Vec::new();
        (&mut self.input).take(len).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(bytes)
    }
}

impl Iterator for Records {
    type Item = Result<Vec<u8>, crate::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.read().map_err(|source| {
            self.left = 0;
            crate::Error::Output {
                path: self.path.clone(),
                source,
            }
        }))
    }
}

/// A document read back from a record (`None` if the record is corrupt).
pub fn decode(record: &[u8]) -> Option<DocStats> {
    let mut r = Reader::new(record);
    let path = r.str()?.to_string();
    let date = Some(r.str()?.to_string()).filter(|d| !d.is_empty());
    let counts = DocCounts::decode(&mut r)?;
    Some(DocStats { path, date, counts })
}

fn read_varint(input: &mut impl Read) -> io::Result<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let mut b = [0u8];
        input.read_exact(&mut b)?;
        v |= u64::from(b[0] & 0x7f) << shift;
        if b[0] & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(io::Error::other("bad length"))
}

impl Drop for Spill {
    fn drop(&mut self) {
        self.out = None;
        let _ = std::fs::remove_file(&self.path);
    }
}
