import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import { Findings } from "./Findings";

afterEach(cleanup);

const at = (task: string, number: string) => ({ section: "tasks" as const, task, label: `Nhiệm vụ ${number}` });

const collective = (n: number): Finding => ({
  severity: "warning",
  code: "task.lead_not_single",
  location: at(`t${n}`, `1.${n}`),
  message: `Nhiệm vụ 1.${n} giao cho một tập thể chủ trì: nên giao một cơ quan chịu trách nhiệm chính.`,
});

const noTitle = (n: number): Finding => ({
  severity: "error",
  code: "task.no_title",
  location: at(`t${n}`, `2.${n}`),
  message: `Nhiệm vụ 2.${n} chưa có tên.`,
});

// The panel reads nothing of the view but its findings.
const viewOf = (findings: Finding[]) => ({ findings }) as unknown as PlanView;

describe("Findings", () => {
  it("gathers 28 warnings of one rule into one entry with a jump to each place", () => {
    const many = Array.from({ length: 28 }, (_, i) => collective(i + 1));
    const onJump = vi.fn();
    render(<Findings view={viewOf([noTitle(1), ...many])} onJump={onJump} />);
    expect(screen.getByTestId("warning-count").textContent).toBe("28 lưu ý");
    expect(screen.getByTestId("error-count").textContent).toBe("1 lỗi");
    const panel = screen.getByRole("complementary", { name: "Kiểm tra" });
    expect(within(panel).getAllByRole("listitem")).toHaveLength(2);
    const head = screen.getByRole("button", { expanded: true });
    expect(head.textContent).toContain("28 nhiệm vụ");
    expect(head.textContent).toContain("giao cho một tập thể chủ trì");
    expect(head.getAttribute("data-code")).toBe("task.lead_not_single");
    const places = within(screen.getByRole("group", { name: /^28 nhiệm vụ/ })).getAllByRole("button");
    expect(places.map((b) => b.textContent)).toEqual(many.map((_, i) => `1.${i + 1}`));
    fireEvent.click(places[6]);
    expect(onJump).toHaveBeenCalledWith(many[6]);
  });

  it("folds a group away and opens it again", () => {
    render(<Findings view={viewOf([1, 2, 3].map(collective))} onJump={() => {}} />);
    const head = screen.getByRole("button", { name: /3 nhiệm vụ/ });
    fireEvent.click(head);
    expect(head.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("button", { name: "1.2" })).toBeNull();
    fireEvent.click(head);
    expect(screen.getByRole("button", { name: "1.2" })).toBeTruthy();
  });

  it("keeps a rule met only twice as two findings, and rules of another severity apart", () => {
    const errorTwin: Finding = { ...collective(9), severity: "error" };
    const onJump = vi.fn();
    render(<Findings view={viewOf([collective(1), collective(2), errorTwin, noTitle(1)])} onJump={onJump} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(4);
    expect(screen.queryByRole("button", { expanded: true })).toBeNull();
    fireEvent.click(within(items[1]).getByRole("button"));
    expect(onJump).toHaveBeenCalledWith(collective(2));
  });

  it("says what the places share, or shows one message when they differ", () => {
    const differ: Finding[] = [1, 2, 3].map((n) => ({
      ...collective(n),
      code: "task.lead_in_coordinating",
      message: `Nhiệm vụ 1.${n}: «Sở ${n}» vừa chủ trì vừa phối hợp.`,
    }));
    render(<Findings view={viewOf(differ)} onJump={() => {}} />);
    expect(screen.getByRole("button", { expanded: true }).textContent).toContain("Ví dụ: Nhiệm vụ 1.1: «Sở 1» vừa chủ trì vừa phối hợp.");
  });
});
