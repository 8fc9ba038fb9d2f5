// A refused edit, forced through the real api/usePlan/field code with only Tauri's invoke
// replaced: the planner reads one Vietnamese sentence, the field is marked and keeps the
// text, the save indicator names the unsaved edit, and the raw text goes to the log.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PlanView } from "./bindings/PlanView";

const calls: { cmd: string; args: unknown }[] = [];
let editReply: (args: { edit: { text?: string } }) => Promise<unknown>;
const stored = { id: "p1", revision: 1, plan: { vision: "Tầm nhìn cũ" } } as unknown as PlanView;
/** What open_plan answers (a test may set the plan as a colleague left it). */
let openReply: PlanView = stored;

vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args: never) => {
    calls.push({ cmd, args });
    if (cmd === "edit_plan") return editReply(args);
    if (cmd === "open_plan") return Promise.resolve(openReply);
    return Promise.resolve(null);
  },
}));

const { usePlan } = await import("./usePlan");
const { saveText } = await import("./App");
const { TextInput } = await import("./widgets/Fields");
const { edit, listEdit, patchAt, taskIn } = await import("./edits");

function Harness({ onError }: { onError: (m: string) => void }) {
  const plan = usePlan(onError);
  useEffect(() => plan.show(stored), []); // eslint-disable-line react-hooks/exhaustive-deps
  if (!plan.view) return null;
  return (
    <>
      <button onClick={() => plan.show({ ...stored, id: "p2" })}>Mở kế hoạch khác</button>
      <TextInput label="Tầm nhìn" value={plan.view.plan.vision} onCommit={(t) => plan.apply(edit.text("vision", t))} />
      <span data-testid="save">{saveText(plan.save)}</span>
    </>
  );
}

afterEach(() => {
  cleanup();
  calls.length = 0;
});

describe("an edit the core refuses", () => {
  it("is said in Vietnamese, keeps the typed text in a marked field and names what is unsaved", async () => {
    // What Tauri itself answered before the fix, before the core even saw the edit.
    editReply = () => Promise.reject("invalid args `edit` for command `edit_plan`: invalid type: null, expected a Decimal");
    const onError = vi.fn();
    render(<Harness onError={onError} />);
    expect(screen.getByTestId("save").textContent).toBe(""); // nothing claimed before a save
    const field = (await screen.findByLabelText("Tầm nhìn")) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "Tầm nhìn mới" } });
    await act(async () => fireEvent.blur(field));

    await waitFor(() => expect(onError).toHaveBeenCalled());
    const message: string = onError.mock.calls[0][0];
    expect(message).toMatch(/^Không lưu được thay đổi/);
    expect(message).not.toMatch(/invalid|expected|args/);
    await waitFor(() => expect(screen.getByTestId("save").textContent).toBe("Chưa lưu: Nội dung"));
    expect(field.value).toBe("Tầm nhìn mới");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const logged = calls.find((c) => c.cmd === "log_window_error");
    expect(JSON.stringify(logged?.args)).toContain("invalid args");

    // Leaving the field again sends the kept text again, unchanged (as Ctrl+S does).
    const sent = calls.filter((c) => c.cmd === "edit_plan").length;
    await act(async () => fireEvent.blur(field));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "edit_plan").length).toBe(sent + 1));
    await waitFor(() => expect(screen.getByTestId("save").textContent).toBe("Chưa lưu: Nội dung"));
    expect(field.value).toBe("Tầm nhìn mới");

    // Typed again and saved: the mark goes, the indicator says saved.
    editReply = ({ edit: e }) => Promise.resolve({ ...stored, revision: 2, plan: { vision: e.text } });
    fireEvent.change(field, { target: { value: "Tầm nhìn mới hơn" } });
    await act(async () => fireEvent.blur(field));
    await waitFor(() => expect(screen.getByTestId("save").textContent).toMatch(/^Đã lưu lúc/));
    expect(field.getAttribute("aria-invalid")).toBeNull();
    expect(field.value).toBe("Tầm nhìn mới hơn");
  });

  it("is not shown on another plan", async () => {
    editReply = () => Promise.reject({ message: "Không tìm thấy kế hoạch có mã p1." });
    render(<Harness onError={() => {}} />);
    const field = (await screen.findByLabelText("Tầm nhìn")) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "x" } });
    await act(async () => fireEvent.blur(field));
    await waitFor(() => expect(screen.getByTestId("save").textContent).toBe("Chưa lưu: Nội dung"));
    fireEvent.click(screen.getByText("Mở kế hoạch khác"));
    expect(screen.getByTestId("save").textContent).toBe("");
  });
});

