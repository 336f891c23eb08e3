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
    ResultNotAssessed => "Không đánh giá", "Not assessed";
    IfApproved => "Nếu duyệt", "If approved";
    ErrReviewWithoutSelf => "Chưa thể đánh giá nội dung mà cá nhân chưa tự đánh giá", "Cannot review items the person has not self-assessed";
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
    ImportBadEffective => "--effective: ngày phải viết dd/mm/yyyy (hoặc yyyy-mm-dd)", "--effective: write the date as dd/mm/yyyy (or yyyy-mm-dd)";
    ImportEffectiveStaffOnly => "--effective chỉ dùng khi nhập danh sách cán bộ (import staff)", "--effective is for staff files only (import staff)";
    ImportRowsNew => "dòng mới", "new";
    ImportRowsUpdated => "dòng cập nhật", "updated";
    RoundClosedNow => "Đã khóa kỳ đánh giá", "Round closed";
    RoundOpenedNow => "Đã mở lại kỳ đánh giá", "Round reopened";
    RoundOpenedFirst => "Đã mở kỳ đánh giá", "Round opened";
    RoundAlreadyOpen => "Kỳ đánh giá đang mở, không có gì thay đổi:", "The round is already open, nothing changed:";
    RoundAlreadyClosed => "Kỳ đánh giá đã khóa, không có gì thay đổi:", "The round is already closed, nothing changed:";
    RoundPendingCount => "Số người còn chờ (chưa đủ điều kiện) ở kỳ", "People still pending in";
    RoundCloseNeedsForce => "Khóa kỳ lúc này thì những người trên bị tính Chưa đạt (“chưa đủ điều kiện khi khóa kỳ”). Nếu vẫn khóa, chạy lại với --force.", "Closing now makes each of them a fail (\"not complete when the round was closed\"). To close anyway, run again with --force.";
    RoundNone => "Chưa có kỳ đánh giá nào (chưa mở, khóa kỳ nào và chưa có phiếu nào)", "No round yet (none opened or closed, no checklist)";
    RoundColQuarter => "Kỳ", "Quarter";
    RoundColState => "Trạng thái", "State";
    RoundColTotal => "Tổng", "Total";
    RoundStateOpen => "đang mở", "open";
    RoundStateClosed => "đã khóa", "closed";
    Granted => "Đã cấp quyền", "Granted";
    AlreadyGranted => "đã có quyền này", "already has this role";
    AuditIntact => "Nhật ký kiểm toán nguyên vẹn", "Audit log intact";
    AuditEntries => "mục", "entries";
    AuditBroken => "Nhật ký kiểm toán bị sửa hoặc xóa tại mục", "Audit log edited or deleted at entry";
    AuditEdited => "nội dung không khớp mã băm (đã bị sửa)", "content does not match its hash (edited)";
    AuditUnlinked => "không nối với mục trước (bị chèn hoặc đảo)", "not linked to the previous entry (inserted or reordered)";
    AuditGap => "thiếu mục trước đó (bị xóa), cần mục", "entries missing before it (deleted), expected entry";
    AuditTruncated => "mất các mục cuối (đầu chuỗi ghi nhận mục", "the last entries are missing (the head records entry";
    AuditMissing => "Nhật ký kiểm toán không còn xác nhận dữ liệu được niêm phong (dữ liệu bị xóa cùng dấu niêm phong, hoặc nhật ký bị xóa bớt)", "The audit log no longer vouches for the sealed data (rows deleted with their seals, or the log cut back)";
    AuditDeletedWithSeal => "bị xóa cùng dấu niêm phong", "deleted with its seal";
    AuditDigestDiffers => "dấu tổng hợp của các dấu niêm phong khác với dấu mà mục cuối ghi nhận: dữ liệu bị ghi lại cùng dấu niêm phong, hoặc nhật ký bị cắt bớt; mục cuối là", "the digest of the seals differs from the one the last entry records: rows rewritten with their seals, or the log cut back; the last entry is";
    AuditUnrecorded => "mục cuối của nhật ký có trước khi nhật ký ghi nhận dấu niêm phong, dù có dữ liệu được niêm phong: nhật ký bị cắt bớt; mục cuối là", "the log's last entry predates its record of the seals, yet rows are sealed: the log was cut back; the last entry is";
    AuditJournalChecked => "Nhật ký hệ thống: số đầu chuỗi của cơ sở dữ liệu này khớp với chuỗi", "System log: heads of this database that match the chain";
    AuditJournalUnknown => "Nhật ký hệ thống ghi nhận đầu chuỗi mà cơ sở dữ liệu này không có (tệp bị viết lại toàn bộ, hoặc bị thay bằng bản cũ hơn)", "The system log records a head this database does not have (the file was rewritten whole, or replaced by an older copy)";
    AuditJournalUncovered => "Không phải can thiệp, chỉ để biết: nhật ký hệ thống không ghi nhận các mục", "Not tampering, for information: the system log does not cover entries";
    AuditJournalNone => "Nhật ký hệ thống không có đầu chuỗi nào của cơ sở dữ liệu này", "The system log has no head of this database";
    AuditJournalUnreadable => "Không đọc được nhật ký hệ thống", "Cannot read the system log";
    BackupDone => "Đã sao lưu vào", "Backed up to";
    DemoReady => "Cơ sở dữ liệu mẫu", "Demo database";
    DemoHolds => "gồm", "holds";
    DemoPeople => "người", "people";
    DemoUnits => "đơn vị", "units";
    DemoTry => "Không có terminal nên không mở giao diện; thử các lệnh:", "No terminal, so no TUI; try:";
    ErrAdminOnly => "Chỉ quản trị viên (cán bộ tổ chức) được làm việc này.", "Only an admin (HR officer) may do this.";
    ErrActAs => "Chỉ quản trị viên được dùng --as.", "Only an admin may use --as.";
    ErrNotYourChecklist => "Chỉ chính cán bộ được tự đánh giá phiếu của mình:", "Only the person may self-assess their own checklist:";
    ErrNotYourSubordinate => "Chỉ người có thẩm quyền đánh giá (quản lý trực tiếp, có quyền reviewer) được đánh giá:", "Only the direct manager holding the reviewer role may review:";
    ErrWrongState => "Phiếu đang ở trạng thái không cho phép việc này:", "The checklist's state does not allow this:";
    ErrNotVisible => "Bạn không được xem hồ sơ của", "You may not see the record of";
    ErrNotOnStaffList => "Tài khoản của bạn không có trong danh sách cán bộ.", "Your login is not on the staff list.";
    ErrRoundClosed => "Kỳ đánh giá đã khóa, không được sửa:", "The round is closed; nothing may change in";
    ErrConflict => "Người khác vừa sửa phiếu này; đã tải lại dữ liệu mới. Phiếu:", "Someone else just changed this checklist; reload and try again. Checklist:";
    ErrImportUnfinished => "Tệp chưa được đọc hết nên không nhập dòng nào.", "The file was not read to its end; nothing was imported.";
    ErrEntryConflict => "Người khác vừa sửa hoặc xóa nhiệm vụ này; đã tải lại dữ liệu mới. Nhiệm vụ:", "Someone else just changed or deleted this task entry; reload and try again. Entry:";
    ErrNotYourLog => "Chỉ chính cán bộ (hoặc quản trị) ghi nhật ký nhiệm vụ của mình; người quản lý chỉ xác nhận. Cán bộ:", "Only the person (or an admin) writes their task log; their manager confirms entries. Staff:";
    ErrUnknownStaff => "Không có cán bộ mã", "No staff member with code";
    ErrAlreadyInit => "đã có cơ sở dữ liệu (đã có quản trị viên)", "already initialised (it has an admin)";
    ErrNotReady => "Cơ sở dữ liệu chưa sẵn sàng", "Database not ready";
    ErrDbNotADatabase => "không phải cơ sở dữ liệu của danhgia (không phải tệp SQLite, hoặc tệp bị hỏng)", "not a danhgia database (not an SQLite file, or damaged)";
    ErrDbNewer => "do một phiên bản danhgia mới hơn tạo ra; hãy dùng phiên bản mới hơn", "made by a newer danhgia; use the newer program";
    ErrDbReadOnly => "cơ sở dữ liệu chỉ đọc được (tệp hoặc thư mục không cho ghi); không có gì được lưu", "the database is read-only (file or directory not writable); nothing was saved";
    ErrDbNoAccess => "tài khoản của bạn không có quyền mở cơ sở dữ liệu này", "your account may not open this database";
    ErrDbDiskFull => "ổ đĩa đã đầy; không có gì được lưu. Hãy báo quản trị máy chủ", "the disk is full; nothing was saved. Tell the server's administrator";
    ErrDbMissing => "chưa có cơ sở dữ liệu ở đây; tạo bằng `danhgia init` (máy chủ dùng chung: xem docs/DEPLOY.md)", "no database here; create one with `danhgia init` (shared server: see docs/DEPLOY.md)";
    ErrDbExhausted => "không còn kết nối nào tới cơ sở dữ liệu", "no free connection to the database";
    DbReadOnlyNotice => "Cơ sở dữ liệu chỉ đọc: xem được, không ghi được", "Read-only database: you can read it, not change it";
    ErrInitOffice => "Chỉ root hoặc thành viên nhóm quản trị của hệ điều hành (admin_group trong /etc/danhgia/config.toml) mới được khởi tạo cơ sở dữ liệu của cơ quan", "Only root or a member of the operating system's admin group (admin_group in /etc/danhgia/config.toml) may initialise the office's database";
    ErrInitNeedsAdmin => "Chạy với quyền root thì phải nêu quản trị viên đầu tiên: danhgia init --admin TÊN_ĐĂNG_NHẬP", "Run as root, init needs the first admin: danhgia init --admin LOGIN";
    KeyHelp => "Trợ giúp", "Help";
    KeyPalette => "Bảng lệnh", "Command palette";
    KeyQuit => "Thoát", "Quit";
    KeyNextPane => "Khung tiếp theo", "Next pane";
    KeyPrevPane => "Khung trước", "Previous pane";
    KeyRound => "Chọn kỳ đánh giá", "Choose the round";
    KeyLookup => "Tra cứu vị trí việc làm", "Position lookup";
    KeyRefresh => "Tải lại", "Refresh";
    KeyNextInQueue => "Phiếu tiếp theo chờ duyệt", "Next checklist awaiting review";
    KeyUp => "Lên", "Up";
    KeyDown => "Xuống", "Down";
    KeyPageUp => "Lên một trang", "Page up";
    KeyPageDown => "Xuống một trang", "Page down";
    KeyTop => "Đầu danh sách", "Top";
    KeyBottom => "Cuối danh sách", "Bottom";
    KeyBack => "Quay lại", "Back";
    KeyOpen => "Mở phiếu", "Open checklist";
    KeyFilter => "Lọc theo tên, mã", "Filter by name or code";
    KeyCycleResult => "Lọc theo kết quả", "Filter by result";
    KeyUnitPicker => "Lọc theo đơn vị", "Filter by unit";
    KeyAccept => "Đạt, sang nội dung sau", "Pass, next item";
    KeyNotPass => "Chưa đạt (kèm ghi chú)", "Not pass (with a note)";
    KeyCycleMark => "Đổi dấu: Đạt / Chưa đạt / bỏ", "Cycle mark: pass / not pass / unset";
    KeyColumnLeft => "Cột tự đánh giá", "Self-assessment column";
    KeyColumnRight => "Cột người có thẩm quyền", "Review column";
    KeyNextUnmarked => "Nội dung chưa đánh giá tiếp theo", "Next unmarked item";
    KeyPrevUnmarked => "Nội dung chưa đánh giá trước", "Previous unmarked item";
    KeyAcceptRemaining => "Đạt tất cả nội dung còn lại", "Pass all remaining items";
    KeyEditNote => "Ghi chú nội dung", "Note on the item";
    KeySubmitOrApprove => "Gửi phiếu / Duyệt phiếu", "Submit / approve";
    KeyReturn => "Trả lại để sửa (kèm lý do)", "Return for revision (with a note)";
    KeyRatings => "Nhập xếp loại tháng", "Enter monthly ratings";
    KeyOutstanding => "Đề nghị khen đột xuất (trích ngang)", "Mark outstanding (achievement)";
    KeyCloseRound => "Khóa kỳ đánh giá", "Close the round";
    KeyReopenRound => "Mở lại kỳ đánh giá", "Reopen the round";
    KeyReports => "Xuất biểu mẫu (01–05B, XLSX)", "Write an official form (01–05B, XLSX)";
    KeyKpiAdd => "Ghi công việc mới", "Log a task";
    KeyKpiEdit => "Sửa công việc", "Edit the entry";
    KeyKpiDelete => "Xóa công việc", "Delete the entry";
    KeyKpiConfirm => "Xác nhận / bỏ xác nhận (cấp trên)", "Confirm / withdraw (manager)";
    ContextKpi => "Khung KPI", "KPI pane";
    KpiStateDone => "Xong", "Done";
    KpiStateDoing => "Đang làm", "Doing";
    KpiTasksDone => "việc xong", "tasks done";
    KpiProducts => "sản phẩm", "products";
    KpiStandard => "Phút chuẩn", "Standard min";
    KpiWeighted => "Phút quy đổi", "Weighted min";
    KpiShare => "Tỷ lệ thời gian quý", "Share of the quarter";
    KpiColDate => "Ngày", "Date";
    KpiColTask => "Công việc", "Task";
    KpiColQty => "SL", "Qty";
    KpiColRef => "Số/ký hiệu", "Reference";
    KpiColState => "Trạng thái", "State";
    KpiFormAdd => "Ghi công việc", "Log a task";
    KpiFormEdit => "Sửa công việc", "Edit the entry";
    KpiFormHint => "Tab: ô sau · ↑↓: chọn · Space: đổi trạng thái · Enter: lưu · Esc: thôi", "Tab: next field · ↑↓: choose · Space: toggle state · Enter: save · Esc: cancel";
    KpiBucket => "Thời gian", "Time";
    KpiBadDate => "Ngày phải viết dd/mm/yyyy", "Write the date as dd/mm/yyyy";
    KpiBadQuantity => "Số lượng phải là số nguyên dương", "The quantity must be a positive whole number";
    KpiNeedTask => "Chọn công việc trong danh mục hoặc gõ tên công việc ngoài danh mục", "Choose a catalog task or type the name of a task outside it";
    ConfirmKpiDelete => "Xóa công việc", "Delete the entry";
    ReportsTitle => "Xuất biểu mẫu ra tệp XLSX trong thư mục nhà", "Write a form as XLSX into your home directory";
    PaneStaff => "Cán bộ", "Staff";
    PaneChecklist => "Phiếu đánh giá", "Checklist";
    PaneKpi => "KPI", "KPI";
    RoleAdmin => "quản trị", "admin";
    RoleReviewer => "người đánh giá", "reviewer";
    RoleStaff => "cán bộ", "staff";
    RoundOpen => "đang mở", "open";
    RoundClosed => "đã khóa", "closed";
    Round => "Kỳ", "Round";
    FilterPrompt => "Lọc", "Filter";
    AllUnits => "Tất cả đơn vị", "All units";
    AllResults => "Mọi kết quả", "All results";
    ColSelf => "Tự ĐG", "Self";
    ColReview => "Cấp trên", "Review";
    MarkPass => "Đạt", "Pass";
    MarkFail => "Chưa", "Fail";
    StateNone => "Chưa bắt đầu", "Not started";
    StateDraft => "Đang tự đánh giá", "Draft";
    StateSubmitted => "Chờ duyệt", "Submitted";
    StateReturned => "Trả lại", "Returned";
    StateApproved => "Đã duyệt", "Approved";
    Result => "Kết quả", "Result";
    NoReasons => "Đủ mọi điều kiện", "Every condition met";
    Note => "Ghi chú", "Note";
    NotReviewedYet => "Chưa được cấp trên đánh giá", "Not reviewed yet";
    ReturnNote => "Lý do trả lại", "Returned because";
    Achievement => "Trích ngang thành tích", "Achievement summary";
    Outstanding => "Đề nghị khen đột xuất", "Outstanding";
    TooSmall => "Cửa sổ quá nhỏ — cần ít nhất", "Window too small — needs at least";
    NoSelection => "Chọn một cán bộ ở khung bên trái.", "Choose a person in the staff pane.";
    QueueEmpty => "Không còn phiếu nào chờ bạn duyệt.", "No checklist is waiting for your review.";
    Saved => "Đã lưu", "Saved";
    Refreshed => "Đã cập nhật thay đổi của người khác", "Updated with others' changes";
    ConfirmTitle => "Xác nhận", "Confirm";
    ConfirmPrompt => "Enter: đồng ý · Esc: thôi", "Enter: yes · Esc: no";
    ConfirmAcceptRemaining => "Đánh dấu Đạt mọi nội dung chưa đánh giá của", "Mark every unreviewed item as pass for";
    ConfirmSubmit => "Gửi phiếu tự đánh giá của", "Submit the self-assessment of";
    ConfirmApprove => "Duyệt phiếu của", "Approve the checklist of";
    ConfirmClose => "Khóa kỳ đánh giá (không ai sửa được nữa)", "Close the round (nobody can change it any more)";
    ConfirmReopen => "Mở lại kỳ đánh giá", "Reopen the round";
    EditorHint => "Enter: lưu · Alt-Enter: xuống dòng · Esc: thôi", "Enter: save · Alt-Enter: new line · Esc: cancel";
    NoteFor => "Ghi chú nội dung", "Note on item";
    RatingsFor => "Xếp loại tháng của", "Monthly ratings of";
    OnLeave => "Nghỉ cả tháng", "On leave";
    NotEmployed => "Không công tác", "Not employed";
    RatingsChoices => "Space ở Kết quả: HTXSNV › HTTNV › HTNV › KHTNV › Nghỉ cả tháng", "Space on Result: HTXSNV › HTTNV › HTNV › KHTNV › on leave";
    RatingsLeaveMeans => "Nghỉ cả tháng: thai sản, ốm dài ngày, không lương — không xếp loại", "On leave: the whole month (maternity, long illness, unpaid), not rated";
    RatingsExcusedMeans => "Nghỉ phép/ốm: xếp loại HTNV do nghỉ phép, ốm đau", "Leave/sick: rated HTNV because of leave or sickness";
    RatingsHint => "↑↓ tháng · ←→ ô · Space: đổi · số: điểm · Enter: lưu · Esc: thôi", "↑↓ month · ←→ field · Space: change · digits: score · Enter: save · Esc: cancel";
    Month => "Tháng", "Month";
    Discipline => "Kỷ luật", "Discipline";
    Excused => "Nghỉ phép/ốm", "Leave/sick";
    NotRated => "chưa xếp loại", "not rated";
    PaletteHint => "Gõ để tìm lệnh · Enter: chạy · Esc: đóng", "Type to find · Enter: run · Esc: close";
    LookupHint => "Gõ tên hoặc mã vị trí · ↑↓ chọn · Esc: đóng", "Type a position name or code · ↑↓ choose · Esc: close";
    PickHint => "↑↓ chọn · Enter: chọn · Esc: đóng", "↑↓ choose · Enter: select · Esc: close";
    HelpHint => "↑↓ cuộn · Esc: đóng", "↑↓ scroll · Esc: close";
    Loading => "đang tải…", "loading…";
    KpiEmpty => "Chưa có công việc nào được ghi trong quý này.", "No task logged in this quarter.";
    NotAllowedHere => "Không làm được ở đây", "Not available here";
    ReadOnlyChecklist => "Bạn chỉ được xem phiếu này", "You may only view this checklist";
    Progress => "Tiến độ", "Progress";
    People => "người", "people";
    You => "Bạn", "You";
    Database => "CSDL", "DB";
    ContextGlobal => "Chung", "Everywhere";
    ContextStaff => "Khung cán bộ", "Staff pane";
    ContextChecklist => "Khung phiếu đánh giá", "Checklist pane";
    ContextPalette => "Chỉ trong bảng lệnh (:)", "Palette only (:)";
    // KPI (src/cli/kpi.rs, and for the KPI pane).
    ColTasksDone => "Số việc", "Done";
    ColStandardMinutes => "Phút chuẩn", "Std min";
    ColWeightedMinutes => "Quy đổi", "Weighted";
    ColShare => "Tỷ lệ", "Share";
    KpiMinutes => "phút", "min";
    KpiDoneTasks => "việc đã xong", "done tasks";
    KpiStandardMinutesUnit => "phút chuẩn", "standard min";
    KpiWeightedMinutesUnit => "phút quy đổi", "weighted min";
    KpiShareNote => "Tỷ lệ = phút chuẩn ÷ thời gian làm việc của quý", "Share = standard minutes ÷ the quarter's working time";
    KpiWeightedNote => "Quy đổi = phút chuẩn × hệ số nhóm N1–N5", "Weighted = standard minutes × the N1–N5 weight";
    KpiSettingsFrom => "Thiết lập KPI", "KPI settings";
    KpiDefaults => "mặc định của data/kpi.toml", "the defaults of data/kpi.toml";
    KpiUnconfirmedNote => "việc đã xong chưa được xác nhận (vẫn được tính)", "done tasks not confirmed yet (counted all the same)";
    KpiUnitsWithoutStaff => "Chưa có cán bộ nào thuộc các đơn vị sau (danh mục vẫn được nhập):", "No staff member belongs to these units yet (their catalog is imported all the same):";
    KpiDone => "Đã hoàn thành", "Done";
    KpiInProgress => "Đang thực hiện", "In progress";
    KpiConfirmed => "Đã xác nhận", "Confirmed";
    KpiUnconfirmed => "Chưa xác nhận", "Not confirmed";
    KpiAdHoc => "Ngoài danh mục", "Not in the catalog";
    KpiStep => "Bước", "Step";
    KpiCatalog => "Danh mục công việc", "Task catalog";
    KpiQuantity => "Số lượng", "Quantity";
    KpiProductRef => "Số hiệu sản phẩm", "Product reference";
    KpiComplexity => "Mức độ phức tạp", "Complexity";
    KpiTime => "Định lượng thời gian", "Time";
    SettingGoverningBody => "Tên đơn vị chủ quản", "Governing body";
    SettingUnitName => "Tên đơn vị", "Unit name";
    SettingPlace => "Địa danh", "Place";
    SettingUnset => "(chưa đặt)", "(not set)";
    SettingKpiHeading => "Số liệu KPI đang áp dụng (đổi bằng danhgia settings --kpi-…, chỉ quản trị viên)", "KPI numbers in force (changed with danhgia settings --kpi-…, admins only)";
    SettingKpiMinutesPerQuarter => "Thời gian làm việc của quý (phút)", "Working time of a quarter (minutes)";
    SettingKpiWeight => "Hệ số nhóm", "Weight of group";
    SettingKpiStandardMinutes => "Phút chuẩn của khung thời gian", "Standard minutes of time bucket";
    SettingKpiDefault => "mặc định", "default";
    KpiFromDatabase => "cơ sở dữ liệu (danhgia settings)", "the database (danhgia settings)";
    KpiFrozenWith => "bản chốt khi khóa quý", "frozen at the close of";
    KpiTableIgnored => "bảng [kpi] trong tệp này không còn được đọc; các số liệu KPI nay nằm trong cơ sở dữ liệu, do quản trị viên đặt bằng danhgia settings --kpi-minutes-per-quarter, --kpi-weight, --kpi-standard-minutes", "the [kpi] table in this file is no longer read; the KPI numbers now live in the database, set by an admin with danhgia settings --kpi-minutes-per-quarter, --kpi-weight, --kpi-standard-minutes";
    MoreHint => "(thêm --levels để xem mô tả cấp độ, --tasks để xem nhiệm vụ, --all để xem chi tiết mọi kết quả)", "(add --levels for level descriptors, --tasks for tasks, --all for every match in full)";
}

