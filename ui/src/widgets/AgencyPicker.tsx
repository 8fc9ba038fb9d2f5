// Type-ahead choice of agencies from the plan's directory. One agency (lead) or several
// (coordinating, shown as removable chips). Search ignores case and diacritics; arrow keys
// move, Enter picks and closes the list (so it does not cover the fields below), typing
// reopens it, Escape closes it, Backspace in an empty box removes the last chip.
import { useId, useMemo, useState } from "react";
import type { Agency } from "../bindings/Agency";
import { matches } from "../text";

export type AgencyPickerProps = {
  agencies: Agency[];
  value: string[];
  onChange: (ids: string[]) => void;
  multiple?: boolean;
  placeholder?: string;
  label: string;
  /** Shown when nothing is chosen and the field is required. */
  invalid?: boolean;
  /** Agencies not offered, e.g. a task's lead in its coordinators' picker. */
  exclude?: string[];
};

const LIMIT = 12;
const NONE: string[] = [];

export function AgencyPicker({
  agencies,
  value,
  onChange,
  multiple = false,
  placeholder = "Gõ để tìm cơ quan…",
  label,
  invalid = false,
  exclude = NONE,
}: AgencyPickerProps) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const byId = useMemo(() => new Map(agencies.map((a) => [a.id, a])), [agencies]);
  const options = useMemo(
    () =>
      agencies
        .filter((a) => !(multiple && value.includes(a.id)) && !exclude.includes(a.id))
        .filter((a) => matches(query, a.name, a.short))
        .slice(0, LIMIT),
    [agencies, query, value, multiple, exclude],
  );

  function pick(a: Agency) {
    onChange(multiple ? [...value, a.id] : [a.id]);
    setQuery("");
    setActive(0);
    setOpen(false);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      if (open && options[active]) {
        e.preventDefault();
        pick(options[active]);
      }
    } else if (e.key === "Escape" && open) {
      // Only the list closes, not what holds the picker (the task grid's open row).
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === "Backspace" && query === "" && multiple && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  const single = !multiple && value.length ? byId.get(value[0]) : undefined;
  return (
    <div className={"picker" + (invalid && value.length === 0 ? " invalid" : "")}>
      {multiple &&
        value.map((id) => (
          <span className="chip" key={id}>
            {byId.get(id)?.short ?? byId.get(id)?.name ?? id}
            <button
              type="button"
              aria-label={`Bỏ ${byId.get(id)?.name ?? id}`}
              onClick={() => onChange(value.filter((v) => v !== id))}
            >
              ×
            </button>
          </span>
        ))}
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        value={open || !single ? query : (single.short ?? single.name)}
        title={single?.name}
        placeholder={single ? single.name : placeholder}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="options" role="listbox" id={listId}>
          {options.length === 0 && <li className="none">Không có cơ quan phù hợp</li>}
          {options.map((a, i) => (
            <li
              key={a.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
            >
              {a.name}
              {a.short && a.short !== a.name && <small> ({a.short})</small>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
