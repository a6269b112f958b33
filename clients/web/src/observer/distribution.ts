// One criterion's scores for one idea, as a bar chart readable from the back of a room: a
// column per value (min..max) with its count; above it the criterion and, in plain words, where
// half of the scores lie and how much people agree; the same counts as a sentence for screen
// readers (the bars are aria-hidden). Every chart of a screen draws its bars on one scale
// (`top`: the count of the tallest bar of the screen), so that bars compare across charts.
// The exact mean and median stay in data attributes (the console and the synthesis show them).
import type { CriterionResult } from "../gen/atelier/v1/state_pb";
import { Direction, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { agreementWords, evaluationWords } from "../i18n/common";
import { o } from "../i18n/observer";
import { agreement } from "../ui/consensus";
import { h } from "../ui/dom";
import { halfWords } from "./figures";

export function distributionChart(ideaId: number, c: Criterion, r: CriterionResult | undefined, top: number): HTMLElement {
  const min = c.minValue;
  const max = c.maxValue || 10;
  const counts: number[] = [];
  for (let v = min; v <= max; v++) counts.push(r?.histogram[v - min] ?? 0);
  const count = r?.count ?? 0;
  const half = halfWords(counts, min);
  const parts = counts.flatMap((n, i) => (n > 0 ? [o.distributionPart(min + i, n)] : []));
  return h("figure", { class: "dist", "data-idea-id": ideaId, "data-criterion-id": c.id, "data-count": count,
    "data-mean": r && count ? r.mean.toFixed(2) : "", "data-median": r && count ? String(r.median) : "" },
    h("figcaption", {},
      h("span", { class: "dist-name" }, c.name,
        c.direction === Direction.LOWER_IS_BETTER ? h("span", { class: "dist-dir" }, ` (${evaluationWords.lowerIsBetter})`) : null),
      h("span", { class: "dist-half" }, half === null ? o.noScores : o.half[half.kind](half.value)),
      count > 0 && r ? h("span", { class: "dist-agreement" }, agreementWords[agreement(r.stddev, count, min, max)]) : null,
    ),
    // Each count just above its bar; the room above the tallest bar is kept for its count.
    h("div", { class: "bars", "aria-hidden": "true" }, counts.map((n, i) => h("div", { class: "col", "data-value": min + i, "data-n": n },
      h("span", { class: "col-space" }),
      h("span", { class: "col-track" }, h("span", { class: "col-bar", style: `height: ${(100 * n) / Math.max(1, top)}%` },
        n > 0 ? h("span", { class: "col-count" }, String(n)) : null)),
      h("span", { class: "col-value" }, String(min + i)),
    ))),
    h("div", { class: "ends", "aria-hidden": "true" },
      h("span", {}, c.lowLabel), h("span", {}, c.highLabel)),
    h("p", { class: "sr-only" }, o.distributionSr(parts)),
  );
}
