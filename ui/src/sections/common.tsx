// What the section editors share: their props, a narrative field's edit, the up/down/remove
// controls of a list row, and a list of titled narratives.
import type { Catalogues } from "../bindings/Catalogues";
import type { NarrativeSection } from "../bindings/NarrativeSection";
import type { PlanView } from "../bindings/PlanView";
import type { TextField } from "../bindings/TextField";
import { edit, newSection, patchAt } from "../edits";
import type { PlanApi } from "../usePlan";
import { TextArea, TextInput } from "../widgets/Fields";

export type Props = { view: PlanView; plan: PlanApi; catalogues: Catalogues | null };

export const setText = (plan: PlanApi, field: TextField) => (text: string) => plan.apply(edit.text(field, text));

export function ListControls<T>({ list, i, onChange }: { list: T[]; i: number; onChange: (l: T[]) => void }) {
  const swap = (a: number, b: number) => {
    const l = [...list];
    [l[a], l[b]] = [l[b], l[a]];
    onChange(l);
  };
  return (
    <span className="list-controls">
      <button title="Lên" disabled={i === 0} onClick={() => swap(i, i - 1)}>
        ↑
      </button>
      <button title="Xuống" disabled={i === list.length - 1} onClick={() => swap(i, i + 1)}>
        ↓
      </button>
      <button className="danger" title="Xóa" onClick={() => onChange(list.filter((_, j) => j !== i))}>
        ✕
      </button>
    </span>
  );
}

export function Narratives({ list, onChange, titleLabel }: { list: NarrativeSection[]; onChange: (l: NarrativeSection[]) => void; titleLabel: string }) {
  const set = (i: number, patch: Partial<NarrativeSection>) => onChange(patchAt(list, i, patch));
  return (
    <>
      {list.map((s, i) => (
        <div className="card item" key={s.id}>
          <div className="row">
            <span className="number">{i + 1}.</span>
            <TextInput label={titleLabel} hideLabel className="grow" value={s.title} onCommit={(title) => set(i, { title })} />
            <ListControls list={list} i={i} onChange={onChange} />
          </div>
          <TextArea label={`Nội dung ${s.title}`} hideLabel rows={5} value={s.text} onCommit={(text) => set(i, { text })} />
        </div>
      ))}
      <button onClick={() => onChange([...list, newSection()])}>+ Thêm mục</button>
    </>
  );
}
