"""The issuable plan, in the real window: last year's plan rolled across the 2025 reform to
2027 (the prose naming retired departments proposed for rewriting in the review), the final
export refused with the final check's list, «Sẵn sàng ban hành» with its jump and «Đúng chủ
ý», and find-and-replace (Ctrl+H) with an empty and a wrong search, read back with the CLI."""

import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_app import button, wait
from test_screens import cli, cli_plan, cli_plans, outline, review_dialog

READY = "//section[@aria-label='Sẵn sàng ban hành']"


def roll_in_window(d, year):
    button(d, "Các kế hoạch").click()
    button(d, f"Lập KH {year}").click()
    wait(d).until(lambda d: f"Dự thảo kế hoạch năm {year}" in review_dialog(d).text)
    return review_dialog(d)


def ready_count(d):
    el = wait(d, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='readiness-count']")))
    text = el.text
    return 0 if text.startswith("Không còn") else int(text.split()[0])


def missing(d):
    """(indicators, tasks) Phần I still lacks, as the section's head says."""
    els = d.find_elements(By.CSS_SELECTOR, "[data-testid='assessment-missing']")
    if not els:
        return (0, 0)
    text = els[0].text
    ind = int(text.split("chỉ tiêu chưa")[0].split()[-1]) if "chỉ tiêu chưa" in text else 0
    tasks = int(text.split("nhiệm vụ chưa")[0].split()[-1]) if "nhiệm vụ chưa" in text else 0
    return (ind, tasks)


def texts_of(plan):
    """Every string of the plan file's prose parts, lower case."""
    return json.dumps(
        {k: plan[k] for k in ["assessment", "vision", "general_goal", "specific_goals", "groups", "solutions", "budget", "organisation"]},
        ensure_ascii=False,
    ).lower()


def test_a_rolled_plan_is_refused_then_checked_fixed_and_confirmed(launch, workdir):
    d = launch()
    [sample] = cli_plans(workdir)
    made = cli(workdir, "rollover", sample["id"], "--to-year", "2024")
    assert made.returncode == 0, made.stderr
    [p2024] = [p for p in cli_plans(workdir) if p["year"] == 2024]
    made = cli(workdir, "rollover", p2024["id"], "--to-year", "2025")
    assert made.returncode == 0, made.stderr
    d = launch()

    # 2025 → 2026 in the window: the prose naming Sở TT&TT is proposed, sentence by sentence.
    review = roll_in_window(d, 2026)
    rows = review.find_elements(By.XPATH, ".//table[@aria-label='Thay đổi theo sắp xếp năm 2025']//tr[td[contains(., 'Văn bản')]]")
    assert rows, review.text
    assert any("Sở Thông tin và Truyền thông" in r.text and "Sở Khoa học và Công nghệ" in r.text for r in rows)
    shot(d, "issuable-1-reform-prose")
    button(d, "Mở dự thảo").click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))
    roll_in_window(d, 2027)
    button(d, "Mở dự thảo").click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))
    [p2027] = [p for p in cli_plans(workdir) if p["year"] == 2027]
    plan = cli_plan(workdir, p2027["id"])
    assert "sở thông tin và truyền thông" not in json.dumps(plan["organisation"], ensure_ascii=False).lower()
    assert plan["budget"].get("narrative", "") == ""

    # A final export is refused with the list; nothing is written.
    button(d, "Xuất văn bản").click()
    d.find_element(By.XPATH, "//label[contains(., 'Chính thức')]/input[@type='radio']").click()
    button(d, "Xuất tệp…").click()
    alert = wait(d, 60).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".notice.error")))
    assert "chưa thể ban hành" in alert.text, alert.text
    assert "cấp huyện" in alert.text and "chưa được đánh giá" in alert.text, alert.text
    assert not list((workdir / "out").iterdir())
    shot(d, "issuable-2-final-refused")

    # «Sẵn sàng ban hành»: the same list, each finding jumps to its field.
    button(d, "Soạn thảo").click()
    wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='readiness-toggle']"))).click()
    before = ready_count(d)
    assert before > 30, before
    wait(d).until(EC.element_to_be_clickable((By.XPATH, READY + "//button[b[normalize-space()='Nhiệm vụ 3.8 — tên']]"))).click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".section-body h2").text == "Nhiệm vụ")
    shot(d, "issuable-3-readiness")

    # A wording the planner means: confirmed, one error fewer, kept in the plan.
    wait(d).until(EC.element_to_be_clickable((By.XPATH, READY + "//button[@data-testid='readiness-intended']"))).click()
    wait(d, 30).until(lambda d: ready_count(d) == before - 1)
    assert len(cli_plan(workdir, p2027["id"]).get("intended", [])) == 1

    # Find and replace (Ctrl+H): an empty search does nothing, a wrong one finds nothing.
    ActionChains(d).key_down(Keys.CONTROL).send_keys("h").key_up(Keys.CONTROL).perform()
    dialog = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[aria-label='Tìm và thay thế']")))
    find = dialog.find_element(By.CSS_SELECTOR, "input[aria-label='Tìm']")
    go = dialog.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Thay ')]")
    assert not go.is_enabled()
    find.send_keys("xyzxyz")
    wait(d).until(lambda d: dialog.find_element(By.CSS_SELECTOR, "[data-testid='find-count']").text == "Không tìm thấy.")
    assert not go.is_enabled()
    find.send_keys(Keys.CONTROL, "a")
    find.send_keys("CẤP HUYỆN")
    wait(d).until(lambda d: "chỗ trong" in dialog.find_element(By.CSS_SELECTOR, "[data-testid='find-count']").text)
    found = int(dialog.find_element(By.CSS_SELECTOR, "[data-testid='find-count']").text.split()[0])
    assert found >= 5, found
    dialog.find_element(By.CSS_SELECTOR, "input[aria-label='Thay bằng']").send_keys("cấp xã")
    shot(d, "issuable-4-find-replace")
    wait(d).until(EC.element_to_be_clickable((By.XPATH, f"//div[@aria-label='Tìm và thay thế']//button[normalize-space()='Thay {found} chỗ đã chọn']"))).click()
    wait(d).until(lambda d: "Đã thay" in dialog.text)
    wait(d).until(lambda d: "Không tìm thấy." == dialog.find_element(By.CSS_SELECTOR, "[data-testid='find-count']").text)
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Đóng']").click()
    plan = cli_plan(workdir, p2027["id"])
    assert "cấp huyện" not in texts_of(plan)
    # One step of the history: fewer errors, and the CLI's final check agrees with the window.
    after = ready_count(d)
    assert after < before - 1, (before, after)
    checked = cli(workdir, "validate", "--final", p2027["id"])
    assert checked.returncode == 2
    assert "«cấp huyện»" not in checked.stdout
    shot(d, "issuable-5-after-replace")

    # Phần I: the section says what is missing; a wrong number is refused; each indicator
    # gets a verdict (the first a reason instead) and each task a status, one edit at a time.
    outline(d, "Đánh giá năm trước")
    part_one = plan["assessment"]
    n_ind, n_tasks = len(part_one["indicators"]), len(part_one["tasks"])
    wait(d).until(lambda d: missing(d) == (n_ind, n_tasks))
    actual = d.find_element(By.CSS_SELECTOR, "input[aria-label='Kết quả thực hiện 1']")
    actual.send_keys("abc", Keys.TAB)
    wait(d).until(lambda d: actual.get_attribute("aria-invalid") == "true")
    actual.send_keys(Keys.CONTROL, "a")
    actual.send_keys(Keys.BACKSPACE, Keys.TAB)
    note = d.find_element(By.CSS_SELECTOR, "input[aria-label='Ghi chú chỉ tiêu năm trước 1']")
    note.send_keys("Chưa có số liệu của Cục Thống kê", Keys.TAB)
    wait(d).until(lambda d: missing(d) == (n_ind - 1, n_tasks))
    for i in range(2, n_ind + 1):
        Select(d.find_element(By.CSS_SELECTOR, f"select[aria-label='Đánh giá chỉ tiêu năm trước {i}']")).select_by_visible_text("Đạt")
        wait(d).until(lambda d: missing(d)[0] == n_ind - i)
    for i in range(1, n_tasks + 1):
        Select(d.find_element(By.CSS_SELECTOR, f"select[aria-label='Tình trạng nhiệm vụ năm trước {i}']")).select_by_visible_text("Hoàn thành")
        wait(d).until(lambda d: missing(d)[1] == n_tasks - i)
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid='assessment-missing']"))
    shot(d, "issuable-6-part-one")
    part_one = cli_plan(workdir, p2027["id"])["assessment"]
    assert part_one["indicators"][0]["achieved"] is None and part_one["indicators"][0]["note"].startswith("Chưa có số liệu")
    assert part_one["indicators"][0]["actual"] is None, "the wrong number was not saved"
    assert all(r["achieved"] is True for r in part_one["indicators"][1:])
    assert all(t["status"] == "hoan_thanh" for t in part_one["tasks"])
    checked = cli(workdir, "validate", "--final", p2027["id"])
    assert "chưa được đánh giá" not in checked.stdout and "chưa có tình trạng" not in checked.stdout, checked.stdout


