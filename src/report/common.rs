//! What every form shares: the office's settings, the header block, the
//! place-and-date line, how periods and people are written.

use super::layout::{Align, Block, Column, HeadCell, Line, SignBlock, Style};
use super::{ReportError, ReportOptions, ReportScope, Result};
use crate::domain::{Quarter, Staff};
use crate::service::Service;
use crate::text::{fold, nfc};
use chrono::{Datelike, NaiveDate};

/// What a paper form leaves for the hand: a dotted blank.
pub const DOTS: &str = "………";

/// The plan the forms implement (003), cited by form 01 and the 03 note.
pub const PLAN: &str = "Kế hoạch số 05-KH/BCN";

/// Everything a form builder needs.
pub struct Ctx<'a> {
    pub svc: &'a Service,
    pub scope: ReportScope,
    /// The unit, resolved to its exact stored name.
    pub unit: Option<String>,
    pub date: NaiveDate,
    pub org: Org,
}

impl<'a> Ctx<'a> {
    pub fn new(svc: &'a Service, scope: ReportScope, options: &ReportOptions) -> Result<Ctx<'a>> {
        let unit = match &options.unit {
            Some(u) => Some(resolve_unit(svc, u)?),
            None => None,
        };
        Ok(Ctx {
            svc,
            scope,
            unit,
            date: options
                .date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            org: Org::load(svc, scope)?,
        })
    }

    /// Does a person belong to the unit the form is for?
    pub fn in_unit(&self, s: &Staff) -> bool {
        self.unit.as_deref().is_none_or(|u| s.unit == u)
    }

    /// The header block's left half for the whole form.
    pub fn org_lines(&self) -> [String; 2] {
        self.org.lines(self.unit.as_deref())
    }

    pub fn date_line(&self) -> String {
        self.org.date_line(Some(self.date))
    }
}

/// The unit as stored: the exact name, else the one name equal to it
/// ignoring case and diacritics.
fn resolve_unit(svc: &Service, wanted: &str) -> Result<String> {
    let units = svc.report_units()?;
    let wanted = nfc(wanted.trim());
    if units.contains(&wanted) {
        return Ok(wanted);
    }
    let key = fold(&wanted);
    let same: Vec<&String> = units.iter().filter(|u| fold(u) == key).collect();
    if let [one] = same.as_slice() {
        return Ok((*one).clone());
    }
    let words: Vec<&str> = crate::text::words(&key).collect();
    let known = units
        .iter()
        .filter(|u| {
            let f = fold(u);
            !words.is_empty() && words.iter().all(|w| f.contains(w))
        })
        .take(5)
        .cloned()
        .collect();
    Err(ReportError::UnknownUnit {
        unit: wanted,
        known,
    })
}

/// The office's settings for the header block (`danhgia init
/// --governing-body … --unit-name … --place …`). Empty means not set.
pub struct Org {
    pub governing_body: Option<String>,
    pub unit_name: Option<String>,
    pub place: Option<String>,
}

impl Org {
    /// A quarter's form carries the header frozen when its round closed (if
    /// it did); a yearly form the header in force
    /// ([`Service::form_header`]).
    fn load(svc: &Service, scope: ReportScope) -> Result<Org> {
        let q = match scope {
            ReportScope::Quarter(q) => Some(q),
            ReportScope::Year(_) => None,
        };
        let h = svc.form_header(q)?;
        Ok(Org {
            governing_body: h.governing_body,
            unit_name: h.unit_name,
            place: h.place,
        })
    }

    /// TÊN ĐƠN VỊ CHỦ QUẢN and ĐƠN VỊ, in capitals. For a form of one unit
    /// the office (`unit_name`) is the governing body and the unit is the
    /// unit; otherwise the settings' governing body and office. A missing
    /// setting is a dotted blank, never a guess.
    pub fn lines(&self, unit: Option<&str>) -> [String; 2] {
        let caps = |s: Option<&str>| s.map_or_else(|| DOTS.to_owned(), |s| nfc(&s.to_uppercase()));
        match unit {
            Some(u)
                if self
                    .unit_name
                    .as_deref()
                    .is_none_or(|name| fold(name) != fold(u)) =>
            {
                [caps(self.unit_name.as_deref()), caps(Some(u))]
            }
            _ => [
                caps(self.governing_body.as_deref()),
                caps(self.unit_name.as_deref()),
            ],
        }
    }

    /// "Long Biên, ngày 05 tháng 02 năm 2026": days below 10 and the months
    /// January and February with a leading zero, as official documents write
    /// them; a dotted blank for what is unknown.
    pub fn date_line(&self, date: Option<NaiveDate>) -> String {
        let place = self.place.as_deref().unwrap_or(DOTS);
        match date {
            Some(d) => {
                let day = format!("{:02}", d.day());
                let month = if d.month() <= 2 {
                    format!("{:02}", d.month())
                } else {
                    d.month().to_string()
                };
                format!("{place}, ngày {day} tháng {month} năm {}", d.year())
            }
            None => format!("{place}, ngày {DOTS} tháng {DOTS} năm {DOTS}"),
        }
    }
}

/// "III" for 3.
pub fn roman(n: u8) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => "?",
    }
}

