// The characters left in an idea, under its text box: the box stops at the workshop's limit
// (maxlength, in the browser's units, never more than the server's count of characters), the
// counter says how many are left, a screen reader hears it near the limit only (at 50, 20, 10
// and 0 left, politely), and a paste that did not fit is said, never cut silently.
import { t } from "../i18n/table";
import { h } from "../ui/dom";

const kThresholds = [50, 20, 10, 0];

export interface LengthCounter {
  /** The visible counter and the polite live region, to put under the box. */
  nodes: HTMLElement[];
  /** Sets the limit (the workshop's max_idea_length) and refreshes the counter. */
  setMax(max: number): void;
  /** Refreshes the counter after the box's value was set by code. */
  refresh(): void;
}

export function lengthCounter(area: HTMLTextAreaElement, id: string): LengthCounter {
  const counter = h("p", { id, class: "hint-text counter" });
  const live = h("p", { class: "sr-only", "aria-live": "polite" });
  let max = Number(area.getAttribute("maxlength")) || 500;
  let announced = Infinity; // the last threshold said, so that each is said once on the way down
  let cut = false;

  const refresh = () => {
    const left = Math.max(0, max - area.value.length);
    const text = cut ? t.pasteCut(max) : left === 0 ? t.limitReached(max) : t.charsLeft(left, max);
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle("near", left <= kThresholds[0]);
    // The smallest threshold at or above what is left: said when it is a new, lower one.
    const reached = [...kThresholds].reverse().find((n) => left <= n);
    if (reached !== undefined && reached < announced && !cut) {
      announced = reached;
      live.textContent = text;
    }
    if (left > kThresholds[0]) announced = Infinity;
  };
  area.addEventListener("paste", (ev) => {
    const incoming = ev.clipboardData?.getData("text/plain") ?? "";
    const kept = area.value.length - ((area.selectionEnd ?? 0) - (area.selectionStart ?? 0));
    if (kept + incoming.length > max) {
      cut = true;
      live.textContent = t.pasteCut(max);
    }
  });
  area.addEventListener("input", () => {
    refresh();
    cut = false; // said once, under the box, until the next keystroke
  });
  area.setAttribute("aria-describedby", `${area.getAttribute("aria-describedby") ?? ""} ${id}`.trim());
  refresh();
  return {
    nodes: [counter, live],
    setMax(next: number) {
      if (next === max && area.getAttribute("maxlength") === String(max)) return;
      max = next;
      area.setAttribute("maxlength", String(max));
      refresh();
    },
    refresh,
  };
}
