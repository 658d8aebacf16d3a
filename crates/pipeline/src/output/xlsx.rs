//! One workbook with a sheet per table, written in constant-memory mode:
//! numbers typed as numbers and shown with the CSV's decimals, text as
//! typed strings (never formulas, so no guard), long text wrapped and
//! aligned to the top of its cell, header row in bold and frozen, a filter
//! over the rows, continuation sheets past Excel's row limit, and a fixed
//! creation time so that the same tables give the same bytes.

use crate::config::Table;
use crate::rows::Cell;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use std::io;
use std::path::Path;

/// The largest number of rows on one Excel sheet, header included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;

/// Excel holds at most 32,767 characters in a cell: longer text (a whole
/// document's run in `segments`) is cut to end with [`XLSX_CUT_MARK`]
/// within that length, and the run counts the cells it cut; CSV and JSONL
/// keep it whole.
pub const XLSX_MAX_CHARS: usize = 32_767;

/// The end of a cell cut to [`XLSX_MAX_CHARS`].
pub const XLSX_CUT_MARK: &str = "…[cut]";

/// Columns of long text: wrapped, so that a cell shows its beginning.
const LONG_TEXT: [&str; 5] = ["text", "left", "right", "error", "note"];

/// One table's sheets.
struct Sheet {
    /// The table's name, and how many sheets it has used.
    name: &'static str,
    part: u32,
    /// Worksheet index in the workbook of the current part.
    index: usize,
    /// Next row to write on the current sheet.
    row: u32,
    columns: &'static [&'static str],
    /// Which columns hold long text.
    wrapped: Vec<bool>,
}

/// The workbook of a run's tables.
pub(crate) struct Book {
    workbook: Workbook,
    sheets: Vec<(Table, Sheet)>,
    bold: Format,
    /// Every cell is aligned to its top: a row made tall by a wrapped
    /// cell reads from its first line.
    top: Format,
    wrap: Format,
    /// Number formats by decimals (`0`, `0.0`, `0.00` …), made when first met.
    decimals: Vec<Option<Format>>,
    scratch: String,
    /// Rows per sheet, header included, before a continuation sheet.
    sheet_rows: u32,
    /// Text cells cut to [`XLSX_MAX_CHARS`].
    cut: u64,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// `t` as a cell holds it: whole, or cut to end with [`XLSX_CUT_MARK`]
/// (into `scratch`). Whether it was cut.
fn excel_text<'a>(t: &'a str, scratch: &'a mut String) -> (&'a str, bool) {
    // Excel counts UTF-16 code units; a character outside the BMP is two.
    let mut units = 0;
    let keep = XLSX_MAX_CHARS - XLSX_CUT_MARK.encode_utf16().count();
    let mut cut_at = None;
    for (i, c) in t.char_indices() {
        if units + c.len_utf16() > keep && cut_at.is_none() {
            cut_at = Some(i);
        }
        units += c.len_utf16();
        if units > XLSX_MAX_CHARS {
            scratch.clear();
            scratch.push_str(&t[..cut_at.unwrap_or(i)]);
            scratch.push_str(XLSX_CUT_MARK);
            return (scratch, true);
        }
    }
    (t, false)
}

/// Excel's number format for `decimals` decimals.
fn number_format(decimals: u8) -> String {
    match decimals {
        0 => "0".to_string(),
        d => format!("0.{}", "0".repeat(d.into())),
    }
}

impl Book {
    pub(crate) fn new(sheet_rows: u32, tempdir: &Path) -> io::Result<Book> {
        let mut workbook = Workbook::new();
        // The creation time is part of the file: a fixed one gives the same
        // bytes for the same tables.
        let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
        // Constant-memory sheets spill to temporary files: in the output
        // folder's file system, so that a full disk there is seen there.
        workbook.set_tempdir(tempdir).map_err(xlsx_error)?;
        let top = Format::new().set_align(FormatAlign::Top);
        Ok(Book {
            workbook,
            sheets: Vec::new(),
            bold: Format::new().set_bold(),
            wrap: top.clone().set_text_wrap(),
            top,
            decimals: Vec::new(),
            scratch: String::new(),
            sheet_rows: sheet_rows.clamp(2, XLSX_MAX_ROWS),
            cut: 0,
        })
    }

    /// Text cells cut so far.
    pub(crate) fn cut_cells(&self) -> u64 {
        self.cut
    }

    /// Makes the format of numbers with `decimals` decimals.
    fn make_decimals(&mut self, decimals: u8) {
        let d = usize::from(decimals);
        if self.decimals.len() <= d {
            self.decimals.resize(d + 1, None);
        }
        if self.decimals[d].is_none() {
            let format = self.top.clone().set_num_format(number_format(decimals));
            self.decimals[d] = Some(format);
        }
    }

