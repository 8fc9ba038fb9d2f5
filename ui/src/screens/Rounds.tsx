// Rounds of workbooks with the departments: "Gửi" writes one pre-filled workbook per chosen
// agency into a folder (proposals for the plan being drafted, or a progress report for the
// plan being carried out) with a list of what went to whom; "Nhận" reads the filled files
// back into a review — each row new, changed, unchanged or a problem, with the plan's value
// and the file's — where the planner accepts or rejects each change and applies them as one
// step of the history.
import { useEffect, useRef, useState } from "react";
import { api, messageOf } from "../api";
import type { Change } from "../bindings/Change";
import type { PlanView } from "../bindings/PlanView";
import type { Received } from "../bindings/Received";
import type { Round } from "../bindings/Round";
import type { RowRef } from "../bindings/RowRef";
import type { Sent } from "../bindings/Sent";
import { deadlineCell } from "../widgets/DeadlineInput";
import { useBusy } from "../widgets/useBusy";
import type { PlanApi } from "../usePlan";

const ROUNDS: { key: Round; label: string; note: string }[] = [
  { key: "proposals", label: "Đề xuất nhiệm vụ", note: "cho kế hoạch đang soạn: mỗi cơ quan sửa nhiệm vụ mình chủ trì, thêm nhiệm vụ mới và kinh phí" },
  { key: "progress", label: "Báo cáo tiến độ", note: "cho kế hoạch đang thực hiện: trạng thái, kết quả, kinh phí đã chi, kết quả chỉ tiêu" },
];

/** The file's name without its folder, as the lists of files sent and read show it. */
export const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;
/** The row a change was read from, as the core names it back (a progress workbook has task
 * and indicator rows with the same numbers, on two sheets). */
const refOf = (c: Change): RowRef => ({ file: c.file, row: c.row, indicator: c.kind === "indicator" });
const key = (r: RowRef) => `${r.file}#${r.row}#${r.indicator}`;

function describe(c: Change): { kind: string; title: string } {
  if (c.kind === "add") return { kind: "Thêm mới", title: c.task.title };
  if (c.kind === "update") return { kind: "Sửa", title: c.task.title };
  return { kind: "Chỉ tiêu", title: c.indicator.name };
}

