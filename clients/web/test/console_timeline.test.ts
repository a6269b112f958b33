// The timeline's pure parts: the server's JSON (console_timeline_fixture.ts: what a real
// atelier-server printed for the demo workshop), the moment folded into a Mirror,
// the slider's arithmetic, and the latest-wins requests with fake timers.
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { LatestRequest, RetryLater, type Timers } from "../src/console/latest_request";
import {
  elapsed,
  labelledMarks,
  markSeqs,
  momentMirror,
  nextMark,
  parseMoment,
  parseTimeline,
  phaseAt,
  position,
  previousMark,
} from "../src/console/timeline_model";
import { TimelineMarkKind, TimelineMarkSchema } from "../src/gen/atelier/v1/timeline_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import { targets } from "../src/state/mirror";

import { momentAt30Json, outlineJson } from "./console_timeline_fixture";

function mark(seq: number, kind: TimelineMarkKind, phase = Phase.UNSPECIFIED) {
  return create(TimelineMarkSchema, { seq: BigInt(seq), kind, phase, timeMs: BigInt(1000 * seq) });
}

describe("the server's timeline answers", () => {
  it("reads the outline: head, times and marks", () => {
    const outline = parseTimeline(outlineJson);
    expect(outline.headSeq).toBe(42n);
    expect(outline.lastTimeMs > outline.firstTimeMs).toBe(true);
    const phases = outline.marks.filter((m) => m.kind === TimelineMarkKind.PHASE).map((m) => [Number(m.seq), m.phase]);
    expect(phases[0]).toEqual([1, Phase.SETUP]);
    expect(phases.map((p) => p[1])).toEqual([Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONCLUSION]);
    expect(outline.marks.some((m) => m.kind === TimelineMarkKind.MERGE)).toBe(true);
  });

  it("folds a moment into a Mirror the console's views read", () => {
    const moment = parseMoment(momentAt30Json);
    const m = momentMirror(moment);
    expect(m.seq).toBe(30n);
    expect(m.role).toBe(ActorKind.ANIMATEUR);
    expect(m.phase).toBe(Phase.GROUPING);
    expect(m.ideas.size).toBe(18);
    expect(m.clusters.get(19)?.ideaIds).toEqual([1, 9]);
    expect(m.ideas.get(9)?.clusterId).toBe(19);
    expect(m.tables.get(1)?.name).toBe("Table 1");
    const all = targets(m);
    expect(all.filter((x) => x.isCluster).map((x) => x.id)).toEqual([19, 20, 21]);
    expect(all.some((x) => x.id === 9)).toBe(false); // inside cluster 19
    expect(m.results?.points.length).toBe(all.length);
    expect(m.clockOffsetMs).toBe(0);
  });

  it("ignores fields it does not know (a newer server)", () => {
    const json = JSON.parse(outlineJson) as Record<string, unknown>;
    json.somethingNew = 3;
    expect(parseTimeline(JSON.stringify(json)).headSeq).toBe(42n);
  });
});

describe("the slider's marks", () => {
  const marks = [
    mark(1, TimelineMarkKind.PHASE, Phase.SETUP),
    mark(8, TimelineMarkKind.PHASE, Phase.DIVERGENCE),
    mark(9, TimelineMarkKind.FIRST_IDEA),
    mark(28, TimelineMarkKind.MERGE),
    mark(28, TimelineMarkKind.MERGE),
    mark(35, TimelineMarkKind.PHASE, Phase.CONVERGENCE),
  ];

  it("places a seq on the track from 0 to 100 %", () => {
    expect(position(1, 41)).toBe(0);
    expect(position(41, 41)).toBe(100);
    expect(position(21, 41)).toBe(50);
    expect(position(99, 41)).toBe(100);
    expect(position(1, 1)).toBe(0);
  });

  it("jumps to the next and previous marks, then to the ends", () => {
    expect(markSeqs(marks)).toEqual([1, 8, 9, 28, 35]);
    expect(nextMark(marks, 1, 40)).toBe(8);
    expect(nextMark(marks, 9, 40)).toBe(28);
    expect(nextMark(marks, 10, 40)).toBe(28);
    expect(nextMark(marks, 35, 40)).toBe(40);
    expect(nextMark(marks, 20, 25)).toBe(25); // a mark past the head is not a stop
    expect(previousMark(marks, 40)).toBe(35);
    expect(previousMark(marks, 28)).toBe(9);
    expect(previousMark(marks, 8)).toBe(1);
    expect(previousMark(marks, 1)).toBe(1);
    expect(previousMark([], 12)).toBe(1);
    expect(nextMark([], 12, 30)).toBe(30);
  });

  it("says the phase at any seq", () => {
    expect(phaseAt(marks, 1)).toBe(Phase.SETUP);
    expect(phaseAt(marks, 7)).toBe(Phase.SETUP);
    expect(phaseAt(marks, 8)).toBe(Phase.DIVERGENCE);
    expect(phaseAt(marks, 40)).toBe(Phase.CONVERGENCE);
    expect(phaseAt([], 4)).toBe(Phase.UNSPECIFIED);
  });

  it("labels phase changes first, and no two labels closer than the gap", () => {
    // At 40 events, 1 and 8 are 17.9 % apart, 8 and 9 are 2.6 %: the first idea loses its label.
    expect(labelledMarks(marks, 40, 10)).toEqual([0, 1, 3, 5]);
    // With a wide gap only the phases far enough apart keep theirs.
    expect(labelledMarks(marks, 40, 30)).toEqual([0, 5]);
    expect(labelledMarks([], 40, 10)).toEqual([]);
  });

  it("says how long after the start", () => {
    expect(elapsed(0, 35_000)).toBe("35 s");
    expect(elapsed(0, 42 * 60_000)).toBe("42 min");
    expect(elapsed(0, 65 * 60_000)).toBe("1 h 05");
    expect(elapsed(10_000, 0)).toBe("0 s");
  });
});

