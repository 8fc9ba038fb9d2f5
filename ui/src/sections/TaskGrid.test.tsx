import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agency } from "../bindings/Agency";
import type { Comment } from "../bindings/Comment";
import type { Edit } from "../bindings/Edit";
import type { Finding } from "../bindings/Finding";
import type { PlanView } from "../bindings/PlanView";
import type { Task } from "../bindings/Task";
import type { TaskGroup } from "../bindings/TaskGroup";
import type { PlanApi } from "../usePlan";
import { Tasks } from "./Tasks";

afterEach(cleanup);

const directory: Agency[] = [
  { id: "so-tc", name: "Sở Tài chính", short: null, kind: "so" },
  { id: "so-yt", name: "Sở Y tế", short: null, kind: "so" },
  { id: "so-khcn", name: "Sở Khoa học và Công nghệ", short: "Sở KH&CN", kind: "so" },
];

const LONG_TITLE =
  "Xây dựng, nâng cấp và vận hành kho dữ liệu số dùng chung của tỉnh, kết nối với các cơ sở dữ liệu quốc gia và chuyên ngành";

/** 76 tasks in 10 groups, numbered "g.i"; every task led by Sở Tài chính except where said. */
function sample(): PlanView {
  const sizes = [8, 8, 8, 8, 8, 8, 7, 7, 7, 7];
  const special: Record<string, Partial<Task>> = {
    "1.1": { title: LONG_TITLE, coordinating: ["so-khcn"] },
    "3.2": { lead: ["so-yt"] },
    "5.1": { coordinating: ["so-yt"] },
    "7.3": { coordinating: ["so-khcn", "so-yt"] },
    "2.1": { status: "hoan_thanh" },
    "2.2": { status: "hoan_thanh" },
    "9.4": { status: "hoan_thanh" },
  };
  const groups: TaskGroup[] = sizes.map((n, g) => ({
    id: `g${g + 1}`,
    title: `Nhóm thử ${g + 1}`,
    framework_ref: null,
    intro: "",
    tasks: Array.from({ length: n }, (_, i) => task(`${g + 1}.${i + 1}`, special[`${g + 1}.${i + 1}`])),
  }));
  const findings: Finding[] = [
    finding("4.1", "error", "task.no_lead", "Nhiệm vụ 4.1 chưa có cơ quan chủ trì."),
    finding("4.1", "error", "task.deadline_invalid", "Nhiệm vụ 4.1: thời hạn «Quý V/2023» không hợp lệ."),
    finding("6.6", "warning", "task.lead_not_single", "Nhiệm vụ 6.6 giao cho nhiều cơ quan chủ trì."),
  ];
  return viewOf(groups, findings);
}

function task(number: string, patch: Partial<Task> = {}): Task {
  return {
    id: `t${number}`,
    title: `Nhiệm vụ thử ${number}`,
    description: "",
    lead: ["so-tc"],
    coordinating: [],
    deadline: { kind: "year", year: 2023 },
    output: "",
    budget: [],
    national_task: null,
    indicators: [],
    status: "chua_trien_khai",
    progress: { note: "", updated: null, evidence: "", spent: null },
    ...patch,
  };
}

function finding(number: string, severity: Finding["severity"], code: string, message: string): Finding {
  return { severity, code, message, location: { section: "tasks", task: `t${number}`, label: `Nhiệm vụ ${number}` } };
}

// The grid and its card editor read only these parts of the view; the rest is the core's.
function viewOf(groups: TaskGroup[], findings: Finding[] = []): PlanView {
  return {
    plan: { groups, directory, identity: { year: 2023 } },
    groups: groups.map((g, i) => ({ id: g.id, number: String(i + 1) })),
    tasks: groups.flatMap((g, gi) =>
      g.tasks.map((t, ti) => ({ id: t.id, number: `${gi + 1}.${ti + 1}`, deadline: "Năm 2023", budget: ti === 0 ? "1.250" : "" })),
    ),
    findings,
    national_covered: [],
    account: { account: "lan", full_name: "Nguyễn Thị Lan", agency: null },
    edited: [],
  } as unknown as PlanView;
}

function show(view: PlanView, focusTask: string | null = null) {
  const apply = vi.fn<(e: Edit) => void>();
  const plan = { apply } as unknown as PlanApi;
  const ui = (v: PlanView, focus = focusTask) => <Tasks view={v} plan={plan} catalogues={null} focusTask={focus} />;
  const r = render(ui(view));
  return { apply, rerender: (v: PlanView, focus: string | null = null) => r.rerender(ui(v, focus)), user: userEvent.setup() };
}

