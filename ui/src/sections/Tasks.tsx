// Tasks: the grid of every task (TaskGrid), whose open row is the card editor for one task
// below — title, move between groups, lead and coordinating agencies by type-ahead, a deadline
// widget, output, budget lines, status — and "add from the national catalogue" showing which
// national tasks the plan covers.
import { useState } from "react";
import { department, mayEditTask } from "../access";
import type { BudgetLevel } from "../bindings/BudgetLevel";
import type { BudgetLine } from "../bindings/BudgetLine";
import type { Deadline } from "../bindings/Deadline";
import type { Catalogues } from "../bindings/Catalogues";
import type { PlanView } from "../bindings/PlanView";
import type { Task } from "../bindings/Task";
import type { TaskGroup } from "../bindings/TaskGroup";
import { edit, newBudgetLine, patchAt, taskFromNational, taskIn } from "../edits";
import { LEVELS, SOURCES, TASK_STATUS, amountInput, options, parseAmount } from "../labels";
import type { PlanApi } from "../usePlan";
import { AgencyPicker } from "../widgets/AgencyPicker";
import { Confirm } from "../widgets/Confirm";
import { DeadlineInput } from "../widgets/DeadlineInput";
import { DateInput } from "../widgets/DateInput";
import { NumberInput, TextInput } from "../widgets/Fields";
import { TaskGrid, type TaskPlace } from "./TaskGrid";

type Props = {
  view: PlanView;
  plan: PlanApi;
  catalogues: Catalogues | null;
  /** The task the validation panel jumps to. */
  focusTask?: string | null;
};

export function Tasks({ view, plan, catalogues, focusTask = null }: Props) {
  const [catalogueFor, setCatalogueFor] = useState<string | null>(null);
  const [removeGroup, setRemoveGroup] = useState<TaskGroup | null>(null);
  const groups = view.plan.groups;

  return (
    <div className="tasks">
      <div className="section-head">
        <h2>Nhiệm vụ</h2>
        <span className="muted">
          {view.tasks.length} nhiệm vụ trong {groups.length} nhóm · Số thứ tự do ứng dụng đánh, không nhập tay.
        </span>
        <button onClick={() => plan.apply(edit.addGroup())}>+ Thêm nhóm</button>
      </div>
      {!department(view) && <MissingDeadlines view={view} plan={plan} />}
      {groups.length === 0 ? (
        <p className="muted">Chưa có nhóm nhiệm vụ nào.</p>
      ) : (
        <TaskGrid
          view={view}
          plan={plan}
          focusTask={focusTask}
          onCatalogue={setCatalogueFor}
          onRemoveGroup={(g) => (g.tasks.length ? setRemoveGroup(g) : plan.apply(edit.removeGroup(g.id)))}
          renderEditor={(task, at, close) => <TaskRow task={task} at={at} view={view} plan={plan} onClose={close} />}
        />
      )}
      {catalogueFor && catalogues && (
        <NationalCatalogue
          catalogues={catalogues}
          covered={view.national_covered}
          planYear={view.plan.identity.year}
          onClose={() => setCatalogueFor(null)}
          onAdd={(task) => plan.apply(edit.addTask(catalogueFor, task))}
        />
      )}
      {removeGroup && (
        <Confirm
          title="Xóa nhóm nhiệm vụ?"
          confirmLabel="Xóa nhóm"
          onCancel={() => setRemoveGroup(null)}
          onConfirm={() => {
            plan.apply(edit.removeGroup(removeGroup.id));
            setRemoveGroup(null);
          }}
        >
          Nhóm «{removeGroup.title}» và {removeGroup.tasks.length} nhiệm vụ của nhóm sẽ bị xóa (có thể hoàn tác bằng Ctrl+Z).
        </Confirm>
      )}
    </div>
  );
}

/** An imported plan often has no deadline on any task: one deadline for all of those, as one
 * step (each can then be changed on its own card). */
