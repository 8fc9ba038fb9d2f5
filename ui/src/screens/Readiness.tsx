// «Sẵn sàng ban hành»: the core's final check on demand — what stands between the draft and
// the plan that can be issued, read from the documents as they will print. Each finding jumps
// to its field; a wording the planner means (a name in a quotation, a baseline year) can be
// confirmed as intended, which the core keeps with the plan. The list follows every edit
// while it is open.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import { edit } from "../edits";
import type { PlanApi } from "../usePlan";

export function Readiness({ view, plan, onJump }: { view: PlanView; plan: PlanApi; onJump: (f: Finding) => void }) {
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<Finding[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api
      .readiness(view.id)
      .then((all) => live && (setFound(all.filter((f) => f.severity === "error")), setProblem(null)))
      .catch((e) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [open, view.id, view.revision]);

  return (
    <section className="readiness" aria-label="Sẵn sàng ban hành">
      <button aria-expanded={open} onClick={() => setOpen(!open)} data-testid="readiness-toggle">
        {open ? "▾" : "▸"} Sẵn sàng ban hành
      </button>
      {open && problem && <p className="error" role="alert">{problem}</p>}
      {open && !problem && found === null && <p className="muted">Đang đọc các văn bản sẽ in ra…</p>}
      {open && found !== null && (
        <>
          <p data-testid="readiness-count" className={found.length ? "error" : "ok"}>
            {found.length === 0
              ? "Không còn gì cản trở: có thể xuất bản chính thức."
              : `${found.length} lỗi phải xử lý trước khi xuất bản chính thức.`}
          </p>
          <ul>
            {found.map((f, i) => (
              <li key={i} className="error">
                <button onClick={() => onJump(f)} data-code={f.code}>
                  <b>{f.location.label}</b>
                  <span>{f.message}</span>
                </button>
                {f.key && (
                  <button
                    className="link"
                    title="Cách viết này là đúng chủ ý (ví dụ trích dẫn văn bản cũ): không coi là lỗi nữa"
                    onClick={() => plan.apply(edit.setIntended(f, true))}
                    data-testid="readiness-intended"
                  >
                    Đúng chủ ý
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
