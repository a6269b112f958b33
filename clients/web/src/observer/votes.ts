// The results of the workshop's vote steps as the screens show them (the big screen and the
// console): for each vote step with results, its step, its ballot (what `points` means), its
// targets, how many voted, and for buckets the new subjects posted during it ("longue-vue").
// Pure: reads the mirror's config and ideas and its last Results.
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind, Bucket, type Ballot, type Step } from "../gen/atelier/v1/workshop_pb";
import { kindOf } from "../i18n/ballots";
import { agenda, ballotOf, type IdeaView, type Mirror } from "../state/mirror";

export interface VoteShown {
  stepId: number;
  step: Step | undefined;
  ballot: Ballot;
  kind: BallotKind;
  /** As the server sorts them: most points (Borda, choices, dots, coffre-fort) first. */
  targets: TargetResult[];
  /** Ballots cast (tables or seats, as the ballot's voter says). */
  voters: number;
  /** BUCKETS: the ideas posted during the step (new subjects), in the order posted. */
  newSubjects: IdeaView[];
}

/** The vote step Results.points counts (Results.vote_step_id), or null before any results. */
export function currentVote(m: Mirror): VoteShown | null {
  const r = m.results;
  if (!r || r.voteStepId === 0) return null;
  return shown(m, r.voteStepId, r.points, r.participation?.tablesVoted ?? 0);
}

/** The agenda's other vote steps with ballots (Results.other_votes), in agenda order. */
export function otherVotes(m: Mirror): VoteShown[] {
  return (m.results?.otherVotes ?? []).map((v) => shown(m, v.stepId, v.targets, v.voters));
}

function shown(m: Mirror, stepId: number, targets: TargetResult[], voters: number): VoteShown {
  const ballot = ballotOf(m, stepId);
  const kind = kindOf(ballot);
  const newSubjects = kind === BallotKind.BUCKETS
    ? [...m.ideas.values()].filter((i) => i.stepId === stepId).sort((a, b) => a.id - b.id)
    : [];
  return { stepId, step: agenda(m).find((s) => s.id === stepId), ballot, kind, targets, voters, newSubjects };
}

/** Whether a vote has anything to show: a ballot cast, or points on a target. */
export function hasVotes(v: VoteShown | null): boolean {
  return !!v && (v.voters > 0 || v.targets.some((t) => t.points > 0 || t.tables > 0));
}

/** The buckets a results row counts, in the order the charts draw them (best first). */
export const kBucketOrder = [Bucket.COFFRE_FORT, Bucket.MACHINE_A_LAVER, Bucket.POUBELLE] as const;

/** How many voters put a target in a bucket (TargetResult.buckets: [poubelle, machine, coffre]). */
export function bucketCount(t: TargetResult, bucket: Bucket): number {
  return t.buckets[bucket - 1] ?? 0;
}

/** The most voters any target of a vote counts in its ranks or buckets (the bars' one scale). */
export function spreadTop(targets: readonly TargetResult[]): number {
  let top = 1;
  for (const t of targets) {
    const n = t.ranks.reduce((a, b) => a + b, 0) || t.buckets.reduce((a, b) => a + b, 0);
    if (n > top) top = n;
  }
  return top;
}
