// The Node.js baseline: a minimal broadcast server on `ws`, written the way a team would
// write it, speaking the benchmarks' minimal subset of Atelier's protocol (see README.md).
//
//   node server.mjs [--host 127.0.0.1] [--port 8081] [--max-buffered-bytes 4194304]
//
// Prints "baseline listening on HOST:PORT" as its first line (port 0: a free port).
// No durability, no rules, no hash chain: this is not Atelier, it is what it is compared with.
import http from "node:http";
import { parseArgs } from "node:util";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { WebSocketServer } from "ws";
import { ClientMessageSchema, ServerMessageSchema } from "./gen/atelier/v1/wire_pb.js";
import { EventSchema } from "./gen/atelier/v1/events_pb.js";
import { ActorKind } from "./gen/atelier/v1/workshop_pb.js";
import { RejectionReason } from "./gen/atelier/v1/rejection_pb.js";

const { values: args } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8081" },
    // Same bound as Atelier's --max-queue-bytes default: a client whose unsent bytes pass it
    // is closed with 4001 ("too slow") and resumes without loss. Without it, one stalled
    // reader makes the process buffer without limit; with it, the comparison is fair.
    "max-buffered-bytes": { type: "string", default: String(4 * 1024 * 1024) },
  },
});
const maxBufferedBytes = Number(args["max-buffered-bytes"]);

// Events kept per room for resumes; a client further behind gets a fresh snapshot instead.
const kRingSize = 100_000;
const kCloseTooSlow = 4001;

/** A room: created on demand by its join code, lives until the process ends. */
class Room {
  constructor(code) {
    this.code = code;
    this.workshopId = `room-${code}`;
    this.seq = 0;
    this.nextTableId = 1;
    this.sockets = new Set();
    // A circular buffer of the last kRingSize events (message objects), slot (seq - 1) % kRingSize;
    // it grows as events come, up to kRingSize.
    this.ring = [];
  }

  /** The events after `lastSeq`, or null when the ring no longer holds all of them. */
  eventsAfter(lastSeq) {
    if (lastSeq > this.seq || this.seq - lastSeq > kRingSize) return null;
    const events = [];
    for (let s = lastSeq + 1; s <= this.seq; s++) events.push(this.ring[(s - 1) % kRingSize]);
    return events;
  }

  append(event) {
    this.ring[(this.seq - 1) % kRingSize] = event;
  }
}

const rooms = new Map();
function roomFor(code) {
  let room = rooms.get(code);
  if (!room) {
    room = new Room(code);
    rooms.set(code, room);
  }
  return room;
}

const isJoinCode = (s) => /^[0-9]{6}$/.test(s);

function encode(kind) {
  return toBinary(ServerMessageSchema, create(ServerMessageSchema, { kind }));
}

function send(socket, bytes) {
  socket.send(bytes, { binary: true });
  if (socket.bufferedAmount > maxBufferedBytes) socket.close(kCloseTooSlow, "too slow");
}

function fail(socket, code, message, closeCode) {
  send(socket, encode({ case: "error", value: { code, message } }));
  socket.close(closeCode, message);
}

function welcome(socket, room, role, token, withSnapshot) {
  socket.room = room;
  socket.role = role;
  const value = {
    role,
    workshopId: room.workshopId,
    token,
    serverTimeMs: BigInt(Date.now()),
  };
  if (withSnapshot) value.snapshot = { workshopId: room.workshopId, seq: BigInt(room.seq) };
  send(socket, encode({ case: "welcome", value }));
}

