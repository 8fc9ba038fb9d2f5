// Tasks, one editable table per group: add, reorder by drag or Alt+↑/↓, move between
// groups, lead and coordinating agencies by type-ahead, a deadline widget, budget lines;
// and "add from the national catalogue" showing which national tasks the plan covers.
import { useMemo, useState } from "react";
import type { BudgetLine } from "../bindings/BudgetLine";
import type { Catalogues } from "../bindings/Catalogues";
import type { Task } from "../bindings/Task";
import type { TaskGroup } from "../bindings/TaskGroup";
import type { PlanApi } from "../usePlan";
import { LEVELS, SOURCES, TASK_STATUS, amountInput, options, parseAmount } from "../labels";
import { newId } from "../text";
import { AgencyPicker } from "../widgets/AgencyPicker";
import { Confirm } from "../widgets/Confirm";
import { DeadlineInput } from "../widgets/DeadlineInput";
import { TextInput } from "../widgets/Fields";
import type { PlanView } from "../bindings/PlanView";

type Props = { view: PlanView; plan: PlanApi; catalogues: Catalogues | null };

export function blankTask(): Task {
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
  };
}

export function Tasks({ view, plan, catalogues }: Props) {
  const [catalogueFor, setCatalogueFor] = useState<string | null>(null);
  const [removeGroup, setRemoveGroup] = useState<TaskGroup | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const groups = view.plan.groups;
  const numberOf = useMemo(() => new Map(view.tasks.map((t) => [t.id, t])), [view.tasks]);

  function addGroup() {
    plan.apply({
      op: "add_group",
      group: { id: newId(), title: "Nhóm nhiệm vụ mới", framework_ref: null, intro: "", tasks: [] },
      index: null,
    });
  }

  return (
    <div className="tasks">
      <div className="section-head">
        <h2>Nhiệm vụ</h2>
        <span className="muted">
          {view.tasks.length} nhiệm vụ trong {groups.length} nhóm · Số thứ tự do ứng dụng đánh, không nhập tay.
        </span>
        <button onClick={addGroup}>+ Thêm nhóm</button>
      </div>
      {groups.length === 0 && <p className="muted">Chưa có nhóm nhiệm vụ nào.</p>}
      {groups.map((g, gi) => (
        <section className="group card" key={g.id} data-loc={`group-${g.id}`}>
          <header className="group-head">
            <span className="number">{view.groups[gi]?.number}.</span>
            <TextInput
              label={`Tên nhóm ${view.groups[gi]?.number}`}
              hideLabel
              className="grow"
              value={g.title}
              onCommit={(title) =>
                plan.apply({ op: "update_group", id: g.id, title, intro: g.intro, framework_ref: g.framework_ref })
              }
            />
            <button title="Chuyển nhóm lên" disabled={gi === 0} onClick={() => plan.apply({ op: "move_group", id: g.id, to: gi - 1 })}>
              ↑
            </button>
            <button
              title="Chuyển nhóm xuống"
              disabled={gi === groups.length - 1}
              onClick={() => plan.apply({ op: "move_group", id: g.id, to: gi + 1 })}
            >
              ↓
            </button>
            <button onClick={() => setCatalogueFor(g.id)}>Danh mục quốc gia…</button>
            <button
              className="primary"
              onClick={() => plan.apply({ op: "add_task", group: g.id, task: blankTask(), index: null })}
            >
              + Thêm nhiệm vụ
            </button>
            <button className="danger" title="Xóa nhóm" onClick={() => (g.tasks.length ? setRemoveGroup(g) : plan.apply({ op: "remove_group", id: g.id }))}>
              Xóa nhóm
            </button>
          </header>
          <div
            className="task-list"
            onDragOver={(e) => dragged && e.preventDefault()}
            onDrop={(e) => {
              if (dragged && g.tasks.length === 0) {
                e.preventDefault();
                plan.apply({ op: "move_task", id: dragged, group: g.id, index: 0 });
                setDragged(null);
              }
            }}
          >
            {g.tasks.length === 0 && <p className="muted drop-here">Chưa có nhiệm vụ. Kéo một nhiệm vụ vào đây hoặc bấm «Thêm nhiệm vụ».</p>}
            {g.tasks.map((t, ti) => (
              <TaskRow
                key={t.id}
                task={t}
                number={numberOf.get(t.id)?.number ?? ""}
                budgetText={numberOf.get(t.id)?.budget ?? ""}
                view={view}
                plan={plan}
                groupId={g.id}
                index={ti}
                count={g.tasks.length}
                onDragStart={() => setDragged(t.id)}
                onDrop={() => {
                  if (dragged && dragged !== t.id) plan.apply({ op: "move_task", id: dragged, group: g.id, index: ti });
                  setDragged(null);
                }}
              />
            ))}
          </div>
        </section>
      ))}
      {catalogueFor && catalogues && (
        <NationalCatalogue
          catalogues={catalogues}
          covered={view.national_covered}
          planYear={view.plan.identity.year}
          onClose={() => setCatalogueFor(null)}
          onAdd={(task) => plan.apply({ op: "add_task", group: catalogueFor, task, index: null })}
        />
      )}
      {removeGroup && (
        <Confirm
          title="Xóa nhóm nhiệm vụ?"
          confirmLabel="Xóa nhóm"
          onCancel={() => setRemoveGroup(null)}
          onConfirm={() => {
            plan.apply({ op: "remove_group", id: removeGroup.id });
            setRemoveGroup(null);
          }}
        >
          Nhóm «{removeGroup.title}» và {removeGroup.tasks.length} nhiệm vụ của nhóm sẽ bị xóa (có thể hoàn tác bằng Ctrl+Z).
        </Confirm>
      )}
    </div>
  );
}

