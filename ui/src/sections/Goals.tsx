// «Quan điểm, mục tiêu»: the vision, the general goal and the goals with their indicators.
import type { Goal } from "../bindings/Goal";
import type { Indicator } from "../bindings/Indicator";
import { edit, indicatorFromCatalogue, listEdit, newGoal, newIndicator, patchAt } from "../edits";
import { COMPARATORS, PILLARS, options } from "../labels";
import { DeadlineInput } from "../widgets/DeadlineInput";
import { IndicatorTable } from "../widgets/IndicatorTable";
import { NumberInput, TextArea, TextInput } from "../widgets/Fields";
import { ListControls, setText, type Props } from "./common";

export function GoalsEditor({ view, plan, catalogues }: Props) {
  const goals = view.plan.specific_goals;
  const year = view.plan.identity.year;
  const save = (g: Goal[]) => plan.apply(listEdit((p) => p.specific_goals, goals, g, edit.goals));
  const setGoal = (i: number, patch: Partial<Goal>) => save(patchAt(goals, i, patch));
  // Every indicator catalogue in effect by the plan's year, newest first (2026's national
  // targets before the older definitions).
  const catalogue = (catalogues?.active ?? [])
    .filter((c) => c.meta.effective_year <= year)
    .sort((a, b) => b.meta.effective_year - a.meta.effective_year)
    .flatMap((c) => (c.body.kind === "indicators" ? c.body.items : []));
  return (
    <div className="form">
      <h2>Quan điểm, mục tiêu</h2>
      <TextArea label="Tầm nhìn, quan điểm" value={view.plan.vision} onCommit={setText(plan, "vision")} />
      <TextArea label="Mục tiêu chung" value={view.plan.general_goal} onCommit={setText(plan, "general_goal")} />
      <div className="section-head">
        <h3>Mục tiêu cụ thể và chỉ tiêu</h3>
        <button onClick={() => save([...goals, newGoal()])}>
          + Thêm mục tiêu
        </button>
      </div>
      {goals.map((g, gi) => {
        const setInd = (ii: number, patch: Partial<Indicator>) =>
          setGoal(gi, { indicators: patchAt(g.indicators, ii, patch) });
        return (
          <div className="card item" key={g.id}>
            <div className="row">
              <span className="number">{gi + 1}.</span>
              <select aria-label="Trụ cột" value={g.pillar} onChange={(e) => setGoal(gi, { pillar: e.target.value as Goal["pillar"] })}>
                {options(PILLARS)}
              </select>
              <TextInput label="Tên mục tiêu" hideLabel className="grow" value={g.title} onCommit={(title) => setGoal(gi, { title })} />
              <ListControls list={goals} i={gi} onChange={save} />
            </div>
            <TextArea label="Nội dung mục tiêu" hideLabel rows={2} value={g.text} onCommit={(text) => setGoal(gi, { text })} />
            <IndicatorTable
              rows={g.indicators}
              rowAttrs={(ind) => ({ "data-loc": `indicator-${ind.id}` })}
              columns={[
                { title: "Chỉ tiêu", cell: (ind, ii) => <TextInput label="Tên chỉ tiêu" hideLabel value={ind.name} onCommit={(name) => setInd(ii, { name })} /> },
                {
                  title: "So sánh",
                  cell: (ind, ii) => (
                    <select aria-label="So sánh" value={ind.comparator} onChange={(e) => setInd(ii, { comparator: e.target.value as Indicator["comparator"] })}>
                      {options(COMPARATORS)}
                    </select>
                  ),
                },
                {
                  title: "Chỉ tiêu đạt",
                  className: "target",
                  cell: (ind, ii) => (
                    <>
                      <NumberInput label="Giá trị cần đạt" value={ind.target} onCommit={(target) => setInd(ii, { target })} />
                      {ind.comparator === "range" && <NumberInput label="Đến" value={ind.target_max} onCommit={(target_max) => setInd(ii, { target_max })} />}
                    </>
                  ),
                },
                { title: "Đơn vị", cell: (ind, ii) => <TextInput label="Đơn vị" hideLabel value={ind.unit} onCommit={(unit) => setInd(ii, { unit })} /> },
                {
                  title: "Thời hạn",
                  cell: (ind, ii) => <DeadlineInput label="Thời hạn chỉ tiêu" value={ind.target_date} planYear={year} onChange={(target_date) => setInd(ii, { target_date })} />,
                },
                { title: "", cell: (_, ii) => <ListControls list={g.indicators} i={ii} onChange={(indicators) => setGoal(gi, { indicators })} /> },
              ]}
            />
            <div className="row">
              <button onClick={() => setGoal(gi, { indicators: [...g.indicators, newIndicator(year)] })}>+ Chỉ tiêu mới</button>
              <select
                aria-label="Thêm chỉ tiêu từ danh mục"
                value=""
                onChange={(e) => {
                  const c = catalogue.find((x) => x.id === e.target.value);
                  if (!c) return;
                  setGoal(gi, { indicators: [...g.indicators, indicatorFromCatalogue(c, year)] });
                }}
              >
                <option value="">+ Thêm chỉ tiêu từ danh mục…</option>
                {catalogue
                  .filter((c) => c.pillar === g.pillar || g.pillar === "khac")
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
          </div>
        );
      })}
    </div>
  );
}
