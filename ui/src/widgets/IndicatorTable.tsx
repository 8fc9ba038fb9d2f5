// The table of indicators that three screens show (goals, last year's assessment, tracking):
// a header row of column titles and one row per indicator. Each screen says its columns;
// the table, its header and the row's keys and locators are written once here.
import type { ReactNode } from "react";

export type Column<R> = {
  title: string;
  /** The cell's class, fixed or by row ("late" for a missed target). */
  className?: string | ((row: R) => string);
  cell: (row: R, i: number) => ReactNode;
};

export function IndicatorTable<R extends { id: string }>({
  rows,
  columns,
  label,
  className = "indicators",
  rowAttrs,
}: {
  rows: R[];
  columns: Column<R>[];
  label?: string;
  className?: string;
  /** Attributes of a row, e.g. the `data-loc` a finding jumps to. */
  rowAttrs?: (row: R, i: number) => Record<string, string>;
}) {
  const classOf = (c: Column<R>, r: R) => (typeof c.className === "function" ? c.className(r) : c.className);
  return (
    <table className={`grid ${className}`} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, k) => (
            <th key={k}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.id} {...rowAttrs?.(r, i)}>
            {columns.map((c, k) => (
              <td key={k} className={classOf(c, r) || undefined}>
                {c.cell(r, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
