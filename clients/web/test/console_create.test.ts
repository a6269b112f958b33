import { fromJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CreateWorkshopRequestSchema } from "../src/gen/atelier/v1/api_pb";
import { BallotKind, Direction, ObserverResults, Phase, Template, Voter } from "../src/gen/atelier/v1/workshop_pb";
import {
  addVoteStep, ballotProblems, buildCreateRequest, carriedIdeas, createRequestJson, defaultBallot, defaultModel, followRules,
  ideaLines, kMaxVoteSteps, problems, removeStep, setBallotKind, setSourceChoice, sourceCandidates, sourceChoice, type CreateModel,
} from "../src/console/create_model";

/** The first vote step's ballot of a model. */
const firstBallot = (m: CreateModel) => m.steps.find((s) => s.ballot)!.ballot!;

describe("create request", () => {
  it("builds an ideation with budget, cap, visibility and method note", () => {
    const m = defaultModel("ideation");
    m.question = "  Comment optimiser la salle municipale ?  ";
    // As the form sets them: the untouched method note follows.
    expect(followRules(m, () => { firstBallot(m).budget = 20; })).toBe(true);
    expect(followRules(m, () => { firstBallot(m).cap = 2; })).toBe(true);
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
    expect(followRules(m, () => { firstBallot(m).budget = 12; })).toBe(false);
    expect(m.methodNote).toBe("Notre façon de faire");
  });

  it("defaults to 30 points and 3 per idea", () => {
    const m = defaultModel("ideation");
    const b = firstBallot(m);
    expect([b.kind, b.voter, b.budget, b.cap, b.allowSelfVote]).toEqual([BallotKind.BUDGET, Voter.TABLE, 30, 3, false]);
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

  it("takes criteria from a workshop held to define them (000:1697), within the most criteria", () => {
    const m = defaultModel("evaluation");
    m.question = "Suite";
    m.ideasText = "Une idée";
    m.criteria = [];
    expect(problems(m)).toEqual(["Ajoutez au moins un critère."]);
    m.criteriaFrom = { workshopId: "def", token: "secret", count: 3 };
    expect(problems(m)).toEqual([]); // the criteria taken stand in for typed ones
    const req = buildCreateRequest(m);
    expect([req.criteriaFromWorkshopId, req.criteriaFromAnimateurToken, req.criteriaCount]).toEqual(["def", "secret", 3]);
    expect(req.workshop?.config?.criteria).toEqual([]);
    // Twenty criteria at most, with those typed: 18 typed leave room for 2.
    m.criteria = Array.from({ length: 18 }, (_, i) => ({ ...defaultModel("evaluation").criteria[0], name: `c${i}` }));
    expect(problems(m)).toEqual(["Le nombre de critères pris est un nombre entier entre 1 et 2."]);
    m.criteriaFrom.count = 2;
    expect(problems(m)).toEqual([]);
    m.criteriaFrom.token = "";
    expect(problems(m)).toHaveLength(1);
    // A method without a scoring step sends none.
    const ideation = defaultModel("ideation");
    ideation.question = "Q";
    ideation.criteriaFrom = { workshopId: "def", token: "secret", count: 3 };
    expect(buildCreateRequest(ideation).criteriaFromWorkshopId).toBe("");
  });

  it("lets the animateur choose by hand which ideas a vote takes: a step's, or the top of an earlier vote", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    const first = m.steps.findIndex((x) => x.kind === Phase.CONVERGENCE);
    const second = addVoteStep(m);
    const ideas = m.steps.findIndex((x) => x.kind === Phase.DIVERGENCE);
    expect(second).toBeGreaterThan(first);
    expect(sourceChoice(m.steps, second)).toBe("");
    expect(sourceCandidates(m, second).votes).toEqual([m.steps[first]]);
    expect(sourceCandidates(m, second).steps).toEqual([m.steps[ideas]]);

    setSourceChoice(m, second, "top", first);
    const ids = m.steps.map((x) => x.id);
    expect(new Set(ids).size).toBe(m.steps.length); // every step has an id of its own now
    expect(ids.every((id) => Number.isInteger(id) && id! > 0)).toBe(true);
    expect(sourceChoice(m.steps, second)).toBe(`top:${m.steps[first].id}`);
    let agenda = buildCreateRequest(m).workshop!.config!.agenda;
    expect(agenda[second].source?.topOfStep).toBe(agenda[first].id);
    expect(agenda[second].source?.top).toBe(5);
    expect(problems(m)).toEqual([]);
    m.steps[second].source!.top = 0;
    expect(problems(m)).toEqual([`Étape ${second + 1} : le nombre d'idées les plus votées est un nombre entier entre 1 et 1000`]);

    setSourceChoice(m, second, "step", ideas);
    agenda = buildCreateRequest(m).workshop!.config!.agenda;
    expect(agenda[second].source?.stepIds).toEqual([agenda[ideas].id]);
    expect(agenda[second].source?.topOfStep).toBe(0);
    setSourceChoice(m, second, "step", second + 1); // not an earlier step: nothing changes
    expect(sourceChoice(m.steps, second)).toBe(`step:${m.steps[ideas].id}`);
    setSourceChoice(m, second, "");
    expect(buildCreateRequest(m).workshop!.config!.agenda[second].source).toBeUndefined();
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
    firstBallot(m).cap = 40;
    expect(problems(m)).toEqual(["Étape 4 : le plafond par idée est un nombre entier entre 1 et les points par votant."]);
    const e = defaultModel("evaluation");
    e.question = "Q";
    e.criteria[0].name = " ";
    expect(problems(e)).toHaveLength(2); // a nameless criterion, no idea
  });

  it("sends each vote step's ballot with only its kind's numbers", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    setBallotKind(firstBallot(m), BallotKind.DOTS);
    firstBallot(m).voter = Voter.SEAT;
    expect(addVoteStep(m)).toBe(4);
    setBallotKind(m.steps[4].ballot!, BallotKind.RANKING);
    m.steps[4].ballot!.rankAll = false;
    m.steps[4].ballot!.count = 5;
    expect(problems(m)).toEqual([]);
    const agenda = buildCreateRequest(m).workshop!.config!.agenda;
    expect(agenda.map((s) => s.kind)).toEqual([Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONVERGENCE, Phase.CONCLUSION]);
    const ballots = agenda.map((s) => s.ballot && [s.ballot.kind, s.ballot.voter, s.ballot.budget, s.ballot.cap, s.ballot.count]);
    expect(ballots).toEqual([undefined, undefined, undefined, [BallotKind.DOTS, Voter.SEAT, 1, 1, 0], [BallotKind.RANKING, Voter.TABLE, 0, 0, 5], undefined]);
    // No budget ballot: the workshop's own budget and cap are left to the server's defaults.
    expect(buildCreateRequest(m).workshop!.config!.budgetPerTable).toBe(0);
    // The untouched method note states each vote in turn, with its own figures.
    expect(m.methodNote).toBe("Idéation : chaque table propose des idées, l'animateur regroupe les doublons, puis chaque table répartit 30 points (3 au plus par idée, jamais sur les siennes).");
    const fresh = defaultModel("ideation");
    followRules(fresh, () => {
      setBallotKind(firstBallot(fresh), BallotKind.DOTS);
      firstBallot(fresh).voter = Voter.SEAT;
      addVoteStep(fresh);
      setBallotKind(fresh.steps[4].ballot!, BallotKind.RANKING);
    });
    expect(fresh.methodNote).toBe("Idéation : chaque table propose des idées, l'animateur regroupe les doublons, puis chaque participant pose 1 gommette (jamais sur celles de sa table), puis chaque table classe toutes les idées, de la plus à la moins prioritaire (décompte de Borda).");
    expect(fresh.methodNote).not.toMatch(/30|3 au plus/);
  });

  it("sends a pick, a full ranking and buckets without budget or cap", () => {
    const m = defaultModel("ideation");
    m.question = "Q ?";
    addVoteStep(m);
    addVoteStep(m);
    setBallotKind(m.steps[3].ballot!, BallotKind.PICK);
    setBallotKind(m.steps[4].ballot!, BallotKind.RANKING);
    setBallotKind(m.steps[5].ballot!, BallotKind.BUCKETS);
    m.steps[5].ballot!.allowSelfVote = true;
    const agenda = buildCreateRequest(m).workshop!.config!.agenda;
    expect(agenda.slice(3, 6).map((s) => [s.ballot!.kind, s.ballot!.budget, s.ballot!.cap, s.ballot!.count, s.ballot!.allowSelfVote])).toEqual([
      [BallotKind.PICK, 0, 0, 3, false],
      [BallotKind.RANKING, 0, 0, 0, false], // every idea
      [BallotKind.BUCKETS, 0, 0, 0, true],
    ]);
    expect(problems(m)).toEqual([]);
  });

  it("adds vote steps up to the most, and removes any but the last one", () => {
    const m = defaultModel("ideation");
    for (let i = 1; i < kMaxVoteSteps; i++) expect(addVoteStep(m)).toBe(3 + i);
    expect(addVoteStep(m)).toBe(-1);
    expect(m.steps.filter((s) => s.kind === Phase.CONVERGENCE)).toHaveLength(kMaxVoteSteps);
    for (let i = 1; i < kMaxVoteSteps; i++) expect(removeStep(m, 3)).toBe(true);
    expect(removeStep(m, 3)).toBe(false); // the only vote step
    expect(removeStep(m, 0)).toBe(false); // the set-up
    expect(addVoteStep(defaultModel("evaluation"))).toBe(-1);
  });

  it("checks each kind's numbers as the server does, naming the step", () => {
    const points = defaultBallot(BallotKind.BUDGET);
    expect(ballotProblems(points)).toEqual([]);
    points.budget = 1001;
    expect(ballotProblems(points)).toEqual(["les points par votant sont un nombre entier entre 1 et 1000."]);
    const dots = defaultBallot(BallotKind.DOTS);
    expect([dots.budget, dots.cap]).toEqual([1, 1]);
    dots.budget = 101;
    expect(ballotProblems(dots)).toEqual(["les gommettes par votant sont un nombre entier entre 1 et 100."]);
    dots.budget = 5;
    dots.cap = 6;
    expect(ballotProblems(dots)).toEqual(["le plafond par idée est un nombre entier entre 1 et les gommettes par votant."]);
    const pick = defaultBallot(BallotKind.PICK);
    pick.count = 0;
    expect(ballotProblems(pick)).toHaveLength(1);
    pick.count = 2.5;
    expect(ballotProblems(pick)).toHaveLength(1);
    const ranking = defaultBallot(BallotKind.RANKING);
    ranking.count = 0;
    expect(ballotProblems(ranking)).toEqual([]); // every idea: no count to check
    ranking.rankAll = false;
    expect(ballotProblems(ranking)).toEqual(["le nombre de places à classer est un nombre entier entre 1 et 100."]);
    expect(ballotProblems(defaultBallot(BallotKind.BUCKETS))).toEqual([]);
    const m = defaultModel("ideation");
    m.question = "Q";
    addVoteStep(m);
    setBallotKind(m.steps[4].ballot!, BallotKind.PICK);
    m.steps[4].ballot!.count = 0;
    expect(problems(m)).toEqual(["Étape 5 : le nombre d'idées à choisir est un nombre entier entre 1 et 100."]);
  });

  it("keeps who votes and the self-vote rule when the kind changes, and the kind's defaults", () => {
    const row = defaultBallot(BallotKind.BUDGET, Voter.SEAT);
    row.allowSelfVote = true;
    row.budget = 12;
    setBallotKind(row, BallotKind.DOTS);
    expect([row.voter, row.allowSelfVote, row.budget, row.cap]).toEqual([Voter.SEAT, true, 1, 1]);
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
