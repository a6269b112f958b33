// Results as the animateur sees them, live (Results messages): the sorted points per idea or
// cluster with how many tables gave them, or for an evaluation the ranking with the overall
// score and, per criterion, mean, median and count; participation beside them. Reveal or hide
// them for the tables, download them (JSON from the server, CSV built here), and for an ideation
// start the evaluation that carries its best ideas over (its form in a new tab, carry_picker.ts).
// Below them, the synthesis, raw data and archive the server makes from the log (exports_panel.ts).
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind, Bucket, ObserverResults, Phase, Scale, Template, Voter } from "../gen/atelier/v1/workshop_pb";
import { b as bw, pr, rankLine } from "../i18n/ballots";
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { agenda, criteria, type Mirror } from "../state/mirror";
import { bucketCount, currentVote, kBucketOrder, otherVotes, spreadTop, type VoteShown } from "../observer/votes";
import { fingerprintLine } from "../ui/fingerprint";
import { rankingTable } from "../ui/ranking";
import { consolidationTable, profileCriteria, profileVotes } from "../ui/profile_charts";
import { consolidationTables, evaluationsByProfile, votesByProfile } from "../ui/profile_results";
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
  /** « Tous / par profil », where the workshop has profiles: built once (never under the pointer). */
  private byProfile = false;
  private readonly profileChoice = h("fieldset", { class: "profile-view-choice", id: "results-view", hidden: true },
    h("legend", {}, pr.viewLegend),
    ...(["all", "profile"] as const).map((v) => h("label", {},
      h("input", {
        type: "radio", name: "results-view", value: v, id: `results-view-${v}`, checked: v === "all",
        onchange: () => { this.byProfile = v === "profile"; this.ctx.changed(); },
      }),
      v === "all" ? pr.all : pr.byProfile)),
  );
  /** The carry-over to an evaluation (ideation only). */
  private readonly carry: HTMLElement;

  private readonly exports: ExportsPanel;
  /** The earlier votes the animateur opened (their step ids), kept across live updates. */
  private readonly openVotes = new Set<number>();

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
      this.profileChoice,
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
    // What the agenda holds: votes, scores, or both (a journey map rates its stages with smileys,
    // then votes on its opportunities), each shown in the agenda's order.
    const steps = agenda(m);
    const evaluation = m.config?.template === Template.EVALUATION;
    const firstOf = (kind: Phase) => steps.findIndex((s) => s.kind === kind);
    const scoring = evaluation || firstOf(Phase.SCORING) >= 0;
    const voting = !evaluation && (firstOf(Phase.CONVERGENCE) >= 0 || !scoring);
    const live = m.config?.visibility?.observerResults !== ObserverResults.AT_REVEAL;
    const status = `${m.resultsRevealed ? t.results.revealed : t.results.hidden} ${live ? t.results.observersLive : t.results.observersAtReveal}`;
    if (this.revealStatus.textContent !== status) this.revealStatus.textContent = status;
    const label = m.resultsRevealed ? t.results.hide : t.results.reveal;
    if (this.reveal.textContent !== label) this.reveal.textContent = label;
    this.carry.hidden = !voting; // after the results it follows from
    const profiled = (m.results?.profiles.length ?? 0) > 0;
    this.profileChoice.hidden = !profiled;
    const byProfile = profiled && this.byProfile;
    const both = voting && scoring;
    const votes = voting ? this.pointsView(m, byProfile) : [];
    const scores = scoring ? this.evaluationView(m, byProfile, both) : [];
    const scoresFirst = both && firstOf(Phase.SCORING) < firstOf(Phase.CONVERGENCE);
    replaceChildren(this.body, ...(scoresFirst ? [...scores, ...votes] : [...votes, ...scores]),
      consolidationTables(m, pr.noProfile).map((c) => consolidationTable(c, `consolidation-${c.stepId}`)),
      fingerprintLine(m.results));
    this.exports.render(voting, scoring);
  }

  /**
   * The vote shown (the current vote step, else the last before it) in its ballot's unit, then
   * the agenda's other votes, each folded under its summary.
   */
  private pointsView(m: Mirror, byProfile: boolean): HTMLElement[] {
    const r = m.results;
    const p = r?.participation;
    const vote = currentVote(m);
    const kind = vote?.kind ?? BallotKind.BUDGET;
    const plain = kind === BallotKind.BUDGET && vote?.ballot.voter !== Voter.SEAT;
    const participation = !p ? "" : plain
      ? t.results.participationIdeation(p.tablesVoted, p.tablesJoined, p.ideas, p.pointsSpent)
      : participationLine(vote!, p.tablesVoted, vote!.ballot.voter === Voter.SEAT ? p.seatsJoined : p.tablesJoined, p.ideas, p.pointsSpent);
    const rows = vote?.targets ?? r?.points ?? [];
    const others = otherVotes(m);
    return [
      h("h3", { id: "vote-results-title" }, plain ? t.results.pointsTitle : bw.resultsTitle[kind]),
      h("p", { id: "participation" }, participation),
      bw.resultsNote[kind] ? h("p", { class: "hint-text", id: "vote-results-note" }, bw.resultsNote[kind]) : null,
      rows.length === 0 ? h("p", { class: "hint-text" }, t.results.none)
        : byProfile && vote ? h("div", {}, h("h4", {}, pr.votesTitle), profileVotes(votesByProfile(m, vote.stepId, rows), (n) => bw.amount(kind, n), "profile-votes"))
        : voteList(vote, rows, "points-results"),
      vote?.kind === BallotKind.BUCKETS ? subjectsList(vote) : null,
      others.length === 0 ? null : h("div", { class: "other-votes", id: "other-votes" },
        h("h3", {}, bw.otherVotes),
        // Rebuilt with every update: each keeps whether it is open, and its summary the focus.
        others.map((v) => h("details", {
          class: "other-vote", "data-step": v.stepId, open: this.openVotes.has(v.stepId),
          ontoggle: (ev: Event) => {
            if ((ev.target as HTMLDetailsElement).open) this.openVotes.add(v.stepId);
            else this.openVotes.delete(v.stepId);
          },
        },
          h("summary", { "data-key": `other-vote-${v.stepId}` }, bw.otherVote(v.step?.title ?? "", bw.resultsTitle[v.kind]), " ",
            h("span", { class: "hint-text" }, `(${bw.votersVoted(v.ballot.voter, v.voters)})`)),
          v.targets.length === 0 ? h("p", { class: "hint-text" }, t.results.none) : voteList(v, v.targets, `other-results-${v.stepId}`),
          v.kind === BallotKind.BUCKETS ? subjectsList(v) : null,
        ))),
    ].filter((e): e is HTMLElement => e !== null);
  }

  private evaluationView(m: Mirror, byProfile: boolean, besideVotes: boolean): (HTMLElement | null)[] {
    const r = m.results;
    const p = r?.participation;
    const crits = criteria(m);
    const evals = r?.evaluations ?? [];
    return [
      besideVotes ? h("h3", { id: "score-results-title" }, t.results.scoresTitle) : null,
      h("p", { id: besideVotes ? "score-participation" : "participation" }, p ? t.results.participationEvaluation(p.seatsScored, p.seatsJoined) : ""),
      evals.length === 0 ? h("p", { class: "hint-text" }, t.results.none) : h("p", { class: "hint-text" }, t.results.overallLegend, " ",
        // « sur 10 » only where every criterion is scored 0 to 10.
        crits.every((c) => c.scale !== Scale.SMILEYS && c.minValue === 0 && (c.maxValue || 10) === 10) ? t.results.criterionLegend : t.results.criterionLegendScales),
      // The shared ranking (ui/ranking.ts): a table where it fits whole, else a card per idea,
      // never cut; with the exact figures (spread, mean, median, count) the animateur needs.
      evals.length === 0
        ? null
        : byProfile ? h("div", {}, h("h3", {}, pr.criteriaTitle), profileCriteria(evaluationsByProfile(m), "profile-criteria"))
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

const bucketClass: Record<Bucket, string> = {
  [Bucket.UNSPECIFIED]: "",
  [Bucket.POUBELLE]: "poubelle",
  [Bucket.MACHINE_A_LAVER]: "machine",
  [Bucket.COFFRE_FORT]: "coffre",
};

/** « 5 participants sur 9 ont voté · 6 idées » and, for points or dots, what was given. */
function participationLine(vote: VoteShown, voted: number, of: number, ideas: number, spent: number): string {
  const parts = [bw.voted(vote.ballot.voter, voted, of), t.results.ideasCount(ideas)];
  if (vote.kind === BallotKind.BUDGET) parts.push(t.results.pointsGiven(spent));
  if (vote.kind === BallotKind.DOTS) parts.push(t.results.dotsPlaced(spent));
  return parts.join(" · ");
}

/**
 * One vote's rows, as bars on one scale: points, dots or choices with their unit and who gave
 * them; a ranking's Borda count with its stacked bar of ranks and « 1er ×5, 2e ×3 »; buckets as
 * a stacked bar with each bucket's count.
 */
function voteList(vote: VoteShown | null, rows: TargetResult[], id: string): HTMLElement {
  const kind = vote?.kind ?? BallotKind.BUDGET;
  const voter = vote?.ballot.voter ?? Voter.TABLE;
  const max = Math.max(1, ...rows.map((x) => x.points));
  const spread = spreadTop(rows);
  const label = (x: TargetResult) => h("span", {}, x.isCluster ? h("strong", {}, x.text) : x.text);
  return h("ol", { class: `plain bars vote-${BallotKind[kind].toLowerCase()}`, id }, rows.map((x) => {
    switch (kind) {
      case BallotKind.RANKING:
        return h("li", { class: "hbar", "data-target-id": x.targetId },
          label(x),
          h("span", { class: "segs", "aria-hidden": "true" }, x.ranks.map((n, i) =>
            h("span", { class: `seg r${Math.min(i + 1, 5)}`, style: `width: ${(100 * n) / spread}%` }))),
          h("span", { class: "count" }, bw.amount(kind, x.points),
            h("span", { class: "hint-text" }, ` · ${rankLine(x.ranks) || t.results.notRanked}`)));
      case BallotKind.BUCKETS:
        return h("li", { class: "hbar", "data-target-id": x.targetId },
          label(x),
          h("span", { class: "segs", "aria-hidden": "true" }, kBucketOrder.map((b) =>
            h("span", { class: `seg ${bucketClass[b]}`, style: `width: ${(100 * bucketCount(x, b)) / spread}%` }))),
          h("span", { class: "count" }, kBucketOrder.map((b, i) =>
            h("span", { class: `bucket-count ${bucketClass[b]}` }, i > 0 ? " · " : "", bw.bucketCount(b, bucketCount(x, b))))));
      default:
        return h("li", { class: "hbar", "data-target-id": x.targetId },
          label(x),
          h("span", { class: "fill", style: `width: ${(100 * x.points) / max}%`, "aria-hidden": "true" }),
          h("span", { class: "count" }, bw.amount(kind, x.points),
            kind === BallotKind.PICK ? null : h("span", { class: "hint-text" }, ` · ${bw.votedBy(voter, x.tables)}`)));
    }
  }));
}

/** A buckets vote's longue-vue: the new subjects posted during it. */
function subjectsList(vote: VoteShown): HTMLElement {
  return h("div", { class: "longue-vue" },
    h("h4", {}, bw.longueVue),
    vote.newSubjects.length === 0
      ? h("p", { class: "hint-text" }, bw.longueVueNone)
      : h("ul", { class: "subjects", id: `longue-vue-${vote.stepId}` }, vote.newSubjects.map((i) => h("li", {}, i.text))));
}
