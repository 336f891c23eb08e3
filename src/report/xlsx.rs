//! XLSX: the printable form. One sheet per section (per person for 01 and
//! 03), A4 portrait, one page wide, Times New Roman (13 pt text, 12 pt
//! tables), merged header cells, wrapped text with row heights estimated from
//! the font's metrics (spreadsheets do not grow merged cells to fit), thin
//! borders, and the table header repeated on every printed page.
//!
//! Every text goes in with `write_string` (or a merge, which writes a
//! string), never as a formula; text a spreadsheet would evaluate on editing
//! (`=`, `+`, `-`, `@` …) also carries the quote-prefix flag.

use super::layout::{Align, Block, Document, Line, Section, SignBlock, Style, Table, Value};
use super::text::{cells_width, formula_like, lines_height, sheet_names, wrapped_lines};
use super::{ReportError, Result};
use crate::text::nfc;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, FormatUnderline, Workbook, Worksheet};

const FONT: &str = "Times New Roman";
/// Body text and signatures.
const TEXT_PT: f64 = 13.0;
/// Tables and the header block.
const TABLE_PT: f64 = 12.0;
/// The form's name (BẢN CAM KẾT, DANH SÁCH …).
const TITLE_PT: f64 = 14.0;
/// "Mẫu 02", "Nơi nhận" lines.
const SMALL_PT: f64 = 11.0;
/// A4 in Excel's paper codes.
const PAPER_A4: u8 = 9;
/// The default row (15.75 pt) and column (8.43 characters) of Times New
/// Roman 12, in pixels.
const DEFAULT_ROW_PX: u32 = 21;
const DEFAULT_COL_PX: u32 = 72;
/// A4 (8.27 × 11.69 in) within the margins below, in points.
const PRINT_WIDTH_PT: f64 = (8.27 - 0.79 - 0.59) * 72.0;
const PRINT_HEIGHT_PT: f64 = (11.69 - 0.59 - 0.59) * 72.0;
/// Blank rows left for a signature.
const SIGN_SPACE: usize = 4;

pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // Column widths count characters of the workbook's default font: make
    // it the forms' own font, so Excel and LibreOffice (with its
    // metric-compatible Liberation Serif) lay the columns out alike.
    let default = Format::new().set_font_name(FONT).set_font_size(TABLE_PT);
    wb.set_default_format(&default, DEFAULT_ROW_PX, DEFAULT_COL_PX)?;
    let names = sheet_names(doc.sections.iter().map(|s| s.sheet.as_str()));
    for (section, name) in doc.sections.iter().zip(names) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        write_section(ws, section)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn font(size: f64, style: Style) -> Format {
    let mut f = Format::new()
        .set_font_name(FONT)
        .set_font_size(size)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    if style.bold() {
        f = f.set_bold();
    }
    if style.italic() {
        f = f.set_italic();
    }
    f
}

fn aligned(f: Format, a: Align) -> Format {
    f.set_align(match a {
        Align::Left => FormatAlign::Left,
        Align::Center => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    })
}

/// A sheet being written, row by row.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
    split: u16,
    last: u16,
    row: u32,
    /// The height of every row written, for the page breaks.
    heights: Vec<f64>,
    /// The table header rows printed again on every page.
    repeat: Option<(u32, u32)>,
    /// Rows from here to the end print on one page: the end of the last
    /// table, the notes under it and the signatures.
    keep_from: Option<u32>,
}

