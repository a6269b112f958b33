import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { EventSchema } from "../src/gen/atelier/v1/events_pb";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { WelcomeSchema } from "../src/gen/atelier/v1/wire_pb";
import { ActorKind, CriterionSchema, Phase, Scale } from "../src/gen/atelier/v1/workshop_pb";
import { applyEvent, applyWelcome, emptyMirror, tableProfile, type Mirror } from "../src/state/mirror";
import { contrast, facetColour, ideaFacets, initialChoice, inkOn, paint, stepFacets } from "../src/table/facets";
import { meanText, profileMean, profileTop } from "../src/table/profile_results";
import { mood, scaleRange, smileyWord, weightText } from "../src/table/smileys";

// Table 1 (profile Agent) in a role-cards workshop: a step with categories, a journey map step.
function table(): Mirror {
  const welcome = create(WelcomeSchema, {
    role: { kind: ActorKind.TABLE, tableId: 1 },
    snapshot: {
      seq: 5n,
      phase: Phase.DIVERGENCE,
      stepId: 2,
      config: {
        profiles: [{ id: 1, name: "Usager" }, { id: 2, name: "Agent" }],
        agenda: [
          { id: 1, kind: Phase.SETUP },
          { id: 2, kind: Phase.DIVERGENCE, categories: [{ id: 1, name: "Bénéfices", colour: "#f4a6c6" }, { id: 2, name: "Besoins", colour: "" }] },
          { id: 3, kind: Phase.DIVERGENCE, stages: [{ id: 1, name: "Avant" }], lanes: [{ id: 1, name: "Actions" }, { id: 2, name: "Opportunités" }] },
        ],
      },
      tables: [{ id: 1, profileId: 2 }, { id: 2 }],
      seats: [{ id: 1, tableId: 1, seatNumber: 1, profileId: 1 }],
      ideas: [{ id: 1, text: "a", stepId: 2, categoryId: 2, own: true }],
    },
  });
  return applyWelcome(emptyMirror(), welcome, 0);
}

