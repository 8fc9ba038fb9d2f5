"""Seed 004 (Kế hoạch 189/KH-UBND, Quảng Ngãi) as the province's Word file, written by
python-docx, not by our exporter: the header block table, the body paragraphs, the recipients
and signature table, the list of documents and the 4-column task table."""

import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests/fixtures/kh-189-quang-ngai-2023.txt"


def _clean(line):
    return line.replace("**", "").replace("*", "").replace("<", "").replace(">", "").strip()


def _table(doc, rows):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text


def body_lines():
    """The seed's lines, and those of the body (from "KẾ HOẠCH" to the recipients)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("**KẾ HOẠCH"))
    recipients = next(i for i, l in enumerate(lines) if l.strip() == "Nơi nhận:")
    return lines, lines[start:recipients]


def header_table(doc):
    _table(doc, [
        ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: 189/KH-UBND", "Quảng Ngãi, ngày 09 tháng 12 năm 2022"],
    ])


def tail_parts(lines):
    """What follows the body: the recipients ("- …;" lines), the lines of the list of
    documents (Phụ lục 1), and the task table's rows (4 columns)."""
    recipients = next(i for i, l in enumerate(lines) if l.strip() == "Nơi nhận:")
    rec = []
    for l in lines[recipients:]:
        if l.startswith("Đặng"):
            break
        if l.startswith("- "):
            rec.append(l.replace("KGVX.n525", "KGVX."))
    pl1 = next(i for i, l in enumerate(lines) if l.strip() == "Phụ lục 1")
    pl2 = next(i for i, l in enumerate(lines) if l.startswith("Phụ lục 2"))
    documents = [_clean(l) for l in lines[pl1:pl2] if _clean(l)]
    header = next(i for i, l in enumerate(lines) if l.startswith("TT\tTên nhiệm vụ"))
    rows = []
    for l in lines[header:]:
        if l.strip():
            cells = [c.strip() for c in l.split("\t")][:4]
            rows.append(cells + [""] * (4 - len(cells)))
    return rec, documents, rows


SIGNATURE = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Văn Minh"


def tail(doc, lines):
    """Recipients and signature, the list of documents, the task table."""
    rec, documents, rows = tail_parts(lines)
    _table(doc, [["Nơi nhận:\n" + "\n".join(rec), SIGNATURE]])
    for d in documents:
        doc.add_paragraph(d)
    doc.add_paragraph("Phụ lục 2")
    doc.add_paragraph("DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN")
    _table(doc, rows)


def write(path):
    lines, body = body_lines()
    doc = docx.Document()
    header_table(doc)
    for l in body:
        if _clean(l):
            doc.add_paragraph(_clean(l))
    tail(doc, lines)
    doc.save(path)


if __name__ == "__main__":
    write(sys.argv[1])
