//! Tables as CSV files for Excel: UTF-8 with a byte-order mark (without
//! it Excel reads Chinese as mojibake), RFC 4180 quoting by the `csv`
//! crate, and cells that a spreadsheet would run as a formula made inert
//! (OWASP "CSV injection").

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

#[derive(Debug, thiserror::Error)]
#[error("the spreadsheet could not be written: {0}")]
pub struct SheetError(#[from] csv::Error);

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
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
        write_row(&mut out, &self.headers)?;
        for row in &self.rows {
            write_row(&mut out, row)?;
        }
        out.into_inner().map_err(|e| SheetError(e.into_error().into()))
    }
}

fn write_row(out: &mut csv::Writer<Vec<u8>>, cells: &[String]) -> Result<(), csv::Error> {
    for cell in cells {
        out.write_field(safe_cell(cell).as_bytes())?;
    }
    // An empty iterator ends the record the fields above started.
    out.write_record(None::<&[u8]>)
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
        assert!(sheet(&[&["甲", "1"]]).to_csv().is_err());
    }
}
