// Tracking an issued plan through its year: counts and a chart by status, by group or by lead
// agency; every task with its status, amount spent, report day and result, late and nearly
// late ones marked; every indicator with its actual value and the day it was measured. Each
// change is one edit of the plan's history (Ctrl+Z undoes it). The counts and the lateness
// come from the core (tracking::view), for the day chosen.
import { useEffect, useMemo, useState } from "react";
import { api, messageOf } from "../api";
import type { Indicator } from "../bindings/Indicator";
import type { PlanView } from "../bindings/PlanView";
import type { Tally } from "../bindings/Tally";
import type { Task } from "../bindings/Task";
import type { TaskStatus } from "../bindings/TaskStatus";
import type { TrackedTask } from "../bindings/TrackedTask";
import type { Tracking as TrackingView } from "../bindings/Tracking";
import type { Urgency } from "../bindings/Urgency";
import { department, mayEditTask } from "../access";
import { edit, indicatorIn, taskIn } from "../edits";
import { TASK_STATUS, amountInput, options } from "../labels";
import type { PlanApi } from "../usePlan";
import { DateInput, showDate } from "../widgets/DateInput";
import { NumberInput, TextInput } from "../widgets/Fields";
import { IndicatorTable } from "../widgets/IndicatorTable";

/** In the order of the core's tallies (TaskStatus::ALL). */
const STATUSES = Object.keys(TASK_STATUS) as TaskStatus[];

const URGENCY: Record<Urgency, string> = {
  closed: "",
  overdue: "Quá hạn",
  at_risk: "Sắp đến hạn",
  on_track: "",
  ongoing: "",
};

type By = "group" | "agency";

/** Rows drawn at first, then this many more per frame: on a plan of 1,000 tasks the screen
 * is usable at once and the rest follows (all of them at once took 0.7 s to draw). */
const FIRST_ROWS = 120;
const MORE_ROWS = 220;

