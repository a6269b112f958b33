// The create form's model and the CreateWorkshopRequest built from it (api.proto). Pure: no DOM,
// no fetch, so that what the form sends is unit-tested. The request is a generated message, and
// its JSON is protobuf's JSON mapping (toJson), the same the server parses.
import { create, toJson, type JsonValue } from "@bufbuild/protobuf";
import { CreateWorkshopRequestSchema, type CreateWorkshopRequest } from "../gen/atelier/v1/api_pb";
import { BallotKind, Direction, ObserverResults, Phase, Scale, Template, Voter, StepSourceSchema, type StepSource } from "../gen/atelier/v1/workshop_pb";
import { b as bw } from "../i18n/ballots";
import { t } from "../i18n/console";

export type TemplateChoice = "ideation" | "evaluation";

export interface CriterionRow {
  name: string;
  /** "higher": 10 is good; "lower": 10 is bad (e.g. cost). */
  direction: "higher" | "lower";
  lowLabel: string;
  highLabel: string;
  /** Its weight in the overall ranking, 1 to 10 (the server checks it). */
  weight: number;
  /** How the people scoring see the values: numbers (0-10) or smileys (1-5). */
  scale: "numbers" | "smileys";
  /** The lowest and highest values (0-10 for numbers, 1-5 for smileys by default). */
  minValue: number;
  maxValue: number;
}

/** The values a scale starts with when chosen: 0 to 10, or five smileys. */
export function scaleRange(scale: CriterionRow["scale"]): { minValue: number; maxValue: number } {
  return scale === "smileys" ? { minValue: 1, maxValue: 5 } : { minValue: 0, maxValue: 10 };
}

/** A participant profile (role card) as the form edits it; the server checks names. */
export interface ProfileRow {
  name: string;
  description: string;
}

/** A starting idea standing for a stage of a journey map (workshop.proto IdeaSeed.stands_for). */
export interface SeedLink {
  text: string;
  stepId: number;
  stageId: number;
}

/** One value of a facet of a step of ideas: a category (with its colour), a stage or a lane. */
export interface FacetRow {
  /** The template's Facet.id (what a later step's source names); absent: the server numbers it. */
  id?: number;
  name: string;
  /** "#rrggbb"; "" for stages and lanes. */
  colour: string;
}

/** At most this many profiles, and values per facet (server: kMaxProfiles, kMaxFacets). */
export const kMaxProfiles = 12;
export const kMaxFacets = 12;

/** Carry the best ideas of an ideation workshop into the new evaluation. */
export interface CarryFrom {
  workshopId: string;
  token: string;
  count: number;
}

export interface CreateModel {
  /** The method chosen (WorkshopTemplate.key): "ideation", "evaluation", "sprint"… */
  method: string;
  /** The configuration's template: which fields the form shows (ideas to score, carry-over). */
  template: TemplateChoice;
  question: string;
  criteria: CriterionRow[];
  /** The ideas to score, one per line (evaluation). */
  ideasText: string;
  observerResults: "live" | "reveal";
  methodNote: string;
  carry: CarryFrom | null;
  /** Criteria taken from the top ideas of a workshop held to define them (000:1697). */
  criteriaFrom: CarryFrom | null;
  /** Ideation: the ideas one table may have at once. */
  maxIdeasPerTable: number;
  /** The agenda: the template's steps, as the animateur adjusted them. */
  steps: StepRow[];
  /** The profiles tables and seats choose from when joining; [] : none. */
  profiles: ProfileRow[];
  /** Whether the form asks for ideas typed beforehand (an evaluation, items to sort or pick). */
  seedsIdeas: boolean;
  /**
   * The method's starting ideas that stand for a journey map's stage (Parcours usager: « Étape 1
   * … », rated with smileys), at their place in its list; null: one that stands for none.
   */
  seedLinks: (SeedLink | null)[];
  /** The method's own note (methods other than ideation and evaluation); "" : none. */
  templateNote: string;
  /** What the method sets and the form does not edit, sent as the method has it. */
  kept: { seatsPerTable: number; maxIdeaLength: number; tablesSeeLivePoints: boolean };
}

