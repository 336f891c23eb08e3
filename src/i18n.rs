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
    ResultPass => "Đạt", "Pass";
    ResultFail => "Chưa đạt", "Fail";
    ResultPending => "Chờ", "Pending";
    KindLeader => "Lãnh đạo", "Leader";
    KindStaff => "CCVC, NLĐ", "Staff";
    ColCode => "Mã", "Code";
    ColName => "Họ và tên", "Name";
    ColUnit => "Đơn vị", "Unit";
    ColKind => "Loại", "Kind";
    ColResult => "Kết quả", "Result";
    ColItems => "Nội dung", "Items";
    ColReasons => "Lý do", "Reasons";
    ColQuartersPassed => "Số quý đạt", "Quarters passed";
    ColYearlyRating => "Xếp loại năm", "Yearly rating";
    ColEligible => "Đủ điều kiện", "Eligible";
    ColAchievement => "Thành tích", "Achievement";
    Yes => "Có", "Yes";
    No => "Không", "No";
    Totals => "Tổng", "Total";
    NobodyToShow => "Không có ai trong danh sách.", "Nobody to show.";
    CommendQuarterly => "Khen thưởng định kỳ theo quý (mẫu 05A)", "Quarterly commendation (form 05A)";
    CommendAdhoc => "Khen thưởng đột xuất (mẫu 05B)", "Ad-hoc commendation (form 05B)";
    CommendYearly => "Khen thưởng định kỳ năm (mẫu 05A): đạt ít nhất 2 quý và xếp loại năm HTXSNV", "Yearly commendation (form 05A): professional in at least 2 quarters and HTXSNV for the year";
    InitDone => "Đã tạo cơ sở dữ liệu", "Database created";
    InitAdmin => "quản trị viên đầu tiên", "first admin";
    ImportDone => "Đã nhập", "Imported";
    ImportRowsNew => "dòng mới", "new";
    ImportRowsUpdated => "dòng cập nhật", "updated";
    RoundClosedNow => "Đã khóa kỳ đánh giá", "Round closed";
    RoundOpenedNow => "Đã mở lại kỳ đánh giá", "Round reopened";
    Granted => "Đã cấp quyền", "Granted";
    AlreadyGranted => "đã có quyền này", "already has this role";
    AuditIntact => "Nhật ký kiểm toán nguyên vẹn", "Audit log intact";
    AuditEntries => "mục", "entries";
    AuditBroken => "Nhật ký kiểm toán bị sửa hoặc xóa tại mục", "Audit log edited or deleted at entry";
    AuditEdited => "nội dung không khớp mã băm (đã bị sửa)", "content does not match its hash (edited)";
    AuditUnlinked => "không nối với mục trước (bị chèn hoặc đảo)", "not linked to the previous entry (inserted or reordered)";
    AuditGap => "thiếu mục trước đó (bị xóa), cần mục", "entries missing before it (deleted), expected entry";
    AuditTruncated => "mất các mục cuối (đầu chuỗi ghi nhận mục", "the last entries are missing (the head records entry";
    BackupDone => "Đã sao lưu vào", "Backed up to";
    DemoReady => "Cơ sở dữ liệu mẫu", "Demo database";
    DemoHolds => "gồm", "holds";
    DemoPeople => "người", "people";
    DemoUnits => "đơn vị", "units";
    DemoTuiLater => "Giao diện TUI chưa có trong phiên bản này; thử các lệnh:", "The TUI is not in this version yet; try:";
    ErrAdminOnly => "Chỉ quản trị viên (cán bộ tổ chức) được làm việc này.", "Only an admin (HR officer) may do this.";
    ErrActAs => "Chỉ quản trị viên được dùng --as.", "Only an admin may use --as.";
    ErrNotYourChecklist => "Chỉ chính cán bộ được tự đánh giá phiếu của mình:", "Only the person may self-assess their own checklist:";
    ErrNotYourSubordinate => "Chỉ người có thẩm quyền đánh giá (quản lý trực tiếp, có quyền reviewer) được đánh giá:", "Only the direct manager holding the reviewer role may review:";
    ErrWrongState => "Phiếu đang ở trạng thái không cho phép việc này:", "The checklist's state does not allow this:";
    ErrNotVisible => "Bạn không được xem hồ sơ của", "You may not see the record of";
    ErrNotOnStaffList => "Tài khoản của bạn không có trong danh sách cán bộ.", "Your login is not on the staff list.";
    ErrRoundClosed => "Kỳ đánh giá đã khóa, không được sửa:", "The round is closed; nothing may change in";
    ErrConflict => "Người khác vừa sửa phiếu này; đã tải lại dữ liệu mới. Phiếu:", "Someone else just changed this checklist; reload and try again. Checklist:";
    ErrUnknownStaff => "Không có cán bộ mã", "No staff member with code";
    ErrAlreadyInit => "đã có cơ sở dữ liệu (đã có quản trị viên)", "already initialised (it has an admin)";
    ErrNotReady => "Cơ sở dữ liệu chưa sẵn sàng", "Database not ready";
    MoreHint => "(thêm --levels để xem mô tả cấp độ, --tasks để xem nhiệm vụ, --all để xem chi tiết mọi kết quả)", "(add --levels for level descriptors, --tasks for tasks, --all for every match in full)";
}

