// One vote step's results on the tablet and the phone, once revealed, in the words of its ballot:
// points, dots and picks as bars proportional to the most; a ranking's Borda points as bars with
// how many put each idea first (« 1er : 3 fois ») and the places given; buckets as the three
// counts per idea, drawn as one bar cut in three; the new subjects of a sorting listed apart.
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind, Bucket } from "../gen/atelier/v1/workshop_pb";
import { bw } from "../i18n/ballot";
import { points } from "../i18n/common";
import { t } from "../i18n/table";
import type { Mirror } from "../state/mirror";
import { bucketClass } from "../ui/bucket_icons";
import { h } from "../ui/dom";
import { bucketOrder, isOwnIdea } from "./ballot_model";

export interface VoteResultsSection {
  stepId: number;
  kind: BallotKind;
  targets: TargetResult[];
  /** Under the chart: how many voted. */
  voted: string;
  /** The heading's text and id. */
  title: string;
  titleId: string;
}

export function voteResultsSection(m: Mirror, s: VoteResultsSection): HTMLElement {
  const help = s.kind === BallotKind.RANKING ? bw.bordaHelp : s.kind === BallotKind.PICK ? bw.picksHelp
    : s.kind === BallotKind.DOTS ? bw.dotsHelp : s.kind === BallotKind.BUCKETS ? bw.bucketsResultsHelp : "";
  const chart = s.kind === BallotKind.BUCKETS ? bucketRows(m, s.targets) : bars(m, s.kind, s.targets);
  const subjects = s.kind === BallotKind.BUCKETS
    ? [...m.ideas.values()].filter((i) => i.stepId === s.stepId && s.stepId !== 0).sort((a, b) => a.id - b.id) : [];
  return h("section", { "aria-labelledby": s.titleId, class: "vote-results", "data-step-id": s.stepId, "data-ballot-kind": s.kind },
    h("h2", { id: s.titleId }, s.title),
    help ? h("p", { class: "hint-text" }, help) : null,
    chart,
    subjects.length > 0 ? h("div", { class: "card new-subjects" },
      h("h3", {}, bw.newSubjectsResults),
      h("ul", {}, subjects.map((i) => h("li", {}, i.text)))) : null,
    s.voted ? h("p", { class: "hint-text" }, s.voted) : null,
  );
}

/** The value beside a bar, in the ballot's unit. */
export function valueText(kind: BallotKind, n: number): string {
  switch (kind) {
    case BallotKind.DOTS:
      return bw.dotsValue(n);
    case BallotKind.PICK:
      return bw.picksValue(n);
    case BallotKind.RANKING:
      return bw.bordaValue(n);
    default:
      return points(n);
  }
}

/** Bars proportional to the points, the most filling the track: 6 points is twice 3. */
function bars(m: Mirror, kind: BallotKind, targets: TargetResult[]): HTMLElement {
  const max = Math.max(1, ...targets.map((x) => x.points));
  // Words longer than a number beside the bars: one width for every row, so that the tracks are
  // the same length and the bars compare.
  return h("ol", { class: kind === BallotKind.BUDGET || kind === BallotKind.UNSPECIFIED ? "plain tally" : "plain tally worded" }, targets.map((x) => h("li", { class: "hbar", "data-target-id": x.targetId, "data-points": x.points },
    h("span", { class: "label" },
      h("span", { class: "text" }, x.text),
      marks(m, x.isCluster, x.isCluster ? x.ideaIds : [x.targetId]),
      kind === BallotKind.RANKING ? rankSpread(x) : null),
    h("span", { class: "track", "aria-hidden": "true" },
      h("span", { class: "fill", style: `width: ${((100 * x.points) / max).toFixed(2)}%` })),
    h("span", { class: "value" }, valueText(kind, x.points)),
  )));
}

/** « 1er : 3 fois », then the other places given (« 2e : 1 fois »...). */
function rankSpread(x: TargetResult): HTMLElement {
  const first = x.ranks[0] ?? 0;
  // The other places given, the empty ones left out.
  const others = x.ranks.slice(1).map((n, i) => [i + 2, n]).filter(([, n]) => n > 0)
    .map(([place, n]) => bw.placeCount(place, n)).join(" · ");
  return h("span", { class: "rank-spread", "data-first": first },
    h("strong", {}, bw.firstPlace(first)),
    others ? h("span", { class: "hint-text" }, ` · ${others}`) : null);
}

/** Each idea with its three counts: a bar cut in three, on one scale for every idea (the most
 * voters who sorted one idea fill the track), and the counts in words. */
function bucketRows(m: Mirror, targets: TargetResult[]): HTMLElement {
  const sum = (x: TargetResult) => bucketOrder.reduce((a, _, i) => a + (x.buckets[i] ?? 0), 0);
  const total = Math.max(1, ...targets.map(sum));
  return h("ol", { class: "plain bucket-tally" }, targets.map((x) => {
    const counts = bucketOrder.map((_, i) => x.buckets[i] ?? 0);
    return h("li", { class: "card bucket-row", "data-target-id": x.targetId, "data-buckets": counts.join(",") },
      h("p", { class: "label" }, h("span", { class: "text" }, x.text), marks(m, x.isCluster, x.isCluster ? x.ideaIds : [x.targetId])),
      h("span", { class: "bucket-bar", "aria-hidden": "true" }, bucketOrder.map((b: Bucket, i) => counts[i] > 0
        ? h("span", { class: `part ${bucketClass(b)}`, style: `width: ${((100 * counts[i]) / total).toFixed(2)}%` })
        : null)),
      h("ul", { class: "plain bucket-counts" }, bucketOrder.map((b: Bucket, i) =>
        h("li", { class: bucketClass(b) }, h("span", { class: "swatch", "aria-hidden": "true" }), bw.bucketCount(bw.bucket[b], counts[i])))),
    );
  }));
}

/** What a table wants to find in the results: the groups (how many ideas) and its own ideas. */
export function marks(m: Mirror, isCluster: boolean, ideaIds: number[]): HTMLElement | null {
  const own = ideaIds.some((id) => {
    const idea = m.ideas.get(id);
    return !!idea && isOwnIdea(m, idea);
  });
  if (!isCluster && !own) return null;
  return h("span", { class: "marks" },
    isCluster ? h("span", { class: "tag" }, t.groupOf(ideaIds.length)) : null,
    own ? h("span", { class: "tag own-tag" }, isCluster ? t.groupHasYours : t.yourIdeaTag) : null,
  );
}
