//! Mẫu 01 (bản cam kết) and Mẫu 02 (danh sách ký cam kết): the year's
//! commitment (003, Bước 2).

use super::common::{
    Ctx, DOTS, centered, column, date_text, head, head_of_unit, para, points, title_and_unit,
};
use super::layout::{
    Align, Block, Cell, CsvTable, Document, HeadCell, Row, Section, SignBlock, Style, Table, Value,
};
use super::{ReportCounts, Result};
use crate::domain::{StaffGroup, StaffKind};
use crate::service::CommitmentRow;
use std::collections::BTreeSet;

/// The plan's wording of the commitment (003, form 01), kept as printed
/// except the plan's number, which the form leaves blank and the plan's own
/// header gives (05-KH/BCN).
const BASIS: &str = "Thực hiện Quyết định số 264-QĐ/QU, ngày 24/9/2021 của Ban Thường vụ Quận ủy Long Biên về việc ban hành bộ tiêu chí đánh giá sự chuyên nghiệp của cán bộ, công chức, viên chức, người lao động quận Long Biên; Kế hoạch số 05-KH/BCN, ngày 27/9/2021 của Ban Chủ nhiệm Chương trình số 01-CTr/QU,";
const PLEDGE: &str = "Tôi cam kết thực hiện tiêu chí chuyên nghiệp của cán bộ, công chức, viên chức, người lao động quận Long Biên, trong đó tập trung một số nội dung sau:";

const HEAD_ETHICS: &str = "1. Về đạo đức công vụ:";
const HEAD_WORK: &str = "2. Về hoạt động công vụ:";
const HEAD_LEADERSHIP: &str = "3. Về phong cách lãnh đạo (đối với cán bộ lãnh đạo, quản lý)";

fn roll(ctx: &Ctx) -> Result<Vec<CommitmentRow>> {
    Ok(ctx
        .svc
        .commitment_roll(ctx.scope.year(), ctx.unit.as_deref())?)
}

