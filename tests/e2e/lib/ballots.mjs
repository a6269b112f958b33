// Vote steps of every ballot kind from a test: the console's create form filled with each vote
// step's ballot, and voters (tables, or seats on their phones) played through the `atelier`
// command-line client, sending SetPoints, SetChoice and SetBuckets as protobuf JSON.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { CliTable } from "./animateur.mjs";
import { createInConsole } from "./console.mjs";
import { repoRoot } from "./harness.mjs";

const cli = process.env.ATELIER_CLI ?? join(repoRoot, "build/clients/cli/atelier");

/** The form's names of the ballot kinds. */
export const kKinds = {
  budget: "Points à répartir",
  dots: "Gommettes",
  pick: "Choisir N idées",
  ranking: "Classement",
  buckets: "Tri en quatre cases",
};

/**
 * Creates an ideation from the console's form (on `page`, at /console) whose vote steps have
 * these ballots: [{ kind: "dots" | ..., seats?: true, budget?, cap?, count?, places?, self? }],
 * the first on the template's vote step (step 4), each next one added with « Ajouter une étape
 * de vote » (steps 5, 6...). Returns what createInConsole returns.
 */
export async function createWithBallots(page, question, ballots, beforeSubmit = async () => {}) {
  return createInConsole(page, { template: "ideation", question }, async () => {
    for (const [i, ballot] of ballots.entries()) {
      const n = 4 + i;
      if (i > 0) await page.getByRole("button", { name: "Ajouter une étape de vote" }).click();
      await fillBallot(page, n, ballot);
    }
    await beforeSubmit();
  });
}

/** Fills the ballot of step n in the create form. */
export async function fillBallot(page, n, ballot) {
  const field = (label) => page.getByLabel(`${label} (étape ${n})`, { exact: true });
  await field("Façon de voter").selectOption({ label: kKinds[ballot.kind] });
  await field("Qui vote").selectOption({ label: ballot.seats ? "Chaque participant" : "Chaque table" });
  const points = ballot.kind === "dots" ? "Gommettes par votant" : "Points par votant";
  if (ballot.budget !== undefined) await field(points).fill(String(ballot.budget));
  if (ballot.cap !== undefined) await field("Au plus sur une même idée").fill(String(ballot.cap));
  if (ballot.count !== undefined) await field("Idées à choisir, exactement").fill(String(ballot.count));
  if (ballot.places !== undefined) {
    await field("Classer toutes les idées").uncheck();
    await field("Places à classer").fill(String(ballot.places));
  }
  if (ballot.self) await field("Permettre de voter pour les idées de sa propre table").check();
}

/** The workshop's agenda as the server keeps it (the animateur's Welcome snapshot). */
export function serverAgenda(server, workshopId, token) {
  const out = execFileSync(cli, ["join", "--server", `127.0.0.1:${server.port}`, "--json", "--animateur", workshopId, token], { encoding: "utf8" });
  return JSON.parse(out).snapshot.config.agenda;
}

/** A seat on its own phone, played through the `atelier` client: joins seat `seat` of table `table`. */
export class CliSeat {
  constructor(server, welcome) {
    this.server = server;
    this.workshopId = welcome.workshopId;
    this.token = welcome.token;
    this.tableId = welcome.role.tableId;
    this.id = welcome.role.seatId;
  }

  static join(server, code, table, seat) {
    const out = execFileSync(cli, ["join", "--server", `127.0.0.1:${server.port}`, "--json", "--code", code, "--table", String(table), "--seat", String(seat)],
      { encoding: "utf8" });
    return new CliSeat(server, JSON.parse(out));
  }

  send(command) {
    return execFileSync(cli, ["send", "--server", `127.0.0.1:${this.server.port}`, "--workshop", this.workshopId, "--seat-token", this.token,
      JSON.stringify(command)], { encoding: "utf8" });
  }
}

/** SetPoints: { targetId: points } (a budget or dots). */
export function points(voter, byTarget) {
  return voter.send({ setPoints: { points: Object.entries(byTarget).map(([targetId, p]) => ({ targetId: Number(targetId), points: p })) } });
}

/** SetChoice: the whole pick, or the whole ranking, most prioritary first. */
export function choose(voter, targetIds) {
  return voter.send({ setChoice: { targetIds } });
}

const kBucketNames = { poubelle: "BUCKET_POUBELLE", machine: "BUCKET_MACHINE_A_LAVER", coffre: "BUCKET_COFFRE_FORT" };

/** SetBuckets: { targetId: "poubelle" | "machine" | "coffre" }. */
export function sort(voter, byTarget) {
  return voter.send({ setBuckets: { items: Object.entries(byTarget).map(([targetId, b]) => ({ targetId: Number(targetId), bucket: kBucketNames[b] })) } });
}

/** The rejection's reason of a command the server refuses (the CLI exits 1 and prints it). */
export function refusal(fn) {
  try {
    fn();
  } catch (e) {
    return String(e.stdout ?? "") + String(e.stderr ?? "");
  }
  assert.fail("the server accepted a command it should refuse");
}

/**
 * Three tables (Lilas, Tilleuls, Platanes) that post two ideas each, through the CLI; the ideas'
 * ids by text once the console shows them. The console must be in a step of ideas.
 */
export const kIdeas = [
  ["Lilas", "Un repair café le samedi matin"], ["Lilas", "Une grainothèque"],
  ["Tilleuls", "Ouvrir la salle aux associations le soir"], ["Tilleuls", "Un ciné-club le vendredi"],
  ["Platanes", "Des cours de cuisine entre générations"], ["Platanes", "Une ludothèque le mercredi"],
];

export function joinTables(server, joinCode) {
  return Object.fromEntries(["Lilas", "Tilleuls", "Platanes"].map((n) => [n, CliTable.join(server, joinCode, n)]));
}

export function postIdeas(tables) {
  for (const [table, text] of kIdeas) tables[table].post(text);
}
