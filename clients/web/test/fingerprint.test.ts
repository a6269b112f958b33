import { describe, expect, it } from "vitest";
import { groupedHex, hexHash } from "../src/ui/fingerprint";

describe("fingerprint", () => {
  it("prints bytes as lowercase hex, two digits each", () => {
    expect(hexHash(new Uint8Array([0, 1, 0xab, 0xff]))).toBe("0001abff");
    expect(hexHash(new Uint8Array(32).fill(0x3f))).toHaveLength(64);
  });
  it("groups hex by eight", () => {
    expect(groupedHex("0123456789abcdef01")).toBe("01234567 89abcdef 01");
    expect(groupedHex("")).toBe("");
  });
});