/// At most this many items, or people, are named in a reason's text; the
/// JSON's lists carry them all (and the checklist shows every mark).
const ITEMS_IN_TEXT: usize = 6;
const PEOPLE_IN_TEXT: usize = 3;

/// "3 nội dung: I.1.1, I.1.2, II.4.1" — or, for a long list, just the count.
fn counted_items(items: &[String], lang: Lang) -> String {
    let noun = match lang {
        Lang::Vi => "nội dung",
        Lang::En if items.len() == 1 => "item",
        Lang::En => "items",
    };
    if items.len() > ITEMS_IN_TEXT {
        format!("{} {noun}", items.len())
    } else {
        format!("{} {noun} ({})", items.len(), items.join(", "))
    }
}

/// "I.1.1, I.1.2" or, for a long list, "I.1.1, I.1.2, I.1.3 …".
fn item_list(items: &[String]) -> String {
    if items.len() > ITEMS_IN_TEXT {
        format!("{} …", items[..3].join(", "))
    } else {
        items.join(", ")
    }
}

/// "Lê Văn Nam (NV02), …" naming at most [`PEOPLE_IN_TEXT`] people.
fn people_list(codes: &[String], names: &[String], lang: Lang) -> String {
    let named: Vec<String> = codes
        .iter()
        .enumerate()
        .take(PEOPLE_IN_TEXT)
        .map(|(i, code)| match names.get(i).filter(|n| !n.is_empty()) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        })
        .collect();
    let more = codes.len().saturating_sub(PEOPLE_IN_TEXT);
    match (more, lang) {
        (0, _) => named.join(", "),
        (n, Lang::Vi) => format!("{} và {n} người khác", named.join(", ")),
        (n, Lang::En) => format!("{} and {n} more", named.join(", ")),
    }
}

