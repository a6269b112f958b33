// Step control and the timer, the console's cockpit: the agenda step the workshop is at and the
// "next step" button first, a vote step's ballot in plain words (« Gommettes : 1 par
// participant »), the "temps mort" that pauses the whole room, then the timer, then the agenda
// (each step's time spent against its planned time, each vote step's ballot) and "go straight
// to a step".
//
// Every control is built once and only updated (text, disabled, options), so that a live update
// never wipes what is being typed nor replaces a button under the pointer (a click on a node
// replaced mid-click is lost).
import { Phase, type Step } from "../gen/atelier/v1/workshop_pb";
import { b as bw, stepLabel } from "../i18n/ballots";
import { t } from "../i18n/console";
import { agenda, ballotOf, nextStep, stepSpentMs, timerRemainingMs, type Mirror } from "../state/mirror";
import { formatDuration, h, replaceChildren } from "../ui/dom";
import type { ConsoleContext } from "./context";

/** "12 min" for a planned or spent time, rounded to the minute (seconds under one). */
function minutes(ms: number): string {
  return ms < 60_000 ? formatDuration(ms) : `${Math.round(ms / 60_000)} min`;
}

/** A vote step's ballot in plain words: « Gommettes : 1 par participant ; jamais pour les idées de sa table ». */
function ballotRule(m: Mirror, step: Step): string {
  const ballot = ballotOf(m, step.id);
  return `${bw.rule(ballot)} ; ${bw.selfVote(ballot)}`;
}

export class PhasePanel {
  readonly element: HTMLElement;
  private readonly stepCount = h("span", { class: "phase-count" });
  private readonly phaseName = h("span", { id: "phase" });
  private readonly step = h("p", { class: "phase-step", id: "phase-step" }, this.stepCount, this.phaseName);
  private readonly ballotLine = h("p", { class: "phase-ballot", id: "phase-ballot" });
  private readonly next = h("button", { type: "button", class: "primary next-phase", id: "next-phase", "data-key": "next-phase" });
  private readonly agenda = h("ol", { class: "phase-list", "aria-label": t.phases.list });
  /** Each step's time line in the agenda, by step id, updated every second. */
  private readonly spentLines = new Map<number, HTMLElement>();
  private readonly pauseRoom = h("button", { type: "button", class: "small pause-room", id: "pause-room", "data-key": "pause-room", title: t.phases.pauseRoomHelp });
  private readonly pausedNote = h("p", { class: "paused-note", id: "paused-note", role: "status" });
  private readonly goto = h("select", { id: "phase-goto", "data-key": "phase-goto" });
  private readonly timerStatus = h("p", { id: "timer-status", class: "timer-status" });
  private readonly minutes = h("input", {
    id: "timer-minutes", type: "number", min: 1, max: 1440, step: 1, value: 10, inputmode: "numeric",
  });
  private readonly autoClose = h("input", { id: "timer-auto-close", type: "checkbox" });
  private readonly start = h("button", { type: "submit", class: "primary" }, t.phases.start);
  private readonly pause = h("button", { type: "button", class: "small" }, t.phases.pause);
  private readonly resume = h("button", { type: "button", class: "small" }, t.phases.resume);
  private readonly plus1 = h("button", { type: "button", class: "small" }, t.phases.plus1);
  private readonly plus5 = h("button", { type: "button", class: "small" }, t.phases.plus5);
  // Shown only while a timer runs or is paused: pause or resume, and extend.
  private readonly running = h("div", { class: "row timer-run" },
    this.pause, this.resume,
    h("span", { class: "row", role: "group", "aria-label": t.phases.extend }, this.plus1, this.plus5),
  );
  /** The step the next button moves to, as last rendered. */
  private nextTarget: Step | undefined = undefined;
  /** The step the animateur picked in the "go to" list (its id), kept across live updates. */
  private picked: number | null = null;
  private shownAgenda = "";
  private shownCurrent = 0;
  private paused = false;

