// The validation panel: every finding of the core, each jumping to where it is. A rule that
// fires in many places (28 tasks with a collective lead) is one collapsible entry listing
// its places, so that one habit of the plan does not bury the other findings.
import { useState } from "react";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import type { PlanApi } from "../usePlan";
import { edit } from "../edits";
import { Readiness } from "./Readiness";

/** The findings an import left for the planner to check. */
const REVIEW = "import.review";

/** More occurrences of one rule than this make a group. */
const GROUP_ABOVE = 2;

type Entry = { kind: "one"; finding: Finding } | { kind: "group"; key: string; findings: Finding[] };

/** The findings in the core's order, those of a rule (code and severity) occurring more than
 * GROUP_ABOVE times gathered where the rule first occurs. */
export function groupFindings(findings: Finding[]): Entry[] {
  const keyOf = (f: Finding) => `${f.severity}:${f.code}`;
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) byKey.set(keyOf(f), [...(byKey.get(keyOf(f)) ?? []), f]);
  const entries: Entry[] = [];
  for (const f of findings) {
    const key = keyOf(f);
    const same = byKey.get(key)!;
    if (same.length <= GROUP_ABOVE) entries.push({ kind: "one", finding: f });
    else if (same[0] === f) entries.push({ kind: "group", key, findings: same });
  }
  return entries;
}

/** "Nhiệm vụ 1.2" → "Nhiệm vụ": what kind of place a label names. */
const placeKind = (label: string) => label.replace(/\s*\d+(\.\d+)*$/, "");

/** A message without its own place in front: "Nhiệm vụ 1.2 chưa có tên." → "chưa có tên.". */
function withoutPlace(f: Finding): string {
  const { label } = f.location;
  return f.message.startsWith(label) ? f.message.slice(label.length).replace(/^[\s:,]+/, "") : f.message;
}

/** "11 nhiệm vụ" and what they share ("giao cho một tập thể chủ trì: …"), and how each place is
 * named in the list ("1.2" when the kind is said once in the heading). */
function summarise(findings: Finding[]): { head: string; phrase: string; place: (f: Finding) => string } {
  const kinds = new Set(findings.map((f) => placeKind(f.location.label)));
  const phrases = new Set(findings.map(withoutPlace));
  const [kind] = kinds;
  const sameKind = kinds.size === 1 && kind !== findings[0].location.label;
  const head = `${findings.length} ${sameKind ? kind.charAt(0).toLowerCase() + kind.slice(1) : "chỗ"}`;
  const phrase = phrases.size === 1 ? [...phrases][0] : `Ví dụ: ${findings[0].message}`;
  const place = (f: Finding) => (sameKind ? f.location.label.slice(kind.length).trim() : f.location.label);
  return { head, phrase, place };
}

export function Findings({ view, plan, onJump }: { view: PlanView; plan?: PlanApi; onJump: (f: Finding) => void }) {
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const errors = view.findings.filter((f) => f.severity === "error");
  const warnings = view.findings.filter((f) => f.severity === "warning");
  /** A point the import asked to check: marked as seen, it leaves the panel. */
  const seen = (f: Finding) =>
    plan && f.code === REVIEW && f.key ? (
      <button className="link seen" title={f.message} data-testid="review-seen" onClick={() => plan.apply(edit.dismissReview([f.key!]))}>
        Đã xem
      </button>
    ) : null;
  const toggle = (key: string) =>
    setClosed((c) => {
      const next = new Set(c);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <aside className="findings" aria-label="Kiểm tra">
      <h3>
        Kiểm tra <span className="count error" data-testid="error-count">{errors.length} lỗi</span>{" "}
        <span className="count warning" data-testid="warning-count">{warnings.length} lưu ý</span>
      </h3>
      {view.findings.length === 0 && <p className="muted">Không phát hiện vấn đề nào.</p>}
      <ul>
        {groupFindings(view.findings).map((e, i) => {
          if (e.kind === "one") {
            const f = e.finding;
            return (
              <li key={i} className={f.severity}>
                <button onClick={() => onJump(f)} data-code={f.code}>
                  <b>{f.location.label}</b>
                  <span>{f.message}</span>
                </button>
                {seen(f)}
              </li>
            );
          }
          const { severity, code } = e.findings[0];
          const { head, phrase, place } = summarise(e.findings);
          const open = !closed.has(e.key);
          return (
            <li key={e.key} className={severity + " finding-group"}>
              <button aria-expanded={open} onClick={() => toggle(e.key)} data-code={code}>
                <b>
                  {open ? "▾" : "▸"} {head}
                </b>
                <span>{phrase}</span>
              </button>
              {open && (
                <div className="finding-places" role="group" aria-label={`${head}: ${phrase}`}>
                  {e.findings.map((f, j) => (
                    <span key={j} className="finding-place">
                      <button title={f.message} onClick={() => onJump(f)} data-code={code}>
                        {place(f)}
                      </button>
                      {seen(f)}
                    </span>
                  ))}
                  {plan && code === REVIEW && (
                    <button className="link" data-testid="review-seen-all" onClick={() => plan.apply(edit.dismissReview(e.findings.map((f) => f.key ?? "")))}>
                      Đã xem tất cả {e.findings.length}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {plan && <Readiness view={view} plan={plan} onJump={onJump} />}
    </aside>
  );
}
