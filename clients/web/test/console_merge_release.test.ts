import { describe, expect, it } from "vitest";
import { BallotKind, Bucket, Phase, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { mergeRelease, targetsInBallots } from "../src/console/merge_release";
import { planMerge } from "../src/console/merge_undo";
import { Room } from "./console_mirror_fixture";

// Ideas 10 (table 1), 11 (table 2), 12 and 13 (table 3); cap 3.
function room(): Room {
  return new Room().table(1, "Lilas").table(2, "Tilleuls").table(3, "Platanes").table(4, "Chênes")
    .idea(10, 1).idea(11, 2).idea(12, 3).idea(13, 3);
}

describe("mergeRelease", () => {
  it("hands back an author's points and what passes the cap, as DecideMergeIdeas", () => {
    const r = room()
      .points(1, [[11, 2], [12, 1]]) // wrote 10: the cluster 10+11 is its own
      .points(2, [[10, 3]]) // wrote 11
      .points(3, [[10, 3], [11, 3]]) // 6 on the two: 3 kept
      .points(4, [[10, 1], [11, 1], [12, 1]]); // 2 on the two: within the cap
    const release = mergeRelease(r.m, planMerge(r.m, [10, 11], 0, "Repair café"));
    expect(release.tables).toMatchObject([
      { tableId: 1, name: "Lilas", before: 2, released: 2, reason: "own" },
      { tableId: 2, name: "Tilleuls", before: 3, released: 3, reason: "own" },
      { tableId: 3, name: "Platanes", before: 6, released: 3, reason: "cap" },
    ]);
    expect(release.total).toBe(8);
  });

  it("moves nothing when every table keeps its points", () => {
    const r = room().points(1, [[12, 1]]).points(4, [[12, 1], [13, 2]]);
    expect(mergeRelease(r.m, planMerge(r.m, [12, 13], 0, "Graines"))).toEqual({ tables: [], total: 0 });
    expect(mergeRelease(room().m, planMerge(room().m, [10, 11], 0, "T"))).toEqual({ tables: [], total: 0 });
  });

  it("counts the cluster merged into: its points, and its ideas' authors", () => {
    const r = room().merged(20, "Salle", [10, 12]) // ideas of tables 1 and 3
      .points(2, [[20, 3], [11, 1]]) // wrote 11, which joins: all 4 back
      .points(4, [[20, 2], [11, 2]]); // 4 on cluster and idea: 1 back
    const release = mergeRelease(r.m, planMerge(r.m, [11], 20, ""));
    expect(release.tables.map((t) => [t.tableId, t.released, t.reason])).toEqual([[2, 4, "own"], [4, 1, "cap"]]);
    // Points on the cluster alone, untouched by the merge, do not count for a table that kept them.
    const other = room().merged(20, "Salle", [10, 12]).points(4, [[20, 3]]);
    expect(mergeRelease(other.m, planMerge(other.m, [13], 20, "")).total).toBe(0);
  });

  it("makes a table's points on an absorbed cluster its own through that cluster's ideas", () => {
    const r = room().merged(20, "Salle", [10, 12]).points(2, [[20, 3]]).points(1, [[11, 3]]);
    const release = mergeRelease(r.m, planMerge(r.m, [20, 11], 0, "Tout"));
    // Table 1 wrote 10 (in the absorbed cluster), table 2 wrote 11.
    expect(release.tables.map((t) => [t.tableId, t.released, t.reason])).toEqual([[1, 3, "own"], [2, 3, "own"]]);
  });

  it("hands back only what passes the cap when self-votes are allowed", () => {
    const r = room().points(1, [[10, 2], [11, 2]]);
    (r.m.config as { allowSelfVote: boolean }).allowSelfVote = true;
    expect(mergeRelease(r.m, planMerge(r.m, [10, 11], 0, "T")).tables).toMatchObject([
      { tableId: 1, name: "Lilas", before: 4, released: 1, reason: "cap", seatId: 0, dots: false, cap: 3 },
    ]);
  });

  it("takes the animateur's ideas as no table's", () => {
    const r = room().idea(14, 0).points(2, [[14, 2], [12, 1]]);
    expect(mergeRelease(r.m, planMerge(r.m, [14, 12], 0, "T")).total).toBe(0);
  });
});

// Two vote steps: dots by participant (2 each, 1 per idea), then a ranking by table; seats 1, 2
// of table 1 and seat 3 of table 4.
function votes(): Room {
  return new Room(undefined, [], [
    { id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.DIVERGENCE },
    { id: 3, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.DOTS, voter: Voter.SEAT, budget: 2, cap: 1 } },
    { id: 4, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.RANKING, voter: Voter.TABLE } },
    { id: 5, kind: Phase.CONCLUSION },
  ])
    .table(1, "Lilas").table(2, "Tilleuls").table(3, "Platanes").table(4, "Chênes")
    .idea(10, 1).idea(11, 2).idea(12, 3).idea(13, 3)
    .seat(1, 1, 1).seat(2, 1, 2).seat(3, 4, 1);
}

describe("mergeRelease with ballots of dots, cast by participants", () => {
  it("hands back each participant's dots, in their step's cap and words", () => {
    const r = votes()
      .ballotPoints(3, 1, 1, [[11, 1], [12, 1]]) // seat 1 of Lilas, which wrote 10
      .ballotPoints(3, 4, 3, [[10, 1], [11, 1]]); // seat 1 of Chênes: 2 on the two, cap 1
    const release = mergeRelease(r.m, planMerge(r.m, [10, 11], 0, "Repair café"));
    expect(release.tables).toEqual([
      { tableId: 1, name: "Lilas", seatId: 1, seatNumber: 1, stepId: 3, dots: true, cap: 1, before: 1, released: 1, reason: "own" },
      { tableId: 4, name: "Chênes", seatId: 3, seatNumber: 1, stepId: 3, dots: true, cap: 1, before: 2, released: 1, reason: "cap" },
    ]);
    expect(release.total).toBe(2);
  });
});

describe("targetsInBallots", () => {
  it("names the targets a choice, a ranking or buckets hold, as the server refuses them", () => {
    const r = votes().choice(4, 2, 0, [12, 13, 10]).buckets(4, 3, 0, [[11, Bucket.COFFRE_FORT]]);
    expect(targetsInBallots(r.m, [10, 11, 12, 13])).toEqual([10, 11, 12, 13]);
    expect(targetsInBallots(votes().ballotPoints(3, 1, 1, [[11, 1]]).m, [10, 11])).toEqual([]); // dots do not hold
    r.choice(4, 2, 0, []); // withdrawn
    expect(targetsInBallots(r.m, [10, 11, 12, 13])).toEqual([11]);
  });
});
