// The document as it will print: the core builds the .docx and returns it as HTML pages, so
// what is shown is what is exported. Refreshed after every saved edit.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { ExportKind } from "../bindings/ExportKind";
import type { PlanView } from "../bindings/PlanView";
import { DOCUMENTS } from "./Export";

export function Preview({ view, compact = false }: { view: PlanView; compact?: boolean }) {
  const [kind, setKind] = useState<ExportKind>("ke_hoach");
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api.preview(view.id, kind).then(
        (h) => live && (setHtml(h), setError(null)),
        (e) => live && setError(messageOf(e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [view.id, view.revision, kind]);
  return (
    <div className={"screen preview" + (compact ? " compact" : "")}>
      <div className="section-head">
        <h2>Xem trước</h2>
        <select aria-label="Văn bản xem trước" value={kind} onChange={(e) => setKind(e.target.value as ExportKind)}>
          {DOCUMENTS.filter((d) => d.kind !== "workbook" && d.kind !== "bao_cao_workbook").map((d) => (
            <option key={d.kind} value={d.kind}>
              {d.label}
            </option>
          ))}
        </select>
        {error && <span className="field-error">{error}</span>}
      </div>
      <div className="paper-desk">
        {/* HTML written by the core's preview module from our own export; no user HTML. */}
        {html === null ? <p className="muted">Đang dựng văn bản…</p> : <div dangerouslySetInnerHTML={{ __html: html }} />}
      </div>
    </div>
  );
}
