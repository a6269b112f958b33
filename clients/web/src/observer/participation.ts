// What the big screen may show, and the participation counts beside the results. Pure: reads
// the mirror (joins and ideas, always live) and the last Results (votes and scores, when the
// observers may see them).
import { ObserverResults, Template } from "../gen/atelier/v1/workshop_pb";
import { budget, cap, type Mirror } from "../state/mirror";

/** Observers see results live, or only once the animateur reveals them (the workshop's choice). */
export function resultsVisible(m: Mirror): boolean {
  const live = m.config?.visibility?.observerResults !== ObserverResults.AT_REVEAL;
  return (live || m.resultsRevealed) && m.results !== undefined;
}

/** Whether the workshop shows results only at reveal and has not revealed them yet. */
export function waitingForReveal(m: Mirror): boolean {
  return m.config?.visibility?.observerResults === ObserverResults.AT_REVEAL && !m.resultsRevealed;
}

export function isEvaluation(m: Mirror): boolean {
  return m.config?.template === Template.EVALUATION;
}

export type CountKey = "tablesJoined" | "tablesVoted" | "seatsJoined" | "seatsScored" | "ideas" | "pointsSpent";

export interface Count {
  key: CountKey;
  value: number;
}

/** The counts to show, in order; votes and scores only when the results are visible. */
export function participationCounts(m: Mirror): Count[] {
  const p = resultsVisible(m) ? m.results?.participation : undefined;
  const out: Count[] = [{ key: "tablesJoined", value: m.tables.size }];
  if (isEvaluation(m)) {
    out.push({ key: "seatsJoined", value: m.seats.size });
    if (p) out.push({ key: "seatsScored", value: p.seatsScored });
    out.push({ key: "ideas", value: m.ideas.size });
  } else {
    if (p) out.push({ key: "tablesVoted", value: p.tablesVoted });
    out.push({ key: "ideas", value: m.ideas.size });
    if (p) out.push({ key: "pointsSpent", value: p.pointsSpent });
  }
  return out;
}

/** The method line: the workshop's own note, else a default per template. */
export function methodLine(
  m: Mirror,
  defaults: { ideation: (budget: number, cap: number) => string; evaluation: string },
): string {
  const note = m.config?.methodNote?.trim();
  if (note) return note;
  if (!m.config) return "";
  return isEvaluation(m) ? defaults.evaluation : defaults.ideation(budget(m), cap(m));
}
