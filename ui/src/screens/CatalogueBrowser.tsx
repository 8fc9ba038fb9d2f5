// The catalogues the app ships (and newer ones from the user's folder), read-only.
import { useState } from "react";
import { api, messageOf } from "../api";
import type { Catalogue } from "../bindings/Catalogue";
import type { Catalogues } from "../bindings/Catalogues";
import type { LibraryDocument } from "../bindings/LibraryDocument";
import { AGENCY_KINDS, COMPARATORS, DOC_TYPES, PILLARS } from "../labels";
import { matches } from "../text";
import { showDate } from "../widgets/DateInput";
import { deadlineCell } from "../widgets/DeadlineInput";

type Row = { key: string; cells: string[] };

function rowsOf(c: Catalogue): { head: string[]; rows: Row[] } {
  const b = c.body;
  switch (b.kind) {
    case "framework":
      return { head: ["Mục", "Nội dung", "Hướng dẫn"], rows: b.items.map((s) => ({ key: s.code, cells: [s.code, s.title, s.guidance] })) };
    case "national_tasks":
      return {
        head: ["Mã", "Nhiệm vụ", "Thời hạn", "Đầu mối"],
        rows: b.items.tasks.map((t) => ({ key: t.code, cells: [t.code, t.title, deadlineCell(t.deadline), t.focal_unit] })),
      };
    case "legal_bases":
      return {
        head: ["Loại", "Số", "Ngày", "Trích yếu", "Hiệu lực"],
        rows: b.items.map((d) => ({ key: d.id, cells: [DOC_TYPES[d.kind], d.number ?? "", showDate(d.date), d.title, validity(d)] })),
      };
    case "indicators":
      return {
        head: ["Chỉ tiêu", "Trụ cột", "So sánh", "Chỉ tiêu gợi ý", "Nguồn"],
        rows: b.items.map((i) => ({ key: i.id, cells: [i.name, PILLARS[i.pillar], COMPARATORS[i.comparator], `${i.target ?? ""} ${i.unit}`, i.source] })),
      };
    case "platforms":
      return { head: ["STT", "Nền tảng", "Nhóm", "Chủ quản", "Đầu mối"], rows: b.items.map((p) => ({ key: String(p.number), cells: [String(p.number), p.name, p.group, p.owner, p.focal_unit] })) };
    case "agencies":
      return {
        head: ["Cơ quan", "Viết tắt", "Loại", "Thời gian"],
        rows: b.items.map((a) => ({
          key: a.id,
          cells: [a.name, a.short ?? "", AGENCY_KINDS[a.kind], a.until_year ? `đến kế hoạch năm ${a.until_year}` : ""],
        })),
      };
    case "provinces":
      return {
        head: ["Tỉnh, thành phố", "Kế hoạch các năm", "Sáp nhập vào", "Đặc khu"],
        rows: b.items.map((p) => ({
          key: p.name,
          cells: [
            `${p.city ? "Thành phố" : "Tỉnh"} ${p.name}`,
            p.from_year && p.until_year ? `${p.from_year}–${p.until_year}` : p.from_year ? `từ ${p.from_year}` : p.until_year ? `đến ${p.until_year}` : "mọi năm",
            p.merged_into ?? "",
            p.special_zones.join(", "),
          ],
        })),
      };
    case "budget_guidance":
      return {
        head: ["Kế hoạch các năm", "Tỷ lệ tối thiểu", "Hướng dẫn", "Nguồn"],
        rows: b.items.map((r) => ({
          key: `${r.from_year}-${r.until_year}`,
          cells: [
            r.from_year && r.until_year ? `${r.from_year}–${r.until_year}` : r.from_year ? `từ ${r.from_year}` : `đến ${r.until_year}`,
            `${r.share}%`,
            r.text,
            r.source,
          ],
        })),
      };
  }
}

/** "Hiệu lực từ 01/07/2026", "Thay thế từ 01/07/2026", "Hết hiệu lực". */
function validity(d: LibraryDocument): string {
  if (d.superseded_from) return `Được thay thế từ ${showDate(d.superseded_from)}`;
  if (!d.in_force) return "Hết hiệu lực";
  if (d.in_force_from) return `Hiệu lực từ ${showDate(d.in_force_from)}`;
  return "Còn hiệu lực";
}

type Props = {
  catalogues: Catalogues | null;
  /** The catalogues after the planner imported one. */
  onChange: (c: Catalogues) => void;
  notify: (message: string, kind?: "error" | "info") => void;
};

export function CatalogueBrowser({ catalogues, onChange, notify }: Props) {
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState("");
  if (!catalogues) return <p className="muted">Đang tải danh mục…</p>;
  async function importOne() {
    try {
      const fresh = await api.importCatalogue();
      if (fresh) {
        onChange(fresh);
        notify("Đã nhập danh mục; danh mục mới được dùng từ bây giờ.", "info");
      }
    } catch (e) {
      notify(messageOf(e), "error");
    }
  }
  async function saveExample() {
    try {
      const path = await api.saveCatalogueExample();
      if (path) notify(`Đã lưu tệp mẫu: ${path}`, "info");
    } catch (e) {
      notify(messageOf(e), "error");
    }
  }
  const c = catalogues.active[active];
  const { head, rows } = rowsOf(c);
  const shown = rows.filter((r) => matches(query, ...r.cells));
  return (
    <div className="screen catalogues">
      <div className="row">
        <p className="muted grow">
          Khi Bộ Khoa học và Công nghệ ban hành danh mục nhiệm vụ của năm mới, điền tệp mẫu rồi nhập vào đây; danh mục
          được kiểm tra trước khi nhận.
        </p>
        <button onClick={saveExample}>Lưu tệp mẫu…</button>
        <button onClick={importOne}>Nhập danh mục…</button>
      </div>
      <nav className="tabs" aria-label="Danh mục">
        {catalogues.active.map((x, i) => (
          <button key={x.meta.id} className={i === active ? "active" : ""} onClick={() => setActive(i)}>
            {x.meta.title}
          </button>
        ))}
      </nav>
      <div className="section-head">
        <h2>{c.meta.title}</h2>
        <span className="muted">
          phiên bản {c.meta.version} · áp dụng từ {c.meta.effective_year} · {c.meta.source}
        </span>
        <input aria-label="Tìm trong danh mục" placeholder="Tìm…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted">
          {shown.length}/{rows.length}
        </span>
      </div>
      <div className="scroll">
        <table className="grid">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key}>
                {r.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
