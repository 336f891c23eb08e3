//! The KPI files: the catalog of standard tasks (004, sheet 2) and the task
//! log for bulk entry. Same machinery as the other imports — the table
//! reader, the header synonyms of [`super::columns`], every bad row named —
//! plus what an office's catalog spreadsheet looks like:
//!
//! - title lines above the header (`DANH MỤC CÔNG VIỆC/SẢN PHẨM`, `Đơn vị:
//!   Phòng Nội chính`) are skipped; an `Đơn vị: …` line gives the unit of
//!   rows that have none (the file then needs no unit column);
//! - a row of column numbers under the header (`(1) (2) (3) …`) is skipped;
//! - a heading row — a work area alone, in the area or the task column, with
//!   no steps, product, complexity or time — sets the area of the rows below;
//! - an empty unit, area or task repeats the one above (merged cells leave
//!   all but the first empty). A row with an empty task is the next *step* of
//!   the task above: 004 asks that a long task be split into steps, one row
//!   each, each with its own (intermediate) product. Steps are numbered in
//!   file order from 1 unless a `step` column numbers them.
//!
//! Whether a task of the tasks file is in the person's unit catalog, and
//! whether its quarter is closed, are the service's to check.

use super::columns::{Cell, ColumnMap};
use super::parse::date_cell;
use super::table::Table;
use super::{FileKind, ImportError, read_table};
use crate::data::Kpi;
use crate::domain::kpi::{
    CatalogRecord, ComplexityGroup, EntryState, TaskName, TaskRecord, TimeBucket, parse_time_bucket,
};
use crate::domain::records::{Numbered, Problem, RowProblem};
use std::collections::HashMap;
use std::path::Path;

const COMPLEXITY_CHOICES: &str = "N1, N2, N3, N4, N5";
const TIME_CHOICES: &str = "«Dưới 5ph» … «Từ 2400 ph trở lên» (004), 60 (ph), 1,5 giờ, B1–B14";
const STATE_CHOICES: &str = "done/hoàn thành, in_progress/đang thực hiện";
/// Steps of one task, and the quantity of one entry.
const MAX_STEP: i64 = 99;
const MAX_QUANTITY: i64 = 100_000;
/// How far below the top a catalog's header row may be.
const MAX_TITLE_LINES: usize = 15;

/// Reads and parses a catalog file.
pub fn read_catalog(path: &Path, kpi: &Kpi) -> Result<Vec<Numbered<CatalogRecord>>, ImportError> {
    let table = read_table(path)?;
    parse_catalog(&table, kpi).map_err(|problems| ImportError::Rows {
        file: table.file,
        problems,
    })
}

/// Reads and parses a tasks file.
pub fn read_tasks(path: &Path, kpi: &Kpi) -> Result<Vec<Numbered<TaskRecord>>, ImportError> {
    let table = read_table(path)?;
    parse_tasks(&table, kpi).map_err(|problems| ImportError::Rows {
        file: table.file,
        problems,
    })
}

/// The table with its header where the catalog's columns are, and the unit
/// that an `Đơn vị: …` title line names. Without such a header, the
/// problems of the first row as a header.
fn locate_header(
    table: &Table,
    kind: FileKind,
) -> Result<(Table, Option<String>), Vec<RowProblem>> {
    let first = match ColumnMap::new(kind, table) {
        Ok(_) => return Ok((table.clone(), None)),
        Err(p) => p,
    };
    for i in 0..table.rows.len().min(MAX_TITLE_LINES) {
        let (row, headers) = &table.rows[i];
        let candidate = Table {
            file: table.file.clone(),
            header_row: *row,
            headers: headers.clone(),
            rows: table.rows[i + 1..].to_vec(),
        };
        if ColumnMap::new(kind, &candidate).is_ok() {
            let titles =
                std::iter::once(&table.headers).chain(table.rows[..i].iter().map(|(_, r)| r));
            let unit = titles.flatten().find_map(|cell| unit_in_title(cell));
            return Ok((candidate, unit));
        }
    }
    Err(first)
}