/** One step of the agenda in the form. */
export interface StepRow {
  kind: Phase;
  /** "" : the screens name the kind. */
  title: string;
  /** Planned minutes; 0: none. */
  minutes: number;
  /** What the room is asked during the step (a ring's constraint); "" : nothing more. */
  instruction: string;
  /** A vote step's ballot (CONVERGENCE only); null for the other kinds. */
  ballot: BallotRow | null;
  /** A step of ideas' facets (DIVERGENCE only): coloured categories, a journey map's columns and rows. */
  categories: FacetRow[];
  stages: FacetRow[];
  lanes: FacetRow[];
  /** The template's Step.id, kept so that a later step's source still names it; absent: new. */
  id?: number;
  /** A vote or scoring step's source (the ideas it takes from earlier steps), from the template. */
  source?: StepSource;
}

/**
 * A vote step's ballot as the form edits it (workshop.proto Ballot). Each kind reads only its
 * own numbers: budget and cap (points, dots), count (a pick), rankAll or count (a ranking).
 */
export interface BallotRow {
  kind: BallotKind;
  voter: Voter;
  /** BUDGET: points per voter; DOTS: dots per voter. */
  budget: number;
  /** BUDGET, DOTS: the most on one idea. */
  cap: number;
  /** PICK: exactly this many; RANKING (unless rankAll): this many places. */
  count: number;
  /** RANKING: every idea is ranked (count 0 on the wire). */
  rankAll: boolean;
  allowSelfVote: boolean;
}

/** The kinds of ballot the form offers, in its order. */
export const kBallotKinds = [BallotKind.BUDGET, BallotKind.DOTS, BallotKind.PICK, BallotKind.RANKING, BallotKind.BUCKETS];

/** The server's bounds (server/workshop/config.h): kMaxBudget, kMaxDots, kMaxChoice. */
export const kMaxBudget = 1000;
export const kMaxDots = 100;
export const kMaxChoice = 100;

/** At most this many vote steps in one workshop, in the form. */
export const kMaxVoteSteps = 4;

/** A new ballot of this kind with the server's defaults (NormalizeBallot): 30/3, 1/1, 3, all. */
export function defaultBallot(kind: BallotKind = BallotKind.BUDGET, voter: Voter = Voter.TABLE): BallotRow {
  const dots = kind === BallotKind.DOTS;
  return {
    kind,
    voter,
    budget: dots ? 1 : kDefaultBudget,
    cap: dots ? 1 : kDefaultCap,
    count: kind === BallotKind.RANKING ? 5 : kDefaultPick,
    rankAll: true,
    allowSelfVote: false,
  };
}

/** Changes a ballot's kind: its numbers start again from that kind's defaults; who votes is kept. */
export function setBallotKind(row: BallotRow, kind: BallotKind): void {
  if (row.kind === kind) return;
  const fresh = defaultBallot(kind, row.voter);
  Object.assign(row, fresh, { allowSelfVote: row.allowSelfVote });
}

/** The Ballot message of a row: only the kind's own numbers are sent (the server checks it). */
export function ballotMessage(row: BallotRow): { kind: BallotKind; voter: Voter; budget: number; cap: number; count: number; allowSelfVote: boolean } {
  const points = row.kind === BallotKind.BUDGET || row.kind === BallotKind.DOTS;
  const count = row.kind === BallotKind.PICK ? row.count : row.kind === BallotKind.RANKING && !row.rankAll ? row.count : 0;
  return {
    kind: row.kind,
    voter: row.voter,
    budget: points ? row.budget : 0,
    cap: points ? row.cap : 0,
    count,
    allowSelfVote: row.allowSelfVote,
  };
}

/** At most this many steps of ideas (rings) in one workshop, in the form. */
export const kMaxIdeaSteps = 5;

