import { describe, expect, it } from "vitest";
import { formatJoinCode, normalizeJoinCode } from "../src/net/join_code";

describe("join codes", () => {
  it("takes 8 digits, or 6 for older workshops, with or without spaces", () => {
    expect(normalizeJoinCode("12345678")).toBe("12345678");
    expect(normalizeJoinCode("1234 5678")).toBe("12345678");
    expect(normalizeJoinCode(" 12 34 56 78 ")).toBe("12345678");
    expect(normalizeJoinCode("1234-5678")).toBe("12345678");
    expect(normalizeJoinCode("123456")).toBe("123456");
    expect(normalizeJoinCode("123 456")).toBe("123456");
  });

  it("refuses anything else", () => {
    for (const bad of ["", "1234567", "123456789", "12345", "1234 567a", "abcdefgh", "１２３４５６７８"]) {
      expect(normalizeJoinCode(bad)).toBe("");
    }
  });

  it("shows codes in two groups", () => {
    expect(formatJoinCode("12345678")).toBe("1234 5678");
    expect(formatJoinCode("123456")).toBe("123 456");
    expect(formatJoinCode("—")).toBe("—");
  });
});
