//! The appendix workbook and the proposal round trip, read back with calamine (cells, merged
//! ranges, formulas and cached values) and from the package XML (print settings, lists).

mod common;

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use dxplan::proposals::{self, Change};
use dxplan::store::Store;

fn open(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes)).unwrap()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn appendix_workbook_cells_merges_formulas_and_print_settings() {
    let plan = dxplan::sample::plan();
    let bytes = dxplan::xlsx::build(&plan).unwrap();
    let mut wb = open(bytes.clone());
    assert_eq!(
        wb.sheet_names(),
        ["Nhiệm vụ", "Chỉ tiêu", "Kinh phí", "Phân công"]
    );

    let r = wb.worksheet_range("Nhiệm vụ").unwrap();
    let cell = |row: u32, col: u32| r.get_value((row, col)).map(text).unwrap_or_default();
    assert_eq!(cell(0, 0), "PHỤ LỤC");
    assert_eq!(cell(1, 0), "DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN");
    assert_eq!(
        cell(2, 0),
        "(Kèm theo Kế hoạch số 189/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân tỉnh Quảng Ngãi)"
    );
    let header: Vec<String> = (0..9).map(|c| cell(4, c)).collect();
    assert_eq!(
        header,
        [
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Sản phẩm",
            "Kinh phí (triệu đồng)",
            "Nguồn",
            "Cấp ngân sách"
        ]
    );
    assert_eq!(
        (cell(5, 0), cell(5, 1)),
        ("1".into(), "Nhận thức số".into())
    );
    assert_eq!(
        (cell(6, 0), cell(6, 1), cell(6, 2), cell(6, 3), cell(6, 4)),
        (
            "1.1".into(),
            "Tổ chức triển khai Tuần lễ Chuyển đổi số năm 2023".into(),
            "Sở TT&TT".into(),
            "Các sở, ban, ngành tỉnh; UBND cấp huyện".into(),
            "Năm 2023".into()
        )
    );
    // 10 group rows + 76 task rows + unallocated + total after the header.
    let last = 4 + 10 + 76 + 2;
    assert_eq!(cell(last, 1), "TỔNG CỘNG");
    assert_eq!(
        r.get_value((last, 6)),
        Some(&Data::Float(132897.5)),
        "cached value of the total formula"
    );
    assert_eq!(r.get_value((last - 1, 6)), Some(&Data::Float(132897.5)));

    let formulas = wb.worksheet_formula("Nhiệm vụ").unwrap();
    let f = |row: u32, col: u32| formulas.get_value((row, col)).cloned().unwrap_or_default();
    assert_eq!(
        f(5, 6),
        "SUM(G7:G9)",
        "group 1 subtotal over its three tasks"
    );
    assert_eq!(r.get_value((5, 6)), Some(&Data::Float(0.0)));
    assert!(f(last, 6).starts_with("SUM(G6,G10,"), "{}", f(last, 6));
    assert!(
        f(last, 6).ends_with(&format!("G{})", last)),
        "the unallocated row is in the total"
    );

    let merges = wb.merge_cells_by_sheet_name("Nhiệm vụ").unwrap();
    let has = |r0: u32, c0: u32, r1: u32, c1: u32| {
        merges
            .iter()
            .any(|m| m.start == (r0, c0) && m.end == (r1, c1))
    };
    assert!(
        has(0, 0, 0, 8) && has(1, 0, 1, 8) && has(2, 0, 2, 8),
        "title rows merged across the table"
    );
    assert!(has(5, 1, 5, 5), "group title merged");

    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(
        sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && sheet.contains(r#"fitToHeight="0""#),
        "one page wide, as many pages tall as needed"
    );
    assert!(sheet.contains(r#"state="frozen""#) && sheet.contains(r#"ySplit="5""#));
    assert!(
        sheet.contains(r#"customHeight="1""#),
        "row heights set for wrapped text"
    );
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("'Nhiệm vụ'!$5:$5"),
        "header row repeated"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="Times New Roman"/>"#));

    let k = wb.worksheet_range("Kinh phí").unwrap();
    let total_row = (0..k.height() as u32)
        .find(|r| k.get_value((*r, 0)).map(text).as_deref() == Some("Tổng cộng"))
        .unwrap();
    assert_eq!(k.get_value((total_row, 5)), Some(&Data::Float(132897.5)));
    assert_eq!(
        k.get_value((total_row, 1)),
        Some(&Data::Float(106247.5)),
        "provincial level"
    );
    assert_eq!(
        k.get_value((total_row, 2)),
        Some(&Data::Float(26650.0)),
        "district level"
    );

    let a = wb.worksheet_range("Phân công").unwrap();
    let row = (0..a.height() as u32)
        .find(|r| a.get_value((*r, 1)).map(text).as_deref() == Some("Sở Thông tin và Truyền thông"))
        .unwrap();
    let led = plan
        .tasks()
        .filter(|(_, t)| t.lead.contains(&"so-tttt".to_string()))
        .count();
    assert_eq!(a.get_value((row, 2)), Some(&Data::Float(led as f64)));

    let i = wb.worksheet_range("Chỉ tiêu").unwrap();
    assert!((0..i.height() as u32)
        .any(|r| i.get_value((r, 3)).map(text).as_deref() == Some("Trên 70%")));
}

#[test]
fn user_text_is_never_a_formula() {
    let mut plan = common::small_plan();
    let risky = [
        "=HYPERLINK(\"http://example.invalid\",\"bấm vào\")",
        "+84 912",
        "-5%",
        "@SUM(A1)",
    ];
    for (t, title) in plan.groups[0].tasks.iter_mut().zip(risky) {
        t.title = title.into();
    }
    plan.groups[0].tasks[1].output = risky[2].into();
    plan.groups[0].tasks[0].coordinating = vec![];
    plan.directory[2].short = Some(risky[3].into());
    plan.groups[0].tasks[0].lead = vec!["so-tc".into()];
    let mut wb = open(dxplan::xlsx::build(&plan).unwrap());
    let r = wb.worksheet_range("Nhiệm vụ").unwrap();
    let formulas = wb.worksheet_formula("Nhiệm vụ").unwrap();
    for (row, col, expected) in [
        (6u32, 1u32, risky[0]),
        (7, 1, risky[1]),
        (7, 5, risky[2]),
        (6, 2, risky[3]),
    ] {
        assert_eq!(
            r.get_value((row, col)),
            Some(&Data::String(expected.into())),
            "({row},{col})"
        );
        assert!(
            formulas.get_value((row, col)).is_none_or(|f| f.is_empty()),
            "({row},{col}) stored as a formula"
        );
    }
}

/// A text longer than an Excel cell holds (a plan file can carry one) is refused in Vietnamese,
/// saying what to shorten; the writer's English never reaches the planner.
#[test]
fn a_text_longer_than_a_cell_is_refused_in_vietnamese() {
    let mut plan = common::small_plan();
    plan.groups[0].tasks[0].title = "Xây dựng kho dữ liệu ".repeat(2_000);
    let e = dxplan::xlsx::build(&plan).unwrap_err().to_string();
    assert!(
        e.contains("một ô có hơn 32.767 ký tự, giới hạn của Excel"),
        "{e}"
    );
    assert!(!e.contains("exceeds") && !e.contains("limit of"), "{e}");
}

/// A department fills the template: the test copies every cell of the proposal sheet and
/// adds its own rows, the way a filled file comes back (columns optionally shuffled).
fn fill(
    template: &[u8],
    extra: &[Vec<Cell>],
    change: impl Fn(u32, u32, &mut Cell),
    order: Option<&[usize]>,
    sheet_name: &str,
) -> Vec<u8> {
    let mut wb = open(template.to_vec());
    let r = wb.worksheet_range(proposals::SHEET).unwrap();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (ri, row) in r.rows().enumerate() {
        let mut cells: Vec<Cell> = row
            .iter()
            .map(|d| match d {
                Data::String(s) => Cell::T(s.clone()),
                Data::Float(f) => Cell::N(*f),
                _ => Cell::E,
            })
            .collect();
        for (ci, c) in cells.iter_mut().enumerate() {
            change(ri as u32, ci as u32, c);
        }
        rows.push(cells);
    }
    rows.extend(extra.iter().cloned());
    // The hidden sheet's mark says which agency the workbook was made for, sealed.
    let mark: Vec<String> = wb
        .worksheet_range(proposals::LISTS)
        .map(|r| {
            (0..4)
                .map(|i| r.get_value((i, 6)).map(text).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let mut out = rust_xlsxwriter::Workbook::new();
    let lists = out.add_worksheet();
    lists.set_name(proposals::LISTS).unwrap();
    for (i, m) in mark.iter().enumerate() {
        lists.write_string(i as u32, 6, m).unwrap();
    }
    let ws = out.add_worksheet();
    ws.set_name(sheet_name).unwrap();
    for (ri, row) in rows.iter().enumerate() {
        let n = row.len();
        for ci in 0..n {
            let src = order.map_or(ci, |o| o[ci]);
            match row.get(src).cloned().unwrap_or(Cell::E) {
                Cell::T(s) => ws
                    .write_string(ri as u32, ci as u16, s)
                    .map(|_| ())
                    .unwrap(),
                Cell::N(f) => ws
                    .write_number(ri as u32, ci as u16, f)
                    .map(|_| ())
                    .unwrap(),
                Cell::D(d) => ws
                    .write_datetime_with_format(
                        ri as u32,
                        ci as u16,
                        rust_xlsxwriter::ExcelDateTime::parse_from_str(&d).unwrap(),
                        &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"),
                    )
                    .map(|_| ())
                    .unwrap(),
                Cell::E => {}
            }
        }
    }
    out.save_to_buffer().unwrap()
}

#[derive(Clone, Debug)]
enum Cell {
    T(String),
    N(f64),
    /// A date ("2023-01-01"), as Excel stores one.
    D(String),
    E,
}

fn t(s: &str) -> Cell {
    Cell::T(s.into())
}

fn new_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Cell::E,
            t("Chính quyền số"),
            t("Triển khai Trợ lý ảo cho cán bộ Sở"),
            t("Sở TT&TT"),
            t("Văn phòng UBND tỉnh; so noi vu"),
            t("Quý III/2023"),
            t("Trợ lý ảo vận hành"),
            Cell::N(1500.5),
            t("Chi thường xuyên"),
            t("Ngân sách cấp tỉnh"),
            Cell::E,
        ],
        vec![
            Cell::E,
            t("Dữ liệu số"),
            t("Số hóa hồ sơ lưu trữ của Sở"),
            t("Sở Thông tin và Truyền thông"),
            Cell::E,
            t("Năm 2023"),
            Cell::E,
            t("2.000"),
            t("Chi đầu tư phát triển"),
            t("Ngân sách cấp tỉnh"),
            Cell::E,
        ],
    ]
}

use common::write;

#[test]
fn proposal_template_round_trip() {
    let plan = dxplan::sample::plan();
    let template = proposals::template(
        &plan,
        "Sở TT&TT",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let led = plan
        .tasks()
        .filter(|(_, t)| t.lead.contains(&"so-tttt".to_string()))
        .count();

    // The template: pre-filled rows, drop-down lists, instructions.
    let mut wb = open(template.clone());
    assert_eq!(wb.sheet_names(), ["Danh mục", "Đề xuất", "Hướng dẫn"]);
    let r = wb.worksheet_range(proposals::SHEET).unwrap();
    let filled = r
        .rows()
        .skip(4)
        .filter(|row| row.iter().any(|c| !matches!(c, Data::Empty)))
        .count();
    assert_eq!(filled, led);
    let sheet = part(&template, "xl/worksheets/sheet2.xml");
    assert_eq!(
        sheet.matches(r#"<dataValidation type="list""#).count(),
        4,
        "group, lead, source, level"
    );
    assert!(sheet.contains("<formula1>'Danh mục'!$A$2:$A$11</formula1>"));
    assert!(sheet.contains(r#"<dataValidation type="decimal""#));
    assert!(
        part(&template, "xl/workbook.xml").contains(r#"state="hidden""#),
        "the lists sheet is hidden"
    );
    let guide = wb.worksheet_range("Hướng dẫn").unwrap();
    assert!(text(guide.get_value((0, 0)).unwrap()).starts_with("HƯỚNG DẪN ĐIỀN ĐỀ XUẤT"));
    // The examples are in the plan's year (the sample is 2023's), none in another.
    let guide_text: String = guide
        .rows()
        .flatten()
        .map(text)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(guide_text.contains("«Quý III/2023»"), "{guide_text}");
    assert!(!guide_text.contains("2027"), "{guide_text}");

    // Filled: two new rows, one existing task moved to Quý IV.
    let existing_row = 4; // first pre-filled task (Excel row 5, under the header on row 4)
    let filled = fill(
        &template,
        &new_rows(),
        |r, c, cell| {
            if r == existing_row && c == 5 {
                *cell = t("Quý IV/2023")
            }
        },
        None,
        proposals::SHEET,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "so-tttt.xlsx", &filled);
    let review = proposals::review(
        &plan,
        std::slice::from_ref(&file),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    );
    assert!(review.problems.is_empty(), "{:#?}", review.problems);
    assert_eq!(review.changes.len(), 3);
    assert_eq!(review.unchanged, led - 1);

    // The same file as offices send it: a total row and a signature block under the table
    // (the names signed under it included) read as nothing, with no problem.
    let mut footed = new_rows();
    footed.extend([
        vec![
            Cell::E,
            Cell::E,
            t("Tổng cộng:"),
            Cell::E,
            Cell::E,
            Cell::E,
            Cell::E,
            Cell::N(3500.5),
        ],
        vec![],
        vec![
            Cell::E,
            Cell::E,
            Cell::E,
            Cell::E,
            Cell::E,
            t("Quảng Ngãi, ngày 05 tháng 12 năm 2022"),
        ],
        vec![
            Cell::E,
            t("Người lập biểu"),
            Cell::E,
            Cell::E,
            Cell::E,
            t("Thủ trưởng đơn vị"),
        ],
        vec![
            Cell::E,
            t("(Ký, ghi rõ họ tên)"),
            Cell::E,
            Cell::E,
            Cell::E,
            t("(Ký tên, đóng dấu)"),
        ],
        vec![
            Cell::E,
            t("Nguyễn Văn An"),
            Cell::E,
            Cell::E,
            Cell::E,
            t("Trần Thị Bình"),
        ],
    ]);
    let footed = fill(
        &template,
        &footed,
        |r, c, cell| {
            if r == existing_row && c == 5 {
                *cell = t("Quý IV/2023")
            }
        },
        None,
        proposals::SHEET,
    );
    let footed = write(dir.path(), "so-tttt-ky.xlsx", &footed);
    let signed = proposals::review(
        &plan,
        std::slice::from_ref(&footed),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    );
    assert!(signed.problems.is_empty(), "{:#?}", signed.problems);
    assert_eq!(signed.changes.len(), 3);
    assert_eq!(signed.unchanged, led - 1);
    let Change::Add { task: a, row, .. } = &review.changes[1] else {
        panic!("{:?}", review.changes)
    };
    assert_eq!(
        *row,
        (4 + led + 1) as u32,
        "Excel row of the first added line"
    );
    assert_eq!(a.lead, ["so-tttt"]);
    assert_eq!(
        a.coordinating,
        ["vp-ubnd", "so-nv"],
        "agencies matched by name, short name, without diacritics"
    );
    assert_eq!(a.budget[0].amount.to_string(), "1500.5");
    let Change::Add { task: b, .. } = &review.changes[2] else {
        panic!()
    };
    assert_eq!(
        b.budget[0].amount.to_string(),
        "2000",
        "an amount typed as text the Vietnamese way"
    );
    let Change::Update { fields, task, .. } = &review.changes[0] else {
        panic!()
    };
    assert_eq!(
        fields.iter().map(|d| d.field).collect::<Vec<_>>(),
        ["thời gian"]
    );
    assert_eq!(
        task.deadline,
        Some(dxplan::model::Deadline::Quarter {
            year: 2023,
            quarter: 4
        })
    );

    // Applied through the store: the plan holds exactly the new rows.
    common::rt().block_on(async {
        let store = Store::open(&dir.path().join("db.sqlite")).await.unwrap();
        let id = store.create(&plan).await.unwrap();
        store
            .update(&id, None, "Nhập đề xuất", |p| review.apply_to(p))
            .await
            .unwrap();
        let after = store.load(&id).await.unwrap().plan;
        assert_eq!(after.tasks().count(), 78);
        let cqs = after
            .groups
            .iter()
            .find(|g| g.title == "Chính quyền số")
            .unwrap();
        assert_eq!(
            cqs.tasks.last().unwrap().title,
            "Triển khai Trợ lý ảo cho cán bộ Sở"
        );
        let before_titles: Vec<&str> = plan.tasks().map(|(_, t)| t.title.as_str()).collect();
        let added: Vec<&str> = after
            .tasks()
            .map(|(_, t)| t.title.as_str())
            .filter(|t| !before_titles.contains(t))
            .collect();
        assert_eq!(
            added,
            [
                "Số hóa hồ sơ lưu trữ của Sở",
                "Triển khai Trợ lý ảo cho cán bộ Sở"
            ]
        );
        assert_eq!(
            dxplan::format::money(dxplan::budget::totals(&after).total),
            "136.398"
        );
    });
}

#[test]
fn shuffled_columns_are_read_by_their_headers() {
    let plan = dxplan::sample::plan();
    let template = proposals::template(
        &plan,
        "so-tttt",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let order = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    let filled = fill(
        &template,
        &new_rows(),
        |_, _, _| {},
        Some(&order),
        proposals::SHEET,
    );
    let dir = tempfile::tempdir().unwrap();
    let review = proposals::review(
        &plan,
        &[write(dir.path(), "dao-cot.xlsx", &filled)],
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    );
    assert!(review.problems.is_empty(), "{:#?}", review.problems);
    assert_eq!(
        review
            .changes
            .iter()
            .filter(|c| matches!(c, Change::Add { .. }))
            .count(),
        2
    );
}

#[test]
fn bad_workbooks_give_located_messages_and_change_nothing() {
    let plan = dxplan::sample::plan();
    let template = proposals::template(
        &plan,
        "so-tttt",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, bytes: &[u8], expected: &[&str]| {
        let file = write(dir.path(), name, bytes);
        let review = proposals::review(
            &plan,
            &[file],
            &dxplan::proposals::seal::Seal::new("k".repeat(32)),
        );
        let all: Vec<String> = review.problems.iter().map(|p| p.to_string()).collect();
        for e in expected {
            assert!(
                all.iter().any(|m| m.contains(e)),
                "{name}: «{e}» not in {all:#?}"
            );
        }
        review
    };
    check(
        "trang-khac.xlsx",
        &fill(&template, &[], |_, _, _| {}, None, "Sheet1"),
        &["không có trang «Đề xuất»", "Sheet1"],
    );
    let mut rows = new_rows();
    rows[0][7] = t("năm trăm");
    rows[1][3] = Cell::E;
    rows[1][4] = t("Sở Không Tồn Tại");
    rows[1][1] = t("Nhóm lạ");
    let r = check(
        "loi-dong.xlsx",
        &fill(&template, &rows, |_, _, _| {}, None, proposals::SHEET),
        &[
            "trang «Đề xuất», dòng 45, cột H (Kinh phí (triệu đồng)): «năm trăm» không phải là số tiền",
            "dòng 46, cột D (Cơ quan chủ trì): thiếu cơ quan chủ trì",
            "dòng 46, cột E (Cơ quan phối hợp): cơ quan «Sở Không Tồn Tại» không có trong danh bạ",
            "dòng 46, cột B (Nhóm nhiệm vụ): nhóm «Nhóm lạ» không có trong kế hoạch",
        ],
    );
    assert!(r.changes.is_empty(), "bad rows are not proposed as changes");
    let docx = dxplan::docx::build(
        &plan,
        &dxplan::docx::Options {
            draft: true,
            ..Default::default()
        },
    )
    .unwrap();
    check(
        "that-ra-la-word.xlsx",
        &docx,
        &["tệp Word (.docx) bị đổi đuôi"],
    );
    check("rong.xlsx", b"", &["tệp rỗng"]);
    check(
        "csv.xlsx",
        "TT;Tên nhiệm vụ\n1;x\n".as_bytes(),
        &["không phải tệp Excel .xlsx"],
    );

    // A small archive that unpacks to far more than any proposal workbook.
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/workbook.xml", o).unwrap();
    bomb.start_file("xl/worksheets/sheet1.xml", o.large_file(true))
        .unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..120 {
        std::io::Write::write_all(&mut bomb, &zeros).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    check("bom.xlsx", &bomb, &["quá lớn"]);

    // A cell address past Excel's limits: calamine overflowed computing it (found by the
    // fuzz harness, tests/fuzz.rs).
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&template)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = String::new();
        std::io::Read::read_to_string(&mut f, &mut data).ok();
        if name.starts_with("xl/worksheets/") {
            data = data.replacen(" r=\"A", " r=\"A99999999999", 1);
        }
        out.start_file(&name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, data.as_bytes()).unwrap();
    }
    check(
        "dia-chi-o.xlsx",
        &out.finish().unwrap().into_inner(),
        &["địa chỉ ô không hợp lệ «A99999999999"],
    );
}

#[test]
fn cli_import_applies_nothing_unless_all_rows_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let run = |args: &[&str]| common::dxplan(&db, args);
    let id = String::from_utf8(run(&["new", "--sample"]).stdout)
        .unwrap()
        .trim()
        .to_string();
    let tpl = dir.path().join("mau.xlsx");
    assert!(run(&[
        "proposals-template",
        &id,
        "--agency",
        "Sở TT&TT",
        "--out",
        tpl.to_str().unwrap()
    ])
    .status
    .success());
    let mut rows = new_rows();
    rows[1][7] = t("hai nghìn");
    let filled = write(
        dir.path(),
        "de-xuat.xlsx",
        &fill(
            &std::fs::read(&tpl).unwrap(),
            &rows,
            |_, _, _| {},
            None,
            proposals::SHEET,
        ),
    );
    let revision = || String::from_utf8(run(&["list", "--json"]).stdout).unwrap();
    let before = revision();

    let o = run(&["proposals-import", &id, filled.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("chưa áp dụng thay đổi nào"));
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(said.contains("THÊM      dòng 45"));
    // The new task's lead, deadline and amount, the unit said once.
    let added = said
        .lines()
        .find(|l| l.starts_with("THÊM      dòng 45"))
        .unwrap();
    assert!(
        added.contains("chủ trì ") && added.ends_with(" triệu đồng)"),
        "{added}"
    );
    assert!(!added.contains("triệu đồng triệu đồng"), "{added}");
    assert_eq!(revision(), before, "plan unchanged");

    let o = run(&[
        "proposals-import",
        &id,
        filled.to_str().unwrap(),
        "--accept-valid",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stats = String::from_utf8(run(&["stats", &id, "--json"]).stdout).unwrap();
    assert!(
        stats.contains("\"tasks\": 77"),
        "only the valid row was added"
    );
}

#[test]
fn a_departments_workbook_changes_only_its_own_tasks_and_amounts_are_checked() {
    let plan = dxplan::sample::plan();
    let template = proposals::template(
        &plan,
        "so-tttt",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_, foreign) = plan
        .tasks()
        .find(|(_, t)| !t.lead.iter().any(|l| l == "so-tttt"))
        .unwrap();
    let mut rows = new_rows();
    // A task another agency leads, renamed in Sở TT&TT's workbook.
    let mut theirs = rows[0].clone();
    theirs[0] = t(&foreign.id);
    theirs[2] = t("Tên do Sở TT&TT sửa");
    rows.push(theirs);
    // Amounts that used to be saved as no budget, or as a date's serial number.
    rows[0][7] = Cell::N(1e308);
    rows[1][7] = Cell::D("2023-01-01".into());
    let file = write(
        dir.path(),
        "so-tttt.xlsx",
        &fill(&template, &rows, |_, _, _| {}, None, proposals::SHEET),
    );
    let review = proposals::review(
        &plan,
        &[file],
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    );
    let all: Vec<String> = review.problems.iter().map(|p| p.to_string()).collect();
    for expected in [
        "chỉ sửa được nhiệm vụ cơ quan đó chủ trì",
        "không hợp lệ",
        "kiểu ngày tháng",
    ] {
        assert!(
            all.iter().any(|m| m.contains(expected)),
            "«{expected}» not in {all:#?}"
        );
    }
    assert!(review.changes.is_empty(), "{:?}", review.changes);
}

#[test]
fn twenty_thousand_proposal_rows_apply_in_one_pass() {
    let plan = dxplan::sample::plan();
    let group = plan.groups[0].id.clone();
    let lead = plan.groups[0].tasks[0].lead.clone();
    let review = proposals::Review {
        changes: (0..20_000)
            .map(|i| Change::Add {
                file: "x.xlsx".into(),
                row: i + 2,
                group: group.clone(),
                amount: String::new(),
                task: dxplan::model::Task {
                    id: format!("de-xuat-{i}"),
                    ..dxplan::model::Task::new(format!("Nhiệm vụ đề xuất {i}"), lead.clone())
                },
            })
            .collect(),
        ..Default::default()
    };
    let mut applied = plan.clone();
    review.apply_to(&mut applied).unwrap();
    assert_eq!(applied.tasks().count(), plan.tasks().count() + 20_000);
    // A repeated id is still refused as a whole.
    let mut twice = plan.clone();
    let mut dup = review.clone();
    dup.changes.truncate(2);
    if let Change::Add { task, .. } = &mut dup.changes[1] {
        task.id = "de-xuat-0".into();
    }
    assert!(dup.apply_to(&mut twice).is_err());
}

/// The workbook with one cell's text changed, the way Excel saves it: every part copied, the
/// shared string `from` replaced by `to` (the hidden sheet's cells are shared strings).
fn with_string_changed(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut changed = false;
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "xl/sharedStrings.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let new = xml.replace(&format!(">{from}<"), &format!(">{to}<"));
            changed = new != xml;
            bytes = new.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert!(changed, "«{from}» is a shared string of the workbook");
    out.finish().unwrap().into_inner()
}

#[test]
fn a_forged_workbook_is_refused_naming_the_agency_it_was_sent_to() {
    let plan = dxplan::sample::plan();
    let seal = dxplan::proposals::seal::Seal::new("k".repeat(32));
    let dir = tempfile::tempdir().unwrap();
    for (kind, sent) in [
        (
            "de-xuat",
            proposals::template(&plan, "so-xd", &seal).unwrap(),
        ),
        (
            "tien-do",
            proposals::progress::template(&plan, "so-xd", &seal).unwrap(),
        ),
    ] {
        // Sở Xây dựng's file, its agency cell changed to Sở TT&TT's.
        let forged = write(
            dir.path(),
            &format!("{kind}-gia.xlsx"),
            &with_string_changed(&sent, "so-xd", "so-tttt"),
        );
        let review = proposals::review(&plan, std::slice::from_ref(&forged), &seal);
        assert!(review.changes.is_empty(), "{kind}");
        let said: Vec<&str> = review.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(said.len(), 1, "{kind}: {said:#?}");
        assert!(
            said[0].contains("được gửi cho Sở Xây dựng")
                && said[0].contains("sửa thành tệp của Sở Thông tin và Truyền thông"),
            "{kind}: {}",
            said[0]
        );
        // Another database's key (another province's app, or a seal made up): not taken.
        let other = dxplan::proposals::seal::Seal::new("x".repeat(32));
        let honest = write(dir.path(), &format!("{kind}.xlsx"), &sent);
        let review = proposals::review(&plan, std::slice::from_ref(&honest), &other);
        assert!(
            review.problems[0].message.contains("không có dấu xác thực"),
            "{}",
            review.problems[0].message
        );
        // The file as sent: read as Sở Xây dựng's.
        let review = proposals::review(&plan, &[honest], &seal);
        assert!(review.problems.is_empty(), "{kind}: {:#?}", review.problems);
    }
}

#[test]
fn an_agencys_file_adds_only_tasks_that_agency_leads() {
    let plan = dxplan::sample::plan();
    let seal = dxplan::proposals::seal::Seal::new("k".repeat(32));
    let template = proposals::template(&plan, "so-xd", &seal).unwrap();
    let row = |title: &str, lead: &str| {
        vec![
            Cell::E,
            t("Dữ liệu số"),
            t(title),
            t(lead),
            Cell::E,
            t("Năm 2023"),
            Cell::E,
            t("500"),
            t("Chi thường xuyên"),
            t("Ngân sách cấp tỉnh"),
            Cell::E,
        ]
    };
    let rows = [
        row("Số hóa hồ sơ cấp phép xây dựng", "Sở Xây dựng"),
        row(
            "Nâng cấp trung tâm dữ liệu tỉnh",
            "Sở Thông tin và Truyền thông",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "so-xd.xlsx",
        &fill(&template, &rows, |_, _, _| {}, None, proposals::SHEET),
    );
    let review = proposals::review(&plan, &[file], &seal);
    assert_eq!(review.changes.len(), 1, "{:#?}", review.problems);
    let said: Vec<&str> = review.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].contains("phải do Sở Xây dựng chủ trì"),
        "{}",
        said[0]
    );
}