/// The text of a rules reason (SPEC section 6, `reasons[].text`).
pub fn reason_text(r: &crate::domain::rules::Reason, lang: Lang) -> String {
    use crate::domain::rules::Reason;
    match (r, lang) {
        (Reason::Item { item }, Lang::Vi) => format!("Nội dung {item} chưa đạt"),
        (Reason::Item { item }, Lang::En) => format!("Item {item} not passed"),
        (Reason::MonthRating { month, rating }, Lang::Vi) => {
            format!("Tháng {month}: xếp loại {rating}, cần HTTNV trở lên")
        }
        (Reason::MonthRating { month, rating }, Lang::En) => {
            format!("Month {month}: rated {rating}, HTTNV or better needed")
        }
        (Reason::Discipline { month, score }, Lang::Vi) => {
            format!("Tháng {month}: ý thức tổ chức kỷ luật {score}/20")
        }
        (Reason::Discipline { month, score }, Lang::En) => {
            format!("Month {month}: discipline {score}/20")
        }
        (
            Reason::Subordinate {
                staff,
                month,
                rating,
            },
            Lang::Vi,
        ) => format!("Cấp dưới {staff} tháng {month} xếp loại {rating}"),
        (
            Reason::Subordinate {
                staff,
                month,
                rating,
            },
            Lang::En,
        ) => format!("Subordinate {staff} rated {rating} in month {month}"),
        (Reason::MissingReview { item }, Lang::Vi) => {
            format!("Nội dung {item} chưa được người có thẩm quyền đánh giá")
        }
        (Reason::MissingReview { item }, Lang::En) => format!("Item {item} not reviewed yet"),
        (Reason::MissingRating { month, staff: None }, Lang::Vi) => {
            format!("Tháng {month} chưa có xếp loại")
        }
        (Reason::MissingRating { month, staff: None }, Lang::En) => {
            format!("Month {month} not rated yet")
        }
        (
            Reason::MissingRating {
                month,
                staff: Some(s),
            },
            Lang::Vi,
        ) => format!("Tháng {month} chưa có xếp loại của {s}"),
        (
            Reason::MissingRating {
                month,
                staff: Some(s),
            },
            Lang::En,
        ) => format!("Month {month} of {s} not rated yet"),
    }
}

/// A service refusal, for a person.
pub fn error_text(e: &crate::service::ServiceError, lang: Lang) -> String {
    use crate::service::{Denied, ServiceError};
    let t = |m: Msg| m.text(lang);
    match e {
        ServiceError::Denied(d) => match d {
            Denied::AdminOnly => t(Msg::ErrAdminOnly).to_owned(),
            Denied::ActAsNotAdmin => t(Msg::ErrActAs).to_owned(),
            Denied::NotOnStaffList => t(Msg::ErrNotOnStaffList).to_owned(),
            Denied::NotYourChecklist { code } => format!("{} {code}", t(Msg::ErrNotYourChecklist)),
            Denied::NotYourSubordinate { code } => {
                format!("{} {code}", t(Msg::ErrNotYourSubordinate))
            }
            Denied::WrongState { code, state } => {
                format!("{} {code} ({state})", t(Msg::ErrWrongState))
            }
            Denied::NotVisible { code } => format!("{} {code}", t(Msg::ErrNotVisible)),
        },
        ServiceError::RoundClosed(q) => format!("{} {q}", t(Msg::ErrRoundClosed)),
        ServiceError::Conflict { code, quarter } => {
            format!("{} {code} {quarter}", t(Msg::ErrConflict))
        }
        ServiceError::UnknownStaff(code) => format!("{} {code}", t(Msg::ErrUnknownStaff)),
        ServiceError::AlreadyInitialised(p) => {
            format!("{}: {}", p.display(), t(Msg::ErrAlreadyInit))
        }
        ServiceError::Store(e) => format!("{}: {e}", t(Msg::ErrNotReady)),
        ServiceError::Data(e) => e.to_string(),
        ServiceError::Invalid(m) => m.clone(),
        ServiceError::ImportRefused(p) => format!("{} ({})", e, p.len()),
    }
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
