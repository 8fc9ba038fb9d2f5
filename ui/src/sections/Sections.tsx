// The editors of the plan's other sections. Each sends whole, typed edits to the core; all
// numbering, totals and checks come back in the view.
import { useState } from "react";
import type { Duty } from "../bindings/Duty";
import type { Goal } from "../bindings/Goal";
import type { Identity } from "../bindings/Identity";
import type { Indicator } from "../bindings/Indicator";
import type { LegalBasis } from "../bindings/LegalBasis";
import {
  archiveUnit,
  edit,
  indicatorFromCatalogue,
  legalBasisFromLibrary,
  listEdit,
  newGoal,
  newIndicator,
  newLegalBasis,
  patchAt,
} from "../edits";
import { COMPARATORS, DOC_TYPES, PILLARS, options } from "../labels";
import { AgencyPicker } from "../widgets/AgencyPicker";
import { DateInput } from "../widgets/DateInput";
import { DeadlineInput } from "../widgets/DeadlineInput";
import { NumberInput, TextArea, TextInput } from "../widgets/Fields";
import { BudgetLines } from "./Tasks";

import { ListControls, Narratives, setText, type Props } from "./common";

export function IdentityEditor({ view, plan }: Props) {
  const id = view.plan.identity;
  const set = (patch: Partial<Identity>) => plan.apply((v) => edit.identity(v.plan, patch));
  const signer = (patch: Partial<Identity["signer"]>) => set({ signer: { ...id.signer, ...patch } });
  return (
    <div className="form">
      <h2>Thông tin văn bản</h2>
      <div className="row wrap">
        <TextInput label="Tỉnh" value={id.province} onCommit={(province) => set({ province })} />
        <TextInput label="Năm kế hoạch" className="narrow" value={String(id.year)} onCommit={(y) => /^\d{4}$/.test(y) && set({ year: Number(y) })} />
        <label className="field narrow">
          <span>Trạng thái</span>
          <select value={id.status} onChange={(e) => set({ status: e.target.value as Identity["status"] })}>
            <option value="draft">Dự thảo</option>
            <option value="final">Chính thức</option>
          </select>
        </label>
      </div>
      <TextInput label="Trích yếu" className="wide" value={id.title} onCommit={(title) => set({ title })} />
      <TextInput label="Cơ quan ban hành" className="wide" value={id.issuer} onCommit={(issuer) => set({ issuer })} />
      <div className="row wrap">
        <TextInput label="Số" className="narrow" placeholder="để trống khi dự thảo" value={id.number ?? ""} onCommit={(n) => set({ number: n.trim() || null })} />
        <TextInput label="Ký hiệu" className="narrow" value={id.symbol} onCommit={(symbol) => set({ symbol })} />
        <TextInput label="Địa danh" value={id.place} onCommit={(place) => set({ place })} />
        <DateInput label="Ngày ban hành" value={id.issue_date} onChange={(issue_date) => set({ issue_date })} />
      </div>
      <TextArea
        label="Dòng tiêu đề bên trái (mỗi dòng một hàng)"
        rows={2}
        value={id.header_lines.join("\n")}
        onCommit={(t) => set({ header_lines: t.split("\n").map((s) => s.trim()).filter(Boolean) })}
      />
      <label className="field wide">
        <span>Cơ quan soạn thảo (tham mưu)</span>
        <AgencyPicker
          label="Cơ quan soạn thảo"
          agencies={view.plan.directory}
          value={id.drafting_agency ? [id.drafting_agency] : []}
          onChange={(ids) => set({ drafting_agency: ids[0] ?? null })}
        />
      </label>
      <h3>Người ký</h3>
      <div className="row wrap">
        <TextInput label="Thẩm quyền" value={id.signer.authority} onCommit={(authority) => signer({ authority })} />
        <TextInput label="Ký thay" value={id.signer.deputy_line ?? ""} onCommit={(d) => signer({ deputy_line: d.trim() || null })} />
        <TextInput label="Chức vụ" value={id.signer.title} onCommit={(title) => signer({ title })} />
        <TextInput label="Họ và tên" value={id.signer.name} onCommit={(name) => signer({ name })} />
      </div>
      <TextArea
        label="Nơi nhận (mỗi dòng một nơi)"
        rows={5}
        value={id.recipients.join("\n")}
        onCommit={(t) => set({ recipients: t.split("\n").map((s) => s.trim()).filter(Boolean) })}
      />
      <TextInput
        label="Lưu: VT, … (đơn vị soạn thảo)"
        placeholder="KGVX"
        value={id.archive_unit}
        onCommit={(typed) => set({ archive_unit: archiveUnit(typed) })}
      />
      <TextArea label="Đoạn mở đầu" value={id.opening} onCommit={setText(plan, "opening")} />
      <h3>Quyết định ban hành kế hoạch</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={id.decision !== null}
          onChange={(e) =>
            set({ decision: e.target.checked ? { number: null, symbol: "QĐ-UBND", issue_date: null, proposal: "" } : null })
          }
        />
        Kế hoạch được ban hành kèm theo một quyết định
      </label>
      {id.decision && (
        <div className="row wrap">
          <TextInput label="Số quyết định" className="narrow" value={id.decision.number ?? ""} onCommit={(n) => set({ decision: { ...id.decision!, number: n.trim() || null } })} />
          <TextInput label="Ký hiệu" className="narrow" value={id.decision.symbol} onCommit={(symbol) => set({ decision: { ...id.decision!, symbol } })} />
          <DateInput label="Ngày quyết định" value={id.decision.issue_date} onChange={(issue_date) => set({ decision: { ...id.decision!, issue_date } })} />
          <TextInput
            label="Tờ trình (số, ký hiệu, ngày; không ghi tên cơ quan)"
            className="grow"
            placeholder="Tờ trình số 123/TTr-SKHCN ngày 01/12/2026"
            value={id.decision.proposal}
            onCommit={(proposal) => set({ decision: { ...id.decision!, proposal } })}
          />
        </div>
      )}
    </div>
  );
}

