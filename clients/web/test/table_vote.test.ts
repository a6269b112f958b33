import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, Phase } from "../src/gen/atelier/v1/workshop_pb";
import { applyWelcome, emptyMirror, targets, type Mirror } from "../src/state/mirror";
import { isOwnForVote, plusBlock, pointsOn, predictVote } from "../src/table/vote_model";

// Table 1 in convergence with a budget of 6 and a cap of 3: 3 points on idea 2, 2 on idea 3;
// idea 1 is its own.
function table(allowSelfVote = false): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 9n,
      phase: Phase.CONVERGENCE,
      config: { budgetPerTable: 6, capPerTarget: 3, allowSelfVote },
      ideas: [{ id: 1, text: "a", own: true }, { id: 2, text: "b" }, { id: 3, text: "c" }, { id: 4, text: "d" }],
      tables: [{ id: 1, points: [{ targetId: 2, points: 3 }, { targetId: 3, points: 2 }] }],
    },
  });
  return applyWelcome(emptyMirror(), welcome, 0);
}

describe("the tablet's prediction of its vote", () => {
  it("counts points sent and not yet answered", () => {
    const p = predictVote(table(), new Map([[4, 1]]));
    expect([pointsOn(p, 2), pointsOn(p, 3), pointsOn(p, 4), p.left]).toEqual([3, 2, 1, 0]);
    expect(predictVote(table(), new Map()).left).toBe(1);
  });

  it("greys + for an own idea, at the cap, and with no points left, in that order", () => {
    const m = table();
    const p = predictVote(m, new Map());
    const block = (id: number) => {
      const target = targets(m).find((x) => x.id === id)!;
      return plusBlock(isOwnForVote(m, target), pointsOn(p, id), p);
    };
    expect([block(1), block(2), block(3), block(4)]).toEqual(["own", "cap", "", ""]);
    const spent = predictVote(m, new Map([[4, 1]]));
    expect(plusBlock(false, 2, spent)).toBe("budget");
    expect(plusBlock(false, 3, spent)).toBe("cap");
  });

  it("lets a table vote for its own ideas when the workshop allows it", () => {
    const m = table(true);
    expect(isOwnForVote(m, targets(m)[0])).toBe(false);
  });
});
