// «Góp ý dự thảo»: the draft sent to the agencies for comments (the covering letter, the draft
// and one sealed comment form each, into a folder), their forms received and letters typed
// in, each comment answered — tiếp thu (with a jump to the place to make the change), giải
// trình or không tiếp thu — and the dossier's documents exported: the letter, the table of
// comments, the Kế hoạch marked with what changed, the Tờ trình. Every step is one step of
// the plan's history; the figures and the places' names come from the core's view.
import { useState } from "react";
import { api, messageOf } from "../api";
import type { Answer } from "../bindings/Answer";
import type { Comment } from "../bindings/Comment";
import type { CommentPlace } from "../bindings/CommentPlace";
import type { Consultation as Round } from "../bindings/Consultation";
import type { ConsultationView } from "../bindings/ConsultationView";
import type { DraftSent } from "../bindings/DraftSent";
import type { ExportKind } from "../bindings/ExportKind";
import type { Finding } from "../bindings/Finding";
import type { FormsRead } from "../bindings/FormsRead";
import type { PlanView } from "../bindings/PlanView";
import { answerOf, edit, newComment, newReply } from "../edits";
import { ANSWER_KINDS, answerLabel } from "../labels";
import type { PlanApi } from "../usePlan";
import { DateInput, showDate } from "../widgets/DateInput";
import { TextInput } from "../widgets/Fields";
import { localDate } from "../text";
import { useBusy } from "../widgets/useBusy";
import { fileName, inSheet } from "./Rounds";

type Notify = (m: string, kind?: "error" | "info") => void;
type Props = { view: PlanView; plan: PlanApi; notify: Notify; onJump: (f: Pick<Finding, "location">) => void };

/** An agency of the plan by its full name; an id no longer in the directory as it is. */
const agencyName = (view: PlanView, id: string) => view.plan.directory.find((a) => a.id === id)?.name ?? id;

/** Where the editor shows a comment's place (a task's row, an indicator, a part). */
export function locationOf(p: CommentPlace): Pick<Finding, "location"> {
  const at = (section: Finding["location"]["section"], more: Partial<Finding["location"]> = {}) => ({ location: { section, label: "", ...more } });
  if (p.kind === "task") return at("tasks", { task: p.id });
  if (p.kind === "group") return at("tasks", { group: p.id });
  if (p.kind === "indicator") return at("goals", { indicator: p.id });
  if (p.kind === "goal") return at("goals");
  if (p.kind === "section") return at(p.section);
  return at("identity");
}

export function Consultation({ view, plan, notify, onJump }: Props) {
  const round = view.plan.consultation ?? null;
  const cv = view.consultation;
  const { busy, run } = useBusy(notify, plan.settle);
  return (
    <div className="screen consultation">
      <h2>Góp ý dự thảo</h2>
      {(!round || round.replies.length === 0) && <SendCard view={view} busy={busy} run={run} resend={round !== null} />}
      {round && cv && (
        <>
          <RoundCard view={view} plan={plan} round={round} cv={cv} busy={busy} run={run} notify={notify} />
          <LetterCard view={view} plan={plan} round={round} cv={cv} />
          <Comments view={view} plan={plan} round={round} cv={cv} onJump={onJump} />
          <Documents view={view} notify={notify} />
        </>
      )}
    </div>
  );
}

type Run = (f: () => Promise<unknown>) => unknown;

