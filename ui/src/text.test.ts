import { describe, expect, it } from "vitest";
import { amountInput, parseAmount } from "./labels";
import { fold, localDate, matches } from "./text";

describe("fold and matches", () => {
  it("folds like the core: no diacritics, đ → d, lower case", () => {
    expect(fold("Sở Y tế")).toBe("so y te");
    expect(fold("ĐẮK LẮK")).toBe("dak lak");
    // Decomposed input (as some keyboards send it) folds the same.
    expect(fold("Sở Y tế".normalize("NFD"))).toBe("so y te");
  });
  it("needs every word", () => {
    expect(matches("so y te", "Sở Y tế")).toBe(true);
    expect(matches("y te so", "Sở Y tế")).toBe(true);
    expect(matches("so y te tinh", "Sở Y tế")).toBe(false);
    expect(matches("", "anything")).toBe(true);
  });
});

describe("amounts", () => {
  it("reads Vietnamese and plain numbers exactly", () => {
    expect(parseAmount("132.897,5")).toBe("132897.5");
    expect(parseAmount("1.250")).toBe("1250");
    expect(parseAmount("1250.5")).toBe("1250.5");
    expect(parseAmount(" 20 000 ")).toBe("20000");
    expect(parseAmount("0")).toBe("0");
  });
  it("refuses what is not an amount", () => {
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("-5")).toBeNull();
    expect(parseAmount("mười")).toBeNull();
    expect(parseAmount("1,2,3")).toBeNull();
  });
  it("writes an exact decimal back with a comma", () => {
    expect(amountInput("1250.5")).toBe("1250,5");
  });
});

describe("where a workbook's problem is", () => {
  it("names the sheet and column, and nothing for a problem of the whole file", async () => {
    const { inSheet } = await import("./screens/Rounds");
    expect(inSheet({ sheet: "Đề xuất", column: "H (Kinh phí)" })).toBe("Trang «Đề xuất», cột H (Kinh phí): ");
    expect(inSheet({ sheet: null, column: "H" })).toBe("cột H: ");
    expect(inSheet({ sheet: null, column: null })).toBe("");
  });
});

describe("localDate", () => {
  it("is the day in Vietnam, not the UTC day", () => {
    // The tests run in Vietnam's time zone (vite.config.ts), where 20:30 UTC is 03:30 next day.
    expect(new Date(Date.UTC(2026, 11, 7, 20, 30)).getTimezoneOffset()).toBe(-420);
    expect(localDate(new Date(Date.UTC(2026, 11, 7, 20, 30)))).toBe("2026-12-08");
    expect(localDate(new Date(Date.UTC(2026, 0, 1, 5, 0)))).toBe("2026-01-01");
  });
});