    /// Adds a table's first sheet.
    pub(crate) fn table(
        &mut self,
        table: Table,
        columns: &'static [&'static str],
    ) -> io::Result<()> {
        self.sheets.push((
            table,
            Sheet {
                name: table.name(),
                part: 0,
                index: 0,
                row: 0,
                columns,
                wrapped: columns.iter().map(|c| LONG_TEXT.contains(c)).collect(),
            },
        ));
        self.new_sheet(self.sheets.len() - 1)
    }

    fn sheet_of(&self, table: Table) -> io::Result<usize> {
        self.sheets
            .iter()
            .position(|(t, _)| *t == table)
            .ok_or_else(|| io::Error::other(format!("no sheet for table {table}")))
    }

    fn worksheet(&mut self, index: usize) -> io::Result<&mut Worksheet> {
        self.workbook
            .worksheet_from_index(index)
            .map_err(xlsx_error)
    }

    /// Starts the next sheet of a table (the first, or a continuation).
    fn new_sheet(&mut self, id: usize) -> io::Result<()> {
        let sheet = &mut self.sheets[id].1;
        sheet.part += 1;
        let name = if sheet.part == 1 {
            sheet.name.to_string()
        } else {
            format!("{} ({})", sheet.name, sheet.part)
        };
        let ws = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        ws.set_name(&name).map_err(xlsx_error)?;
        // Widths must be set before rows in constant-memory mode: take them
        // from the header and the typical content of each column.
        for (c, col) in sheet.columns.iter().enumerate() {
            let width = match *col {
                "text" | "left" | "right" | "error" | "note" => 60,
                "path" | "group" => 40,
                "term" | "stem" | "keyword" | "ngram" | "match" => 24,
                _ => (col.chars().count() + 2).max(10),
            };
            ws.set_column_width(c as u16, width as f64)
                .map_err(xlsx_error)?;
        }
        for (c, col) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *col, &self.bold)
                .map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        sheet.index = self.workbook.worksheets().len() - 1;
        sheet.row = 1;
        Ok(())
    }

    /// Writes one row of `table`.
    pub(crate) fn row(&mut self, table: Table, cells: &[Cell]) -> io::Result<()> {
        let id = self.sheet_of(table)?;
        if self.sheets[id].1.row >= self.sheet_rows {
            self.finish_sheet(id)?;
            self.new_sheet(id)?;
        }
        let (index, r) = (self.sheets[id].1.index, self.sheets[id].1.row);
        let mut scratch = std::mem::take(&mut self.scratch);
        for (c, cell) in cells.iter().enumerate() {
            let c16 = c as u16;
            if let Cell::Float(_, d) = *cell {
                self.make_decimals(d);
            }
            let wrapped = self.sheets[id].1.wrapped.get(c).copied().unwrap_or(false);
            let Book {
                workbook,
                top,
                wrap,
                decimals,
                cut,
                ..
            } = self;
            let ws = workbook.worksheet_from_index(index).map_err(xlsx_error)?;
            match *cell {
                Cell::Text(t) => {
                    let (t, was_cut) = excel_text(t, &mut scratch);
                    *cut += u64::from(was_cut);
                    let format = if wrapped { &*wrap } else { &*top };
                    ws.write_string_with_format(r, c16, t, format)
                }
                Cell::Int(n) => ws.write_number_with_format(r, c16, n as f64, top),
                Cell::Float(x, d) => match &decimals[usize::from(d)] {
                    Some(format) => ws.write_number_with_format(r, c16, x, format),
                    None => ws.write_number_with_format(r, c16, x, top),
                },
            }
            .map_err(xlsx_error)?;
        }
        self.scratch = scratch;
        self.sheets[id].1.row += 1;
        Ok(())
    }

    /// Adds the filter over the rows written on a table's current sheet.
    fn finish_sheet(&mut self, id: usize) -> io::Result<()> {
        let sheet = &self.sheets[id].1;
        let (index, last_row) = (sheet.index, sheet.row - 1);
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        self.worksheet(index)?
            .autofilter(0, 0, last_row, last_col)
            .map_err(xlsx_error)?;
        Ok(())
    }

    /// Completes every sheet and saves the workbook to `path`.
    pub(crate) fn save(mut self, path: &Path) -> io::Result<()> {
        for id in 0..self.sheets.len() {
            self.finish_sheet(id)?;
        }
        self.workbook.save(path).map_err(xlsx_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds_with_a_mark() {
        let mut scratch = String::new();
        let long = "é".repeat(40_000);
        let (cut, was_cut) = excel_text(&long, &mut scratch);
        assert!(was_cut && cut.ends_with("é…[cut]"));
        assert_eq!(cut.encode_utf16().count(), XLSX_MAX_CHARS);
        // Characters outside the BMP count twice, as in Excel.
        let emoji = "😀".repeat(20_000);
        let (cut, was_cut) = excel_text(&emoji, &mut scratch);
        assert!(was_cut && cut.encode_utf16().count() <= XLSX_MAX_CHARS);
        let exact = "a".repeat(XLSX_MAX_CHARS);
        assert_eq!(excel_text(&exact, &mut scratch), (exact.as_str(), false));
        assert_eq!(excel_text("court", &mut scratch), ("court", false));
    }

    #[test]
    fn number_formats_show_the_decimals() {
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(4), "0.0000");
    }
}
