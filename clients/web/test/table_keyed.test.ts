import { describe, expect, it } from "vitest";
import { buckets } from "../src/table/keyed_list";

// The wall's chunks (ChunkedList): items grouped by runs of consecutive keys, in the order given.
describe("buckets", () => {
  const key = (x: { id: number }) => x.id;
  const ids = (m: Map<number, { id: number }[]>) => [...m].map(([b, xs]) => [b, xs.map((x) => x.id)]);

  it("groups a list sorted by key, newest first, by runs of `size` keys, in the order given", () => {
    const list = [70, 65, 64, 63, 33, 31, 2].map((id) => ({ id }));
    expect(ids(buckets(list, key, 32))).toEqual([[2, [70, 65, 64]], [1, [63, 33]], [0, [31, 2]]]);
  });

  it("puts a key in the same bucket whatever else the list holds (a card never changes chunk)", () => {
    const before = buckets([40, 33].map((id) => ({ id })), key, 32);
    const after = buckets([41, 40, 33, 1].map((id) => ({ id })), key, 32);
    expect(ids(before)).toEqual([[1, [40, 33]]]);
    expect(ids(after)).toEqual([[1, [41, 40, 33]], [0, [1]]]);
  });

  it("is empty for an empty list", () => {
    expect(buckets([], key, 32).size).toBe(0);
  });
});
