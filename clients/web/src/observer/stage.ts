// How the big screen uses its space. On a projector or any landscape screen ("stage"), the page
// is exactly one viewport high and never scrolls: what does not fit is paged, and the pages turn
// by themselves at a calm pace. On a phone or a small window ("flow"), it is an ordinary page
// that scrolls, with everything listed.
//
// The Pager turns the pages of the view on screen: one step every kStepMs, for ever, in a loop.
// The room can follow it, and an animateur at the projector's keyboard can hold it (Space or
// the « Pause » button) or turn it by hand (arrow keys).
import { h } from "../ui/dom";
import { o } from "../i18n/observer";

const stageQuery = typeof matchMedia === "function" ? matchMedia("(min-width: 900px) and (min-height: 500px)") : null;

/** Whether the page is laid out as a stage (one viewport, paged) rather than a scrolling page. */
export function isStage(): boolean {
  return stageQuery?.matches ?? false;
}

export function onStageChange(fn: () => void): void {
  stageQuery?.addEventListener?.("change", fn);
  window.addEventListener("resize", fn);
}

export const kStepMs = 10_000;

/** A view whose content is paged: it shows step `index` of `count`. */
export interface Paged {
  steps(): number;
  show(index: number): void;
}

export class Pager {
  /** The « Pause » / « Reprendre » button, for the corner of the screen. */
  readonly control: HTMLButtonElement;
  private view: Paged | null = null;
  private index = 0;
  private paused = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    this.control = h("button", { type: "button", class: "pager-control", id: "pager-control", hidden: true,
      onclick: () => this.toggle() }, o.pause);
    document.addEventListener("keydown", (ev) => {
      if (ev.target instanceof HTMLElement && ev.target.closest("a, button, input")) return;
      if (ev.key === " ") this.toggle();
      else if (ev.key === "ArrowRight" || ev.key === "PageDown") this.step(1);
      else if (ev.key === "ArrowLeft" || ev.key === "PageUp") this.step(-1);
      else return;
      ev.preventDefault();
    });
  }

  /** The view on screen now (null: nothing paged). Keeps the step when it is the same view. */
  attach(view: Paged | null): void {
    if (view !== this.view) this.index = 0;
    this.view = view;
    this.refresh();
  }

  /** After the view's content changed: the step is kept, or brought back in range. */
  refresh(): void {
    const count = this.view?.steps() ?? 0;
    if (this.index >= count) this.index = 0;
    this.view?.show(this.index);
    this.control.hidden = count <= 1;
    if (count <= 1 || this.paused) this.stop();
    else if (this.timer === undefined) this.start(); // a running turn keeps its pace
  }

  private step(by: number): void {
    const count = this.view?.steps() ?? 0;
    if (count <= 1) return;
    this.index = (this.index + by + count) % count;
    this.view?.show(this.index);
    if (!this.paused) this.start(); // a full step's time on the page turned to, by hand too
  }

  private toggle(): void {
    this.paused = !this.paused;
    this.control.textContent = this.paused ? o.resume : o.pause;
    this.refresh();
  }

  private start(): void {
    this.stop();
    this.timer = setInterval(() => this.step(1), kStepMs);
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
