// The list of plans in this database, and how a new one starts.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { PlanSummary } from "../bindings/PlanSummary";
import type { PlanView } from "../bindings/PlanView";
import type { Started } from "../bindings/Started";
import { Confirm } from "../widgets/Confirm";

type Props = {
  onOpen: (view: PlanView) => void;
  notify: (message: string, kind?: "error" | "info") => void;
};

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function Plans({ onOpen, notify }: Props) {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [province, setProvince] = useState("");
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [toDelete, setToDelete] = useState<PlanSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [review, setReview] = useState<Started | null>(null);

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

  return (
    <div className="screen plans">
      <section className="card">
        <h2>Tạo kế hoạch mới</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => api.createPlan({ from: "blank", province, year: Number(year) }), onOpen);
          }}
        >
          <label className="field">
            <span>Tỉnh, thành phố</span>
            <input value={province} onChange={(e) => setProvince(e.target.value)} placeholder="Ví dụ: Đắk Lắk" />
          </label>
          <label className="field narrow">
            <span>Năm kế hoạch</span>
            <input value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy || !province.trim()}>
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
          <button type="button" disabled={busy} onClick={() => run(() => api.importOffice(), (r) => r && setReview(r))}>
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
                    <button onClick={() => run(() => api.rolloverPlan(p.id), setReview)} title="Lập dự thảo kế hoạch năm sau từ kế hoạch này">
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
      {review && <Review started={review} onOpen={() => onOpen(review.view)} />}
      {toDelete && (
        <Confirm
          title="Xóa kế hoạch?"
          confirmLabel="Xóa vĩnh viễn"
          onCancel={() => setToDelete(null)}
          onConfirm={() =>
            run(
              () => api.deletePlan(toDelete.id),
              () => {
                setToDelete(null);
                reload();
              },
            )
          }
        >
          Kế hoạch «{toDelete.title}» ({toDelete.province}, {toDelete.year}) sẽ bị xóa cùng toàn bộ lịch sử sửa
          đổi. Không thể hoàn tác.
        </Confirm>
      )}
    </div>
  );
}

/** What the planner checks after a roll-over or an import, before working on the draft. */
function Review({ started, onOpen }: { started: Started; onOpen: () => void }) {
  const r = started.rollover;
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
  return (
    <div className="modal-backdrop">
      <div className="modal large" role="dialog" aria-modal="true" aria-label="Cần xem lại">
        <div className="section-head">
          <h3>
            {r
              ? `Dự thảo kế hoạch năm ${r.to_year} từ kế hoạch năm ${r.from_year}`
              : `Đã nhập: ${started.view.tasks.length} nhiệm vụ trong ${started.view.plan.groups.length} nhóm`}
          </h3>
          <button className="primary" onClick={onOpen}>
            Mở dự thảo
          </button>
        </div>
        <div className="scroll">
          {r && (
            <>
              {list("Chuyển sang", r.carried)}
              {list("Nhiệm vụ chuyển tiếp", r.tasks_carried)}
              {list("Nhiệm vụ không chuyển", r.tasks_dropped)}
              {list("Cần kiểm tra", r.to_review)}
              {list(
                "Đã đổi năm trong văn bản",
                r.replacements.map((x) => `${x.place}: «${x.before}» → «${x.after}»`),
              )}
              {list("Không chuyển (nhập lại cho năm mới)", r.reset)}
            </>
          )}
          {list(
            "Cần xem lại",
            started.import_flags.map((f) => `${f.place}: ${f.message}`),
          )}
        </div>
      </div>
    </div>
  );
}
