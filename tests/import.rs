//! Importing Word plans: one written by hand from the text of seed 004 (not by our exporter),
//! our own export read back, and files that are not plans.

mod common;

use std::path::Path;

use dxplan::agency_name::agency_key;
use dxplan::import::{import_docx, Imported};
use dxplan::model::{BudgetLevel, BudgetSource, DocType, Plan};

/// The text of Kế hoạch 189/KH-UBND (seed 004), kept as a fixture so the test needs nothing
/// outside the repository.
fn seed_004() -> Vec<String> {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kh-189-quang-ngai-2023.txt");
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Seed 004 as the province's Word file: header block table, body paragraphs, recipients and
/// signature table, the list of documents, and the 4-column task table with its rows cut by
/// page breaks.
fn seed_document() -> Vec<u8> {
    let lines = seed_004();
    let clean = |l: &str| {
        l.replace("**", "")
            .replace('*', "")
            .replace(['<', '>'], "")
            .trim()
            .to_string()
    };
    let mut blocks = vec![Block::T(vec![
        vec![
            "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI".into(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc".into(),
        ],
        vec![
            "Số: 189/KH-UBND".into(),
            "Quảng Ngãi, ngày 09 tháng 12 năm 2022".into(),
        ],
    ])];
    let body_start = lines
        .iter()
        .position(|l| l.starts_with("**KẾ HOẠCH"))
        .unwrap();
    let recipients = lines.iter().position(|l| l.trim() == "Nơi nhận:").unwrap();
    for l in &lines[body_start..recipients] {
        let t = clean(l);
        if !t.is_empty() {
            blocks.push(Block::P(t));
        }
    }
    let rec: Vec<String> = lines[recipients..]
        .iter()
        .take_while(|l| !l.starts_with("Đặng"))
        .filter(|l| l.starts_with("- "))
        .map(|l| l.replace("KGVX.n525", "KGVX."))
        .collect();
    blocks.push(Block::T(vec![vec![
        format!("Nơi nhận:\n{}", rec.join("\n")),
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Văn Minh".into(),
    ]]));
    let pl1 = lines.iter().position(|l| l.trim() == "Phụ lục 1").unwrap();
    let pl2 = lines
        .iter()
        .position(|l| l.starts_with("Phụ lục 2"))
        .unwrap();
    for l in &lines[pl1..pl2] {
        let t = clean(l);
        if !t.is_empty() {
            blocks.push(Block::P(t));
        }
    }
    blocks.push(Block::P("Phụ lục 2".into()));
    blocks.push(Block::P("DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN".into()));
    let header = lines
        .iter()
        .position(|l| l.starts_with("TT\tTên nhiệm vụ"))
        .unwrap();
    let mut rows = Vec::new();
    for l in &lines[header..] {
        if l.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
        cells.resize(4, String::new());
        rows.push(cells);
    }
    blocks.push(Block::T(rows));
    word_file(&blocks)
}

use common::word::{para, word_file, Block};
use common::write;
use std::io::Write;

fn preset() -> Vec<dxplan::model::Agency> {
    let cats = dxplan::catalogue::Catalogues::load(None).unwrap();
    let Some(dxplan::catalogue::Body::Agencies(a)) = cats
        .latest(dxplan::catalogue::Kind::Agencies)
        .map(|c| c.body.clone())
    else {
        panic!()
    };
    a.into_iter()
        .map(|p| dxplan::model::Agency {
            id: p.id,
            name: p.name,
            short: p.short,
            kind: p.kind,
        })
        .collect()
}

fn plain(md: &str) -> String {
    dxplan::narrative::plain(md)
}

fn names(plan: &Plan, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|i| plan.agency(i).unwrap().display_short().to_string())
        .collect()
}

#[test]
fn a_province_word_file_from_seed_004() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "KH 189 chuyen doi so 2023.docx",
        &seed_document(),
    );
    let Imported {
        plan,
        groups,
        tasks,
        flags,
        account,
    } = import_docx(&file, &preset(), Default::default()).unwrap();
    assert_eq!((groups, tasks), (10, 76));
    // Every paragraph and table of the source is in the draft (the list is printed when not).
    for n in &account.not_placed {
        eprintln!("not placed: [{}] {}", n.place, n.text);
    }
    assert_eq!(
        account.paragraphs_placed, account.paragraphs,
        "{}",
        account.summary
    );
    assert_eq!(account.tables_placed, account.tables);
    let sizes: Vec<usize> = plan.groups.iter().map(|g| g.tasks.len()).collect();
    assert_eq!(sizes, [3, 13, 11, 8, 3, 7, 12, 9, 5, 5]);
    // The issued plan numbers 6.1 and 8.4 twice: the plan numbers by place, and says so.
    let twice: Vec<&str> = flags
        .iter()
        .filter(|f| f.message.contains("có hai lần trong bảng nhiệm vụ"))
        .map(|f| f.place.as_str())
        .collect();
    assert_eq!(twice, ["Phụ lục, dòng 6.1", "Phụ lục, dòng 8.4"]);
    assert_eq!(plan.groups[6].title, "An toàn thông tin mạng");
    let id = &plan.identity;
    assert_eq!(
        (
            id.province.as_str(),
            id.year,
            id.number.as_deref(),
            id.symbol.as_str()
        ),
        ("Quảng Ngãi", 2023, Some("189"), "KH-UBND")
    );
    assert_eq!(id.issue_date.unwrap().to_string(), "2022-12-09");
    assert_eq!(id.signer.name, "Đặng Văn Minh");

    // A row cut by a page break is joined; agencies are split and matched.
    let t26 = &plan.groups[1].tasks[5];
    assert!(t26.title.ends_with("rà soát, cập nhật các quy chế, quy định về bảo đảm an toàn thông tin trong hoạt động của tỉnh và tại từng địa phương, ngành, cơ quan."), "{}", t26.title);
    let t32 = &plan.groups[2].tasks[1];
    assert_eq!(
        t32.title,
        "Phát triển hạ tầng số tới cấp xã, đơn vị trực thuộc các sở, ban, ngành"
    );
    assert_eq!(names(&plan, &t32.lead).len(), 2);
    let t35 = &plan.groups[2].tasks[4];
    assert_eq!(
        names(&plan, &t35.lead),
        ["UBND cấp huyện", "UBND cấp xã"],
        "«UBND cấp huyện, cấp xã»"
    );
    let t311 = &plan.groups[2].tasks[10];
    let coord: Vec<String> = names(&plan, &t311.coordinating)
        .iter()
        .map(|n| agency_key(n))
        .collect();
    for expected in [
        "Công an tỉnh",
        "Sở Giao thông vận tải",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Xây dựng",
    ] {
        assert!(
            coord.contains(&agency_key(expected)),
            "{expected} missing from {coord:?}"
        );
    }
    // Commas inside names and between names: "Các Sở, ban, ngành tỉnh, UBND cấp huyện" is two.
    let t52 = &plan.groups[4].tasks[1];
    assert_eq!(
        names(&plan, &t52.lead)
            .iter()
            .map(|n| agency_key(n))
            .collect::<Vec<_>>(),
        [
            agency_key("Các sở, ban, ngành tỉnh"),
            agency_key("UBND cấp huyện")
        ]
    );
    let t102 = &plan.groups[9].tasks[1];
    assert_eq!(
        names(&plan, &t102.lead).len(),
        1,
        "«Ngân hàng Nhà nước Việt Nam, Chi nhánh Quảng Ngãi» is one"
    );
    // "Sở TT&TT" in the table and "Sở Thông tin và Truyền thông" in section VI are one agency.
    let tttt = &plan.groups[0].tasks[0].lead[0];
    let duty = plan
        .organisation
        .duties
        .iter()
        .find(|d| d.heading == "Sở Thông tin và Truyền thông")
        .unwrap();
    assert_eq!(&duty.agencies, std::slice::from_ref(tttt));
    assert_eq!(
        plan.identity.drafting_agency.as_ref(),
        Some(tttt),
        "from «thông qua Sở Thông tin và Truyền thông»"
    );
    assert_eq!(
        plan.agency(tttt).unwrap().name,
        "Sở Thông tin và Truyền thông"
    );
    assert_eq!(
        plan.agency(tttt).unwrap().short.as_deref(),
        Some("Sở TT&TT")
    );
    assert!(
        flags.iter().any(|f| f
            .message
            .contains("Cơ quan mới «Sở Thông tin và Truyền thông»")),
        "not in the 2025 preset: proposed as new"
    );
    // Sở Y tế exists in the preset: matched, not flagged.
    assert!(!flags.iter().any(|f| f.message.contains("«Sở Y tế»")));

    assert_eq!(plan.legal_bases.len(), 15);
    let k119 = plan
        .legal_bases
        .iter()
        .find(|b| b.number.as_deref() == Some("119/KH-UBND"))
        .unwrap();
    assert_eq!(
        (
            k119.issuer.as_str(),
            k119.date.unwrap().to_string().as_str()
        ),
        ("Chủ tịch UBND tỉnh", "2020-10-09")
    );
    assert_eq!(plan.assessment.documents.len(), 19);
    assert_eq!(plan.assessment.sections.len(), 10);
    assert!(plan.assessment.budget_spent.contains("khoảng 100 tỷ đồng"));
    assert_eq!(plan.specific_goals.len(), 5);
    assert!(plan
        .indicators()
        .any(|(_, i)| i.comparator == dxplan::model::Comparator::Above
            && i.target.map(|t| t.to_string()).as_deref() == Some("70")));
    assert!(
        flags
            .iter()
            .any(|f| f.message.starts_with("Chỉ tiêu đọc tự động")),
        "parsed indicators are flagged for review"
    );
    assert_eq!(
        dxplan::format::money(dxplan::budget::totals(&plan).total),
        "132.897,5"
    );
    assert_eq!(plan.organisation.duties.len(), 7);
    assert!(plan.organisation.closing.ends_with("chỉ đạo thực hiện."));
    // The pasted-twice bullets are in the file: imported as written, and flagged by validation.
    let findings = dxplan::validation::validate(&plan);
    assert!(findings
        .iter()
        .any(|f| f.code == "text.duplicate_paragraph"));
}

