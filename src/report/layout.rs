//! A form as a format-free document: what the paper form shows, in order.
//! The writers (`xlsx`, `csv_out`, `markdown`) only lay it out.

use super::ReportCounts;

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub fn bold(self) -> bool {
        matches!(self, Style::Bold | Style::BoldItalic)
    }

    pub fn italic(self) -> bool {
        matches!(self, Style::Italic | Style::BoldItalic)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A line (paragraph) of text across the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub style: Style,
    pub align: Align,
}

impl Line {
    pub fn new(text: impl Into<String>, style: Style, align: Align) -> Line {
        Line {
            text: text.into(),
            style,
            align,
        }
    }

    pub fn left(text: impl Into<String>, style: Style) -> Line {
        Line::new(text, style, Align::Left)
    }
}

/// A block of the body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Line),
    /// A "- …" point under a heading (the forms' dashes).
    Bullet(String),
    Table(Table),
    /// The signature row: left and right halves of the page.
    Signatures {
        left: Option<SignBlock>,
        right: Option<SignBlock>,
    },
    /// An empty line.
    Gap,
}

/// One half of the signature row.
#[derive(Debug, Clone, PartialEq)]
pub enum SignBlock {
    /// "Nơi nhận:" and its lines.
    Recipients(Vec<String>),
    /// A signature: the role in capitals, the hint in brackets, space to
    /// sign, and the name where the data knows it.
    Signer {
        title: String,
        hint: String,
        name: Option<String>,
    },
}

/// A cell of a table header, placed on the header's own grid.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

/// A column of a table: how its cells align, and its label once the
/// header's merged cells are flattened (CSV, Markdown).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Count(usize),
    Empty,
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// A cell of a body row; `cols` > 1 merges it with the cells to its right.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub cols: usize,
    /// Overrides the column's alignment.
    pub align: Option<Align>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell {
            value: Value::Text(t.into()),
            cols: 1,
            align: None,
        }
    }

    pub fn count(n: usize) -> Cell {
        Cell {
            value: Value::Count(n),
            cols: 1,
            align: None,
        }
    }

    pub fn empty() -> Cell {
        Cell {
            value: Value::Empty,
            cols: 1,
            align: None,
        }
    }

    pub fn span(mut self, cols: usize) -> Cell {
        self.cols = cols.max(1);
        self
    }

    pub fn aligned(mut self, align: Align) -> Cell {
        self.align = Some(align);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub style: Style,
}

impl Row {
    pub fn new(cells: Vec<Cell>, style: Style) -> Row {
        Row { cells, style }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub head: Vec<HeadCell>,
    pub head_rows: usize,
    pub rows: Vec<Row>,
}

impl Table {
    /// The rows with merged cells expanded to one value per column.
    pub fn grid(&self) -> Vec<Vec<Value>> {
        self.rows
            .iter()
            .map(|r| {
                let mut out = Vec::with_capacity(self.columns.len());
                for c in &r.cells {
                    out.push(c.value.clone());
                    out.extend(std::iter::repeat_n(Value::Empty, c.cols - 1));
                }
                out.resize(self.columns.len(), Value::Empty);
                out
            })
            .collect()
    }
}

/// One complete form: header block, title, body. A per-person form (01, 03)
/// has one section per person.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The sheet name it asks for (made valid and unique by the writer).
    pub sheet: String,
    /// "Mẫu 03A".
    pub label: String,
    /// The left of the header block: TÊN ĐƠN VỊ CHỦ QUẢN, ĐƠN VỊ.
    pub org: [String; 2],
    /// "<place>, ngày … tháng … năm …".
    pub date_line: String,
    /// The sheet's column widths in Excel character units; a section with a
    /// table uses the table's columns.
    pub widths: Vec<f64>,
    /// The first column of the right half (national motto, signatures).
    pub split: usize,
    pub title: Vec<Line>,
    pub body: Vec<Block>,
}

/// The body table(s) as the CSV file carries them: one header row, then rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl CsvTable {
    /// The CSV of a single table: its flattened labels and its grid.
    pub fn of(table: &Table) -> CsvTable {
        CsvTable {
            header: table.columns.iter().map(|c| c.label.clone()).collect(),
            rows: table.grid(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub sections: Vec<Section>,
    pub csv: CsvTable,
    pub counts: ReportCounts,
}
