// A journey map drawn as a data table: the stages as columns, the lanes as rows, each cell the
// ideas posted there as small post-its (in their category's colour with its word, when the step
// has categories). Used by the console's wall and the big screen; the words come from the caller.
import type { Mirror } from "../state/mirror";
import { h } from "./dom";
import { cellKey, ideaFacets, type JourneyGrid } from "./post_its";

export interface JourneyWords {
  caption: (title: string) => string;
  /** The header of the lanes' column. */
  lanes: string;
  /** A column or a row for ideas without a stage or a lane. */
  none: string;
}

export function journeyTable(m: Mirror, grid: JourneyGrid, words: JourneyWords, id: string): HTMLElement {
  const stages = grid.stages.length > 0 ? grid.stages.map((f) => ({ id: f.id, name: f.name })) : [{ id: 0, name: words.none }];
  const lanes = grid.lanes.length > 0 ? grid.lanes.map((f) => ({ id: f.id, name: f.name })) : [{ id: 0, name: "" }];
  // Ideas without a stage or a lane (posted before the map had them) get a column or a row.
  const orphanStage = grid.stages.length > 0 && [...grid.cells.keys()].some((k) => k.startsWith("0:"));
  const orphanLane = grid.lanes.length > 0 && [...grid.cells.keys()].some((k) => k.endsWith(":0"));
  if (orphanStage) stages.push({ id: 0, name: words.none });
  if (orphanLane) lanes.push({ id: 0, name: words.none });
  return h("table", { class: "journey", id },
    h("caption", {}, words.caption(grid.title)),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", class: "journey-corner" }, words.lanes),
      stages.map((s) => h("th", { scope: "col" }, s.name)))),
    h("tbody", {}, lanes.map((l) => h("tr", {},
      h("th", { scope: "row" }, l.name),
      stages.map((s) => h("td", {}, h("ul", { class: "plain journey-cell" },
        (grid.cells.get(cellKey(s.id, l.id)) ?? []).map((idea) => {
          const f = ideaFacets(m, idea);
          const style = f.category ? `background:${f.category.colour};color:${f.category.ink}` : null;
          return h("li", { class: "journey-idea", "data-idea-id": idea.id, style },
            f.category ? h("span", { class: "facet-word" }, f.category.name) : null, idea.text);
        }))))))),
  );
}
