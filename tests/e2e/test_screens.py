"""Every screen at 1366×768, screenshotted for a person to look at (target/screenshots), with
what each must show; and the validation panel's jump, undo/redo and delete-with-confirmation."""

import json
import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import db_of, ROOT, shot
from test_app import button, count, saved, wait

SECTIONS = [
    ("identity", "Thông tin văn bản", "Thông tin văn bản"),
    ("legal_bases", "Căn cứ pháp lý", "Căn cứ pháp lý"),
    ("assessment", "Đánh giá năm trước", "Đánh giá kết quả năm 2022"),
    ("goals", "Quan điểm, mục tiêu", "Quan điểm, mục tiêu"),
    ("tasks", "Nhiệm vụ", "Nhiệm vụ"),
    ("solutions", "Giải pháp", "Giải pháp"),
    ("budget", "Kinh phí", "Kinh phí"),
    ("organisation", "Tổ chức thực hiện", "Tổ chức thực hiện"),
    ("appendices", "Phụ lục", "Phụ lục"),
]


def outline(d, label):
    wait(d).until(
        EC.element_to_be_clickable((By.XPATH, f"//nav[@aria-label='Mục lục kế hoạch']/button[contains(., '{label}')]"))
    ).click()


def heading(d):
    return wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "h2"))).text


def test_every_screen(launch):
    d = launch()
    button(d, "Các kế hoạch")
    plans = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table[aria-label='Danh sách kế hoạch']")))
    assert "Quảng Ngãi" in plans.text
    shot(d, "01-plans")

    button(d, "Mở").click()
    for i, (key, label, title) in enumerate(SECTIONS):
        outline(d, label)
        wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".section-body h2").text == title)
        shot(d, f"02-editor-{i + 1}-{key}")
    outline(d, "Kinh phí")
    assert d.find_element(By.CSS_SELECTOR, "[data-testid='budget-total']").text == "132.897,5"

    # The task grid of the 76-task sample on a laptop whose taskbar leaves 690 px.
    outline(d, "Nhiệm vụ")
    wait(d).until(lambda d: "76/76" in d.find_element(By.CSS_SELECTOR, "[data-testid='task-count']").text)
    d.set_window_rect(x=0, y=0, width=1366, height=690)
    wait(d).until(lambda d: d.execute_script("return window.innerHeight") <= 690)
    shot(d, "02-editor-5-tasks-690")
    d.set_window_rect(x=0, y=0, width=1366, height=768)

    outline(d, "Nhiệm vụ")
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//button[normalize-space()='Danh mục quốc gia…']"))).click()
    modal = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[aria-label='Danh mục nhiệm vụ quốc gia']")))
    assert "Kế hoạch đã có 0/36 nhiệm vụ" in modal.text
    shot(d, "03-national-catalogue")
    # Adding one marks it as covered.
    modal.find_element(By.XPATH, ".//button[normalize-space()='Thêm']").click()
    wait(d).until(lambda d: "Kế hoạch đã có 1/36 nhiệm vụ" in modal.text)
    assert modal.find_elements(By.XPATH, ".//button[normalize-space()='Đã có']")
    modal.find_element(By.XPATH, ".//button[normalize-space()='Đóng']").click()

    for screen, name in [("Cơ quan", "04-directory"), ("Danh mục", "05-catalogues"), ("Xem trước", "06-preview"), ("Xuất văn bản", "07-export")]:
        button(d, screen).click()
        heading(d)
        if screen == "Xem trước":
            page = wait(d, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".doc-preview .page")))
            assert "KẾ HOẠCH" in page.text
        shot(d, name)
    button(d, "Danh mục").click()
    wait(d).until(
        EC.element_to_be_clickable((By.XPATH, "//nav[@aria-label='Danh mục']/button[contains(., 'Nhiệm vụ chuyển đổi số')]"))
    ).click()
    wait(d).until(lambda d: "36" in d.find_element(By.CSS_SELECTOR, ".catalogues .section-head").text)


