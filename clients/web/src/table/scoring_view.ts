// The evaluation screen (phase SCORING), for the table's shared tablet and for a personal phone.
//
// On the tablet, "Qui note ?" lists the table's seats 1..seats_per_table with each one's
// progress; the person whose turn it is taps their seat, and a banner says whose turn it is, so
// that nobody scores under someone else's seat by mistake. Seats taken by a personal phone are
// shown with their progress but are not pickable: that person scores on the phone.
// On a phone, there is only that seat's scoring.
//
// Each idea shows one 0-10 scale per criterion: a group of native radio buttons (large, labelled
// by their number, arrow keys move between them, a screen reader says "7, 8 of 11") with the
// criterion's end labels, and which end is the good one when lower is better.
import { Direction, ActorKind, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import {
  criteria,
  scoreKey,
  scoreOf,
  scorableIdeas,
  seatProgress,
  seatsPerTable,
  mySeats,
  type Mirror,
  type SeatView,
} from "../state/mirror";
import { h } from "../ui/dom";

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

export interface ScoringOptions {
  mode: "table" | "seat";
  /** Table mode: the seat number whose turn it is (0: nobody picked yet). */
  seatNumber: number;
  /** The seat id scoring now (0: not joined yet, e.g. its JoinSeat is pending). */
  seatId: number;
  createdHere: ReadonlySet<number>;
  /** Values sent but not yet answered, by scoreKey. */
  pending: ReadonlyMap<string, number>;
  pickSeat(seatNumber: number): void;
  /** Table mode: the person whose turn it is has finished; their sheet is hidden. */
  finishTurn(): void;
  score(seatId: number, ideaId: number, criterionId: number, value: number): void;
}

export function scoringView(m: Mirror, o: ScoringOptions): Node[] {
  const out: Node[] = [];
  if (o.mode === "table") {
    out.push(whoScores(m, o));
    if (!o.seatNumber) {
      out.push(h("p", { class: "card" }, t.pickSeatFirst));
      return out;
    }
    out.push(turnBanner(m, o));
    if (!o.seatId) {
      out.push(h("p", { class: "card" }, t.seatCreating));
      return out;
    }
  } else {
    const p = seatProgress(m, o.seatId);
    out.push(h("div", { class: "turn", id: "turn" },
      h("h2", { class: "turn-title" }, t.phoneSeatTitle(o.seatNumber)),
      h("p", { id: "seat-progress", "data-seat-progress": o.seatNumber }, t.seatProgress(o.seatNumber, p.scored, p.total)),
    ));
  }
  out.push(scoreSheet(m, o));
  if (o.mode === "table") out.push(finishTurn(m, o));
  return out;
}

/** The end of a seat's sheet on the shared tablet: « J'ai fini, au suivant ». */
function finishTurn(m: Mirror, o: ScoringOptions): HTMLElement {
  const p = seatProgress(m, o.seatId);
  const missing = p.total - p.scored;
  return h("div", { class: "card finish-turn", id: "finish-turn" },
    h("p", { id: "finish-turn-help" }, missing > 0 ? t.finishMissing(o.seatNumber, missing) : t.finishAll(o.seatNumber)),
    h("button", {
      type: "button", class: "primary", "data-key": "finish-turn", "aria-describedby": "finish-turn-help",
      onclick: () => o.finishTurn(),
    }, t.finishTurn),
  );
}

function whoScores(m: Mirror, o: ScoringOptions): HTMLElement {
  return h("section", { class: "card who", "aria-labelledby": "who-title", id: "who" },
    h("h2", { id: "who-title", tabindex: -1 }, t.whoScores),
    h("p", { class: "hint-text" }, t.whoScoresHelp),
    h("ul", { class: "plain seat-list" }, seatRows(m, o.createdHere).map((row) => {
      const done = row.total > 0 && row.scored >= row.total;
      const status = row.holder === "phone"
        ? `${t.seatOnPhone} · ${t.progress(row.scored, row.total)}`
        : `${t.progress(row.scored, row.total)}${done ? ` · ${t.seatDone}` : ""}`;
      const body = [
        h("span", { class: "seat-name" }, t.seat(row.seatNumber)),
        h("span", { class: "seat-status", "data-seat-progress": row.seatNumber }, status),
      ];
      return h("li", {}, row.holder === "phone"
        ? h("div", { class: "seat-button phone" }, body)
        : h("button", {
            type: "button", class: done ? "seat-button done" : "seat-button",
            "aria-pressed": o.seatNumber === row.seatNumber ? "true" : "false",
            "data-key": `seat-${row.seatNumber}`, "data-seat-number": row.seatNumber,
            onclick: () => o.pickSeat(row.seatNumber),
          }, body));
    })),
  );
}

function turnBanner(m: Mirror, o: ScoringOptions): HTMLElement {
  const p = o.seatId ? seatProgress(m, o.seatId) : { scored: 0, total: scorableIdeas(m).length * criteria(m).length };
  return h("div", { class: "turn", id: "turn" },
    h("p", { class: "turn-title" }, t.turnOf(o.seatNumber)),
    h("p", { id: "seat-progress", "data-seat-progress": o.seatNumber }, t.seatProgress(o.seatNumber, p.scored, p.total)),
    h("a", { href: "#who", class: "button", "data-key": "change-seat", onclick: (ev: Event) => {
      ev.preventDefault();
      document.getElementById("who")?.scrollIntoView({ block: "start" });
      document.querySelector<HTMLElement>('#who button[aria-pressed="true"]')?.focus();
    } }, t.changeSeat),
  );
}

function scoreSheet(m: Mirror, o: ScoringOptions): HTMLElement {
  const ideas = scorableIdeas(m);
  const crits = criteria(m);
  if (crits.length === 0) return h("p", { class: "card" }, t.noCriteria);
  if (ideas.length === 0) return h("p", { class: "card" }, t.noIdeasToScore);
  return h("section", { "aria-labelledby": "score-title", class: "score-sheet" },
    h("h2", { id: "score-title" }, t.scoreIdeas),
    h("p", { class: "hint-text" }, t.scoreHelp),
    h("ol", { class: "plain" }, ideas.map((idea, i) => h("li", {},
      h("section", { class: "card idea-score", "aria-labelledby": `idea-${idea.id}-title`, "data-idea-id": idea.id },
        h("span", { class: "tag" }, t.ideaN(i + 1, ideas.length)),
        h("h3", { id: `idea-${idea.id}-title`, class: "idea-title" }, idea.text),
        crits.map((c) => criterionScale(m, o, idea.id, c)),
      ),
    ))),
  );
}

function criterionScale(m: Mirror, o: ScoringOptions, ideaId: number, c: Criterion): HTMLElement {
  const key = scoreKey(o.seatId, ideaId, c.id);
  const pending = o.pending.get(key);
  const value = pending ?? scoreOf(m, o.seatId, ideaId, c.id);
  const base = `s-${ideaId}-${c.id}`;
  const min = c.minValue;
  const max = c.maxValue || 10;
  const lowerBetter = c.direction === Direction.LOWER_IS_BETTER;
  const choices: HTMLElement[] = [];
  for (let v = min; v <= max; v++) {
    const input = h("input", {
      type: "radio", name: base, value: v, checked: value === v, "data-key": `${base}-${v}`,
      onchange: () => o.score(o.seatId, ideaId, c.id, v),
    });
    choices.push(h("label", { class: "score-choice" }, input, h("span", {}, String(v))));
  }
  const goodEnd = (end: "low" | "high") => (lowerBetter ? end === "low" : end === "high")
    ? h("strong", { class: "best" }, ` (${t.best})`) : null;
  return h("fieldset", {
    class: "criterion", role: "radiogroup", "aria-labelledby": `${base}-legend`,
    "aria-describedby": `${base}-ends${lowerBetter ? ` ${base}-dir` : ""}`,
    "data-criterion-id": c.id,
  },
    h("legend", { id: `${base}-legend` }, c.name),
    h("p", { class: "current", "data-score": value ?? "" },
      o.mode === "table" ? t.currentScoreOf(o.seatNumber, value) : t.currentScore(value), pending !== undefined ? t.scoreSending : ""),
    lowerBetter ? h("p", { class: "direction", id: `${base}-dir` }, t.lowerIsBetter(min, c.lowLabel)) : null,
    h("div", { class: "scale" }, choices),
    h("div", { class: "ends", id: `${base}-ends` },
      h("span", {}, `${min} = ${c.lowLabel || min}`, goodEnd("low")),
      h("span", {}, `${max} = ${c.highLabel || max}`, goodEnd("high")),
    ),
  );
}
