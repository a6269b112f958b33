// A scripted stand-in for the browser WebSocket: the test opens, answers and closes it.
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientMessageSchema,
  ServerMessageSchema,
  type ClientMessage,
} from "../src/gen/atelier/v1/wire_pb";
import type { SocketLike } from "../src/net/connection";

export class FakeSocket implements SocketLike {
  binaryType = "blob";
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  readonly sent: ClientMessage[] = [];

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(fromBinary(ClientMessageSchema, data));
  }
  close(): void {
    this.readyState = 3;
  }

  // Test side.
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(init: MessageInitShape<typeof ServerMessageSchema>): void {
    const bytes = toBinary(ServerMessageSchema, create(ServerMessageSchema, init));
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: "" });
  }
  commands() {
    return this.sent.filter((m) => m.kind.case === "command").map((m) => m.kind.value as { commandId: string });
  }
}
