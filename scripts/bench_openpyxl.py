#!/usr/bin/env python3
"""The same appendix workbook as dxplan's, built with openpyxl from a dxplan plan file: the
"Nhiệm vụ" sheet (merged title rows, header, bold group rows with SUM subtotals, task rows
with Times New Roman, borders, wrap, widths and heights, a total formula, A4 landscape, one
page wide, repeated and frozen header), then "Chỉ tiêu", "Kinh phí" and "Phân công".
Used only by the benchmark (tests/benches/export.rs).
Prints "<seconds> <bytes>" for the build and save, without interpreter start-up."""
import math
import bench_common

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

plan = bench_common.plan()


def build(buf):
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    widths = [6, 46, 22, 28, 14, 24, 14, 16, 13]
    for i, w in enumerate(widths):
        ws.column_dimensions["ABCDEFGHI"[i]].width = w
    for r, text in enumerate(["PHỤ LỤC", "DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", "(Kèm theo Kế hoạch)"], start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
        ws.cell(r, 1, text).font = bold
    headers = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm", "Kinh phí (triệu đồng)", "Nguồn", "Cấp ngân sách"]
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(5, c, h)
        cell.font, cell.border, cell.alignment = bold, border, wrap
    names = {a["id"]: a.get("short") or a["name"] for a in plan["directory"]}
    row = 6
    subtotals = []
    for gi, g in enumerate(plan["groups"]):
        group_row = row
        ws.cell(row, 1, str(gi + 1)).font = bold
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        ws.cell(row, 2, g["title"]).font = bold
        row += 1
        for ti, t in enumerate(g["tasks"]):
            d = t.get("deadline") or {}
            amount = sum(float(l["amount"]) for l in t.get("budget", []))
            values = [f"{gi + 1}.{ti + 1}", t["title"], "; ".join(names[a] for a in t["lead"]),
                      "; ".join(names[a] for a in t.get("coordinating", [])), f"Quý {d.get('quarter', '')}/{d.get('year', '')}",
                      t.get("output", ""), amount, "Thường xuyên", "Tỉnh"]
            for c, v in enumerate(values, start=1):
                cell = ws.cell(row, c, v)
                cell.font, cell.border, cell.alignment = font, border, wrap
                if c == 7:
                    cell.number_format = "#,##0.0"
            lines = max(math.ceil(len(t["title"]) / (46 * 1.1)), 1)
            ws.row_dimensions[row].height = lines * 15.75 + 2
            row += 1
        ws.cell(group_row, 7, f"=SUM(G{group_row + 1}:G{row - 1})").font = bold
        subtotals.append(f"G{group_row}")
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    ws.cell(row, 2, "TỔNG CỘNG").font = bold
    ws.cell(row, 7, "=SUM(" + ",".join(subtotals) + ")").font = bold
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "5:5"
    ws.freeze_panes = "A6"

    def table(title, header, rows):
        sh = wb.create_sheet(title)
        sh.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sh.cell(1, 1, title.upper()).font = bold
        for c, h in enumerate(header, start=1):
            cell = sh.cell(3, c, h)
            cell.font, cell.border, cell.alignment = bold, border, wrap
        for r, values in enumerate(rows, start=4):
            for c, v in enumerate(values, start=1):
                cell = sh.cell(r, c, v)
                cell.font, cell.border, cell.alignment = font, border, wrap
        sh.page_setup.orientation = "landscape"
        sh.print_title_rows = "3:3"
        sh.freeze_panes = "A4"
        return sh

    table("Chỉ tiêu", ["TT", "Chỉ tiêu", "Trụ cột", "Mục tiêu", "Đơn vị", "Mẫu số", "Giá trị năm trước", "Thời hạn", "Ghi chú"],
          [[f"{gi + 1}.{ii + 1}", i["name"], g["pillar"], f"{i['comparator']} {i['target']}", i["unit"], i.get("denominator") or "", "", "Năm", ""]
           for gi, g in enumerate(plan["specific_goals"]) for ii, i in enumerate(g["indicators"])])
    lines = [l for g in plan["groups"] for t in g["tasks"] for l in t.get("budget", [])] + plan["budget"]["unallocated"]
    sources = ["dau_tu_phat_trien", "thuong_xuyen", "xa_hoi_hoa", "khac", None]
    levels = ["tinh", "huyen", "xa", None]
    budget_rows = [[str(s)] + [sum(float(l["amount"]) for l in lines if l.get("source") == s and l.get("level") == lv) for lv in levels] for s in sources]
    sh = table("Kinh phí", ["Nguồn kinh phí", "Cấp tỉnh", "Cấp huyện", "Cấp xã", "Chưa xác định cấp", "Tổng cộng"], budget_rows)
    for r in range(4, 4 + len(sources)):
        sh.cell(r, 6, f"=SUM(B{r}:E{r})")
    loads = []
    for a in plan["directory"]:
        led = [t for g in plan["groups"] for t in g["tasks"] if a["id"] in t["lead"]]
        coord = [t for g in plan["groups"] for t in g["tasks"] if a["id"] in t.get("coordinating", []) and a["id"] not in t["lead"]]
        if led or coord:
            loads.append([str(len(loads) + 1), a["name"], len(led), len(coord), sum(float(l["amount"]) for t in led for l in t.get("budget", []))])
    table("Phân công", ["TT", "Cơ quan", "Số nhiệm vụ chủ trì", "Số nhiệm vụ phối hợp", "Kinh phí chủ trì (triệu đồng)"], loads)
    wb.save(buf)


bench_common.run(build)
