//! Writing the tables: one sink per format ([`TextSink`] for CSV and JSON
//! Lines over any `io::Write`, a workbook for XLSX), the formula guard,
//! number formatting, the table files of a run and their commit, and
//! `run.json`.
//!
//! Rows reach a run's [`Output`] through [`RowBuf`]s: a worker formats a
//! document's rows into one (bytes in the text formats, cells for XLSX) and
//! the writer replays it in document order, so the bytes written never
//! depend on the threads. Every table is written to a temporary file in the
//! output folder and renamed into place only when all are complete, so an
//! interrupted run never leaves half a table.
//!
//! ```
//! use duolex_pipeline::output::{Output, RowBuf};
//! use duolex_pipeline::rows::{Cell, Rows};
//! use duolex_pipeline::{CsvProfile, OutputFormat, Settings, Table, TableSet};
//! let dir = tempfile::tempdir().unwrap();
//! let settings = Settings { tables: TableSet::with(&[]), ..Settings::default() };
//! let mut out = Output::create(dir.path(), OutputFormat::Csv(CsvProfile::Standard), &settings).unwrap();
//! let mut rows = RowBuf::new(out.renderer());
//! let mut cells = vec![Cell::Text("a.txt"), Cell::Text("ok"), Cell::Text("utf-8"), Cell::Int(12)];
//! cells.extend([Cell::Text(""); 9]);
//! rows.row(Table::Documents, &cells).unwrap();
//! rows.replay(&mut out).unwrap();
//! let written = out.finish().unwrap();
//! let csv = std::fs::read_to_string(&written[0].path).unwrap();
//! assert!(csv.ends_with("\r\na.txt,ok,utf-8,12,,,,,,,,,\r\n"));
//! ```

mod guard;
pub mod manifest;
pub mod number;
mod text;
mod xlsx;

pub use guard::looks_like_formula;
pub use text::TextSink;
pub use xlsx::{XLSX_MAX_CHARS, XLSX_MAX_ROWS};

use crate::config::{Error, OutputFormat, Settings, Table};
use crate::rows::{Cell, Rows};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// How rows become bytes in a run's format, shared by the threads that
/// fill [`RowBuf`]s.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    format: OutputFormat,
    columns: [&'static [&'static str]; 7],
}

impl Renderer {
    /// Rows of `settings`' tables in `format`.
    pub fn new(format: OutputFormat, settings: &Settings) -> Renderer {
        Renderer {
            format,
            columns: Table::ALL.map(|t| settings.columns(t)),
        }
    }

    /// The columns of `table`.
    pub fn columns(&self, table: Table) -> &'static [&'static str] {
        self.columns[table as usize]
    }
}

/// The rows of one table kept by a [`RowBuf`].
enum Kept {
    /// Formatted (CSV, JSONL).
    Text(TextSink<Vec<u8>>),
    /// As cells (XLSX): their text one after another, then the cells.
    Cells {
        text: String,
        cells: Vec<KeptCell>,
        /// The end of each row in `cells`.
        rows: Vec<usize>,
    },
}

/// A cell kept by a [`RowBuf`]: text as a range of its arena.
#[derive(Debug, Clone, Copy)]
enum KeptCell {
    Text(usize, usize),
    Int(i64),
    Float(f64, u8),
}

/// Rows kept in memory, table by table, to be replayed into an [`Output`]
/// in a fixed order: already formatted in the text formats, as cells for
/// XLSX. Filling one cannot fail.
pub struct RowBuf {
    renderer: Renderer,
    tables: [Option<Kept>; 7],
}

impl RowBuf {
    /// A buffer that formats rows as `renderer`'s output would.
    pub fn new(renderer: Renderer) -> Self {
        RowBuf {
            renderer,
            tables: Default::default(),
        }
    }

