// The plan screen: the outline of sections with the core's completeness marks, the editor of
// the chosen section, and the validation panel whose findings jump to where they are.
import { useEffect } from "react";
import type { Catalogues } from "../bindings/Catalogues";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import { department } from "../access";
import { OUTLINE, type OutlineKey } from "../labels";
import { BudgetEditor } from "../sections/Budget";
import { GoalsEditor } from "../sections/Goals";
import { IdentityEditor } from "../sections/Identity";
import { LegalBasesEditor } from "../sections/LegalBases";
import { OrganisationEditor } from "../sections/Organisation";
import { AppendicesInfo, SolutionsEditor } from "../sections/Sections";
import { AssessmentEditor } from "../sections/Assessment";
import { Tasks } from "../sections/Tasks";
import type { PlanApi } from "../usePlan";
import { CommentsHere } from "./Consultation";
import { Findings } from "./Findings";

type Props = {
  view: PlanView;
  plan: PlanApi;
  catalogues: Catalogues | null;
  section: OutlineKey;
  onSection: (s: OutlineKey) => void;
  onDirectory: () => void;
  onPreview: () => void;
  focus: string | null;
  requestFocus: (loc: string | null) => void;
  onFocused: () => void;
};

const MARK = { complete: "✓", partial: "◐", empty: "○" } as const;
const MARK_TITLE = { complete: "Đã đủ", partial: "Đang soạn hoặc còn lỗi", empty: "Chưa có nội dung" } as const;

export function Editor({ view, plan, catalogues, section, onSection, onDirectory, onPreview, focus, requestFocus, onFocused }: Props) {
  const props = { view, plan, catalogues };
  // After a jump from the validation panel, bring the place into view and into focus.
  useEffect(() => {
    if (!focus) return;
    const el = document.querySelector<HTMLElement>(`[data-loc="${focus}"]`);
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.classList.add("flash");
      setTimeout(() => el.classList.remove("flash"), 1200);
      el.querySelector<HTMLElement>("input, textarea, select")?.focus();
    }
    onFocused();
  }, [focus, section]); // eslint-disable-line react-hooks/exhaustive-deps

  const agency = department(view);
  return (
    <div className="editor">
      <nav className="outline" aria-label="Mục lục kế hoạch">
        {OUTLINE.map((o) => {
          const st = view.sections.find((s) => s.section === o.key);
          const last = view.edited.find((e) => e.section === o.key);
          const by = last && (last.by === view.account.full_name ? "bạn" : last.by);
          return (
            <button
              key={o.key}
              className={o.key === section ? "active" : ""}
              onClick={() => onSection(o.key)}
              title={last ? `Sửa lần cuối: ${by}, lúc ${last.at}` : undefined}
            >
              <span className={"mark " + (st?.state ?? "")} title={st ? MARK_TITLE[st.state] : ""}>
                {st ? MARK[st.state] : "•"}
              </span>
              <span className="grow">{o.label}</span>
              {st && st.errors > 0 && <span className="count error">{st.errors}</span>}
              {st && st.errors === 0 && st.warnings > 0 && <span className="count warning">{st.warnings}</span>}
              {last && (
                <span className="last-edit" data-testid={`last-edit-${o.key}`}>
                  {by} · {last.at.slice(0, 5)}
                </span>
              )}
            </button>
          );
        })}
      </nav>
      <main className="section-body" aria-label="Nội dung">
        {agency && (
          <p className="read-only-note" role="note" data-testid="department-note">
            Tài khoản của {agency}: chỉ sửa được các nhiệm vụ do {agency} chủ trì (và thêm nhiệm vụ đề xuất); phần còn lại của kế hoạch chỉ xem.
          </p>
        )}
        <CommentsHere view={view} section={section} />
        <fieldset className="bare column" disabled={agency !== null && section !== "tasks"}>
        {section === "identity" && <IdentityEditor {...props} />}
        {section === "legal_bases" && <LegalBasesEditor {...props} />}
        {section === "assessment" && <AssessmentEditor {...props} />}
        {section === "goals" && <GoalsEditor {...props} />}
        {/* A jump to a task opens its row in the grid, so that its fields exist to be focused. */}
        {section === "tasks" && <Tasks {...props} focusTask={focus?.startsWith("task-") ? focus.slice("task-".length) : null} />}
        {section === "solutions" && <SolutionsEditor {...props} />}
        {section === "budget" && <BudgetEditor {...props} />}
        {section === "organisation" && <OrganisationEditor {...props} />}
        {section === "appendices" && <AppendicesInfo {...props} onPreview={onPreview} />}
        </fieldset>
      </main>
      <Findings
        view={view}
        plan={plan}
        onJump={(f) => {
          const t = target(f);
          if (t.section === "directory") onDirectory();
          else onSection(t.section);
          requestFocus(t.loc);
        }}
      />
    </div>
  );
}

/** Where a finding (or a found text) points: its section, and the element to focus. */
export function target(f: Pick<Finding, "location">): { section: OutlineKey | "directory"; loc: string | null } {
  const l = f.location;
  const loc = l.task ? `task-${l.task}` : l.indicator ? `indicator-${l.indicator}` : l.group ? `group-${l.group}` : null;
  return { section: l.section, loc };
}