impl Sheet<'_> {
    /// Usable width in points of columns `c0..=c1`.
    fn width(&self, c0: u16, c1: u16) -> f64 {
        cells_width(&self.widths[usize::from(c0)..=usize::from(c1)])
    }

    /// Writes `text` in `row`, columns `c0..=c1` (merged when more than one).
    fn put(&mut self, row: u32, c0: u16, c1: u16, text: &str, f: &Format) -> Result<()> {
        let text = nfc(text);
        let f = if formula_like(&text) {
            f.clone().set_quote_prefix()
        } else {
            f.clone()
        };
        if c0 == c1 {
            self.ws.write_string_with_format(row, c0, text, &f)?;
        } else {
            self.ws.merge_range(row, c0, row, c1, &text, &f)?;
        }
        Ok(())
    }

    /// The points `text` needs in columns `c0..=c1` at `size`.
    fn need(&self, text: &str, c0: u16, c1: u16, size: f64, bold: bool) -> f64 {
        lines_height(wrapped_lines(text, self.width(c0, c1), size, bold), size)
    }

    fn height(&mut self, row: u32, points: f64) -> Result<()> {
        self.ws.set_row_height(row, points)?;
        let i = row as usize;
        if self.heights.len() <= i {
            self.heights.resize(i + 1, lines_height(1, TABLE_PT));
        }
        self.heights[i] = points;
        Ok(())
    }

    /// Sets the page breaks (see [`page_breaks`]).
    fn paginate(&mut self) -> Result<()> {
        let sheet_pt: f64 = self
            .widths
            .iter()
            .map(|w| (w * 8.0 + 5.0).floor() * 0.75)
            .sum();
        let scale = (PRINT_WIDTH_PT / sheet_pt * 100.0).floor().min(100.0) / 100.0;
        // A little to spare, so that the spreadsheet never needs a break of
        // its own just before ours.
        let capacity = PRINT_HEIGHT_PT / scale * 0.96;
        let n = (self.row as usize).min(self.heights.len());
        let breaks = page_breaks(&self.heights[..n], self.repeat, self.keep_from, capacity);
        if !breaks.is_empty() {
            self.ws.set_page_breaks(&breaks)?;
        }
        Ok(())
    }

    /// A paragraph across the page.
    fn para(&mut self, text: &str, style: Style, align: Align, size: f64) -> Result<()> {
        let row = self.row;
        let f = aligned(font(size, style), align);
        self.put(row, 0, self.last, text, &f)?;
        let h = self.need(text, 0, self.last, size, style.bold());
        self.height(row, h)?;
        self.row += 1;
        Ok(())
    }
}

/// Page breaks for rows of `heights` points on pages holding `capacity`
/// points: later pages start with the `repeat` rows (the table header), and
/// the rows from `keep_from` to the end move to a new page rather than split
/// — so the signatures never stand alone or apart from the table's end.
fn page_breaks(
    heights: &[f64],
    repeat: Option<(u32, u32)>,
    keep_from: Option<u32>,
    capacity: f64,
) -> Vec<u32> {
    let n = heights.len();
    let sum = |a: usize, b: usize| heights[a.min(n)..b.min(n)].iter().sum::<f64>();
    let repeat = |r: usize| match repeat {
        Some((a, b)) if (a as usize) < r => sum(a as usize, b as usize + 1),
        _ => 0.0,
    };
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (r, h) in heights.iter().enumerate() {
        if keep_from == Some(r as u32) && used > repeat(r) {
            let tail = sum(r, n);
            if used + tail > capacity && repeat(r) + tail <= capacity {
                breaks.push(r as u32);
                used = repeat(r);
            }
        }
        if used + h > capacity && r > 0 && used > repeat(r) {
            breaks.push(r as u32);
            used = repeat(r);
        }
        used += h;
    }
    breaks
}

