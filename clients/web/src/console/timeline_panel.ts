// The timeline ("Chronologie"): a slider over the workshop's history, its phase changes and other
// marks ticked on it, and the ideas, clusters, points and results as they stood after the event
// chosen, read from the server (GET /api/workshops/{id}/timeline, folded from the log there).
//
// A past view, read-only and marked as such: it has its own Mirror per moment and never touches
// the live one, so the live wall and results go on updating behind it and are shown again as
// they are now by "Retour au direct". Works on a live workshop: the slider's end follows the
// live head, and the marks are read again when the live phase changes.
//
// Keyboard: the native range input (arrows one event, Home/End), plus PageUp/PageDown to the
// previous/next mark; each mark is also a button in the list under the slider.
import { TimelineMarkKind, type Timeline, type TimelineMark, type TimelineMoment } from "../gen/atelier/v1/timeline_pb";
import type { TargetResult } from "../gen/atelier/v1/state_pb";
import { BallotKind, Phase, Template, Voter } from "../gen/atelier/v1/workshop_pb";
import { b as bw, kindOf, rankLine } from "../i18n/ballots";
import { phaseNames } from "../i18n/common";
import { t } from "../i18n/console";
import { lang } from "../i18n/lang";
import { bucketCount, kBucketOrder } from "../observer/votes";
import { ballotOf, targets, type Mirror } from "../state/mirror";
import { debounce, h, replaceChildren } from "../ui/dom";
import { LatestRequest, RetryLater } from "./latest_request";
import { formatScore } from "./results_panel";
import { fetchMoment, fetchTimeline } from "./timeline_api";
import { elapsed, labelledMarks, momentMirror, nextMark, phaseAt, position, previousMark } from "./timeline_model";

const timeFormat = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const kLabelWidthPx = 110;

export class TimelinePanel {
  readonly element: HTMLElement;
  readonly heading = h("h2", { id: "timeline-title", tabindex: -1 }, t.timeline.title);
  private outline: Timeline | null = null;
  private past: { moment: TimelineMoment; mirror: Mirror } | null = null;
  private head = 1;
  private livePhase = Phase.UNSPECIFIED;
  private isOpen = false;
  private readonly slider = h("input", {
    type: "range", id: "timeline-slider", min: 1, max: 1, step: 1, value: 1,
    "aria-describedby": "timeline-keys",
  }) as HTMLInputElement;
  private readonly ticks = h("div", { class: "timeline-ticks", "aria-hidden": "true" });
  private readonly position = h("p", { class: "timeline-position", id: "timeline-position" });
  private readonly liveHead = h("p", { class: "hint-text", id: "timeline-live-head" });
  private readonly marks = h("div", { class: "timeline-marks" });
  private readonly status = h("p", { class: "hint-text", id: "timeline-status", role: "status" });
  private readonly body = h("div", { class: "timeline-body", id: "timeline-body" });
  private readonly requests: LatestRequest<number, TimelineMoment>;

