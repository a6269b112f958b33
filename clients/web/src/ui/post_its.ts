// Ideas as the console and the big screen draw them by their facets (workshop.proto Step
// categories, stages, lanes): an idea's category (its post-it's colour and word), a journey map's
// grid (stages as columns, lanes as rows), the rings of a Spider Web (the agenda's steps of ideas,
// each its ring). Pure: no DOM, unit-tested.
import type { CriterionResult } from "../gen/atelier/v1/state_pb";
import type { Criterion, Facet, Step } from "../gen/atelier/v1/workshop_pb";
import { Phase } from "../gen/atelier/v1/workshop_pb";
import { agenda, criteria, type IdeaView, type Mirror } from "../state/mirror";

/** Colours for categories configured without one: light, so that dark ink reads on them. */
const kFallback = ["#f7b6d2", "#ffe38a", "#c8f0c8", "#cfe3ff", "#ffcc80", "#ce93d8", "#80deea", "#e0e0e0"];

/** The category's post-it colour (#rrggbb): its own, else the palette's by its place in the list. */
export function facetColour(list: readonly Facet[], facet: Facet): string {
  if (/^#[0-9a-fA-F]{6}$/.test(facet.colour)) return facet.colour.toLowerCase();
  const i = Math.max(0, list.findIndex((f) => f.id === facet.id));
  return kFallback[i % kFallback.length];
}

/** The ink (near-black or white) that reads best on `background` (#rrggbb). */
export function inkOn(background: string): string {
  const lum = (hex: string) => {
    const ch = (i: number) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5);
  };
  const bg = lum(background);
  const dark = (bg + 0.05) / (lum("#1b1f24") + 0.05);
  const light = 1.05 / (bg + 0.05);
  return dark >= light ? "#1b1f24" : "#ffffff";
}

function stepOf(m: Mirror, stepId: number): Step | undefined {
  return agenda(m).find((s) => s.id === stepId);
}

/** An idea's facets in the step it was posted in, with the category's colour; {} : none. */
export interface IdeaFacets {
  category?: { name: string; colour: string; ink: string };
  stage?: string;
  lane?: string;
}

export function ideaFacets(m: Mirror, idea: IdeaView): IdeaFacets {
  if (!idea.categoryId && !idea.stageId && !idea.laneId) return {};
  const step = stepOf(m, idea.stepId);
  if (!step) return {};
  const out: IdeaFacets = {};
  const category = idea.categoryId ? step.categories.find((f) => f.id === idea.categoryId) : undefined;
  if (category) {
    const colour = facetColour(step.categories, category);
    out.category = { name: category.name, colour, ink: inkOn(colour) };
  }
  const stage = idea.stageId ? step.stages.find((f) => f.id === idea.stageId) : undefined;
  if (stage) out.stage = stage.name;
  const lane = idea.laneId ? step.lanes.find((f) => f.id === idea.laneId) : undefined;
  if (lane) out.lane = lane.name;
  return out;
}

/** A journey map: a step's stages (columns) and lanes (rows), and the ideas in each cell. */
export interface JourneyGrid {
  stepId: number;
  title: string;
  stages: Facet[];
  lanes: Facet[];
  /** By cellKey(stage id, lane id); an idea without a stage or lane sits in column or row 0. */
  cells: Map<string, IdeaView[]>;
}

export const cellKey = (stageId: number, laneId: number): string => `${stageId}:${laneId}`;

/**
 * The journey map to show now: the step of ideas with stages or lanes that is the current one,
 * else the last one before it (its ideas stay on the map while they are voted); null: none.
 */
export function currentJourney(m: Mirror): JourneyGrid | null {
  const steps = agenda(m);
  const at = Math.max(0, steps.findIndex((s) => s.id === m.stepId));
  let step: Step | undefined;
  for (let i = 0; i < steps.length && i <= at; i++) {
    const s = steps[i];
    if (s.kind === Phase.DIVERGENCE && (s.stages.length > 0 || s.lanes.length > 0)) step = s;
  }
  if (!step) return null;
  const cells = new Map<string, IdeaView[]>();
  for (const idea of m.ideas.values()) {
    if (idea.stepId !== step.id) continue;
    const key = cellKey(idea.stageId ?? 0, idea.laneId ?? 0);
    const list = cells.get(key) ?? [];
    list.push(idea);
    cells.set(key, list);
  }
  for (const list of cells.values()) list.sort((a, b) => a.id - b.id);
  return { stepId: step.id, title: step.title, stages: step.stages, lanes: step.lanes, cells };
}

