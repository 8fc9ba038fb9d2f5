// Find and replace across the whole plan (Ctrl+H): every text of every section, the matches
// listed in their sentence, each ticked to be replaced; the ticked ones are replaced in one
// step, undone with one Ctrl+Z. The matches are the core's (letter case ignored, diacritics
// not), found again after each edit.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import type { TextMatch } from "../bindings/TextMatch";
import { edit } from "../edits";
import type { PlanApi } from "../usePlan";

const keyOf = (f: TextMatch) => JSON.stringify(f.place);

type Props = {
  view: PlanView;
  plan: PlanApi;
  /** Goes to the place, as a finding of the panel does. */
  onJump: (f: Pick<Finding, "location">) => void;
  onClose: () => void;
};

export function FindReplace({ view, plan, onJump, onClose }: Props) {
  const [query, setQuery] = useState("");
  const [replacement, setReplacement] = useState("");
  const [found, setFound] = useState<TextMatch[]>([]);
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api
        .findText(view.id, query)
        .then((f) => live && (setFound(f), setProblem(null)))
        .catch((e) => live && setProblem(messageOf(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [view.id, view.revision, query]);

  const chosen = found.filter((f) => !skipped.has(keyOf(f)));
  const places = [...new Map(chosen.map((f) => [keyOf(f), f.place])).values()];
  async function replaceChosen() {
    if (!query.trim()) return setProblem("Chưa nhập nội dung cần tìm.");
    if (places.length === 0) return setProblem("Chưa chọn chỗ nào để thay.");
    const n = chosen.length;
    if (await plan.apply(edit.replaceText(query, replacement, places))) {
      setDone(`Đã thay ${n} chỗ (Ctrl+Z để hoàn tác).`);
      setSkipped(new Set());
    }
  }
  const toggle = (k: string) =>
    setSkipped((s) => {
      const next = new Set(s);
      if (!next.delete(k)) next.add(k);
      return next;
    });

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="modal large" role="dialog" aria-modal="true" aria-label="Tìm và thay thế">
        <div className="section-head">
          <h3>Tìm và thay thế trong toàn bộ kế hoạch</h3>
          <button onClick={onClose}>Đóng</button>
        </div>
        <div className="row">
          <label>
            Tìm <input autoFocus aria-label="Tìm" value={query} onChange={(e) => (setQuery(e.target.value), setDone(null))} />
          </label>
          <label>
            Thay bằng <input aria-label="Thay bằng" value={replacement} onChange={(e) => setReplacement(e.target.value)} />
          </label>
          <button className="primary" disabled={!query.trim() || chosen.length === 0} onClick={replaceChosen}>
            Thay {chosen.length} chỗ đã chọn
          </button>
        </div>
        {problem && <p className="error" role="alert">{problem}</p>}
        {done && <p role="status">{done}</p>}
        {query.trim() && (
          <p className="muted" data-testid="find-count">
            {found.length === 0 ? "Không tìm thấy." : `${found.length} chỗ trong ${new Set(found.map(keyOf)).size} mục.`}
          </p>
        )}
        <div className="scroll">
          <table className="grid compact find-results" aria-label="Kết quả tìm">
            <tbody>
              {found.map((f, i) => {
                const k = keyOf(f);
                return (
                  <tr key={i} className={skipped.has(k) ? "muted" : ""}>
                    <td>
                      <input type="checkbox" aria-label={`Thay ở ${f.location.label}`} checked={!skipped.has(k)} onChange={() => toggle(k)} />
                    </td>
                    <td>
                      <button
                        className="link"
                        onClick={() => {
                          onClose();
                          onJump(f);
                        }}
                      >
                        {f.location.label}
                      </button>
                    </td>
                    <td>
                      {f.before}
                      <mark>{f.found}</mark>
                      {f.after}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