/** The template's agenda, one step per phase, with the minutes it usually takes. */
export function defaultSteps(template: TemplateChoice): StepRow[] {
  return templateSteps(template).map((kind) => ({
    kind, title: "", minutes: kDefaultPlannedMinutes[kind] ?? 0, instruction: "",
    ballot: kind === Phase.CONVERGENCE ? defaultBallot() : null, categories: [], stages: [], lanes: [],
  }));
}

/**
 * Adds a step of ideas after the last one (another ring of a Spider Web, with its own
 * constraint). Returns its index, or -1 when there are already kMaxIdeaSteps or none to follow.
 */
export function addIdeaStep(m: CreateModel): number {
  const last = m.steps.map((s) => s.kind).lastIndexOf(Phase.DIVERGENCE);
  if (last < 0 || m.steps.filter((s) => s.kind === Phase.DIVERGENCE).length >= kMaxIdeaSteps) return -1;
  const prev = m.steps[last];
  // Another ring sorts its ideas as the one before it does.
  const copy = (rows: FacetRow[]) => rows.map((r) => ({ ...r }));
  m.steps.splice(last + 1, 0, {
    kind: Phase.DIVERGENCE, title: "", minutes: prev.minutes, instruction: "", ballot: null,
    categories: copy(prev.categories), stages: copy(prev.stages), lanes: copy(prev.lanes),
  });
  return last + 1;
}

/**
 * Adds a vote step after the last one (e.g. dots, then a ranking of what came out on top), with
 * a budget ballot to adjust. Returns its index, or -1 when there are already kMaxVoteSteps or
 * none to follow (an evaluation).
 */
export function addVoteStep(m: CreateModel): number {
  const last = m.steps.map((s) => s.kind).lastIndexOf(Phase.CONVERGENCE);
  if (last < 0 || m.steps.filter((s) => s.kind === Phase.CONVERGENCE).length >= kMaxVoteSteps) return -1;
  m.steps.splice(last + 1, 0, {
    kind: Phase.CONVERGENCE, title: "", minutes: m.steps[last].minutes, instruction: "", ballot: defaultBallot(),
    categories: [], stages: [], lanes: [],
  });
  return last + 1;
}

/** Removes a step of ideas or a vote step, never the only one of its kind. Returns whether it was removed. */
export function removeStep(m: CreateModel, index: number): boolean {
  const kind = m.steps[index]?.kind;
  if (kind !== Phase.DIVERGENCE && kind !== Phase.CONVERGENCE) return false;
  if (m.steps.filter((s) => s.kind === kind).length <= 1) return false;
  m.steps.splice(index, 1);
  return true;
}

/** Removes a step of ideas, never the only one. Returns whether it was removed. */
export function removeIdeaStep(m: CreateModel, index: number): boolean {
  return m.steps[index]?.kind === Phase.DIVERGENCE && removeStep(m, index);
}

/** The steps of a template's agenda, one per phase, in order (server: DefaultPhases). */
export function templateSteps(template: TemplateChoice): Phase[] {
  return template === "ideation"
    ? [Phase.SETUP, Phase.DIVERGENCE, Phase.GROUPING, Phase.CONVERGENCE, Phase.CONCLUSION]
    : [Phase.SETUP, Phase.SCORING, Phase.CONCLUSION];
}

/** The times a step usually takes (minutes), as the Stormz workshops of the sources ran. */
export const kDefaultPlannedMinutes: Partial<Record<Phase, number>> = {
  [Phase.SETUP]: 5,
  [Phase.DIVERGENCE]: 15,
  [Phase.GROUPING]: 10,
  [Phase.CONVERGENCE]: 10,
  [Phase.SCORING]: 20,
};

export const kDefaultBudget = 30;
export const kDefaultCap = 3;
export const kDefaultPick = 3;
export const kDefaultCarryCount = 5;
/** Criteria taken from a workshop by default (the server's default too: CreateWorkshopRequest). */
export const kDefaultCriteriaFromCount = 3;
/** The most criteria a workshop has (server: kMaxCriteria). */
export const kMaxCriteria = 20;
export const kDefaultMaxIdeasPerTable = 50;

