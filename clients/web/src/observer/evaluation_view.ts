// The results of an evaluation on the big screen: on the left the ranking (the top three large,
// the rest compact rows, paged), on the right one idea at a time with all its distributions at
// once, one chart per criterion, every chart on one scale (the tallest bar of all the results).
// The Pager steps through the ideas in rank order by itself; the ranking shows the page of the
// idea on the right and marks it. In a scrolling page (a phone), everything is listed instead.
//
// Ranking rows: li.rank-row[data-idea-id][data-rank][data-overall]; distributions: li.idea-dist
// [data-idea-id] holding figure.dist per criterion (distribution.ts). What is off screen stays in
// the lists for screen readers (class off-page).
import type { IdeaEvaluation } from "../gen/atelier/v1/state_pb";
import type { Criterion } from "../gen/atelier/v1/workshop_pb";
import { agreementWords, decimal } from "../i18n/common";
import { o } from "../i18n/observer";
import { criteria, type Mirror } from "../state/mirror";
import { agreement } from "../ui/consensus";
import { h } from "../ui/dom";
import { distributionChart } from "./distribution";
import { sharedTop } from "./figures";
import { KeyedNodes, placeChildren } from "./keyed";
import { isStage, type Paged } from "./stage";

const kTop = 3;

export class EvaluationView implements Paged {
  readonly element: HTMLElement;
  private readonly rankStatus = h("p", { class: "pager-status", "aria-hidden": "true" });
  private readonly distStatus = h("p", { class: "pager-status", "aria-hidden": "true" });
  private readonly top = h("ol", { class: "plain top", id: "ranking-list" });
  private readonly rest = h("ol", { class: "plain rest" });
  private readonly dists = h("ol", { class: "plain ideas", id: "distributions" });
  private readonly scaleNote = h("p", { class: "note scale-note" });
  private readonly rankNodes = new KeyedNodes<IdeaEvaluation, HTMLElement>((e) => this.rankRow(e), (n, e) => this.fillRank(n, e));
  private distNodes = new Map<number, { node: HTMLElement; signature: string }>();
  private evals: IdeaEvaluation[] = [];
  private rows: HTMLElement[] = [];
  private perPage = Infinity;
  private current = 0;
  private shape = "";

  constructor() {
    this.element = h("section", { class: "eval-view", id: "results", "aria-labelledby": "results-title" },
      h("div", { class: "eval-rank" },
        h("div", { class: "view-head" }, h("h2", { id: "results-title" }, o.rankingTitle), this.rankStatus),
        h("div", { class: "ranking-box" }, this.top, this.rest),
      ),
      h("div", { class: "eval-dist" },
        h("div", { class: "view-head" }, h("h2", { id: "distribution-title" }, o.distributionTitle), this.distStatus),
        this.dists,
        this.scaleNote,
      ),
    );
  }

  update(m: Mirror): void {
    const crits = criteria(m);
    this.evals = m.results?.evaluations ?? [];
    const top = sharedTop(m.results);
    this.scaleNote.textContent = o.scaleNote(top);
    this.rows = this.rankNodes.update(this.evals, (e) => String(e.ideaId));
    placeChildren(this.top, this.rows.slice(0, kTop));
    placeChildren(this.rest, this.rows.slice(kTop));
    this.rest.setAttribute("start", String(kTop + 1));
    this.rows.forEach((r, i) => r.classList.toggle("compact", i >= kTop));

    const next = new Map<number, { node: HTMLElement; signature: string }>();
    const nodes = this.evals.map((e) => {
      const signature = `${top}|${e.rank}|${e.text}|${crits.map((c) => `${c.id}:${c.name}`).join(",")}|${e.criteria.map((c) => c.histogram.join(".")).join("/")}`;
      const had = this.distNodes.get(e.ideaId);
      const node = had && had.signature === signature ? had.node : this.distItem(e, crits, top, had?.node);
      next.set(e.ideaId, { node, signature });
      return node;
    });
    this.distNodes = next;
    placeChildren(this.dists, nodes);

    const shape = `${isStage()}|${this.element.clientWidth}x${this.element.clientHeight}|${this.evals.length}|${crits.length}`;
    if (shape !== this.shape) this.fit(crits.length);
    this.shape = shape;
  }

  steps(): number {
    return isStage() ? Math.max(1, this.evals.length) : 1;
  }

