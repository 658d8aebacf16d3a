//! Per-document statistics records kept on disk during a run: each
//! analysed document's record is appended to a temporary file in the
//! output folder as its rows are written, and read back one by one for
//! `keywords` and `keyness`, so memory holds the corpus counts, not every
//! document's. Each record is framed by its length (a LEB128 integer).

use crate::config::Error;
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
    /// Creates `.duolex-stats-N.tmp-PID` in `dir` (`N` numbers the spills
    /// of this process).
    pub fn create(dir: &Path) -> io::Result<Spill> {
        static SPILLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SPILLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!(".duolex-stats-{n}.tmp-{}", std::process::id()));
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

    /// Appends one document's record (see [`super::Record`]).
    pub fn push(&mut self, record: &[u8]) -> io::Result<()> {
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| io::Error::other("spill closed"))?;
        let mut len = [0u8; 10];
        let n = put_varint(&mut len, record.len() as u64);
        out.write_all(&len[..n])?;
        out.write_all(record)?;
        self.documents += 1;
        Ok(())
    }

    /// Reads the records back in the order they were pushed. A record that
    /// cannot be read is an error item (and the last one).
    pub fn records(&mut self) -> Result<Records, Error> {
        if let Some(mut out) = self.out.take() {
            out.flush().map_err(|e| Error::output(&self.path, e))?;
        }
        let file = File::open(&self.path).map_err(|e| Error::output(&self.path, e))?;
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
    type Item = Result<Vec<u8>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.read().map_err(|source| {
            self.left = 0;
            Error::output(&self.path, source)
        }))
    }
}

/// Writes `v` as a LEB128 variable-length integer; the bytes used.
fn put_varint(out: &mut [u8; 10], mut v: u64) -> usize {
    let mut n = 0;
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out[n] = byte;
            return n + 1;
        }
        out[n] = byte | 0x80;
        n += 1;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order_and_a_cut_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::create(dir.path()).unwrap();
        let records: Vec<Vec<u8>> = (0..300u32).map(|i| vec![7; i as usize]).collect();
        for r in &records {
            spill.push(r).unwrap();
        }
        let back: Vec<Vec<u8>> = spill.records().unwrap().map(Result::unwrap).collect();
        assert_eq!(back, records);
        // The file cut short: the last record is an error, then nothing.
        let len = std::fs::metadata(spill.path()).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(spill.path())
            .unwrap()
            .set_len(len - 5)
            .unwrap();
        let back: Vec<_> = spill.records().unwrap().collect();
        assert_eq!(back.len(), 300);
        assert!(back[299].is_err() && back[298].is_ok());
        let path = spill.path().to_path_buf();
        drop(spill);
        assert!(!path.exists());
    }
}
