import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { EventBatchSchema, WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import {
  applyBatch,
  applyEvent,
  applyWelcome,
  emptyMirror,
  myPoints,
  mySeats,
  pointsLeft,
  scoreOf,
  seatByNumber,
  seatProgress,
  targets,
  timerRemainingMs,
  type Mirror,
} from "../src/state/mirror";

type Payload = MessageInitShape<typeof EventSchema>["payload"];
let seq = 0n;
const ev = (payload: Payload) => create(EventSchema, { workshopId: "w", seq: ++seq, payload });

// Table 2's view of a workshop with ideas 1 (table 1's, hidden author) and 2 (ours).
function tableTwo(): Mirror {
  seq = 0n;
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 2 },
    workshopId: "w",
    serverTimeMs: 10_000n,
    snapshot: {
      workshopId: "w",
      seq: 5n,
      phase: Phase.DIVERGENCE,
      config: { budgetPerTable: 30, capPerTarget: 3 },
      ideas: [
        { id: 1, text: "repair café", tableId: 0 },
        { id: 2, text: "ludothèque", own: true, tableId: 2 },
      ],
      tables: [{ id: 2, name: "Lilas" }],
    },
  });
  seq = 5n;
  return applyWelcome(emptyMirror(), welcome, 9_000);
}

describe("mirror", () => {
  it("builds from the Welcome snapshot", () => {
    const m = tableTwo();
    expect(m.role).toBe(ActorKind.TABLE);
    expect(m.tableId).toBe(2);
    expect(m.seq).toBe(5n);
    expect(targets(m).map((t) => [t.id, t.own])).toEqual([[1, false], [2, true]]);
    expect(m.clockOffsetMs).toBe(1_000);
  });

  it("marks ideas posted by our table as our own, not others'", () => {
    const m = tableTwo();
    applyEvent(m, ev({ case: "ideaPosted", value: { idea: { ideaId: 3, tableId: 2, text: "jardin" } } }));
    applyEvent(m, ev({ case: "ideaPosted", value: { idea: { ideaId: 4, tableId: 0, text: "cinéma" } } }));
    expect(m.ideas.get(3)?.own).toBe(true);
    expect(m.ideas.get(4)?.own).toBe(false);
  });

  it("skips events already folded (a resume overlapping the snapshot)", () => {
    const m = tableTwo();
    applyEvent(m, create(EventSchema, { seq: 5n, payload: { case: "ideaEdited", value: { ideaId: 1, text: "changé" } } }));
    expect(m.ideas.get(1)?.text).toBe("repair café");
  });

  it("edits and deletes ideas, and dissolves a cluster left with one idea", () => {
    const m = tableTwo();
    applyEvent(m, ev({ case: "ideasMerged", value: { clusterId: 10, newCluster: true, title: "Lieux", ideaIds: [1, 2] } }));
    expect(targets(m).map((t) => t.id)).toEqual([10]);
    expect(targets(m)[0].own).toBe(true); // holds our idea 2
    applyEvent(m, ev({ case: "ideaEdited", value: { ideaId: 1, text: "un repair café" } }));
    applyEvent(m, ev({ case: "ideaDeleted", value: { ideaId: 2, dissolvedClusterId: 10 } }));
    expect(targets(m).map((t) => [t.id, t.isCluster, t.text])).toEqual([[1, false, "un repair café"]]);
  });

  it("keeps our points, moves them into a merge minus what is released", () => {
    const m = tableTwo();
    applyEvent(m, ev({ case: "phaseChanged", value: { from: Phase.DIVERGENCE, to: Phase.CONVERGENCE } }));
    applyEvent(m, ev({ case: "ideaPosted", value: { idea: { ideaId: 3, text: "cinéma" } } }));
    applyEvent(m, ev({ case: "pointsSet", value: { tableId: 2, points: [{ targetId: 1, points: 3 }, { targetId: 3, points: 2 }] } }));
    expect(pointsLeft(m)).toBe(25);
    applyEvent(m, ev({
      case: "ideasMerged",
      value: { clusterId: 11, newCluster: true, title: "Culture", ideaIds: [1, 3], released: [{ tableId: 2, targetId: 11, points: 2 }] },
    }));
    expect([...myPoints(m)]).toEqual([[11, 3]]);
    applyEvent(m, ev({ case: "clusterSplit", value: { clusterId: 11, dissolved: true, released: [{ tableId: 2, targetId: 11, points: 3 }] } }));
    expect(myPoints(m).size).toBe(0);
    expect(pointsLeft(m)).toBe(30);
    expect(targets(m).map((t) => t.id)).toEqual([1, 2, 3]);
  });

  it("follows the phase and the timer in server time", () => {
    const m = tableTwo();
    applyEvent(m, ev({ case: "timerStarted", value: { durationMs: 60_000n, deadlineMs: 70_000n } }));
    // client 9_000 + offset 1_000 = server 10_000: 60 s left
    expect(timerRemainingMs(m, 9_000)).toBe(60_000);
    applyEvent(m, ev({ case: "timerPaused", value: { remainingMs: 30_000n } }));
    expect(timerRemainingMs(m, 99_000)).toBe(30_000);
    applyEvent(m, ev({ case: "timerExtended", value: { byMs: 60_000n, remainingMs: 90_000n } }));
    expect(timerRemainingMs(m, 0)).toBe(90_000);
    applyEvent(m, ev({ case: "phaseChanged", value: { from: Phase.DIVERGENCE, to: Phase.GROUPING } }));
    expect(m.phase).toBe(Phase.GROUPING);
    expect(timerRemainingMs(m, 0)).toBeNull();
  });

  it("advances seq to the batch's through_seq even when events were left out", () => {
    const m = tableTwo();
    applyBatch(m, create(EventBatchSchema, { throughSeq: 42n }));
    expect(m.seq).toBe(42n);
  });
});

