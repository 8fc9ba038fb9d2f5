// The two smallest section editors: «Giải pháp» and the appendices' note. (Each other
// section has its own file.) Every editor sends typed edits to the core; all numbering,
// totals and checks come back in the view.
import { useState } from "react";
import { edit, listEdit } from "../edits";
import { Narratives, type Props } from "./common";

export function SolutionsEditor({ view, plan }: Props) {
  return (
    <div className="form">
      <h2>Giải pháp</h2>
      <Narratives titleLabel="Tên giải pháp" list={view.plan.solutions} onChange={(solutions) => plan.apply(listEdit((p) => p.solutions, view.plan.solutions, solutions, edit.solutions))} />
    </div>
  );
}

export function AppendicesInfo({ view, onPreview }: Props & { onPreview: () => void }) {
  const p = view.plan;
  const [open] = useState(true);
  return (
    <div className="form">
      <h2>Phụ lục</h2>
      <p>Các phụ lục được lập tự động từ nội dung kế hoạch và đánh số theo thứ tự xuất hiện:</p>
      {open && (
        <ul className="appendices">
          {p.assessment.documents.length > 0 && <li>Danh mục văn bản đã ban hành năm {p.identity.year - 1}: {p.assessment.documents.length} văn bản</li>}
          <li>Danh mục nhiệm vụ: {view.tasks.length} nhiệm vụ trong {p.groups.length} nhóm, tổng kinh phí {view.budget.total} triệu đồng</li>
          {p.specific_goals.some((g) => g.indicators.length) && (
            <li>Chỉ tiêu: {p.specific_goals.reduce((n, g) => n + g.indicators.length, 0)} chỉ tiêu</li>
          )}
        </ul>
      )}
      <button onClick={onPreview}>Xem trước văn bản</button>
    </div>
  );
}
