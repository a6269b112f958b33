import { describe, expect, it } from "vitest";
import { BallotKind, Bucket, Phase, Template, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { progressTotals, tableProgress } from "../src/console/progress";
import { Room } from "./console_mirror_fixture";

describe("tableProgress", () => {
  it("counts each table's ideas and points out of the budget", () => {
    const room = new Room()
      .table(1, "Lilas").table(2, "Roses").table(3)
      .idea(10, 1).idea(11, 1).idea(12, 2).idea(13, 0)
      .points(2, [[10, 3], [11, 2]])
      .points(3, [[10, 1]]);
    const rows = tableProgress(room.m);
    expect(rows.map((r) => [r.id, r.name, r.ideas, r.pointsSpent, r.budget])).toEqual([
      [1, "Lilas", 2, 0, 30],
      [2, "Roses", 1, 5, 30],
      [3, "", 0, 1, 30],
    ]);
    const totals = progressTotals(rows, room.m);
    expect(totals).toMatchObject({ tables: 3, ideas: 4, pointsSpent: 6, tablesVoted: 2 });
  });

  it("follows points onto a cluster after a merge", () => {
    const room = new Room().table(1).table(2).idea(10, 1).idea(11, 1).points(2, [[10, 3], [11, 3]]);
    room.event({ case: "ideasMerged", value: { clusterId: 20, newCluster: true, title: "T", ideaIds: [10, 11], released: [{ tableId: 2, targetId: 20, points: 3 }] } });
    expect(tableProgress(room.m).find((r) => r.id === 2)?.pointsSpent).toBe(3);
  });

  it("says which seats joined and which scored, never the values", () => {
    const room = new Room(Template.EVALUATION, [{ id: 1, name: "coût" }, { id: 2, name: "humanisme" }])
      .table(1).table(2)
      .idea(10, 0).idea(11, 0)
      .seat(1, 1, 1).seat(2, 1, 2).seat(3, 2, 1)
      .score(1, 10, 1).score(1, 10, 2).score(1, 11, 1).score(1, 11, 2) // seat 1: everything
      .score(2, 10, 1); // seat 2: started
    const rows = tableProgress(room.m);
    expect(rows.map((r) => [r.id, r.seatNumbers, r.seatsScored, r.seatsComplete])).toEqual([
      [1, [1, 2], 2, 1],
      [2, [1], 0, 0],
    ]);
    expect(progressTotals(rows, room.m)).toMatchObject({ seats: 3, seatsScored: 2 });
  });

  it("is empty before any table joins", () => {
    expect(tableProgress(new Room().m)).toEqual([]);
  });
});

describe("tableProgress in each kind of vote", () => {
  const agenda = (ballot: { kind: BallotKind; voter: Voter; budget?: number; cap?: number; count?: number }) => [
    { id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.DIVERGENCE }, { id: 3, kind: Phase.CONVERGENCE, ballot }, { id: 4, kind: Phase.CONCLUSION },
  ];

  it("counts where each participant votes the seats of each table that voted", () => {
    const room = new Room(Template.IDEATION, [], agenda({ kind: BallotKind.DOTS, voter: Voter.SEAT, budget: 2, cap: 1 }))
      .table(1).table(2).idea(10, 1).idea(11, 2)
      .seat(1, 1, 1).seat(2, 1, 2).seat(3, 2, 1)
      .step(3, Phase.CONVERGENCE)
      .ballotPoints(3, 1, 1, [[11, 1]]).ballotPoints(3, 1, 2, [[11, 1]]).ballotPoints(3, 2, 3, [[10, 1]]);
    const rows = tableProgress(room.m);
    expect(rows.map((r) => [r.id, r.vote.kind, r.vote.cast, r.vote.of, r.vote.spent])).toEqual([
      [1, BallotKind.DOTS, 2, 2, 2],
      [2, BallotKind.DOTS, 1, 1, 1],
    ]);
    expect(progressTotals(rows, room.m)).toMatchObject({ ballotsCast: 3, ballotsOf: 3 });
  });

  it("says which tables made their ranking, and how many ideas each sorted into buckets", () => {
    const ranking = new Room(Template.IDEATION, [], agenda({ kind: BallotKind.RANKING, voter: Voter.TABLE }))
      .table(1).table(2).idea(10, 1).idea(11, 2).idea(12, 0).step(3, Phase.CONVERGENCE)
      .choice(3, 1, 0, [11, 12]);
    expect(tableProgress(ranking.m).map((r) => [r.vote.cast, r.vote.of, r.vote.named])).toEqual([[1, 1, 2], [0, 1, 0]]);
    const buckets = new Room(Template.IDEATION, [], agenda({ kind: BallotKind.BUCKETS, voter: Voter.TABLE }))
      .table(1).idea(10, 0).idea(11, 0).step(3, Phase.CONVERGENCE)
      .buckets(3, 1, 0, [[10, Bucket.POUBELLE], [11, Bucket.COFFRE_FORT]]);
    expect(tableProgress(buckets.m)[0].vote).toMatchObject({ kind: BallotKind.BUCKETS, cast: 1, named: 2 });
  });
});