/// `Đơn vị: Phòng Nội chính` → `Phòng Nội chính`.
fn unit_in_title(cell: &str) -> Option<String> {
    let (label, value) = cell.split_once(':')?;
    let key = super::header_key(label);
    let value = collapse(value);
    (matches!(key.as_str(), "donvi" | "tendonvi" | "unit") && !value.is_empty()).then_some(value)
}

/// Runs of white space as one space (keys compare on this).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A row of column numbers, `(1) (2) (3)` or `1 2 3`, as forms put under the
/// header.
fn column_numbers(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let inner = c.trim_start_matches('(').trim_end_matches(')');
            !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit())
        })
}

/// `I. Công tác tổng hợp` → `Công tác tổng hợp` (a heading's numbering).
fn strip_numbering(s: &str) -> String {
    let rest =
        s.trim_start_matches(|c: char| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_digit());
    match rest.trim_start().strip_prefix(['.', ')', '-', '/', ':']) {
        Some(text) if rest.len() < s.len() && !text.trim().is_empty() => collapse(text),
        _ => collapse(s),
    }
}

/// Reads a catalog file (module docs for the layout).
pub fn parse_catalog(
    table: &Table,
    kpi: &Kpi,
) -> Result<Vec<Numbered<CatalogRecord>>, Vec<RowProblem>> {
    let (table, title_unit) = locate_header(table, FileKind::Catalog)?;
    let map = ColumnMap::new(FileKind::Catalog, &table)?;
    let mut out = Rows::default();
    let mut unit = title_unit;
    let mut area = String::new();
    let mut task: Option<String> = None;
    // (unit, area, task) → next step; (unit, area, task, step) → first row.
    let mut next_step: HashMap<(String, String, String), u32> = HashMap::new();
    let mut keys: HashMap<(String, String, String, u32), usize> = HashMap::new();
    for (n, (row, cells)) in table.rows.iter().enumerate() {
        let row = *row;
        let cell = |name| map.cell(cells, name);
        if n == 0 && column_numbers(cells) {
            continue;
        }
        if !cell("unit").value.is_empty() {
            unit = Some(collapse(cell("unit").value));
        }
        let content = ["steps", "product", "complexity", "time", "step"]
            .iter()
            .any(|c| !cell(c).value.is_empty());
        if !content {
            // A heading: the area of the rows below.
            let text = [cell("area").value, cell("task").value]
                .into_iter()
                .find(|t| !t.is_empty());
            if let Some(t) = text {
                area = strip_numbering(t);
                task = None;
            }
            continue;
        }
        let before = out.problems.len();
        if !cell("area").value.is_empty() {
            let a = collapse(cell("area").value);
            if a != area {
                task = None;
            }
            area = a;
        }
        if !cell("task").value.is_empty() {
            task = Some(collapse(cell("task").value));
        }
        let Some(u) = unit.clone() else {
            out.push(row, cell("unit"), Problem::Required);
            continue;
        };
        let Some(t) = task.clone() else {
            out.push(row, cell("task"), Problem::Required);
            continue;
        };
        let product = out.take(row, cell("product"), required(cell("product").value));
        let complexity = out.take(
            row,
            cell("complexity"),
            complexity(cell("complexity").value),
        );
        let bucket = out.take(row, cell("time"), time(cell("time").value, kpi));
        let given_step = out.take(
            row,
            cell("step"),
            optional_number(cell("step").value, 1, MAX_STEP),
        );
        let group = (u.clone(), area.clone(), t.clone());
        let auto = next_step.entry(group).or_insert(1);
        let step = match given_step {
            Some(Some(s)) => s as u32,
            _ => *auto,
        };
        *auto = step + 1;
        out.once(
            row,
            cell("task"),
            &mut keys,
            (u.clone(), area.clone(), t.clone(), step),
        );
        if out.problems.len() > before {
            continue;
        }
        if let (Some(product), Some(complexity), Some(bucket)) = (product, complexity, bucket) {
            out.records.push(Numbered {
                row,
                record: CatalogRecord {
                    unit: u,
                    area: area.clone(),
                    task: t,
                    step,
                    steps: cell("steps").value.to_owned(),
                    product,
                    complexity,
                    bucket,
                },
            });
        }
    }
    out.finish()
}

