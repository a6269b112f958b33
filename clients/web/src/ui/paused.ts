// The "temps mort" every participant's screen shows while the animateur has paused the workshop:
// a card over the whole page (nothing there can be done meanwhile; what was typed is kept
// underneath), announced once to screen readers, gone as soon as the workshop resumes.
//
// And the step's instruction (a Spider Web ring's constraint, "nous sommes en 2050"), or what a
// step that takes ideas from earlier steps is about, shown under the question while it lasts.
import { pausedWords } from "../i18n/common";
import { sourceLine } from "../i18n/ballots";
import { agenda, currentStep, type Mirror } from "../state/mirror";
import { h } from "./dom";

let overlay: HTMLElement | null = null;

/** Shows or hides the pause card for this mirror; touches the page only when that changes (it
 * runs at every event). */
export function renderPaused(m: Mirror): void {
  if (!m.paused) {
    if (overlay && !overlay.hidden) overlay.hidden = true;
    if (document.body.classList.contains("room-paused")) document.body.classList.remove("room-paused");
    return;
  }
  if (!overlay) {
    overlay = h("div", { class: "paused-overlay", id: "paused-overlay", role: "alert" },
      h("div", { class: "paused-card" },
        h("p", { class: "paused-title" }, pausedWords.title),
        h("p", { class: "paused-body" }, pausedWords.body)));
    document.body.append(overlay);
  }
  overlay.hidden = false;
  document.body.classList.add("room-paused");
}

/**
 * Puts the current step's instruction right after `anchor` (an element of its own, made once); a
 * vote or scoring step that takes ideas from earlier steps without an instruction of its own says
 * which (« Idées soumises au vote : les 5 plus votées à l'étape « Premier vote » »).
 */
export function renderInstruction(m: Mirror, anchor: HTMLElement): void {
  let line = document.getElementById("step-instruction");
  const step = currentStep(m);
  const text = !step ? "" : step.instruction || sourceLine(agenda(m), step, m.selections.get(step.id)?.size);
  if (!line) {
    if (!text) return;
    line = h("p", { id: "step-instruction", class: "step-instruction" });
    anchor.after(line);
  }
  if (line.textContent !== text) line.textContent = text;
  line.classList.toggle("step-source", !step?.instruction);
  line.hidden = text === "";
}
