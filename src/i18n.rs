//! The one table of user-facing strings, in Vietnamese (default) and English.
//! Front ends look strings up here; they never hold literals of their own.

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident => $vi:literal, $en:literal; )*) => {
        /// A user-facing string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $( $(#[$doc])* $name, )* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$name, Lang::Vi) => $vi, (Msg::$name, Lang::En) => $en, )*
                }
            }
        }
    };
}

messages! {
    NotAvailableYet => "chưa có trong phiên bản này", "not available yet";
    NoPositionFound => "Không tìm thấy vị trí việc làm nào khớp với", "No position matches";
    OtherMatches => "Các vị trí khác khớp", "Other matches";
    Group => "Nhóm", "Group";
    Unit => "Đơn vị", "Unit";
    Framework => "Khung năng lực", "Framework";
    Grade => "Ngạch tối thiểu", "Minimum grade";
    DirectManager => "Quản lý trực tiếp", "Direct manager";
    RangesOwn => "Cấp độ yêu cầu: theo bảng năng lực riêng của vị trí", "Required levels: the position's own table";
    RangesFromGrade => "Cấp độ yêu cầu: suy ra từ ngạch", "Required levels: derived from the grade";
    RangesNone => "Cấp độ yêu cầu: văn bản không nêu bảng năng lực hay ngạch tối thiểu", "Required levels: the source gives neither a table nor a minimum grade";
    GroupGeneral => "Nhóm năng lực chung", "General competencies";
    GroupProfessional => "Nhóm năng lực chuyên môn", "Professional competencies";
    GroupManagement => "Nhóm năng lực quản lý", "Management competencies";
    Level => "Cấp độ", "Level";
    NoDescriptor => "khung năng lực không mô tả cấp độ này", "the framework gives no descriptor for this level";
    Tasks => "Nhiệm vụ chính", "Main tasks";
    Criteria => "Tiêu chí", "Criteria";
    Requirements => "Yêu cầu về trình độ", "Requirements";
    ReqEducation => "Trình độ chuyên môn", "Education";
    ReqPoliticalTheory => "Lý luận chính trị", "Political theory";
    ReqStateManagement => "Quản lý nhà nước", "State management";
    ReqForeignLanguage => "Ngoại ngữ", "Foreign language";
    ReqIt => "Tin học", "IT";
    ReqExperience => "Kinh nghiệm công tác", "Experience";
    ReqOther => "Yêu cầu khác", "Other";
    MoreHint => "(thêm --levels để xem mô tả cấp độ, --tasks để xem nhiệm vụ, --all để xem chi tiết mọi kết quả)", "(add --levels for level descriptors, --tasks for tasks, --all for every match in full)";
}

impl Msg {
    /// The label of a requirement field of `data/positions.toml`.
    pub fn requirement(field: &str) -> Msg {
        match field {
            "education" => Msg::ReqEducation,
            "political_theory" => Msg::ReqPoliticalTheory,
            "state_management" => Msg::ReqStateManagement,
            "foreign_language" => Msg::ReqForeignLanguage,
            "it" => Msg::ReqIt,
            "experience" => Msg::ReqExperience,
            _ => Msg::ReqOther,
        }
    }

    pub fn competency_group(g: crate::domain::CompetencyGroup) -> Msg {
        match g {
            crate::domain::CompetencyGroup::General => Msg::GroupGeneral,
            crate::domain::CompetencyGroup::Professional => Msg::GroupProfessional,
            crate::domain::CompetencyGroup::Management => Msg::GroupManagement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            assert!(!m.text(Lang::Vi).is_empty(), "{m:?} vi");
            assert!(!m.text(Lang::En).is_empty(), "{m:?} en");
        }
    }
}