/** Up, down and remove for the items of a list edited as a whole. */
export function LegalBasesEditor({ view, plan, catalogues }: Props) {
  const list = view.plan.legal_bases;
  const save = (legal_bases: LegalBasis[]) => plan.apply(listEdit((p) => p.legal_bases, list, legal_bases, edit.legalBases));
  const library = catalogues?.active.find((c) => c.body.kind === "legal_bases");
  const docs = library && library.body.kind === "legal_bases" ? library.body.items : [];
  const cited = new Set(list.map((b) => b.library_ref));
  const set = (i: number, patch: Partial<LegalBasis>) => save(patchAt(list, i, patch));
  return (
    <div className="form">
      <div className="section-head">
        <h2>Căn cứ pháp lý</h2>
        <select
          aria-label="Thêm căn cứ từ thư viện"
          value=""
          onChange={(e) => {
            const d = docs.find((x) => x.id === e.target.value);
            if (d) save([...list, legalBasisFromLibrary(d)]);
          }}
        >
          <option value="">+ Thêm từ thư viện căn cứ…</option>
          {docs
            .filter((d) => d.in_force && !cited.has(d.id))
            .map((d) => (
              <option key={d.id} value={d.id}>
                {DOC_TYPES[d.kind]} {d.number ?? ""} — {d.title.slice(0, 90)}
              </option>
            ))}
        </select>
        <button onClick={() => save([...list, newLegalBasis()])}>
          + Nhập căn cứ khác
        </button>
      </div>
      {list.map((b, i) => (
        <div className="card item" key={b.id}>
          <div className="row wrap">
            <span className="number">{i + 1}.</span>
            <label className="field narrow">
              <span>Loại</span>
              <select value={b.kind} onChange={(e) => set(i, { kind: e.target.value as LegalBasis["kind"] })}>
                {options(DOC_TYPES)}
              </select>
            </label>
            <TextInput label="Số, ký hiệu" className="narrow" value={b.number ?? ""} onCommit={(n) => set(i, { number: n.trim() || null })} />
            <DateInput label="Ngày" value={b.date} onChange={(date) => set(i, { date })} />
            <TextInput label="Cơ quan ban hành" className="grow" value={b.issuer} onCommit={(issuer) => set(i, { issuer })} />
            <ListControls list={list} i={i} onChange={save} />
          </div>
          <TextInput label="Trích yếu" className="wide" value={b.title} onCommit={(title) => set(i, { title })} />
          {b.library_ref && <small className="muted">Từ thư viện căn cứ: được kiểm tra hiệu lực theo năm kế hoạch</small>}
        </div>
      ))}
    </div>
  );
}

