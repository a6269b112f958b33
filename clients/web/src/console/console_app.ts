// The animateur console for one workshop: connects as the animateur (Hello workshop_id +
// animateur_token), folds the Welcome and events into a Mirror, and renders the panels from it.
// Owns the Connection, the Mirror and the panels; renders at most once per animation frame, so
// that a burst of events (a room of tablets posting at once) costs one render.
//
// Layout: a side column (sticky beside the main one on a laptop) holds what the animateur needs
// at every moment: the errors, the step and "next phase", the timer, the code (compact once the
// set-up is over) and links to the main column's sections, whose order follows the phase
// (layout.ts): the code and QR first while tables join, the results first in conclusion.
import { RejectionReason } from "../gen/atelier/v1/rejection_pb";
import { Phase, Template } from "../gen/atelier/v1/workshop_pb";
import { connectionLabels, explainHelloError, explainRejection, timerText } from "../i18n/common";
import { stepLabel } from "../i18n/ballots";
import { t } from "../i18n/console";
import { Connection, defaultWebSocketUrl, type ConnectionState } from "../net/connection";
import { Outbox, type KeyValueStore } from "../net/outbox";
import { applyBatch, applyWelcome, currentStep, emptyMirror, timerRemainingMs, type Mirror } from "../state/mirror";
import { byId, formatDuration, h, replaceChildren } from "../ui/dom";
import { AccessPanel } from "./access_panel";
import type { AccessCodes, ConsoleStore } from "./console_store";
import type { ConsoleContext } from "./context";
import type { CommandKind } from "./merge_undo";
import { DeletePanel } from "./delete_panel";
import { accessProminent, sectionOrder, type SectionKey } from "./layout";
import { PhasePanel } from "./phase_panel";
import { ProgressPanel } from "./progress_panel";
import { ResultsPanel } from "./results_panel";
import { SectionNav, type NavKey } from "./section_nav";
import { TimelinePanel } from "./timeline_panel";
import { WallPanel } from "./wall_panel";

export class ConsoleApp implements ConsoleContext {
  private m: Mirror = emptyMirror();
  private conn: Connection | null = null;
  private codes: AccessCodes;
  private renderQueued = false;
  private readonly screen = byId("screen");
  private readonly notice = byId("notice");
  private readonly live = byId("live");
  private readonly status = h("p", { class: "status-line", "aria-hidden": "true" });
  private readonly access: AccessPanel;
  private readonly phases: PhasePanel;
  private readonly wall: WallPanel;
  private readonly progress: ProgressPanel;
  private readonly results: ResultsPanel;
  private readonly deletion: DeletePanel;
  private readonly timeline: TimelinePanel;
  private readonly openTimeline = h("button", { type: "button", id: "timeline-open", "aria-describedby": "timeline-open-help" }, t.timeline.open);
  private readonly timelineEntry = h("section", { class: "card timeline-entry", id: "console-timeline", "aria-label": t.timeline.open },
    h("div", { class: "row" }, this.openTimeline, h("p", { class: "hint-text", id: "timeline-open-help" }, t.timeline.openHelp)));
  private readonly side = h("aside", { class: "side", "aria-label": t.nav.side });
  private readonly main = h("div", { class: "wide", id: "console-sections" });
  private readonly nav: SectionNav;
  private shownOrder = "";

  constructor(
    private readonly workshopId: string,
    private readonly token: string,
    private readonly kv: KeyValueStore,
    private readonly store: ConsoleStore,
  ) {
    this.codes = store.codes(workshopId) ?? { joinCode: "", observerCode: "" };
    this.access = new AccessPanel(() => this.consoleUrl(), (text) => this.announce(text));
    this.phases = new PhasePanel(this);
    this.wall = new WallPanel(this);
    this.progress = new ProgressPanel();
    this.results = new ResultsPanel(this, workshopId, token);
    this.deletion = new DeletePanel(workshopId, token, () => this.deleted());
    this.timeline = new TimelinePanel(workshopId, token, () => this.showLive());
    this.openTimeline.addEventListener("click", () => this.showTimeline());
    const heading = (id: string) => () => document.getElementById(id);
    this.nav = new SectionNav(t.nav.label, [
      { key: "access", label: t.nav.access, section: this.access.element, focus: heading("access-title") },
      { key: "wall", label: t.nav.wall, section: this.wall.element, focus: heading("wall-title") },
      { key: "tables", label: t.nav.tables, section: this.progress.element, focus: heading("progress-title") },
      { key: "results", label: t.nav.results, section: this.results.element, focus: heading("results-title") },
      { key: "exports", label: t.nav.exports, section: this.results.exportsElement, focus: heading("exports-title") },
      {
        key: "timeline", label: t.nav.timeline, section: this.timelineEntry,
        // An open timeline stands at the top of the main column, in the entry's stead.
        scrollTo: () => (this.timeline.element.hidden ? this.timelineEntry : this.timeline.element),
        focus: () => (this.timeline.element.hidden ? this.openTimeline : this.timeline.heading),
      },
    ], (key) => {
      // The wall and the results are hidden behind an open timeline: back to the live view first.
      if (!this.timeline.element.hidden && key !== "timeline" && key !== "access") this.showLive(false);
    });
    this.trackBarHeight();
  }

