//! Helpers shared by the integration tests.
#![allow(dead_code)]

use dxplan::model::*;

pub mod nd30;
pub mod server;
pub mod sheet;
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
    p.organisation.duties = vec![Duty {
        id: "d1".into(),
        heading: "Sở Khoa học và Công nghệ".into(),
        agencies: vec!["so-khcn".into()],
        text: "Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.".into(),
        generated: false,
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

/// Where a store test keeps its databases: SQLite files in a fresh folder, or fresh
/// databases on the PostgreSQL server named by `DXPLAN_TEST_PG` (an account that may create
/// databases; CI sets it). The same name gives the same database, so a test can reopen it.
pub struct Databases {
    pub dir: tempfile::TempDir,
    server: Option<String>,
    made: std::sync::Mutex<Vec<(String, std::path::PathBuf)>>,
}

impl Databases {
    pub async fn at(&self, name: &str) -> std::path::PathBuf {
        if let Some((_, p)) = self.made.lock().unwrap().iter().find(|(n, _)| n == name) {
            return p.clone();
        }
        let place = match &self.server {
            None => self.dir.path().join(name),
            Some(admin) => {
                use sqlx::Connection;
                let db = format!("dxplan_t_{}", dxplan::model::new_id().replace('-', "_"));
                let mut c = sqlx::PgConnection::connect(admin).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {db}"))
                    .execute(&mut c)
                    .await
                    .unwrap();
                let (base, _) = admin.rsplit_once('/').unwrap();
                std::path::PathBuf::from(format!("{base}/{db}"))
            }
        };
        self.made
            .lock()
            .unwrap()
            .push((name.to_string(), place.clone()));
        place
    }

    /// The server's databases this test made, dropped (even with connections still open).
    async fn drop_all(&self) {
        use sqlx::Connection;
        let Some(admin) = &self.server else { return };
        let mut c = sqlx::PgConnection::connect(admin).await.unwrap();
        let made = self.made.lock().unwrap().clone();
        for (_, p) in made {
            let db = p.to_string_lossy().rsplit_once('/').unwrap().1.to_string();
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                .execute(&mut c)
                .await;
        }
    }
}

/// The PostgreSQL server the store's tests may use (`DXPLAN_TEST_PG`, set by
/// scripts/test-server), if any.
pub fn test_server() -> Option<String> {
    std::env::var("DXPLAN_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty())
}

/// Runs a store test on every engine: SQLite always, PostgreSQL when `DXPLAN_TEST_PG` is set.
pub fn on_each_engine<F, Fut>(test: F)
where
    F: Fn(std::sync::Arc<Databases>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let servers = [None, test_server()];
    for server in servers
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| (i == 0 || s.is_some()).then_some(s))
    {
        let dbs = std::sync::Arc::new(Databases {
            dir: tempfile::tempdir().unwrap(),
            server,
            made: Default::default(),
        });
        rt().block_on(async {
            test(dbs.clone()).await;
            dbs.drop_all().await;
        });
    }
}

/// The body XML of an exported .docx.
pub fn document_xml(path: &std::path::Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}
