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
import { currentJourney, ideaFacets, rings, type Ring } from "../ui/post_its";

export class JourneyView {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "journey-title" });
  private readonly box = h("div", { class: "journey-stage" });
  private shape = "";

  constructor() {
    this.element = h("section", { class: "journey-view", id: "journey", "aria-labelledby": "journey-title" },
      h("div", { class: "view-head" }, this.title), this.box);
  }

  update(m: Mirror, title: string): void {
    this.title.textContent = title;
    const grid = currentJourney(m);
    const shape = grid ? JSON.stringify([grid.stepId, [...grid.cells.entries()].map(([k, v]) => [k, v.map((i) => [i.id, i.text, i.categoryId])])]) : "";
    if (shape === this.shape) return;
    this.shape = shape;
    replaceChildren(this.box, grid ? journeyTable(m, grid, o.journey, "journey-grid") : null);
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
      h("h3", { id: `ring-head-${i + 1}` }, h("span", { class: "ring-badge" }, o.ring(i + 1)), " ", r.title || "",
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

/** Concentric rings: the question's centre, then each ring with its number; rings to come are grey. */
function ringsDrawing(open: Ring[], total: number): SVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 200 200");
  const centre = 22;
  const band = (96 - centre) / total;
  for (let i = total; i >= 1; i--) {
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", "100");
    c.setAttribute("cy", "100");
    c.setAttribute("r", String(centre + i * band));
    c.setAttribute("fill", i <= open.length ? kRingTints[(i - 1) % kRingTints.length] : "#eeeeee");
    c.setAttribute("stroke", "#1b1f24");
    c.setAttribute("stroke-width", "0.8");
    svg.append(c);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "100");
    label.setAttribute("y", String(100 - centre - (i - 0.5) * band + 4));
    label.setAttribute("text-anchor", "middle");
    label.setAttribute("font-size", "11");
    label.setAttribute("font-weight", "800");
    label.setAttribute("fill", "#1b1f24");
    label.textContent = `${i}${i <= open.length ? ` · ${open[i - 1].ideas.length}` : ""}`;
    svg.append(label);
  }
  const core = document.createElementNS(ns, "circle");
  core.setAttribute("cx", "100");
  core.setAttribute("cy", "100");
  core.setAttribute("r", String(centre));
  core.setAttribute("fill", "#1b1f24");
  svg.append(core);
  const q = document.createElementNS(ns, "text");
  q.setAttribute("x", "100");
  q.setAttribute("y", "108");
  q.setAttribute("text-anchor", "middle");
  q.setAttribute("font-size", "24");
  q.setAttribute("font-weight", "800");
  q.setAttribute("fill", "#ffffff");
  q.textContent = "?";
  svg.append(q);
  return svg;
}
