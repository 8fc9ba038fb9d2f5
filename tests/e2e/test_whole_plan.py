"""A whole 2027 plan drafted through the window, from blank, for a post-2025 province: every
editor used, with empty and wrong values tried on the way; the four documents exported; the
app closed and reopened; and the plan read back by the command-line program, field by
field."""

import json
import os
import re
import subprocess
import time
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, shot
from test_app import button, count, pick, wait
from test_screens import outline

VISION = "Tuyên Quang phát triển chính quyền số, kinh tế số, xã hội số nhanh và bền vững."
TASKS = [
    # group, title, lead query → name, coordinators, deadline kind, fields, expected deadline
    (1, "Ban hành quy chế quản lý dữ liệu số của tỉnh", ("so tu phap", "Sở Tư pháp"), [("so tai chinh", "Sở Tài chính")],
     "date", {"Ngày": "30/06/2027"}, {"kind": "date", "date": "2027-06-30"}),
    (1, "Tuyên truyền nâng cao nhận thức về chuyển đổi số", ("van phong", "Văn phòng Ủy ban nhân dân tỉnh"), [],
     "month", {"Tháng": "9"}, {"kind": "month", "year": 2027, "month": 9}),
    (2, "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính", ("so khoa hoc", "Sở Khoa học và Công nghệ"),
     [("so noi vu", "Sở Nội vụ"), ("cong an", "Công an tỉnh")], "quarter", {"Quý": "3"}, {"kind": "quarter", "year": 2027, "quarter": 3}),
    (2, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", ("so noi vu", "Sở Nội vụ"), [],
     "year", {}, {"kind": "year", "year": 2027}),
    (3, "Phát triển kinh tế số trong các ngành, lĩnh vực", ("so cong thuong", "Sở Công Thương"), [("so tai chinh", "Sở Tài chính")],
     "year_range", {"Từ năm": "2026", "Đến năm": "2030"}, {"kind": "year_range", "from": 2026, "to": 2030}),
    (3, "Báo cáo kết quả chuyển đổi số", ("so khoa hoc", "Sở Khoa học và Công nghệ"), [],
     "recurring", {"Ngày": "30", "Tháng": "11"}, {"kind": "recurring", "day": 30, "month": 11}),
    (3, "Bảo đảm an toàn thông tin mạng", ("cong an", "Công an tỉnh"), [],
     "continuous", {}, {"kind": "continuous"}),
]
GROUPS = ["Thể chế số", "Chính quyền số", "Kinh tế số và xã hội số"]


def settle(d):
    """Waits until every edit sent so far is saved (the indicator goes through 'Đang lưu…')."""
    time.sleep(0.25)
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='save-state']").text.startswith("Đã lưu"))


def body(d):
    return d.find_element(By.CSS_SELECTOR, ".section-body")


def labelled(scope, label):
    return scope.find_element(By.XPATH, f".//label[span='{label}']/*[self::input or self::textarea or self::select]")


def by_aria(scope, label):
    return scope.find_element(By.CSS_SELECTOR, f"[aria-label='{label}']")


def retype(d, el, text, then=Keys.TAB):
    el.click()
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.DELETE)
    if text:
        el.send_keys(text)
    if then:
        el.send_keys(then)
    settle(d)


def export_four(d, version):
    """The four documents exported through the app as `version` («Dự thảo» or «Chính
    thức»); their paths by kind, as the screen shows them."""
    button(d, "Xuất văn bản").click()
    d.find_element(By.XPATH, f"//label[contains(., '{version}')]/input[@type='radio']").click()
    return {kind: export_one(d, kind) for kind in ["ke_hoach", "quyet_dinh", "phu_luc", "workbook"]}


def export_one(d, kind):
    """One document exported from the open export screen; its path as the screen shows it."""
    d.find_element(By.CSS_SELECTOR, f"input[name='doc'][value='{kind}']").click()
    before = [e.text for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='export-path']")]
    button(d, "Xuất tệp…").click()
    return wait(d, 60).until(
        lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='export-path']") if [e.text] != before] or None)[0]


def panel(d):
    return d.find_element(By.CSS_SELECTOR, "aside.findings").text


