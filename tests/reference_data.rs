#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The reference data is complete against the sources: counts pinned, wording
//! spot-checked against the seed documents.

use danhgia::data::{ReferenceData, reference};
use danhgia::domain::{CompetencyGroup, Grade, LevelRange, PositionGroup, StaffKind};

fn data() -> &'static ReferenceData {
    reference().expect("embedded reference data loads")
}

#[test]
fn checklists_have_27_and_18_items_in_9_and_6_criteria() {
    let c = &data().criteria;
    assert_eq!(c.leader.id, "03A");
    assert_eq!(c.leader.kind, StaffKind::Leader);
    assert_eq!(c.leader.sections.len(), 3);
    assert_eq!(c.leader.criteria().count(), 9);
    assert_eq!(c.leader.item_count(), 27);
    assert_eq!(c.staff.id, "03B");
    assert_eq!(c.staff.sections.len(), 2);
    assert_eq!(c.staff.criteria().count(), 6);
    assert_eq!(c.staff.item_count(), 18);
}

#[test]
fn checklist_item_ids_follow_spec_section_3() {
    let ids: Vec<&str> = data()
        .criteria
        .leader
        .items()
        .map(|i| i.id.as_str())
        .collect();
    let expected = [
        "I.1.1", "I.1.2", "I.1.3", "I.2.1", "I.2.2", "I.2.3", "II.1.1", "II.1.2", "II.1.3",
        "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.3.1", "II.3.2", "II.4.1", "II.4.2",
        "III.1.1", "III.1.2", "III.1.3", "III.2.1", "III.2.2", "III.2.3", "III.3.1", "III.3.2",
        "III.3.3",
    ];
    assert_eq!(ids, expected);
    let staff: Vec<&str> = data()
        .criteria
        .staff
        .items()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(staff, expected[..18]);
}

#[test]
fn the_two_forms_keep_their_own_wording() {
    let c = &data().criteria;
    // 003, form 03A vs 03B, item II.1.3: the leader "directs" the handling of files.
    let a = &c.leader.item("II.1.3").unwrap().text;
    let b = &c.staff.item("II.1.3").unwrap().text;
    assert!(a.starts_with("Chỉ đạo giải quyết hồ sơ"), "{a}");
    assert!(b.starts_with("Giải quyết hồ sơ"), "{b}");
    // Items the forms word alike stay alike.
    assert_eq!(
        c.leader.item("I.1.3").unwrap().text,
        c.staff.item("I.1.3").unwrap().text
    );
    let differing = c
        .staff
        .items()
        .filter(|i| c.leader.item(&i.id).is_some_and(|l| l.text != i.text))
        .count();
    assert!(
        differing >= 7,
        "II.1.3, II.2.1–4, II.3.1–2 at least; found {differing}"
    );
}

#[test]
fn competency_frameworks_have_7_5_5_competencies() {
    let c = &data().competencies;
    let ids: Vec<&str> = c.frameworks.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["I", "II", "III"]);
    for f in &c.frameworks {
        for (g, n) in [
            (CompetencyGroup::General, 7),
            (CompetencyGroup::Professional, 5),
            (CompetencyGroup::Management, 5),
        ] {
            assert_eq!(
                f.competencies.iter().filter(|x| x.group == g).count(),
                n,
                "framework {} {g:?}",
                f.id
            );
        }
    }
}

#[test]
fn competency_descriptors_match_000() {
    let c = &data().competencies;
    let i = c.framework("I").unwrap();
    assert_eq!(
        i.competency("ethics").unwrap().level(5).unwrap().text,
        "Tạo dựng văn hóa dẫn dắt việc thực hiện đạo đức và bản lĩnh."
    );
    assert_eq!(
        i.competency("communication")
            .unwrap()
            .level(1)
            .unwrap()
            .text,
        "Nghe và trình bày thông tin một cách rõ ràng."
    );
    // Framework II swaps the foreign-language and IT columns: mapped by name.
    let ii = c.framework("II").unwrap();
    assert_eq!(
        ii.competency("foreign_language").unwrap().name,
        "Sử dụng ngoại ngữ"
    );
    assert!(
        ii.competency("it")
            .unwrap()
            .level(5)
            .unwrap()
            .text
            .contains("công nghệ thông tin")
    );
    assert_eq!(
        ii.competency("staff_development").unwrap().name,
        "Phát triển đội ngũ"
    );
}

#[test]
fn cells_the_source_leaves_out_stay_absent() {
    let c = &data().competencies;
    // Framework I's professional table has no level-1 row.
    let i = c.framework("I").unwrap();
    for comp in i
        .competencies
        .iter()
        .filter(|x| x.group == CompetencyGroup::Professional)
    {
        assert!(comp.level(1).is_none(), "I {} level 1", comp.key);
        assert!(comp.level(2).is_some(), "I {} level 2", comp.key);
    }
    // Framework II marks `-` at low professional levels.
    let ii = c.framework("II").unwrap();
    assert!(ii.competency("inspecting").unwrap().level(2).is_none());
    assert!(ii.competency("guiding").unwrap().level(1).is_none());
    assert!(ii.competency("advising").unwrap().level(1).is_some());
    // Framework III is complete.
    let iii = c.framework("III").unwrap();
    assert!(iii.competencies.iter().all(|x| x.levels.len() == 5));
}

