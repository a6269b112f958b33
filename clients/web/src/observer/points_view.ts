// The results of a vote on the big screen, sorted, every bar on one scale, in the unit of the
// step's ballot (points, gommettes, choix; a ranking's Borda count with how many put each idea
// at each rank; buckets as a stacked bar per idea with its three counts, and beside them the
// longue-vue's new subjects). When every idea fits as a large bar, all are large. Otherwise the
// top three stay large and the rest are compact rows in columns; when those do not fit either,
// they are paged, and the Pager turns the pages by themselves (« Page 1 sur 3 » says where it
// is). Rows off the page stay in the list for screen readers (class off-page). The agenda's
// earlier votes (Results.other_votes) follow as pages of their own: the current vote large, the
// earlier ones reachable.
//
// Rows: li.hbar[data-target-id][data-points][data-tables] with .label (a cluster's title in a
// <strong>, after its tag), .track (.fill, or .seg per rank or bucket), .count (.unit) and, for a
// ranking, .spread (« 1er ×5, 2e ×3 »), as the browser tests read them.
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind, Bucket } from "../gen/atelier/v1/workshop_pb";
import { b as bw, rankLine } from "../i18n/ballots";
import { o } from "../i18n/observer";
import type { Mirror } from "../state/mirror";
import { h } from "../ui/dom";
import { KeyedNodes, placeChildren } from "./keyed";
import { isStage, type Paged } from "./stage";
import { bucketCount, currentVote, kBucketOrder, otherVotes, spreadTop, type VoteShown } from "./votes";

const kTop = 3;
/** Ranks drawn in a colour of their own; the later ones share the last. */
const kRankColours = 5;

const bucketClass: Record<Bucket, string> = {
  [Bucket.UNSPECIFIED]: "",
  [Bucket.POUBELLE]: "poubelle",
  [Bucket.MACHINE_A_LAVER]: "machine",
  [Bucket.COFFRE_FORT]: "coffre",
};

/** How one vote's rows are drawn: its kind, and the scales its bars share. */
interface Scale {
  kind: BallotKind;
  max: number; // the most points (Borda, choices...) of any row
  spread: number; // the most voters any row counts in its ranks or buckets
}

function scaleOf(vote: VoteShown): Scale {
  return { kind: vote.kind, max: Math.max(1, ...vote.targets.map((t) => t.points)), spread: spreadTop(vote.targets) };
}

function buildRow(t: TargetResult, scale: Scale): HTMLElement {
  const node = h("li", { class: "hbar" },
    h("span", { class: "label" }),
    h("span", { class: "track", "aria-hidden": "true" }),
    h("span", { class: "count" }),
    h("span", { class: "spread" }),
  );
  fillRow(node, t, scale);
  return node;
}

