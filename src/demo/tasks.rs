//! The KPI catalogs of the demo district (004: danh mục công việc/sản phẩm):
//! for each kind of office, its work areas and standard tasks, each with its
//! detailed steps, output product, complexity group (N1–N5) and time bucket
//! (1–14) — chosen as an office filling in 004's sheet would. A long task is
//! split into 2–3 steps, each with its own intermediate product, as 004
//! asks. All text in NFC (checked by the tests).
//!
//! What the generator also needs, and the catalog does not hold: who in the
//! office does a task ([`Who`]), how often (`weight`), in which months
//! (`season`), and what reference its product carries ([`Doc`]).
//!
//! Choices:
//! - complexity: routine registers and support work N1; the everyday
//!   professional work with a procedure (thẩm định a dossier, a report) N2;
//!   work needing judgement where the rules run out (inspections, disputes,
//!   plans) N3; drafting plans and legal texts that touch many fields N4.
//!   **No task is N5**: 004 keeps N5 for strategy and products that apply to
//!   the whole country, which a district office does not make;
//! - time: the operating time of one task (one dossier, one document, one
//!   shift), waiting for others left out, as 004 says.

/// Who in an office does a task: a bit set.
pub(crate) type Who = u8;
/// Trưởng, Phó (and the Chủ tịch).
pub(crate) const L: Who = 1;
/// Chuyên viên, thanh tra viên, kỹ sư, kỹ thuật viên.
pub(crate) const S: Who = 2;
/// Văn thư.
pub(crate) const C: Who = 4;
/// Kế toán.
pub(crate) const A: Who = 8;
/// Lái xe.
pub(crate) const D: Who = 16;
/// Bảo vệ.
pub(crate) const G: Who = 32;
/// Nhân viên phục vụ.
pub(crate) const P: Who = 64;
/// Everyone.
pub(crate) const ALL: Who = L | S | C | A | D | G | P;

/// The months a task is done in: bit `m - 1` for month `m`.
pub(crate) type Season = u16;
pub(crate) const ANY: Season = 0xFFF;

/// Months `a..=b`, wrapping over the new year (`months(11, 2)` is
/// November to February).
pub(crate) const fn months(a: u8, b: u8) -> Season {
    let mut s = 0;
    let mut m = a;
    loop {
        s |= 1 << (m - 1);
        if m == b {
            return s;
        }
        m = if m == 12 { 1 } else { m + 1 };
    }
}

/// The reference of a product: a document number whose series runs through
/// the year, `{n}` the number and `{u}` the unit's abbreviation
/// (`125/UBND-NV`: công văn of UBND drafted by Phòng Nội vụ). `per_year` is
/// how many the series reaches by December, so that numbers grow with the
/// date as in a real register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Doc {
    pub(crate) format: &'static str,
    pub(crate) per_year: u32,
    /// Every product has its own number, so an entry records one (a công
    /// văn); otherwise one document covers a batch (a tờ trình for the
    /// dossiers of the entry's quantity).
    pub(crate) each: bool,
}

/// No reference (a register, a record, a shift).
pub(crate) const NONE: Doc = Doc {
    format: "",
    per_year: 0,
    each: false,
};
/// Công văn of UBND quận, drafted by the unit.
pub(crate) const CV: Doc = Doc {
    format: "{n}/UBND-{u}",
    per_year: 3600,
    each: true,
};
/// Tờ trình of the unit.
pub(crate) const TTR: Doc = Doc {
    format: "{n}/TTr-{u}",
    per_year: 150,
    each: false,
};
/// Báo cáo of the unit.
pub(crate) const BC: Doc = Doc {
    format: "{n}/BC-{u}",
    per_year: 200,
    each: true,
};
/// Quyết định of UBND quận.
pub(crate) const QD: Doc = Doc {
    format: "{n}/QĐ-UBND",
    per_year: 3000,
    each: true,
};
/// Kế hoạch of UBND quận.
pub(crate) const KH: Doc = Doc {
    format: "{n}/KH-UBND",
    per_year: 350,
    each: true,
};
/// Thông báo of UBND quận.
pub(crate) const TB: Doc = Doc {
    format: "{n}/TB-UBND",
    per_year: 600,
    each: true,
};
/// Tờ trình of UBND quận (to HĐND or the city).
pub(crate) const TTR_UBND: Doc = Doc {
    format: "{n}/TTr-UBND",
    per_year: 250,
    each: false,
};
/// Kết luận thanh tra.
pub(crate) const KL: Doc = Doc {
    format: "{n}/KL-TTr",
    per_year: 20,
    each: true,
};
/// Giấy phép xây dựng.
pub(crate) const GPXD: Doc = Doc {
    format: "{n}/GPXD",
    per_year: 900,
    each: true,
};
/// Other licences of UBND quận.
pub(crate) const GP: Doc = Doc {
    format: "{n}/GP-UBND",
    per_year: 300,
    each: true,
};
/// Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.
pub(crate) const GCN_ATTP: Doc = Doc {
    format: "{n}/GCN-ATTP",
    per_year: 150,
    each: true,
};

/// A row of the catalog: a task not split, or one step of a split task.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StepT {
    /// Công việc chi tiết.
    pub(crate) what: &'static str,
    /// Sản phẩm đầu ra (intermediate, for a step).
    pub(crate) product: &'static str,
    /// N1–N5.
    pub(crate) n: u8,
    /// Time bucket 1–14.
    pub(crate) b: u8,
    pub(crate) doc: Doc,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct TaskT {
    pub(crate) name: &'static str,
    pub(crate) who: Who,
    /// How often, against the other tasks of the same people.
    pub(crate) weight: u16,
    pub(crate) season: Season,
    /// One step, or 2–3 for a task split as 004 asks.
    pub(crate) steps: &'static [StepT],
    /// The most of it a person does in a day (0: as much as fits in one).
    pub(crate) most: u8,
}