type RowProps = {
  task: Task;
  number: string;
  budgetText: string;
  view: PlanView;
  plan: PlanApi;
  groupId: string;
  index: number;
  count: number;
  onDragStart: () => void;
  onDrop: () => void;
};

function TaskRow({ task, number, budgetText, view, plan, groupId, index, count, onDragStart, onDrop }: RowProps) {
  const [showBudget, setShowBudget] = useState(false);
  const update = (patch: Partial<Task>) => plan.apply({ op: "update_task", task: { ...task, ...patch } });
  const move = (to: number) => plan.apply({ op: "move_task", id: task.id, group: groupId, index: to });
  const agencies = view.plan.directory;
  const problems = view.findings.filter((f) => f.location.task === task.id);
  return (
    <div
      className={"task" + (problems.some((f) => f.severity === "error") ? " has-error" : "")}
      data-loc={`task-${task.id}`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDrop();
      }}
      onKeyDown={(e) => {
        if (e.altKey && e.key === "ArrowUp" && index > 0) {
          e.preventDefault();
          move(index - 1);
        } else if (e.altKey && e.key === "ArrowDown" && index < count - 1) {
          e.preventDefault();
          move(index + 1);
        }
      }}
    >
      <div className="task-line">
        <span
          className="handle"
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData("text/plain", task.id);
            onDragStart();
          }}
          title="Kéo để đổi thứ tự (hoặc Alt+↑/↓)"
        >
          ⠿ {number}
        </span>
        <TextInput
          label={`Tên nhiệm vụ ${number}`}
          hideLabel
          className="grow"
          placeholder="Tên nhiệm vụ"
          invalid={!task.title.trim()}
          value={task.title}
          onCommit={(title) => update({ title })}
        />
        <select
          aria-label={`Chuyển nhiệm vụ ${number} sang nhóm`}
          value={groupId}
          onChange={(e) => plan.apply({ op: "move_task", id: task.id, group: e.target.value, index: 1e6 })}
        >
          {view.plan.groups.map((g, i) => (
            <option key={g.id} value={g.id}>
              Nhóm {view.groups[i]?.number}
            </option>
          ))}
        </select>
        <button title="Lên" disabled={index === 0} onClick={() => move(index - 1)}>
          ↑
        </button>
        <button title="Xuống" disabled={index === count - 1} onClick={() => move(index + 1)}>
          ↓
        </button>
        <button className="danger" title={`Xóa nhiệm vụ ${number}`} onClick={() => plan.apply({ op: "remove_task", id: task.id })}>
          ✕
        </button>
      </div>
      <div className="task-fields">
        <label className="field">
          <span>Chủ trì</span>
          <AgencyPicker
            label={`Cơ quan chủ trì nhiệm vụ ${number}`}
            agencies={agencies}
            value={task.lead}
            invalid
            onChange={(lead) => update({ lead })}
          />
        </label>
        <label className="field">
          <span>Phối hợp</span>
          <AgencyPicker
            label={`Cơ quan phối hợp nhiệm vụ ${number}`}
            agencies={agencies}
            value={task.coordinating}
            multiple
            onChange={(coordinating) => update({ coordinating })}
          />
        </label>
        <div className="field">
          <span>Thời hạn</span>
          <DeadlineInput
            label={`Thời hạn nhiệm vụ ${number}`}
            value={task.deadline}
            planYear={view.plan.identity.year}
            onChange={(deadline) => update({ deadline })}
          />
        </div>
        <TextInput label="Sản phẩm" value={task.output} onCommit={(output) => update({ output })} />
        <div className="field narrow">
          <span>Kinh phí (tr.đ)</span>
          <button className="link" onClick={() => setShowBudget(!showBudget)}>
            {budgetText || "Chưa có"} {showBudget ? "▴" : "▾"}
          </button>
        </div>
        <label className="field narrow">
          <span>Tình trạng</span>
          <select value={task.status} onChange={(e) => update({ status: e.target.value as Task["status"] })}>
            {options(TASK_STATUS)}
          </select>
        </label>
      </div>
      {showBudget && <BudgetLines lines={task.budget} onChange={(budget) => update({ budget })} />}
      {problems.length > 0 && (
        <ul className="inline-findings">
          {problems.map((f, i) => (
            <li key={i} className={f.severity}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Budget lines (million VND, source, level), also used for the plan's unallocated lines. */
export function BudgetLines({ lines, onChange }: { lines: BudgetLine[]; onChange: (l: BudgetLine[]) => void }) {
  const [bad, setBad] = useState<number | null>(null);
  const set = (i: number, patch: Partial<BudgetLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <div className="budget-lines">
      {lines.map((l, i) => (
        <div className="row" key={i}>
          <input
            aria-label="Số tiền (triệu đồng)"
            className={bad === i ? "invalid" : ""}
            defaultValue={amountInput(l.amount)}
            onBlur={(e) => {
              const amount = parseAmount(e.target.value);
              if (amount === null) return setBad(i);
              setBad(null);
              if (amount !== l.amount) set(i, { amount });
            }}
          />
          <select aria-label="Nguồn" value={l.source ?? ""} onChange={(e) => set(i, { source: (e.target.value || null) as BudgetLine["source"] })}>
            <option value="">Nguồn…</option>
            {options(SOURCES)}
          </select>
          <select aria-label="Cấp ngân sách" value={l.level ?? ""} onChange={(e) => set(i, { level: (e.target.value || null) as BudgetLine["level"] })}>
            <option value="">Cấp…</option>
            {options(LEVELS)}
          </select>
          <input aria-label="Ghi chú" defaultValue={l.note} onBlur={(e) => e.target.value !== l.note && set(i, { note: e.target.value })} />
          <button className="danger" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
            ✕
          </button>
          {bad === i && <span className="field-error">Số tiền viết như 1.250,5</span>}
        </div>
      ))}
      <button onClick={() => onChange([...lines, { amount: "0", source: "thuong_xuyen", level: "tinh", note: "" }])}>
        + Dòng kinh phí
      </button>
    </div>
  );
}

type CatalogueProps = {
  catalogues: Catalogues;
  covered: string[];
  planYear: number;
  onClose: () => void;
  onAdd: (t: Task) => void;
};

function NationalCatalogue({ catalogues, covered, planYear, onClose, onAdd }: CatalogueProps) {
  const cat = catalogues.active.find((c) => c.body.kind === "national_tasks");
  if (!cat || cat.body.kind !== "national_tasks") return null;
  const { groups, tasks } = cat.body.items;
  const done = new Set(covered);
  const count = tasks.filter((t) => done.has(`${cat.meta.id}:${t.code}`)).length;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="modal large" role="dialog" aria-modal="true" aria-label="Danh mục nhiệm vụ quốc gia">
        <div className="section-head">
          <h3>{cat.meta.title}</h3>
          <span className="muted">
            Kế hoạch đã có {count}/{tasks.length} nhiệm vụ · {cat.meta.source}
          </span>
          <button onClick={onClose}>Đóng</button>
        </div>
        <div className="scroll">
          {groups.map((g) => (
            <div key={g.code}>
              <h4>
                {g.code}. {g.title}
              </h4>
              {tasks
                .filter((t) => t.group === g.code)
                .map((t) => {
                  const ref = `${cat.meta.id}:${t.code}`;
                  const has = done.has(ref);
                  return (
                    <div className={"catalogue-task" + (has ? " covered" : "")} key={t.code}>
                      <span className="mark">{has ? "✓" : "○"}</span>
                      <span className="grow">
                        <b>{t.code}</b> {t.title}
                      </span>
                      <button
                        disabled={has}
                        onClick={() => {
                          const deadline = t.deadline ?? { kind: "year" as const, year: planYear };
                          onAdd({ ...blankTask(), title: t.title, deadline, national_task: ref });
                        }}
                      >
                        {has ? "Đã có" : "Thêm"}
                      </button>
                    </div>
                  );
                })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