/** Refreshes a row in place: its text only when it changed, its bars and counts always. */
function fillRow(node: HTMLElement, t: TargetResult, scale: Scale): void {
  node.dataset.targetId = String(t.targetId);
  node.dataset.points = String(t.points);
  node.dataset.tables = String(t.tables);
  const [label, track, count, spread] = node.children as unknown as HTMLElement[];
  const key = `${t.isCluster}|${t.text}|${t.ideaIds.length}`;
  if (label.dataset.text !== key) {
    label.replaceChildren(...(t.isCluster
      ? [h("span", { class: "tag" }, o.cluster), " ", h("strong", {}, t.text), " ", h("span", { class: "members-count" }, o.memberCount(t.ideaIds.length))]
      : [t.text]));
    label.dataset.text = key;
    label.title = t.text;
  }
  switch (scale.kind) {
    case BallotKind.RANKING: {
      // The stacked bar of ranks (1st darkest), on the scale of the most voters; the Borda count.
      track.replaceChildren(...t.ranks.map((n, i) => h("span", {
        class: `seg r${Math.min(i + 1, kRankColours)}`, style: `width: ${(100 * n) / scale.spread}%`,
      })));
      count.replaceChildren(String(t.points), h("span", { class: "unit" }, ` ${o.bordaUnit(t.points)}`));
      const line = rankLine(t.ranks);
      spread.textContent = line;
      spread.hidden = !line;
      break;
    }
    case BallotKind.BUCKETS:
      // The stacked bar of the three buckets, best first, and each bucket's count beside it.
      track.replaceChildren(...kBucketOrder.map((b) => h("span", {
        class: `seg ${bucketClass[b]}`, style: `width: ${(100 * bucketCount(t, b)) / scale.spread}%`,
      })));
      count.replaceChildren(...kBucketOrder.map((b) => h("span", { class: `chip ${bucketClass[b]}`, title: bw.bucket[b] }, String(bucketCount(t, b)))));
      spread.hidden = true;
      break;
    default: {
      let fill = track.firstElementChild as HTMLElement | null;
      if (!fill || !fill.classList.contains("fill") || track.children.length !== 1) {
        fill = h("span", { class: "fill" });
        track.replaceChildren(fill);
      }
      fill.style.width = `${(100 * t.points) / scale.max}%`;
      count.replaceChildren(String(t.points), h("span", { class: "unit" }, ` ${o.unit(scale.kind, t.points)}`));
      spread.hidden = true;
    }
  }
  count.append(h("span", { class: "sr-only" }, o.rowSr(scale.kind, t)));
}

export class PointsView implements Paged {
  readonly element: HTMLElement;
  private readonly title = h("h2", { id: "results-title" }, o.pointsTitle);
  private readonly status = h("p", { class: "pager-status", "aria-hidden": "true" });
  private readonly legend = h("p", { class: "vote-legend", id: "vote-legend" });
  private readonly top = h("ol", { class: "plain top" });
  private readonly rest = h("ol", { class: "plain rest" });
  private readonly histogram = h("div", { id: "histogram", class: "histogram" }, this.top, this.rest);
  private readonly subjectsList = h("ul", { class: "plain subjects", id: "longue-vue-list" });
  private readonly subjectsMore = h("p", { class: "subjects-more" });
  private readonly subjects = h("aside", { class: "longue-vue", id: "longue-vue", "aria-labelledby": "longue-vue-title" },
    h("h3", { id: "longue-vue-title" }, bw.longueVue), this.subjectsList, this.subjectsMore);
  private readonly main = h("div", { class: "vote-main" },
    h("div", { class: "view-head" }, this.title, this.status),
    this.legend,
    h("div", { class: "vote-body" }, this.histogram, this.subjects),
  );
  // An earlier vote, on a page of its own.
  private readonly otherTitle = h("h2", { id: "other-vote-title" });
  private readonly otherStatus = h("p", { class: "other-status", "aria-hidden": "true" });
  private readonly otherVoters = h("p", { class: "vote-voters", id: "other-vote-voters" });
  private readonly otherLegend = h("p", { class: "vote-legend" });
  private readonly otherList = h("ol", { class: "plain top", id: "other-vote-list" });
  private readonly otherMore = h("p", { class: "subjects-more" });
  private readonly other = h("section", { class: "other-vote", id: "other-vote", "aria-labelledby": "other-vote-title", hidden: true },
    h("div", { class: "view-head" }, this.otherTitle, this.otherStatus), this.otherVoters, this.otherLegend,
    h("div", { class: "histogram" }, this.otherList), this.otherMore);

  private readonly nodes = new KeyedNodes<TargetResult, HTMLElement>((t) => buildRow(t, this.scale), (node, t) => fillRow(node, t, this.scale));
  private scale: Scale = { kind: BallotKind.BUDGET, max: 1, spread: 1 };
  private rows: HTMLElement[] = [];
  private others: VoteShown[] = [];
  private split = Infinity; // rows before it are large
  private perPage = Infinity; // compact rows per page
  private restRows = 1; // compact rows per column
  private shape = "";

  constructor() {
    this.element = h("section", { class: "points-view", id: "results", "aria-labelledby": "results-title" }, this.main, this.other);
  }

