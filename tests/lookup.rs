#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Position lookup: matching ignores case and diacritics, ranks whole words
//! and phrases first; the CLI prints the SPEC section 6 JSON shape and fits 80
//! columns.

use danhgia::data::reference;
use danhgia::domain::lookup::{LookupIndex, PositionView, RangeSource};
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

fn codes(query: &str) -> Vec<String> {
    let data = reference().unwrap();
    LookupIndex::new(data)
        .search(query)
        .iter()
        .map(|h| h.position.code.clone())
        .collect()
}

#[test]
fn chuyen_vien_chinh_finds_the_principal_specialist_of_001_first() {
    assert_eq!(codes("chuyen vien chinh")[0], "BTP-XLVPHC-02");
    assert_eq!(codes("Chuyên viên chính")[0], "BTP-XLVPHC-02");
    assert_eq!(codes("CHUYEN VIEN CAO CAP")[0], "BTP-XLVPHC-01");
}

#[test]
fn nfd_input_matches_like_nfc() {
    let nfd: String = "chuyên viên chính".nfd().collect();
    assert_eq!(codes(&nfd), codes("chuyên viên chính"));
}

#[test]
fn d_matches_d_with_stroke() {
    // "ĐÔ THỊ" (urban management) typed without the stroke.
    let hits = codes("do thi");
    assert!(!hits.is_empty());
    let data = reference().unwrap();
    let first = data.positions.by_code(&hits[0]).unwrap();
    assert!(
        first.name.to_lowercase().contains("đô thị"),
        "{}",
        first.name
    );
}

#[test]
fn whole_words_rank_above_prefixes_and_scattered_letters() {
    let data = reference().unwrap();
    let index = LookupIndex::new(data);
    // "lai xe" is the name of HTPV 12 (LÁI XE), whole words.
    let hits = index.search("lai xe");
    assert_eq!(hits[0].position.code, "HTPV 12/QHTX-HC");
    // A prefix ("lai x") still finds it, with a lower score than the words.
    let prefix = index.search("lai x");
    assert_eq!(prefix[0].position.code, "HTPV 12/QHTX-HC");
    assert!(prefix[0].score < hits[0].score);
    // Scattered letters ("lxe") match, lowest of all.
    let scattered = index.search("lxe");
    let s = scattered
        .iter()
        .find(|h| h.position.code == "HTPV 12/QHTX-HC")
        .unwrap();
    assert!(s.score < prefix[0].score);
}

#[test]
fn codes_are_found_with_or_without_spacing() {
    assert_eq!(codes("CMNV 12/QHTX-HC")[0], "CMNV 12/QHTX-HC");
    assert_eq!(codes("cmnv12")[0], "CMNV 12/QHTX-HC");
    assert_eq!(codes("lđql 01")[0], "LĐQL 01/QHTX-HC");
    // The misprinted spelling does not break the search for the right code.
    assert!(codes("cmnv").len() >= 59);
}

#[test]
fn a_query_that_matches_nothing_finds_nothing() {
    assert!(codes("xyzzy qwerty").is_empty());
}

#[test]
fn positions_without_own_table_use_their_grade_and_say_so() {
    let data = reference().unwrap();
    let p = data.positions.by_code("CMNV 26/QHTX-HC").unwrap();
    let v = PositionView::new(data, p).unwrap();
    assert_eq!(
        v.source,
        RangeSource::Grade(danhgia::domain::Grade::ChuyenVien)
    );
    assert_eq!(v.framework.id, "II");
    let ethics = v.competencies.iter().find(|c| c.key == "ethics").unwrap();
    assert_eq!(ethics.range.unwrap().to_string(), "2-3");
    assert_eq!(
        ethics.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
        [2, 3]
    );
    // Framework II has no level-2 descriptor for "inspecting": absent, not invented.
    let inspecting = v
        .competencies
        .iter()
        .find(|c| c.key == "inspecting")
        .unwrap();
    assert_eq!(
        inspecting
            .levels
            .iter()
            .map(|l| l.level)
            .collect::<Vec<_>>(),
        [3]
    );
}

fn danhgia(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_danhgia"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_json_has_the_spec_shape() {
    let (code, out, _) = danhgia(&["lookup", "chuyen vien chinh", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v[0];
    assert_eq!(first["code"], "BTP-XLVPHC-02");
    assert_eq!(first["group"], "CMNV");
    assert_eq!(first["source"], "own");
    for key in ["name", "unit", "competencies", "tasks", "requirements"] {
        assert!(!first[key].is_null(), "{key}");
    }
    let comps = first["competencies"].as_array().unwrap();
    assert_eq!(comps.len(), 17);
    let ethics = &comps[0];
    assert_eq!(ethics["group"], "general");
    assert_eq!(ethics["name"], "Đạo đức và bản lĩnh");
    assert_eq!(ethics["range"], "3-4");
    let levels: Vec<i64> = ethics["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["level"].as_i64().unwrap())
        .collect();
    assert_eq!(levels, [3, 4]);
    assert_eq!(
        ethics["levels"][0]["text"],
        "Trách nhiệm cao với công việc được giao, gương mẫu trong thực hiện."
    );
    // A text requirement instead of a range: range is null.
    let fl = comps
        .iter()
        .find(|c| c["key"] == "foreign_language")
        .unwrap();
    assert!(fl["range"].is_null());
    assert!(fl["requirement"].as_str().unwrap().starts_with("Phù hợp"));
    // Grade-derived positions say so.
    let (_, out, _) = danhgia(&["lookup", "lai xe", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["source"], "none");
    let (_, out, _) = danhgia(&["lookup", "cmnv 26", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["source"], "grade");
}

#[test]
fn cli_nothing_found_exits_0_with_an_empty_list() {
    let (code, out, _) = danhgia(&["lookup", "xyzzy", "--format", "json"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let (code, out, _) = danhgia(&["lookup", "xyzzy"]);
    assert_eq!(code, 0);
    assert!(out.contains("xyzzy"), "{out}");
}

#[test]
fn cli_table_fits_80_columns() {
    for args in [
        &["lookup", "chuyen vien chinh", "--levels", "--tasks"][..],
        &["lookup", "quan ly", "--all", "--levels", "--tasks"],
        &["--lang", "en", "lookup", "tai nguyen", "--levels"],
    ] {
        let (code, out, _) = danhgia(args);
        assert_eq!(code, 0);
        for line in out.lines() {
            assert!(danhgia::text::display_width(line) <= 80, "{args:?}: {line}");
        }
    }
    let (_, out, _) = danhgia(&["lookup", "chuyen vien chinh", "--levels"]);
    assert!(
        out.contains("Cấp độ 3: Trách nhiệm cao với công việc được giao"),
        "{out}"
    );
}
