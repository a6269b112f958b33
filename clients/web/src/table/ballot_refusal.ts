// A refused ballot command, said in the words of the ballot it was about: a pick or a ranking of
// the wrong size (WRONG_COUNT), a command that does not fit the step's ballot or voter
// (WRONG_BALLOT), dots rather than points over the budget or the cap; every other reason as the
// shared wording says it (i18n/common.ts).
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import { BallotKind, Voter, type Ballot } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { explainRejection, type TargetLabel } from "../i18n/common";

/** fromTablet: the command came from the table's tablet (not a phone). */
export function explainBallotRefusal(r: Rejection, ballot: Ballot, label: TargetLabel, fromTablet: boolean): string {
  const dots = ballot.kind === BallotKind.DOTS;
  switch (r.reason) {
    case RejectionReason.WRONG_COUNT:
      return ballot.kind === BallotKind.RANKING ? bw.wrongCountRanking(r.limit, r.requested) : bw.wrongCountPick(r.limit, r.requested);
    case RejectionReason.WRONG_BALLOT:
      if (ballot.voter === Voter.SEAT && fromTablet) return bw.wrongBallotSeat;
      if (ballot.voter !== Voter.SEAT && !fromTablet) return bw.wrongBallotTable;
      return bw.wrongBallotKind;
    case RejectionReason.BUDGET_EXCEEDED:
      return dots ? bw.dotsBudget(r.pointsLeft, r.budget, r.requested) : explainRejection(r, label);
    case RejectionReason.CAP_EXCEEDED:
      return dots ? bw.dotsCapRefused(r.cap, r.targetId ? label(r.targetId) : "") : explainRejection(r, label);
    case RejectionReason.IDEA_IN_CLUSTER:
      return ballot.kind === BallotKind.BUDGET ? explainRejection(r, label) : bw.inCluster(label(r.clusterId));
    case RejectionReason.INVALID_COMMAND:
      return r.targetId ? bw.postedDuring : explainRejection(r, label);
    default:
      return explainRejection(r, label);
  }
}
