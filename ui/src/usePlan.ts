// The open plan as the core last returned it, and the one way to change it: edits go to the
// core one at a time, in order, each from the revision the previous one produced. The view
// is replaced by what the core returns, so numbers, totals and findings are always the
// core's.
import { useCallback, useRef, useState } from "react";
import { api, messageOf } from "./api";
import type { Edit } from "./bindings/Edit";
import type { PlanView } from "./bindings/PlanView";

export type SaveState = { kind: "saved"; at: Date } | { kind: "saving" } | { kind: "error"; message: string };

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
  const [save, setSave] = useState<SaveState>({ kind: "saved", at: new Date() });
  const current = useRef<PlanView | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((v: PlanView | null) => {
    current.current = v;
    setView(v);
  }, []);

  /** Runs `step` after every edit already queued, with the newest view. */
  const enqueue = useCallback(
    (step: (v: PlanView) => Promise<PlanView>) => {
      const run = queue.current.then(async () => {
        const v = current.current;
        if (!v) return;
        setSave({ kind: "saving" });
        try {
          show(await step(v));
          setSave({ kind: "saved", at: new Date() });
        } catch (e) {
          const message = messageOf(e);
          setSave({ kind: "error", message });
          onError(message);
          // What is shown must be what is stored: reload after a refused edit.
          try {
            show(await api.openPlan(v.id));
          } catch {
            /* the plan may be gone; keep what is shown */
          }
        }
      });
      queue.current = run;
      return run;
    },
    [onError, show],
  );

  const apply = useCallback((edit: Edit) => enqueue((v) => api.editPlan(v.id, v.revision, edit)), [enqueue]);
  const undo = useCallback(() => {
    flushPending();
    return enqueue((v) => api.undo(v.id));
  }, [enqueue]);
  const redo = useCallback(() => {
    flushPending();
    return enqueue((v) => api.redo(v.id));
  }, [enqueue]);
  const settle = useCallback(() => {
    flushPending();
    return queue.current;
  }, []);

  return { view, show, apply, undo, redo, save, settle };
}

export type PlanApi = ReturnType<typeof usePlan>;
