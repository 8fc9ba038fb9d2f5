import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DateInput, parseDate, showDate } from "./DateInput";

afterEach(cleanup);

describe("dates as dd/mm/yyyy", () => {
  it("shows and reads the Vietnamese order whatever the locale", () => {
    expect(showDate("2022-12-09")).toBe("09/12/2022");
    expect(showDate(null)).toBe("");
    expect(parseDate("9/12/2022")).toEqual({ date: "2022-12-09" });
    expect(parseDate("09-12-2022")).toEqual({ date: "2022-12-09" });
    expect(parseDate("  ")).toEqual({ date: null });
  });

  it("refuses dates that do not exist", () => {
    expect(parseDate("29/02/2027")).toEqual({ error: "Không có ngày 29/02/2027." });
    expect(parseDate("12/31/2027")).toEqual({ error: "Không có ngày 12/31/2027." });
    expect(parseDate("2027-12-01")).toEqual({ error: "Ngày viết như 09/12/2026." });
  });

  it("an empty date looks empty and clears the value", () => {
    const onChange = vi.fn();
    render(<DateInput label="Ngày ban hành" value="2026-12-09" onChange={onChange} />);
    const input = screen.getByLabelText("Ngày ban hành") as HTMLInputElement;
    expect(input.value).toBe("09/12/2026");
    fireEvent.change(input, { target: { value: "" } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith(null);
    cleanup();
    render(<DateInput label="Ngày ban hành" value={null} onChange={onChange} />);
    expect((screen.getByLabelText("Ngày ban hành") as HTMLInputElement).value).toBe("");
  });
});
