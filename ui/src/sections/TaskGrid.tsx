// The plan's tasks as one compact table that holds a hundred of them: a row per task under
// its group's heading, search and filters, keys as in a spreadsheet. A row opens into the card
// editor (click or Enter) and closes again (Esc); one at a time. Nothing here deletes a task:
// that stays a button of the card editor, away from keys pressed in passing.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Agency } from "../bindings/Agency";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import type { Task } from "../bindings/Task";
import type { TaskGroup } from "../bindings/TaskGroup";
import type { TaskLine } from "../bindings/TaskLine";
import type { TaskStatus } from "../bindings/TaskStatus";
import { department, leadOfNewTask } from "../access";
import { edit, groupIn, newTask } from "../edits";
import { TASK_STATUS, options } from "../labels";
import { matches } from "../text";
import type { PlanApi } from "../usePlan";
import { TextInput } from "../widgets/Fields";
import { CommentMarker, TaskComments, commentsOnTasks } from "../widgets/TaskComments";

/** Where a task stands: what the core computes for it (number, deadline and budget text) and
 * its place in its group. */
export type TaskPlace = { line: TaskLine; group: string; index: number; count: number };

type Row = TaskPlace & { task: Task };

type Props = {
  view: PlanView;
  plan: PlanApi;
  /** The task the validation panel jumps to: its row opens, so that its fields exist. */
  focusTask?: string | null;
  /** The editor of the open row; `close` folds it back into its row. */
  renderEditor: (task: Task, at: TaskPlace, close: () => void) => ReactNode;
  onCatalogue: (group: string) => void;
  onRemoveGroup: (group: TaskGroup) => void;
};

// Amounts are in million đồng, as everywhere in the plan (the budget screen says so).
const COLUMNS = ["Số", "Tên nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Kinh phí", "Tình trạng"];
const LAST_COL = COLUMNS.length - 1;
/** Rows PageUp/PageDown move by. */
const PAGE = 10;

type Filters = { query: string; group: string; agency: string; status: TaskStatus | ""; flagged: boolean };
const NO_FILTERS: Filters = { query: "", group: "", agency: "", status: "", flagged: false };

