//! Table output in the formats users open: CSV with a spreadsheet profile,
//! one XLSX workbook with a sheet per table, or JSON Lines.
//!
//! Rows are made of typed [`Cell`]s, so that numbers are numbers in XLSX and
//! JSONL, and in CSV get the decimal mark of the profile. Text that a
//! spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`,
//! tab or carriage return) is neutralised in every CSV profile and in XLSX
//! by a leading apostrophe, as OWASP advises; numbers are never touched.
//!
//! Every table is written to a temporary file in the output folder and
//! renamed into place only when complete, so an interrupted run never leaves
//! half a table.
//!
//! ```
//! use duolex_pipeline::export::{Cell, CsvProfile, Exporter, OutputFormat};
//! let dir = tempfile::tempdir().unwrap();
//! let mut ex = Exporter::new(dir.path(), OutputFormat::Csv(CsvProfile::ExcelFr));
//! let t = ex.table("scores", &["term", "score"]).unwrap();
//! ex.row(t, &[Cell::Text("=cmd"), Cell::Float(22.5, 2)]).unwrap();
//! let written = ex.finish().unwrap();
//! let bytes = std::fs::read(&written[0].path).unwrap();
//! assert_eq!(written[0].bytes, bytes.len() as u64);
//! assert_eq!(bytes, "\u{feff}term;score\r\n'=cmd;22,50\r\n".as_bytes());
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
    /// A number printed with a fixed number of decimals (so output bytes are
    /// the same on every platform).
    Float(f64, u8),
}

/// CSV conventions for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvProfile {
    /// RFC 4180: `,`, decimal point, no byte-order mark.
    Standard,
    /// Excel in an English locale: byte-order mark (so UTF-8 is read as
    /// UTF-8), `,`, decimal point.
    Excel,
    /// Excel in a French locale: byte-order mark, `;`, decimal comma.
    ExcelFr,
}

impl CsvProfile {
    fn delimiter(self) -> u8 {
        match self {
            CsvProfile::ExcelFr => b';',
            _ => b',',
        }
    }
    fn bom(self) -> bool {
        self != CsvProfile::Standard
    }
}

/// The output format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Csv(CsvProfile),
    /// One workbook `duolex.xlsx`, one sheet per table.
    Xlsx,
    /// One `.jsonl` file per table, one object per row.
    Jsonl,
}

impl OutputFormat {
    /// File extension of a table in this format.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Csv(_) => "csv",
            OutputFormat::Xlsx => "xlsx",
            OutputFormat::Jsonl => "jsonl",
        }
    }
}

/// Identifies a table opened with [`Exporter::table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableId(usize);

/// Where row writers put their rows: the [`Exporter`] itself, or a
/// [`RowBuf`] filled on a worker thread and replayed into the exporter in a
/// fixed order (so the bytes written never depend on the threads).
pub trait Rows {
    /// Writes (or keeps) one row of a table.
    fn row(&mut self, id: TableId, cells: &[Cell]) -> Result<(), (PathBuf, io::Error)>;
}

impl Rows for Exporter {
    fn row(&mut self, id: TableId, cells: &[Cell]) -> Result<(), (PathBuf, io::Error)> {
        Exporter::row(self, id, cells)
    }
}

/// A cell kept by a [`RowBuf`]: text as a range of its arena.
#[derive(Debug, Clone, Copy)]
enum KeptCell {
    Text(usize, usize),
    Int(i64),
    Float(f64, u8),
}

/// How rows become bytes in the text formats (CSV, JSONL): taken from an
/// [`Exporter`] once its tables are open, and shared by the threads that
/// fill [`RowBuf`]s, so that formatting too happens on the workers.
#[derive(Debug, Clone)]
pub struct Renderer {
    format: OutputFormat,
    /// Column names of each table (JSONL keys).
    columns: Vec<Vec<String>>,
}

