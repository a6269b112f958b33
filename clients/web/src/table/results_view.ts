// The conclusion as a table sees it once the animateur reveals the results: the sorted points
// of an ideation, or the ranking of an evaluation (overall score, mean per criterion, agreement).
// Kept across updates (ResultsView): made again only when the results themselves change, so that
// an event of the conclusion leaves the page, its scroll and a table scrolled sideways alone.
import { create, toBinary } from "@bufbuild/protobuf";
import { ResultsSchema, type Results } from "../gen/atelier/v1/state_pb";
import { Template } from "../gen/atelier/v1/workshop_pb";
import { points } from "../i18n/common";
import { t } from "../i18n/table";
import { criteria, type Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { rankingTable } from "../ui/ranking";

export class ResultsView {
  readonly element = h("div", { class: "results-slot" });
  private seen: { results: string; revealed: boolean; own: string } | null = null;

  update(m: Mirror): void {
    // The server sends results again after events that change nothing in them (a timer, a late
    // table): each copy names the seq it was computed at, so what is compared is their content
    // without that seq and its hash. The marks depend on which ideas are ours, which does not
    // change in the conclusion.
    const own = [...m.ideas.values()].filter((i) => i.own).map((i) => i.id).join(",");
    const results = resultsContent(m.results);
    const seen = this.seen;
    if (seen && seen.results === results && seen.revealed === m.resultsRevealed && seen.own === own) return;
    this.seen = { results, revealed: m.resultsRevealed, own };
    this.element.replaceChildren(resultsView(m));
  }
}

/** The results as bytes (base64), without the seq and hash they were computed at. */
function resultsContent(r: Results | undefined): string {
  if (!r) return "";
  const bytes = toBinary(ResultsSchema, create(ResultsSchema, { ...r, seq: 0n, headHash: new Uint8Array() }));
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

export function resultsView(m: Mirror): HTMLElement {
  const r = m.results;
  const evaluation = m.config?.template === Template.EVALUATION;
  const empty = !r || (evaluation ? r.evaluations.length === 0 : r.points.length === 0);
  if (!m.resultsRevealed || !r || empty) return h("p", { class: "card" }, t.thanks);
  const p = r.participation;
  if (evaluation) {
    return h("section", { "aria-labelledby": "results-title", class: "card" },
      h("h2", { id: "results-title" }, t.results),
      rankingTable(r, criteria(m), t.ranking),
      h("p", { class: "hint-text" }, t.overallHelp),
      p ? h("p", { class: "hint-text" }, t.seatsScored(p.seatsScored, p.seatsJoined)) : null,
    );
  }
  // Bars proportional to the points, the most filling the track: 6 points is twice 3.
  const max = Math.max(1, ...r.points.map((x) => x.points));
  return h("section", { "aria-labelledby": "results-title" },
    h("h2", { id: "results-title" }, t.results),
    h("ol", { class: "plain tally" }, r.points.map((x) => h("li", { class: "hbar", "data-target-id": x.targetId, "data-points": x.points },
      h("span", { class: "label" },
        h("span", { class: "text" }, x.text),
        marks(m, x.isCluster, x.isCluster ? x.ideaIds : [x.targetId])),
      h("span", { class: "track", "aria-hidden": "true" },
        h("span", { class: "fill", style: `width: ${((100 * x.points) / max).toFixed(2)}%` })),
      h("span", { class: "value" }, points(x.points)),
    ))),
    p ? h("p", { class: "hint-text" }, t.tablesVoted(p.tablesVoted, p.tablesJoined)) : null,
  );
}

/** What a table wants to find in the results: the groups (how many ideas) and its own ideas. */
function marks(m: Mirror, isCluster: boolean, ideaIds: number[]): HTMLElement | null {
  const own = ideaIds.some((id) => m.ideas.get(id)?.own);
  if (!isCluster && !own) return null;
  return h("span", { class: "marks" },
    isCluster ? h("span", { class: "tag" }, t.groupOf(ideaIds.length)) : null,
    own ? h("span", { class: "tag own-tag" }, isCluster ? t.groupHasYours : t.yourIdeaTag) : null,
  );
}
