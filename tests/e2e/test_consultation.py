"""«Góp ý dự thảo» in the real window. The sample's 2027 draft is sent for comments to four
agencies; two forms come back filled with openpyxl (a comment on a task, one on a goal, one
proposing a new wording, a blank row, a row pointing to nothing), a third with its seal
tampered with is refused, and one agency's letter is typed in. Each comment is answered: one
accepted with an edit of the plan (reached from the comment), one explained, one not
accepted; empty and wrong values are tried on the way. The table of comments, the Tờ trình and
the revision-marked Kế hoạch are exported and read back with python-docx; the marked file is
rendered by LibreOffice; the plan is read back with the command-line program."""

import datetime
import shutil
import subprocess
import zipfile

import docx
import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ROOT, SHOTS, shot
from test_app import button, wait
from test_screens import cli, cli_plan, cli_plans
from test_year_loop import eventually, into_view, screen, typed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def row_of(ws, code):
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == code:
            return r
    raise AssertionError(f"{code} not in the form")


def fill(path, out, cells):
    """The agency's spreadsheet program: the form opened, cells typed (row by code, or a row
    number), saved under another name."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Góp ý"]
    for where, col, text in cells:
        r = row_of(ws, where) if isinstance(where, str) else where
        ws.cell(r, col, text)
    wb.save(out)


def form_of(workdir, short):
    [f] = [p for p in (workdir / "out").iterdir() if p.name.startswith("Phieu-gop-y-CDS-2027-") and p.name.endswith(f"-{short}.xlsx")]
    return f


def receive(d, workdir, form, expect):
    """The form chosen in «Nhận phiếu góp ý…»; what the screen says once it says `expect`."""
    shutil.copy(form, workdir / "nhận về.xlsx")
    button(d, "Nhận phiếu góp ý…").click()
    wait(d).until(lambda d: expect in d.find_element(By.CSS_SELECTOR, "[data-testid='forms-read']").text)
    return d.find_element(By.CSS_SELECTOR, "[data-testid='forms-read']")


def paragraphs(path):
    doc = docx.Document(path)
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for r in t.rows:
            out.append(" | ".join(c.text for c in r.cells))
    return "\n".join(out)


def test_the_draft_sent_for_comments_answered_and_the_dossier(launch, workdir):
    sample = cli(workdir, "new", "--sample").stdout.split()[-1]
    r = cli(workdir, "rollover", sample, "--to-year", "2027")
    assert r.returncode == 0, r.stderr
    plan_id = [p for p in cli_plans(workdir) if p["year"] == 2027][0]["id"]
    plan = cli_plan(workdir, plan_id)
    drafting = plan["identity"]["drafting_agency"]
    four = [a for a in plan["directory"] if a["kind"] == "so" and a["id"] != drafting][:4]
    task = plan["groups"][0]["tasks"][0]
    goal = plan["specific_goals"][0]

    d = launch()
    button(d, "Các kế hoạch")
    row = wait(d).until(EC.presence_of_element_located((By.XPATH, "//table[@aria-label='Danh sách kế hoạch']//tr[contains(., '2027')]")))
    row.find_element(By.XPATH, ".//button[normalize-space()='Mở']").click()
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.outline")))
    screen(d, "Góp ý dự thảo")
    for a in four:
        into_view(d, d.find_element(By.CSS_SELECTOR, f"input[aria-label='Xin ý kiến {a['name']}']")).click()
    # A reply-by date that does not exist is refused where it is typed; nothing can be sent.
    typed(d, "Hạn góp ý", "31/02/2027")
    assert "Không có ngày 31/02/2027" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-send']").text
    assert not d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Gửi xin ý kiến')]").is_enabled()
    reply_by = datetime.date.today() + datetime.timedelta(days=14)
    typed(d, "Hạn góp ý", reply_by.strftime("%d/%m/%Y"))
    button(d, "Gửi xin ý kiến… (4 cơ quan)").click()
    sent = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='draft-sent']")))
    assert "4 phiếu góp ý" in sent.text, sent.text
    names = sorted(p.name for p in (workdir / "out").iterdir())
    assert "Cong-van-xin-y-kien-du-thao-KH-CDS-2027.docx" in names and "Du-thao-Ke-hoach-CDS-2027.docx" in names, names
    assert len([n for n in names if n.startswith("Phieu-gop-y-CDS-2027-")]) == 4, names
    letter = paragraphs(workdir / "out" / "Cong-van-xin-y-kien-du-thao-KH-CDS-2027.docx")
    assert "V/v góp ý dự thảo Kế hoạch" in letter and reply_by.strftime("năm %Y") in letter
    assert all(a["name"] in letter for a in four), letter
    summary = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='consult-summary']")))
    assert "tới 4 cơ quan; 0 đã trả lời" in summary.text, summary.text
    shot(d, "consultation-sent")

    # Two forms filled: a task, a goal, a new wording, a blank row, a row pointing to nothing.
    forms = sorted(p for p in (workdir / "out").iterdir() if p.name.startswith("Phieu-gop-y-CDS-2027-"))
    by_agency = {}
    for f in forms:
        ws = openpyxl.load_workbook(f)["Góp ý"]
        by_agency[ws.cell(2, 1).value.split(": ", 1)[1]] = f
    a, b, c, dd = (by_agency[x["name"]] for x in four)
    ws = openpyxl.load_workbook(a)["Góp ý"]
    free = ws.max_row - 30
    assert ws.cell(free, 1).value is None
    fill(a, workdir / "a.xlsx", [
        (f"nhiem-vu:{task['id']}", 4, "Đề nghị nêu rõ sản phẩm của nhiệm vụ."),
        (f"nhiem-vu:{task['id']}", 5, task["title"] + " và kho dữ liệu dùng chung"),
        (f"muc-tieu:{goal['id']}", 4, "Mục tiêu cần có mốc thời gian."),
        (free, 2, "Nhiệm vụ 99.9"),
        (free, 4, "Bổ sung nhiệm vụ an toàn thông tin."),
        (free + 2, 2, "   "),
    ])
    fill(b, workdir / "b.xlsx", [("chung", 5, "Kế hoạch chuyển đổi số, dữ liệu số tỉnh năm 2027")])
    read = receive(d, workdir, workdir / "a.xlsx", f"{four[0]['name']}, 3 ý kiến")
    assert "Nhiệm vụ 99.9" in read.text and "góp ý chung" in read.text, read.text
    receive(d, workdir, workdir / "b.xlsx", f"{four[1]['name']}, 1 ý kiến")
    # The third agency's form with the fourth's id written in: refused, nothing recorded.
    wb = openpyxl.load_workbook(c)
    wb["Danh mục"].cell(2, 7, four[3]["id"])
    wb.save(workdir / "c.xlsx")
    read = receive(d, workdir, workdir / "c.xlsx", "không nhận")
    assert f"được gửi cho {four[2]['name']}" in read.text, read.text

    # The third agency answered by letter: its date typed wrong first.
    d.find_element(By.XPATH, "//summary[normalize-space()='Nhập ý kiến gửi bằng công văn']").click()
    Select(d.find_element(By.CSS_SELECTOR, "select[aria-label='Cơ quan gửi công văn']")).select_by_visible_text(four[2]["name"])
    typed(d, "Số, ký hiệu công văn", "45/SYT-KHTC")
    typed(d, "Ngày công văn", "32/13/2026")
    assert "Không có ngày" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-letter']").text
    typed(d, "Ngày công văn", "05/12/2026")
    Select(d.find_element(By.CSS_SELECTOR, "select[aria-label='Vị trí ý kiến 1']")).select_by_visible_text("Phần: Kinh phí thực hiện")
    typed(d, "Nội dung ý kiến 1", "Kinh phí cần chia theo nguồn.")
    button(d, "Ghi nhận công văn").click()
    wait(d).until(lambda d: "3 đã trả lời" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-summary']").text)
    summary = d.find_element(By.CSS_SELECTOR, "[data-testid='consult-summary']").text
    assert "5 ý kiến" in summary and "chưa trả lời 5" in summary, summary
    shot(d, "consultation-received")

    def row(text):
        return d.find_element(By.XPATH, f"//table[@data-testid='comments']//tr[contains(., '{text}')]")

    def answer(text, kind, why=None):
        r = into_view(d, row(text))
        Select(r.find_element(By.CSS_SELECTOR, "select")).select_by_visible_text(kind)
        if why is not None:
            field = row(text).find_element(By.CSS_SELECTOR, "input")
            if why:
                field.send_keys(why)
            field.send_keys(Keys.TAB)

    # Not accepted needs its reason: the empty one is refused, the comment stays unanswered.
    answer("dữ liệu số tỉnh năm 2027", "Không tiếp thu", "")
    field = row("dữ liệu số tỉnh năm 2027").find_element(By.CSS_SELECTOR, "input")
    field.send_keys("x")
    field.send_keys(Keys.BACK_SPACE)
    field.send_keys(Keys.TAB)
    shot(d, "consultation-empty-reason")
    wait(d).until(lambda d: row("dữ liệu số tỉnh năm 2027").find_element(By.CSS_SELECTOR, "input").get_attribute("aria-invalid") == "true")
    answer("dữ liệu số tỉnh năm 2027", "Không tiếp thu", "Tên kế hoạch theo văn bản của Trung ương.")
    answer("Mục tiêu cần có mốc thời gian", "Giải trình", "Mốc thời gian đã nêu tại Phụ lục II.")
    answer("Bổ sung nhiệm vụ an toàn thông tin", "Tiếp thu")
    answer("Kinh phí cần chia theo nguồn", "Tiếp thu")
    # Accepted, with the change made in the plan: the comment opens the task in the editor.
    answer("nêu rõ sản phẩm", "Tiếp thu", "Đã sửa tên nhiệm vụ.")
    row("nêu rõ sản phẩm").find_element(By.XPATH, ".//button[normalize-space()='Sửa kế hoạch']").click()
    # One word replaced and words added: a deletion and insertions to mark.
    first, rest = task["title"].split(" ", 1)
    new_title = "Thực hiện " + rest + " và kho dữ liệu dùng chung"
    typed(d, "Tên nhiệm vụ 1.1", new_title)
    here = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='comments-here']")))
    assert "Góp ý dự thảo về phần này" in here.text, here.text
    # The task's own comments under its open editor, with the answer just given.
    mine = d.find_element(By.CSS_SELECTOR, "[data-task] [data-testid='task-comments']").text
    assert "Góp ý dự thảo về nhiệm vụ này (1, 0 chưa trả lời)" in mine, mine
    assert f"{four[0]['name']}: Đề nghị nêu rõ sản phẩm của nhiệm vụ." in mine and "[Tiếp thu]" in mine, mine
    shot(d, "consultation-task-comments")
    screen(d, "Góp ý dự thảo")
    wait(d).until(lambda d: "chưa trả lời 0" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-summary']").text)
    shot(d, "consultation-answered")

    # The dossier: the table as issued, the Tờ trình and the marked Kế hoạch as drafts.
    docs = d.find_element(By.CSS_SELECTOR, "[data-testid='consult-docs']")
    docs.find_element(By.XPATH, ".//label[contains(., 'Bản dự thảo')]/input").click()
    button(d, "Bảng tổng hợp ý kiến (theo cơ quan)…").click()
    wait(d).until(lambda d: "Bang-tong-hop" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-export-path']").text)
    docs.find_element(By.XPATH, ".//label[contains(., 'Bản dự thảo')]/input").click()
    button(d, "Tờ trình…").click()
    wait(d).until(lambda d: "To-trinh" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-export-path']").text)
    button(d, "Kế hoạch đánh dấu sửa đổi…").click()
    wait(d).until(lambda d: "sua-doi" in d.find_element(By.CSS_SELECTOR, "[data-testid='consult-export-path']").text)

    out = workdir / "out"
    [table] = out.glob("Bang-tong-hop-y-kien-KH-CDS-*-2027.docx")
    text = paragraphs(table)
    assert "xin ý kiến 4 cơ quan, đơn vị; đã nhận được ý kiến của 3 cơ quan, đơn vị với 5 ý kiến góp ý; trong đó tiếp thu 3 ý kiến, giải trình 1 ý kiến, không tiếp thu 1 ý kiến." in text, text
    assert "Không tiếp thu: Tên kế hoạch theo văn bản của Trung ương." in text
    assert "Giải trình: Mốc thời gian đã nêu tại Phụ lục II." in text
    assert "Tiếp thu: Đã sửa tên nhiệm vụ." in text
    assert f"chưa gửi ý kiến: {four[3]['name']}" in text, text
    assert "DỰ THẢO" not in text

    final = cli_plan(workdir, plan_id)
    [tt] = out.glob("To-trinh-KH-CDS-*-2027.docx")
    text = paragraphs(tt)
    tasks = sum(len(g["tasks"]) for g in final["groups"])
    indicators = sum(len(g["indicators"]) for g in final["specific_goals"])
    assert f"Kế hoạch gồm {tasks} nhiệm vụ, chia thành {len(final['groups'])} nhóm:" in text, text
    assert f"Kế hoạch đặt {len(final['specific_goals'])} mục tiêu cụ thể với {indicators} chỉ tiêu:" in text
    assert "xin ý kiến 4 cơ quan, đơn vị; đã nhận được ý kiến của 3 cơ quan, đơn vị với 5 ý kiến góp ý." in text, text
    assert "đã tiếp thu 3 ý kiến, giải trình 1 ý kiến, không tiếp thu 1 ý kiến" in text
    assert "- Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý." in text

    [marked] = out.glob("Ke-hoach-CDS-sua-doi-sau-gop-y-*-2027.docx")
    with zipfile.ZipFile(marked) as z:
        xml = z.read("word/document.xml").decode()
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    inserted = " ".join("".join(t.text or "" for t in e.iter(W + "t")) for e in root.iter(W + "ins"))
    assert "kho dữ liệu dùng chung" in inserted, inserted
    deleted = " ".join("".join(t.text or "" for t in e.iter(W + "delText")) for e in root.iter(W + "del"))
    assert first in deleted, deleted
    authors = {e.get(W + "author") for e in root.iter(W + "ins")}
    assert authors == {next(a["name"] for a in plan["directory"] if a["id"] == drafting)}, authors
    # LibreOffice opens it; the page with the change is kept to be looked at.
    pdf = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(marked)], capture_output=True, timeout=180)
    assert pdf.returncode == 0, pdf.stderr
    [rendered] = workdir.glob("Ke-hoach-CDS-sua-doi-*.pdf")
    pages = subprocess.run(["pdftotext", str(rendered), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    edited = task["title"].split()[-1] + " và kho dữ liệu dùng chung"
    changed = next(i for i, p in enumerate(pages, 1) if edited in " ".join(p.split()))
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(changed), "-l", str(changed), str(rendered), str(SHOTS / "consultation-marked")], check=True, timeout=120)

    # The plan as stored: the round, every answer, the edit.
    def stored():
        p = cli_plan(workdir, plan_id)
        kinds = sorted(x["answer"]["kind"] for x in p["consultation"]["comments"])
        assert kinds == ["accepted", "accepted", "accepted", "explained", "rejected"], kinds
        assert p["groups"][0]["tasks"][0]["title"] == new_title
        return p

    eventually(stored)
    # Reopened, the screen shows the same round.
    d = launch()
    screen(d, "Góp ý dự thảo")
    summary = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='consult-summary']")))
    assert "3 đã trả lời" in summary.text and "chưa trả lời 0" in summary.text, summary.text
