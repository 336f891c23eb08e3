//! Mẫu 03A/03B (phiếu đánh giá): one checklist per person assessed in the
//! quarter, with the self and review marks side by side, the totals row and
//! the overall result.

use super::common::{Ctx, PLAN, centered, column, head, para, quarter_text, title_and_unit};
use super::layout::{
    Align, Block, Cell, CsvTable, Document, HeadCell, Row, Section, SignBlock, Style, Table, Value,
};
use super::{ReportCounts, Result};
use crate::domain::rules::Outcome;
use crate::domain::{ChecklistState, Quarter};
use crate::i18n::{Lang, reason_text};
use crate::service::{ItemView, StatusRow};
use std::collections::HashMap;

/// How many reasons the result line spells out before "… and N more"
/// (reasons are grouped: one per unmet condition, items and months together).
const REASONS_SHOWN: usize = 8;

const MARK: &str = "x";
const BOX_ON: &str = "☒";
const BOX_OFF: &str = "☐";

/// `I.2.3` → ("I", "2", "3").
fn id_parts(id: &str) -> (&str, &str, &str) {
    let mut it = id.split('.');
    (
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
    )
}

/// The form's second title line with the quarter filled in:
/// "Sự chuyên nghiệp của cán bộ lãnh đạo, quản lý - Quý III/2026".
fn subtitle(form_title: &str, q: Quarter) -> String {
    let line = form_title.lines().last().unwrap_or(form_title).trim();
    let quarter = quarter_text(q);
    match line.find("Quý") {
        Some(at) => format!("{}{quarter}", &line[..at]),
        None => format!("{line} - {quarter}"),
    }
}

/// Counts of one column of marks: Đạt, Chưa đạt.
fn tally(marks: impl Iterator<Item = Option<bool>>) -> (usize, usize) {
    marks.fold((0, 0), |(y, n), m| match m {
        Some(true) => (y + 1, n),
        Some(false) => (y, n + 1),
        None => (y, n),
    })
}

/// The professional result of the quarter by the plan's conditions, in
/// words, with its reasons (the same as `danhgia status`).
pub fn result_line(r: &StatusRow) -> String {
    let q = quarter_text(r.quarter);
    let reasons = || {
        let mut v: Vec<String> = r
            .result
            .reasons
            .iter()
            .take(REASONS_SHOWN)
            .map(|x| reason_text(x, Lang::Vi))
            .collect();
        let more = r.result.reasons.len().saturating_sub(REASONS_SHOWN);
        if more > 0 {
            v.push(format!("và {more} lý do khác"));
        }
        v.join("; ")
    };
    match r.result.outcome {
        Outcome::Pass => {
            format!("Kết quả đánh giá sự chuyên nghiệp {q} (đủ các điều kiện của {PLAN}): Đạt.")
        }
        Outcome::Fail => format!(
            "Kết quả đánh giá sự chuyên nghiệp {q} (theo các điều kiện của {PLAN}): Chưa đạt — {}.",
            reasons()
        ),
        Outcome::Pending => format!(
            "Kết quả đánh giá sự chuyên nghiệp {q}: chưa đủ dữ liệu để kết luận — {}.",
            reasons()
        ),
        Outcome::NotAssessed => format!("Kết quả đánh giá sự chuyên nghiệp {q}: {}.", reasons()),
    }
}

