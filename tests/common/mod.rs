//! Helpers shared by the integration tests.
#![allow(dead_code)]

use dxplan::model::*;

pub mod word;

/// A small plan that validates without findings; tests break it one way at a time.
pub fn small_plan() -> Plan {
    let mut p = Plan::blank("Đắk Lắk", 2027);
    p.identity.signer.name = "Nguyễn Văn A".into();
    p.identity.recipients = vec!["Bộ Khoa học và Công nghệ".into()];
    p.legal_bases = vec![LegalBasis {
        id: "lb1".into(),
        kind: DocType::Luat,
        number: Some("148/2025/QH15".into()),
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 14),
        issuer: "Quốc hội".into(),
        title: "Chuyển đổi số".into(),
        library_ref: None,
    }];
    p.directory = vec![
        Agency {
            id: "so-khcn".into(),
            name: "Sở Khoa học và Công nghệ".into(),
            short: Some("Sở KH&CN".into()),
            kind: AgencyKind::So,
        },
        Agency {
            id: "so-yt".into(),
            name: "Sở Y tế".into(),
            short: None,
            kind: AgencyKind::So,
        },
        Agency {
            id: "so-tc".into(),
            name: "Sở Tài chính".into(),
            short: None,
            kind: AgencyKind::So,
        },
        Agency {
            id: "cac-so".into(),
            name: "Các sở, ban, ngành tỉnh".into(),
            short: None,
            kind: AgencyKind::TapThe,
        },
    ];
    p.specific_goals = vec![Goal {
        id: "goal1".into(),
        pillar: Pillar::ChinhQuyenSo,
        title: "Chính quyền số".into(),
        text: String::new(),
        indicators: vec![Indicator {
            id: "ind1".into(),
            name: "Hồ sơ xử lý trực tuyến".into(),
            unit: "%".into(),
            comparator: Comparator::AtLeast,
            target: Some("80".parse().unwrap()),
            target_max: None,
            denominator: None,
            baseline: None,
            actual: None,
            target_date: None,
            catalogue_ref: None,
            measured: None,
        }],
    }];
    p.groups = vec![TaskGroup {
        id: "g1".into(),
        title: "Chính quyền số".into(),
        framework_ref: Some("IV.2".into()),
        intro: String::new(),
        tasks: vec![
            task("t1", "Triển khai bệnh án điện tử", "so-yt"),
            task("t2", "Nâng cấp Cổng dịch vụ công", "so-khcn"),
        ],
    }];
    p
}

pub fn task(id: &str, title: &str, lead: &str) -> Task {
    Task {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        lead: vec![lead.into()],
        coordinating: vec![],
        deadline: Some(Deadline::Quarter {
            year: 2027,
            quarter: 3,
        }),
        output: String::new(),
        budget: vec![BudgetLine {
            amount: "1500.5".parse().unwrap(),
            source: Some(BudgetSource::ThuongXuyen),
            level: Some(BudgetLevel::Tinh),
            note: String::new(),
        }],
        national_task: None,
        indicators: vec![],
        status: TaskStatus::ChuaTrienKhai,
        progress: Progress::default(),
    }
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs the `dxplan` binary against the database `db`.
pub fn dxplan(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dxplan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}