describe("mirror: seats and scores", () => {
  // Table 2 in an evaluation with two ideas and two criteria (4 scores per seat).
  function evaluation(role: ActorKind, seatId = 0): Mirror {
    seq = 0n;
    const welcome = create(WelcomeSchema, {
      role: { kind: role, tableId: 2, seatId },
      workshopId: "w",
      snapshot: {
        workshopId: "w",
        seq: 3n,
        phase: Phase.SCORING,
        config: { seatsPerTable: 3, criteria: [{ id: 1, name: "coût", maxValue: 10 }, { id: 2, name: "humanisme", maxValue: 10 }] },
        ideas: [{ id: 1, text: "a" }, { id: 2, text: "b" }],
        tables: [{ id: 2 }],
        seats: [{ id: 1, tableId: 2, seatNumber: 1 }],
        scores: [{ seatId: 1, ideaId: 1, criterionId: 1, value: 4 }],
      },
    });
    seq = 3n;
    return applyWelcome(emptyMirror(), welcome, 0);
  }

  it("a table folds its seats, who created them, and their scores", () => {
    const m = evaluation(ActorKind.TABLE);
    expect(m.seatId).toBe(0);
    expect(m.seats.get(1)?.joinedBy).toBe(ActorKind.UNSPECIFIED); // a snapshot does not say
    applyEvent(m, create(EventSchema, { seq: ++seq, actor: { kind: ActorKind.TABLE, tableId: 2 },
      payload: { case: "seatJoined", value: { seatId: 2, tableId: 2, seatNumber: 2 } } }));
    applyEvent(m, create(EventSchema, { seq: ++seq, actor: { kind: ActorKind.SEAT, tableId: 2 },
      payload: { case: "seatJoined", value: { seatId: 3, tableId: 2, seatNumber: 3 } } }));
    expect(mySeats(m).map((s) => [s.seatNumber, s.joinedBy])).toEqual([
      [1, ActorKind.UNSPECIFIED], [2, ActorKind.TABLE], [3, ActorKind.SEAT],
    ]);
    expect(seatByNumber(m, 2)?.id).toBe(2);
    applyEvent(m, ev({ case: "scoreSet", value: { seatId: 2, ideaId: 2, criterionId: 2, value: 9 } }));
    applyEvent(m, ev({ case: "scoreSet", value: { seatId: 1, ideaId: 1, criterionId: 1, value: 6 } })); // changed
    expect(scoreOf(m, 2, 2, 2)).toBe(9);
    expect(scoreOf(m, 1, 1, 1)).toBe(6);
    expect(scoreOf(m, 3, 1, 1)).toBeUndefined();
  });

  it("a seat knows its own seat id from the Welcome", () => {
    const m = evaluation(ActorKind.SEAT, 1);
    expect(m.role).toBe(ActorKind.SEAT);
    expect(m.seatId).toBe(1);
    expect(m.tableId).toBe(2);
    applyEvent(m, ev({ case: "scoreSet", value: { seatId: 1, ideaId: 2, criterionId: 1, value: 0 } }));
    expect(scoreOf(m, 1, 2, 1)).toBe(0); // a zero is a score, not a missing one
    expect(seatProgress(m, 1)).toEqual({ scored: 2, total: 4 });
  });

  it("counts a seat's progress over the ideas still present", () => {
    const m = evaluation(ActorKind.TABLE);
    expect(seatProgress(m, 1)).toEqual({ scored: 1, total: 4 });
    expect(seatProgress(m, 2)).toEqual({ scored: 0, total: 4 });
    applyEvent(m, ev({ case: "scoreSet", value: { seatId: 1, ideaId: 2, criterionId: 2, value: 5 } }));
    applyEvent(m, ev({ case: "scoreSet", value: { seatId: 1, ideaId: 2, criterionId: 2, value: 7 } })); // same pair
    expect(seatProgress(m, 1)).toEqual({ scored: 2, total: 4 });
    applyEvent(m, ev({ case: "ideaDeleted", value: { ideaId: 2 } }));
    expect(seatProgress(m, 1)).toEqual({ scored: 1, total: 2 });
  });
});
