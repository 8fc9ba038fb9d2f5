import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newBudgetLine } from "../edits";
import { BudgetLines } from "./Tasks";

afterEach(cleanup);

describe("a budget line", () => {
  it("starts with an empty amount, so what is typed is the amount", async () => {
    const onChange = vi.fn();
    render(<BudgetLines lines={[newBudgetLine()]} levels={["tinh", "xa"]} onChange={onChange} />);
    const amount = screen.getByLabelText("Số tiền (triệu đồng)") as HTMLInputElement;
    expect(amount.value).toBe("");
    await userEvent.type(amount, "12");
    await userEvent.tab();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0][0][0].amount).toBe("12");
  });

  it("leaves an emptied amount alone and refuses one that is not a number", async () => {
    const onChange = vi.fn();
    render(<BudgetLines lines={[newBudgetLine()]} levels={["tinh", "xa"]} onChange={onChange} />);
    const amount = screen.getByLabelText("Số tiền (triệu đồng)");
    await userEvent.click(amount);
    await userEvent.tab();
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryByText("Số tiền viết như 1.250,5")).toBeNull();
    await userEvent.type(amount, "mười hai");
    await userEvent.tab();
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText("Số tiền viết như 1.250,5")).toBeTruthy();
  });
});
