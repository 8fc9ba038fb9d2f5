"""Shared mode in the real window: the app works on a PostgreSQL server's database (the
store's test server, DXPLAN_TEST_PG), and the server stops in the middle of an edit."""

import os
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, shot
from test_app import button, wait
from test_screens import cli, cli_plan, cli_plans, outline
from test_year_loop import eventually


def cluster():
    """The server's cluster ("15 main"), which this test may stop and start: only as root."""
    if os.geteuid() != 0:
        pytest.skip("stopping the PostgreSQL server needs root (pg_ctlcluster)")
    version, name = subprocess.check_output(["pg_lsclusters", "--no-header"], text=True).split()[:2]
    return version, name


def save_state(d):
    return d.find_element(By.CSS_SELECTOR, "[data-testid='save-state']").text


def test_the_server_stops_in_the_middle_of_an_edit(shared_db, launch, workdir):
    """The planner types the vision; the server goes down before it is saved. The window says
    the server does not answer, keeps the text, and saves it by itself once the server is
    back: the plan then holds the text, written once, and nothing else changed."""
    version, name = cluster()
    d = launch()
    button(d, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    plan_id = cli_plans(workdir)[0]["id"]
    before = cli(workdir, "history", plan_id).stdout.strip().splitlines()
    outline(d, "Quan điểm, mục tiêu")
    field = wait(d).until(EC.element_to_be_clickable((By.XPATH, "//label[span[normalize-space()='Tầm nhìn, quan điểm']]/textarea")))
    text = "Tầm nhìn viết đúng lúc máy chủ dừng: chính quyền số phục vụ người dân."
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    field.send_keys(text)
    subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "fast"], check=True)
    try:
        field.send_keys(Keys.TAB)  # leaving the field saves it
        wait(d, 30).until(lambda d: save_state(d).startswith("Mất kết nối, đang chờ để lưu"))
        alert = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".toast[role='alert']")))
        assert "không trả lời" in alert.text, alert.text
        assert field.get_attribute("value") == text
        shot(d, "shared-server-down")
        time.sleep(3)  # still waiting, still the planner's text
        assert save_state(d).startswith("Mất kết nối")
        assert field.get_attribute("value") == text
    finally:
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
    start = time.time()
    wait(d, 40).until(lambda d: save_state(d).startswith("Đã lưu"))
    print(f"\nsaved {time.time() - start:.1f} s after the server came back")
    assert field.get_attribute("value") == text
    shot(d, "shared-server-back")
    plan = cli_plan(workdir, plan_id)
    assert plan["vision"] == text
    after = cli(workdir, "history", plan_id).stdout.strip().splitlines()
    assert len(after) == len(before) + 1, (before, after)  # written once, whole


def retyped(d, el, text):
    """As a person retypes a field and leaves it; nothing waited for (the server is down)."""
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.BACKSPACE)
    el.send_keys(text, Keys.TAB)