  constructor(private readonly workshopId: string, private readonly token: string, private readonly onClose: () => void) {
    this.requests = new LatestRequest<number, TimelineMoment>({
      fetch: (seq) => fetchMoment(this.workshopId, this.token, seq),
      shown: (_seq, moment) => this.display(moment),
      failed: (_seq, error, retrying) => {
        const why = error instanceof Error ? error.message : String(error);
        this.status.textContent = retrying ? t.timeline.retrying(why) : t.timeline.failed(why);
      },
    });
    this.slider.addEventListener("input", () => this.moved(false));
    this.slider.addEventListener("change", () => this.moved(true));
    this.slider.addEventListener("keydown", (ev) => this.key(ev));
    // The labels are laid out again when the track's width changes (before the next paint where
    // ResizeObserver exists; Safari 13.0 has only the window's resize).
    const relayout = () => {
      if (this.isOpen) this.renderMarks();
    };
    if (typeof ResizeObserver === "function") new ResizeObserver(relayout).observe(this.ticks);
    else window.addEventListener("resize", debounce(relayout, 150));
    this.element = h("section", { class: "card timeline", id: "timeline", "aria-labelledby": "timeline-title", hidden: true },
      h("div", { class: "timeline-head" },
        h("div", {}, h("p", { class: "past-badge" }, t.timeline.badge), this.heading),
        h("button", { type: "button", class: "primary", id: "timeline-live", onclick: () => this.onClose() }, t.timeline.live),
      ),
      h("label", { for: "timeline-slider" }, t.timeline.slider),
      h("div", { class: "timeline-track" }, this.slider, this.ticks),
      h("p", { class: "hint-text", id: "timeline-keys" }, t.timeline.keys),
      this.position,
      this.liveHead,
      this.status,
      this.marks,
      this.body,
    );
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** Shows the timeline at the live head, and reads its outline. */
  openAt(live: Mirror): void {
    this.isOpen = true;
    this.element.hidden = false;
    this.past = null;
    this.requests.reset();
    this.head = Math.max(1, Number(live.seq));
    this.livePhase = live.phase;
    this.slider.max = String(this.head);
    this.slider.value = String(this.head);
    replaceChildren(this.body);
    this.status.textContent = t.timeline.loading;
    this.renderPosition();
    void this.readOutline();
    this.requests.want(this.head, true);
  }

  close(): void {
    this.isOpen = false;
    this.element.hidden = true;
    this.requests.reset();
  }

  /** The live mirror changed: the slider's end follows the head, the marks a new phase. */
  live(m: Mirror): void {
    if (!this.isOpen) return;
    const seq = Number(m.seq);
    if (seq > this.head) {
      this.head = seq;
      this.slider.max = String(seq);
      this.renderMarks();
      this.renderPosition();
    }
    if (m.phase !== this.livePhase) {
      this.livePhase = m.phase;
      void this.readOutline();
    }
    this.liveHead.textContent = t.timeline.liveHead(seq);
  }

  private async readOutline(): Promise<void> {
    try {
      const outline = await fetchTimeline(this.workshopId, this.token);
      if (!this.isOpen) return;
      this.outline = outline;
      const head = Number(outline.headSeq);
      if (head > this.head) {
        this.head = head;
        this.slider.max = String(head);
      }
      this.renderMarks();
      this.renderPosition();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.status.textContent = e instanceof RetryLater ? t.timeline.retrying(why) : t.timeline.failed(why);
    }
  }

  private seq(): number {
    return Math.min(this.head, Math.max(1, Math.round(Number(this.slider.value) || 1)));
  }

  private moved(now: boolean): void {
    this.renderPosition();
    this.requests.want(this.seq(), now);
    this.status.textContent = this.requests.pending ? t.timeline.loading : "";
  }

  private goTo(seq: number): void {
    this.slider.value = String(seq);
    this.moved(true);
  }

  private key(ev: KeyboardEvent): void {
    const marks = this.outline?.marks ?? [];
    if (ev.key === "PageUp") this.goTo(previousMark(marks, this.seq()));
    else if (ev.key === "PageDown") this.goTo(nextMark(marks, this.seq(), this.head));
    else return;
    ev.preventDefault();
  }

  private markLabel(mark: TimelineMark): string {
    switch (mark.kind) {
      case TimelineMarkKind.PHASE: return t.timeline.phaseShort[mark.phase] ?? "";
      case TimelineMarkKind.FIRST_IDEA: return t.timeline.markFirstIdea;
      case TimelineMarkKind.MERGE: return t.timeline.markMerge;
      case TimelineMarkKind.REVEAL: return t.timeline.markReveal;
      default: return "";
    }
  }

  private renderMarks(): void {
    const marks = this.outline?.marks ?? [];
    const width = this.ticks.clientWidth || 600;
    const labelled = new Set(labelledMarks(marks, this.head, (100 * kLabelWidthPx) / width));
    const current = this.seq();
    replaceChildren(this.ticks, marks.map((mark, i) => {
      const at = position(Number(mark.seq), this.head);
      const align = at < 12 ? " start" : at > 88 ? " end" : "";
      return h("span", { class: `tick ${mark.kind === TimelineMarkKind.PHASE ? "phase" : "other"}${align}`, style: `--at: ${at}` },
        labelled.has(i) ? h("span", { class: "tick-label" }, this.markLabel(mark)) : null);
    }));
    this.declutter();
    const first = this.outline ? Number(this.outline.firstTimeMs) : 0;
    replaceChildren(this.marks,
      h("h3", { id: "timeline-marks-title" }, t.timeline.marksTitle),
      h("ol", { class: "plain mark-list", id: "timeline-marks", "aria-labelledby": "timeline-marks-title" },
        marks.map((mark) => {
          const seq = Number(mark.seq);
          const label = mark.kind === TimelineMarkKind.PHASE ? phaseNames[mark.phase] : this.markLabel(mark);
          const at = Number(mark.timeMs);
          return h("li", {},
            h("button", {
              type: "button", class: `small mark ${mark.kind === TimelineMarkKind.PHASE ? "phase" : "other"}`,
              "data-key": `mark-${seq}-${mark.kind}`,
              "aria-current": this.currentMark(marks, current) === mark ? "step" : null,
              onclick: () => this.goTo(seq),
            }, h("span", { class: "mark-name" }, label), " ", h("span", { class: "idea-meta" }, t.timeline.markMeta(timeFormat.format(at), elapsed(first, at), seq))));
        })),
      this.outline && this.outline.mergesLeftOut > 0 ? h("p", { class: "hint-text" }, t.timeline.mergesLeftOut(this.outline.mergesLeftOut)) : null,
    );
  }

  // The labels kept by labelledMarks, measured now that they are laid out: one that overlaps a
  // label kept before it (phase changes first) or leaves the track is hidden; its tick stays, and
  // the list under the slider names it.
  private declutter(): void {
    const track = this.ticks.getBoundingClientRect();
    if (track.width === 0) return;
    const labels = [...this.ticks.querySelectorAll<HTMLElement>(".tick-label")];
    const isPhase = (l: HTMLElement) => l.parentElement?.classList.contains("phase") ?? false;
    const kept: DOMRect[] = [];
    for (const label of [...labels.filter(isPhase), ...labels.filter((l) => !isPhase(l))]) {
      label.hidden = false;
      const r = label.getBoundingClientRect();
      const inside = r.left >= track.left - 1 && r.right <= track.right + 1;
      const apart = kept.every((k) => r.right + 8 <= k.left || r.left >= k.right + 8);
      if (inside && apart) kept.push(r);
      else label.hidden = true;
    }
  }

  private currentMark(marks: TimelineMark[], seq: number): TimelineMark | undefined {
    let found: TimelineMark | undefined;
    for (const m of marks) if (Number(m.seq) <= seq) found = m;
    return found;
  }

  private renderPosition(): void {
    const seq = this.seq();
    const phase = phaseAt(this.outline?.marks ?? [], seq);
    this.slider.setAttribute("aria-valuetext", t.timeline.valueText(seq, this.head, phaseNames[phase]));
    const moment = this.past?.moment;
    const shown = moment && Number(moment.seq) === seq
      ? ` — ${t.timeline.at(timeFormat.format(Number(moment.timeMs)), elapsed(Number(this.outline?.firstTimeMs ?? moment.timeMs), Number(moment.timeMs)))}`
      : "";
    this.position.textContent = `${t.timeline.eventOf(seq, this.head)}${shown}`;
    if (this.outline) {
      const marks = this.outline.marks;
      for (const button of this.marks.querySelectorAll<HTMLButtonElement>("button.mark")) button.removeAttribute("aria-current");
      const current = this.currentMark(marks, seq);
      if (current) {
        this.marks.querySelector<HTMLButtonElement>(`[data-key="mark-${Number(current.seq)}-${current.kind}"]`)?.setAttribute("aria-current", "step");
      }
    }
  }

  private display(moment: TimelineMoment): void {
    if (!this.isOpen) return;
    const mirror = momentMirror(moment);
    this.past = { moment, mirror };
    this.status.textContent = "";
    this.renderPosition();
    const evaluation = mirror.config?.template === Template.EVALUATION;
    replaceChildren(this.body,
      h("p", { class: "timeline-phase", id: "timeline-phase" }, t.timeline.phaseNow(phaseNames[mirror.phase]),
        mirror.resultsRevealed ? h("span", { class: "hint-text" }, ` · ${t.timeline.revealed}`) : null),
      h("div", { class: "timeline-columns" },
        this.ideasView(mirror),
        h("div", {}, h("h3", {}, t.timeline.resultsTitle), evaluation ? this.rankingView(moment) : this.pointsView(moment, mirror)),
      ),
    );
  }

  private ideasView(m: Mirror): HTMLElement {
    const author = (tableId: number) => (tableId === 0 ? t.animateur : t.tableLabel(tableId, m.tables.get(tableId)?.name ?? ""));
    const all = targets(m);
    return h("div", {},
      h("h3", {}, t.timeline.ideasTitle(m.ideas.size)),
      all.length === 0 ? h("p", { class: "hint-text" }, t.timeline.noIdeas) : h("ul", { class: "plain past-wall", id: "timeline-ideas" },
        all.map((x) => h("li", { class: `past-target${x.isCluster ? " cluster" : ""}`, "data-target": x.id },
          h("p", { class: "target-text" }, x.isCluster ? h("strong", {}, x.text) : x.text,
            h("span", { class: "idea-meta" }, x.isCluster ? t.timeline.clusterOf(x.ideas.length) : author(x.ideas[0].tableId))),
          x.isCluster ? h("ul", { class: "members" }, x.ideas.map((i) => h("li", { "data-idea": i.id }, i.text, h("span", { class: "idea-meta" }, ` · ${author(i.tableId)}`)))) : null,
        ))),
    );
  }

  /** The vote shown at that moment, in its ballot's unit (points, gommettes, choix, Borda, buckets). */
  private pointsView(moment: TimelineMoment, mirror: Mirror): HTMLElement {
    const p = moment.results?.participation;
    const rows = moment.results?.points ?? [];
    const max = Math.max(1, ...rows.map((x) => x.points));
    const ballot = ballotOf(mirror, moment.results?.voteStepId || undefined);
    const kind = kindOf(ballot);
    const plain = kind === BallotKind.BUDGET && ballot.voter !== Voter.SEAT;
    const detail = (x: TargetResult) => kind === BallotKind.RANKING ? rankLine(x.ranks)
      : kind === BallotKind.BUCKETS ? kBucketOrder.map((b) => bw.bucketCount(b, bucketCount(x, b))).join(" · ")
      : bw.votedBy(ballot.voter, x.tables);
    return h("div", {},
      p ? h("p", {}, plain ? t.results.participationIdeation(p.tablesVoted, p.tablesJoined, p.ideas, p.pointsSpent)
        : bw.votersVoted(ballot.voter, p.tablesVoted)) : null,
      rows.length === 0 ? h("p", { class: "hint-text" }, t.results.none) : h("ol", { class: "plain bars", id: "timeline-points" },
        rows.map((x) => h("li", { class: "hbar", "data-target": x.targetId, "data-points": x.points },
          h("span", {}, x.isCluster ? h("strong", {}, x.text) : x.text),
          h("span", { class: "fill", style: `width: ${(100 * x.points) / max}%`, "aria-hidden": "true" }),
          h("span", { class: "count" }, plain ? t.timeline.points(x.points) : bw.amount(kind, x.points),
            detail(x) ? h("span", { class: "hint-text" }, ` · ${plain ? t.results.tables(x.tables) : detail(x)}`) : null),
        ))),
    );
  }

  private rankingView(moment: TimelineMoment): HTMLElement {
    const p = moment.results?.participation;
    const evals = moment.results?.evaluations ?? [];
    return h("div", {},
      p ? h("p", {}, t.results.participationEvaluation(p.seatsScored, p.seatsJoined)) : null,
      evals.length === 0 ? h("p", { class: "hint-text" }, t.results.none) : h("ol", { class: "plain", id: "timeline-ranking" },
        evals.map((e) => h("li", { class: "rank-row", "data-idea": e.ideaId },
          h("strong", {}, `${e.rank}. `), e.text, h("span", { class: "idea-meta" }, ` · ${t.timeline.overall(formatScore(e.overall))}`)))),
    );
  }
}
