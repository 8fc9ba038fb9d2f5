// Export: which document, draft or final, a save dialog, progress, "open folder" at the end
// and the core's message when something stops it (errors left in a final plan, the file open
// in Word…).
import { useState } from "react";
import { api, messageOf } from "../api";
import type { ExportKind } from "../bindings/ExportKind";
import type { PlanView } from "../bindings/PlanView";

export const DOCUMENTS: { kind: ExportKind; label: string; note: string }[] = [
  { kind: "ke_hoach", label: "Kế hoạch", note: "Kế hoạch kèm các phụ lục (.docx)" },
  { kind: "quyet_dinh", label: "Quyết định", note: "Quyết định ban hành kế hoạch kèm phụ lục nhiệm vụ (.docx)" },
  { kind: "phu_luc", label: "Phụ lục", note: "Phụ lục danh mục nhiệm vụ (.docx)" },
  { kind: "workbook", label: "Sổ tính", note: "Các phụ lục dạng bảng tính (.xlsx)" },
  { kind: "bao_cao", label: "Báo cáo kết quả", note: "Báo cáo kết quả thực hiện kế hoạch trong năm, từ số liệu theo dõi (.docx)" },
  { kind: "bao_cao_workbook", label: "Báo cáo kết quả (sổ tính)", note: "Các bảng của báo cáo kết quả (.xlsx)" },
  { kind: "to_trinh", label: "Tờ trình", note: "Tờ trình của cơ quan soạn thảo đề nghị ban hành kế hoạch (.docx)" },
  { kind: "cong_van", label: "Công văn xin ý kiến", note: "Công văn gửi dự thảo xin ý kiến các cơ quan (.docx; sau khi gửi xin ý kiến)" },
  { kind: "gop_y", label: "Bảng tổng hợp ý kiến", note: "Tổng hợp, tiếp thu, giải trình ý kiến góp ý, theo cơ quan (.docx)" },
  { kind: "gop_y_theo_phan", label: "Bảng tổng hợp ý kiến (theo phần)", note: "Như trên, nhóm theo phần của kế hoạch (.docx)" },
  { kind: "ke_hoach_sua_doi", label: "Kế hoạch đánh dấu sửa đổi", note: "Kế hoạch với các chỗ sửa so với dự thảo gửi xin ý kiến, theo chế độ theo dõi thay đổi của Word (.docx)" },
];

type Result = { kind: "done"; path: string } | { kind: "error"; message: string } | null;

export function Export({ view, settle, refresh }: { view: PlanView; settle: () => Promise<unknown>; refresh?: () => Promise<unknown> }) {
  const [kind, setKind] = useState<ExportKind>("ke_hoach");
  const [draft, setDraft] = useState(view.plan.identity.status !== "final");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const errors = view.findings.filter((f) => f.severity === "error").length;

  async function run() {
    setBusy(true);
    setResult(null);
    try {
      await settle();
      const path = await api.exportDocument(view.id, kind, draft);
      if (path) setResult({ kind: "done", path });
      // A final plan document marks the plan as issued: show it so.
      if (path && !draft) await refresh?.();
    } catch (e) {
      setResult({ kind: "error", message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen export">
      <h2>Xuất văn bản</h2>
      <fieldset>
        <legend>Văn bản</legend>
        {DOCUMENTS.map((d) => (
          <label className="choice" key={d.kind}>
            <input type="radio" name="doc" value={d.kind} checked={kind === d.kind} onChange={() => setKind(d.kind)} />
            <b>{d.label}</b> <span className="muted">{d.note}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Bản</legend>
        <label className="choice">
          <input type="radio" name="mode" checked={draft} onChange={() => setDraft(true)} /> <b>Dự thảo</b>{" "}
          <span className="muted">ghi «DỰ THẢO», để trống số và ngày</span>
        </label>
        <label className="choice">
          <input type="radio" name="mode" checked={!draft} onChange={() => setDraft(false)} /> <b>Chính thức</b>{" "}
          <span className="muted">cần số, ngày, người ký và không còn lỗi{errors ? ` (hiện còn ${errors} lỗi)` : ""}</span>
        </label>
      </fieldset>
      <div className="row">
        <button className="primary" disabled={busy} onClick={run}>
          {busy ? "Đang xuất…" : "Xuất tệp…"}
        </button>
        {busy && <progress aria-label="Đang xuất" />}
      </div>
      {result?.kind === "done" && (
        <div className="notice info" role="status">
          Đã lưu: <code data-testid="export-path">{result.path}</code>
          <button onClick={() => api.reveal(result.path).catch(() => {})}>Mở thư mục</button>
        </div>
      )}
      {result?.kind === "error" && (
        <div className="notice error" role="alert">
          {result.message}
        </div>
      )}
    </div>
  );
}
