// Tables joined (number and name), their seats, and how far each has gone: ideas posted, the
// vote shown in its ballot's terms (points or gommettes given out of the budget, a choice, a
// ranking or buckets made; where each participant votes, how many of the table's have voted),
// seats that scored (evaluation). A data table, so that a screen reader reads each figure with
// its column and row headers.
import { BallotKind, Template, Voter } from "../gen/atelier/v1/workshop_pb";
import { b as bw } from "../i18n/ballots";
import { t } from "../i18n/console";
import { profiles, type Mirror } from "../state/mirror";
import { h, replaceChildren } from "../ui/dom";
import { progressTotals, tableProgress, type TableProgress } from "./progress";

export class ProgressPanel {
  readonly element: HTMLElement;
  private readonly body = h("div", {});

  constructor() {
    this.element = h("section", { class: "card progress", id: "console-tables", "aria-labelledby": "progress-title" },
      h("h2", { id: "progress-title", tabindex: -1 }, t.progress.title),
      this.body,
    );
  }

  render(m: Mirror): void {
    const rows = tableProgress(m);
    if (rows.length === 0) {
      replaceChildren(this.body, h("p", { class: "hint-text" }, t.progress.none));
      return;
    }
    const evaluation = m.config?.template === Template.EVALUATION;
    const totals = progressTotals(rows, m);
    const vote = rows[0].vote;
    // Where tables and seats choose a profile: the table's, and a seat's own after its number.
    const withProfiles = profiles(m).length > 0;
    replaceChildren(this.body,
      h("p", { id: "progress-summary" }, t.progress.summary(totals.tables, totals.seats),
        evaluation ? null : h("span", { id: "progress-voted" }, " · ", bw.voted(vote.voter, totals.ballotsCast, totals.ballotsOf))),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "progress-caption" },
        h("table", { class: "data", id: "progress-table" },
          h("caption", { class: "sr-only", id: "progress-caption" }, t.progress.caption),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t.progress.table),
            withProfiles ? h("th", { scope: "col" }, t.progress.profile) : null,
            h("th", { scope: "col" }, t.progress.seats),
            evaluation ? null : h("th", { scope: "col" }, t.progress.ideas),
            evaluation ? null : h("th", { scope: "col" }, t.progress.voteColumn(vote.kind, vote.voter === Voter.SEAT)),
            evaluation ? h("th", { scope: "col" }, t.progress.scored) : null,
          )),
          h("tbody", {}, rows.map((r) => h("tr", {},
            h("th", { scope: "row" }, t.tableLabel(r.id, r.name)),
            withProfiles ? h("td", { class: "profile-cell" }, r.profile || t.progress.noProfile) : null,
            h("td", {}, r.seatNumbers.length > 0 ? t.progress.seatList(r.seatNumbers, r.seatProfiles) : t.progress.noSeat),
            evaluation ? null : h("td", { class: "num" }, String(r.ideas)),
            evaluation ? null : voteCell(r),
            evaluation ? h("td", { class: "num" }, t.progress.scoredOf(r.seatsScored, r.seatNumbers.length, r.seatsComplete)) : null,
          ))),
        ),
      ),
    );
  }
}

/** A table's vote, in its ballot's terms. */
function voteCell(r: TableProgress): HTMLElement {
  const v = r.vote;
  const meter = (n: number, of: number) => h("span", { class: "spent-meter", "aria-hidden": "true" },
    h("span", { style: `width: ${Math.min(100, (100 * n) / Math.max(1, of))}%` }));
  if (v.voter === Voter.SEAT) {
    return h("td", { class: "num" }, t.progress.seatsVoted(v.cast, v.of), meter(v.cast, v.of));
  }
  switch (v.kind) {
    case BallotKind.BUDGET:
    case BallotKind.DOTS:
      return h("td", { class: "num" }, t.progress.pointsOf(v.spent, r.budget), meter(v.spent, r.budget));
    case BallotKind.BUCKETS:
      return h("td", { class: "num" }, t.progress.sorted(v.named));
    default:
      return h("td", { class: "num" }, v.cast > 0 ? t.progress.chosen(v.kind === BallotKind.RANKING, v.named) : t.progress.notYet);
  }
}
