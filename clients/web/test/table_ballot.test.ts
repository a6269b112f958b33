import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, BallotKind, Bucket, Phase, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { applyWelcome, ballotOf, emptyMirror, targets, type Mirror } from "../src/state/mirror";
import {
  bucketAfterTap,
  eligibleTargets,
  isOwnTarget,
  moveInOrder,
  needed,
  pickState,
  rankingOrder,
  rankingSaved,
  sortedCount,
  targetBlock,
  toggle,
  voterBallot,
} from "../src/table/ballot_model";

// Table 1 (or seat 5 of table 1) in vote step 3, a ballot of `kind`: idea 1 is table 1's, idea 2
// another table's, idea 3 the animateur's, ideas 4 and 5 grouped in cluster 10, idea 6 posted
// during the vote (a new subject).
function mirror(kind: BallotKind, opts: { count?: number; allowSelfVote?: boolean; seat?: boolean } = {}): Mirror {
  const welcome = create(WelcomeSchema, {
    role: opts.seat ? { kind: ActorKind.SEAT, tableId: 1, seatId: 5 } : { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 9n,
      phase: Phase.CONVERGENCE,
      stepId: 3,
      config: {
        agenda: [
          { id: 1, kind: Phase.SETUP },
          { id: 2, kind: Phase.DIVERGENCE },
          { id: 3, kind: Phase.CONVERGENCE, ballot: { kind, voter: opts.seat ? Voter.SEAT : Voter.TABLE, count: opts.count ?? 0, allowSelfVote: opts.allowSelfVote ?? false } },
        ],
      },
      // A seat's view keeps the author of its table's ideas only; a table's view marks them own.
      ideas: [
        { id: 1, text: "a", own: !opts.seat, tableId: opts.seat ? 1 : 0, stepId: 2 },
        { id: 2, text: "b", stepId: 2 },
        { id: 3, text: "c" },
        { id: 4, text: "d", clusterId: 10, stepId: 2 },
        { id: 5, text: "e", clusterId: 10, stepId: 2 },
        { id: 6, text: "f", stepId: 3 },
      ],
      clusters: [{ id: 10, title: "de", ideaIds: [4, 5] }],
      tables: [{ id: 1 }, { id: 2 }],
      ballots: [
        { stepId: 3, tableId: 1, seatId: 0, choice: [3, 2] },
        { stepId: 3, tableId: 1, seatId: 5, buckets: [{ targetId: 2, bucket: Bucket.COFFRE_FORT }] },
      ],
    },
  });
  return applyWelcome(emptyMirror(), welcome, 0);
}

const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe("which ideas a ballot names, as the server counts them", () => {
  it("leaves out the table's own ideas and the new subjects posted during the vote", () => {
    const m = mirror(BallotKind.PICK, { count: 3 });
    const b = ballotOf(m, 3);
    expect(ids(eligibleTargets(m, b, 3))).toEqual([2, 3, 10]);
    const block = (id: number) => targetBlock(m, b, 3, targets(m).find((x) => x.id === id)!);
    expect([block(1), block(2), block(6), block(10)]).toEqual(["own", "", "new", ""]);
  });

  it("knows a seat's own ideas by their author table (a seat's view has no own mark)", () => {
    const m = mirror(BallotKind.PICK, { seat: true });
    expect(isOwnTarget(m, targets(m)[0])).toBe(true);
    expect(ids(eligibleTargets(m, ballotOf(m, 3), 3))).toEqual([2, 3, 10]);
  });

  it("lets a voter name its own ideas when the step allows it", () => {
    const m = mirror(BallotKind.PICK, { allowSelfVote: true });
    expect(ids(eligibleTargets(m, ballotOf(m, 3), 3))).toEqual([1, 2, 3, 10]);
  });

  it("needs exactly count for a pick, every idea or the first count for a ranking; fewer when fewer can be", () => {
    const pick = mirror(BallotKind.PICK, { count: 3 });
    expect(needed(ballotOf(pick, 3), 3)).toBe(3);
    expect(needed(ballotOf(pick, 3), 2)).toBe(2);
    const all = mirror(BallotKind.RANKING);
    expect(needed(ballotOf(all, 3), 7)).toBe(7);
    const first = mirror(BallotKind.RANKING, { count: 3 });
    expect(needed(ballotOf(first, 3), 7)).toBe(3);
    expect(needed(ballotOf(first, 3), 2)).toBe(2);
  });

  it("finds a voter's ballot: the table's, or one of its seats'", () => {
    const m = mirror(BallotKind.PICK);
    expect(voterBallot(m, 3, { tableId: 1, seatId: 0 })?.choice).toEqual([3, 2]);
    expect(voterBallot(m, 3, { tableId: 1, seatId: 5 })?.buckets.get(2)).toBe(Bucket.COFFRE_FORT);
    expect(voterBallot(m, 4, { tableId: 1, seatId: 0 })).toBeUndefined();
  });
});