def test_draft_a_whole_2027_plan_from_blank(launch, workdir):
    d = launch()
    wait(d).until(EC.presence_of_element_located((By.XPATH, "//label[span='Tỉnh, thành phố']/input"))).send_keys("Tuyên Quang")
    year = labelled(d, "Năm kế hoạch")
    year.send_keys(Keys.CONTROL, "a")
    year.send_keys("2027")
    button(d, "Tạo kế hoạch trống").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    # A blank plan says what it lacks, in the panel and the outline.
    assert count(d, "error-count") >= 5
    for lack in ["Chưa nhập họ tên người ký.", "Chưa có nơi nhận.", "Chưa có căn cứ pháp lý nào.", "Chưa có mục tiêu cụ thể nào."]:
        assert lack in panel(d), panel(d)
    shot(d, "20-blank-2027")

    # --- Thông tin văn bản: signer, recipients, archive, dates (a wrong one first), decision.
    retype(d, labelled(body(d), "Họ và tên"), "Nguyễn Văn Sơn")
    recipients = labelled(body(d), "Nơi nhận (mỗi dòng một nơi)")
    recipients.send_keys("Bộ Khoa học và Công nghệ", Keys.ENTER, "Thường trực Tỉnh ủy", Keys.ENTER, "Các sở, ban, ngành tỉnh")
    recipients.send_keys(Keys.TAB)
    settle(d)
    retype(d, labelled(body(d), "Lưu: VT, … (phòng của Văn phòng UBND)"), "Lưu: VT, KGVX")
    wait(d).until(lambda d: labelled(body(d), "Lưu: VT, … (phòng của Văn phòng UBND)").get_attribute("value") == "KGVX")
    date = labelled(body(d), "Ngày ban hành")
    assert date.get_attribute("value") == "" and date.get_attribute("placeholder") == "dd/mm/yyyy"
    date.send_keys("31/02/2026", Keys.TAB)
    wait(d).until(lambda d: "Không có ngày 31/02/2026." in body(d).text)
    retype(d, labelled(body(d), "Ngày ban hành"), "09/12/2026")
    # The Tờ trình: a wrong date first, its number left empty, then given; the decision, ticked
    # after it, cites it instead of a typed line.
    body(d).find_element(By.XPATH, ".//label[contains(., 'trình kế hoạch bằng một tờ trình')]/input").click()
    settle(d)
    assert labelled(body(d), "Ký hiệu tờ trình").get_attribute("value") == "TTr-SKHCN"
    labelled(body(d), "Ngày tờ trình").send_keys("31/11/2026", Keys.TAB)
    wait(d).until(lambda d: "Không có ngày 31/11/2026." in body(d).text)
    retype(d, labelled(body(d), "Ngày tờ trình"), "01/12/2026")
    retype(d, labelled(body(d), "Người ký tờ trình"), "Trần Thị Hoa")
    # The department files its Tờ trình under its own unit, typed the way a letter ends.
    unit = labelled(body(d), "Lưu: VT, … (phòng của sở)")
    assert unit.get_attribute("value") == ""
    retype(d, unit, "Lưu: VT, CĐS.")
    wait(d).until(lambda d: labelled(body(d), "Lưu: VT, … (phòng của sở)").get_attribute("value") == "CĐS")
    body(d).find_element(By.XPATH, ".//label[contains(., 'ban hành kèm theo một quyết định')]/input").click()
    settle(d)
    assert "khi tờ trình có số và ngày" in body(d).find_element(By.CSS_SELECTOR, "[data-testid='decision-cites']").text
    assert not body(d).find_elements(By.XPATH, ".//label[span='Tờ trình (số, ký hiệu, ngày; không ghi tên cơ quan)']")
    retype(d, labelled(body(d), "Số tờ trình"), "456")
    wait(d).until(lambda d: "khi tờ trình" not in body(d).find_element(By.CSS_SELECTOR, "[data-testid='decision-cites']").text)
    retype(d, labelled(body(d), "Ngày quyết định"), "10/12/2026")
    assert "Chưa nhập họ tên người ký." not in panel(d)
    shot(d, "20b-identity")

    # --- Căn cứ pháp lý: one from the library, one typed.
    outline(d, "Căn cứ pháp lý")
    library = Select(wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "select[aria-label='Thêm căn cứ từ thư viện']"))))
    library.select_by_index(1)
    settle(d)
    button(d, "+ Nhập căn cứ khác").click()
    settle(d)
    card = body(d).find_elements(By.CSS_SELECTOR, ".card.item")[-1]
    retype(d, labelled(card, "Số, ký hiệu"), "1234/QĐ-UBND")
    retype(d, labelled(body(d).find_elements(By.CSS_SELECTOR, ".card.item")[-1], "Ngày"), "15/10/2026")
    retype(d, labelled(body(d).find_elements(By.CSS_SELECTOR, ".card.item")[-1], "Cơ quan ban hành"), "Ủy ban nhân dân tỉnh Tuyên Quang")
    retype(d, labelled(body(d).find_elements(By.CSS_SELECTOR, ".card.item")[-1], "Trích yếu"), "ban hành Kế hoạch chuyển đổi số giai đoạn 2026 - 2030")
    assert "Chưa có căn cứ pháp lý nào." not in panel(d)

    # --- Đánh giá năm trước: an indicator with target and actual (a wrong number first), a task status.
    outline(d, "Đánh giá năm trước")
    button(d, "+ Chỉ tiêu năm trước").click()
    settle(d)
    retype(d, by_aria(body(d), "Tên chỉ tiêu năm trước 1"), "Tỷ lệ dịch vụ công trực tuyến toàn trình")
    target = by_aria(body(d), "Chỉ tiêu giao 1")
    target.send_keys("tám mươi", Keys.TAB)
    wait(d).until(lambda d: "Viết số như 1.250,5" in body(d).text)
    retype(d, by_aria(body(d), "Chỉ tiêu giao 1"), "80")
    retype(d, by_aria(body(d), "Kết quả thực hiện 1"), "85,5")
    Select(by_aria(body(d), "Đánh giá chỉ tiêu năm trước 1")).select_by_visible_text("Đạt")
    settle(d)
    button(d, "+ Nhiệm vụ năm trước").click()
    settle(d)
    retype(d, by_aria(body(d), "Tên nhiệm vụ năm trước 1"), "Triển khai nền tảng trợ lý ảo")
    Select(by_aria(body(d), "Tình trạng nhiệm vụ năm trước 1")).select_by_visible_text("Hoàn thành")
    settle(d)
    shot(d, "21-assessment")

    # --- Quan điểm, mục tiêu: vision, two goals; a new indicator with an empty target first,
    # then one from the catalogue.
    outline(d, "Quan điểm, mục tiêu")
    vision = wait(d).until(lambda d: labelled(body(d), "Tầm nhìn, quan điểm"))
    vision.send_keys(VISION, Keys.TAB)
    settle(d)
    button(d, "+ Thêm mục tiêu").click()
    settle(d)
    button(d, "+ Thêm mục tiêu").click()
    settle(d)
    goals = body(d).find_elements(By.CSS_SELECTOR, ".card.item")
    retype(d, by_aria(goals[0], "Tên mục tiêu"), "Phát triển chính quyền số")
    goals[0].find_element(By.XPATH, ".//button[normalize-space()='+ Chỉ tiêu mới']").click()
    settle(d)
    wait(d).until(lambda d: "chưa có giá trị cần đạt" in panel(d))
    goals = body(d).find_elements(By.CSS_SELECTOR, ".card.item")
    retype(d, by_aria(goals[0], "Tên chỉ tiêu"), "Tỷ lệ hồ sơ giải quyết trực tuyến")
    retype(d, by_aria(body(d).find_elements(By.CSS_SELECTOR, ".card.item")[0], "Giá trị cần đạt"), "90")
    goals = body(d).find_elements(By.CSS_SELECTOR, ".card.item")
    Select(by_aria(goals[1], "Trụ cột")).select_by_value("kinh_te_so")
    settle(d)
    goals = body(d).find_elements(By.CSS_SELECTOR, ".card.item")
    retype(d, by_aria(goals[1], "Tên mục tiêu"), "Phát triển kinh tế số")
    catalogue = Select(by_aria(body(d).find_elements(By.CSS_SELECTOR, ".card.item")[1], "Thêm chỉ tiêu từ danh mục"))
    from_catalogue = catalogue.options[1].text
    catalogue.select_by_index(1)
    settle(d)
    goal2 = body(d).find_elements(By.CSS_SELECTOR, ".card.item")[1]
    if by_aria(goal2, "Giá trị cần đạt").get_attribute("value") == "":
        retype(d, by_aria(goal2, "Giá trị cần đạt"), "20")
    assert "chưa có giá trị cần đạt" not in panel(d)
    shot(d, "22-goals")

    # --- Nhiệm vụ: three groups, seven tasks with every kind of deadline, leads, coordinators,
    # budget lines.
    outline(d, "Nhiệm vụ")
    for i, title in enumerate(GROUPS, start=1):
        button(d, "+ Thêm nhóm").click()
        settle(d)
        retype(d, wait(d).until(lambda d: by_aria(d, f"Tên nhóm {i}")), title)
    per_group = {}
    for group, title, (lead_q, lead), coordinators, kind, fields, _ in TASKS:
        section = d.find_elements(By.CSS_SELECTOR, "section.group")[group - 1]
        section.find_element(By.XPATH, ".//button[normalize-space()='+ Thêm nhiệm vụ']").click()
        settle(d)
        per_group[group] = per_group.get(group, 0) + 1
        number = f"{group}.{per_group[group]}"
        card = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".task-card")))
        retype(d, by_aria(card, f"Tên nhiệm vụ {number}"), title)
        pick(d, by_aria(d.find_element(By.CSS_SELECTOR, ".task-card"), f"Cơ quan chủ trì nhiệm vụ {number}"), lead_q, lead)
        settle(d)
        for q, name in coordinators:
            pick(d, by_aria(d.find_element(By.CSS_SELECTOR, ".task-card"), f"Cơ quan phối hợp nhiệm vụ {number}"), q, name)
            settle(d)
        Select(by_aria(d, f"Thời hạn nhiệm vụ {number}: loại")).select_by_value(kind)
        for label, value in fields.items():
            group_el = by_aria(d, f"Thời hạn nhiệm vụ {number}")
            el = by_aria(group_el, label)
            if el.tag_name == "select":
                Select(el).select_by_value(value)
                settle(d)
            else:
                retype(d, el, value)
        settle(d)
        if number in ("1.1", "2.1"):
            d.find_element(By.CSS_SELECTOR, ".task-card").find_element(By.XPATH, ".//span[.='Kinh phí (tr.đ)']/following-sibling::button").click()
            button(d, "+ Dòng kinh phí").click()
            settle(d)
            retype(d, by_aria(d.find_element(By.CSS_SELECTOR, ".task-card"), "Số tiền (triệu đồng)"), "1.250,5" if number == "1.1" else "3.000")
        d.find_element(By.CSS_SELECTOR, f"[aria-label='Thu gọn nhiệm vụ {number}']").click()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='task-count']").text.count("7") >= 1)
    shot(d, "23-tasks-2027")

    # --- Tổ chức thực hiện: duties generated from the assignments, one rewritten.
    outline(d, "Tổ chức thực hiện")
    button(d, "Tạo lại từ phân công nhiệm vụ").click()
    settle(d)
    duty = wait(d).until(lambda d: body(d).find_elements(By.CSS_SELECTOR, ".card.item textarea"))[0]
    retype(d, duty, "Chủ trì tổ chức triển khai Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh.")
    # Every error is fixed; the outline shows it.
    wait(d).until(lambda d: count(d, "error-count") == 0)
    shot(d, "24-plan-complete")

    # --- The four documents, exported through the app (draft: no number yet).
    paths = export_four(d, "Dự thảo")
    for kind, path in paths.items():
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            xml = "".join(z.read(n).decode("utf8", "replace") for n in names if n.endswith(".xml"))
        assert "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính" in xml, kind
        if kind != "workbook":
            assert "DỰ THẢO" in xml, kind
    with zipfile.ZipFile(paths["quyet_dinh"]) as z:
        assert "Tờ trình số 456/TTr-SKHCN ngày 01/12/2026" in z.read("word/document.xml").decode()
    # The Tờ trình: the department's, signed by its director, counting the plan's own tasks.
    with zipfile.ZipFile(export_one(d, "to_trinh")) as z:
        text = re.sub("<[^>]+>", "", z.read("word/document.xml").decode())
    for line in ["TỜ TRÌNH", "/TTr-SKHCN", "GIÁM ĐỐC", "Trần Thị Hoa", f"Kế hoạch gồm {len(TASKS)} nhiệm vụ, chia thành {len(GROUPS)} nhóm:"]:
        assert line in text, line

    # --- Close, reopen: the app is back on the plan; the plan file read by the CLI has every value.
    d = launch()
    wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, ".plan-title").get_attribute("textContent") == "Tuyên Quang · 2027")
    cli = ROOT / "target/debug/dxplan"
    env = dict(os.environ, DXPLAN_DB=str(workdir / "dxplan.sqlite"))
    plans = json.loads(subprocess.check_output([cli, "list", "--json"], env=env))
    ours = [p for p in plans if p["province"] == "Tuyên Quang"]
    assert len(ours) == 1
    out = workdir / "tuyen-quang-2027.json"
    subprocess.check_call([cli, "export-file", ours[0]["id"], out], env=env, stdout=subprocess.DEVNULL)
    plan = json.loads(out.read_text())["plan"]
    ident = plan["identity"]
    assert (ident["year"], ident["signer"]["name"], ident["archive_unit"], ident["issue_date"]) == (2027, "Nguyễn Văn Sơn", "KGVX", "2026-12-09")
    assert ident["recipients"] == ["Bộ Khoa học và Công nghệ", "Thường trực Tỉnh ủy", "Các sở, ban, ngành tỉnh"]
    assert ident["submission"] == {"number": "456", "symbol": "TTr-SKHCN", "issue_date": "2026-12-01",
                                   "signer_title": "GIÁM ĐỐC", "signer_name": "Trần Thị Hoa", "archive_unit": "CĐS"}
    assert ident["decision"]["proposal"] == ""
    assert ident["decision"]["issue_date"] == "2026-12-10"
    bases = plan["legal_bases"]
    assert len(bases) == 2 and bases[0]["library_ref"]
    assert (bases[1]["number"], bases[1]["date"], bases[1]["issuer"]) == ("1234/QĐ-UBND", "2026-10-15", "Ủy ban nhân dân tỉnh Tuyên Quang")
    review = plan["assessment"]["indicators"][0]
    assert (review["indicator"]["name"], review["indicator"]["target"], review["actual"], review["achieved"]) == (
        "Tỷ lệ dịch vụ công trực tuyến toàn trình", "80", "85.5", True)
    assert [(t["title"], t["status"]) for t in plan["assessment"]["tasks"]] == [("Triển khai nền tảng trợ lý ảo", "hoan_thanh")]
    assert plan["vision"] == VISION
    goals = plan["specific_goals"]
    assert [(g["title"], g["pillar"]) for g in goals] == [("Phát triển chính quyền số", "chinh_quyen_so"), ("Phát triển kinh tế số", "kinh_te_so")]
    assert [(i["name"], i["target"]) for i in goals[0]["indicators"]] == [("Tỷ lệ hồ sơ giải quyết trực tuyến", "90")]
    assert goals[1]["indicators"][0]["catalogue_ref"] and goals[1]["indicators"][0]["name"] == from_catalogue
    assert goals[1]["indicators"][0]["target"] is not None
    assert [g["title"] for g in plan["groups"]] == GROUPS
    directory = {a["id"]: a["name"] for a in plan["directory"]}
    got = [(gi + 1, t["title"], [directory[x] for x in t["lead"]], [directory[x] for x in t["coordinating"]], t["deadline"])
           for gi, g in enumerate(plan["groups"]) for t in g["tasks"]]
    want = [(g, title, [lead], [name for _, name in coords], deadline) for g, title, (_, lead), coords, _, _, deadline in TASKS]
    assert got == want
    budget = {t["title"]: [(b["amount"], b["source"], b["level"]) for b in t["budget"]] for g in plan["groups"] for t in g["tasks"]}
    assert budget[TASKS[0][1]] == [("1250.5", "thuong_xuyen", "tinh")]
    assert budget[TASKS[2][1]] == [("3000", "thuong_xuyen", "tinh")]
    duties = plan["organisation"]["duties"]
    assert duties and duties[0]["text"].startswith("Chủ trì tổ chức triển khai Kế hoạch") and not duties[0]["generated"]
    # The CLI's own check agrees with the panel: nothing left to fix.
    check = subprocess.run([cli, "validate", ours[0]["id"]], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
