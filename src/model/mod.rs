//! The annual plan: one serde model that the store, the plan file, the CLI and (later) the
//! app and the exporters all share. Numbers and totals are *not* fields: they are computed
//! (see `numbering` and `budget`), so a plan can never carry a duplicate "6.1" or a total
//! that disagrees with its lines.

mod consultation;

pub use chrono::NaiveDate;
pub use consultation::{Answer, AnswerCounts, Comment, CommentPlace, Consultation, Reply};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable identifier of an item inside a plan (task, group, indicator…). Generated when
/// missing so that hand-written plan files (like the sample) need not invent ids.
pub type Id = String;

pub fn new_id() -> Id {
    let numbered = ID_SEQUENCE.with(|s| {
        let n = s.get();
        s.set(n.map(|k| k + 1));
        n
    });
    match numbered {
        Some(n) => format!("n{n:011}"),
        None => uuid::Uuid::new_v4().simple().to_string()[..12].to_string(),
    }
}

thread_local! {
    static ID_SEQUENCE: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with the ids it makes numbered in order ("n00000000001", …) instead of random,
/// so that reading the same file twice gives the same plan. Ids only need to be unique
/// within one plan.
pub fn numbered_ids<T>(f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            ID_SEQUENCE.with(|s| s.set(None));
        }
    }
    ID_SEQUENCE.with(|s| s.set(Some(1)));
    let _reset = Reset;
    f()
}

/// Exact decimals as JSON strings ("1250.5"), the form the window and the plan file use.
///
/// Why not rust_decimal's own `serde::str_option`: inside an internally tagged enum (`Edit`,
/// tagged by "op") serde buffers a JSON `null` as a unit value, which that visitor refuses
/// ("invalid type: null, expected a Decimal"), so an empty number typed in the window could
/// never be saved. Going through `Option<String>` accepts null, unit and a missing field
/// alike, and an empty or blank string means "not given" too.
pub mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    fn parse<E: serde::de::Error>(s: &str) -> Result<Decimal, E> {
        s.trim()
            .parse::<Decimal>()
            .or_else(|_| Decimal::from_scientific(s.trim()))
            .map_err(|_| E::custom(format!("«{s}» không phải là một số")))
    }

    pub mod optional {
        use super::*;

        pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Some(d) => s.serialize_some(&d.to_string()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            match Option::<String>::deserialize(d)? {
                Some(s) if !s.trim().is_empty() => parse(&s).map(Some),
                _ => Ok(None),
            }
        }
    }

    pub mod required {
        use super::*;

        pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&v.to_string())
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
            let s = String::deserialize(d)?;
            if s.trim().is_empty() {
                return Err(D::Error::custom("số tiền còn trống"));
            }
            parse(&s)
        }
    }
}

/// Narrative text: a Markdown subset (paragraphs, "- " bullets, ordered lists rendered as
/// lettered points, **bold**, *italic*). See `narrative`.
pub type Text = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub identity: Identity,
    /// The agencies this plan refers to; every agency reference is an id in this list.
    #[serde(default)]
    pub directory: Vec<Agency>,
    #[serde(default)]
    pub legal_bases: Vec<LegalBasis>,
    #[serde(default)]
    pub assessment: Assessment,
    #[serde(default)]
    pub vision: Text,
    #[serde(default)]
    pub general_goal: Text,
    #[serde(default)]
    pub specific_goals: Vec<Goal>,
    #[serde(default)]
    pub groups: Vec<TaskGroup>,
    /// Section IV, titled items numbered 1…n when rendered.
    #[serde(default)]
    pub solutions: Vec<NarrativeSection>,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub organisation: Organisation,
    /// Findings of the final check the planner confirmed as intended (a retired agency
    /// named in a quotation, a baseline year), by `validation::Finding::key`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intended: Vec<String>,
    /// What the import from Word or Excel asked the planner to check, kept as findings of
    /// the draft until the planner marks each one as seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_review: Vec<ReviewNote>,
    /// The draft sent to the agencies for comments, their answers and the drafter's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<Consultation>,
}