/// "Không đánh giá" / "Not assessed", with why.
fn not_assessed_text(why: crate::domain::rules::NotAssessedWhy, lang: Lang) -> &'static str {
    use crate::domain::rules::NotAssessedWhy::*;
    match (why, lang) {
        (Joined, Lang::Vi) => {
            "Không đánh giá: mới vào làm, chưa làm trọn tháng nào của quý đến ngày đánh giá"
        }
        (Joined, Lang::En) => {
            "Not assessed: joined too recently to have worked a whole month of the quarter by the assessment date"
        }
        (Left, Lang::Vi) => "Không đánh giá: đã nghỉ việc trước ngày đánh giá",
        (Left, Lang::En) => "Not assessed: left before the assessment date",
        (Leave, Lang::Vi) => "Không đánh giá: nghỉ cả quý (thai sản, ốm dài ngày hoặc không lương)",
        (Leave, Lang::En) => {
            "Not assessed: on leave for the whole quarter (maternity, long illness or unpaid)"
        }
    }
}

/// The text of a rules reason (SPEC section 6, `reasons[].text`): what is
/// unmet or awaited, what it is about, and whose action is awaited.
pub fn reason_text(r: &crate::domain::rules::Reason, lang: Lang) -> String {
    use crate::domain::ChecklistState;
    use crate::domain::rules::Reason;
    let vi = lang == Lang::Vi;
    match r {
        Reason::Item { items } if vi => {
            format!("Chưa đạt {}", counted_items(items, lang))
        }
        Reason::Item { items } => format!("Not passed: {}", counted_items(items, lang)),
        Reason::MonthRating { month, rating } if vi => {
            format!("Tháng {month}: xếp loại {rating}, cần HTTNV trở lên")
        }
        Reason::MonthRating { month, rating } => {
            format!("Month {month}: rated {rating}, HTTNV or better needed")
        }
        Reason::Discipline { month, score } if vi => {
            format!("Tháng {month}: ý thức tổ chức kỷ luật {score}/20 điểm, cần đạt 20/20")
        }
        Reason::Discipline { month, score } => {
            format!("Month {month}: discipline {score}/20, 20/20 needed")
        }
        Reason::Subordinate {
            staff,
            name,
            month,
            rating,
        } if vi => {
            format!("Cấp dưới {name} ({staff}) tháng {month} xếp loại {rating}, cần HTTNV trở lên")
        }
        Reason::Subordinate {
            staff,
            name,
            month,
            rating,
        } => format!(
            "Subordinate {name} ({staff}) rated {rating} in month {month}, HTTNV or better needed"
        ),
        Reason::MissingSelf { items } if vi => format!(
            "Chưa tự đánh giá {}: chờ cá nhân tự đánh giá, nộp phiếu",
            counted_items(items, lang)
        ),
        Reason::MissingSelf { items } => format!(
            "Not self-assessed: {}; waiting on the person to self-assess and submit",
            counted_items(items, lang)
        ),
        Reason::MissingReview { items } if vi => format!(
            "Người có thẩm quyền chưa đánh giá {}",
            counted_items(items, lang)
        ),
        Reason::MissingReview { items } => format!(
            "Not reviewed by the authority yet: {}",
            counted_items(items, lang)
        ),
        Reason::ChecklistState { state, reviewer } => {
            let who = reviewer
                .as_ref()
                .map(|r| format!("{} ({})", r.name, r.code));
            match (state, vi) {
                (ChecklistState::Returned, true) => {
                    "Phiếu bị trả lại để sửa: chờ cá nhân sửa và nộp lại".to_owned()
                }
                (ChecklistState::Returned, false) => {
                    "Checklist returned for revision: waiting on the person to revise and resubmit"
                        .to_owned()
                }
                (ChecklistState::Submitted, true) => format!(
                    "Phiếu đã nộp, chờ người có thẩm quyền{} đánh giá và duyệt",
                    who.map(|w| format!(" {w}")).unwrap_or_default()
                ),
                (ChecklistState::Submitted, false) => format!(
                    "Checklist submitted: waiting on the authority{} to review and approve",
                    who.map(|w| format!(" {w}")).unwrap_or_default()
                ),
                (ChecklistState::Draft | ChecklistState::Approved, true) => {
                    "Phiếu chưa nộp: chờ cá nhân nộp phiếu tự đánh giá".to_owned()
                }
                (ChecklistState::Draft | ChecklistState::Approved, false) => {
                    "Checklist not submitted: waiting on the person to submit it".to_owned()
                }
            }
        }
        Reason::MissingRating { month, staff, .. } if staff.is_empty() => {
            if vi {
                format!("Tháng {month} chưa có xếp loại")
            } else {
                format!("Month {month} not rated yet")
            }
        }
        Reason::MissingRating {
            month,
            staff,
            names,
        } if vi => format!(
            "Tháng {month} chưa có xếp loại của {} cấp dưới: {}",
            staff.len(),
            people_list(staff, names, lang)
        ),
        Reason::MissingRating {
            month,
            staff,
            names,
        } => format!(
            "Month {month}: {} subordinates not rated yet: {}",
            staff.len(),
            people_list(staff, names, lang)
        ),
        Reason::ClosedPending { missing } => {
            let what: Vec<String> = missing.iter().map(|m| reason_text(m, lang)).collect();
            if vi {
                format!("Chưa đủ điều kiện khi khóa kỳ: {}", what.join("; "))
            } else {
                format!(
                    "Not complete when the round was closed: {}",
                    what.join("; ")
                )
            }
        }
        Reason::NotAssessed { why } => not_assessed_text(*why, lang).to_owned(),
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
            Denied::NotYourLog { code } => format!("{} {code}", t(Msg::ErrNotYourLog)),
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
        ServiceError::EntryConflict { code, id } => {
            format!("{} {code} #{id}", t(Msg::ErrEntryConflict))
        }
        ServiceError::UnknownStaff(code) => format!("{} {code}", t(Msg::ErrUnknownStaff)),
        ServiceError::ReviewWithoutSelf { code, items } => format!(
            "{} {code}: {}",
            t(Msg::ErrReviewWithoutSelf),
            item_list(items)
        ),
        ServiceError::AlreadyInitialised(p) => {
            format!("{}: {}", p.display(), t(Msg::ErrAlreadyInit))
        }
        ServiceError::Store(e) => store_error_text(e, lang),
        ServiceError::Data(e) => e.to_string(),
        ServiceError::Invalid(m) => m.clone(),
        ServiceError::Rating(r) => rating_refused_text(r, lang),
        ServiceError::ImportRefused(p) => format!("{} ({})", e, p.len()),
        ServiceError::ImportUnfinished => t(Msg::ErrImportUnfinished).to_owned(),
        ServiceError::BadKpiSetting(p) => kpi_setting_problem_text(p, lang),
        ServiceError::TooLong(e) => too_long_text(e, lang),
        ServiceError::UnknownSetting(key) => match lang {
            Lang::Vi => format!("Không có thiết lập {key}"),
            Lang::En => format!("No setting {key}"),
        },
    }
}