  start(): void {
    replaceChildren(this.screen, h("p", {}, t.connecting));
    this.conn = new Connection({
      url: defaultWebSocketUrl(),
      hello: () => ({ workshopId: this.workshopId, animateurToken: this.token }),
      outbox: new Outbox(this.kv, `atelier.outbox.console.${this.workshopId}`),
      handlers: {
        welcome: (w) => {
          const first = !this.m.config;
          this.m = applyWelcome(this.m, w, Date.now());
          const access = w.snapshot?.access;
          if (access?.joinCode) {
            this.codes = { joinCode: access.joinCode, observerCode: access.observerCode };
            this.store.saveCodes(this.workshopId, this.codes);
          }
          if (first) this.layout();
          this.rememberHere();
          this.changed();
        },
        events: (batch) => {
          const step = this.m.stepId;
          const paused = this.m.paused;
          for (const e of batch.events) {
            this.wall.onEvent(e);
            if (e.payload.case === "workshopCreated" && e.payload.value.access?.joinCode) {
              const a = e.payload.value.access;
              this.codes = { joinCode: a.joinCode, observerCode: a.observerCode };
            }
          }
          applyBatch(this.m, batch);
          if (this.m.stepId !== step && this.m.phase !== Phase.UNSPECIFIED) this.announce(t.phases.changed(stepLabel(currentStep(this.m))));
          if (this.m.paused !== paused) this.announce(this.m.paused ? t.phases.pausedAnnounce : t.phases.resumedAnnounce);
          this.changed();
        },
        results: (r) => {
          this.m.results = r;
          this.changed();
        },
        hints: (hints) => {
          this.wall.onHints(hints);
          this.changed();
        },
        state: (s) => this.renderConnection(s),
        fatal: (error) => this.fatal(error.code),
      },
    });
    this.conn.start();
    window.addEventListener("online", () => this.conn?.retryNow());
    setInterval(() => this.tick(), 1000);
  }

  // ---- ConsoleContext ------------------------------------------------------------------------

  mirror(): Mirror {
    return this.m;
  }

  async run(kind: CommandKind, done?: string): Promise<{ ok: boolean; seq: bigint }> {
    if (!this.conn) return { ok: false, seq: 0n };
    this.notify("");
    const outcome = await this.conn.execute(kind);
    if (!outcome.accepted) {
      // An idea a ballot holds: the console's own words, the action being the animateur's.
      const r = outcome.rejection;
      this.notify(r.reason === RejectionReason.TARGET_IN_BALLOT
        ? t.wall.inBallotRefused(this.label(r.targetId))
        : explainRejection(r, (id) => this.label(id)));
      return { ok: false, seq: 0n };
    }
    if (done) this.announce(done);
    return { ok: true, seq: outcome.seq };
  }