def test_two_windows_edit_through_an_outage(shared_db, launch, launch_second, workdir):
    """Two windows on the server's plan. The server stops while one reports on task 1.1 (a
    result, then an amount, then the status) and the other writes the vision and renames two
    goals. Both windows say the server does not answer and keep what was typed; once it is
    back, every edit is stored once, in order, and none puts back what another changed."""
    version, name = cluster()
    a = launch()
    button(a, "Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)").click()
    wait(a).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    plan_id = cli_plans(workdir)[0]["id"]
    b = launch_second()  # reopens on the same plan (this computer's resume file)
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    before = cli(workdir, "history", plan_id).stdout.strip().splitlines()

    wait(a).until(EC.element_to_be_clickable((By.XPATH, "//nav[@aria-label='Màn hình']/button[normalize-space()='Theo dõi']"))).click()
    result = wait(a).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[aria-label='Kết quả nhiệm vụ 1.1']")))
    spent = a.find_element(By.CSS_SELECTOR, "input[aria-label='Đã chi nhiệm vụ 1.1']")
    status = a.find_element(By.CSS_SELECTOR, "select[aria-label='Trạng thái nhiệm vụ 1.1']")
    outline(b, "Quan điểm, mục tiêu")
    vision = wait(b).until(EC.element_to_be_clickable((By.XPATH, "//label[span[normalize-space()='Tầm nhìn, quan điểm']]/textarea")))
    goals = b.find_elements(By.CSS_SELECTOR, "[aria-label='Tên mục tiêu']")
    assert len(goals) >= 2
    texts = {
        "result": "Đã đưa kho dữ liệu dùng chung vào vận hành",
        "vision": "Tầm nhìn viết lúc máy chủ dừng: dữ liệu là tài nguyên của tỉnh.",
        "goal1": "Chính quyền số phục vụ người dân",
        "goal2": "Kinh tế số và xã hội số",
    }

    subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "fast"], check=True)
    try:
        retyped(a, result, texts["result"])
        retyped(b, vision, texts["vision"])
        retyped(a, spent, "1250")
        retyped(b, goals[0], texts["goal1"])
        Select(status).select_by_value("hoan_thanh")
        retyped(b, goals[1], texts["goal2"])
        for d in (a, b):
            wait(d, 30).until(lambda d: save_state(d).startswith("Mất kết nối, đang chờ để lưu"))
        shot(b, "shared-two-windows-down")
        time.sleep(2)
        assert result.get_attribute("value") == texts["result"]
        assert vision.get_attribute("value") == texts["vision"]
    finally:
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
    for d in (a, b):
        wait(d, 60).until(lambda d: save_state(d).startswith("Đã lưu"))

    def stored():
        plan = cli_plan(workdir, plan_id)
        task = plan["groups"][0]["tasks"][0]
        assert task["progress"]["note"] == texts["result"], task["progress"]
        assert task["progress"]["spent"] in ("1250", "1250.0"), task["progress"]
        assert task["status"] == "hoan_thanh"
        assert plan["vision"] == texts["vision"]
        assert [g["title"] for g in plan["specific_goals"][:2]] == [texts["goal1"], texts["goal2"]]
        return plan

    eventually(stored, 30)
    after = cli(workdir, "history", plan_id).stdout.strip().splitlines()
    assert len(after) == len(before) + 6, (before, after)  # each edit once
    # Each window's own edits in the order they were made (the history lists newest first).
    new = after[: len(after) - len(before)][::-1]
    tracked = [line for line in new if "Theo dõi nhiệm vụ" in line]
    assert len(tracked) == 3 and "Hoàn thành" in tracked[-1] and not any("Hoàn thành" in t for t in tracked[:2]), new
    b_side = [line for line in new if "Theo dõi nhiệm vụ" not in line]
    assert "tầm nhìn" in b_side[0] and all("mục tiêu" in line for line in b_side[1:]), new
    time.sleep(4)  # both windows pick up each other's edits; nothing is sent again
    assert cli(workdir, "history", plan_id).stdout.strip().splitlines() == after
    stored()
    assert wait(a).until(lambda d: d.find_element(By.CSS_SELECTOR, "input[aria-label='Kết quả nhiệm vụ 1.1']")).get_attribute("value") == texts["result"]
    shot(a, "shared-two-windows-back")


def field(d, form, label):
    return d.find_element(By.XPATH, f"//form[@aria-label='{form}']//label[span[normalize-space()='{label}']]/*[self::input or self::select]")


def typed_into(el, text):
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.BACKSPACE)
    if text:
        el.send_keys(text)


def problem(d):
    return wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".server-screen .problem[role='alert']"))).text