impl Renderer {
    /// Appends one row as bytes; false for XLSX, whose rows are not bytes.
    fn render(&self, id: TableId, cells: &[Cell], out: &mut Vec<u8>, scratch: &mut String) -> bool {
        // Writing into a Vec cannot fail.
        match self.format {
            OutputFormat::Csv(profile) => {
                let _ = write_csv_row(out, profile, cells, scratch);
            }
            OutputFormat::Jsonl => {
                let _ = write_json_row(out, &self.columns[id.0], cells);
            }
            OutputFormat::Xlsx => return false,
        }
        true
    }
}

/// Rows kept in memory, to be replayed into an [`Exporter`]: already
/// formatted when made [`with`](RowBuf::with) a [`Renderer`] of a text
/// format, else as cells.
///
/// ```
/// use duolex_pipeline::export::{Cell, Exporter, OutputFormat, CsvProfile, RowBuf, Rows};
/// let dir = tempfile::tempdir().unwrap();
/// let mut ex = Exporter::new(dir.path(), OutputFormat::Csv(CsvProfile::Standard));
/// let t = ex.table("t", &["word", "n"]).unwrap();
/// let renderer = ex.renderer();
/// let mut formatted = RowBuf::with(&renderer);
/// formatted.row(t, &[Cell::Text("modèle"), Cell::Int(7)]).unwrap();
/// let mut cells = RowBuf::default();
/// cells.row(t, &[Cell::Text("modèles"), Cell::Int(2)]).unwrap();
/// formatted.replay(&mut ex).unwrap();
/// cells.replay(&mut ex).unwrap();
/// ex.finish().unwrap();
/// let csv = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
/// assert_eq!(csv, "word,n\r\nmodèle,7\r\nmodèles,2\r\n");
/// ```
#[derive(Debug, Default)]
pub struct RowBuf<'r> {
    renderer: Option<&'r Renderer>,
    /// Formatted rows, one after another.
    bytes: Vec<u8>,
    scratch: String,
    text: String,
    cells: Vec<KeptCell>,
    /// (table, end of the row in `bytes` — of the run of rows of that table
    /// — or of its cells in `cells`).
    rows: Vec<(TableId, usize)>,
}

impl Rows for RowBuf<'_> {
    fn row(&mut self, id: TableId, cells: &[Cell]) -> Result<(), (PathBuf, io::Error)> {
        if let Some(r) = self.renderer {
            if r.render(id, cells, &mut self.bytes, &mut self.scratch) {
                // Formatted rows of one table in a row are replayed in one write.
                match self.rows.last_mut() {
                    Some((last, end)) if *last == id => *end = self.bytes.len(),
                    _ => self.rows.push((id, self.bytes.len())),
                }
                return Ok(());
            }
        }
        for cell in cells {
            self.cells.push(match *cell {
                Cell::Text(t) => {
                    let start = self.text.len();
                    self.text.push_str(t);
                    KeptCell::Text(start, self.text.len())
                }
                Cell::Int(n) => KeptCell::Int(n),
                Cell::Float(x, d) => KeptCell::Float(x, d),
            });
        }
        self.rows.push((id, self.cells.len()));
        Ok(())
    }
}

impl<'r> RowBuf<'r> {
    /// A buffer that formats rows as `renderer`'s exporter would.
    pub fn with(renderer: &'r Renderer) -> Self {
        RowBuf {
            renderer: Some(renderer),
            ..RowBuf::default()
        }
    }

    /// Writes the kept rows, in the order they were kept.
    pub fn replay(&self, ex: &mut Exporter) -> Result<(), (PathBuf, io::Error)> {
        if !self.bytes.is_empty() {
            let mut start = 0;
            for &(id, end) in &self.rows {
                ex.raw_row(id, &self.bytes[start..end])?;
                start = end;
            }
            return Ok(());
        }
        let mut cells = Vec::new();
        let mut start = 0;
        for &(id, end) in &self.rows {
            cells.clear();
            cells.extend(self.cells[start..end].iter().map(|c| match *c {
                KeptCell::Text(s, e) => Cell::Text(&self.text[s..e]),
                KeptCell::Int(n) => Cell::Int(n),
                KeptCell::Float(x, d) => Cell::Float(x, d),
            }));
            ex.row(id, &cells)?;
            start = end;
        }
        Ok(())
    }
}

