// A date typed and shown as dd/mm/yyyy whatever the system's locale (the browser's own date
// input follows the locale and shows today's date in grey when empty). Empty means no date;
// a date that does not exist shows why and changes nothing.
import { useEffect, useState } from "react";

/** "2022-12-09" → "09/12/2022"; "" for none. */
export function showDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

/** "9/12/2022", "09-12-2022", "09.12.2022" → "2022-12-09"; null for empty; an error for a
 * date that does not exist. */
export function parseDate(text: string): { date: string | null } | { error: string } {
  const t = text.trim();
  if (!t) return { date: null };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return { error: "Ngày viết như 09/12/2026." };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1)
    return { error: `Không có ngày ${t}.` };
  if (year < 1945 || year > 2100) return { error: `Năm ${year} không hợp lệ.` };
  const p = (n: number) => String(n).padStart(2, "0");
  return { date: `${year}-${p(month)}-${p(day)}` };
}

type Props = {
  label: string;
  value: string | null;
  onChange: (iso: string | null) => unknown;
  hideLabel?: boolean;
};

export function DateInput({ label, value, onChange, hideLabel }: Props) {
  const [text, setText] = useState(showDate(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(showDate(value));
    setError(null);
  }, [value]);
  function commit() {
    const r = parseDate(text);
    if ("error" in r) return setError(r.error);
    setError(null);
    setText(showDate(r.date));
    if (r.date !== value) onChange(r.date);
  }
  const input = (
    <input
      aria-label={hideLabel ? label : undefined}
      className={"date" + (error ? " invalid" : "")}
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
  const message = error && (
    <span className="field-error" role="alert">
      {error}
    </span>
  );
  if (hideLabel)
    return (
      <span className="date-field">
        {input}
        {message}
      </span>
    );
  return (
    <label className="field">
      <span>{label}</span>
      {input}
      {message}
    </label>
  );
}
