// The "temps mort" every participant's screen shows while the animateur has paused the workshop:
// a card over the whole page (nothing there can be done meanwhile; what was typed is kept
// underneath), announced once to screen readers, gone as soon as the workshop resumes.
//
// And the step's instruction (a Spider Web ring's constraint, "nous sommes en 2050"), shown
// under the question for as long as the step lasts.
import { pausedWords } from "../i18n/common";
import { currentStep, type Mirror } from "../state/mirror";
import { h } from "./dom";

let overlay: HTMLElement | null = null;

/** Shows or hides the pause card for this mirror. */
export function renderPaused(m: Mirror): void {
  if (!m.paused) {
    if (overlay) overlay.hidden = true;
    document.body.classList.remove("room-paused");
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

/** Puts the current step's instruction right after `anchor` (an element of its own, made once). */
export function renderInstruction(m: Mirror, anchor: HTMLElement): void {
  let line = document.getElementById("step-instruction");
  const text = currentStep(m)?.instruction ?? "";
  if (!line) {
    if (!text) return;
    line = h("p", { id: "step-instruction", class: "step-instruction" });
    anchor.after(line);
  }
  if (line.textContent !== text) line.textContent = text;
  line.hidden = text === "";
}