/// The largest number of rows on one Excel sheet, header included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;

struct FileTable {
    tmp: PathBuf,
    target: PathBuf,
    out: BufWriter<Hashed>,
    columns: Vec<String>,
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

/// A table written: where, how long, and its SHA-256 digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: [u8; 32],
}

impl AsRef<Path> for Written {
    fn as_ref(&self) -> &Path {
        &self.path
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

struct Sheet {
    /// Base name (the table's name), and how many sheets it has used.
    name: String,
    part: u32,
    /// Worksheet index in the workbook of the current part.
    index: usize,
    /// Next row to write on the current sheet.
    row: u32,
    columns: Vec<String>,
    widths: Vec<usize>,
}

/// Writes several tables in one format into one folder.
pub struct Exporter {
    dir: PathBuf,
    format: OutputFormat,
    files: Vec<FileTable>,
    sheets: Vec<Sheet>,
    workbook: Option<rust_xlsxwriter::Workbook>,
    bold: rust_xlsxwriter::Format,
    scratch: String,
    /// Rows per sheet, header included, before a continuation sheet.
    sheet_rows: u32,
}

/// The worksheet at `index` of the workbook.
fn worksheet(
    workbook: &mut Option<rust_xlsxwriter::Workbook>,
    index: usize,
) -> io::Result<&mut rust_xlsxwriter::Worksheet> {
    let wb = workbook
        .as_mut()
        .ok_or_else(|| io::Error::other("no workbook"))?;
    wb.worksheet_from_index(index).map_err(xlsx_error)
}

/// Excel holds at most 32,767 characters in a cell: longer text (a whole
/// document's run in `segments`) is cut there; CSV and JSONL keep it whole.
pub const XLSX_MAX_CHARS: usize = 32_767;

fn excel_text(t: &str) -> &str {
    match t.char_indices().nth(XLSX_MAX_CHARS - 1) {
        Some((cut, _)) => &t[..cut],
        None => t,
    }
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// Whether a spreadsheet would take `text` for a formula.
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    ) && text.trim().parse::<f64>().is_err()
}

impl Exporter {
    /// An exporter writing into `dir` (which must exist).
    pub fn new(dir: &Path, format: OutputFormat) -> Self {
        Exporter {
            dir: dir.to_path_buf(),
            format,
            files: Vec::new(),
            sheets: Vec::new(),
            workbook: (format == OutputFormat::Xlsx).then(rust_xlsxwriter::Workbook::new),
            bold: rust_xlsxwriter::Format::new().set_bold(),
            scratch: String::new(),
            sheet_rows: XLSX_MAX_ROWS,
        }
    }

    /// Continues a table on a new sheet after `rows` rows (header included)
    /// instead of Excel's limit; at most [`XLSX_MAX_ROWS`].
    pub fn with_sheet_rows(mut self, rows: u32) -> Self {
        self.sheet_rows = rows.clamp(2, XLSX_MAX_ROWS);
        self
    }

    /// The path a table named `name` ends up at.
    pub fn target(&self, name: &str) -> PathBuf {
        match self.format {
            OutputFormat::Xlsx => self.dir.join("duolex.xlsx"),
            f => self.dir.join(format!("{name}.{}", f.extension())),
        }
    }

