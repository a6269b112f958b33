// A ballot of points (BUDGET) or dots (DOTS) for one voter: the banner with what is left and the
// last word about the votes, and the list of ideas with their steppers or dots (vote_view.ts).
// Each tap is sent at once (SetPoints, with the seat when the tablet votes for one); the number
// shown moves ahead of the answer unless the tablet predicts a refusal.
import type { Command } from "../gen/atelier/v1/commands_pb";
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import { BallotKind } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import type { Mirror, Target } from "../state/mirror";
import { isOwnTarget, voterBallot } from "./ballot_model";
import type { BallotContext, BallotHost, BallotPanel } from "./ballot_panel";
import { predictPoints, type PlusBlock, type VotePrediction } from "./vote_model";
import { BudgetBanner, VoteList, type VoteMessage } from "./vote_view";
import type { WallChanges } from "./wall_changes";

export class PointsPanel implements BallotPanel {
  readonly nodes: HTMLElement[];
  private readonly banner: BudgetBanner;
  private readonly list: VoteList;
  /** Points sent and not answered yet, by target. */
  private readonly pending = new Map<number, number>();
  private message: VoteMessage | null = null;
  private ctx: BallotContext | null = null;
  private prediction: VotePrediction | null = null;

  constructor(private readonly host: BallotHost, kind: BallotKind, budget: number, private readonly rerender: () => void) {
    const dots = kind === BallotKind.DOTS;
    this.banner = new BudgetBanner(() => {
      this.message = null;
      this.rerender();
    }, dots ? "dots" : "points");
    this.list = new VoteList((target, v, blocked) => this.setPoints(target, v, blocked), dots ? "dots" : "points",
      dots ? bw.dotsTitle(budget) : undefined);
    this.nodes = [this.banner.element, this.list.element];
  }

  /** What is left for this voter, counting what is in flight (for a notice of points back). */
  left(): number {
    return this.prediction?.left ?? 0;
  }

  update(m: Mirror, ctx: BallotContext, changes: WallChanges): void {
    this.ctx = ctx;
    const points = voterBallot(m, ctx.stepId, ctx.voter)?.points ?? new Map<number, number>();
    const budget = ctx.ballot.budget;
    const cap = ctx.ballot.cap;
    const p = predictPoints(points, this.pending, budget, cap);
    this.prediction = p;
    let spent = 0;
    for (const v of points.values()) spent += v;
    this.banner.update(p, this.message);
    this.list.update(m, {
      prediction: p,
      refusedTarget: this.message?.kind === "refusal" ? this.message.targetId : 0,
      own: (target: Target) => !ctx.ballot.allowSelfVote && isOwnTarget(m, target),
      serverLeft: Math.max(0, budget - spent),
    }, changes);
  }

  /** blocked: the tablet predicts a refusal; the vote is still sent (the server decides) but the
   * number is not changed ahead of the answer. */
  private setPoints(target: Target, value: number, blocked: PlusBlock): void {
    if (!this.ctx || value < 0) return;
    this.message = null;
    if (!blocked) this.pending.set(target.id, value);
    this.host.execute({ case: "setPoints", value: { points: [{ targetId: target.id, points: value }], seatId: this.ctx.commandSeat } });
    this.rerender();
  }

  answered(command: Command, _accepted: boolean): void {
    if (command.kind.case !== "setPoints") return;
    for (const tp of command.kind.value.points) {
      if (this.pending.get(tp.targetId) === tp.points) this.pending.delete(tp.targetId);
    }
  }

  refused(why: string, r: Rejection, command: Command): void {
    if (command.kind.case !== "setPoints") return;
    // In the banner, which stays in view; the card tapped is marked.
    this.message = { text: why, kind: "refusal", targetId: command.kind.value.points[0]?.targetId ?? 0 };
    if (r.reason === RejectionReason.BUDGET_EXCEEDED || r.reason === RejectionReason.CAP_EXCEEDED) this.pending.clear();
  }

  info(text: string): void {
    this.message = { text, kind: "info", targetId: 0 };
  }
}
