// The busy/problem wrapper the Server and Rounds screens share: busy while a request runs,
// the step before it run first, the core's sentence of a failure handed on, and `undefined`
// for a failed request.
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { useBusy } from "./useBusy";

vi.mock("@tauri-apps/api/core", () => ({ invoke: () => Promise.resolve(null) }));

describe("useBusy", () => {
  it("is busy while a request runs and says its failure", async () => {
    const problems: string[] = [];
    const order: string[] = [];
    const { result } = renderHook(() => useBusy((m) => problems.push(m), () => void order.push("trước")));
    let finish: (v: number) => void = () => {};
    let pending: Promise<number | undefined> = Promise.resolve(undefined);
    act(() => {
      pending = result.current.run(() => {
        order.push("việc");
        return new Promise<number>((r) => (finish = r));
      });
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      await Promise.resolve();
      finish(7);
      expect(await pending).toBe(7);
    });
    expect(result.current.busy).toBe(false);
    expect(order).toEqual(["trước", "việc"]);

    let failed: number | undefined = 0;
    await act(async () => {
      failed = await result.current.run(() => Promise.reject({ message: "Máy chủ không trả lời." }));
    });
    expect(failed).toBeUndefined();
    expect(problems).toEqual(["Máy chủ không trả lời."]);
    expect(result.current.busy).toBe(false);
  });
});
