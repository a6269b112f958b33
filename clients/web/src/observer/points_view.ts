// The points of an ideation on the big screen, sorted, every bar on one scale (the most points).
// When every idea fits as a large bar, all are large. Otherwise the top three stay large and the
// rest are compact rows in columns; when those do not fit either, they are paged, and the Pager
// turns the pages by themselves (« Page 1 sur 3 » says where it is). Rows off the page stay in
// the list for screen readers (class off-page).
//
// Rows: li.hbar[data-target-id][data-points][data-tables] with .label (a cluster's title in a
// <strong>, after its tag), .fill and .count, as the ideation browser test reads them.
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { o } from "../i18n/observer";
import type { Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { KeyedNodes, placeChildren } from "./keyed";
import { isStage, type Paged } from "./stage";

const kTop = 3;

export class PointsView implements Paged {
  readonly element: HTMLElement;
  private readonly status = h("p", { class: "pager-status", "aria-hidden": "true" });
  private readonly top = h("ol", { class: "plain top" });
  private readonly rest = h("ol", { class: "plain rest" });
  private readonly nodes = new KeyedNodes<TargetResult, HTMLElement>((t) => this.build(t), (node, t) => this.fill(node, t));
  private rows: HTMLElement[] = [];
  private split = Infinity; // rows before it are large
  private perPage = Infinity; // compact rows per page
  private restRows = 1; // compact rows per column
  private shape = "";
  private max = 1;

  constructor() {
    this.element = h("section", { class: "points-view", id: "results", "aria-labelledby": "results-title" },
      h("div", { class: "view-head" }, h("h2", { id: "results-title" }, o.pointsTitle), this.status),
      h("div", { id: "histogram", class: "histogram" }, this.top, this.rest),
    );
  }

  update(m: Mirror): void {
    const points = m.results?.points ?? [];
    this.max = Math.max(1, ...points.map((t) => t.points));
    this.rows = this.nodes.update(points, (t) => String(t.targetId));
    const box = this.top.parentElement as HTMLElement;
    const shape = `${isStage()}|${box.clientWidth}x${box.clientHeight}|${points.map((t) => `${t.targetId}:${t.text.length}`).join(",")}`;
    if (shape !== this.shape) this.fit();
    else this.place();
    this.shape = shape;
  }

  steps(): number {
    const rest = this.rows.length - Math.min(this.split, this.rows.length);
    return rest > 0 && Number.isFinite(this.perPage) ? Math.ceil(rest / this.perPage) : 1;
  }

  show(page: number): void {
    const steps = this.steps();
    this.rows.forEach((row, i) => {
      const onPage = i < this.split || Math.floor((i - this.split) / this.perPage) === page;
      row.classList.toggle("off-page", !onPage);
    });
    this.status.textContent = steps > 1 ? o.page(page + 1, steps) : "";
  }

  private build(t: TargetResult): HTMLElement {
    const node = h("li", { class: "hbar" },
      h("span", { class: "label" }),
      h("span", { class: "track", "aria-hidden": "true" }, h("span", { class: "fill" })),
      h("span", { class: "count" }),
    );
    this.fill(node, t);
    return node;
  }

  private fill(node: HTMLElement, t: TargetResult): void {
    node.dataset.targetId = String(t.targetId);
    node.dataset.points = String(t.points);
    node.dataset.tables = String(t.tables);
    const [label, track, count] = node.children as unknown as HTMLElement[];
    const text = t.isCluster
      ? [h("span", { class: "tag" }, o.cluster), " ", h("strong", {}, t.text), " ", h("span", { class: "members-count" }, o.memberCount(t.ideaIds.length))]
      : [t.text];
    if (label.dataset.text !== `${t.isCluster}|${t.text}|${t.ideaIds.length}`) {
      label.replaceChildren(...text);
      label.dataset.text = `${t.isCluster}|${t.text}|${t.ideaIds.length}`;
      label.title = t.text;
    }
    (track.firstElementChild as HTMLElement).style.width = `${(100 * t.points) / this.max}%`;
    count.replaceChildren(String(t.points), h("span", { class: "sr-only" }, o.pointsSr(t.points) + o.tablesSr(t.tables)));
  }

  /**
   * As many large rows as fit with the rest as compact rows on one page (at least the top
   * three large); when even that does not fit, the top three and pages of compact rows.
   */
  private fit(): void {
    this.split = Infinity;
    this.perPage = Infinity;
    this.place();
    if (!isStage() || this.fits()) return;
    const n = this.rows.length;
    let lo = Math.min(kTop, n); // the most large rows known to fit (or the least we keep)
    let hi = n - 1; // all large does not fit
    if (!this.fitsWith(lo)) hi = lo;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    this.split = lo;
    this.place();
    if (this.fitsWith(lo)) return;
    // Pages of compact rows: rows per column from a compact row's height, two columns.
    const rowHeight = this.rows[lo].getBoundingClientRect().height;
    const style = getComputedStyle(this.rest);
    const gap = parseFloat(style.rowGap) || 0;
    const room = this.rest.clientHeight - (parseFloat(style.paddingTop) || 0) - (parseFloat(style.paddingBottom) || 0);
    const perColumn = Math.max(1, Math.floor((room + gap) / (rowHeight + gap)));
    this.perPage = perColumn * 2;
    this.restRows = perColumn;
    this.place();
  }

  /** Whether `split` large rows and the rest compact, on one page, fit. */
  private fitsWith(split: number): boolean {
    this.split = split;
    this.restRows = Math.max(1, Math.ceil((this.rows.length - split) / 2));
    this.place();
    return this.fits() && this.rest.scrollHeight <= this.rest.clientHeight + 1;
  }

  private fits(): boolean {
    const box = this.top.parentElement as HTMLElement;
    return box.scrollHeight <= box.clientHeight + 1;
  }

  private place(): void {
    const split = Math.min(this.split, this.rows.length);
    this.rows.forEach((row, i) => row.classList.toggle("compact", i >= split));
    placeChildren(this.top, this.rows.slice(0, split));
    placeChildren(this.rest, this.rows.slice(split));
    this.rest.setAttribute("start", String(split + 1));
    this.rest.hidden = split >= this.rows.length;
    this.rest.style.setProperty("--rows", String(this.restRows));
  }
}
