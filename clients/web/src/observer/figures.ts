// The figures the big screen says in plain words, from the results' histograms. Pure.
import type { Results } from "../gen/atelier/v1/state_pb";

/**
 * The highest value v such that at least half of the scores are v or more ("la moitié a noté v
 * ou plus"): true as said, whatever the number of scores. histogram[i] counts the value min + i.
 * null without scores. (When v is the scale's top, half gave exactly it; when v is its bottom,
 * more than half gave exactly it: halfWords says which.)
 */
export function halfAtLeast(histogram: readonly number[], min: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let atLeast = 0;
  for (let i = histogram.length - 1; i >= 0; i--) {
    atLeast += histogram[i];
    if (2 * atLeast >= total) return min + i;
  }
  return min;
}

/**
 * The count of the tallest bar over every distribution of the results: the one scale that all
 * the charts share, so that a bar of 3 people is as tall in every chart (at least 1).
 */
export function sharedTop(results: Results | undefined): number {
  let top = 1;
  for (const e of results?.evaluations ?? []) {
    for (const c of e.criteria) for (const n of c.histogram) if (n > top) top = n;
  }
  return top;
}

export type HalfWords = { kind: "atLeast" | "top" | "bottom"; value: number };

/** What to say of a distribution in plain words (see halfAtLeast); null without scores. */
export function halfWords(histogram: readonly number[], min: number): HalfWords | null {
  const v = halfAtLeast(histogram, min);
  if (v === null) return null;
  if (v === min + histogram.length - 1) return { kind: "top", value: v };
  if (v === min) return { kind: "bottom", value: v };
  return { kind: "atLeast", value: v };
}
