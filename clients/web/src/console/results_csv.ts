// Results as CSV, built in the browser from a Results message (state.proto). Pure.
//
// RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote, a
// line break or edge spaces, quotes doubled. UTF-8 with a byte order mark, so that Excel reads
// French accents right. Free text (ideas typed by participants) that starts like a formula
// (= + - @) is prefixed with an apostrophe, so that a spreadsheet never runs it.
//   - ideation: one row per idea or cluster: rank, id, kind, text, points, tables, ideas;
//   - evaluation: one row per idea and criterion: rank, overall, idea, criterion, count, mean,
//     median, standard deviation, then the histogram, one column per value.
import type { Results } from "../gen/atelier/v1/state_pb";
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
  const places = Math.max(0, ...r.points.map((p) => p.ranks.length));
  const buckets = r.points.some((p) => p.buckets.length > 0);
  const rows: Cell[][] = [[
    ...t.csv.pointsHeader,
    ...Array.from({ length: places }, (_, i) => t.csv.rankColumn(i + 1)),
    ...(buckets ? t.csv.bucketColumns : []),
  ]];
  r.points.forEach((p, i) => {
    rows.push([
      i + 1, p.targetId, p.isCluster ? t.csv.cluster : t.csv.idea, p.text, p.points, p.tables, p.ideaIds.join(" "),
      ...Array.from({ length: places }, (_, k) => p.ranks[k] ?? 0),
      ...(buckets ? [0, 1, 2].map((k) => p.buckets[k] ?? 0) : []),
    ]);
  });
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
  const rows: Cell[][] = [[...t.csv.evaluationHeader, ...values.map((v) => `${t.csv.scoreColumn} ${v}`)]];
  for (const e of r.evaluations) {
    for (const cr of e.criteria) {
      const c = byId.get(cr.criterionId);
      const min = c ? c.minValue : lo;
      const hist = values.map((v) => {
        const k = v - min;
        return k >= 0 && k < cr.histogram.length ? cr.histogram[k] : "";
      });
      rows.push([
        e.rank, e.ideaId, e.text, e.overall, e.spread,
        c ? c.name : `#${cr.criterionId}`, cr.count, cr.mean, cr.median, cr.stddev,
        ...hist,
      ]);
    }
  }
  return rows;
}

/** The CSV file's text, BOM included: evaluations when there are any, else points. */
export function resultsCsv(r: Results, criteria: Criterion[]): string {
  const rows = r.evaluations.length > 0 || (criteria.length > 0 && r.points.length === 0)
    ? evaluationRows(r, criteria)
    : pointsRows(r);
  return kBom + csvText(rows);
}
