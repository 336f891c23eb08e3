//! The Vietnamese words of the demo district: names, places and the texts an
//! assessing authority writes. All in NFC (checked by the tests).

/// Họ, weighted roughly by how common they are in the North.
pub(crate) const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 320),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 75),
    ("Hoàng", 50),
    ("Vũ", 45),
    ("Phan", 30),
    ("Đặng", 25),
    ("Bùi", 25),
    ("Đỗ", 25),
    ("Ngô", 15),
    ("Dương", 12),
    ("Đinh", 12),
    ("Trịnh", 10),
    ("Đào", 10),
    ("Huỳnh", 8),
    ("Võ", 8),
    ("Hồ", 8),
    ("Lý", 5),
    ("Lương", 5),
    ("Tạ", 4),
    ("Mai", 4),
    ("Cao", 4),
];

/// Tên đệm of men (Văn only for men).
pub(crate) const MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 300),
    ("Đức", 90),
    ("Minh", 90),
    ("Quang", 60),
    ("Hữu", 50),
    ("Thành", 45),
    ("Mạnh", 35),
    ("Xuân", 35),
    ("Trọng", 30),
    ("Tiến", 30),
    ("Việt", 30),
    ("Ngọc", 25),
    ("Thanh", 25),
    ("Duy", 25),
    ("Hoàng", 20),
    ("Tuấn", 20),
    ("Anh", 15),
    ("Công", 15),
];

/// Tên đệm of women (Thị only for women; some have two, e.g. Thị Thu).
pub(crate) const MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 380),
    ("Thị Thu", 40),
    ("Thị Thanh", 35),
    ("Thị Ngọc", 25),
    ("Thị Minh", 25),
    ("Thị Hồng", 20),
    ("Thị Kim", 15),
    ("Thu", 60),
    ("Ngọc", 60),
    ("Thanh", 50),
    ("Minh", 40),
    ("Phương", 30),
    ("Hồng", 25),
    ("Thúy", 20),
    ("Kim", 15),
    ("Bích", 15),
    ("Mai", 10),
];

/// Tên of men.
pub(crate) const GIVEN_MALE: &[&str] = &[
    "Anh", "Bảo", "Bình", "Châu", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiệp", "Hiếu",
    "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lợi", "Minh",
    "Nam", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Toàn", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
];

/// Tên of women.
pub(crate) const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Ánh", "Châu", "Chi", "Diệp", "Dung", "Đào", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
    "Hoa", "Hòa", "Hồng", "Huyền", "Hương", "Khánh", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai",
    "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thanh", "Thu",
    "Thủy", "Trang", "Tuyết", "Vân", "Yến",
];

/// The wards of Long Biên, then communes and towns of neighbouring Gia Lâm:
/// the suffixes that make more units than the district decision lists.
pub(crate) const PLACES: &[&str] = &[
    "phường Bồ Đề",
    "phường Cự Khối",
    "phường Đức Giang",
    "phường Gia Thụy",
    "phường Giang Biên",
    "phường Long Biên",
    "phường Ngọc Lâm",
    "phường Ngọc Thụy",
    "phường Phúc Đồng",
    "phường Phúc Lợi",
    "phường Sài Đồng",
    "phường Thạch Bàn",
    "phường Thượng Thanh",
    "phường Việt Hưng",
    "thị trấn Trâu Quỳ",
    "thị trấn Yên Viên",
    "xã Bát Tràng",
    "xã Cổ Bi",
    "xã Đa Tốn",
    "xã Đặng Xá",
    "xã Đình Xuyên",
    "xã Đông Dư",
    "xã Dương Hà",
    "xã Dương Quang",
    "xã Dương Xá",
    "xã Kiêu Kỵ",
    "xã Kim Lan",
    "xã Kim Sơn",
    "xã Lệ Chi",
    "xã Ninh Hiệp",
    "xã Phù Đổng",
    "xã Phú Thị",
    "xã Trung Mầu",
    "xã Văn Đức",
    "xã Yên Thường",
    "xã Yên Viên",
];

