// The idea wall on the big screen: every idea as a post-it, live and anonymous (observers never
// get authors), and during grouping each cluster as a card with its title, how many ideas it
// holds and those ideas nested in it, where its first idea stood. A new idea fades in at the end
// without moving the others; a merge slides the rest into place (keyed.ts).
//
// On a stage the wall fits the screen: as ideas come, the post-its get smaller (a few density
// steps, each a calm re-layout rather than one per idea); past the smallest, the oldest ideas
// leave the screen (still read by screen readers) with a line saying how many.
import { o } from "../i18n/observer";
import type { Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { animateMoves, KeyedNodes, placeChildren } from "./keyed";
import { wallItems, type WallItem } from "./participation";
import { isStage } from "./stage";

const kDensities = 6; // data-density 0 (largest) .. 5 (smallest), observer.css
const kMembersShown = 4;

export class WallView {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "wall-title" });
  private readonly note = h("p", { class: "waiting", id: "wall-note" });
  private readonly list = h("ul", { class: "plain wall", id: "wall-list", "data-density": "0" });
  private readonly older = h("p", { class: "pager-status", id: "wall-older", hidden: true });
  private readonly nodes = new KeyedNodes<WallItem, HTMLElement>((item) => this.build(item), (node, item) => this.fill(node, item));
  private shape = "";

  constructor() {
    this.element = h("section", { class: "wall-view", id: "wall", "aria-labelledby": "wall-title" },
      h("div", { class: "view-head" }, this.title, this.older), this.note, this.list);
  }

  /** note: why the results are not shown here yet ("" for none). */
  update(m: Mirror, title: string, note: string): void {
    this.title.textContent = title;
    const items = wallItems(m);
    const text = note || (items.length === 0 ? o.wallEmpty : "");
    this.note.textContent = text;
    this.note.hidden = !text;
    animateMoves(this.list, () => {
      placeChildren(this.list, this.nodes.update(items, (i) => i.key));
      // Sizes change only when what is on the wall changes, not on every event.
      const shape = `${isStage()}|${this.list.clientWidth}x${this.list.clientHeight}|${items.map((i) => `${i.key}:${i.ideas.length}`).join(",")}|${text}`;
      if (shape !== this.shape) this.fit(items);
      this.shape = shape;
    });
  }

  private build(item: WallItem): HTMLElement {
    const node = h("li", {});
    this.fill(node, item);
    return node;
  }

  private fill(node: HTMLElement, item: WallItem): void {
    const c = item.cluster;
    // Classes by toggle: the node may be off the screen (off-page), which a refresh keeps.
    node.classList.toggle("postit", !c);
    node.classList.toggle("cluster-card", !!c);
    if (!c) {
      const idea = item.ideas[0];
      node.dataset.ideaId = String(idea.id);
      delete node.dataset.clusterId;
      if (node.textContent !== idea.text || node.firstElementChild?.tagName !== "P") node.replaceChildren(h("p", { class: "postit-text" }, idea.text));
      return;
    }
    node.dataset.clusterId = String(c.id);
    delete node.dataset.ideaId;
    const shown = item.ideas.slice(0, kMembersShown);
    const more = item.ideas.length - shown.length;
    node.replaceChildren(
      h("p", { class: "cluster-head" },
        h("span", { class: "tag" }, o.cluster), " ",
        h("strong", { class: "cluster-title" }, c.title), " ",
        h("span", { class: "cluster-count" }, o.memberCount(item.ideas.length)),
      ),
      h("ul", { class: "plain cluster-members" },
        shown.map((i) => h("li", { "data-idea-id": i.id }, i.text)),
        more > 0 ? h("li", { class: "more" }, o.moreMembers(more)) : null,
      ),
    );
  }

  /** On a stage: the largest density at which the wall fits, then the oldest ideas off screen. */
  private fit(items: readonly WallItem[]): void {
    const cards = [...this.list.children] as HTMLElement[];
    cards.forEach((n) => n.classList.remove("off-page"));
    this.older.hidden = true;
    if (!isStage()) {
      this.list.dataset.density = "0";
      return;
    }
    const overflows = () => this.list.scrollHeight > this.list.clientHeight + 1;
    let d = 0;
    this.list.dataset.density = "0";
    while (overflows() && d < kDensities - 1) this.list.dataset.density = String(++d);
    if (!overflows()) return;
    // Still too many at the smallest size: the newest stay, the oldest leave the screen a row at
    // a time (so that a new idea moves the others only when it starts a row).
    const columns = getComputedStyle(this.list).gridTemplateColumns.split(" ").filter(Boolean).length || 1;
    let hidden = 0;
    let ideas = 0;
    this.older.hidden = false;
    while (overflows() && hidden < cards.length - 1) {
      for (let i = 0; i < columns && hidden < cards.length - 1; i++) {
        ideas += items[hidden].ideas.length;
        cards[hidden++].classList.add("off-page");
      }
      this.older.textContent = o.olderIdeas(ideas);
    }
  }
}
