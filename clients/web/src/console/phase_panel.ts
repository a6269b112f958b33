// Phase control and the phase timer, the console's cockpit: the step the workshop is at and the
// "next phase" button first, then the timer, then the agenda and "go straight to a phase". The
// phases are the workshop's config.phases, in order.
//
// Every control is built once and only updated (text, disabled, options), so that a live update
// never wipes what is being typed nor replaces a button under the pointer (a click on a node
// replaced mid-click is lost).
import { Phase } from "../gen/atelier/v1/workshop_pb";
import { phaseNames } from "../i18n/common";
import { t } from "../i18n/console";
import { timerRemainingMs, type Mirror } from "../state/mirror";
import { formatDuration, h, replaceChildren } from "../ui/dom";
import type { ConsoleContext } from "./context";

/** The phase after the current one in the workshop's order; null at the end. */
export function nextPhase(m: Mirror): Phase | null {
  const phases = m.config?.phases ?? [];
  const i = phases.indexOf(m.phase);
  return i >= 0 && i + 1 < phases.length ? phases[i + 1] : null;
}

export class PhasePanel {
  readonly element: HTMLElement;
  private readonly stepCount = h("span", { class: "phase-count" });
  private readonly phaseName = h("span", { id: "phase" });
  private readonly step = h("p", { class: "phase-step", id: "phase-step" }, this.stepCount, this.phaseName);
  private readonly next = h("button", { type: "button", class: "primary next-phase", id: "next-phase", "data-key": "next-phase" });
  private readonly agenda = h("ol", { class: "phase-list", "aria-label": t.phases.list });
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
  /** The phase the next button moves to, as last rendered. */
  private nextTarget: Phase | null = null;
  /** The phase the animateur picked in the "go to" list, kept across live updates. */
  private picked: Phase | null = null;
  private shownPhases = "";
  private shownCurrent = Phase.UNSPECIFIED;

  constructor(private readonly ctx: ConsoleContext) {
    this.next.addEventListener("click", () => {
      if (this.nextTarget !== null) void this.ctx.run({ case: "setPhase", value: { phase: this.nextTarget } });
    });
    this.goto.addEventListener("change", () => { this.picked = Number(this.goto.value) as Phase; });
    const gotoButton = h("button", { type: "button", "data-key": "phase-goto-button", onclick: () => {
      const phase = Number(this.goto.value) as Phase;
      this.picked = null;
      void this.ctx.run({ case: "setPhase", value: { phase } });
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
      h("div", { class: "phase-now" }, this.step, this.next),
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

  render(m: Mirror): void {
    const phases = m.config?.phases ?? [];
    const next = nextPhase(m);
    const index = phases.indexOf(m.phase);
    const count = index >= 0 ? t.phases.step(index + 1, phases.length) : "";
    if (this.stepCount.textContent !== count) this.stepCount.textContent = count;
    if (this.phaseName.textContent !== phaseNames[m.phase]) this.phaseName.textContent = phaseNames[m.phase];
    this.nextTarget = next;
    const nextText = next === null ? t.phases.last : t.phases.next(phaseNames[next]);
    if (this.next.textContent !== nextText) this.next.textContent = nextText;
    this.next.disabled = next === null;

    const key = phases.join(",");
    if (key !== this.shownPhases || m.phase !== this.shownCurrent) {
      this.shownPhases = key;
      this.shownCurrent = m.phase;
      replaceChildren(this.agenda, phases.map((p) =>
        h("li", { class: p === m.phase ? "current" : "", "aria-current": p === m.phase ? "step" : null },
          phaseNames[p], p === m.phase ? h("strong", {}, t.phases.current) : null)));
      // The options change only with the phases or the current one: an open list is left alone.
      const chosen = this.picked ?? next ?? m.phase;
      replaceChildren(this.goto, phases.map((p) => h("option", { value: p, selected: p === chosen }, phaseNames[p])));
    }

    // Below the start button, so that showing them moves nothing the pointer is on.
    const timer = m.timer;
    this.running.hidden = !timer.running && !timer.paused;
    this.pause.hidden = !timer.running;
    this.resume.hidden = !timer.paused;
    this.tick(m);
  }

  /** The timer's status line; called every second. */
  tick(m: Mirror): void {
    const left = timerRemainingMs(m, Date.now());
    const text = left === null
      ? t.phases.stopped
      : (m.timer.paused ? t.phases.pausedState(formatDuration(left)) : t.phases.running(formatDuration(left))) +
        (m.timer.autoClose ? t.phases.willClose : "");
    if (this.timerStatus.textContent !== text) this.timerStatus.textContent = text;
    this.timerStatus.classList.toggle("running", left !== null);
  }
}
