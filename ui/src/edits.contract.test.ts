// @vitest-environment node
// The contract between the window and the core: every kind of edit, built by the same
// builders the screens use — with empty numbers, empty dates and unset choices as a planner
// leaves them — is written to tests/fixtures/ui-edits.json. The core's test
// (tests/contract.rs) reads each one exactly as the shell does (Edit::from_json) and applies
// it to the same plan; CI fails when this file changes without being committed.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import type { Edit } from "./bindings/Edit";
import type { Plan } from "./bindings/Plan";
import type { CatalogueIndicator } from "./bindings/CatalogueIndicator";
import type { LibraryDocument } from "./bindings/LibraryDocument";
import type { NationalTask } from "./bindings/NationalTask";

// Ids the same on every run, so that the fixture only changes when an edit's shape does.
let next = 0;
vi.mock("./text", async (orig) => ({ ...(await orig<typeof import("./text")>()), newId: () => `ui${String(++next).padStart(10, "0")}` }));

const {
  answerOf,
  archiveUnit,
  edit,
  indicatorFromCatalogue,
  legalBasisFromLibrary,
  newAgency,
  newBudgetLine,
  newGoal,
  newGroup,
  newIndicator,
  newComment,
  newIndicatorReview,
  newLegalBasis,
  newReply,
  newSection,
  newTask,
  newTaskReview,
  patchAt,
  taskFromNational,
} = await import("./edits");

const root = fileURLToPath(new URL("../../", import.meta.url));
const plan: Plan = JSON.parse(readFileSync(root + "tests/fixtures/contract-plan.json", "utf8")).plan;

function cases(): Record<string, Edit> {
  const year = plan.identity.year;
  const group = plan.groups[0];
  const task = group.tasks[0];
  const goal = plan.specific_goals[0];
  const catalogueIndicator: CatalogueIndicator = {
    id: "ct-test",
    name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
    pillar: "chinh_quyen_so",
    unit: "%",
    comparator: "at_least",
    target: null,
    target_max: null,
    denominator: null,
    source: "thử",
  };
  const library: LibraryDocument = {
    id: "luat-cds",
    kind: "luat",
    number: "148/2025/QH15",
    date: null,
    issuer: "Quốc hội",
    title: "Chuyển đổi số",
    library_ref: null,
    in_force: true,
    in_force_from: null,
    superseded_from: null,
    replaced_by: null,
    guidance_for: null,
    note: "",
  };
  const national: NationalTask = { code: "9.9", group: "9", title: "Nhiệm vụ quốc gia thử", ministry_support: "", deadline: null, focal_unit: "" };
  const review = plan.assessment.indicators;
  const round = plan.consultation!;
  return {
    "identity: issue date cleared, number empty": edit.identity(plan, { issue_date: null, number: null, archive_unit: archiveUnit("Lưu: VT, KGVX.") }),
    "identity: decision added, empty": edit.identity(plan, {
      decision: { number: null, symbol: "QĐ-UBND", issue_date: null, proposal: "" },
    }),
    "identity: no drafting agency, no deputy line": edit.identity(plan, { drafting_agency: null, signer: { ...plan.identity.signer, deputy_line: null } }),
    "text: vision emptied": edit.text("vision", ""),
    "agency: new, no short name": edit.agency(newAgency("Sở Văn hóa, Thể thao và Du lịch", "")),
    "agency: removed": edit.removeAgency(plan.directory.find((a) => !plan.groups.some((g) => g.tasks.some((t) => t.lead.includes(a.id) || t.coordinating.includes(a.id))) && a.id !== plan.identity.drafting_agency)!.id),
    "legal bases: typed one, all empty": edit.legalBases([...plan.legal_bases, newLegalBasis()]),
    "legal bases: from the library, no date": edit.legalBases([...plan.legal_bases, legalBasisFromLibrary(library)]),
    "solutions: new section": edit.solutions([...plan.solutions, newSection()]),
    "assessment: indicator target, actual and verdict unset": edit.assessment(plan, {
      indicators: review.length
        ? patchAt(review, 0, { actual: null, achieved: null, indicator: { ...review[0].indicator, target: null } })
        : [],
    }),
    "assessment: indicator actual typed, achieved": edit.assessment(plan, {
      indicators: review.length ? patchAt(review, 0, { actual: "87.5", achieved: true }) : [],
    }),
    "assessment: last year's indicator and task typed in, all unset": edit.assessment(plan, {
      indicators: [...review, newIndicatorReview(year - 1)],
      tasks: [...plan.assessment.tasks, newTaskReview()],
    }),
    "assessment: task status chosen": edit.assessment(plan, { tasks: [{ ...newTaskReview(), title: "Nhiệm vụ", status: "hoan_thanh" }] }),
    "goals: new goal without indicators": edit.goals([...plan.specific_goals, newGoal()]),
    "goals: new indicator, empty target": edit.goals(patchAt(plan.specific_goals, 0, { indicators: [...goal.indicators, newIndicator(year)] })),
    "goals: indicator from the catalogue without a target": edit.goals(
      patchAt(plan.specific_goals, 0, { indicators: [...goal.indicators, indicatorFromCatalogue(catalogueIndicator, year)] }),
    ),
    "goals: range with no upper bound, no deadline": edit.goals(
      patchAt(plan.specific_goals, 0, {
        indicators: patchAt(goal.indicators, 0, { comparator: "range", target: "65", target_max: null, target_date: null }),
      }),
    ),
    "goals: renamed": edit.goals(patchAt(plan.specific_goals, 0, { title: "Chính quyền số" })),
    "group: added": edit.addGroup(newGroup()),
    "group: renamed, no framework reference": edit.updateGroup(group, { title: "Nhận thức số", framework_ref: null }),
    "group: moved": edit.moveGroup(group.id, 1),
    "group: removed": edit.removeGroup(plan.groups[plan.groups.length - 1].id),
    "task: added blank": edit.addTask(group.id, newTask()),
    "task: added from the national catalogue": edit.addTask(group.id, taskFromNational(national, "vn-tinh-2024:9.9", year), 0),
    "task: no deadline, no lead, budget line added": edit.updateTask(task, { deadline: null, lead: [], budget: [...task.budget, newBudgetLine()] }),
    "task: budget line without source or level": edit.updateTask(task, { budget: [{ amount: "1250.5", source: null, level: null, note: "" }] }),
    "task: quarter deadline, status": edit.updateTask(task, { deadline: { kind: "quarter", year, quarter: 3 }, status: "dang_trien_khai" }),
    "task: removed": edit.removeTask(group.tasks[group.tasks.length - 1].id),
    "task: moved past the end of another group": edit.moveTask(task.id, plan.groups[1].id, 1e6),
    "budget: unallocated lines": edit.unallocated([newBudgetLine()]),
    "organisation: duty edited": edit.duties(patchAt(plan.organisation.duties, 0, { text: "", generated: false })),
    "organisation: regenerated": edit.regenerateDuties(),
    "plan: replaced": edit.replacePlan({ ...plan, groups: plan.groups.slice(0, 1) }),
    "tracking: status only, nothing reported": edit.trackTask(task, { status: "cham_tien_do" }),
    "tracking: report with an amount and a date": edit.trackTask(task, {
      status: "hoan_thanh",
      progress: { note: "Đã vận hành", spent: "1250.5", updated: `${year}-10-15`, evidence: "QĐ 12/QĐ-UBND" },
    }),
    "tracking: indicator actual and day measured": edit.trackIndicator(goal.indicators[0], { actual: "87.5", measured: `${year}-11-30` }),
    "tracking: indicator actual cleared": edit.trackIndicator(goal.indicators[0], { actual: null, measured: null }),
    "find and replace: in one task's title": edit.replaceText(task.title.slice(0, 6), "Tổ chức", [{ kind: "task_title", id: task.id }]),
    "find and replace: everywhere": edit.replaceText(task.title.slice(0, 6), "Tổ chức", null),
    "import: a point to check marked as seen": edit.dismissReview([plan.to_review![0].id]),
    "final check: a wording confirmed as intended": edit.setIntended(
      { severity: "error", code: "final.district_level", location: { section: "goals", label: "Tầm nhìn" }, message: "…", key: "final.district_level|vision|cap huyen" },
      true,
    ),
    "tasks: one deadline for those without": edit.fillDeadlines({ kind: "quarter", year, quarter: 4 }),
    "consultation: a letter typed in, a comment on a task with a wording": (() => {
      const reply = newReply(round.agencies[1], "45/STC-NS", `${year - 1}-11-29`, `${year - 1}-11-30`);
      return edit.recordReply(reply, [newComment(reply, { kind: "task", id: task.id }, "Làm rõ sản phẩm.", "Xây dựng kho dữ liệu")]);
    })(),
    "consultation: a letter agreeing, no comment": edit.recordReply(newReply(round.agencies[2], "12/SKHĐT-VP", `${year - 1}-11-28`, `${year - 1}-11-30`), []),
    "consultation: accepted without a note": edit.answerComment(round.comments[0].id, answerOf("accepted", "")),
    "consultation: not accepted, with the reason": edit.answerComment(round.comments[0].id, answerOf("rejected", "Ngoài phạm vi.")),
    "consultation: a comment removed": edit.removeComment(round.comments[0].id),
    "consultation: letter number cleared, silence agrees": edit.updateConsultation(round, { letter_number: null, silence_agrees: true }),
  };
}