/// The twelve units of the Hanoi district decision (002), used only if the
/// embedded reference data cannot be read.
pub(crate) const FALLBACK_UNITS: &[&str] = &[
    "Phòng Nội vụ",
    "Văn phòng HĐND và UBND",
    "Thanh tra",
    "Phòng Tư pháp",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Kinh tế",
    "Phòng Tài nguyên - Môi trường",
    "Phòng Quản lý đô thị",
    "Phòng Lao động Thương binh và Xã hội",
    "Phòng Văn hóa",
    "Phòng Giáo dục – Đào tạo",
    "Phòng Y tế",
];

/// The criteria of the checklists with their item counts (SPEC section 3),
/// used only if the embedded reference data cannot be read. Non-leaders use
/// the first six.
pub(crate) const FALLBACK_SHAPE: &[(&str, u8)] = &[
    ("I.1", 3),
    ("I.2", 3),
    ("II.1", 3),
    ("II.2", 5),
    ("II.3", 2),
    ("II.4", 2),
    ("III.1", 3),
    ("III.2", 3),
    ("III.3", 3),
];

/// Why an authority marks an item Chưa đạt: `(item, note)`, `{m}` being a
/// month of the quarter and `{n}` a small count. An item listed twice is
/// twice as likely.
pub(crate) const ITEM_NOTES: &[(&str, &str)] = &[
    (
        "I.2.1",
        "Đi làm muộn {n} lần trong tháng {m} không có lý do chính đáng",
    ),
    (
        "I.2.1",
        "Chưa chấp hành nghiêm nội quy cơ quan, bị nhắc nhở tại giao ban tháng {m}",
    ),
    (
        "I.2.2",
        "Đăng tải thông tin công việc nội bộ lên mạng xã hội khi chưa được phép",
    ),
    (
        "I.2.3",
        "Chỗ làm việc chưa gọn gàng, bị nhắc nhở qua kiểm tra công vụ tháng {m}",
    ),
    (
        "II.1.3",
        "Còn {n} hồ sơ của công dân giải quyết quá hạn trong tháng {m}",
    ),
    (
        "II.1.3",
        "Có phiếu chưa hài lòng của công dân về thời gian giải quyết hồ sơ tháng {m}",
    ),
    ("II.2.1", "Chưa hoàn thành đúng hạn báo cáo tháng {m}"),
    (
        "II.2.1",
        "Một số nhiệm vụ được giao trong tháng {m} chưa hoàn thành theo kế hoạch",
    ),
    (
        "II.2.2",
        "Chậm tiến độ tham mưu văn bản được giao trong tháng {m}",
    ),
    (
        "II.2.2",
        "Chưa chủ động đề xuất xử lý vướng mắc phát sinh, để công việc kéo dài",
    ),
    (
        "II.2.4",
        "Chưa hoàn thành lớp bồi dưỡng chuyên môn theo kế hoạch của quận",
    ),
    (
        "II.2.4",
        "Văn bản tham mưu còn sai sót về thể thức, phải chỉnh sửa nhiều lần",
    ),
    (
        "II.3.1",
        "Chưa chủ động phối hợp với các bộ phận liên quan trong tháng {m}",
    ),
    (
        "II.3.2",
        "Chưa hỗ trợ đồng nghiệp khi được phân công kèm cặp cán bộ mới",
    ),
    (
        "II.4.1",
        "Có phản ánh của công dân về thái độ giao tiếp chưa chuẩn mực trong tháng {m}",
    ),
    (
        "II.4.2",
        "Không đeo thẻ công chức khi làm việc, bị nhắc nhở qua kiểm tra công vụ tháng {m}",
    ),
    (
        "III.1.2",
        "Chỉ đạo triển khai nhiệm vụ trọng tâm của đơn vị còn chậm so với kế hoạch quý",
    ),
    (
        "III.1.3",
        "Xử lý tình huống phát sinh tại địa bàn trong tháng {m} còn lúng túng, chậm báo cáo",
    ),
    (
        "III.2.1",
        "Phân công nhiệm vụ trong đơn vị chưa hợp lý, có bộ phận quá tải kéo dài",
    ),
    (
        "III.3.3",
        "Đánh giá, xếp loại cán bộ trong đơn vị tháng {m} chưa sát với kết quả thực hiện nhiệm vụ",
    ),
];

