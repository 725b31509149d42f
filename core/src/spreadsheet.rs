//! Tables as CSV files for Excel: UTF-8 with a byte-order mark (without
//! it Excel reads Chinese as mojibake), RFC 4180 quoting by `csv-core`
//! (the `csv` crate's engine), and cells that a spreadsheet would run as a
//! formula made inert (OWASP "CSV injection").

use std::borrow::Cow;

/// The UTF-8 byte-order mark Excel needs to recognise the encoding.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet treat a cell as a formula
/// (`=`, `+`, `-`, `@`) or that can smuggle one in (tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as text that no spreadsheet evaluates: a leading single quote
/// when it starts like a formula, otherwise unchanged.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A row that does not fit the header row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row} has {found} cells, the header row {expected}")]
pub struct SheetError {
    pub row: usize,
    pub expected: usize,
    pub found: usize,
}

/// One table: a header row, then one row per record, each the same width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self { headers: headers.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The CSV file: BOM, header row, records; CRLF line ends (RFC 4180).
    /// A row of the wrong width is an error rather than a shifted column.
    pub fn to_csv(&self) -> Result<Vec<u8>, SheetError> {
        let expected = self.headers.len();
        if let Some((row, r)) = self.rows.iter().enumerate().find(|(_, r)| r.len() != expected) {
            return Err(SheetError { row, expected, found: r.len() });
        }
        let mut csv = csv_core::WriterBuilder::new().terminator(csv_core::Terminator::CRLF).build();
        let mut out = BOM.to_vec();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    write(&mut out, 2, |buf| csv.delimiter(buf).1);
                }
                let cell = safe_cell(cell);
                write(&mut out, 2 + 2 * cell.len(), |buf| csv.field(cell.as_bytes(), buf).2);
            }
            write(&mut out, 4, |buf| csv.terminator(buf).1);
        }
        Ok(out)
    }
}

/// Appends what `step` writes into a buffer of `room` bytes. The rooms are
/// csv-core's documented maxima (a field: 2 + twice its length; a
/// delimiter: closing quote and comma; a terminator: `""` and CRLF), so
/// every step finishes in one call.
fn write(out: &mut Vec<u8>, room: usize, step: impl FnOnce(&mut [u8]) -> usize) {
    let start = out.len();
    out.resize(start + room, 0);
    let written = step(&mut out[start..]);
    out.truncate(start + written);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let mut s = Sheet::new(["姓名", "房号", "备注"]);
        for r in rows {
            s.push(r.iter().map(|c| c.to_string()).collect());
        }
        s
    }

    /// Reads the file back as a spreadsheet program would: BOM, then CSV.
    fn read_back(file: &[u8]) -> Vec<Vec<String>> {
        let body = file.strip_prefix(BOM).expect("starts with a BOM");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn the_file_starts_with_a_utf8_bom_then_the_headers() {
        let file = sheet(&[]).to_csv().unwrap();
        assert!(file.starts_with(BOM));
        assert_eq!(&file[BOM.len()..], "姓名,房号,备注\r\n".as_bytes());
    }

    #[test]
    fn every_formula_start_is_neutralised_with_a_single_quote() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = format!("{start}HYPERLINK(\"http://x\")");
            assert_eq!(safe_cell(&cell), format!("'{cell}"), "{start:?}");
            let file = sheet(&[&[&cell, "1-2-301", ""]]).to_csv().unwrap();
            assert_eq!(read_back(&file)[1][0], format!("'{cell}"), "{start:?}");
        }
    }

    #[test]
    fn ordinary_cells_are_left_alone() {
        for cell in ["王美丽", "3-2-1201", "138 0000 0000", "'quoted", "a=b", "2026-11-23", " -1", ""] {
            assert_eq!(safe_cell(cell), cell);
        }
    }

    #[test]
    fn commas_quotes_and_newlines_round_trip() {
        let tricky = ["a, b", "他说 \"太吵了\"", "第一行\n第二行", "行尾\r\n换行", "\"", ",,,"];
        let rows: Vec<Vec<String>> = tricky.iter().map(|t| vec![t.to_string(), "x".into(), "y".into()]).collect();
        let s = Sheet { headers: vec!["a".into(), "b".into(), "c".into()], rows: rows.clone() };
        let back = read_back(&s.to_csv().unwrap());
        assert_eq!(back[1..], rows[..]);
    }

    #[test]
    fn cjk_and_emoji_are_kept_exactly() {
        let name = "王美丽 🌸 <b>粗体</b> 𠀀";
        let back = read_back(&sheet(&[&[name, "楼-单元-房", "👍🏽"]]).to_csv().unwrap());
        assert_eq!(back[1], [name, "楼-单元-房", "👍🏽"]);
    }

    #[test]
    fn headers_are_the_first_row_and_rows_follow_in_order() {
        let back = read_back(&sheet(&[&["甲", "1", ""], &["乙", "2", ""]]).to_csv().unwrap());
        assert_eq!(back[0], ["姓名", "房号", "备注"]);
        assert_eq!(back.iter().skip(1).map(|r| r[0].as_str()).collect::<Vec<_>>(), ["甲", "乙"]);
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let refused = sheet(&[&["甲", "1", ""], &["乙", "2"]]).to_csv();
        assert_eq!(refused, Err(SheetError { row: 1, expected: 3, found: 2 }));
    }

    #[test]
    fn a_long_cell_of_quotes_is_written_whole() {
        // The worst case for the output room: every byte doubled, plus the quotes.
        let quotes = "\"".repeat(10_000);
        let back = read_back(&sheet(&[&[&quotes, "", "末"]]).to_csv().unwrap());
        assert_eq!(back[1], [quotes.as_str(), "", "末"]);
    }
}
