// Tables joined (number and name), their seats, and how far each has gone: ideas posted, points
// spent out of the budget (ideation), seats that scored (evaluation). A data table, so that a
// screen reader reads each figure with its column and row headers.
import { Template } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/console";
import type { Mirror } from "../state/mirror";
import { h, replaceChildren } from "../ui/dom";
import { progressTotals, tableProgress } from "./progress";

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
    replaceChildren(this.body,
      h("p", { id: "progress-summary" }, t.progress.summary(totals.tables, totals.seats)),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "progress-caption" },
        h("table", { class: "data", id: "progress-table" },
          h("caption", { class: "sr-only", id: "progress-caption" }, t.progress.caption),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t.progress.table),
            h("th", { scope: "col" }, t.progress.seats),
            evaluation ? null : h("th", { scope: "col" }, t.progress.ideas),
            evaluation ? null : h("th", { scope: "col" }, t.progress.points),
            evaluation ? h("th", { scope: "col" }, t.progress.scored) : null,
          )),
          h("tbody", {}, rows.map((r) => h("tr", {},
            h("th", { scope: "row" }, t.tableLabel(r.id, r.name)),
            h("td", {}, r.seatNumbers.length > 0 ? t.progress.seatList(r.seatNumbers) : t.progress.noSeat),
            evaluation ? null : h("td", { class: "num" }, String(r.ideas)),
            evaluation ? null : h("td", { class: "num" },
              t.progress.pointsOf(r.pointsSpent, r.budget),
              h("span", { class: "spent-meter", "aria-hidden": "true" },
                h("span", { style: `width: ${Math.min(100, (100 * r.pointsSpent) / Math.max(1, r.budget))}%` }))),
            evaluation ? h("td", { class: "num" }, t.progress.scoredOf(r.seatsScored, r.seatNumbers.length, r.seatsComplete)) : null,
          ))),
        ),
      ),
    );
  }
}
