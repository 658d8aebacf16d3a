//! One workbook with a sheet per table, written in constant-memory mode:
//! numbers typed as numbers, header row in bold and frozen, a filter over
//! the rows, and continuation sheets past Excel's row limit.

use super::guard::looks_like_formula;
use crate::config::Table;
use crate::rows::Cell;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::io;
use std::path::Path;

/// The largest number of rows on one Excel sheet, header included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;

/// Excel holds at most 32,767 characters in a cell: longer text (a whole
/// document's run in `segments`) is cut there; CSV and JSONL keep it whole.
pub const XLSX_MAX_CHARS: usize = 32_767;

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
}

/// The workbook of a run's tables.
pub(crate) struct Book {
    workbook: Workbook,
    sheets: Vec<(Table, Sheet)>,
    bold: Format,
    scratch: String,
    /// Rows per sheet, header included, before a continuation sheet.
    sheet_rows: u32,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// `t` cut to what a cell holds.
fn excel_text(t: &str) -> &str {
    match t.char_indices().nth(XLSX_MAX_CHARS - 1) {
        Some((cut, _)) => &t[..cut],
        None => t,
    }
}

impl Book {
    pub(crate) fn new(sheet_rows: u32) -> Book {
        Book {
            workbook: Workbook::new(),
            sheets: Vec::new(),
            bold: Format::new().set_bold(),
            scratch: String::new(),
            sheet_rows: sheet_rows.clamp(2, XLSX_MAX_ROWS),
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
        let ws = self.worksheet(index)?;
        for (c, cell) in cells.iter().enumerate() {
            let c16 = c as u16;
            match *cell {
                Cell::Text(t) => {
                    let t = excel_text(t);
                    if looks_like_formula(t) {
                        scratch.clear();
                        scratch.push('\'');
                        scratch.push_str(t);
                        ws.write_string(r, c16, &scratch)
                    } else {
                        ws.write_string(r, c16, t)
                    }
                }
                Cell::Int(n) => ws.write_number(r, c16, n as f64),
                Cell::Float(x, _) => ws.write_number(r, c16, x),
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
    fn long_text_is_cut_to_what_a_cell_holds() {
        let long = "é".repeat(40_000);
        assert_eq!(excel_text(&long).chars().count(), XLSX_MAX_CHARS - 1);
        assert_eq!(excel_text("court"), "court");
    }
}