#[test]
fn a_2023_file_is_read_against_the_agencies_of_2023() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "KH 189.docx", &seed_document());
    let cats = dxplan::catalogue::Catalogues::load(None).unwrap();
    let Imported { plan, flags, .. } =
        dxplan::import::import_docx_of_its_year(&file, &cats, Default::default()).unwrap();
    assert_eq!(plan.identity.year, 2023);
    let new: Vec<&str> = flags
        .iter()
        .filter(|f| f.message.starts_with("Cơ quan mới"))
        .map(|f| f.message.as_str())
        .collect();
    for gone in ["Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư"] {
        assert!(
            !new.iter().any(|m| m.contains(gone)),
            "{gone} is in the 2023 list: {new:#?}"
        );
    }
    let communes = plan
        .directory
        .iter()
        .find(|a| a.kind == dxplan::model::AgencyKind::UbndXa)
        .unwrap();
    assert!(!communes.name.contains("đặc khu"), "{}", communes.name);
}

#[test]
fn bases_the_library_holds_are_linked_to_it_and_checked_like_picked_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "KH 189.docx", &seed_document());
    let cats = dxplan::catalogue::Catalogues::load(None).unwrap();
    let plan = dxplan::import::import_docx_of_its_year(&file, &cats, Default::default())
        .unwrap()
        .plan;
    let linked = |number: &str| {
        plan.legal_bases
            .iter()
            .chain(&plan.assessment.documents)
            .find(|b| b.number.as_deref() == Some(number))
            .unwrap_or_else(|| panic!("{number} read"))
            .library_ref
            .clone()
    };
    assert_eq!(linked("52-NQ/TW").as_deref(), Some("nq-52-2019"));
    assert_eq!(linked("505/QĐ-TTg").as_deref(), Some("qd-505-2022"));
    assert_eq!(linked("18/CT-TTg").as_deref(), Some("ct-18-2022"));
    // A provincial document is not in the library: left as written.
    assert!(plan
        .legal_bases
        .iter()
        .chain(&plan.assessment.documents)
        .any(|b| b.library_ref.is_none() && b.issuer.contains("Tỉnh ủy")));
}

