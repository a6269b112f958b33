// « Qui vote ? »: in a vote where each seat votes, the table's tablet lists the seats of the table
// (1..seats_per_table, joined or not) and the person whose turn it is taps theirs, as « Qui note ? »
// does for the scoring (scoring_view.ts); a seat voting on a personal phone is shown, not
// pickable. Each seat says whether it has voted in this step, never how. Kept by key: a vote
// answered changes a word, never replaces a button under the finger.
import { bw } from "../i18n/ballot";
import { t } from "../i18n/table";
import { mySeats, seatsPerTable, type Mirror, type SeatView } from "../state/mirror";
import { h } from "../ui/dom";
import { voterBallot } from "./ballot_model";
import { KeyedList, setAttr, setHidden, setText, type KeyedItem } from "./keyed_list";
import { seatHolder, type SeatHolder } from "./scoring_view";

export interface VoterRow {
  seatNumber: number;
  seat: SeatView | undefined; // undefined: not joined yet (the tablet creates it when picked)
  holder: SeatHolder | undefined;
  voted: boolean;
}

/** Every seat number of the table, with who holds it and whether it has voted in the step. */
export function voterRows(m: Mirror, stepId: number, createdHere: ReadonlySet<number>): VoterRow[] {
  const seats = mySeats(m);
  const count = Math.max(seatsPerTable(m), ...seats.map((s) => s.seatNumber));
  const rows: VoterRow[] = [];
  for (let n = 1; n <= count; n++) {
    const seat = seats.find((s) => s.seatNumber === n);
    rows.push({
      seatNumber: n, seat,
      holder: seat ? seatHolder(seat, createdHere) : undefined,
      voted: !!seat && !!voterBallot(m, stepId, { tableId: m.tableId, seatId: seat.id }),
    });
  }
  return rows;
}

export interface VoterPickerOptions {
  /** The seat number whose turn it is (0: nobody picked yet). */
  turn: number;
  /** A refused pick (a seat taken meanwhile), "" for none. */
  error: string;
  pickSeat(seatNumber: number): void;
}

export class VoterPicker {
  readonly element: HTMLElement;
  private o: VoterPickerOptions;
  private readonly list: KeyedList<VoterRow, VoterItem>;
  private readonly error = h("p", { class: "field-error", id: "seat-error", role: "alert", hidden: true });

  constructor(o: VoterPickerOptions) {
    this.o = o;
    const ul = h("ul", { class: "plain seat-list" });
    this.list = new KeyedList(ul, (r) => r.seatNumber, (r) => new VoterItem(r, () => this.o));
    // Same ids as « Qui note ? » (only one is on the page): « J'ai fini » brings the focus here.
    this.element = h("section", { class: "card who", "aria-labelledby": "who-title", id: "who" },
      h("h2", { id: "who-title", tabindex: -1 }, bw.whoVotes),
      h("p", { class: "hint-text" }, bw.whoVotesHelp),
      this.error,
      ul,
    );
  }

  update(rows: VoterRow[], o: VoterPickerOptions): void {
    this.o = o;
    this.list.update(rows);
    setText(this.error, o.error);
    setHidden(this.error, !o.error);
  }
}

class VoterItem implements KeyedItem<VoterRow> {
  readonly node = h("li", {});
  private readonly name = h("span", { class: "seat-name" });
  private readonly status = h("span", { class: "seat-status" });
  private holder: SeatHolder | undefined | null = null; // null: not built yet
  private button: HTMLButtonElement | null = null;

  constructor(row: VoterRow, private readonly options: () => VoterPickerOptions) {
    this.update(row);
  }

  update(row: VoterRow): void {
    const phone = row.holder === "phone";
    if (this.holder === null || (this.holder === "phone") !== phone) {
      // Rebuilt only when the seat goes to a phone (or back): a box is not a button.
      setText(this.name, t.seat(row.seatNumber));
      this.button = phone ? null : h("button", {
        type: "button", "data-key": `voter-${row.seatNumber}`, "data-seat-number": row.seatNumber,
        onclick: () => this.options().pickSeat(row.seatNumber),
      }, this.name, this.status);
      this.node.replaceChildren(this.button ?? h("div", { class: "seat-button phone" }, this.name, this.status));
    }
    this.holder = row.holder;
    setText(this.status, phone ? `${bw.votesOnPhone} · ${row.voted ? bw.voted : bw.notVoted}` : row.voted ? bw.voted : bw.notVoted);
    setAttr(this.status, "data-voted", row.voted ? "true" : "false");
    if (this.button) {
      const className = row.voted ? "seat-button done" : "seat-button";
      if (this.button.className !== className) this.button.className = className;
      setAttr(this.button, "aria-pressed", this.options().turn === row.seatNumber ? "true" : "false");
    }
  }
}