/// Why a rating (or a month on leave) is not taken, for a person.
pub fn rating_refused_text(r: &crate::service::RatingRefused, lang: Lang) -> String {
    use crate::domain::records::RatingPeriod;
    use crate::service::RatingRefused as R;
    let vi = lang == Lang::Vi;
    match r {
        R::NotEmployed {
            code,
            period,
            employment,
        } => {
            let day = |d: Option<chrono::NaiveDate>| {
                d.map_or_else(|| "…".to_owned(), |d| d.format("%d/%m/%Y").to_string())
            };
            let dates = format!("{} – {}", day(employment.joined), day(employment.left));
            let what = match (period, vi) {
                (RatingPeriod::Month(m), true) => format!("tháng {}/{}", m.month, m.year),
                (RatingPeriod::Month(m), false) => format!("{:02}/{}", m.month, m.year),
                (RatingPeriod::Year(y), true) => format!("năm {y}"),
                (RatingPeriod::Year(y), false) => format!("the year {y}"),
            };
            if vi {
                format!(
                    "{code} không công tác ngày nào trong {what} (thời gian công tác: {dates}): không nhận xếp loại hay nghỉ của {what}"
                )
            } else {
                format!(
                    "{code} was employed on no day of {what} (employed {dates}): no rating or leave for it"
                )
            }
        }
        R::YearlyLeave { code, year } if vi => format!(
            "Xếp loại năm {year} của {code} không thể là nghỉ: chỉ ghi nghỉ cả tháng cho từng tháng"
        ),
        R::YearlyLeave { code, year } => format!(
            "The yearly rating {year} of {code} cannot be a leave: leave is for a whole month"
        ),
        R::Discipline { score } if vi => {
            format!("Điểm ý thức tổ chức kỷ luật {score} vượt quá 20")
        }
        R::Discipline { score } => format!("Discipline {score} is above 20"),
        R::BadMonth { month } if vi => format!("Tháng {month} không có (1–12)"),
        R::BadMonth { month } => format!("There is no month {month} (1–12)"),
    }
}

