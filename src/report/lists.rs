//! Mẫu 04 (thông báo kết quả), 05A (đề nghị khen thưởng định kỳ) and 05B
//! (đề nghị khen thưởng đột xuất): lists of people for a quarter or a year.

use super::common::{
    Ctx, centered, column, head, head_of_unit, para, period_text, quarter_text, recipients,
    title_and_unit,
};
use super::layout::{Align, Block, Cell, CsvTable, Document, Line, Row, Section, Style, Table};
use super::{ReportCounts, ReportScope, Result};
use crate::domain::Quarter;
use crate::domain::rules::Outcome;
use crate::store::StaffRow;
use std::collections::{HashMap, HashSet};

/// Professional in at least this many of the year's four quarters: the
/// yearly threshold of 003 (Bước 4, "có từ 02/04 quý được đánh giá chuyên
/// nghiệp"), which form 04 also uses for "passed in the year".
pub const YEARLY_MIN_QUARTERS: usize = 2;

/// A person on a list, with the last column's text.
struct Listed {
    staff: StaffRow,
    note: String,
}

/// "Đạt 3/4 quý (I, II, IV)".
fn quarters_note(quarters: &[Outcome; 4]) -> String {
    let passed: Vec<&str> = quarters
        .iter()
        .zip(1u8..)
        .filter(|(o, _)| **o == Outcome::Pass)
        .map(|(_, q)| super::common::roman(q))
        .collect();
    if passed.is_empty() {
        "Đạt 0/4 quý".to_owned()
    } else {
        format!("Đạt {}/4 quý ({})", passed.len(), passed.join(", "))
    }
}

/// The list table of forms 04, 05A and 05B (TT, Họ và tên, Chức vụ, đơn vị
/// công tác hiện nay, and `last`), with its CSV. An empty list prints one
/// row saying so (not in the CSV).
fn list_table(people: &[Listed], last: &str) -> (Table, CsvTable) {
    let columns = vec![
        column("TT", Align::Center),
        column("Họ và tên", Align::Left),
        column("Chức vụ, đơn vị công tác hiện nay", Align::Left),
        column(last, Align::Left),
    ];
    let head_cells = columns
        .iter()
        .enumerate()
        .map(|(i, c)| head(&c.label, i))
        .collect();
    let rows = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let s = &p.staff.staff;
            Row::new(
                vec![
                    Cell::count(i + 1),
                    Cell::text(&s.full_name),
                    Cell::text(title_and_unit(s)),
                    Cell::text(&p.note),
                ],
                Style::Normal,
            )
        })
        .collect();
    let mut table = Table {
        columns,
        head: head_cells,
        head_rows: 1,
        rows,
    };
    let csv = CsvTable::of(&table);
    if people.is_empty() {
        table.rows.push(Row::new(
            vec![
                Cell::empty(),
                Cell::text("(không có)").span(3).aligned(Align::Center),
            ],
            Style::Italic,
        ));
    }
    (table, csv)
}

/// The parts every list form shares.
fn list_section(
    ctx: &Ctx,
    label: &str,
    title: Vec<Line>,
    body: Vec<Block>,
    widths: Vec<f64>,
) -> Section {
    Section {
        sheet: label.to_owned(),
        label: label.to_owned(),
        org: ctx.org_lines(),
        date_line: ctx.date_line(),
        widths,
        split: 2,
        title,
        body,
    }
}

fn signatures() -> Block {
    Block::Signatures {
        left: Some(recipients()),
        right: Some(head_of_unit()),
    }
}

/// Mẫu 04: how many people the unit has, how many signed the year's
/// commitment, how many passed, and who. For a quarter, "passed" is the
/// quarter's professional result (`danhgia status`); for a year, being
/// professional in at least [`YEARLY_MIN_QUARTERS`] quarters.
pub fn form04(ctx: &Ctx) -> Result<Document> {
    let unit = ctx.unit.as_deref();
    let year = ctx.scope.year();
    let signed_ids: HashSet<i64> = ctx
        .svc
        .commitment_roll(year, unit)?
        .into_iter()
        .filter(|r| r.commitment.is_some())
        .map(|r| r.staff.id)
        .collect();
    let (ids, passed): (Vec<i64>, Vec<Listed>) = match ctx.scope {
        ReportScope::Quarter(q) => {
            // The people assessed in the quarter (not the newcomers and
            // leavers it shows as not assessed).
            let everyone: Vec<_> = ctx
                .svc
                .status(q, unit)?
                .into_iter()
                .filter(|r| r.result.outcome != Outcome::NotAssessed)
                .collect();
            let passed = ctx
                .svc
                .commend_quarter(q)?
                .quarterly
                .into_iter()
                .filter(|r| ctx.in_unit(&r.staff.staff))
                .map(|r| Listed {
                    staff: r.staff,
                    note: String::new(),
                })
                .collect();
            (everyone.iter().map(|r| r.staff.id).collect(), passed)
        }
        ReportScope::Year(y) => {
            let rows: Vec<_> = ctx
                .svc
                .commend_year(y)?
                .into_iter()
                .filter(|r| ctx.in_unit(&r.staff.staff))
                .collect();
            let ids = rows.iter().map(|r| r.staff.id).collect();
            let passed = rows
                .into_iter()
                .filter(|r| r.commendation.quarters_passed >= YEARLY_MIN_QUARTERS)
                .map(|r| Listed {
                    note: quarters_note(&r.quarters),
                    staff: r.staff,
                })
                .collect();
            (ids, passed)
        }
    };
    let signed = ids.iter().filter(|id| signed_ids.contains(id)).count();
    let (table, csv) = list_table(&passed, "Ghi chú");
    let period = period_text(ctx.scope);
    let body = vec![
        Block::Gap,
        para("1. Số lượng CBCCVC, NLĐ:", Style::Bold),
        Block::Bullet(format!(
            "Tổng số CBCCVC, NLĐ của đơn vị: {} người.",
            ids.len()
        )),
        Block::Bullet(format!(
            "Số CBCCVC, NLĐ đã ký cam kết thực hiện bộ tiêu chí: {signed} người."
        )),
        Block::Bullet(format!(
            "Số CBCCVC, NLĐ đạt tiêu chí chuyên nghiệp: {} người.",
            passed.len()
        )),
        para(
            "2. Danh sách CBCCVC, NLĐ đạt tiêu chí chuyên nghiệp:",
            Style::Bold,
        ),
        Block::Table(table),
        Block::Gap,
        signatures(),
    ];
    let section = list_section(
        ctx,
        "Mẫu 04",
        vec![
            centered("THÔNG BÁO", Style::Bold),
            centered(
                format!("Danh sách CBCCVC, NLĐ đạt tiêu chí chuyên nghiệp {period}"),
                Style::Bold,
            ),
        ],
        body,
        vec![5.0, 24.0, 38.0, 19.0],
    );
    Ok(Document {
        counts: ReportCounts {
            people: ids.len(),
            listed: passed.len(),
            sections: 1,
        },
        sections: vec![section],
        csv,
    })
}