describe("profiles and facets in the mirror", () => {
  it("keeps the profile each table and seat joined as, from the snapshot and from events", () => {
    const m = table();
    expect(tableProfile(m, 1)?.name).toBe("Agent");
    expect(tableProfile(m, 2)).toBeUndefined();
    expect(m.seats.get(1)?.profileId).toBe(1);
    applyEvent(m, create(EventSchema, { seq: 6n, payload: { case: "tableJoined", value: { tableId: 3, name: "", profileId: 1 } } }));
    applyEvent(m, create(EventSchema, { seq: 7n, payload: { case: "seatJoined", value: { seatId: 2, tableId: 3, seatNumber: 2, profileId: 2 } } }));
    expect(tableProfile(m, 3)?.name).toBe("Usager");
    expect(m.seats.get(2)?.profileId).toBe(2);
  });

  it("keeps an idea's facets and finds them in its step", () => {
    const m = table();
    expect(ideaFacets(m, m.ideas.get(1)!).category?.name).toBe("Besoins");
    applyEvent(m, create(EventSchema, { seq: 6n, payload: { case: "ideaPosted", value: { idea: { ideaId: 2, tableId: 2, text: "b", stepId: 3, stageId: 1, laneId: 2 } } } }));
    const f = ideaFacets(m, m.ideas.get(2)!);
    expect([f.stage?.name, f.lane?.name, f.category]).toEqual(["Avant", "Opportunités", undefined]);
  });

  it("chooses in advance only the kept value or the only one", () => {
    const f = stepFacets(table(), 3);
    expect(initialChoice(f.stage, 0)).toBe(1); // the only stage
    expect(initialChoice(f.lane, 0)).toBe(0); // two lanes: the person chooses
    expect(initialChoice(f.lane, 2)).toBe(2); // kept with the draft
    expect(initialChoice(f.lane, 9)).toBe(0); // kept, but no longer in the step
  });

  it("gives a post-it its colour, or one of the palette's, and ink with AA contrast on it", () => {
    const list = stepFacets(table(), 2).category;
    expect(facetColour(list, list[0])).toBe("#f4a6c6");
    expect(facetColour(list, list[1])).toMatch(/^#[0-9a-f]{6}$/);
    for (const bg of ["#f4a6c6", "#ffe066", "#0b5cad", "#1d6b34", "#ffffff", "#000000", "#ff0000", "#00ff00", "#808080"]) {
      const { background, ink } = paint(bg);
      expect(contrast(ink, background)).toBeGreaterThanOrEqual(4.5);
    }
    expect(paint("#f4a6c6").background).toBe("#f4a6c6"); // readable as configured: unchanged
    expect(paint("#ff0000").background).not.toBe("#ff0000"); // pure red: lightened
    expect(inkOn("#ffe066")).toBe("#1b1f24");
    expect(inkOn("#0b5cad")).toBe("#ffffff");
  });
});

describe("smiley scales", () => {
  const smileys = (min = 0, max = 0) => create(CriterionSchema, { scale: Scale.SMILEYS, minValue: min, maxValue: max });

  it("goes from 1 to 5 by default, at most 5 values; numbers stay 0 to 10", () => {
    expect(scaleRange(smileys())).toEqual({ min: 1, max: 5 });
    expect(scaleRange(smileys(1, 9))).toEqual({ min: 1, max: 5 });
    expect(scaleRange(create(CriterionSchema, {}))).toEqual({ min: 0, max: 10 });
  });

  it("says each value in words, with sensible words for fewer values", () => {
    expect([1, 2, 3, 4, 5].map((v) => smileyWord(v, 1, 5))).toEqual(["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"]);
    expect([1, 2, 3].map((v) => smileyWord(v, 1, 3))).toEqual(["Insatisfait", "Neutre", "Satisfait"]);
    expect([0, 1].map((v) => smileyWord(v, 0, 1))).toEqual(["Insatisfait", "Satisfait"]);
    expect([mood(1, 1, 5), mood(3, 1, 5), mood(5, 1, 5)]).toEqual([0, 0.5, 1]);
  });

  it("says a weight other than 1", () => {
    expect(weightText(create(CriterionSchema, { weight: 1 }))).toBe("");
    expect(weightText(create(CriterionSchema, { weight: 0 }))).toBe("");
    expect(weightText(create(CriterionSchema, { weight: 2 }))).toBe("compte double");
    expect(weightText(create(CriterionSchema, { weight: 5 }))).toBe("compte ×5");
  });
});

describe("results by profile", () => {
  const r = create(ResultsSchema, {
    voteStepId: 4,
    points: [{ targetId: 1, text: "a", points: 5 }, { targetId: 2, text: "b", points: 3 }, { targetId: 3, text: "c", points: 1 }],
    profiles: [{
      profileId: 1, name: "Usager",
      votes: [{ stepId: 4, targets: [{ targetId: 3, points: 1 }, { targetId: 2, points: 3 }, { targetId: 1, points: 0 }], voters: 2 }],
      evaluations: [
        { ideaId: 1, criteria: [{ criterionId: 1, mean: 4, count: 3 }, { criterionId: 2, mean: 7, count: 1 }] },
        { ideaId: 2, criteria: [{ criterionId: 1, mean: 2, count: 1 }] },
      ],
    }],
  });

  it("lists a profile's first ideas in the vote shown, most first, with their texts", () => {
    expect(profileTop(r, r.profiles[0], 4)).toEqual([{ text: "b", points: 3 }, { text: "c", points: 1 }]);
    expect(profileTop(r, r.profiles[0], 9)).toEqual([]);
  });

  it("averages a criterion over every score of the profile's seats, said in words on a smiley scale", () => {
    expect(profileMean(r.profiles[0], 1)).toBe(3.5); // (4*3 + 2*1) / 4
    expect(profileMean(r.profiles[0], 3)).toBeUndefined();
    const c = create(CriterionSchema, { scale: Scale.SMILEYS });
    expect(meanText(c, 3.5, "fr")).toBe("3,5 (Satisfait)");
    expect(meanText(create(CriterionSchema, { maxValue: 10 }), 7, "fr")).toBe("7,0");
    expect(meanText(c, undefined, "fr")).toBe("—");
  });
});