/// Why a KPI number is not taken, for a person.
pub fn kpi_setting_problem_text(p: &crate::domain::kpi::KpiSettingProblem, lang: Lang) -> String {
    use crate::domain::kpi::KpiSettingProblem as P;
    match (p, lang) {
        (P::UnknownGroup(g), Lang::Vi) => {
            format!("Không có nhóm mức độ phức tạp «{g}»; dùng N1, N2, N3, N4 hoặc N5")
        }
        (P::UnknownGroup(g), Lang::En) => {
            format!("Unknown complexity group «{g}»; use N1, N2, N3, N4 or N5")
        }
        (P::UnknownBucket(b), Lang::Vi) => {
            format!("Không có khung thời gian «{b}»; dùng số từ 1 đến 14")
        }
        (P::UnknownBucket(b), Lang::En) => format!("Unknown time bucket «{b}»; use 1–14"),
        (P::NotKeyValue(t), Lang::Vi) => {
            format!("«{t}»: viết dạng KHÓA=SỐ, ví dụ N2=1.2 hoặc 5=60")
        }
        (P::NotKeyValue(t), Lang::En) => {
            format!("«{t}»: write KEY=NUMBER, for example N2=1.2 or 5=60")
        }
        (P::NotPositive { key, value }, Lang::Vi) => {
            format!("{key} = «{value}»: phải là một số dương")
        }
        (P::NotPositive { key, value }, Lang::En) => {
            format!("{key} = «{value}»: must be a positive number")
        }
    }
}