/// One point to check that an import left: where (as the import names it) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReviewNote {
    #[serde(default = "new_id")]
    pub id: Id,
    pub place: String,
    pub message: String,
}

/// The parts of a plan as its outline shows them: where a finding, a text or an edit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Identity,
    Directory,
    LegalBases,
    Assessment,
    Goals,
    Tasks,
    Solutions,
    Budget,
    Organisation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Kế hoạch issued directly (seed 004).
    KeHoach,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    Draft,
    Final,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// "Quảng Ngãi"
    pub province: String,
    /// The year the plan is for (2023 for seed 004).
    pub year: i32,
    pub kind: DocKind,
    /// Subject line: "Chuyển đổi số tỉnh Quảng Ngãi năm 2023".
    pub title: String,
    /// Full name of the issuing body, used in citations: "Ủy ban nhân dân tỉnh Quảng Ngãi".
    pub issuer: String,
    /// Left header block lines, top to bottom: ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"].
    pub header_lines: Vec<String>,
    /// Document number, digits only ("189"); empty while drafting.
    #[serde(default)]
    pub number: Option<String>,
    /// Symbol after the slash: "KH-UBND".
    pub symbol: String,
    /// Place in the date line: "Quảng Ngãi".
    pub place: String,
    #[serde(default)]
    pub issue_date: Option<NaiveDate>,
    #[serde(default)]
    pub status: PlanStatus,
    pub signer: Signer,
    /// "Nơi nhận" items without the leading dash and trailing ";".
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Unit in "Lưu: VT, KGVX."
    #[serde(default)]
    pub archive_unit: String,
    /// The department drafting the plan (agency id) — "thông qua Sở …".
    #[serde(default)]
    pub drafting_agency: Option<Id>,
    /// Opening paragraph before Phần I.
    #[serde(default)]
    pub opening: Text,
    /// Which catalogue versions this plan follows.
    #[serde(default)]
    pub guidance: Vec<CatalogueRef>,
    /// When the plan is issued by a decision ("Quyết định ban hành Kế hoạch …").
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The number of the year's results report (the "415" of "Số: 415/BC-UBND"), given
    /// when it is issued: a final report is not exported without it.
    #[serde(default)]
    pub report_number: Option<String>,
    /// The drafting department's Tờ trình submitting the plan to the committee; once it has
    /// a number and a date, the decision's "Theo đề nghị …" line cites it.
    #[serde(default)]
    pub submission: Option<Submission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Digits only; empty while drafting.
    #[serde(default)]
    pub number: Option<String>,
    /// "TTr-SKHCN"
    pub symbol: String,
    #[serde(default)]
    pub issue_date: Option<NaiveDate>,
    /// "GIÁM ĐỐC", or "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" over two lines.
    pub signer_title: String,
    #[serde(default)]
    pub signer_name: String,
    /// The department's own drafting unit in the Tờ trình's "Lưu: VT, CĐS." line: the Tờ
    /// trình is the department's document, filed by its office, not by the committee's
    /// (whose unit is `Identity::archive_unit`). The consultation letter takes the unit its
    /// symbol names.
    #[serde(default)]
    pub archive_unit: String,
}

impl Submission {
    /// A new Tờ trình of the drafting department, to be numbered when it is signed.
    pub fn new() -> Self {
        Submission {
            number: None,
            symbol: "TTr-SKHCN".into(),
            issue_date: None,
            signer_title: "GIÁM ĐỐC".into(),
            signer_name: String::new(),
            archive_unit: String::new(),
        }
    }
}

