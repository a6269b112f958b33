// The create form's model and the CreateWorkshopRequest built from it (api.proto). Pure: no DOM,
// no fetch, so that what the form sends is unit-tested. The request is a generated message, and
// its JSON is protobuf's JSON mapping (toJson), the same the server parses.
import { create, toJson, type JsonValue } from "@bufbuild/protobuf";
import { CreateWorkshopRequestSchema, type CreateWorkshopRequest } from "../gen/atelier/v1/api_pb";
import { Direction, ObserverResults, Phase, Template } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/console";

export type TemplateChoice = "ideation" | "evaluation";

export interface CriterionRow {
  name: string;
  /** "higher": 10 is good; "lower": 10 is bad (e.g. cost). */
  direction: "higher" | "lower";
  lowLabel: string;
  highLabel: string;
}

/** Carry the best ideas of an ideation workshop into the new evaluation. */
export interface CarryFrom {
  workshopId: string;
  token: string;
  count: number;
}

export interface CreateModel {
  template: TemplateChoice;
  question: string;
  budget: number;
  cap: number;
  criteria: CriterionRow[];
  /** The ideas to score, one per line (evaluation). */
  ideasText: string;
  observerResults: "live" | "reveal";
  methodNote: string;
  carry: CarryFrom | null;
  /** Ideation: the ideas one table may have at once. */
  maxIdeasPerTable: number;
  /** The agenda: the template's steps, as the animateur adjusted them. */
  steps: StepRow[];
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
}

/** At most this many steps of ideas (rings) in one workshop, in the form. */
export const kMaxIdeaSteps = 5;

/** The template's agenda, one step per phase, with the minutes it usually takes. */
export function defaultSteps(template: TemplateChoice): StepRow[] {
  return templateSteps(template).map((kind) => ({ kind, title: "", minutes: kDefaultPlannedMinutes[kind] ?? 0, instruction: "" }));
}

/**
 * Adds a step of ideas after the last one (another ring of a Spider Web, with its own
 * constraint). Returns its index, or -1 when there are already kMaxIdeaSteps or none to follow.
 */
export function addIdeaStep(m: CreateModel): number {
  const last = m.steps.map((s) => s.kind).lastIndexOf(Phase.DIVERGENCE);
  if (last < 0 || m.steps.filter((s) => s.kind === Phase.DIVERGENCE).length >= kMaxIdeaSteps) return -1;
  m.steps.splice(last + 1, 0, { kind: Phase.DIVERGENCE, title: "", minutes: m.steps[last].minutes, instruction: "" });
  return last + 1;
}

