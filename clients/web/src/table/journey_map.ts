// A journey map's ideas (Parcours usager, 000:1469-1510) during its step: on a tablet a grid,
// the stages across and the lanes down (actions, pensées et émotions, opportunités), each idea a
// post-it in its cell; on a phone the same ideas as a list grouped by stage, then by lane (the
// grid would not fit 390 px). Both are made from the same data; CSS shows one per width (the
// other is display:none, so a screen reader meets it once). A map holds tens of ideas: it is made
// again when what it shows changed, never otherwise.
import type { Facet } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/table";
import type { IdeaView, Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { facetTag } from "./facet_picker";
import { facetColour, paint, stepFacets } from "./facets";

/** A row or a column of the map: a facet, or the ideas without one (id 0). */
interface Band {
  id: number;
  name: string;
}

export class JourneyMap {
  readonly element = h("section", { class: "journey", "aria-labelledby": "map-title" });
  private shown = "";

  update(m: Mirror, stepId: number): void {
    const f = stepFacets(m, stepId);
    const ideas = [...m.ideas.values()].filter((i) => i.stepId === stepId).sort((a, b) => a.id - b.id);
    const shown = JSON.stringify([f.stage.map((x) => [x.id, x.name]), f.lane.map((x) => [x.id, x.name]), f.category.map((x) => [x.id, x.name, x.colour]),
      ideas.map((i) => [i.id, i.text, i.own, i.stageId ?? 0, i.laneId ?? 0, i.categoryId ?? 0])]);
    if (shown === this.shown) return;
    this.shown = shown;
    const stages = bands(f.stage, ideas.map((i) => i.stageId ?? 0), t.noStage);
    const lanes = bands(f.lane, ideas.map((i) => i.laneId ?? 0), t.noLane);
    const cell = (stage: Band, lane: Band) => ideas.filter((i) => (i.stageId ?? 0) === stage.id && (i.laneId ?? 0) === lane.id);
    const note = (i: IdeaView) => postit(i, f.category);

    const head = h("tr", {}, f.lane.length > 0 ? h("td", {}) : null,
      stages.map((s) => h("th", { scope: "col" }, s.name)));
    const rows = lanes.map((lane) => h("tr", {},
      f.lane.length > 0 ? h("th", { scope: "row" }, lane.name) : null,
      stages.map((stage) => {
        const here = cell(stage, lane);
        return h("td", {}, here.length > 0 ? h("ul", { class: "plain" }, here.map(note)) : null);
      }),
    ));
    const grid = h("div", { class: "journey-grid", tabindex: 0, role: "region", "aria-labelledby": "map-title" },
      h("table", {}, h("thead", {}, head), h("tbody", {}, rows)));

    const list = h("div", { class: "journey-list" }, stages.map((stage) => {
      const inStage = ideas.filter((i) => (i.stageId ?? 0) === stage.id);
      return h("section", { class: "journey-stage" },
        h("h3", {}, stage.name),
        inStage.length === 0 ? h("p", { class: "hint-text" }, t.mapEmpty)
          : lanes.map((lane) => {
            const here = cell(stage, lane);
            if (here.length === 0) return null;
            return h("div", { class: "journey-lane" },
              f.lane.length > 0 ? h("h4", {}, lane.name) : null,
              h("ul", { class: "plain" }, here.map(note)));
          }),
      );
    }));

    const empty = h("p", { class: "hint-text" }, t.noIdeas);
    this.element.replaceChildren(h("h2", { id: "map-title" }, t.mapTitle(ideas.length)), ...(ideas.length === 0 ? [empty] : []), grid, list);
  }
}

/** The facet's values, then « Sans étape » when an idea has none (or one no longer listed). */
function bands(list: readonly Facet[], used: number[], none: string): Band[] {
  const out: Band[] = list.map((f) => ({ id: f.id, name: f.name }));
  if (out.length === 0 || used.some((id) => !list.some((f) => f.id === id))) out.push({ id: 0, name: none });
  return out;
}

/** An idea as a post-it: its category's colour and word when it has one, else plain yellow. */
function postit(i: IdeaView, categories: readonly Facet[]): HTMLElement {
  const category = categories.find((c) => c.id === i.categoryId);
  const colour = category ? facetColour(categories, category) : "#fff3bf";
  return h("li", { class: i.own ? "postit own" : "postit", "data-idea-id": i.id, style: `background-color: ${paint(colour).background}; color: ${paint(colour).ink}` },
    category ? facetTag(categories, category) : null,
    i.own ? h("span", { class: "postit-own" }, t.ourIdea) : null,
    h("p", {}, i.text),
  );
}
