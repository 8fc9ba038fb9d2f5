//! The variant corpus: one plan (Tuyên Quang 2027, five tasks in two groups, a Part I) written
//! by hand the ways provinces' Word files differ — header in one row or two with merged cells,
//! header synonyms, extra and empty columns, column numbers, roman groups, a group title
//! across the row, tables split per group, rows cut by page breaks, no deadline column,
//! agencies separated by commas, semicolons or line breaks, no "Phần I" heading. Each variant
//! is written to `tests/fixtures/import-variants/` (the fuzz harness starts from them) and
//! imported; the test prints what matched per variant and fails on any difference.

mod common;

use common::word::{cell, raw_table, word_file, Block};
use dxplan::import::{import_docx, Imported, Options};
use dxplan::model::Plan;

/// The five tasks every variant holds: group, number, title, lead, coordinators, deadline.
type TaskSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

const TASKS: [TaskSpec; 5] = [
    (
        "Nhận thức số",
        "1.1",
        "Tổ chức Ngày Chuyển đổi số tỉnh năm 2027",
        "Sở Khoa học và Công nghệ",
        &["Sở Văn hóa, Thể thao và Du lịch", "UBND cấp xã"],
        "Quý IV/2027",
    ),
    (
        "Nhận thức số",
        "1.2",
        "Tuyên truyền về chuyển đổi số trên báo, đài, mạng xã hội,",
        "Sở Văn hóa, Thể thao và Du lịch",
        &["Sở Khoa học và Công nghệ"],
        "Năm 2027",
    ),
    (
        "Hạ tầng số",
        "2.1",
        "Phủ sóng 5G tại trung tâm các xã, phường",
        "Sở Khoa học và Công nghệ",
        &["Các doanh nghiệp viễn thông", "UBND cấp xã"],
        "Quý III/2027",
    ),
    (
        "Hạ tầng số",
        "2.2",
        "Nâng cấp Trung tâm điều hành thông minh của tỉnh",
        "Văn phòng UBND tỉnh",
        &["Sở Khoa học và Công nghệ", "Sở Tài chính"],
        "Năm 2027",
    ),
    (
        "Hạ tầng số",
        "2.3",
        "Kết nối mạng truyền số liệu chuyên dùng đến 100% xã, phường",
        "UBND cấp xã",
        &["Sở Khoa học và Công nghệ"],
        "Quý II/2027",
    ),
];

/// Forms of the same agencies a province writes in one file.
fn written(name: &str, variant: usize) -> String {
    match (name, variant % 3) {
        ("UBND cấp xã", 1) => "UBND các xã, phường".into(),
        ("UBND cấp xã", 2) => "Ủy ban nhân dân các xã, phường, đặc khu".into(),
        ("Sở Khoa học và Công nghệ", 2) => "Sở KH&CN".into(),
        ("Các doanh nghiệp viễn thông", _) => {
            "Các doanh nghiệp viễn thông trên địa bàn tỉnh".into()
        }
        _ => name.into(),
    }
}