/** Timers run by hand: advance(ms) fires what is due. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.now) {
        this.due.delete(id);
        t.fn();
      }
    }
  }
}

/** A fetch whose answers the test releases one by one. */
class FakeServer {
  asked: number[] = [];
  private waiting: { key: number; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  fetch = (key: number) => {
    this.asked.push(key);
    return new Promise<string>((resolve, reject) => this.waiting.push({ key, resolve, reject }));
  };
  async answer(): Promise<void> {
    const w = this.waiting.shift();
    w?.resolve(`moment ${w.key}`);
    await flush();
  }
  async fail(error: unknown): Promise<void> {
    this.waiting.shift()?.reject(error);
    await flush();
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setUp() {
  const timers = new FakeTimers();
  const server = new FakeServer();
  const shown: string[] = [];
  const failed: [number, boolean][] = [];
  const requests = new LatestRequest<number, string>({
    fetch: server.fetch,
    shown: (key, value) => shown.push(`${key}:${value}`),
    failed: (key, _e, retrying) => failed.push([key, retrying]),
    debounceMs: 200,
    timers,
  });
  return { timers, server, shown, failed, requests };
}

describe("latest-wins requests", () => {
  it("debounces a drag: only where the user paused is asked", async () => {
    const { timers, server, shown, requests } = setUp();
    for (const seq of [3, 4, 5, 6, 7]) {
      requests.want(seq);
      timers.advance(50);
    }
    expect(server.asked).toEqual([]);
    timers.advance(200);
    expect(server.asked).toEqual([7]);
    await server.answer();
    expect(shown).toEqual(["7:moment 7"]);
    expect(requests.pending).toBe(false);
  });

  it("keeps one request on the wire, drops a stale answer and asks the latest next", async () => {
    const { server, shown, requests } = setUp();
    requests.want(10, true);
    requests.want(20, true);
    requests.want(30, true);
    expect(server.asked).toEqual([10]);
    await server.answer(); // 10 is no longer wanted: dropped, 30 asked
    expect(shown).toEqual([]);
    expect(server.asked).toEqual([10, 30]);
    await server.answer();
    expect(shown).toEqual(["30:moment 30"]);
  });

  it("does not ask again for what is shown, and forgets all on reset", async () => {
    const { server, shown, requests } = setUp();
    requests.want(5, true);
    await server.answer();
    requests.want(5, true);
    expect(server.asked).toEqual([5]);
    requests.want(6, true);
    requests.reset();
    await server.answer();
    expect(shown).toEqual(["5:moment 5"]);
    requests.want(5, true);
    expect(server.asked).toEqual([5, 6, 5]);
  });

  it("retries a busy server after the delay it asks, for the seq wanted then", async () => {
    const { timers, server, shown, failed, requests } = setUp();
    requests.want(8, true);
    await server.fail(new RetryLater("busy", 1000));
    expect(failed).toEqual([[8, true]]);
    timers.advance(999);
    expect(server.asked).toEqual([8]);
    timers.advance(1);
    expect(server.asked).toEqual([8, 8]);
    await server.answer();
    expect(shown).toEqual(["8:moment 8"]);
  });

  it("reports other errors once and asks again only when the user does", async () => {
    const { timers, server, failed, requests } = setUp();
    requests.want(4, true);
    await server.fail(new Error("timeline_failed"));
    expect(failed).toEqual([[4, false]]);
    timers.advance(10_000);
    expect(server.asked).toEqual([4]);
    requests.want(4, true);
    expect(server.asked).toEqual([4, 4]);
  });
});
