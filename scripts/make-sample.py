#!/usr/bin/env python3
"""Builds templates/samples/quang-ngai-2023.json from seed 004 (Kế hoạch 189/KH-UBND,
Quảng Ngãi, 09/12/2022). Run once by a developer; the JSON is committed and the app never
reads the seed. The issued document's errors are removed on the way: numbers are computed by
the app (two 6.1, two 8.4), the bullets pasted twice in group 2 appear once, the lettered
points of group 4 are renumbered, the issue date is 09/12/2022 everywhere, Kế hoạch
97/KH-UBND is dated 2022 (not 2002), and the budget is entered as lines whose totals the app
computes (132.897,5 = 106.247,5 tỉnh + 26.650 huyện).

Usage: python3 scripts/make-sample.py ../shared/seeds/004_09303d0239868285.txt
"""
import json
import re
import sys
import unicodedata

SEED = sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds/004_09303d0239868285.txt"
OUT = "templates/samples/quang-ngai-2023.json"

lines = [unicodedata.normalize("NFC", l.rstrip("\n")) for l in open(SEED, encoding="utf-8")]


def L(a, b):
    """Lines a..b, 1-based inclusive."""
    return lines[a - 1:b]


# --- agencies (the 2022 structure: Sở TT&TT leads DX, district level exists) -------------
AGENCIES = [
    ("so-tttt", "Sở Thông tin và Truyền thông", "Sở TT&TT", "so"),
    ("vp-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "tinh_khac"),
    ("so-nv", "Sở Nội vụ", None, "so"),
    ("so-tc", "Sở Tài chính", None, "so"),
    ("so-khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "so"),
    ("so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", "so"),
    ("so-xd", "Sở Xây dựng", None, "so"),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "so"),
    ("so-yt", "Sở Y tế", None, "so"),
    ("so-gtvt", "Sở Giao thông vận tải", "Sở GTVT", "so"),
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "so"),
    ("so-ct", "Sở Công Thương", None, "so"),
    ("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "so"),
    ("ca-tinh", "Công an tỉnh", None, "tinh_khac"),
    ("tinh-doan", "Tỉnh đoàn", None, "tinh_khac"),
    ("nhnn", "Ngân hàng Nhà nước Việt Nam, Chi nhánh Quảng Ngãi", "NHNN Chi nhánh Quảng Ngãi", "trung_uong"),
    ("cac-so-nganh", "Các sở, ban, ngành tỉnh", None, "tap_the"),
    ("ubnd-huyen", "Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND cấp huyện", "ubnd_huyen"),
    ("ubnd-xa", "Ủy ban nhân dân các xã, phường, thị trấn", "UBND cấp xã", "ubnd_xa"),
    ("ubnd-cac-cap", "Ủy ban nhân dân các cấp", "UBND các cấp", "tap_the"),
    ("mot-cua", "Bộ phận Một cửa các cấp", None, "tap_the"),
    ("don-vi-duoc-giao", "Các đơn vị được giao nhiệm vụ", None, "tap_the"),
    ("co-so-dao-tao", "Các cơ sở đào tạo đại học, cao đẳng, giáo dục nghề nghiệp trên địa bàn tỉnh", "Các cơ sở đào tạo đại học, cao đẳng, GDNN", "tap_the"),
    ("to-cns", "Các Tổ Công nghệ số cộng đồng", None, "tap_the"),
    ("dn-vien-thong", "Các doanh nghiệp viễn thông", "Các DN viễn thông", "doanh_nghiep"),
    ("dn-chu-ky-so", "Doanh nghiệp cung cấp dịch vụ chữ ký số", None, "doanh_nghiep"),
]

# Every distinct cell of Phụ lục 2, as the list of agencies it names.
CELL = {
    "": [],
    "Sở TT&TT": ["so-tttt"],
    "Sở TT&TT,": ["so-tttt"],
    "Các Sở, ban, ngành tỉnh; UBND cấp huyện;": ["cac-so-nganh", "ubnd-huyen"],
    "Các Sở, ban, ngành tỉnh, UBND cấp huyện": ["cac-so-nganh", "ubnd-huyen"],
    "Các Sở, ban, ngành tỉnh; UBND cấp huyện; UBND cấp huyện;": ["cac-so-nganh", "ubnd-huyen"],
    "Các Sở, ban, ngành tỉnh; UBND cấp huyện; cấp xã": ["cac-so-nganh", "ubnd-huyen", "ubnd-xa"],
    "Các Sở, ban, ngành tỉnh; UBND cấp huyện; Sở TT&TT": ["cac-so-nganh", "ubnd-huyen", "so-tttt"],
    "Các Sở, ban, ngành tỉnh, UBND các cấp; doanh nghiệp cung cấp dịch vụ chữ ký số": ["cac-so-nganh", "ubnd-cac-cap", "dn-chu-ky-so"],
    "Các Sở, ban, ngành tỉnh": ["cac-so-nganh"],
    "Văn phòng UBND tỉnh": ["vp-ubnd"],
    "Sở Xây dựng": ["so-xd"],
    "Sở Tài chính": ["so-tc"],
    "Sở Nội vụ": ["so-nv"],
    "Sở Giáo dục và Đào tạo": ["so-gddt"],
    "Sở KH&ĐT": ["so-khdt"],
    "Công an tỉnh": ["ca-tinh"],
    "UBND cấp huyện;": ["ubnd-huyen"],
    "UBND cấp huyện, cấp xã": ["ubnd-huyen", "ubnd-xa"],
    "UBND cấp huyện; cấp xã": ["ubnd-huyen", "ubnd-xa"],
    "Sở TT&TT, các DN viễn thông": ["so-tttt", "dn-vien-thong"],
    "Công an tỉnh, các Sở: GTVT, Y tế, GD và ĐT, VH-TT&DL; Sở Xây dựng": ["ca-tinh", "so-gtvt", "so-yt", "so-gddt", "so-vhttdl", "so-xd"],
    "Bộ phận Một cửa các cấp": ["mot-cua"],
    "Sở TT&TT, Văn phòng UBND tỉnh": ["so-tttt", "vp-ubnd"],
    "Các đơn vị được giao nhiệm vụ": ["don-vi-duoc-giao"],
    "Sở TT&TT, UBND cấp huyện": ["so-tttt", "ubnd-huyen"],
    "Sở TT&TT, UBND cấp huyện, Tỉnh đoàn": ["so-tttt", "ubnd-huyen", "tinh-doan"],
    "Sở TT&TT, các Tổ Công nghệ số cộng đồng": ["so-tttt", "to-cns"],
    "Các cơ sở đào tạo đại học, cao đẳng, giáo dục nghề nghiệp trên địa bàn tỉnh": ["co-so-dao-tao"],
    "Sở TT&TT, Văn phòng UBND tỉnh,": ["so-tttt", "vp-ubnd"],
    "Sở Công Thương, Sở Nông nghiệp và Phát triển nông thôn, UBND các huyện, thị xã, thành phố": ["so-ct", "so-nnptnt", "ubnd-huyen"],
    "Ngân hàng Nhà nước Việt Nam, Chi nhánh Quảng Ngãi": ["nhnn"],
    "Sở Tài chính ": ["so-tc"],
}

# --- Phụ lục 2: the 76 task rows --------------------------------------------------------
start = next(i for i, l in enumerate(lines) if l.startswith("TT\tTên nhiệm vụ"))
rows = []
for raw in lines[start + 1:]:
    if not raw.strip():
        continue
    cols = raw.split("\t")
    cols += [""] * (4 - len(cols))
    if cols[0] == "" and rows:
        # A row continued after a page break: join each column to the previous row.
        prev = rows[-1]
        for k in (1, 2, 3):
            if cols[k].strip():
                prev[k] = (prev[k].rstrip() + " " + cols[k].strip()).strip()
        continue
    rows.append([c.strip() for c in cols[:4]])

FRAMEWORK = {
    "Nhận thức số": "IV.1.1", "Thể chế số": "IV.1.2", "Hạ tầng số": "IV.1.3", "Dữ liệu số": "IV.1.4",
    "Nền tảng số": "IV.1.5", "Nhân lực số": "IV.1.8", "An toàn thông tin mạng": "IV.1.6",
    "Chính quyền số": "IV.2", "Kinh tế số": "IV.3", "Xã hội số": "IV.4",
}

groups = []
for number, title, lead, coord in rows:
    if re.fullmatch(r"\d+", number):
        groups.append({"id": f"g{len(groups) + 1}", "title": title, "framework_ref": FRAMEWORK[title], "intro": "", "tasks": []})
        continue
    g = groups[-1]
    key_lead = lead.strip()
    key_coord = coord.strip()
    if key_lead not in CELL or key_coord not in CELL:
        sys.exit(f"unmapped cell in row {number}: {lead!r} / {coord!r}")
    leads = CELL[key_lead]
    coords = [a for a in CELL[key_coord] if a not in leads]
    g["tasks"].append({
        "id": f"t{len(groups)}-{len(g['tasks']) + 1}",
        "title": title.rstrip(" ,;."),
        "lead": leads,
        "coordinating": coords,
        "deadline": {"kind": "year", "year": 2023},
    })

assert len(groups) == 10, len(groups)
assert sum(len(g["tasks"]) for g in groups) == 76

# --- narrative helpers --------------------------------------------------------------------


def md(block_lines):
    """Seed lines → Markdown subset: "a) x" becomes a lettered point (the letters are
    recomputed), "- x" a bullet, anything else a paragraph; page-break splits are joined."""
    out = []
    for l in block_lines:
        t = l.strip()
        if not t:
            continue
        m = re.match(r"^([a-zđ])\)\s*(.*)$", t)
        if m:
            out.append("1. " + m.group(2))
        elif t.startswith("- "):
            out.append("- " + t[2:].strip())
        elif out and out[-1] and t[0].islower():
            out[-1] += " " + t  # sentence cut by a page break
        else:
            out.append(t)
    # Remove blocks pasted twice (the issued plan repeats five bullets of group 2).
    seen, uniq = set(), []
    for b in out:
        key = b if b.startswith("- ") else None
        if key and key in seen:
            continue
        if key:
            seen.add(key)
        uniq.append(b)
    return "\n\n".join(uniq)


def find(text, after=0):
    return next(i + 1 for i, l in enumerate(lines) if i + 1 > after and l.strip() == text)


def sections_between(first, last, pattern=r"^(\d+)\.\s+(.*)$"):
    """Numbered headings "N. Title" between two line numbers → [(title, text)]."""
    out, cur, buf = [], None, []
    for l in L(first, last):
        m = re.match(pattern, l.strip())
        if m and not l.startswith("-"):
            if cur:
                out.append((cur, buf))
            cur, buf = m.group(2).strip(), []
        elif cur is not None:
            buf.append(l)
    if cur:
        out.append((cur, buf))
    return [(t, md(b)) for t, b in out]


# Drop the orphan half-line left by the paste in group 2 ("phát triển đô thị thông minh, …").
lines = [l for l in lines if not l.startswith("phát triển đô thị thông minh, y tế thông minh, giáo dục thông minh, du lịch thông minh.")]

p1_goals = find("I. TÌNH HÌNH THỰC HIỆN MỤC TIÊU ĐẶT RA NĂM 2022")
p1_tasks = find("II. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ NĂM 2022")
p2 = next(i + 1 for i, l in enumerate(lines) if l.startswith("Phần II"))
legal = find("I. CĂN CỨ LẬP KẾ HOẠCH")
goals_at = find("II. MỤC TIÊU")
tasks_at = find("III. NHIỆM VỤ")
sol_at = find("IV. GIẢI PHÁP")
budget_at = find("V. KINH PHÍ THỰC HIỆN")
org_at = find("VI. TỔ CHỨC THỰC HIỆN")
recip_at = find("Nơi nhận:")

area = sections_between(p1_tasks + 1, p2 - 1)
assessment_sections = [{"id": f"a{i + 1}", "title": t, "text": x} for i, (t, x) in enumerate(area) if t != "Kinh phí thực hiện"]
budget_spent = next(x for t, x in area if t == "Kinh phí thực hiện")

# Legal bases: "- Kind số N ngày D của Issuer title;"
KINDS = {"Nghị quyết": "nghi_quyet", "Quyết định": "quyet_dinh", "Chỉ thị": "chi_thi", "Công văn": "cong_van", "Kế hoạch": "ke_hoach"}
ISSUERS = ["Bộ Chính trị", "Chính phủ", "Thủ tướng Chính phủ", "Bộ Thông tin và Truyền thông", "Chủ tịch UBND tỉnh",
           "Ban Thường vụ Tỉnh ủy Quảng Ngãi", "UBND tỉnh Quảng Ngãi", "UBND tỉnh", "Ban Chỉ đạo Chuyển đổi số tỉnh"]


def iso(d):
    dd, mm, yy = d.split("/")
    return f"{int(yy):04d}-{int(mm):02d}-{int(dd):02d}"


def citation(text, idx, prefix):
    t = text.strip().rstrip(";.").strip()
    m = re.match(r"^(Nghị quyết|Quyết định|Chỉ thị|Công văn|Kế hoạch) số (\S+) ngày (\d{1,2}/\d{1,2}/\d{4})\s*(.*)$", t)
    if not m:
        sys.exit(f"cannot parse citation: {t}")
    kind, number, date, rest = m.groups()
    issuer = ""
    if rest.startswith("của "):
        for cand in sorted(ISSUERS, key=len, reverse=True):
            if rest[4:].startswith(cand):
                issuer, rest = cand, rest[4 + len(cand):].strip()
                break
    number = number.replace("CDSQG", "CĐSQG")
    if number == "97/KH-UBND":
        date = date.replace("2002", "2022")  # the issued text says 2002
    if number == "166/KH-UBND":
        date = "17/10/2022"  # as in the legal bases; Phụ lục 1 repeats the date of the row above
    return {"id": f"{prefix}{idx}", "kind": KINDS[kind], "number": number, "date": iso(date), "issuer": issuer, "title": rest}


legal_bases = [citation(l[2:], i + 1, "lb") for i, l in enumerate(x for x in L(legal + 1, goals_at - 1) if x.startswith("- "))]
assert len(legal_bases) == 15, len(legal_bases)

pl1 = find("Phụ lục 1")
pl2 = next(i + 1 for i, l in enumerate(lines) if l.startswith("Phụ lục 2"))
documents = []
for l in L(pl1 + 1, pl2 - 1):
    m = re.match(r"^\d+\.\s+(.*)$", l.strip())
    if m:
        documents.append(citation(m.group(1), len(documents) + 1, "doc"))
assert len(documents) == 19, len(documents)

# Goals: five headings with bullets, plus the quantified indicators they state.
goal_sections = sections_between(goals_at + 1, tasks_at - 1)
PILLARS = ["chinh_quyen_so", "chinh_quyen_so", "kinh_te_so", "xa_hoi_so", "an_toan_thong_tin"]


def ind(i, name, comparator, target, unit="%", denominator=None):
    d = {"id": f"i{i}", "name": name, "unit": unit, "comparator": comparator, "target": str(target),
         "target_date": {"kind": "year", "year": 2023}}
    if denominator:
        d["denominator"] = denominator
    return d


INDICATORS = [
    [
        ind("1-1", "Thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", "equal", 100),
        ind("1-2", "Người dùng điện thoại thông minh trên tổng số người sử dụng điện thoại di động", "above", 70),
        ind("1-3", "Hộ gia đình khu vực phường, thị trấn có thuê bao cáp quang băng rộng", "equal", 60, denominator="hộ gia đình khu vực phường, thị trấn"),
        ind("1-4", "Hộ gia đình khu vực dân cư còn lại có thuê bao cáp quang băng rộng", "equal", 10),
        ind("1-5", "Thủ tục hành chính có kết nối khai thác Cơ sở dữ liệu quốc gia về Dân cư", "equal", 236, unit="thủ tục"),
        ind("1-6", "Văn bản được tạo lập và xử lý trên môi trường mạng (cơ quan cấp tỉnh, cấp huyện)", "equal", 100),
        ind("1-7", "Văn bản được tạo lập và xử lý trên môi trường mạng (cơ quan cấp xã)", "equal", 70),
        ind("1-8", "Văn bản phát hành được ký số (cơ quan cấp tỉnh, cấp huyện)", "at_least", 90),
        ind("1-9", "Văn bản phát hành được ký số (cơ quan cấp xã)", "at_least", 60),
    ],
    [
        ind("2-1", "Người dân, doanh nghiệp hài lòng với dịch vụ của cơ quan nhà nước", "above", 90),
        ind("2-2", "Nền tảng điện toán đám mây được triển khai", "equal", 60),
        ind("2-3", "Xã thiết lập hệ thống bản đồ số, dữ liệu số trong lĩnh vực nông nghiệp", "equal", 5, denominator="số xã"),
        ind("2-4", "Thông tin về nhu cầu tuyển dụng, tìm việc được giao dịch trên Internet", "equal", 50),
        ind("2-5", "Cơ quan nhà nước triển khai công cụ làm việc, cộng tác trên môi trường số", "equal", 20),
        ind("2-6", "Cơ quan nhà nước cấp tỉnh, huyện triển khai công cụ báo cáo tự động", "equal", 100),
    ],
    [
        ind("3-1", "Doanh nghiệp nộp thuế điện tử", "equal", 100),
        ind("3-2", "Mức độ sử dụng hợp đồng điện tử", "above", 5),
        ind("3-3", "Doanh nghiệp nhỏ và vừa sử dụng nền tảng số", "equal", 20),
        ind("3-4", "Doanh nghiệp nhỏ và vừa tham gia chương trình SMEdx", "equal", 10),
        ind("3-5", "Mức tăng tỷ trọng kinh tế số trong GRDP so với năm 2022", "equal", 5),
    ],
    [
        ind("4-1", "Dân số từ 15 tuổi trở lên có tài khoản giao dịch thanh toán", "equal", 60),
        ind("4-2", "Hộ gia đình có địa chỉ số", "equal", 100),
        ind("4-3", "Người dân có hồ sơ sức khỏe điện tử", "equal", 70),
        ind("4-4", "Dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân", "above", 10),
        ind("4-5", "Cơ sở giáo dục phổ thông hoàn thiện mô hình quản trị số, hoạt động số, kho học liệu số mở", "equal", 50),
    ],
    [
        ind("5-1", "Hệ thống thông tin được xác định cấp độ và triển khai phương án bảo đảm an toàn thông tin theo cấp độ", "equal", 100),
        ind("5-2", "Thiết bị đầu cuối được cài đặt giải pháp bảo vệ", "at_least", 20),
        ind("5-3", "Cán bộ, công chức, viên chức được tuyên truyền, phổ biến kỹ năng bảo đảm an toàn thông tin", "equal", 100),
    ],
]
goals = [{"id": f"goal{i + 1}", "pillar": PILLARS[i], "title": t, "text": x, "indicators": INDICATORS[i]}
         for i, (t, x) in enumerate(goal_sections)]
assert len(goals) == 5

# Task groups: the body text of section III becomes each group's intro.
for (t, x), g in zip(sections_between(tasks_at + 1, sol_at - 1), groups):
    assert t == g["title"], (t, g["title"])
    g["intro"] = x

solutions = [{"id": f"s{i + 1}", "title": t, "text": x} for i, (t, x) in enumerate(sections_between(sol_at + 1, budget_at - 1))]

duty_agencies = {
    "Các sở, ban, ngành và UBND các huyện, thị xã, thành phố": ["cac-so-nganh", "ubnd-huyen"],
    "Sở Thông tin và Truyền thông": ["so-tttt"], "Sở Nội vụ": ["so-nv"], "Văn phòng UBND tỉnh": ["vp-ubnd"],
    "Sở Tài chính": ["so-tc"], "Sở Kế hoạch và Đầu tư": ["so-khdt"], "Sở Khoa học và Công nghệ": ["so-khcn"],
}
org_lines = L(org_at + 1, recip_at - 1)
closing_idx = next(i for i, l in enumerate(org_lines) if l.startswith("Trong quá trình tổ chức thực hiện"))
closing = org_lines[closing_idx].strip()
closing = closing[:-3] + "." if closing.endswith("./.") else closing  # "./." is added by the exporter
duties = [{"id": f"d{i + 1}", "heading": t, "agencies": duty_agencies[t], "text": x, "generated": False}
          for i, (t, x) in enumerate(sections_between(org_at + 1, org_at + closing_idx))]

recipients = []
for l in L(recip_at + 1, recip_at + 12):
    t = l.strip()
    if t.startswith("- ") and not t.startswith("- Lưu"):
        recipients.append(t[2:].rstrip(";"))

goals_review = md(L(p1_goals + 1, p1_tasks - 1))

plan = {
    "identity": {
        "province": "Quảng Ngãi",
        "year": 2023,
        "kind": "ke_hoach",
        "title": "Chuyển đổi số tỉnh Quảng Ngãi năm 2023",
        "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "header_lines": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"],
        "number": "189",
        "symbol": "KH-UBND",
        "place": "Quảng Ngãi",
        "issue_date": "2022-12-09",
        "status": "final",
        # The seed's signature block lost its title lines; the name is the seed's.
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy_line": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Đặng Văn Minh"},
        "recipients": recipients,
        "archive_unit": "KGVX",
        "drafting_agency": "so-tttt",
        "opening": "Thực hiện hướng dẫn của Bộ Thông tin và Truyền thông tại Công văn số 5406/BTTTT-CĐSQG ngày 03/11/2022, Ủy ban nhân dân tỉnh ban hành Kế hoạch Chuyển đổi số tỉnh Quảng Ngãi năm 2023, như sau:",
        "guidance": [{"id": "khung-2390", "version": "2020.1"}],
    },
    "directory": [dict(id=a, name=n, kind=k, **({"short": s} if s else {})) for a, n, s, k in AGENCIES],
    "legal_bases": legal_bases,
    "assessment": {
        "goals_review": goals_review,
        "sections": assessment_sections,
        "budget_spent": budget_spent,
        "indicators": [
            {"id": "r1", "indicator": ind("r1", "Thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến mức độ 4", "equal", 100), "actual": "100", "achieved": True, "note": ""},
            {"id": "r2", "indicator": ind("r2", "Hồ sơ được đăng ký và xử lý trực tuyến", "above", 30), "achieved": True, "note": "Đạt tỷ lệ trên 30%."},
            {"id": "r3", "indicator": ind("r3", "Người dân, doanh nghiệp hài lòng với dịch vụ của cơ quan nhà nước", "above", 90), "achieved": True, "note": ""},
            {"id": "r4", "indicator": ind("r4", "Dân số trưởng thành có điện thoại thông minh", "equal", 80), "actual": "60", "achieved": False, "note": "Khoảng 60% dân số trưởng thành có điện thoại thông minh."},
            {"id": "r5", "indicator": ind("r5", "Hộ gia đình có kết nối Internet băng rộng", "equal", 75), "actual": "75", "achieved": True, "note": ""},
        ],
        "tasks": [],
        "documents": documents,
    },
    "vision": "",
    "general_goal": "",
    "specific_goals": goals,
    "groups": groups,
    "solutions": solutions,
    "budget": {
        "narrative": "- Nguồn chi đầu tư phát triển: thực hiện theo kế hoạch đầu tư công trung hạn và hằng năm.",
        "unallocated": [
            {"amount": "106247.5", "source": "thuong_xuyen", "level": "tinh", "note": "Dự kiến bố trí, ngân sách cấp tỉnh"},
            {"amount": "26650", "source": "thuong_xuyen", "level": "huyen", "note": "Dự kiến bố trí, ngân sách cấp huyện"},
        ],
    },
    "organisation": {"duties": duties, "closing": closing},
}

envelope = {"format": "dxplan-plan", "schema_version": 1, "exported_at": None, "plan": plan}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(envelope, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"{OUT}: {len(groups)} groups, {sum(len(g['tasks']) for g in groups)} tasks, {len(legal_bases)} legal bases, {len(documents)} documents")
