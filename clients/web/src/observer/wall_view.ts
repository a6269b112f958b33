// The idea wall on the big screen: every idea as a post-it, live and anonymous (observers never
// get authors), and during grouping each cluster as a card with its title, how many ideas it
// holds and those ideas nested in it, where its first idea stood. A new idea fades in at the end
// without moving the others; a merge slides the rest into place (keyed.ts).
//
// On a stage the wall fits the screen: as ideas come, the post-its get smaller once (a calm
// re-layout rather than one per idea), never below what reads from the back of the room. Past
// that, while ideas come (divergence) the newest stay on screen and the oldest leave it, with a
// line saying how many; once they stop coming (grouping) the wall is paged from its first idea,
// and the Pager turns the pages by themselves, so that every cluster comes on screen in its
// turn. What is off screen is still read by screen readers (class off-page).
import { o } from "../i18n/observer";
import type { Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { ideaFacets } from "../ui/post_its";
import { animateMoves, KeyedNodes, placeChildren } from "./keyed";
import { wallItems, type WallItem } from "./participation";
import { isStage, type Paged } from "./stage";

const kDensities = 2; // data-density 0 (largest) and 1 (the floor), observer.css
const kMembersShown = 4;

export class WallView implements Paged {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "wall-title" });
  private readonly note = h("p", { class: "waiting", id: "wall-note" });
  private readonly list = h("ul", { class: "plain wall", id: "wall-list", "data-density": "0" });
  private readonly older = h("p", { class: "pager-status", id: "wall-older", hidden: true });
  private readonly nodes = new KeyedNodes<WallItem, HTMLElement>((item) => this.build(item), (node, item) => this.fill(node, item));
  private shape = "";
  private paged = false;
  private mirror: Mirror | null = null;
  /** In paged mode, the index of each page's first card. */
  private starts: number[] = [0];

  constructor() {
    this.element = h("section", { class: "wall-view", id: "wall", "aria-labelledby": "wall-title" },
      h("div", { class: "view-head" }, this.title, this.older), this.note, this.list);
  }

  /**
   * note: why the results are not shown here yet ("" for none). paged: pages of the wall from
   * its first idea when it does not fit, rather than the newest ideas (while they come).
   */
  update(m: Mirror, title: string, note: string, paged: boolean): void {
    this.title.textContent = title;
    this.mirror = m;
    const items = wallItems(m);
    const text = note || (items.length === 0 ? o.wallEmpty : "");
    this.note.textContent = text;
    this.note.hidden = !text;
    animateMoves(this.list, () => {
      placeChildren(this.list, this.nodes.update(items, (i) => i.key));
      // Sizes change only when what is on the wall changes, not on every event.
      const shape = `${isStage()}|${paged}|${this.list.clientWidth}x${this.list.clientHeight}|${items.map((i) => `${i.key}:${i.ideas.length}`).join(",")}|${text}`;
      this.paged = paged;
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
      // A post-it of its category's colour, the category's word on it (not the colour alone).
      const category = this.mirror ? ideaFacets(this.mirror, idea).category : undefined;
      const look = category ? `background:${category.colour};color:${category.ink};border-color:rgba(27,31,36,0.45)` : "";
      if ((node.getAttribute("style") ?? "") !== look) {
        if (look) node.setAttribute("style", look);
        else node.removeAttribute("style");
      }
      const word = category?.name ?? "";
      if (node.dataset.word !== word || node.querySelector(".postit-text")?.textContent !== idea.text) {
        node.dataset.word = word;
        node.replaceChildren(...(word ? [h("p", { class: "facet-word" }, word)] : []), h("p", { class: "postit-text" }, idea.text));
      }
      return;
    }
    node.dataset.clusterId = String(c.id);
    delete node.dataset.ideaId;
    node.removeAttribute("style");
    delete node.dataset.word;
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

  steps(): number {
    return this.paged ? this.starts.length : 1;
  }

  /** In paged mode, shows page `index` of the wall and says which it is. */
  show(index: number): void {
    if (!this.paged || this.starts.length <= 1) return;
    const cards = [...this.list.children] as HTMLElement[];
    const from = this.starts[index] ?? 0;
    const to = this.starts[index + 1] ?? cards.length;
    cards.forEach((n, i) => n.classList.toggle("off-page", i < from || i >= to));
    this.older.textContent = o.page(index + 1, this.starts.length);
  }

  /** On a stage: the largest density at which the wall fits, then the newest ideas or pages. */
  private fit(items: readonly WallItem[]): void {
    const cards = [...this.list.children] as HTMLElement[];
    cards.forEach((n) => n.classList.remove("off-page"));
    this.older.hidden = true;
    this.starts = [0];
    if (!isStage()) {
      this.list.dataset.density = "0";
      return;
    }
    const overflows = () => this.list.scrollHeight > this.list.clientHeight + 1;
    let d = 0;
    this.list.dataset.density = "0";
    while (overflows() && d < kDensities - 1) this.list.dataset.density = String(++d);
    if (!overflows()) return;
    if (this.paged) {
      this.paginate(cards);
      return;
    }
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

  /**
   * Cuts the wall into pages of what fits, in order: each page starts at the first card that
   * overflowed the page before (cards are placed in order, a cluster taking two rows).
   */
  private paginate(cards: HTMLElement[]): void {
    const bottom = () => this.list.getBoundingClientRect().bottom + 1;
    for (let start = 0; ;) {
      cards.forEach((n, i) => n.classList.toggle("off-page", i < start));
      const limit = bottom();
      const next = cards.findIndex((n, i) => i > start && n.getBoundingClientRect().bottom > limit);
      if (next < 0) break;
      this.starts.push(next);
      start = next;
    }
    this.older.hidden = this.starts.length <= 1;
    this.show(0);
  }
}