export function GoalsEditor({ view, plan, catalogues }: Props) {
  const goals = view.plan.specific_goals;
  const year = view.plan.identity.year;
  const save = (g: Goal[]) => plan.apply(listEdit((p) => p.specific_goals, goals, g, edit.goals));
  const setGoal = (i: number, patch: Partial<Goal>) => save(patchAt(goals, i, patch));
  // Every indicator catalogue in effect by the plan's year, newest first (2026's national
  // targets before the older definitions).
  const catalogue = (catalogues?.active ?? [])
    .filter((c) => c.meta.effective_year <= year)
    .sort((a, b) => b.meta.effective_year - a.meta.effective_year)
    .flatMap((c) => (c.body.kind === "indicators" ? c.body.items : []));
  return (
    <div className="form">
      <h2>Quan điểm, mục tiêu</h2>
      <TextArea label="Tầm nhìn, quan điểm" value={view.plan.vision} onCommit={setText(plan, "vision")} />
      <TextArea label="Mục tiêu chung" value={view.plan.general_goal} onCommit={setText(plan, "general_goal")} />
      <div className="section-head">
        <h3>Mục tiêu cụ thể và chỉ tiêu</h3>
        <button onClick={() => save([...goals, newGoal()])}>
          + Thêm mục tiêu
        </button>
      </div>
      {goals.map((g, gi) => {
        const setInd = (ii: number, patch: Partial<Indicator>) =>
          setGoal(gi, { indicators: patchAt(g.indicators, ii, patch) });
        return (
          <div className="card item" key={g.id}>
            <div className="row">
              <span className="number">{gi + 1}.</span>
              <select aria-label="Trụ cột" value={g.pillar} onChange={(e) => setGoal(gi, { pillar: e.target.value as Goal["pillar"] })}>
                {options(PILLARS)}
              </select>
              <TextInput label="Tên mục tiêu" hideLabel className="grow" value={g.title} onCommit={(title) => setGoal(gi, { title })} />
              <ListControls list={goals} i={gi} onChange={save} />
            </div>
            <TextArea label="Nội dung mục tiêu" hideLabel rows={2} value={g.text} onCommit={(text) => setGoal(gi, { text })} />
            <table className="grid indicators">
              <thead>
                <tr>
                  <th>Chỉ tiêu</th>
                  <th>So sánh</th>
                  <th>Chỉ tiêu đạt</th>
                  <th>Đơn vị</th>
                  <th>Thời hạn</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {g.indicators.map((ind, ii) => (
                  <tr key={ind.id} data-loc={`indicator-${ind.id}`}>
                    <td>
                      <TextInput label="Tên chỉ tiêu" hideLabel value={ind.name} onCommit={(name) => setInd(ii, { name })} />
                    </td>
                    <td>
                      <select aria-label="So sánh" value={ind.comparator} onChange={(e) => setInd(ii, { comparator: e.target.value as Indicator["comparator"] })}>
                        {options(COMPARATORS)}
                      </select>
                    </td>
                    <td className="target">
                      <NumberInput label="Giá trị cần đạt" value={ind.target} onCommit={(target) => setInd(ii, { target })} />
                      {ind.comparator === "range" && (
                        <NumberInput label="Đến" value={ind.target_max} onCommit={(target_max) => setInd(ii, { target_max })} />
                      )}
                    </td>
                    <td>
                      <TextInput label="Đơn vị" hideLabel value={ind.unit} onCommit={(unit) => setInd(ii, { unit })} />
                    </td>
                    <td>
                      <DeadlineInput label="Thời hạn chỉ tiêu" value={ind.target_date} planYear={year} onChange={(target_date) => setInd(ii, { target_date })} />
                    </td>
                    <td>
                      <ListControls list={g.indicators} i={ii} onChange={(indicators) => setGoal(gi, { indicators })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="row">
              <button onClick={() => setGoal(gi, { indicators: [...g.indicators, newIndicator(year)] })}>+ Chỉ tiêu mới</button>
              <select
                aria-label="Thêm chỉ tiêu từ danh mục"
                value=""
                onChange={(e) => {
                  const c = catalogue.find((x) => x.id === e.target.value);
                  if (!c) return;
                  setGoal(gi, { indicators: [...g.indicators, indicatorFromCatalogue(c, year)] });
                }}
              >
                <option value="">+ Thêm chỉ tiêu từ danh mục…</option>
                {catalogue
                  .filter((c) => c.pillar === g.pillar || g.pillar === "khac")
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function SolutionsEditor({ view, plan }: Props) {
  return (
    <div className="form">
      <h2>Giải pháp</h2>
      <Narratives titleLabel="Tên giải pháp" list={view.plan.solutions} onChange={(solutions) => plan.apply(listEdit((p) => p.solutions, view.plan.solutions, solutions, edit.solutions))} />
    </div>
  );
}

export function BudgetEditor({ view, plan, catalogues }: Props) {
  const b = view.budget;
  const year = view.plan.identity.year;
  const guidance = catalogues?.active.find((c) => c.body.kind === "budget_guidance");
  const rule =
    guidance && guidance.body.kind === "budget_guidance"
      ? guidance.body.items.find((r) => (r.from_year === null || year >= r.from_year) && (r.until_year === null || year <= r.until_year))
      : undefined;
  const rows = (title: string, list: { label: string; amount: string }[]) => (
    <table className="grid money" aria-label={title}>
      <thead>
        <tr>
          <th>{title}</th>
          <th>Triệu đồng</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            <td className="num">{r.amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="form">
      <h2>Kinh phí</h2>
      {rule && (
        <p className="notice warn" role="note">
          Hướng dẫn cho kế hoạch năm {year}: {rule.text} <span className="muted">({rule.source})</span>
        </p>
      )}
      <p className="total">
        Tổng kinh phí: <b data-testid="budget-total">{b.total}</b> triệu đồng <span className="muted">(tính từ các dòng kinh phí, không nhập tay)</span>
      </p>
      <div className="row top wrap">
        {rows("Theo nguồn", b.by_source)}
        {rows("Theo cấp ngân sách", b.by_level)}
        {rows("Theo nhóm nhiệm vụ", b.by_group)}
      </div>
      <h3>Kinh phí chưa phân bổ cho nhiệm vụ ({b.unallocated} triệu đồng)</h3>
      <BudgetLines
        lines={view.plan.budget.unallocated}
        levels={view.budget_levels}
        onChange={(lines) => plan.apply(edit.unallocated(lines))}
      />
      <TextArea label="Thuyết minh kinh phí" value={view.plan.budget.narrative} onCommit={setText(plan, "budget_narrative")} />
    </div>
  );
}

/** The earlier duty that names an agency this one names too (after the 2025 reform, Sở
 * TT&TT's and Sở KH&CN's duties both fall to Sở KH&CN), or null. */
function sharedWith(duties: Duty[], i: number): number | null {
  const mine = duties[i].agencies;
  if (mine.length === 0) return null;
  const j = duties.slice(0, i).findIndex((d) => d.agencies.some((a) => mine.includes(a)));
  return j < 0 ? null : j;
}

/** Duty `i` folded into the earlier one it shares an agency with: its text after that one's,
 * its agencies added, the duty itself gone. */
function mergeDuty(duties: Duty[], i: number): Duty[] {
  const j = sharedWith(duties, i);
  if (j === null) return duties;
  const [into, from] = [duties[j], duties[i]];
  const merged: Duty = {
    ...into,
    agencies: [...into.agencies, ...from.agencies.filter((a) => !into.agencies.includes(a))],
    text: [into.text.trim(), from.text.trim()].filter(Boolean).join("\n"),
    generated: false,
  };
  return duties.flatMap((d, k) => (k === j ? [merged] : k === i ? [] : [d]));
}

export function OrganisationEditor({ view, plan }: Props) {
  const duties = view.plan.organisation.duties;
  const save = (d: typeof duties) => plan.apply(listEdit((p) => p.organisation.duties, duties, d, edit.duties));
  return (
    <div className="form">
      <div className="section-head">
        <h2>Tổ chức thực hiện</h2>
        <button onClick={() => plan.apply(edit.regenerateDuties())}>Tạo lại từ phân công nhiệm vụ</button>
      </div>
      {duties.map((d, i) => {
        const into = sharedWith(duties, i);
        return (
          <div className="card item" key={d.id}>
            <div className="row">
              <span className="number">{i + 1}.</span>
              <TextInput label="Cơ quan" hideLabel className="grow" value={d.heading} onCommit={(heading) => save(patchAt(duties, i, { heading }))} />
              {d.generated && <span className="badge">tự động</span>}
              {into !== null && (
                <button
                  data-testid="duty-merge"
                  title="Hai mục cùng giao cho một cơ quan: gộp nội dung mục này vào mục trên"
                  onClick={() =>
                    plan.apply((v) => {
                      const now = v.plan.organisation.duties;
                      const at = now.findIndex((x) => x.id === d.id);
                      return edit.duties(at < 0 ? now : mergeDuty(now, at));
                    })
                  }
                >
                  Gộp vào mục {into + 1}
                </button>
              )}
              <ListControls list={duties} i={i} onChange={save} />
            </div>
            <TextArea
              label={`Nhiệm vụ của ${d.heading}`}
              hideLabel
              rows={3}
              value={d.text}
              onCommit={(text) => save(patchAt(duties, i, { text, generated: false }))}
            />
          </div>
        );
      })}
      <TextArea label="Đoạn kết" value={view.plan.organisation.closing} onCommit={setText(plan, "organisation_closing")} />
    </div>
  );
}

export function AppendicesInfo({ view, onPreview }: Props & { onPreview: () => void }) {
  const p = view.plan;
  const [open] = useState(true);
  return (
    <div className="form">
      <h2>Phụ lục</h2>
      <p>Các phụ lục được lập tự động từ nội dung kế hoạch và đánh số theo thứ tự xuất hiện:</p>
      {open && (
        <ul className="appendices">
          {p.assessment.documents.length > 0 && <li>Danh mục văn bản đã ban hành năm {p.identity.year - 1}: {p.assessment.documents.length} văn bản</li>}
          <li>Danh mục nhiệm vụ: {view.tasks.length} nhiệm vụ trong {p.groups.length} nhóm, tổng kinh phí {view.budget.total} triệu đồng</li>
          {p.specific_goals.some((g) => g.indicators.length) && (
            <li>Chỉ tiêu: {p.specific_goals.reduce((n, g) => n + g.indicators.length, 0)} chỉ tiêu</li>
          )}
        </ul>
      )}
      <button onClick={onPreview}>Xem trước văn bản</button>
    </div>
  );
}
