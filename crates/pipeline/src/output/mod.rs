//! Writing the tables: one sink per format ([`TextSink`] for CSV and JSON
//! Lines over any `io::Write`, a workbook for XLSX), the formula guard,
//! number formatting, the table files of a run and their commit, and
//! `run.json`.
//!
//! Rows reach a run's [`Output`] through [`RowBuf`]s: a worker formats a
//! document's rows into one (bytes in the text formats, cells for XLSX) and
//! the writer replays it in document order, so the bytes written never
//! depend on the threads. Every table and `run.json` are written into a
//! staging folder and put in place together by one rename when all are
//! complete ([`commit`]), so an interrupted or failed run leaves the
//! previous set whole.
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

pub mod commit;
mod guard;
pub mod manifest;
pub mod number;
mod text;
pub mod verify;
mod xlsx;

pub use commit::is_duolex_name;
pub use guard::{converts_on_import, looks_like_formula};
pub use text::TextSink;
pub use xlsx::{XLSX_CUT_MARK, XLSX_MAX_CHARS, XLSX_MAX_ROWS};

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

/// A table's file in the staging folder.
struct TableFile {
    name: String,
    out: BufWriter<Hashed>,
}

/// The tables of one run, written into one folder in one format: into a
/// staging folder first, then committed as one set (see [`commit`]).
pub struct Output {
    dir: PathBuf,
    format: OutputFormat,
    renderer: Renderer,
    /// The text formats' files, by table.
    files: [Option<TableFile>; 7],
    /// The XLSX workbook.
    book: Option<xlsx::Book>,
    /// The files completed in the staging folder.
    staged: Vec<String>,
    written: Vec<Written>,
    folder: commit::Folder,
}

/// What a commit put in place.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The tables, at the paths users open.
    pub tables: Vec<Written>,
    /// `run.json`, when the commit wrote one.
    pub manifest: Option<PathBuf>,
    /// Tables of duolex's names that the committed set does not hold
    /// (earlier `--tables` subsets, other formats), removed.
    pub removed: Vec<PathBuf>,
}

impl Output {
    /// Opens the tables of `settings` in `dir` (created if needed), each
    /// with its header, after taking the folder's lock (another run
    /// writing there is an error naming it). A table's or `run.json`'s
    /// place taken by a folder is refused here, before anything is
    /// written; what killed runs left is removed.
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
        let mut names: Vec<String> = settings
            .tables
            .tables()
            .map(|t| file_name(format, t))
            .collect();
        names.dedup();
        names.push("run.json".to_string());
        let folder = commit::Folder::open(dir, &names)?;
        let mut out = Output {
            dir: dir.to_path_buf(),
            format,
            renderer: Renderer::new(format, settings),
            files: Default::default(),
            book: None,
            staged: Vec::new(),
            written: Vec::new(),
            folder,
        };
        if format == OutputFormat::Xlsx {
            let book = xlsx::Book::new(rows, out.folder.staging());
            out.book = Some(book.map_err(|e| Error::output(out.target(Table::Documents), e))?);
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
        let name = file_name(self.format, table);
        let file = File::create(self.folder.staging().join(&name))
            .map_err(|e| Error::output(&target, e))?;
        let hashed = Hashed {
            file,
            hasher: sha2::Digest::new(),
            len: 0,
        };
        let mut out = BufWriter::with_capacity(1 << 16, hashed);
        let header = TextSink::table(Vec::new(), self.format, columns)
            .and_then(TextSink::into_inner)
            .and_then(|h| out.write_all(&h));
        header.map_err(|e| Error::output(&target, e))?;
        self.files[table as usize] = Some(TableFile { name, out });
        Ok(())
    }

    /// XLSX cells cut so far to what a cell holds (see [`XLSX_MAX_CHARS`]).
    pub fn cut_cells(&self) -> u64 {
        self.book.as_ref().map_or(0, xlsx::Book::cut_cells)
    }