fn front(blocks: &mut Vec<Block>) {
    blocks.push(Block::T(vec![
        vec![
            "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG".into(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc".into(),
        ],
        vec![
            "Số: 412/KH-UBND".into(),
            "Tuyên Quang, ngày 18 tháng 12 năm 2026".into(),
        ],
    ]));
    for p in ["KẾ HOẠCH", "Chuyển đổi số tỉnh Tuyên Quang năm 2027"] {
        blocks.push(Block::P(p.into()));
    }
}

/// Part I with its headings ("Phần I") or without (roman headings only).
fn part_one(blocks: &mut Vec<Block>, with_part_headings: bool) {
    let p = |t: &str| Block::P(t.into());
    if with_part_headings {
        blocks.push(p("Phần I"));
        blocks.push(p("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026"));
        blocks.push(p("I. TÌNH HÌNH THỰC HIỆN MỤC TIÊU NĂM 2026"));
    } else {
        blocks.push(p("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2026"));
    }
    blocks.push(p(
        "- Đạt chỉ tiêu 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.",
    ));
    blocks.push(p(
        "- Chưa đạt chỉ tiêu tỷ lệ hồ sơ thanh toán trực tuyến (đạt 41%, chỉ tiêu 50%).",
    ));
    blocks.push(p(if with_part_headings {
        "II. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ NĂM 2026"
    } else {
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"
    }));
    blocks.push(p("1. Nhận thức số"));
    blocks.push(p(
        "Đã tổ chức 12 hội nghị phổ biến về chuyển đổi số cho cán bộ cấp xã.",
    ));
    blocks.push(p("2. Hạ tầng số"));
    blocks.push(p(
        "Tỷ lệ thôn có sóng di động băng rộng đạt 98%, còn 21 thôn chưa có sóng.",
    ));
    if with_part_headings {
        blocks.push(p("Phần II"));
        blocks.push(p("NỘI DUNG KẾ HOẠCH NĂM 2027"));
    }
}

fn part_two(blocks: &mut Vec<Block>, roman: &str) {
    let p = |t: &str| Block::P(t.into());
    blocks.push(p(&format!("{roman}. CĂN CỨ")));
    blocks.push(p(
        "- Luật Chuyển đổi số số 148/2025/QH15 ngày 11/12/2025 của Quốc hội;",
    ));
    blocks.push(p("- Công văn số 5511/BKHCN-CĐSQG ngày 20/10/2025 của Bộ Khoa học và Công nghệ về hướng dẫn xây dựng kế hoạch chuyển đổi số năm 2026."));
    blocks.push(p(&format!("{}. MỤC TIÊU", next_roman(roman, 1))));
    blocks.push(p(
        "Phát triển chính quyền số, kinh tế số, xã hội số của tỉnh.",
    ));
    blocks.push(p(&format!("{}. NHIỆM VỤ", next_roman(roman, 2))));
    blocks.push(p("1. Nhận thức số"));
    blocks.push(p(
        "Tiếp tục nâng cao nhận thức về chuyển đổi số trong toàn xã hội.",
    ));
    blocks.push(p("2. Hạ tầng số"));
    blocks.push(p("Phát triển hạ tầng số đồng bộ đến cấp xã."));
    blocks.push(p(&format!("{}. TỔ CHỨC THỰC HIỆN", next_roman(roman, 3))));
    blocks.push(p("1. Sở Khoa học và Công nghệ"));
    blocks.push(p("Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch."));
    // Headings typed together with their first sentence, with and without a colon, and a
    // heading of two agencies, which stays whole.
    blocks.push(p(
        "2. Sở Tài chính: Bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch.",
    ));
    blocks.push(p(
        "3. Sở Nội vụ Đưa kỹ năng số vào chương trình bồi dưỡng công chức.",
    ));
    blocks.push(p("4. Sở Nội vụ, Sở Tài chính"));
    blocks.push(p(
        "Phối hợp hướng dẫn các xã bố trí công chức phụ trách chuyển đổi số.",
    ));
    blocks.push(p("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan báo cáo UBND tỉnh (thông qua Sở Khoa học và Công nghệ) để xem xét, giải quyết./."));
    blocks.push(Block::T(vec![vec![
        "Nơi nhận:\n- Bộ Khoa học và Công nghệ;\n- Lưu: VT, KGVX.".into(),
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn B".into(),
    ]]));
    blocks.push(p("Phụ lục"));
    blocks.push(p("DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027"));
    blocks.push(p(
        "(Kèm theo Kế hoạch số 412/KH-UBND ngày 18/12/2026 của UBND tỉnh Tuyên Quang)",
    ));
}

fn next_roman(r: &str, k: usize) -> &'static str {
    const R: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
    let i = R.iter().position(|x| *x == r).unwrap();
    R[i + k]
}

/// Cells of a plain task row in the layout of a variant.
struct Layout {
    /// Columns after TT and title: lead, coordinators, deadline (None: no such column).
    coord_sep: &'static str,
    deadline: bool,
    extra_empty_column: bool,
    roman_groups: bool,
}

fn task_cells(l: &Layout, v: usize, t: &TaskSpec) -> Vec<String> {
    let no = if l.roman_groups {
        t.1.split('.').nth(1).unwrap().to_string()
    } else {
        t.1.to_string()
    };
    let coord: Vec<String> = t.4.iter().map(|c| written(c, v)).collect();
    let mut cells = vec![
        no,
        t.2.to_string(),
        written(t.3, v),
        coord.join(l.coord_sep),
    ];
    if l.deadline {
        cells.push(t.5.to_string());
    }
    if l.extra_empty_column {
        cells.push(String::new());
    }
    cells
}

