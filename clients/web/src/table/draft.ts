// The idea being typed, kept on the device (per workshop and table) so that a reload, a closed
// tab or a flat battery does not lose it; forgotten once the idea is posted. Writes are spread
// (at most one every 300 ms while typing, and at once when the page is hidden).
import type { KeyValueStore } from "../net/outbox";

export class Draft {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly flushNow = () => this.flush();

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly area: HTMLTextAreaElement,
  ) {
    area.addEventListener("input", () => {
      if (this.timer === undefined) this.timer = setTimeout(this.flushNow, 300);
    });
    window.addEventListener("pagehide", this.flushNow);
    document.addEventListener("visibilitychange", this.flushNow);
  }

  static key(workshopId: string, tableId: number): string {
    return `atelier.draft.${workshopId}.${tableId}`;
  }

  /** The kept text, or "" when there is none (or no storage). */
  saved(): string {
    try {
      return this.store.getItem(this.key) ?? "";
    } catch {
      return "";
    }
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      if (this.area.value.trim()) this.store.setItem(this.key, this.area.value);
      else this.store.removeItem(this.key);
    } catch {
      // storage full or refused: the draft is only on the screen
    }
  }
}
