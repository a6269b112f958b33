import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { BallotKind, Phase, Scale, Template, Voter } from "../src/gen/atelier/v1/workshop_pb";
import { resultsCsv } from "../src/console/results_csv";
import { cellKey, currentJourney, ideaFacets, inkOn, journeyRatings, journeyShape, rings } from "../src/ui/post_its";
import { consolidationTables, evaluationsByProfile, scaleOf, votesByProfile } from "../src/ui/profile_results";
import { Room } from "./console_mirror_fixture";

const profiles = [{ id: 1, name: "Usager" }, { id: 2, name: "Agent" }];

describe("a vote per profile", () => {
  it("gives each profile the room's targets in the room's order, on one scale", () => {
    const r = new Room(Template.IDEATION, [], [{ id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.DIVERGENCE },
      { id: 3, kind: Phase.CONVERGENCE, ballot: { kind: BallotKind.DOTS, voter: Voter.SEAT, budget: 3, cap: 3 } }, { id: 4, kind: Phase.CONCLUSION }]);
    r.m.results = create(ResultsSchema, {
      voteStepId: 3,
      points: [{ targetId: 10, text: "Un guichet unique", points: 7 }, { targetId: 11, text: "Le samedi", points: 2 }],
      profiles: [
        { profileId: 1, name: "Usager", votes: [{ stepId: 3, voters: 2, targets: [{ targetId: 10, points: 6, tables: 2 }] }] },
        { profileId: 2, name: "Agent", votes: [{ stepId: 3, voters: 1, targets: [{ targetId: 11, points: 2 }, { targetId: 10, points: 1 }] }] },
      ],
    });
    const v = votesByProfile(r.m, 3, r.m.results.points);
    expect(v.max).toBe(6);
    expect(v.profiles.map((p) => [p.name, p.voters, p.bars.map((b) => [b.text, b.value])])).toEqual([
      ["Usager", 2, [["Un guichet unique", 6], ["Le samedi", 0]]],
      ["Agent", 1, [["Un guichet unique", 1], ["Le samedi", 2]]],
    ]);
    // The CSV: a profile column, the room's rows, then each profile's.
    const csv = resultsCsv(r.m.results, []).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0].startsWith("profil,rang,id")).toBe(true);
    expect(csv.slice(1).map((l) => l.split(",").slice(0, 6).join(","))).toEqual([
      "tous,1,10,idée,Un guichet unique,7", "tous,2,11,idée,Le samedi,2",
      "Usager,1,10,idée,Un guichet unique,6", "Usager,2,11,idée,Le samedi,0",
      "Agent,1,10,idée,Un guichet unique,1", "Agent,2,11,idée,Le samedi,2",
    ]);
  });
});

describe("scores per profile", () => {
  it("puts each profile's distribution of a smiley criterion on one axis", () => {
    const r = new Room(Template.EVALUATION, [{ id: 1, name: "satisfaction" }]);
    r.m.config!.criteria[0].scale = Scale.SMILEYS;
    r.m.config!.criteria[0].minValue = 1;
    r.m.config!.criteria[0].maxValue = 5;
    r.m.results = create(ResultsSchema, {
      evaluations: [{ ideaId: 5, text: "Accueil", rank: 1, criteria: [{ criterionId: 1, histogram: [0, 0, 1, 3, 2], count: 6, mean: 4.2 }] }],
      profiles: [
        { profileId: 1, name: "Usager", evaluations: [{ ideaId: 5, criteria: [{ criterionId: 1, histogram: [0, 0, 1, 1, 2], count: 4, mean: 4.25 }] }] },
        { profileId: 2, name: "Agent", evaluations: [{ ideaId: 5, criteria: [{ criterionId: 1, histogram: [0, 0, 0, 2, 0], count: 2, mean: 4 }] }] },
      ],
    });
    const [idea] = evaluationsByProfile(r.m);
    expect(idea.text).toBe("Accueil");
    const c = idea.criteria[0];
    expect(c.scale).toEqual({ min: 1, max: 5, smileys: true });
    expect(c.top).toBe(2);
    expect(c.rows.map((x) => [x.name, x.histogram, x.count])).toEqual([["Usager", [0, 0, 1, 1, 2], 4], ["Agent", [0, 0, 0, 2, 0], 2]]);
    // The CSV: the room's rows, then each profile's, texts from the room's.
    const csv = resultsCsv(r.m.results, r.m.config!.criteria).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv.map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["profil,rang,id idée,idée", "tous,1,5,Accueil", "Usager,0,5,Accueil", "Agent,0,5,Accueil"]);
  });

  it("reads a numbers scale as 0 to 10", () => {
    expect(scaleOf({ minValue: 0, maxValue: 10, scale: Scale.NUMBERS } as never)).toEqual({ min: 0, max: 10, smileys: false });
  });
});

