// Per-table progress as the animateur sees it, derived from the Mirror: ideas posted, points
// spent out of the budget, seats joined and seats that scored. Pure.
//
// The animateur's view carries every table's points, and every score with its value hidden
// (-1, see server/workshop/views.cc): the console knows that a seat scored, never what.
import { budget, criteria, tableBallot, type Mirror } from "../state/mirror";

export interface TableProgress {
  id: number;
  name: string;
  ideas: number;
  pointsSpent: number;
  budget: number;
  /** Seats joined (SeatJoined), by seat number. */
  seatNumbers: number[];
  /** Seats with at least one score. */
  seatsScored: number;
  /** Seats that scored every idea on every criterion. */
  seatsComplete: number;
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
  const rows: TableProgress[] = [];
  for (const table of m.tables.values()) {
    let spent = 0;
    for (const p of (tableBallot(m, table.id)?.points ?? new Map<number, number>()).values()) spent += p;
    const seats = [...m.seats.values()].filter((s) => s.tableId === table.id);
    const counts = seats.map((s) => scoresBySeat.get(s.id) ?? 0);
    rows.push({
      id: table.id,
      name: table.name,
      ideas: ideasByTable.get(table.id) ?? 0,
      pointsSpent: spent,
      budget: budget(m),
      seatNumbers: seats.map((s) => s.seatNumber).sort((a, b) => a - b),
      seatsScored: counts.filter((n) => n > 0).length,
      seatsComplete: expected > 0 ? counts.filter((n) => n >= expected).length : 0,
    });
  }
  return rows.sort((a, b) => a.id - b.id);
}

export interface ProgressTotals {
  tables: number;
  seats: number;
  ideas: number;
  pointsSpent: number;
  tablesVoted: number;
  seatsScored: number;
}

export function progressTotals(rows: TableProgress[], m: Mirror): ProgressTotals {
  return {
    tables: rows.length,
    seats: m.seats.size,
    ideas: m.ideas.size,
    pointsSpent: rows.reduce((s, r) => s + r.pointsSpent, 0),
    tablesVoted: rows.filter((r) => r.pointsSpent > 0).length,
    seatsScored: rows.reduce((s, r) => s + r.seatsScored, 0),
  };
}