fn group_cells(l: &Layout, width: usize, gi: usize, title: &str) -> Vec<String> {
    let mut cells = vec![String::new(); width];
    cells[0] = if l.roman_groups {
        ["I", "II"][gi].to_string()
    } else {
        (gi + 1).to_string()
    };
    cells[1] = title.to_string();
    cells
}

/// The groups, in order, with their tasks.
fn groups() -> Vec<(&'static str, Vec<&'static TaskSpec>)> {
    let mut out: Vec<(&str, Vec<_>)> = Vec::new();
    for t in &TASKS {
        match out.last_mut() {
            Some((g, v)) if *g == t.0 => v.push(t),
            _ => out.push((t.0, vec![t])),
        }
    }
    out
}

/// One variant: its name, the Word file, and whether an import must be refused.
fn variants() -> Vec<(&'static str, Vec<u8>, bool)> {
    let mut out = Vec::new();
    let header = |l: &Layout, names: [&str; 5]| {
        let mut h = vec![
            names[0].to_string(),
            names[1].into(),
            names[2].into(),
            names[3].into(),
        ];
        if l.deadline {
            h.push(names[4].into());
        }
        if l.extra_empty_column {
            h.push("Ghi chú".into());
        }
        h
    };
    let standard = [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ];
    let plain = |name: &'static str,
                 v: usize,
                 l: Layout,
                 names: [&str; 5],
                 with_parts: bool,
                 split: bool| {
        let mut blocks = Vec::new();
        front(&mut blocks);
        part_one(&mut blocks, with_parts);
        part_two(&mut blocks, if with_parts { "I" } else { "III" });
        let h = header(&l, names);
        let mut rows = vec![h.clone()];
        for (gi, (g, tasks)) in groups().into_iter().enumerate() {
            if split && gi > 0 {
                blocks.push(Block::T(std::mem::take(&mut rows)));
            }
            rows.push(group_cells(&l, h.len(), gi, g));
            for t in tasks {
                rows.push(task_cells(&l, v, t));
            }
        }
        blocks.push(Block::T(rows));
        (name, word_file(&blocks), false)
    };
    let base = || Layout {
        coord_sep: ", ",
        deadline: true,
        extra_empty_column: false,
        roman_groups: false,
    };
    out.push(plain(
        "01-mot-dong-tieu-de",
        0,
        base(),
        standard,
        true,
        false,
    ));
    out.push(plain(
        "02-tu-dong-nghia-cot-thua",
        1,
        Layout {
            extra_empty_column: true,
            coord_sep: "; ",
            ..base()
        },
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Tiến độ",
        ],
        true,
        false,
    ));
    out.push(plain(
        "03-nhom-la-ma-bang-tach",
        2,
        Layout {
            roman_groups: true,
            coord_sep: "\n",
            ..base()
        },
        standard,
        true,
        true,
    ));
    out.push(plain(
        "04-khong-thoi-han-khong-phan",
        1,
        Layout {
            deadline: false,
            ..base()
        },
        standard,
        false,
        false,
    ));

    // A two-row header with merged cells, a row of column numbers, group titles written
    // across the row, a task cut by a page break, the header repeated on the next page.
    {
        let v = 2;
        let mut blocks = Vec::new();
        front(&mut blocks);
        part_one(&mut blocks, true);
        part_two(&mut blocks, "I");
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let header = [
            [
                cell("TT", restart),
                cell("Nội dung", restart),
                cell("Cơ quan thực hiện", r#"<w:gridSpan w:val="2"/>"#),
                cell("Thời gian thực hiện", restart),
            ]
            .concat(),
            [
                cell("", "<w:vMerge/>"),
                cell("", "<w:vMerge/>"),
                cell("Chủ trì", ""),
                cell("Phối hợp", ""),
                cell("", "<w:vMerge/>"),
            ]
            .concat(),
        ];
        let mut rows = header.to_vec();
        rows.push(
            ["(1)", "(2)", "(3)", "(4)", "(5)"]
                .iter()
                .map(|c| cell(c, ""))
                .collect(),
        );
        let l = base();
        for (gi, (g, tasks)) in groups().into_iter().enumerate() {
            rows.push(cell(
                &format!("{}. {g}", gi + 1),
                r#"<w:gridSpan w:val="5"/>"#,
            ));
            for (ti, t) in tasks.into_iter().enumerate() {
                let cells = task_cells(&l, v, t);
                if gi == 1 && ti == 1 {
                    // Cut by a page break: the title goes on in the next row, after the
                    // header repeated.
                    let (a, b) = cells[1].split_at(cells[1].find(" của tỉnh").unwrap());
                    let mut first = cells.clone();
                    first[1] = a.to_string();
                    rows.push(first.iter().map(|c| cell(c, "")).collect());
                    rows.extend(header.iter().cloned());
                    let mut rest = vec![String::new(); 5];
                    rest[1] = b.trim().to_string();
                    rows.push(rest.iter().map(|c| cell(c, "")).collect());
                } else {
                    rows.push(cells.iter().map(|c| cell(c, "")).collect());
                }
            }
        }
        blocks.push(raw_table(&rows));
        out.push(("05-tieu-de-hai-dong-gop-o", word_file(&blocks), false));
    }

    // No task table at all: refused unless a partial draft is asked for.
    {
        let mut blocks = Vec::new();
        front(&mut blocks);
        part_one(&mut blocks, true);
        part_two(&mut blocks, "I");
        out.push(("06-khong-co-bang-nhiem-vu", word_file(&blocks), true));
    }
    // Mostly text the importer cannot place: refused too.
    {
        let mut blocks = Vec::new();
        front(&mut blocks);
        blocks.push(Block::P("Phần mở đầu".into()));
        blocks.push(Block::P("I. THÔNG TIN CHUNG".into()));
        for i in 0..40 {
            blocks.push(Block::P(format!("Đoạn văn thứ {i} của một văn bản khác.")));
        }
        blocks.push(Block::T(vec![
            standard.iter().map(|s| s.to_string()).collect(),
            vec![
                "1".into(),
                "Nhận thức số".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
            task_cells(&base(), 0, &TASKS[0]),
        ]));
        out.push(("07-phan-lon-khong-nhan-ra", word_file(&blocks), true));
    }
    out
}

fn names(plan: &Plan, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|i| plan.agency(i).unwrap().name.clone())
        .collect()
}