/// A draft of our own export (marked "DỰ THẢO", with the appendix's row of the budget not
/// given to a task) reads back whole: nothing left unplaced, the budget counted once.
#[test]
fn our_own_draft_reads_back_whole_with_its_budget_once() {
    let original = dxplan::sample::plan();
    let dir = tempfile::tempdir().unwrap();
    let options = dxplan::docx::Options {
        draft: true,
        ..Default::default()
    };
    let bytes = dxplan::docx::build(&original, &options).unwrap();
    let imported = import_docx(
        &write(dir.path(), "du-thao.docx", &bytes),
        &preset(),
        Default::default(),
    )
    .unwrap();
    let unplaced: Vec<&str> = imported
        .account
        .not_placed
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert!(unplaced.is_empty(), "{unplaced:#?}");
    assert_eq!(
        dxplan::budget::grand_total(&imported.plan),
        dxplan::budget::grand_total(&original)
    );
}

#[test]
fn our_own_export_reads_back_as_the_same_plan() {
    assert_reads_back(dxplan::sample::plan());
}

/// The sample with every kind of content the sample lacks: each kind of deadline, budget
/// lines of several sources and levels on tasks, an output, last year's tasks with their
/// status and result in Phần I.
#[test]
fn a_plan_with_every_kind_of_content_reads_back_as_itself() {
    use chrono::NaiveDate;
    use dxplan::model::{BudgetLine, Deadline, TaskReview, TaskStatus};
    use rust_decimal::Decimal;
    let mut plan = dxplan::sample::plan();
    let deadlines = [
        Deadline::Date {
            date: NaiveDate::from_ymd_opt(2023, 6, 30).unwrap(),
        },
        Deadline::Month {
            year: 2023,
            month: 9,
        },
        Deadline::Quarter {
            year: 2023,
            quarter: 4,
        },
        Deadline::Year { year: 2023 },
        Deadline::YearRange {
            from: 2023,
            to: 2025,
        },
        Deadline::Recurring { day: 30, month: 11 },
        Deadline::Continuous,
    ];
    let line = |amount: &str, source, level| BudgetLine {
        amount: amount.parse::<Decimal>().unwrap(),
        source,
        level,
        note: String::new(),
    };
    let tasks: Vec<&mut dxplan::model::Task> = plan
        .groups
        .iter_mut()
        .flat_map(|g| g.tasks.iter_mut())
        .collect();
    for (t, d) in tasks.into_iter().zip(deadlines) {
        t.deadline = Some(d);
    }
    let first = &mut plan.groups[0].tasks[0];
    first.budget = vec![
        line(
            "1500",
            Some(BudgetSource::ThuongXuyen),
            Some(BudgetLevel::Tinh),
        ),
        line("250.5", Some(BudgetSource::XaHoiHoa), None),
    ];
    first.output = "Kế hoạch được phê duyệt".into();
    plan.groups[1].tasks[0].budget = vec![line(
        "12000",
        Some(BudgetSource::DauTuPhatTrien),
        Some(BudgetLevel::Tinh),
    )];
    let lead = plan.groups[0].tasks[0].lead.clone();
    plan.assessment.tasks = vec![
        TaskReview {
            id: "r1".into(),
            group: "Chính quyền số".into(),
            title: "Nâng cấp Cổng dịch vụ công của tỉnh".into(),
            lead: lead.clone(),
            status: Some(TaskStatus::HoanThanh),
            result: "Đưa vào sử dụng tháng 10/2022".into(),
        },
        TaskReview {
            id: "r2".into(),
            group: "Chính quyền số".into(),
            title: "Số hóa hồ sơ lưu trữ".into(),
            lead,
            status: Some(TaskStatus::DangTrienKhai),
            result: String::new(),
        },
    ];
    assert_reads_back(plan);
}