export function Rounds({ view, plan, notify }: { view: PlanView; plan: PlanApi; notify: (m: string, kind?: "error" | "info") => void }) {
  const [round, setRound] = useState<Round>(view.plan.identity.status === "final" ? "progress" : "proposals");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [sent, setSent] = useState<Sent | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  // Edits still on their way are saved before a round is sent or read.
  const { busy, run } = useBusy(notify, plan.settle);
  const reviewRef = useRef<HTMLDivElement>(null);
  // A review read back shows at once, below the sending part.
  useEffect(() => {
    if (received) reviewRef.current?.scrollIntoView({ block: "start" });
  }, [received]);

  useEffect(() => {
    api.roundRecipients(view.id, round).then(
      (ids) => setChosen(new Set(ids)),
      (e) => notify(messageOf(e)),
    );
  }, [view.id, round, notify]);

  const send = () =>
    run(async () => {
      const order = view.plan.directory.map((a) => a.id).filter((id) => chosen.has(id));
      const s = await api.sendRound(view.id, round, order);
      if (s) setSent(s);
    });
  const receive = () =>
    run(async () => {
      const r = await api.reviewRound(view.id);
      if (r) {
        setReceived(r);
        setRejected(new Set());
      }
    });
  const apply = () =>
    run(async () => {
      if (!received) return;
      const refs = received.review.changes.map(refOf).filter((r) => rejected.has(key(r)));
      const next = await api.applyRound(view.id, view.revision, received.files, refs);
      plan.show(next);
      const n = received.review.changes.length - refs.length;
      setReceived(null);
      notify(`Đã cập nhật ${n} dòng vào kế hoạch (một bước; Ctrl+Z để hoàn tác).`, "info");
    });

  const agencies = view.plan.directory;
  const r = received?.review;
  const accepted = r ? r.changes.filter((c) => !rejected.has(key(refOf(c)))).length : 0;
  const toggle = (set: Set<string>, k: string, on: boolean) => {
    const s = new Set(set);
    if (on) s.add(k);
    else s.delete(k);
    return s;
  };

  return (
    <div className="screen rounds">
      <h2>Gửi và nhận tệp Excel với các cơ quan</h2>
      <fieldset>
        <legend>Đợt</legend>
        {ROUNDS.map((x) => (
          <label className="choice" key={x.key}>
            <input type="radio" name="round" checked={round === x.key} onChange={() => setRound(x.key)} /> <b>{x.label}</b> <span className="muted">{x.note}</span>
          </label>
        ))}
      </fieldset>
      <div className="card">
        <div className="section-head">
          <h3>Gửi đi</h3>
          <span className="muted">
            {chosen.size}/{agencies.length} cơ quan được chọn
          </span>
          <button onClick={() => setChosen(new Set(agencies.map((a) => a.id)))}>Chọn tất cả</button>
          <button onClick={() => setChosen(new Set())}>Bỏ chọn</button>
        </div>
        <div className="agency-checks">
          {agencies.map((a) => (
            <label className="check" key={a.id}>
              <input type="checkbox" aria-label={`Gửi ${a.name}`} checked={chosen.has(a.id)} onChange={(e) => setChosen(toggle(chosen, a.id, e.target.checked))} /> {a.name}
            </label>
          ))}
        </div>
        <div className="row">
          <button className="primary" disabled={busy || chosen.size === 0} onClick={send}>
            Gửi {ROUNDS.find((x) => x.key === round)!.label.toLowerCase()}… ({chosen.size} tệp)
          </button>
        </div>
        {sent && (
          <div className="notice info" role="status" data-testid="sent">
            Đã tạo {sent.files.length} tệp và danh sách gửi <code>{fileName(sent.summary)}</code>
            <button onClick={() => api.reveal(sent.summary).catch(() => {})}>Mở thư mục</button>
            <ul>
              {sent.files.map((f) => (
                <li key={f.agency}>
                  {f.name}: <code>{fileName(f.file)}</code> ({f.tasks} nhiệm vụ{f.indicators ? `, ${f.indicators} chỉ tiêu` : ""})
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="card">
        <div className="section-head">
          <h3>Nhận về</h3>
          <button disabled={busy} onClick={receive}>
            Nhận tệp đã điền…
          </button>
          <span className="muted">chọn một hay nhiều tệp; đề xuất và báo cáo tiến độ đều đọc được</span>
        </div>
        {r && (
          <div data-testid="round-review" ref={reviewRef}>
            <p>
              {received!.files.length} tệp: <b>{r.changes.filter((c) => c.kind === "add").length}</b> thêm mới, <b>{r.changes.filter((c) => c.kind !== "add").length}</b> thay đổi,{" "}
              <b>{r.same.length}</b> không đổi, <b className={r.problems.length ? "late" : ""}>{r.problems.length}</b> lỗi.
            </p>
            <ul className="files-read" data-testid="files-read">
              {received!.review.files.map((f) => (
                <li key={f.file}>
                  {fileName(f.file)}:{" "}
                  {f.agency ? (
                    <>
                      {f.kind} của <b>{f.agency}</b>
                    </>
                  ) : (
                    <span className="late">không có dấu của ứng dụng — đọc như bảng của người soạn thảo, không giới hạn ở nhiệm vụ của một cơ quan</span>
                  )}
                </li>
              ))}
            </ul>
            <table className="grid review">
              <thead>
                <tr>
                  <th>Nhận</th>
                  <th>Tệp, dòng</th>
                  <th>Loại</th>
                  <th>Nội dung</th>
                  <th>Thay đổi so với kế hoạch</th>
                </tr>
              </thead>
              <tbody>
                {r.changes.map((c) => {
                  const k = key(refOf(c));
                  const d = describe(c);
                  return (
                    <tr key={k} data-testid={`change-${fileName(c.file)}-${c.row}`} className={rejected.has(k) ? "rejected" : ""}>
                      <td>
                        <input type="checkbox" aria-label={`Nhận dòng ${c.row} của ${fileName(c.file)}`} checked={!rejected.has(k)} onChange={(e) => setRejected(toggle(rejected, k, !e.target.checked))} />
                      </td>
                      <td>
                        {fileName(c.file)}, dòng {c.row}
                      </td>
                      <td>{d.kind}</td>
                      <td>{d.title}</td>
                      <td>
                        {c.kind === "add" ? (
                          <span data-testid="new-task-detail">
                            nhiệm vụ mới; chủ trì{" "}
                            <b>{c.task.lead.map((id) => view.plan.directory.find((a) => a.id === id)?.name ?? id).join(", ") || "(trống)"}</b>;{" "}
                            {deadlineCell(c.task.deadline) || "chưa có thời hạn"}; kinh phí{" "}
                            {c.amount}
                          </span>
                        ) : (
                          <ul className="diff">
                            {c.fields.map((f) => (
                              <li key={f.field}>
                                <b>{f.field}</b>: <del>{f.before || "(trống)"}</del> → <ins>{f.after || "(trống)"}</ins>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
                {r.problems.map((p, i) => (
                  <tr key={"p" + i} className="problem">
                    <td>—</td>
                    <td>
                      {fileName(p.file)}
                      {p.row ? `, dòng ${p.row}` : ""}
                    </td>
                    <td>Lỗi</td>
                    <td colSpan={2}>
                      {inSheet(p)}
                      {p.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.same.length > 0 && (
              <details>
                <summary>{r.same.length} dòng không đổi</summary>
                <ul>
                  {r.same.map((s, i) => (
                    <li key={i}>
                      {fileName(s.file)}, dòng {s.row}: {s.title}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <div className="row">
              <button className="primary" disabled={busy || accepted === 0} onClick={apply}>
                Cập nhật vào kế hoạch ({accepted} dòng)
              </button>
              <button onClick={() => setReceived(null)}>Bỏ qua</button>
              {r.problems.length > 0 && <span className="muted">Các dòng lỗi không được cập nhật; sửa tệp rồi nhận lại.</span>}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** "Trang «Đề xuất», cột H: " before a problem's message; nothing for a problem of the
 * whole file (a renamed sheet), so that the message does not start with ": ". */
export function inSheet(p: { sheet: string | null; column: string | null }): string {
  const place = [p.sheet && `Trang «${p.sheet}»`, p.column && `cột ${p.column}`].filter(Boolean).join(", ");
  return place ? `${place}: ` : "";
}
