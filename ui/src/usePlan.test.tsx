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

vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args: never) => {
    calls.push({ cmd, args });
    if (cmd === "edit_plan") return editReply(args);
    if (cmd === "open_plan") return Promise.resolve(stored);
    return Promise.resolve(null);
  },
}));

const { usePlan } = await import("./usePlan");
const { saveText } = await import("./App");
const { TextInput } = await import("./widgets/Fields");
const { edit } = await import("./edits");

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
