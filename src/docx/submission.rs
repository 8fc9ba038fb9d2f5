//! The Tờ trình: the drafting department submits the plan to the provincial committee. Its
//! fixed sentences come from `templates/documents/to-trinh.toml`; everything it says of the
//! plan — the bases, goals and indicators, tasks by group, budget by source, the agencies
//! that lead — is counted from the plan itself, so the figures are the plan's.

use super::content::{narrative, Block, Signature};
use super::context::Ctx;
use super::parts;
use crate::format::{doc_number, money_million};
use crate::numbering::group_number;
use crate::outline::SubmissionWording;

/// "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH" and the others, in order.
const HEADINGS: [&str; 5] = [
    "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH",
    "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
    "III. QUÁ TRÌNH XÂY DỰNG DỰ THẢO KẾ HOẠCH",
    "IV. NỘI DUNG CHÍNH CỦA DỰ THẢO KẾ HOẠCH",
    "V. KIẾN NGHỊ",
];

pub fn body(ctx: &Ctx, w: &SubmissionWording) -> Vec<Block> {
    let id = &ctx.plan.identity;
    let s = id.submission.clone().unwrap_or_default();
    let (number, date) = if ctx.draft {
        (None, None)
    } else {
        (s.number.as_deref(), s.issue_date)
    };
    let mut out = vec![
        parts::header_of(
            ctx,
            ctx.fill(&w.issuer).lines().map(str::to_string).collect(),
            doc_number(number, &s.symbol),
            date,
        ),
        Block::Title {
            kind: "TỜ TRÌNH".into(),
            subject: format!(
                "Về việc ban hành Kế hoạch {}",
                crate::format::lower_first(&id.title)
            ),
        },
        Block::Caption(ctx.fill(&w.to)),
        Block::Blank,
        Block::text(&ctx.fill(&w.opening)),
        Block::Heading(HEADINGS[0].into()),
        Block::text(&ctx.fill(&w.necessity)),
        Block::Heading(HEADINGS[1].into()),
    ];
    out.extend(
        ctx.plan
            .legal_bases
            .iter()
            .map(|b| Block::text(&format!("- {};", b.citation().trim_end_matches([';', '.'])))),
    );
    out.push(Block::Heading(HEADINGS[2].into()));
    out.push(Block::text(&ctx.fill(&w.process)));
    // The consultation, when the draft went out for comments: its figures are the round's.
    if let Some(c) = &ctx.plan.consultation {
        out.push(Block::text(&ctx.fill_round(&w.consulted)));
        if c.silence_agrees && c.silent().next().is_some() {
            out.push(Block::text(&ctx.fill_round(&w.consulted_silence)));
        }
    }
    out.push(Block::Heading(HEADINGS[3].into()));
    out.extend(main_content(ctx));
    out.push(Block::Heading(HEADINGS[4].into()));
    out.push(Block::text(&format!(
        "{}./.",
        ctx.fill(&w.request).trim_end_matches('.')
    )));
    out.extend(attached(ctx, w));
    out.push(Block::Blank);
    out.push(Block::Signature(Signature {
        recipients: parts::recipient_lines(w.recipients.iter().cloned()),
        archive: parts::department_archive_line(ctx),
        authority: s.signer_title.clone(),
        deputy: None,
        title: String::new(),
        name: s.signer_name,
    }));
    out
}

/// "Hồ sơ kèm theo:" and its list: the template's, and the table of comments when the draft
/// went out for comments.
fn attached(ctx: &Ctx, w: &SubmissionWording) -> Vec<Block> {
    let mut out = vec![Block::Para(vec![super::content::bold("Hồ sơ kèm theo:")])];
    let attached: Vec<&String> = w
        .attached
        .iter()
        .chain(
            ctx.plan
                .consultation
                .as_ref()
                .map(|_| &w.attached_consulted),
        )
        .collect();
    let last = attached.len().saturating_sub(1);
    out.extend(attached.iter().enumerate().map(|(i, a)| {
        Block::text(&format!(
            "- {}{}",
            ctx.fill(a),
            if i == last { "." } else { ";" }
        ))
    }));
    out
}

/// Part IV: the goals with their indicators, the tasks by group with their budget, the
/// budget by source and the agencies that lead tasks, counted from the plan.
fn main_content(ctx: &Ctx) -> Vec<Block> {
    let plan = ctx.plan;
    let goals = &plan.specific_goals;
    let indicators = plan.indicators().count();
    let mut out = vec![Block::Heading("1. Mục tiêu".into())];
    out.extend(narrative(&plan.general_goal));
    out.push(Block::text(&format!(
        "Kế hoạch đặt {} mục tiêu cụ thể với {indicators} chỉ tiêu:",
        goals.len()
    )));
    out.extend(goals.iter().map(|g| {
        Block::text(&format!(
            "- {} ({} chỉ tiêu);",
            g.title.trim().trim_end_matches(['.', ';']),
            g.indicators.len()
        ))
    }));

    let totals = crate::budget::totals(plan);
    out.push(Block::Heading("2. Nhiệm vụ".into()));
    out.push(Block::text(&format!(
        "Kế hoạch gồm {} nhiệm vụ, chia thành {} nhóm:",
        plan.tasks().count(),
        plan.groups.len()
    )));
    for (i, (g, amount)) in plan.groups.iter().zip(&totals.by_group).enumerate() {
        let money = if amount.amount.is_zero() {
            String::new()
        } else {
            format!(", kinh phí {}", money_million(amount.amount))
        };
        out.push(Block::text(&format!(
            "- Nhóm {}. {}: {} nhiệm vụ{money};",
            group_number(i),
            g.title.trim().trim_end_matches(['.', ';']),
            g.tasks.len()
        )));
    }

    out.push(Block::Heading("3. Kinh phí".into()));
    out.extend(narrative(&crate::budget::summary(&totals).join("\n")));

    let mut leads: Vec<&str> = plan
        .tasks()
        .flat_map(|(_, t)| t.lead.iter())
        .map(String::as_str)
        .collect();
    leads.sort_unstable();
    leads.dedup();
    out.push(Block::Heading("4. Tổ chức thực hiện".into()));
    out.push(Block::text(&format!(
        "Kế hoạch giao {} cơ quan, đơn vị chủ trì thực hiện các nhiệm vụ; {} theo dõi, tổng hợp, báo cáo kết quả thực hiện.",
        leads.len(),
        ctx.fill("{cơ quan tham mưu}")
    )));
    out
}
