// The animateur's commands from a test, through the `atelier` command-line client (a real
// WebSocket client of the server), for tests whose subject is another screen than the console.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./harness.mjs";

const cli = process.env.ATELIER_CLI ?? join(repoRoot, "build/clients/cli/atelier");

export class CliAnimateur {
  constructor(server, created) {
    this.server = server;
    this.workshopId = created.workshopId;
    this.token = created.animateurToken;
  }

  /** Sends one command (protobuf JSON of Command.kind); throws if the server rejects it. */
  send(command) {
    return execFileSync(cli, ["send", "--server", `127.0.0.1:${this.server.port}`, "--animateur", this.workshopId, this.token,
      JSON.stringify(command)], { encoding: "utf8" });
  }

  phase(name) {
    return this.send({ setPhase: { phase: name } });
  }

  results() {
    return this.server.results(this.workshopId, this.token);
  }
}

export const ideationRequest = (question) => ({
  workshop: {
    config: {
      question,
      template: "TEMPLATE_IDEATION",
      methodNote: "Tables de trois, une tablette ; 30 points par table, 3 au plus par idée, jamais pour soi.",
      visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
    },
  },
});

/**
 * A table played through the `atelier` client, for tests whose subject is the console: joins
 * with the code (as the next free table, named `name`) and sends commands as that table.
 */
export class CliTable {
  constructor(server, welcome) {
    this.server = server;
    this.workshopId = welcome.workshopId;
    this.token = welcome.token;
    this.id = welcome.role.tableId;
  }

  static join(server, code, name) {
    const out = execFileSync(cli, ["join", "--server", `127.0.0.1:${server.port}`, "--json", "--code", code, "--table-name", name],
      { encoding: "utf8" });
    return new CliTable(server, JSON.parse(out));
  }

  /** Sends one command (protobuf JSON of Command.kind); throws if the server rejects it. */
  send(command) {
    return execFileSync(cli, ["send", "--server", `127.0.0.1:${this.server.port}`, "--workshop", this.workshopId, "--token", this.token,
      JSON.stringify(command)], { encoding: "utf8" });
  }

  post(text) {
    return this.send({ postIdea: { text } });
  }

  /** Sets this table's points: { targetId: points }. */
  points(byTarget) {
    return this.send({ setPoints: { points: Object.entries(byTarget).map(([targetId, points]) => ({ targetId: Number(targetId), points })) } });
  }
}

/** The target ids of a workshop's ideas and clusters by their text, from the server's results. */
export async function targetIds(server, workshopId, token) {
  const results = await server.results(workshopId, token);
  return Object.fromEntries(results.points.map((p) => [p.text, p.targetId]));
}