describe("a pick being ticked", () => {
  it("counts the ticks and says whether the draft is the saved choice", () => {
    expect(pickState([], [], 3)).toEqual({ ticked: 0, needed: 3, ready: false, status: "none" });
    expect(pickState([1, 2, 3], [], 3)).toMatchObject({ ready: true, status: "none" });
    expect(pickState([3, 1, 2], [1, 2, 3], 3)).toMatchObject({ ready: true, status: "saved" });
    expect(pickState([1, 2, 4], [1, 2, 3], 3)).toMatchObject({ ready: true, status: "changed" });
    expect(pickState([1, 2, 3, 4], [1, 2, 3], 3)).toMatchObject({ ready: false, status: "changed" });
    expect(pickState([], [], 0).ready).toBe(false);
  });

  it("ticks and unticks", () => {
    expect(toggle([1, 2], 3)).toEqual([1, 2, 3]);
    expect(toggle([1, 2, 3], 2)).toEqual([1, 3]);
  });
});

describe("a ranking being ordered", () => {
  it("starts from the saved ranking, then the others in id order; keeps a draft's order", () => {
    expect(rankingOrder([1, 2, 3, 4], [3, 1])).toEqual([3, 1, 2, 4]);
    // An idea gone (merged) leaves; a new one (the cluster) comes last.
    expect(rankingOrder([1, 2, 10], [3, 2, 1])).toEqual([2, 1, 10]);
  });

  it("moves one place up or down, never out of the list", () => {
    expect(moveInOrder([1, 2, 3], 3, -1)).toEqual([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, 1)).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 1, -1)).toEqual([1, 2, 3]);
    expect(moveInOrder([1, 2, 3], 3, 1)).toEqual([1, 2, 3]);
  });

  it("is saved when its first places are the ranking the server holds", () => {
    expect(rankingSaved([2, 1, 3], [2, 1, 3], 3)).toBe(true);
    expect(rankingSaved([2, 1, 3], [2, 1], 2)).toBe(true);
    expect(rankingSaved([1, 2, 3], [2, 1, 3], 3)).toBe(false);
    expect(rankingSaved([2, 1, 3], [], 3)).toBe(false);
  });
});

describe("buckets", () => {
  it("a tap on the bucket shown takes the idea out; on another, moves it there", () => {
    expect(bucketAfterTap(undefined, Bucket.POUBELLE)).toBe(Bucket.POUBELLE);
    expect(bucketAfterTap(Bucket.POUBELLE, Bucket.POUBELLE)).toBe(Bucket.UNSPECIFIED);
    expect(bucketAfterTap(Bucket.POUBELLE, Bucket.COFFRE_FORT)).toBe(Bucket.COFFRE_FORT);
  });

  it("counts the sorted ideas among those the voter may sort", () => {
    const shown = new Map([[2, Bucket.COFFRE_FORT], [3, Bucket.UNSPECIFIED], [9, Bucket.POUBELLE]]);
    expect(sortedCount(shown, [2, 3, 10])).toBe(1);
  });
});
