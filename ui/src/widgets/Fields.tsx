// Inputs that save as the planner types: the text is written after a short pause, when the
// field loses focus, or on Ctrl+S — never lost, never needing a Save button.
import { useEffect, useRef, useState } from "react";
import { amountInput, parseAmount } from "../labels";
import { registerPending } from "../usePlan";

const PAUSE_MS = 500;

/** What `onCommit` may return: the edit's promise, resolving to whether it was saved. */
type Commit = (v: string) => unknown;

function useLazy(value: string, commit: Commit) {
  const [local, setLocal] = useState(value);
  // A commit the core refused: the field is marked and keeps the planner's text (the view
  // behind it was reloaded with what is stored) until a later commit is saved.
  const [failed, setFailed] = useState(false);
  // The same, for `flush`: a refused text is sent again on leaving the field or Ctrl+S,
  // without having to be changed first.
  const refused = useRef(false);
  const [settled, setSettled] = useState(0);
  const dirty = useRef(false);
  const inflight = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ local, commit });
  latest.current = { local, commit };

  const flush = useRef(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current && !refused.current) return;
    dirty.current = false;
    refused.current = false;
    const result = latest.current.commit(latest.current.local);
    if (result instanceof Promise) {
      inflight.current++;
      result.then((saved) => {
        inflight.current--;
        refused.current = saved === false;
        setFailed(saved === false);
        setSettled((n) => n + 1);
      });
    }
  });
  useEffect(() => registerPending(flush.current), []);
  // Leaving the screen writes what is being typed; a refused text is not sent again unasked.
  useEffect(
    () => () => {
      if (dirty.current) flush.current();
    },
    [],
  );
  // A change from elsewhere (undo, reload) shows unless the planner is typing here, an
  // edit from here is on its way, or the last one was refused.
  useEffect(() => {
    if (!dirty.current && inflight.current === 0 && !failed) setLocal(value);
  }, [value, settled, failed]);

  return {
    value: local,
    failed,
    onChange: (v: string) => {
      setLocal(v);
      dirty.current = true;
      latest.current.local = v;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush.current, PAUSE_MS);
    },
    onBlur: () => flush.current(),
  };
}

const UNSAVED = "Chưa lưu được nội dung này; sửa lại nếu cần, rồi rời ô hoặc bấm Ctrl+S để lưu lại.";

type TextProps = {
  label: string;
  value: string;
  onCommit: Commit;
  placeholder?: string;
  className?: string;
  invalid?: boolean;
  hideLabel?: boolean;
  id?: string;
};

export function TextInput({ label, value, onCommit, placeholder, className, invalid, hideLabel, id }: TextProps) {
  const f = useLazy(value, onCommit);
  const input = (
    <input
      id={id}
      aria-label={hideLabel ? label : undefined}
      className={invalid || f.failed ? "invalid" : undefined}
      aria-invalid={invalid || f.failed || undefined}
      title={f.failed ? UNSAVED : undefined}
      value={f.value}
      placeholder={placeholder}
      onChange={(e) => f.onChange(e.target.value)}
      onBlur={f.onBlur}
    />
  );
  if (hideLabel) return <span className={className}>{input}</span>;
  return (
    <label className={"field " + (className ?? "")}>
      <span>{label}</span>
      {input}
    </label>
  );
}

export function TextArea({ label, value, onCommit, placeholder, className, hideLabel, id, rows = 4 }: TextProps & { rows?: number }) {
  const f = useLazy(value, onCommit);
  const area = (
    <textarea
      id={id}
      aria-label={hideLabel ? label : undefined}
      className={f.failed ? "invalid" : undefined}
      aria-invalid={f.failed || undefined}
      title={f.failed ? UNSAVED : undefined}
      rows={rows}
      value={f.value}
      placeholder={placeholder}
      onChange={(e) => f.onChange(e.target.value)}
      onBlur={f.onBlur}
    />
  );
  if (hideLabel) return area;
  return (
    <label className={"field wide " + (className ?? "")}>
      <span>{label}</span>
      {area}
    </label>
  );
}

/** An exact number typed the Vietnamese way ("1.250,5"); empty means not given (null). A
 * value that is not a number is marked and sent nowhere. */
export function NumberInput({ label, value, onCommit }: { label: string; value: string | null; onCommit: (v: string | null) => unknown }) {
  const [bad, setBad] = useState(false);
  return (
    <span className={"number-field" + (bad ? " bad" : "")}>
      <TextInput
        label={label}
        hideLabel
        invalid={bad}
        value={value === null ? "" : amountInput(value)}
        onCommit={(t) => {
          const parsed = parseAmount(t);
          const wrong = t.trim() !== "" && parsed === null;
          setBad(wrong);
          return wrong ? undefined : onCommit(parsed);
        }}
      />
      {bad && (
        <span className="field-error" role="alert">
          Viết số như 1.250,5
        </span>
      )}
    </span>
  );
}