export function TaskGrid({ view, plan, focusTask = null, renderEditor, onCatalogue, onRemoveGroup }: Props) {
  const readOnlyGroups = department(view) !== null;
  const [filters, setFilters] = useState(NO_FILTERS);
  const [open, setOpen] = useState<string | null>(focusTask);
  const [current, setCurrent] = useState<{ task: string | null; col: number }>({ task: focusTask, col: 0 });
  const [dragged, setDragged] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);

  // A jump opens the task's row during this render, before Editor focuses its first field.
  const [jumpedTo, setJumpedTo] = useState(focusTask);
  if (focusTask !== jumpedTo) {
    setJumpedTo(focusTask);
    if (focusTask) expand(focusTask);
  }

  // What to focus once it is on the page: after the next render (a row opened or closed), or
  // after the edit in flight comes back (a task added; a moved row React may have re-inserted).
  const focusAfterRender = useRef<(() => HTMLElement | null) | null>(null);
  const focusAfterEdit = useRef<(() => HTMLElement | null) | null>(null);
  useEffect(() => takeFocus(focusAfterRender));
  useEffect(() => takeFocus(focusAfterEdit), [view]);

  const groups = view.plan.groups;
  const all = useMemo(() => rowsOf(view), [view]);
  const findingsOf = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of view.findings) if (f.location.task) m.set(f.location.task, [...(m.get(f.location.task) ?? []), f]);
    return m;
  }, [view.findings]);
  const agencies = useMemo(() => new Map(view.plan.directory.map((a) => [a.id, a])), [view.plan.directory]);
  const commentsOf = useMemo(() => commentsOnTasks(view), [view]);
  const usedAgencies = useMemo(() => {
    const used = new Set(all.flatMap((r) => [...r.task.lead, ...r.task.coordinating]));
    return view.plan.directory.filter((a) => used.has(a.id)).sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }, [all, view.plan.directory]);

  const filtering = (Object.keys(NO_FILTERS) as (keyof Filters)[]).some((k) => filters[k] !== NO_FILTERS[k]);
  const passes = (r: Row) => {
    const { task } = r;
    const involved = [...task.lead, ...task.coordinating];
    return (
      (!filters.group || r.group === filters.group) &&
      (!filters.agency || involved.includes(filters.agency)) &&
      (!filters.status || task.status === filters.status) &&
      (!filters.flagged || findingsOf.has(task.id)) &&
      matches(filters.query, r.line.number, task.title, task.output, ...involved.flatMap((id) => [agencies.get(id)?.name, agencies.get(id)?.short]))
    );
  };
  // The open row stays while it is edited, even when an edit takes it out of the filter.
  const shown = all.filter((r) => r.task.id === open || passes(r));
  const tabRow = shown.some((r) => r.task.id === current.task) ? current.task : (shown[0]?.task.id ?? null);

  const rowEl = (id: string) =>
    [...(grid.current?.querySelectorAll<HTMLElement>("[data-task]") ?? [])].find((r) => r.dataset.task === id) ?? null;
  /** The cell to focus in a row: the column asked for, or the open row's one cell. */
  const cellOf = (id: string, col: number) =>
    rowEl(id)?.querySelector<HTMLElement>(`[data-col="${col}"]`) ?? rowEl(id)?.querySelector<HTMLElement>("[data-col]") ?? null;
  /** The open editor's first field (the title), as the validation panel's jump focuses it too. */
  const firstField = (id: string) => rowEl(id)?.querySelector<HTMLElement>("input, textarea, select") ?? null;

  /** Opens the row (closing any other) and makes it the current one. */
  function expand(id: string) {
    setOpen(id);
    setCurrent((c) => ({ ...c, task: id }));
  }

  function openRow(id: string) {
    if (open === id) {
      firstField(id)?.focus();
      return;
    }
    expand(id);
    focusAfterRender.current = () => firstField(id);
  }

  function closeRow(id: string) {
    // Fields that save when left (budget amounts) save now, before they go.
    (document.activeElement as HTMLElement | null)?.blur();
    setOpen(null);
    focusAfterRender.current = () => cellOf(id, current.col);
  }

  function addTask(group: string) {
    const task = { ...newTask(), lead: leadOfNewTask(view) };
    plan.apply(edit.addTask(group, task));
    expand(task.id);
    focusAfterEdit.current = () => firstField(task.id);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const target = e.target as HTMLElement;
    const id = target.closest<HTMLElement>("[data-task]")?.dataset.task;
    const row = shown.find((r) => r.task.id === id);
    if (!row || e.defaultPrevented) return;
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const to = row.index + (e.key === "ArrowUp" ? -1 : 1);
      if (to < 0 || to >= row.count) return;
      const focused = document.activeElement as HTMLElement | null;
      focusAfterEdit.current = () => focused;
      plan.apply(edit.moveTask(row.task.id, row.group, to));
      return;
    }
    // In the open editor's fields the keys are the fields'; only Escape goes back to the grid.
    if (!target.hasAttribute("data-col")) {
      if (e.key === "Escape") {
        e.preventDefault();
        closeRow(row.task.id);
      }
      return;
    }
    const at = shown.indexOf(row);
    const go = (i: number, col = current.col) => {
      const to = shown[Math.max(0, Math.min(i, shown.length - 1))];
      if (to) cellOf(to.task.id, col)?.focus();
    };
    switch (e.key) {
      case "ArrowDown":
        go(at + 1);
        break;
      case "ArrowUp":
        go(at - 1);
        break;
      case "PageDown":
        go(at + PAGE);
        break;
      case "PageUp":
        go(at - PAGE);
        break;
      case "ArrowRight":
        go(at, Math.min(current.col + 1, LAST_COL));
        break;
      case "ArrowLeft":
        go(at, Math.max(current.col - 1, 0));
        break;
      case "Home":
        go(e.ctrlKey ? 0 : at, 0);
        break;
      case "End":
        go(e.ctrlKey ? shown.length - 1 : at, LAST_COL);
        break;
      case "Enter":
        openRow(row.task.id);
        break;
      case "Escape":
        if (open === row.task.id) closeRow(row.task.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  // The current cell follows focus, whether it came by key, click or Tab.
  function onFocus(e: React.FocusEvent) {
    const target = e.target as HTMLElement;
    const id = target.closest<HTMLElement>("[data-task]")?.dataset.task;
    if (!id) return;
    const col = Number(target.dataset.col); // NaN in the open editor: the column is kept
    setCurrent((c) => {
      const next = { task: id, col: Number.isInteger(col) ? col : c.col };
      return next.task === c.task && next.col === c.col ? c : next; // no re-render for each field
    });
  }

  /** A row (or a group's heading, index 0) that a dragged task can be dropped on. */
  const dropOn = (group: string, index: number, self?: string) => ({
    onDragOver: (e: React.DragEvent) => dragged && e.preventDefault(),
    onDrop: (e: React.DragEvent) => {
      e.preventDefault();
      if (dragged && dragged !== self) plan.apply(edit.moveTask(dragged, group, index));
      setDragged(null);
    },
  });
  const name = (id: string, short: boolean) => {
    const a: Agency | undefined = agencies.get(id);
    return a ? (short ? (a.short ?? a.name) : a.name) : id;
  };
  const names = (ids: string[], short: boolean) => ids.map((id) => name(id, short)).join(", ");

  let rowIndex = 1; // the column headings are row 1
  const body = groups.map((g, gi) => {
    const rows = shown.filter((r) => r.group === g.id);
    if (filtering && rows.length === 0 && filters.group !== g.id) return null;
    const number = view.groups[gi]?.number ?? String(gi + 1);
    return (
      <section role="rowgroup" className="group" key={g.id} data-loc={`group-${g.id}`}>
        <div role="row" className="group-row" aria-rowindex={++rowIndex} {...dropOn(g.id, 0)}>
          <div role="gridcell" aria-colspan={COLUMNS.length} className="group-head">
            {/* A department's account may only add tasks (its own) to a group. */}
            <fieldset className="bare" disabled={readOnlyGroups}>
            <span className="number">{number}.</span>
            <TextInput
              label={`Tên nhóm ${number}`}
              hideLabel
              className="grow"
              value={g.title}
              onCommit={(title) => plan.apply((v) => edit.updateGroup(groupIn(v, g.id) ?? g, { title }))}
            />
            <span className="muted">{g.tasks.length} nhiệm vụ</span>
            <button title="Chuyển nhóm lên" aria-label={`Chuyển nhóm ${number} lên`} disabled={gi === 0} onClick={() => plan.apply(edit.moveGroup(g.id, gi - 1))}>
              ↑
            </button>
            <button
              title="Chuyển nhóm xuống"
              aria-label={`Chuyển nhóm ${number} xuống`}
              disabled={gi === groups.length - 1}
              onClick={() => plan.apply(edit.moveGroup(g.id, gi + 1))}
            >
              ↓
            </button>
            <button onClick={() => onCatalogue(g.id)}>Danh mục quốc gia…</button>
            </fieldset>
            <button className="primary" onClick={() => addTask(g.id)}>
              + Thêm nhiệm vụ
            </button>
            <button className="danger" title={`Xóa nhóm ${number}`} disabled={readOnlyGroups} onClick={() => onRemoveGroup(g)}>
              Xóa nhóm
            </button>
          </div>
        </div>
        {g.tasks.length === 0 && (
          <div role="row" aria-rowindex={++rowIndex}>
            <div role="gridcell" aria-colspan={COLUMNS.length} className="muted drop-here">
              Chưa có nhiệm vụ. Kéo một nhiệm vụ vào đây hoặc bấm «Thêm nhiệm vụ».
            </div>
          </div>
        )}
        {rows.map((r) => {
          const { task, line } = r;
          const id = task.id;
          const isOpen = open === id;
          const tab = (col: number) => (id === tabRow && (isOpen || col === current.col) ? 0 : -1);
          const cell = (col: number, content: ReactNode, title: string, className = "") => (
            <div role="gridcell" aria-colindex={col + 1} data-col={col} tabIndex={tab(col)} title={title} className={className}>
              <span className="clamp">{content}</span>
            </div>
          );
          const problems = findingsOf.get(id) ?? [];
          return (
            <div
              role="row"
              key={id}
              aria-rowindex={++rowIndex}
              aria-selected={id === tabRow}
              aria-expanded={isOpen}
              data-task={id}
              data-loc={`task-${id}`}
              data-number={line.number}
              className={isOpen ? "task open" : "task grid-row"}
              onClick={isOpen ? undefined : () => openRow(id)}
              {...dropOn(r.group, r.index, id)}
            >
              {isOpen ? (
                <div role="gridcell" aria-colspan={COLUMNS.length} data-col="open" tabIndex={tab(0)} className="task-editor">
                  {renderEditor(task, r, () => closeRow(id))}
                  <TaskComments comments={commentsOf.get(id) ?? []} agency={(a) => name(a, false)} />
                </div>
              ) : (
                <>
                  {cell(
                    0,
                    <>
                      <span
                        className="handle"
                        draggable
                        onDragStart={(e) => {
                          e.dataTransfer.setData("text/plain", id);
                          setDragged(id);
                        }}
                        onDragEnd={() => setDragged(null)}
                        title="Kéo để đổi thứ tự (hoặc Alt+↑/↓)"
                      >
                        ⠿ {line.number}
                      </span>
                      <Marker findings={problems} />
                      <CommentMarker comments={commentsOf.get(id) ?? []} agency={(a) => name(a, false)} />
                    </>,
                    `Nhiệm vụ ${line.number}`,
                    "num-cell",
                  )}
                  {cell(1, task.title || "Chưa có tên", [task.title, task.output && `Sản phẩm: ${task.output}`].filter(Boolean).join("\n"), task.title ? "" : "missing")}
                  {cell(2, task.lead.length ? names(task.lead, true) : "Chưa có", names(task.lead, false), task.lead.length ? "" : "missing")}
                  {cell(3, names(task.coordinating, true), names(task.coordinating, false))}
                  {cell(4, line.deadline, line.deadline)}
                  {cell(5, line.budget, line.budget, "money")}
                  {cell(6, TASK_STATUS[task.status], TASK_STATUS[task.status], `status ${task.status}`)}
                </>
              )}
            </div>
          );
        })}
      </section>
    );
  });

  const nothingShown = filtering && shown.length === 0;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      <div className="task-tools" role="search">
        <input
          type="search"
          aria-label="Tìm nhiệm vụ"
          placeholder="Tìm theo số, tên, cơ quan, sản phẩm…"
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
          onKeyDown={(e) => {
            // From the search box straight into the results.
            if ((e.key === "ArrowDown" || e.key === "Enter") && shown[0]) {
              e.preventDefault();
              cellOf(shown[0].task.id, current.col)?.focus();
            }
          }}
        />
        <select aria-label="Lọc theo nhóm" value={filters.group} onChange={(e) => set({ group: e.target.value })}>
          <option value="">Mọi nhóm</option>
          {groups.map((g, i) => (
            <option key={g.id} value={g.id}>
              {view.groups[i]?.number}. {g.title}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo cơ quan" value={filters.agency} onChange={(e) => set({ agency: e.target.value })}>
          <option value="">Mọi cơ quan</option>
          {usedAgencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo tình trạng" value={filters.status} onChange={(e) => set({ status: e.target.value as Filters["status"] })}>
          <option value="">Mọi tình trạng</option>
          {options(TASK_STATUS)}
        </select>
        <label className="check">
          <input type="checkbox" checked={filters.flagged} onChange={(e) => set({ flagged: e.target.checked })} />
          Có lỗi/lưu ý
        </label>
        <span className="muted" data-testid="task-count" aria-live="polite">
          Hiển thị {shown.length}/{all.length} nhiệm vụ
        </span>
        {filtering && <button onClick={() => setFilters(NO_FILTERS)}>Bỏ lọc</button>}
      </div>
      <div role="grid" aria-label="Danh sách nhiệm vụ" aria-rowcount={rowIndex + (nothingShown ? 1 : 0)} className="task-grid" ref={grid} onKeyDown={onKeyDown} onFocus={onFocus}>
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="grid-row">
            {COLUMNS.map((c, i) => (
              <div role="columnheader" aria-colindex={i + 1} key={c} title={c === "Kinh phí" ? "Kinh phí, triệu đồng" : undefined}>
                {c}
              </div>
            ))}
          </div>
        </div>
        {body}
        {nothingShown && (
          <div role="row" aria-rowindex={rowIndex + 1}>
            <div role="gridcell" className="muted none">
              Không có nhiệm vụ phù hợp.
            </div>
          </div>
        )}
      </div>
    </>
  );
}

type Pending = React.RefObject<(() => HTMLElement | null) | null>;

/** Focuses what `pending` finds, once it is there. */
function takeFocus(pending: Pending) {
  const el = pending.current?.();
  if (el) {
    pending.current = null;
    el.focus();
  }
}

/** Every task in plan order, with its line and place. */
function rowsOf(view: PlanView): Row[] {
  const lines = new Map(view.tasks.map((l) => [l.id, l]));
  return view.plan.groups.flatMap((g) =>
    g.tasks.map((task, index) => ({
      task,
      line: lines.get(task.id) ?? { id: task.id, number: "", deadline: "", budget: "" },
      group: g.id,
      index,
      count: g.tasks.length,
    })),
  );
}

/** A row's findings at a glance: the number of errors in red (or of warnings in amber), each
 * message in the tooltip. */
function Marker({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  const errors = findings.filter((f) => f.severity === "error").length;
  const label = errors ? `${errors} lỗi` : `${findings.length} lưu ý`;
  return (
    <span className={"marker " + (errors ? "error" : "warning")} role="img" aria-label={label} title={findings.map((f) => f.message).join("\n")}>
      {errors || findings.length}
    </span>
  );
}
