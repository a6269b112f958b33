// The methods the create form starts from (GET /api/templates: WorkshopTemplates, api.proto), the
// form's model filled from one, the post-it palette of categories, and where a server's refusal
// of a configuration belongs in the form. Pure: no DOM, no fetch.
import type { WorkshopTemplate } from "../gen/atelier/v1/api_pb";
import { BallotKind, Direction, ObserverResults, Phase, Scale, Template, Voter, type Ballot, type Facet } from "../gen/atelier/v1/workshop_pb";
import {
  defaultBallot,
  defaultMethodNote,
  defaultModel,
  kDefaultMaxIdeasPerTable,
  scaleRange,
  type BallotRow,
  type CreateModel,
  type FacetRow,
  type TemplateChoice,
} from "./create_model";

/** A method as the form lists it: its card's words and, once the server told it, what it creates. */
export interface Method {
  key: string;
  title: string;
  summary: string;
  /** The server's template; null for the two built in (before or without GET /api/templates). */
  template: WorkshopTemplate | null;
}

/**
 * The post-it colours a category takes: light enough for black text (contrast above 7:1), told
 * apart by their names too (never by colour alone). The first two are the role cards' (000:1091).
 */
export const kPalette = [
  "#f7b6d2", // pink: benefits (the server's role cards)
  "#ffe38a", // yellow: needs
  "#c8f0c8", // green
  "#cfe3ff", // blue
  "#ffcc80", // orange
  "#ce93d8", // purple
  "#80deea", // cyan
  "#e0e0e0", // grey
] as const;

/** The palette's colour for the n-th category added (0-based): each in turn, then again. */
export function paletteColour(n: number): string {
  return kPalette[((n % kPalette.length) + kPalette.length) % kPalette.length];
}

/** The index of a colour in the palette, or -1 (a colour the template set outside it). */
export function paletteIndex(colour: string): number {
  return (kPalette as readonly string[]).indexOf(colour.toLowerCase());
}

/** The form's model for a method: the server's template when there is one, else today's two. */
export function modelFromMethod(method: Method, fallback: TemplateChoice = "ideation"): CreateModel {
  if (!method.template?.workshop?.config) {
    const m = defaultModel(method.key === "evaluation" ? "evaluation" : method.key === "ideation" ? "ideation" : fallback);
    m.method = method.key;
    return m;
  }
  const created = method.template.workshop;
  const c = method.template.workshop.config;
  const template: TemplateChoice = c.template === Template.EVALUATION ? "evaluation" : "ideation";
  const facets = (list: Facet[], coloured: boolean): FacetRow[] =>
    // The server numbers a template's facets from 1 in order (what its sources name).
    list.map((f, i) => ({ id: f.id || i + 1, name: f.name, colour: coloured ? (f.colour || paletteColour(i)) : "" }));
  const m = defaultModel(template);
  m.method = method.key;
  m.question = c.question;
  m.steps = c.agenda.map((s) => ({
    kind: s.kind,
    title: s.title,
    minutes: Math.round(Number(s.plannedMs) / 60_000),
    instruction: s.instruction,
    ballot: s.kind === Phase.CONVERGENCE ? ballotRow(s.ballot) : null,
    categories: s.kind === Phase.DIVERGENCE ? facets(s.categories, true) : [],
    stages: s.kind === Phase.DIVERGENCE ? facets(s.stages, false) : [],
    lanes: s.kind === Phase.DIVERGENCE ? facets(s.lanes, false) : [],
    id: s.id || undefined,
    source: s.source,
  }));
  if (m.steps.length === 0) m.steps = defaultModel(template).steps;
  if (c.criteria.length > 0) {
    m.criteria = c.criteria.map((x) => {
      const scale = x.scale === Scale.SMILEYS ? "smileys" : "numbers";
      const range = x.minValue === 0 && x.maxValue === 0 ? scaleRange(scale) : { minValue: x.minValue, maxValue: x.maxValue };
      return {
        name: x.name,
        direction: x.direction === Direction.LOWER_IS_BETTER ? "lower" : "higher",
        lowLabel: x.lowLabel,
        highLabel: x.highLabel,
        weight: x.weight || 1,
        scale,
        ...range,
      };
    });
  }
  m.profiles = c.profiles.map((p) => ({ name: p.name, description: p.description }));
  m.ideasText = created.ideas.map((i) => i.text).join("\n");
  m.seedLinks = created.ideas.map((i) => i.standsFor ? { text: i.text, stepId: i.standsFor.stepId, stageId: i.standsFor.stageId } : null);
  m.seedsIdeas = template === "evaluation" || created.ideas.length > 0 || !m.steps.some((s) => s.kind === Phase.DIVERGENCE);
  m.observerResults = c.visibility?.observerResults === ObserverResults.AT_REVEAL ? "reveal" : "live";
  m.maxIdeasPerTable = c.maxIdeasPerTable || kDefaultMaxIdeasPerTable;
  m.kept = {
    seatsPerTable: c.seatsPerTable,
    maxIdeaLength: c.maxIdeaLength,
    tablesSeeLivePoints: c.visibility?.tablesSeeLivePoints ?? false,
  };
  m.templateNote = c.methodNote;
  m.methodNote = defaultMethodNote(m);
  return m;
}

/** A Ballot of a template as the form edits it; none (a vote step from before ballots): budget. */
function ballotRow(b: Ballot | undefined): BallotRow {
  const kind = b && b.kind !== BallotKind.UNSPECIFIED ? b.kind : BallotKind.BUDGET;
  const row = defaultBallot(kind, b?.voter === Voter.SEAT ? Voter.SEAT : Voter.TABLE);
  if (!b) return row;
  if (b.budget) row.budget = b.budget;
  if (b.cap) row.cap = b.cap;
  if (b.count) row.count = b.count;
  row.rankAll = kind === BallotKind.RANKING ? b.count === 0 : true;
  row.allowSelfVote = b.allowSelfVote;
  return row;
}

/**
 * Where a server's refusal of a configuration (ApiError.message, INVALID_CONFIG) belongs in the
 * form: "profiles: …" by the profiles, "agenda: step 4: categories …" by step 4's facets,
 * "criteria 'coût': weight is 1 to 10" by that criterion, "question: required" by the question.
 * null: nowhere in particular (the notice above the form says it).
 */
export type ServerField =
  | { at: "question" }
  | { at: "profiles" }
  | { at: "criteria"; index: number }
  | { at: "step"; index: number; facets: boolean }
  | { at: "ideas" };

export function serverField(message: string, m: Pick<CreateModel, "steps" | "criteria">): ServerField | null {
  if (/^question:/.test(message)) return { at: "question" };
  if (/^profiles:/.test(message)) return { at: "profiles" };
  const step = /^agenda: step ([0-9]+): ?(categories|stages|lanes)?/.exec(message);
  if (step) {
    const index = Number(step[1]) - 1;
    if (index >= 0 && index < m.steps.length) return { at: "step", index, facets: step[2] !== undefined };
    return null;
  }
  const named = /^criteria '(.*)':/.exec(message);
  if (named) {
    const index = m.criteria.findIndex((c) => c.name.trim() === named[1]);
    return { at: "criteria", index };
  }
  if (/^criteria:/.test(message)) return { at: "criteria", index: -1 };
  if (/^ideas?:/.test(message)) return { at: "ideas" };
  return null;
}
