import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, ObserverResults, Phase, Template } from "../src/gen/atelier/v1/workshop_pb";
import { methodLine, participationCounts, resultsVisible, waitingForReveal } from "../src/observer/participation";
import { applyEvent, applyWelcome, emptyMirror } from "../src/state/mirror";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { agreement } from "../src/ui/consensus";

describe("agreement from the spread of scores", () => {
  it("needs two scores to say anything", () => {
    expect(agreement(0, 0)).toBe("few");
    expect(agreement(0, 1)).toBe("few");
  });

  it("names the spread on a 0-10 scale: strong below 1.5, shared below 2.5, divided from 2.5", () => {
    expect(agreement(0, 5)).toBe("strong");
    expect(agreement(1.49, 5)).toBe("strong");
    expect(agreement(1.5, 5)).toBe("shared");
    expect(agreement(2.49, 5)).toBe("shared");
    expect(agreement(2.5, 5)).toBe("divided");
    expect(agreement(5, 2)).toBe("divided"); // one at 0, one at 10
  });

  it("brings another range to 0-10 first", () => {
    // 1.0 on a 0-5 scale is 2.0 on a 0-10 scale.
    expect(agreement(1, 4, 0, 5)).toBe("shared");
    expect(agreement(1, 4, 0, 20)).toBe("strong");
  });
});

describe("observer participation and visibility", () => {
  function observer(template: Template, observerResults: ObserverResults) {
    const welcome = create(WelcomeSchema, {
      role: { kind: ActorKind.OBSERVER },
      snapshot: {
        seq: 4n,
        phase: template === Template.EVALUATION ? Phase.SCORING : Phase.CONVERGENCE,
        access: { joinCode: "123456" },
        config: { template, budgetPerTable: 30, capPerTarget: 3, visibility: { observerResults } },
        ideas: [{ id: 1, text: "a" }, { id: 2, text: "b" }],
        tables: [{ id: 1 }, { id: 2 }, { id: 3 }],
        seats: [{ id: 1, tableId: 1, seatNumber: 1 }, { id: 2, tableId: 1, seatNumber: 2 }],
      },
      results: { participation: { tablesJoined: 3, tablesVoted: 2, seatsJoined: 2, seatsScored: 1, ideas: 2, pointsSpent: 12 } },
    });
    return applyWelcome(emptyMirror(), welcome, 0);
  }

  it("shows live results with every count", () => {
    const m = observer(Template.IDEATION, ObserverResults.LIVE);
    expect(m.joinCode).toBe("123456");
    expect(resultsVisible(m)).toBe(true);
    expect(participationCounts(m)).toEqual([
      { key: "tablesJoined", value: 3 },
      { key: "tablesVoted", value: 2 },
      { key: "ideas", value: 2 },
      { key: "pointsSpent", value: 12 },
    ]);
    // A scoring step of an ideation's agenda (a journey map's smileys): who scores, not who votes.
    m.phase = Phase.SCORING;
    expect(participationCounts(m).map((c) => [c.key, c.value])).toEqual([["tablesJoined", 3], ["seatsJoined", 2], ["seatsScored", 1], ["ideas", 2]]);
  });

  it("at reveal: only what is public until the animateur reveals", () => {
    const m = observer(Template.EVALUATION, ObserverResults.AT_REVEAL);
    expect(waitingForReveal(m)).toBe(true);
    expect(resultsVisible(m)).toBe(false);
    expect(participationCounts(m)).toEqual([
      { key: "tablesJoined", value: 3 },
      { key: "seatsJoined", value: 2 },
      { key: "ideas", value: 2 },
    ]);
    applyEvent(m, create(EventSchema, { seq: 5n, payload: { case: "resultsRevealed", value: { revealed: true } } }));
    m.results = create(ResultsSchema, { participation: { seatsScored: 2 } });
    expect(waitingForReveal(m)).toBe(false);
    expect(participationCounts(m).map((c) => c.key)).toEqual(["tablesJoined", "seatsJoined", "seatsScored", "ideas"]);
  });

  it("uses the workshop's method note, else a default line per template", () => {
    const defaults = { ideation: (b: number, c: number) => `ideation ${b}/${c}`, evaluation: "evaluation" };
    const m = observer(Template.IDEATION, ObserverResults.LIVE);
    expect(methodLine(m, defaults)).toBe("ideation 30/3");
    m.config!.methodNote = "Notre méthode";
    expect(methodLine(m, defaults)).toBe("Notre méthode");
    expect(methodLine(observer(Template.EVALUATION, ObserverResults.LIVE), defaults)).toBe("evaluation");
  });
});
