// What every ballot panel of the vote screen (vote_screen.ts) is: the nodes it shows for one
// voter in one vote step, brought up to date at each render, told the answers to the commands it
// sent, and the refusals to say where the finger was. A panel belongs to one voter: another
// voter gets a panel of its own (nothing of the one before stays in the page).
import type { Command } from "../gen/atelier/v1/commands_pb";
import type { Rejection } from "../gen/atelier/v1/rejection_pb";
import type { Ballot } from "../gen/atelier/v1/workshop_pb";
import type { CommandKind } from "../net/connection";
import type { Mirror } from "../state/mirror";
import type { BallotVoter } from "./ballot_model";
import type { WallChanges } from "./wall_changes";

export interface BallotContext {
  stepId: number;
  ballot: Ballot;
  /** Whose ballot it is (the key of its BallotView in the mirror). */
  voter: BallotVoter;
  /** The seat_id the commands carry: the seat when the tablet votes for it, else 0. */
  commandSeat: number;
  /** The table's tablet (which may post new subjects), not a phone. */
  tablet: boolean;
}

export interface BallotHost {
  execute(kind: CommandKind): void;
  announce(text: string): void;
  /** Names an idea or cluster for a sentence: « … ». */
  label(id: number): string;
}

export interface BallotPanel {
  readonly nodes: HTMLElement[];
  update(m: Mirror, ctx: BallotContext, changes: WallChanges): void;
  /** The answer to a command this panel's kind sends (accepted or not). */
  answered(command: Command, accepted: boolean): void;
  /** A refusal, worded already: said where the action was. */
  refused(why: string, r: Rejection, command: Command): void;
  /** A notice about the votes (points handed back by a merge). */
  info(text: string): void;
}
