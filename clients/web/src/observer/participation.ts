// What the big screen may show, and the participation counts beside the results. Pure: reads
// the mirror (joins and ideas, always live) and the last Results (votes and scores, when the
// observers may see them).
import { BallotKind, ObserverResults, Phase, Template, Voter } from "../gen/atelier/v1/workshop_pb";
import { b as bw, kindOf } from "../i18n/ballots";
import { agenda, ballotOf, budget, cap, currentStep, stepTakes, voteStepId, type ClusterView, type IdeaView, type Mirror } from "../state/mirror";
import { currentVote, hasVotes, otherVotes } from "./votes";

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

export type CountKey = "tablesJoined" | "tablesVoted" | "seatsJoined" | "seatsScored" | "ideas" | "pointsSpent" | "seatsVoted" | "dotsPlaced";

export interface Count {
  key: CountKey;
  value: number;
}

/** The counts to show, in order; votes and scores only when the results are visible. */
export function participationCounts(m: Mirror): Count[] {
  const p = resultsVisible(m) ? m.results?.participation : undefined;
  const out: Count[] = [{ key: "tablesJoined", value: m.tables.size }];
  // An evaluation, and a scoring step in another agenda (a journey map's smileys): who scores.
  if (isEvaluation(m) || m.phase === Phase.SCORING) {
    out.push({ key: "seatsJoined", value: m.seats.size });
    if (p) out.push({ key: "seatsScored", value: p.seatsScored });
    out.push({ key: "ideas", value: m.ideas.size });
  } else {
    // Who votes and what is spent, as the vote shown counts them (its ballot's voter and kind).
    const ballot = ballotOf(m, m.results?.voteStepId || voteStepId(m));
    const seats = ballot.voter === Voter.SEAT;
    if (seats) out.push({ key: "seatsJoined", value: m.seats.size });
    if (p) out.push({ key: seats ? "seatsVoted" : "tablesVoted", value: p.tablesVoted });
    out.push({ key: "ideas", value: m.ideas.size });
    const kind = kindOf(ballot);
    if (p && kind === BallotKind.BUDGET) out.push({ key: "pointsSpent", value: p.pointsSpent });
    if (p && kind === BallotKind.DOTS) out.push({ key: "dotsPlaced", value: p.pointsSpent });
  }
  return out;
}

/**
 * The method line: the workshop's own note, else a default per template; for an ideation whose
 * votes are not the one budget by table of old, each vote step's ballot in turn.
 */
export function methodLine(
  m: Mirror,
  defaults: { ideation: (budget: number, cap: number) => string; evaluation: string; votes?: (votes: string[]) => string },
): string {
  const note = m.config?.methodNote?.trim();
  if (note) return note;
  if (!m.config) return "";
  if (isEvaluation(m)) return defaults.evaluation;
  const ballots = agenda(m).filter((s) => s.kind === Phase.CONVERGENCE).map((s) => ballotOf(m, s.id));
  const plain = ballots.length <= 1 && ballots.every((b) => kindOf(b) === BallotKind.BUDGET && b.voter !== Voter.SEAT && !b.allowSelfVote);
  if (plain || !defaults.votes) return defaults.ideation(budget(m), cap(m));
  return defaults.votes(ballots.map((b) => bw.method(b)));
}

/** What the stage shows: who joins, the wall of ideas, or the results (points or scores). */
export type StageKind = "join" | "wall" | "points" | "evaluation";

export function stageKind(m: Mirror): StageKind {
  if (m.phase === Phase.SETUP || m.phase === Phase.UNSPECIFIED) return "join";
  if (m.phase === Phase.DIVERGENCE || m.phase === Phase.GROUPING) return "wall";
  if (isEvaluation(m)) return resultsVisible(m) && (m.results?.evaluations.some((e) => e.criteria.some((c) => c.count > 0)) ?? false) ? "evaluation" : "wall";
  // Convergence and conclusion of an ideation: the vote once there is some to show (a ballot
  // cast, or points); at the conclusion, an earlier vote's too.
  if (!resultsVisible(m)) return "wall";
  if ((m.results?.points.some((p) => p.points > 0 || p.tables > 0) ?? false) || hasVotes(currentVote(m))) return "points";
  return m.phase === Phase.CONCLUSION && otherVotes(m).some(hasVotes) ? "points" : "wall";
}

/** A card of the wall: an idea on its own, or a cluster with its ideas. */
export interface WallItem {
  key: string; // "i12" or "c19"
  cluster: ClusterView | null;
  ideas: IdeaView[];
}

/**
 * The wall: ideas on their own and clusters, each cluster where its first idea was (so that a
 * merge moves as little as possible), in the order ideas were posted. During a vote or scoring
 * step that takes its ideas from earlier steps (Step.source), only what it took: the room sees
 * what is on the ballot, not every idea of the workshop.
 */
export function wallItems(m: Mirror): WallItem[] {
  const step = currentStep(m);
  const sourced = step?.source && (step.kind === Phase.CONVERGENCE || step.kind === Phase.SCORING) ? stepTakes(m, step.id) : null;
  const taken = (ideas: IdeaView[]) => !sourced || sourced({ ideas });
  const items: { first: number; item: WallItem }[] = [];
  for (const idea of m.ideas.values()) {
    if (idea.clusterId !== 0 && m.clusters.has(idea.clusterId)) continue;
    if (!taken([idea])) continue;
    items.push({ first: idea.id, item: { key: `i${idea.id}`, cluster: null, ideas: [idea] } });
  }
  for (const c of m.clusters.values()) {
    const ideas = c.ideaIds.map((id) => m.ideas.get(id)).filter((i): i is IdeaView => !!i);
    if (ideas.length === 0 || !taken(ideas)) continue;
    items.push({ first: Math.min(...ideas.map((i) => i.id)), item: { key: `c${c.id}`, cluster: c, ideas } });
  }
  return items.sort((a, b) => a.first - b.first).map((x) => x.item);
}

/**
 * The join code the console handed over in the address's fragment (#join=12345678): the server
 * does not give it to observers, whose link may travel beyond the room. Digits only, else "".
 */
export function joinCodeFromHash(hash: string): string {
  const raw = new URLSearchParams(hash.replace(/^#/, "")).get("join") ?? "";
  const digits = raw.replace(/[\s-]/g, "");
  return /^[0-9]{6,8}$/.test(digits) ? digits : "";
}
