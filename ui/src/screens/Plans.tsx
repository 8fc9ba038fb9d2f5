// The list of plans in this database, and how a new one starts.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { Catalogues } from "../bindings/Catalogues";
import type { Importing } from "../bindings/Importing";
import type { PlanSummary } from "../bindings/PlanSummary";
import type { PlanView } from "../bindings/PlanView";
import type { Started } from "../bindings/Started";
import { Confirm } from "../widgets/Confirm";

type Props = {
  catalogues: Catalogues | null;
  onOpen: (view: PlanView) => void;
  notify: (message: string, kind?: "error" | "info") => void;
  /** A plan was deleted (the window closes it if it is open). */
  onDeleted: (id: string) => void;
};

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** The provinces and cities that exist in a plan year (34 from 2026, 63 before), by name. */
export function provincesOf(catalogues: Catalogues | null, year: number): string[] {
  const c = catalogues?.active.find((x) => x.body.kind === "provinces");
  if (!c || c.body.kind !== "provinces") return [];
  return c.body.items
    .filter((p) => (p.from_year === null || year >= p.from_year) && (p.until_year === null || year <= p.until_year))
    .map((p) => p.name)
    .sort((a, b) => a.localeCompare(b, "vi"));
}

export function Plans({ catalogues, onOpen, notify, onDeleted }: Props) {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [province, setProvince] = useState("");
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [toDelete, setToDelete] = useState<PlanSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [review, setReview] = useState<Started | null>(null);
  const known = provincesOf(catalogues, Number(year));
  const yearOk = /^\d{4}$/.test(year.trim());
  // Next year's plan asked for a year that already has one: open it, or make another draft.
  const [exists, setExists] = useState<{ source: PlanSummary; existing: PlanSummary } | null>(null);
  // An import refused because too little of the file could be read: a partial draft may follow.
  const [refused, setRefused] = useState<{ path: string; message: string } | null>(null);

  const reload = () => api.listPlans().then(setPlans, (e) => notify(messageOf(e), "error"));
  useEffect(() => {
    reload();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function run<T>(work: () => Promise<T>, then: (t: T) => void) {
    setBusy(true);
    try {
      then(await work());
    } catch (e) {
      notify(messageOf(e), "error");
    } finally {
      setBusy(false);
    }
  }

  function imported(r: Importing | null) {
    setRefused(null);
    if (r?.kind === "refused") setRefused(r);
    else if (r) setReview(r);
  }

  function rollover(source: PlanSummary, another: boolean) {
    setExists(null);
    run(
      () => api.rolloverPlan(source.id, another),
      (r) => {
        if (r.kind === "exists") setExists({ source, existing: r.existing });
        else {
          setReview(r.started);
          reload();
        }
      },
    );
  }

  return (
    <div className="screen plans">
      <section className="card">
        <h2>Tạo kế hoạch mới</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!yearOk || !province.trim()) return;
            run(() => api.createPlan({ from: "blank", province, year: Number(year.trim()) }), onOpen);
          }}
        >
          <label className="field">
            <span>Tỉnh, thành phố</span>
            <input
              value={province}
              list="provinces"
              onChange={(e) => setProvince(e.target.value)}
              placeholder="Ví dụ: Đắk Lắk"
              aria-invalid={province.trim() !== "" && known.length > 0 && !known.includes(province.trim())}
            />
            <datalist id="provinces">
              {known.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
            {province.trim() !== "" && known.length > 0 && !known.includes(province.trim()) && (
              <small className="hint error">Không có trong danh mục {known.length} tỉnh, thành phố của năm {year}.</small>
            )}
          </label>
          <label className="field narrow">
            <span>Năm kế hoạch</span>
            <input value={year} inputMode="numeric" aria-invalid={!yearOk} onChange={(e) => setYear(e.target.value)} />
            {!yearOk && <small className="hint error">Năm gồm 4 chữ số, ví dụ {new Date().getFullYear() + 1}.</small>}
          </label>
          <button type="submit" className="primary" disabled={busy || !province.trim() || !yearOk}>
            Tạo kế hoạch trống
          </button>
          <span className="or">hoặc</span>
          <button type="button" disabled={busy} onClick={() => run(() => api.createPlan({ from: "sample" }), onOpen)}>
            Tạo từ kế hoạch mẫu (Quảng Ngãi 2023)
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => api.createPlanFromFile(), (v) => v && onOpen(v))}
          >
            Mở từ tệp kế hoạch…
          </button>
          <button type="button" disabled={busy} onClick={() => run(() => api.importOffice(), imported)}>
            Nhập từ văn bản Word/Excel…
          </button>
        </form>
      </section>

      <section className="card grow">
        <h2>Các kế hoạch đã soạn</h2>
        {plans === null ? (
          <p className="muted">Đang tải…</p>
        ) : plans.length === 0 ? (
          <p className="muted">Chưa có kế hoạch nào. Hãy tạo kế hoạch mới ở trên.</p>
        ) : (
          <table className="grid" aria-label="Danh sách kế hoạch">
            <thead>
              <tr>
                <th>Tỉnh</th>
                <th>Năm</th>
                <th>Trích yếu</th>
                <th>Trạng thái</th>
                <th>Sửa lần cuối</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} onDoubleClick={() => run(() => api.openPlan(p.id), onOpen)}>
                  <td>{p.province}</td>
                  <td>{p.year}</td>
                  <td>{p.title}</td>
                  <td>
                    <span className={"badge " + p.status}>{p.status === "final" ? "Chính thức" : "Dự thảo"}</span>
                  </td>
                  <td>{formatTime(p.updated_at)}</td>
                  <td className="actions">
                    <button className="primary" onClick={() => run(() => api.openPlan(p.id), onOpen)}>
                      Mở
                    </button>
                    <button onClick={() => rollover(p, false)} title="Lập dự thảo kế hoạch năm sau từ kế hoạch này">
                      Lập KH {p.year + 1}
                    </button>
                    <button onClick={() => run(() => api.duplicatePlan(p.id), () => reload())}>Nhân bản</button>
                    <button
                      onClick={() =>
                        run(
                          () => api.exportPlanFile(p.id),
                          (path) => path && notify(`Đã lưu tệp kế hoạch: ${path}`, "info"),
                        )
                      }
                    >
                      Xuất tệp
                    </button>
                    <button className="danger" onClick={() => setToDelete(p)}>
                      Xóa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {review && (
        <Review
          started={review}
          onOpen={(v) => onOpen(v)}
          onChange={setReview}
          onCancel={() =>
            run(
              () => api.deletePlan(review.view.id),
              () => {
                setReview(null);
                reload();
              },
            )
          }
          notify={notify}
        />
      )}
      {exists && (
        <Confirm
          title={`Đã có kế hoạch ${exists.existing.province} năm ${exists.existing.year}`}
          confirmLabel="Mở kế hoạch đã có"
          safe
          onCancel={() => setExists(null)}
          onConfirm={() => run(() => api.openPlan(exists.existing.id), onOpen)}
          extra={
            <button onClick={() => rollover(exists.source, true)}>Tạo thêm một dự thảo khác</button>
          }
        >
          Cơ sở dữ liệu đã có kế hoạch «{exists.existing.title}» (sửa lần cuối {formatTime(exists.existing.updated_at)}). Mở
          kế hoạch đó để soạn tiếp, hay tạo thêm một dự thảo năm {exists.existing.year} từ kế hoạch năm {exists.source.year}?
        </Confirm>
      )}
      {refused && (
        <Confirm
          title="Văn bản chưa đọc được đủ để lập dự thảo"
          confirmLabel="Tạo bản nháp một phần"
          safe
          onCancel={() => setRefused(null)}
          onConfirm={() => run(() => api.importPartial(refused.path), imported)}
        >
          {refused.message}
        </Confirm>
      )}
      {toDelete && (
        <Confirm
          title="Xóa kế hoạch?"
          confirmLabel="Xóa vĩnh viễn"
          onCancel={() => setToDelete(null)}
          onConfirm={() => {
            // Closed whatever the answer: a refusal (the shared server lets only the admin
            // delete) is said in the notice, and the plan stays in the list.
            const plan = toDelete;
            setToDelete(null);
            run(
              () => api.deletePlan(plan.id),
              () => {
                onDeleted(plan.id);
                reload();
              },
            );
          }}
        >
          Kế hoạch «{toDelete.title}» ({toDelete.province}, {toDelete.year}) sẽ bị xóa cùng toàn bộ lịch sử sửa
          đổi. Không thể hoàn tác.
        </Confirm>
      )}
    </div>
  );
}

