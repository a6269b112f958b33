import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { RejectionReason, RejectionSchema } from "../src/gen/atelier/v1/rejection_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, BallotKind, Phase, Voter, type Ballot } from "../src/gen/atelier/v1/workshop_pb";
import { applyWelcome, ballotOf, emptyMirror, type Mirror } from "../src/state/mirror";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { explainBallotRefusal } from "../src/table/ballot_refusal";
import { describeRelease } from "../src/table/points_notice";
import { voterBallot } from "../src/table/ballot_model";
import { predictPoints } from "../src/table/vote_model";
import { voterRows } from "../src/table/voter_picker";

// Table 1's tablet in vote step 2 (dots by seat, 3 dots, 2 per idea): seat 1 (made here) has put
// 2 dots on idea 7, seat 2 (a phone's) has not voted; table 2's seat is not ours.
function tablet(): Mirror {
  return applyWelcome(emptyMirror(), create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 12n,
      phase: Phase.CONVERGENCE,
      stepId: 2,
      config: {
        seatsPerTable: 3,
        agenda: [{ id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.DOTS, voter: Voter.SEAT, budget: 3, cap: 2 } }],
      },
      ideas: [{ id: 7, text: "a" }, { id: 8, text: "b" }],
      tables: [{ id: 1 }, { id: 2 }],
      seats: [{ id: 4, tableId: 1, seatNumber: 1 }, { id: 5, tableId: 1, seatNumber: 2 }, { id: 6, tableId: 2, seatNumber: 1 }],
      ballots: [{ stepId: 2, tableId: 1, seatId: 4, points: [{ targetId: 7, points: 2 }] }],
    },
  }), 0);
}

const reject = (init: Parameters<typeof create<typeof RejectionSchema>>[1]) => create(RejectionSchema, init);
const label = (id: number) => `« n° ${id} »`;
const ballot = (init: Partial<Ballot>) => ({ kind: BallotKind.BUDGET, voter: Voter.TABLE, budget: 30, cap: 3, count: 0, allowSelfVote: false, ...init }) as Ballot;

describe("qui vote ?", () => {
  it("lists every seat of the table, who holds it, and whether it voted in this step", () => {
    const rows = voterRows(tablet(), 2, new Set([1]));
    expect(rows.map((r) => [r.seatNumber, r.seat?.id, r.holder, r.voted])).toEqual([
      [1, 4, "tablet", true],
      [2, 5, "phone", false],
      [3, undefined, undefined, false],
    ]);
    expect(voterRows(tablet(), 3, new Set([1])).map((r) => r.voted)).toEqual([false, false, false]);
  });

  it("tells the seat shown of its own dots handed back, not another seat's, in dots", () => {
    const m = tablet();
    const split = create(EventSchema, {
      seq: 13n,
      payload: { case: "ideaDeleted", value: { ideaId: 7, released: [
        { tableId: 1, seatId: 4, targetId: 7, points: 2, stepId: 2 },
        { tableId: 1, seatId: 5, targetId: 7, points: 1, stepId: 2 },
      ] } },
    });
    // A vote of dots: dots are handed back.
    expect(describeRelease(m, split, 5)?.(3)).toMatch(/: 1 gommette vous a été rendue\. Il vous reste 3 gommettes\.$/);
    expect(describeRelease(m, split, 4)?.(0)).toMatch(/: 2 gommettes vous ont été rendues\. Il ne vous reste aucune gommette\.$/);
    expect(describeRelease(m, split, 6)).toBeNull();
    expect(describeRelease(m, split)?.(3)).toMatch(/3 gommettes vous ont été rendues/);
  });

  it("counts each seat's dots against its own budget", () => {
    const m = tablet();
    const b = ballotOf(m, 2);
    const seat1 = predictPoints(voterBallot(m, 2, { tableId: 1, seatId: 4 })?.points ?? new Map(), new Map(), b.budget, b.cap);
    const seat2 = predictPoints(voterBallot(m, 2, { tableId: 1, seatId: 5 })?.points ?? new Map(), new Map([[8, 1]]), b.budget, b.cap);
    expect([seat1.left, seat1.shown.get(7), seat2.left, seat2.shown.get(7)]).toEqual([1, 2, 2, undefined]);
  });
});

describe("a refused ballot, in its own words", () => {
  it("says how many a pick or a ranking needs", () => {
    const r = reject({ reason: RejectionReason.WRONG_COUNT, limit: 3, requested: 2 });
    expect(explainBallotRefusal(r, ballot({ kind: BallotKind.PICK, count: 3 }), label, true))
      .toBe("Il faut choisir exactement 3 idées : vous en avez coché 2.");
    expect(explainBallotRefusal(reject({ reason: RejectionReason.WRONG_COUNT, limit: 4, requested: 5 }), ballot({ kind: BallotKind.RANKING }), label, true))
      .toMatch(/^Le classement doit compter exactement 4 idées, il en comptait 5/);
  });

  it("says who votes when the command did not fit the voter", () => {
    const r = reject({ reason: RejectionReason.WRONG_BALLOT });
    expect(explainBallotRefusal(r, ballot({ voter: Voter.SEAT }), label, true)).toBe("Dans ce vote, chaque personne vote : choisissez d'abord qui vote.");
    expect(explainBallotRefusal(r, ballot({ voter: Voter.TABLE }), label, false)).toBe("Dans ce vote, chaque table vote une fois, sur sa tablette.");
    expect(explainBallotRefusal(r, ballot({ voter: Voter.TABLE }), label, true)).toMatch(/a changé de forme/);
  });

  it("speaks of dots where dots are voted, of points elsewhere", () => {
    const over = reject({ reason: RejectionReason.BUDGET_EXCEEDED, budget: 1, pointsLeft: 0, requested: 1 });
    expect(explainBallotRefusal(over, ballot({ kind: BallotKind.DOTS, budget: 1, cap: 1 }), label, true))
      .toBe("Vous avez déjà posé votre gommette : retirez-la d'une autre idée pour la mettre ici.");
    expect(explainBallotRefusal(over, ballot({}), label, true)).toMatch(/points/);
    const cap = reject({ reason: RejectionReason.CAP_EXCEEDED, cap: 2, targetId: 7 });
    expect(explainBallotRefusal(cap, ballot({ kind: BallotKind.DOTS, budget: 3, cap: 2 }), label, true))
      .toBe("Au plus 2 gommettes sur une même idée (« n° 7 »).");
  });

  it("says an idea grouped meanwhile is in the list as its group", () => {
    const r = reject({ reason: RejectionReason.IDEA_IN_CLUSTER, targetId: 7, clusterId: 9 });
    expect(explainBallotRefusal(r, ballot({ kind: BallotKind.BUCKETS }), label, true)).toMatch(/regroupement « n° 9 » : c'est lui qui figure/);
    expect(explainBallotRefusal(r, ballot({}), label, true)).toMatch(/votez pour le regroupement/);
  });
});
