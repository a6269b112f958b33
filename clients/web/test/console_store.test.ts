import { describe, expect, it } from "vitest";
import { ConsoleStore, kMaxRemembered, type RememberedWorkshop } from "../src/console/console_store";
import { MemoryStore } from "../src/net/outbox";

function workshop(id: string, atMs: number, question = `Q ${id}`): RememberedWorkshop {
  return { id, question, template: "ideation", atMs, createdHere: true };
}

describe("ConsoleStore's list of workshops", () => {
  it("lists the workshops whose token it keeps, newest first", () => {
    const kv = new MemoryStore();
    const store = new ConsoleStore(kv);
    store.saveToken("a", "ta");
    store.remember(workshop("a", 1000));
    store.saveToken("b", "tb");
    store.remember(workshop("b", 3000));
    store.remember(workshop("c", 2000)); // no token: its console cannot open from here
    expect(store.workshops().map((w) => w.id)).toEqual(["b", "a"]);
    expect(new ConsoleStore(kv).workshops().map((w) => w.question)).toEqual(["Q b", "Q a"]);
  });

  it("keeps when and how a workshop came, and follows its question", () => {
    const store = new ConsoleStore(new MemoryStore());
    store.saveToken("a", "ta");
    store.remember(workshop("a", 1000, "Première"));
    store.remember({ id: "a", question: "Reformulée", template: "ideation", atMs: 9000, createdHere: false });
    expect(store.workshops()).toEqual([{ id: "a", question: "Reformulée", template: "ideation", atMs: 1000, createdHere: true }]);
  });

  it("forgets a workshop: its entry, token, codes and queued commands", () => {
    const kv = new MemoryStore();
    const store = new ConsoleStore(kv);
    for (const id of ["a", "b"]) {
      store.saveToken(id, `t${id}`);
      store.saveCodes(id, { joinCode: "12345678", observerCode: "o" });
      store.remember(workshop(id, id === "a" ? 1 : 2));
    }
    kv.setItem("atelier.outbox.console.a", "[]");
    store.forget("a");
    expect(store.workshops().map((w) => w.id)).toEqual(["b"]);
    expect(store.token("a")).toBe("");
    expect(store.codes("a")).toBeNull();
    expect(kv.getItem("atelier.outbox.console.a")).toBeNull();
    expect(store.token("b")).toBe("tb");
  });

  it("survives a damaged list and keeps a bounded one", () => {
    const kv = new MemoryStore();
    kv.setItem("atelier.console.workshops", "{not json");
    const store = new ConsoleStore(kv);
    expect(store.workshops()).toEqual([]);
    kv.setItem("atelier.console.workshops", JSON.stringify([{ id: "x" }, workshop("a", 5)]));
    store.saveToken("a", "t");
    expect(store.workshops().map((w) => w.id)).toEqual(["a"]);
    for (let i = 0; i < kMaxRemembered + 5; i++) {
      store.saveToken(`w${i}`, "t");
      store.remember(workshop(`w${i}`, 10 + i));
    }
    const list = store.workshops();
    expect(list).toHaveLength(kMaxRemembered);
    expect(list[0].id).toBe(`w${kMaxRemembered + 4}`);
  });
});
