//! Per-document statistics kept on disk during a run: each analysed
//! document's counts are appended to a temporary file in the output folder
//! after its chunk, and read back one by one for `keywords.csv` and
//! `keyness.csv`, so memory holds the corpus counts, not every document's.

use crate::stats_tables::DocStats;
use duolex_keywords::codec::{put_str, put_u64, Reader};
use duolex_keywords::DocCounts;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The temporary file, removed when dropped.
pub struct Spill {
    path: PathBuf,
    out: Option<BufWriter<File>>,
    buf: Vec<u8>,
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
            buf: Vec::new(),
            documents: 0,
        })
    }

    /// The file's path (for error messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one document.
    pub fn push(&mut self, d: &DocStats) -> io::Result<()> {
        self.buf.clear();
        put_str(&mut self.buf, &d.path);
        put_str(&mut self.buf, d.date.as_deref().unwrap_or(""));
        d.counts.encode(&mut self.buf);
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| io::Error::other("spill closed"))?;
        let mut len = Vec::with_capacity(10);
        put_u64(&mut len, self.buf.len() as u64);
        out.write_all(&len)?;
        out.write_all(&self.buf)?;
        self.documents += 1;
        Ok(())
    }

    /// Reads the documents back, in the order they were pushed.
    pub fn for_each(
        &mut self,
        mut f: impl FnMut(DocStats) -> Result<(), crate::Error>,
    ) -> Result<(), crate::Error> {
        let io_err = |path: &Path, source: io::Error| crate::Error::Output {
            path: path.to_path_buf(),
            source,
        };
        if let Some(mut out) = self.out.take() {
            out.flush().map_err(|e| io_err(&self.path, e))?;
        }
        let file = File::open(&self.path).map_err(|e| io_err(&self.path, e))?;
        let mut input = BufReader::with_capacity(1 << 16, file);
        for _ in 0..self.documents {
            let len = read_varint(&mut input).map_err(|e| io_err(&self.path, e))?;
            let mut bytes = vec![0; len as usize];
            input
                .read_exact(&mut bytes)
                .map_err(|e| io_err(&self.path, e))?;
            let mut r = Reader::new(&bytes);
            let decoded = (|| {
                let path = r.str()?.to_string();
                let date = Some(r.str()?.to_string()).filter(|d| !d.is_empty());
                let counts = DocCounts::decode(&mut r)?;
                Some(DocStats { path, date, counts })
            })();
            let doc = decoded
                .ok_or_else(|| io_err(&self.path, io::Error::other("corrupt statistics record")))?;
            f(doc)?;
        }
        Ok(())
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