describe("the edits the window sends", () => {
  it("cover every kind of edit and are written for the core's contract test", () => {
    const all = cases();
    const ops = new Set(Object.values(all).map((e) => e.op));
    const every: Edit["op"][] = [
      "set_identity", "set_text", "upsert_agency", "remove_agency", "set_legal_bases", "set_solutions", "set_assessment",
      "set_goals", "add_group", "update_group", "remove_group", "move_group", "add_task", "update_task", "remove_task",
      "move_task", "set_unallocated_budget", "set_duties", "regenerate_duties", "replace_plan", "track_task", "track_indicator",
      "set_intended", "replace_text", "dismiss_review", "fill_deadlines", "record_reply", "answer_comment", "remove_comment",
      "update_consultation",
    ];
    expect([...every].filter((op) => !ops.has(op))).toEqual([]);
    // Unset values travel as null, the way the core models them — never as a made-up 0.
    const indicator = (all["goals: new indicator, empty target"] as Extract<Edit, { op: "set_goals" }>).goals[0].indicators.at(-1)!;
    expect(indicator.target).toBeNull();
    const fixture = Object.entries(all).map(([name, e]) => ({ name, edit: e }));
    // One edit a line: a change of shape shows as a one-line diff.
    writeFileSync(root + "tests/fixtures/ui-edits.json", "[\n" + fixture.map((c) => JSON.stringify(c)).join(",\n") + "\n]\n");
  });

  it("«Lưu: VT, …» keeps only the unit the planner adds", () => {
    expect(archiveUnit("Lưu: VT, KGVX.")).toBe("KGVX");
    expect(archiveUnit("VT, KGVX")).toBe("KGVX");
    expect(archiveUnit("KGVX")).toBe("KGVX");
  });
});