/// "Quý III/2026".
pub fn quarter_text(q: Quarter) -> String {
    format!("Quý {}/{}", roman(q.q), q.year)
}

/// "Quý III/2026" or "năm 2026".
pub fn period_text(scope: ReportScope) -> String {
    match scope {
        ReportScope::Quarter(q) => quarter_text(q),
        ReportScope::Year(y) => format!("năm {y}"),
    }
}

pub fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// "Chức vụ, đơn vị công tác": "Chuyên viên, Phòng Nội vụ".
pub fn title_and_unit(s: &Staff) -> String {
    match (s.title.trim(), s.unit.trim()) {
        ("", u) => u.to_owned(),
        (t, "") => t.to_owned(),
        (t, u) => format!("{t}, {u}"),
    }
}

/// The focus points of a commitment, one per line ("- " markers removed);
/// three dotted blanks where there are none, as on the paper form.
pub fn points(text: Option<&str>) -> Vec<String> {
    let v: Vec<String> = text
        .unwrap_or_default()
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '•', '+', '*'])
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if v.is_empty() {
        vec![DOTS.to_owned(); 3]
    } else {
        v
    }
}

/// The signature of the head of the unit (forms 02, 04, 05A, 05B); the
/// name is left for the hand — the data does not say who signs.
pub fn head_of_unit() -> SignBlock {
    SignBlock::Signer {
        title: "THỦ TRƯỞNG ĐƠN VỊ".into(),
        hint: "(ký tên và đóng dấu)".into(),
        name: None,
    }
}

/// "Nơi nhận:" as forms 04, 05A and 05B print it.
pub fn recipients() -> SignBlock {
    SignBlock::Recipients(vec![format!("- {DOTS};"), "- Lưu.".into()])
}

pub fn para(text: impl Into<String>, style: Style) -> Block {
    Block::Para(Line::left(text, style))
}

pub fn centered(text: impl Into<String>, style: Style) -> Line {
    Line::new(text, style, Align::Center)
}

/// A one-row header cell.
pub fn head(text: &str, col: usize) -> HeadCell {
    HeadCell {
        text: text.into(),
        row: 0,
        col,
        rows: 1,
        cols: 1,
    }
}

pub fn column(label: &str, align: Align) -> Column {
    Column {
        label: label.into(),
        align,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(g: Option<&str>, u: Option<&str>, p: Option<&str>) -> Org {
        Org {
            governing_body: g.map(Into::into),
            unit_name: u.map(Into::into),
            place: p.map(Into::into),
        }
    }

    #[test]
    fn missing_settings_are_dotted_blanks() {
        let o = org(None, None, None);
        assert_eq!(o.lines(None), [DOTS.to_owned(), DOTS.to_owned()]);
        assert_eq!(
            o.date_line(NaiveDate::from_ymd_opt(2026, 9, 25)),
            format!("{DOTS}, ngày 25 tháng 9 năm 2026")
        );
        assert_eq!(o.lines(Some("Phòng Nội vụ"))[1], "PHÒNG NỘI VỤ");
    }

    #[test]
    fn a_units_form_is_headed_by_the_office_then_the_unit() {
        let o = org(
            Some("UBND quận Long Biên"),
            Some("Ủy ban nhân dân quận Long Biên"),
            Some("Long Biên"),
        );
        assert_eq!(
            o.lines(None),
            ["UBND QUẬN LONG BIÊN", "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"]
        );
        assert_eq!(
            o.lines(Some("Phòng Tư pháp")),
            ["ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", "PHÒNG TƯ PHÁP"]
        );
    }

    #[test]
    fn dates_take_a_leading_zero_below_ten_and_in_january_and_february() {
        let o = org(None, None, Some("Long Biên"));
        assert_eq!(
            o.date_line(NaiveDate::from_ymd_opt(2026, 2, 5)),
            "Long Biên, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(
            o.date_line(NaiveDate::from_ymd_opt(2026, 12, 25)),
            "Long Biên, ngày 25 tháng 12 năm 2026"
        );
        assert_eq!(
            o.date_line(None),
            format!("Long Biên, ngày {DOTS} tháng {DOTS} năm {DOTS}")
        );
    }

    #[test]
    fn focus_points_split_by_line_and_default_to_blanks() {
        assert_eq!(points(Some("- a\n\n• b")), vec!["a", "b"]);
        assert_eq!(points(None).len(), 3);
        assert_eq!(points(Some("  ")), vec![DOTS; 3]);
    }
}
