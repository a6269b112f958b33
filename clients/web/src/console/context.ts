// What the console's panels need from the app: the current Mirror, a way to run a command (its
// rejection is explained to the animateur, its success announced), and the page's live regions.
import type { Mirror } from "../state/mirror";
import type { CommandKind } from "./merge_undo";

export interface ConsoleContext {
  mirror(): Mirror;
  /**
   * Sends a command through the Connection. Resolves true when accepted (announcing `done` if
   * given), false when rejected (the rejection is shown with explainRejection). Never rejects.
   */
  run(kind: CommandKind, done?: string): Promise<{ ok: boolean; seq: bigint }>;
  /** Polite announcement for screen readers (and a visible status line). */
  announce(text: string): void;
  /** An error the animateur must see (role="alert"); "" clears it. */
  notify(text: string): void;
  /** Asks the app to render again soon. */
  changed(): void;
}
