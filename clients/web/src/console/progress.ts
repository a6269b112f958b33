// Per-table progress as the animateur sees it, derived from the Mirror: ideas posted, the vote
// shown (points or dots spent out of the budget, a choice, a ranking or buckets made; by the
// table, or by each of its seats), seats joined and seats that scored. Pure.
//
// The animateur's view carries every table's points, and every score with its value hidden
// (-1, see server/workshop/views.cc): the console knows that a seat scored, never what.
import { BallotKind, Voter } from "../gen/atelier/v1/workshop_pb";
import { kindOf } from "../i18n/ballots";
import { ballotKey, ballotOf, budget, criteria, profiles, tableBallot, tableProfile, voteStepId, type BallotView, type Mirror } from "../state/mirror";

/** Where a table is in the vote shown (the current vote step, else the last before it). */
export interface VoteProgress {
  kind: BallotKind;
  voter: Voter;
  /** Ballots cast: the table's (0 or 1), or its seats'. */
  cast: number;
  /** Ballots it may cast: 1 for a table, its seats joined where each participant votes. */
  of: number;
  /** Points or dots given, all its ballots together. */
  spent: number;
  /** Ideas named (a choice, a ranking, the ideas sorted into buckets), all its ballots together. */
  named: number;
}

export interface TableProgress {
  id: number;
  name: string;
  /** The profile the table joined as ("" : none). */
  profile: string;
  /** The profile of each seat that joined as its own (by seat number). */
  seatProfiles: Map<number, string>;
  ideas: number;
  pointsSpent: number;
  budget: number;
  /** Seats joined (SeatJoined), by seat number. */
  seatNumbers: number[];
  /** Seats with at least one score. */
  seatsScored: number;
  /** Seats that scored every idea on every criterion. */
  seatsComplete: number;
  vote: VoteProgress;
}

/** One row per joined table, by table number. */
export function tableProgress(m: Mirror): TableProgress[] {
  const ideasByTable = new Map<number, number>();
  for (const idea of m.ideas.values()) {
    if (idea.tableId !== 0) ideasByTable.set(idea.tableId, (ideasByTable.get(idea.tableId) ?? 0) + 1);
  }
  const scoresBySeat = new Map<number, number>();
  for (const key of m.scores.keys()) {
    const seatId = Number(key.split("/")[0]);
    scoresBySeat.set(seatId, (scoresBySeat.get(seatId) ?? 0) + 1);
  }
  const expected = m.ideas.size * criteria(m).length;
  const step = voteStepId(m);
  const ballot = ballotOf(m, step);
  const rows: TableProgress[] = [];
  for (const table of m.tables.values()) {
    let spent = 0;
    for (const p of (tableBallot(m, table.id)?.points ?? new Map<number, number>()).values()) spent += p;
    const seats = [...m.seats.values()].filter((s) => s.tableId === table.id);
    const counts = seats.map((s) => scoresBySeat.get(s.id) ?? 0);
    const profileName = (id: number | undefined) => (id ? profiles(m).find((p) => p.id === id)?.name ?? "" : "");
    rows.push({
      id: table.id,
      name: table.name,
      profile: tableProfile(m, table.id)?.name ?? "",
      seatProfiles: new Map(seats.filter((s) => s.profileId && s.profileId !== table.profileId).map((s) => [s.seatNumber, profileName(s.profileId)])),
      ideas: ideasByTable.get(table.id) ?? 0,
      pointsSpent: spent,
      budget: budget(m),
      seatNumbers: seats.map((s) => s.seatNumber).sort((a, b) => a - b),
      seatsScored: counts.filter((n) => n > 0).length,
      seatsComplete: expected > 0 ? counts.filter((n) => n >= expected).length : 0,
      vote: voteProgress(m, step, ballot.voter, kindOf(ballot), table.id, seats.map((seat) => seat.id)),
    });
  }
  return rows.sort((a, b) => a.id - b.id);
}

function voteProgress(m: Mirror, step: number, voter: Voter, kind: BallotKind, tableId: number, seatIds: number[]): VoteProgress {
  const seats = voter === Voter.SEAT;
  const ballots = (seats ? seatIds.map((id) => m.ballots.get(ballotKey(step, tableId, id))) : [tableBallot(m, tableId, step)])
    .filter((b): b is BallotView => b !== undefined);
  let spent = 0;
  let named = 0;
  for (const b of ballots) {
    for (const p of b.points.values()) spent += p;
    named += b.choice.length + b.buckets.size;
  }
  return { kind, voter, cast: ballots.length, of: seats ? seatIds.length : 1, spent, named };
}

export interface ProgressTotals {
  tables: number;
  seats: number;
  ideas: number;
  pointsSpent: number;
  tablesVoted: number;
  seatsScored: number;
  /** Ballots cast in the vote shown, and how many may be (tables, or seats joined). */
  ballotsCast: number;
  ballotsOf: number;
}

export function progressTotals(rows: TableProgress[], m: Mirror): ProgressTotals {
  return {
    tables: rows.length,
    seats: m.seats.size,
    ideas: m.ideas.size,
    pointsSpent: rows.reduce((s, r) => s + r.pointsSpent, 0),
    tablesVoted: rows.filter((r) => r.pointsSpent > 0).length,
    seatsScored: rows.reduce((s, r) => s + r.seatsScored, 0),
    ballotsCast: rows.reduce((s, r) => s + r.vote.cast, 0),
    ballotsOf: rows.reduce((s, r) => s + r.vote.of, 0),
  };
}