    /// Opens a table and writes its header.
    pub fn table(&mut self, name: &str, columns: &[&str]) -> Result<TableId, (PathBuf, io::Error)> {
        let target = self.target(name);
        let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        if self.workbook.is_some() {
            let id = TableId(self.sheets.len());
            self.sheets.push(Sheet {
                name: sheet_name(name),
                part: 0,
                index: 0,
                row: 0,
                widths: columns.iter().map(|c| c.chars().count() + 2).collect(),
                columns,
            });
            self.new_sheet(id.0).map_err(|e| (target, e))?;
            return Ok(id);
        }
        let tmp = self.dir.join(format!(
            ".{}.tmp-{}",
            target.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let file = File::create(&tmp).map_err(|e| (target.clone(), e))?;
        let file = Hashed {
            file,
            hasher: sha2::Digest::new(),
            len: 0,
        };
        let mut out = BufWriter::with_capacity(1 << 16, file);
        if let OutputFormat::Csv(profile) = self.format {
            let header: Vec<Cell> = columns.iter().map(|c| Cell::Text(c)).collect();
            let res = (|| {
                if profile.bom() {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                write_csv_row(&mut out, profile, &header, &mut self.scratch)
            })();
            res.map_err(|e| (target.clone(), e))?;
        }
        self.files.push(FileTable {
            tmp,
            target,
            out,
            columns,
        });
        Ok(TableId(self.files.len() - 1))
    }

    /// Starts the next sheet of a table (the first, or a continuation).
    fn new_sheet(&mut self, id: usize) -> io::Result<()> {
        let wb = self.workbook.as_mut().expect("xlsx");
        let sheet = &mut self.sheets[id];
        sheet.part += 1;
        let name = if sheet.part == 1 {
            sheet.name.clone()
        } else {
            format!("{} ({})", sheet.name, sheet.part)
        };
        let ws = wb
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        ws.set_name(&name).map_err(xlsx_error)?;
        // Widths must be set before rows in constant-memory mode: take them
        // from the header and the typical content of each column.
        for (c, col) in sheet.columns.iter().enumerate() {
            let width = match col.as_str() {
                "text" | "left" | "right" | "error" | "note" => 60,
                "path" | "group" => 40,
                "term" | "stem" | "keyword" | "ngram" | "match" => 24,
                _ => sheet.widths[c].max(10),
            };
            ws.set_column_width(c as u16, width as f64)
                .map_err(xlsx_error)?;
        }
        for (c, col) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col, &self.bold)
                .map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        sheet.index = wb.worksheets().len() - 1;
        sheet.row = 1;
        Ok(())
    }

    /// What [`RowBuf::with`] needs to format rows as this exporter does
    /// (for the tables opened so far).
    pub fn renderer(&self) -> Renderer {
        Renderer {
            format: self.format,
            columns: self.files.iter().map(|t| t.columns.clone()).collect(),
        }
    }

    /// Appends a row formatted by a [`Renderer`] of this exporter.
    fn raw_row(&mut self, id: TableId, bytes: &[u8]) -> Result<(), (PathBuf, io::Error)> {
        let t = &mut self.files[id.0];
        t.out.write_all(bytes).map_err(|e| (t.target.clone(), e))
    }

    /// Writes one row of a table.
    pub fn row(&mut self, id: TableId, cells: &[Cell]) -> Result<(), (PathBuf, io::Error)> {
        let res = match self.format {
            OutputFormat::Xlsx => self.xlsx_row(id.0, cells),
            OutputFormat::Csv(profile) => {
                let t = &mut self.files[id.0];
                write_csv_row(&mut t.out, profile, cells, &mut self.scratch)
            }
            OutputFormat::Jsonl => {
                let t = &mut self.files[id.0];
                write_json_row(&mut t.out, &t.columns, cells)
            }
        };
        res.map_err(|e| (self.target_of(id), e))
    }

    fn target_of(&self, id: TableId) -> PathBuf {
        match self.format {
            OutputFormat::Xlsx => self.dir.join("duolex.xlsx"),
            _ => self.files[id.0].target.clone(),
        }
    }

    fn xlsx_row(&mut self, id: usize, cells: &[Cell]) -> io::Result<()> {
        if self.sheets[id].row >= self.sheet_rows {
            self.finish_sheet(id)?;
            self.new_sheet(id)?;
        }
        let sheet = &mut self.sheets[id];
        let ws = worksheet(&mut self.workbook, sheet.index)?;
        let r = sheet.row;
        for (c, cell) in cells.iter().enumerate() {
            let c16 = c as u16;
            match *cell {
                Cell::Text(t) => {
                    let t = excel_text(t);
                    if looks_like_formula(t) {
                        self.scratch.clear();
                        self.scratch.push('\'');
                        self.scratch.push_str(t);
                        ws.write_string(r, c16, &self.scratch)
                    } else {
                        ws.write_string(r, c16, t)
                    }
                }
                Cell::Int(n) => ws.write_number(r, c16, n as f64),
                Cell::Float(x, _) => ws.write_number(r, c16, x),
            }
            .map_err(xlsx_error)?;
        }
        sheet.row += 1;
        Ok(())
    }

    /// Adds the filter over the rows written on a table's current sheet.
    fn finish_sheet(&mut self, id: usize) -> io::Result<()> {
        let sheet = &self.sheets[id];
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        let ws = worksheet(&mut self.workbook, sheet.index)?;
        ws.autofilter(0, 0, sheet.row - 1, last_col)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// Completes every table and renames it into place; returns what was
    /// written. On error nothing partial is left: temporary files are
    /// removed.
    pub fn finish(mut self) -> Result<Vec<Written>, (PathBuf, io::Error)> {
        if self.workbook.is_some() {
            let target = self.dir.join("duolex.xlsx");
            let tmp = self
                .dir
                .join(format!(".duolex.xlsx.tmp-{}", std::process::id()));
            let res = (|| {
                for id in 0..self.sheets.len() {
                    self.finish_sheet(id)?;
                }
                let wb = self.workbook.as_mut().expect("xlsx");
                wb.save(&tmp).map_err(xlsx_error)?;
                std::fs::rename(&tmp, &target)?;
                sha256_of(&target)
            })();
            return match res {
                Ok((bytes, sha256)) => Ok(vec![Written {
                    path: target,
                    bytes,
                    sha256,
                }]),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Err((target, e))
                }
            };
        }
        let mut done = Vec::new();
        let mut files = std::mem::take(&mut self.files).into_iter();
        while let Some(t) = files.next() {
            let FileTable {
                tmp, target, out, ..
            } = t;
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
                    return Err((target, e));
                }
            }
        }
        Ok(done)
    }
}

impl Drop for Exporter {
    /// An exporter dropped without [`Exporter::finish`] (an error elsewhere)
    /// removes its temporary files.
    fn drop(&mut self) {
        for t in &self.files {
            let _ = std::fs::remove_file(&t.tmp);
        }
    }
}

/// Removes temporary tables that a killed run left in `dir` (`.NAME.tmp-PID`
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

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    clean.chars().take(25).collect()
}

