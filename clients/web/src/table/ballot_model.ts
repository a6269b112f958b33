// What the tablet (or a phone) computes about a ballot of the current vote step, as the server
// does (server/workshop/decide_votes.cc), to explain it before the server answers: which ideas a
// voter may name, how many a pick or a ranking needs, a ranking's order being made, a choice
// being ticked. Only a prediction: every command is still sent, and the server decides. Pure.
import { BallotKind, Bucket, type Ballot } from "../gen/atelier/v1/workshop_pb";
import { ballotKey, stepTakes, targets, type BallotView, type IdeaView, type Mirror, type Target } from "../state/mirror";

/** Who casts a ballot: a table (seatId 0), or one of its seats. */
export interface BallotVoter {
  tableId: number;
  seatId: number;
}

/** The ballot a voter has cast in a step, if any. */
export function voterBallot(m: Mirror, stepId: number, voter: BallotVoter): BallotView | undefined {
  return m.ballots.get(ballotKey(stepId, voter.tableId, voter.seatId));
}

/**
 * Whether an idea is the voter's table's: the table's view marks its own ideas; a seat's view
 * keeps the author table of its table's ideas only (the others' are hidden, 0).
 */
export function isOwnIdea(m: Mirror, idea: IdeaView): boolean {
  return idea.own || (m.tableId !== 0 && idea.tableId === m.tableId);
}

/** A target holding one of the voter's table's ideas (an idea, or a cluster with one). */
export function isOwnTarget(m: Mirror, target: Target): boolean {
  return target.ideas.some((i) => isOwnIdea(m, i));
}

/** An idea posted during the vote step itself (a new subject of a sorting): not voted on. */
export function postedDuring(target: Target, stepId: number): boolean {
  return !target.isCluster && stepId !== 0 && target.ideas[0]?.stepId === stepId;
}

/** Why a target cannot be named in a ballot: "" when it can. */
export type TargetBlock = "" | "own" | "new";

export function targetBlock(m: Mirror, ballot: Ballot, stepId: number, target: Target): TargetBlock {
  if (postedDuring(target, stepId)) return "new";
  if (!ballot.allowSelfVote && isOwnTarget(m, target)) return "own";
  return "";
}

/**
 * The targets a ballot of this step lists: every live top-level target the step takes
 * (stepTakes: posted before it, among what it selected when it has a source), not those posted
 * during it.
 */
export function ballotTargets(m: Mirror, stepId: number): Target[] {
  const takes = stepTakes(m, stepId);
  return targets(m).filter((x) => !postedDuring(x, stepId) && takes(x));
}

/** The targets the voter may name, in id order. */
export function eligibleTargets(m: Mirror, ballot: Ballot, stepId: number): Target[] {
  const takes = stepTakes(m, stepId);
  return targets(m).filter((x) => targetBlock(m, ballot, stepId, x) === "" && takes(x));
}

/**
 * How many targets a pick or a ranking names: a pick exactly `count`, a ranking every eligible
 * target or its first `count`; fewer when fewer can be chosen.
 */
export function needed(ballot: Ballot, eligible: number): number {
  if (ballot.kind === BallotKind.RANKING && ballot.count === 0) return eligible;
  return Math.min(ballot.count || (ballot.kind === BallotKind.PICK ? 3 : eligible), eligible);
}

// ---- A pick being ticked -----------------------------------------------------------------------

export interface PickState {
  /** Ticked now (the draft), in the order ticked. */
  ticked: number;
  needed: number;
  /** The draft can be sent as it is: exactly `needed`, and at least one. */
  ready: boolean;
  /** "saved": the draft is the choice the server holds; "changed": it differs from a saved one;
   * "none": nothing saved yet. */
  status: "saved" | "changed" | "none";
}

export function pickState(draft: readonly number[], saved: readonly number[], need: number): PickState {
  const same = draft.length === saved.length && draft.every((id) => saved.includes(id));
  return {
    ticked: draft.length,
    needed: need,
    ready: need > 0 && draft.length === need,
    status: saved.length === 0 ? "none" : same ? "saved" : "changed",
  };
}

/** The draft with `id` ticked or unticked. */
export function toggle(draft: readonly number[], id: number): number[] {
  return draft.includes(id) ? draft.filter((x) => x !== id) : [...draft, id];
}

// ---- A ranking being ordered -------------------------------------------------------------------

/**
 * The order a ranking starts from: the saved ranking (what is still eligible of it), then the
 * other eligible targets in id order; a draft kept across updates keeps its order, loses what is
 * no longer eligible, and gets the newly eligible at the end.
 */
export function rankingOrder(eligible: readonly number[], keep: readonly number[]): number[] {
  const allowed = new Set(eligible);
  const out = keep.filter((id) => allowed.has(id));
  const placed = new Set(out);
  for (const id of eligible) if (!placed.has(id)) out.push(id);
  return out;
}

/** The order with `id` moved by `delta` places (-1: up), within the list. */
export function moveInOrder(order: readonly number[], id: number, delta: number): number[] {
  const from = order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const out = [...order];
  out.splice(from, 1);
  out.splice(to, 0, id);
  return out;
}

/** Whether the ranking sent from `order` (its first `need`) is the one the server holds. */
export function rankingSaved(order: readonly number[], saved: readonly number[], need: number): boolean {
  if (saved.length === 0 || saved.length !== Math.min(need, order.length)) return false;
  return saved.every((id, i) => order[i] === id);
}

// ---- Buckets ------------------------------------------------------------------------------------

/** The buckets, in the order shown (from "drop" to "keep"). */
export const bucketOrder: readonly Bucket[] = [Bucket.POUBELLE, Bucket.MACHINE_A_LAVER, Bucket.COFFRE_FORT];

/** The bucket a tap on `bucket` asks for: that bucket, or none when it is the one shown already. */
export function bucketAfterTap(shown: Bucket | undefined, bucket: Bucket): Bucket {
  return shown === bucket ? Bucket.UNSPECIFIED : bucket;
}

/** How many of the targets are in a bucket, in `shown` (the mirror's with pending taps over it). */
export function sortedCount(shown: ReadonlyMap<number, Bucket>, targetIds: readonly number[]): number {
  let n = 0;
  for (const id of targetIds) if ((shown.get(id) ?? Bucket.UNSPECIFIED) !== Bucket.UNSPECIFIED) n++;
  return n;
}
