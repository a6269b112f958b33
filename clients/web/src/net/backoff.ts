// Reconnection delays: exponential from initialMs to maxMs, with "full jitter" so that a room of
// 300 tablets coming back after a Wi-Fi drop or a server restart does not reconnect in one wave.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random?: () => number; // [0, 1); injectable for tests
}

export class Backoff {
  private attempt = 0;
  constructor(private readonly options: BackoffOptions = { initialMs: 500, maxMs: 10_000 }) {}

  /** The delay before the next attempt; each call counts as one more failure. */
  next(): number {
    const { initialMs, maxMs } = this.options;
    const random = this.options.random ?? Math.random;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    return Math.round(initialMs / 2 + random() * (ceiling - initialMs / 2));
  }

  reset(): void {
    this.attempt = 0;
  }
}
