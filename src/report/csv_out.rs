//! CSV: the body table only — one header row, then its rows — UTF-8 with a
//! byte-order mark so that Excel opens Vietnamese text correctly, and every
//! cell that a spreadsheet would evaluate quoted with `'`.

use super::layout::{Document, Value};
use super::text::csv_safe;
use super::{ReportError, Result};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let err = |e: csv::Error| ReportError::Csv(e.to_string());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(doc.csv.header.iter().map(|h| csv_safe(h)))
        .map_err(err)?;
    for row in &doc.csv.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Text(t) => csv_safe(t),
            Value::Count(n) => n.to_string(),
            Value::Empty => String::new(),
        }))
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ReportError::Csv(e.error().to_string()))
}
