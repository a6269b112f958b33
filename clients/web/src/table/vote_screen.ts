// The vote step (a step of kind CONVERGENCE) on the table's tablet and on a personal phone: who
// votes, then the ballot of the step's kind (points, dots, a pick, a ranking, buckets).
//
// Where each table votes, the tablet casts the table's ballot; a phone says to vote on the
// tablet. Where each seat votes, a phone casts its seat's ballot, and the tablet asks « Qui
// vote ? » (its seats, joined with JoinSeat when picked, as « Qui note ? » does) and casts the
// ballot of the seat whose turn it is, which « J'ai fini, au suivant » hides again.
//
// The screen is kept while the step lasts and patched at each event. A ballot panel belongs to
// one voter: another voter (the next person at the tablet) gets a panel of its own, so that
// nothing of the one before stays in the page.
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import { BallotKind, Voter, type Ballot } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { ballotOf, seatByNumber, type Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { explainBallotRefusal } from "./ballot_refusal";
import type { BallotContext, BallotHost, BallotPanel } from "./ballot_panel";
import { BucketsPanel } from "./buckets_panel";
import { setHidden, setText } from "./keyed_list";
import { PickPanel } from "./pick_panel";
import { PointsPanel } from "./points_panel";
import { RankingPanel } from "./ranking_panel";
import { seatHolder } from "./scoring_view";
import { VoterPicker, voterRows } from "./voter_picker";
import type { WallChanges } from "./wall_changes";

export interface VoteScreenHost extends BallotHost {
  /** Draws the page again (after a tap that changes what is shown). */
  rerender(): void;
  /** « Qui vote ? »: this seat's turn (joins it first when it has not joined). */
  pickSeat(seatNumber: number): void;
  /** « J'ai fini, au suivant ». */
  finishTurn(): void;
}

export interface VoteTurn {
  /** Tablet: the seat number whose turn it is (0: nobody picked). */
  turn: number;
  /** Tablet: a refused « Qui vote ? » pick. */
  seatError: string;
  /** Tablet: the seat numbers it created (its seats, not phones'). */
  createdHere: ReadonlySet<number>;
  /** Phone: its seat number. */
  seatNumber: number;
}

/** Whose ballot the screen shows now: none yet (nobody picked, a seat being joined, a phone
 * where tables vote), or a voter's. */
type Shown =
  | { kind: "pick-first" }
  | { kind: "creating" }
  | { kind: "table-votes" }
  | { kind: "ballot"; ctx: BallotContext };

export class VoteScreen {
  readonly nodes: HTMLElement[];
  readonly stepId: number;
  private readonly ballot: Ballot;
  private readonly picker: VoterPicker | null;
  private readonly pickFirst = h("p", { class: "card" }, bw.pickVoterFirst);
  private readonly creating = h("p", { class: "card" }, t.seatCreating);
  private readonly tableVotes = h("p", { class: "card" }, bw.tableVotesHere);
  private readonly turnTitle: HTMLElement;
  private readonly turn: HTMLElement;
  private readonly slot = h("div", { class: "ballot-slot" });
  private readonly finishHelp = h("p", { id: "finish-turn-help" });
  private readonly finish: HTMLElement;
  private panel: { key: string; view: BallotPanel; seatId: number } | null = null;
  /** What the ballot was made from: another configuration of the step needs a new screen. */
  readonly ballotKey: string;

  constructor(m: Mirror, private readonly mode: "table" | "seat", private readonly host: VoteScreenHost) {
    this.stepId = m.stepId;
    this.ballot = ballotOf(m, m.stepId);
    this.ballotKey = ballotShape(this.ballot);
    const seats = this.ballot.voter === Voter.SEAT;
    const table = mode === "table";
    this.picker = table && seats ? new VoterPicker({ turn: 0, error: "", pickSeat: (n) => host.pickSeat(n) }) : null;
    this.turnTitle = table ? h("p", { class: "turn-title" }) : h("h2", { class: "turn-title" });
    this.turn = h("div", { class: "turn", id: "turn" }, this.turnTitle,
      table ? h("a", { href: "#who", class: "button", "data-key": "change-seat", onclick: (ev: Event) => {
        ev.preventDefault();
        document.getElementById("who")?.scrollIntoView({ block: "start" });
        document.querySelector<HTMLElement>('#who button[aria-pressed="true"]')?.focus();
      } }, t.changeSeat) : null);
    this.finish = h("div", { class: "card finish-turn", id: "finish-turn" },
      this.finishHelp,
      h("button", { type: "button", class: "primary", "data-key": "finish-turn", "aria-describedby": "finish-turn-help",
        onclick: () => host.finishTurn() }, t.finishTurn),
    );
    this.nodes = [
      ...(this.picker ? [this.picker.element, this.pickFirst] : []),
      ...(seats ? [this.turn, this.creating] : []),
      this.tableVotes,
      this.slot,
      ...(this.picker ? [this.finish] : []),
    ];
  }

  /** Whether the ballot (and its banner) is what the screen shows now. */
  get voting(): boolean {
    return this.panel !== null;
  }

  update(m: Mirror, turn: VoteTurn, changes: WallChanges): void {
    const shown = this.whose(m, turn);
    if (this.picker) {
      this.picker.update(voterRows(m, this.stepId, turn.createdHere), { turn: turn.turn, error: turn.seatError, pickSeat: (n) => this.host.pickSeat(n) });
    }
    setHidden(this.pickFirst, shown.kind !== "pick-first");
    setHidden(this.creating, shown.kind !== "creating");
    setHidden(this.tableVotes, shown.kind !== "table-votes");
    const seats = this.ballot.voter === Voter.SEAT;
    const number = this.mode === "table" ? turn.turn : turn.seatNumber;
    setHidden(this.turn, !seats || number === 0 || shown.kind === "table-votes");
    setText(this.turnTitle, this.mode === "table" ? bw.turnOf(number) : bw.phoneTitle(number));
    setHidden(this.finish, shown.kind !== "ballot");
    setText(this.finishHelp, bw.finishHelp(number));
    if (shown.kind !== "ballot") {
      if (this.panel) this.slot.replaceChildren();
      this.panel = null;
      return;
    }
    const key = `${shown.ctx.voter.tableId}:${shown.ctx.voter.seatId}`;
    if (!this.panel || this.panel.key !== key) {
      this.panel = { key, view: this.makePanel(shown.ctx), seatId: shown.ctx.voter.seatId };
      this.slot.replaceChildren(...this.panel.view.nodes);
    }
    this.panel.view.update(m, shown.ctx, changes);
  }

  private whose(m: Mirror, turn: VoteTurn): Shown {
    const base = { stepId: this.stepId, ballot: this.ballot, tablet: this.mode === "table" };
    if (this.ballot.voter !== Voter.SEAT) {
      if (this.mode === "seat") return { kind: "table-votes" };
      return { kind: "ballot", ctx: { ...base, voter: { tableId: m.tableId, seatId: 0 }, commandSeat: 0 } };
    }
    if (this.mode === "seat") {
      return { kind: "ballot", ctx: { ...base, voter: { tableId: m.tableId, seatId: m.seatId }, commandSeat: 0 } };
    }
    if (turn.turn === 0) return { kind: "pick-first" };
    const seat = seatByNumber(m, turn.turn);
    if (!seat) return { kind: "creating" };
    if (seatHolder(seat, turn.createdHere) === "phone") return { kind: "pick-first" };
    return { kind: "ballot", ctx: { ...base, voter: { tableId: m.tableId, seatId: seat.id }, commandSeat: seat.id } };
  }

  private makePanel(ctx: BallotContext): BallotPanel {
    const rerender = () => this.host.rerender();
    switch (this.ballot.kind) {
      case BallotKind.PICK:
        return new PickPanel(this.host, rerender);
      case BallotKind.RANKING:
        return new RankingPanel(this.host, rerender);
      case BallotKind.BUCKETS:
        return new BucketsPanel(this.host, ctx.tablet, rerender);
      default:
        return new PointsPanel(this.host, this.ballot.kind, this.ballot.budget, rerender);
    }
  }

  /** The seat whose ballot is shown (0: the table's); undefined when none is. */
  shownSeat(): number | undefined {
    return this.panel?.seatId;
  }

  /** Points or dots left for the voter shown (for a notice of points handed back); 0 otherwise. */
  left(): number {
    return this.panel?.view instanceof PointsPanel ? this.panel.view.left() : 0;
  }

  /** Whether this screen's ballot panel speaks for the command (a ballot command, or a new
   * subject of a sorting). */
  owns(command: Command): boolean {
    const k = command.kind.case;
    return k === "setPoints" || k === "setChoice" || k === "setBuckets" || (k === "postIdea" && this.ballot.kind === BallotKind.BUCKETS);
  }

  answered(command: Command, accepted: boolean): void {
    this.panel?.view.answered(command, accepted);
  }

  /** A refused ballot command, said where the action was. false: no panel to say it in. */
  refused(r: Rejection, command: Command): boolean {
    if (!this.panel) return false;
    const why = explainBallotRefusal(r, this.ballot, (id) => this.host.label(id), this.mode === "table");
    this.panel.view.refused(why, r, command);
    return true;
  }

  info(text: string): void {
    this.panel?.view.info(text);
  }
}

/** A ballot's settings in one string, to tell when the step's ballot was configured anew. */
export function ballotShape(b: Ballot): string {
  return `${b.kind}|${b.voter}|${b.budget}|${b.cap}|${b.count}|${b.allowSelfVote}`;
}
