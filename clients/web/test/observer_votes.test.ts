import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { BallotKind, Bucket, ObserverResults, Phase, Template, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { rankLine, stepLabel } from "../src/i18n/ballots";
import { methodLine, participationCounts, stageKind } from "../src/observer/participation";
import { bucketCount, currentVote, otherVotes, spreadTop } from "../src/observer/votes";
import { Room } from "./console_mirror_fixture";

// Dots by participant (step 3), then buckets by table (step 4).
function room(): Room {
  const r = new Room(Template.IDEATION, [], [
    { id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.DIVERGENCE },
    { id: 3, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.DOTS, voter: Voter.SEAT, budget: 1, cap: 1 } },
    { id: 4, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.BUCKETS, voter: Voter.TABLE } },
    { id: 5, kind: Phase.CONCLUSION },
  ]).table(1).table(2).idea(10, 1).idea(11, 2);
  r.m.config!.visibility = { observerResults: ObserverResults.LIVE } as never;
  return r;
}

describe("the votes the screens show", () => {
  it("reads the vote shown in its ballot's kind, the earlier ones, and the longue-vue's new subjects", () => {
    const r = room().step(4, Phase.CONVERGENCE);
    r.event({ case: "ideaPosted", value: { idea: { ideaId: 12, tableId: 1, text: "Un sujet nouveau", stepId: 4 } } });
    r.m.results = create(ResultsSchema, {
      voteStepId: 4,
      points: [{ targetId: 10, points: 0, tables: 1, buckets: [1, 0, 0] }],
      participation: { tablesVoted: 1, tablesJoined: 2 },
      otherVotes: [{ stepId: 3, kind: BallotKind.DOTS, voters: 2, targets: [{ targetId: 11, points: 2, tables: 2 }] }],
    });
    const vote = currentVote(r.m)!;
    expect([vote.stepId, vote.kind, vote.voters, vote.newSubjects.map((i) => i.text)]).toEqual([4, BallotKind.BUCKETS, 1, ["Un sujet nouveau"]]);
    expect(bucketCount(vote.targets[0], Bucket.POUBELLE)).toBe(1);
    expect(bucketCount(vote.targets[0], Bucket.COFFRE_FORT)).toBe(0);
    expect(otherVotes(r.m).map((v) => [v.stepId, v.kind, v.voters, v.ballot.voter])).toEqual([[3, BallotKind.DOTS, 2, Voter.SEAT]]);
    // A ballot cast with nothing in the coffre-fort (points 0) still shows the vote.
    expect(stageKind(r.m)).toBe("points");
  });

  it("counts who voted as the ballot says, and what they gave", () => {
    const r = room().seat(1, 1, 1).step(3, Phase.CONVERGENCE);
    r.m.results = create(ResultsSchema, { voteStepId: 3, participation: { tablesVoted: 1, pointsSpent: 1, tablesJoined: 2, seatsJoined: 1 } });
    expect(participationCounts(r.m)).toEqual([
      { key: "tablesJoined", value: 2 },
      { key: "seatsJoined", value: 1 },
      { key: "seatsVoted", value: 1 },
      { key: "ideas", value: 2 },
      { key: "dotsPlaced", value: 1 },
    ]);
  });

  it("states each vote in the method line, from the ballots", () => {
    const defaults = { ideation: () => "budget", evaluation: "evaluation", votes: (v: string[]) => v.join(" | ") };
    expect(methodLine(room().m, defaults)).toBe(
      "chaque participant pose 1 gommette (jamais sur celles de sa table) | chaque table range chaque idée dans la poubelle, la machine à laver ou le coffre-fort, et propose en longue-vue ses sujets nouveaux");
  });

  it("names a vote step by its ballot, a rank spread in short, and one scale for the bars", () => {
    expect(stepLabel({ kind: Phase.CONVERGENCE, title: "", ballot: { kind: BallotKind.PICK, voter: Voter.TABLE, budget: 0, cap: 0, count: 3, allowSelfVote: false } }))
      .toBe("Convergence : choisir 3 idées");
    expect(stepLabel({ kind: Phase.CONVERGENCE, title: "Le vote final" })).toBe("Le vote final");
    expect(stepLabel({ kind: Phase.CONVERGENCE, title: "" })).toBe("Convergence : répartir les points");
    expect(rankLine([5, 0, 3])).toBe("1er ×5, 3e ×3");
    const r = create(ResultsSchema, { points: [{ targetId: 1, ranks: [2, 1] }, { targetId: 2, buckets: [0, 4, 1] }] });
    expect(spreadTop(r.points)).toBe(5);
  });
});