export function defaultCriteria(): CriterionRow[] {
  return t.defaultCriteria.map((c) => ({ ...c, weight: 1, scale: "numbers" as const, ...scaleRange("numbers") }));
}

export function defaultModel(template: TemplateChoice): CreateModel {
  const m: CreateModel = {
    method: template,
    template,
    question: "",
    criteria: defaultCriteria(),
    ideasText: "",
    observerResults: "live",
    methodNote: "",
    carry: null,
    criteriaFrom: null,
    maxIdeasPerTable: kDefaultMaxIdeasPerTable,
    steps: defaultSteps(template),
    profiles: [],
    seedsIdeas: template === "evaluation",
    seedLinks: [],
    templateNote: "",
    kept: { seatsPerTable: 0, maxIdeaLength: 0, tablesSeeLivePoints: false },
  };
  m.methodNote = defaultMethodNote(m);
  return m;
}

/** The method note's longest (server: kMaxMethodNoteLength; the form's maxlength). */
export const kMaxMethodNote = 300;

/**
 * The method note a new workshop starts with: it states the rules as configured, each vote
 * step's ballot in turn (« puis chaque participant pose 1 gommette, puis… »); shorter when the
 * whole would not fit the note.
 */
export function defaultMethodNote(m: Pick<CreateModel, "template" | "steps"> & Partial<Pick<CreateModel, "method" | "templateNote">>): string {
  if (m.method && m.method !== "ideation" && m.method !== "evaluation" && m.templateNote) return m.templateNote;
  if (m.template !== "ideation") return t.defaultMethodNote.evaluation;
  const ballots = m.steps.map((s) => s.ballot).filter((x): x is BallotRow => x !== null).map(ballotMessage);
  const full = t.defaultMethodNote.ideationVotes(ballots.map((x) => bw.method(x)));
  if (full.length <= kMaxMethodNote) return full;
  return t.defaultMethodNote.ideationVotesShort(ballots.map((x) => bw.kind[x.kind].toLowerCase()));
}

/**
 * Runs `change` (a ballot edited, a vote step added or removed): a note still the default for the
 * rules before it follows the new ones (one the animateur edited is theirs and is kept). Returns
 * whether the note moved.
 */
export function followRules(m: CreateModel, change: () => void): boolean {
  const untouched = m.methodNote === defaultMethodNote(m);
  change();
  if (!untouched) return false;
  const next = defaultMethodNote(m);
  if (next === m.methodNote) return false;
  m.methodNote = next;
  return true;
}

/** A target of an ideation's results, as the carry-over reads it. */
export interface CarryCandidate {
  text: string;
  points: number;
  isCluster: boolean;
}

/**
 * The ideas an evaluation will carry from an ideation's results: as the server's TopIdeas
 * (server/workshop/carry_over.cc), the first `count` targets in the results' order (most points
 * first) that received points.
 */
export function carriedIdeas<T extends CarryCandidate>(points: T[], count: number): T[] {
  const out: T[] = [];
  if (!Number.isInteger(count) || count < 1) return out;
  for (const p of points) {
    if (out.length === count || p.points === 0) break;
    out.push(p);
  }
  return out;
}

/** The non-empty lines of the ideas field, trimmed. */
export function ideaLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

/**
 * The starting ideas as the request sends them: each line, and the stage it stands for when the
 * method's idea did. A line keeps the stage of the method's idea with its text, else (retyped in
 * place) that of the method's idea at its place; never a stage the form no longer has.
 */