describe("the consolidation table", () => {
  it("counts ideas per profile and category, with totals, and a row for ideas without a profile", () => {
    const r = new Room(Template.IDEATION, [], [{ id: 1, kind: Phase.SETUP },
      { id: 2, kind: Phase.DIVERGENCE, title: "Bénéfices et besoins", categories: [{ id: 1, name: "Bénéfices", colour: "#f4a6c6" }, { id: 2, name: "Besoins", colour: "" }] },
      { id: 3, kind: Phase.CONCLUSION }]);
    r.m.config!.profiles = profiles as never;
    r.m.results = create(ResultsSchema, { consolidations: [{ stepId: 2, cells: [
      { profileId: 0, categoryId: 2, ideas: 1 }, { profileId: 1, categoryId: 1, ideas: 3 }, { profileId: 1, categoryId: 2, ideas: 2 }, { profileId: 2, categoryId: 2, ideas: 4 },
    ] }] });
    const [table] = consolidationTables(r.m, "Sans profil");
    expect(table.categories.map((c) => [c.name, c.colour])).toEqual([["Bénéfices", "#f4a6c6"], ["Besoins", "#ffe38a"]]);
    expect(table.rows.map((x) => [x.name, x.counts, x.total])).toEqual([["Usager", [3, 2], 5], ["Agent", [0, 4], 4], ["Sans profil", [0, 1], 1]]);
    expect([table.totals, table.total]).toEqual([[3, 7], 10]);
  });
});

