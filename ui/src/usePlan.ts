// The open plan as the core last returned it, and the one way to change it: edits go to the
// core one at a time, in order, each from the revision the previous one produced. The view
// is replaced by what the core returns, so numbers, totals and findings are always the
// core's.
import { useCallback, useRef, useState } from "react";
import { api, isStale, messageOf, shouldRetry } from "./api";
import type { Edit } from "./bindings/Edit";
import type { PlanView } from "./bindings/PlanView";
import { EDIT_LABELS } from "./labels";

/** Nothing sent yet for this plan; saved at a time; being saved; or refused, naming the
 * edit that is not saved. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saved"; at: Date }
  | { kind: "saving" }
  | { kind: "error"; message: string; what: string }
  /** The database does not answer (the shared server is down or out of reach): the edit
   * waits, and is sent again until the server is back. */
  | { kind: "offline"; message: string; what: string };

/** How long an edit waits before it is sent again to a database that did not answer. */
export const RETRY_MS = 2000;

/** Pending typed text (debounced fields) registers here so that Ctrl+S and navigation can
 * write it at once. */
const pending = new Set<() => void>();
export function registerPending(flush: () => void): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}
export function flushPending() {
  for (const f of [...pending]) f();
}

export function usePlan(onError: (message: string) => void) {
  const [view, setView] = useState<PlanView | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const current = useRef<PlanView | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Edits of this window queued or on their way. */
  const queued = useRef(0);

  /** Shows a plan; another plan (or none) starts with its own save state. */
  const show = useCallback((v: PlanView | null) => {
    if (current.current?.id !== v?.id) setSave({ kind: "idle" });
    current.current = v;
    setView(v);
  }, []);

  /** Runs `step` after every edit already queued, with the newest view; resolves to
   * whether it was saved. With `rebase`, a step refused because the plan changed since
   * (a colleague's edit came first) runs again on the plan as it now stands. */
  const enqueue = useCallback(
    (what: string, step: (v: PlanView) => Promise<PlanView>, rebase = false): Promise<boolean> => {
      queued.current++;
      const run = queue.current.then(async () => {
        let v = current.current;
        if (!v) return false;
        let rebased = 0;
        setSave({ kind: "saving" });
        for (let attempt = 0; ; attempt++) {
          try {
            const next = await step(v);
            // The planner may have opened another plan meanwhile: its view stays.
            if (current.current?.id === v.id) {
              show(next);
              setSave({ kind: "saved", at: new Date() });
            }
            return true;
          } catch (e) {
            const message = messageOf(e);
            // Nothing was written (each edit is one transaction): the same edit, from the
            // same revision, is sent again once the server answers; the edits queued after
            // it wait their turn. Said once, then shown as the save state.
            if (shouldRetry(e) && current.current?.id === v.id) {
              const waiting = `Mất kết nối tới cơ sở dữ liệu (máy chủ không trả lời): thay đổi «${what}» chưa được lưu. Nội dung bạn vừa nhập vẫn còn trên màn hình; ứng dụng tự lưu ngay khi máy chủ trả lời lại.`;
              setSave({ kind: "offline", message: waiting, what });
              if (attempt === 0) onError(waiting);
              await new Promise((r) => setTimeout(r, RETRY_MS));
              continue;
            }
            if (rebase && isStale(e) && rebased < 3 && current.current?.id === v.id) {
              rebased++;
              v = await api.openPlan(v.id);
              show(v);
              continue;
            }
            if (current.current?.id === v.id) setSave({ kind: "error", message, what });
            onError(message);
            // What is shown must be what is stored: reload after a refused edit. The field
            // that sent it keeps the planner's text (see widgets/Fields).
            try {
              if (current.current?.id === v.id) show(await api.openPlan(v.id));
            } catch {
              /* the plan may be gone; keep what is shown */
            }
            return false;
          }
        }
      });
      queue.current = run.finally(() => queued.current--);
      return run;
    },
    [onError, show],
  );

  /** Sends an edit after those already queued. Given as a function of the plan view, the
   * edit is built when its turn comes, from the plan as the edits before it left it (and
   * again if a colleague's edit came first): a task's result and then its amount typed
   * while the server was down are both kept, neither written over with the other's view. */
  const apply = useCallback(
    (e: Edit | ((v: PlanView) => Edit)) => {
      const build = typeof e === "function" ? e : () => e;
      const v = current.current;
      const what = v ? EDIT_LABELS[build(v).op] : "";
      return enqueue(what, (at) => api.editPlan(at.id, at.revision, build(at)), typeof e === "function");
    },
    [enqueue],
  );
  const undo = useCallback(() => {
    flushPending();
    return enqueue("Hoàn tác", (v) => api.undo(v.id));
  }, [enqueue]);
  const redo = useCallback(() => {
    flushPending();
    return enqueue("Làm lại", (v) => api.redo(v.id));
  }, [enqueue]);
  /** Shows the plan as stored when another session (the CLI, another window, a colleague on
   * the shared server) has changed it; never while an edit of this window is on its way.
   * Resolves to whether it did. Text being typed stays in its field (see widgets/Fields). */
  const refresh = useCallback(async (): Promise<boolean> => {
    const v = current.current;
    if (!v || queued.current > 0) return false;
    const revision = await api.planRevision(v.id);
    if (revision === v.revision || queued.current > 0 || current.current !== v) return false;
    const fresh = await api.openPlan(v.id);
    if (queued.current > 0 || current.current !== v) return false;
    show(fresh);
    return true;
  }, [show]);
  const settle = useCallback(() => {
    flushPending();
    return queue.current;
  }, []);

  return { view, show, apply, undo, redo, save, settle, refresh };
}

export type PlanApi = ReturnType<typeof usePlan>;
