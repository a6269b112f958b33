import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CommandSchema } from "../src/gen/atelier/v1/commands_pb";
import { MemoryStore, Outbox } from "../src/net/outbox";

const post = (id: string, text: string) =>
  create(CommandSchema, { commandId: id, kind: { case: "postIdea", value: { text } } });

describe("Outbox", () => {
  it("keeps commands in order across a reload (same store, same key)", () => {
    const store = new MemoryStore();
    const a = new Outbox(store, "k");
    a.add(post("1", "un repair café"));
    a.add(post("2", "une ludothèque"));
    const b = new Outbox(store, "k");
    expect(b.pending().map((c) => c.commandId)).toEqual(["1", "2"]);
    expect(b.pending()[1].kind).toEqual({ case: "postIdea", value: expect.objectContaining({ text: "une ludothèque" }) });
  });

  it("removes an answered command and forgets the key when empty", () => {
    const store = new MemoryStore();
    const box = new Outbox(store, "k");
    box.add(post("1", "x"));
    expect(box.remove("1")).toBe(true);
    expect(box.remove("1")).toBe(false);
    expect(store.getItem("k")).toBeNull();
  });

  it("adds a command id once", () => {
    const box = new Outbox(new MemoryStore(), "k");
    box.add(post("1", "x"));
    box.add(post("1", "x"));
    expect(box.size).toBe(1);
  });

  it("drops a corrupt stored entry instead of failing", () => {
    const store = new MemoryStore();
    store.setItem("k", "{not json");
    expect(new Outbox(store, "k").size).toBe(0);
  });

  it("works in memory when storage throws", () => {
    const broken = { getItem: () => null, setItem: () => { throw new Error("quota"); }, removeItem: () => {} };
    const box = new Outbox(broken, "k");
    box.add(post("1", "x"));
    expect(box.size).toBe(1);
  });
});
