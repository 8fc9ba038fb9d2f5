// «Thông tin văn bản»: the document's identity (number, date, signer, recipients) and
// the Tờ trình that submits the plan and the decision that issues it.
import type { Identity } from "../bindings/Identity";
import type { Submission } from "../bindings/Submission";
import { archiveUnit, edit, newSubmission } from "../edits";
import { AgencyPicker } from "../widgets/AgencyPicker";
import { DateInput } from "../widgets/DateInput";
import { TextArea, TextInput } from "../widgets/Fields";
import { setText, type Props } from "./common";

export function IdentityEditor({ view, plan }: Props) {
  const id = view.plan.identity;
  const set = (patch: Partial<Identity>) => plan.apply((v) => edit.identity(v.plan, patch));
  const signer = (patch: Partial<Identity["signer"]>) => set({ signer: { ...id.signer, ...patch } });
  const submission = (patch: Partial<Submission>) => set({ submission: { ...(id.submission ?? newSubmission()), ...patch } });
  return (
    <div className="form">
      <h2>Thông tin văn bản</h2>
      <div className="row wrap">
        <TextInput label="Tỉnh" value={id.province} onCommit={(province) => set({ province })} />
        <TextInput label="Năm kế hoạch" className="narrow" value={String(id.year)} onCommit={(y) => /^\d{4}$/.test(y) && set({ year: Number(y) })} />
        <label className="field narrow">
          <span>Trạng thái</span>
          <select value={id.status} onChange={(e) => set({ status: e.target.value as Identity["status"] })}>
            <option value="draft">Dự thảo</option>
            <option value="final">Chính thức</option>
          </select>
        </label>
      </div>
      <TextInput label="Trích yếu" className="wide" value={id.title} onCommit={(title) => set({ title })} />
      <TextInput label="Cơ quan ban hành" className="wide" value={id.issuer} onCommit={(issuer) => set({ issuer })} />
      <div className="row wrap">
        <TextInput label="Số" className="narrow" placeholder="để trống khi dự thảo" value={id.number ?? ""} onCommit={(n) => set({ number: n.trim() || null })} />
        <TextInput label="Ký hiệu" className="narrow" value={id.symbol} onCommit={(symbol) => set({ symbol })} />
        <TextInput label="Địa danh" value={id.place} onCommit={(place) => set({ place })} />
        <DateInput label="Ngày ban hành" value={id.issue_date} onChange={(issue_date) => set({ issue_date })} />
      </div>
      <TextArea
        label="Dòng tiêu đề bên trái (mỗi dòng một hàng)"
        rows={2}
        value={id.header_lines.join("\n")}
        onCommit={(t) => set({ header_lines: t.split("\n").map((s) => s.trim()).filter(Boolean) })}
      />
      <label className="field wide">
        <span>Cơ quan soạn thảo (tham mưu)</span>
        <AgencyPicker
          label="Cơ quan soạn thảo"
          agencies={view.plan.directory}
          value={id.drafting_agency ? [id.drafting_agency] : []}
          onChange={(ids) => set({ drafting_agency: ids[0] ?? null })}
        />
      </label>
      <h3>Người ký</h3>
      <div className="row wrap">
        <TextInput label="Thẩm quyền" value={id.signer.authority} onCommit={(authority) => signer({ authority })} />
        <TextInput label="Ký thay" value={id.signer.deputy_line ?? ""} onCommit={(d) => signer({ deputy_line: d.trim() || null })} />
        <TextInput label="Chức vụ" value={id.signer.title} onCommit={(title) => signer({ title })} />
        <TextInput label="Họ và tên" value={id.signer.name} onCommit={(name) => signer({ name })} />
      </div>
      <TextArea
        label="Nơi nhận (mỗi dòng một nơi)"
        rows={5}
        value={id.recipients.join("\n")}
        onCommit={(t) => set({ recipients: t.split("\n").map((s) => s.trim()).filter(Boolean) })}
      />
      <TextInput
        label="Lưu: VT, … (phòng của Văn phòng UBND)"
        placeholder="KGVX"
        value={id.archive_unit}
        onCommit={(typed) => set({ archive_unit: archiveUnit(typed) })}
      />
      <TextArea label="Đoạn mở đầu" value={id.opening} onCommit={setText(plan, "opening")} />
      <h3>Tờ trình đề nghị ban hành</h3>
      <label className="check">
        <input type="checkbox" checked={id.submission !== null} onChange={(e) => set({ submission: e.target.checked ? newSubmission() : null })} />
        Cơ quan soạn thảo trình kế hoạch bằng một tờ trình (khi có số và ngày, quyết định dẫn tờ trình này)
      </label>
      {id.submission && (
        <div className="row wrap">
          <TextInput label="Số tờ trình" className="narrow" placeholder="để trống khi dự thảo" value={id.submission.number ?? ""} onCommit={(n) => submission({ number: n.trim() || null })} />
          <TextInput label="Ký hiệu tờ trình" className="narrow" value={id.submission.symbol} onCommit={(symbol) => submission({ symbol })} />
          <DateInput label="Ngày tờ trình" value={id.submission.issue_date} onChange={(issue_date) => submission({ issue_date })} />
          <TextInput label="Chức vụ người ký tờ trình" value={id.submission.signer_title} onCommit={(signer_title) => submission({ signer_title })} />
          <TextInput label="Người ký tờ trình" value={id.submission.signer_name} onCommit={(signer_name) => submission({ signer_name })} />
          {/* The department's own office files its Tờ trình: its unit, not the committee's above. */}
          <TextInput
            label="Lưu: VT, … (phòng của sở)"
            placeholder="CĐS"
            value={id.submission.archive_unit}
            onCommit={(typed) => submission({ archive_unit: archiveUnit(typed) })}
          />
        </div>
      )}
      <h3>Quyết định ban hành kế hoạch</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={id.decision !== null}
          onChange={(e) =>
            set({ decision: e.target.checked ? { number: null, symbol: "QĐ-UBND", issue_date: null, proposal: "" } : null })
          }
        />
        Kế hoạch được ban hành kèm theo một quyết định
      </label>
      {id.decision && (
        <div className="row wrap">
          <TextInput label="Số quyết định" className="narrow" value={id.decision.number ?? ""} onCommit={(n) => set({ decision: { ...id.decision!, number: n.trim() || null } })} />
          <TextInput label="Ký hiệu" className="narrow" value={id.decision.symbol} onCommit={(symbol) => set({ decision: { ...id.decision!, symbol } })} />
          <DateInput label="Ngày quyết định" value={id.decision.issue_date} onChange={(issue_date) => set({ decision: { ...id.decision!, issue_date } })} />
          {/* One source: with a Tờ trình above, the decision cites it (once numbered). */}
          {id.submission ? (
            <p className="muted" data-testid="decision-cites">
              Quyết định dẫn tờ trình ở trên
              {id.submission.number && id.submission.issue_date ? "" : " khi tờ trình có số và ngày"}.
            </p>
          ) : (
            <TextInput
              label="Tờ trình (số, ký hiệu, ngày; không ghi tên cơ quan)"
              className="grow"
              placeholder="Tờ trình số 123/TTr-SKHCN ngày 01/12/2026"
              value={id.decision.proposal}
              onCommit={(proposal) => set({ decision: { ...id.decision!, proposal } })}
            />
          )}
        </div>
      )}
    </div>
  );
}
