import { describe, expect, it } from "vitest";
import { postWithOrganizerKey, storageKeyStore, type AskReason } from "../src/console/organizer_key";
import { MemoryStore } from "../src/net/outbox";

// A server whose keys are `valid`: 401 without a valid key, 201 with one.
function server(valid: string[]) {
  const sent: (string | undefined)[] = [];
  const post = async (headers: Record<string, string>) => {
    sent.push(headers.Authorization);
    const key = headers.Authorization?.replace(/^Bearer /, "");
    return { status: key && valid.includes(key) ? 201 : 401 };
  };
  return { post, sent };
}

function asking(answers: (string | null)[]) {
  const reasons: AskReason[] = [];
  const ask = async (reason: AskReason) => {
    reasons.push(reason);
    return answers.shift() ?? null;
  };
  return { ask, reasons };
}

describe("organizer key", () => {
  it("asks once when the server wants a key, sends it, and remembers it", async () => {
    const store = new MemoryStore();
    const keys = storageKeyStore(store);
    const s = server(["clé-jeunesse-0123456789"]);
    const a = asking(["  clé-jeunesse-0123456789 "]);
    const answer = await postWithOrganizerKey(s.post, keys, a.ask);
    expect(answer.status).toBe(201);
    expect(a.reasons).toEqual(["required"]);
    expect(s.sent).toEqual([undefined, "Bearer clé-jeunesse-0123456789"]);
    expect(keys.get()).toBe("clé-jeunesse-0123456789");

    // The next creation sends the kept key at once, without asking.
    const again = asking([]);
    expect((await postWithOrganizerKey(s.post, keys, again.ask)).status).toBe(201);
    expect(again.reasons).toEqual([]);
    expect(s.sent[s.sent.length - 1]).toBe("Bearer clé-jeunesse-0123456789");
  });

  it("forgets a revoked key and asks again, saying it was refused", async () => {
    const keys = storageKeyStore(new MemoryStore());
    keys.set("ancienne-clé-0123456789");
    const s = server(["nouvelle-clé-0123456789"]);
    const a = asking(["mauvaise-0123456789", "nouvelle-clé-0123456789"]);
    const answer = await postWithOrganizerKey(s.post, keys, a.ask);
    expect(answer.status).toBe(201);
    expect(a.reasons).toEqual(["rejected", "rejected"]);
    expect(keys.get()).toBe("nouvelle-clé-0123456789");
  });

  it("gives the 401 back when the person gives up, keeping nothing", async () => {
    const keys = storageKeyStore(new MemoryStore());
    keys.set("révoquée-0123456789");
    const s = server([]);
    const a = asking([null]);
    const answer = await postWithOrganizerKey(s.post, keys, a.ask);
    expect(answer.status).toBe(401);
    expect(a.reasons).toEqual(["rejected"]);
    expect(keys.get()).toBeNull();
  });

  it("asks nothing of a server without keys", async () => {
    const keys = storageKeyStore(new MemoryStore());
    const a = asking([]);
    const answer = await postWithOrganizerKey(async () => ({ status: 201 }), keys, a.ask);
    expect(answer.status).toBe(201);
    expect(a.reasons).toEqual([]);
    expect(keys.get()).toBeNull();
  });
});