const taskRows = () => screen.getAllByRole("row").filter((r) => r.hasAttribute("data-task"));
const numbers = () => taskRows().map((r) => r.dataset.number);
const rowOf = (number: string) => taskRows().find((r) => r.dataset.number === number)!;
const cellOf = (number: string, col: number) => rowOf(number).querySelector<HTMLElement>(`[data-col="${col}"]`)!;
const shownCount = () => screen.getByTestId("task-count").textContent;
const focusedRow = () => document.activeElement?.closest<HTMLElement>("[data-task]")?.dataset.number;

describe("TaskGrid", () => {
  it("shows every task as one row under its group's heading, texts whole in tooltips", () => {
    show(sample());
    expect(screen.getByRole("grid", { name: "Danh sách nhiệm vụ" })).toBeTruthy();
    expect(taskRows()).toHaveLength(76);
    expect(screen.getAllByRole("row").filter((r) => r.classList.contains("group-row"))).toHaveLength(10);
    expect(shownCount()).toBe("Hiển thị 76/76 nhiệm vụ");
    expect(numbers().slice(0, 10)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2"]);
    // Agencies by their short name, in full in the tooltip; the title in full too.
    const coordinating = within(rowOf("7.3")).getAllByRole("gridcell")[3];
    expect(coordinating.textContent).toBe("Sở KH&CN, Sở Y tế");
    expect(coordinating.title).toBe("Sở Khoa học và Công nghệ, Sở Y tế");
    expect(within(rowOf("1.1")).getAllByRole("gridcell")[1].title).toBe(LONG_TITLE);
    expect(within(rowOf("1.1")).getAllByRole("gridcell")[5].textContent).toBe("1.250");
    // Rows with an error carry a red mark counting them, the messages in its tooltip.
    const mark = within(rowOf("4.1")).getByRole("img", { name: "2 lỗi" });
    expect(mark.title).toBe("Nhiệm vụ 4.1 chưa có cơ quan chủ trì.\nNhiệm vụ 4.1: thời hạn «Quý V/2023» không hợp lệ.");
    expect(mark.classList.contains("error")).toBe(true);
    expect(within(rowOf("6.6")).getByRole("img", { name: "1 lưu ý" })).toBeTruthy();
    expect(within(rowOf("1.2")).queryByRole("img")).toBeNull();
  });

  it("searches agency names without diacritics", async () => {
    const { user } = show(sample());
    await user.type(screen.getByRole("searchbox", { name: "Tìm nhiệm vụ" }), "so y te");
    expect(numbers()).toEqual(["3.2", "5.1", "7.3"]);
    expect(shownCount()).toBe("Hiển thị 3/76 nhiệm vụ");
    // Groups without a match are left out.
    expect(screen.getAllByRole("row").filter((r) => r.classList.contains("group-row"))).toHaveLength(3);
    await user.click(screen.getByRole("button", { name: "Bỏ lọc" }));
    expect(taskRows()).toHaveLength(76);
  });

  it("filters by status, by agency, by group and by having findings", async () => {
    const { user } = show(sample());
    await user.selectOptions(screen.getByRole("combobox", { name: "Lọc theo tình trạng" }), "hoan_thanh");
    expect(numbers()).toEqual(["2.1", "2.2", "9.4"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Lọc theo tình trạng" }), "");
    await user.click(screen.getByRole("checkbox", { name: "Có lỗi/lưu ý" }));
    expect(numbers()).toEqual(["4.1", "6.6"]);
    await user.click(screen.getByRole("checkbox", { name: "Có lỗi/lưu ý" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Lọc theo cơ quan" }), "so-khcn");
    expect(numbers()).toEqual(["1.1", "7.3"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Lọc theo nhóm" }), "g7");
    expect(numbers()).toEqual(["7.3"]);
    expect(shownCount()).toBe("Hiển thị 1/76 nhiệm vụ");
  });

  it("moves like a spreadsheet; Enter opens the row's editor, Escape closes it", async () => {
    const { user } = show(sample());
    cellOf("1.1", 0).focus();
    await user.keyboard("{ArrowDown}");
    expect(focusedRow()).toBe("1.2");
    expect(rowOf("1.2").getAttribute("aria-selected")).toBe("true");
    expect(rowOf("1.1").getAttribute("aria-selected")).toBe("false");
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(document.activeElement).toBe(cellOf("1.2", 2));
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(cellOf("1.2", 6));
    await user.keyboard("{Home}{PageDown}");
    expect(document.activeElement).toBe(cellOf("2.4", 0));
    await user.keyboard("{ArrowUp}");
    expect(focusedRow()).toBe("2.3");
    // The current cell is the grid's one stop for Tab.
    expect(taskRows().flatMap((r) => [...r.querySelectorAll("[tabindex='0']")])).toEqual([cellOf("2.3", 0)]);

    await user.keyboard("{Enter}");
    const title = screen.getByRole("textbox", { name: "Tên nhiệm vụ 2.3" });
    expect(document.activeElement).toBe(title);
    expect(screen.getByRole("combobox", { name: "Cơ quan chủ trì nhiệm vụ 2.3" })).toBeTruthy();
    expect(rowOf("2.3").getAttribute("aria-expanded")).toBe("true");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 2.3" })).toBeNull();
    expect(document.activeElement).toBe(cellOf("2.3", 0));
  });

  it("moves a task within its group with Alt+↑/↓, never past its ends", async () => {
    const { user, apply, rerender } = show(sample());
    cellOf("3.2", 1).focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    expect(apply).toHaveBeenLastCalledWith({ op: "move_task", id: "t3.2", group: "g3", index: 2 });
    // When the core answers, the moved task keeps the focus at its new place.
    const view = sample();
    const g3 = view.plan.groups[2].tasks;
    [g3[1], g3[2]] = [g3[2], g3[1]];
    // The webview drops the focus when React re-inserts the moved row; jsdom does not, so drop it.
    (document.activeElement as HTMLElement).blur();
    rerender(viewOf(view.plan.groups));
    expect(document.activeElement).toBe(cellOf("3.3", 1));
    expect(rowOf("3.3").dataset.task).toBe("t3.2");
    cellOf("3.1", 1).focus();
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    expect(apply).toHaveBeenCalledTimes(1);
    // Delete deletes nothing.
    await user.keyboard("{Delete}");
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it("opens one row at a time on click", async () => {
    const { user } = show(sample());
    await user.click(within(rowOf("5.2")).getAllByRole("gridcell")[1]);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Tên nhiệm vụ 5.2" }));
    await user.click(within(rowOf("5.4")).getAllByRole("gridcell")[2]);
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 5.2" })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Tên nhiệm vụ 5.4" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Thu gọn nhiệm vụ 5.4" }));
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 5.4" })).toBeNull();
  });

  it("opens a new task's editor with its title focused, even under a filter", async () => {
    const view = sample();
    const { user, apply, rerender } = show(view);
    await user.type(screen.getByRole("searchbox", { name: "Tìm nhiệm vụ" }), "so y te");
    const group2 = screen.getAllByRole("rowgroup").find((g) => g.dataset.loc === "group-g2");
    expect(group2).toBeUndefined(); // no match in group 2 …
    await user.selectOptions(screen.getByRole("combobox", { name: "Lọc theo nhóm" }), "g2");
    const head = screen.getAllByRole("row").find((r) => r.classList.contains("group-row"))!;
    await user.click(within(head).getByRole("button", { name: "+ Thêm nhiệm vụ" }));
    const added = apply.mock.lastCall![0];
    expect(added).toMatchObject({ op: "add_task", group: "g2", index: null, task: { title: "", lead: [] } });
    if (added.op !== "add_task") throw new Error(added.op);
    // The core answers with the task in the plan: its editor is open, its title focused.
    const groups = view.plan.groups.map((g) => (g.id === "g2" ? { ...g, tasks: [...g.tasks, added.task] } : g));
    rerender(viewOf(groups));
    expect(rowOf("2.9").getAttribute("data-loc")).toBe(`task-${added.task.id}`);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Tên nhiệm vụ 2.9" }));
    expect(screen.getByRole("combobox", { name: "Cơ quan phối hợp nhiệm vụ 2.9" })).toBeTruthy();
  });

  it("opens the task the validation panel jumps to", () => {
    const { rerender } = show(sample());
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 8.5" })).toBeNull();
    rerender(sample(), "t8.5");
    const row = document.querySelector<HTMLElement>('[data-loc="task-t8.5"]')!;
    expect(row.querySelector("input")).toBe(screen.getByRole("textbox", { name: "Tên nhiệm vụ 8.5" }));
  });

  it("does not offer a task's lead among its coordinators", async () => {
    const { user } = show(sample());
    await user.click(within(rowOf("3.2")).getAllByRole("gridcell")[1]);
    await user.type(screen.getByRole("combobox", { name: "Cơ quan phối hợp nhiệm vụ 3.2" }), "so");
    const offered = within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.textContent);
    expect(offered).toEqual(["Sở Tài chính", "Sở Khoa học và Công nghệ (Sở KH&CN)"]);
    // Escape closes the suggestions first, and only then the row.
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Tên nhiệm vụ 3.2" })).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 3.2" })).toBeNull();
  });

  it("shows a department's account the other agencies' tasks and the groups read-only", async () => {
    const base = sample();
    const view = { ...base, account: { account: "so_yt", full_name: "Trần Văn Bình", agency: "Sở Y tế" } } as PlanView;
    const { apply, user } = show(view);
    const head = screen.getAllByRole("row").find((r) => r.classList.contains("group-row"))!;
    // Disabled by their fieldset: what the planner sees and what the browser does.
    const disabled = (el: HTMLElement) => el.matches(":disabled");
    expect(disabled(within(head).getByRole("textbox", { name: "Tên nhóm 1" }))).toBe(true);
    expect(disabled(within(head).getByRole("button", { name: "Xóa nhóm" }))).toBe(true);
    // A task it adds is its agency's own.
    await user.click(within(head).getByRole("button", { name: "+ Thêm nhiệm vụ" }));
    expect(apply.mock.lastCall![0]).toMatchObject({ op: "add_task", group: "g1", task: { lead: ["so-yt"] } });
    // Its own task opens for editing; another agency's opens to read, and closes.
    await user.click(within(rowOf("3.2")).getAllByRole("gridcell")[1]);
    expect(disabled(screen.getByRole("textbox", { name: "Tên nhiệm vụ 3.2" }))).toBe(false);
    await user.click(within(rowOf("3.3")).getAllByRole("gridcell")[1]);
    expect(disabled(screen.getByRole("textbox", { name: "Tên nhiệm vụ 3.3" }))).toBe(true);
    expect(screen.getByRole("note").textContent).toContain("tài khoản của Sở Y tế chỉ xem");
    await user.click(screen.getByRole("button", { name: "Thu gọn" }));
    expect(screen.queryByRole("textbox", { name: "Tên nhiệm vụ 3.3" })).toBeNull();
  });

  it("marks a task's row with the comments on the draft about it, listed under it when open", async () => {
    const view = sample();
    const comment = (id: string, agency: string, task: string, text: string, answer: Comment["answer"]): Comment => ({
      id, agency, place: { kind: "task", id: task }, text, proposed: "", answer, letter: "", source: "Phiếu góp ý, dòng 5",
    });
    (view.plan as { consultation: unknown }).consultation = {
      comments: [
        comment("c1", "so-yt", "t1.1", "Đề nghị nêu rõ sản phẩm.", { kind: "pending" }),
        comment("c2", "so-tc", "t1.1", "Ghép với nhiệm vụ 1.2.", { kind: "rejected", reason: "Hai việc khác nhau." }),
        comment("c3", "so-yt", "t3.2", "Cần kinh phí riêng.", { kind: "accepted", note: "" }),
        { ...comment("c4", "so-yt", "", "Góp ý chung.", { kind: "pending" }), place: { kind: "general" } },
      ],
    };
    const { user } = show(view);
    const mark = within(rowOf("1.1")).getByRole("img", { name: "2 góp ý, 1 chưa trả lời" });
    expect(mark.textContent).toBe("✉ 2");
    expect(mark.classList.contains("pending")).toBe(true);
    expect(mark.title).toContain("Sở Y tế: Đề nghị nêu rõ sản phẩm. [Chưa trả lời]");
    expect(mark.title).toContain("Sở Tài chính: Ghép với nhiệm vụ 1.2. [Không tiếp thu]");
    const answered = within(rowOf("3.2")).getByRole("img", { name: "1 góp ý" });
    expect(answered.classList.contains("pending")).toBe(false);
    // A general comment marks no row; a row without comments has no mark.
    expect(within(rowOf("1.2")).queryByRole("img")).toBeNull();
    expect(screen.queryByTestId("task-comments")).toBeNull();
    await user.click(within(rowOf("1.1")).getAllByRole("gridcell")[1]);
    const list = screen.getByTestId("task-comments");
    expect(list.textContent).toContain("Góp ý dự thảo về nhiệm vụ này (2, 1 chưa trả lời)");
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Sở Y tế: Đề nghị nêu rõ sản phẩm. [Chưa trả lời]",
      "Sở Tài chính: Ghép với nhiệm vụ 1.2. [Không tiếp thu]",
    ]);
  });
});