/// Why the database could not be opened or written, for a person.
pub fn store_error_text(e: &crate::store::StoreError, lang: Lang) -> String {
    use crate::store::StoreError as E;
    let t = |m: Msg| m.text(lang);
    let at = |p: &std::path::Path, m: Msg| format!("{}: {}", p.display(), t(m));
    match e {
        E::NotADatabase { path } => at(path, Msg::ErrDbNotADatabase),
        E::NewerSchema { path, found, known } => {
            format!("{} ({found} > {known})", at(path, Msg::ErrDbNewer))
        }
        E::ReadOnly { path } => at(path, Msg::ErrDbReadOnly),
        E::NoAccess { path } => at(path, Msg::ErrDbNoAccess),
        E::DiskFull { path } => at(path, Msg::ErrDbDiskFull),
        E::Missing { path } => at(path, Msg::ErrDbMissing),
        E::Exhausted => t(Msg::ErrDbExhausted).to_owned(),
        E::File(e) => e.text(lang),
        E::SchemaLowered {
            path,
            found,
            recorded,
        } => match lang {
            Lang::Vi => format!(
                "{}: phiên bản lược đồ đã bị hạ xuống (tệp ghi {found}, nhật ký kiểm toán đã ghi nhận {recorded}): cơ sở dữ liệu bị can thiệp ngoài danhgia nên không mở; hãy khôi phục từ bản sao lưu",
                path.display()
            ),
            Lang::En => format!(
                "{}: the schema version was set back (the file says {found}; its audit log records {recorded}): the database was tampered with outside danhgia and is not opened; restore a backup",
                path.display()
            ),
        },
        E::Io { path, message } => format!("{}: {message}", path.display()),
        E::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DiskFull =>
        {
            t(Msg::ErrDbDiskFull).to_owned()
        }
        other => format!("{}: {other}", t(Msg::ErrNotReady)),
    }
}