/// Formats a float with fixed decimals, with the profile's decimal mark.
fn push_float(out: &mut String, x: f64, decimals: u8, comma: bool) {
    let start = out.len();
    crate::tables::push_fixed(out, x, decimals as usize);
    if comma {
        if let Some(dot) = out[start..].find('.') {
            out.replace_range(start + dot..start + dot + 1, ",");
        }
    }
}

/// CSV rows on a stream (standard output) with the tables' formula guard
/// and number formats, in RFC 4180 conventions (`,`, decimal point, CRLF
/// line ends, no byte-order mark), quoted by the `csv` crate: what
/// `detect`, `keywords` and `kwic` write with `--format csv`.
///
/// ```
/// use duolex_pipeline::export::{Cell, CsvStream};
/// let mut out = CsvStream::new(Vec::new());
/// out.header(&["text", "n", "score"]).unwrap();
/// out.row(&[Cell::Text("=1+2, dit-il"), Cell::Int(3), Cell::Float(0.5, 3)]).unwrap();
/// assert_eq!(out.into_inner().unwrap(), b"text,n,score\r\n\"'=1+2, dit-il\",3,0.500\r\n");
/// ```
pub struct CsvStream<W: Write> {
    out: csv::Writer<W>,
    fields: Vec<String>,
}

impl<W: Write> CsvStream<W> {
    /// Rows written to `out`.
    pub fn new(out: W) -> Self {
        CsvStream {
            out: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
            fields: Vec::new(),
        }
    }