    /// How rows become bytes in this output (for [`RowBuf::new`]).
    pub fn renderer(&self) -> Renderer {
        self.renderer
    }

    /// The path a table ends up at.
    pub fn target(&self, table: Table) -> PathBuf {
        self.dir.join(file_name(self.format, table))
    }

    fn error(&self, table: Table, e: io::Error) -> Error {
        Error::output(self.target(table), e)
    }

    /// Appends rows formatted by this output's [`Renderer`].
    fn append(&mut self, table: Table, bytes: &[u8]) -> Result<(), Error> {
        let target = self.target(table);
        match &mut self.files[table as usize] {
            Some(t) => t.out.write_all(bytes).map_err(|e| Error::output(target, e)),
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

    /// Completes every table in the staging folder — written, flushed and
    /// synced to disk — and returns what was written (at the paths the
    /// tables will have). Nothing is replaced yet: on error, dropping the
    /// output leaves the folder as it was.
    pub fn complete(&mut self) -> Result<Vec<Written>, Error> {
        if let Some(book) = self.book.take() {
            let target = self.dir.join("duolex.xlsx");
            let staged = self.folder.staging().join("duolex.xlsx");
            let res = commit::write_fault("duolex.xlsx")
                .and_then(|()| book.save(&staged))
                .and_then(|()| File::open(&staged)?.sync_all())
                .and_then(|()| sha256_of(&staged));
            let (bytes, sha256) = res.map_err(|e| Error::output(&target, e))?;
            self.staged.push("duolex.xlsx".to_string());
            self.written.push(Written {
                path: target,
                bytes,
                sha256,
            });
        }
        for TableFile { name, out } in std::mem::take(&mut self.files).into_iter().flatten() {
            let target = self.dir.join(&name);
            let res = (|| {
                commit::write_fault(&name)?;
                let hashed = out.into_inner().map_err(|e| e.into_error())?;
                hashed.file.sync_all()?;
                Ok::<_, io::Error>((hashed.len, sha2::Digest::finalize(hashed.hasher).into()))
            })();
            let (bytes, sha256) = res.map_err(|e| Error::output(&target, e))?;
            self.staged.push(name);
            self.written.push(Written {
                path: target,
                bytes,
                sha256,
            });
        }
        Ok(self.written.clone())
    }

    /// Writes `manifest` as `run.json` beside the completed tables (see
    /// [`Output::complete`]), then puts the whole set in place of the old
    /// one at once, and removes the tables of duolex's names the new set
    /// does not hold.
    pub fn commit(mut self, manifest: Option<&manifest::Manifest>) -> Result<Committed, Error> {
        let mut manifest_path = None;
        if let Some(m) = manifest {
            let target = self.dir.join("run.json");
            let staged = self.folder.staging().join("run.json");
            let res = commit::write_fault("run.json").and_then(|()| {
                let mut file = File::create(&staged)?;
                file.write_all(m.to_json().as_bytes())?;
                file.sync_all()
            });
            res.map_err(|e| Error::output(&target, e))?;
            self.staged.push("run.json".to_string());
            manifest_path = Some(target);
        }
        let replaced = self.folder.commit(&self.staged)?;
        Ok(Committed {
            tables: self.written,
            manifest: manifest_path,
            removed: replaced.removed,
        })
    }

    /// Completes every table and commits them without `run.json`; returns
    /// what was written. On error nothing is replaced.
    pub fn finish(mut self) -> Result<Vec<Written>, Error> {
        self.complete()?;
        Ok(self.commit(None)?.tables)
    }
}

/// A table's file name in `format`.
fn file_name(format: OutputFormat, table: Table) -> String {
    match format {
        OutputFormat::Xlsx => "duolex.xlsx".to_string(),
        f => format!("{}.{}", table.name(), f.extension()),
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

#[cfg(test)]
mod tests;