  announce(text: string): void {
    // Cleared first so that the same message said twice is announced twice.
    this.live.textContent = "";
    this.status.textContent = text;
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  notify(text: string): void {
    replaceChildren(this.notice, text ? h("p", {}, text) : null, text
      ? h("button", { type: "button", class: "small", "data-key": "notice-close", onclick: () => this.notify("") }, t.noticeClose)
      : null);
  }

  changed(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  // ---- Rendering -----------------------------------------------------------------------------

  private layout(): void {
    // The alert goes into the side column, so that an error is seen beside the button that
    // caused it whatever the main column is scrolled to.
    this.side.append(this.notice, this.phases.element, this.status);
    this.main.append(this.nav.element, this.timeline.element);
    replaceChildren(this.screen, h("div", { class: "console-grid" }, this.side, this.main));
  }

  /** Puts the sections in the order the phase asks for; moves nodes only when it changes. */
  private arrange(m: Mirror): void {
    const order = sectionOrder(m.phase);
    const key = order.join(",");
    if (key === this.shownOrder) return;
    this.shownOrder = key;
    const sections: Record<SectionKey, HTMLElement> = {
      access: this.access.element,
      wall: this.wall.element,
      tables: this.progress.element,
      results: this.results.element,
      timeline: this.timelineEntry,
      delete: this.deletion.element,
    };
    const active = document.activeElement as HTMLElement | null;
    const prominent = accessProminent(m.phase);
    this.access.setCompact(!prominent);
    if (!prominent) this.side.insertBefore(this.access.element, this.status);
    // The timeline (hidden unless open) stays first: it takes the place of the wall and results.
    this.main.replaceChildren(this.nav.element, this.timeline.element, ...order.map((k) => sections[k]));
    // Deleting is at the bottom, where it is looked for, and needs no shortcut.
    const navKeys: NavKey[] = order.flatMap((k): NavKey[] => (k === "results" ? ["results", "exports"] : k === "delete" ? [] : [k]));
    this.nav.order(navKeys);
    if (active && active !== document.activeElement && document.contains(active)) active.focus({ preventScroll: true });
  }

  /**
   * Keeps --bar-h and --nav-h at the sticky header's and section strip's heights: what sticks
   * (the side column, the merge form) and the sections scrolled to sit below them.
   */
  private trackBarHeight(): void {
    const bar = document.querySelector<HTMLElement>("header.bar");
    const nav = this.nav.element;
    const root = document.documentElement.style;
    const set = () => {
      if (bar) root.setProperty("--bar-h", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
      root.setProperty("--nav-h", getComputedStyle(nav).position === "sticky" ? `${Math.ceil(nav.getBoundingClientRect().height)}px` : "0px");
    };
    set();
    if (typeof ResizeObserver === "function") {
      const observer = new ResizeObserver(set);
      if (bar) observer.observe(bar);
      observer.observe(nav);
    } else {
      window.addEventListener("resize", set);
    }
  }

  private render(): void {
    const m = this.m;
    if (!m.config) return;
    const question = byId("question");
    if (question.textContent !== m.config.question) {
      question.textContent = m.config.question;
      question.title = m.config.question; // cut to one line on a laptop
    }
    this.renderTimer();
    this.arrange(m);
    this.access.update(this.codes);
    this.phases.render(m);
    this.wall.render(m);
    this.progress.render(m);
    this.results.render(m);
    this.timeline.live(m);
    this.nav.count("wall", `\u00a0(${m.ideas.size})`);
    this.nav.count("tables", `\u00a0(${m.tables.size})`);
  }

  // The timeline takes the place of the live wall and results, which go on rendering behind it
  // (hidden) and come back as they are now.
  private showTimeline(): void {
    for (const el of [this.timelineEntry, this.wall.element, this.results.element]) el.hidden = true;
    this.timeline.openAt(this.m);
    this.timeline.heading.focus();
  }

  private showLive(focus = true): void {
    this.timeline.close();
    for (const el of [this.timelineEntry, this.wall.element, this.results.element]) el.hidden = false;
    if (focus) this.openTimeline.focus();
    this.changed();
  }

  private tick(): void {
    this.renderTimer();
    if (this.m.config) this.phases.tick(this.m);
  }

  private renderTimer(): void {
    const left = timerRemainingMs(this.m, Date.now());
    const text = left === null ? "" : timerText(formatDuration(left), this.m.timer.paused);
    const el = byId("timer");
    if (el.textContent !== text) el.textContent = text;
  }

  private renderConnection(state: ConnectionState): void {
    const el = byId("connection");
    el.textContent = connectionLabels[state];
    el.className = `pill ${state}`;
  }

  /** In this browser's list of workshops (/console), with its question as it is now. */
  private rememberHere(): void {
    const config = this.m.config;
    if (!config) return;
    this.store.remember({
      id: this.workshopId, question: config.question,
      template: config.template === Template.EVALUATION ? "evaluation" : "ideation",
      atMs: Date.now(), createdHere: false,
    });
  }

  /** Deleted from this console: nothing of it is left to show, nor kept in this browser. */
  private deleted(): void {
    this.store.forget(this.workshopId);
    this.conn?.stop();
    this.announce(t.deletion.done);
    this.fatal("workshop_deleted");
    this.notify(t.deletion.done);
  }

  private fatal(code: string): void {
    const text = code === "bad_token" ? t.hello.badToken
      : code === "unknown_workshop" ? t.hello.unknownWorkshop
      : code === "workshop_deleted" ? t.hello.deleted
      : explainHelloError(code);
    this.screen.before(this.notice); // out of the side column, which goes
    this.notify(text);
    replaceChildren(this.screen, h("p", {}, h("a", { href: "/console", class: "button" }, t.hello.newWorkshop)));
  }

  private label(id: number): string {
    const c = this.m.clusters.get(id);
    const text = c ? c.title : this.m.ideas.get(id)?.text ?? t.ideaNumber(id);
    return t.quote(text.length > 60 ? `${text.slice(0, 57)}…` : text);
  }

  private consoleUrl(): string {
    return `${window.location.origin}/console?workshop=${encodeURIComponent(this.workshopId)}#token=${encodeURIComponent(this.token)}`;
  }
}