  /** Shows idea `index` (in rank order) on the right, and its page of the ranking on the left. */
  show(index: number): void {
    const stage = isStage();
    this.current = index;
    const page = index < kTop || !Number.isFinite(this.perPage) ? 0 : Math.floor((index - kTop) / this.perPage);
    const pages = Number.isFinite(this.perPage) ? Math.max(1, Math.ceil((this.rows.length - kTop) / this.perPage)) : 1;
    this.rows.forEach((row, i) => {
      const onPage = i < kTop || !Number.isFinite(this.perPage) || Math.floor((i - kTop) / this.perPage) === page;
      row.classList.toggle("off-page", stage && !onPage);
      row.classList.toggle("current", stage && i === index);
    });
    [...this.dists.children].forEach((item, i) => item.classList.toggle("off-page", stage && i !== index));
    this.rankStatus.textContent = stage && pages > 1 ? o.page(page + 1, pages) : "";
    this.distStatus.textContent = stage && this.evals.length > 1 ? o.ideaStep(index + 1, this.evals.length) : "";
  }

  private rankRow(e: IdeaEvaluation): HTMLElement {
    const node = h("li", { class: "rank-row" },
      h("span", { class: "rank-badge" }),
      h("span", { class: "rank-text" }, h("span", { class: "rank-idea" }), h("span", { class: "rank-agreement" })),
      h("span", { class: "rank-overall" }),
    );
    this.fillRank(node, e);
    return node;
  }

  private fillRank(node: HTMLElement, e: IdeaEvaluation): void {
    node.dataset.ideaId = String(e.ideaId);
    node.dataset.rank = String(e.rank);
    node.dataset.overall = e.overall.toFixed(2);
    const [badge, text, overall] = node.children as unknown as HTMLElement[];
    badge.textContent = String(e.rank);
    const [idea, agreed] = text.children as unknown as HTMLElement[];
    idea.textContent = e.text;
    idea.title = e.text;
    agreed.textContent = agreementOf(e);
    const scored = e.criteria.some((c) => c.count > 0);
    overall.replaceChildren(h("strong", {}, scored ? decimal(e.overall) : "—"), h("span", { class: "out-of" }, ` ${o.overallShort}`));
  }

  private distItem(e: IdeaEvaluation, crits: readonly Criterion[], top: number, old?: HTMLElement): HTMLElement {
    const item = old ?? h("li", { class: "idea-dist" });
    item.dataset.ideaId = String(e.ideaId);
    item.setAttribute("aria-labelledby", `dist-${e.ideaId}`);
    item.replaceChildren(
      h("h3", { id: `dist-${e.ideaId}` }, h("span", { class: "rank" }, `${e.rank}.`), " ", e.text),
      h("div", { class: "charts", "data-criteria": crits.length },
        crits.map((c) => distributionChart(e.ideaId, c, e.criteria.find((x) => x.criterionId === c.id), top))),
    );
    return item;
  }

  /** On a stage: how many compact rows a page of the ranking holds, and the charts' height. */
  private fit(critCount: number): void {
    this.perPage = Infinity;
    this.rows.forEach((r) => r.classList.remove("off-page"));
    [...this.dists.children].forEach((item) => item.classList.remove("off-page"));
    this.element.style.removeProperty("--track");
    if (!isStage()) {
      this.show(0);
      return;
    }
    // The ranking: compact rows per page, from one row's height.
    const rest = this.rows.slice(kTop);
    if (rest.length > 0) {
      const rowHeight = rest[0].getBoundingClientRect().height;
      const style = getComputedStyle(this.rest);
      const gap = parseFloat(style.rowGap) || 0;
      const room = this.rest.clientHeight - (parseFloat(style.paddingTop) || 0) - (parseFloat(style.paddingBottom) || 0);
      this.perPage = Math.max(1, Math.floor((room + gap) / (rowHeight + gap)));
    }
    // The charts: one idea on screen; its bars take the height its charts leave.
    this.show(Math.min(this.current, Math.max(0, this.evals.length - 1)));
    const item = this.dists.children[this.current] as HTMLElement | undefined;
    if (item) {
      this.element.style.setProperty("--track", "0px");
      const rows = Math.ceil(critCount / columns(critCount));
      const spare = this.dists.clientHeight - item.scrollHeight;
      this.element.style.setProperty("--track", `${Math.max(48, Math.floor(spare / Math.max(1, rows)))}px`);
    }
  }
}

function columns(critCount: number): number {
  return critCount <= 3 ? Math.max(1, critCount) : critCount === 4 ? 2 : 3;
}

function agreementOf(e: IdeaEvaluation): string {
  const count = e.criteria.length > 0 ? Math.min(...e.criteria.map((c) => c.count)) : 0;
  return agreementWords[agreement(e.spread, count)];
}