  constructor(private readonly ctx: ConsoleContext) {
    this.next.addEventListener("click", () => {
      const step = this.nextTarget;
      if (step) void this.ctx.run({ case: "setPhase", value: { phase: step.kind, stepId: step.id } });
    });
    this.pauseRoom.addEventListener("click", () => {
      void this.ctx.run({ case: "pauseWorkshop", value: { paused: !this.paused } });
    });
    this.goto.addEventListener("change", () => { this.picked = Number(this.goto.value); });
    const gotoButton = h("button", { type: "button", "data-key": "phase-goto-button", onclick: () => {
      const stepId = Number(this.goto.value);
      const step = this.steps.find((st) => st.id === stepId);
      this.picked = null;
      if (step) void this.ctx.run({ case: "setPhase", value: { phase: step.kind, stepId } });
    } }, t.phases.gotoButton);

    const timerForm = h("form", { class: "timer-form", "aria-labelledby": "timer-legend" },
      h("h3", { id: "timer-legend" }, t.phases.timerLegend),
      this.timerStatus,
      h("label", { for: "timer-minutes", class: "timer-minutes-label" }, t.phases.minutes),
      h("div", { class: "row timer-start" }, this.minutes, this.start),
      h("div", { class: "field check" }, this.autoClose, h("label", { for: "timer-auto-close" }, t.phases.autoClose)),
      this.running,
    );
    timerForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const minutes = Number(this.minutes.value);
      if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 1440) {
        this.ctx.notify(t.phases.badMinutes);
        this.minutes.focus();
        return;
      }
      void this.ctx.run({ case: "startTimer", value: { durationMs: BigInt(Math.round(minutes * 60_000)), autoClose: this.autoClose.checked } }, t.phases.started);
    });
    this.pause.addEventListener("click", () => void this.ctx.run({ case: "pauseTimer", value: {} }));
    this.resume.addEventListener("click", () => void this.ctx.run({ case: "resumeTimer", value: {} }));
    this.plus1.addEventListener("click", () => void this.ctx.run({ case: "extendTimer", value: { byMs: 60_000n } }));
    this.plus5.addEventListener("click", () => void this.ctx.run({ case: "extendTimer", value: { byMs: 300_000n } }));

    this.element = h("section", { class: "card phases", id: "console-phases", "aria-labelledby": "phases-title" },
      h("h2", { id: "phases-title", class: "sr-only" }, t.phases.title),
      h("div", { class: "phase-now" }, this.step, this.next, this.pauseRoom),
      this.ballotLine,
      this.pausedNote,
      timerForm,
      h("details", { class: "agenda" },
        h("summary", {}, t.phases.agenda),
        this.agenda,
        h("div", { class: "row goto" },
          h("div", { class: "field grow" }, h("label", { for: "phase-goto" }, t.phases.goto), this.goto),
          gotoButton,
        ),
      ),
    );
  }

  private steps: Step[] = [];

  render(m: Mirror): void {
    const steps = agenda(m);
    this.steps = steps;
    const next = nextStep(m);
    const index = steps.findIndex((st) => st.id === m.stepId);
    const current = steps[index];
    const count = index >= 0 ? t.phases.step(index + 1, steps.length) : "";
    if (this.stepCount.textContent !== count) this.stepCount.textContent = count;
    const name = stepLabel(current);
    if (this.phaseName.textContent !== name) this.phaseName.textContent = name;
    const rule = current?.kind === Phase.CONVERGENCE ? ballotRule(m, current) : "";
    if (this.ballotLine.textContent !== rule) this.ballotLine.textContent = rule;
    this.ballotLine.hidden = !rule;
    this.nextTarget = next;
    const nextText = next === undefined ? t.phases.last : t.phases.next(stepLabel(next));
    if (this.next.textContent !== nextText) this.next.textContent = nextText;
    this.next.disabled = next === undefined;

    this.paused = m.paused;
    const pauseText = m.paused ? t.phases.resumeRoom : t.phases.pauseRoom;
    if (this.pauseRoom.textContent !== pauseText) this.pauseRoom.textContent = pauseText;
    this.pauseRoom.classList.toggle("primary", m.paused);
    this.pauseRoom.setAttribute("aria-pressed", String(m.paused));
    const note = m.paused ? t.phases.roomPaused : "";
    if (this.pausedNote.textContent !== note) this.pausedNote.textContent = note;
    this.pausedNote.hidden = !m.paused;
    this.element.classList.toggle("room-paused", m.paused);

    const key = steps.map((st) => `${st.id}:${st.kind}:${st.title}:${st.plannedMs}:${st.kind === Phase.CONVERGENCE ? ballotRule(m, st) : ""}`).join(",");
    if (key !== this.shownAgenda || m.stepId !== this.shownCurrent) {
      this.shownAgenda = key;
      this.shownCurrent = m.stepId;
      this.spentLines.clear();
      replaceChildren(this.agenda, steps.map((st) => {
        const here = st.id === m.stepId;
        const spent = h("span", { class: "step-time" });
        this.spentLines.set(st.id, spent);
        return h("li", { class: here ? "current" : "", "aria-current": here ? "step" : null, "data-step": st.id },
          h("span", { class: "step-name" }, stepLabel(st)), here ? h("strong", {}, t.phases.current) : null, " ", spent,
          st.kind === Phase.CONVERGENCE ? h("span", { class: "step-ballot" }, ballotRule(m, st)) : null);
      }));
      // The options change only with the agenda or the current step: an open list is left alone.
      const chosen = this.picked ?? next?.id ?? m.stepId;
      replaceChildren(this.goto, steps.map((st, i) =>
        h("option", { value: st.id, selected: st.id === chosen }, `${i + 1}. ${stepLabel(st)}`)));
    }

    // Below the start button, so that showing them moves nothing the pointer is on.
    const timer = m.timer;
    this.running.hidden = !timer.running && !timer.paused;
    this.pause.hidden = !timer.running;
    this.resume.hidden = !timer.paused;
    this.tick(m);
  }

  /** The timer's status line and the agenda's times; called every second. */
  tick(m: Mirror): void {
    const now = Date.now();
    for (const st of this.steps) {
      const line = this.spentLines.get(st.id);
      if (!line) continue;
      const spent = stepSpentMs(m, st.id, now);
      const planned = Number(st.plannedMs);
      const text = spent === 0 && planned === 0 ? "" :
        `(${t.phases.timeSpent(minutes(spent), planned > 0 ? minutes(planned) : "")})`;
      if (line.textContent !== text) line.textContent = text;
      const over = planned > 0 && spent > planned;
      line.classList.toggle("over", over);
      line.title = over ? t.phases.overPlanned : "";
    }
    const left = timerRemainingMs(m, Date.now());
    const text = left === null
      ? t.phases.stopped
      : (m.timer.paused ? t.phases.pausedState(formatDuration(left)) : t.phases.running(formatDuration(left))) +
        (m.timer.autoClose ? t.phases.willClose : "");
    if (this.timerStatus.textContent !== text) this.timerStatus.textContent = text;
    this.timerStatus.classList.toggle("running", left !== null);
  }
}