/// The full name the preset gives a form used in the table.
fn full(name: &str) -> String {
    match name {
        "UBND cấp xã" => "Ủy ban nhân dân các xã, phường, đặc khu".into(),
        "Văn phòng UBND tỉnh" => "Văn phòng Ủy ban nhân dân tỉnh".into(),
        "Các doanh nghiệp viễn thông" => {
            "Các doanh nghiệp viễn thông trên địa bàn tỉnh".into()
        }
        other => other.into(),
    }
}

#[test]
fn every_variant_of_a_province_word_file_imports_the_same_tasks() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-variants");
    std::fs::create_dir_all(&dir).unwrap();
    let preset = dxplan::catalogue::Catalogues::load(None)
        .unwrap()
        .agency_preset();
    let mut failures = Vec::new();
    for (name, bytes, refused) in variants() {
        let file = dir.join(format!("{name}.docx"));
        std::fs::write(&file, &bytes).unwrap();
        let result = import_docx(&file, &preset, Options::default());
        if refused {
            match result {
                Err(e @ dxplan::Error::ImportIncomplete { .. }) => {
                    let partial = import_docx(&file, &preset, Options { partial: true }).unwrap();
                    assert!(partial.flags[0].message.starts_with("Bản nháp một phần"));
                    println!(
                        "{name}: từ chối như mong đợi («{e}»); bản nháp một phần có {} nhiệm vụ",
                        partial.tasks
                    );
                }
                other => failures.push(format!(
                    "{name}: should be refused, got {:?}",
                    other.map(|i| i.tasks)
                )),
            }
            continue;
        }
        let Imported {
            plan,
            account,
            flags: read_flags,
            ..
        } = match result {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let got: Vec<_> = plan.tasks().collect();
        let mut matched = [0usize; 5]; // group, title, lead, coordinators, deadline
        for (i, t) in TASKS.iter().enumerate() {
            let Some((g, task)) = got.get(i) else {
                continue;
            };
            let checks = [
                fold_eq(&g.title, t.0),
                task.title == t.2,
                names(&plan, &task.lead) == [full(t.3)],
                names(&plan, &task.coordinating) == t.4.iter().map(|c| full(c)).collect::<Vec<_>>(),
                name.contains("khong-thoi-han")
                    || task.deadline.as_ref().map(|d| d.text()) == Some(t.5.to_string()),
            ];
            for (k, ok) in checks.iter().enumerate() {
                matched[k] += usize::from(*ok);
                if !ok {
                    failures.push(format!(
                        "{name}: task {} check {k}: {task:?} in «{}»",
                        t.1, g.title
                    ));
                }
            }
        }
        let n = TASKS.len();
        println!(
            "{name}: nhiệm vụ {}/{n}, nhóm {}/{n}, tên {}/{n}, chủ trì {}/{n}, phối hợp {}/{n}, thời hạn {}/{n}; {} cơ quan; {}",
            got.len(), matched[0], matched[1], matched[2], matched[3], matched[4],
            plan.directory.len(),
            account.summary
        );
        if got.len() != n {
            failures.push(format!("{name}: {} tasks", got.len()));
        }
        // Part I is in the assessment, and nothing of the text is left out.
        let assessment = format!(
            "{}\n{}",
            plan.assessment.goals_review,
            plan.assessment
                .sections
                .iter()
                .map(|s| format!("{}\n{}", s.title, s.text))
                .collect::<Vec<_>>()
                .join("\n")
        );
        for said in [
            "100% thủ tục hành chính",
            "đạt 41%, chỉ tiêu 50%",
            "12 hội nghị",
            "21 thôn",
            "Hạ tầng số",
        ] {
            if !assessment.contains(said) {
                failures.push(format!(
                    "{name}: Part I lacks «{said}»: {:?}",
                    plan.assessment
                ));
            }
        }
        for x in &account.not_placed {
            failures.push(format!("{name}: not placed [{}] {}", x.place, x.text));
        }
        // The goals are one sentence, no specific goal: the import says so.
        if plan.specific_goals.is_empty()
            && !read_flags.iter().any(|f| {
                f.place == "Mục tiêu" && f.message.starts_with("Không nhận ra mục tiêu cụ thể")
            })
        {
            failures.push(format!("{name}: no word on the missing specific goals"));
        }
        // Each duty under its agency's name, its first sentence in its text.
        let duties: Vec<(&str, &str)> = plan
            .organisation
            .duties
            .iter()
            .map(|d| (d.heading.as_str(), d.text.as_str()))
            .collect();
        let want = [
            (
                "Sở Khoa học và Công nghệ",
                "Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.",
            ),
            (
                "Sở Tài chính",
                "Bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch.",
            ),
            (
                "Sở Nội vụ",
                "Đưa kỹ năng số vào chương trình bồi dưỡng công chức.",
            ),
            (
                "Sở Nội vụ, Sở Tài chính",
                "Phối hợp hướng dẫn các xã bố trí công chức phụ trách chuyển đổi số.",
            ),
        ];
        if duties.len() < 4 || duties[..4] != want {
            failures.push(format!("{name}: duties {duties:#?}"));
        }
        // One agency for every form of a name.
        let commune: Vec<_> = plan
            .directory
            .iter()
            .filter(|a| a.name.contains("xã"))
            .collect();
        if commune.len() != 1 {
            failures.push(format!("{name}: commune committees {commune:?}"));
        }
        // The same input gives the same output.
        let again = import_docx(&file, &preset, Options::default()).unwrap();
        if again.plan != plan {
            failures.push(format!("{name}: a second import differs"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

#[test]
fn the_cli_refuses_a_file_without_a_task_table_unless_asked_for_a_partial_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes, _) = variants()
        .into_iter()
        .find(|v| v.0.starts_with("06"))
        .unwrap();
    let file = common::write(dir.path(), "kế hoạch.docx", &bytes);
    let db = dir.path().join("db.sqlite");
    let refused = common::dxplan(&db, &["import-docx", file.to_str().unwrap(), "--save"]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("không tìm thấy bảng danh mục nhiệm vụ"),
        "{message}"
    );
    assert!(message.contains("--partial"), "{message}");
    let listed = common::dxplan(&db, &["list"]);
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("Tuyên Quang"));
    let partial = common::dxplan(
        &db,
        &["import-docx", file.to_str().unwrap(), "--partial", "--save"],
    );
    assert!(
        partial.status.success(),
        "{}",
        String::from_utf8_lossy(&partial.stderr)
    );
    let out = String::from_utf8_lossy(&partial.stdout);
    assert!(out.contains("Bản nháp một phần"), "{out}");
    assert!(out.contains("Đã đưa vào bản nháp"), "{out}");
    let listed = common::dxplan(&db, &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Tuyên Quang"));
}
