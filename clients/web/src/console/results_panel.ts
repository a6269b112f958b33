// Results as the animateur sees them, live (Results messages): the sorted points per idea or
// cluster with how many tables gave them, or for an evaluation the ranking with the overall
// score and, per criterion, mean, median and count; participation beside them. Reveal or hide
// them for the tables, download them (JSON from the server, CSV built here), and for an ideation
// start the evaluation that carries its best ideas over (its form in a new tab, carry_picker.ts).
// Below them, the synthesis, raw data and archive the server makes from the log (exports_panel.ts).
import { ObserverResults, Template } from "../gen/atelier/v1/workshop_pb";
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { criteria, type Mirror } from "../state/mirror";
import { fingerprintLine } from "../ui/fingerprint";
import { rankingTable } from "../ui/ranking";
import { h, replaceChildren } from "../ui/dom";
import type { ConsoleContext } from "./context";
import { fetchResultsJson, fileName, saveFile } from "./download";
import { ExportsPanel } from "./exports_panel";
import { resultsCsv } from "./results_csv";

const numberFormat = new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });

export function formatScore(n: number): string {
  return Number.isFinite(n) ? numberFormat.format(n) : "—";
}

export class ResultsPanel {
  readonly element: HTMLElement;
  // Built once and only updated, so that a live update (a vote, every second in convergence)
  // never replaces a button under the pointer: a click on a replaced node is lost.
  private readonly revealStatus = h("p", { id: "reveal-status" });
  private readonly reveal = h("button", { type: "button", class: "primary", id: "reveal", "data-key": "reveal" });
  private readonly controls = h("div", {},
    this.revealStatus,
    h("div", { class: "row" },
      this.reveal,
      h("button", { type: "button", class: "small", id: "download-json", "data-key": "download-json", onclick: () => void this.downloadJson() }, t.results.json),
      h("button", { type: "button", class: "small", id: "download-csv", "data-key": "download-csv", onclick: () => this.downloadCsv() }, t.results.csv),
    ),
  );
  private readonly body = h("div", {});
  /** The carry-over to an evaluation (ideation only). */
  private readonly carry: HTMLElement;

  private readonly exports: ExportsPanel;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly workshopId: string,
    private readonly token: string,
  ) {
    this.exports = new ExportsPanel(ctx, workshopId, token);
    this.reveal.addEventListener("click", () => {
      const revealed = this.ctx.mirror().resultsRevealed; // as shown now, not as first rendered
      void this.ctx.run({ case: "revealResults", value: { revealed: !revealed } }, revealed ? t.results.hiddenNow : t.results.revealedNow);
    });
    // A link: the form opens in a new tab (the browser's own), and this console stays as it is.
    this.carry = h("div", { class: "carry" },
      h("a", {
        class: "button", id: "carry-over", "data-key": "carry-over", "aria-describedby": "carry-help",
        href: `/console?carry=${encodeURIComponent(workshopId)}`, target: "_blank", rel: "noopener",
      }, t.results.carry, h("span", { class: "sr-only" }, t.results.newTab)),
      h("p", { id: "carry-help", class: "hint-text" }, t.results.carryHelp),
    );
    this.element = h("section", { class: "card results", id: "console-results", "aria-labelledby": "results-title" },
      h("h2", { id: "results-title", tabindex: -1 }, t.results.title),
      this.controls,
      this.body,
      this.carry,
      this.exports.element,
    );
  }

  /** The synthesis, raw data and archive, inside this section (a link of its own). */
  get exportsElement(): HTMLElement {
    return this.exports.element;
  }

  render(m: Mirror): void {
    const evaluation = m.config?.template === Template.EVALUATION;
    const live = m.config?.visibility?.observerResults !== ObserverResults.AT_REVEAL;
    const status = `${m.resultsRevealed ? t.results.revealed : t.results.hidden} ${live ? t.results.observersLive : t.results.observersAtReveal}`;
    if (this.revealStatus.textContent !== status) this.revealStatus.textContent = status;
    const label = m.resultsRevealed ? t.results.hide : t.results.reveal;
    if (this.reveal.textContent !== label) this.reveal.textContent = label;
    this.carry.hidden = evaluation; // after the results it follows from
    replaceChildren(this.body, evaluation ? this.evaluationView(m) : this.pointsView(m), fingerprintLine(m.results));
    this.exports.render(evaluation);
  }

  private pointsView(m: Mirror): HTMLElement[] {
    const r = m.results;
    const p = r?.participation;
    const rows = r?.points ?? [];
    const max = Math.max(1, ...rows.map((x) => x.points));
    return [
      h("h3", {}, t.results.pointsTitle),
      h("p", { id: "participation" }, p ? t.results.participationIdeation(p.tablesVoted, p.tablesJoined, p.ideas, p.pointsSpent) : ""),
      rows.length === 0
        ? h("p", { class: "hint-text" }, t.results.none)
        : h("ol", { class: "plain bars", id: "points-results" }, rows.map((x) => h("li", { class: "hbar" },
            h("span", {}, x.isCluster ? h("strong", {}, x.text) : x.text),
            h("span", { class: "fill", style: `width: ${(100 * x.points) / max}%`, "aria-hidden": "true" }),
            h("span", { class: "count" }, `${x.points} pt${x.points > 1 ? "s" : ""}`, h("span", { class: "hint-text" }, ` · ${t.results.tables(x.tables)}`)),
          ))),
    ];
  }

  private evaluationView(m: Mirror): (HTMLElement | null)[] {
    const r = m.results;
    const p = r?.participation;
    const crits = criteria(m);
    const evals = r?.evaluations ?? [];
    return [
      h("p", { id: "participation" }, p ? t.results.participationEvaluation(p.seatsScored, p.seatsJoined) : ""),
      evals.length === 0 ? h("p", { class: "hint-text" }, t.results.none) : h("p", { class: "hint-text" }, t.results.overallLegend, " ", t.results.criterionLegend),
      // The shared ranking (ui/ranking.ts): a table where it fits whole, else a card per idea,
      // never cut; with the exact figures (spread, mean, median, count) the animateur needs.
      evals.length === 0
        ? null
        : rankingTable(r!, crits, t.results.rankingCaption, { id: "evaluation-results", exact: true }),
    ];
  }

  private async downloadJson(): Promise<void> {
    try {
      const text = await fetchResultsJson(this.workshopId, this.token);
      saveFile(fileName(t.csv.fileStem, this.workshopId, "json"), text, "application/json");
    } catch (e) {
      this.ctx.notify(t.results.downloadFailed(e instanceof Error ? e.message : String(e)));
    }
  }

  private downloadCsv(): void {
    const m = this.ctx.mirror();
    if (!m.results) {
      this.ctx.notify(t.results.none);
      return;
    }
    saveFile(fileName(t.csv.fileStem, this.workshopId, "csv"), resultsCsv(m.results, criteria(m)), "text/csv;charset=utf-8");
  }
}