    /// Writes the header row.
    pub fn header(&mut self, columns: &[&str]) -> io::Result<()> {
        Ok(self.out.write_record(columns)?)
    }

    /// Writes one row.
    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.fields.resize_with(cells.len(), String::new);
        for (f, cell) in self.fields.iter_mut().zip(cells) {
            f.clear();
            match *cell {
                Cell::Int(n) => crate::tables::push_int(f, n),
                Cell::Float(x, d) => push_float(f, x, d, false),
                Cell::Text(t) => {
                    if looks_like_formula(t) {
                        f.push('\'');
                    }
                    f.push_str(t);
                }
            }
        }
        Ok(self.out.write_record(&self.fields[..cells.len()])?)
    }

    /// The stream, once the rows still buffered are written.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

fn write_csv_row(
    out: &mut impl Write,
    profile: CsvProfile,
    cells: &[Cell],
    scratch: &mut String,
) -> io::Result<()> {
    let delim = profile.delimiter() as char;
    scratch.clear();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            scratch.push(delim);
        }
        match *cell {
            Cell::Int(n) => crate::tables::push_int(scratch, n),
            Cell::Float(x, d) => push_float(scratch, x, d, profile == CsvProfile::ExcelFr),
            Cell::Text(t) => {
                let guard = looks_like_formula(t);
                // One pass over the bytes (all the characters sought are ASCII).
                let (mut special, mut quotes) = (false, false);
                for &b in t.as_bytes() {
                    quotes |= b == b'"';
                    special |= b == delim as u8 || b == b'\n' || b == b'\r';
                }
                let quote = special || quotes || guard && t.starts_with(['\t', '\r']);
                if quote {
                    scratch.push('"');
                }
                if guard {
                    scratch.push('\'');
                }
                if quotes {
                    scratch.push_str(&t.replace('"', "\"\""));
                } else {
                    scratch.push_str(t);
                }
                if quote {
                    scratch.push('"');
                }
            }
        }
    }
    // RFC 4180 line ends; Excel and LibreOffice read them everywhere.
    scratch.push_str("\r\n");
    out.write_all(scratch.as_bytes())
}

fn write_json_row(out: &mut impl Write, columns: &[String], cells: &[Cell]) -> io::Result<()> {
    let mut map = serde_json::Map::with_capacity(cells.len());
    for (col, cell) in columns.iter().zip(cells) {
        let v = match *cell {
            Cell::Text(t) => serde_json::Value::String(t.to_string()),
            Cell::Int(n) => serde_json::Value::from(n),
            Cell::Float(x, d) => {
                // Round as printed elsewhere, so every format shows the same value.
                let p = 10f64.powi(d as i32);
                serde_json::Number::from_f64((x * p).round() / p)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        };
        map.insert(col.clone(), v);
    }
    serde_json::to_writer(&mut *out, &map)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_table(format: OutputFormat, rows: &[Vec<Cell>]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let mut ex = Exporter::new(dir.path(), format);
        let t = ex.table("t", &["a", "b", "c"]).unwrap();
        for r in rows {
            ex.row(t, r).unwrap();
        }
        let paths = ex.finish().unwrap();
        std::fs::read(&paths[0]).unwrap()
    }

    #[test]
    fn csv_profiles() {
        let rows = vec![vec![
            Cell::Text("modèle"),
            Cell::Float(-1.5, 2),
            Cell::Int(-3),
        ]];
        let std = one_table(OutputFormat::Csv(CsvProfile::Standard), &rows);
        assert_eq!(std, "a,b,c\r\nmodèle,-1.50,-3\r\n".as_bytes());
        let excel = one_table(OutputFormat::Csv(CsvProfile::Excel), &rows);
        assert_eq!(excel, "\u{feff}a,b,c\r\nmodèle,-1.50,-3\r\n".as_bytes());
        let fr = one_table(OutputFormat::Csv(CsvProfile::ExcelFr), &rows);
        assert_eq!(fr, "\u{feff}a;b;c\r\nmodèle;-1,50;-3\r\n".as_bytes());
    }

    #[test]
    fn csv_quoting_and_formula_guard() {
        let rows = vec![vec![
            Cell::Text("=HYPERLINK(\"x\")"),
            Cell::Text("a;b, \"c\"\nd"),
            Cell::Text("@sama"),
        ]];
        let fr = one_table(OutputFormat::Csv(CsvProfile::ExcelFr), &rows);
        let s = String::from_utf8(fr).unwrap();
        assert_eq!(
            s,
            "\u{feff}a;b;c\r\n\"'=HYPERLINK(\"\"x\"\")\";\"a;b, \"\"c\"\"\nd\";'@sama\r\n"
        );
        assert!(!looks_like_formula("-1.5"));
        assert!(looks_like_formula("-x"));
        assert!(looks_like_formula("\tcmd"));
    }

    #[test]
    fn jsonl_rows_are_typed() {
        let rows = vec![vec![
            Cell::Text("IA"),
            Cell::Float(0.1234567, 3),
            Cell::Int(4),
        ]];
        let j = one_table(OutputFormat::Jsonl, &rows);
        assert_eq!(
            String::from_utf8(j).unwrap(),
            "{\"a\":\"IA\",\"b\":0.123,\"c\":4}\n"
        );
    }

    #[test]
    fn dropped_exporter_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ex = Exporter::new(dir.path(), OutputFormat::Csv(CsvProfile::Standard));
        let t = ex.table("t", &["a"]).unwrap();
        ex.row(t, &[Cell::Int(1)]).unwrap();
        drop(ex);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert!(sheet_name(&"x".repeat(40)).chars().count() <= 31);
    }
}