function onHello(socket, hello) {
  if (hello.joinCode !== "" && hello.tableId === 0 && isJoinCode(hello.joinCode)) {
    const room = roomFor(hello.joinCode);
    const tableId = room.nextTableId++;
    const role = { kind: ActorKind.TABLE, tableId };
    welcome(socket, room, role, `t${tableId}`, true);
  } else if (isJoinCode(hello.observerCode)) {
    welcome(socket, roomFor(hello.observerCode), { kind: ActorKind.OBSERVER }, "", true);
  } else if (hello.workshopId.startsWith("room-") && /^t[1-9][0-9]*$/.test(hello.tableToken)) {
    const code = hello.workshopId.slice("room-".length);
    if (!isJoinCode(code)) return fail(socket, "unknown_workshop", "no such room", 1008);
    const room = roomFor(code);
    const role = { kind: ActorKind.TABLE, tableId: Number(hello.tableToken.slice(1)) };
    const missed = room.eventsAfter(Number(hello.lastSeq));
    if (missed === null) {
      welcome(socket, room, role, "", true);
    } else {
      welcome(socket, room, role, "", false);
      send(socket, encode({ case: "events", value: { events: missed, throughSeq: BigInt(room.seq) } }));
    }
  } else {
    return fail(socket, "bad_hello", "join_code, observer_code or workshop_id and table_token", 1008);
  }
  // Only now, after the catch-up was queued, does the socket see broadcasts: nothing runs in
  // between (one thread), so it misses nothing and receives nothing twice.
  socket.room.sockets.add(socket);
}

function onCommand(socket, command) {
  const room = socket.room;
  const reject = (reason) =>
    send(socket, encode({ case: "rejected", value: { commandId: command.commandId, rejection: { reason } } }));
  if (socket.role.kind !== ActorKind.TABLE) return reject(RejectionReason.FORBIDDEN_ROLE);
  if (command.kind.case !== "postIdea") return reject(RejectionReason.INVALID_COMMAND);

  const seq = ++room.seq;
  const event = create(EventSchema, {
    workshopId: room.workshopId,
    seq: BigInt(seq),
    serverTimeMs: BigInt(Date.now()),
    actor: socket.role,
    commandId: command.commandId,
    payload: {
      case: "ideaPosted",
      value: { idea: { ideaId: seq, tableId: socket.role.tableId, text: command.kind.value.text } },
    },
  });
  room.append(event);
  // Serialized once, the same bytes to every socket of the room (the sender included).
  const batch = encode({ case: "events", value: { events: [event], throughSeq: BigInt(seq) } });
  for (const peer of room.sockets) {
    if (peer.readyState === peer.OPEN) send(peer, batch);
  }
  send(socket, encode({ case: "accepted", value: { commandId: command.commandId, seq: BigInt(seq) } }));
}

function onMessage(socket, data, isBinary) {
  let message;
  try {
    if (!isBinary) throw new Error("text frame");
    message = fromBinary(ClientMessageSchema, data);
  } catch {
    return fail(socket, "bad_message", "the frame is not an atelier.v1.ClientMessage", 1007);
  }
  const kind = message.kind;
  if (kind.case === "hello") {
    if (socket.room) return fail(socket, "bad_message", "Hello was already said", 1008);
    return onHello(socket, kind.value);
  }
  if (!socket.room) return fail(socket, "bad_message", "send Hello first", 1008);
  if (kind.case === "command") return onCommand(socket, kind.value);
  // DraftHintsRequest and empty messages are not part of the minimal protocol.
  return fail(socket, "bad_message", "not in the minimal protocol", 1008);
}

const httpServer = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  } else {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
});

// noServer, so that an upgrade on any other path gets the same 404 as any other request.
// ws's defaults otherwise: no per-message deflate (off by default on servers), maxPayload 100 MiB.
const wss = new WebSocketServer({ noServer: true });
httpServer.on("upgrade", (req, socket, head) => {
  if (new URL(req.url, "http://x").pathname !== "/ws") {
    socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});

wss.on("connection", (socket) => {
  socket.room = null;
  socket.role = null;
  socket.on("message", (data, isBinary) => onMessage(socket, data, isBinary));
  socket.on("close", () => socket.room?.sockets.delete(socket));
  socket.on("error", () => {}); // a reset peer; "close" follows and cleans up
});

httpServer.listen(Number(args.port), args.host, () => {
  const { address, port } = httpServer.address();
  console.log(`baseline listening on ${address}:${port}`);
});

function shutdown() {
  for (const socket of wss.clients) socket.close(1001, "going away");
  httpServer.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