/// Mẫu 01: one commitment per person employed in the year — the signed
/// one with its focus points and signing date, or, for someone who has not
/// signed, the blank form to sign.
pub fn form01(ctx: &Ctx) -> Result<Document> {
    let year = ctx.scope.year();
    let people = roll(ctx)?;
    let mut sections = Vec::with_capacity(people.len());
    let mut csv = CsvTable {
        header: [
            "Mã cán bộ",
            "Họ và tên",
            "Năm",
            "Ngày ký",
            "Nội dung",
            "Nội dung trọng tâm",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    let mut signed = 0;
    for r in &people {
        let s = &r.staff.staff;
        let c = r.commitment.as_ref();
        signed += usize::from(c.is_some());
        let mut body = vec![
            Block::Gap,
            para(format!("Họ và tên: {}", s.full_name), Style::Normal),
            para(
                format!(
                    "Ngày, tháng, năm sinh: {}",
                    s.birth_date
                        .map_or_else(|| DOTS.to_owned(), |d| date_text(Some(d)))
                ),
                Style::Normal,
            ),
            para(
                format!("Chức vụ, đơn vị công tác: {}", title_and_unit(s)),
                Style::Normal,
            ),
            Block::Gap,
            para(BASIS, Style::Normal),
            para(PLEDGE, Style::Normal),
        ];
        let mut heads = vec![
            (HEAD_ETHICS, c.map(|c| c.focus_ethics.as_str())),
            (HEAD_WORK, c.map(|c| c.focus_work.as_str())),
        ];
        if s.kind == StaffKind::Leader {
            heads.push((
                HEAD_LEADERSHIP,
                c.and_then(|c| c.focus_leadership.as_deref()),
            ));
        }
        for (heading, text) in heads {
            body.push(para(heading, Style::Bold));
            let pts = points(text);
            for p in &pts {
                if text.is_some() {
                    csv.rows.push(vec![
                        Value::Text(s.code.clone()),
                        Value::Text(s.full_name.clone()),
                        Value::Text(year.to_string()),
                        Value::Text(date_text(c.map(|c| c.signed_on))),
                        Value::Text(heading.trim_end_matches(':').to_owned()),
                        Value::Text(p.clone()),
                    ]);
                }
                body.push(Block::Bullet(p.clone()));
            }
        }
        if c.is_none() {
            csv.rows.push(vec![
                Value::Text(s.code.clone()),
                Value::Text(s.full_name.clone()),
                Value::Text(year.to_string()),
                Value::Empty,
                Value::Empty,
                Value::Empty,
            ]);
        }
        body.push(Block::Gap);
        body.push(Block::Signatures {
            left: None,
            right: Some(SignBlock::Signer {
                title: "NGƯỜI CAM KẾT".into(),
                hint: "(ký và ghi rõ họ tên)".into(),
                name: Some(s.full_name.clone()),
            }),
        });
        sections.push(Section {
            sheet: s.full_name.clone(),
            label: "Mẫu 01".into(),
            org: ctx.org.lines(Some(&s.unit)),
            date_line: ctx.org.date_line(c.map(|c| c.signed_on)),
            widths: vec![38.0, 48.0],
            split: 1,
            title: vec![
                centered("BẢN CAM KẾT", Style::Bold),
                centered(
                    format!(
                        "Thực hiện tiêu chí chuyên nghiệp của CBCCVC, người lao động quận Long Biên năm {year}"
                    ),
                    Style::Bold,
                ),
            ],
            body,
        });
    }
    Ok(Document {
        counts: ReportCounts {
            people: people.len(),
            listed: signed,
            sections: sections.len(),
        },
        sections,
        csv,
    })
}

/// The group columns of form 02, in its order.
const GROUPS: [(StaffGroup, &str); 4] = [
    (StaffGroup::Cbldql, "CB lãnh đạo quản lý"),
    (StaffGroup::Cc, "CC"),
    (StaffGroup::Vc, "VC"),
    (StaffGroup::Nld, "NLĐ"),
];

/// Mẫu 02: who signed the year's commitment, with the counts and the group
/// columns. The list holds the signers; the counts say how many did not.
pub fn form02(ctx: &Ctx) -> Result<Document> {
    let year = ctx.scope.year();
    let people = roll(ctx)?;
    let signed: Vec<&CommitmentRow> = people.iter().filter(|r| r.commitment.is_some()).collect();
    // A list over several units says which unit each title is in.
    let units: BTreeSet<&str> = people.iter().map(|r| r.staff.staff.unit.as_str()).collect();
    let many_units = units.len() > 1;

    let mut columns = vec![
        column("TT", Align::Center),
        column("Họ và tên", Align::Left),
        column("Ngày, tháng, năm sinh", Align::Center),
        column("Chức vụ hiện nay", Align::Left),
        column("Đảng viên", Align::Center),
    ];
    for (_, label) in GROUPS {
        columns.push(column(&format!("Thuộc nhóm: {label}"), Align::Center));
    }
    columns.push(column("Ghi chú", Align::Left));
    let mut head_cells: Vec<HeadCell> = [
        "TT",
        "Họ và tên",
        "Ngày, tháng, năm sinh",
        "Chức vụ hiện nay",
        "Đảng viên",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| HeadCell {
        rows: 2,
        ..head(t, i)
    })
    .collect();
    head_cells.push(HeadCell {
        cols: 4,
        ..head("Thuộc nhóm", 5)
    });
    for (i, (_, label)) in GROUPS.iter().enumerate() {
        head_cells.push(HeadCell {
            row: 1,
            ..head(label, 5 + i)
        });
    }
    head_cells.push(HeadCell {
        rows: 2,
        ..head("Ghi chú", 9)
    });

    let mark = |yes: bool| {
        if yes { Cell::text("x") } else { Cell::empty() }
    };
    let mut rows = Vec::with_capacity(signed.len() + 1);
    let mut party = 0;
    let mut by_group = [0usize; 4];
    for (i, r) in signed.iter().enumerate() {
        let s = &r.staff.staff;
        party += usize::from(s.party_member);
        let mut cells = vec![
            Cell::count(i + 1),
            Cell::text(&s.full_name),
            Cell::text(date_text(s.birth_date)),
            Cell::text(if many_units {
                title_and_unit(s)
            } else {
                s.title.clone()
            }),
            mark(s.party_member),
        ];
        for (g, (group, _)) in GROUPS.iter().enumerate() {
            by_group[g] += usize::from(s.group == *group);
            cells.push(mark(s.group == *group));
        }
        let note = r
            .commitment
            .as_ref()
            .map(|c| format!("Ký {}", date_text(Some(c.signed_on))))
            .unwrap_or_default();
        cells.push(Cell::text(note));
        rows.push(Row::new(cells, Style::Normal));
    }
    let mut total = vec![
        Cell::text(format!("Tổng số: {} người", signed.len()))
            .span(2)
            .aligned(Align::Left),
        Cell::empty(),
        Cell::empty(),
        Cell::count(party),
    ];
    total.extend(by_group.iter().map(|n| Cell::count(*n)));
    total.push(Cell::empty());
    rows.push(Row::new(total, Style::Bold));
    let table = Table {
        columns,
        head: head_cells,
        head_rows: 2,
        rows,
    };
    let csv = CsvTable::of(&table);
    let body = vec![
        Block::Gap,
        para("1. Số lượng CBCCVC, NLĐ:", Style::Bold),
        Block::Bullet(format!(
            "Tổng số CBCCVC, NLĐ của đơn vị: {} người.",
            people.len()
        )),
        Block::Bullet(format!(
            "Số CBCCVC, NLĐ đã ký cam kết thực hiện tiêu chí chuyên nghiệp: {} người.",
            signed.len()
        )),
        para("2. Danh sách CBCCVC ký cam kết", Style::Bold),
        Block::Table(table),
        Block::Gap,
        Block::Signatures {
            left: None,
            right: Some(head_of_unit()),
        },
    ];
    let section = Section {
        sheet: "Mẫu 02".into(),
        label: "Mẫu 02".into(),
        org: ctx.org_lines(),
        date_line: ctx.date_line(),
        widths: vec![4.0, 18.0, 10.0, 19.0, 5.5, 7.0, 4.0, 4.0, 5.0, 12.5],
        split: 3,
        title: vec![
            centered("DANH SÁCH", Style::Bold),
            centered(
                format!("CBCCVC, NLĐ ký cam kết thực hiện tiêu chí chuyên nghiệp năm {year}"),
                Style::Bold,
            ),
        ],
        body,
    };
    Ok(Document {
        counts: ReportCounts {
            people: people.len(),
            listed: signed.len(),
            sections: 1,
        },
        sections: vec![section],
        csv,
    })
}
