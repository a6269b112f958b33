// One client's WebSocket session with atelier-server at /ws (wire.proto): Hello with the last
// seq seen, Welcome, then events, commands and their answers, in binary protobuf frames.
//
// - Reconnects by itself after any close (Wi-Fi drop, 4001 "too slow", 1001 server restart)
//   with jittered exponential backoff, and resumes from the last through_seq it saw.
// - Commands get a client-chosen id and go through the Outbox: made offline, they wait there
//   (persisted) and are sent after the next Welcome; made online, they are sent at once and stay
//   in the outbox until answered, so that one lost in a drop is sent again (the server applies
//   an id once). Answers are matched to commands by id. At most kMaxInFlight commands are
//   on the wire unanswered; the rest wait in the outbox for answers. The server remembers the
//   last 256 command ids of each table and seat, so a retry is always recognized.
// - A connection that silently died (Wi-Fi gone without the socket noticing) is detected two
//   ways: the browser's "offline" event, and a command left unanswered with nothing at all
//   received for ackTimeoutMs. Either drops the socket and reconnects; the outbox resends.
// - A Hello the server cannot honour (ErrorMessage: bad token, unknown workshop...) stops the
//   connection: retrying would not help. So does a workshop deleted while connected (its
//   ErrorMessage "workshop_deleted", then close code 4004; the close alone says it too). "overloaded", "unavailable" and "timeout" are retried,
//   no sooner than the error's retry_after_ms (a limit of the server: too many attempts from
//   this address, too many connections).
// - A command refused for a passing reason (OVERLOADED: the server is busy; STORAGE_UNAVAILABLE:
//   its disk cannot store anything now) was not applied: it stays in the outbox and is sent
//   again, with the same id, after the rejection's retry_after_ms (at least 1 s). Its promise
//   resolves only with a final answer.
//
// The socket is made by an injectable factory (a fake in tests). Single-threaded (one page).
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { CommandSchema, type Command } from "../gen/atelier/v1/commands_pb";
import { RejectionReason, type Rejection } from "../gen/atelier/v1/rejection_pb";
import type { Results } from "../gen/atelier/v1/state_pb";
import {
  ClientMessageSchema,
  HelloSchema,
  ServerMessageSchema,
  type CommandAccepted,
  type DuplicateHints,
  ErrorMessageSchema,
  type ErrorMessage,
  type EventBatch,
  type Welcome,
} from "../gen/atelier/v1/wire_pb";
import { Backoff } from "./backoff";
import type { Outbox } from "./outbox";

/** What the page shows: "connecté", "connexion…", "reconnexion…", or stopped for good. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "stopped";

export type HelloInit = Omit<MessageInitShape<typeof HelloSchema>, "lastSeq" | "$typeName">;
export type CommandKind = MessageInitShape<typeof CommandSchema>["kind"];

export type Outcome =
  | { accepted: true; seq: bigint; duplicate: boolean }
  | { accepted: false; rejection: Rejection };

/** The subset of the browser WebSocket used here, so that tests can fake it. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export interface ConnectionHandlers {
  welcome?(welcome: Welcome): void;
  events?(batch: EventBatch): void;
  results?(results: Results): void;
  hints?(hints: DuplicateHints): void;
  /** Every answer, also for commands made before a reload (their promise is gone). */
  answer?(command: Command, outcome: Outcome): void;
  state?(state: ConnectionState): void;
  /** The number of commands waiting for an answer changed (to show "2 actions en attente"). */
  pending?(count: number): void;
  /** The server refused the Hello; the connection has stopped. */
  fatal?(error: ErrorMessage): void;
}

export interface ConnectionOptions {
  url: string;
  /** Who we are; called before each connection attempt, so credentials can change. */
  hello: () => HelloInit;
  outbox: Outbox;
  handlers: ConnectionHandlers;
  socketFactory?: (url: string) => SocketLike;
  backoff?: Backoff;
  newId?: () => string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** A sent command unanswered this long, with nothing received meanwhile: the link is dead. */
  ackTimeoutMs?: number;
  /** Follow the browser's online/offline events (default: when there is a window). */
  watchNetwork?: boolean;
}

