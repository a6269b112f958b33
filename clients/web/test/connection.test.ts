import { describe, expect, it } from "vitest";
import { Backoff } from "../src/net/backoff";
import { Connection, kMaxInFlight, newCommandId, type ConnectionState, type Outcome } from "../src/net/connection";
import { MemoryStore, Outbox } from "../src/net/outbox";
import { RejectionReason } from "../src/gen/atelier/v1/rejection_pb";
import { FakeSocket } from "./fake_socket";

function setup(store = new MemoryStore(), ackTimeoutMs = 0) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: ConnectionState[] = [];
  const answers: string[] = [];
  let n = 0;
  let hello: Record<string, unknown> = { joinCode: "123456" };
  const conn = new Connection({
    url: "ws://test/ws",
    hello: () => hello,
    outbox: new Outbox(store, "outbox"),
    handlers: {
      state: (s) => states.push(s),
      answer: (c) => answers.push(c.commandId),
      fatal: () => states.push("stopped"),
    },
    socketFactory: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    backoff: new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.5 }),
    newId: () => `c${++n}`,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
    ackTimeoutMs,
  });
  const setHello = (h: Record<string, unknown>) => (hello = h);
  return { conn, sockets, timers, states, answers, setHello, store };
}

const welcome = (seq = 0n) => ({
  kind: {
    case: "welcome" as const,
    value: { workshopId: "w1", snapshot: { workshopId: "w1", seq } },
  },
});

