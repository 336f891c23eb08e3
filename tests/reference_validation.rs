#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The loader refuses broken reference data with a message naming the file
//! and the entry.

use danhgia::data::ReferenceData;

const CRITERIA: &str = include_str!("../data/criteria.toml");
const COMPETENCIES: &str = include_str!("../data/competencies.toml");
const POSITIONS: &str = include_str!("../data/positions.toml");
const KPI: &str = include_str!("../data/kpi.toml");

fn err(criteria: &str, competencies: &str, positions: &str, kpi: &str) -> String {
    ReferenceData::load(criteria, competencies, positions, kpi)
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn embedded_files_load() {
    ReferenceData::load(CRITERIA, COMPETENCIES, POSITIONS, KPI).unwrap();
}

#[test]
fn duplicate_item_id_is_refused() {
    let broken = CRITERIA.replacen("id = \"I.1.2\"", "id = \"I.1.1\"", 1);
    let e = err(&broken, COMPETENCIES, POSITIONS, KPI);
    assert!(
        e.starts_with("data/criteria.toml: form 03A item I.1.1: duplicate id"),
        "{e}"
    );
}

#[test]
fn missing_item_breaks_the_count() {
    let at = CRITERIA.rfind("[[item]]").unwrap();
    let e = err(&CRITERIA[..at], COMPETENCIES, POSITIONS, KPI);
    assert!(
        e.contains("data/criteria.toml: form 03B") && e.contains("18 items"),
        "{e}"
    );
}

#[test]
fn level_outside_one_to_five_is_refused() {
    let broken = COMPETENCIES.replacen("level = 5", "level = 6", 1);
    let e = err(CRITERIA, &broken, POSITIONS, KPI);
    assert!(
        e.starts_with("data/competencies.toml: framework I competency ethics level 6"),
        "{e}"
    );
}

#[test]
fn unknown_competency_in_a_position_is_refused() {
    let broken = POSITIONS.replacen("key = \"ethics\"", "key = \"charisma\"", 1);
    let e = err(CRITERIA, COMPETENCIES, &broken, KPI);
    assert!(
        e.starts_with("data/positions.toml: position BTP-XLVPHC-01 competency charisma"),
        "{e}"
    );
}

#[test]
fn duplicate_position_code_is_refused() {
    let broken = POSITIONS.replacen("code = \"BTP-XLVPHC-02\"", "code = \"BTP-XLVPHC-01\"", 1);
    let e = err(CRITERIA, COMPETENCIES, &broken, KPI);
    assert!(e.contains("position BTP-XLVPHC-01: duplicate code"), "{e}");
}

#[test]
fn gap_between_buckets_is_refused() {
    let broken = KPI.replacen("min_minutes = 45", "min_minutes = 50", 1);
    let e = err(CRITERIA, COMPETENCIES, POSITIONS, &broken);
    assert!(
        e.starts_with("data/kpi.toml: bucket 5: starts at 50 minutes"),
        "{e}"
    );
}

#[test]
fn non_nfc_text_is_refused() {
    // "Có" spelled with a combining acute.
    let broken = CRITERIA.replacen("Có bản lĩnh", "Co\u{301} bản lĩnh", 1);
    assert_ne!(broken, CRITERIA, "the fixture text must occur in the file");
    let e = err(&broken, COMPETENCIES, POSITIONS, KPI);
    assert!(e.contains("is not in NFC"), "{e}");
}
