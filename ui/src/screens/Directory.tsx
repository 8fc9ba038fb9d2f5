// The plan's agency directory: every lead and coordinating agency is chosen from here, so a
// name is written once and the same everywhere in the documents.
import { useState } from "react";
import type { Agency } from "../bindings/Agency";
import type { PlanView } from "../bindings/PlanView";
import { AGENCY_KINDS, options } from "../labels";
import { edit, newAgency } from "../edits";
import { matches } from "../text";
import type { PlanApi } from "../usePlan";
import { TextInput } from "../widgets/Fields";

export function Directory({ view, plan }: { view: PlanView; plan: PlanApi }) {
  const [query, setQuery] = useState("");
  const uses = new Map<string, number>();
  for (const g of view.plan.groups)
    for (const t of g.tasks) for (const id of [...t.lead, ...t.coordinating]) uses.set(id, (uses.get(id) ?? 0) + 1);
  const list = view.plan.directory.filter((a) => matches(query, a.name, a.short));
  const upsert = (agency: Agency) => plan.apply(edit.agency(agency));
  const problems = view.findings.filter((f) => f.location.section === "directory");
  return (
    <div className="screen directory">
      <div className="section-head">
        <h2>Danh bạ cơ quan của kế hoạch</h2>
        <input aria-label="Tìm cơ quan" placeholder="Tìm (không cần dấu): so y te" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button className="primary" onClick={() => upsert(newAgency("Cơ quan mới", null))}>
          + Thêm cơ quan
        </button>
        <span className="muted">{view.plan.directory.length} cơ quan</span>
      </div>
      {problems.length > 0 && (
        <ul className="inline-findings">
          {problems.map((f, i) => (
            <li key={i} className={f.severity}>
              {f.location.label}: {f.message}
            </li>
          ))}
        </ul>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>Tên đầy đủ</th>
            <th>Tên viết tắt</th>
            <th>Loại</th>
            <th>Số nhiệm vụ</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <td>
                <TextInput label={`Tên ${a.name}`} hideLabel value={a.name} onCommit={(name) => upsert({ ...a, name })} />
              </td>
              <td>
                <TextInput label={`Viết tắt ${a.name}`} hideLabel value={a.short ?? ""} onCommit={(s) => upsert({ ...a, short: s.trim() || null })} />
              </td>
              <td>
                <select aria-label={`Loại ${a.name}`} value={a.kind} onChange={(e) => upsert({ ...a, kind: e.target.value as Agency["kind"] })}>
                  {options(AGENCY_KINDS)}
                </select>
              </td>
              <td className="num">{uses.get(a.id) ?? 0}</td>
              <td>
                <button className="danger" onClick={() => plan.apply(edit.removeAgency(a.id))}>
                  Xóa
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
