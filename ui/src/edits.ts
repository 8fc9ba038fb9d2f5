// Every edit the window sends is built here, from the plan as the core returned it and what
// the planner typed. One place, so that the contract test (edits.contract.test.ts) can build
// each kind of edit exactly as the screens do and check that the core accepts it.
import type { Answer } from "./bindings/Answer";
import type { Comment } from "./bindings/Comment";
import type { CommentPlace } from "./bindings/CommentPlace";
import type { Consultation } from "./bindings/Consultation";
import type { Finding } from "./bindings/Finding";
import type { Place } from "./bindings/Place";
import type { Agency } from "./bindings/Agency";
import type { Assessment } from "./bindings/Assessment";
import type { BudgetLine } from "./bindings/BudgetLine";
import type { CatalogueIndicator } from "./bindings/CatalogueIndicator";
import type { Deadline } from "./bindings/Deadline";
import type { Duty } from "./bindings/Duty";
import type { Edit } from "./bindings/Edit";
import type { Goal } from "./bindings/Goal";
import type { Identity } from "./bindings/Identity";
import type { Indicator } from "./bindings/Indicator";
import type { IndicatorReview } from "./bindings/IndicatorReview";
import type { LegalBasis } from "./bindings/LegalBasis";
import type { LibraryDocument } from "./bindings/LibraryDocument";
import type { NarrativeSection } from "./bindings/NarrativeSection";
import type { NationalTask } from "./bindings/NationalTask";
import type { Plan } from "./bindings/Plan";
import type { PlanView } from "./bindings/PlanView";
import type { Progress } from "./bindings/Progress";
import type { Reply } from "./bindings/Reply";
import type { TaskStatus } from "./bindings/TaskStatus";
import type { Task } from "./bindings/Task";
import type { TaskGroup } from "./bindings/TaskGroup";
import type { Submission } from "./bindings/Submission";
import type { TaskReview } from "./bindings/TaskReview";
import type { TextField } from "./bindings/TextField";
import { newId } from "./text";

/** The list with item `i` patched. */
export function patchAt<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

// New items, as the "+" buttons create them: every optional value unset, never a made-up one.

export function newTask(): Task {
  return {
    id: newId(),
    title: "",
    description: "",
    lead: [],
    coordinating: [],
    deadline: null,
    output: "",
    budget: [],
    national_task: null,
    indicators: [],
    status: "chua_trien_khai",
    progress: { note: "", updated: null, evidence: "", spent: null },
  };
}

export function taskFromNational(t: NationalTask, ref: string, planYear: number): Task {
  const deadline: Deadline = t.deadline ?? { kind: "year", year: planYear };
  return { ...newTask(), title: t.title, deadline, national_task: ref };
}

/** A task as the view now holds it (edits are built from the newest plan, see usePlan). */
export function taskIn(v: PlanView, id: string): Task | undefined {
  return v.plan.groups.flatMap((g) => g.tasks).find((t) => t.id === id);
}

/** An indicator of the goals as the view now holds it. */
export function indicatorIn(v: PlanView, id: string): Indicator | undefined {
  return v.plan.specific_goals.flatMap((g) => g.indicators).find((i) => i.id === id);
}

/** The list with the item of that id changed (nothing when it is gone). */
export function patchById<T extends { id: string }>(list: T[], id: string, patch: Partial<T>): T[] {
  return list.map((x) => (x.id === id ? { ...x, ...patch } : x));
}

