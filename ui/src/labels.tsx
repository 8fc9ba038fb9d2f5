// Vietnamese names of the enum values the window shows. (The documents' own wording comes
// from the core and its templates; these are the app's labels.)
import type { AgencyKind } from "./bindings/AgencyKind";
import type { Answer } from "./bindings/Answer";
import type { BudgetLevel } from "./bindings/BudgetLevel";
import type { BudgetSource } from "./bindings/BudgetSource";
import type { Comparator } from "./bindings/Comparator";
import type { DocType } from "./bindings/DocType";
import type { Edit } from "./bindings/Edit";
import type { Pillar } from "./bindings/Pillar";
import type { Section } from "./bindings/Section";
import type { TaskStatus } from "./bindings/TaskStatus";

export type OutlineKey = Exclude<Section, "directory"> | "appendices";

export const OUTLINE: { key: OutlineKey; label: string }[] = [
  { key: "identity", label: "Thông tin văn bản" },
  { key: "legal_bases", label: "Căn cứ pháp lý" },
  { key: "assessment", label: "Đánh giá năm trước" },
  { key: "goals", label: "Quan điểm, mục tiêu" },
  { key: "tasks", label: "Nhiệm vụ" },
  { key: "solutions", label: "Giải pháp" },
  { key: "budget", label: "Kinh phí" },
  { key: "organisation", label: "Tổ chức thực hiện" },
  { key: "appendices", label: "Phụ lục" },
];

/** What the planner was changing, for the save indicator ("Chưa lưu: Mục tiêu, chỉ tiêu"). */
export const EDIT_LABELS: Record<Edit["op"], string> = {
  set_identity: "Thông tin văn bản",
  set_text: "Nội dung",
  upsert_agency: "Cơ quan",
  remove_agency: "Xóa cơ quan",
  set_legal_bases: "Căn cứ pháp lý",
  set_solutions: "Giải pháp",
  set_assessment: "Đánh giá năm trước",
  set_goals: "Mục tiêu, chỉ tiêu",
  add_group: "Thêm nhóm nhiệm vụ",
  update_group: "Nhóm nhiệm vụ",
  remove_group: "Xóa nhóm nhiệm vụ",
  move_group: "Đổi thứ tự nhóm",
  add_task: "Thêm nhiệm vụ",
  update_task: "Nhiệm vụ",
  remove_task: "Xóa nhiệm vụ",
  move_task: "Chuyển nhiệm vụ",
  set_unallocated_budget: "Kinh phí chung",
  set_duties: "Tổ chức thực hiện",
  regenerate_duties: "Tạo lại tổ chức thực hiện",
  replace_plan: "Thay toàn bộ kế hoạch",
  track_task: "Theo dõi nhiệm vụ",
  track_indicator: "Kết quả chỉ tiêu",
  set_intended: "Xác nhận cách viết",
  replace_text: "Tìm và thay thế",
  dismiss_review: "Đã xem điểm cần xem lại",
  fill_deadlines: "Thời hạn cho các nhiệm vụ chưa có",
  record_reply: "Ý kiến góp ý",
  answer_comment: "Trả lời ý kiến góp ý",
  remove_comment: "Xóa ý kiến góp ý",
  update_consultation: "Đợt lấy ý kiến",
};

export const AGENCY_KINDS: Record<AgencyKind, string> = {
  so: "Sở, ngành tỉnh",
  tinh_khac: "Cơ quan khác cấp tỉnh",
  ubnd_xa: "UBND cấp xã",
  ubnd_huyen: "UBND cấp huyện (trước 1/7/2025)",
  trung_uong: "Cơ quan trung ương",
  doanh_nghiep: "Doanh nghiệp",
  tap_the: "Tập thể (nhiều cơ quan)",
  khac: "Khác",
};

export const SOURCES: Record<BudgetSource, string> = {
  dau_tu_phat_trien: "Đầu tư phát triển",
  thuong_xuyen: "Thường xuyên",
  xa_hoi_hoa: "Xã hội hóa",
  khac: "Khác",
};

export const LEVELS: Record<BudgetLevel, string> = { tinh: "Tỉnh", huyen: "Huyện", xa: "Xã" };

export const COMPARATORS: Record<Comparator, string> = {
  at_least: "tối thiểu (≥)",
  above: "trên (>)",
  equal: "đạt (=)",
  about: "khoảng (≈)",
  range: "từ … đến …",
};

export const PILLARS: Record<Pillar, string> = {
  chinh_quyen_so: "Chính quyền số",
  kinh_te_so: "Kinh tế số",
  xa_hoi_so: "Xã hội số",
  nen_tang: "Nền tảng, hạ tầng, dữ liệu",
  an_toan_thong_tin: "An toàn thông tin mạng",
  linh_vuc_uu_tien: "Lĩnh vực ưu tiên",
  khac: "Khác",
};

export const TASK_STATUS: Record<TaskStatus, string> = {
  chua_trien_khai: "Chưa triển khai",
  dang_trien_khai: "Đang triển khai",
  hoan_thanh: "Hoàn thành",
  cham_tien_do: "Chậm tiến độ",
  khong_thuc_hien: "Không thực hiện",
};

export const DOC_TYPES: Record<DocType, string> = {
  nghi_quyet: "Nghị quyết",
  quyet_dinh: "Quyết định",
  chi_thi: "Chỉ thị",
  ke_hoach: "Kế hoạch",
  cong_van: "Công văn",
  nghi_dinh: "Nghị định",
  thong_tu: "Thông tư",
  luat: "Luật",
  thong_bao: "Thông báo",
  chuong_trinh: "Chương trình",
  khac: "Văn bản khác",
};

/** "1.250,5" (or "1250.5") → "1250.5", the exact decimal the core stores; null if not a number. */
export function parseAmount(text: string): string | null {
  const t = text.trim().replace(/\s/g, "");
  if (!t) return null;
  const normal = t.includes(",") ? t.replace(/\./g, "").replace(",", ".") : /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, "") : t;
  return /^\d+(\.\d+)?$/.test(normal) ? normal.replace(/^0+(?=\d)/, "") : null;
}

/** An exact decimal as the planner types it back: "1250.5" → "1250,5". */
export function amountInput(decimal: string): string {
  return decimal.replace(".", ",");
}

export function options<K extends string>(labels: Record<K, string>) {
  return (Object.keys(labels) as K[]).map((k) => (
    <option key={k} value={k}>
      {labels[k]}
    </option>
  ));
}

/** The drafter's answers to a comment on the draft, and what each asks to be written. */
export const ANSWER_KINDS: { kind: Answer["kind"]; label: string; needs: string }[] = [
  { kind: "pending", label: "Chưa trả lời", needs: "" },
  { kind: "accepted", label: "Tiếp thu", needs: "Cách tiếp thu (nếu cần)" },
  { kind: "explained", label: "Giải trình", needs: "Nội dung giải trình" },
  { kind: "rejected", label: "Không tiếp thu", needs: "Lý do không tiếp thu" },
];

export const answerLabel = (a: Answer) => ANSWER_KINDS.find((k) => k.kind === a.kind)!.label;
