// The commands a client has made and the server has not answered yet, in the order they were
// made, persisted so that a reload or a Wi-Fi drop loses none of them. Every pending command is
// (re)sent after each Welcome; the server applies a command id once and answers a retry with the
// first outcome, so sending one twice is safe. A command leaves the outbox only when answered
// (accepted or rejected).
//
// Storage is a narrow key-value interface (localStorage in the browser, a Map in tests); a
// storage that throws (quota, private mode) degrades to memory only. Not thread-safe: one page.
import { fromJsonString, toJsonString } from "@bufbuild/protobuf";
import { CommandSchema, type Command } from "../gen/atelier/v1/commands_pb";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class MemoryStore implements KeyValueStore {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.has(key) ? (this.items.get(key) as string) : null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/**
 * The browser's localStorage when it works, else memory (private mode, storage disabled): the
 * page still works, but what it keeps (a table's token, pending commands) is lost on reload.
 */
export function browserStore(): KeyValueStore {
  try {
    const probe = "atelier.probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return new MemoryStore();
  }
}

export class Outbox {
  private commands: Command[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {
    this.commands = Outbox.load(store, key);
  }

  /** Appends a command (it must carry its command_id) and persists the outbox. */
  add(command: Command): void {
    if (!command.commandId) throw new Error("a queued command needs a command_id");
    if (this.commands.some((c) => c.commandId === command.commandId)) return;
    this.commands.push(command);
    this.save();
  }

  /** Drops the command once answered; false when it was not pending. */
  remove(commandId: string): boolean {
    const before = this.commands.length;
    this.commands = this.commands.filter((c) => c.commandId !== commandId);
    if (this.commands.length === before) return false;
    this.save();
    return true;
  }

  has(commandId: string): boolean {
    return this.commands.some((c) => c.commandId === commandId);
  }

  /** The pending commands, oldest first (a copy). */
  pending(): Command[] {
    return [...this.commands];
  }

  get size(): number {
    return this.commands.length;
  }

  clear(): void {
    this.commands = [];
    this.save();
  }

  private save(): void {
    try {
      if (this.commands.length === 0) {
        this.store.removeItem(this.key);
      } else {
        this.store.setItem(
          this.key,
          JSON.stringify(this.commands.map((c) => toJsonString(CommandSchema, c))),
        );
      }
    } catch {
      // Storage full or unavailable: the queue still lives in memory for this page.
    }
  }

  private static load(store: KeyValueStore, key: string): Command[] {
    try {
      const raw = store.getItem(key);
      if (!raw) return [];
      const items = JSON.parse(raw) as unknown;
      if (!Array.isArray(items)) return [];
      return items.map((s) => fromJsonString(CommandSchema, String(s)));
    } catch {
      return []; // a corrupt entry is dropped rather than blocking the page
    }
  }
}
