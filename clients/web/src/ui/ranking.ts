// The overall ranking of an evaluation, shared by the tablet's conclusion and the screens that
// show it: rank, idea, overall score out of 10 (with a bar), how much people agree, then each
// criterion. Two forms of the same rows, and only the one that fits is shown:
//   - a real <table> where it fits its box whole, so that a screen reader reads every number
//     with its headers (rows: tr[data-idea-id][data-rank][data-overall]);
//   - else a stacked card per idea (rank, idea, overall, agreement, then one line per
//     criterion), so that nothing is cut on a phone or a narrow column and nothing needs a
//     sideways scroll (cards: li.rank-card with the same data attributes).
// The choice is measured, not guessed from the screen width: the table is tried, and when it is
// wider than its box the cards are shown instead (one ResizeObserver for every ranking on the
// page, which also brings the table back when the box grows). The hidden form carries `hidden`,
// so assistive technologies meet one of them.
//
// options.exact adds the exact figures the animateur needs (the spread, and per criterion the
// mean, the median and the number of scores); without it, the plain words citizens read.
import type { IdeaEvaluation, Results } from "../gen/atelier/v1/state_pb";
import { Direction, type Criterion } from "../gen/atelier/v1/workshop_pb";
import { agreementWords, decimal, evaluationWords } from "../i18n/common";
import { pick } from "../i18n/lang";
import { agreement } from "./consensus";
import { h } from "./dom";
import { smileyWord } from "./profile_charts";
import { scaleOf } from "./profile_results";
import "./ranking.css";

const words = pick({
  fr: {
    rank: "Rang", idea: "Idée", overall: "Note globale sur 10", overallShort: "Note globale", outOf10: "sur 10",
    agreement: "Accord", noScore: "pas de note", spread: "Dispersion", meanNote: "moyenne",
    cell: (mean: string, median: string, count: number) => `${mean} · méd. ${median} · ${count} note${count > 1 ? "s" : ""}`,
    rankSr: (rank: number) => `Rang ${rank} : `,
    perCriterion: "Par critère, la moyenne sur 10 :",
    perCriterionExact: "Par critère : moyenne · médiane · nombre de notes",
  },
  en: {
    rank: "Rank", idea: "Idea", overall: "Overall score out of 10", overallShort: "Overall score", outOf10: "out of 10",
    agreement: "Agreement", noScore: "no score", spread: "Spread", meanNote: "mean",
    cell: (mean: string, median: string, count: number) => `${mean} · med. ${median} · ${count} score${count === 1 ? "" : "s"}`,
    rankSr: (rank: number) => `Rank ${rank}: `,
    perCriterion: "Per criterion, the mean out of 10:",
    perCriterionExact: "Per criterion: mean · median · number of scores",
  },
});

export interface RankingOptions {
  /** The table's id (default "ranking"); the cards' list gets `${id}-cards`. */
  id?: string;
  /** Exact figures for the animateur: the spread, and per criterion mean, median and count. */
  exact?: boolean;
}

type Layout = "table" | "cards";

/** The ranking, as a table where it fits and as cards where it does not. */
export function rankingTable(results: Results, crits: readonly Criterion[], caption: string, options: RankingOptions = {}): HTMLElement {
  const id = options.id ?? "ranking";
  const exact = options.exact ?? false;
  const scroll = h("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: 0 },
    table(results, crits, caption, id, exact));
  const cards = h("div", { class: "ranking-cards" },
    h("p", { class: "ranking-caption", id: `${id}-cards-caption` }, caption),
    h("ol", { class: "plain", id: `${id}-cards`, "aria-labelledby": `${id}-cards-caption` },
      results.evaluations.map((e) => card(e, crits, exact))),
  );
  const view = h("div", { class: exact ? "ranking-view exact" : "ranking-view", "data-ranking": id }, scroll, cards);
  const last = remembered.get(id);
  show(view, last?.layout ?? "table");
  if (last) view.dataset.tableWidth = String(last.tableWidth);
  watch(view);
  return view;
}

function table(results: Results, crits: readonly Criterion[], caption: string, id: string, exact: boolean): HTMLElement {
  return h("table", { id, class: "ranking" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, words.rank),
      h("th", { scope: "col", class: "idea" }, words.idea),
      h("th", { scope: "col" }, words.overall),
      h("th", { scope: "col" }, words.agreement),
      exact ? h("th", { scope: "col" }, words.spread) : null,
      crits.map((c) => h("th", { scope: "col" }, c.name, h("span", { class: "th-note" }, ` (${criterionNote(c, exact)})`))),
    )),
    h("tbody", {}, results.evaluations.map((e) => {
      const scored = e.criteria.some((c) => c.count > 0);
      return h("tr", rowData(e),
        h("td", { class: "num rank" }, String(e.rank)),
        h("th", { scope: "row", class: "idea" }, e.text),
        h("td", { class: "num overall" },
          h("span", { class: "overall-value" }, scored ? decimal(e.overall) : "—"),
          meter(e.overall),
        ),
        h("td", { class: "agreement" }, agreementOf(e)),
        exact ? h("td", { class: "num" }, scored ? decimal(e.spread) : "—") : null,
        crits.map((c) => h("td", { class: "num", "data-criterion-id": c.id }, criterionValue(e, c, exact))),
      );
    })),
  );
}