/// Our own export of `original`, imported: the same plan, part by part.
fn assert_reads_back(original: Plan) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = dxplan::docx::build(&original, &Default::default()).unwrap();
    let back = import_docx(
        &write(dir.path(), "kh.docx", &bytes),
        &preset(),
        Default::default(),
    )
    .unwrap()
    .plan;
    assert_eq!(back.identity.title, original.identity.title);
    assert_eq!(
        (back.identity.number.clone(), back.identity.issue_date),
        (
            original.identity.number.clone(),
            original.identity.issue_date
        )
    );
    assert_eq!(back.identity.signer, original.identity.signer);
    assert_eq!(back.identity.recipients, original.identity.recipients);
    assert_eq!(back.groups.len(), original.groups.len());
    for (ga, gb) in original.groups.iter().zip(&back.groups) {
        assert_eq!(ga.title, gb.title);
        // Compared as rendered: "<https://…>" and "https://…" are the same text on paper.
        assert_eq!(
            plain(&ga.intro),
            plain(&gb.intro),
            "group intro of {}",
            ga.title
        );
        assert_eq!(ga.tasks.len(), gb.tasks.len());
        for (ta, tb) in ga.tasks.iter().zip(&gb.tasks) {
            assert_eq!(ta.title, tb.title);
            assert_eq!(ta.deadline, tb.deadline, "deadline of {}", ta.title);
            assert_eq!(ta.output, tb.output, "output of {}", ta.title);
            let lines = |t: &dxplan::model::Task| {
                t.budget
                    .iter()
                    .map(|l| (l.amount, l.source, l.level))
                    .collect::<Vec<_>>()
            };
            assert_eq!(lines(ta), lines(tb), "budget of {}", ta.title);
            let keys = |p: &Plan, ids: &[String]| {
                ids.iter()
                    .map(|i| agency_key(&p.agency(i).unwrap().name))
                    .collect::<Vec<_>>()
            };
            let same = |a: &[String], b: &[String]| a.len() == b.len();
            assert!(
                same(&keys(&original, &ta.lead), &keys(&back, &tb.lead)),
                "lead of {}",
                ta.title
            );
            assert!(
                same(
                    &keys(&original, &ta.coordinating),
                    &keys(&back, &tb.coordinating)
                ),
                "coordinating of {}",
                ta.title
            );
        }
    }
    let cite = |p: &Plan| {
        p.legal_bases
            .iter()
            .map(|b| dxplan::narrative::plain(&b.citation()))
            .collect::<Vec<_>>()
    };
    assert_eq!(cite(&back), cite(&original));
    let docs = |p: &Plan| {
        p.assessment
            .documents
            .iter()
            .map(|b| b.citation())
            .collect::<Vec<_>>()
    };
    assert_eq!(docs(&back), docs(&original));
    let inds = |p: &Plan| {
        p.indicators()
            .map(|(_, i)| {
                (
                    i.name.clone(),
                    i.comparator,
                    i.target,
                    i.target_date.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(inds(&back), inds(&original));
    assert_eq!(
        dxplan::budget::totals(&back).by_source_level,
        dxplan::budget::totals(&original).by_source_level
    );
    assert_eq!(
        back.solutions
            .iter()
            .map(|s| (s.title.clone(), plain(&s.text)))
            .collect::<Vec<_>>(),
        original
            .solutions
            .iter()
            .map(|s| (s.title.clone(), plain(&s.text)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        plain(&back.organisation.closing),
        plain(&original.organisation.closing)
    );
    assert_eq!(
        plain(&back.assessment.goals_review),
        plain(&original.assessment.goals_review)
    );
    let reviews = |p: &Plan| {
        p.assessment
            .indicators
            .iter()
            .map(|r| {
                (
                    r.indicator.name.clone(),
                    r.indicator.comparator,
                    r.indicator.target,
                    r.actual,
                    r.achieved,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(reviews(&back), reviews(&original));
    assert_eq!(
        plain(&back.budget.narrative),
        plain(&original.budget.narrative)
    );
    let areas = |p: &Plan| {
        p.assessment
            .sections
            .iter()
            .map(|s| (s.title.clone(), plain(&s.text)))
            .collect::<Vec<_>>()
    };
    assert_eq!(areas(&back), areas(&original));
    let duties = |p: &Plan| {
        p.organisation
            .duties
            .iter()
            .map(|d| (d.heading.clone(), plain(&d.text)))
            .collect::<Vec<_>>()
    };
    assert_eq!(duties(&back), duties(&original));
    let past = |p: &Plan| {
        p.assessment
            .tasks
            .iter()
            .map(|t| (t.title.clone(), t.status, plain(&t.result)))
            .collect::<Vec<_>>()
    };
    assert_eq!(past(&back), past(&original));
    assert_eq!(plain(&back.general_goal), plain(&original.general_goal));
    assert_eq!(plain(&back.vision), plain(&original.vision));
    assert_eq!(
        dxplan::budget::grand_total(&back),
        dxplan::budget::grand_total(&original)
    );
}

#[test]
fn files_that_are_not_plans_get_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, bytes: &[u8], expected: &str| {
        let err = import_docx(&write(dir.path(), name, bytes), &[], Default::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{name}: {err}");
    };
    check("rong.docx", b"", "tệp rỗng");
    let xlsx = dxplan::xlsx::build(&dxplan::sample::plan()).unwrap();
    check("bang-tinh.docx", &xlsx, "Excel (.xlsx) bị đổi đuôi");
    check(
        "mat-khau.docx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 encrypted package",
        "mật khẩu",
    );
    check(
        "van-ban.docx",
        "không phải zip".as_bytes(),
        "không phải tệp Word",
    );
    check(
        "khong-phai-ke-hoach.docx",
        &word_file(&[Block::P("Biên bản họp".into())]),
        "không tìm thấy tiêu đề «KẾ HOẠCH»",
    );

    // Elements nested 25,000 deep: this overflowed the stack and aborted the program.
    let deep = "<w:sdt><w:sdtContent>".repeat(25_000)
        + &para("KẾ HOẠCH")
        + &"</w:sdtContent></w:sdt>".repeat(25_000);
    check(
        "long-nhau.docx",
        &word_file(&[Block::Raw(deep)]),
        "lồng nhau quá sâu",
    );
    let err = import_docx(&write(dir.path(), "x.docx", b""), &[], Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("Không đọc được văn bản Word"),
        "a Word file is not a plan file: {err}"
    );

    // An archive that unpacks to far more than any plan.
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    bomb.start_file("word/document.xml", o).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..120 {
        bomb.write_all(&spaces).unwrap();
    }
    check("bom.docx", &bomb.finish().unwrap().into_inner(), "quá lớn");

    // 50 MB: refused from its size, before anything is read.
    let big = dir.path().join("50mb.docx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let err = import_docx(&big, &[], Default::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("quá lớn"), "{err}");
}

#[test]
fn a_task_appendix_kept_in_excel() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dxplan::sample::plan();
    let file = write(
        dir.path(),
        "phu-luc.xlsx",
        &dxplan::xlsx::build(&sample).unwrap(),
    );
    let imported = dxplan::import::import_xlsx(&file, &preset(), None, None).unwrap();
    assert_eq!((imported.groups, imported.tasks), (10, 76));
    assert_eq!(
        (
            imported.plan.identity.province.as_str(),
            imported.plan.identity.year
        ),
        ("Quảng Ngãi", 2023),
        "from «(Kèm theo …)» and the deadlines"
    );
    let titles = |p: &Plan| {
        p.tasks()
            .map(|(_, t)| (t.title.clone(), t.deadline.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&imported.plan), titles(&sample));

    // Amounts come back exactly from numeric cells (1500.5 is not read as 15.005).
    let small = {
        let mut p = common::small_plan();
        p.groups[0].tasks[0].budget[0].amount = "1234.567".parse().unwrap();
        p
    };
    let file = write(
        dir.path(),
        "nho.xlsx",
        &dxplan::xlsx::build(&small).unwrap(),
    );
    let back = dxplan::import::import_xlsx(&file, &preset(), None, None)
        .unwrap()
        .plan;
    let lines = |p: &Plan| {
        p.tasks()
            .flat_map(|(_, t)| t.budget.iter().map(|l| (l.amount, l.source, l.level)))
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&back), lines(&small));
    assert_eq!(back.identity.year, 2027);

    let err = dxplan::import::import_xlsx(
        &write(
            dir.path(),
            "de-xuat-rong.xlsx",
            &rust_xlsxwriter::Workbook::new().save_to_buffer().unwrap(),
        ),
        &[],
        None,
        None,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("không có trang nào có bảng nhiệm vụ"),
        "{err}"
    );
}

#[test]
fn the_cli_saves_an_import_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let docx = write(dir.path(), "kh.docx", &seed_document());
    let run = |args: &[&str]| common::dxplan(&db, args);
    let o = run(&["import-docx", docx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("10 nhóm, 76 nhiệm vụ, 15 căn cứ"), "{out}");
    assert!(out.contains("CẦN XEM"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Chưa lưu"));
    assert!(
        String::from_utf8_lossy(&run(&["list", "--json"]).stdout).trim() == "[]",
        "nothing saved"
    );
    assert!(run(&["import-docx", docx.to_str().unwrap(), "--save"])
        .status
        .success());
    assert!(String::from_utf8_lossy(&run(&["list", "--json"]).stdout).contains("\"year\": 2023"));
}

#[test]
fn what_the_import_asks_to_check_stays_a_finding_until_seen() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "KH 189.docx", &seed_document());
    let cats = dxplan::catalogue::Catalogues::load(None).unwrap();
    let Imported {
        mut plan, flags, ..
    } = dxplan::import::import_docx_of_its_year(&file, &cats, Default::default()).unwrap();
    assert_eq!(plan.to_review.len(), flags.len());
    assert!(!flags.is_empty());
    let found = dxplan::validation::validate(&plan);
    let review: Vec<_> = found.iter().filter(|f| f.code == "import.review").collect();
    assert_eq!(review.len(), flags.len());
    assert!(review
        .iter()
        .any(|f| f.location.section == dxplan::model::Section::Goals));
    let pending = |p: &Plan| {
        dxplan::validation::readiness(p)
            .into_iter()
            .any(|f| f.code == "final.review_pending")
    };
    assert!(pending(&plan));
    // Seen one by one (through the plan file too), then gone from the panel and the check.
    let back = dxplan::planfile::from_json(
        std::path::Path::new("x.json"),
        &dxplan::planfile::to_json(&plan).unwrap(),
    )
    .unwrap();
    assert_eq!(back.to_review, plan.to_review);
    let ids: Vec<String> = plan.to_review.iter().map(|n| n.id.clone()).collect();
    dxplan::edit::Edit::DismissReview {
        ids: ids[..1].to_vec(),
    }
    .apply(&mut plan)
    .unwrap();
    assert_eq!(plan.to_review.len(), ids.len() - 1);
    // Seen already: refused, nothing changes.
    assert!(dxplan::edit::Edit::DismissReview {
        ids: ids[..1].to_vec()
    }
    .apply(&mut plan.clone())
    .is_err());
    dxplan::edit::Edit::DismissReview {
        ids: ids[1..].to_vec(),
    }
    .apply(&mut plan)
    .unwrap();
    assert!(!pending(&plan));
    assert!(!dxplan::validation::validate(&plan)
        .iter()
        .any(|f| f.code == "import.review"));
}

/// A Word file of paragraphs, then one task table.
fn paragraphs_then_table(paragraphs: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut blocks: Vec<Block> = paragraphs.iter().map(|t| Block::P(t.to_string())).collect();
    blocks.push(Block::T(rows));
    word_file(&blocks)
}

/// Đắk Lắk's 2026 plan (0155/KH-UBND) lists its bases as bullets before "Thực hiện …",
/// with no section of its own: they are the plan's bases (the session then links them to
/// the library, as any imported basis), with the guidance letter the "Thực hiện …" sentence
/// carries out; the opening keeps that sentence.
#[test]
fn bases_listed_as_bullets_in_the_opening_are_read_as_bases() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = paragraphs_then_table(
        &[
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK",
            "Số: 155/KH-UBND",
            "Đắk Lắk, ngày 24 tháng 12 năm 2025",
            "KẾ HOẠCH",
            "Chuyển đổi số tỉnh Đắk Lắk năm 2026",
            "- Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023;",
            "- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
            "Thực hiện Công văn số 3350/BKHCN-CĐSQG ngày 05/9/2025 của Bộ Khoa học và Công nghệ, Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2026 như sau:",
            "I. NHIỆM VỤ, GIẢI PHÁP",
            "1. Nhận thức số",
            "Tổ chức tuyên truyền về chuyển đổi số.",
        ],
        vec![
            vec!["TT".into(), "Tên nhiệm vụ".into(), "Cơ quan chủ trì".into(), "Thời gian".into()],
            vec!["1".into(), "Nhận thức số".into(), String::new(), String::new()],
            vec!["1.1".into(), "Tổ chức Ngày Chuyển đổi số".into(), "Sở Khoa học và Công nghệ".into(), "Quý 4 năm 2026".into()],
        ],
    );
    let file = write(dir.path(), "KH 155 Dak Lak.docx", &bytes);
    let imported = import_docx(&file, &preset(), Default::default()).unwrap();
    let plan = imported.plan;
    let bases: Vec<(DocType, Option<&str>, &str)> = plan
        .legal_bases
        .iter()
        .map(|b| (b.kind, b.number.as_deref(), b.issuer.as_str()))
        .collect();
    assert_eq!(
        bases,
        [
            (DocType::Luat, Some("20/2023/QH15"), ""),
            (DocType::NghiQuyet, Some("57-NQ/TW"), "Bộ Chính trị"),
            (
                DocType::QuyetDinh,
                Some("749/QĐ-TTg"),
                "Thủ tướng Chính phủ"
            ),
            // The guidance the opening sentence carries out.
            (
                DocType::CongVan,
                Some("3350/BKHCN-CĐSQG"),
                "Bộ Khoa học và Công nghệ"
            ),
        ]
    );
    assert!(
        plan.identity
            .opening
            .starts_with("Thực hiện Công văn số 3350/BKHCN-CĐSQG"),
        "{}",
        plan.identity.opening
    );
    assert!(!plan.identity.opening.contains("Luật Giao dịch"));
    assert_eq!(
        plan.groups[0].tasks[0].deadline,
        Some(dxplan::model::Deadline::Quarter {
            year: 2026,
            quarter: 4
        })
    );
}

/// A title without the province ("Chuyển đổi số năm 2026") takes it from the issuer's line in
/// capitals, written as a name reads; parts named without "Phần I"/"Phần II" are read as
/// the two parts (last year's assessment, then the plan), not as the opening.
#[test]
fn the_province_from_the_header_and_parts_named_without_phan() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = paragraphs_then_table(
        &[
            "ỦY BAN NHÂN DÂN",
            "TỈNH ĐẮK LẮK",
            "Số: 155/KH-UBND",
            "KẾ HOẠCH",
            "Chuyển đổi số năm 2026",
            "Thực hiện Công văn số 3350/BKHCN-CĐSQG ngày 05/9/2025 của Bộ Khoa học và Công nghệ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
            "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025",
            "1. Kết quả thực hiện các nhiệm vụ",
            "Đã hoàn thành 40/45 nhiệm vụ.",
            "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
            "I. NHIỆM VỤ, GIẢI PHÁP",
            "1. Nhận thức số",
            "Tổ chức tuyên truyền về chuyển đổi số.",
        ],
        vec![
            vec!["TT".into(), "Tên nhiệm vụ".into(), "Cơ quan chủ trì".into()],
            vec!["1".into(), "Nhận thức số".into(), String::new()],
            vec!["1.1".into(), "Tổ chức Ngày Chuyển đổi số".into(), "Sở Khoa học và Công nghệ".into()],
        ],
    );
    let file = write(dir.path(), "KH 155.docx", &bytes);
    let plan = import_docx(&file, &preset(), Default::default())
        .unwrap()
        .plan;
    assert_eq!(plan.identity.province, "Đắk Lắk");
    assert_eq!(plan.identity.issuer, "Ủy ban nhân dân tỉnh Đắk Lắk");
    assert!(
        !plan.identity.opening.contains("40/45"),
        "{}",
        plan.identity.opening
    );
    let areas: Vec<(&str, &str)> = plan
        .assessment
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        areas,
        [(
            "Kết quả thực hiện các nhiệm vụ",
            "Đã hoàn thành 40/45 nhiệm vụ."
        )]
    );
    assert_eq!(plan.groups[0].tasks[0].title, "Tổ chức Ngày Chuyển đổi số");
}

/// "KẾ HOẠCH" and the title typed in one paragraph (a file the user trial made was refused as
/// "not a plan"); the title read whole, and the paragraph not left unplaced.
#[test]
fn the_title_in_the_same_paragraph_as_ke_hoach() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = paragraphs_then_table(
        &[
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK",
            "Số: 155/KH-UBND",
            "KẾ HOẠCH Chuyển đổi số tỉnh Đắk Lắk năm 2026",
            "I. NHIỆM VỤ, GIẢI PHÁP",
            "1. Nhận thức số",
            "Tổ chức tuyên truyền về chuyển đổi số.",
        ],
        vec![
            vec!["TT".into(), "Tên nhiệm vụ".into(), "Cơ quan chủ trì".into()],
            vec!["1".into(), "Nhận thức số".into(), String::new()],
            vec![
                "1.1".into(),
                "Tổ chức Ngày Chuyển đổi số".into(),
                "Sở Khoa học và Công nghệ".into(),
            ],
        ],
    );
    let file = write(dir.path(), "KH 155 mot dong.docx", &bytes);
    let read = import_docx(&file, &preset(), Default::default()).unwrap();
    let i = &read.plan.identity;
    assert_eq!(
        (i.title.as_str(), i.province.as_str(), i.year),
        ("Chuyển đổi số tỉnh Đắk Lắk năm 2026", "Đắk Lắk", 2026)
    );
    assert!(
        !read
            .account
            .not_placed
            .iter()
            .any(|x| x.text.contains("KẾ HOẠCH")),
        "{:?}",
        read.account.not_placed
    );
    assert_eq!(read.tasks, 1);
}

/// A Word file of Đắk Lắk's 2026 plan: its title, a part of tasks, and the task table `rows`.
fn dak_lak_2026_with(rows: Vec<Vec<String>>) -> Vec<u8> {
    paragraphs_then_table(
        &[
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK",
            "KẾ HOẠCH",
            "Chuyển đổi số tỉnh Đắk Lắk năm 2026",
            "I. NHIỆM VỤ, GIẢI PHÁP",
        ],
        rows,
    )
}

/// A column the plan has no place for ("Ghi chú") was dropped without a word, however full;
/// now each such column is listed with what its tasks held. Empty ones say nothing.
#[test]
fn a_column_the_plan_has_no_place_for_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let row = |c: [&str; 5]| c.map(String::from).to_vec();
    let bytes = dak_lak_2026_with(vec![
        row([
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Ghi chú",
            "Cột trống",
        ]),
        row(["1", "Nhận thức số", "", "", ""]),
        row([
            "1.1",
            "Tổ chức Ngày Chuyển đổi số",
            "Sở Khoa học và Công nghệ",
            "Phối hợp với Viettel",
            "",
        ]),
        row(["1.2", "Tập huấn kỹ năng số", "Sở Nội vụ", "Hai đợt", ""]),
    ]);
    let file = write(dir.path(), "KH cot ghi chu.docx", &bytes);
    let read = import_docx(&file, &preset(), Default::default()).unwrap();
    let said: Vec<String> = read
        .flags
        .iter()
        .filter(|f| f.place.starts_with("Phụ lục, cột"))
        .map(|f| format!("{}: {}", f.place, f.message))
        .collect();
    assert_eq!(
        said,
        ["Phụ lục, cột «Ghi chú»: Bảng nhiệm vụ có cột «Ghi chú» mà kế hoạch không có chỗ: nội dung ở 2 nhiệm vụ chưa được đưa vào (nhiệm vụ 1.1: «Phối hợp với Viettel»)."]
    );
}

/// A row with only an amount under a task is not a row cut by a page break: its amount went
/// to the task above without a word; it is listed as not read, the task keeps its own.
#[test]
fn a_row_with_only_an_amount_is_listed_not_joined() {
    let dir = tempfile::tempdir().unwrap();
    let row = |c: [&str; 4]| c.map(String::from).to_vec();
    let bytes = dak_lak_2026_with(vec![
        row([
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Kinh phí (triệu đồng)",
        ]),
        row(["1", "Nhận thức số", "", ""]),
        row([
            "1.1",
            "Tổ chức Ngày Chuyển đổi số",
            "Sở Khoa học và Công nghệ",
            "",
        ]),
        row(["", "", "", "777"]),
        row(["1.2", "Tập huấn kỹ năng số", "Sở Nội vụ", "50"]),
    ]);
    let file = write(dir.path(), "KH dong chi co kinh phi.docx", &bytes);
    let read = import_docx(&file, &preset(), Default::default()).unwrap();
    let tasks: Vec<usize> = read.plan.tasks().map(|(_, t)| t.budget.len()).collect();
    assert_eq!(tasks, [0, 1]);
    assert!(
        read.account.not_placed.iter().any(|x| x.text == "777"),
        "{:?}",
        read.account.not_placed
    );
}

/// A task table whose budget is split by source under a merged "Kinh phí" header: the second
/// header row is not a task, and each task gets one line per source, the total column not
/// added again (45.000 of 58.757,5 million was read before, with no source).
#[test]
fn a_budget_split_by_source_is_read_column_by_column() {
    use common::word::{cell, raw_table};
    let dir = tempfile::tempdir().unwrap();
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let cont = "<w:vMerge/>";
    let mut rows = vec![
        [
            cell("TT", restart),
            cell("Tên nhiệm vụ", restart),
            cell("Cơ quan chủ trì", restart),
            cell("Kinh phí (triệu đồng)", r#"<w:gridSpan w:val="4"/>"#),
        ]
        .concat(),
        [
            cell("", cont),
            cell("", cont),
            cell("", cont),
            cell("Ngân sách trung ương", ""),
            cell("Ngân sách tỉnh", ""),
            cell("Nguồn khác", ""),
            cell("Tổng", ""),
        ]
        .concat(),
    ];
    let row = |cells: [&str; 7]| cells.iter().map(|c| cell(c, "")).collect::<String>();
    rows.push(cell("1. Hạ tầng số", r#"<w:gridSpan w:val="7"/>"#));
    rows.push(row([
        "1.1",
        "Nâng cấp trung tâm dữ liệu tỉnh",
        "Sở Khoa học và Công nghệ",
        "45.000",
        "12.000",
        "",
        "57.000",
    ]));
    rows.push(row([
        "1.2",
        "Phủ sóng 5G tại trung tâm các xã",
        "Sở Khoa học và Công nghệ",
        "",
        "",
        "1.757,5",
        "1.757,5",
    ]));
    let blocks = vec![
        Block::P("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK".into()),
        Block::P("KẾ HOẠCH".into()),
        Block::P("Chuyển đổi số tỉnh Đắk Lắk năm 2026".into()),
        Block::P("I. NHIỆM VỤ, GIẢI PHÁP".into()),
        Block::P("1. Hạ tầng số".into()),
        Block::P("Phát triển hạ tầng số.".into()),
        raw_table(&rows),
    ];
    let file = write(
        dir.path(),
        "KH kinh phi theo nguon.docx",
        &word_file(&blocks),
    );
    let imported = import_docx(&file, &preset(), Default::default()).unwrap();
    assert_eq!((imported.groups, imported.tasks), (1, 2));
    let plan = imported.plan;
    let lines = |i: usize| -> Vec<(String, Option<BudgetSource>, Option<BudgetLevel>, String)> {
        plan.groups[0].tasks[i]
            .budget
            .iter()
            .map(|l| (l.amount.to_string(), l.source, l.level, l.note.clone()))
            .collect()
    };
    assert_eq!(
        lines(0),
        [
            (
                "45000".to_string(),
                None,
                None,
                "Ngân sách trung ương".to_string()
            ),
            (
                "12000".to_string(),
                None,
                Some(BudgetLevel::Tinh),
                String::new()
            ),
        ]
    );
    assert_eq!(
        lines(1),
        [(
            "1757.5".to_string(),
            Some(BudgetSource::Khac),
            None,
            String::new()
        )]
    );
    assert_eq!(dxplan::budget::grand_total(&plan).to_string(), "58757.5");
}

/// An Excel appendix as offices lay it out: a two-row header with merged cells ("Cơ quan
/// thực hiện" over "Chủ trì | Phối hợp"), coordinators on lines of one cell (Alt+Enter), a
/// lead merged down over two tasks. Every coordinator and lead is read.
#[test]
fn an_excel_appendix_with_a_merged_two_row_header() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.write(
        0,
        0,
        "PHỤ LỤC (Kèm theo Kế hoạch của Ủy ban nhân dân tỉnh Đắk Lắk)",
    )
    .unwrap();
    ws.merge_range(2, 0, 3, 0, "TT", &f).unwrap();
    ws.merge_range(2, 1, 3, 1, "Tên nhiệm vụ", &f).unwrap();
    ws.merge_range(2, 2, 2, 3, "Cơ quan thực hiện", &f).unwrap();
    ws.write(3, 2, "Chủ trì").unwrap();
    ws.write(3, 3, "Phối hợp").unwrap();
    ws.merge_range(2, 4, 3, 4, "Thời gian thực hiện", &f)
        .unwrap();
    ws.merge_range(4, 0, 4, 4, "1. Nhận thức số", &f).unwrap();
    ws.write(5, 0, "1.1").unwrap();
    ws.write(5, 1, "Tổ chức Ngày Chuyển đổi số").unwrap();
    ws.merge_range(5, 2, 6, 2, "Sở Khoa học và Công nghệ", &f)
        .unwrap();
    ws.write(5, 3, "Sở Y tế\nSở Tài chính").unwrap();
    ws.write(5, 4, "Quý 4 năm 2026").unwrap();
    ws.write(6, 0, "1.2").unwrap();
    ws.write(6, 1, "Tuyên truyền về chuyển đổi số").unwrap();
    ws.write(6, 3, "Sở Văn hóa, Thể thao và Du lịch").unwrap();
    ws.write(6, 4, "Năm 2026").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "phu-luc-dak-lak.xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let imported = dxplan::import::import_xlsx(&file, &preset(), None, None).unwrap();
    assert_eq!((imported.groups, imported.tasks), (1, 2));
    let plan = imported.plan;
    assert_eq!(plan.identity.province, "Đắk Lắk");
    let read: Vec<(Vec<String>, Vec<String>)> = plan.groups[0]
        .tasks
        .iter()
        .map(|t| (names(&plan, &t.lead), names(&plan, &t.coordinating)))
        .collect();
    assert_eq!(
        read,
        [
            (
                vec!["Sở KH&CN".into()],
                vec!["Sở Y tế".into(), "Sở Tài chính".into()]
            ),
            (vec!["Sở KH&CN".into()], vec!["Sở VH,TT&DL".into()]),
        ]
    );
}

/// An appendix written by openpyxl (`tests/fixtures/import-excel/make.py`): what the amount
/// column holds besides amounts — a date, a formula saved without its result, a formula's
/// error, a negative number, words — is never taken as an amount and never dropped unsaid.
#[test]
fn amounts_excel_cannot_give_are_reported_not_guessed() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import-excel/01-kinh-phi-la.xlsx");
    let imported = dxplan::import::import_xlsx(&file, &preset(), None, Some(2027)).unwrap();
    assert_eq!((imported.groups, imported.tasks), (1, 7));
    let amounts: Vec<String> = imported.plan.groups[0]
        .tasks
        .iter()
        .map(|t| dxplan::format::money(dxplan::budget::sum(&t.budget)))
        .collect();
    // Only 1.1's 1.500 is an amount (the date was read as 46.447 before).
    assert_eq!(amounts, ["1.500", "0", "0", "0", "0", "0", "0"]);
    let said: Vec<(String, String)> = imported
        .flags
        .iter()
        .filter(|f| f.message.starts_with("Ô kinh phí"))
        .map(|f| (f.place.clone(), f.message.clone()))
        .collect();
    let expect = [
        ("1.2", "«01/03/2027» không phải là số tiền"),
        ("1.3", "«=E5*2» là công thức chưa được tính"),
        ("1.4", "«#DIV/0!» không phải là số tiền"),
        ("1.5", "«-50» là số âm"),
        ("1.6", "«Lồng ghép» không phải là số tiền"),
    ];
    assert_eq!(said.len(), expect.len(), "{said:?}");
    for ((place, message), (no, text)) in said.iter().zip(expect) {
        assert_eq!(place, &format!("Nhiệm vụ {no}"));
        assert!(message.contains(text), "{message}");
    }
}