def test_findings_jump_undo_redo_and_delete(launch):
    d = launch()
    button(d, "Mở").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    outline(d, "Nhiệm vụ")
    group = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.group")))
    group.find_element(By.XPATH, ".//button[normalize-space()='+ Thêm nhiệm vụ']").click()
    wait(d).until(lambda d: count(d, "error-count") > 0)
    saved(d)

    # From another section, a finding takes the planner to the task and into its first field.
    outline(d, "Căn cứ pháp lý")
    finding = d.find_element(By.XPATH, "//aside[@aria-label='Kiểm tra']//li[contains(@class,'error')]/button")
    assert "Nhiệm vụ 1.4" in finding.text
    finding.click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".section-body h2").text == "Nhiệm vụ")
    wait(d).until(lambda d: d.execute_script("return document.activeElement.closest('[data-loc]')?.dataset.loc || ''").startswith("task-"))
    shot(d, "08-finding-jump")

    # Undo takes the task away, redo brings it back.
    d.find_element(By.CSS_SELECTOR, "button[aria-label='Hoàn tác']").click()
    wait(d).until(lambda d: count(d, "error-count") == 0)
    d.find_element(By.CSS_SELECTOR, "button[aria-label='Làm lại']").click()
    wait(d).until(lambda d: count(d, "error-count") > 0)

    # Delete asks first; cancelling keeps the plan.
    button(d, "Các kế hoạch").click()
    button(d, "Xóa").click()
    dialog = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role='dialog']")))
    assert "Không thể hoàn tác" in dialog.text
    shot(d, "09-delete-confirm")
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Hủy']").click()
    assert len(d.find_elements(By.CSS_SELECTOR, "table[aria-label='Danh sách kế hoạch'] tbody tr")) == 1
    button(d, "Xóa").click()
    d.find_element(By.XPATH, "//div[@role='dialog']//button[normalize-space()='Xóa vĩnh viễn']").click()
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Chưa có kế hoạch nào')]")))
    # The plan that was open is closed with it: no screen of a deleted plan stays reachable.
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".plan-title").get_attribute("textContent") == "Chưa mở kế hoạch")
    assert not d.find_element(By.XPATH, "//nav[@aria-label='Màn hình']/button[normalize-space()='Soạn thảo']").is_enabled()
    assert not d.find_elements(By.CSS_SELECTOR, "[data-testid='save-state']")


def cli_plans(workdir):
    env = dict(os.environ, DXPLAN_DB=db_of(workdir))
    return json.loads(subprocess.check_output([ROOT / "target/debug/dxplan", "list", "--json"], env=env))


def cli_plan(workdir, plan_id):
    env = dict(os.environ, DXPLAN_DB=db_of(workdir))
    out = workdir / f"{plan_id}.json"
    subprocess.check_call([ROOT / "target/debug/dxplan", "export-file", plan_id, out], env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())["plan"]


def review_dialog(d):
    return wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[aria-label='Cần xem lại']")))


def test_next_years_plan_with_cancel_keep_drop_and_the_existing_plan(launch, workdir):
    d = launch()

    def in_review(xpath):
        # Looked up afresh each time: the dialog redraws as the plan list behind it reloads.
        return wait(d).until(EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']" + xpath)))

    # The review can be cancelled (Esc): the new draft is removed.
    button(d, "Lập KH 2024").click()
    wait(d).until(lambda d: "Dự thảo kế hoạch năm 2024 từ kế hoạch năm 2023" in review_dialog(d).text)
    wait(d).until(lambda d: "chuyển sang 76/76" in review_dialog(d).text)
    in_review("//button[normalize-space()='Mở dự thảo']").send_keys(Keys.ESCAPE)
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))
    assert [p["year"] for p in cli_plans(workdir)] == [2023]

    # Again, leaving task 1.1 behind and keeping the rest; the draft follows each choice.
    button(d, "Lập KH 2024").click()
    review_dialog(d)
    source = cli_plan(workdir, [p for p in cli_plans(workdir) if p["year"] == 2023][0]["id"])
    first = source["groups"][0]["tasks"][0]
    box = in_review("//input[@aria-label='Chuyển nhiệm vụ 1.1']")
    assert box.is_selected()
    box.click()
    wait(d).until(lambda d: "chuyển sang 75/76" in review_dialog(d).text)
    shot(d, "10-rollover-review")
    button(d, "Mở dự thảo").click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".plan-title").get_attribute("textContent") == "Quảng Ngãi · 2024")
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".section-body h2").text == "Thông tin văn bản")
    assert d.find_element(By.XPATH, "//label[span='Số']/input").get_attribute("value") == ""
    drafts = [p for p in cli_plans(workdir) if p["year"] == 2024]
    assert len(drafts) == 1
    draft = cli_plan(workdir, drafts[0]["id"])
    ids = [t["id"] for g in draft["groups"] for t in g["tasks"]]
    assert len(ids) == 75 and first["id"] not in ids

    # Asked again, the 2024 plan that exists is offered instead of a silent copy.
    button(d, "Các kế hoạch").click()
    button(d, "Lập KH 2024").click()
    ask = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='dialog'][aria-label='Đã có kế hoạch Quảng Ngãi năm 2024']")))
    shot(d, "11-rollover-exists")
    ask.find_element(By.XPATH, ".//button[normalize-space()='Mở kế hoạch đã có']").click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".plan-title").get_attribute("textContent") == "Quảng Ngãi · 2024")
    assert len(cli_plans(workdir)) == 2

    # Or another draft, on purpose — and "Hủy" in its review takes it away again.
    button(d, "Các kế hoạch").click()
    button(d, "Lập KH 2024").click()
    button(d, "Tạo thêm một dự thảo khác").click()
    review_dialog(d)
    assert len(cli_plans(workdir)) == 3
    in_review("//button[normalize-space()='Hủy']").click()
    wait(d).until(lambda d: len(cli_plans(d and workdir)) == 2)