function MissingDeadlines({ view, plan }: { view: PlanView; plan: PlanApi }) {
  const [deadline, setDeadline] = useState<Deadline | null>(null);
  const missing = view.plan.groups.flatMap((g) => g.tasks).filter((t) => !t.deadline).length;
  if (missing === 0) return null;
  return (
    <div className="card row" data-testid="missing-deadlines">
      <span>{missing} nhiệm vụ chưa có thời hạn. Đặt một thời hạn cho các nhiệm vụ này:</span>
      <DeadlineInput
        label="Thời hạn cho các nhiệm vụ chưa có"
        value={deadline}
        planYear={view.plan.identity.year}
        onChange={setDeadline}
      />
      <button disabled={!deadline} onClick={() => deadline && plan.apply(edit.fillDeadlines(deadline))}>
        Đặt cho {missing} nhiệm vụ
      </button>
    </div>
  );
}

type RowProps = { task: Task; at: TaskPlace; view: PlanView; plan: PlanApi; onClose: () => void };

/** The card editor for one task, shown as the grid's open row. */
export function TaskRow({ task, at, view, plan, onClose }: RowProps) {
  const [showBudget, setShowBudget] = useState(false);
  const [showProgress, setShowProgress] = useState(false);
  const progress = task.progress;
  const { number, budget: budgetText } = at.line;
  // Built when the edit's turn comes, from the task as the edits before it left it.
  const update = (patch: Partial<Task> | ((t: Task) => Partial<Task>)) =>
    plan.apply((v) => {
      const now = taskIn(v, task.id) ?? task;
      return edit.updateTask(now, typeof patch === "function" ? patch(now) : patch);
    });
  const setProgress = (patch: Partial<Task["progress"]>) => update((t) => ({ progress: { ...t.progress, ...patch } }));
  const move = (to: number) => plan.apply(edit.moveTask(task.id, at.group, to));
  const agencies = view.plan.directory;
  const problems = view.findings.filter((f) => f.location.task === task.id);
  const agency = department(view);
  const readOnly = !mayEditTask(view, task);
  return (
    <div className={"task-card" + (problems.some((f) => f.severity === "error") ? " has-error" : "")}>
      {readOnly && (
        <p className="read-only-note" role="note">
          Nhiệm vụ do cơ quan khác chủ trì: tài khoản của {agency} chỉ xem.{" "}
          <button onClick={onClose}>Thu gọn</button>
        </p>
      )}
      <fieldset className="bare column" disabled={readOnly}>
      <div className="task-line">
        <span className="handle">{number}</span>
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
          value={at.group}
          onChange={(e) => plan.apply(edit.moveTask(task.id, e.target.value, Infinity))}
        >
          {view.plan.groups.map((g, i) => (
            <option key={g.id} value={g.id}>
              Nhóm {view.groups[i]?.number}
            </option>
          ))}
        </select>
        <button title="Lên (Alt+↑)" disabled={at.index === 0} onClick={() => move(at.index - 1)}>
          ↑
        </button>
        <button title="Xuống (Alt+↓)" disabled={at.index === at.count - 1} onClick={() => move(at.index + 1)}>
          ↓
        </button>
        <button className="danger" title={`Xóa nhiệm vụ ${number}`} onClick={() => plan.apply(edit.removeTask(task.id))}>
          ✕
        </button>
        <button title="Thu gọn (Esc)" aria-label={`Thu gọn nhiệm vụ ${number}`} onClick={onClose}>
          ▴
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
            exclude={task.lead}
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
        <div className="field narrow">
          <span>Theo dõi</span>
          <button className="link" onClick={() => setShowProgress(!showProgress)} aria-expanded={showProgress}>
            {progress.note.trim() || progress.spent !== null ? "Đã báo cáo" : "Chưa báo cáo"} {showProgress ? "▴" : "▾"}
          </button>
        </div>
      </div>
      {showBudget && <BudgetLines lines={task.budget} levels={view.budget_levels} onChange={(budget) => update({ budget })} />}
      {showProgress && (
        <div className="row wrap progress" aria-label={`Theo dõi nhiệm vụ ${number}`}>
          <TextInput
            label="Kết quả thực hiện, lý do chưa xong"
            className="grow"
            value={progress.note}
            onCommit={(note) => setProgress({ note })}
          />
          <TextInput label="Sản phẩm, minh chứng" value={progress.evidence} onCommit={(evidence) => setProgress({ evidence })} />
          <div className="field narrow">
            <span>Ngày báo cáo</span>
            <DateInput label={`Ngày báo cáo nhiệm vụ ${number}`} hideLabel value={progress.updated} onChange={(updated) => setProgress({ updated })} />
          </div>
          <div className="field narrow">
            <span>Đã chi (tr.đ)</span>
            <NumberInput label={`Kinh phí đã chi nhiệm vụ ${number}`} value={progress.spent} onCommit={(spent) => setProgress({ spent })} />
          </div>
        </div>
      )}
      </fieldset>
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
type BudgetLinesProps = {
  lines: BudgetLine[];
  /** The levels of the plan's year (no district level from 2026). */
  levels: BudgetLevel[];
  onChange: (l: BudgetLine[]) => void;
};

export function BudgetLines({ lines, levels, onChange }: BudgetLinesProps) {
  const [bad, setBad] = useState<number | null>(null);
  const set = (i: number, patch: Partial<BudgetLine>) => onChange(patchAt(lines, i, patch));
  return (
    <div className="budget-lines">
      {lines.map((l, i) => (
        <div className="row" key={i}>
          <input
            aria-label="Số tiền (triệu đồng)"
            className={bad === i ? "invalid" : ""}
            // A new line's amount is not yet given: the field starts empty, so what is typed
            // is the amount, not "0" followed by it.
            defaultValue={l.amount === "0" ? "" : amountInput(l.amount)}
            placeholder="Số tiền"
            onBlur={(e) => {
              if (!e.target.value.trim()) return setBad(null);
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
            {/* A level the year no longer has stays visible on the line that uses it. */}
            {(Object.keys(LEVELS) as BudgetLevel[])
              .filter((k) => levels.includes(k) || k === l.level)
              .map((k) => (
                <option key={k} value={k}>
                  {LEVELS[k]}
                  {levels.includes(k) ? "" : " (không còn)"}
                </option>
              ))}
          </select>
          <input aria-label="Ghi chú" defaultValue={l.note} onBlur={(e) => e.target.value !== l.note && set(i, { note: e.target.value })} />
          <button className="danger" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
            ✕
          </button>
          {bad === i && <span className="field-error">Số tiền viết như 1.250,5</span>}
        </div>
      ))}
      <button onClick={() => onChange([...lines, newBudgetLine()])}>
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
  // The list of the plan's year, else the newest before it, else the oldest there is.
  const lists = catalogues.active
    .filter((c) => c.body.kind === "national_tasks")
    .sort((a, b) => b.meta.effective_year - a.meta.effective_year);
  const cat = lists.find((c) => c.meta.effective_year <= planYear) ?? lists[lists.length - 1];
  if (!cat || cat.body.kind !== "national_tasks") return null;
  const old = cat.meta.effective_year < planYear - 1;
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
          {old && (
            <p className="notice warn" role="note">
              Đây là danh mục nhiệm vụ năm {cat.meta.effective_year}; ứng dụng chưa có danh mục năm {planYear}. Khi Bộ Khoa
              học và Công nghệ ban hành danh mục mới, hãy nhập ở màn hình «Danh mục»: «Lưu tệp mẫu…», điền danh mục của
              năm, rồi «Nhập danh mục…».
            </p>
          )}
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
                        onClick={() => onAdd(taskFromNational(t, ref, planYear))}
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
