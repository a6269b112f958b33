// The facets a step of ideas sorts its ideas by (workshop.proto Step.categories, stages, lanes):
// which ones the current step has, an idea's in its own step, the colour of a post-it and the ink
// readable on it (WCAG AA: 4.5:1 at least). Pure: no DOM, unit-tested.
import type { Facet, Step } from "../gen/atelier/v1/workshop_pb";
import { agenda, type IdeaView, type Mirror } from "../state/mirror";

export type FacetKind = "category" | "stage" | "lane";
export const kFacetKinds: readonly FacetKind[] = ["category", "stage", "lane"];

export interface StepFacets {
  category: Facet[];
  stage: Facet[];
  lane: Facet[];
}

/** What a post sends for each facet (0: none). */
export type FacetChoice = Record<FacetKind, number>;

export const noChoice = (): FacetChoice => ({ category: 0, stage: 0, lane: 0 });

/** The facets of step `stepId` (empty lists when it has none, or is not in the agenda). */
export function stepFacets(m: Mirror, stepId: number): StepFacets {
  const step: Step | undefined = agenda(m).find((s) => s.id === stepId);
  return { category: step?.categories ?? [], stage: step?.stages ?? [], lane: step?.lanes ?? [] };
}

export function hasFacets(f: StepFacets): boolean {
  return f.category.length + f.stage.length + f.lane.length > 0;
}

/** The step's facets as a string to compare: a picker or a map is made again when it changes. */
export function facetsShape(f: StepFacets): string {
  return kFacetKinds.map((k) => f[k].map((x) => `${x.id}\u0002${x.name}\u0002${x.colour}`).join("\u0001")).join("\u0003");
}

/** An idea's facets in the step it was posted in (undefined: none, or no longer in the step). */
export function ideaFacets(m: Mirror, idea: IdeaView): Partial<Record<FacetKind, Facet>> {
  const ids: FacetChoice = { category: idea.categoryId ?? 0, stage: idea.stageId ?? 0, lane: idea.laneId ?? 0 };
  if (!ids.category && !ids.stage && !ids.lane) return {};
  const f = stepFacets(m, idea.stepId);
  const out: Partial<Record<FacetKind, Facet>> = {};
  for (const k of kFacetKinds) {
    const found = ids[k] ? f[k].find((x) => x.id === ids[k]) : undefined;
    if (found) out[k] = found;
  }
  return out;
}

/**
 * The value shown first for a facet: the one kept (a draft's, across a reload) when it is still
 * in the list; else the only value when there is exactly one; else none (the person chooses).
 */
export function initialChoice(list: readonly Facet[], kept: number): number {
  if (kept && list.some((f) => f.id === kept)) return kept;
  return list.length === 1 ? list[0].id : 0;
}

/** Colours for facets configured without one: light, so that dark ink reads on them. */
const kPalette = ["#f4a6c6", "#ffe066", "#a5d8ff", "#b2f2bb", "#ffc078", "#d0bfff", "#96f2d7", "#ffd8a8"];

/** The facet's colour (#rrggbb), or one of the palette's by its place in the list. */
export function facetColour(list: readonly Facet[], facet: Facet): string {
  if (/^#[0-9a-fA-F]{6}$/.test(facet.colour)) return facet.colour.toLowerCase();
  const i = Math.max(0, list.findIndex((f) => f.id === facet.id));
  return kPalette[i % kPalette.length];
}

const kDarkInk = "#1b1f24";
const kLightInk = "#ffffff";

/** The ink (dark or white) with the better contrast on `background` (#rrggbb). */
export function inkOn(background: string): string {
  return contrast(kDarkInk, background) >= contrast(kLightInk, background) ? kDarkInk : kLightInk;
}

/**
 * A post-it's background and ink: the colour as configured with the better ink when that reads
 * at AA (4.5:1); else (a saturated colour: pure red reads at 4.1 at best) the colour lightened
 * towards white until dark ink does, so that the word is always readable on its colour.
 */
export function paint(colour: string): { background: string; ink: string } {
  let background = colour;
  for (let step = 1; contrast(inkOn(background), background) < 4.5 && step <= 10; step++) {
    background = mix(colour, "#ffffff", step / 10);
  }
  return { background, ink: inkOn(background) };
}

function mix(a: string, b: string, t: number): string {
  const c = (i: number) => Math.round(parseInt(a.slice(i, i + 2), 16) * (1 - t) + parseInt(b.slice(i, i + 2), 16) * t);
  return "#" + [1, 3, 5].map((i) => c(i).toString(16).padStart(2, "0")).join("");
}

/** WCAG 2.1 contrast ratio between two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