    /// Writes the kept rows, table by table, in the order they were kept.
    pub fn replay(self, out: &mut Output) -> Result<(), Error> {
        for (table, kept) in Table::ALL.into_iter().zip(self.tables) {
            match kept {
                None => {}
                Some(Kept::Text(sink)) => {
                    let bytes = sink.into_inner().map_err(|e| out.error(table, e))?;
                    out.append(table, &bytes)?;
                }
                Some(Kept::Cells { text, cells, rows }) => {
                    let mut row = Vec::new();
                    let mut start = 0;
                    for end in rows {
                        row.clear();
                        row.extend(cells[start..end].iter().map(|c| match *c {
                            KeptCell::Text(s, e) => Cell::Text(&text[s..e]),
                            KeptCell::Int(n) => Cell::Int(n),
                            KeptCell::Float(x, d) => Cell::Float(x, d),
                        }));
                        out.cells(table, &row)?;
                        start = end;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Rows for RowBuf {
    fn row(&mut self, table: Table, cells: &[Cell]) -> Result<(), Error> {
        let format = self.renderer.format;
        let columns = self.renderer.columns(table);
        let kept = self.tables[table as usize].get_or_insert_with(|| match format {
            OutputFormat::Csv(profile) => Kept::Text(TextSink::csv(Vec::new(), profile)),
            OutputFormat::Jsonl => Kept::Text(TextSink::jsonl(Vec::new(), columns)),
            OutputFormat::Xlsx => Kept::Cells {
                text: String::new(),
                cells: Vec::new(),
                rows: Vec::new(),
            },
        });
        match kept {
            // Writing into a Vec cannot fail.
            Kept::Text(sink) => {
                let _ = sink.row(cells);
            }
            Kept::Cells {
                text,
                cells: kept,
                rows,
            } => {
                for cell in cells {
                    kept.push(match *cell {
                        Cell::Text(t) => {
                            let start = text.len();
                            text.push_str(t);
                            KeptCell::Text(start, text.len())
                        }
                        Cell::Int(n) => KeptCell::Int(n),
                        Cell::Float(x, d) => KeptCell::Float(x, d),
                    });
                }
                rows.push(kept.len());
            }
        }
        Ok(())
    }
}

/// A table written: where, how long, and its SHA-256 digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: [u8; 32],
}

impl Written {
    /// The digest in lowercase hexadecimal.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl AsRef<Path> for Written {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// A file that keeps the SHA-256 digest and length of what is written to
/// it, so that `run.json` need not read the tables back.
struct Hashed {
    file: File,
    hasher: sha2::Sha256,
    len: u64,
}

impl Write for Hashed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A table's temporary file.
struct TableFile {
    tmp: PathBuf,
    target: PathBuf,
    out: BufWriter<Hashed>,
}

/// The tables of one run, written into one folder in one format.
pub struct Output {
    dir: PathBuf,
    format: OutputFormat,
    renderer: Renderer,
    /// The text formats' files, by table.
    files: [Option<TableFile>; 7],
    /// The XLSX workbook.
    book: Option<xlsx::Book>,
}

/// The temporary name of a file of `dir` while this process writes it.
fn temporary(dir: &Path, target: &Path) -> PathBuf {
    dir.join(format!(
        ".{}.tmp-{}",
        target.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ))
}

impl Output {
    /// Opens the tables of `settings` in `dir` (created if needed), each
    /// with its header. A table's place taken by a folder is refused here,
    /// before anything is written; temporary files left by killed runs are
    /// removed.
    pub fn create(dir: &Path, format: OutputFormat, settings: &Settings) -> Result<Output, Error> {
        Output::with_sheet_rows(dir, format, settings, XLSX_MAX_ROWS)
    }

    /// [`Output::create`], continuing XLSX tables on a new sheet after
    /// `rows` rows (header included) instead of Excel's limit.
    pub fn with_sheet_rows(
        dir: &Path,
        format: OutputFormat,
        settings: &Settings,
        rows: u32,
    ) -> Result<Output, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::output(dir, e))?;
        clean_stale_temporaries(dir);
        let mut out = Output {
            dir: dir.to_path_buf(),
            format,
            renderer: Renderer::new(format, settings),
            files: Default::default(),
            book: (format == OutputFormat::Xlsx).then(|| xlsx::Book::new(rows)),
        };
        // A table name taken by a folder would only fail at the final
        // rename, after other tables were replaced: fail before writing.
        for table in settings.tables.tables() {
            let target = out.target(table);
            if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                return Err(Error::output(
                    target,
                    io::Error::other("a folder of that name is in the way"),
                ));
            }
        }
        for table in settings.tables.tables() {
            out.open(table)?;
        }
        Ok(out)
    }

    fn open(&mut self, table: Table) -> Result<(), Error> {
        let columns = self.renderer.columns(table);
        if let Some(book) = &mut self.book {
            return book
                .table(table, columns)
                .map_err(|e| Error::output(self.dir.join("duolex.xlsx"), e));
        }
        let target = self.target(table);
        let tmp = temporary(&self.dir, &target);
        let file = File::create(&tmp).map_err(|e| Error::output(&target, e))?;
        let hashed = Hashed {
            file,
            hasher: sha2::Digest::new(),
            len: 0,
        };
        let mut out = BufWriter::with_capacity(1 << 16, hashed);
        let header = TextSink::table(Vec::new(), self.format, columns)
            .and_then(TextSink::into_inner)
            .and_then(|h| out.write_all(&h));
        if let Err(e) = header {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::output(&target, e));
        }
        self.files[table as usize] = Some(TableFile { tmp, target, out });
        Ok(())
    }

    /// How rows become bytes in this output (for [`RowBuf::new`]).
    pub fn renderer(&self) -> Renderer {
        self.renderer
    }

    /// The path a table ends up at.
    pub fn target(&self, table: Table) -> PathBuf {
        match self.format {
            OutputFormat::Xlsx => self.dir.join("duolex.xlsx"),
            f => self.dir.join(format!("{}.{}", table.name(), f.extension())),
        }
    }

    fn error(&self, table: Table, e: io::Error) -> Error {
        Error::output(self.target(table), e)
    }

    /// Appends rows formatted by this output's [`Renderer`].
    fn append(&mut self, table: Table, bytes: &[u8]) -> Result<(), Error> {
        match &mut self.files[table as usize] {
            Some(t) => t
                .out
                .write_all(bytes)
                .map_err(|e| Error::output(&t.target, e)),
            None => Err(self.error(table, io::Error::other("table not opened"))),
        }
    }

    /// Writes one row of cells (XLSX).
    fn cells(&mut self, table: Table, cells: &[Cell]) -> Result<(), Error> {
        let res = match &mut self.book {
            Some(book) => book.row(table, cells),
            None => Err(io::Error::other("no workbook")),
        };
        res.map_err(|e| self.error(table, e))
    }

    /// Completes every table and renames it into place; returns what was
    /// written. On error nothing partial is left: temporary files are
    /// removed.
    pub fn finish(mut self) -> Result<Vec<Written>, Error> {
        if let Some(book) = self.book.take() {
            let target = self.dir.join("duolex.xlsx");
            let tmp = temporary(&self.dir, &target);
            let res = book
                .save(&tmp)
                .and_then(|()| std::fs::rename(&tmp, &target))
                .and_then(|()| sha256_of(&target));
            return match res {
                Ok((bytes, sha256)) => Ok(vec![Written {
                    path: target,
                    bytes,
                    sha256,
                }]),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Err(Error::output(target, e))
                }
            };
        }
        let mut done = Vec::new();
        let mut files = std::mem::take(&mut self.files).into_iter().flatten();
        while let Some(TableFile { tmp, target, out }) = files.next() {
            let res = (|| {
                let hashed = out.into_inner().map_err(|e| e.into_error())?;
                hashed.file.sync_all()?;
                drop(hashed.file);
                std::fs::rename(&tmp, &target)?;
                Ok((hashed.len, sha2::Digest::finalize(hashed.hasher).into()))
            })();
            match res {
                Ok((bytes, sha256)) => done.push(Written {
                    path: target,
                    bytes,
                    sha256,
                }),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    for rest in files {
                        let _ = std::fs::remove_file(&rest.tmp);
                    }
                    return Err(Error::output(target, e));
                }
            }
        }
        Ok(done)
    }
}

impl Drop for Output {
    /// An output dropped without [`Output::finish`] (an error elsewhere)
    /// removes its temporary files.
    fn drop(&mut self) {
        for t in self.files.iter().flatten() {
            let _ = std::fs::remove_file(&t.tmp);
        }
    }
}

/// The length and SHA-256 digest of a file, read in blocks.
fn sha256_of(path: &Path) -> io::Result<(u64, [u8; 32])> {
    use sha2::Digest;
    use std::io::Read as _;
    let mut file = File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok((len, hasher.finalize().into()));
        }
        len += n as u64;
        hasher.update(&buf[..n]);
    }
}

/// Removes temporary files that a killed run left in `dir` (`.NAME.tmp-PID`
/// whose process is gone; only checked where `/proc` shows processes).
pub fn clean_stale_temporaries(dir: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some((_, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
