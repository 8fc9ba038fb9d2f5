//! What every part of a document is written from: the plan, whether it is a draft, which
//! document it is, and the template's appendix titles; with the numbers, dates and
//! placeholders the parts fill in.

use chrono::NaiveDate;

use super::{DocChoice, Options};
use crate::format::{date_short, lower_first};
use crate::model::Plan;
use crate::outline::AppendixTitles;

/// The day the report speaks of: given, or the last day of the plan's year.
pub fn as_of(plan: &Plan, given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(plan.identity.year, 12, 31).unwrap_or(NaiveDate::MIN)
    })
}

/// "BC-UBND": the report's symbol, for the issuer the plan's symbol names ("KH-UBND").
pub fn report_symbol(id: &crate::model::Identity) -> String {
    format!(
        "BC-{}",
        id.symbol.split_once('-').map_or("UBND", |(_, b)| b)
    )
}

/// The department drafting the plan, by name: the plan's own, else the one that drafts it
/// since the 2025 reform.
pub fn drafting_name(plan: &Plan) -> String {
    plan.identity
        .drafting_agency
        .as_deref()
        .and_then(|a| plan.agency(a))
        .map_or("Sở Khoa học và Công nghệ".to_string(), |a| {
            a.name.clone()
        })
}

pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub draft: bool,
    pub doc: DocChoice,
    pub appendix_titles: &'a AppendixTitles,
}

impl<'a> Ctx<'a> {
    pub fn new(plan: &'a Plan, opts: &Options, appendix_titles: &'a AppendixTitles) -> Self {
        Ctx {
            plan,
            draft: opts.draft,
            doc: opts.doc,
            appendix_titles,
        }
    }

    pub fn number(&self) -> Option<&str> {
        if self.draft {
            None
        } else {
            self.plan.identity.number.as_deref()
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        if self.draft {
            None
        } else {
            self.plan.identity.issue_date
        }
    }

    pub fn decision_number(&self) -> Option<&str> {
        if self.draft {
            None
        } else {
            self.plan.identity.decision.as_ref()?.number.as_deref()
        }
    }

    pub fn decision_date(&self) -> Option<NaiveDate> {
        if self.draft {
            None
        } else {
            self.plan.identity.decision.as_ref()?.issue_date
        }
    }

    /// The day the decision speaks from: its date, else the plan's, else the end of the year
    /// before the plan year (when plans are issued).
    pub fn decision_day(&self) -> NaiveDate {
        let id = &self.plan.identity;
        id.decision
            .as_ref()
            .and_then(|d| d.issue_date)
            .or(id.issue_date)
            .unwrap_or_else(|| {
                NaiveDate::from_ymd_opt(id.year - 1, 12, 31).unwrap_or(NaiveDate::MIN)
            })
    }

    /// "Ủy ban nhân dân các xã, phường" (with ", đặc khu" where the province has one), or the
    /// district committees for a decision before the two-level government of 1/7/2025.
    pub fn lower_committees(&self) -> String {
        let reform = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or(NaiveDate::MIN);
        if self.decision_day() < reform {
            return "Ủy ban nhân dân các huyện, thị xã, thành phố".into();
        }
        let zones = crate::catalogue::Catalogues::builtin()
            .province(&self.plan.identity.province)
            .is_some_and(|p| !p.special_zones.is_empty());
        format!(
            "Ủy ban nhân dân các xã, phường{}",
            if zones { ", đặc khu" } else { "" }
        )
    }

    pub fn decision_symbol(&self) -> String {
        self.plan
            .identity
            .decision
            .as_ref()
            .map_or("QĐ-UBND".into(), |d| d.symbol.clone())
    }

    /// "Tờ trình số 123/TTr-SKHCN ngày 01/12/2026", once the Tờ trình has both.
    pub fn submission_cited(&self) -> Option<String> {
        let s = self.plan.identity.submission.as_ref()?;
        let number = s
            .number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())?;
        Some(format!(
            "Tờ trình số {number}/{} ngày {}",
            s.symbol.trim(),
            date_short(s.issue_date?)
        ))
    }

    /// "(Kèm theo Kế hoạch số 189/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"
    pub fn attached_to(&self) -> String {
        let id = &self.plan.identity;
        let (kind, number, symbol, date) = match self.doc {
            DocChoice::KeHoach => ("Kế hoạch", self.number(), id.symbol.clone(), self.date()),
            DocChoice::BaoCao { as_of: day } => (
                "Báo cáo",
                id.report_number.as_deref().map(str::trim),
                report_symbol(id),
                Some(as_of(self.plan, day)),
            ),
            _ => (
                "Quyết định",
                self.decision_number(),
                self.decision_symbol(),
                self.decision_date(),
            ),
        };
        let number = number.map_or("      ".to_string(), str::to_string);
        let date = date.map_or("   /   /".to_string() + &id.year.to_string(), date_short);
        format!(
            "(Kèm theo {kind} số {number}/{symbol} ngày {date} của {})",
            id.issuer
        )
    }

    /// `fill`, with the consultation's dates and figures ({ngày gửi}, {hạn góp ý},
    /// {công văn}, {số cơ quan}, {số trả lời}, {số ý kiến}, {tiếp thu}, {giải trình},
    /// {không tiếp thu}, {không trả lời}); the plan's placeholders only when it has none.
    pub(crate) fn fill_round(&self, text: &str) -> String {
        let Some(c) = &self.plan.consultation else {
            return self.fill(text);
        };
        let n = c.counts();
        let letter = match c.letter_number.as_deref().filter(|_| !self.draft) {
            Some(number) => format!(
                " (Công văn số {number}/{} ngày {})",
                c.letter_symbol,
                date_short(c.sent_on)
            ),
            None => String::new(),
        };
        let filled = text
            .replace("{ngày gửi}", &date_short(c.sent_on))
            .replace("{hạn góp ý}", &crate::format::date_long(c.reply_by))
            .replace("{công văn}", &letter)
            .replace("{số cơ quan}", &c.agencies.len().to_string())
            .replace("{số trả lời}", &c.answered().to_string())
            .replace("{số ý kiến}", &c.comments.len().to_string())
            .replace("{tiếp thu}", &n.accepted.to_string())
            .replace("{giải trình}", &n.explained.to_string())
            .replace("{không tiếp thu}", &n.rejected.to_string())
            .replace("{không trả lời}", &c.silent().count().to_string());
        self.fill(&filled)
    }

    pub(crate) fn fill(&self, text: &str) -> String {
        let id = &self.plan.identity;
        let drafting = drafting_name(self.plan);
        // The Tờ trình once numbered and dated (one source); else what was typed into the
        // decision.
        let proposal = self
            .submission_cited()
            .or_else(|| {
                id.decision
                    .as_ref()
                    .map(|d| d.proposal.trim().to_string())
                    .filter(|p| !p.is_empty())
            })
            .map_or(String::new(), |p| format!(" tại {p}"));
        text.replace("{năm trước}", &(id.year - 1).to_string())
            .replace("{năm}", &id.year.to_string())
            .replace("{TỈNH}", &id.province.to_uppercase())
            .replace("{tỉnh}", &id.province)
            .replace("{CƠ QUAN THAM MƯU}", &drafting.to_uppercase())
            .replace("{cơ quan tham mưu}", &drafting)
            .replace("{tên kế hoạch}", &lower_first(&id.title))
            .replace("{đề nghị}", &proposal)
            .replace("{ủy ban cấp dưới}", &self.lower_committees())
    }
}