  update(m: Mirror): void {
    const vote = currentVote(m);
    const points = vote?.targets ?? m.results?.points ?? [];
    this.scale = vote ? scaleOf(vote) : { kind: BallotKind.BUDGET, max: Math.max(1, ...points.map((t) => t.points)), spread: 1 };
    const kind = this.scale.kind;
    this.element.dataset.kind = BallotKind[kind].toLowerCase();
    this.title.textContent = bw.resultsTitle[kind];
    this.renderLegend(this.legend, kind, vote?.ballot.count ?? 0);
    this.rows = this.nodes.update(points, (t) => `${kind}:${t.targetId}`);
    this.renderSubjects(vote);
    this.others = otherVotes(m);
    const box = this.histogram;
    const subjects = vote?.newSubjects.map((i) => `${i.id}:${i.text.length}`).join(",") ?? "";
    const shape = `${isStage()}|${box.clientWidth}x${box.clientHeight}|${kind}|${subjects}|${points.map((t) => `${t.targetId}:${t.text.length}`).join(",")}`;
    if (shape !== this.shape) this.fit();
    else this.place();
    this.shape = shape;
  }

  steps(): number {
    return this.ownSteps() + this.others.length;
  }

  show(page: number): void {
    const own = this.ownSteps();
    const steps = this.steps();
    const earlier = page >= own ? this.others[page - own] : undefined;
    this.main.hidden = !!earlier;
    this.other.hidden = !earlier;
    if (earlier) {
      this.otherStatus.textContent = o.page(page + 1, steps);
      this.showOther(earlier);
      return;
    }
    this.rows.forEach((row, i) => {
      const onPage = i < this.split || Math.floor((i - this.split) / this.perPage) === page;
      row.classList.toggle("off-page", !onPage);
    });
    this.status.textContent = steps > 1 ? o.page(page + 1, steps) : "";
  }

  private ownSteps(): number {
    const rest = this.rows.length - Math.min(this.split, this.rows.length);
    return rest > 0 && Number.isFinite(this.perPage) ? Math.ceil(rest / this.perPage) : 1;
  }

  /** What the colours mean (ranks, buckets) and how the vote is counted, in one line. */
  private renderLegend(el: HTMLElement, kind: BallotKind, places: number): void {
    const parts: (HTMLElement | string)[] = [];
    if (kind === BallotKind.BUCKETS) {
      for (const b of kBucketOrder) parts.push(h("span", { class: `key ${bucketClass[b]}` }, h("span", { class: "swatch", "aria-hidden": "true" }), bw.bucket[b]));
    } else if (kind === BallotKind.RANKING) {
      for (let i = 1; i <= 3; i++) parts.push(h("span", { class: "key" }, h("span", { class: `swatch r${i}`, "aria-hidden": "true" }), bw.rank(i)));
      parts.push(h("span", { class: "how" }, o.bordaHow(places)));
    } else if (kind === BallotKind.PICK) {
      parts.push(h("span", { class: "how" }, o.pickHow));
    }
    const key = `${kind}:${places}`;
    if (el.dataset.kind === key) return;
    el.dataset.kind = key;
    el.replaceChildren(...parts);
    el.hidden = parts.length === 0;
  }

  /** The longue-vue of a buckets vote: the new subjects posted during it. */
  private renderSubjects(vote: VoteShown | null): void {
    const buckets = vote?.kind === BallotKind.BUCKETS;
    this.subjects.hidden = !buckets;
    this.element.classList.toggle("with-subjects", buckets);
    if (!buckets || !vote) return;
    const list = vote.newSubjects;
    const key = list.map((i) => `${i.id}:${i.text}`).join("\n");
    if (this.subjectsList.dataset.key !== key) {
      this.subjectsList.dataset.key = key;
      this.subjectsList.replaceChildren(...(list.length === 0
        ? [h("li", { class: "subject none" }, bw.longueVueNone)]
        : list.map((i) => h("li", { class: "subject", "data-idea-id": i.id }, i.text))));
    }
  }