describe("an edit sent while the shared server is down", () => {
  it("says so once, keeps the text, waits, and is saved when the server is back", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const down = { message: "Cơ sở dữ liệu không trả lời (mất kết nối tới máy chủ…)", retry: true };
      let attempts = 0;
      editReply = ({ edit: e }) => {
        attempts++;
        // Down for the first two attempts, then back.
        return attempts <= 2 ? Promise.reject(down) : Promise.resolve({ ...stored, revision: 2, plan: { vision: e.text } });
      };
      const onError = vi.fn();
      render(<Harness onError={onError} />);
      const field = (await screen.findByLabelText("Tầm nhìn")) as HTMLInputElement;
      fireEvent.change(field, { target: { value: "Tầm nhìn viết lúc mất mạng" } });
      await act(async () => fireEvent.blur(field));
      await waitFor(() => expect(screen.getByTestId("save").textContent).toBe("Mất kết nối, đang chờ để lưu: Nội dung"));
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0][0]).toMatch(/không trả lời/);
      expect(field.value).toBe("Tầm nhìn viết lúc mất mạng");
      // Nothing reloaded while waiting: what is typed stays what is shown.
      expect(calls.some((c) => c.cmd === "open_plan")).toBe(false);

      await act(async () => {
        await vi.advanceTimersByTimeAsync(2 * 2000 + 100);
      });
      await waitFor(() => expect(screen.getByTestId("save").textContent).toMatch(/^Đã lưu lúc/));
      expect(attempts).toBe(3);
      expect(onError).toHaveBeenCalledTimes(1);
      expect(field.value).toBe("Tầm nhìn viết lúc mất mạng");
      const sent = calls.filter((c) => c.cmd === "edit_plan").map((c) => JSON.stringify(c.args));
      expect(new Set(sent).size).toBe(1); // the same edit, from the same revision, each time
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("edits queued while the server was down", () => {
  const task = { id: "t1", title: "Nhiệm vụ", status: "dang_trien_khai", progress: { note: "", spent: null, updated: null, evidence: "" } };
  const withTask = { ...stored, plan: { vision: "", groups: [{ id: "g1", tasks: [task] }], specific_goals: [] } } as unknown as PlanView;

  function TrackHarness() {
    const plan = usePlan(() => {});
    useEffect(() => plan.show(withTask), []); // eslint-disable-line react-hooks/exhaustive-deps
    if (!plan.view) return null;
    const track = (patch: Parameters<typeof edit.trackTask>[1]) =>
      plan.apply((v) => edit.trackTask(taskIn(v, "t1")!, patch));
    return (
      <>
        <button onClick={() => track({ progress: { note: "Đã vận hành" } })}>Kết quả</button>
        <button onClick={() => track({ progress: { spent: "1250" } })}>Kinh phí</button>
        <span data-testid="save">{saveText(plan.save)}</span>
      </>
    );
  }

  it("are each built from the plan the one before left: a result then an amount are both kept", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let attempts = 0;
      let revision = 1;
      // The server applies what it is sent to the task it holds.
      let held = task;
      editReply = ({ edit: e }) => {
        attempts++;
        if (attempts <= 2) return Promise.reject({ message: "Cơ sở dữ liệu không trả lời", retry: true });
        const sent = e as unknown as { progress: typeof task.progress };
        held = { ...held, progress: sent.progress };
        revision++;
        return Promise.resolve({ ...withTask, revision, plan: { ...withTask.plan, groups: [{ id: "g1", tasks: [held] }] } });
      };
      render(<TrackHarness />);
      await act(async () => fireEvent.click(await screen.findByText("Kết quả")));
      await act(async () => fireEvent.click(screen.getByText("Kinh phí")));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(3 * 2000 + 100);
      });
      await waitFor(() => expect(screen.getByTestId("save").textContent).toMatch(/^Đã lưu lúc/));
      expect(held.progress).toEqual({ note: "Đã vận hành", spent: "1250", updated: null, evidence: "" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("keep each other's changes to a list edited as a whole: two goals renamed, both kept", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const goals = [
      { id: "g1", title: "Mục tiêu 1", indicators: [] },
      { id: "g2", title: "Mục tiêu 2", indicators: [] },
    ];
    const start = { ...withTask, plan: { ...withTask.plan, specific_goals: goals } } as unknown as PlanView;
    function GoalsHarness() {
      const plan = usePlan(() => {});
      useEffect(() => plan.show(start), []); // eslint-disable-line react-hooks/exhaustive-deps
      if (!plan.view) return null;
      const shown = plan.view.plan.specific_goals;
      const rename = (i: number, title: string) =>
        plan.apply(listEdit((p) => p.specific_goals, shown, patchAt(shown, i, { title }), edit.goals));
      return (
        <>
          <button onClick={() => rename(0, "Chính quyền số")}>Đổi 1</button>
          <button onClick={() => rename(1, "Kinh tế số")}>Đổi 2</button>
          <span data-testid="save">{saveText(plan.save)}</span>
        </>
      );
    }
    try {
      let attempts = 0;
      let revision = 1;
      let held: unknown[] = goals;
      editReply = ({ edit: e }) => {
        attempts++;
        if (attempts <= 2) return Promise.reject({ message: "Cơ sở dữ liệu không trả lời", retry: true });
        held = (e as unknown as { goals: unknown[] }).goals;
        revision++;
        return Promise.resolve({ ...start, revision, plan: { ...start.plan, specific_goals: held } });
      };
      render(<GoalsHarness />);
      // Both clicked while the first waits for the server: both built from the same view.
      await act(async () => fireEvent.click(await screen.findByText("Đổi 1")));
      await act(async () => fireEvent.click(screen.getByText("Đổi 2")));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(3 * 2000 + 100);
      });
      await waitFor(() => expect(screen.getByTestId("save").textContent).toMatch(/^Đã lưu lúc/));
      expect(held.map((g) => (g as { title: string }).title)).toEqual(["Chính quyền số", "Kinh tế số"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("are built again on the plan as it now stands when a colleague's edit came first", async () => {
    let attempts = 0;
    const colleague = { ...task, progress: { ...task.progress, evidence: "QĐ 12/QĐ-UBND" } };
    const fresh = { ...withTask, revision: 5, plan: { ...withTask.plan, groups: [{ id: "g1", tasks: [colleague] }] } } as unknown as PlanView;
    const sent: unknown[] = [];
    editReply = (args) => {
      attempts++;
      sent.push(args);
      if (attempts === 1) return Promise.reject({ message: "Nội dung này vừa được Nguyễn Văn A sửa…", retry: false, stale: true });
      return Promise.resolve({ ...fresh, revision: 6 });
    };
    openReply = fresh;
    render(<TrackHarness />);
    await act(async () => fireEvent.click(await screen.findByText("Kết quả")));
    await waitFor(() => expect(screen.getByTestId("save").textContent).toMatch(/^Đã lưu lúc/));
    const second = sent[1] as { revision: number; edit: { progress: typeof task.progress } };
    expect(second.revision).toBe(5);
    // The colleague's evidence is kept, the planner's result added.
    expect(second.edit.progress).toEqual({ ...colleague.progress, note: "Đã vận hành" });
    openReply = stored;
  });
});