impl Default for Submission {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Digits only; empty while drafting.
    #[serde(default)]
    pub number: Option<String>,
    /// "QĐ-UBND"
    pub symbol: String,
    #[serde(default)]
    pub issue_date: Option<NaiveDate>,
    /// The submission it answers: "Tờ trình số 123/TTr-SKHCN ngày 01/12/2026".
    #[serde(default)]
    pub proposal: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// "TM. ỦY BAN NHÂN DÂN"
    pub authority: String,
    /// "KT. CHỦ TỊCH" when a deputy signs.
    #[serde(default)]
    pub deputy_line: Option<String>,
    /// "PHÓ CHỦ TỊCH"
    pub title: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Sở and equivalent provincial departments.
    So,
    /// Other provincial bodies (Văn phòng UBND, Công an tỉnh, Tỉnh đoàn, Ban…).
    TinhKhac,
    /// Commune-level People's Committees (cấp xã).
    UbndXa,
    /// District level — gone since 1/7/2025, kept so that older plans load.
    UbndHuyen,
    /// Central bodies and their local branches.
    TrungUong,
    /// Enterprises and other non-state bodies.
    DoanhNghiep,
    /// A collective ("Các Sở, ban, ngành tỉnh"): not one accountable body.
    TapThe,
    Khac,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: Id,
    /// "Sở Thông tin và Truyền thông"
    pub name: String,
    /// "Sở TT&TT"; tables use it when present.
    #[serde(default)]
    pub short: Option<String>,
    pub kind: AgencyKind,
}

impl Agency {
    pub fn display_short(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    NghiQuyet,
    QuyetDinh,
    ChiThi,
    KeHoach,
    CongVan,
    NghiDinh,
    ThongTu,
    Luat,
    ThongBao,
    ChuongTrinh,
    Khac,
}

impl DocType {
    pub fn label(self) -> &'static str {
        match self {
            DocType::NghiQuyet => "Nghị quyết",
            DocType::QuyetDinh => "Quyết định",
            DocType::ChiThi => "Chỉ thị",
            DocType::KeHoach => "Kế hoạch",
            DocType::CongVan => "Công văn",
            DocType::NghiDinh => "Nghị định",
            DocType::ThongTu => "Thông tư",
            DocType::Luat => "Luật",
            DocType::ThongBao => "Thông báo",
            DocType::ChuongTrinh => "Chương trình",
            DocType::Khac => "Văn bản",
        }
    }
}