/** A stage's scores on one criterion: the idea that stands for it, and its result so far. */
export interface StageRating {
  ideaId: number;
  /** Absent, or a count of 0: not rated yet (or results not shown to this screen yet). */
  result?: CriterionResult;
}

/** A criterion's scores of a journey map's stages, by stage id (only stages an idea stands for). */
export interface JourneyRatings {
  criterion: Criterion;
  stages: Map<number, StageRating>;
}

/**
 * The smileys of a journey map (Parcours usager: each stage is an idea the workshop was created
 * with, « Étape 1 … », which participants rate): per criterion, each stage's result from the
 * idea that stands for it (IdeaView.standsFor). [] when no idea stands for one of its stages,
 * and while the map is drawn (before a scoring step, nothing rated yet).
 */
export function journeyRatings(m: Mirror, grid: JourneyGrid): JourneyRatings[] {
  const standing = new Map<number, number>(); // stage id -> idea id (the first one)
  for (const idea of [...m.ideas.values()].sort((a, b) => a.id - b.id)) {
    const s = idea.standsFor;
    if (!s || s.stepId !== grid.stepId || standing.has(s.stageId)) continue;
    if (grid.stages.some((f) => f.id === s.stageId)) standing.set(s.stageId, idea.id);
  }
  if (standing.size === 0) return [];
  const evaluations = new Map((m.results?.evaluations ?? []).map((e) => [e.ideaId, e]));
  // While the map is drawn, no row of empty smileys: from the step that rates them, or once rated.
  const rated = [...standing.values()].some((id) => evaluations.get(id)?.criteria.some((r) => r.count > 0));
  if (m.phase !== Phase.SCORING && !rated) return [];
  return criteria(m).map((criterion) => ({
    criterion,
    stages: new Map([...standing].map(([stageId, ideaId]) => [stageId, {
      ideaId,
      result: evaluations.get(ideaId)?.criteria.find((r) => r.criterionId === criterion.id),
    }])),
  }));
}

/** What a drawn journey map shows (its cells and its smileys): redraw it when this changes. */
export function journeyShape(m: Mirror, grid: JourneyGrid | null): string {
  if (!grid) return "";
  return JSON.stringify([
    grid.stepId,
    [...grid.cells.entries()].map(([k, v]) => [k, v.map((i) => [i.id, i.text, i.categoryId])]),
    journeyRatings(m, grid).map((r) => [r.criterion.id, [...r.stages].map(([s, x]) => [s, x.result?.histogram ?? []])]),
    m.results ? [m.results.voteStepId, m.results.points.map((t) => [t.targetId, t.points])] : [],
  ]);
}

/** A ring of a Spider Web: a step of ideas, its constraint, and the ideas posted in it. */
export interface Ring {
  stepId: number;
  title: string;
  instruction: string;
  ideas: IdeaView[];
}

/**
 * The rings of a Spider Web: the agenda's steps of ideas when there are several without a
 * journey map (ring 1 the innermost), up to the current step; [] when the agenda is not one.
 */
export function rings(m: Mirror): Ring[] {
  const steps = agenda(m);
  const ideaSteps = steps.filter((s) => s.kind === Phase.DIVERGENCE && s.stages.length === 0 && s.lanes.length === 0);
  if (ideaSteps.length < 2) return [];
  const at = steps.findIndex((s) => s.id === m.stepId);
  const reached = ideaSteps.filter((s) => at < 0 || steps.indexOf(s) <= at);
  return reached.map((s) => ({
    stepId: s.id, title: s.title, instruction: s.instruction,
    ideas: [...m.ideas.values()].filter((i) => i.stepId === s.id).sort((a, b) => a.id - b.id),
  }));
}