export function Tracking({ view, plan, notify }: { view: PlanView; plan: PlanApi; notify: (m: string) => void }) {
  const [asOf, setAsOf] = useState<string | null>(null);
  const [data, setData] = useState<TrackingView | null>(null);
  const [by, setBy] = useState<By>("group");
  const [lateOnly, setLateOnly] = useState(false);
  const [limit, setLimit] = useState(FIRST_ROWS);
  const total = data?.tasks.length ?? 0;
  useEffect(() => {
    if (limit >= total) return;
    const t = requestAnimationFrame(() => setLimit((l) => l + MORE_ROWS));
    return () => cancelAnimationFrame(t);
  }, [limit, total]);

  useEffect(() => {
    let live = true;
    api.tracking(view.id, asOf).then(
      (t) => live && setData(t),
      (e) => notify(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [view.id, view.revision, asOf, notify]);

  const tasks = useMemo(() => {
    const m = new Map<string, Task>();
    view.plan.groups.forEach((g) => g.tasks.forEach((t) => m.set(t.id, t)));
    return m;
  }, [view.plan]);

  if (!data) return <div className="screen">Đang tính…</div>;
  const tallies = by === "group" ? data.groups : data.agencies;
  const shown = (t: TrackedTask) => !lateOnly || t.urgency === "overdue" || t.urgency === "at_risk";
  const sections = tallies
    .map((tally) => ({
      tally,
      rows: data.tasks.filter((t) => shown(t) && (by === "group" ? t.group === tally.id : tally.id ? t.lead.includes(tally.id) : t.lead.length === 0)),
    }))
    .filter((s) => s.rows.length > 0);
  // The rows drawn so far, in order (see FIRST_ROWS).
  let budget = limit;
  const drawn = sections
    .map((s) => {
      const rows = s.rows.slice(0, Math.max(0, budget));
      budget -= rows.length;
      return { ...s, rows };
    })
    .filter((s) => s.rows.length > 0);

  return (
    <div className="screen tracking" data-testid="tracking">
      <div className="section-head">
        <h2>Theo dõi thực hiện kế hoạch năm {view.plan.identity.year}</h2>
        <div className="row">
          <DateInput label="Tính đến ngày" value={asOf ?? data.as_of} onChange={setAsOf} />
          {department(view) === null ? (
            <TextInput
              label="Số báo cáo"
              placeholder="khi ban hành, ví dụ 415"
              value={view.plan.identity.report_number ?? ""}
              onCommit={(n) => plan.apply((v) => edit.identity(v.plan, { report_number: n.trim() || null }))}
            />
          ) : (
            <span className="muted">Số báo cáo: {view.plan.identity.report_number || "chưa có"}</span>
          )}
        </div>
      </div>
      <Summary data={data} />
      <div className="card">
        <div className="section-head">
          <h3>Tình hình theo {by === "group" ? "nhóm nhiệm vụ" : "cơ quan chủ trì"}</h3>
          <label className="choice">
            <input type="radio" name="by" checked={by === "group"} onChange={() => setBy("group")} /> Theo nhóm
          </label>
          <label className="choice">
            <input type="radio" name="by" checked={by === "agency"} onChange={() => setBy("agency")} /> Theo cơ quan
          </label>
        </div>
        <Chart tallies={tallies} />
      </div>
      <div className="card">
        <div className="section-head">
          <h3>Nhiệm vụ</h3>
          <label className="check">
            <input type="checkbox" checked={lateOnly} onChange={(e) => setLateOnly(e.target.checked)} /> Chỉ nhiệm vụ quá hạn, sắp đến hạn ({data.all.overdue + data.all.at_risk})
          </label>
        </div>
        <table className="grid tracking-tasks">
          <thead>
            <tr>
              <th>STT</th>
              <th>Nhiệm vụ</th>
              <th>Thời hạn</th>
              <th>Trạng thái</th>
              <th>Kết quả thực hiện (hoặc lý do)</th>
              <th>Đã chi (triệu đồng)</th>
              <th>Ngày báo cáo</th>
            </tr>
          </thead>
          {drawn.map(({ tally, rows }) => (
            <tbody key={tally.id || "none"}>
              <tr className="group-row">
                <td colSpan={7}>
                  <b>{tally.name}</b> <span className="muted">({tally.total} nhiệm vụ)</span>
                </td>
              </tr>
              {rows.map((t) => (
                <TaskRow key={t.id} row={t} task={tasks.get(t.id)!} plan={plan} mine={mayEditTask(view, tasks.get(t.id)!)} />
              ))}
            </tbody>
          ))}
        </table>
        {sections.length === 0 && <p className="muted">Không có nhiệm vụ nào quá hạn hoặc sắp đến hạn.</p>}
      </div>
      <Indicators view={view} plan={plan} data={data} />
    </div>
  );
}

function Summary({ data }: { data: TrackingView }) {
  return (
    <div className="tally-cards" data-testid="tracking-summary">
      <div className="tally">
        <b>{data.all.total}</b> nhiệm vụ
      </div>
      {STATUSES.map((s, i) => (
        <div key={s} className={"tally status-" + s} data-status={s}>
          <b>{data.all.by_status[i]}</b> {TASK_STATUS[s].toLowerCase()}
        </div>
      ))}
      <div className="tally overdue">
        <b>{data.all.overdue}</b> quá hạn
      </div>
      <div className="tally at-risk">
        <b>{data.all.at_risk}</b> sắp đến hạn
      </div>
      <div className="tally">
        Đã chi <b>{data.spent}</b> triệu đồng <span className="muted">/ {data.planned} triệu đồng giao cho các nhiệm vụ</span>
      </div>
    </div>
  );
}

/** One stacked bar per group or agency, a segment per status. */
function Chart({ tallies }: { tallies: Tally[] }) {
  const max = Math.max(1, ...tallies.map((t) => t.total));
  return (
    <div className="chart" role="img" aria-label="Biểu đồ nhiệm vụ theo trạng thái">
      {tallies.map((t) => (
        <div className="chart-row" key={t.id || "none"}>
          <span className="chart-label" title={t.name}>
            {t.name}
          </span>
          <span className="chart-bar" style={{ width: `${(t.total / max) * 100}%` }}>
            {STATUSES.map((s, i) =>
              t.by_status[i] ? (
                <span key={s} className={"seg status-" + s} style={{ flex: t.by_status[i] }} title={`${TASK_STATUS[s]}: ${t.by_status[i]}`}>
                  {t.by_status[i]}
                </span>
              ) : null,
            )}
          </span>
          <span className="chart-total">
            {t.total}
            {t.overdue > 0 && <span className="late"> · {t.overdue} quá hạn</span>}
          </span>
        </div>
      ))}
      <div className="legend">
        {STATUSES.map((s) => (
          <span key={s}>
            <span className={"swatch status-" + s} /> {TASK_STATUS[s]}
          </span>
        ))}
      </div>
    </div>
  );
}

/** What a department's account sees of a task another agency leads: the report as text
 * (the server refuses its edits; the window does not offer them). */
const READ_ONLY = "Nhiệm vụ do cơ quan khác chủ trì: tài khoản của đơn vị chỉ xem";

function TaskRow({ row, task, plan, mine }: { row: TrackedTask; task: Task; plan: PlanApi; mine: boolean }) {
  const n = row.number;
  if (!mine) {
    return (
      <tr className={"urgency-" + row.urgency + " read-only"} data-testid={`track-${n}`} title={READ_ONLY}>
        <td>{n}</td>
        <td>{row.title}</td>
        <td>{row.deadline}</td>
        <td aria-label={`Trạng thái nhiệm vụ ${n}`}>{TASK_STATUS[task.status]}</td>
        <td>{task.progress.note}</td>
        <td className="num">{task.progress.spent === null ? "" : amountInput(task.progress.spent)}</td>
        <td>{showDate(task.progress.updated)}</td>
      </tr>
    );
  }
  // Built when the edit's turn comes: a result and then an amount typed while the server
  // was down are both kept (each edit starts from the task as the one before left it).
  const track = (patch: Parameters<typeof edit.trackTask>[1]) =>
    plan.apply((v) => edit.trackTask(taskIn(v, task.id) ?? task, patch));
  return (
    <tr className={"urgency-" + row.urgency} data-testid={`track-${n}`}>
      <td>{n}</td>
      <td>
        {row.title}
        {URGENCY[row.urgency] && <span className={"badge " + row.urgency}> {URGENCY[row.urgency]}</span>}
      </td>
      <td>{row.deadline}</td>
      <td>
        <select aria-label={`Trạng thái nhiệm vụ ${n}`} value={task.status} onChange={(e) => track({ status: e.target.value as TaskStatus })}>
          {options(TASK_STATUS)}
        </select>
      </td>
      <td>
        <TextInput label={`Kết quả nhiệm vụ ${n}`} hideLabel value={task.progress.note} onCommit={(note) => track({ progress: { note } })} />
      </td>
      <td className="num">
        <NumberInput label={`Đã chi nhiệm vụ ${n}`} value={task.progress.spent} onCommit={(spent) => track({ progress: { spent } })} />
      </td>
      <td>
        <DateInput label={`Ngày báo cáo nhiệm vụ ${n}`} hideLabel value={task.progress.updated} onChange={(updated) => track({ progress: { updated } })} />
      </td>
    </tr>
  );
}

function Indicators({ view, plan, data }: { view: PlanView; plan: PlanApi; data: TrackingView }) {
  // The goals are the drafters' part of the plan: a department's account only reads them.
  const readOnly = department(view) !== null;
  const byId = new Map<string, Indicator>();
  view.plan.specific_goals.forEach((g) => g.indicators.forEach((i) => byId.set(i.id, i)));
  return (
    <div className="card">
      <h3>Chỉ tiêu</h3>
      <IndicatorTable
        className="tracking-indicators"
        rows={data.indicators}
        rowAttrs={(_, k) => ({ "data-testid": `indicator-${k + 1}` })}
        columns={[
          { title: "STT", cell: (_, k) => k + 1 },
          {
            title: "Chỉ tiêu",
            cell: (row) => (
              <>
                {row.name} <span className="muted">({byId.get(row.id)!.unit})</span>
              </>
            ),
          },
          { title: "Mục tiêu", cell: (row) => row.target },
          {
            title: "Thực hiện",
            className: "num",
            cell: (row, k) => {
              const i = byId.get(row.id)!;
              if (readOnly) return i.actual === null ? "" : amountInput(i.actual);
              return <NumberInput label={`Thực hiện chỉ tiêu ${k + 1}`} value={i.actual} onCommit={(actual) => plan.apply((v) => edit.trackIndicator(indicatorIn(v, i.id) ?? i, { actual }))} />;
            },
          },
          {
            title: "Ngày đo",
            cell: (row, k) => {
              const i = byId.get(row.id)!;
              if (readOnly) return showDate(i.measured);
              return <DateInput label={`Ngày đo chỉ tiêu ${k + 1}`} hideLabel value={i.measured} onChange={(measured) => plan.apply((v) => edit.trackIndicator(indicatorIn(v, i.id) ?? i, { measured }))} />;
            },
          },
          {
            title: "Đánh giá",
            className: (row) => (row.reached === false ? "late" : ""),
            cell: (row) => (row.reached === null ? "chưa có số liệu" : row.reached ? "Đạt" : "Chưa đạt"),
          },
        ]}
      />
      {data.indicators.length === 0 && <p className="muted">Kế hoạch chưa có chỉ tiêu.</p>}
      <p className="muted">Số liệu tính đến ngày {showDate(data.as_of)}.</p>
    </div>
  );
}
