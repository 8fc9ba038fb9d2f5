"""Shared mode in the real window: the app works on a PostgreSQL server's database (the
store's test server, DXPLAN_TEST_PG), and the server stops in the middle of an edit."""

import os
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import shot
from test_app import button, wait
from test_screens import cli, cli_plan, cli_plans, outline


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