describe("Connection", () => {
  it("says Hello with the last seq and resumes from the last through_seq after a drop", () => {
    const { conn, sockets, timers, states, setHello } = setup();
    conn.start();
    sockets[0].open();
    expect(sockets[0].sent[0].kind.case).toBe("hello");
    sockets[0].receive({ kind: { case: "welcome", value: { workshopId: "w1", token: "t", snapshot: { seq: 4n } } } });
    expect(conn.state).toBe("connected");
    sockets[0].receive({ kind: { case: "events", value: { throughSeq: 9n } } });
    setHello({ workshopId: "w1", tableToken: "t" });
    sockets[0].drop();
    expect(conn.state).toBe("reconnecting");
    expect(timers).toHaveLength(1);
    timers[0].fn();
    sockets[1].open();
    const hello = sockets[1].sent[0];
    expect(hello.kind.case).toBe("hello");
    if (hello.kind.case !== "hello") throw new Error();
    expect(hello.kind.value.lastSeq).toBe(9n);
    expect(hello.kind.value.tableToken).toBe("t");
    expect(states).toEqual(["connected", "reconnecting"]);
  });

  it("queues commands made offline and sends them once after the Welcome", async () => {
    const { conn, sockets } = setup();
    conn.start();
    const answered = conn.execute({ case: "postIdea", value: { text: "un repair café" } });
    expect(conn.pendingCount).toBe(1);
    sockets[0].open();
    expect(sockets[0].commands()).toHaveLength(0); // not before the Welcome
    sockets[0].receive(welcome());
    expect(sockets[0].commands().map((c) => c.commandId)).toEqual(["c1"]);
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c1", seq: 5n } } });
    const outcome: Outcome = await answered;
    expect(outcome).toEqual({ accepted: true, seq: 5n, duplicate: false });
    expect(conn.pendingCount).toBe(0);
  });

  it("sends an unanswered command again with the same id after a reconnection", () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    conn.execute({ case: "setPoints", value: { points: [{ targetId: 3, points: 2 }] } });
    expect(sockets[0].commands().map((c) => c.commandId)).toEqual(["c1"]);
    sockets[0].drop();
    timers[0].fn();
    sockets[1].open();
    sockets[1].receive(welcome());
    expect(sockets[1].commands().map((c) => c.commandId)).toEqual(["c1"]);
  });

  it("keeps at most kMaxInFlight commands unanswered on the wire, in order", () => {
    const { conn, sockets } = setup();
    conn.start();
    const made = kMaxInFlight + 6;
    for (let i = 0; i < made; i++) conn.execute({ case: "postIdea", value: { text: `idée ${i}` } });
    sockets[0].open();
    sockets[0].receive(welcome());
    const ids = () => sockets[0].commands().map((c) => c.commandId);
    expect(ids()).toHaveLength(kMaxInFlight);
    expect(ids()[0]).toBe("c1");
    // Two answers free two places: the next two oldest go out, nothing is sent twice.
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c1", seq: 2n } } });
    sockets[0].receive({
      kind: { case: "answers", value: { accepted: [{ commandId: "c2", seq: 3n }], rejected: [] } },
    });
    expect(ids()).toHaveLength(kMaxInFlight + 2);
    expect(ids().slice(-2)).toEqual([`c${kMaxInFlight + 1}`, `c${kMaxInFlight + 2}`]);
    expect(new Set(ids()).size).toBe(ids().length);
    // Made while the window is full: waits its turn.
    conn.execute({ case: "postIdea", value: { text: "encore une" } });
    expect(ids()).toHaveLength(kMaxInFlight + 2);
    expect(conn.pendingCount).toBe(made - 2 + 1);
  });

  it("sends commands persisted by a previous page after its Welcome", () => {
    const store = new MemoryStore();
    const first = setup(store);
    first.conn.start();
    first.conn.execute({ case: "postIdea", value: { text: "gardée" } });
    first.conn.stop();
    const second = setup(store);
    second.conn.start();
    second.sockets[0].open();
    second.sockets[0].receive(welcome());
    expect(second.sockets[0].commands().map((c) => c.commandId)).toEqual(["c1"]);
    second.sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c1", seq: 2n, duplicate: true } } });
    expect(second.answers).toEqual(["c1"]);
    expect(second.conn.pendingCount).toBe(0);
  });

  it("resolves a rejected command with its reason", async () => {
    const { conn, sockets } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    const answered = conn.execute({ case: "setPoints", value: { points: [{ targetId: 3, points: 3 }] } });
    sockets[0].receive({
      kind: {
        case: "rejected",
        value: { commandId: "c1", rejection: { reason: RejectionReason.BUDGET_EXCEEDED, pointsLeft: 1 } },
      },
    });
    const outcome = await answered;
    expect(outcome.accepted).toBe(false);
    if (!outcome.accepted) expect(outcome.rejection.pointsLeft).toBe(1);
  });

  it("keeps a command refused as overloaded and sends it again, same id, after the delay asked", async () => {
    const { conn, sockets, timers, answers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    let settled = false;
    const answered = conn.execute({ case: "postIdea", value: { text: "Un jardin partagé" } });
    void answered.then(() => (settled = true));
    sockets[0].receive({
      kind: {
        case: "rejected",
        value: { commandId: "c1", rejection: { reason: RejectionReason.OVERLOADED, retryAfterMs: 2500 } },
      },
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(answers).toEqual([]);
    expect(conn.pendingCount).toBe(1);
    expect(sockets[0].commands().map((c) => c.commandId)).toEqual(["c1"]);
    const retry = timers.find((t) => t.ms === 2500);
    expect(retry).toBeDefined();
    retry!.fn();
    expect(sockets[0].commands().map((c) => c.commandId)).toEqual(["c1", "c1"]);
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c1", seq: 7n } } });
    const outcome = await answered;
    expect(outcome.accepted).toBe(true);
    expect(conn.pendingCount).toBe(0);
  });

  it("waits at least a second before sending again a command the disk could not store", () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    void conn.execute({ case: "postIdea", value: { text: "Une idée" } });
    sockets[0].receive({
      kind: {
        case: "rejected",
        value: { commandId: "c1", rejection: { reason: RejectionReason.STORAGE_UNAVAILABLE } },
      },
    });
    expect(timers.map((t) => t.ms)).toContain(1000);
    expect(conn.pendingCount).toBe(1);
  });

  it("stops on a Hello error it cannot recover from, and retries on overloaded", () => {
    const a = setup();
    a.conn.start();
    a.sockets[0].open();
    a.sockets[0].receive({ kind: { case: "error", value: { code: "overloaded" } } });
    a.sockets[0].drop(1013);
    expect(a.conn.state).toBe("reconnecting");

    const b = setup();
    b.conn.start();
    b.sockets[0].open();
    b.sockets[0].receive({ kind: { case: "error", value: { code: "bad_token" } } });
    expect(b.conn.state).toBe("stopped");
    expect(b.timers).toHaveLength(0);
  });

  it("waits as long as an overloaded Hello refusal asks before trying again", () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive({ kind: { case: "error", value: { code: "overloaded", retryAfterMs: 7000 } } });
    sockets[0].drop(1013);
    expect(conn.state).toBe("reconnecting");
    expect(timers[0].ms).toBe(7000);
    timers[0].fn();
    sockets[1].drop(1006);
    expect(timers[1].ms).toBeLessThan(7000); // only that once: then the usual backoff
  });

  it("comes back fast after 4001 (too slow) and backs off after other closes", () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].drop(4001);
    expect(timers[0].ms).toBe(100);
    timers[0].fn();
    sockets[1].drop(1006);
    timers[1].fn();
    sockets[2].drop(1006);
    expect(timers[2].ms).toBeGreaterThan(timers[1].ms);
  });

  it("makes v4-shaped command ids", () => {
    expect(newCommandId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("drops a socket that answers nothing while a command waits, and resends it on a new one", () => {
    const { conn, sockets, timers } = setup(new MemoryStore(), 8000);
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    void conn.execute({ case: "postIdea", value: { text: "des bancs à l'ombre" } });
    expect(timers.map((t) => t.ms)).toEqual([8000]);
    timers[0].fn(); // 8 s, nothing received: the link is dead
    expect(sockets[0].readyState).toBe(3);
    expect(conn.state).toBe("reconnecting");
    timers[1].fn(); // the retry
    sockets[1].open();
    sockets[1].receive(welcome());
    expect(sockets[1].commands().map((c) => c.commandId)).toEqual(["c1"]);
  });

  it("keeps a slow but living socket: anything received re-arms the watchdog", () => {
    const { conn, sockets, timers } = setup(new MemoryStore(), 8000);
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    void conn.execute({ case: "postIdea", value: { text: "une fontaine" } });
    sockets[0].receive({ kind: { case: "events", value: { throughSeq: 3n } } });
    timers[0].fn();
    expect(sockets[0].readyState).toBe(1);
    expect(conn.state).toBe("connected");
    expect(timers).toHaveLength(2); // armed again: the command is still unanswered
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c1", seq: 4n } } });
    timers[1].fn();
    expect(sockets[0].readyState).toBe(1);
  });

  it("drops the socket at once when told the network is lost, then reconnects", () => {
    const { conn, sockets, timers } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    conn.networkLost();
    expect(sockets[0].readyState).toBe(3);
    expect(conn.state).toBe("reconnecting");
    void conn.execute({ case: "postIdea", value: { text: "hors ligne" } });
    expect(conn.pendingCount).toBe(1);
    timers[0].fn();
    sockets[1].open();
    sockets[1].receive(welcome());
    expect(sockets[1].commands().map((c) => c.commandId)).toEqual(["c1"]);
  });

  it("reports the number of commands waiting for an answer", () => {
    const counts: number[] = [];
    const sockets: FakeSocket[] = [];
    const conn = new Connection({
      url: "ws://test/ws",
      hello: () => ({ joinCode: "123456" }),
      outbox: new Outbox(new MemoryStore(), "outbox"),
      handlers: { pending: (n) => counts.push(n) },
      socketFactory: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      newId: (() => { let n = 0; return () => `c${++n}`; })(),
      setTimer: () => 0,
      clearTimer: () => {},
      ackTimeoutMs: 0,
    });
    conn.start();
    void conn.execute({ case: "postIdea", value: { text: "a" } });
    void conn.execute({ case: "postIdea", value: { text: "b" } });
    sockets[0].open();
    sockets[0].receive(welcome());
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c2", seq: 2n } } });
    sockets[0].receive({ kind: { case: "accepted", value: { commandId: "c2", seq: 2n } } }); // repeated answer
    sockets[0].receive({ kind: { case: "rejected", value: { commandId: "c1", rejection: { reason: RejectionReason.IDEA_EMPTY } } } });
    expect(counts).toEqual([1, 2, 1, 0]);
  });

  it("takes several answers in one Answers frame, each for its command", async () => {
    const { conn, sockets } = setup();
    conn.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    const first = conn.execute({ case: "postIdea", value: { text: "une" } });
    const second = conn.execute({ case: "postIdea", value: { text: "" } });
    const third = conn.execute({ case: "postIdea", value: { text: "trois" } });
    sockets[0].receive({
      kind: {
        case: "answers",
        value: {
          accepted: [{ commandId: "c3", seq: 9n }, { commandId: "c1", seq: 8n }],
          rejected: [{ commandId: "c2", rejection: { reason: RejectionReason.IDEA_EMPTY } }],
        },
      },
    });
    expect(await first).toEqual({ accepted: true, seq: 8n, duplicate: false });
    const refused = await second;
    expect(refused.accepted).toBe(false);
    expect(await third).toEqual({ accepted: true, seq: 9n, duplicate: false });
    expect(conn.pendingCount).toBe(0);
  });
});
