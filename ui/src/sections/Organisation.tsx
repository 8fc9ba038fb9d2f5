// «Tổ chức thực hiện»: the duties of each agency, generated or written, merged when two
// name the same agency.
import type { Duty } from "../bindings/Duty";
import { edit, listEdit, patchAt } from "../edits";
import { TextArea, TextInput } from "../widgets/Fields";
import { ListControls, setText, type Props } from "./common";

/** The earlier duty that names an agency this one names too (after the 2025 reform, Sở
 * TT&TT's and Sở KH&CN's duties both fall to Sở KH&CN), or null. */
function sharedWith(duties: Duty[], i: number): number | null {
  const mine = duties[i].agencies;
  if (mine.length === 0) return null;
  const j = duties.slice(0, i).findIndex((d) => d.agencies.some((a) => mine.includes(a)));
  return j < 0 ? null : j;
}

/** Duty `i` folded into the earlier one it shares an agency with: its text after that one's,
 * its agencies added, the duty itself gone. */
function mergeDuty(duties: Duty[], i: number): Duty[] {
  const j = sharedWith(duties, i);
  if (j === null) return duties;
  const [into, from] = [duties[j], duties[i]];
  const merged: Duty = {
    ...into,
    agencies: [...into.agencies, ...from.agencies.filter((a) => !into.agencies.includes(a))],
    text: [into.text.trim(), from.text.trim()].filter(Boolean).join("\n"),
    generated: false,
  };
  return duties.flatMap((d, k) => (k === j ? [merged] : k === i ? [] : [d]));
}

export function OrganisationEditor({ view, plan }: Props) {
  const duties = view.plan.organisation.duties;
  const save = (d: typeof duties) => plan.apply(listEdit((p) => p.organisation.duties, duties, d, edit.duties));
  return (
    <div className="form">
      <div className="section-head">
        <h2>Tổ chức thực hiện</h2>
        <button onClick={() => plan.apply(edit.regenerateDuties())}>Tạo lại từ phân công nhiệm vụ</button>
      </div>
      {duties.map((d, i) => {
        const into = sharedWith(duties, i);
        return (
          <div className="card item" key={d.id}>
            <div className="row">
              <span className="number">{i + 1}.</span>
              <TextInput label="Cơ quan" hideLabel className="grow" value={d.heading} onCommit={(heading) => save(patchAt(duties, i, { heading }))} />
              {d.generated && <span className="badge">tự động</span>}
              {into !== null && (
                <button
                  data-testid="duty-merge"
                  title="Hai mục cùng giao cho một cơ quan: gộp nội dung mục này vào mục trên"
                  onClick={() =>
                    plan.apply((v) => {
                      const now = v.plan.organisation.duties;
                      const at = now.findIndex((x) => x.id === d.id);
                      return edit.duties(at < 0 ? now : mergeDuty(now, at));
                    })
                  }
                >
                  Gộp vào mục {into + 1}
                </button>
              )}
              <ListControls list={duties} i={i} onChange={save} />
            </div>
            <TextArea
              label={`Nhiệm vụ của ${d.heading}`}
              hideLabel
              rows={3}
              value={d.text}
              onCommit={(text) => save(patchAt(duties, i, { text, generated: false }))}
            />
          </div>
        );
      })}
      <TextArea label="Đoạn kết" value={view.plan.organisation.closing} onCommit={setText(plan, "organisation_closing")} />
    </div>
  );
}