/// A cited document: a legal basis, or a document issued last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    #[serde(default = "new_id")]
    pub id: Id,
    pub kind: DocType,
    /// "749/QĐ-TTg"
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// "Thủ tướng Chính phủ"
    #[serde(default)]
    pub issuer: String,
    /// What follows the issuer: "phê duyệt Chương trình Chuyển đổi số quốc gia …"; for a law,
    /// its name ("Giao dịch điện tử").
    pub title: String,
    /// Id in the legal-bases library, when picked from it.
    #[serde(default)]
    pub library_ref: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// "I. Tình hình thực hiện mục tiêu": last year's goals reviewed.
    #[serde(default)]
    pub goals_review: Text,
    /// "II. Tình hình thực hiện các nhiệm vụ": narrative per area ("Nhận thức số", …).
    #[serde(default)]
    pub sections: Vec<NarrativeSection>,
    /// What was spent last year ("khoảng 100 tỷ đồng").
    #[serde(default)]
    pub budget_spent: Text,
    #[serde(default)]
    pub indicators: Vec<IndicatorReview>,
    #[serde(default)]
    pub tasks: Vec<TaskReview>,
    /// Documents the province issued last year (an appendix of the plan).
    #[serde(default)]
    pub documents: Vec<LegalBasis>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NarrativeSection {
    #[serde(default = "new_id")]
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IndicatorReview {
    #[serde(default = "new_id")]
    pub id: Id,
    pub indicator: Indicator,
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub actual: Option<Decimal>,
    /// Set by the planner; `None` = not yet assessed.
    #[serde(default)]
    pub achieved: Option<bool>,
    #[serde(default)]
    pub note: Text,
}

impl IndicatorReview {
    /// Last year's indicator has a verdict, or the reason it has none.
    pub fn assessed(&self) -> bool {
        self.achieved.is_some() || !self.note.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TaskReview {
    #[serde(default = "new_id")]
    pub id: Id,
    pub group: String,
    pub title: String,
    #[serde(default)]
    pub lead: Vec<Id>,
    /// `None` until the planner has assessed it.
    #[serde(default)]
    pub status: Option<TaskStatus>,
    #[serde(default)]
    pub result: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    ChinhQuyenSo,
    KinhTeSo,
    XaHoiSo,
    NenTang,
    AnToanThongTin,
    LinhVucUuTien,
    Khac,
}

impl Pillar {
    pub fn label(self) -> &'static str {
        match self {
            Pillar::ChinhQuyenSo => "Chính quyền số",
            Pillar::KinhTeSo => "Kinh tế số",
            Pillar::XaHoiSo => "Xã hội số",
            Pillar::NenTang => "Nền tảng, hạ tầng, dữ liệu",
            Pillar::AnToanThongTin => "An toàn thông tin mạng",
            Pillar::LinhVucUuTien => "Lĩnh vực ưu tiên",
            Pillar::Khac => "Khác",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    #[serde(default = "new_id")]
    pub id: Id,
    pub pillar: Pillar,
    pub title: String,
    #[serde(default)]
    pub text: Text,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥ "tối thiểu"
    AtLeast,
    /// > "trên"
    Above,
    /// = "đạt"
    Equal,
    /// ≈ "khoảng"
    About,
    /// "65-70%"
    Range,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[serde(default = "new_id")]
    pub id: Id,
    pub name: String,
    /// "%", "hệ thống", "người", …
    pub unit: String,
    pub comparator: Comparator,
    /// `None` while the planner has not given it yet (validation says so).
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub target: Option<Decimal>,
    /// Upper bound for `Range`.
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub target_max: Option<Decimal>,
    /// What a percentage is of, when the text says it ("hộ gia đình").
    #[serde(default)]
    pub denominator: Option<String>,
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub baseline: Option<Decimal>,
    /// The value reached, entered while the plan is tracked; next year's baseline.
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub actual: Option<Decimal>,
    /// The day `actual` was measured (tracking; a value without a date cannot be reported).
    #[serde(default)]
    pub measured: Option<NaiveDate>,
    #[serde(default)]
    pub target_date: Option<Deadline>,
    #[serde(default)]
    pub catalogue_ref: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TaskGroup {
    #[serde(default = "new_id")]
    pub id: Id,
    pub title: String,
    /// Position in the 2390 outline ("IV.1.3") or a national group, when known.
    #[serde(default)]
    pub framework_ref: Option<String>,
    /// Text the body shows under the group heading, besides its tasks.
    #[serde(default)]
    pub intro: Text,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    ChuaTrienKhai,
    DangTrienKhai,
    HoanThanh,
    ChamTienDo,
    KhongThucHien,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::ChuaTrienKhai,
        TaskStatus::DangTrienKhai,
        TaskStatus::HoanThanh,
        TaskStatus::ChamTienDo,
        TaskStatus::KhongThucHien,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::ChuaTrienKhai => "Chưa triển khai",
            TaskStatus::DangTrienKhai => "Đang triển khai",
            TaskStatus::HoanThanh => "Hoàn thành",
            TaskStatus::ChamTienDo => "Chậm tiến độ",
            TaskStatus::KhongThucHien => "Không thực hiện",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Task {
    #[serde(default = "new_id")]
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: Text,
    /// Normally exactly one agency; real plans sometimes name several or a collective,
    /// which the model keeps and validation flags.
    #[serde(default)]
    pub lead: Vec<Id>,
    #[serde(default)]
    pub coordinating: Vec<Id>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    #[serde(default)]
    pub output: String,
    #[serde(default)]
    pub budget: Vec<BudgetLine>,
    /// "vn-tinh-2024:2.4" — catalogue id and task code.
    #[serde(default)]
    pub national_task: Option<String>,
    /// Ids of indicators (in `specific_goals`) this task serves.
    #[serde(default)]
    pub indicators: Vec<Id>,
    #[serde(default)]
    pub status: TaskStatus,
    /// How the task went during the plan's year (tracking), reported to the drafting
    /// department and carried into next year's Phần I.
    #[serde(default)]
    pub progress: Progress,
}

/// The tracking of a task during its year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// What was done, or why not ("Đã tổ chức 12 hội nghị…").
    #[serde(default)]
    pub note: Text,
    /// When the status or note was last reported.
    #[serde(default)]
    pub updated: Option<NaiveDate>,
    /// The output or evidence: a text, or a document's number.
    #[serde(default)]
    pub evidence: String,
    /// Million VND actually spent.
    #[serde(default, with = "decimal_text::optional")]
    #[ts(type = "string | null")]
    pub spent: Option<Decimal>,
}

impl Task {
    /// A new task with a fresh id, its title and lead, and nothing else set yet.
    pub fn new(title: String, lead: Vec<Id>) -> Task {
        Task {
            id: new_id(),
            title,
            description: String::new(),
            lead,
            coordinating: Vec::new(),
            deadline: None,
            output: String::new(),
            budget: Vec::new(),
            national_task: None,
            indicators: Vec::new(),
            status: TaskStatus::default(),
            progress: Progress::default(),
        }
    }
}

/// When a task is due, kept structured so that it can be sorted, checked and rolled over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Deadline {
    Date {
        date: NaiveDate,
    },
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    YearRange {
        from: i32,
        to: i32,
    },
    /// "trước ngày 30 tháng 11 hằng năm"
    Recurring {
        day: u32,
        month: u32,
    },
    /// "Thường xuyên"
    Continuous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetSource {
    /// Chi đầu tư phát triển (public-investment law).
    DauTuPhatTrien,
    /// Chi thường xuyên (recurrent spending).
    ThuongXuyen,
    /// Xã hội hóa (non-state).
    XaHoiHoa,
    Khac,
}

impl BudgetSource {
    pub const ALL: [BudgetSource; 4] = [
        BudgetSource::DauTuPhatTrien,
        BudgetSource::ThuongXuyen,
        BudgetSource::XaHoiHoa,
        BudgetSource::Khac,
    ];
    pub fn label(self) -> &'static str {
        match self {
            BudgetSource::DauTuPhatTrien => "Chi đầu tư phát triển",
            BudgetSource::ThuongXuyen => "Chi thường xuyên",
            BudgetSource::XaHoiHoa => "Xã hội hóa",
            BudgetSource::Khac => "Nguồn khác",
        }
    }

    /// As a table column shows it: "Thường xuyên".
    pub fn short_label(self) -> &'static str {
        match self {
            BudgetSource::DauTuPhatTrien => "Đầu tư phát triển",
            BudgetSource::ThuongXuyen => "Thường xuyên",
            BudgetSource::XaHoiHoa => "Xã hội hóa",
            BudgetSource::Khac => "Khác",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetLevel {
    Tinh,
    /// Only in plans before 1/7/2025.
    Huyen,
    Xa,
}

/// The first plan year under two-level local government (no district level from 1/7/2025).
pub const TWO_LEVEL_YEAR: i32 = 2026;

impl BudgetLevel {
    pub const ALL: [BudgetLevel; 3] = [BudgetLevel::Tinh, BudgetLevel::Huyen, BudgetLevel::Xa];

    /// The budget levels of a plan year: province, district and commune until 2025; province
    /// and commune after.
    pub fn of_year(year: i32) -> Vec<BudgetLevel> {
        Self::ALL
            .into_iter()
            .filter(|l| *l != BudgetLevel::Huyen || year < TWO_LEVEL_YEAR)
            .collect()
    }

    pub fn label(self) -> &'static str {
        match self {
            BudgetLevel::Tinh => "Ngân sách cấp tỉnh",
            BudgetLevel::Huyen => "Ngân sách cấp huyện",
            BudgetLevel::Xa => "Ngân sách cấp xã",
        }
    }

    /// As a table column shows it: "Tỉnh".
    pub fn short_label(self) -> &'static str {
        match self {
            BudgetLevel::Tinh => "Tỉnh",
            BudgetLevel::Huyen => "Huyện",
            BudgetLevel::Xa => "Xã",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    /// Million VND, exact.
    #[serde(with = "decimal_text::required")]
    #[ts(type = "string")]
    pub amount: Decimal,
    #[serde(default)]
    pub source: Option<BudgetSource>,
    #[serde(default)]
    pub level: Option<BudgetLevel>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    #[serde(default)]
    pub narrative: Text,
    /// Estimates not attached to a task (seed 004 gives its budget only as totals by
    /// source and level). Totals always add these to the task lines.
    #[serde(default)]
    pub unallocated: Vec<BudgetLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    #[serde(default)]
    pub duties: Vec<Duty>,
    /// Closing paragraph ("Trong quá trình tổ chức thực hiện …").
    #[serde(default)]
    pub closing: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    #[serde(default = "new_id")]
    pub id: Id,
    /// Heading shown in section VI ("Sở Nội vụ", "Các sở, ban, ngành và UBND cấp xã").
    pub heading: String,
    /// The agencies the heading stands for, when it names directory entries.
    #[serde(default)]
    pub agencies: Vec<Id>,
    #[serde(default)]
    pub text: Text,
    /// True while the text is what `organisation::generate` wrote; editing clears it.
    #[serde(default)]
    pub generated: bool,
}

impl Plan {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.directory.iter().find(|a| a.id == id)
    }

    /// Agencies by their short names, as tables show them ("Sở TT&TT; Sở Y tế"); an id not
    /// in the directory is shown as it is.
    pub fn agency_names(&self, ids: &[Id]) -> String {
        ids.iter()
            .map(|a| self.agency(a).map_or(a.as_str(), |x| x.display_short()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn tasks(&self) -> impl Iterator<Item = (&TaskGroup, &Task)> {
        self.groups
            .iter()
            .flat_map(|g| g.tasks.iter().map(move |t| (g, t)))
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&Goal, &Indicator)> {
        self.specific_goals
            .iter()
            .flat_map(|g| g.indicators.iter().map(move |i| (g, i)))
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks().map(|(_, t)| t).find(|t| t.id == id)
    }

    pub fn task_mut(&mut self, id: &str) -> Option<&mut Task> {
        self.groups
            .iter_mut()
            .flat_map(|g| g.tasks.iter_mut())
            .find(|t| t.id == id)
    }

    /// A blank plan with the identity filled for a province and year.
    pub fn blank(province: &str, year: i32) -> Plan {
        Plan {
            identity: Identity {
                province: province.to_string(),
                year,
                kind: DocKind::KeHoach,
                title: format!("Chuyển đổi số tỉnh {province} năm {year}"),
                issuer: format!("Ủy ban nhân dân tỉnh {province}"),
                header_lines: vec![
                    "ỦY BAN NHÂN DÂN".to_string(),
                    format!("TỈNH {}", province.to_uppercase()),
                ],
                number: None,
                symbol: "KH-UBND".to_string(),
                place: province.to_string(),
                issue_date: None,
                status: PlanStatus::Draft,
                signer: Signer {
                    authority: "TM. ỦY BAN NHÂN DÂN".to_string(),
                    deputy_line: Some("KT. CHỦ TỊCH".to_string()),
                    title: "PHÓ CHỦ TỊCH".to_string(),
                    name: String::new(),
                },
                recipients: Vec::new(),
                archive_unit: String::new(),
                drafting_agency: None,
                opening: String::new(),
                guidance: Vec::new(),
                decision: None,
                report_number: None,
                submission: None,
            },
            directory: Vec::new(),
            legal_bases: Vec::new(),
            assessment: Assessment::default(),
            vision: String::new(),
            general_goal: String::new(),
            specific_goals: Vec::new(),
            groups: Vec::new(),
            solutions: Vec::new(),
            budget: Budget::default(),
            organisation: Organisation::default(),
            intended: Vec::new(),
            to_review: Vec::new(),
            consultation: None,
        }
    }
}