fn write_section(ws: &mut Worksheet, s: &Section) -> Result<()> {
    let cols = s.widths.len();
    if cols == 0 || s.split == 0 || s.split >= cols {
        return Err(ReportError::Layout(format!(
            "layout of {}: {cols} columns split at {}",
            s.label, s.split
        )));
    }
    for (i, w) in s.widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_paper_size(PAPER_A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.79, 0.59, 0.59, 0.59, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    let mut sh = Sheet {
        ws,
        widths: s.widths.clone(),
        split: s.split as u16,
        last: (cols - 1) as u16,
        row: 0,
        heights: Vec::new(),
        repeat: None,
        keep_from: None,
    };
    header_block(&mut sh, s)?;
    for (i, l) in s.title.iter().enumerate() {
        let size = if i == 0 { TITLE_PT } else { TEXT_PT };
        sh.para(&l.text, l.style, l.align, size)?;
    }
    for b in &s.body {
        match b {
            Block::Para(Line { text, style, align }) => sh.para(text, *style, *align, TEXT_PT)?,
            Block::Bullet(t) => {
                let row = sh.row;
                let f = font(TEXT_PT, Style::Normal)
                    .set_align(FormatAlign::Left)
                    .set_indent(1);
                let text = format!("- {t}");
                sh.put(row, 0, sh.last, &text, &f)?;
                // The indent takes about two characters of the line.
                let h = lines_height(
                    wrapped_lines(&text, sh.width(0, sh.last) - 14.0, TEXT_PT, false),
                    TEXT_PT,
                );
                sh.height(row, h)?;
                sh.row += 1;
            }
            Block::Gap => {
                let row = sh.row;
                sh.height(row, lines_height(1, TABLE_PT))?;
                sh.row += 1;
            }
            Block::Table(t) => table(&mut sh, t)?,
            Block::Signatures { left, right } => {
                if sh.keep_from.is_none() {
                    sh.keep_from = Some(sh.row);
                }
                signatures(&mut sh, left.as_ref(), right.as_ref())?;
            }
        }
    }
    sh.paginate()
}

/// "Mẫu 02"; the office on the left, the national motto on the right; the
/// place and date under the motto.
fn header_block(sh: &mut Sheet, s: &Section) -> Result<()> {
    let (split, last) = (sh.split, sh.last);
    let label = aligned(font(SMALL_PT, Style::Italic), Align::Right);
    sh.put(0, split, last, &s.label, &label)?;

    let left_plain = aligned(font(TABLE_PT, Style::Normal), Align::Center);
    let left_bold = aligned(font(TABLE_PT, Style::Bold), Align::Center);
    let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let slogan = "Độc lập - Tự do - Hạnh phúc";
    sh.put(1, 0, split - 1, &s.org[0], &left_plain)?;
    sh.put(1, split, last, motto, &left_bold)?;
    let h = sh
        .need(&s.org[0], 0, split - 1, TABLE_PT, false)
        .max(sh.need(motto, split, last, TABLE_PT, true));
    sh.height(1, h)?;
    sh.put(2, 0, split - 1, &s.org[1], &left_bold)?;
    sh.put(
        2,
        split,
        last,
        slogan,
        &left_bold.clone().set_underline(FormatUnderline::Single),
    )?;
    let h = sh
        .need(&s.org[1], 0, split - 1, TABLE_PT, true)
        .max(sh.need(slogan, split, last, TABLE_PT, true));
    sh.height(2, h)?;
    let date = aligned(font(TEXT_PT, Style::Italic), Align::Center);
    sh.put(4, split, last, &s.date_line, &date)?;
    let h = sh.need(&s.date_line, split, last, TEXT_PT, false);
    sh.height(4, h)?;
    sh.row = 6;
    Ok(())
}

fn table(sh: &mut Sheet, t: &Table) -> Result<()> {
    let first = sh.row;
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let head = border(aligned(font(TABLE_PT, Style::Bold), Align::Center));
    // Header cells, and what each header row needs.
    let mut need = vec![lines_height(1, TABLE_PT); t.head_rows];
    for c in &t.head {
        let (r0, c0) = (first + c.row as u32, c.col as u16);
        let (r1, c1) = (r0 + c.rows as u32 - 1, c0 + c.cols as u16 - 1);
        let text = nfc(&c.text);
        if r0 == r1 && c0 == c1 {
            sh.ws.write_string_with_format(r0, c0, &text, &head)?;
        } else {
            sh.ws.merge_range(r0, c0, r1, c1, &text, &head)?;
        }
        let h = sh.need(&text, c0, c1, TABLE_PT, true);
        if c.rows == 1 {
            need[c.row] = need[c.row].max(h);
        }
    }
    // A cell over several header rows needs their sum: the last row takes
    // what is missing.
    for c in t.head.iter().filter(|c| c.rows > 1) {
        let h = sh.need(
            &c.text,
            c.col as u16,
            (c.col + c.cols - 1) as u16,
            TABLE_PT,
            true,
        );
        let have: f64 = need[c.row..c.row + c.rows].iter().sum();
        if h > have {
            need[c.row + c.rows - 1] += h - have;
        }
    }
    for (i, h) in need.iter().enumerate() {
        sh.height(first + i as u32, *h)?;
    }
    let last_head = first + t.head_rows as u32 - 1;
    sh.ws.set_repeat_rows(first, last_head)?;
    sh.repeat.get_or_insert((first, last_head));
    sh.row = last_head + 1;
    let data_first = sh.row;

    for r in &t.rows {
        let row = sh.row;
        let mut col = 0usize;
        let mut height = lines_height(1, TABLE_PT);
        for cell in &r.cells {
            let c0 = col as u16;
            let c1 = (col + cell.cols - 1) as u16;
            let align = cell
                .align
                .unwrap_or_else(|| t.columns.get(col).map_or(Align::Left, |c| c.align));
            let f = border(aligned(font(TABLE_PT, r.style), align));
            match &cell.value {
                Value::Count(n) if c0 == c1 => {
                    sh.ws.write_number_with_format(row, c0, *n as f64, &f)?;
                }
                v => {
                    let text = v.text();
                    if c0 == c1 && text.is_empty() {
                        sh.ws.write_blank(row, c0, &f)?;
                    } else {
                        sh.put(row, c0, c1, &text, &f)?;
                    }
                    height = height.max(sh.need(&text, c0, c1, TABLE_PT, r.style.bold()));
                }
            }
            col += cell.cols;
        }
        // Borders all the way across a short row.
        let f = border(font(TABLE_PT, r.style));
        while col < t.columns.len() {
            sh.ws.write_blank(row, col as u16, &f)?;
            col += 1;
        }
        sh.height(row, height)?;
        sh.row += 1;
    }
    // The last rows of the table stay with what follows it.
    sh.keep_from = Some(sh.row.saturating_sub(3).max(data_first));
    Ok(())
}

/// One line of a signature half: text, style, alignment, size.
type SignLine = (String, Style, Align, f64);

/// The lines of one half of the signature row.
fn sign_lines(b: Option<&SignBlock>) -> Vec<SignLine> {
    match b {
        None => Vec::new(),
        Some(SignBlock::Recipients(lines)) => {
            let mut v = vec![(
                "Nơi nhận:".to_owned(),
                Style::BoldItalic,
                Align::Left,
                TABLE_PT,
            )];
            v.extend(
                lines
                    .iter()
                    .map(|l| (l.clone(), Style::Normal, Align::Left, SMALL_PT)),
            );
            v
        }
        Some(SignBlock::Signer { title, hint, name }) => {
            let mut v = vec![
                (title.clone(), Style::Bold, Align::Center, TEXT_PT),
                (hint.clone(), Style::Italic, Align::Center, TABLE_PT),
            ];
            for _ in 0..SIGN_SPACE {
                v.push((String::new(), Style::Normal, Align::Center, TEXT_PT));
            }
            if let Some(n) = name {
                v.push((n.clone(), Style::Bold, Align::Center, TEXT_PT));
            }
            v
        }
    }
}

fn signatures(sh: &mut Sheet, left: Option<&SignBlock>, right: Option<&SignBlock>) -> Result<()> {
    let halves = [
        (sign_lines(left), 0, sh.split - 1),
        (sign_lines(right), sh.split, sh.last),
    ];
    let n = halves.iter().map(|(v, _, _)| v.len()).max().unwrap_or(0);
    for i in 0..n {
        let row = sh.row;
        let mut h = lines_height(1, TEXT_PT);
        for (lines, c0, c1) in &halves {
            if let Some((text, style, align, size)) = lines.get(i) {
                sh.put(row, *c0, *c1, text, &aligned(font(*size, *style), *align))?;
                h = h.max(sh.need(text, *c0, *c1, *size, style.bold()));
            }
        }
        sh.height(row, h)?;
        sh.row += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_break_where_they_fill_and_repeat_the_header() {
        // Rows 0–1 the header block, 2 the table header, then 20 rows of 10.
        let mut h = vec![10.0, 10.0, 20.0];
        h.extend([10.0; 20]);
        let b = page_breaks(&h, Some((2, 2)), None, 100.0);
        // Page 1: 40 + 6 rows; then header (20) + 8 rows per page.
        assert_eq!(b, vec![9, 17]);
    }

    #[test]
    fn the_tail_moves_whole_to_the_next_page() {
        let mut h = vec![20.0];
        h.extend([10.0; 12]);
        // Without a tail, rows 1–8 fill page 1.
        assert_eq!(page_breaks(&h, Some((0, 0)), None, 105.0), vec![9]);
        // Rows 8–12 must stay together: row 8 goes to page 2 with them.
        let b = page_breaks(&h, Some((0, 0)), Some(8), 105.0);
        assert_eq!(b, vec![8]);
        // A tail too long for any page just flows.
        let b = page_breaks(&h, Some((0, 0)), Some(1), 105.0);
        assert_eq!(b, vec![9]);
    }
}
