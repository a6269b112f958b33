// Results as CSV, built in the browser from a Results message (state.proto). Pure.
//
// RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote, a
// line break or edge spaces, quotes doubled. UTF-8 with a byte order mark, so that Excel reads
// French accents right. Free text (ideas typed by participants) that starts like a formula
// (= + - @) is prefixed with an apostrophe, so that a spreadsheet never runs it.
//   - ideation: one row per idea or cluster: rank, id, kind, text, points, tables, ideas;
//   - evaluation: one row per idea and criterion: rank, overall, idea, criterion, count, mean,
//     median, standard deviation, then the histogram, one column per value.
// A workshop with profiles gets a first column, the profile: the whole room's rows (« tous »),
// then the same rows for each profile, from Results.profiles.
import type { Results, TargetResult } from "../gen/atelier/v1/state_pb";
import type { Criterion } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/console";

export const kBom = "\uFEFF";

export type Cell = string | number;

export function csvField(value: Cell): string {
  const s = typeof value === "number" ? formatNumber(value) : neutralize(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows: Cell[][]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A number with at most two decimals and a dot, e.g. 6.67. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  return String(Math.round(n * 100) / 100);
}

function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One row per idea or cluster of the vote shown. A ranking adds how many put it at each rank
 * (« rang 1 », « rang 2 »…), buckets how many put it in each (poubelle, machine à laver,
 * coffre-fort): columns only where the results have them.
 */
export function pointsRows(r: Results): Cell[][] {
  const profiled = r.profiles.length > 0;
  const perProfile = r.profiles.map((p) => ({
    name: p.name,
    byId: new Map<number, TargetResult>((p.votes.find((v) => v.stepId === r.voteStepId)?.targets ?? []).map((x) => [x.targetId, x])),
  }));
  const all = [r.points, ...perProfile.map((p) => r.points.map((x) => p.byId.get(x.targetId)))];
  const places = Math.max(0, ...all.flat().map((p) => p?.ranks.length ?? 0));
  const buckets = all.flat().some((p) => (p?.buckets.length ?? 0) > 0);
  const rows: Cell[][] = [[
    ...(profiled ? [t.csv.profileColumn] : []),
    ...t.csv.pointsHeader,
    ...Array.from({ length: places }, (_, i) => t.csv.rankColumn(i + 1)),
    ...(buckets ? t.csv.bucketColumns : []),
  ]];
  // A profile's row of a target its voters never named: 0 everywhere.
  const row = (profile: string | null, i: number, p: TargetResult, own: TargetResult | undefined): Cell[] => [
    ...(profile === null ? [] : [profile]),
    i + 1, p.targetId, p.isCluster ? t.csv.cluster : t.csv.idea, p.text, own?.points ?? 0, own?.tables ?? 0, p.ideaIds.join(" "),
    ...Array.from({ length: places }, (_, k) => own?.ranks[k] ?? 0),
    ...(buckets ? [0, 1, 2].map((k) => own?.buckets[k] ?? 0) : []),
  ];
  r.points.forEach((p, i) => rows.push(row(profiled ? t.csv.allProfiles : null, i, p, p)));
  for (const profile of perProfile) r.points.forEach((p, i) => rows.push(row(profile.name, i, p, profile.byId.get(p.targetId))));
  return rows;
}

export function evaluationRows(r: Results, criteria: Criterion[]): Cell[][] {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of criteria) {
    lo = Math.min(lo, c.minValue);
    hi = Math.max(hi, c.maxValue);
  }
  if (lo > hi) {
    lo = 0;
    hi = 10;
  }
  const values: number[] = [];
  for (let v = lo; v <= hi; v++) values.push(v);
  const profiled = r.profiles.length > 0;
  const rows: Cell[][] = [[...(profiled ? [t.csv.profileColumn] : []), ...t.csv.evaluationHeader, ...values.map((v) => `${t.csv.scoreColumn} ${v}`)]];
  const texts = new Map(r.evaluations.map((e) => [e.ideaId, e.text]));
  const add = (profile: string | null, evals: Results["evaluations"]) => {
    for (const e of evals) {
      for (const cr of e.criteria) {
        const c = byId.get(cr.criterionId);
        const min = c ? c.minValue : lo;
        const hist = values.map((v) => {
          const k = v - min;
          return k >= 0 && k < cr.histogram.length ? cr.histogram[k] : "";
        });
        rows.push([
          ...(profile === null ? [] : [profile]),
          e.rank, e.ideaId, e.text || (texts.get(e.ideaId) ?? ""), e.overall, e.spread,
          c ? c.name : `#${cr.criterionId}`, cr.count, cr.mean, cr.median, cr.stddev,
          ...hist,
        ]);
      }
    }
  };
  add(profiled ? t.csv.allProfiles : null, r.evaluations);
  for (const p of r.profiles) add(p.name, p.evaluations);
  return rows;
}

/** The CSV file's text, BOM included: evaluations when there are any, else points. */
export function resultsCsv(r: Results, criteria: Criterion[]): string {
  const rows = r.evaluations.length > 0 || (criteria.length > 0 && r.points.length === 0)
    ? evaluationRows(r, criteria)
    : pointsRows(r);
  return kBom + csvText(rows);
}
