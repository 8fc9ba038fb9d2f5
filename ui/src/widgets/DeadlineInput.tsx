// Every kind of deadline the plans use — a date, a month, a quarter, a year, a period of
// years, a date every year, "Thường xuyên" — as structured fields. Only a well-formed
// deadline is passed on; a half-typed or impossible one shows why and changes nothing.
import { useEffect, useState } from "react";
import type { Deadline } from "../bindings/Deadline";
import { DateInput, showDate } from "./DateInput";

type Kind = Deadline["kind"] | "none";

export const KIND_LABELS: Record<Kind, string> = {
  none: "Không có",
  date: "Ngày",
  month: "Tháng",
  quarter: "Quý",
  year: "Năm",
  year_range: "Giai đoạn",
  recurring: "Hằng năm",
  continuous: "Thường xuyên",
};

type Fields = { date: string; year: string; month: string; quarter: string; from: string; to: string; day: string };

function fieldsOf(d: Deadline | null, planYear: number): Fields {
  const f: Fields = {
    date: "",
    year: String(planYear),
    month: "",
    quarter: "",
    from: String(planYear),
    to: String(planYear + 1),
    day: "",
  };
  if (!d) return f;
  switch (d.kind) {
    case "date":
      return { ...f, date: d.date };
    case "month":
      return { ...f, year: String(d.year), month: String(d.month) };
    case "quarter":
      return { ...f, year: String(d.year), quarter: String(d.quarter) };
    case "year":
      return { ...f, year: String(d.year) };
    case "year_range":
      return { ...f, from: String(d.from), to: String(d.to) };
    case "recurring":
      return { ...f, day: String(d.day), month: String(d.month) };
    default:
      return f;
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function int(s: string): number | null {
  return /^\d+$/.test(s.trim()) ? Number(s.trim()) : null;
}

/** What the fields describe: a deadline; a part still to choose (`pending`, a hint, not an
 * error: the planner has just picked the kind); or the reason the values are impossible. */
export type DeadlineResult = { deadline: Deadline | null } | { pending: string } | { error: string };

export function deadlineOf(kind: Kind, f: Fields): DeadlineResult {
  const year = int(f.year);
  const yearOk = (y: number | null): y is number => y !== null && y >= 2000 && y <= 2100;
  switch (kind) {
    case "none":
      return { deadline: null };
    case "continuous":
      return { deadline: { kind: "continuous" } };
    case "date":
      if (!f.date) return { pending: "Nhập ngày." };
      return /^\d{4}-\d{2}-\d{2}$/.test(f.date) ? { deadline: { kind: "date", date: f.date } } : { error: "Ngày không hợp lệ." };
    case "year":
      return yearOk(year) ? { deadline: { kind: "year", year } } : { error: "Năm không hợp lệ." };
    case "month": {
      const month = int(f.month);
      if (!yearOk(year)) return { error: "Năm không hợp lệ." };
      if (!f.month.trim()) return { pending: "Nhập tháng." };
      if (month === null || month < 1 || month > 12) return { error: "Tháng phải từ 1 đến 12." };
      return { deadline: { kind: "month", year, month } };
    }
    case "quarter": {
      const quarter = int(f.quarter);
      if (!yearOk(year)) return { error: "Năm không hợp lệ." };
      if (!f.quarter) return { pending: "Chọn quý." };
      if (quarter === null || quarter < 1 || quarter > 4) return { error: "Quý phải từ I đến IV." };
      return { deadline: { kind: "quarter", year, quarter } };
    }
    case "year_range": {
      const from = int(f.from);
      const to = int(f.to);
      if (!yearOk(from) || !yearOk(to)) return { error: "Năm không hợp lệ." };
      if (to <= from) return { error: "Năm kết thúc phải sau năm bắt đầu." };
      return { deadline: { kind: "year_range", from, to } };
    }
    case "recurring": {
      const day = int(f.day);
      const month = int(f.month);
      if (!f.day.trim() || !f.month.trim()) return { pending: "Nhập ngày và tháng." };
      if (month === null || month < 1 || month > 12) return { error: "Tháng phải từ 1 đến 12." };
      if (day === null || day < 1 || day > DAYS_IN_MONTH[month - 1])
        return { error: `Tháng ${month} không có ngày ${f.day || "đó"}.` };
      return { deadline: { kind: "recurring", day, month } };
    }
  }
}

export type DeadlineInputProps = {
  value: Deadline | null;
  onChange: (d: Deadline | null) => void;
  planYear: number;
  label?: string;
};

const ROMAN = ["I", "II", "III", "IV"];

/** A deadline as a table cell reads it: "Quý III/2027", "Tháng 6/2027", "2026 - 2030",
 * "Thường xuyên" — the wording of the core's `Deadline::cell`, for lists the core does
 * not format (the catalogue browser). */
export function deadlineCell(d: Deadline | null): string {
  if (!d) return "";
  switch (d.kind) {
    case "date":
      return showDate(d.date);
    case "month":
      return `Tháng ${d.month}/${d.year}`;
    case "quarter":
      return `Quý ${ROMAN[d.quarter - 1] ?? d.quarter}/${d.year}`;
    case "year":
      return `Năm ${d.year}`;
    case "year_range":
      return `${d.from} - ${d.to}`;
    case "recurring":
      return `Trước ngày ${d.day} tháng ${d.month} hằng năm`;
    case "continuous":
      return "Thường xuyên";
  }
}

export function DeadlineInput({ value, onChange, planYear, label = "Thời hạn" }: DeadlineInputProps) {
  const [kind, setKind] = useState<Kind>(value?.kind ?? "none");
  const [fields, setFields] = useState<Fields>(() => fieldsOf(value, planYear));
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);

  // A change from outside (undo, another row) resets the fields.
  const key = JSON.stringify(value);
  useEffect(() => {
    setKind(value?.kind ?? "none");
    setFields(fieldsOf(value, planYear));
    setError(null);
    setHint(null);
  }, [key, planYear]); // eslint-disable-line react-hooks/exhaustive-deps

  function update(k: Kind, f: Fields) {
    setKind(k);
    setFields(f);
    const r = deadlineOf(k, f);
    setError("error" in r ? r.error : null);
    setHint("pending" in r ? r.pending : null);
    if ("deadline" in r && JSON.stringify(r.deadline) !== key) onChange(r.deadline);
  }
  const set = (name: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    update(kind, { ...fields, [name]: e.target.value });
  const num = (name: keyof Fields, aria: string, width = "4.5em") => (
    <input aria-label={aria} inputMode="numeric" style={{ width }} value={fields[name]} onChange={set(name)} />
  );

  return (
    <div className={"deadline" + (error ? " invalid" : "")} role="group" aria-label={label}>
      <select aria-label={`${label}: loại`} value={kind} onChange={(e) => update(e.target.value as Kind, fields)}>
        {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      {kind === "date" && (
        <DateInput label="Ngày" hideLabel value={fields.date || null} onChange={(date) => update(kind, { ...fields, date: date ?? "" })} />
      )}
      {kind === "month" && (
        <>
          {num("month", "Tháng", "3em")}/{num("year", "Năm")}
        </>
      )}
      {kind === "quarter" && (
        <>
          <select aria-label="Quý" value={fields.quarter} onChange={set("quarter")}>
            <option value="">Quý…</option>
            {ROMAN.map((r, i) => (
              <option key={r} value={i + 1}>
                Quý {r}
              </option>
            ))}
          </select>
          /{num("year", "Năm")}
        </>
      )}
      {kind === "year" && num("year", "Năm")}
      {kind === "year_range" && (
        <>
          {num("from", "Từ năm")} - {num("to", "Đến năm")}
        </>
      )}
      {kind === "recurring" && (
        <>
          trước ngày {num("day", "Ngày", "3em")} tháng {num("month", "Tháng", "3em")} hằng năm
        </>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {hint && <span className="field-hint">{hint}</span>}
      {(error || hint) && (
        // What the plan holds while the fields cannot be saved: closing the card keeps it.
        <span className="field-hint" data-testid="deadline-kept">
          Chưa lưu: thời hạn vẫn là «{value ? deadlineCell(value) : "không có"}».
        </span>
      )}
    </div>
  );
}
