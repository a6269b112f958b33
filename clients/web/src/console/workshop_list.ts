// The workshops this browser created or opened a console of, at /console above the create form:
// newest first, each a link to its console (/console?workshop=ID; the token is in this browser),
// with its template and when, and a way to forget it here (with a confirmation; the workshop
// stays on the server, its secret link still opens it).
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { h, replaceChildren } from "../ui/dom";
import type { ConsoleStore, RememberedWorkshop } from "./console_store";

const when = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
  day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
});

export function consolePath(workshopId: string): string {
  return `/console?workshop=${encodeURIComponent(workshopId)}`;
}

export class WorkshopList {
  readonly element = h("section", { class: "card workshops", id: "workshops", "aria-labelledby": "workshops-title" });
  /** The entry whose "Oublier" asks for confirmation. */
  private confirming = "";

  constructor(
    private readonly store: ConsoleStore,
    private readonly announce: (text: string) => void,
  ) {}

  render(): void {
    const list = this.store.workshops();
    this.element.hidden = list.length === 0;
    replaceChildren(this.element,
      h("h2", { id: "workshops-title", tabindex: -1 }, t.workshops.title),
      h("p", { class: "hint-text" }, t.workshops.help),
      h("ul", { class: "plain workshop-list" }, list.map((w) => this.item(w))),
    );
  }

  private item(w: RememberedWorkshop): HTMLElement {
    const question = w.question || t.workshops.untitled;
    const meta = `${w.template === "evaluation" ? t.create.evaluation : t.create.ideation} · ${
      w.createdHere ? t.workshops.created(when.format(w.atMs)) : t.workshops.opened(when.format(w.atMs))}`;
    const confirming = this.confirming === w.id;
    return h("li", { class: "workshop-item", "data-workshop": w.id },
      h("div", { class: "workshop-text" },
        h("a", { href: consolePath(w.id), class: "workshop-open" }, question),
        h("p", { class: "hint-text" }, meta),
      ),
      confirming
        ? h("div", { class: "forget-confirm", role: "group", "aria-label": t.workshops.forgetNamed(question) },
            h("p", {}, t.workshops.forgetQuestion),
            h("div", { class: "row" },
              h("button", { type: "button", class: "danger small", "data-key": `forget-yes-${w.id}`, onclick: () => this.forget(w, question) }, t.workshops.forgetConfirm),
              h("button", { type: "button", class: "small", "data-key": `forget-no-${w.id}`, onclick: () => this.ask("", w.id) }, t.workshops.forgetCancel),
            ),
          )
        : h("button", {
            type: "button", class: "small", "data-key": `forget-${w.id}`, "aria-label": t.workshops.forgetNamed(question),
            onclick: () => this.ask(w.id, w.id),
          }, t.workshops.forget),
    );
  }

  private ask(id: string, focusOf: string): void {
    this.confirming = id;
    this.render();
    const key = id ? `forget-no-${focusOf}` : `forget-${focusOf}`;
    this.element.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus();
  }

  private forget(w: RememberedWorkshop, question: string): void {
    const list = this.store.workshops();
    const next = list[list.findIndex((x) => x.id === w.id) + 1];
    this.store.forget(w.id);
    this.confirming = "";
    this.render();
    this.announce(t.workshops.forgotten(question));
    const link = next ? this.element.querySelector<HTMLElement>(`[data-workshop="${CSS.escape(next.id)}"] a`) : null;
    (link ?? (this.element.hidden ? document.getElementById("create-question") : document.getElementById("workshops-title")))?.focus();
  }
}