/** A group as the view now holds it. */
export function groupIn(v: PlanView, id: string): TaskGroup | undefined {
  return v.plan.groups.find((g) => g.id === id);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the planner did to a list edited as a whole (`before` as shown → `after`), done
 * again to the list as it `now` stands: items removed go, items changed take the planner's
 * version, items added go after the item they followed, a move keeps the planner's order;
 * every other item stays as stored. So an edit queued behind another (typed while the
 * server was down) or behind a colleague's does not put back what that one changed. */
export function rebaseList<T extends { id: string }>(before: T[], after: T[], now: T[]): T[] {
  if (same(now, before)) return after;
  const was = new Map(before.map((x) => [x.id, x]));
  const will = new Map(after.map((x) => [x.id, x]));
  let out = now
    .filter((x) => !was.has(x.id) || will.has(x.id))
    .map((x) => {
      const mine = will.get(x.id);
      return mine && !same(mine, was.get(x.id)) ? mine : x;
    });
  const order = (list: T[], known: Map<string, T>) => list.filter((x) => known.has(x.id)).map((x) => x.id);
  if (!same(order(before, will), order(after, was))) {
    const rank = new Map(after.map((x, i) => [x.id, i]));
    const ranked = out.filter((x) => rank.has(x.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    let k = 0;
    out = out.map((x) => (rank.has(x.id) ? ranked[k++] : x));
  }
  after.forEach((x, i) => {
    if (was.has(x.id) || out.some((y) => y.id === x.id)) return;
    const prev = i > 0 ? out.findIndex((y) => y.id === after[i - 1].id) : -1;
    out.splice(prev + 1, 0, x);
  });
  return out;
}

/** A whole-list edit built when its turn comes (see usePlan's `apply`), from the list
 * `read` finds in the plan then: the planner's change, rebased by `rebaseList`. */
export function listEdit<T extends { id: string }>(read: (p: Plan) => T[], before: T[], after: T[], build: (list: T[]) => Edit) {
  return (v: PlanView) => build(rebaseList(before, after, read(v.plan)));
}

export function newGroup(): TaskGroup {
  return { id: newId(), title: "Nhóm nhiệm vụ mới", framework_ref: null, intro: "", tasks: [] };
}

export function newBudgetLine(): BudgetLine {
  return { amount: "0", source: "thuong_xuyen", level: "tinh", note: "" };
}

export function newIndicator(planYear: number): Indicator {
  return {
    id: newId(),
    name: "",
    unit: "%",
    comparator: "at_least",
    target: null,
    target_max: null,
    denominator: null,
    baseline: null,
    actual: null,
    measured: null,
    target_date: { kind: "year", year: planYear },
    catalogue_ref: null,
  };
}

export function indicatorFromCatalogue(c: CatalogueIndicator, planYear: number): Indicator {
  return {
    ...newIndicator(planYear),
    name: c.name,
    unit: c.unit,
    comparator: c.comparator,
    target: c.target,
    target_max: c.target_max,
    denominator: c.denominator,
    catalogue_ref: c.id,
  };
}

/** A goal of last year typed in by hand (a plan not rolled over from last year's). */
export function newIndicatorReview(lastYear: number): IndicatorReview {
  return { id: newId(), indicator: newIndicator(lastYear), actual: null, achieved: null, note: "" };
}

export function newTaskReview(): TaskReview {
  return { id: newId(), group: "", title: "", lead: [], status: null, result: "" };
}

/** A new Tờ trình of the drafting department, numbered when it is signed (as Submission::new). */
export function newSubmission(): Submission {
  return { number: null, symbol: "TTr-SKHCN", issue_date: null, signer_title: "GIÁM ĐỐC", signer_name: "", archive_unit: "" };
}

export function newGoal(): Goal {
  return { id: newId(), pillar: "chinh_quyen_so", title: "Mục tiêu mới", text: "", indicators: [] };
}

export function newLegalBasis(): LegalBasis {
  return { id: newId(), kind: "quyet_dinh", number: null, date: null, issuer: "", title: "", library_ref: null };
}

export function legalBasisFromLibrary(d: LibraryDocument): LegalBasis {
  return { id: newId(), kind: d.kind, number: d.number, date: d.date, issuer: d.issuer, title: d.title, library_ref: d.id };
}

export function newSection(): NarrativeSection {
  return { id: newId(), title: "Mục mới", text: "" };
}

export function newAgency(name: string, short: string | null): Agency {
  return { id: newId(), name: name.trim(), short: short?.trim() || null, kind: "so" };
}

/** "Lưu: VT, KGVX." — the form shows "Lưu: VT," itself, so what the planner types after it
 * is kept without a repeated "Lưu:", "VT" or final stop. */
export function archiveUnit(typed: string): string {
  return typed
    .trim()
    .replace(/^lưu\s*:?\s*/i, "")
    .replace(/^vt\s*(,|$)\s*/i, "")
    .replace(/\.$/, "")
    .trim();
}

// The edits themselves, one builder per kind.

/** An agency's letter typed in: its number ("45/SYT-KHTC") and date, received today. */
export function newReply(agency: string, letter: string, letterDate: string | null, today: string): Reply {
  return { agency, received_on: today, letter: letter.trim(), letter_date: letterDate };
}

/** One comment of a letter typed in, on `place`. */
export function newComment(reply: Reply, place: CommentPlace, text: string, proposed: string): Comment {
  return {
    id: newId(),
    agency: reply.agency,
    place,
    text,
    proposed,
    answer: { kind: "pending" },
    letter: reply.letter,
    source: reply.letter ? `Công văn số ${reply.letter}` : "",
  };
}

/** The answer of `kind` with the text the planner typed (the note, explanation or reason). */
export function answerOf(kind: Answer["kind"], text: string): Answer {
  if (kind === "accepted") return { kind, note: text };
  if (kind === "explained") return { kind, text };
  if (kind === "rejected") return { kind, reason: text };
  return { kind: "pending" };
}

export const edit = {
  identity: (plan: Plan, patch: Partial<Identity>): Edit => ({ op: "set_identity", identity: { ...plan.identity, ...patch } }),
  text: (field: TextField, text: string): Edit => ({ op: "set_text", field, text }),
  agency: (agency: Agency): Edit => ({ op: "upsert_agency", agency }),
  removeAgency: (id: string): Edit => ({ op: "remove_agency", id }),
  legalBases: (legal_bases: LegalBasis[]): Edit => ({ op: "set_legal_bases", legal_bases }),
  solutions: (solutions: NarrativeSection[]): Edit => ({ op: "set_solutions", solutions }),
  assessment: (plan: Plan, patch: Partial<Assessment>): Edit => ({ op: "set_assessment", assessment: { ...plan.assessment, ...patch } }),
  goals: (goals: Goal[]): Edit => ({ op: "set_goals", goals }),
  addGroup: (group: TaskGroup = newGroup(), index: number | null = null): Edit => ({ op: "add_group", group, index }),
  updateGroup: (g: TaskGroup, patch: Partial<Pick<TaskGroup, "title" | "intro" | "framework_ref">>): Edit => {
    const n = { ...g, ...patch };
    return { op: "update_group", id: g.id, title: n.title, intro: n.intro, framework_ref: n.framework_ref };
  },
  removeGroup: (id: string): Edit => ({ op: "remove_group", id }),
  moveGroup: (id: string, to: number): Edit => ({ op: "move_group", id, to: Math.max(0, to) }),
  addTask: (group: string, task: Task = newTask(), index: number | null = null): Edit => ({ op: "add_task", group, task, index }),
  updateTask: (task: Task, patch: Partial<Task>): Edit => ({ op: "update_task", task: { ...task, ...patch } }),
  removeTask: (id: string): Edit => ({ op: "remove_task", id }),
  /** `index` past the end puts the task last. */
  moveTask: (id: string, group: string, index: number): Edit => ({ op: "move_task", id, group, index: Math.max(0, Math.min(index, 1_000_000)) }),
  unallocated: (lines: BudgetLine[]): Edit => ({ op: "set_unallocated_budget", lines }),
  duties: (duties: Duty[]): Edit => ({ op: "set_duties", duties }),
  regenerateDuties: (): Edit => ({ op: "regenerate_duties" }),
  replacePlan: (plan: Plan): Edit => ({ op: "replace_plan", plan }),
  /** Tracking: the task's status and report, nothing else of the task. */
  trackTask: (task: Task, patch: { status?: TaskStatus; progress?: Partial<Progress> }): Edit => ({
    op: "track_task",
    id: task.id,
    status: patch.status ?? task.status,
    progress: { ...task.progress, ...patch.progress },
  }),
  trackIndicator: (i: Indicator, patch: { actual?: string | null; measured?: string | null }): Edit => ({
    op: "track_indicator",
    id: i.id,
    actual: patch.actual === undefined ? i.actual : patch.actual,
    measured: patch.measured === undefined ? i.measured : patch.measured,
  }),
  /** Find and replace: every occurrence in the texts at `places` (null: every text), one step. */
  replaceText: (find: string, replace: string, places: Place[] | null): Edit => ({ op: "replace_text", find, replace, places }),
  /** Points the import asked to check, marked as seen. */
  dismissReview: (ids: string[]): Edit => ({ op: "dismiss_review", ids }),
  /** A finding of the final check confirmed as the planner's intent (or no longer). */
  setIntended: (f: Finding, intended: boolean): Edit => ({ op: "set_intended", key: f.key ?? "", intended }),
  /** One deadline for every task that has none, one step. */
  fillDeadlines: (deadline: Deadline): Edit => ({ op: "fill_deadlines", deadline }),
  /** «Góp ý dự thảo»: an agency's answer (a letter typed in) with its comments. */
  recordReply: (reply: Reply, comments: Comment[]): Edit => ({ op: "record_reply", reply, comments }),
  answerComment: (id: string, answer: Answer): Edit => ({ op: "answer_comment", id, answer }),
  removeComment: (id: string): Edit => ({ op: "remove_comment", id }),
  updateConsultation: (c: Consultation, patch: Partial<Pick<Consultation, "letter_number" | "letter_symbol" | "reply_by" | "silence_agrees">>): Edit => {
    const n = { ...c, ...patch };
    return { op: "update_consultation", letter_number: n.letter_number, letter_symbol: n.letter_symbol, reply_by: n.reply_by, silence_agrees: n.silence_agrees };
  },
};
