// Many tablets, phones and the animateur as raw WebSocket clients of the real server, for the
// tests whose subject is a screen that watches them (the big screen): 6 seats x 150 scores would
// take minutes through tablet pages. The clients run in one browser page of the server's origin
// (the server lets in the WebSockets of its own origin), speaking the wire protocol
// (proto/atelier/v1/wire.proto) with a small hand-written protobuf encoder: only the messages
// used here. Each command waits for its answer; a rejection fails the call with its reason code.
import assert from "node:assert/strict";

/** Runs in the page: window.wire.connect(name, hello) and window.wire.send(name, command). */
function pageSide() {
  const utf8 = new TextEncoder();
  const varint = (v) => {
    let n = BigInt(v);
    const out = [];
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const key = (no, type) => varint((no << 3) | type);
  const num = (no, v) => (v ? [...key(no, 0), ...varint(v)] : []);
  const str = (no, s) => (s ? bytes(no, [...utf8.encode(s)]) : []);
  const bytes = (no, b) => [...key(no, 2), ...varint(b.length), ...b];
  const msg = (no, parts) => bytes(no, parts.flat());
  const packed = (no, vs) => (vs.length ? bytes(no, vs.flatMap(varint)) : []);
  const phases = { PHASE_SETUP: 1, PHASE_DIVERGENCE: 2, PHASE_GROUPING: 3, PHASE_CONVERGENCE: 4, PHASE_SCORING: 5, PHASE_CONCLUSION: 6 };

  const hello = (h) => msg(1, [str(1, h.workshopId), str(2, h.joinCode), num(3, h.tableId), str(4, h.tableToken),
    str(5, h.seatToken), str(6, h.animateurToken), str(7, h.observerCode), num(9, h.seatNumber), str(10, h.tableName),
    num(11, h.profileId)]);

  function command(id, c) {
    const [[kind, v]] = Object.entries(c);
    const body = {
      setPhase: () => msg(14, [num(1, phases[v.phase]), num(2, v.stepId)]),
      startTimer: () => msg(15, [num(1, v.durationMs)]),
      postIdea: () => msg(19, [str(1, v.text), num(2, v.categoryId), num(3, v.stageId), num(4, v.laneId)]),
      editIdea: () => msg(20, [num(1, v.ideaId), str(2, v.text)]),
      deleteIdea: () => msg(21, [num(1, v.ideaId)]),
      mergeIdeas: () => msg(22, [packed(1, v.targetIds), num(2, v.intoClusterId), str(3, v.title)]),
      setPoints: () => msg(25, v.points.map((p) => msg(1, [num(1, p.targetId), num(2, p.points)]))),
      score: () => msg(26, [num(1, v.seatId), num(2, v.ideaId), num(3, v.criterionId), num(4, v.value)]),
      revealResults: () => msg(27, [num(1, v.revealed ? 1 : 0)]),
    }[kind];
    if (!body) throw new Error(`wire.mjs does not encode ${kind}`);
    return msg(2, [str(1, id), body()]);
  }

  function fields(buf) {
    const out = [];
    let p = 0;
    const read = () => {
      let x = 0n;
      let s = 0n;
      for (;;) {
        const b = buf[p++];
        x |= BigInt(b & 0x7f) << s;
        if (!(b & 0x80)) return x;
        s += 7n;
      }
    };
    while (p < buf.length) {
      const k = read();
      const no = Number(k >> 3n);
      const type = Number(k & 7n);
      if (type === 0) out.push([no, read()]);
      else if (type === 2) {
        const len = Number(read());
        out.push([no, buf.subarray(p, p + len)]);
        p += len;
      } else if (type === 1) p += 8;
      else if (type === 5) p += 4;
      else throw new Error(`wire type ${type}`);
    }
    return out;
  }
  const text = (b) => new TextDecoder().decode(b);
  const field = (fs, no) => fs.find(([n]) => n === no)?.[1];

  const clients = new Map();
  let nextId = 0;
  window.wire = {
    connect(name, h) {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
        ws.binaryType = "arraybuffer";
        const client = { ws, pending: new Map() };
        const answer = (id, outcome) => {
          const p = client.pending.get(id);
          if (p) {
            client.pending.delete(id);
            p(outcome);
          }
        };
        ws.onopen = () => ws.send(new Uint8Array(hello(h)));
        ws.onerror = () => reject(new Error(`${name}: WebSocket error`));
        ws.onmessage = (ev) => {
          const [[kind, body]] = fields(new Uint8Array(ev.data));
          if (kind === 1) { // Welcome: role {kind, table_id, seat_id}, token
            const role = fields(field(fields(body), 1) ?? new Uint8Array());
            clients.set(name, client);
            resolve({ tableId: Number(field(role, 2) ?? 0n), seatId: Number(field(role, 3) ?? 0n), token: text(field(fields(body), 3) ?? new Uint8Array()) });
          } else if (kind === 7) {
            reject(new Error(`${name}: ${text(field(fields(body), 1))} ${text(field(fields(body), 2) ?? new Uint8Array())}`));
          } else if (kind === 3) {
            answer(text(field(fields(body), 1)), { accepted: true });
          } else if (kind === 4) {
            const f = fields(body);
            answer(text(field(f, 1)), { accepted: false, reason: Number(field(fields(field(f, 2)), 1) ?? 0n) });
          } else if (kind === 8) {
            for (const [n, b] of fields(body)) {
              const f = fields(b);
              answer(text(field(f, 1)), n === 1 ? { accepted: true } : { accepted: false, reason: Number(field(fields(field(f, 2)), 1) ?? 0n) });
            }
          }
        };
      });
    },
    /** Sends the commands at once and waits for every answer: [{ accepted, reason }]. */
    send(name, commands) {
      const client = clients.get(name);
      if (!client) throw new Error(`no client ${name}`);
      return Promise.all(commands.map((c) => new Promise((resolve) => {
        const id = `wire-${name}-${++nextId}`;
        client.pending.set(id, resolve);
        client.ws.send(new Uint8Array(command(id, c)));
      })));
    },
    close(name) {
      clients.get(name)?.ws.close();
      clients.delete(name);
    },
  };
}

/** A page holding raw clients: wire.connect(name, hello), wire.send(name, ...commands). */
export class Wire {
  static async open(browser, base) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/healthz`);
    await page.addScriptTag({ content: `(${pageSide.toString()})();` });
    return new Wire(page, context);
  }

  constructor(page, context) {
    this.page = page;
    this.context = context;
  }

  /** Says Hello (protobuf JSON names: joinCode, tableId, tableName, seatNumber, workshopId, animateurToken...); the Welcome's role. */
  connect(name, hello) {
    return this.page.evaluate(([n, h]) => window.wire.connect(n, h), [name, hello]);
  }

  /** Sends commands (protobuf JSON of Command.kind) in flight together; fails if one is rejected. */
  async send(name, ...commands) {
    const outcomes = await this.page.evaluate(([n, cs]) => window.wire.send(n, cs), [name, commands]);
    outcomes.forEach((o, i) => assert.ok(o.accepted, `${name}: ${JSON.stringify(commands[i])} rejected (reason ${o.reason})`));
  }

  async close() {
    await this.context.close();
  }
}
