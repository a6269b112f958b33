// A vote or scoring step with a source (Step.source) takes only the ideas the server selected on
// entering it (WorkshopState.selections, PhaseChanged.selects): the tablet lists only those, as
// the server's sources.h decides.
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, BallotKind, FacetSchema, Phase, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { sourceLine } from "../src/i18n/ballots";
import { applyEvent, applyWelcome, ballotOf, emptyMirror, scorableIdeas, stepTakes, targets, type Mirror } from "../src/state/mirror";
import { ballotTargets, eligibleTargets } from "../src/table/ballot_model";
import { wallItems } from "../src/observer/participation";

// Table 1 in a sprint: ring 1 (step 2: ideas 1, 2), ring 2 (step 3: ideas 3, 4 and table 1's 5),
// dots on ring 2 (step 4, selected: 3, 4, 5), a pick among the top of the dots (step 5), a
// scoring step on ring 1 (step 6). Ideas 2 and 3 are grouped in cluster 10.
function mirror(at: number, selections: { stepId: number; ideaIds: number[] }[]): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 9n,
      phase: at === 6 ? Phase.SCORING : Phase.CONVERGENCE,
      stepId: at,
      config: {
        agenda: [
          { id: 1, kind: Phase.SETUP },
          { id: 2, kind: Phase.DIVERGENCE },
          { id: 3, kind: Phase.DIVERGENCE },
          { id: 4, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.DOTS, voter: Voter.TABLE, budget: 2, cap: 1 }, source: { stepIds: [3] } },
          { id: 5, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.PICK, voter: Voter.TABLE, count: 1 }, source: { topOfStep: 4, top: 1 } },
          { id: 6, kind: Phase.SCORING, source: { stepIds: [2] } },
        ],
        criteria: [{ id: 1, name: "Utile", minValue: 0, maxValue: 10 }],
      },
      ideas: [
        { id: 1, text: "a", stepId: 2 },
        { id: 2, text: "b", stepId: 2, clusterId: 10 },
        { id: 3, text: "c", stepId: 3, clusterId: 10 },
        { id: 4, text: "d", stepId: 3 },
        { id: 5, text: "e", stepId: 3, own: true },
      ],
      clusters: [{ id: 10, title: "bc", ideaIds: [2, 3] }],
      tables: [{ id: 1 }, { id: 2 }],
      selections,
    },
  });
  return applyWelcome(emptyMirror(), welcome, 0);
}

const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe("a step that takes ideas from earlier steps", () => {
  it("lists only what the step selected, a cluster when it holds one of them", () => {
    const m = mirror(4, [{ stepId: 4, ideaIds: [3, 4, 5] }]);
    expect(ids(ballotTargets(m, 4))).toEqual([4, 5, 10]);
    expect(ids(eligibleTargets(m, ballotOf(m, 4), 4))).toEqual([4, 10]); // 5 is the table's own
    expect(targets(m).filter(stepTakes(m, 4)).map((x) => x.id)).not.toContain(1);
    // The big screen's wall during the vote: the same, not every idea of the workshop.
    expect(wallItems(m).map((i) => i.key)).toEqual(["c10", "i4", "i5"]);
    // During the scoring step on ring 1: its ideas (the cluster holds one of them).
    expect(wallItems(mirror(6, [{ stepId: 6, ideaIds: [1, 2] }])).map((i) => i.key)).toEqual(["i1", "c10"]);
  });

  it("takes nothing before the server selected (a step with a source not entered yet)", () => {
    const m = mirror(4, [{ stepId: 4, ideaIds: [3, 4, 5] }]);
    expect(ids(ballotTargets(m, 5))).toEqual([]);
  });

  it("learns the selection from the PhaseChanged that enters the step", () => {
    const m = mirror(4, [{ stepId: 4, ideaIds: [3, 4, 5] }]);
    applyEvent(m, create(EventSchema, {
      seq: 10n,
      payload: { case: "phaseChanged", value: { from: Phase.CONVERGENCE, to: Phase.CONVERGENCE, fromStep: 4, toStep: 5, selects: true, ideaIds: [4] } },
    }));
    expect(m.stepId).toBe(5);
    expect(ids(ballotTargets(m, 5))).toEqual([4]);
    // Coming back does not select again: the step keeps what it took.
    applyEvent(m, create(EventSchema, {
      seq: 11n,
      payload: { case: "phaseChanged", value: { from: Phase.CONVERGENCE, to: Phase.CONVERGENCE, fromStep: 5, toStep: 4 } },
    }));
    expect(ids(ballotTargets(m, 5))).toEqual([4]);
  });

  it("scores only the ideas a scoring step took", () => {
    expect(ids(scorableIdeas(mirror(6, [{ stepId: 6, ideaIds: [1, 2] }])))).toEqual([1, 2]);
    expect(ids(scorableIdeas(mirror(6, [])))).toEqual([]);
  });
});

describe("what a step with a source is about, in words", () => {
  const titled = (m: Mirror) => {
    const steps = m.config!.agenda;
    steps[1].title = "Anneau 1";
    steps[2].title = "Anneau 2";
    steps[2].categories = [create(FacetSchema, { id: 1, name: "Bénéfices" }), create(FacetSchema, { id: 2, name: "Besoins" })];
    steps[3].title = "Gommettes";
    steps[3].source!.categoryIds = [2];
    return steps;
  };

  it("names the steps, the facets and the top of a vote, ties included when more were taken", () => {
    const steps = titled(mirror(4, []));
    expect(sourceLine(steps, steps[3])).toBe("Idées soumises au vote : celles de l'étape « Anneau 2 » (Besoins)");
    expect(sourceLine(steps, steps[4], 1)).toBe("Idées soumises au vote : la plus votée à l'étape « Gommettes »");
    expect(sourceLine(steps, steps[4], 2)).toBe("Idées soumises au vote : la plus votée à l'étape « Gommettes », ex æquo compris");
    expect(sourceLine(steps, steps[5])).toBe("Idées à noter : celles de l'étape « Anneau 1 »");
    steps[5].source!.stepIds = [2, 3];
    expect(sourceLine(steps, steps[5])).toBe("Idées à noter : celles des étapes « Anneau 1 » et « Anneau 2 »");
    steps[5].source!.stepIds = [1];
    expect(sourceLine(steps, steps[5])).toBe("Idées à noter : les idées de départ");
    expect(sourceLine(steps, steps[1])).toBe("");
  });
});
