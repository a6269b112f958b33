import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { Phase, Template, ObserverResults } from "../src/gen/atelier/v1/workshop_pb";
import { halfAtLeast, halfWords, sharedTop } from "../src/observer/figures";
import { joinCodeFromHash, stageKind, wallItems } from "../src/observer/participation";
import { emptyMirror, type Mirror } from "../src/state/mirror";

describe("where half of the scores lie, in plain words", () => {
  it("is the highest value that half of the scores reach", () => {
    // 3, 5, 8, 9: half (two) gave 8 or more; not 9 or more (one).
    const h = [0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0];
    expect(halfAtLeast(h, 0)).toBe(8);
    // An odd count: 2, 6, 7: two of three gave 6 or more, one gave 7 or more.
    expect(halfAtLeast([0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0], 0)).toBe(6);
  });

  it("says nothing without scores, and counts from the scale's minimum", () => {
    expect(halfAtLeast([0, 0, 0], 0)).toBeNull();
    expect(halfAtLeast([0, 2, 1], 1)).toBe(2); // values 1..3: 2, 2, 3
  });

  it("names the ends: half gave the top; more than half gave the bottom", () => {
    expect(halfWords([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], 0)).toEqual({ kind: "top", value: 10 });
    expect(halfWords([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0)).toEqual({ kind: "bottom", value: 0 });
    expect(halfWords([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], 0)).toEqual({ kind: "atLeast", value: 5 });
  });
});

describe("one scale for every chart", () => {
  it("is the tallest bar of all the results, at least 1", () => {
    expect(sharedTop(undefined)).toBe(1);
    const r = create(ResultsSchema, { evaluations: [
      { ideaId: 1, criteria: [{ criterionId: 1, histogram: [0, 2, 1] }, { criterionId: 2, histogram: [4, 0, 0] }] },
      { ideaId: 2, criteria: [{ criterionId: 1, histogram: [0, 3, 0] }] },
    ] });
    expect(sharedTop(r)).toBe(4);
  });
});

describe("the join code handed over in the fragment", () => {
  it("reads #join=CODE, with or without its space, digits only", () => {
    expect(joinCodeFromHash("#join=12345678")).toBe("12345678");
    expect(joinCodeFromHash("#join=1234%205678")).toBe("12345678");
    expect(joinCodeFromHash("#join=123456")).toBe("123456");
    expect(joinCodeFromHash("")).toBe("");
    expect(joinCodeFromHash("#join=12ab5678")).toBe("");
    expect(joinCodeFromHash("#token=secret")).toBe("");
  });
});

describe("what the stage shows", () => {
  function mirror(template: Template, phase: Phase): Mirror {
    const m = emptyMirror();
    m.config = { template, visibility: { observerResults: ObserverResults.LIVE } } as Mirror["config"];
    m.phase = phase;
    return m;
  }

  it("follows the phase: join, the wall, then results once there are some", () => {
    expect(stageKind(mirror(Template.IDEATION, Phase.SETUP))).toBe("join");
    expect(stageKind(mirror(Template.IDEATION, Phase.DIVERGENCE))).toBe("wall");
    expect(stageKind(mirror(Template.IDEATION, Phase.GROUPING))).toBe("wall");
    const vote = mirror(Template.IDEATION, Phase.CONVERGENCE);
    expect(stageKind(vote)).toBe("wall");
    vote.results = create(ResultsSchema, { points: [{ targetId: 1, points: 0 }] });
    expect(stageKind(vote)).toBe("wall");
    vote.results = create(ResultsSchema, { points: [{ targetId: 1, points: 2 }] });
    expect(stageKind(vote)).toBe("points");
    const score = mirror(Template.EVALUATION, Phase.SCORING);
    score.results = create(ResultsSchema, { evaluations: [{ ideaId: 1, criteria: [{ criterionId: 1, count: 1 }] }] });
    expect(stageKind(score)).toBe("evaluation");
  });

  it("waits for the reveal when observers see results only then", () => {
    const m = mirror(Template.IDEATION, Phase.CONCLUSION);
    m.config = { template: Template.IDEATION, visibility: { observerResults: ObserverResults.AT_REVEAL } } as Mirror["config"];
    m.results = create(ResultsSchema, { points: [{ targetId: 1, points: 2 }] });
    expect(stageKind(m)).toBe("wall");
    m.resultsRevealed = true;
    expect(stageKind(m)).toBe("points");
  });

  it("puts a cluster where its first idea was, its ideas inside it", () => {
    const m = emptyMirror();
    for (const id of [1, 2, 3, 4]) m.ideas.set(id, { id, text: `idée ${id}`, tableId: 0, own: false, clusterId: 0, stepId: 0 });
    m.ideas.get(2)!.clusterId = 9;
    m.ideas.get(4)!.clusterId = 9;
    m.clusters.set(9, { id: 9, title: "Regroupées", ideaIds: [2, 4] });
    expect(wallItems(m).map((i) => i.key)).toEqual(["i1", "c9", "i3"]);
    expect(wallItems(m)[1].ideas.map((i) => i.id)).toEqual([2, 4]);
  });
});
