// Inputs that save as the planner types: the text is written after a short pause, when the
// field loses focus, or on Ctrl+S — never lost, never needing a Save button.
import { useEffect, useRef, useState } from "react";
import { registerPending } from "../usePlan";

const PAUSE_MS = 500;

function useLazy(value: string, commit: (v: string) => void) {
  const [local, setLocal] = useState(value);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ local, commit });
  latest.current = { local, commit };

  const flush = useRef(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (dirty.current) {
      dirty.current = false;
      latest.current.commit(latest.current.local);
    }
  });
  useEffect(() => registerPending(flush.current), []);
  useEffect(() => () => flush.current(), []);
  // A change from elsewhere (undo, reload) shows unless the planner is typing here.
  useEffect(() => {
    if (!dirty.current) setLocal(value);
  }, [value]);

  return {
    value: local,
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

type TextProps = {
  label: string;
  value: string;
  onCommit: (v: string) => void;
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
      className={invalid ? "invalid" : undefined}
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