/// "Năm 2026" for a line of its own.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn proposal_title(ctx: &Ctx, kind: &str) -> Vec<Line> {
    vec![
        centered("DANH SÁCH", Style::Bold),
        centered(
            "CBCCVC, NLĐ đạt tiêu chí chuyên nghiệp đề nghị khen thưởng",
            Style::Bold,
        ),
        centered(capitalised(&period_text(ctx.scope)), Style::Bold),
        centered(format!("(mẫu dành cho khen thưởng {kind})"), Style::Italic),
    ]
}

fn proposal_body(table: Table, n: usize) -> Vec<Block> {
    vec![
        Block::Gap,
        Block::Table(table),
        para(format!("Danh sách có {n} người."), Style::Italic),
        Block::Gap,
        signatures(),
    ]
}

/// Mẫu 05A: the periodic commendation list — for a quarter, everyone
/// professional in it; for a year, the yearly rule (`danhgia commend`).
pub fn form05a(ctx: &Ctx) -> Result<Document> {
    let people: Vec<Listed> = match ctx.scope {
        ReportScope::Quarter(q) => ctx
            .svc
            .commend_quarter(q)?
            .quarterly
            .into_iter()
            .filter(|r| ctx.in_unit(&r.staff.staff))
            .map(|r| Listed {
                staff: r.staff,
                note: String::new(),
            })
            .collect(),
        ReportScope::Year(y) => ctx
            .svc
            .commend_year(y)?
            .into_iter()
            .filter(|r| r.commendation.eligible && ctx.in_unit(&r.staff.staff))
            .map(|r| {
                let rating = r
                    .commendation
                    .yearly_rating
                    .map_or_else(String::new, |x| format!("; xếp loại năm {x}"));
                Listed {
                    note: format!("{}{rating}", quarters_note(&r.quarters)),
                    staff: r.staff,
                }
            })
            .collect(),
    };
    let (table, csv) = list_table(&people, "Ghi chú");
    let section = list_section(
        ctx,
        "Mẫu 05A",
        proposal_title(ctx, "định kỳ"),
        proposal_body(table, people.len()),
        vec![5.0, 24.0, 33.0, 24.0],
    );
    Ok(Document {
        counts: ReportCounts {
            people: people.len(),
            listed: people.len(),
            sections: 1,
        },
        sections: vec![section],
        csv,
    })
}

/// Mẫu 05B: the ad-hoc commendation list with each person's achievement
/// summary (trích ngang thành tích) — of the quarter, or of every quarter
/// of the year (one row per person, each achievement under its quarter).
pub fn form05b(ctx: &Ctx) -> Result<Document> {
    let quarters: Vec<Quarter> = match ctx.scope {
        ReportScope::Quarter(q) => vec![q],
        ReportScope::Year(y) => Quarter::of_year(y).to_vec(),
    };
    let several = quarters.len() > 1;
    let mut people: Vec<Listed> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for q in quarters {
        for r in ctx.svc.commend_quarter(q)?.adhoc {
            let s = r.status.staff;
            if !ctx.in_unit(&s.staff) {
                continue;
            }
            let text = if several {
                format!("{}: {}", quarter_text(q), r.achievement)
            } else {
                r.achievement
            };
            match at.get(&s.id) {
                Some(i) => {
                    let note = &mut people[*i].note;
                    note.push('\n');
                    note.push_str(&text);
                }
                None => {
                    at.insert(s.id, people.len());
                    people.push(Listed {
                        staff: s,
                        note: text,
                    });
                }
            }
        }
    }
    people.sort_by(|a, b| {
        (&a.staff.staff.unit, &a.staff.staff.code).cmp(&(&b.staff.staff.unit, &b.staff.staff.code))
    });
    let (table, csv) = list_table(&people, "Trích ngang thành tích");
    let section = list_section(
        ctx,
        "Mẫu 05B",
        proposal_title(ctx, "đột xuất"),
        proposal_body(table, people.len()),
        vec![5.0, 24.0, 24.0, 33.0],
    );
    Ok(Document {
        counts: ReportCounts {
            people: people.len(),
            listed: people.len(),
            sections: 1,
        },
        sections: vec![section],
        csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarters_note_names_the_quarters_passed() {
        use Outcome::*;
        assert_eq!(
            quarters_note(&[Pass, Fail, Pass, Pending]),
            "Đạt 2/4 quý (I, III)"
        );
        assert_eq!(quarters_note(&[Fail; 4]), "Đạt 0/4 quý");
    }
}
