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
