// Vietnamese search that ignores case and diacritics: "so y te" finds "Sở Y tế". The same
// folding as the core's text::fold (NFD, drop combining marks, đ → d, lower case).
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** True when every word of the query occurs in one of the texts (folded). */
export function matches(query: string, ...texts: (string | null | undefined)[]): boolean {
  const hay = fold(texts.filter(Boolean).join(" "));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** A new item id, in the core's shape (12 hex digits). */
export function newId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 12);
}

/** The day on the planner's own clock, as the core's dates are written ("2026-12-08").
 * Not `toISOString()`: that is the UTC day, the day before in Vietnam until 7:00. */
export function localDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
