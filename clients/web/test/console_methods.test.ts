import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkshopTemplatesSchema } from "../src/gen/atelier/v1/api_pb";
import { BallotKind, Phase, Scale, Template, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { buildCreateRequest, problems, type CreateModel } from "../src/console/create_model";
import templatesJson from "./fixtures/templates.json";
import { kPalette, modelFromMethod, paletteColour, serverField, type Method } from "../src/console/method_model";

// What GET /api/templates answers (api.proto WorkshopTemplates), as a local fixture.
const fixture = fromJson(WorkshopTemplatesSchema, templatesJson as unknown as JsonValue);
const methods: Method[] = fixture.templates.map((tpl) => ({ key: tpl.key, title: tpl.title, summary: tpl.summary, template: tpl }));
const method = (key: string) => methods.find((m) => m.key === key)!;
/** A method made here (GET /api/templates's shape, as JSON): `workshop` is its CreateWorkshop. */
const methodOf = (key: string, title: string, workshop: object): Method => ({
  key, title, summary: "",
  template: fromJson(WorkshopTemplatesSchema, { templates: [{ key, workshop }] } as unknown as JsonValue).templates[0],
});

describe("a method fills the create form", () => {
  it("lists the nine methods of the fixture", () => {
    expect(methods.map((m) => m.key)).toEqual(["ideation", "evaluation", "sprint", "cartes-de-role", "parcours-usager",
      "election-des-futurs", "jurisprudence", "bilan-de-mandature", "barometre"]);
  });

  it("sends back what each method sets, unchanged, and asks nothing more to fix", () => {
    for (const m of methods) {
      const model = modelFromMethod(m);
      expect(problems(model), m.key).toEqual([]);
      const sent = buildCreateRequest(model).workshop!;
      const c = m.template!.workshop!.config!;
      expect(sent.config!.question, m.key).toBe(c.question);
      expect(sent.config!.template, m.key).toBe(c.template);
      expect(sent.config!.agenda.map((s) => [s.kind, s.title, s.plannedMs, s.instruction]), m.key)
        .toEqual(c.agenda.map((s) => [s.kind, s.title, s.plannedMs, s.instruction]));
      expect(sent.config!.agenda.map((s) => [s.categories, s.stages, s.lanes].map((l) => l.map((f) => f.name))), m.key)
        .toEqual(c.agenda.map((s) => [s.categories, s.stages, s.lanes].map((l) => l.map((f) => f.name))));
      expect(sent.config!.profiles.map((p) => [p.name, p.description]), m.key).toEqual(c.profiles.map((p) => [p.name, p.description]));
      expect(sent.ideas.map((i) => i.text), m.key).toEqual(m.template!.workshop!.ideas.map((i) => i.text));
    }
  });

  it("keeps each vote step's ballot", () => {
    const agenda = (key: string) => buildCreateRequest(modelFromMethod(method(key))).workshop!.config!.agenda;
    const ballot = (key: string) => agenda(key).find((s) => s.ballot)!.ballot!;
    expect([ballot("sprint").kind, ballot("sprint").voter, ballot("sprint").budget, ballot("sprint").cap]).toEqual([BallotKind.DOTS, Voter.SEAT, 1, 1]);
    expect([ballot("election-des-futurs").kind, ballot("election-des-futurs").count]).toEqual([BallotKind.RANKING, 0]);
    expect([ballot("bilan-de-mandature").kind, ballot("bilan-de-mandature").count, ballot("bilan-de-mandature").allowSelfVote]).toEqual([BallotKind.PICK, 3, true]);
    expect(ballot("jurisprudence").kind).toBe(BallotKind.BUCKETS);
  });

  it("keeps the categories' colours, the journey map's stages and lanes, a smiley scale and weights", () => {
    const roles = buildCreateRequest(modelFromMethod(method("cartes-de-role"))).workshop!.config!;
    expect(roles.agenda[1].categories.map((f) => [f.name, f.colour])).toEqual([["Bénéfices", "#f4a6c6"], ["Besoins", "#fff176"]]);
    expect(roles.criteria).toEqual([]); // no scoring step: no criteria sent
    const journey = buildCreateRequest(modelFromMethod(method("parcours-usager"))).workshop!.config!;
    expect(journey.agenda[1].stages.map((f) => [f.name, f.colour])).toEqual([["S'informer", ""], ["Déposer la demande", ""], ["Attendre la réponse", ""]]);
    expect(journey.agenda[1].lanes.map((f) => f.name)).toEqual(["Actions", "Pensées et émotions", "Opportunités"]);
    expect(journey.criteria.map((c) => [c.name, c.scale, c.minValue, c.maxValue, c.weight])).toEqual([["satisfaction", Scale.SMILEYS, 1, 5, 1]]);
    const baro = buildCreateRequest(modelFromMethod(method("barometre"))).workshop!.config!;
    expect(baro.criteria[0].scale).toBe(Scale.SMILEYS);
    expect([baro.criteria[0].minValue, baro.criteria[0].maxValue]).toEqual([1, 5]); // the scale's default range
    const evaluation = buildCreateRequest(modelFromMethod(method("evaluation"))).workshop!.config!;
    expect(evaluation.criteria.map((c) => c.weight)).toEqual([1, 2, 1]);
    expect(evaluation.template).toBe(Template.EVALUATION);
  });

  it("asks for starting ideas only where nothing else brings any", () => {
    const juris = modelFromMethod(method("jurisprudence"));
    expect(juris.seedsIdeas).toBe(true);
    juris.ideasText = "  ";
    expect(problems(juris)).toEqual(["Tapez au moins une idée à évaluer (une par ligne)."]);
    const bilan = modelFromMethod(method("bilan-de-mandature"));
    bilan.ideasText = "";
    expect(problems(bilan)).toEqual([]); // a step of ideas follows
    expect(modelFromMethod(method("sprint")).seedsIdeas).toBe(false);
  });

  it("uses the method's own note, and today's for ideation and evaluation", () => {
    expect(modelFromMethod(method("sprint")).methodNote).toBe("Sprint : trois anneaux d'idées, puis une gommette par participant.");
    expect(modelFromMethod(method("ideation")).methodNote).toMatch(/répartit 30 points \(3 au plus par idée/);
  });

  it("falls back on today's two when the server gave no template", () => {
    const m = modelFromMethod({ key: "evaluation", title: "", summary: "", template: null });
    expect([m.method, m.template, m.steps.map((s) => s.kind)]).toEqual(["evaluation", "evaluation", [Phase.SETUP, Phase.SCORING, Phase.CONCLUSION]]);
  });
});

describe("the post-it palette", () => {
  it("gives each new category the next colour, in turn", () => {
    expect(paletteColour(0)).toBe("#f7b6d2");
    expect(paletteColour(1)).toBe("#ffe38a");
    expect(paletteColour(kPalette.length)).toBe(kPalette[0]);
  });

  it("keeps black text readable on every colour (contrast at least 7:1)", () => {
    const lum = (hex: string) => {
      const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
    };
    for (const c of kPalette) expect((lum(c) + 0.05) / 0.05, c).toBeGreaterThanOrEqual(7);
  });
});

describe("a server refusal by its field", () => {
  const m = modelFromMethod(method("parcours-usager"));
  it("finds the field the server's message names", () => {
    expect(serverField("profiles: every profile needs a name", m)).toEqual({ at: "profiles" });
    expect(serverField("agenda: step 2: lanes: 'Actions' appears twice", m)).toEqual({ at: "step", index: 1, facets: true });
    expect(serverField("agenda: step 4: cap larger than the budget", m)).toEqual({ at: "step", index: 3, facets: false });
    expect(serverField("agenda: step 40: cap larger than the budget", m)).toBeNull();
    expect(serverField("criteria 'satisfaction': weight is 1 to 10", m)).toEqual({ at: "criteria", index: 0 });
    expect(serverField("criteria: every criterion needs a name", m)).toEqual({ at: "criteria", index: -1 });
    expect(serverField("question: required", m)).toEqual({ at: "question" });
    expect(serverField("max_tables: at most 1000", m)).toBeNull();
  });
});

describe("a step that takes ideas from earlier steps (Step.source)", () => {
  // Role cards in short: set-up (1), benefits and needs (2), actions (3, lanes), a vote on the
  // actions' third lane (4), a pick among the top 2 of that vote (5).
  const roles = methodOf("cartes-de-role", "Cartes de rôle", {
    config: {
      question: "Comment ?", template: "TEMPLATE_IDEATION",
      agenda: [
        { id: 1, kind: "PHASE_SETUP" },
        { id: 2, kind: "PHASE_DIVERGENCE", categories: [{ name: "Bénéfices" }, { name: "Besoins" }] },
        { id: 3, kind: "PHASE_DIVERGENCE", lanes: [{ name: "Actions" }, { name: "Pensées" }, { name: "Opportunités" }] },
        { id: 4, kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_SEAT", budget: 3, cap: 1 }, source: { stepIds: [3], laneIds: [3] } },
        { id: 5, kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_PICK", voter: "VOTER_TABLE", count: 1 }, source: { topOfStep: 4, top: 2 } },
      ],
    },
  });

  it("sends the template's step and facet ids and its sources as they are", () => {
    const agenda = buildCreateRequest(modelFromMethod(roles)).workshop!.config!.agenda;
    expect(agenda.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    expect(agenda[2].lanes.map((f) => f.id)).toEqual([1, 2, 3]);
    expect([agenda[3].source?.stepIds, agenda[3].source?.laneIds]).toEqual([[3], [3]]);
    expect([agenda[4].source?.topOfStep, agenda[4].source?.top]).toEqual([4, 2]);
  });

  it("keeps only what is still there after the animateur's edits, else takes every idea", () => {
    const model = modelFromMethod(roles);
    model.steps[2].lanes.splice(2, 1); // the « Opportunités » lane removed: the vote takes the whole step
    let agenda = buildCreateRequest(model).workshop!.config!.agenda;
    expect([agenda[3].source?.stepIds, agenda[3].source?.laneIds]).toEqual([[3], []]);
    model.steps.splice(2, 1); // the actions step removed: the first vote takes every idea
    agenda = buildCreateRequest(model).workshop!.config!.agenda;
    expect(agenda[2].source).toBeUndefined();
    expect(agenda[3].source?.topOfStep).toBe(4); // the vote it takes the top of is still there
    model.steps.splice(2, 1); // and without that vote, the pick takes every idea too
    agenda = buildCreateRequest(model).workshop!.config!.agenda;
    expect(agenda[2].source).toBeUndefined();
  });
});

describe("starting ideas that stand for a journey map's stages (IdeaSeed.stands_for)", () => {
  const journey = methodOf("parcours-usager", "Parcours usager", {
    config: {
      question: "Comment ?", template: "TEMPLATE_IDEATION",
      agenda: [
        { id: 1, kind: "PHASE_SETUP" },
        { id: 2, kind: "PHASE_DIVERGENCE", stages: [{ id: 1, name: "S'informer" }, { id: 2, name: "Attendre" }], lanes: [{ id: 1, name: "Actions" }] },
        { id: 3, kind: "PHASE_SCORING", source: { stepIds: [1] } },
        { id: 4, kind: "PHASE_CONCLUSION" },
      ],
      criteria: [{ name: "Mon expérience", scale: "SCALE_SMILEYS" }],
    },
    ideas: [
      { text: "Étape 1 : s'informer", standsFor: { stepId: 2, stageId: 1 } },
      { text: "Étape 2 : attendre", standsFor: { stepId: 2, stageId: 2 } },
    ],
  });
  const sent = (m: CreateModel) => buildCreateRequest(m).workshop!.ideas.map((i) => [i.text, i.standsFor?.stepId ?? 0, i.standsFor?.stageId ?? 0]);

  it("sends each with the stage it stands for", () => {
    expect(sent(modelFromMethod(journey))).toEqual([["Étape 1 : s'informer", 2, 1], ["Étape 2 : attendre", 2, 2]]);
  });

  it("keeps the stage of a line moved or retyped in place, never one the form no longer has", () => {
    const m = modelFromMethod(journey);
    m.ideasText = "Étape 2 : attendre\nÉtape 1 : s'informer";
    expect(sent(m)).toEqual([["Étape 2 : attendre", 2, 2], ["Étape 1 : s'informer", 2, 1]]);
    m.ideasText = "Se renseigner en ligne\nÉtape 2 : attendre\nUne de plus";
    expect(sent(m)).toEqual([["Se renseigner en ligne", 2, 1], ["Étape 2 : attendre", 2, 2], ["Une de plus", 0, 0]]);
    m.steps[1].stages.pop(); // the column « Attendre » removed
    expect(sent(m)).toEqual([["Se renseigner en ligne", 2, 1], ["Étape 2 : attendre", 0, 0], ["Une de plus", 0, 0]]);
  });
});
