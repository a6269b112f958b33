// The console's in-page navigation: one link per section of the main column (the wall, the
// tables, the results…), in the order the sections stand, each with a live count where one
// helps ("Mur des idées (12)"). A link scrolls its section to the top and moves the focus to its
// heading; nothing is re-rendered, so the live state (a form being typed, a selection) is kept.
//
// The links are built once: a count is updated in place, and reordering moves the same nodes.
import { h } from "../ui/dom";
import type { SectionKey } from "./layout";

/** A section of the main column, or the exports inside the results. */
export type NavKey = SectionKey | "exports";

export interface NavEntry {
  key: NavKey;
  label: string;
  /** The section: its id names the link's target; scrolled to unless `scrollTo` says otherwise. */
  section: HTMLElement;
  /** Where to scroll when it is not the section itself (e.g. the open timeline). */
  scrollTo?: () => HTMLElement;
  /** What gets the focus (a heading with tabindex="-1", or a control). */
  focus: () => HTMLElement | null;
}

export class SectionNav {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "plain section-nav" });
  private readonly items = new Map<NavKey, { li: HTMLElement; count: HTMLElement }>();

  /** before: called with the key before scrolling (e.g. to leave the timeline for the live view). */
  constructor(label: string, entries: NavEntry[], private readonly before: (key: NavKey) => void = () => {}) {
    for (const e of entries) {
      const count = h("span", { class: "nav-count" });
      const link = h("a", {
        href: `#${e.section.id}`, "data-key": `nav-${e.key}`,
        onclick: (ev: Event) => {
          ev.preventDefault();
          this.before(e.key);
          (e.scrollTo?.() ?? e.section).scrollIntoView({ block: "start" });
          e.focus()?.focus({ preventScroll: true });
        },
      }, e.label, count);
      this.items.set(e.key, { li: h("li", {}, link), count });
    }
    this.element = h("nav", { class: "card console-nav", "aria-label": label }, this.list);
  }

  /** Shows the entries of `keys`, in that order; the others are taken out. */
  order(keys: NavKey[]): void {
    const wanted = keys.map((k) => this.items.get(k)?.li).filter((li): li is HTMLElement => !!li);
    const now = [...this.list.children];
    if (now.length === wanted.length && now.every((el, i) => el === wanted[i])) return;
    const active = document.activeElement as HTMLElement | null;
    this.list.replaceChildren(...wanted);
    if (active && this.list.contains(active)) active.focus(); // a moved link keeps the focus
  }

  /** Sets the count shown after a section's name ("" for none). */
  count(key: NavKey, text: string): void {
    const item = this.items.get(key);
    if (item && item.count.textContent !== text) item.count.textContent = text;
  }
}
