// A journey map drawn as a data table: the stages as columns, the lanes as rows, each cell the
// ideas posted there as small post-its (in their category's colour with its word, when the step
// has categories); above the lanes, a row per criterion with each stage's smileys when ideas
// stand for the stages (Parcours usager: the mean's face and word, how many rated it, and the
// distribution as small bars). Used by the console's wall and the big screen; the words come from
// the caller.
import { BallotKind } from "../gen/atelier/v1/workshop_pb";
import { b as bw } from "../i18n/ballots";
import { decimal } from "../i18n/common";
import { ballotOf, type Mirror } from "../state/mirror";
import { h } from "./dom";
import "./journey_grid.css";
import { cellKey, ideaFacets, journeyRatings, type JourneyGrid, type JourneyRatings } from "./post_its";
import { valueLabel } from "./profile_charts";
import { scaleOf } from "./profile_results";

export interface JourneyWords {
  caption: (title: string) => string;
  /** The header of the lanes' column. */
  lanes: string;
  /** A column or a row for ideas without a stage or a lane. */
  none: string;
  /** « 12 avis »: how many rated a stage. */
  ratings: (n: number) => string;
  /** A stage no one has rated yet. */
  notRated: string;
}

export function journeyTable(m: Mirror, grid: JourneyGrid, words: JourneyWords, id: string): HTMLElement {
  const stages = grid.stages.length > 0 ? grid.stages.map((f) => ({ id: f.id, name: f.name })) : [{ id: 0, name: words.none }];
  const lanes = grid.lanes.length > 0 ? grid.lanes.map((f) => ({ id: f.id, name: f.name })) : [{ id: 0, name: "" }];
  // Ideas without a stage or a lane (posted before the map had them) get a column or a row.
  const orphanStage = grid.stages.length > 0 && [...grid.cells.keys()].some((k) => k.startsWith("0:"));
  const orphanLane = grid.lanes.length > 0 && [...grid.cells.keys()].some((k) => k.endsWith(":0"));
  if (orphanStage) stages.push({ id: 0, name: words.none });
  if (orphanLane) lanes.push({ id: 0, name: words.none });
  const votes = votesOnMap(m);
  return h("table", { class: "journey", id },
    h("caption", {}, words.caption(grid.title)),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", class: "journey-corner" }, words.lanes),
      stages.map((s) => h("th", { scope: "col" }, s.name)))),
    h("tbody", {},
      journeyRatings(m, grid).map((r) => ratingsRow(r, stages, words)),
      lanes.map((l) => h("tr", {},
        h("th", { scope: "row" }, l.name),
        stages.map((s) => h("td", {}, h("ul", { class: "plain journey-cell" },
          (grid.cells.get(cellKey(s.id, l.id)) ?? []).map((idea) => {
            const f = ideaFacets(m, idea);
            const style = f.category ? `background:${f.category.colour};color:${f.category.ink}` : null;
            const given = votes.get(idea.id);
            return h("li", { class: "journey-idea", "data-idea-id": idea.id, style },
              f.category ? h("span", { class: "facet-word" }, f.category.name) : null, idea.text,
              given ? h("span", { class: "journey-votes" }, given) : null);
          }))))))),
  );
}

/**
 * What the vote gave the map's post-its (its opportunities voted: « 6 gommettes »), by idea id: a
 * cluster's on its first idea. Empty before any is given, and for a ranking or buckets.
 */
function votesOnMap(m: Mirror): Map<number, string> {
  const out = new Map<number, string>();
  const results = m.results;
  if (!results || results.voteStepId === 0) return out;
  const kind = ballotOf(m, results.voteStepId).kind;
  if (kind === BallotKind.RANKING || kind === BallotKind.BUCKETS) return out;
  for (const t of results.points) {
    if (t.points <= 0) continue;
    const first = t.isCluster ? Math.min(...(m.clusters.get(t.targetId)?.ideaIds ?? [])) : t.targetId;
    if (Number.isFinite(first)) out.set(first, bw.amount(kind, t.points));
  }
  return out;
}

/** A criterion's row: each stage's mean (its face and word on a smiley scale), count, bars. */
function ratingsRow(r: JourneyRatings, stages: { id: number }[], words: JourneyWords): HTMLElement {
  const scale = scaleOf(r.criterion);
  return h("tr", { class: "journey-ratings", "data-criterion-id": r.criterion.id },
    h("th", { scope: "row" }, r.criterion.name),
    stages.map((s) => {
      const rating = r.stages.get(s.id);
      const result = rating?.result;
      if (!rating) return h("td", {});
      if (!result || result.count === 0) {
        return h("td", { "data-stage-id": s.id }, h("span", { class: "journey-unrated" }, words.notRated));
      }
      const most = Math.max(1, ...result.histogram);
      return h("td", { "data-stage-id": s.id, "data-idea-id": rating.ideaId },
        h("div", { class: "journey-rating" },
          valueLabel(Math.round(result.mean), scale),
          h("span", { class: "journey-rating-figures" },
            `${decimal(result.mean)} · ${words.ratings(result.count)}`)),
        h("ol", { class: "plain journey-rating-bars", "aria-hidden": "true" },
          result.histogram.map((n) => h("li", { style: `height:${Math.round((100 * n) / most)}%` }))));
    }));
}
