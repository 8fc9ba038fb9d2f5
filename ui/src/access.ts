// What the account the window works as may change. A drafter changes the whole plan; a
// department's account (on the shared server) only the tasks its agency leads, and adds tasks
// that its agency leads. The server refuses anything else by itself (migration
// postgres/0003); the window only spares the planner a refused edit by showing the rest
// read-only.
import type { PlanView } from "./bindings/PlanView";
import type { Task } from "./bindings/Task";

/** The department's agency name, or null for a drafter. */
export function department(view: PlanView): string | null {
  return view.account.agency ?? null;
}

/** The plan's directory ids of the department's agency. */
export function ownAgencyIds(view: PlanView): string[] {
  const agency = department(view);
  return agency ? view.plan.directory.filter((a) => a.name === agency).map((a) => a.id) : [];
}

export function mayEditTask(view: PlanView, task: Task): boolean {
  if (!department(view)) return true;
  const own = ownAgencyIds(view);
  return task.lead.some((id) => own.includes(id));
}

/** A new task as this account may add it: a department's leads it itself. */
export function leadOfNewTask(view: PlanView): string[] {
  return department(view) ? ownAgencyIds(view).slice(0, 1) : [];
}