/// A sealed table, for a person: `cán bộ (staff)`.
fn sealed_table(table: &str, lang: Lang) -> String {
    let vi = match table {
        "staff" => "cán bộ",
        "ratings" => "xếp loại",
        "checklists" => "phiếu đánh giá",
        "roles" => "quyền",
        "rounds" => "kỳ đánh giá",
        "settings" => "thiết lập",
        _ => return table.to_owned(),
    };
    match lang {
        Lang::Vi => format!("{vi} ({table})"),
        Lang::En => table.to_owned(),
    }
}

/// What `audit verify` found missing against the last entry, one line each
/// after the headline [`Msg::AuditMissing`]: the rows the log names that
/// are gone (`checklist:CB01:2026-Q3: deleted with its seal`), the tables
/// whose rows differ in number from the log's (`staff: 24 rows, the log
/// records 25`), or what else differs.
pub fn missing_lines(m: &crate::store::audit::Missing, lang: Lang) -> Vec<String> {
    use crate::store::audit::MissingKind;
    let t = |m: Msg| m.text(lang);
    let mut out: Vec<String> = m
        .gone
        .iter()
        .map(|e| format!("{e}: {}", t(Msg::AuditDeletedWithSeal)))
        .collect();
    for c in &m.counts {
        let table = sealed_table(c.table, lang);
        out.push(match (m.kind, lang) {
            (MissingKind::EmptyLog, Lang::Vi) => format!(
                "nhật ký kiểm toán trống nhưng có {} dòng {table} được niêm phong",
                c.live
            ),
            (MissingKind::EmptyLog, Lang::En) => format!(
                "the audit log is empty but {} {table} rows are sealed",
                c.live
            ),
            (_, Lang::Vi) => format!(
                "{table}: {} dòng, nhật ký ghi nhận {} (mục {})",
                c.live, c.recorded, m.seq
            ),
            (_, Lang::En) => format!(
                "{table}: {} rows, the log records {} (entry {})",
                c.live, c.recorded, m.seq
            ),
        });
    }
    match m.kind {
        MissingKind::Unrecorded => out.push(format!("{} {}", t(Msg::AuditUnrecorded), m.seq)),
        MissingKind::Differs if m.counts.is_empty() => {
            out.push(format!("{} {}", t(Msg::AuditDigestDiffers), m.seq))
        }
        _ => {}
    }
    out
}

