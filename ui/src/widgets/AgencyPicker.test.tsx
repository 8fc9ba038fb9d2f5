import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agency } from "../bindings/Agency";
import { AgencyPicker } from "./AgencyPicker";

const agencies: Agency[] = [
  { id: "so-yt", name: "Sở Y tế", short: null, kind: "so" },
  { id: "so-tc", name: "Sở Tài chính", short: null, kind: "so" },
  { id: "so-khcn", name: "Sở Khoa học và Công nghệ", short: "Sở KH&CN", kind: "so" },
  { id: "so-xd", name: "Sở Xây dựng", short: null, kind: "so" },
  { id: "ca", name: "Công an tỉnh", short: null, kind: "tinh_khac" },
];

function Multi({ onChange, exclude }: { onChange: (ids: string[]) => void; exclude?: string[] }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <AgencyPicker
      label="Phối hợp"
      multiple
      agencies={agencies}
      exclude={exclude}
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

const options = () => screen.queryAllByRole("option").map((o) => o.textContent);

afterEach(cleanup);

describe("AgencyPicker", () => {
  it("finds agencies ignoring case and diacritics", () => {
    render(<AgencyPicker label="Chủ trì" agencies={agencies} value={[]} onChange={() => {}} />);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "so y te" } });
    expect(options()).toEqual(["Sở Y tế"]);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "SO XAY" } });
    expect(options()).toEqual(["Sở Xây dựng"]);
  });

  it("matches the short name and every word anywhere", () => {
    render(<AgencyPicker label="Chủ trì" agencies={agencies} value={[]} onChange={() => {}} />);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "kh&cn" } });
    expect(options()).toEqual(["Sở Khoa học và Công nghệ (Sở KH&CN)"]);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "cong nghe khoa" } });
    expect(options()).toEqual(["Sở Khoa học và Công nghệ (Sở KH&CN)"]);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "bo quoc phong" } });
    expect(screen.getByText("Không có cơ quan phù hợp")).toBeTruthy();
  });

  it("picks with the arrow keys and Enter (single choice replaces)", () => {
    const onChange = vi.fn();
    render(<AgencyPicker label="Chủ trì" agencies={agencies} value={["ca"]} onChange={onChange} />);
    const box = screen.getByRole("combobox");
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: "so" } });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onChange).toHaveBeenCalledWith(["so-tc"]);
  });

  it("keeps several coordinating agencies as chips, without repeats, removable", () => {
    const onChange = vi.fn();
    render(<Multi onChange={onChange} />);
    const box = screen.getByRole("combobox");
    fireEvent.change(box, { target: { value: "so y te" } });
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.change(box, { target: { value: "tai chinh" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onChange).toHaveBeenLastCalledWith(["so-yt", "so-tc"]);
    // A chosen agency is not offered again.
    fireEvent.change(box, { target: { value: "y te" } });
    expect(options()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Bỏ Sở Y tế" }));
    expect(onChange).toHaveBeenLastCalledWith(["so-tc"]);
    // Backspace in the empty box takes the last chip off.
    fireEvent.change(box, { target: { value: "" } });
    fireEvent.keyDown(box, { key: "Backspace" });
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it("Escape closes the list without choosing", () => {
    const onChange = vi.fn();
    render(<AgencyPicker label="Chủ trì" agencies={agencies} value={[]} onChange={onChange} />);
    const box = screen.getByRole("combobox");
    fireEvent.change(box, { target: { value: "so" } });
    expect(screen.getByRole("listbox")).toBeTruthy();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onChange).not.toHaveBeenCalled();
  });

  it("does not offer the excluded agencies (a task's lead among its coordinators)", () => {
    render(<Multi onChange={() => {}} exclude={["so-yt", "so-tc"]} />);
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "so" } });
    expect(options()).toEqual(["Sở Khoa học và Công nghệ (Sở KH&CN)", "Sở Xây dựng"]);
  });

  it("closes the list after Enter picks a coordinating agency, and reopens it on typing", () => {
    const onChange = vi.fn();
    render(<Multi onChange={onChange} />);
    const box = screen.getByRole("combobox");
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: "so y te" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onChange).toHaveBeenLastCalledWith(["so-yt"]);
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(box.getAttribute("aria-expanded")).toBe("false");
    fireEvent.change(box, { target: { value: "tai" } });
    expect(options()).toEqual(["Sở Tài chính"]);
  });

  it("Escape on an open list closes only the list, not what holds the picker", () => {
    const outer = vi.fn();
    render(
      <div onKeyDown={(e) => outer(e.key)}>
        <AgencyPicker label="Chủ trì" agencies={agencies} value={[]} onChange={() => {}} />
      </div>,
    );
    const box = screen.getByRole("combobox");
    fireEvent.change(box, { target: { value: "so" } });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(outer).not.toHaveBeenCalled();
    // With the list closed, Escape is the holder's again.
    fireEvent.keyDown(box, { key: "Escape" });
    expect(outer).toHaveBeenCalledWith("Escape");
  });
});