function SendCard({ view, busy, run, resend }: { view: PlanView; busy: boolean; run: Run; resend: boolean }) {
  const agencies = view.plan.directory.filter((a) => a.kind !== "tap_the");
  const [chosen, setChosen] = useState<Set<string>>(new Set(view.plan.consultation?.agencies ?? []));
  const [replyBy, setReplyBy] = useState<string | null>(null);
  const [sent, setSent] = useState<DraftSent | null>(null);
  const send = () =>
    run(async () => {
      const order = view.plan.directory.map((a) => a.id).filter((id) => chosen.has(id));
      const s = await api.sendDraft(view.id, order, replyBy ?? "");
      if (s) setSent(s);
    });
  return (
    <div className="card" data-testid="consult-send">
      <div className="section-head">
        <h3>{resend ? "Gửi lại dự thảo (chưa cơ quan nào trả lời)" : "Gửi dự thảo xin ý kiến"}</h3>
        <span className="muted">{chosen.size} cơ quan được chọn</span>
      </div>
      <div className="agency-checks">
        {agencies.map((a) => (
          <label className="check" key={a.id}>
            <input
              type="checkbox"
              aria-label={`Xin ý kiến ${a.name}`}
              checked={chosen.has(a.id)}
              onChange={(e) => {
                const s = new Set(chosen);
                if (e.target.checked) s.add(a.id);
                else s.delete(a.id);
                setChosen(s);
              }}
            />{" "}
            {a.name}
          </label>
        ))}
      </div>
      <div className="row">
        <DateInput label="Hạn góp ý" value={replyBy} onChange={setReplyBy} />
        <button className="primary" disabled={busy || chosen.size === 0 || !replyBy} onClick={send}>
          Gửi xin ý kiến… ({chosen.size} cơ quan)
        </button>
      </div>
      {sent && (
        <div className="notice info" role="status" data-testid="draft-sent">
          Đã tạo công văn, dự thảo và {sent.agencies} phiếu góp ý:
          <ul>
            {sent.files.map((f) => (
              <li key={f}>
                <code>{fileName(f)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function RoundCard({ view, plan, round, cv, busy, run, notify }: { view: PlanView; plan: PlanApi; round: Round; cv: ConsultationView; busy: boolean; run: Run; notify: Notify }) {
  const [read, setRead] = useState<FormsRead | null>(null);
  const name = (id: string) => agencyName(view, id);
  const update = (patch: Parameters<typeof edit.updateConsultation>[1]) => plan.apply((v) => edit.updateConsultation(v.plan.consultation ?? round, patch));
  const receive = () =>
    run(async () => {
      const r = await api.receiveForms(view.id);
      if (!r) return;
      setRead(r);
      await plan.refresh();
      const n = r.forms.reduce((k, f) => k + f.comments.length, 0);
      if (r.forms.length) notify(`Đã ghi nhận ${r.forms.length} phiếu, ${n} ý kiến (một bước; Ctrl+Z để hoàn tác).`, "info");
    });
  const c = cv.counts;
  return (
    <div className="card" data-testid="consult-round">
      <p data-testid="consult-summary">
        Gửi ngày <b>{showDate(round.sent_on)}</b> tới <b>{round.agencies.length}</b> cơ quan; <b>{cv.answered}</b> đã trả lời. <b>{round.comments.length}</b> ý kiến: tiếp thu{" "}
        <b>{c.accepted}</b>, giải trình <b>{c.explained}</b>, không tiếp thu <b>{c.rejected}</b>, chưa trả lời <b className={c.pending ? "late" : ""}>{c.pending}</b>.
      </p>
      <div className="row">
        <TextInput label="Số công văn xin ý kiến" value={round.letter_number ?? ""} onCommit={(n) => update({ letter_number: n.trim() || null })} />
        <TextInput label="Ký hiệu" value={round.letter_symbol} onCommit={(s) => update({ letter_symbol: s })} />
        <DateInput label="Hạn góp ý" value={round.reply_by} onChange={(d) => d && update({ reply_by: d })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={round.silence_agrees} onChange={(e) => update({ silence_agrees: e.target.checked })} /> Cơ quan không trả lời sau hạn được xem là thống nhất (bảng tổng hợp và tờ trình ghi như vậy)
      </label>
      <ul className="agency-status" data-testid="agency-status">
        {round.agencies.map((a) => {
          const replies = round.replies.filter((r) => r.agency === a);
          return (
            <li key={a}>
              {name(a)}:{" "}
              {replies.length ? (
                replies.map((r) => (r.letter ? `công văn ${r.letter}` : "phiếu góp ý")).join(", ")
              ) : (
                <span className="muted">chưa trả lời</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button disabled={busy} onClick={receive}>
          Nhận phiếu góp ý…
        </button>
        <span className="muted">chọn một hay nhiều phiếu các cơ quan đã điền</span>
      </div>
      {read && (
        <div className="notice" data-testid="forms-read">
          <ul>
            {read.forms.map((f) => (
              <li key={f.file}>
                {fileName(f.file)}: <b>{name(f.reply?.agency ?? "")}</b>, {f.comments.length} ý kiến
              </li>
            ))}
            {read.problems.map((p, i) => (
              <li key={"p" + i} className="late">
                {fileName(p.file)}
                {p.row ? `, dòng ${p.row}` : ""}: {inSheet(p)}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

type Typed = { place: number; text: string; proposed: string };

/** A letter an agency answered with, typed in: its number, date and comments. */
function LetterCard({ view, plan, round, cv }: { view: PlanView; plan: PlanApi; round: Round; cv: ConsultationView }) {
  const [agency, setAgency] = useState(round.agencies[0] ?? "");
  const [letter, setLetter] = useState("");
  const [date, setDate] = useState<string | null>(null);
  const [rows, setRows] = useState<Typed[]>([{ place: 0, text: "", proposed: "" }]);
  const set = (i: number, patch: Partial<Typed>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    const reply = newReply(agency, letter, date, localDate());
    const filled = rows.filter((r) => r.text.trim() || r.proposed.trim());
    const saved = await plan.apply(edit.recordReply(reply, filled.map((r) => newComment(reply, cv.places[r.place].place, r.text, r.proposed))));
    if (saved !== false) {
      setLetter("");
      setRows([{ place: 0, text: "", proposed: "" }]);
    }
  };
  return (
    <details className="card" data-testid="consult-letter">
      <summary>Nhập ý kiến gửi bằng công văn</summary>
      <div className="row">
        <label className="field">
          <span>Cơ quan</span>
          <select aria-label="Cơ quan gửi công văn" value={agency} onChange={(e) => setAgency(e.target.value)}>
            {round.agencies.map((a) => (
              <option key={a} value={a}>
                {agencyName(view, a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Số, ký hiệu công văn</span>
          <input aria-label="Số, ký hiệu công văn" value={letter} placeholder="45/SYT-KHTC" onChange={(e) => setLetter(e.target.value)} />
        </label>
        <DateInput label="Ngày công văn" value={date} onChange={setDate} />
      </div>
      {rows.map((r, i) => (
        <div className="row" key={i}>
          <select aria-label={`Vị trí ý kiến ${i + 1}`} value={r.place} onChange={(e) => set(i, { place: Number(e.target.value) })}>
            {cv.places.map((p, k) => (
              <option key={p.code} value={k}>
                {p.label}
              </option>
            ))}
          </select>
          <input className="grow" aria-label={`Nội dung ý kiến ${i + 1}`} value={r.text} onChange={(e) => set(i, { text: e.target.value })} />
          <input className="grow" aria-label={`Đề xuất sửa ${i + 1}`} placeholder="Đề xuất sửa thành (nếu có)" value={r.proposed} onChange={(e) => set(i, { proposed: e.target.value })} />
        </div>
      ))}
      <div className="row">
        <button onClick={() => setRows([...rows, { place: 0, text: "", proposed: "" }])}>+ Thêm ý kiến</button>
        <button className="primary" disabled={!letter.trim() || !date} onClick={save}>
          Ghi nhận công văn
        </button>
        <span className="muted">cần số, ký hiệu và ngày công văn; không có ý kiến nào: cơ quan thống nhất với dự thảo</span>
      </div>
    </details>
  );
}


function Comments({ view, plan, round, cv, onJump }: { view: PlanView; plan: PlanApi; round: Round; cv: ConsultationView; onJump: Props["onJump"] }) {
  const name = (id: string) => agencyName(view, id);
  if (round.comments.length === 0) return <p className="muted">Chưa có ý kiến góp ý nào.</p>;
  return (
    <table className="grid comments" data-testid="comments">
      <thead>
        <tr>
          <th>TT</th>
          <th>Cơ quan</th>
          <th>Vị trí</th>
          <th>Nội dung góp ý</th>
          <th>Trả lời</th>
        </tr>
      </thead>
      <tbody>
        {round.comments.map((c, i) => (
          <tr key={c.id} data-testid={`comment-${i + 1}`}>
            <td>{i + 1}</td>
            <td>
              {name(c.agency)}
              <div className="muted">{c.source}</div>
            </td>
            <td>
              {cv.labels[i]}
              {c.place.kind !== "general" && (
                <button title="Mở vị trí này trong kế hoạch để sửa" onClick={() => onJump(locationOf(c.place))}>
                  Sửa kế hoạch
                </button>
              )}
            </td>
            <td>
              {c.text}
              {c.proposed && <div>Đề nghị sửa thành: «{c.proposed}»</div>}
            </td>
            <td>
              <AnswerEditor comment={c} n={i + 1} onAnswer={(a) => plan.apply(edit.answerComment(c.id, a))} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AnswerEditor({ comment, n, onAnswer }: { comment: Comment; n: number; onAnswer: (a: Answer) => unknown }) {
  const a = comment.answer;
  const text = a.kind === "accepted" ? a.note : a.kind === "explained" ? a.text : a.kind === "rejected" ? a.reason : "";
  const [kind, setKind] = useState<Answer["kind"]>(a.kind);
  const needs = ANSWER_KINDS.find((k) => k.kind === kind)!.needs;
  return (
    <div className="answer">
      <select aria-label={`Trả lời ý kiến ${n}`} value={kind} onChange={(e) => {
        const k = e.target.value as Answer["kind"];
        setKind(k);
        // Tiếp thu and "chưa trả lời" need no text: saved at once; the others when typed.
        if (k === "accepted" || k === "pending") onAnswer(answerOf(k, ""));
      }}>
        {ANSWER_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {kind !== "pending" && <TextInput label={`${needs} (ý kiến ${n})`} hideLabel placeholder={needs} value={text} onCommit={(t) => onAnswer(answerOf(kind, t))} />}
    </div>
  );
}

const DOCS: { kind: ExportKind; label: string }[] = [
  { kind: "cong_van", label: "Công văn xin ý kiến" },
  { kind: "gop_y", label: "Bảng tổng hợp ý kiến (theo cơ quan)" },
  { kind: "gop_y_theo_phan", label: "Bảng tổng hợp ý kiến (theo phần)" },
  { kind: "ke_hoach_sua_doi", label: "Kế hoạch đánh dấu sửa đổi" },
  { kind: "to_trinh", label: "Tờ trình" },
];

function Documents({ view, notify }: { view: PlanView; notify: Notify }) {
  const [draft, setDraft] = useState(true);
  const [done, setDone] = useState<string | null>(null);
  const out = async (kind: ExportKind) => {
    try {
      const path = await api.exportDocument(view.id, kind, draft || kind === "ke_hoach_sua_doi");
      if (path) setDone(path);
    } catch (e) {
      notify(messageOf(e));
    }
  };
  return (
    <div className="card" data-testid="consult-docs">
      <div className="section-head">
        <h3>Hồ sơ trình</h3>
        <label className="check">
          <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Bản dự thảo
        </label>
      </div>
      <div className="row">
        {DOCS.map((d) => (
          <button key={d.kind} onClick={() => out(d.kind)}>
            {d.label}…
          </button>
        ))}
      </div>
      {done && (
        <div className="notice info" role="status">
          Đã lưu: <code data-testid="consult-export-path">{done}</code>
        </div>
      )}
    </div>
  );
}

/** The comments on the draft about the part of the plan being edited, shown above it. */
export function CommentsHere({ view, section }: { view: PlanView; section: string }) {
  const round = view.plan.consultation;
  const cv = view.consultation;
  if (!round || !cv) return null;
  const here = round.comments.map((c, i) => ({ c, label: cv.labels[i] })).filter(({ c }) => locationOf(c.place).location.section === section);
  if (here.length === 0) return null;
  const name = (id: string) => {
    const a = view.plan.directory.find((x) => x.id === id);
    return a?.short || a?.name || id;
  };
  return (
    <details className="card comments-here" data-testid="comments-here">
      <summary>
        Góp ý dự thảo về phần này: {here.length} ý kiến ({here.filter(({ c }) => c.answer.kind === "pending").length} chưa trả lời)
      </summary>
      <ul>
        {here.map(({ c, label }) => (
          <li key={c.id}>
            <b>{label}</b> — {name(c.agency)}: {c.text}
            {c.proposed && <> (đề nghị: «{c.proposed}»)</>} <span className="muted">[{answerLabel(c.answer)}]</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