def test_import_from_word_refused_then_partial_then_a_merged_header(launch, workdir):
    """A Word file without a task table is refused with a sentence and nothing is saved; the
    planner may still ask for a partial draft, whose review says what was placed. A file
    whose task table has a two-row merged header gives all its tasks."""
    import shutil

    variants = ROOT / "tests/fixtures/import-variants"
    to_open = workdir / "mở tệp.docx"
    shutil.copy(variants / "06-khong-co-bang-nhiem-vu.docx", to_open)
    d = launch()
    wait(d).until(lambda d: button(d, "Nhập từ văn bản Word/Excel…"))
    before = cli_plans(workdir)  # the sample a first start creates
    button(d, "Nhập từ văn bản Word/Excel…").click()
    refusal = wait(d).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "[aria-label='Văn bản chưa đọc được đủ để lập dự thảo']"))
    )
    assert "không tìm thấy bảng danh mục nhiệm vụ" in refusal.text
    shot(d, "import-refused")
    assert cli_plans(workdir) == before

    button(d, "Tạo bản nháp một phần").click()
    review = review_dialog(d)
    wait(d).until(lambda d: "Đã đưa vào bản nháp" in review_dialog(d).text)
    assert "Bản nháp một phần" in review.text
    shot(d, "import-partial-review")
    assert len(cli_plans(workdir)) == len(before) + 1
    # "Hủy" removes the partial draft.
    wait(d).until(
        EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']//button[normalize-space()='Hủy']"))
    ).click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))
    wait(d).until(lambda d: cli_plans(workdir) == before)

    shutil.copy(variants / "05-tieu-de-hai-dong-gop-o.docx", to_open)
    button(d, "Nhập từ văn bản Word/Excel…").click()
    wait(d).until(lambda d: "Đã nhập: 5 nhiệm vụ trong 2 nhóm" in review_dialog(d).text)
    assert "Đã đưa vào bản nháp 35/35 đoạn văn" in review_dialog(d).text
    wait(d).until(
        EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']//button[normalize-space()='Mở dự thảo']"))
    ).click()
    [summary] = [p for p in cli_plans(workdir) if p["province"] == "Tuyên Quang"]
    plan = cli_plan(workdir, summary["id"])
    titles = [t["title"] for g in plan["groups"] for t in g["tasks"]]
    assert len(titles) == 5 and titles[4].startswith("Kết nối mạng truyền số liệu"), titles
    assert [g["title"] for g in plan["groups"]] == ["Nhận thức số", "Hạ tầng số"]


def cli(workdir, *args):
    env = dict(os.environ, DXPLAN_DB=db_of(workdir))
    return subprocess.run([ROOT / "target/debug/dxplan", *map(str, args)], env=env, capture_output=True, text=True)


def test_next_years_plan_across_the_2025_reform_and_the_province_list(launch, workdir):
    """A 2025 plan rolled into 2026: the review lists each change of the 2025 reform, one is
    rejected, the draft and validation show the choice. A 2027 plan is offered the 34
    provinces, and a province merged in 2025 is marked."""
    d = launch()
    province = wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input[list='provinces']")))
    province.send_keys("Hà Giang")
    hint = wait(d).until(EC.visibility_of_element_located((By.XPATH, "//small[contains(., 'Không có trong danh mục')]")))
    assert hint.text == "Không có trong danh mục 34 tỉnh, thành phố của năm 2027.", hint.text
    assert province.get_attribute("aria-invalid") == "true"
    options = d.find_elements(By.CSS_SELECTOR, "#provinces option")
    assert len(options) == 34 and "Tuyên Quang" in [o.get_attribute("value") for o in options]

    [sample] = cli_plans(workdir)
    made = cli(workdir, "rollover", sample["id"], "--to-year", "2025")
    assert made.returncode == 0, made.stderr
    d = launch()  # reopened on the same database: the 2025 plan is listed

    def in_review(xpath):
        return wait(d).until(EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']" + xpath)))

    button(d, "Lập KH 2026").click()
    wait(d).until(lambda d: "Sắp xếp theo quy định từ năm 2025" in review_dialog(d).text)
    text = review_dialog(d).text
    total = int(text.split("Sắp xếp theo quy định từ năm 2025: áp dụng ")[1].split("/")[0])
    assert total >= 5, text
    assert "Sở Thông tin và Truyền thông" in text and "Bộ Khoa học và Công nghệ" in text
    in_review("//input[@aria-label='Áp dụng: Cơ quan Sở Thông tin và Truyền thông']").click()
    wait(d).until(lambda d: f"áp dụng {total - 1}/{total}" in review_dialog(d).text)
    shot(d, "rollover-reform-review")
    in_review("//button[normalize-space()='Mở dự thảo']").click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))

    [draft] = [p for p in cli_plans(workdir) if p["year"] == 2026]
    plan = cli_plan(workdir, draft["id"])
    names = [a["name"] for a in plan["directory"]]
    assert "Sở Thông tin và Truyền thông" in names, "the rejected change is not applied"
    assert not any("huyện" in n for n in names), names
    assert "Bộ Khoa học và Công nghệ" in plan["identity"]["recipients"]
    checked = cli(workdir, "validate", draft["id"])
    assert "Sở Thông tin và Truyền thông: cơ quan này không còn sau sắp xếp năm 2025" in checked.stdout, checked.stdout


