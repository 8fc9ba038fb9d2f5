"""The year after the plan, in the window: proposals sent to three agencies and one filled
workbook (written with openpyxl, as a department's spreadsheet program would) read back,
two rows accepted and one rejected; a dozen tasks and indicators tracked in the tracking
screen, with empty and wrong values; the results report exported; next year's draft with
Phần I filled from the tracking. Everything is read back through the CLI."""

import re
import shutil
import time
import zipfile

import docx
import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_app import button, saved, wait
from test_screens import cli, cli_plan, cli_plans, review_dialog


def screen(d, label):
    wait(d).until(EC.element_to_be_clickable((By.XPATH, f"//nav[@aria-label='Màn hình']/button[normalize-space()='{label}']"))).click()


def eventually(check, timeout=15):
    """What the CLI reads once the window's last edit is stored."""
    end = time.time() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.time() > end:
                raise
            time.sleep(0.3)


def into_view(d, el):
    """Scrolled to the middle of the screen, clear of the top bar and of any notice."""
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".toast"))
    return el


def typed(d, label, text):
    field = wait(d).until(EC.presence_of_element_located((By.XPATH, f"//input[@aria-label='{label}'] | //label[span='{label}']/input")))
    into_view(d, field)
    # As a person empties a field (WebDriver's clear() skips the page's input events).
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACK_SPACE)
    if text:
        field.send_keys(text)
    field.send_keys(Keys.TAB)
    return field


