// The confirmation before a merge that moves points (issue 12, bug 7): how many points go back
// to how many tables, and why for each, in plain words; « Regrouper quand même » or « Annuler »
// (Escape too). A modal dialog: the wall behind it goes on updating, nothing else is clicked by
// mistake. Only asked when the merge hands points back (merge_release.ts).
import { t } from "../i18n/console";
import { h, replaceChildren } from "../ui/dom";
import type { MergeRelease } from "./merge_release";

export class MergeWarning {
  readonly element: HTMLDialogElement;
  private readonly summary = h("p", { id: "merge-warning-summary" });
  private readonly list = h("ul", { class: "merge-warning-tables", id: "merge-warning-tables" });
  private readonly confirm = h("button", { type: "button", class: "primary", "data-key": "merge-warning-confirm" }, t.mergeWarning.confirm);
  private readonly cancel = h("button", { type: "button", "data-key": "merge-warning-cancel" }, t.mergeWarning.cancel);
  private answer: ((ok: boolean) => void) | null = null;

  constructor() {
    this.element = h("dialog", { class: "merge-warning", "aria-labelledby": "merge-warning-title", "aria-describedby": "merge-warning-summary" },
      h("h2", { id: "merge-warning-title" }, t.mergeWarning.title),
      this.summary,
      this.list,
      h("p", { class: "hint-text" }, t.mergeWarning.after),
      h("div", { class: "delete-actions" }, this.cancel, this.confirm),
    ) as HTMLDialogElement;
    this.confirm.addEventListener("click", () => this.close(true));
    this.cancel.addEventListener("click", () => this.close(false));
    // Escape closes the dialog: that is a no.
    this.element.addEventListener("close", () => this.close(false));
  }

  /** Shows what the merge titled `title` will hand back; resolves true to merge. */
  ask(release: MergeRelease, title: string, cap: number): Promise<boolean> {
    this.close(false);
    this.summary.textContent = t.mergeWarning.summary(title, release.total, release.tables.length);
    replaceChildren(this.list, release.tables.map((r) => h("li", {},
      h("strong", {}, t.tableLabel(r.tableId, r.name)), t.mergeWarning.colon,
      r.reason === "own" ? t.mergeWarning.own(r.released) : t.mergeWarning.cap(r.released, r.before, cap))));
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