  /** Hides the new subjects that do not fit their box, and says how many. */
  private trimSubjects(): void {
    if (this.subjects.hidden) return;
    const items = [...this.subjectsList.children] as HTMLElement[];
    items.forEach((li) => li.classList.remove("off-page"));
    this.subjectsMore.textContent = "";
    if (!isStage()) return;
    let hidden = 0;
    for (let i = items.length - 1; i > 0 && this.subjects.scrollHeight > this.subjects.clientHeight + 1; i--) {
      items[i].classList.add("off-page");
      hidden++;
      this.subjectsMore.textContent = o.moreSubjects(hidden);
    }
  }

  /** An earlier vote, as many of its rows large as fit, and how many more there are. */
  private showOther(vote: VoteShown): void {
    const scale = scaleOf(vote);
    this.otherTitle.textContent = bw.otherVote(vote.step?.title ?? "", bw.resultsTitle[vote.kind]);
    this.otherVoters.textContent = bw.votersVoted(vote.ballot.voter, vote.voters);
    this.otherLegend.dataset.kind = "";
    this.renderLegend(this.otherLegend, vote.kind, vote.ballot.count);
    this.otherList.replaceChildren(...vote.targets.map((t) => buildRow(t, scale)));
    this.otherMore.textContent = "";
    if (!isStage()) return;
    const box = this.otherList.parentElement as HTMLElement;
    const rows = [...this.otherList.children] as HTMLElement[];
    let hidden = 0;
    for (let i = rows.length - 1; i > 0 && box.scrollHeight > box.clientHeight + 1; i--) {
      rows[i].classList.add("off-page");
      hidden++;
    }
    if (hidden > 0) this.otherMore.textContent = o.moreIdeas(hidden);
  }

  /**
   * As many large rows as fit with the rest as compact rows on one page (at least the top
   * three large); when even that does not fit, the top three and pages of compact rows.
   */
  private fit(): void {
    this.main.hidden = false;
    this.other.hidden = true;
    this.split = Infinity;
    this.perPage = Infinity;
    this.place();
    this.trimSubjects();
    if (!isStage() || this.fits()) return;
    const n = this.rows.length;
    let lo = Math.min(kTop, n); // the most large rows known to fit (or the least we keep)
    let hi = n - 1; // all large does not fit
    if (!this.fitsWith(lo)) hi = lo;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    this.split = lo;
    this.place();
    if (this.fitsWith(lo)) return;
    // Pages of compact rows: rows per column from a compact row's height, two columns.
    const rowHeight = this.rows[lo].getBoundingClientRect().height;
    const style = getComputedStyle(this.rest);
    const gap = parseFloat(style.rowGap) || 0;
    const room = this.rest.clientHeight - (parseFloat(style.paddingTop) || 0) - (parseFloat(style.paddingBottom) || 0);
    const perColumn = Math.max(1, Math.floor((room + gap) / (rowHeight + gap)));
    this.perPage = perColumn * 2;
    this.restRows = perColumn;
    this.place();
  }

  /** Whether `split` large rows and the rest compact, on one page, fit. */
  private fitsWith(split: number): boolean {
    this.split = split;
    this.restRows = Math.max(1, Math.ceil((this.rows.length - split) / 2));
    this.place();
    return this.fits() && this.rest.scrollHeight <= this.rest.clientHeight + 1;
  }

  private fits(): boolean {
    const box = this.histogram;
    return box.scrollHeight <= box.clientHeight + 1;
  }

  private place(): void {
    const split = Math.min(this.split, this.rows.length);
    this.rows.forEach((row, i) => row.classList.toggle("compact", i >= split));
    placeChildren(this.top, this.rows.slice(0, split));
    placeChildren(this.rest, this.rows.slice(split));
    this.rest.setAttribute("start", String(split + 1));
    this.rest.hidden = split >= this.rows.length;
    this.rest.style.setProperty("--rows", String(this.restRows));
  }
}
