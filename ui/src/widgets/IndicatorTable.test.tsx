// The shared indicator table: one header cell per column, one row per indicator keyed by its
// id, each cell written by its column, a row's attributes and a cell's class by row.
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { IndicatorTable } from "./IndicatorTable";

describe("IndicatorTable", () => {
  it("writes the columns' titles and each row's cells", () => {
    const rows = [
      { id: "a", name: "Dịch vụ công trực tuyến", reached: true },
      { id: "b", name: "Hồ sơ số hóa", reached: false },
    ];
    render(
      <IndicatorTable
        label="Chỉ tiêu thử"
        rows={rows}
        rowAttrs={(r, i) => ({ "data-loc": `indicator-${r.id}`, "data-testid": `row-${i + 1}` })}
        columns={[
          { title: "STT", cell: (_, i) => i + 1 },
          { title: "Chỉ tiêu", cell: (r) => r.name },
          { title: "Đánh giá", className: (r) => (r.reached ? "" : "late"), cell: (r) => (r.reached ? "Đạt" : "Chưa đạt") },
        ]}
      />,
    );
    const table = screen.getByRole("table", { name: "Chỉ tiêu thử" });
    expect(table.className).toBe("grid indicators");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["STT", "Chỉ tiêu", "Đánh giá"]);
    const second = screen.getByTestId("row-2");
    expect(second.getAttribute("data-loc")).toBe("indicator-b");
    expect(Array.from(second.querySelectorAll("td")).map((td) => td.textContent)).toEqual(["2", "Hồ sơ số hóa", "Chưa đạt"]);
    expect(second.querySelectorAll("td")[2].className).toBe("late");
    expect(screen.getByTestId("row-1").querySelectorAll("td")[2].hasAttribute("class")).toBe(false);
  });

  it("has a header and no rows when there is no indicator", () => {
    const { container } = render(<IndicatorTable rows={[]} className="tracking-indicators" columns={[{ title: "Chỉ tiêu", cell: () => "" }]} />);
    const table = within(container).getByRole("table");
    expect(table.className).toBe("grid tracking-indicators");
    expect(table.querySelectorAll("tbody tr")).toHaveLength(0);
  });
});