def test_tracking_a_task_then_the_report_and_next_years_part_one(launch, workdir):
    """A task's tracking typed in its row (with an empty and a wrong amount), kept after
    reopening, read back by the CLI, in the results report, and in next year's Phần I."""
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    outline(d, "Nhiệm vụ")
    wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[role='row'][data-number='1.1']"))).click()
    row = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[aria-label='Tên nhiệm vụ 1.1']")))
    from selenium.webdriver.support.ui import Select

    editor = row.find_element(By.XPATH, "./ancestor::div[contains(concat(' ', @class, ' '), ' task ')][1]")
    Select(editor.find_element(By.XPATH, ".//label[span='Tình trạng']/select")).select_by_value("hoan_thanh")
    saved(d)
    button(d, "Chưa báo cáo ▾").click()
    note = wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[span='Kết quả thực hiện, lý do chưa xong']/input")))
    note.send_keys("Đã tổ chức 3 đợt tuyên truyền")
    note.send_keys(Keys.TAB)
    saved(d)
    spent = d.find_element(By.CSS_SELECTOR, "input[aria-label='Kinh phí đã chi nhiệm vụ 1.1']")
    spent.send_keys("mười triệu")
    spent.send_keys(Keys.TAB)
    wait(d).until(lambda d: "invalid" in (spent.get_attribute("class") or ""))
    spent.clear()
    spent.send_keys("12,5")
    spent.send_keys(Keys.TAB)
    saved(d)
    day = d.find_element(By.CSS_SELECTOR, "input[aria-label='Ngày báo cáo nhiệm vụ 1.1']")
    day.send_keys("31/02/2023")
    day.send_keys(Keys.TAB)
    day.clear()
    day.send_keys("20/11/2023")
    day.send_keys(Keys.TAB)
    saved(d)
    shot(d, "tracking-task")

    [plan_id] = [p["id"] for p in cli_plans(workdir)][:1]
    task = cli_plan(workdir, plan_id)["groups"][0]["tasks"][0]
    assert task["status"] == "hoan_thanh", task["status"]
    assert task["progress"] == {
        "note": "Đã tổ chức 3 đợt tuyên truyền",
        "updated": "2023-11-20",
        "evidence": "",
        "spent": "12.5",
    }, task["progress"]

    report = workdir / "bao-cao.docx"
    made = subprocess.run([ROOT / "target/debug/dxplan", "report", plan_id, "--docx", report, "--as-of", "30/11/2023", "--draft"],
                          env=dict(os.environ, DXPLAN_DB=str(workdir / "dxplan.sqlite")), capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    import zipfile
    with zipfile.ZipFile(report) as z:
        xml = z.read("word/document.xml").decode()
    assert "Đã tổ chức 3 đợt tuyên truyền" in xml and "12,5 triệu đồng" in xml

    button(d, "Các kế hoạch").click()
    button(d, "Lập KH 2024").click()
    wait(d).until(lambda d: "Dự thảo kế hoạch năm 2024" in review_dialog(d).text)
    wait(d).until(EC.element_to_be_clickable((By.XPATH, "//div[@aria-label='Cần xem lại']//button[normalize-space()='Mở dự thảo']"))).click()
    [draft] = [p for p in cli_plans(workdir) if p["year"] == 2024]
    part_one = cli_plan(workdir, draft["id"])["assessment"]
    first = part_one["tasks"][0]
    assert (first["status"], first["result"]) == ("hoan_thanh", "Đã tổ chức 3 đợt tuyên truyền"), first
    assert part_one["budget_spent"].startswith("Kinh phí đã thực hiện 12,5 triệu đồng"), part_one["budget_spent"]
