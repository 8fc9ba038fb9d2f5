//! Checks of currency: what a plan names must exist in the plan's year. A plan for 2026 or
//! later is drafted under the 2025 reform (34 provinces, two-level local government, Sở KH&CN
//! leading DX, new laws); a plan must not cite a document after its own date, and is warned
//! about documents, catalogues and guidance superseded by its year. The facts come from the
//! catalogues (`templates/catalogues/`), never from code.

use chrono::NaiveDate;

use crate::catalogue::{Catalogues, Kind};
use crate::model::{AgencyKind, BudgetLevel, Plan};
use crate::text::fold;

use super::{at, Findings, Section, Severity};

/// The first plan year under the 2025 reform (two-level local government from 1/7/2025).
pub const REFORM_YEAR: i32 = crate::model::TWO_LEVEL_YEAR;

pub(super) fn check(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    province(plan, cats, f);
    agencies(plan, cats, f);
    budget_levels(plan, f);
    recipients(plan, f);
    legal_bases(plan, cats, f);
    special_zones(plan, cats, f);
    catalogues_and_guidance(plan, cats, f);
}

/// The day a plan speaks from: its issue date, or the end of the year before (when plans
/// are issued).
pub fn plan_day(plan: &Plan) -> NaiveDate {
    plan.identity.issue_date.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(plan.identity.year - 1, 12, 31).unwrap_or(NaiveDate::MIN)
    })
}

fn province(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    let id = &plan.identity;
    if id.province.trim().is_empty() || cats.provinces().is_empty() {
        return;
    }
    let loc = || at(Section::Identity, "Thông tin văn bản");
    match cats.province(&id.province) {
        Some(p) if p.exists_in(id.year) => {}
        Some(p) => f.push(
            Severity::Error,
            "currency.province",
            loc(),
            match &p.merged_into {
                Some(into) => format!(
                    "Tỉnh {} không còn từ ngày 01/7/2025 (đã nhập vào {into}): kế hoạch năm {} do tỉnh {into} ban hành.",
                    p.name, id.year
                ),
                None => format!("«{}» không có trong danh mục tỉnh, thành phố của năm {}.", p.name, id.year),
            },
        ),
        None => f.push(
            Severity::Error,
            "currency.province",
            loc(),
            format!(
                "«{}» không có trong danh mục {} tỉnh, thành phố của năm {}.",
                id.province,
                cats.provinces().iter().filter(|p| p.exists_in(id.year)).count(),
                id.year
            ),
        ),
    }
}

/// Agencies of the directory that no longer exist in the plan's year: a department retired
/// by the 2025 reform (its preset entry ends before the year) or a district committee.
fn agencies(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    let year = plan.identity.year;
    let presets = cats.all_preset_agencies();
    let used = |id: &str| {
        plan.identity.drafting_agency.as_deref() == Some(id)
            || plan
                .tasks()
                .any(|(_, t)| t.lead.iter().chain(&t.coordinating).any(|a| a == id))
            || plan
                .organisation
                .duties
                .iter()
                .any(|d| d.agencies.iter().any(|a| a == id))
    };
    for a in &plan.directory {
        let retired = cats.retired_agency(a, year);
        let district = year >= REFORM_YEAR && a.kind == AgencyKind::UbndHuyen;
        if retired.is_none() && !district {
            continue;
        }
        let instead = retired
            .and_then(|p| p.replaced_by.as_deref())
            .and_then(|r| presets.iter().find(|p| p.id == r))
            .map_or(String::new(), |p| format!(" Thay bằng {}.", p.name));
        let (severity, what) = if used(&a.id) {
            (
                Severity::Error,
                "nhưng vẫn được giao nhiệm vụ hoặc trách nhiệm",
            )
        } else {
            (Severity::Warning, "hãy xóa khỏi danh bạ")
        };
        let why = if district {
            "cấp huyện không còn từ ngày 01/7/2025"
        } else {
            "cơ quan này không còn sau sắp xếp năm 2025"
        };
        f.push(
            severity,
            "currency.agency",
            at(Section::Directory, a.name.clone()),
            format!("{}: {why}, {what}.{instead}", a.name),
        );
    }
}

fn budget_levels(plan: &Plan, f: &mut Findings) {
    let levels = BudgetLevel::of_year(plan.identity.year);
    let district_lines = crate::budget::all_lines(plan)
        .filter(|l| l.level.is_some_and(|x| !levels.contains(&x)))
        .count();
    if district_lines > 0 {
        f.push(
            Severity::Error,
            "currency.budget_level",
            at(Section::Budget, "Kinh phí"),
            format!(
                "{district_lines} dòng kinh phí ghi ngân sách cấp huyện: từ năm {REFORM_YEAR} chỉ còn ngân sách cấp tỉnh và cấp xã."
            ),
        );
    }
}

/// A recipient the 2025 reform ended.
pub enum GoneRecipient {
    /// Bộ Thông tin và Truyền thông, merged into Bộ Khoa học và Công nghệ.
    Ministry,
    /// A district committee (the district level ended on 1/7/2025).
    District,
}

/// Whether a recipient still exists after the 2025 reform: what the check flags and the
/// roll-over replaces or removes.
pub fn gone_recipient(r: &str) -> Option<GoneRecipient> {
    let k = crate::agency_name::agency_key(r);
    if k.contains("thong tin va truyen thong") && k.starts_with("bo ") {
        Some(GoneRecipient::Ministry)
    } else if k.contains("cap huyen") || k.contains(" huyen") {
        Some(GoneRecipient::District)
    } else {
        None
    }
}

