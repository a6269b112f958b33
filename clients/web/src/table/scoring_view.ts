// The evaluation screen (phase SCORING), for the table's shared tablet and for a personal phone.
//
// On the tablet, "Qui note ?" lists the table's seats 1..seats_per_table with each one's
// progress; the person whose turn it is taps their seat, and a banner says whose turn it is, so
// that nobody scores under someone else's seat by mistake. Seats taken by a personal phone are
// shown with their progress but are not pickable: that person scores on the phone.
// On a phone, there is only that seat's scoring (score_sheet.ts).
//
// The screen is kept while the phase lasts and patched at each event: another seat's score or
// the answer to ours changes a number, never replaces a button or a radio under the finger. A
// seat's sheet is made for that seat and dropped when its turn ends (the next person must not
// find the scores of the one before in the page).
import { ActorKind } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import { criteria, scorableIdeas, seatProgress, seatsPerTable, mySeats, type Mirror, type SeatView } from "../state/mirror";
import { h } from "../ui/dom";
import { KeyedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import { ScoreSheet, sheetShape, type SheetContext } from "./score_sheet";

/** Who holds a seat of our table: this tablet, a personal phone. */
export type SeatHolder = "tablet" | "phone";

/**
 * A seat created by the tablet (its SeatJoined actor was the table, or it is among the seat
 * numbers this tablet remembers creating) or by a phone (actor SEAT, or unknown: a snapshot does
 * not say, and this tablet does not remember creating it).
 */
export function seatHolder(seat: SeatView, createdHere: ReadonlySet<number>): SeatHolder {
  if (seat.joinedBy === ActorKind.TABLE) return "tablet";
  if (seat.joinedBy === ActorKind.SEAT) return "phone";
  return createdHere.has(seat.seatNumber) ? "tablet" : "phone";
}

export interface SeatRow {
  seatNumber: number;
  seat: SeatView | undefined; // undefined: not joined yet (the tablet creates it when picked)
  holder: SeatHolder | undefined;
  scored: number;
  total: number;
}

/** The rows of "Qui note ?": every seat number of the table, joined or not, with progress. */
export function seatRows(m: Mirror, createdHere: ReadonlySet<number>): SeatRow[] {
  const seats = mySeats(m);
  const count = Math.max(seatsPerTable(m), ...seats.map((s) => s.seatNumber));
  const total = scorableIdeas(m).length * criteria(m).length;
  const rows: SeatRow[] = [];
  for (let n = 1; n <= count; n++) {
    const seat = seats.find((s) => s.seatNumber === n);
    const progress = seat ? seatProgress(m, seat.id) : { scored: 0, total };
    rows.push({ seatNumber: n, seat, holder: seat ? seatHolder(seat, createdHere) : undefined, ...progress });
  }
  return rows;
}

export interface ScoringOptions extends SheetContext {
  /** Table mode: the seat number whose turn it is (0: nobody picked yet). */
  seatNumber: number;
  /** The seat id scoring now (0: not joined yet, e.g. its JoinSeat is pending). */
  seatId: number;
  createdHere: ReadonlySet<number>;
  /** Table mode: a refused « Qui note ? » choice (a seat taken meanwhile), "" for none. */
  seatError: string;
  pickSeat(seatNumber: number): void;
  /** Table mode: the person whose turn it is has finished; their sheet is hidden. */
  finishTurn(): void;
}

/** The evaluation screen, for one mode (a table's tablet or a phone), kept across updates. */
export class ScoringScreen {
  /** The screen's nodes, in order, to put on the page once. */
  readonly nodes: HTMLElement[];
  private o: ScoringOptions;
  private readonly who: HTMLElement;
  private readonly seatList: KeyedList<SeatRow, SeatItem>;
  private readonly seatError = h("p", { class: "field-error", id: "seat-error", role: "alert", hidden: true });
  private readonly pickFirst = h("p", { class: "card" }, t.pickSeatFirst);
  private readonly turn: HTMLElement;
  private readonly turnTitle: HTMLElement;
  private readonly progress = h("p", { id: "seat-progress" });
  private readonly creating = h("p", { class: "card" }, t.seatCreating);
  private readonly sheetSlot = h("div", { class: "sheet-slot" });
  private sheet: { seatId: number; view: ScoreSheet } | null = null;
  private readonly finish: HTMLElement;
  private readonly finishHelp = h("p", { id: "finish-turn-help" });

  constructor(o: ScoringOptions) {
    this.o = o;
    const table = o.mode === "table";
    const ul = h("ul", { class: "plain seat-list" });
    this.seatList = new KeyedList(ul, (r) => r.seatNumber, (r) => new SeatItem(r, () => this.o));
    this.who = h("section", { class: "card who", "aria-labelledby": "who-title", id: "who" },
      h("h2", { id: "who-title", tabindex: -1 }, t.whoScores),
      h("p", { class: "hint-text" }, t.whoScoresHelp),
      this.seatError,
      ul,
    );
    this.turnTitle = table ? h("p", { class: "turn-title" }) : h("h2", { class: "turn-title" });
    this.turn = h("div", { class: "turn", id: "turn" }, this.turnTitle, this.progress,
      table ? h("a", { href: "#who", class: "button", "data-key": "change-seat", onclick: (ev: Event) => {
        ev.preventDefault();
        document.getElementById("who")?.scrollIntoView({ block: "start" });
        document.querySelector<HTMLElement>('#who button[aria-pressed="true"]')?.focus();
      } }, t.changeSeat) : null);
    this.finish = h("div", { class: "card finish-turn", id: "finish-turn" },
      this.finishHelp,
      h("button", {
        type: "button", class: "primary", "data-key": "finish-turn", "aria-describedby": "finish-turn-help",
        onclick: () => this.o.finishTurn(),
      }, t.finishTurn),
    );
    this.nodes = table
      ? [this.who, this.pickFirst, this.turn, this.creating, this.sheetSlot, this.finish]
      : [this.turn, this.sheetSlot];
  }

  update(m: Mirror, o: ScoringOptions): void {
    this.o = o;
    const table = o.mode === "table";
    if (table) {
      this.seatList.update(seatRows(m, o.createdHere));
      setText(this.seatError, o.seatError);
      setHidden(this.seatError, !o.seatError);
    }
    const picked = !table || o.seatNumber !== 0;
    const scoring = picked && o.seatId !== 0;
    setHidden(this.pickFirst, picked);
    setHidden(this.turn, !picked);
    setHidden(this.creating, !picked || scoring);
    setHidden(this.finish, !table || !scoring);
    const p = o.seatId ? seatProgress(m, o.seatId) : { scored: 0, total: scorableIdeas(m).length * criteria(m).length };
    setText(this.turnTitle, table ? t.turnOf(o.seatNumber) : t.phoneSeatTitle(o.seatNumber));
    setText(this.progress, t.seatProgress(o.seatNumber, p.scored, p.total));
    setAttr(this.progress, "data-seat-progress", String(o.seatNumber));
    const missing = p.total - p.scored;
    setText(this.finishHelp, missing > 0 ? t.finishMissing(o.seatNumber, missing) : t.finishAll(o.seatNumber));
    // A sheet belongs to one seat: another seat (or none) drops it with its scores.
    if (!scoring) {
      if (this.sheet) this.sheetSlot.replaceChildren();
      this.sheet = null;
      return;
    }
    if (!this.sheet || this.sheet.seatId !== o.seatId || this.sheet.view.shape !== sheetShape(m)) {
      this.sheet = { seatId: o.seatId, view: new ScoreSheet(m, () => this.o) };
      this.sheetSlot.replaceChildren(this.sheet.view.element);
    } else {
      this.sheet.view.update(m);
    }
  }
}

/** One seat of « Qui note ? »: a button, or a box for a seat scored on a phone. */
class SeatItem implements KeyedItem<SeatRow> {
  readonly node = h("li", {});
  private readonly name = h("span", { class: "seat-name" });
  private readonly status = h("span", { class: "seat-status" });
  private holder: SeatHolder | undefined | null = null; // null: not built yet
  private button: HTMLButtonElement | null = null;

  constructor(row: SeatRow, private readonly options: () => ScoringOptions) {
    this.update(row);
  }

  update(row: SeatRow): void {
    const o = this.options();
    const phone = row.holder === "phone";
    if (this.holder === null || (this.holder === "phone") !== phone) {
      // Rebuilt only when the seat goes to a phone (or back): a box is not a button.
      setText(this.name, t.seat(row.seatNumber));
      setAttr(this.status, "data-seat-progress", String(row.seatNumber));
      this.button = phone ? null : h("button", {
        type: "button", "data-key": `seat-${row.seatNumber}`, "data-seat-number": row.seatNumber,
        onclick: () => this.options().pickSeat(row.seatNumber),
      }, this.name, this.status);
      this.node.replaceChildren(this.button ?? h("div", { class: "seat-button phone" }, this.name, this.status));
    }
    this.holder = row.holder;
    const done = row.total > 0 && row.scored >= row.total;
    setText(this.status, phone
      ? `${t.seatOnPhone} · ${t.progress(row.scored, row.total)}`
      : `${t.progress(row.scored, row.total)}${done ? ` · ${t.seatDone}` : ""}`);
    if (this.button) {
      const className = done ? "seat-button done" : "seat-button";
      if (this.button.className !== className) this.button.className = className;
      setAttr(this.button, "aria-pressed", o.seatNumber === row.seatNumber ? "true" : "false");
    }
  }
}
