// The confirmation before a merge that moves points (issue 12, bug 7): how many points (or
// gommettes) go back to how many tables (or participants), and why for each, in plain words;
// « Regrouper quand même » or « Annuler » (Escape too). A modal dialog: the wall behind it goes
// on updating, nothing else is clicked by mistake. Only asked when the merge hands points back
// (merge_release.ts).
import { t } from "../i18n/console";
import { h, replaceChildren } from "../ui/dom";
import type { MergeRelease, TableRelease } from "./merge_release";

export class MergeWarning {
  readonly element: HTMLDialogElement;
  private readonly title = h("h2", { id: "merge-warning-title" }, t.mergeWarning.title);
  private readonly summary = h("p", { id: "merge-warning-summary" });
  private readonly list = h("ul", { class: "merge-warning-tables", id: "merge-warning-tables" });
  private readonly after = h("p", { class: "hint-text", id: "merge-warning-after" }, t.mergeWarning.after);
  private readonly confirm = h("button", { type: "button", class: "primary", "data-key": "merge-warning-confirm" }, t.mergeWarning.confirm);
  private readonly cancel = h("button", { type: "button", "data-key": "merge-warning-cancel" }, t.mergeWarning.cancel);
  private answer: ((ok: boolean) => void) | null = null;

  constructor() {
    this.element = h("dialog", { class: "merge-warning", "aria-labelledby": "merge-warning-title", "aria-describedby": "merge-warning-summary" },
      this.title,
      this.summary,
      this.list,
      this.after,
      h("div", { class: "delete-actions" }, this.cancel, this.confirm),
    ) as HTMLDialogElement;
    this.confirm.addEventListener("click", () => this.close(true));
    this.cancel.addEventListener("click", () => this.close(false));
    // Escape closes the dialog: that is a no.
    this.element.addEventListener("close", () => this.close(false));
  }

  /**
   * Shows what the merge titled `title` will hand back; resolves true to merge. Tables' points
   * only: as before ballots; dots or participants' ballots: each in its own words.
   */
  ask(release: MergeRelease, title: string): Promise<boolean> {
    this.close(false);
    const rows = release.tables;
    const plain = rows.every((r) => !r.dots && r.seatId === 0);
    this.title.textContent = plain ? t.mergeWarning.title : t.mergeWarning.titleVotes;
    if (plain) {
      this.summary.textContent = t.mergeWarning.summary(title, release.total, rows.length);
      this.after.textContent = t.mergeWarning.after;
    } else {
      const points = rows.filter((r) => !r.dots).reduce((n, r) => n + r.released, 0);
      const dots = rows.filter((r) => r.dots).reduce((n, r) => n + r.released, 0);
      const seats = rows.filter((r) => r.seatId !== 0).length;
      this.summary.textContent = t.mergeWarning.summaryVotes(title, points, dots, rows.length - seats, seats);
      this.after.textContent = t.mergeWarning.afterVotes;
    }
    replaceChildren(this.list, rows.map((r) => h("li", {},
      h("strong", {}, voterLabel(r)), t.mergeWarning.colon, plain ? tableLine(r) : voteLine(r))));
    return new Promise((resolve) => {
      this.answer = resolve;
      this.element.showModal();
      this.cancel.focus(); // the safe choice under a stray Enter
    });
  }

  private close(ok: boolean): void {
    const answer = this.answer;
    this.answer = null;
    if (this.element.open) this.element.close();
    answer?.(ok);
  }
}

function voterLabel(r: TableRelease): string {
  const table = t.tableLabel(r.tableId, r.name);
  return r.seatId === 0 ? table : t.mergeWarning.seatOf(table, r.seatNumber);
}

/** A table's points, as the warning said them before ballots. */
function tableLine(r: TableRelease): string {
  return r.reason === "own" ? t.mergeWarning.own(r.released) : t.mergeWarning.cap(r.released, r.before, r.cap);
}

/** A ballot of points or dots, a table's or a participant's. */
function voteLine(r: TableRelease): string {
  return r.reason === "own"
    ? t.mergeWarning.ownVote(r.released, r.dots)
    : t.mergeWarning.capVote(r.released, r.before, r.cap, r.dots, r.seatId !== 0);
}