impl TaskT {
    /// At most `n` a day (two cars to service, not twelve).
    const fn at_most(mut self, n: u8) -> TaskT {
        self.most = n;
        self
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct AreaT {
    pub(crate) name: &'static str,
    pub(crate) tasks: &'static [TaskT],
}

/// The catalog of a kind of office.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitT {
    /// Matched against the folded unit name (no diacritics, lower case).
    pub(crate) key: &'static str,
    /// In document numbers: `125/UBND-NV`.
    pub(crate) abbr: &'static str,
    pub(crate) areas: &'static [AreaT],
    /// Followed by the areas every phòng shares ([`GENERAL`], [`LEADERSHIP`]).
    pub(crate) shared: bool,
}

const fn step(what: &'static str, product: &'static str, n: u8, b: u8, doc: Doc) -> StepT {
    StepT {
        what,
        product,
        n,
        b,
        doc,
    }
}

const fn task(name: &'static str, who: Who, weight: u16, steps: &'static [StepT]) -> TaskT {
    TaskT {
        name,
        who,
        weight,
        season: ANY,
        steps,
        most: 0,
    }
}

const fn seasonal(
    name: &'static str,
    who: Who,
    weight: u16,
    season: Season,
    steps: &'static [StepT],
) -> TaskT {
    TaskT {
        name,
        who,
        weight,
        season,
        steps,
        most: 0,
    }
}

/// Tổng hợp, hành chính: what every professional unit does besides its field.
pub(crate) const GENERAL: AreaT = AreaT {
    name: "Tổng hợp, hành chính",
    tasks: &[
        task(
            "Tiếp nhận, xử lý văn bản được giao trên hệ thống quản lý văn bản và điều hành",
            S | C,
            30,
            &[step(
                "Nhận văn bản trên hệ thống; nghiên cứu nội dung; đề xuất hướng xử lý hoặc chuyển xử lý; cập nhật kết quả trên hệ thống",
                "Phiếu xử lý văn bản, kết quả xử lý được cập nhật trên hệ thống",
                1,
                3,
                NONE,
            )],
        ),
        task(
            "Dự thảo văn bản trả lời, hướng dẫn thuộc lĩnh vực phụ trách",
            S,
            20,
            &[step(
                "Nghiên cứu hồ sơ và quy định liên quan; dự thảo văn bản; trình lãnh đạo phòng duyệt; hoàn thiện, trình ký phát hành",
                "Công văn trả lời, hướng dẫn",
                2,
                6,
                CV,
            )],
        ),
        task(
            "Xây dựng báo cáo định kỳ tháng, quý của phòng",
            S,
            5,
            &[step(
                "Thu thập, tổng hợp số liệu các lĩnh vực; dự thảo báo cáo; trình lãnh đạo phòng cho ý kiến; hoàn thiện, gửi Văn phòng HĐND và UBND",
                "Báo cáo tháng, quý",
                2,
                8,
                BC,
            )],
        ),
        task(
            "Dự họp, hội nghị, tập huấn theo phân công",
            S | L,
            8,
            &[step(
                "Nghiên cứu tài liệu; dự họp; báo cáo lãnh đạo kết quả và đề xuất nội dung cần triển khai",
                "Báo cáo kết quả dự họp (khi được yêu cầu)",
                1,
                7,
                NONE,
            )],
        )
        .at_most(2),
        task(
            "Hỗ trợ, phục vụ hoạt động chung của phòng",
            D | G | P,
            10,
            &[step(
                "Chuyển phát, giao nhận tài liệu; chuẩn bị phòng họp; hỗ trợ hậu cần theo phân công",
                "Tài liệu được chuyển đúng nơi nhận, công việc hậu cần hoàn thành",
                1,
                4,
                NONE,
            )],
        ),
    ],
};

/// Lãnh đạo, quản lý: the head and deputies of every professional unit.
pub(crate) const LEADERSHIP: AreaT = AreaT {
    name: "Lãnh đạo, quản lý",
    tasks: &[
        task(
            "Chủ trì giao ban, phân công nhiệm vụ cho công chức của phòng",
            L,
            5,
            &[step(
                "Tổng hợp tình hình thực hiện nhiệm vụ trong tuần; chủ trì giao ban; giao nhiệm vụ trên hệ thống; theo dõi tiến độ",
                "Thông báo kết luận giao ban, nhiệm vụ được giao trên hệ thống",
                2,
                6,
                NONE,
            )],
        ),
        task(
            "Xem xét, cho ý kiến, ký trình văn bản do công chức dự thảo",
            L,
            30,
            &[step(
                "Kiểm tra nội dung, thể thức dự thảo; cho ý kiến chỉnh sửa; ký nháy trình lãnh đạo UBND quận hoặc ký ban hành theo thẩm quyền",
                "Văn bản được duyệt, trình ký",
                2,
                3,
                NONE,
            )],
        ),
        task(
            "Dự họp, làm việc theo triệu tập của Thường trực UBND quận",
            L,
            8,
            &[step(
                "Chuẩn bị báo cáo, số liệu của lĩnh vực; dự họp, giải trình; triển khai kết luận tại phòng",
                "Báo cáo, ý kiến tham gia tại cuộc họp",
                3,
                8,
                NONE,
            )],
        ),
        task(
            "Kiểm tra, đôn đốc tiến độ nhiệm vụ được UBND quận giao",
            L,
            6,
            &[step(
                "Rà soát nhiệm vụ trên hệ thống; làm việc với công chức phụ trách; đề xuất giải pháp tháo gỡ vướng mắc",
                "Báo cáo tình hình thực hiện nhiệm vụ",
                3,
                7,
                BC,
            )],
        ),
        task(
            "Đánh giá, xếp loại công chức của phòng hằng tháng",
            L,
            2,
            &[step(
                "Xem xét kết quả tự đánh giá và nhật ký công việc; nhận xét, đánh giá, xếp loại; xác nhận trên hệ thống",
                "Phiếu đánh giá, xếp loại công chức",
                2,
                7,
                NONE,
            )],
        ),
    ],
};

pub(crate) const NOI_VU: UnitT = UnitT {
    key: "noi vu",
    abbr: "NV",
    shared: true,
    areas: &[
        AreaT {
            name: "Tổ chức bộ máy, biên chế, cải cách hành chính",
            tasks: &[
                task(
                    "Thẩm định đề án vị trí việc làm của cơ quan, đơn vị",
                    S,
                    2,
                    &[
                        step(
                            "Rà soát danh mục vị trí việc làm, bản mô tả công việc, khung năng lực; đối chiếu chức năng, nhiệm vụ và hướng dẫn của Bộ Nội vụ",
                            "Phiếu thẩm định, văn bản đề nghị đơn vị chỉnh sửa",
                            3,
                            10,
                            CV,
                        ),
                        step(
                            "Tổng hợp ý kiến; dự thảo tờ trình và quyết định phê duyệt",
                            "Tờ trình, dự thảo quyết định phê duyệt vị trí việc làm",
                            3,
                            9,
                            TTR,
                        ),
                    ],
                ),
                seasonal(
                    "Xây dựng kế hoạch biên chế năm sau",
                    S,
                    2,
                    months(6, 9),
                    &[
                        step(
                            "Ban hành văn bản hướng dẫn; tiếp nhận, tổng hợp nhu cầu biên chế của các cơ quan, đơn vị",
                            "Văn bản hướng dẫn, bảng tổng hợp nhu cầu biên chế",
                            2,
                            10,
                            CV,
                        ),
                        step(
                            "Phân tích, đối chiếu định mức; dự thảo kế hoạch",
                            "Dự thảo kế hoạch biên chế",
                            4,
                            10,
                            NONE,
                        ),
                        step(
                            "Trình UBND quận thông qua; gửi Sở Nội vụ",
                            "Tờ trình, kế hoạch biên chế được ban hành",
                            2,
                            8,
                            TTR,
                        ),
                    ],
                ),
                task(
                    "Tham mưu kiện toàn ban chỉ đạo, tổ chức phối hợp liên ngành của quận",
                    S,
                    3,
                    &[step(
                        "Rà soát thành phần, nhiệm vụ; lấy ý kiến cơ quan liên quan; dự thảo quyết định kiện toàn",
                        "Tờ trình, dự thảo quyết định kiện toàn",
                        2,
                        8,
                        TTR,
                    )],
                ),
                task(
                    "Kiểm tra công vụ, cải cách hành chính tại cơ quan, đơn vị",
                    S,
                    2,
                    &[
                        step(
                            "Xây dựng kế hoạch kiểm tra; kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại đơn vị",
                            "Kế hoạch kiểm tra, biên bản kiểm tra",
                            2,
                            9,
                            KH,
                        ),
                        step(
                            "Tổng hợp kết quả; dự thảo thông báo kết luận kiểm tra",
                            "Thông báo kết luận kiểm tra",
                            2,
                            8,
                            TB,
                        ),
                    ],
                ),
                task(
                    "Tổng hợp báo cáo cải cách hành chính quý",
                    S,
                    1,
                    &[step(
                        "Đôn đốc, tổng hợp báo cáo của các phòng, ban, phường; tự chấm điểm chỉ số cải cách hành chính; dự thảo báo cáo",
                        "Báo cáo cải cách hành chính quý",
                        2,
                        9,
                        BC,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Cán bộ, công chức, viên chức",
            tasks: &[
                task(
                    "Thẩm định hồ sơ nâng lương thường xuyên",
                    S,
                    10,
                    &[step(
                        "Kiểm tra danh sách, hồ sơ đề nghị nâng bậc lương; đối chiếu thời gian giữ bậc và kết quả đánh giá; lập danh sách đủ điều kiện",
                        "Tờ trình, dự thảo quyết định nâng bậc lương",
                        2,
                        5,
                        TTR,
                    )],
                ),
                task(
                    "Thẩm định hồ sơ nâng lương trước thời hạn",
                    S,
                    3,
                    &[step(
                        "Kiểm tra thành tích, tỷ lệ được nâng lương trước thời hạn; lấy ý kiến cơ quan liên quan; trình Hội đồng xét duyệt",
                        "Biên bản họp Hội đồng, tờ trình, dự thảo quyết định",
                        3,
                        7,
                        TTR,
                    )],
                ),
                task(
                    "Giải quyết chế độ nghỉ hưu cho cán bộ, công chức, viên chức",
                    S,
                    3,
                    &[step(
                        "Rà soát danh sách đến tuổi nghỉ hưu; dự thảo thông báo nghỉ hưu trước 6 tháng; dự thảo quyết định nghỉ hưu; phối hợp cơ quan bảo hiểm xã hội",
                        "Thông báo và quyết định nghỉ hưu",
                        2,
                        7,
                        QD,
                    )],
                ),
                task(
                    "Cập nhật hồ sơ, dữ liệu cán bộ, công chức, viên chức trên phần mềm quản lý",
                    S | C,
                    12,
                    &[step(
                        "Tiếp nhận thông tin biến động (bổ nhiệm, nâng lương, đào tạo, khen thưởng…); cập nhật phần mềm; đối chiếu hồ sơ giấy",
                        "Dữ liệu được cập nhật trên phần mềm quản lý cán bộ",
                        1,
                        3,
                        NONE,
                    )],
                ),
                task(
                    "Tổng hợp kết quả đánh giá, xếp loại cán bộ, công chức, viên chức hằng tháng",
                    S,
                    2,
                    &[step(
                        "Tiếp nhận kết quả xếp loại của các cơ quan, đơn vị; kiểm tra, tổng hợp; báo cáo lãnh đạo",
                        "Báo cáo tổng hợp kết quả xếp loại tháng",
                        2,
                        8,
                        BC,
                    )],
                ),
                seasonal(
                    "Tổ chức xét tuyển viên chức",
                    S,
                    2,
                    months(3, 10),
                    &[
                        step(
                            "Xây dựng kế hoạch xét tuyển; thông báo tuyển dụng",
                            "Kế hoạch, thông báo tuyển dụng",
                            3,
                            10,
                            KH,
                        ),
                        step(
                            "Tiếp nhận, kiểm tra phiếu đăng ký dự tuyển; lập danh sách thí sinh đủ điều kiện",
                            "Danh sách thí sinh đủ điều kiện dự tuyển",
                            2,
                            11,
                            NONE,
                        ),
                        step(
                            "Tổng hợp kết quả; dự thảo quyết định công nhận kết quả tuyển dụng",
                            "Báo cáo kết quả, dự thảo quyết định công nhận kết quả tuyển dụng",
                            2,
                            9,
                            QD,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Thi đua, khen thưởng",
            tasks: &[
                task(
                    "Thẩm định hồ sơ đề nghị khen thưởng",
                    S,
                    8,
                    &[step(
                        "Kiểm tra hồ sơ, thành tích, tỷ lệ khen thưởng; tổng hợp trình Hội đồng Thi đua - Khen thưởng quận",
                        "Tờ trình, dự thảo quyết định khen thưởng",
                        2,
                        5,
                        TTR,
                    )],
                ),
                task(
                    "Tổng hợp hồ sơ đề nghị cấp trên khen thưởng",
                    S,
                    2,
                    &[step(
                        "Hướng dẫn đơn vị hoàn thiện hồ sơ; tổng hợp; dự thảo tờ trình đề nghị UBND thành phố khen thưởng",
                        "Tờ trình đề nghị khen thưởng",
                        2,
                        8,
                        TTR_UBND,
                    )],
                ),
                task(
                    "Xây dựng kế hoạch phát động phong trào thi đua",
                    S,
                    1,
                    &[step(
                        "Nghiên cứu chỉ đạo của cấp trên; dự thảo kế hoạch, tiêu chí thi đua; lấy ý kiến; trình ban hành",
                        "Kế hoạch phát động thi đua",
                        3,
                        9,
                        KH,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const VAN_PHONG: UnitT = UnitT {
    key: "van phong",
    abbr: "VP",
    shared: false,
    areas: &[
        AreaT {
            name: "Tổng hợp, tham mưu",
            tasks: &[
                task(
                    "Xây dựng chương trình công tác tháng của UBND quận",
                    S,
                    1,
                    &[step(
                        "Tổng hợp đề xuất của các phòng, ban; dự thảo chương trình; trình Chủ tịch UBND quận duyệt; phát hành",
                        "Chương trình công tác tháng",
                        3,
                        9,
                        CV,
                    )],
                ),
                task(
                    "Tham mưu báo cáo tình hình kinh tế - xã hội hằng tháng",
                    S,
                    2,
                    &[
                        step(
                            "Đôn đốc, tổng hợp số liệu của các phòng, ban, phường",
                            "Bảng tổng hợp số liệu",
                            2,
                            9,
                            NONE,
                        ),
                        step(
                            "Dự thảo báo cáo; trình Thường trực UBND quận cho ý kiến; hoàn thiện",
                            "Báo cáo tình hình kinh tế - xã hội tháng",
                            3,
                            9,
                            BC,
                        ),
                    ],
                ),
                task(
                    "Ghi biên bản, dự thảo thông báo kết luận cuộc họp của lãnh đạo UBND quận",
                    S,
                    6,
                    &[step(
                        "Dự họp, ghi biên bản; dự thảo thông báo kết luận; trình lãnh đạo duyệt; phát hành",
                        "Thông báo kết luận",
                        2,
                        7,
                        TB,
                    )],
                ),
                task(
                    "Theo dõi, đôn đốc nhiệm vụ UBND thành phố và UBND quận giao",
                    S,
                    4,
                    &[step(
                        "Cập nhật nhiệm vụ trên hệ thống; đôn đốc cơ quan chủ trì; tổng hợp tình hình thực hiện",
                        "Báo cáo tình hình thực hiện nhiệm vụ được giao",
                        2,
                        8,
                        BC,
                    )],
                ),
                task(
                    "Thẩm tra văn bản của các phòng, ban trình UBND quận",
                    S,
                    12,
                    &[step(
                        "Kiểm tra thể thức, thẩm quyền, nội dung dự thảo và hồ sơ trình; đề xuất lãnh đạo Văn phòng",
                        "Phiếu trình giải quyết công việc",
                        2,
                        5,
                        NONE,
                    )],
                ),
                seasonal(
                    "Phục vụ kỳ họp HĐND quận",
                    S,
                    3,
                    months(6, 7) | months(12, 12),
                    &[
                        step(
                            "Chuẩn bị chương trình, tài liệu kỳ họp; gửi đại biểu",
                            "Bộ tài liệu kỳ họp",
                            3,
                            11,
                            NONE,
                        ),
                        step(
                            "Phục vụ kỳ họp; ghi biên bản",
                            "Biên bản kỳ họp",
                            2,
                            10,
                            NONE,
                        ),
                        step(
                            "Hoàn thiện nghị quyết; trình ký ban hành",
                            "Nghị quyết kỳ họp được ban hành",
                            3,
                            9,
                            NONE,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Hành chính, văn thư, lưu trữ",
            tasks: &[
                task(
                    "Tiếp nhận, vào sổ văn bản đến",
                    C,
                    30,
                    &[step(
                        "Nhận văn bản giấy và điện tử; kiểm tra, phân loại; đóng dấu đến, vào sổ; số hóa, chuyển xử lý trên hệ thống",
                        "Văn bản đến được đăng ký, chuyển xử lý trên hệ thống",
                        1,
                        2,
                        NONE,
                    )],
                ),
                task(
                    "Đăng ký, phát hành văn bản đi",
                    C,
                    30,
                    &[step(
                        "Kiểm tra thể thức; ghi số, ngày tháng; đóng dấu; phát hành văn bản điện tử và văn bản giấy; lưu văn bản",
                        "Văn bản đi được phát hành, lưu",
                        1,
                        2,
                        NONE,
                    )],
                ),
                task(
                    "Tiếp nhận hồ sơ, trả kết quả thủ tục hành chính tại Bộ phận một cửa",
                    C,
                    12,
                    &[step(
                        "Hướng dẫn, kiểm tra, tiếp nhận hồ sơ; cập nhật trên hệ thống một cửa điện tử; trả kết quả",
                        "Phiếu tiếp nhận và hẹn trả kết quả",
                        1,
                        3,
                        NONE,
                    )],
                ),
                task(
                    "Chỉnh lý, lập hồ sơ lưu trữ",
                    C,
                    3,
                    &[step(
                        "Thu thập tài liệu; phân loại, lập hồ sơ; biên mục; nộp lưu vào lưu trữ cơ quan",
                        "Hồ sơ lưu trữ, mục lục hồ sơ",
                        2,
                        9,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Quản trị, tài vụ",
            tasks: &[
                task(
                    "Lập chứng từ, thanh toán các khoản chi thường xuyên",
                    A,
                    20,
                    &[step(
                        "Kiểm tra hồ sơ, chứng từ; lập giấy rút dự toán, ủy nhiệm chi; thanh toán qua Kho bạc; ghi sổ kế toán",
                        "Chứng từ kế toán, giấy rút dự toán",
                        2,
                        5,
                        NONE,
                    )],
                ),
                task(
                    "Lập báo cáo tài chính, quyết toán quý",
                    A,
                    2,
                    &[step(
                        "Khóa sổ, đối chiếu với Kho bạc; lập báo cáo quyết toán và thuyết minh",
                        "Báo cáo quyết toán quý",
                        3,
                        10,
                        BC,
                    )],
                ),
                task(
                    "Theo dõi, quản lý tài sản, trang thiết bị của cơ quan",
                    A | S,
                    4,
                    &[step(
                        "Kiểm kê, cập nhật sổ tài sản; đề xuất sửa chữa, mua sắm",
                        "Sổ theo dõi tài sản, tờ trình sửa chữa, mua sắm",
                        1,
                        6,
                        NONE,
                    )],
                ),
                seasonal(
                    "Lập dự toán ngân sách năm sau của cơ quan",
                    A,
                    3,
                    months(7, 10),
                    &[
                        step(
                            "Tổng hợp nhu cầu kinh phí của các bộ phận",
                            "Bảng tổng hợp nhu cầu kinh phí",
                            2,
                            9,
                            NONE,
                        ),
                        step(
                            "Lập dự toán, thuyết minh; gửi Phòng Tài chính – Kế hoạch",
                            "Dự toán ngân sách, thuyết minh",
                            3,
                            10,
                            CV,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Lái xe, bảo vệ, phục vụ",
            tasks: &[
                task(
                    "Lái xe đưa đón lãnh đạo đi công tác",
                    D,
                    20,
                    &[step(
                        "Nhận lệnh điều xe; kiểm tra xe trước khi đi; đưa đón an toàn, đúng giờ; ghi nhật trình",
                        "Nhật trình xe",
                        1,
                        8,
                        NONE,
                    )],
                ),
                task(
                    "Lái xe phục vụ công tác chung của cơ quan",
                    D,
                    10,
                    &[step(
                        "Đưa đón khách, cán bộ đi làm việc; chuyển văn bản, tài liệu theo lệnh điều xe; ghi nhật trình",
                        "Nhật trình xe",
                        1,
                        7,
                        NONE,
                    )],
                ),
                task(
                    "Kiểm tra, bảo dưỡng, vệ sinh phương tiện",
                    D,
                    6,
                    &[step(
                        "Kiểm tra kỹ thuật, vệ sinh xe; đưa xe đi bảo dưỡng định kỳ; ghi sổ theo dõi",
                        "Sổ theo dõi bảo dưỡng xe",
                        1,
                        4,
                        NONE,
                    )],
                )
                .at_most(2),
                task(
                    "Trực bảo vệ trụ sở theo ca",
                    G,
                    20,
                    &[step(
                        "Nhận bàn giao ca; tuần tra, kiểm soát người và phương tiện ra vào; ghi sổ trực; bàn giao ca",
                        "Sổ giao ca trực bảo vệ",
                        1,
                        9,
                        NONE,
                    )],
                ),
                task(
                    "Hướng dẫn khách, trông giữ phương tiện tại trụ sở",
                    G,
                    8,
                    &[step(
                        "Hướng dẫn khách đến làm việc; sắp xếp, trông giữ xe; ghi sổ",
                        "Sổ trông giữ phương tiện",
                        1,
                        3,
                        NONE,
                    )],
                ),
                task(
                    "Chuẩn bị phòng họp, phục vụ hội nghị",
                    P,
                    15,
                    &[step(
                        "Bố trí phòng họp, âm thanh, nước uống; phục vụ trong cuộc họp; thu dọn",
                        "Phòng họp được chuẩn bị, hội nghị được phục vụ",
                        1,
                        6,
                        NONE,
                    )],
                ),
                task(
                    "Vệ sinh phòng làm việc, khu vực công cộng",
                    P,
                    15,
                    &[step(
                        "Quét dọn, lau chùi phòng làm việc, hành lang, khu vệ sinh theo lịch",
                        "Khu vực được vệ sinh sạch sẽ",
                        1,
                        4,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Lãnh đạo, quản lý",
            tasks: &[
                task(
                    "Xem xét, ký nháy văn bản trình Chủ tịch, Phó Chủ tịch UBND quận",
                    L,
                    30,
                    &[step(
                        "Kiểm tra nội dung, thể thức, thẩm quyền; yêu cầu phòng chủ trì chỉnh sửa; ký nháy, trình ký",
                        "Văn bản được ký nháy, trình ký",
                        2,
                        3,
                        NONE,
                    )],
                ),
                task(
                    "Điều phối lịch công tác tuần của Thường trực UBND quận",
                    L,
                    4,
                    &[step(
                        "Tổng hợp đăng ký lịch; cân đối, trình Chủ tịch duyệt; thông báo, điều chỉnh khi phát sinh",
                        "Lịch công tác tuần",
                        2,
                        6,
                        NONE,
                    )],
                ),
                task(
                    "Chủ trì giao ban Văn phòng, phân công nhiệm vụ",
                    L,
                    4,
                    &[step(
                        "Tổng hợp tình hình; chủ trì giao ban; giao nhiệm vụ trên hệ thống; theo dõi tiến độ",
                        "Thông báo kết luận giao ban",
                        2,
                        6,
                        NONE,
                    )],
                ),
                task(
                    "Dự họp, làm việc theo triệu tập của Thường trực UBND quận",
                    L,
                    8,
                    &[step(
                        "Chuẩn bị nội dung; dự họp; triển khai kết luận tại Văn phòng",
                        "Báo cáo, ý kiến tham gia tại cuộc họp",
                        3,
                        8,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const THANH_TRA: UnitT = UnitT {
    key: "thanh tra",
    abbr: "TTr",
    shared: true,
    areas: &[
        AreaT {
            name: "Thanh tra hành chính",
            tasks: &[
                task(
                    "Tiến hành cuộc thanh tra theo kế hoạch",
                    S,
                    4,
                    &[
                        step(
                            "Khảo sát, xây dựng đề cương; dự thảo quyết định thanh tra và kế hoạch tiến hành thanh tra",
                            "Quyết định thanh tra, kế hoạch tiến hành thanh tra",
                            3,
                            10,
                            QD,
                        ),
                        step(
                            "Làm việc tại đơn vị được thanh tra; kiểm tra, xác minh hồ sơ, tài liệu",
                            "Biên bản làm việc, biên bản kiểm tra, xác minh",
                            3,
                            12,
                            NONE,
                        ),
                        step(
                            "Tổng hợp, báo cáo kết quả; dự thảo kết luận thanh tra",
                            "Báo cáo kết quả thanh tra, dự thảo kết luận thanh tra",
                            4,
                            11,
                            KL,
                        ),
                    ],
                ),
                task(
                    "Theo dõi, đôn đốc việc thực hiện kết luận thanh tra",
                    S,
                    3,
                    &[step(
                        "Yêu cầu đối tượng báo cáo; kiểm tra chứng từ khắc phục; tổng hợp kết quả",
                        "Báo cáo kết quả thực hiện kết luận thanh tra",
                        2,
                        7,
                        BC,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch thanh tra năm sau",
                    S,
                    2,
                    months(10, 12),
                    &[step(
                        "Căn cứ định hướng của Thanh tra thành phố; khảo sát; dự thảo kế hoạch; trình Chủ tịch UBND quận phê duyệt",
                        "Kế hoạch thanh tra năm",
                        4,
                        10,
                        KH,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Tiếp công dân, giải quyết khiếu nại, tố cáo",
            tasks: &[
                task(
                    "Tiếp công dân thường xuyên tại Trụ sở tiếp công dân",
                    S,
                    10,
                    &[step(
                        "Tiếp, nghe trình bày; kiểm tra giấy tờ; hướng dẫn, giải thích; ghi sổ tiếp công dân",
                        "Sổ tiếp công dân, phiếu hướng dẫn",
                        2,
                        5,
                        NONE,
                    )],
                ),
                task(
                    "Phân loại, xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh",
                    S,
                    15,
                    &[step(
                        "Nghiên cứu đơn; phân loại; đề xuất thụ lý, chuyển đơn hoặc hướng dẫn; vào sổ theo dõi",
                        "Phiếu đề xuất xử lý đơn, văn bản chuyển đơn",
                        2,
                        4,
                        CV,
                    )],
                ),
                task(
                    "Xác minh, giải quyết khiếu nại thuộc thẩm quyền của Chủ tịch UBND quận",
                    S,
                    3,
                    &[
                        step(
                            "Làm việc với người khiếu nại và cơ quan liên quan; thu thập tài liệu, xác minh",
                            "Biên bản làm việc, báo cáo kết quả xác minh",
                            3,
                            11,
                            BC,
                        ),
                        step(
                            "Tổ chức đối thoại; dự thảo quyết định giải quyết khiếu nại",
                            "Biên bản đối thoại, dự thảo quyết định giải quyết khiếu nại",
                            4,
                            9,
                            NONE,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Phòng, chống tham nhũng",
            tasks: &[
                seasonal(
                    "Hướng dẫn, tiếp nhận, quản lý bản kê khai tài sản, thu nhập",
                    S,
                    6,
                    months(11, 3),
                    &[step(
                        "Hướng dẫn kê khai; tiếp nhận, kiểm tra tính đầy đủ của bản kê khai; vào sổ theo dõi",
                        "Bản kê khai được kiểm tra, sổ theo dõi",
                        2,
                        4,
                        NONE,
                    )],
                ),
                task(
                    "Xác minh tài sản, thu nhập",
                    S,
                    1,
                    &[step(
                        "Lập kế hoạch xác minh; làm việc với người được xác minh và cơ quan liên quan; báo cáo kết quả",
                        "Báo cáo kết quả xác minh, kết luận xác minh tài sản, thu nhập",
                        3,
                        11,
                        BC,
                    )],
                ),
                task(
                    "Báo cáo công tác phòng, chống tham nhũng quý",
                    S,
                    1,
                    &[step(
                        "Tổng hợp báo cáo của các phòng, ban, phường; dự thảo báo cáo của UBND quận",
                        "Báo cáo công tác phòng, chống tham nhũng",
                        2,
                        9,
                        BC,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const TU_PHAP: UnitT = UnitT {
    key: "tu phap",
    abbr: "TP",
    shared: true,
    areas: &[
        AreaT {
            name: "Chứng thực, hộ tịch",
            tasks: &[
                task(
                    "Chứng thực bản sao từ bản chính",
                    S,
                    12,
                    &[step(
                        "Kiểm tra bản chính, đối chiếu bản sao; ghi lời chứng, ký, đóng dấu; vào sổ chứng thực",
                        "Bản sao được chứng thực, sổ chứng thực",
                        1,
                        2,
                        NONE,
                    )],
                ),
                task(
                    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
                    S,
                    4,
                    &[step(
                        "Kiểm tra hồ sơ, năng lực hành vi của các bên; chứng kiến ký; ghi lời chứng; vào sổ",
                        "Hợp đồng, giao dịch được chứng thực",
                        2,
                        4,
                        NONE,
                    )],
                ),
                task(
                    "Đăng ký hộ tịch có yếu tố nước ngoài",
                    S,
                    4,
                    &[step(
                        "Tiếp nhận, kiểm tra hồ sơ; xác minh khi cần; trình ký; trả kết quả, cập nhật cơ sở dữ liệu hộ tịch",
                        "Giấy chứng nhận kết hôn, trích lục hộ tịch",
                        3,
                        7,
                        NONE,
                    )],
                ),
                task(
                    "Giải quyết yêu cầu thay đổi, cải chính hộ tịch, xác định lại dân tộc",
                    S,
                    3,
                    &[step(
                        "Kiểm tra hồ sơ, căn cứ; dự thảo quyết định; ghi vào sổ hộ tịch; cấp trích lục",
                        "Quyết định, trích lục thay đổi, cải chính hộ tịch",
                        2,
                        6,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Phổ biến, giáo dục pháp luật, hòa giải",
            tasks: &[
                task(
                    "Tổ chức hội nghị phổ biến, giáo dục pháp luật",
                    S,
                    3,
                    &[
                        step(
                            "Xây dựng kế hoạch; mời báo cáo viên; chuẩn bị tài liệu, hội trường",
                            "Kế hoạch, tài liệu hội nghị",
                            2,
                            9,
                            KH,
                        ),
                        step(
                            "Tổ chức hội nghị; tổng hợp, báo cáo kết quả",
                            "Báo cáo kết quả hội nghị",
                            2,
                            8,
                            BC,
                        ),
                    ],
                ),
                task(
                    "Hướng dẫn, theo dõi công tác hòa giải ở cơ sở",
                    S,
                    3,
                    &[step(
                        "Hướng dẫn nghiệp vụ cho tổ hòa giải; tổng hợp số liệu; dự thảo văn bản hướng dẫn, báo cáo",
                        "Văn bản hướng dẫn, báo cáo công tác hòa giải",
                        2,
                        7,
                        CV,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch phổ biến, giáo dục pháp luật năm",
                    S,
                    2,
                    months(11, 1),
                    &[step(
                        "Rà soát văn bản mới, nhu cầu phổ biến; dự thảo kế hoạch; lấy ý kiến Hội đồng phối hợp; trình ban hành",
                        "Kế hoạch phổ biến, giáo dục pháp luật năm",
                        3,
                        10,
                        KH,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Xây dựng và kiểm tra văn bản",
            tasks: &[
                task(
                    "Thẩm định dự thảo văn bản quy phạm pháp luật của UBND quận",
                    S,
                    2,
                    &[step(
                        "Nghiên cứu dự thảo và hồ sơ; đối chiếu thẩm quyền, tính hợp hiến, hợp pháp, thống nhất; dự thảo báo cáo thẩm định",
                        "Báo cáo thẩm định",
                        4,
                        10,
                        BC,
                    )],
                ),
                task(
                    "Tự kiểm tra, rà soát văn bản do UBND quận ban hành",
                    S,
                    2,
                    &[step(
                        "Lập danh mục văn bản; kiểm tra, rà soát; đề xuất xử lý văn bản trái pháp luật, hết hiệu lực",
                        "Báo cáo kết quả kiểm tra, rà soát văn bản",
                        3,
                        9,
                        BC,
                    )],
                ),
                task(
                    "Góp ý dự thảo văn bản của cơ quan cấp trên",
                    S,
                    4,
                    &[step(
                        "Nghiên cứu dự thảo; lấy ý kiến phòng, ban liên quan; tổng hợp, dự thảo văn bản góp ý",
                        "Văn bản góp ý",
                        3,
                        7,
                        CV,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const TAI_CHINH: UnitT = UnitT {
    key: "tai chinh",
    abbr: "TCKH",
    shared: true,
    areas: &[
        AreaT {
            name: "Quản lý ngân sách",
            tasks: &[
                seasonal(
                    "Thẩm định dự toán ngân sách xã, phường",
                    S,
                    3,
                    months(10, 12),
                    &[
                        step(
                            "Kiểm tra, đối chiếu dự toán thu, chi với định mức và hướng dẫn; làm việc với phường",
                            "Biên bản làm việc, phiếu kiểm tra dự toán",
                            3,
                            9,
                            NONE,
                        ),
                        step(
                            "Tổng hợp; dự thảo báo cáo thẩm định dự toán",
                            "Báo cáo thẩm định dự toán ngân sách",
                            3,
                            8,
                            BC,
                        ),
                    ],
                ),
                seasonal(
                    "Thẩm tra quyết toán ngân sách phường năm trước",
                    S,
                    3,
                    months(3, 6),
                    &[step(
                        "Kiểm tra báo cáo quyết toán, số liệu Kho bạc; làm việc với phường; dự thảo thông báo thẩm định",
                        "Thông báo thẩm định quyết toán",
                        3,
                        10,
                        TB,
                    )],
                ),
                task(
                    "Thẩm định, đề xuất bổ sung kinh phí cho cơ quan, đơn vị",
                    S,
                    10,
                    &[step(
                        "Kiểm tra đề nghị, căn cứ, định mức; đề xuất mức bổ sung; dự thảo quyết định",
                        "Tờ trình, dự thảo quyết định bổ sung kinh phí",
                        2,
                        6,
                        TTR,
                    )],
                ),
                task(
                    "Tổng hợp báo cáo thu, chi ngân sách tháng",
                    S,
                    2,
                    &[step(
                        "Đối chiếu số liệu với Kho bạc, Chi cục Thuế; tổng hợp; dự thảo báo cáo",
                        "Báo cáo thu, chi ngân sách",
                        2,
                        8,
                        BC,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Kế hoạch, đầu tư",
            tasks: &[
                task(
                    "Thẩm định kế hoạch lựa chọn nhà thầu",
                    S,
                    4,
                    &[step(
                        "Kiểm tra hồ sơ, căn cứ pháp lý, giá gói thầu, hình thức lựa chọn nhà thầu; lập báo cáo thẩm định",
                        "Báo cáo thẩm định, dự thảo quyết định phê duyệt",
                        3,
                        8,
                        QD,
                    )],
                ),
                task(
                    "Thẩm tra quyết toán dự án hoàn thành",
                    S,
                    2,
                    &[
                        step(
                            "Kiểm tra hồ sơ quyết toán; đối chiếu khối lượng, giá trị; yêu cầu bổ sung hồ sơ",
                            "Biên bản làm việc, văn bản yêu cầu bổ sung hồ sơ",
                            3,
                            11,
                            CV,
                        ),
                        step(
                            "Lập báo cáo thẩm tra; dự thảo quyết định phê duyệt quyết toán",
                            "Báo cáo thẩm tra, dự thảo quyết định phê duyệt quyết toán",
                            3,
                            9,
                            QD,
                        ),
                    ],
                ),
                seasonal(
                    "Xây dựng kế hoạch đầu tư công năm sau",
                    S,
                    3,
                    months(7, 11),
                    &[
                        step(
                            "Hướng dẫn, tổng hợp danh mục dự án đề xuất",
                            "Văn bản hướng dẫn, danh mục dự án tổng hợp",
                            3,
                            10,
                            CV,
                        ),
                        step(
                            "Cân đối nguồn vốn; dự thảo kế hoạch",
                            "Dự thảo kế hoạch đầu tư công",
                            4,
                            12,
                            NONE,
                        ),
                        step(
                            "Trình UBND quận, HĐND quận thông qua",
                            "Tờ trình, kế hoạch đầu tư công",
                            3,
                            9,
                            TTR_UBND,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Đăng ký kinh doanh",
            tasks: &[
                task(
                    "Đăng ký thành lập hộ kinh doanh",
                    S,
                    8,
                    &[step(
                        "Tiếp nhận hồ sơ trên hệ thống; kiểm tra tính hợp lệ; cấp giấy chứng nhận; cập nhật cơ sở dữ liệu",
                        "Giấy chứng nhận đăng ký hộ kinh doanh",
                        1,
                        4,
                        NONE,
                    )],
                ),
                task(
                    "Đăng ký thay đổi, tạm ngừng, chấm dứt hoạt động hộ kinh doanh",
                    S,
                    6,
                    &[step(
                        "Tiếp nhận, kiểm tra hồ sơ; cập nhật cơ sở dữ liệu; cấp giấy xác nhận hoặc cấp lại giấy chứng nhận",
                        "Giấy xác nhận, giấy chứng nhận được cấp lại",
                        1,
                        3,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const KINH_TE: UnitT = UnitT {
    key: "kinh te",
    abbr: "KT",
    shared: true,
    areas: &[
        AreaT {
            name: "Công thương, dịch vụ",
            tasks: &[
                task(
                    "Cấp giấy phép bán lẻ sản phẩm rượu, thuốc lá",
                    S,
                    4,
                    &[step(
                        "Tiếp nhận hồ sơ; kiểm tra điều kiện; kiểm tra thực tế khi cần; trình cấp phép",
                        "Giấy phép bán lẻ",
                        2,
                        6,
                        GP,
                    )],
                ),
                task(
                    "Kiểm tra hoạt động kinh doanh tại chợ, trung tâm thương mại",
                    S,
                    3,
                    &[step(
                        "Lập kế hoạch; kiểm tra tại cơ sở; lập biên bản; đề xuất xử lý",
                        "Biên bản kiểm tra",
                        2,
                        8,
                        NONE,
                    )],
                ),
                task(
                    "Tổng hợp báo cáo tình hình công nghiệp, thương mại, dịch vụ tháng",
                    S,
                    2,
                    &[step(
                        "Thu thập số liệu từ phường, Chi cục Thống kê; phân tích; dự thảo báo cáo",
                        "Báo cáo công nghiệp, thương mại, dịch vụ",
                        2,
                        8,
                        BC,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch bảo đảm cung ứng hàng hóa dịp Tết",
                    S,
                    3,
                    months(11, 1),
                    &[step(
                        "Khảo sát nguồn cung, giá cả; dự thảo kế hoạch; lấy ý kiến; trình ban hành",
                        "Kế hoạch bảo đảm cung ứng hàng hóa",
                        3,
                        10,
                        KH,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Nông nghiệp, đê điều, phòng chống thiên tai",
            tasks: &[
                seasonal(
                    "Xây dựng phương án phòng, chống thiên tai và tìm kiếm cứu nạn",
                    S,
                    3,
                    months(3, 5),
                    &[
                        step(
                            "Rà soát trọng điểm xung yếu, lực lượng, vật tư; dự thảo phương án",
                            "Dự thảo phương án",
                            4,
                            11,
                            NONE,
                        ),
                        step(
                            "Lấy ý kiến; hoàn thiện; trình phê duyệt",
                            "Tờ trình, phương án được phê duyệt",
                            3,
                            9,
                            TTR,
                        ),
                    ],
                ),
                seasonal(
                    "Kiểm tra đê điều, công trình thủy lợi trong mùa mưa bão",
                    S,
                    4,
                    months(5, 10),
                    &[step(
                        "Kiểm tra hiện trạng đê, kè, cống; phát hiện sự cố, vi phạm; báo cáo đề xuất xử lý",
                        "Biên bản kiểm tra, báo cáo đề xuất",
                        2,
                        9,
                        BC,
                    )],
                ),
                task(
                    "Theo dõi, báo cáo tình hình sản xuất nông nghiệp, dịch bệnh cây trồng, vật nuôi",
                    S,
                    3,
                    &[step(
                        "Nắm tình hình tại phường; tổng hợp số liệu; dự thảo báo cáo",
                        "Báo cáo tình hình sản xuất nông nghiệp",
                        2,
                        7,
                        BC,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Khoa học, công nghệ",
            tasks: &[
                task(
                    "Tham mưu hỗ trợ doanh nghiệp ứng dụng khoa học, đổi mới công nghệ",
                    S,
                    1,
                    &[step(
                        "Khảo sát nhu cầu doanh nghiệp; đề xuất nội dung hỗ trợ; dự thảo kế hoạch",
                        "Kế hoạch hỗ trợ doanh nghiệp",
                        3,
                        10,
                        KH,
                    )],
                ),
                task(
                    "Thẩm định hồ sơ đề nghị công nhận sáng kiến",
                    S,
                    3,
                    &[step(
                        "Kiểm tra hồ sơ; đánh giá tính mới, hiệu quả; trình Hội đồng sáng kiến",
                        "Phiếu thẩm định sáng kiến",
                        3,
                        7,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const TAI_NGUYEN: UnitT = UnitT {
    key: "tai nguyen",
    abbr: "TNMT",
    shared: true,
    areas: &[
        AreaT {
            name: "Quản lý đất đai",
            tasks: &[
                task(
                    "Thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                    S,
                    8,
                    &[step(
                        "Kiểm tra hồ sơ, nguồn gốc, hiện trạng sử dụng đất; xác minh thực địa; dự thảo tờ trình",
                        "Tờ trình, dự thảo giấy chứng nhận",
                        3,
                        7,
                        TTR,
                    )],
                ),
                task(
                    "Thẩm định hồ sơ chuyển mục đích sử dụng đất",
                    S,
                    4,
                    &[step(
                        "Kiểm tra hồ sơ; đối chiếu quy hoạch, kế hoạch sử dụng đất; xác định nghĩa vụ tài chính; dự thảo tờ trình",
                        "Tờ trình, dự thảo quyết định cho phép chuyển mục đích sử dụng đất",
                        3,
                        7,
                        TTR,
                    )],
                ),
                task(
                    "Giải quyết tranh chấp đất đai thuộc thẩm quyền",
                    S,
                    2,
                    &[
                        step(
                            "Thu thập hồ sơ; xác minh thực địa; tổ chức hòa giải",
                            "Biên bản xác minh, biên bản hòa giải",
                            3,
                            10,
                            NONE,
                        ),
                        step(
                            "Báo cáo đề xuất; dự thảo quyết định giải quyết tranh chấp",
                            "Báo cáo đề xuất, dự thảo quyết định giải quyết tranh chấp",
                            4,
                            10,
                            BC,
                        ),
                    ],
                ),
                task(
                    "Tham mưu thu hồi đất, bồi thường, hỗ trợ giải phóng mặt bằng",
                    S,
                    3,
                    &[step(
                        "Kiểm tra hồ sơ, phương án bồi thường; dự thảo tờ trình và quyết định thu hồi đất",
                        "Tờ trình, dự thảo quyết định thu hồi đất",
                        3,
                        8,
                        TTR,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch sử dụng đất năm sau",
                    S,
                    2,
                    months(7, 10),
                    &[step(
                        "Tổng hợp nhu cầu sử dụng đất; cân đối chỉ tiêu; dự thảo kế hoạch và báo cáo thuyết minh",
                        "Dự thảo kế hoạch sử dụng đất",
                        4,
                        12,
                        KH,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Bảo vệ môi trường",
            tasks: &[
                task(
                    "Kiểm tra công tác bảo vệ môi trường tại cơ sở sản xuất, kinh doanh",
                    S,
                    4,
                    &[step(
                        "Lập kế hoạch; kiểm tra tại cơ sở; lập biên bản; đề xuất xử lý vi phạm",
                        "Biên bản kiểm tra, biên bản vi phạm hành chính",
                        2,
                        8,
                        NONE,
                    )],
                ),
                task(
                    "Tiếp nhận, xử lý hồ sơ đăng ký môi trường",
                    S,
                    4,
                    &[step(
                        "Tiếp nhận, kiểm tra hồ sơ; cập nhật cơ sở dữ liệu; dự thảo văn bản tiếp nhận",
                        "Văn bản tiếp nhận đăng ký môi trường",
                        2,
                        5,
                        CV,
                    )],
                ),
                task(
                    "Xử lý phản ánh về ô nhiễm môi trường",
                    S,
                    4,
                    &[step(
                        "Kiểm tra hiện trường; làm việc với cơ sở gây ô nhiễm; dự thảo văn bản trả lời",
                        "Báo cáo kết quả kiểm tra, văn bản trả lời",
                        2,
                        7,
                        CV,
                    )],
                ),
                seasonal(
                    "Tổng hợp báo cáo công tác bảo vệ môi trường năm",
                    S,
                    2,
                    months(11, 12),
                    &[step(
                        "Tổng hợp số liệu các phường, cơ sở; đánh giá kết quả; dự thảo báo cáo",
                        "Báo cáo công tác bảo vệ môi trường",
                        2,
                        9,
                        BC,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const DO_THI: UnitT = UnitT {
    key: "do thi",
    abbr: "QLĐT",
    shared: true,
    areas: &[
        AreaT {
            name: "Cấp phép và quản lý xây dựng",
            tasks: &[
                task(
                    "Thẩm định hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ",
                    S,
                    8,
                    &[step(
                        "Tiếp nhận hồ sơ; kiểm tra thực địa; đối chiếu quy hoạch, quy chuẩn; dự thảo giấy phép",
                        "Giấy phép xây dựng (dự thảo trình ký)",
                        2,
                        6,
                        GPXD,
                    )],
                ),
                task(
                    "Kiểm tra công trình xây dựng theo giấy phép được cấp",
                    S,
                    5,
                    &[step(
                        "Kiểm tra hiện trường; đối chiếu giấy phép, bản vẽ; lập biên bản",
                        "Biên bản kiểm tra",
                        2,
                        7,
                        NONE,
                    )],
                ),
                task(
                    "Tham mưu xử lý vi phạm trật tự xây dựng",
                    S,
                    3,
                    &[step(
                        "Xác minh vi phạm; hoàn thiện hồ sơ; dự thảo quyết định xử phạt, buộc khắc phục hậu quả",
                        "Tờ trình, dự thảo quyết định xử phạt vi phạm hành chính",
                        3,
                        8,
                        TTR,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Quy hoạch, kiến trúc",
            tasks: &[
                task(
                    "Cung cấp thông tin quy hoạch, chỉ giới đường đỏ",
                    S,
                    5,
                    &[step(
                        "Tra cứu đồ án quy hoạch được duyệt; xác định chỉ giới; dự thảo văn bản cung cấp thông tin",
                        "Văn bản cung cấp thông tin quy hoạch",
                        2,
                        5,
                        CV,
                    )],
                ),
                task(
                    "Thẩm định nhiệm vụ, đồ án quy hoạch chi tiết",
                    S,
                    2,
                    &[
                        step(
                            "Nghiên cứu hồ sơ; lấy ý kiến các cơ quan liên quan",
                            "Văn bản lấy ý kiến, bảng tổng hợp ý kiến",
                            3,
                            10,
                            CV,
                        ),
                        step(
                            "Lập báo cáo thẩm định; dự thảo quyết định phê duyệt",
                            "Báo cáo thẩm định, dự thảo quyết định phê duyệt quy hoạch",
                            4,
                            11,
                            QD,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Hạ tầng, giao thông đô thị",
            tasks: &[
                task(
                    "Cấp phép đào hè, đường để thi công công trình hạ tầng",
                    S,
                    4,
                    &[step(
                        "Kiểm tra hồ sơ, phương án thi công, bảo đảm giao thông; dự thảo giấy phép",
                        "Giấy phép thi công",
                        2,
                        5,
                        GP,
                    )],
                ),
                task(
                    "Thẩm định báo cáo kinh tế - kỹ thuật công trình hạ tầng",
                    S,
                    2,
                    &[step(
                        "Kiểm tra hồ sơ thiết kế, dự toán; lấy ý kiến; lập báo cáo kết quả thẩm định",
                        "Báo cáo kết quả thẩm định",
                        3,
                        10,
                        BC,
                    )],
                ),
                task(
                    "Kiểm tra hiện trạng chiếu sáng, cây xanh, thoát nước đô thị",
                    S,
                    3,
                    &[step(
                        "Kiểm tra theo tuyến; ghi nhận hư hỏng; đề xuất duy tu, sửa chữa",
                        "Biên bản kiểm tra, báo cáo đề xuất",
                        1,
                        7,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const LAO_DONG: UnitT = UnitT {
    key: "lao dong",
    abbr: "LĐTBXH",
    shared: true,
    areas: &[
        AreaT {
            name: "Người có công",
            tasks: &[
                task(
                    "Thẩm định hồ sơ hưởng chế độ ưu đãi người có công",
                    S,
                    5,
                    &[step(
                        "Kiểm tra hồ sơ, giấy tờ chứng minh; đối chiếu quy định; dự thảo tờ trình đề nghị Sở giải quyết",
                        "Tờ trình đề nghị giải quyết chế độ",
                        3,
                        6,
                        TTR,
                    )],
                ),
                task(
                    "Lập danh sách, chi trả trợ cấp ưu đãi hằng tháng",
                    S,
                    1,
                    &[step(
                        "Cập nhật biến động đối tượng; lập danh sách chi trả; phối hợp bưu điện chi trả; quyết toán",
                        "Danh sách chi trả, báo cáo quyết toán",
                        2,
                        9,
                        NONE,
                    )],
                ),
                seasonal(
                    "Tổ chức thăm hỏi, tặng quà người có công dịp 27/7",
                    S,
                    6,
                    months(7, 7),
                    &[
                        step(
                            "Rà soát đối tượng; lập danh sách; dự trù kinh phí",
                            "Kế hoạch, danh sách tặng quà",
                            2,
                            9,
                            KH,
                        ),
                        step(
                            "Tổ chức thăm, trao quà; tổng hợp, báo cáo",
                            "Báo cáo kết quả thăm, tặng quà",
                            2,
                            9,
                            BC,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Bảo trợ xã hội, trẻ em",
            tasks: &[
                task(
                    "Thẩm định hồ sơ hưởng trợ cấp xã hội hằng tháng",
                    S,
                    6,
                    &[step(
                        "Kiểm tra hồ sơ do phường chuyển; đối chiếu tiêu chí; dự thảo quyết định trợ cấp",
                        "Tờ trình, dự thảo quyết định trợ cấp xã hội",
                        2,
                        5,
                        TTR,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch thực hiện công tác trẻ em năm",
                    S,
                    2,
                    months(1, 3),
                    &[step(
                        "Đánh giá kết quả năm trước; xác định chỉ tiêu; dự thảo kế hoạch; trình ban hành",
                        "Kế hoạch công tác trẻ em",
                        3,
                        10,
                        KH,
                    )],
                ),
                task(
                    "Xác minh hoàn cảnh đối tượng bảo trợ xã hội",
                    S,
                    3,
                    &[step(
                        "Phối hợp phường xác minh tại nơi cư trú; lập biên bản; đề xuất",
                        "Biên bản xác minh",
                        2,
                        7,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Lao động, việc làm",
            tasks: &[
                task(
                    "Thống kê, báo cáo tình hình lao động, việc làm",
                    S,
                    2,
                    &[step(
                        "Thu thập số liệu; cập nhật cơ sở dữ liệu cung, cầu lao động; dự thảo báo cáo",
                        "Báo cáo tình hình lao động, việc làm",
                        2,
                        8,
                        BC,
                    )],
                ),
                task(
                    "Kiểm tra thực hiện pháp luật lao động tại doanh nghiệp",
                    S,
                    1,
                    &[step(
                        "Lập kế hoạch; kiểm tra hồ sơ lao động, bảo hiểm, an toàn lao động tại doanh nghiệp; dự thảo thông báo kết luận",
                        "Biên bản, thông báo kết luận kiểm tra",
                        3,
                        10,
                        TB,
                    )],
                ),
                task(
                    "Tiếp nhận, giải quyết hồ sơ hỗ trợ người lao động",
                    S,
                    4,
                    &[step(
                        "Tiếp nhận, kiểm tra hồ sơ; lập danh sách; trình phê duyệt hỗ trợ",
                        "Danh sách, quyết định hỗ trợ",
                        1,
                        4,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const VAN_HOA: UnitT = UnitT {
    key: "van hoa",
    abbr: "VHTT",
    shared: true,
    areas: &[
        AreaT {
            name: "Văn hóa, gia đình",
            tasks: &[
                seasonal(
                    "Thẩm định hồ sơ công nhận tổ dân phố văn hóa",
                    S,
                    4,
                    months(10, 12),
                    &[step(
                        "Kiểm tra hồ sơ, kết quả bình xét; kiểm tra thực tế; dự thảo quyết định công nhận",
                        "Tờ trình, dự thảo quyết định công nhận",
                        2,
                        6,
                        TTR,
                    )],
                ),
                task(
                    "Tổ chức sự kiện kỷ niệm các ngày lễ lớn",
                    S,
                    2,
                    &[
                        step(
                            "Xây dựng kế hoạch, kịch bản; phân công chuẩn bị",
                            "Kế hoạch, kịch bản chương trình",
                            3,
                            10,
                            KH,
                        ),
                        step(
                            "Tổ chức, điều hành chương trình",
                            "Chương trình được tổ chức",
                            2,
                            10,
                            NONE,
                        ),
                        step(
                            "Tổng hợp kết quả, báo cáo",
                            "Báo cáo kết quả tổ chức sự kiện",
                            2,
                            7,
                            BC,
                        ),
                    ],
                ),
                task(
                    "Quản lý di tích, cơ sở tín ngưỡng, tôn giáo",
                    S,
                    2,
                    &[step(
                        "Kiểm tra hoạt động tại di tích; hướng dẫn tu bổ, tổ chức lễ hội đúng quy định; báo cáo",
                        "Biên bản kiểm tra, báo cáo",
                        2,
                        8,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Thông tin, tuyên truyền",
            tasks: &[
                task(
                    "Biên tập, đăng tin, bài trên Cổng thông tin điện tử quận",
                    S,
                    8,
                    &[step(
                        "Thu thập thông tin; viết, biên tập tin, bài; trình duyệt; đăng tải",
                        "Tin, bài được đăng tải",
                        2,
                        6,
                        NONE,
                    )],
                ),
                task(
                    "Tổ chức tuyên truyền trực quan bằng pano, băng rôn, khẩu hiệu",
                    S,
                    3,
                    &[step(
                        "Xây dựng nội dung khẩu hiệu; hướng dẫn phường treo; kiểm tra",
                        "Văn bản hướng dẫn tuyên truyền, nội dung khẩu hiệu",
                        1,
                        7,
                        CV,
                    )],
                ),
                task(
                    "Kiểm tra hoạt động kinh doanh dịch vụ văn hóa, karaoke, internet",
                    S,
                    3,
                    &[step(
                        "Lập kế hoạch; kiểm tra tại cơ sở; lập biên bản; đề xuất xử lý",
                        "Biên bản kiểm tra",
                        2,
                        8,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Thể dục, thể thao",
            tasks: &[
                task(
                    "Tổ chức giải thể thao quần chúng cấp quận",
                    S,
                    2,
                    &[
                        step(
                            "Xây dựng điều lệ, kế hoạch tổ chức giải",
                            "Điều lệ, kế hoạch tổ chức giải",
                            2,
                            9,
                            KH,
                        ),
                        step(
                            "Điều hành giải; tổng hợp kết quả",
                            "Báo cáo kết quả giải",
                            2,
                            10,
                            BC,
                        ),
                    ],
                ),
                task(
                    "Hướng dẫn, kiểm tra hoạt động thể thao cơ sở",
                    S,
                    2,
                    &[step(
                        "Hướng dẫn phường, câu lạc bộ; kiểm tra điều kiện hoạt động; dự thảo văn bản hướng dẫn",
                        "Văn bản hướng dẫn",
                        2,
                        7,
                        CV,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const GIAO_DUC: UnitT = UnitT {
    key: "giao duc",
    abbr: "GDĐT",
    shared: true,
    areas: &[
        AreaT {
            name: "Chuyên môn, nghiệp vụ giáo dục",
            tasks: &[
                task(
                    "Kiểm tra chuyên môn tại trường học",
                    S,
                    3,
                    &[step(
                        "Dự giờ; kiểm tra hồ sơ chuyên môn, kế hoạch giáo dục; góp ý; dự thảo thông báo kết quả",
                        "Biên bản kiểm tra, thông báo kết quả kiểm tra",
                        3,
                        9,
                        TB,
                    )],
                ),
                seasonal(
                    "Tổ chức kỳ thi học sinh giỏi cấp quận",
                    S,
                    3,
                    months(10, 3),
                    &[
                        step(
                            "Xây dựng kế hoạch; tổ chức ra đề, in sao đề",
                            "Kế hoạch thi, đề thi",
                            3,
                            10,
                            KH,
                        ),
                        step(
                            "Tổ chức coi thi, chấm thi",
                            "Biên bản coi thi, chấm thi",
                            2,
                            11,
                            NONE,
                        ),
                        step(
                            "Tổng hợp, công bố kết quả",
                            "Quyết định công nhận kết quả thi",
                            2,
                            8,
                            QD,
                        ),
                    ],
                ),
                task(
                    "Tổng hợp thống kê giáo dục",
                    S,
                    2,
                    &[step(
                        "Hướng dẫn trường nhập số liệu; kiểm tra, tổng hợp; dự thảo báo cáo thống kê",
                        "Báo cáo thống kê giáo dục",
                        2,
                        9,
                        BC,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Tuyển sinh, quản lý học sinh",
            tasks: &[
                seasonal(
                    "Xây dựng kế hoạch tuyển sinh đầu cấp",
                    S,
                    3,
                    months(2, 5),
                    &[step(
                        "Rà soát số trẻ trong độ tuổi, quy mô trường lớp; phân tuyến; dự thảo kế hoạch",
                        "Kế hoạch tuyển sinh",
                        3,
                        10,
                        KH,
                    )],
                ),
                task(
                    "Giải quyết hồ sơ chuyển trường cho học sinh",
                    S,
                    6,
                    &[step(
                        "Kiểm tra hồ sơ, chỉ tiêu trường tiếp nhận; cấp giấy giới thiệu chuyển trường",
                        "Giấy giới thiệu chuyển trường",
                        1,
                        4,
                        NONE,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Cơ sở giáo dục, cơ sở vật chất",
            tasks: &[
                task(
                    "Thẩm định hồ sơ công nhận trường đạt chuẩn quốc gia",
                    S,
                    1,
                    &[step(
                        "Kiểm tra hồ sơ tự đánh giá; kiểm tra thực tế tại trường; lập báo cáo thẩm định, tờ trình",
                        "Báo cáo thẩm định, tờ trình đề nghị công nhận",
                        3,
                        10,
                        TTR,
                    )],
                ),
                task(
                    "Thẩm định hồ sơ cấp phép nhóm trẻ, lớp mẫu giáo độc lập",
                    S,
                    3,
                    &[step(
                        "Kiểm tra hồ sơ; kiểm tra điều kiện cơ sở vật chất, đội ngũ; dự thảo quyết định",
                        "Biên bản thẩm định, dự thảo quyết định cho phép hoạt động",
                        2,
                        7,
                        QD,
                    )],
                ),
                task(
                    "Kiểm tra cơ sở vật chất, an toàn trường học",
                    S,
                    3,
                    &[step(
                        "Kiểm tra phòng học, thiết bị, phòng cháy chữa cháy, bếp ăn; lập biên bản; đề xuất",
                        "Biên bản kiểm tra",
                        2,
                        8,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

pub(crate) const Y_TE: UnitT = UnitT {
    key: "y te",
    abbr: "YT",
    shared: true,
    areas: &[
        AreaT {
            name: "An toàn thực phẩm",
            tasks: &[
                task(
                    "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                    S,
                    4,
                    &[step(
                        "Tiếp nhận hồ sơ; thẩm định tại cơ sở; dự thảo giấy chứng nhận",
                        "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                        2,
                        7,
                        GCN_ATTP,
                    )],
                ),
                task(
                    "Kiểm tra an toàn thực phẩm tại cơ sở sản xuất, kinh doanh",
                    S,
                    6,
                    &[step(
                        "Kiểm tra điều kiện, hồ sơ, nguồn gốc thực phẩm; lấy mẫu khi cần; lập biên bản",
                        "Biên bản kiểm tra",
                        2,
                        8,
                        NONE,
                    )],
                ),
                task(
                    "Tiếp nhận bản cam kết bảo đảm an toàn thực phẩm",
                    S,
                    5,
                    &[step(
                        "Tiếp nhận, kiểm tra bản cam kết; vào sổ; cập nhật danh sách cơ sở quản lý",
                        "Sổ tiếp nhận bản cam kết",
                        1,
                        3,
                        NONE,
                    )],
                ),
                seasonal(
                    "Kiểm tra liên ngành an toàn thực phẩm dịp Tết",
                    S,
                    4,
                    months(12, 2),
                    &[
                        step(
                            "Xây dựng kế hoạch; dự thảo quyết định thành lập đoàn kiểm tra liên ngành",
                            "Kế hoạch, quyết định thành lập đoàn kiểm tra",
                            2,
                            9,
                            KH,
                        ),
                        step(
                            "Kiểm tra tại cơ sở, xử lý vi phạm; tổng hợp, báo cáo kết quả",
                            "Biên bản kiểm tra, báo cáo kết quả",
                            2,
                            11,
                            BC,
                        ),
                    ],
                ),
            ],
        },
        AreaT {
            name: "Y tế dự phòng, dân số",
            tasks: &[
                task(
                    "Theo dõi, báo cáo tình hình dịch bệnh truyền nhiễm",
                    S,
                    6,
                    &[step(
                        "Cập nhật số ca mắc từ trạm y tế phường; phân tích diễn biến; dự thảo báo cáo tuần",
                        "Báo cáo tình hình dịch bệnh",
                        2,
                        5,
                        BC,
                    )],
                ),
                seasonal(
                    "Xây dựng kế hoạch phòng, chống dịch sốt xuất huyết",
                    S,
                    3,
                    months(3, 6),
                    &[step(
                        "Đánh giá tình hình năm trước; xác định địa bàn trọng điểm; dự thảo kế hoạch; trình ban hành",
                        "Kế hoạch phòng, chống dịch sốt xuất huyết",
                        3,
                        10,
                        KH,
                    )],
                ),
                task(
                    "Tổng hợp báo cáo công tác dân số",
                    S,
                    2,
                    &[step(
                        "Thu thập số liệu của phường; tổng hợp; dự thảo báo cáo",
                        "Báo cáo công tác dân số",
                        2,
                        8,
                        BC,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Hành nghề y, dược",
            tasks: &[task(
                "Kiểm tra hoạt động hành nghề y, dược tư nhân",
                S,
                3,
                &[step(
                    "Kiểm tra chứng chỉ hành nghề, điều kiện cơ sở, thuốc; lập biên bản; đề xuất xử lý",
                    "Biên bản kiểm tra",
                    3,
                    8,
                    NONE,
                )],
            )],
        },
    ],
};

/// The top leader's unit (UBND quận): the Chủ tịch's own catalog.
pub(crate) const UBND: UnitT = UnitT {
    key: "ubnd",
    abbr: "VP",
    shared: false,
    areas: &[
        AreaT {
            name: "Chỉ đạo, điều hành chung",
            tasks: &[
                task(
                    "Chủ trì phiên họp UBND quận thường kỳ",
                    L,
                    2,
                    &[step(
                        "Nghiên cứu tài liệu; chủ trì thảo luận; kết luận các nội dung trình phiên họp",
                        "Thông báo kết luận phiên họp",
                        4,
                        9,
                        TB,
                    )],
                ),
                task(
                    "Xem xét, ký ban hành văn bản của UBND quận",
                    L,
                    30,
                    &[step(
                        "Đọc dự thảo, hồ sơ trình; cho ý kiến chỉnh sửa; ký ban hành",
                        "Văn bản được ký ban hành",
                        3,
                        3,
                        NONE,
                    )],
                ),
                task(
                    "Chủ trì hội nghị, làm việc với các phòng, ban, phường",
                    L,
                    6,
                    &[step(
                        "Nghe báo cáo; chỉ đạo tháo gỡ vướng mắc; kết luận",
                        "Thông báo kết luận",
                        3,
                        8,
                        TB,
                    )],
                ),
                seasonal(
                    "Chỉ đạo xây dựng kế hoạch phát triển kinh tế - xã hội năm sau",
                    L,
                    3,
                    months(10, 12),
                    &[
                        step(
                            "Cho ý kiến định hướng, chỉ tiêu; chủ trì họp thông qua dự thảo",
                            "Thông báo kết luận về dự thảo kế hoạch",
                            4,
                            10,
                            TB,
                        ),
                        step(
                            "Hoàn thiện; trình HĐND quận",
                            "Tờ trình, báo cáo trình HĐND quận",
                            4,
                            9,
                            TTR_UBND,
                        ),
                    ],
                ),
                task(
                    "Chỉ đạo công tác phòng, chống thiên tai, dịch bệnh",
                    L,
                    2,
                    &[step(
                        "Nắm tình hình; giao nhiệm vụ cho các phòng, phường; kiểm tra việc thực hiện",
                        "Văn bản chỉ đạo",
                        3,
                        7,
                        CV,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Tiếp công dân, giải quyết khiếu nại, tố cáo",
            tasks: &[
                task(
                    "Tiếp công dân định kỳ",
                    L,
                    2,
                    &[step(
                        "Nghiên cứu hồ sơ vụ việc; tiếp công dân; chỉ đạo giải quyết",
                        "Thông báo kết luận tiếp công dân",
                        3,
                        9,
                        TB,
                    )],
                ),
                task(
                    "Ký quyết định giải quyết khiếu nại, tố cáo",
                    L,
                    2,
                    &[step(
                        "Nghiên cứu báo cáo xác minh; đối thoại khi cần; quyết định giải quyết",
                        "Quyết định giải quyết khiếu nại, kết luận nội dung tố cáo",
                        4,
                        8,
                        QD,
                    )],
                ),
            ],
        },
        AreaT {
            name: "Phối hợp, đối ngoại",
            tasks: &[
                task(
                    "Dự họp, làm việc với Thành ủy, HĐND, UBND thành phố",
                    L,
                    4,
                    &[step(
                        "Chuẩn bị báo cáo của quận; dự họp; báo cáo, giải trình; triển khai kết luận",
                        "Báo cáo, ý kiến tham gia",
                        3,
                        8,
                        NONE,
                    )],
                ),
                task(
                    "Kiểm tra thực địa công trình, dự án trọng điểm",
                    L,
                    3,
                    &[step(
                        "Kiểm tra hiện trường; nghe báo cáo chủ đầu tư; chỉ đạo tháo gỡ vướng mắc",
                        "Thông báo kết luận kiểm tra",
                        3,
                        8,
                        TB,
                    )],
                ),
                task(
                    "Tiếp, làm việc với đoàn công tác, doanh nghiệp, nhà đầu tư",
                    L,
                    3,
                    &[step(
                        "Nghe đề xuất; trao đổi; giao phòng chuyên môn nghiên cứu, tham mưu",
                        "Thông báo ý kiến kết luận",
                        3,
                        7,
                        NONE,
                    )],
                ),
            ],
        },
    ],
};

/// A unit none of the above fits (reference data with other units).
pub(crate) const GENERIC: UnitT = UnitT {
    key: "",
    abbr: "UBND",
    shared: true,
    areas: &[AreaT {
        name: "Tham mưu chuyên môn",
        tasks: &[
            task(
                "Tham mưu văn bản chỉ đạo, hướng dẫn thuộc lĩnh vực",
                S,
                6,
                &[step(
                    "Nghiên cứu quy định, tình hình thực tế; dự thảo văn bản; lấy ý kiến; trình ký",
                    "Văn bản chỉ đạo, hướng dẫn",
                    3,
                    8,
                    CV,
                )],
            ),
            task(
                "Kiểm tra, hướng dẫn cơ sở thực hiện nhiệm vụ chuyên môn",
                S,
                4,
                &[step(
                    "Lập kế hoạch; kiểm tra tại cơ sở; lập biên bản; báo cáo đề xuất",
                    "Biên bản kiểm tra, báo cáo",
                    2,
                    8,
                    NONE,
                )],
            ),
            task(
                "Giải quyết hồ sơ thủ tục hành chính thuộc lĩnh vực",
                S,
                8,
                &[step(
                    "Tiếp nhận, kiểm tra hồ sơ; thẩm định; trình ký; trả kết quả",
                    "Kết quả giải quyết thủ tục hành chính",
                    2,
                    5,
                    NONE,
                )],
            ),
            task(
                "Xây dựng kế hoạch công tác năm của lĩnh vực",
                S,
                1,
                &[step(
                    "Đánh giá kết quả năm trước; xác định chỉ tiêu; dự thảo kế hoạch; trình ban hành",
                    "Kế hoạch công tác năm",
                    3,
                    10,
                    KH,
                )],
            ),
        ],
    }],
};

/// Every template, the most specific keys first.
pub(crate) const TEMPLATES: &[&UnitT] = &[
    &VAN_PHONG,
    &NOI_VU,
    &THANH_TRA,
    &TU_PHAP,
    &TAI_CHINH,
    &KINH_TE,
    &TAI_NGUYEN,
    &DO_THI,
    &LAO_DONG,
    &VAN_HOA,
    &GIAO_DUC,
    &Y_TE,
    &UBND,
];

/// A task not in any catalog (004's "các nguồn ngoài hệ thống"), logged
/// with its own complexity and bucket.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AdHocT {
    pub(crate) name: &'static str,
    pub(crate) n: u8,
    pub(crate) b: u8,
    pub(crate) who: Who,
    pub(crate) season: Season,
}

const fn adhoc(name: &'static str, n: u8, b: u8, who: Who, season: Season) -> AdHocT {
    AdHocT {
        name,
        n,
        b,
        who,
        season,
    }
}

pub(crate) const AD_HOC: &[AdHocT] = &[
    adhoc(
        "Tham gia đoàn kiểm tra liên ngành của quận",
        2,
        9,
        L | S,
        ANY,
    ),
    adhoc(
        "Tham gia tổ công tác rà soát danh mục sản phẩm, công việc (KPI)",
        2,
        8,
        L | S,
        months(3, 6),
    ),
    adhoc(
        "Hỗ trợ phường ra quân xử lý vi phạm trật tự đô thị",
        2,
        9,
        S,
        ANY,
    ),
    adhoc("Trực cơ quan ngày nghỉ, ngày lễ", 1, 9, ALL, ANY),
    adhoc(
        "Tham gia lớp bồi dưỡng kiến thức quốc phòng và an ninh",
        1,
        10,
        L | S,
        months(3, 11),
    ),
    adhoc(
        "Chuẩn bị tài liệu phục vụ đoàn kiểm tra của thành phố",
        2,
        8,
        L | S | C,
        ANY,
    ),
    adhoc(
        "Phục vụ đoàn công tác của thành phố về làm việc tại quận",
        1,
        8,
        D | G | P,
        ANY,
    ),
    adhoc(
        "Tham gia diễn tập phòng cháy, chữa cháy tại trụ sở",
        1,
        7,
        ALL,
        months(4, 11),
    ),
    adhoc(
        "Ra quân tổng vệ sinh môi trường, Tết trồng cây",
        1,
        8,
        ALL,
        months(1, 3),
    ),
    adhoc("Trực Tết Nguyên đán tại cơ quan", 1, 9, ALL, months(1, 2)),
];
