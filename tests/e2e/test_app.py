"""The planner's day, in the real window: a plan from the sample, a task with a lead and
two coordinating agencies, the validation panel reacting, a .docx exported through the app
and checked on disk, and the edit still there after the app is closed and reopened."""

import json
import os
import subprocess
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, shot

TITLE = "Xây dựng kho dữ liệu số dùng chung của tỉnh"


def wait(d, timeout=15):
    # A condition that reads an element the window has just redrawn (a list reloading behind
    # a dialog) is tried again rather than failing the test.
    return WebDriverWait(d, timeout, ignored_exceptions=[StaleElementReferenceException])


def button(d, text):
    return wait(d).until(
        EC.element_to_be_clickable((By.XPATH, f"//button[normalize-space()='{text}']"))
    )


def count(d, testid):
    return int(d.find_element(By.CSS_SELECTOR, f"[data-testid='{testid}']").text.split()[0])


def saved(d):
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='save-state']").text.startswith("Đã lưu"))


def pick(d, combobox, query, expected):
    """Types a query without diacritics into an agency picker and takes the first match."""
    combobox.click()
    combobox.send_keys(query)
    option = wait(d).until(
        EC.visibility_of_element_located((By.XPATH, "//ul[@role='listbox']/li[@role='option'][1]"))
    )
    assert option.text.startswith(expected), option.text
    combobox.send_keys(Keys.ENTER)


def test_sample_task_validation_export_and_reopen(launch, workdir):
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    errors_before = count(d, "error-count")
    warnings_before = count(d, "warning-count")
    assert errors_before == 0  # the sample is a clean plan

    d.find_element(By.XPATH, "//nav[@aria-label='Mục lục kế hoạch']/button[contains(., 'Nhiệm vụ')]").click()
    group = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.group")))
    tasks_before = len(group.find_elements(By.CSS_SELECTOR, ".task"))
    group.find_element(By.XPATH, ".//button[normalize-space()='+ Thêm nhiệm vụ']").click()

    # A task with no title and no lead is an error, shown at once in the panel.
    wait(d).until(lambda d: count(d, "error-count") > errors_before)
    group = d.find_element(By.CSS_SELECTOR, "section.group")
    task = group.find_elements(By.CSS_SELECTOR, ".task")[-1]
    assert len(group.find_elements(By.CSS_SELECTOR, ".task")) == tasks_before + 1
    number = f"1.{tasks_before + 1}"
    assert number in task.find_element(By.CSS_SELECTOR, ".handle").text
    panel = d.find_element(By.CSS_SELECTOR, "aside.findings").text
    assert f"Nhiệm vụ {number}" in panel
    shot(d, "e2e-new-task-errors")

    title = task.find_element(By.CSS_SELECTOR, f"input[aria-label='Tên nhiệm vụ {number}']")
    title.send_keys(TITLE)
    title.send_keys(Keys.TAB)
    pick(d, task.find_element(By.CSS_SELECTOR, f"input[aria-label='Cơ quan chủ trì nhiệm vụ {number}']"), "so khoa hoc", "Sở Khoa học và Công nghệ")
    saved(d)
    group = d.find_element(By.CSS_SELECTOR, "section.group")
    task = group.find_elements(By.CSS_SELECTOR, ".task")[-1]
    box = task.find_element(By.CSS_SELECTOR, f"input[aria-label='Cơ quan phối hợp nhiệm vụ {number}']")
    pick(d, box, "so y te", "Sở Y tế")
    saved(d)
    pick(d, box, "so tai chinh", "Sở Tài chính")
    saved(d)

    # Title and lead given: the errors are gone again.
    wait(d).until(lambda d: count(d, "error-count") == errors_before)
    task = d.find_element(By.CSS_SELECTOR, "section.group").find_elements(By.CSS_SELECTOR, ".task")[-1]
    chips = [c.text.replace("×", "").strip() for c in task.find_elements(By.CSS_SELECTOR, ".chip")]
    assert chips == ["Sở Y tế", "Sở Tài chính"], chips
    assert f"Nhiệm vụ {number}" not in d.find_element(By.CSS_SELECTOR, "aside.findings").text
    shot(d, "e2e-task-filled")

    # Export the plan (draft) through the app; the file on disk holds the new task.
    button(d, "Xuất văn bản").click()
    d.find_element(By.XPATH, "//label[contains(., 'Dự thảo')]/input[@type='radio']").click()
    button(d, "Xuất tệp…").click()
    path = wait(d, 30).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='export-path']"))
    ).text
    assert path.startswith(str(workdir / "out")) and path.endswith(".docx"), path
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    assert "DỰ THẢO" in xml
    assert TITLE in xml
    assert "Sở Khoa học và Công nghệ" in xml or "Sở KH&amp;CN" in xml
    shot(d, "e2e-exported")

    # Close the app and open it again: it reopens on the plan and the screen left (export),
    # and the edit is there.
    d = launch()
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//button[@class='active' and normalize-space()='Xuất văn bản']")))
    assert d.find_element(By.CSS_SELECTOR, ".plan-title").get_attribute("textContent") == "Quảng Ngãi · 2023"
    button(d, "Soạn thảo").click()
    d.find_element(By.XPATH, "//nav[@aria-label='Mục lục kế hoạch']/button[contains(., 'Nhiệm vụ')]").click()
    # The grid shows one line per task; the row opens into its editor.
    wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"[role='row'][data-number='{number}']"))).click()
    title = wait(d).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f"input[aria-label='Tên nhiệm vụ {number}']"))
    )
    assert title.get_attribute("value") == TITLE
    assert count(d, "warning-count") >= warnings_before - 1

    # And the database, read by the command-line program, has it too.
    cli = ROOT / "target/debug/dxplan"
    env = dict(os.environ, DXPLAN_DB=str(workdir / "dxplan.sqlite"))
    plans = json.loads(subprocess.check_output([cli, "list", "--json"], env=env))
    assert len(plans) == 2  # the first-run sample and the one made from it
    newest = plans[0]["id"]
    out = workdir / "plan.json"
    subprocess.check_call([cli, "export-file", newest, out], env=env, stdout=subprocess.DEVNULL)
    plan = json.loads(out.read_text())["plan"]
    task = plan["groups"][0]["tasks"][-1]
    directory = {a["id"]: a["name"] for a in plan["directory"]}
    assert task["title"] == TITLE
    assert [directory[i] for i in task["lead"]] == ["Sở Khoa học và Công nghệ"]
    assert [directory[i] for i in task["coordinating"]] == ["Sở Y tế", "Sở Tài chính"]