def test_what_the_import_asks_to_check_stays_until_seen(launch, workdir):
    """The import's points to check are findings of the draft after its dialog is closed,
    each with «Đã xem»; seen ones leave the panel and the plan (read back with the CLI)."""
    import docx

    from conftest import ROOT

    # A province's file whose task table names two agencies no preset has: two points to check.
    word = docx.Document(ROOT / "tests/fixtures/import-variants/05-tieu-de-hai-dong-gop-o.docx")
    rows = word.tables[-1].rows
    rows[4].cells[2].text = "Trung tâm Dữ liệu mới thành lập"
    rows[5].cells[2].text = "Ban Quản lý dự án chuyển đổi số"
    word.save(workdir / "mở tệp.docx")
    d = launch()
    button(d, "Nhập từ văn bản Word/Excel…").click()
    wait(d).until(lambda d: "Đã nhập:" in review_dialog(d).text)
    button(d, "Mở dự thảo").click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Cần xem lại']"))
    [summary] = [p for p in cli_plans(workdir) if p["province"] == "Tuyên Quang"]
    n = len(cli_plan(workdir, summary["id"]).get("to_review", []))
    assert n >= 2
    seen = "[data-testid='review-seen']"
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, seen)) == n)
    shot(d, "import-review-findings")
    d.find_elements(By.CSS_SELECTOR, seen)[0].click()
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, seen)) == n - 1)
    assert len(cli_plan(workdir, summary["id"]).get("to_review", [])) == n - 1
    if n - 1 > 2:
        d.find_element(By.CSS_SELECTOR, "[data-testid='review-seen-all']").click()
    else:
        for _ in range(n - 1):
            d.find_elements(By.CSS_SELECTOR, seen)[0].click()
    wait(d).until(lambda d: not d.find_elements(By.CSS_SELECTOR, seen))
    assert cli_plan(workdir, summary["id"]).get("to_review", []) == []
