// «Kinh phí»: the budget roll-up (read-only), the budget not given to a task, the narrative.
import { edit } from "../edits";
import { TextArea } from "../widgets/Fields";
import { BudgetLines } from "./Tasks";
import { setText, type Props } from "./common";

export function BudgetEditor({ view, plan, catalogues }: Props) {
  const b = view.budget;
  const year = view.plan.identity.year;
  const guidance = catalogues?.active.find((c) => c.body.kind === "budget_guidance");
  const rule =
    guidance && guidance.body.kind === "budget_guidance"
      ? guidance.body.items.find((r) => (r.from_year === null || year >= r.from_year) && (r.until_year === null || year <= r.until_year))
      : undefined;
  const rows = (title: string, list: { label: string; amount: string }[]) => (
    <table className="grid money" aria-label={title}>
      <thead>
        <tr>
          <th>{title}</th>
          <th>Triệu đồng</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            <td className="num">{r.amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="form">
      <h2>Kinh phí</h2>
      {rule && (
        <p className="notice warn" role="note">
          Hướng dẫn cho kế hoạch năm {year}: {rule.text} <span className="muted">({rule.source})</span>
        </p>
      )}
      <p className="total">
        Tổng kinh phí: <b data-testid="budget-total">{b.total}</b> triệu đồng <span className="muted">(tính từ các dòng kinh phí, không nhập tay)</span>
      </p>
      <div className="row top wrap">
        {rows("Theo nguồn", b.by_source)}
        {rows("Theo cấp ngân sách", b.by_level)}
        {rows("Theo nhóm nhiệm vụ", b.by_group)}
      </div>
      <h3>Kinh phí chưa phân bổ cho nhiệm vụ ({b.unallocated} triệu đồng)</h3>
      <BudgetLines
        lines={view.plan.budget.unallocated}
        levels={view.budget_levels}
        onChange={(lines) => plan.apply(edit.unallocated(lines))}
      />
      <TextArea label="Thuyết minh kinh phí" value={view.plan.budget.narrative} onCommit={setText(plan, "budget_narrative")} />
    </div>
  );
}
