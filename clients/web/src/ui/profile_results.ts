// Results per profile (state.proto Results.profiles, Results.consolidations), as the console and
// the big screen draw them: a vote's bars per profile on one shared scale (small multiples), each
// criterion's distribution per profile on one shared axis (the satisfaction barometer: usagers
// and agents side by side, 001:26), and the consolidation table of role cards (profiles in rows,
// categories in columns, with totals, 000:1106). Pure: no DOM, unit-tested.
import type { IdeaEvaluation, TargetResult } from "../gen/atelier/v1/state_pb";
import { Scale, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { agenda, criteria, type Mirror } from "../state/mirror";
import { facetColour, inkOn } from "./post_its";

/** One profile's bars of a vote: its value per target, in the order of the whole room's results. */
export interface ProfileBars {
  profileId: number;
  name: string;
  /** Its voters' ballots in this vote. */
  voters: number;
  bars: { targetId: number; text: string; value: number }[];
}

/**
 * The vote of step `stepId` per profile: each profile's value on each of `targets` (the whole
 * room's rows, texts and order), 0 where its voters named it not; `max` is shared by all, so
 * that bars compare across profiles.
 */
export function votesByProfile(m: Mirror, stepId: number, targets: TargetResult[]): { max: number; profiles: ProfileBars[] } {
  const profiles = (m.results?.profiles ?? []).map((p) => {
    const vote = p.votes.find((v) => v.stepId === stepId);
    const byId = new Map((vote?.targets ?? []).map((x) => [x.targetId, x.points]));
    return {
      profileId: p.profileId, name: p.name, voters: vote?.voters ?? 0,
      bars: targets.map((x) => ({ targetId: x.targetId, text: x.text, value: byId.get(x.targetId) ?? 0 })),
    };
  });
  const max = Math.max(1, ...profiles.flatMap((p) => p.bars.map((b) => b.value)));
  return { max, profiles };
}

/** A criterion's scale: its values from min to max, and whether they are smileys. */
export interface ScaleView {
  min: number;
  max: number;
  smileys: boolean;
}

export function scaleOf(c: Criterion): ScaleView {
  const smileys = c.scale === Scale.SMILEYS;
  if (!smileys) return { min: c.minValue, max: c.maxValue || 10, smileys };
  const min = c.minValue || 1;
  return { min, max: Math.min(c.maxValue || min + 4, min + 4), smileys };
}

/** One idea's scores on one criterion, per profile, on the same axis. */
export interface CriterionByProfile {
  criterion: Criterion;
  scale: ScaleView;
  rows: { profileId: number; name: string; histogram: number[]; count: number; mean: number }[];
  /** The largest count of one value over every profile's histogram (the shared height). */
  top: number;
}

/** An idea and its criteria per profile. */
export interface IdeaByProfile {
  ideaId: number;
  text: string;
  criteria: CriterionByProfile[];
}

/**
 * Every scored idea (in the whole room's ranking order) with, for each criterion, each profile's
 * distribution of scores; a profile that scored nothing has an empty histogram.
 */
export function evaluationsByProfile(m: Mirror): IdeaByProfile[] {
  const r = m.results;
  if (!r || r.profiles.length === 0) return [];
  const crits = criteria(m);
  const byProfile = r.profiles.map((p) => ({ p, evals: new Map<number, IdeaEvaluation>(p.evaluations.map((e) => [e.ideaId, e])) }));
  return r.evaluations.map((e) => ({
    ideaId: e.ideaId,
    text: e.text,
    criteria: crits.map((c) => {
      const scale = scaleOf(c);
      const width = scale.max - scale.min + 1;
      const rows = byProfile.map(({ p, evals }) => {
        const cr = evals.get(e.ideaId)?.criteria.find((x) => x.criterionId === c.id);
        const histogram = Array.from({ length: width }, (_, i) => cr?.histogram[i] ?? 0);
        return { profileId: p.profileId, name: p.name, histogram, count: cr?.count ?? 0, mean: cr?.mean ?? Number.NaN };
      });
      return { criterion: c, scale, rows, top: Math.max(1, ...rows.flatMap((x) => x.histogram)) };
    }),
  }));
}

/** The consolidation of one step with categories: profiles in rows, categories in columns. */
export interface ConsolidationTable {
  stepId: number;
  title: string;
  categories: { id: number; name: string; colour: string; ink: string }[];
  /** The configuration's profiles in order, then « no profile » (id 0) when it has ideas. */
  rows: { profileId: number; name: string; counts: number[]; total: number }[];
  totals: number[];
  total: number;
}

/** Results.consolidations as tables; `noProfile` names row 0 (the animateur, tables without one). */
export function consolidationTables(m: Mirror, noProfile: string): ConsolidationTable[] {
  const steps = agenda(m);
  const profiles = m.config?.profiles ?? [];
  return (m.results?.consolidations ?? []).flatMap((c) => {
    const step = steps.find((s) => s.id === c.stepId);
    if (!step || step.categories.length === 0) return [];
    const categories = step.categories.map((f) => {
      const colour = facetColour(step.categories, f);
      return { id: f.id, name: f.name, colour, ink: inkOn(colour) };
    });
    const count = (profileId: number, categoryId: number) =>
      c.cells.find((x) => x.profileId === profileId && x.categoryId === categoryId)?.ideas ?? 0;
    const ids = profiles.map((p) => ({ id: p.id, name: p.name }));
    if (c.cells.some((x) => x.profileId === 0)) ids.push({ id: 0, name: noProfile });
    const rows = ids.map((p) => {
      const counts = categories.map((cat) => count(p.id, cat.id));
      return { profileId: p.id, name: p.name, counts, total: counts.reduce((a, b) => a + b, 0) };
    });
    const totals = categories.map((_, i) => rows.reduce((a, r) => a + r.counts[i], 0));
    return [{ stepId: c.stepId, title: step.title, categories, rows, totals, total: totals.reduce((a, b) => a + b, 0) }];
  });
}