/** What the planner checks after a roll-over or an import, before working on the draft.
 * After a roll-over each task of last year can be carried or left behind; "Hủy" (or Esc)
 * removes the new draft. */
function Review({ started, onOpen, onChange, onCancel, notify }: {
  started: Started;
  onOpen: (v: Started["view"]) => void;
  onChange: (s: Started) => void;
  onCancel: () => void;
  notify: Props["notify"];
}) {
  const r = started.rollover;
  const [busy, setBusy] = useState(false);
  const list = (title: string, items: string[]) =>
    items.length > 0 && (
      <>
        <h4>
          {title} ({items.length})
        </h4>
        <ul>
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </>
    );
  /** The draft made again with one task (`task`) or one reform change (`change`) turned
   * around, every other choice kept. */
  async function choose(turn: { task?: string; change?: string; on: boolean }) {
    if (!r || !started.source) return;
    const carries = (t: (typeof r.tasks)[number]) => (t.id === turn.task ? turn.on : t.carried);
    const keep = r.tasks.filter((t) => carries(t) && !t.carried_by_default).map((t) => t.id);
    const drop = r.tasks.filter((t) => !carries(t) && t.carried_by_default).map((t) => t.id);
    const reject = r.reform.filter((c) => !(c.id === turn.change ? turn.on : c.accepted)).map((c) => c.id);
    setBusy(true);
    try {
      onChange(await api.rolloverChoose(started.source, started.view.id, keep, drop, reject));
    } catch (e) {
      notify(messageOf(e), "error");
    } finally {
      setBusy(false);
    }
  }
  const carried = r?.tasks.filter((t) => t.carried).length ?? 0;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === "Escape" && !busy && onCancel()}>
      <div className="modal large" role="dialog" aria-modal="true" aria-label="Cần xem lại">
        <div className="section-head">
          <h3>
            {r
              ? `Dự thảo kế hoạch năm ${r.to_year} từ kế hoạch năm ${r.from_year}`
              : `Đã nhập: ${started.view.tasks.length} nhiệm vụ trong ${started.view.plan.groups.length} nhóm`}
          </h3>
          <button onClick={onCancel} disabled={busy} title="Xóa dự thảo vừa tạo (Esc)">
            Hủy
          </button>
          <button className="primary" autoFocus disabled={busy} onClick={() => onOpen(started.view)}>
            Mở dự thảo
          </button>
        </div>
        <div className="scroll">
          {r && (
            <>
              {r.reform.length > 0 && (
                <>
                  <h4>
                    Sắp xếp theo quy định từ năm 2025: áp dụng {r.reform.filter((c) => c.accepted).length}/{r.reform.length}
                  </h4>
                  <p className="muted">
                    Kế hoạch năm {r.from_year} soạn theo tổ chức cũ. Bỏ chọn một thay đổi để giữ nguyên; phần giữ nguyên sẽ được
                    báo trong mục kiểm tra.
                  </p>
                  <table className="grid compact" aria-label="Thay đổi theo sắp xếp năm 2025">
                    <thead>
                      <tr>
                        <th>Áp dụng</th>
                        <th>Mục</th>
                        <th>Trước</th>
                        <th>Sau</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.reform.map((c) => (
                        <tr key={c.id} className={c.accepted ? "" : "muted"}>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`Áp dụng: ${c.what} ${c.before}`}
                              checked={c.accepted}
                              disabled={busy}
                              onChange={(e) => choose({ change: c.id, on: e.target.checked })}
                            />
                          </td>
                          <td>{c.what}</td>
                          <td>{c.before}</td>
                          <td>{c.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
              <h4>
                Nhiệm vụ năm {r.from_year}: chuyển sang {carried}/{r.tasks.length}
              </h4>
              <table className="grid compact" aria-label="Nhiệm vụ chuyển sang năm sau">
                <thead>
                  <tr>
                    <th>Chuyển</th>
                    <th>TT</th>
                    <th>Nhiệm vụ</th>
                    <th>Tình trạng</th>
                  </tr>
                </thead>
                <tbody>
                  {r.tasks.map((t) => (
                    <tr key={t.id} className={t.carried ? "" : "muted"}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Chuyển nhiệm vụ ${t.number}`}
                          checked={t.carried}
                          disabled={busy}
                          onChange={(e) => choose({ task: t.id, on: e.target.checked })}
                        />
                      </td>
                      <td>{t.number}</td>
                      <td>{t.title}</td>
                      <td>{t.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list("Chuyển sang", r.carried)}
              {list("Cần kiểm tra", r.to_review)}
              {list(
                "Đã đổi năm trong văn bản",
                r.replacements.map((x) => `${x.place}: «${x.before}» → «${x.after}»`),
              )}
              {list("Không chuyển (nhập lại cho năm mới)", r.reset)}
            </>
          )}
          {started.import && (
            <>
              {started.import.account.summary && <p className="import-account">{started.import.account.summary}</p>}
              {list(
                "Chưa đưa vào bản nháp (chép tay nếu cần)",
                started.import.account.not_placed.map((n) => `${n.place}: ${n.text}`),
              )}
              {list(
                "Cần xem lại",
                started.import.flags.map((f) => `${f.place}: ${f.message}`),
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

