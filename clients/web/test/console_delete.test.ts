import { describe, expect, it } from "vitest";
import { archiveFileName, confirms } from "../src/console/delete_panel";
import { Connection } from "../src/net/connection";
import { MemoryStore, Outbox } from "../src/net/outbox";
import { explainHelloError } from "../src/i18n/common";
import { FakeSocket } from "./fake_socket";

function connect() {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const fatal: string[] = [];
  const conn = new Connection({
    url: "ws://test/ws",
    hello: () => ({ workshopId: "w1", tableToken: "t" }),
    outbox: new Outbox(new MemoryStore(), "outbox"),
    handlers: { fatal: (e) => fatal.push(e.code) },
    socketFactory: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
    watchNetwork: false,
  });
  conn.start();
  sockets[0].open();
  sockets[0].receive({ kind: { case: "welcome", value: { workshopId: "w1", snapshot: { seq: 3n } } } });
  return { conn, sockets, timers, fatal };
}

describe("a deleted workshop", () => {
  it("stops the connection for good on its ErrorMessage, and says so in French", () => {
    const { conn, sockets, timers, fatal } = connect();
    sockets[0].receive({ kind: { case: "error", value: { code: "workshop_deleted", message: "this workshop was deleted" } } });
    sockets[0].drop(4004);
    expect(fatal).toEqual(["workshop_deleted"]);
    expect(conn.state).toBe("stopped");
    expect(timers).toHaveLength(0); // no reconnection scheduled
    expect(sockets).toHaveLength(1);
    expect(explainHelloError("workshop_deleted")).toBe("Cet atelier a été supprimé.");
  });

  it("stops on close code 4004 alone too, rather than reconnecting for ever", () => {
    const { conn, sockets, timers, fatal } = connect();
    sockets[0].drop(4004);
    expect(fatal).toEqual(["workshop_deleted"]);
    expect(conn.state).toBe("stopped");
    expect(timers).toHaveLength(0);
  });

  it("other closes still reconnect", () => {
    const { conn, sockets, timers, fatal } = connect();
    sockets[0].drop(1006);
    expect(fatal).toEqual([]);
    expect(conn.state).toBe("reconnecting");
    expect(timers).toHaveLength(1);
  });
});

describe("the console's delete confirmation", () => {
  it("takes the confirmation word, case and spaces aside, and nothing else", () => {
    expect(confirms("SUPPRIMER", "SUPPRIMER")).toBe(true);
    expect(confirms("  supprimer ", "SUPPRIMER")).toBe(true);
    expect(confirms("SUPPRIME", "SUPPRIMER")).toBe(false);
    expect(confirms("", "SUPPRIMER")).toBe(false);
    expect(confirms("oui", "SUPPRIMER")).toBe(false);
  });

  it("names the archive as the server does, with a safe fallback", () => {
    expect(archiveFileName('attachment; filename="atelier-ab12-42.atelier-archive"', "ab12")).toBe("atelier-ab12-42.atelier-archive");
    expect(archiveFileName(null, "ab/12")).toBe("atelier-ab12.atelier-archive");
    expect(archiveFileName('attachment; filename="../../etc/passwd"', "ab12")).toBe("atelier-ab12.atelier-archive");
  });
});
