import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeadlineInput, deadlineCell, deadlineOf } from "./DeadlineInput";

afterEach(cleanup);

const blank = { date: "", year: "2027", month: "", quarter: "", from: "2027", to: "2028", day: "" };

describe("deadlineOf", () => {
  it("builds every kind from its fields", () => {
    expect(deadlineOf("quarter", { ...blank, quarter: "3" })).toEqual({ deadline: { kind: "quarter", year: 2027, quarter: 3 } });
    expect(deadlineOf("month", { ...blank, month: "11" })).toEqual({ deadline: { kind: "month", year: 2027, month: 11 } });
    expect(deadlineOf("year_range", { ...blank, from: "2026", to: "2030" })).toEqual({ deadline: { kind: "year_range", from: 2026, to: 2030 } });
    expect(deadlineOf("recurring", { ...blank, day: "30", month: "11" })).toEqual({ deadline: { kind: "recurring", day: 30, month: 11 } });
    expect(deadlineOf("date", { ...blank, date: "2027-06-30" })).toEqual({ deadline: { kind: "date", date: "2027-06-30" } });
    expect(deadlineOf("continuous", blank)).toEqual({ deadline: { kind: "continuous" } });
    expect(deadlineOf("none", blank)).toEqual({ deadline: null });
  });

  it("refuses impossible deadlines with a reason", () => {
    expect(deadlineOf("month", { ...blank, month: "13" })).toEqual({ error: "Tháng phải từ 1 đến 12." });
    expect(deadlineOf("quarter", { ...blank, quarter: "7" })).toEqual({ error: "Quý phải từ I đến IV." });
    expect(deadlineOf("year_range", { ...blank, from: "2028", to: "2027" })).toEqual({ error: "Năm kết thúc phải sau năm bắt đầu." });
    expect(deadlineOf("recurring", { ...blank, day: "31", month: "11" })).toEqual({ error: "Tháng 11 không có ngày 31." });
    expect(deadlineOf("year", { ...blank, year: "20x7" })).toEqual({ error: "Năm không hợp lệ." });
  });
});

describe("deadlineOf, parts still to choose", () => {
  it("asks for what is missing without calling it an error", () => {
    expect(deadlineOf("quarter", { ...blank, quarter: "" })).toEqual({ pending: "Chọn quý." });
    expect(deadlineOf("month", { ...blank, month: "" })).toEqual({ pending: "Nhập tháng." });
    expect(deadlineOf("date", blank)).toEqual({ pending: "Nhập ngày." });
    expect(deadlineOf("recurring", blank)).toEqual({ pending: "Nhập ngày và tháng." });
  });
});

describe("DeadlineInput", () => {
  it("a date is typed and shown as dd/mm/yyyy", () => {
    const onChange = vi.fn();
    render(<DeadlineInput value={{ kind: "date", date: "2027-06-30" }} planYear={2027} onChange={onChange} />);
    const input = screen.getByLabelText("Ngày") as HTMLInputElement;
    expect(input.value).toBe("30/06/2027");
    fireEvent.change(input, { target: { value: "31/06/2027" } });
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Không có ngày 31/06/2027.");
    fireEvent.change(input, { target: { value: "15/9/2027" } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith({ kind: "date", date: "2027-09-15" });
  });

  it("shows the fields of the deadline it is given", () => {
    render(<DeadlineInput value={{ kind: "year_range", from: 2026, to: 2030 }} planYear={2027} onChange={() => {}} />);
    expect((screen.getByLabelText("Từ năm") as HTMLInputElement).value).toBe("2026");
    expect((screen.getByLabelText("Đến năm") as HTMLInputElement).value).toBe("2030");
  });

  it("switching to a quarter passes on a deadline only once the quarter is chosen", () => {
    const onChange = vi.fn();
    render(<DeadlineInput value={null} planYear={2027} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Thời hạn: loại"), { target: { value: "quarter" } });
    expect(onChange).not.toHaveBeenCalled();
    // Nothing is wrong yet: the quarter has not been chosen, so a hint, not an error.
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Chọn quý.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Quý"), { target: { value: "3" } });
    expect(onChange).toHaveBeenLastCalledWith({ kind: "quarter", year: 2027, quarter: 3 });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a half-typed range changes nothing and says why", () => {
    const onChange = vi.fn();
    render(<DeadlineInput value={{ kind: "year_range", from: 2026, to: 2030 }} planYear={2027} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Đến năm"), { target: { value: "20" } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Năm không hợp lệ.");
    fireEvent.change(screen.getByLabelText("Đến năm"), { target: { value: "2028" } });
    expect(onChange).toHaveBeenLastCalledWith({ kind: "year_range", from: 2026, to: 2028 });
  });

  it("says what the plan keeps while the fields cannot be saved", () => {
    const onChange = vi.fn();
    const { rerender } = render(<DeadlineInput value={{ kind: "year_range", from: 2027, to: 2028 }} planYear={2027} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Đến năm"), { target: { value: "2026" } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Năm kết thúc phải sau năm bắt đầu.");
    expect(screen.getByTestId("deadline-kept").textContent).toBe("Chưa lưu: thời hạn vẫn là «2027 - 2028».");
    // No deadline yet, 31/2 every year: nothing saved, and it says so.
    rerender(<DeadlineInput value={null} planYear={2027} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Thời hạn: loại"), { target: { value: "recurring" } });
    fireEvent.change(screen.getByLabelText("Ngày"), { target: { value: "31" } });
    fireEvent.change(screen.getByLabelText("Tháng"), { target: { value: "2" } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Tháng 2 không có ngày 31.");
    expect(screen.getByTestId("deadline-kept").textContent).toBe("Chưa lưu: thời hạn vẫn là «không có».");
  });

  it("'Thường xuyên' and 'Không có' need no fields", () => {
    const onChange = vi.fn();
    render(<DeadlineInput value={{ kind: "year", year: 2027 }} planYear={2027} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Thời hạn: loại"), { target: { value: "continuous" } });
    expect(onChange).toHaveBeenLastCalledWith({ kind: "continuous" });
    fireEvent.change(screen.getByLabelText("Thời hạn: loại"), { target: { value: "none" } });
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});

describe("deadlineCell", () => {
  it("reads like the documents' table cells, never as JSON", () => {
    expect(deadlineCell({ kind: "quarter", year: 2027, quarter: 3 })).toBe("Quý III/2027");
    expect(deadlineCell({ kind: "year_range", from: 2024, to: 2025 })).toBe("2024 - 2025");
    expect(deadlineCell({ kind: "date", date: "2027-06-30" })).toBe("30/06/2027");
    expect(deadlineCell({ kind: "continuous" })).toBe("Thường xuyên");
    expect(deadlineCell(null)).toBe("");
  });
});