/// Reads a tasks file: `code, date, task` required; `quantity` (empty = 1),
/// `product_ref`, `state` (empty = done), `step`, and for an ad-hoc task
/// `complexity` and `time`.
pub fn parse_tasks(table: &Table, kpi: &Kpi) -> Result<Vec<Numbered<TaskRecord>>, Vec<RowProblem>> {
    let map = ColumnMap::new(FileKind::Tasks, table)?;
    let mut out = Rows::default();
    for (row, cells) in &table.rows {
        let (row, before) = (*row, out.problems.len());
        let cell = |name| map.cell(cells, name);
        let code = out.take(row, cell("code"), required(cell("code").value));
        let date = out.take(row, cell("date"), date(cell("date").value));
        let task = out.take(row, cell("task"), task_name(cell("task").value));
        let step = out.take(
            row,
            cell("step"),
            optional_number(cell("step").value, 1, MAX_STEP),
        );
        let quantity = out.take(
            row,
            cell("quantity"),
            optional_number(cell("quantity").value, 1, MAX_QUANTITY),
        );
        let state = out.take(row, cell("state"), state(cell("state").value));
        let complexity = out.take(
            row,
            cell("complexity"),
            optional(cell("complexity").value, complexity),
        );
        let bucket = out.take(
            row,
            cell("time"),
            optional(cell("time").value, |v| time(v, kpi)),
        );
        if out.problems.len() > before {
            continue;
        }
        if let (
            Some(code),
            Some(date),
            Some(task),
            Some(step),
            Some(quantity),
            Some(state),
            Some(complexity),
            Some(bucket),
        ) = (code, date, task, step, quantity, state, complexity, bucket)
        {
            out.records.push(Numbered {
                row,
                record: TaskRecord {
                    code,
                    date,
                    task,
                    step: step.map(|s| s as u32),
                    quantity: quantity.map_or(1, |q| q as u32),
                    product_ref: collapse(cell("product_ref").value),
                    state,
                    complexity,
                    bucket,
                },
            });
        }
    }
    out.finish()
}

/// The records and problems gathered so far (as in `parse`).
struct Rows<T> {
    records: Vec<Numbered<T>>,
    problems: Vec<RowProblem>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            records: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    fn take<V>(&mut self, row: usize, cell: Cell<'_>, value: Result<V, Problem>) -> Option<V> {
        value.map_err(|problem| self.push(row, cell, problem)).ok()
    }

    fn push(&mut self, row: usize, cell: Cell<'_>, problem: Problem) {
        self.problems.push(RowProblem {
            row,
            column: cell.column.to_owned(),
            value: cell.value.to_owned(),
            problem,
        });
    }

    fn once<K: std::hash::Hash + Eq>(
        &mut self,
        row: usize,
        cell: Cell<'_>,
        seen: &mut HashMap<K, usize>,
        key: K,
    ) {
        match seen.get(&key) {
            Some(&first_row) => self.push(row, cell, Problem::Duplicate { first_row }),
            None => {
                seen.insert(key, row);
            }
        }
    }

    fn finish(self) -> Result<Vec<Numbered<T>>, Vec<RowProblem>> {
        if self.problems.is_empty() {
            Ok(self.records)
        } else {
            Err(self.problems)
        }
    }
}

fn required(value: &str) -> Result<String, Problem> {
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(collapse(value))
    }
}

