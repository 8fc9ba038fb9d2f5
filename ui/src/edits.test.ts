// A whole-list edit done again on the list as it now stands: what another edit (queued
// before it while the server was down, or a colleague's) changed in the meantime stays.
import { describe, expect, it } from "vitest";
import { rebaseList } from "./edits";

type Item = { id: string; t: string };
const a = { id: "a", t: "A" };
const b = { id: "b", t: "B" };
const c = { id: "c", t: "C" };

describe("rebaseList", () => {
  it("is the planner's list when nothing changed since it was shown", () => {
    const after = [b, a];
    expect(rebaseList<Item>([a, b], after, [a, b])).toBe(after);
  });

  it("keeps another edit's change to one item while the planner changed another", () => {
    const now = [{ ...a, t: "A (đã sửa trước)" }, b, c];
    const mine = [a, { ...b, t: "B của tôi" }, c];
    expect(rebaseList<Item>([a, b, c], mine, now)).toEqual([{ id: "a", t: "A (đã sửa trước)" }, { id: "b", t: "B của tôi" }, c]);
  });

  it("removes what the planner removed and keeps what was added meanwhile", () => {
    const d = { id: "d", t: "D (thêm trước)" };
    expect(rebaseList<Item>([a, b, c], [a, c], [a, b, c, d])).toEqual([a, c, d]);
  });

  it("puts an added item after the one it followed, not after items added meanwhile", () => {
    const d = { id: "d", t: "D (thêm trước)" };
    const e = { id: "e", t: "E của tôi" };
    expect(rebaseList<Item>([a, b], [a, e, b], [a, b, d])).toEqual([a, e, b, d]);
    expect(rebaseList<Item>([a, b], [e, a, b], [d, a, b])).toEqual([e, d, a, b]);
  });

  it("keeps the planner's order for a move and another edit's change to the moved item", () => {
    const changed = { ...a, t: "A (đã sửa trước)" };
    expect(rebaseList<Item>([a, b, c], [b, a, c], [changed, b, c])).toEqual([b, changed, c]);
  });

  it("does not bring back an item removed meanwhile", () => {
    expect(rebaseList<Item>([a, b], [a, { ...b, t: "B của tôi" }], [a])).toEqual([a]);
  });
});
