// What the ballot tests share. The vote screens' tests (vote_*.test.mjs): a workshop created
// through the API with an agenda whose vote steps carry a ballot, moving to a step by its id,
// and the server's own tally to compare with what the screens showed. The console's and the big
// screen's (ballot_*.test.mjs): vote steps of every ballot kind from the console's create form,
// and voters (tables, or seats on their phones) played through the `atelier` command-line
// client, sending SetPoints, SetChoice and SetBuckets as protobuf JSON.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { CliAnimateur, CliTable, targetIds } from "./animateur.mjs";
import { createInConsole, nextPhase } from "./console.mjs";
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

/** The ballots of each kind the browser tests play (the first vote step's; "two": dots, then a ranking). */
export const kPlays = {
  budget: [{ kind: "budget" }],
  dots: [{ kind: "dots", seats: true, budget: 2 }],
  pick: [{ kind: "pick", count: 2 }],
  ranking: [{ kind: "ranking", places: 3 }],
  buckets: [{ kind: "buckets", seats: true }],
  two: [{ kind: "dots", seats: true, budget: 2 }, { kind: "ranking", places: 3 }],
};

/** The seats that vote where each participant votes: [table name, table number, seat number]. */
const kSeats = [["Lilas", 1, 1], ["Lilas", 1, 2], ["Tilleuls", 2, 1], ["Platanes", 3, 1], ["Platanes", 3, 2]];

/** The longue-vue's new subjects the tables post during a buckets vote. */
export const kNewSubjects = ["Un jardin partagé sur le toit de la salle", "Une navette pour les aînés le jour du marché"];

/**
 * One vote of `kind` (kPlays) played to its results: created from the console's form on `page`
 * (a /console page), three tables (and five seats where participants vote) joined through the
 * CLI, six ideas posted, then the votes cast through the CLI (kind "two": the dots, then the
 * ranking in the next vote step). Returns { w, tables, seats, id: { repair, graine, ouvrir,
 * cine, cuisine, ludo } }. The console ends in the (last) vote step.
 */
export async function playVote(server, page, kind, question = "Comment faire vivre la salle municipale ?") {
  const ballots = kPlays[kind];
  const w = await createWithBallots(page, question, ballots);
  const tables = joinTables(server, w.joinCode);
  const seats = {};
  if (ballots.some((b) => b.seats)) for (const [t, n, s] of kSeats) seats[`${t}${s}`] = CliSeat.join(server, w.joinCode, n, s);
  await nextPhase(page, "Divergence");
  postIdeas(tables);
  await page.locator("#wall-list > li").nth(kIdeas.length - 1).waitFor();
  await nextPhase(page, "Regroupement");
  await nextPhase(page, "Convergence");
  const byText = await targetIds(server, w.workshopId, w.token);
  const id = Object.fromEntries(Object.entries({
    repair: "Un repair café le samedi matin", graine: "Une grainothèque", ouvrir: "Ouvrir la salle aux associations le soir",
    cine: "Un ciné-club le vendredi", cuisine: "Des cours de cuisine entre générations", ludo: "Une ludothèque le mercredi",
  }).map(([k, text]) => [k, byText[text]]));
  const play = (k) => castVotes(k, tables, seats, id);
  if (kind === "two") {
    play("dots");
    await nextPhase(page, "Convergence : classer");
    play("ranking");
  } else {
    play(kind);
  }
  return { w, tables, seats, id };
}

/**
 * The votes of each kind, and what they come to:
 * - budget (by table): ouvrir 6 (2 tables), cuisine 5 (2), repair 1, graine 1;
 * - dots (2 per participant, 5 participants): ouvrir 4, repair 2, cuisine 2, cine 1, ludo 1;
 * - pick (2 per table): ouvrir 2, cuisine 2, repair 1, graine 1 (a minority choice);
 * - ranking (3 places per table, Borda 3-2-1): ouvrir 6 (1st ×2), cuisine 5 (1st, 2nd), repair 4
 *   (2nd ×2), cine 2 (3rd ×2), ludo 1 (3rd);
 * - buckets (3 participants; coffre, machine, poubelle): ouvrir 2/0/0, repair 1/1/0, cuisine
 *   1/0/1, ludo 1/0/1, graine 0/1/1, cine 0/1/1; and two new subjects (longue-vue).
 */
export function castVotes(kind, tables, seats, id) {
  const { repair, graine, ouvrir, cine, cuisine, ludo } = id;
  switch (kind) {
    case "budget":
      points(tables.Lilas, { [ouvrir]: 3, [cuisine]: 2 });
      points(tables.Tilleuls, { [cuisine]: 3, [repair]: 1 });
      points(tables.Platanes, { [ouvrir]: 3, [graine]: 1 });
      break;
    case "dots":
      points(seats.Lilas1, { [ouvrir]: 1, [cuisine]: 1 });
      points(seats.Lilas2, { [ouvrir]: 1, [ludo]: 1 });
      points(seats.Tilleuls1, { [repair]: 1, [cuisine]: 1 });
      points(seats.Platanes1, { [ouvrir]: 1, [repair]: 1 });
      points(seats.Platanes2, { [ouvrir]: 1, [cine]: 1 });
      break;
    case "pick":
      choose(tables.Lilas, [ouvrir, cuisine]);
      choose(tables.Tilleuls, [cuisine, repair]);
      choose(tables.Platanes, [ouvrir, graine]);
      break;
    case "ranking":
      choose(tables.Lilas, [ouvrir, cuisine, cine]);
      choose(tables.Tilleuls, [cuisine, repair, ludo]);
      choose(tables.Platanes, [ouvrir, repair, cine]);
      break;
    case "buckets":
      tables.Lilas.post(kNewSubjects[0]);
      tables.Tilleuls.post(kNewSubjects[1]);
      sort(seats.Lilas1, { [ouvrir]: "coffre", [cine]: "machine", [cuisine]: "poubelle", [ludo]: "coffre" });
      sort(seats.Tilleuls1, { [repair]: "coffre", [graine]: "machine", [cuisine]: "coffre", [ludo]: "poubelle" });
      sort(seats.Platanes1, { [ouvrir]: "coffre", [cine]: "poubelle", [repair]: "machine", [graine]: "poubelle" });
      break;
    default:
      throw new Error(`no votes for ${kind}`);
  }
}

// ---- Through the API (the vote screens' tests) ----

/**
 * An ideation workshop with `agenda` (steps as in workshop.proto, protobuf JSON: { kind, title,
 * ballot: { kind, voter, budget, cap, count, allowSelfVote } }) and `ideas` typed by the
 * animateur (no table's own). Steps get ids 1, 2... in agenda order. Returns { created, animateur }.
 */
export async function ballotWorkshop(server, question, ideas, agenda, config = {}) {
  const created = await server.createWorkshop({
    workshop: {
      config: { question, template: "TEMPLATE_IDEATION", agenda, ...config },
      ideas: ideas.map((text) => ({ text })),
    },
  });
  return { created, animateur: new CliAnimateur(server, created) };
}

/** Moves the workshop to the agenda's step `stepId` (1-based, in agenda order). */
export function toStep(animateur, stepId) {
  animateur.send({ setPhase: { stepId } });
}

/** The results' targets of a vote step by their text: { text: TargetResult }. */
export async function tallyOf(animateur, stepId) {
  const r = await animateur.results();
  const targets = (r.voteStepId ?? 0) === stepId ? r.points : (r.otherVotes ?? []).find((v) => v.stepId === stepId)?.targets ?? [];
  return Object.fromEntries(targets.map((x) => [x.text, x]));
}
