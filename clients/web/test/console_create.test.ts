import { fromJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CreateWorkshopRequestSchema } from "../src/gen/atelier/v1/api_pb";
import { Direction, ObserverResults, Template } from "../src/gen/atelier/v1/workshop_pb";
import { buildCreateRequest, carriedIdeas, createRequestJson, defaultModel, followRules, ideaLines, problems } from "../src/console/create_model";

describe("create request", () => {
  it("builds an ideation with budget, cap, visibility and method note", () => {
    const m = defaultModel("ideation");
    m.question = "  Comment optimiser la salle municipale ?  ";
    m.budget = 20; // as the form sets it: the untouched method note follows
    expect(followRules(m, { budget: 30, cap: 3 })).toBe(true);
    m.cap = 2;
    expect(followRules(m, { budget: 20, cap: 3 })).toBe(true);
    m.observerResults = "reveal";
    const req = buildCreateRequest(m);
    const c = req.workshop?.config;
    expect(c?.question).toBe("Comment optimiser la salle municipale ?");
    expect(c?.template).toBe(Template.IDEATION);
    expect(c?.budgetPerTable).toBe(20);
    expect(c?.capPerTarget).toBe(2);
    expect(c?.criteria).toEqual([]);
    expect(c?.phases).toEqual([]); // the server's default order
    expect(c?.visibility?.observerResults).toBe(ObserverResults.AT_REVEAL);
    expect(c?.methodNote).toMatch(/répartit 20 points \(2 au plus par idée/);
    expect(c?.methodNote).not.toMatch(/30|3 au plus/);
    expect(req.workshop?.ideas).toEqual([]);
    expect(req.carryFromWorkshopId).toBe("");
  });

  it("keeps a method note the animateur edited when the rules change", () => {
    const m = defaultModel("ideation");
    expect(m.methodNote).toMatch(/30 points \(3 au plus/);
    m.methodNote = "Notre façon de faire";
    m.budget = 12;
    expect(followRules(m, { budget: 30, cap: 3 })).toBe(false);
    expect(m.methodNote).toBe("Notre façon de faire");
  });

  it("defaults to 30 points and 3 per idea", () => {
    const m = defaultModel("ideation");
    expect([m.budget, m.cap]).toEqual([30, 3]);
  });

  it("sends the ideas a table may have at once (50 by default), ideation only", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    expect(buildCreateRequest(m).workshop?.config?.maxIdeasPerTable).toBe(50);
    m.maxIdeasPerTable = 12;
    expect(buildCreateRequest(m).workshop?.config?.maxIdeasPerTable).toBe(12);
    expect(problems(m)).toEqual([]);
    for (const bad of [0, 1001, 2.5, Number.NaN]) {
      m.maxIdeasPerTable = bad;
      expect(problems(m)).toHaveLength(1);
    }
    const e = defaultModel("evaluation");
    e.question = "Q ?";
    expect(buildCreateRequest(e).workshop?.config?.maxIdeasPerTable).toBe(0);
  });

  it("builds an evaluation with criteria, directions, end labels and one idea per line", () => {
    const m = defaultModel("evaluation");
    m.question = "Accueil des réfugiés";
    m.ideasText = "Hébergement solidaire\n\n  Parrainage  \r\nCours de français\n";
    const req = buildCreateRequest(m);
    const c = req.workshop?.config;
    expect(c?.template).toBe(Template.EVALUATION);
    expect(c?.budgetPerTable).toBe(0);
    expect(c?.criteria.map((x) => [x.name, x.direction, x.lowLabel, x.highLabel, x.minValue, x.maxValue])).toEqual([
      ["acceptabilité", Direction.HIGHER_IS_BETTER, "inacceptable", "très acceptable", 0, 10],
      ["coût", Direction.LOWER_IS_BETTER, "peu coûteux", "très coûteux", 0, 10],
      ["humanisme", Direction.HIGHER_IS_BETTER, "peu humain", "très humain", 0, 10],
    ]);
    expect(req.workshop?.ideas.map((i) => i.text)).toEqual(["Hébergement solidaire", "Parrainage", "Cours de français"]);
  });

  it("carries an ideation's best ideas into an evaluation", () => {
    const m = defaultModel("evaluation");
    m.question = "Suite";
    m.carry = { workshopId: "abc", token: "secret", count: 5 };
    const req = buildCreateRequest(m);
    expect([req.carryFromWorkshopId, req.carryFromAnimateurToken, req.carryCount]).toEqual(["abc", "secret", 5]);
    expect(problems(m)).toEqual([]); // carried ideas stand in for typed ones
  });

  it("is protobuf JSON the server parses (lowerCamelCase, enums by name)", () => {
    const m = defaultModel("evaluation");
    m.question = "Q";
    m.ideasText = "Une idée";
    const json = createRequestJson(m) as Record<string, any>;
    expect(json.workshop.config.template).toBe("TEMPLATE_EVALUATION");
    expect(json.workshop.config.criteria[1].direction).toBe("DIRECTION_LOWER_IS_BETTER");
    expect(json.workshop.config.visibility.observerResults).toBe("OBSERVER_RESULTS_LIVE");
    expect(json.workshop.ideas).toEqual([{ text: "Une idée" }]);
    expect(fromJson(CreateWorkshopRequestSchema, json)).toEqual(buildCreateRequest(m));
  });

  it("lists what to fix before sending", () => {
    const m = defaultModel("ideation");
    expect(problems(m)).toHaveLength(1); // the question
    m.question = "Q";
    m.cap = 40;
    expect(problems(m)).toHaveLength(1); // cap above budget
    const e = defaultModel("evaluation");
    e.question = "Q";
    e.criteria[0].name = " ";
    expect(problems(e)).toHaveLength(2); // a nameless criterion, no idea
  });

  it("splits the ideas field into trimmed, non-empty lines", () => {
    expect(ideaLines(" a \n\n b\r\n")).toEqual(["a", "b"]);
  });
});

describe("carriedIdeas", () => {
  const results = [
    { text: "Ouvrir le soir", points: 6, isCluster: false },
    { text: "Repair café", points: 5, isCluster: true },
    { text: "Cuisine", points: 5, isCluster: false },
    { text: "Ciné-club", points: 1, isCluster: false },
    { text: "Grainothèque", points: 0, isCluster: false },
    { text: "Bourse aux livres", points: 0, isCluster: false },
  ];

  it("takes the first N in the results' order, as the server's TopIdeas", () => {
    expect(carriedIdeas(results, 2).map((c) => c.text)).toEqual(["Ouvrir le soir", "Repair café"]);
    expect(carriedIdeas(results, 3).map((c) => c.text)).toEqual(["Ouvrir le soir", "Repair café", "Cuisine"]);
  });

  it("never carries an idea without points", () => {
    expect(carriedIdeas(results, 10).map((c) => c.text)).toEqual(["Ouvrir le soir", "Repair café", "Cuisine", "Ciné-club"]);
    expect(carriedIdeas([{ text: "x", points: 0, isCluster: false }], 5)).toEqual([]);
  });

  it("carries nothing for a count that is not a whole number from 1", () => {
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(carriedIdeas(results, bad)).toEqual([]);
  });

  it("refuses to send a carry-over without the source's token", () => {
    const m = defaultModel("evaluation");
    m.question = "Q ?";
    m.carry = { workshopId: "abc", token: "", count: 5 };
    expect(problems(m)).toHaveLength(1);
    m.carry.token = "secret";
    expect(problems(m)).toEqual([]);
  });
});