export function seedsOf(m: CreateModel): { text: string; standsFor?: { stepId: number; stageId: number } }[] {
  const lines = ideaLines(m.ideasText);
  const used = new Set<SeedLink>();
  const take = (l: SeedLink | null | undefined): SeedLink | undefined => {
    if (!l || used.has(l)) return undefined;
    used.add(l);
    return l;
  };
  const links = lines.map((line) => take(m.seedLinks.find((l) => l?.text === line && !used.has(l))));
  lines.forEach((_, i) => { links[i] ??= take(m.seedLinks[i]); });
  const exists = (l: SeedLink) =>
    m.steps.some((s) => s.kind === Phase.DIVERGENCE && s.id === l.stepId && s.stages.some((f) => f.id === l.stageId));
  return lines.map((text, i) => {
    const l = links[i];
    return l && exists(l) ? { text, standsFor: { stepId: l.stepId, stageId: l.stageId } } : { text };
  });
}

/** Whether the agenda has a step of this kind. */
export function hasStep(m: Pick<CreateModel, "steps">, kind: Phase): boolean {
  return m.steps.some((s) => s.kind === kind);
}

/**
 * What the form must fix before sending; [] when it may be sent. The server checks again, and
 * alone checks profiles, facets and criteria's weights and scales (its reason is shown by the field).
 */
export function problems(m: CreateModel): string[] {
  const out: string[] = [];
  if (!m.question.trim()) out.push(t.create.problemQuestion);
  if (m.steps.some((s) => !Number.isInteger(s.minutes) || s.minutes < 0 || s.minutes > 1440)) {
    out.push(t.create.problemPlanned);
  }
  if (m.steps.some((s) => s.title.trim().length > 200 || s.instruction.trim().length > 500)) {
    out.push(t.create.problemStepText);
  }
  m.steps.forEach((s, i) => {
    if (s.ballot) out.push(...ballotProblems(s.ballot).map((p) => t.create.problemStep(i + 1, p)));
    const top = s.source?.topOfStep ? s.source.top : 1;
    if (!Number.isInteger(top) || top < 1 || top > 1000) out.push(t.create.problemStep(i + 1, t.create.problemSourceTop));
  });
  const ideas = hasStep(m, Phase.DIVERGENCE);
  if (ideas && (!Number.isInteger(m.maxIdeasPerTable) || m.maxIdeasPerTable < 1 || m.maxIdeasPerTable > 1000)) {
    out.push(t.create.problemMaxIdeas);
  }
  if (hasStep(m, Phase.SCORING)) {
    const from = m.criteriaFrom;
    if (m.criteria.length === 0 && !from) out.push(t.create.problemNoCriterion);
    if (m.criteria.some((c) => !c.name.trim())) out.push(t.create.problemCriterionName);
    if (from && (!Number.isInteger(from.count) || from.count < 1 || from.count > kMaxCriteria - m.criteria.length)) {
      out.push(t.create.problemCriteriaFromCount(Math.max(1, kMaxCriteria - m.criteria.length)));
    }
    if (from && !from.token) out.push(t.create.criteriaFromMissingToken);
  }
  if (m.seedsIdeas && !ideas && ideaLines(m.ideasText).length === 0 && !m.carry) out.push(t.create.problemNoIdea);
  if (m.template === "evaluation") {
    if (m.carry && (!Number.isInteger(m.carry.count) || m.carry.count < 1 || m.carry.count > 50)) {
      out.push(t.create.problemCarryCount);
    }
    if (m.carry && !m.carry.token) out.push(t.create.carryMissingToken);
  }
  return out;
}

/** What is wrong with a ballot, as the server would refuse it (NormalizeBallot); [] when fine. */
export function ballotProblems(row: BallotRow): string[] {
  const out: string[] = [];
  const whole = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  switch (row.kind) {
    case BallotKind.BUDGET:
    case BallotKind.DOTS: {
      const dots = row.kind === BallotKind.DOTS;
      const max = dots ? kMaxDots : kMaxBudget;
      if (!whole(row.budget, 1, max)) out.push(dots ? t.create.problemDots(max) : t.create.problemPoints(max));
      else if (!whole(row.cap, 1, row.budget)) out.push(dots ? t.create.problemDotsCap : t.create.problemPointsCap);
      break;
    }
    case BallotKind.PICK:
      if (!whole(row.count, 1, kMaxChoice)) out.push(t.create.problemPick(kMaxChoice));
      break;
    case BallotKind.RANKING:
      if (!row.rankAll && !whole(row.count, 1, kMaxChoice)) out.push(t.create.problemPlaces(kMaxChoice));
      break;
    default:
      break;
  }
  return out;
}