function card(e: IdeaEvaluation, crits: readonly Criterion[], exact: boolean): HTMLElement {
  const scored = e.criteria.some((c) => c.count > 0);
  return h("li", { ...rowData(e), class: "rank-card" },
    h("p", { class: "rank-card-idea" },
      h("span", { class: "rank-badge", "aria-hidden": "true" }, String(e.rank)),
      h("span", { class: "sr-only" }, words.rankSr(e.rank)),
      h("strong", {}, e.text),
    ),
    h("p", { class: "rank-card-overall" },
      `${words.overallShort} `, h("span", { class: "overall-value" }, scored ? decimal(e.overall) : "—"), ` ${words.outOf10}`,
      meter(e.overall),
    ),
    h("p", { class: "rank-card-agreement" }, `${words.agreement} : `, h("strong", {}, agreementOf(e)),
      exact && scored ? ` · ${words.spread} ${decimal(e.spread)}` : null),
    crits.length ? h("div", { class: "rank-card-criteria" },
      h("p", { class: "th-note" }, exact ? words.perCriterionExact : words.perCriterion),
      h("ul", { class: "plain" }, crits.map((c) => h("li", { "data-criterion-id": c.id },
        h("span", {}, h("span", { class: "crit-name" }, c.name),
          c.direction === Direction.LOWER_IS_BETTER ? h("span", { class: "th-note" }, ` (${evaluationWords.lowerIsBetter})`) : null, " :"),
        h("span", { class: "num" }, criterionValue(e, c, exact)),
      )))) : null,
  );
}

function rowData(e: IdeaEvaluation): Record<string, string | number> {
  return { "data-idea-id": e.ideaId, "data-rank": e.rank, "data-overall": e.overall.toFixed(2) };
}

function meter(overall: number): HTMLElement {
  return h("span", { class: "meter", "aria-hidden": "true" },
    h("span", { class: "meter-fill", style: `width: ${Math.max(0, Math.min(100, overall * 10))}%` }));
}

function agreementOf(e: IdeaEvaluation): string {
  const scored = e.criteria.some((c) => c.count > 0);
  if (!scored) return words.noScore;
  const count = Math.min(...e.criteria.map((c) => c.count));
  return agreementWords[agreement(e.spread, count)];
}

function criterionNote(c: Criterion, exact: boolean): string {
  const lower = c.direction === Direction.LOWER_IS_BETTER ? `, ${evaluationWords.lowerIsBetter}` : "";
  return `${exact ? `${evaluationWords.mean} · ${evaluationWords.median}` : words.meanNote}${lower}`;
}

function criterionValue(e: IdeaEvaluation, c: Criterion, exact: boolean): string {
  const r = e.criteria.find((x) => x.criterionId === c.id);
  if (!r || r.count === 0) return "—";
  // A smiley scale's mean says its word too (« 4,5 (Satisfait) »), as the charts do.
  const scale = scaleOf(c);
  const mean = scale.smileys ? `${decimal(r.mean)} (${smileyWord(Math.round(r.mean), scale)})` : decimal(r.mean);
  return exact ? words.cell(mean, decimal(r.median), r.count) : mean;
}

// ---- Choosing the form that fits ----------------------------------------------------------

/** The last choice per ranking id, so that a re-render starts in the right form (no flash). */
const remembered = new Map<string, { layout: Layout; tableWidth: number }>();
const watched = new Set<HTMLElement>();
let observer: ResizeObserver | null = null;

function show(view: HTMLElement, layout: Layout): void {
  view.dataset.layout = layout;
  (view.children[0] as HTMLElement).hidden = layout !== "table";
  (view.children[1] as HTMLElement).hidden = layout !== "cards";
}

/** Shows the table when it fits the view's width whole, else the cards. */
function fit(view: HTMLElement): void {
  if (!view.isConnected) {
    watched.delete(view);
    observer?.unobserve(view);
    return;
  }
  const width = view.clientWidth;
  if (width === 0) return; // not laid out (a hidden ancestor): decide when it is
  const scroll = view.children[0] as HTMLElement;
  const id = view.dataset.ranking ?? "";
  let tableWidth = Number(view.dataset.tableWidth ?? 0);
  if (view.dataset.layout === "cards" && tableWidth > 0 && width >= tableWidth) show(view, "table");
  if (view.dataset.layout === "table") {
    // The table's own width: what it needs at least (its cells wrap down to their longest word).
    if (scroll.scrollWidth > scroll.clientWidth + 1) {
      tableWidth = scroll.scrollWidth;
      show(view, "cards");
    } else if (tableWidth > width) {
      tableWidth = 0; // it fits now: what it needed before no longer holds
    }
  }
  view.dataset.tableWidth = String(tableWidth);
  remembered.set(id, { layout: view.dataset.layout as Layout, tableWidth });
}

function watch(view: HTMLElement): void {
  watched.add(view);
  if (typeof ResizeObserver !== "undefined") {
    observer ??= new ResizeObserver((entries) => {
      for (const entry of entries) fit(entry.target as HTMLElement);
    });
    observer.observe(view); // its first notice comes once the view is laid out, before paint
    return;
  }
  // Older browsers (Safari 13.0): once inserted, and on every window resize.
  if (watched.size === 1) window.addEventListener("resize", () => watched.forEach(fit));
  requestAnimationFrame(() => fit(view));
}