/// Mẫu 03: one section (sheet) per person the actor sees who is assessed in `q`.
pub fn form03(ctx: &Ctx, q: Quarter) -> Result<Document> {
    let rows: Vec<StatusRow> = ctx
        .svc
        .status(q, ctx.unit.as_deref())?
        .into_iter()
        .filter(|r| r.result.outcome != Outcome::NotAssessed)
        .collect();
    let criteria = &ctx.svc.reference().criteria;
    let mut sections = Vec::with_capacity(rows.len());
    let mut csv = CsvTable {
        header: [
            "Mã cán bộ",
            "Họ và tên",
            "Mẫu",
            "STT",
            "Mã nội dung",
            "Nội dung tiêu chí",
            "Cá nhân tự đánh giá: Đạt",
            "Cá nhân tự đánh giá: Chưa đạt",
            "Người có thẩm quyền đánh giá: Đạt",
            "Người có thẩm quyền đánh giá: Chưa đạt",
            "Ghi chú",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for r in &rows {
        let s = &r.staff.staff;
        let view = ctx.svc.checklist(&s.code, q)?;
        let assessor = ctx.svc.assessor_of(&s.code, q)?;
        let form = criteria.form(s.kind);
        let marks: HashMap<&str, &ItemView> = view.items.iter().map(|i| (i.id, i)).collect();

        let mut table_rows = Vec::new();
        // The item id of each row, for the CSV.
        let mut row_ids = Vec::new();
        let mark = |m: Option<bool>, want: bool| {
            if m == Some(want) {
                Cell::text(MARK)
            } else {
                Cell::empty()
            }
        };
        for section in &form.sections {
            table_rows.push(Row::new(
                vec![
                    Cell::text(&section.id),
                    Cell::text(&section.title),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
                Style::Bold,
            ));
            row_ids.push(section.id.clone());
            for c in &section.criteria {
                let (_, n, _) = id_parts(&c.id);
                table_rows.push(Row::new(
                    vec![
                        Cell::text(format!("{n}.")),
                        Cell::text(&c.title),
                        Cell::empty(),
                        Cell::empty(),
                        Cell::empty(),
                        Cell::empty(),
                        Cell::empty(),
                    ],
                    Style::Bold,
                ));
                row_ids.push(c.id.clone());
                for item in &c.items {
                    let (_, _, n) = id_parts(&item.id);
                    let v = marks.get(item.id.as_str());
                    let self_mark = v.and_then(|v| v.self_mark);
                    let review = v.and_then(|v| v.review);
                    table_rows.push(Row::new(
                        vec![
                            Cell::text(format!("({n})")),
                            Cell::text(&item.text),
                            mark(self_mark, true),
                            mark(self_mark, false),
                            mark(review, true),
                            mark(review, false),
                            Cell::text(v.and_then(|v| v.note.clone()).unwrap_or_default()),
                        ],
                        Style::Normal,
                    ));
                    row_ids.push(item.id.clone());
                }
            }
        }
        let n = form.item_count();
        let (self_yes, self_no) = tally(view.items.iter().map(|i| i.self_mark));
        let (rev_yes, rev_no) = tally(view.items.iter().map(|i| i.review));
        let nd = |k: usize| Cell::text(format!("{k} ND"));
        table_rows.push(Row::new(
            vec![
                Cell::empty(),
                Cell::text(format!("Tổng số: {n} nội dung")),
                nd(self_yes),
                nd(self_no),
                nd(rev_yes),
                nd(rev_no),
                Cell::empty(),
            ],
            Style::Bold,
        ));
        row_ids.push(String::new());
        // The form's own rule (its "Lưu ý"): n/n items Đạt by the authority,
        // once the authority has approved the checklist (003, Bước 3).
        let unreviewed = n.saturating_sub(rev_yes + rev_no);
        let (pass_box, fail_box, note) = if view.state != ChecklistState::Approved {
            let mut note = "Phiếu chưa được người có thẩm quyền duyệt".to_owned();
            if unreviewed > 0 {
                note = format!("{note}; còn {unreviewed} nội dung chưa đánh giá");
            }
            (BOX_OFF, BOX_OFF, note)
        } else if rev_no > 0 {
            (BOX_OFF, BOX_ON, String::new())
        } else if unreviewed == 0 {
            (BOX_ON, BOX_OFF, String::new())
        } else {
            (
                BOX_OFF,
                BOX_OFF,
                format!("Còn {unreviewed} nội dung chưa đánh giá"),
            )
        };
        table_rows.push(Row::new(
            vec![
                Cell::empty(),
                Cell::text("Kết quả chung:"),
                Cell::text(format!("{pass_box} Đạt     {fail_box} Chưa đạt"))
                    .span(4)
                    .aligned(Align::Center),
                Cell::text(note),
            ],
            Style::Bold,
        ));
        row_ids.push(String::new());

        let table = Table {
            columns: vec![
                column("STT", Align::Center),
                column("Nội dung tiêu chí", Align::Left),
                column("Cá nhân tự đánh giá: Đạt", Align::Center),
                column("Cá nhân tự đánh giá: Chưa đạt", Align::Center),
                column("Người có thẩm quyền đánh giá: Đạt", Align::Center),
                column("Người có thẩm quyền đánh giá: Chưa đạt", Align::Center),
                column("Ghi chú", Align::Left),
            ],
            head: vec![
                HeadCell {
                    rows: 2,
                    ..head("STT", 0)
                },
                HeadCell {
                    rows: 2,
                    ..head("Nội dung tiêu chí", 1)
                },
                HeadCell {
                    cols: 2,
                    ..head("Cá nhân tự đánh giá", 2)
                },
                HeadCell {
                    cols: 2,
                    ..head("Người có thẩm quyền đánh giá", 4)
                },
                HeadCell {
                    rows: 2,
                    ..head("Ghi chú", 6)
                },
                HeadCell {
                    row: 1,
                    ..head("Đạt", 2)
                },
                HeadCell {
                    row: 1,
                    ..head("Chưa đạt", 3)
                },
                HeadCell {
                    row: 1,
                    ..head("Đạt", 4)
                },
                HeadCell {
                    row: 1,
                    ..head("Chưa đạt", 5)
                },
            ],
            head_rows: 2,
            rows: table_rows,
        };
        for (grid_row, id) in table.grid().into_iter().zip(&row_ids) {
            let mut v = vec![
                Value::Text(s.code.clone()),
                Value::Text(s.full_name.clone()),
                Value::Text(view.form_id.to_owned()),
            ];
            let mut cells = grid_row.into_iter();
            v.extend(cells.next());
            v.push(Value::Text(id.clone()));
            v.extend(cells);
            csv.rows.push(v);
        }
        let body = vec![
            Block::Gap,
            para(format!("Họ và tên: {}", s.full_name), Style::Normal),
            para(
                format!("Chức vụ, đơn vị công tác: {}", title_and_unit(s)),
                Style::Normal,
            ),
            Block::Gap,
            Block::Table(table),
            para(
                format!(
                    "Lưu ý: Trường hợp có {n}/{n} nội dung được đánh giá đạt thì kết quả chung: Đạt."
                ),
                Style::Italic,
            ),
            para(result_line(r), Style::Italic),
            Block::Gap,
            Block::Signatures {
                left: Some(SignBlock::Signer {
                    title: "NGƯỜI TỰ ĐÁNH GIÁ".into(),
                    hint: "(Ký, ghi rõ họ tên)".into(),
                    name: Some(s.full_name.clone()),
                }),
                right: Some(SignBlock::Signer {
                    title: "NGƯỜI CÓ THẨM QUYỀN ĐÁNH GIÁ".into(),
                    hint: "(ký, ghi rõ họ tên, đóng dấu)".into(),
                    name: assessor.map(|a| a.staff.full_name),
                }),
            },
        ];
        let (first, second) = match form.title.split_once('\n') {
            Some((a, _)) => (a.trim().to_owned(), subtitle(&form.title, q)),
            None => ("PHIẾU ĐÁNH GIÁ".to_owned(), subtitle(&form.title, q)),
        };
        sections.push(Section {
            sheet: s.full_name.clone(),
            label: format!("Mẫu {}", view.form_id),
            org: ctx.org.lines(Some(&s.unit)),
            date_line: ctx.date_line(),
            widths: vec![4.0, 35.0, 8.0, 8.0, 8.0, 8.0, 16.0],
            split: 2,
            title: vec![centered(first, Style::Bold), centered(second, Style::Bold)],
            body,
        });
    }
    Ok(Document {
        counts: ReportCounts {
            people: rows.len(),
            listed: sections.len(),
            sections: sections.len(),
        },
        sections,
        csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarter_fills_the_forms_title() {
        let q = Quarter { year: 2026, q: 3 };
        assert_eq!(
            subtitle(
                "PHIẾU ĐÁNH GIÁ\nSự chuyên nghiệp của CCVC, LĐHĐ - Quý/202..",
                q
            ),
            "Sự chuyên nghiệp của CCVC, LĐHĐ - Quý III/2026"
        );
        assert_eq!(subtitle("X", q), "X - Quý III/2026");
    }

    #[test]
    fn ids_split_into_their_numbers() {
        assert_eq!(id_parts("II.2.4"), ("II", "2", "4"));
    }
}