def test_connecting_moving_plans_and_making_a_department_account(server_db, launch, workdir):
    """From «Máy chủ»: empty fields, a wrong port and a wrong password are refused with a
    sentence and change nothing; connected, the sample plan is copied up with its history;
    the admin makes Sở Xây dựng's account from the plan's directory (a bad login refused);
    that account, through the CLI, is refused another agency's task by the server and may
    add its own, and the window's outline then names who edited the tasks."""
    d = launch()
    button(d, "Máy chủ").click()
    where = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='where']")))
    assert "dữ liệu lưu ở máy này" in where.text
    # Said to a planner: no product name, no file path.
    assert "PostgreSQL" not in where.text and "dxplan" not in where.text
    form = "Kết nối máy chủ"
    admin = server_db.admin.split("://", 1)[1]
    user, rest = admin.split(":", 1)
    password, hostport = rest.split("@", 1)
    host, port = hostport.split("/", 1)[0].split(":")

    typed_into(field(d, form, "Mật khẩu"), password)
    button(d, "Kết nối").click()
    assert "hãy nhập địa chỉ máy chủ, tên cơ sở dữ liệu, tài khoản" in problem(d)
    typed_into(field(d, form, "Địa chỉ máy chủ"), host)
    typed_into(field(d, form, "Cơ sở dữ liệu"), server_db.name)
    typed_into(field(d, form, "Tài khoản"), user)
    typed_into(field(d, form, "Cổng"), "năm bốn")
    button(d, "Kết nối").click()
    assert "Cổng máy chủ phải là một số" in problem(d)
    typed_into(field(d, form, "Cổng"), port)
    typed_into(field(d, form, "Mật khẩu"), "sai-mat-khau")
    button(d, "Kết nối").click()
    said = problem(d)
    assert "sai tài khoản hoặc mật khẩu" in said and "sai-mat-khau" not in said, said
    assert "dữ liệu lưu ở máy này" in d.find_element(By.CSS_SELECTOR, "[data-testid='where']").text
    shot(d, "server-wrong-password")

    typed_into(field(d, form, "Mật khẩu"), password)
    button(d, "Kết nối").click()
    wait(d).until(lambda d: "Đang làm việc trên máy chủ dùng chung" in d.find_element(By.CSS_SELECTOR, "[data-testid='where']").text)
    where = d.find_element(By.CSS_SELECTOR, "[data-testid='where']").text
    assert f"{user}@{host}:{port}/{server_db.name}" in where and f":{password}@" not in where, where
    # The link is encrypted exactly when the server offers TLS (Debian's does, ssl = on).
    offered = subprocess.check_output(["psql", server_db.admin, "-tAc", "SHOW ssl"], text=True).strip() == "on"
    tls = d.find_element(By.CSS_SELECTOR, "[data-testid='tls']").text
    assert ("Kết nối được mã hóa (TLS)" in tls) == offered, tls
    shot(d, "server-connected")
    button(d, "Chép kế hoạch của máy này lên máy chủ").click()
    toast = wait(d).until(EC.presence_of_element_located((By.XPATH, "//*[@role='status' and contains(., 'Đã chép')]")))
    assert "Đã chép 1 kế hoạch (1 phiên bản) từ máy này lên máy chủ" in toast.text, toast.text

    # The plan on the server, opened; its directory gives the agencies to make accounts for.
    button(d, "Các kế hoạch").click()
    button(d, "Mở").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    button(d, "Máy chủ").click()
    form = "Tạo tài khoản"
    wait(d).until(EC.presence_of_element_located((By.XPATH, f"//form[@aria-label='{form}']")))
    Select(field(d, form, "Cơ quan")).select_by_visible_text("Sở Xây dựng")
    typed_into(field(d, form, "Tên đăng nhập"), "Sở XD")
    typed_into(field(d, form, "Người dùng"), "Trần Văn Bình (Sở Xây dựng)")
    typed_into(field(d, form, "Mật khẩu ban đầu"), "mat-khau-xd-2027")
    button(d, "Tạo tài khoản").click()
    assert "tên đăng nhập «Sở XD»" in problem(d)
    login = f"so_xd_{server_db.suffix}"
    typed_into(field(d, form, "Tên đăng nhập"), login)
    button(d, "Tạo tài khoản").click()
    accounts = wait(d).until(EC.presence_of_element_located((By.XPATH, f"//table[@aria-label='Tài khoản trên máy chủ']//tr[td[normalize-space()='{login}']]")))
    assert "Chỉ nhiệm vụ do Sở Xây dựng chủ trì" in accounts.text
    shot(d, "server-accounts")

    # That account, through the CLI: the server refuses another agency's task, takes its own.
    plan_id = cli_plans(workdir)[0]["id"]
    plan = cli_plan(workdir, plan_id)
    ids = {a["name"]: a["id"] for a in plan["directory"]}
    dept = dict(os.environ, DXPLAN_DB=server_db.url_as(login, "mat-khau-xd-2027"))
    dxplan = ROOT / "target/debug/dxplan"
    refused = subprocess.run([dxplan, "add-task", plan_id, "--group", "1", "--title", "Nhiệm vụ của sở khác", "--lead", ids["Sở Tài chính"]],
                             env=dept, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "chỉ được sửa các nhiệm vụ do Sở Xây dựng chủ trì" in refused.stderr, refused.stderr
    own = subprocess.run([dxplan, "add-task", plan_id, "--group", "1", "--title", "Số hóa hồ sơ cấp phép xây dựng", "--lead", ids["Sở Xây dựng"]],
                         env=dept, capture_output=True, text=True)
    assert own.returncode == 0, own.stderr
    button(d, "Soạn thảo").click()

    def last_edit(d):
        # The whole text: the outline cuts a long name short with an ellipsis.
        return d.find_element(By.CSS_SELECTOR, "[data-testid='last-edit-tasks']").get_attribute("textContent")

    wait(d, 10).until(lambda d: "Trần Văn Bình (Sở Xây dựng) · " in last_edit(d))
    assert "Trần Văn Bình" not in d.find_element(By.CSS_SELECTOR, "[data-testid='last-edit-goals']").get_attribute("textContent")
    shot(d, "server-outline-last-edit")