#[cfg(test)]
mod xlsx_tests {
    use super::*;

    #[test]
    fn workbook_has_typed_cells_and_continuation_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let mut ex = Exporter::new(dir.path(), OutputFormat::Xlsx);
        let a = ex.table("documents", &["path", "bytes"]).unwrap();
        let b = ex.table("terms", &["term", "tf"]).unwrap();
        ex.row(a, &[Cell::Text("a.txt"), Cell::Int(12)]).unwrap();
        ex.row(b, &[Cell::Text("=x"), Cell::Float(0.5, 6)]).unwrap();
        let paths = ex.finish().unwrap();
        assert_eq!(paths[0].path, dir.path().join("duolex.xlsx"));
        let bytes = std::fs::read(&paths[0]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut ex = Exporter::new(dir.path(), OutputFormat::Xlsx);
        let t = ex.table("segments", &["text"]).unwrap();
        let long = "é".repeat(40_000);
        ex.row(t, &[Cell::Text(&long)]).unwrap();
        assert!(ex.finish().is_ok());
        assert_eq!(excel_text(&long).chars().count(), XLSX_MAX_CHARS - 1);
    }

    #[test]
    fn long_tables_continue_on_new_sheets() {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let dir = tempfile::tempdir().unwrap();
        let mut ex = Exporter::new(dir.path(), OutputFormat::Xlsx).with_sheet_rows(3);
        let t = ex.table("terms", &["term", "count"]).unwrap();
        for i in 0..5 {
            ex.row(t, &[Cell::Text("x"), Cell::Int(i)]).unwrap();
        }
        let paths = ex.finish().unwrap();
        let mut wb: Xlsx<_> = open_workbook(&paths[0]).unwrap();
        assert_eq!(wb.sheet_names(), ["terms", "terms (2)", "terms (3)"]);
        let counts: Vec<Vec<Data>> = ["terms", "terms (2)", "terms (3)"]
            .iter()
            .map(|s| {
                let r = wb.worksheet_range(s).unwrap();
                assert_eq!(r.rows().next().unwrap()[0], Data::String("term".into()));
                r.rows().skip(1).map(|row| row[1].clone()).collect()
            })
            .collect();
        assert_eq!(
            counts,
            [
                vec![Data::Float(0.0), Data::Float(1.0)],
                vec![Data::Float(2.0), Data::Float(3.0)],
                vec![Data::Float(4.0)]
            ]
        );
    }
}
