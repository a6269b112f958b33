// Asking the server for one value among many while the user moves through them (the timeline's
// slider): requests are debounced while the user drags, at most one is on the wire at a time,
// and the latest wanted wins: an answer for a value no longer wanted is dropped, and the latest
// is asked as soon as the wire is free. An error that says when to try again (a server busy or
// over its rate) is retried then, for the value wanted at that time.
//
// No DOM; the timers are injected, so it is unit-tested with fake ones.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** An error that says when the same request may succeed. */
export class RetryLater extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
}

export interface LatestRequestOptions<K, V> {
  fetch: (key: K) => Promise<V>;
  /** The answer for the key wanted now. */
  shown: (key: K, value: V) => void;
  /** The key wanted now failed; `retrying` when it will be asked again by itself. */
  failed: (key: K, error: unknown, retrying: boolean) => void;
  debounceMs?: number;
  timers?: Timers;
}

export class LatestRequest<K, V> {
  private wanted: K | null = null;
  private shownKey: K | null = null;
  private inFlight = false;
  private timer: unknown = null;
  private readonly timers: Timers;
  private readonly debounceMs: number;

  constructor(private readonly o: LatestRequestOptions<K, V>) {
    this.timers = o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.debounceMs = o.debounceMs ?? 200;
  }

  /** Wants key: asked once the user pauses (debounced), or at once with `now` (a click, a key). */
  want(key: K, now = false): void {
    this.wanted = key;
    this.clearTimer();
    if (now) this.pump();
    else this.timer = this.timers.setTimeout(() => this.pump(), this.debounceMs);
  }

  /** Forgets what was wanted and shown (the timeline closed); an answer on its way is dropped. */
  reset(): void {
    this.clearTimer();
    this.wanted = null;
    this.shownKey = null;
  }

  /** Whether an answer is awaited for the key wanted now. */
  get pending(): boolean {
    return this.wanted !== null && this.wanted !== this.shownKey;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    this.timer = null;
    if (this.inFlight || this.wanted === null || this.wanted === this.shownKey) return;
    const key = this.wanted;
    this.inFlight = true;
    this.o.fetch(key).then(
      (value) => {
        this.inFlight = false;
        if (key === this.wanted) {
          this.shownKey = key;
          this.o.shown(key, value);
        }
        this.pump();
      },
      (error: unknown) => {
        this.inFlight = false;
        if (key !== this.wanted) return this.pump();
        const retry = error instanceof RetryLater;
        this.o.failed(key, error, retry);
        if (retry && this.timer === null) {
          this.timer = this.timers.setTimeout(() => this.pump(), Math.max(100, error.retryAfterMs));
        }
      },
    );
  }
}