fn recipients(plan: &Plan, f: &mut Findings) {
    if plan.identity.year < REFORM_YEAR {
        return;
    }
    for r in &plan.identity.recipients {
        let why = match gone_recipient(r) {
            Some(GoneRecipient::Ministry) => {
                "Bộ Thông tin và Truyền thông đã hợp nhất vào Bộ Khoa học và Công nghệ"
            }
            Some(GoneRecipient::District) => "cấp huyện không còn từ ngày 01/7/2025",
            None => continue,
        };
        f.push(
            Severity::Error,
            "currency.recipient",
            at(Section::Identity, "Nơi nhận"),
            format!("Nơi nhận «{r}»: {why}."),
        );
    }
}

fn legal_bases(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    let library = cats.library();
    let day = plan_day(plan);
    let decision_day = plan.identity.decision.as_ref().and_then(|d| d.issue_date);
    let year_start = NaiveDate::from_ymd_opt(plan.identity.year, 1, 1).unwrap_or(NaiveDate::MIN);
    for b in &plan.legal_bases {
        let loc = || at(Section::LegalBases, b.citation());
        if let Some(date) = b.date {
            for (when, what) in [
                (Some(day), "kế hoạch"),
                (decision_day, "quyết định ban hành"),
            ] {
                if when.is_some_and(|w| date > w) {
                    f.push(
                        Severity::Error,
                        "currency.basis_future",
                        loc(),
                        format!(
                            "Căn cứ ban hành ngày {} — sau ngày của {what} ({}): văn bản chưa có khi {what} được ký.",
                            date.format("%d/%m/%Y"),
                            when.map_or(String::new(), |w| w.format("%d/%m/%Y").to_string())
                        ),
                    );
                }
            }
        }
        let Some(entry) = cats.library_entry(b) else {
            continue;
        };
        if let Some(from) = entry.superseded_from.filter(|s| *s <= year_start) {
            let by = entry
                .replaced_by
                .as_deref()
                .and_then(|r| library.iter().find(|d| d.document.id == r))
                .map_or(String::new(), |d| {
                    format!(" bởi {}", d.to_legal_basis().citation())
                });
            f.push(
                Severity::Warning,
                "currency.basis_superseded",
                loc(),
                format!(
                    "Văn bản đã được thay thế{by} từ ngày {}: không còn dùng làm căn cứ cho kế hoạch năm {}.",
                    from.format("%d/%m/%Y"),
                    plan.identity.year
                ),
            );
        }
    }
}

/// "đặc khu" written in a province that has none (an inland province copying a template).
fn special_zones(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    let Some(p) = cats.province(&plan.identity.province) else {
        return;
    };
    if !p.special_zones.is_empty() {
        return;
    }
    let places = plan
        .directory
        .iter()
        .map(|a| (Section::Directory, a.name.clone()))
        .chain(
            plan.identity
                .recipients
                .iter()
                .map(|r| (Section::Identity, r.clone())),
        )
        .chain(
            plan.organisation
                .duties
                .iter()
                .map(|d| (Section::Organisation, format!("{} {}", d.heading, d.text))),
        );
    for (section, text) in places {
        if fold(&text).contains("dac khu") {
            f.push(
                Severity::Warning,
                "currency.dac_khu",
                at(section, text.chars().take(80).collect::<String>()),
                format!(
                    "Tỉnh {} không có đặc khu: bỏ «đặc khu» (cấp xã gồm các xã, phường).",
                    p.name
                ),
            );
        }
    }
}

/// The national task catalogue the plan follows, and the guidance letter it cites, should be
/// those of its year or the year before.
fn catalogues_and_guidance(plan: &Plan, cats: &Catalogues, f: &mut Findings) {
    let year = plan.identity.year;
    for r in &plan.identity.guidance {
        let Some(c) = cats
            .get(&r.id)
            .filter(|c| c.meta.kind == Kind::NationalTasks)
        else {
            continue;
        };
        if c.meta.effective_year < year - 1 {
            f.push(
                Severity::Warning,
                "currency.catalogue_old",
                at(Section::Tasks, "Danh mục nhiệm vụ quốc gia"),
                format!(
                    "Kế hoạch năm {year} đang theo «{}» (năm {}). Khi Bộ Khoa học và Công nghệ ban hành danh mục nhiệm vụ năm {year}, hãy nhập danh mục đó bằng nút «Nhập danh mục…» ở màn hình danh mục.",
                    c.meta.title, c.meta.effective_year
                ),
            );
        }
    }
    // Where the letter is cited: the opening, the legal bases, or both — each place said, so
    // the finding takes the planner to it.
    let places = |number: &str| {
        let n = fold(number);
        let mut out = Vec::new();
        if fold(&plan.identity.opening).contains(&n) {
            out.push(at(Section::Identity, "Phần mở đầu"));
        }
        if plan
            .legal_bases
            .iter()
            .any(|b| b.number.as_deref().is_some_and(|x| fold(x) == n))
        {
            out.push(at(Section::LegalBases, "Căn cứ pháp lý"));
        }
        out
    };
    for letter in cats.library() {
        let (Some(for_year), Some(number)) =
            (letter.guidance_for, letter.document.number.as_deref())
        else {
            continue;
        };
        if for_year >= year - 1 {
            continue;
        }
        for place in places(number) {
            f.push(
                Severity::Warning,
                "currency.guidance_old",
                place,
                format!(
                    "Kế hoạch năm {year} viện dẫn Công văn {number} — hướng dẫn lập kế hoạch năm {for_year}. Thay bằng hướng dẫn năm {year} (hoặc năm {}, nếu năm {year} chưa có).",
                    year - 1
                ),
            );
        }
    }
}