#[test]
fn positions_are_3_from_001_and_85_from_002() {
    let p = &data().positions.positions;
    assert_eq!(p.iter().filter(|x| x.source == "001").count(), 3);
    let p002: Vec<_> = p.iter().filter(|x| x.source == "002").collect();
    assert_eq!(p002.len(), 85);
    // 72 under the heading "Tên VTVL", 13 under its misspellings.
    assert_eq!(
        p002.iter()
            .filter(|x| x.heading_in_source.is_none())
            .count(),
        72
    );
    let count = |g| p002.iter().filter(|x| x.group == g).count();
    assert_eq!(
        (
            count(PositionGroup::Ldql),
            count(PositionGroup::Cmnv),
            count(PositionGroup::Htpv)
        ),
        (12, 59, 14)
    );
}

#[test]
fn position_codes_are_normalised() {
    let p = &data().positions;
    let first = p.by_code("LĐQL 01/QHTX-HC").unwrap();
    assert_eq!(first.name, "CHỦ TỊCH HĐND");
    assert_eq!(first.unit, "HĐND quận (huyện, thị xã)");
    assert_eq!(first.framework, "I");
    // Printed as "CNMV 12/QHTX-HC" in the source.
    let typo = p.by_code("CMNV 12/QHTX-HC").unwrap();
    assert_eq!(typo.code_in_source.as_deref(), Some("CNMV 12/QHTX-HC"));
    // Not printed: inferred from the numbering.
    assert!(p.by_code("LĐQL 02/QHTX-HC").unwrap().code_note.is_some());
    let re = |c: &str| {
        let (g, rest) = c.split_once(' ').unwrap();
        ["LĐQL", "CMNV", "HTPV"].contains(&g) && rest.len() == 10 && rest.ends_with("/QHTX-HC")
    };
    for x in p.positions.iter().filter(|x| x.source == "002") {
        assert!(re(&x.code), "{}", x.code);
    }
}

#[test]
fn positions_of_001_carry_their_own_ranges() {
    let p = &data().positions;
    let chinh = p.by_code("BTP-XLVPHC-02").unwrap();
    assert!(
        chinh
            .name
            .starts_with("Chuyên viên chính về quản lý xử lý vi phạm hành chính")
    );
    assert_eq!(chinh.competencies.len(), 17);
    let range = |key: &str| {
        chinh
            .competencies
            .iter()
            .find(|c| c.key == key)
            .unwrap()
            .range
    };
    assert_eq!(range("ethics"), Some(LevelRange { low: 3, high: 4 }));
    assert_eq!(range("appraising"), Some(LevelRange { low: 3, high: 4 }));
    assert_eq!(
        range("strategic_thinking"),
        Some(LevelRange { low: 2, high: 3 })
    );
    let fl = chinh
        .competencies
        .iter()
        .find(|c| c.key == "foreign_language")
        .unwrap();
    assert_eq!(fl.range, None);
    assert!(
        fl.requirement
            .as_deref()
            .unwrap()
            .starts_with("Phù hợp với chức năng, nhiệm vụ")
    );
}

#[test]
fn grade_table_is_the_one_001_implies() {
    let p = &data().positions;
    let g = |grade| {
        let r = p.grade_range(grade).unwrap();
        (
            r.general.to_string(),
            r.professional.to_string(),
            r.management.to_string(),
        )
    };
    assert_eq!(
        g(Grade::ChuyenVienCaoCap),
        ("4-5".into(), "4-5".into(), "3-4".into())
    );
    assert_eq!(
        g(Grade::ChuyenVienChinh),
        ("3-4".into(), "3-4".into(), "2-3".into())
    );
    assert_eq!(
        g(Grade::ChuyenVien),
        ("2-3".into(), "2-3".into(), "1-2".into())
    );
}

#[test]
fn kpi_has_five_groups_and_14_contiguous_buckets() {
    let k = &data().kpi;
    assert_eq!(k.complexities.len(), 5);
    assert!(
        k.complexities[0]
            .definition
            .starts_with("Các công việc có tính chất đơn giản")
    );
    assert_eq!(k.buckets.len(), 14);
    assert_eq!(k.buckets[0].label, "Dưới 5ph");
    assert_eq!(k.buckets[13].max_minutes, None);
    assert_eq!(k.bucket_for_minutes(0).unwrap().id, 1);
    assert_eq!(k.bucket_for_minutes(45).unwrap().id, 5);
    assert_eq!(k.bucket_for_minutes(74).unwrap().id, 5);
    assert_eq!(k.bucket_for_minutes(75).unwrap().id, 6);
    assert_eq!(k.bucket_for_minutes(100_000).unwrap().id, 14);
}

#[test]
fn all_text_is_nfc() {
    // The loader refuses non-NFC text; this pins that the embedded files pass.
    let d = data();
    for i in d.criteria.leader.items().chain(d.criteria.staff.items()) {
        assert_eq!(danhgia::text::nfc(&i.text), i.text);
    }
}
