// One criterion's scores for one idea, as a small bar chart readable from the back of a room:
// a column per value (min..max) with its count, the mean, the median and the agreement in the
// caption, and the same numbers as a sentence for screen readers (the bars are aria-hidden).
import type { CriterionResult } from "../gen/atelier/v1/state_pb";
import { Direction, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { agreementWords, decimal, evaluationWords } from "../i18n/common";
import { o } from "../i18n/observer";
import { agreement } from "../ui/consensus";
import { h } from "../ui/dom";

export function distributionChart(ideaId: number, c: Criterion, r: CriterionResult | undefined): HTMLElement {
  const min = c.minValue;
  const max = c.maxValue || 10;
  const counts: number[] = [];
  for (let v = min; v <= max; v++) counts.push(r?.histogram[v - min] ?? 0);
  const top = Math.max(1, ...counts);
  const count = r?.count ?? 0;
  const summary = count > 0 && r
    ? `${evaluationWords.mean} ${decimal(r.mean)} · ${evaluationWords.median} ${decimal(r.median)} · ${agreementWords[agreement(r.stddev, count, min, max)]}`
    : o.noScores;
  const parts = counts.flatMap((n, i) => (n > 0 ? [o.distributionPart(min + i, n)] : []));
  return h("figure", { class: "dist", "data-idea-id": ideaId, "data-criterion-id": c.id, "data-count": count,
    "data-mean": r && count ? r.mean.toFixed(2) : "", "data-median": r && count ? String(r.median) : "" },
    h("figcaption", {},
      h("span", { class: "dist-name" }, c.name),
      c.direction === Direction.LOWER_IS_BETTER ? h("span", { class: "dist-dir" }, ` (${evaluationWords.lowerIsBetter})`) : null,
      h("span", { class: "dist-summary" }, summary),
      h("span", { class: "dist-count" }, evaluationWords.scores(count)),
    ),
    h("div", { class: "bars", "aria-hidden": "true" }, counts.map((n, i) => h("div", { class: "col" },
      h("span", { class: "col-count" }, n > 0 ? String(n) : ""),
      h("span", { class: "col-track" }, h("span", { class: "col-bar", style: `height: ${(100 * n) / top}%` })),
      h("span", { class: "col-value" }, String(min + i)),
    ))),
    h("div", { class: "ends", "aria-hidden": "true" },
      h("span", {}, c.lowLabel), h("span", {}, c.highLabel)),
    h("p", { class: "sr-only" }, o.distributionSr(parts)),
  );
}