fn optional<V>(
    value: &str,
    parse: impl Fn(&str) -> Result<V, Problem>,
) -> Result<Option<V>, Problem> {
    if value.is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

fn optional_number(value: &str, min: i64, max: i64) -> Result<Option<i64>, Problem> {
    optional(value, |v| {
        v.parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or(Problem::BadNumber { min, max })
    })
}

fn date(value: &str) -> Result<chrono::NaiveDate, Problem> {
    date_cell(value)?.ok_or(Problem::Required)
}

fn complexity(value: &str) -> Result<ComplexityGroup, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    ComplexityGroup::parse(value).ok_or_else(|| Problem::BadChoice {
        allowed: COMPLEXITY_CHOICES.to_owned(),
    })
}

fn time(value: &str, kpi: &Kpi) -> Result<TimeBucket, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    parse_time_bucket(value, &kpi.buckets).ok_or_else(|| Problem::BadChoice {
        allowed: TIME_CHOICES.to_owned(),
    })
}

fn state(value: &str) -> Result<EntryState, Problem> {
    if value.is_empty() {
        return Ok(EntryState::Done);
    }
    EntryState::parse(value).ok_or_else(|| Problem::BadChoice {
        allowed: STATE_CHOICES.to_owned(),
    })
}

/// A catalog id (`17`, `#17`) or a task name.
fn task_name(value: &str) -> Result<TaskName, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let digits = value.strip_prefix('#').unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse()
            .map(TaskName::Id)
            .map_err(|_| Problem::BadNumber {
                min: 1,
                max: i64::MAX,
            });
    }
    Ok(TaskName::Name(collapse(value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::reference;

    fn kpi() -> &'static Kpi {
        &reference().unwrap().kpi
    }

    fn table(rows: &[&[&str]]) -> Table {
        let mut it = rows.iter().enumerate();
        let (_, header) = it.next().unwrap();
        Table {
            file: "t.csv".into(),
            header_row: 1,
            headers: header.iter().map(|s| s.to_string()).collect(),
            rows: it
                .map(|(i, r)| (i + 1, r.iter().map(|s| s.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn headings_merged_cells_and_steps_read_as_004_lays_them_out() {
        let t = table(&[
            &["DANH MỤC CÔNG VIỆC/SẢN PHẨM"],
            &["Đơn vị: Phòng Nội chính"],
            &[
                "STT",
                "Lĩnh vực/Mảng công việc",
                "Tên nhiệm vụ",
                "Công việc chi tiết",
                "Sản phẩm đầu ra",
                "Mức độ phức tạp",
                "Định lượng thời gian",
            ],
            &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            &["I", "Công tác tổng hợp", "", "", "", "", ""],
            &[
                "1",
                "",
                "Báo cáo tháng",
                "Thu thập số liệu",
                "Bảng số liệu",
                "N2",
                "Từ 45 ph đến dưới 75 ph (0,75 - 1,25 giờ)",
            ],
            &[
                "",
                "",
                "",
                "Viết báo cáo",
                "Dự thảo báo cáo",
                "N3",
                "tu 135ph den duoi 240ph",
            ],
            &["2", "", "Trả lời công văn", "", "Công văn", "N1", "20"],
            &["II", "", "CÔNG TÁC THANH TRA", "", "", "", ""],
            &["1", "", "Tiếp công dân", "", "Sổ tiếp dân", "1", "B6"],
        ]);
        let recs = parse_catalog(&t, kpi()).unwrap();
        let got: Vec<(usize, &str, &str, u32, &str, u8, u8)> = recs
            .iter()
            .map(|r| {
                let e = &r.record;
                (
                    r.row,
                    e.area.as_str(),
                    e.task.as_str(),
                    e.step,
                    e.unit.as_str(),
                    e.complexity.number(),
                    e.bucket.number(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    6,
                    "Công tác tổng hợp",
                    "Báo cáo tháng",
                    1,
                    "Phòng Nội chính",
                    2,
                    5
                ),
                (
                    7,
                    "Công tác tổng hợp",
                    "Báo cáo tháng",
                    2,
                    "Phòng Nội chính",
                    3,
                    8
                ),
                (
                    8,
                    "Công tác tổng hợp",
                    "Trả lời công văn",
                    1,
                    "Phòng Nội chính",
                    1,
                    3
                ),
                (
                    10,
                    "CÔNG TÁC THANH TRA",
                    "Tiếp công dân",
                    1,
                    "Phòng Nội chính",
                    1,
                    6
                ),
            ]
        );
        assert_eq!(recs[1].record.product, "Dự thảo báo cáo");
        assert_eq!(recs[1].record.steps, "Viết báo cáo");
    }

    #[test]
    fn without_a_unit_anywhere_each_row_says_so() {
        let t = table(&[
            &["area", "task", "product", "complexity", "time"],
            &["A", "T", "P", "N1", "B1"],
        ]);
        let p = parse_catalog(&t, kpi()).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].row, p[0].column.as_str(), &p[0].problem),
            (2, "unit", &Problem::Required)
        );
    }

    #[test]
    fn every_bad_catalog_row_is_named() {
        let t = table(&[
            &[
                "unit",
                "area",
                "task",
                "product",
                "complexity",
                "time",
                "step",
            ],
            &["P", "A", "T", "P1", "N6", "B1", ""],
            &["P", "A", "T2", "", "N1", "khoảng 1 buổi", ""],
            &["P", "A", "T3", "P3", "N1", "B1", "2"],
            &["P", "A", "T3", "P3b", "N1", "B1", "2"],
            &["P", "A", "T4", "P4", "N1", "B1", "0"],
        ]);
        let p = parse_catalog(&t, kpi()).unwrap_err();
        let got: Vec<(usize, &str, &str)> = p
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "complexity", "N6"),
                (3, "product", ""),
                (3, "time", "khoảng 1 buổi"),
                (5, "task", "T3"),
                (6, "step", "0"),
            ]
        );
        assert_eq!(p[3].problem, Problem::Duplicate { first_row: 4 });
    }

    #[test]
    fn tasks_rows_take_defaults_and_ids() {
        let t = table(&[
            &[
                "Mã cán bộ",
                "Ngày",
                "Nhiệm vụ",
                "Số lượng",
                "Số hiệu sản phẩm",
                "Trạng thái",
            ],
            &[
                "CB01",
                "05/07/2026",
                "Trả lời công văn",
                "3",
                "123/UBND-VP",
                "Hoàn thành",
            ],
            &["CB01", "06/07/2026", "#12", "", "", ""],
            &["CB01", "31/02/2026", "17", "0", "", "xong chưa"],
        ]);
        let p = parse_tasks(&t, kpi()).unwrap_err();
        let got: Vec<(usize, &str)> = p.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(got, vec![(4, "Ngày"), (4, "Số lượng"), (4, "Trạng thái")]);
        let t = table(&[
            &["code", "date", "task", "quantity", "product_ref", "state"],
            &[
                "CB01",
                "05/07/2026",
                "Trả lời công văn",
                "3",
                "123/UBND-VP",
                "Hoàn thành",
            ],
            &["CB01", "06/07/2026", "#12", "", "", "đang thực hiện"],
        ]);
        let r = parse_tasks(&t, kpi()).unwrap();
        assert_eq!(r[0].record.task, TaskName::Name("Trả lời công văn".into()));
        assert_eq!(r[0].record.quantity, 3);
        assert_eq!(r[0].record.state, EntryState::Done);
        assert_eq!(r[1].record.task, TaskName::Id(12));
        assert_eq!(r[1].record.quantity, 1);
        assert_eq!(r[1].record.state, EntryState::InProgress);
    }

    #[test]
    fn headings_lose_their_numbering() {
        assert_eq!(strip_numbering("I. Công tác tổng hợp"), "Công tác tổng hợp");
        assert_eq!(strip_numbering("II - Thanh tra"), "Thanh tra");
        assert_eq!(strip_numbering("2) Văn thư"), "Văn thư");
        assert_eq!(strip_numbering("Văn thư"), "Văn thư");
        assert_eq!(strip_numbering("VIỆC KHÁC"), "VIỆC KHÁC");
    }
}
