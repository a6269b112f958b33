// What the tablet predicts about its own vote, from the mirror and the points it has sent but not
// had answered yet: the points shown on each idea, the points left, and whether "+" can be used
// on an idea (and if not, why). Only a prediction: it greys the "+" and says why, and the server
// still decides every vote (a tap on a greyed "+" is sent, and its refusal is explained). Pure.
import { budget, cap, myPoints, selfVoteAllowed, type Mirror, type Target } from "../state/mirror";
import { isOwnTarget } from "./ballot_model";

/** Why "+" cannot be used on an idea: its table's own, at the cap, or no points left. */
export type PlusBlock = "" | "own" | "cap" | "budget";

export interface VotePrediction {
  /** Points shown on each target: the pending value when one is in flight, else the mirror's. */
  shown: Map<number, number>;
  budget: number;
  cap: number;
  left: number;
}

/** pending: points sent but not yet answered, by target id. */
export function predictVote(m: Mirror, pending: ReadonlyMap<number, number>): VotePrediction {
  return predictPoints(myPoints(m), pending, budget(m), cap(m));
}

/** The same for any voter's points (a seat's, too), with its ballot's budget and cap. */
export function predictPoints(points: ReadonlyMap<number, number>, pending: ReadonlyMap<number, number>,
  budgetOf: number, capOf: number): VotePrediction {
  const shown = new Map(points);
  for (const [id, v] of pending) shown.set(id, v);
  let spent = 0;
  for (const v of shown.values()) spent += v;
  return { shown, budget: budgetOf, cap: capOf, left: Math.max(0, budgetOf - spent) };
}

export function pointsOn(p: VotePrediction, targetId: number): number {
  return p.shown.get(targetId) ?? 0;
}

/** Whether the table's own idea (or a cluster holding one) counts as not votable here. */
export function isOwnForVote(m: Mirror, target: Target): boolean {
  return isOwnTarget(m, target) && !selfVoteAllowed(m);
}

export function plusBlock(own: boolean, value: number, p: VotePrediction): PlusBlock {
  if (own) return "own";
  if (value >= p.cap) return "cap";
  if (p.left <= 0) return "budget";
  return "";
}
