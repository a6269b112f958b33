// Phase control and the phase timer. The phases are the workshop's config.phases, in order:
// "next phase" moves one step, and any phase can be chosen directly. The timer form (minutes,
// auto-close) is built once so that live updates never wipe what is being typed; only the
// phase list, the buttons' enabled state and the timer's status line are refreshed.
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
  private readonly phaseArea = h("div", {});
  private readonly timerStatus = h("p", { id: "timer-status", class: "timer-status" });
  private readonly minutes = h("input", {
    id: "timer-minutes", type: "number", min: 1, max: 1440, step: 1, value: 10, inputmode: "numeric",
  });
  private readonly autoClose = h("input", { id: "timer-auto-close", type: "checkbox" });
  private readonly start = h("button", { type: "submit", class: "primary" }, t.phases.start);
  private readonly pause = h("button", { type: "button" }, t.phases.pause);
  private readonly resume = h("button", { type: "button" }, t.phases.resume);
  private readonly plus1 = h("button", { type: "button" }, t.phases.plus1);
  private readonly plus5 = h("button", { type: "button" }, t.phases.plus5);
  /** The phase the animateur picked in the "go to" list, kept across live updates. */
  private picked: Phase | null = null;

  constructor(private readonly ctx: ConsoleContext) {
    const timerForm = h("form", { class: "timer-form", "aria-labelledby": "timer-legend" },
      h("h3", { id: "timer-legend" }, t.phases.timerLegend),
      this.timerStatus,
      h("div", { class: "row" },
        h("div", { class: "field narrow" }, h("label", { for: "timer-minutes" }, t.phases.minutes), this.minutes),
        h("div", { class: "field check" }, this.autoClose, h("label", { for: "timer-auto-close" }, t.phases.autoClose)),
      ),
      h("div", { class: "row" }, this.start, this.pause, this.resume),
      h("div", { class: "row", role: "group", "aria-label": t.phases.extend }, this.plus1, this.plus5),
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

    this.element = h("section", { class: "card phases", "aria-labelledby": "phases-title" },
      h("h2", { id: "phases-title" }, t.phases.title),
      this.phaseArea,
      timerForm,
    );
  }

  render(m: Mirror): void {
    const phases = m.config?.phases ?? [];
    const next = nextPhase(m);
    const chosen = this.picked ?? next ?? m.phase;
    const select = h("select", {
      id: "phase-goto", "data-key": "phase-goto",
      onchange: (ev: Event) => { this.picked = Number((ev.target as HTMLSelectElement).value) as Phase; },
    }, phases.map((p) => h("option", { value: p, selected: p === chosen }, phaseNames[p])));
    replaceChildren(this.phaseArea,
      h("ol", { class: "phase-list", "aria-label": t.phases.list }, phases.map((p) =>
        h("li", { class: p === m.phase ? "current" : "", "aria-current": p === m.phase ? "step" : null },
          phaseNames[p], p === m.phase ? h("strong", {}, t.phases.current) : null))),
      h("button", {
        type: "button", class: "primary", id: "next-phase", "data-key": "next-phase", disabled: next === null,
        onclick: () => { if (next !== null) void this.ctx.run({ case: "setPhase", value: { phase: next } }); },
      }, next === null ? t.phases.last : t.phases.next(phaseNames[next])),
      h("div", { class: "row goto" },
        h("div", { class: "field grow" }, h("label", { for: "phase-goto" }, t.phases.goto), select),
        h("button", { type: "button", "data-key": "phase-goto-button", onclick: () => {
          const phase = Number(select.value) as Phase;
          this.picked = null;
          void this.ctx.run({ case: "setPhase", value: { phase } });
        } }, t.phases.gotoButton),
      ),
    );
    const timer = m.timer;
    this.pause.disabled = !timer.running;
    this.resume.disabled = !timer.paused;
    this.plus1.disabled = this.plus5.disabled = !timer.running && !timer.paused;
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
  }
}
