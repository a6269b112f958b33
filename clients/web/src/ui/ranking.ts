// The overall ranking of an evaluation as a table, shared by the tablet's conclusion and the big
// screen: rank, idea, overall score out of 10 (with a bar), the mean per criterion, and how much
// people agree. A real <table>, so that a screen reader reads every number with its headers.
// Rows carry data-idea-id, data-rank and data-overall for tests and styling.
import type { Results } from "../gen/atelier/v1/state_pb";
import { Direction, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { agreementWords, decimal, evaluationWords } from "../i18n/common";
import { pick } from "../i18n/lang";
import { agreement } from "./consensus";
import { h } from "./dom";

const words = pick({
  fr: { rank: "Rang", idea: "Idée", overall: "Note globale sur 10", agreement: "Accord", noScore: "pas de note" },
  en: { rank: "Rank", idea: "Idea", overall: "Overall score out of 10", agreement: "Agreement", noScore: "no score" },
});

/** The table inside a region that scrolls sideways on a narrow phone (keyboard-focusable). */
export function rankingTable(results: Results, crits: readonly Criterion[], caption: string, id = "ranking"): HTMLElement {
  return h("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: 0 }, h("table", { id, class: "ranking" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, words.rank),
      h("th", { scope: "col" }, words.idea),
      h("th", { scope: "col" }, words.overall),
      crits.map((c) => h("th", { scope: "col" }, c.name,
        h("span", { class: "th-note" }, ` (${evaluationWords.mean}${c.direction === Direction.LOWER_IS_BETTER ? `, ${evaluationWords.lowerIsBetter}` : ""})`))),
      h("th", { scope: "col" }, words.agreement),
    )),
    h("tbody", {}, results.evaluations.map((e) => {
      const count = e.criteria.length > 0 ? Math.min(...e.criteria.map((c) => c.count)) : 0;
      const scored = e.criteria.some((c) => c.count > 0);
      return h("tr", { "data-idea-id": e.ideaId, "data-rank": e.rank, "data-overall": e.overall.toFixed(2) },
        h("td", { class: "num rank" }, String(e.rank)),
        h("th", { scope: "row", class: "idea" }, e.text),
        h("td", { class: "num overall" },
          h("span", { class: "overall-value" }, scored ? decimal(e.overall) : "—"),
          h("span", { class: "meter", "aria-hidden": "true" },
            h("span", { class: "meter-fill", style: `width: ${Math.max(0, Math.min(100, e.overall * 10))}%` })),
        ),
        crits.map((c) => {
          const r = e.criteria.find((x) => x.criterionId === c.id);
          return h("td", { class: "num", "data-criterion-id": c.id }, r && r.count > 0 ? decimal(r.mean) : "—");
        }),
        h("td", {}, scored ? agreementWords[agreement(e.spread, count)] : words.noScore),
      );
    })),
  ));
}
