// «Căn cứ pháp lý»: the plan's bases, picked from the library or typed.
import type { LegalBasis } from "../bindings/LegalBasis";
import { edit, legalBasisFromLibrary, listEdit, newLegalBasis, patchAt } from "../edits";
import { DOC_TYPES, options } from "../labels";
import { DateInput } from "../widgets/DateInput";
import { TextInput } from "../widgets/Fields";
import { ListControls, type Props } from "./common";

/** Up, down and remove for the items of a list edited as a whole. */
export function LegalBasesEditor({ view, plan, catalogues }: Props) {
  const list = view.plan.legal_bases;
  const save = (legal_bases: LegalBasis[]) => plan.apply(listEdit((p) => p.legal_bases, list, legal_bases, edit.legalBases));
  const library = catalogues?.active.find((c) => c.body.kind === "legal_bases");
  const docs = library && library.body.kind === "legal_bases" ? library.body.items : [];
  const cited = new Set(list.map((b) => b.library_ref));
  const set = (i: number, patch: Partial<LegalBasis>) => save(patchAt(list, i, patch));
  return (
    <div className="form">
      <div className="section-head">
        <h2>Căn cứ pháp lý</h2>
        <select
          aria-label="Thêm căn cứ từ thư viện"
          value=""
          onChange={(e) => {
            const d = docs.find((x) => x.id === e.target.value);
            if (d) save([...list, legalBasisFromLibrary(d)]);
          }}
        >
          <option value="">+ Thêm từ thư viện căn cứ…</option>
          {docs
            .filter((d) => d.in_force && !cited.has(d.id))
            .map((d) => (
              <option key={d.id} value={d.id}>
                {DOC_TYPES[d.kind]} {d.number ?? ""} — {d.title.slice(0, 90)}
              </option>
            ))}
        </select>
        <button onClick={() => save([...list, newLegalBasis()])}>
          + Nhập căn cứ khác
        </button>
      </div>
      {list.map((b, i) => (
        <div className="card item" key={b.id}>
          <div className="row wrap">
            <span className="number">{i + 1}.</span>
            <label className="field narrow">
              <span>Loại</span>
              <select value={b.kind} onChange={(e) => set(i, { kind: e.target.value as LegalBasis["kind"] })}>
                {options(DOC_TYPES)}
              </select>
            </label>
            <TextInput label="Số, ký hiệu" className="narrow" value={b.number ?? ""} onCommit={(n) => set(i, { number: n.trim() || null })} />
            <DateInput label="Ngày" value={b.date} onChange={(date) => set(i, { date })} />
            <TextInput label="Cơ quan ban hành" className="grow" value={b.issuer} onCommit={(issuer) => set(i, { issuer })} />
            <ListControls list={list} i={i} onChange={save} />
          </div>
          <TextInput label="Trích yếu" className="wide" value={b.title} onCommit={(title) => set(i, { title })} />
          {b.library_ref && <small className="muted">Từ thư viện căn cứ: được kiểm tra hiệu lực theo năm kế hoạch</small>}
        </div>
      ))}
    </div>
  );
}