def fill_proposals(path, out):
    """Sở TT&TT's answer: the first task renamed, the second given another deadline, one new
    task — typed into the workbook the app sent."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Đề xuất"]
    header = next(r for r in range(1, 15) if ws.cell(r, 3).value == "Tên nhiệm vụ")
    first, second = header + 1, header + 2
    ws.cell(first, 3).value = ws.cell(first, 3).value + " (đề xuất sửa)"
    ws.cell(second, 6).value = "Quý IV/2023"
    new = next(r for r in range(header + 1, header + 200) if not ws.cell(r, 3).value)
    for col, value in enumerate(
        ["", "Chính quyền số", "Triển khai trợ lý ảo cho cán bộ một cửa", "Sở TT&TT", "Văn phòng UBND tỉnh", "Năm 2023",
         "Trợ lý ảo vận hành", 850, "Chi thường xuyên", "Ngân sách cấp tỉnh", ""],
        start=1,
    ):
        ws.cell(new, col).value = value or None
    wb.save(out)
    return ws.cell(first, 1).value, ws.cell(second, 1).value


def test_proposals_tracking_report_and_next_years_part_one(launch, workdir):
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    # The newest plan is the one just made (the app also seeds a sample on first start).
    plan_id = cli_plans(workdir)[0]["id"]
    before = cli_plan(workdir, plan_id)

    # --- Proposals: three agencies, one file filled and read back.
    screen(d, "Đề xuất, báo cáo")
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[contains(., 'Đề xuất nhiệm vụ')]/input"))).click()
    button(d, "Bỏ chọn").click()
    for name in ["Sở Thông tin và Truyền thông", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Xây dựng"]:
        d.find_element(By.CSS_SELECTOR, f"input[aria-label='Gửi {name}']").click()
    button(d, "Gửi đề xuất nhiệm vụ… (3 tệp)").click()
    sent = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='sent']")))
    assert "Đã tạo 3 tệp" in sent.text, sent.text
    files = sorted(p.name for p in (workdir / "out").iterdir())
    assert files == [
        "Danh-sach-gui-De-xuat-CDS-2023.xlsx",
        "De-xuat-CDS-2023-So-Tt-Tt.xlsx",
        "De-xuat-CDS-2023-So-Xay-Dung.xlsx",
        "De-xuat-CDS-2023-Van-Phong-Ubnd-Tinh.xlsx",
    ], files
    summary = openpyxl.load_workbook(workdir / "out" / files[0]).active
    listed = [summary.cell(r, 2).value for r in range(1, 12) if isinstance(summary.cell(r, 1).value, (int, float))]
    assert listed == ["Sở Thông tin và Truyền thông", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Xây dựng"], listed
    renamed, redated = fill_proposals(workdir / "out" / files[1], workdir / "nhận về.xlsx")
    shot(d, "rounds-sent")

    button(d, "Nhận tệp đã điền…").click()
    review = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='round-review']")))
    assert "1 thêm mới, 2 thay đổi" in review.text and "0 lỗi" in review.text, review.text
    assert "(đề xuất sửa)" in review.text and "Quý IV/2023" in review.text
    # Whose file it is taken to be (its seal checked), and the new task's lead, deadline, amount.
    assert "đề xuất của Sở Thông tin và Truyền thông" in review.find_element(By.CSS_SELECTOR, "[data-testid='files-read']").text
    detail = review.find_element(By.CSS_SELECTOR, "[data-testid='new-task-detail']").text
    assert "Sở Thông tin và Truyền thông" in detail and "Năm 2023" in detail and "850 triệu đồng" in detail, detail
    assert "triệu đồng triệu đồng" not in detail, detail
    # The deadline change is rejected; the rename and the new task go in as one step.
    rows = d.find_elements(By.CSS_SELECTOR, "table.review tbody tr")
    [deadline_row] = [r for r in rows if "thời gian" in r.text]
    deadline_row.find_element(By.CSS_SELECTOR, "input[type='checkbox']").click()
    shot(d, "rounds-review")
    button(d, "Cập nhật vào kế hoạch (2 dòng)").click()
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Đã cập nhật 2 dòng')]")))

    def proposals_applied():
        plan = cli_plan(workdir, plan_id)
        tasks = {t["id"]: t for g in plan["groups"] for t in g["tasks"]}
        assert tasks[renamed]["title"].endswith("(đề xuất sửa)"), tasks[renamed]["title"]
        old = {t["id"]: t for g in before["groups"] for t in g["tasks"]}
        assert tasks[redated]["deadline"] == old[redated]["deadline"]
        [new] = [t for t in tasks.values() if t["title"] == "Triển khai trợ lý ảo cho cán bộ một cửa"]
        assert new["lead"] == ["so-tttt"] and new["budget"][0]["amount"] == "850", new
        return plan

    plan = eventually(proposals_applied)
    assert len([t for g in plan["groups"] for t in g["tasks"]]) == 77

    # --- Tracking: a dozen tasks and three indicators, as of 30/11/2023.
    screen(d, "Theo dõi")
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='tracking']")))
    typed(d, "Tính đến ngày", "30/11/2023")
    numbers = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]
    statuses = ["hoan_thanh"] * 6 + ["dang_trien_khai"] * 2 + ["cham_tien_do"] * 2 + ["khong_thuc_hien", "hoan_thanh"]
    for n, status in zip(numbers, statuses):
        Select(into_view(d, d.find_element(By.CSS_SELECTOR, f"select[aria-label='Trạng thái nhiệm vụ {n}']"))).select_by_value(status)
        saved(d)
    typed(d, "Kết quả nhiệm vụ 3.3", "Chưa bố trí được vốn")
    saved(d)
    # A wrong amount is marked and not saved; an empty one is "not reported"; a good one is kept.
    wrong = typed(d, "Đã chi nhiệm vụ 1.1", "mười triệu")
    wait(d).until(lambda d: "invalid" in (wrong.get_attribute("class") or ""))
    typed(d, "Đã chi nhiệm vụ 1.1", "120,5")
    saved(d)
    # An amount typed then emptied is "not reported" again, not 0.
    typed(d, "Đã chi nhiệm vụ 1.2", "5")
    saved(d)
    typed(d, "Đã chi nhiệm vụ 1.2", "")
    saved(d)
    typed(d, "Ngày báo cáo nhiệm vụ 1.1", "31/02/2023")
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[@role='alert' and contains(., 'Không có ngày 31/02/2023')]")))
    typed(d, "Ngày báo cáo nhiệm vụ 1.1", "25/11/2023")
    saved(d)
    for k, value in [(1, "92,5"), (2, "81"), (3, "40")]:
        typed(d, f"Thực hiện chỉ tiêu {k}", value)
        saved(d)
        typed(d, f"Ngày đo chỉ tiêu {k}", "30/11/2023")
        saved(d)
    summary = d.find_element(By.CSS_SELECTOR, "[data-testid='tracking-summary']")
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".tally[data-status='hoan_thanh'] b").text == "7")
    # Late tasks are marked: as of 30/11/2023 the slow ones are late or nearly.
    assert d.find_elements(By.CSS_SELECTOR, "tr.urgency-overdue, tr.urgency-at_risk")
    assert "77" in summary.text, summary.text
    shot(d, "tracking-screen")
    d.execute_script("document.querySelector('.screen.tracking').scrollTo(0, 0)")
    shot(d, "tracking-top")

    def tracked():
        plan = cli_plan(workdir, plan_id)
        flat = [t for g in plan["groups"] for t in g["tasks"]]
        number = {f"{gi + 1}.{ti + 1}": t for gi, g in enumerate(plan["groups"]) for ti, t in enumerate(g["tasks"])}
        assert [number[n]["status"] for n in numbers] == statuses
        assert number["1.1"]["progress"]["spent"] == "120.5" and number["1.1"]["progress"]["updated"] == "2023-11-25"
        assert number["1.2"]["progress"]["spent"] is None
        assert number["3.3"]["progress"]["note"] == "Chưa bố trí được vốn"
        inds = [i for g in plan["specific_goals"] for i in g["indicators"]]
        assert [(i["actual"], i["measured"]) for i in inds[:3]] == [
            ("92.5", "2023-11-30"), ("81", "2023-11-30"), ("40", "2023-11-30")], inds[:3]
        return flat

    assert len(eventually(tracked)) == 77

    # --- The results report, from the export screen: as final, refused without its number;
    # the number typed on Theo dõi, then exported.
    screen(d, "Xuất văn bản")
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[b='Báo cáo kết quả']/input"))).click()
    button(d, "Xuất tệp…").click()
    refusal = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".screen.export [role='alert']"))).text
    assert "cần có số báo cáo" in refusal, refusal
    assert not list((workdir / "out").glob("Bao-cao-ket-qua-*.docx"))
    screen(d, "Theo dõi")
    typed(d, "Số báo cáo", "415")
    saved(d)
    assert cli_plan(workdir, plan_id)["identity"]["report_number"] == "415"
    screen(d, "Xuất văn bản")
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[b='Báo cáo kết quả']/input"))).click()
    button(d, "Xuất tệp…").click()
    path = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='export-path']"))).text
    assert path.endswith("Bao-cao-ket-qua-CDS-Quang-Ngai-2023.docx"), path
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    assert "BÁO CÁO" in xml and "Chưa bố trí được vốn" in xml and "120,5" in xml
    assert "Số: 415/BC-UBND" in xml
    # python-docx opens it; Phụ lục I lists every task, numbered as in the plan.
    numbers = [
        [r.cells[0].text.strip() for r in t.rows if re.fullmatch(r"\d+\.\d+", r.cells[0].text.strip())]
        for t in docx.Document(path).tables
    ]
    plan_numbers = [f"{gi + 1}.{ti + 1}" for gi, g in enumerate(plan["groups"]) for ti, _ in enumerate(g["tasks"])]
    assert plan_numbers in numbers, [len(n) for n in numbers]
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[b='Báo cáo kết quả (sổ tính)']/input"))).click()
    button(d, "Xuất tệp…").click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='export-path']").text.endswith(".xlsx"))
    book = openpyxl.load_workbook(d.find_element(By.CSS_SELECTOR, "[data-testid='export-path']").text)
    assert len(book.sheetnames) >= 2, book.sheetnames

    # --- Next year's draft: Phần I from the tracking.
    screen(d, "Các kế hoạch")
    button(d, "Lập KH 2024").click()
    wait(d).until(lambda d: "Dự thảo kế hoạch năm 2024" in review_dialog(d).text)
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']//button[normalize-space()='Mở dự thảo']"))).click()
    [draft] = [p for p in cli_plans(workdir) if p["year"] == 2024]
    part_one = cli_plan(workdir, draft["id"])["assessment"]
    done = [t for t in part_one["tasks"] if t["status"] == "hoan_thanh"]
    assert len(done) == 7, [t["status"] for t in part_one["tasks"]]
    assert any(t["result"] == "Chưa bố trí được vốn" for t in part_one["tasks"])
    assert [i["actual"] for i in part_one["indicators"][:3]] == ["92.5", "81", "40"], part_one["indicators"][:3]
    assert part_one["budget_spent"].startswith("Kinh phí đã thực hiện 120,5 triệu đồng"), part_one["budget_spent"]
    shutil.copy(path, workdir / "out" / "kept.docx")


def test_progress_round_read_back_with_a_wrong_cell(launch, workdir):
    """A progress report for one agency, filled with openpyxl: two tasks and an indicator
    brought up to date, one status that is not in the list. The review shows the change
    against the plan and the problem at its cell; applying takes the good rows only, and
    one undo takes them all back."""
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    plan_id = cli_plans(workdir)[0]["id"]
    screen(d, "Đề xuất, báo cáo")
    # An issued plan starts on the progress round, sent by default to the agencies that lead
    # tasks (never to a collective such as "Các sở, ban, ngành tỉnh").
    wait(d).until(EC.element_located_to_be_selected((By.XPATH, "//label[contains(., 'Báo cáo tiến độ')]/input")))
    assert not d.find_element(By.CSS_SELECTOR, "input[aria-label='Gửi Các sở, ban, ngành tỉnh']").is_selected()
    button(d, "Bỏ chọn").click()
    d.find_element(By.CSS_SELECTOR, "input[aria-label='Gửi Sở Thông tin và Truyền thông']").click()
    button(d, "Gửi báo cáo tiến độ… (1 tệp)").click()
    wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='sent']")))
    sent = workdir / "out" / "Bao-cao-tien-do-CDS-2023-So-Tt-Tt.xlsx"
    wb = openpyxl.load_workbook(sent)
    tasks, indicators = wb["Tiến độ nhiệm vụ"], wb["Kết quả chỉ tiêu"]
    header = next(r for r in range(1, 15) if tasks.cell(r, 1).value == "Mã (không sửa)")
    tasks.cell(header + 1, 5).value = "Hoàn thành"
    tasks.cell(header + 1, 6).value = "Đã tổ chức tuần lễ chuyển đổi số"
    tasks.cell(header + 1, 8).value = 45.5
    tasks.cell(header + 2, 5).value = "Xong rồi"
    tasks.cell(header + 3, 5).value = "Chậm tiến độ"
    tasks.cell(header + 3, 6).value = "Chờ bố trí vốn"
    ih = next(r for r in range(1, 15) if indicators.cell(r, 1).value == "Mã (không sửa)")
    indicators.cell(ih + 1, 5).value = 97
    indicators.cell(ih + 1, 6).value = "30/11/2023"
    wb.save(workdir / "nhận về.xlsx")
    first, late = tasks.cell(header + 1, 1).value, tasks.cell(header + 3, 1).value

    button(d, "Nhận tệp đã điền…").click()
    review = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='round-review']")))
    assert "3 thay đổi" in review.text and "1 lỗi" in review.text, review.text
    assert "Chưa triển khai → Hoàn thành" in review.text and "«Xong rồi»" in review.text, review.text
    shot(d, "progress-review")
    button(d, "Cập nhật vào kế hoạch (3 dòng)").click()
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Đã cập nhật 3 dòng')]")))

    def applied():
        plan = cli_plan(workdir, plan_id)
        t = {t["id"]: t for g in plan["groups"] for t in g["tasks"]}
        assert (t[first]["status"], t[first]["progress"]["spent"]) == ("hoan_thanh", "45.5"), t[first]
        assert (t[late]["status"], t[late]["progress"]["note"]) == ("cham_tien_do", "Chờ bố trí vốn")
        ind = plan["specific_goals"][0]["indicators"][0]
        assert (ind["actual"], ind["measured"]) == ("97", "2023-11-30"), ind

    eventually(applied)
    # One undo takes the whole batch back.
    into_view(d, d.find_element(By.CSS_SELECTOR, "button[aria-label='Hoàn tác']")).click()

    def undone():
        plan = cli_plan(workdir, plan_id)
        t = {t["id"]: t for g in plan["groups"] for t in g["tasks"]}
        assert t[first]["status"] == "chua_trien_khai" and t[late]["progress"]["note"] == ""
        assert plan["specific_goals"][0]["indicators"][0]["actual"] is None

    eventually(undone)


def test_an_edit_made_elsewhere_shows_without_reopening(launch, workdir):
    """Two sessions on one database: a task added through the CLI while the window shows the
    plan appears in the window by itself (it polls the plan's revision), with a notice; the
    window's own next edit goes on from the new revision, and nothing is lost."""
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    plan_id = cli_plans(workdir)[0]["id"]
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//nav[@aria-label='Mục lục kế hoạch']/button[contains(., 'Nhiệm vụ')]"))).click()
    count = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='task-count']")))
    assert count.text == "Hiển thị 76/76 nhiệm vụ", count.text
    made = cli(workdir, "add-task", plan_id, "--group", "1", "--title", "Nhiệm vụ thêm từ dòng lệnh", "--lead", "so-tttt")
    assert made.returncode == 0, made.stderr
    start = time.time()
    wait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='task-count']").text == "Hiển thị 77/77 nhiệm vụ")
    print(f"\nan edit made elsewhere showed in the window after {time.time() - start:.1f} s")
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[@role='status' and contains(., 'vừa được sửa ở nơi khác')]")))
    shot(d, "edit-from-elsewhere")
    # The window's own edit, from the revision it now shows, is accepted; both edits stay.
    screen(d, "Theo dõi")
    Select(into_view(d, wait(d).until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, "select[aria-label='Trạng thái nhiệm vụ 1.1']"))))).select_by_value("hoan_thanh")
    saved(d)

    def both():
        plan = cli_plan(workdir, plan_id)
        tasks = [t for g in plan["groups"] for t in g["tasks"]]
        assert any(t["title"] == "Nhiệm vụ thêm từ dòng lệnh" for t in tasks)
        assert plan["groups"][0]["tasks"][0]["status"] == "hoan_thanh"

    eventually(both)
