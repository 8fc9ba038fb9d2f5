// «Đánh giá năm trước» (Phần I): last year's goals, indicators and tasks as assessed. A
// plan is issued only when each indicator has a verdict (or a reason it has none) and each
// task a status; the head of the section says what is still missing.
import type { Indicator } from "../bindings/Indicator";
import type { TaskReview } from "../bindings/TaskReview";
import type { Assessment } from "../bindings/Assessment";
import type { IndicatorReview } from "../bindings/IndicatorReview";
import { edit, newIndicatorReview, newTaskReview, patchById } from "../edits";
import { TASK_STATUS, options } from "../labels";
import { NumberInput, TextArea, TextInput } from "../widgets/Fields";
import { IndicatorTable } from "../widgets/IndicatorTable";
import { ListControls, Narratives, setText, type Props } from "./common";

export function AssessmentEditor({ view, plan }: Props) {
  const a = view.plan.assessment;
  const last = view.plan.identity.year - 1;
  // Each change is built from Phần I as the edits before it left it, and names its row by
  // id: two verdicts chosen in quick succession are both kept.
  const saveWith = (patch: (now: Assessment) => Partial<Assessment>) => plan.apply((v) => edit.assessment(v.plan, patch(v.plan.assessment)));
  const save = (patch: Partial<Assessment>) => saveWith(() => patch);
  const review = (id: string, patch: Partial<IndicatorReview>) => saveWith((now) => ({ indicators: patchById(now.indicators, id, patch) }));
  const task = (id: string, patch: Partial<TaskReview>) => saveWith((now) => ({ tasks: patchById(now.tasks, id, patch) }));
  const setIndicator = (id: string, patch: Partial<Indicator>) =>
    saveWith((now) => ({ indicators: now.indicators.map((r) => (r.id === id ? { ...r, indicator: { ...r.indicator, ...patch } } : r)) }));
  // What a final plan still needs here (the core's final check says the same, per item).
  const unassessed = a.indicators.filter((r) => r.achieved === null && !r.note.trim()).length;
  const noStatus = a.tasks.filter((t) => t.status === null).length;
  return (
    <div className="form">
      <h2>Đánh giá kết quả năm {last}</h2>
      {(unassessed > 0 || noStatus > 0) && (
        <p className="notice warning" role="note" data-testid="assessment-missing">
          Để ban hành còn thiếu: {unassessed > 0 && `${unassessed} chỉ tiêu chưa đánh giá (chọn Đạt/Không đạt, hoặc ghi lý do)`}
          {unassessed > 0 && noStatus > 0 && "; "}
          {noStatus > 0 && `${noStatus} nhiệm vụ chưa có tình trạng`}.
        </p>
      )}
      <TextArea label="Tình hình thực hiện mục tiêu" rows={6} value={a.goals_review} onCommit={setText(plan, "goals_review")} />
      <div className="section-head">
        <h3>Chỉ tiêu năm {last} ({a.indicators.length})</h3>
        <button onClick={() => saveWith((now) => ({ indicators: [...now.indicators, newIndicatorReview(last)] }))}>+ Chỉ tiêu năm trước</button>
      </div>
      {a.indicators.length > 0 && (
        <IndicatorTable
          label="Chỉ tiêu năm trước"
          rows={a.indicators}
          rowAttrs={(r) => ({ "data-loc": `indicator-${r.id}` })}
          columns={[
            {
              title: "Chỉ tiêu",
              cell: (r, i) => <TextInput label={`Tên chỉ tiêu năm trước ${i + 1}`} hideLabel value={r.indicator.name} onCommit={(name) => setIndicator(r.id, { name })} />,
            },
            { title: "Giao", cell: (r, i) => <NumberInput label={`Chỉ tiêu giao ${i + 1}`} value={r.indicator.target} onCommit={(target) => setIndicator(r.id, { target })} /> },
            { title: "Thực hiện", cell: (r, i) => <NumberInput label={`Kết quả thực hiện ${i + 1}`} value={r.actual} onCommit={(actual) => review(r.id, { actual })} /> },
            {
              title: "Đơn vị",
              cell: (r, i) => <TextInput label={`Đơn vị chỉ tiêu năm trước ${i + 1}`} hideLabel value={r.indicator.unit} onCommit={(unit) => setIndicator(r.id, { unit })} />,
            },
            {
              title: "Đánh giá",
              cell: (r, i) => (
                <select
                  aria-label={`Đánh giá chỉ tiêu năm trước ${i + 1}`}
                  value={r.achieved === null ? "" : String(r.achieved)}
                  onChange={(e) => review(r.id, { achieved: e.target.value === "" ? null : e.target.value === "true" })}
                >
                  <option value="">Chưa đánh giá</option>
                  <option value="true">Đạt</option>
                  <option value="false">Không đạt</option>
                </select>
              ),
            },
            {
              title: "Ghi chú, lý do",
              cell: (r, i) => (
                <TextInput label={`Ghi chú chỉ tiêu năm trước ${i + 1}`} hideLabel placeholder="Lý do nếu chưa đánh giá được" value={r.note} onCommit={(note) => review(r.id, { note })} />
              ),
            },
            { title: "", cell: (_, i) => <ListControls list={a.indicators} i={i} onChange={(indicators) => save({ indicators })} /> },
          ]}
        />
      )}
      <h3>Tình hình thực hiện nhiệm vụ theo lĩnh vực</h3>
      <Narratives titleLabel="Tên lĩnh vực" list={a.sections} onChange={(sections) => save({ sections })} />
      <div className="section-head">
        <h3>Nhiệm vụ năm {last} ({a.tasks.length})</h3>
        <button onClick={() => saveWith((now) => ({ tasks: [...now.tasks, newTaskReview()] }))}>+ Nhiệm vụ năm trước</button>
      </div>
      {a.tasks.length > 0 && (
        <table className="grid" aria-label="Nhiệm vụ năm trước">
          <tbody>
            {a.tasks.map((t, i) => (
              <tr key={t.id}>
                <td className="grow">
                  <TextInput label={`Tên nhiệm vụ năm trước ${i + 1}`} hideLabel value={t.title} onCommit={(title) => task(t.id, { title })} />
                </td>
                <td>
                  <select
                    aria-label={`Tình trạng nhiệm vụ năm trước ${i + 1}`}
                    value={t.status ?? ""}
                    onChange={(e) => task(t.id, { status: (e.target.value || null) as TaskReview["status"] })}
                  >
                    <option value="">Chưa đánh giá</option>
                    {options(TASK_STATUS)}
                  </select>
                </td>
                <td>
                  <TextInput
                    label={`Kết quả nhiệm vụ năm trước ${i + 1}`}
                    hideLabel
                    placeholder="Kết quả"
                    value={t.result}
                    onCommit={(result) => task(t.id, { result })}
                  />
                </td>
                <td>
                  <ListControls list={a.tasks} i={i} onChange={(tasks) => save({ tasks })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TextArea label="Kinh phí đã thực hiện" rows={3} value={a.budget_spent} onCommit={setText(plan, "budget_spent")} />
    </div>
  );
}
