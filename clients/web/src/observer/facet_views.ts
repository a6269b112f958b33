// The big screen while ideas come, for agendas whose ideas have a place: a journey map's grid
// (stages as columns, lanes as rows, ideas as post-its in their cells) and the Spider Web's rings
// (the question in the centre, ring 1 around it, each further ring adding its constraint; each
// ring's ideas in a column of its ring's colour, the newest first). Both are rebuilt only when
// what they show changes.
import { Phase } from "../gen/atelier/v1/workshop_pb";
import { o } from "../i18n/observer";
import type { Mirror } from "../state/mirror";
import { h, replaceChildren } from "../ui/dom";
import { journeyTable } from "../ui/journey_grid";
import { currentJourney, ideaFacets, journeyShape, rings, type Ring } from "../ui/post_its";

export class JourneyView {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "journey-title" });
  // Focusable: on a phone the grid scrolls sideways, by keyboard too.
  private readonly box = h("div", { class: "journey-stage", tabindex: 0, role: "region", "aria-label": o.journey.caption("") });
  private shape = "";
  private room = "";

  constructor() {
    this.element = h("section", { class: "journey-view", id: "journey", "aria-labelledby": "journey-title" },
      h("div", { class: "view-head" }, this.title), this.box);
  }

  update(m: Mirror, title: string): void {
    this.title.textContent = title;
    const grid = currentJourney(m);
    const shape = journeyShape(m, grid);
    const room = `${this.box.clientWidth}x${this.box.clientHeight}`; // a resized window: fit again
    if (shape === this.shape && room === this.room) return;
    if (shape !== this.shape) replaceChildren(this.box, grid ? journeyTable(m, grid, o.journey, "journey-grid") : null);
    this.shape = shape;
    // Smaller, a step at a time, while the map overflows its stage (observer.css densities).
    this.box.dataset.density = "0";
    for (let d = 1; d <= 2 && this.box.scrollHeight > this.box.clientHeight + 1; d++) this.box.dataset.density = String(d);
    this.room = `${this.box.clientWidth}x${this.box.clientHeight}`;
  }
}

/** Ring tints, from the centre out: light, so that the ink reads on them. */
const kRingTints = ["#cfe3f7", "#d6ecc9", "#fbe1bd", "#e6d5f2", "#f7d2dc"];

export class RingsView {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "rings-title" });
  private readonly figure = h("div", { class: "rings-figure", "aria-hidden": "true" });
  private readonly columns = h("div", { class: "ring-columns" });
  private shape = "";

  constructor() {
    this.element = h("section", { class: "rings-view", id: "rings", "aria-labelledby": "rings-title" },
      h("div", { class: "view-head" }, this.title),
      h("div", { class: "rings-body" }, this.figure, this.columns));
  }

  update(m: Mirror, title: string): void {
    this.title.textContent = title;
    const list = rings(m);
    const shape = JSON.stringify(list.map((r) => [r.stepId, r.title, r.instruction, r.ideas.map((i) => [i.id, i.text, i.categoryId])]));
    if (shape === this.shape) return;
    this.shape = shape;
    replaceChildren(this.figure, ringsDrawing(list, ringsTotal(m)));
    replaceChildren(this.columns, list.map((r, i) => h("section", {
      class: "ring-column", "data-ring": i + 1, style: `--tint:${kRingTints[i % kRingTints.length]}`, "aria-labelledby": `ring-head-${i + 1}`,
    },
      h("h3", { id: `ring-head-${i + 1}` }, h("span", { class: "ring-badge" }, o.ring(i + 1)),
        // A title that only names the ring again is not repeated.
        r.title && r.title.trim().toLowerCase() !== o.ring(i + 1).toLowerCase() ? ` — ${r.title}` : "",
        h("span", { class: "ring-count" }, " · ", o.ringIdeas(r.ideas.length))),
      r.instruction ? h("p", { class: "ring-instruction" }, r.instruction) : null,
      h("ul", { class: "plain ring-ideas" }, [...r.ideas].reverse().map((idea) => {
        const c = ideaFacets(m, idea).category;
        return h("li", { class: "postit", "data-idea-id": idea.id, style: c ? `background:${c.colour};color:${c.ink}` : null },
          c ? h("p", { class: "facet-word" }, c.name) : null, h("p", { class: "postit-text" }, idea.text));
      })),
    )));
  }
}

/** How many rings the agenda has in all (the drawing keeps their place before they open). */
function ringsTotal(m: Mirror): number {
  return Math.max(1, (m.config?.agenda ?? []).filter((s) => s.kind === Phase.DIVERGENCE && s.stages.length === 0 && s.lanes.length === 0).length);
}

/**
 * Concentric rings: the question's centre, then each ring with its number and its ideas' count;
 * rings still to come are grey. Drawn in a 600-unit box, so that its text's size is what it reads.
 */
function ringsDrawing(open: Ring[], total: number): SVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const el = (tag: string, attrs: Record<string, string | number>, text = "") => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text) node.textContent = text;
    return node;
  };
  const svg = el("svg", { viewBox: "0 0 600 600" }) as SVGElement;
  const centre = 66;
  const band = (290 - centre) / total;
  for (let i = total; i >= 1; i--) {
    svg.append(el("circle", { cx: 300, cy: 300, r: centre + i * band, fill: i <= open.length ? kRingTints[(i - 1) % kRingTints.length] : "#eeeeee",
      stroke: "#1b1f24", "stroke-width": 2.5 }));
    svg.append(el("text", { x: 300, y: 300 - centre - (i - 0.5) * band + 12, "text-anchor": "middle", "font-size": 34, "font-weight": 800, fill: "#1b1f24" },
      `${i}${i <= open.length ? ` · ${open[i - 1].ideas.length}` : ""}`));
  }
  svg.append(el("circle", { cx: 300, cy: 300, r: centre, fill: "#1b1f24" }));
  svg.append(el("text", { x: 300, y: 324, "text-anchor": "middle", "font-size": 72, "font-weight": 800, fill: "#ffffff" }, "?"));
  return svg;
}