/**
 * Step `at`'s source as the server will accept it after the animateur's edits: only the earlier
 * steps and facets that are still there (the server refuses a source naming others). A source
 * whose steps or vote are all gone is dropped: the step then takes every idea, as without one.
 */
export function sourceFor(steps: readonly StepRow[], at: number): StepSource | undefined {
  const step = steps[at];
  const source = step?.source;
  if (!source || (step.kind !== Phase.CONVERGENCE && step.kind !== Phase.SCORING)) return undefined;
  const earlier = steps.slice(0, at).filter((s) => s.id);
  if (source.topOfStep) {
    const vote = earlier.find((s) => s.id === source.topOfStep && s.kind === Phase.CONVERGENCE);
    return vote ? { ...source, stepIds: [], categoryIds: [], stageIds: [], laneIds: [] } : undefined;
  }
  const named = source.stepIds.length === 0 ? earlier : earlier.filter((s) => source.stepIds.includes(s.id!));
  if (source.stepIds.length > 0 && named.length === 0) return undefined;
  const keep = (ids: number[], rows: (s: StepRow) => FacetRow[]) =>
    ids.filter((id) => named.some((s) => s.kind === Phase.DIVERGENCE && rows(s).some((f) => f.id === id)));
  return {
    ...source,
    stepIds: source.stepIds.length === 0 ? [] : named.map((s) => s.id!),
    categoryIds: keep(source.categoryIds, (s) => s.categories),
    stageIds: keep(source.stageIds, (s) => s.stages),
    laneIds: keep(source.laneIds, (s) => s.lanes),
  };
}

/**
 * The ideas a vote or scoring step takes, as the create form offers the choice: "" every idea
 * posted before it (no source), "step:ID" the ideas of an earlier step (the set-up step: the
 * starting ideas), "top:ID" the first of an earlier vote, "kept" a method's source that none of
 * those says (several steps, facets), kept as it is.
 */
export function sourceChoice(steps: readonly StepRow[], at: number): string {
  const source = steps[at]?.source;
  if (!source) return "";
  const facets = source.categoryIds.length + source.stageIds.length + source.laneIds.length;
  if (source.topOfStep) return `top:${source.topOfStep}`;
  if (source.stepIds.length === 1 && facets === 0) return `step:${source.stepIds[0]}`;
  return "kept";
}

/** The earlier steps a vote or scoring step at `at` may take its ideas from, by kind. */
export function sourceCandidates(m: CreateModel, at: number): { steps: StepRow[]; votes: StepRow[] } {
  const earlier = m.steps.slice(0, at);
  return {
    steps: earlier.filter((s) => s.kind === Phase.DIVERGENCE || (s.kind === Phase.SETUP && m.seedsIdeas)),
    votes: earlier.filter((s) => s.kind === Phase.CONVERGENCE),
  };
}

/** Gives every step without an id one of its own (after the highest), so that a source can name it. */
function ensureStepIds(m: CreateModel): void {
  let next = Math.max(0, ...m.steps.map((s) => s.id ?? 0)) + 1;
  for (const s of m.steps) if (!s.id) s.id = next++;
}

/** The default number of ideas a step takes from the top of an earlier vote. */
export const kDefaultSourceTop = 5;

/**
 * Sets the source of the step at `at` from the form's choice (sourceChoice's values; "kept"
 * changes nothing): `candidate` is the index of the step it names in m.steps.
 */
export function setSourceChoice(m: CreateModel, at: number, kind: "" | "step" | "top", candidate = -1): void {
  const step = m.steps[at];
  if (!step) return;
  if (kind === "") {
    delete step.source;
    return;
  }
  const named = m.steps[candidate];
  if (!named || candidate >= at) return;
  ensureStepIds(m);
  step.source = kind === "top"
    ? create(StepSourceSchema, { topOfStep: named.id!, top: step.source?.top || kDefaultSourceTop })
    : create(StepSourceSchema, { stepIds: [named.id!] });
}

