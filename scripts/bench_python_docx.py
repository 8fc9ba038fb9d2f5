#!/usr/bin/env python3
"""The same Kế hoạch as dxplan's Word export, built with python-docx from a dxplan plan file:
header block table, title, the body's paragraphs, signature table, then a landscape appendix
section with the task table (7 columns, bold group rows, repeated header row, rows that do
not split, totals). Used only by the benchmark (tests/benches/export.rs).
Prints "<seconds> <bytes>" for the build and save, without interpreter start-up."""
import bench_common

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

plan = bench_common.plan()


def run(p, text, size=14, bold=False, italic=False):
    r = p.add_run(text)
    r.font.name = "Times New Roman"
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic
    rpr = r._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "Times New Roman")
    fonts.set(qn("w:cs"), "Times New Roman")
    return r


def para(doc_or_cell, text, size=14, bold=False, italic=False, centre=False):
    p = doc_or_cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.JUSTIFY
    if not centre:
        p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(6)
    run(p, text, size, bold, italic)
    return p


def row_flag(row, tag):
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(tag))


def money(v):
    s = f"{v:,.1f}".rstrip("0").rstrip(".")
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def build(buf):
    doc = Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    s.different_first_page_header_footer = True
    hp = s.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ident = plan["identity"]
    t = doc.add_table(rows=2, cols=2)
    for line in ident["header_lines"]:
        para(t.cell(0, 0), line, 13, bold=True, centre=True)
    para(t.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, centre=True)
    para(t.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", 13, bold=True, centre=True)
    para(t.cell(1, 0), f"Số: {ident['number']}/{ident['symbol']}", 13, centre=True)
    para(t.cell(1, 1), f"{ident['place']}, ngày 09 tháng 12 năm 2022", 14, italic=True, centre=True)
    para(doc, "KẾ HOẠCH", bold=True, centre=True)
    para(doc, ident["title"], bold=True, centre=True)
    para(doc, ident["opening"])
    texts = [plan["assessment"]["goals_review"]] + [x["text"] for x in plan["assessment"]["sections"]]
    texts += [g["text"] for g in plan["specific_goals"]] + [g["intro"] for g in plan["groups"]]
    texts += [x["text"] for x in plan["solutions"]] + [d["text"] for d in plan["organisation"]["duties"]]
    for b in plan["legal_bases"]:
        para(doc, f"- {b['kind']} số {b['number']} ngày {b['date']} của {b['issuer']} {b['title']};")
    for text in texts:
        for block in text.split("\n\n"):
            if block.strip():
                para(doc, block.strip())
    sig = doc.add_table(rows=1, cols=2)
    para(sig.cell(0, 0), "Nơi nhận:", 12, bold=True, italic=True)
    for r in ident["recipients"]:
        para(sig.cell(0, 0), f"- {r};", 11)
    for line in [ident["signer"]["authority"], ident["signer"]["title"], ident["signer"]["name"]]:
        para(sig.cell(0, 1), line, bold=True, centre=True)

    sec = doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    para(doc, "Phụ lục II", bold=True, centre=True)
    para(doc, "DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", bold=True, centre=True)
    names = {a["id"]: a.get("short") or a["name"] for a in plan["directory"]}
    table = doc.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    for i, h in enumerate(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Kinh phí (triệu đồng)", "Nguồn"]):
        c = table.rows[0].cells[i]
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(c.paragraphs[0], h, 12, bold=True)
    row_flag(table.rows[0], "w:tblHeader")
    total = 0.0
    for gi, g in enumerate(plan["groups"]):
        sub = sum(float(l["amount"]) for t in g["tasks"] for l in t.get("budget", []))
        total += sub
        cells = table.add_row().cells
        run(cells[0].paragraphs[0], str(gi + 1), 12, bold=True)
        merged = cells[1].merge(cells[4])
        run(merged.paragraphs[0], g["title"], 12, bold=True)
        run(cells[5].paragraphs[0], money(sub), 12, bold=True)
        for ti, t in enumerate(g["tasks"]):
            row = table.add_row()
            row_flag(row, "w:cantSplit")
            c = row.cells
            amount = sum(float(l["amount"]) for l in t.get("budget", []))
            d = t.get("deadline") or {}
            values = [f"{gi + 1}.{ti + 1}", t["title"], "; ".join(names[a] for a in t["lead"]),
                      "; ".join(names[a] for a in t.get("coordinating", [])),
                      f"Quý {d.get('quarter', '')}/{d.get('year', '')}", money(amount) if amount else "",
                      "Thường xuyên"]
            for cell, v in zip(c, values):
                run(cell.paragraphs[0], v, 12)
    cells = table.add_row().cells
    merged = cells[1].merge(cells[4])
    run(merged.paragraphs[0], "TỔNG CỘNG", 12, bold=True)
    run(cells[5].paragraphs[0], money(total), 12, bold=True)
    doc.save(buf)


bench_common.run(build)
