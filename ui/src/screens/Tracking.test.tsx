// A department's account on the Theo dõi screen: its own task's report can be typed, another
// agency's task and the goals' indicators are shown as text (the server would refuse them).
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PlanView } from "../bindings/PlanView";
import type { Tracking as TrackingView } from "../bindings/Tracking";
import type { PlanApi } from "../usePlan";

const tally = { id: "", name: "", by_status: [1, 1, 0, 0, 0], total: 2, overdue: 0, at_risk: 0 };
const data: TrackingView = {
  as_of: "2027-06-30",
  tasks: [
    { id: "t1", number: "1.1", group: "g1", title: "Nhiệm vụ của Sở Y tế", lead: ["so-yt"], deadline: "Năm 2027", status: "chua_trien_khai", urgency: "on_track", planned: "", spent: null, reported: null },
    { id: "t2", number: "1.2", group: "g1", title: "Nhiệm vụ của Sở Tài chính", lead: ["so-tc"], deadline: "Năm 2027", status: "dang_trien_khai", urgency: "on_track", planned: "", spent: "120.5", reported: null },
  ],
  all: tally,
  groups: [{ ...tally, id: "g1", name: "1. Nhóm thử" }],
  agencies: [],
  indicators: [{ id: "i1", goal: "Mục tiêu", name: "Tỷ lệ hồ sơ trực tuyến", target: "≥ 90%", reached: null } as never],
  planned: "0",
  spent: "120,5",
};

vi.mock("../api", () => ({ api: { tracking: () => Promise.resolve(data) }, messageOf: String }));
const { Tracking } = await import("./Tracking");

afterEach(cleanup);

const progress = { note: "", updated: null, evidence: "", spent: null };
function view(agency: string | null): PlanView {
  const task = (id: string, lead: string, status: string, note = "", spent: string | null = null) => ({ id, title: id, lead: [lead], status, progress: { ...progress, note, spent } });
  return {
    id: "p1",
    revision: 1,
    account: { account: "x", full_name: "", agency },
    plan: {
      identity: { year: 2027 },
      directory: [
        { id: "so-yt", name: "Sở Y tế", short: null, kind: "so" },
        { id: "so-tc", name: "Sở Tài chính", short: null, kind: "so" },
      ],
      groups: [{ id: "g1", tasks: [task("t1", "so-yt", "chua_trien_khai"), task("t2", "so-tc", "dang_trien_khai", "Đã ký hợp đồng", "120.5")] }],
      specific_goals: [{ id: "g", indicators: [{ id: "i1", unit: "%", actual: "87.5", measured: "2027-06-01" }] }],
    },
  } as unknown as PlanView;
}

describe("the tracking screen for a department's account", () => {
  it("offers its own task's report and shows another agency's task and the indicators as text", async () => {
    const plan = { apply: vi.fn() } as unknown as PlanApi;
    render(<Tracking view={view("Sở Y tế")} plan={plan} notify={() => {}} />);
    const own = await screen.findByTestId("track-1.1");
    expect(within(own).getByRole("combobox", { name: "Trạng thái nhiệm vụ 1.1" })).toBeTruthy();
    const other = screen.getByTestId("track-1.2");
    expect(within(other).queryByRole("combobox")).toBeNull();
    expect(within(other).queryByRole("textbox")).toBeNull();
    expect(other.textContent).toContain("Đang triển khai");
    expect(other.textContent).toContain("Đã ký hợp đồng");
    expect(other.textContent).toContain("120,5");
    const indicator = screen.getByTestId("indicator-1");
    expect(within(indicator).queryByRole("textbox")).toBeNull();
    expect(indicator.textContent).toContain("87,5");
    expect(indicator.textContent).toContain("01/06/2027");
  });

  it("offers a drafter every task and indicator", async () => {
    const plan = { apply: vi.fn() } as unknown as PlanApi;
    render(<Tracking view={view(null)} plan={plan} notify={() => {}} />);
    const other = await screen.findByTestId("track-1.2");
    expect(within(other).getByRole("combobox", { name: "Trạng thái nhiệm vụ 1.2" })).toBeTruthy();
    expect(within(screen.getByTestId("indicator-1")).getByRole("textbox", { name: "Thực hiện chỉ tiêu 1" })).toBeTruthy();
  });
});