const kOpen = 1;
/** The server closes with this when the workshop was deleted (room/subscriber.h). */
export const kCloseDeleted = 4004;
const kRetriedErrors = new Set(["overloaded", "unavailable", "timeout"]);
/** Rejections that say "not now" rather than "no": the command is sent again later. */
const kPassingReasons = new Set<RejectionReason>([
  RejectionReason.OVERLOADED,
  RejectionReason.STORAGE_UNAVAILABLE,
]);
const kMinRetryMs = 1000;
const kMaxRetryMs = 60_000;

/** Commands sent and not answered yet, at most (a table offline may have queued more). */
export const kMaxInFlight = 64;

export function defaultWebSocketUrl(loc: Location = window.location): string {
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/ws`;
}

export class Connection {
  private socket: SocketLike | null = null;
  private state_: ConnectionState = "connecting";
  private lastSeq = 0n;
  private welcomed = false;
  /** Ids of the commands sent on the current socket and not answered yet. */
  private readonly inFlight = new Set<string>();
  /** Ids refused for a passing reason, waiting for their retry delay before going out again. */
  private readonly deferred = new Set<string>();
  private stopped = false;
  private retryHandle: unknown = null;
  /** The retry_after_ms of the last "overloaded" Hello refusal: the next attempt waits that long. */
  private retryAfterMs = 0;
  private watchdog: unknown = null;
  private received = 0; // messages received, the watchdog's sign of life
  private nextHintId = 1;
  private readonly waiting = new Map<string, (outcome: Outcome) => void>();
  private readonly backoff: Backoff;
  private readonly socketFactory: (url: string) => SocketLike;
  private readonly newId: () => string;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly ackTimeoutMs: number;
  private readonly onOffline = () => this.networkLost();
  private readonly onOnline = () => this.retryNow();

  constructor(private readonly options: ConnectionOptions) {
    this.backoff = options.backoff ?? new Backoff();
    this.socketFactory =
      options.socketFactory ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.newId = options.newId ?? (() => newCommandId());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as number));
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  }

  get state(): ConnectionState {
    return this.state_;
  }

  /** The through_seq of the last batch (or the snapshot's seq): what a resume asks from. */
  get seq(): bigint {
    return this.lastSeq;
  }

  get pendingCount(): number {
    return this.options.outbox.size;
  }

  start(): void {
    this.stopped = false;
    if (this.watchesNetwork()) {
      window.addEventListener("offline", this.onOffline);
      window.addEventListener("online", this.onOnline);
    }
    this.open();
  }

  /** Closes for good (leaving the page, logging out); pending commands stay in the outbox. */
  stop(): void {
    this.stopped = true;
    if (this.retryHandle !== null) this.clearTimer(this.retryHandle);
    this.retryHandle = null;
    if (this.watchesNetwork()) {
      window.removeEventListener("offline", this.onOffline);
      window.removeEventListener("online", this.onOnline);
    }
    this.abandonSocket(1000, "bye");
    this.setState("stopped");
  }

  /**
   * The network is gone (the browser says so, or the watchdog concluded it): drop the socket
   * now rather than wait for TCP to notice, and reconnect with backoff. Pending commands stay
   * in the outbox and are sent again after the next Welcome.
   */
  networkLost(): void {
    if (this.stopped || this.socket === null) return;
    this.abandonSocket(4000, "network lost");
    this.welcomed = false;
    this.scheduleRetry(undefined);
  }

  /** Forgets what was seen: the next Welcome carries a full snapshot. */
  resetSeq(): void {
    this.lastSeq = 0n;
  }

  /** Reconnects now if waiting to (e.g. the browser says the network is back). */
  retryNow(): void {
    if (this.stopped || this.socket !== null) return;
    if (this.retryHandle !== null) this.clearTimer(this.retryHandle);
    this.retryHandle = null;
    this.open();
  }

  /**
   * Sends a command with a fresh id, or queues it while offline. Resolves with the server's
   * answer, however many reconnections that takes; never rejects.
   */
  execute(kind: CommandKind): Promise<Outcome> {
    const command = create(CommandSchema, { commandId: this.newId(), kind });
    this.options.outbox.add(command);
    this.options.handlers.pending?.(this.options.outbox.size);
    const answered = new Promise<Outcome>((resolve) => {
      this.waiting.set(command.commandId, resolve);
    });
    if (this.welcomed) this.sendCommand(command);
    return answered;
  }

  /** Asks for similar ideas to a draft; returns the request id, or "" when offline. */
  draftHints(text: string): string {
    if (!this.welcomed) return "";
    const requestId = `h${this.nextHintId++}`;
    this.send({ kind: { case: "draftHints", value: { requestId, text } } });
    return requestId;
  }

  private watchesNetwork(): boolean {
    return (this.options.watchNetwork ?? true) && typeof window !== "undefined" && !!window.addEventListener;
  }

  private abandonSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (this.watchdog !== null) this.clearTimer(this.watchdog);
    this.watchdog = null;
    if (!socket) return;
    socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
    try {
      socket.close(code, reason);
    } catch {
      // already closing
    }
  }

  /** Arms the watchdog for commands in flight on the current socket. */
  private armWatchdog(): void {
    if (this.watchdog !== null || this.ackTimeoutMs <= 0 || this.socket === null) return;
    const socket = this.socket;
    const mark = this.received;
    this.watchdog = this.setTimer(() => {
      this.watchdog = null;
      if (this.socket !== socket || this.options.outbox.size === 0) return;
      if (this.received === mark) this.networkLost();
      else this.armWatchdog();
    }, this.ackTimeoutMs);
  }

  private open(): void {
    this.retryHandle = null;
    this.welcomed = false;
    let socket: SocketLike;
    try {
      socket = this.socketFactory(this.options.url);
    } catch {
      this.scheduleRetry(undefined);
      return;
    }
    this.socket = socket;
    socket.binaryType = "arraybuffer";
    socket.onopen = () => {
      this.send({
        kind: { case: "hello", value: { ...this.options.hello(), lastSeq: this.lastSeq } },
      });
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onerror = () => {
      // Always followed by onclose, which decides what to do.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.watchdog !== null) this.clearTimer(this.watchdog);
      this.watchdog = null;
      this.welcomed = false;
      if (ev.code === kCloseDeleted) {
        // Deleted: nothing to come back to. The ErrorMessage before the close said so too.
        this.stop();
        this.options.handlers.fatal?.(create(ErrorMessageSchema, { code: "workshop_deleted", message: ev.reason }));
        return;
      }
      this.scheduleRetry(ev.code);
    };
  }

  private scheduleRetry(closeCode: number | undefined): void {
    if (this.stopped) return;
    this.setState("reconnecting");
    // 4001: closed for being too slow; the server is fine, come back quickly. A refusal that
    // said when to come back (a limit of the server) is waited out.
    const asked = Math.min(kMaxRetryMs, this.retryAfterMs);
    this.retryAfterMs = 0;
    const delay = closeCode === 4001 ? 100 : Math.max(this.backoff.next(), asked);
    this.retryHandle = this.setTimer(() => this.open(), delay);
  }

  private onMessage(data: unknown): void {
    this.received++;
    let message;
    try {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      message = fromBinary(ServerMessageSchema, bytes);
    } catch {
      return; // not ours; the server never sends text frames
    }
    const { handlers } = this.options;
    switch (message.kind.case) {
      case "welcome": {
        const welcome = message.kind.value;
        if (welcome.snapshot) this.lastSeq = welcome.snapshot.seq;
        this.welcomed = true;
        this.backoff.reset();
        handlers.welcome?.(welcome);
        this.setState("connected");
        this.inFlight.clear();
        this.sendWaiting();
        break;
      }
      case "events": {
        const batch = message.kind.value;
        if (batch.throughSeq > this.lastSeq) this.lastSeq = batch.throughSeq;
        handlers.events?.(batch);
        break;
      }
      case "accepted":
        this.answered(message.kind.value.commandId, acceptedOutcome(message.kind.value));
        break;
      case "rejected": {
        const { commandId, rejection } = message.kind.value;
        if (rejection) this.answered(commandId, { accepted: false, rejection });
        break;
      }
      case "answers": {
        // Several answers of one round in one frame: each as if it had come alone.
        for (const a of message.kind.value.accepted) this.answered(a.commandId, acceptedOutcome(a));
        for (const { commandId, rejection } of message.kind.value.rejected) {
          if (rejection) this.answered(commandId, { accepted: false, rejection });
        }
        break;
      }
      case "results":
        handlers.results?.(message.kind.value);
        break;
      case "hints":
        handlers.hints?.(message.kind.value);
        break;
      case "error": {
        const error = message.kind.value;
        if (kRetriedErrors.has(error.code)) {
          // The close that follows schedules a retry, no sooner than the server asked.
          this.retryAfterMs = error.retryAfterMs;
          return;
        }
        this.stop();
        handlers.fatal?.(error);
        break;
      }
      default:
        break;
    }
  }

  private answered(commandId: string, outcome: Outcome): void {
    if (!outcome.accepted && kPassingReasons.has(outcome.rejection.reason)) {
      return this.later(commandId, outcome.rejection.retryAfterMs);
    }
    const command = this.options.outbox.pending().find((c) => c.commandId === commandId);
    if (this.options.outbox.remove(commandId)) this.options.handlers.pending?.(this.options.outbox.size);
    const resolve = this.waiting.get(commandId);
    this.waiting.delete(commandId);
    if (command) this.options.handlers.answer?.(command, outcome);
    resolve?.(outcome);
    if (this.inFlight.delete(commandId)) this.sendWaiting();
  }

  /**
   * A command the server could not take now: it stays in the outbox, off the wire, and is sent
   * again after the delay the server asked for (bounded), on whatever socket is then open.
   */
  private later(commandId: string, retryAfterMs: number): void {
    if (!this.inFlight.delete(commandId)) return;
    this.deferred.add(commandId);
    const delay = Math.min(kMaxRetryMs, Math.max(kMinRetryMs, retryAfterMs));
    this.setTimer(() => {
      this.deferred.delete(commandId);
      this.sendWaiting();
    }, delay);
  }

  /** Sends the oldest pending commands not yet on the wire, up to kMaxInFlight. */
  private sendWaiting(): void {
    if (!this.welcomed) return;
    for (const command of this.options.outbox.pending()) {
      if (this.inFlight.size >= kMaxInFlight) return;
      if (!this.inFlight.has(command.commandId) && !this.deferred.has(command.commandId)) {
        this.sendCommand(command);
      }
    }
  }

  private sendCommand(command: Command): void {
    if (this.inFlight.size >= kMaxInFlight) return; // sent when an answer frees a place
    if (this.send({ kind: { case: "command", value: command } })) {
      this.inFlight.add(command.commandId);
      this.armWatchdog();
    }
  }

  /** False when there is no open socket (a command is then resent after the next Welcome). */
  private send(init: MessageInitShape<typeof ClientMessageSchema>): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== kOpen) return false;
    socket.send(toBinary(ClientMessageSchema, create(ClientMessageSchema, init)));
    return true;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state_) return;
    this.state_ = state;
    this.options.handlers.state?.(state);
  }
}

function acceptedOutcome(a: CommandAccepted): Outcome {
  return { accepted: true, seq: a.seq, duplicate: a.duplicate };
}

/** crypto.randomUUID where it exists (secure contexts); a random v4-shaped id otherwise. */
export function newCommandId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // falls through: not a secure context
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