/// `audit verify --journal`'s findings: the failure (recorded heads the
/// chain lacks), if any, and the lines for information (the heads that
/// match, the entries the system log does not cover).
pub fn journal_lines(
    j: &crate::service::JournalCheck,
    lang: Lang,
) -> (Option<String>, Vec<String>) {
    let t = |m: Msg| m.text(lang);
    let failure = (!j.unknown.is_empty()).then(|| {
        let mut s = t(Msg::AuditJournalUnknown).to_owned();
        for h in j.unknown.iter().take(10) {
            s.push_str(&match lang {
                Lang::Vi => format!("\n  mục {} mã băm {}", h.seq, h.hash),
                Lang::En => format!("\n  entry {} hash {}", h.seq, h.hash),
            });
        }
        if j.unknown.len() > 10 {
            s.push_str(&format!("\n  … ({})", j.unknown.len()));
        }
        s
    });
    let mut info = Vec::new();
    if j.heads == 0 {
        info.push(t(Msg::AuditJournalNone).to_owned());
    } else {
        info.push(format!(
            "{}: {}",
            t(Msg::AuditJournalChecked),
            j.heads - j.unknown.len()
        ));
    }
    for u in &j.uncovered {
        info.push(format!(
            "{} {}–{} ({} – {})",
            t(Msg::AuditJournalUncovered),
            u.from,
            u.to,
            u.from_at,
            u.to_at
        ));
    }
    (failure, info)
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

/// The name of a text field, as a person knows it.
pub fn field_label(f: crate::domain::limits::TextField, lang: Lang) -> &'static str {
    use crate::domain::limits::TextField as F;
    match (f, lang) {
        (F::Note, Lang::Vi) => "Ghi chú",
        (F::Note, Lang::En) => "Note",
        (F::ReturnNote, Lang::Vi) => "Lý do trả lại",
        (F::ReturnNote, Lang::En) => "Return note",
        (F::Achievement, Lang::Vi) => "Trích ngang thành tích",
        (F::Achievement, Lang::En) => "Achievement summary",
        (F::Commitment, Lang::Vi) => "Nội dung cam kết",
        (F::Commitment, Lang::En) => "Commitment",
        (F::Name, Lang::Vi) => "Họ và tên",
        (F::Name, Lang::En) => "Name",
        (F::Title, Lang::Vi) => "Chức vụ",
        (F::Title, Lang::En) => "Title",
        (F::Unit, Lang::Vi) => "Đơn vị",
        (F::Unit, Lang::En) => "Unit",
        (F::Setting, Lang::Vi) => "Thiết lập biểu mẫu",
        (F::Setting, Lang::En) => "Form setting",
        (F::KpiText, Lang::Vi) => "Nội dung công việc",
        (F::KpiText, Lang::En) => "Task text",
        (F::Code, Lang::Vi) => "Mã",
        (F::Code, Lang::En) => "Code",
    }
}

/// Text over its limit, naming the field and the limit.
fn too_long_text(e: &crate::domain::limits::TooLong, lang: Lang) -> String {
    let field = field_label(e.field, lang);
    match lang {
        Lang::Vi => format!(
            "«{field}» dài {} ký tự, quá giới hạn {} ký tự (để biểu mẫu in được); hãy rút gọn",
            e.len, e.max
        ),
        Lang::En => format!(
            "«{field}» is {} characters long, over the limit of {} (so that the forms print); shorten it",
            e.len, e.max
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk is said in words, whether SQLite finds it while writing
    /// a row or while committing (simulated with a page limit, which SQLite
    /// reports exactly as a full disk).
    #[test]
    fn a_full_disk_is_said_in_words() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA max_page_count = 1;")
            .unwrap();
        let e = conn
            .execute("INSERT INTO t VALUES (randomblob(100000))", [])
            .unwrap_err();
        let shown = error_text(&crate::service::ServiceError::from(e), Lang::Vi);
        assert!(shown.contains("ổ đĩa đã đầy"), "{shown}");
    }

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            assert!(!m.text(Lang::Vi).is_empty(), "{m:?} vi");
            assert!(!m.text(Lang::En).is_empty(), "{m:?} en");
        }
    }
}