/** Removes a step of ideas, never the only one. Returns whether it was removed. */
export function removeIdeaStep(m: CreateModel, index: number): boolean {
  if (m.steps[index]?.kind !== Phase.DIVERGENCE) return false;
  if (m.steps.filter((s) => s.kind === Phase.DIVERGENCE).length <= 1) return false;
  m.steps.splice(index, 1);
  return true;
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
export const kDefaultCarryCount = 5;
export const kDefaultMaxIdeasPerTable = 50;

export function defaultCriteria(): CriterionRow[] {
  return t.defaultCriteria.map((c) => ({ ...c }));
}

export function defaultModel(template: TemplateChoice): CreateModel {
  return {
    template,
    question: "",
    budget: kDefaultBudget,
    cap: kDefaultCap,
    criteria: defaultCriteria(),
    ideasText: "",
    observerResults: "live",
    methodNote: defaultMethodNote(template, kDefaultBudget, kDefaultCap),
    carry: null,
    maxIdeasPerTable: kDefaultMaxIdeasPerTable,
    steps: defaultSteps(template),
  };
}

/** The method note a new workshop starts with: it states the rules as configured. */
export function defaultMethodNote(template: TemplateChoice, budget: number, cap: number): string {
  return template === "ideation" ? t.defaultMethodNote.ideation(budget, cap) : t.defaultMethodNote.evaluation;
}

/**
 * After the budget or the cap changed from `before`: a note still the default for the old values
 * follows the new ones (one the animateur edited is theirs and is kept). Returns whether it moved.
 */
export function followRules(m: CreateModel, before: { budget: number; cap: number }): boolean {
  if (m.methodNote !== defaultMethodNote(m.template, before.budget, before.cap)) return false;
  m.methodNote = defaultMethodNote(m.template, m.budget, m.cap);
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

/** What the form must fix before sending; [] when it may be sent. The server checks again. */
export function problems(m: CreateModel): string[] {
  const out: string[] = [];
  if (!m.question.trim()) out.push(t.create.problemQuestion);
  if (m.steps.some((s) => !Number.isInteger(s.minutes) || s.minutes < 0 || s.minutes > 1440)) {
    out.push(t.create.problemPlanned);
  }
  if (m.steps.some((s) => s.title.trim().length > 200 || s.instruction.trim().length > 500)) {
    out.push(t.create.problemStepText);
  }
  if (m.template === "ideation") {
    if (!Number.isInteger(m.budget) || m.budget < 1 || m.budget > 1000) out.push(t.create.problemBudget);
    if (!Number.isInteger(m.cap) || m.cap < 1 || m.cap > m.budget) out.push(t.create.problemCap);
    if (!Number.isInteger(m.maxIdeasPerTable) || m.maxIdeasPerTable < 1 || m.maxIdeasPerTable > 1000) {
      out.push(t.create.problemMaxIdeas);
    }
  } else {
    if (m.criteria.length === 0) out.push(t.create.problemNoCriterion);
    if (m.criteria.some((c) => !c.name.trim())) out.push(t.create.problemCriterionName);
    if (ideaLines(m.ideasText).length === 0 && !m.carry) out.push(t.create.problemNoIdea);
    if (m.carry && (!Number.isInteger(m.carry.count) || m.carry.count < 1 || m.carry.count > 50)) {
      out.push(t.create.problemCarryCount);
    }
    if (m.carry && !m.carry.token) out.push(t.create.carryMissingToken);
  }
  return out;
}

export function buildCreateRequest(m: CreateModel): CreateWorkshopRequest {
  const ideation = m.template === "ideation";
  return create(CreateWorkshopRequestSchema, {
    workshop: {
      config: {
        question: m.question.trim(),
        template: ideation ? Template.IDEATION : Template.EVALUATION,
        // The template's agenda, one step per phase, with the minutes planned for each.
        agenda: m.steps.map((s) => ({
          kind: s.kind,
          title: s.title.trim(),
          plannedMs: BigInt(Math.max(0, Math.round(s.minutes)) * 60_000),
          instruction: s.instruction.trim(),
        })),
        budgetPerTable: ideation ? m.budget : 0,
        capPerTarget: ideation ? m.cap : 0,
        maxIdeasPerTable: ideation ? m.maxIdeasPerTable : 0,
        criteria: ideation
          ? []
          : m.criteria.map((c) => ({
              name: c.name.trim(),
              direction: c.direction === "lower" ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER,
              lowLabel: c.lowLabel.trim(),
              highLabel: c.highLabel.trim(),
              minValue: 0,
              maxValue: 10,
            })),
        visibility: {
          observerResults: m.observerResults === "reveal" ? ObserverResults.AT_REVEAL : ObserverResults.LIVE,
        },
        methodNote: m.methodNote.trim(),
      },
      ideas: ideation ? [] : ideaLines(m.ideasText).map((text) => ({ text })),
    },
    carryFromWorkshopId: !ideation && m.carry ? m.carry.workshopId : "",
    carryFromAnimateurToken: !ideation && m.carry ? m.carry.token : "",
    carryCount: !ideation && m.carry ? m.carry.count : 0,
  });
}

/** The request body: protobuf's JSON mapping of CreateWorkshopRequest. */
export function createRequestJson(m: CreateModel): JsonValue {
  return toJson(CreateWorkshopRequestSchema, buildCreateRequest(m));
}