describe("ideas by their facets", () => {
  const journey = () => new Room(Template.IDEATION, [], [{ id: 1, kind: Phase.SETUP },
    { id: 2, kind: Phase.DIVERGENCE, stages: [{ id: 1, name: "S'informer" }, { id: 2, name: "Attendre" }], lanes: [{ id: 1, name: "Actions" }],
      categories: [{ id: 1, name: "Besoins", colour: "#fff176" }] },
    { id: 3, kind: Phase.CONVERGENCE }, { id: 4, kind: Phase.CONCLUSION }]);

  it("puts each idea of a journey map in the cell of its stage and lane, kept while it is voted", () => {
    const r = journey().step(2, Phase.DIVERGENCE);
    r.event({ case: "ideaPosted", value: { idea: { ideaId: 10, tableId: 1, text: "Le site", stepId: 2, stageId: 1, laneId: 1, categoryId: 1 } } });
    r.event({ case: "ideaPosted", value: { idea: { ideaId: 11, tableId: 1, text: "Sans nouvelles", stepId: 2, stageId: 2, laneId: 1 } } });
    const grid = currentJourney(r.m)!;
    expect(grid.cells.get(cellKey(1, 1))!.map((i) => i.text)).toEqual(["Le site"]);
    expect(grid.cells.get(cellKey(2, 1))!.map((i) => i.text)).toEqual(["Sans nouvelles"]);
    expect(ideaFacets(r.m, r.m.ideas.get(10)!)).toEqual({ category: { name: "Besoins", colour: "#fff176", ink: "#1b1f24" }, stage: "S'informer", lane: "Actions" });
    r.step(3, Phase.CONVERGENCE);
    expect(currentJourney(r.m)?.stepId).toBe(2);
    expect(rings(r.m)).toEqual([]);
  });

  it("gives each stage an idea stands for its scores on each criterion, as they come", () => {
    // Parcours usager: the stages rated with smileys are ideas the workshop was created with.
    const r = new Room(Template.IDEATION, [{ id: 1, name: "Mon expérience" }], [{ id: 1, kind: Phase.SETUP },
      { id: 2, kind: Phase.DIVERGENCE, stages: [{ id: 1, name: "S'informer" }, { id: 2, name: "Attendre" }, { id: 3, name: "Après" }] },
      { id: 3, kind: Phase.SCORING, source: { stepIds: [1] } }, { id: 4, kind: Phase.CONCLUSION }]);
    r.event({ case: "workshopCreated", value: { config: r.m.config, ideas: [
      { ideaId: 1, text: "Étape 1", standsFor: { stepId: 2, stageId: 1 } },
      { ideaId: 2, text: "Étape 2", standsFor: { stepId: 2, stageId: 2 } },
      { ideaId: 3, text: "Étape 1 bis", standsFor: { stepId: 2, stageId: 1 } }, // the first one counts
      { ideaId: 4, text: "Ailleurs", standsFor: { stepId: 2, stageId: 9 } }, // no such stage
      { ideaId: 5, text: "Une idée de départ" },
    ] } });
    r.step(2, Phase.DIVERGENCE);
    expect(journeyRatings(r.m, currentJourney(r.m)!)).toEqual([]); // the map being drawn: no empty row
    r.step(3, Phase.SCORING);
    const grid = currentJourney(r.m)!;
    const before = journeyShape(r.m, grid);
    expect(journeyRatings(r.m, grid).map((x) => [x.criterion.name, [...x.stages].map(([s, v]) => [s, v.ideaId, v.result?.count ?? 0])]))
      .toEqual([["Mon expérience", [[1, 1, 0], [2, 2, 0]]]]);
    r.m.results = create(ResultsSchema, { evaluations: [
      { ideaId: 2, criteria: [{ criterionId: 1, histogram: [0, 1, 0, 2, 0], count: 3, mean: 3 }] },
    ] });
    const rated = journeyRatings(r.m, grid)[0].stages.get(2)!;
    expect([rated.result?.count, rated.result?.mean]).toEqual([3, 3]);
    expect(journeyShape(r.m, grid)).not.toBe(before); // redrawn when a score comes
    // A map nothing stands for: no smileys row.
    const plain = journey().step(2, Phase.DIVERGENCE);
    expect(journeyRatings(plain.m, currentJourney(plain.m)!)).toEqual([]);
  });

  it("lists a Spider Web's rings opened so far, each with its ideas", () => {
    const r = new Room(Template.IDEATION, [], [{ id: 1, kind: Phase.SETUP }, { id: 2, kind: Phase.DIVERGENCE, title: "Anneau 1" },
      { id: 3, kind: Phase.DIVERGENCE, instruction: "Nous sommes en 2050" }, { id: 4, kind: Phase.DIVERGENCE }, { id: 5, kind: Phase.CONCLUSION }]).step(3, Phase.DIVERGENCE);
    r.event({ case: "ideaPosted", value: { idea: { ideaId: 10, tableId: 1, text: "a", stepId: 2 } } });
    r.event({ case: "ideaPosted", value: { idea: { ideaId: 11, tableId: 1, text: "b", stepId: 3 } } });
    expect(rings(r.m).map((x) => [x.stepId, x.instruction, x.ideas.map((i) => i.text)])).toEqual([[2, "", ["a"]], [3, "Nous sommes en 2050", ["b"]]]);
    expect(currentJourney(r.m)).toBeNull();
  });

  it("writes dark ink on light post-its and white on dark ones", () => {
    expect(inkOn("#fff176")).toBe("#1b1f24");
    expect(inkOn("#0b5cad")).toBe("#ffffff");
  });
});