export function buildCreateRequest(m: CreateModel): CreateWorkshopRequest {
  const ideation = m.template === "ideation";
  const carry = m.template === "evaluation" ? m.carry : null;
  const criteriaFrom = hasStep(m, Phase.SCORING) ? m.criteriaFrom : null;
  // The workshop's own budget and cap (read by steps written before ballots): the first budget's.
  const firstBudget = m.steps.find((s) => s.ballot?.kind === BallotKind.BUDGET)?.ballot;
  const facets = (rows: FacetRow[], coloured: boolean) =>
    rows.map((f) => ({ id: f.id ?? 0, name: f.name.trim(), colour: coloured ? f.colour : "" }));
  return create(CreateWorkshopRequestSchema, {
    workshop: {
      config: {
        question: m.question.trim(),
        template: ideation ? Template.IDEATION : Template.EVALUATION,
        // The template's agenda, one step per phase, with the minutes planned for each.
        agenda: m.steps.map((s, i) => ({
          id: s.id ?? 0, // a template's step keeps its id (a later source names it); new ones: 0
          kind: s.kind,
          title: s.title.trim(),
          plannedMs: BigInt(Math.max(0, Math.round(s.minutes)) * 60_000),
          instruction: s.instruction.trim(),
          ballot: s.ballot ? ballotMessage(s.ballot) : undefined,
          categories: s.kind === Phase.DIVERGENCE ? facets(s.categories, true) : [],
          stages: s.kind === Phase.DIVERGENCE ? facets(s.stages, false) : [],
          lanes: s.kind === Phase.DIVERGENCE ? facets(s.lanes, false) : [],
          source: sourceFor(m.steps, i),
        })),
        budgetPerTable: firstBudget ? firstBudget.budget : 0,
        capPerTarget: firstBudget ? firstBudget.cap : 0,
        maxIdeasPerTable: hasStep(m, Phase.DIVERGENCE) ? m.maxIdeasPerTable : 0,
        criteria: !hasStep(m, Phase.SCORING)
          ? []
          : m.criteria.map((c) => ({
              name: c.name.trim(),
              direction: c.direction === "lower" ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER,
              lowLabel: c.lowLabel.trim(),
              highLabel: c.highLabel.trim(),
              minValue: c.minValue,
              maxValue: c.maxValue,
              weight: c.weight,
              scale: c.scale === "smileys" ? Scale.SMILEYS : Scale.NUMBERS,
            })),
        visibility: {
          observerResults: m.observerResults === "reveal" ? ObserverResults.AT_REVEAL : ObserverResults.LIVE,
          tablesSeeLivePoints: m.kept.tablesSeeLivePoints,
        },
        methodNote: m.methodNote.trim(),
        profiles: m.profiles.map((p) => ({ name: p.name.trim(), description: p.description.trim() })),
        seatsPerTable: m.kept.seatsPerTable,
        maxIdeaLength: m.kept.maxIdeaLength,
      },
      ideas: m.seedsIdeas ? seedsOf(m) : [],
    },
    carryFromWorkshopId: carry ? carry.workshopId : "",
    carryFromAnimateurToken: carry ? carry.token : "",
    carryCount: carry ? carry.count : 0,
    criteriaFromWorkshopId: criteriaFrom ? criteriaFrom.workshopId : "",
    criteriaFromAnimateurToken: criteriaFrom ? criteriaFrom.token : "",
    criteriaCount: criteriaFrom ? criteriaFrom.count : 0,
  });
}

/** The request body: protobuf's JSON mapping of CreateWorkshopRequest. */
export function createRequestJson(m: CreateModel): JsonValue {
  return toJson(CreateWorkshopRequestSchema, buildCreateRequest(m));
}