/// A note for an item with no entry in [`ITEM_NOTES`].
pub(crate) const GENERIC_NOTE: &str =
    "Nội dung này chưa đáp ứng yêu cầu trong tháng {m}, đề nghị khắc phục";

/// Returns for revision (trả lại để hoàn thiện); `{item}` is an item id.
pub(crate) const RETURN_NOTES: &[&str] = &[
    "Đề nghị bổ sung minh chứng kết quả thực hiện nhiệm vụ tại nội dung {item}",
    "Tự đánh giá nội dung {item} chưa phù hợp với kết quả xếp loại tháng, đề nghị rà soát lại",
    "Đề nghị ghi rõ các nhiệm vụ chưa hoàn thành đúng hạn trong quý trước khi nộp lại",
    "Phiếu tự đánh giá còn bỏ trống phần nhận xét, đề nghị hoàn thiện và nộp lại",
];

/// Trích ngang thành tích of an outstanding person (form 05B).
pub(crate) const ACHIEVEMENTS: &[&str] = &[
    "Tham mưu hoàn thành xuất sắc đề án chuyển đổi số của quận, được UBND thành phố biểu dương",
    "Hoàn thành trước thời hạn công tác giải phóng mặt bằng dự án mở rộng đường Nguyễn Văn Cừ",
    "Tham mưu tổ chức thành công Đại hội Thể dục thể thao quận, được Sở Văn hóa và Thể thao khen thưởng",
    "Qua thanh tra ngân sách phường, phát hiện và kiến nghị thu hồi 1,2 tỷ đồng sai phạm",
    "Xây dựng quy trình một cửa điện tử, rút ngắn 30% thời gian giải quyết thủ tục hành chính",
    "Có sáng kiến cải tiến quy trình tiếp nhận hồ sơ đất đai, được Hội đồng sáng kiến quận công nhận",
    "Dũng cảm tham gia cứu người trong vụ cháy tại khu dân cư phường Ngọc Lâm",
    "Tham mưu hoàn thành chỉ tiêu thu ngân sách của quận vượt 15% so với kế hoạch",
    "Chủ trì giải quyết dứt điểm vụ khiếu nại đông người kéo dài, được Thanh tra thành phố ghi nhận",
];

/// Focus points of the commitment (form 01): đạo đức công vụ.
pub(crate) const FOCUS_ETHICS: &[&str] = &[
    "Giữ gìn phẩm chất đạo đức, lối sống; không tham nhũng, tiêu cực; thực hành tiết kiệm, chống lãng phí",
    "Chấp hành nghiêm kỷ luật, kỷ cương hành chính; đúng giờ, đúng quy chế làm việc của cơ quan",
    "Thực hiện nghiêm quy tắc ứng xử của cán bộ, công chức và kỷ luật phát ngôn trên mạng xã hội",
    "Trung thực, dám nhận khuyết điểm và chủ động khắc phục; giữ gìn uy tín của cơ quan, đơn vị",
];

/// Focus points of the commitment: hoạt động công vụ.
pub(crate) const FOCUS_WORK: &[&str] = &[
    "Giải quyết hồ sơ đúng hạn, không để tồn đọng; thực hiện tốt “4 xin, 4 luôn” khi tiếp công dân",
    "Hoàn thành 100% nhiệm vụ được giao đúng tiến độ, bảo đảm chất lượng; chủ động đề xuất giải pháp",
    "Đẩy mạnh ứng dụng công nghệ thông tin, xử lý văn bản và hồ sơ công việc trên môi trường mạng",
    "Chủ động cập nhật kiến thức pháp luật, chuyên môn nghiệp vụ; phối hợp chặt chẽ với đồng nghiệp",
];

/// Focus points of the commitment: phong cách lãnh đạo (leaders).
pub(crate) const FOCUS_LEADERSHIP: &[&str] = &[
    "Gương mẫu, quyết liệt trong chỉ đạo; phân công nhiệm vụ rõ người, rõ việc, rõ thời hạn",
    "Phát huy dân chủ, lắng nghe ý kiến cán bộ; công tâm, khách quan trong đánh giá cán bộ",
    "Xây dựng tập thể đoàn kết; kiểm tra, đôn đốc tiến độ thực hiện nhiệm vụ của đơn vị hằng tuần",
];
