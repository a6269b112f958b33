// The console while vote steps of several kinds run (issue 14): the phase panel says each vote
// step's ballot in plain words (« Gommettes : 2 par participant… »), in the cockpit and in the
// agenda; the progress counts who has voted as the ballot says (participants, or tables that made
// their choice); a merge that would hand back gommettes says so in gommettes and per participant;
// an idea a choice holds says so on its card, cannot be ticked, and a merge of it is explained
// and not sent (TARGET_IN_BALLOT). Created from the console's form, votes cast through the CLI.
// Screenshots: ballot-console-running-*-1366x768.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { targetIds } from "./lib/animateur.mjs";
import { choose, CliSeat, createWithBallots, joinTables, points } from "./lib/ballots.mjs";
import { nextPhase, viewShot } from "./lib/console.mjs";
import { eventually, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const nbsp = (s) => s.replaceAll("\u00a0", " ").trim();

/** The progress table's vote column: { "Table 1 — Lilas": "1 sur 1", … }, and its header. */
async function progress(page) {
  return page.locator("#progress-table").evaluate((table) => ({
    column: table.querySelectorAll("thead th")[3].textContent.trim(),
    rows: Object.fromEntries([...table.querySelectorAll("tbody tr")].map((r) =>
      [r.querySelector("th").textContent.trim(), r.querySelectorAll("td")[2].textContent.trim()])),
  }));
}

test("the phase panel, the progress and the merges follow each vote step's ballot", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  const w = await createWithBallots(page, "Quels projets pour la salle municipale ?",
    [{ kind: "dots", seats: true, budget: 2, cap: 1 }, { kind: "pick", count: 2 }]);
  const tables = joinTables(server, w.joinCode);
  const lilas1 = CliSeat.join(server, w.joinCode, 1, 1);
  const tilleuls1 = CliSeat.join(server, w.joinCode, 2, 1);

  // The agenda says each vote step's ballot.
  await page.locator("details.agenda summary").click();
  const agenda = page.locator(".phase-list li");
  await agenda.nth(5).waitFor();
  assert.equal(nbsp(await agenda.nth(3).locator(".step-ballot").textContent()),
    "Gommettes : 2 par participant, 1 au plus par idée ; jamais pour les idées de sa table");
  assert.equal(nbsp(await agenda.nth(4).locator(".step-ballot").textContent()),
    "Choisir 2 idées : exactement 2 par table ; jamais pour les idées de sa table");
  assert.equal(await page.locator("#phase-ballot").isVisible(), false, "no ballot outside a vote step");
  await page.locator("details.agenda summary").click();

  await nextPhase(page, "Divergence");
  tables.Lilas.post("Un repair café le samedi matin");
  tables.Tilleuls.post("Un repair café une fois par mois");
  tables.Platanes.post("Une grainothèque");
  tables.Platanes.post("Une ludothèque le mercredi");
  await page.locator("#wall-list > li").nth(3).waitFor();
  await nextPhase(page, "Regroupement");
  await nextPhase(page, "Convergence : poser les gommettes");
  assert.equal(nbsp(await page.locator("#phase-ballot").textContent()),
    "Gommettes : 2 par participant, 1 au plus par idée ; jamais pour les idées de sa table");
  const id = await targetIds(server, w.workshopId, w.token);
  const samedi = id["Un repair café le samedi matin"];
  const mois = id["Un repair café une fois par mois"];
  const graines = id["Une grainothèque"];

  // Each participant votes: the progress counts participants, per table.
  points(lilas1, { [mois]: 1, [graines]: 1 }); // Lilas wrote « samedi »
  await eventually(async () => (await progress(page)).rows["Table 1 — Lilas"] === "1 sur 1", "Lilas's participant counted");
  points(tilleuls1, { [samedi]: 1, [graines]: 1 }); // Tilleuls wrote « mois »
  await eventually(async () => (await progress(page)).rows["Table 2 — Tilleuls"] === "1 sur 1", "Tilleuls's participant counted");
  assert.deepEqual(await progress(page), {
    column: "Participants ayant voté",
    rows: { "Table 1 — Lilas": "1 sur 1", "Table 2 — Tilleuls": "1 sur 1", "Table 3 — Platanes": "0 sur 0" },
  });
  assert.match(await page.locator("#progress-summary").textContent(), /· 2 participants sur 2 ont voté$/);
  await page.locator("#console-tables").scrollIntoViewIfNeeded();
  await viewShot(page, "ballot-console-running-dots-progress-1366x768");

  // Merging the two repair cafés hands each participant's gommette back: said in gommettes.
  await page.getByLabel("Sélectionner : Un repair café le samedi matin").check();
  await page.getByLabel("Sélectionner : Un repair café une fois par mois").check();
  await page.getByLabel("Titre du regroupement").fill("Repair café");
  await page.locator("#merge-selection").click();
  const dialog = page.getByRole("dialog", { name: "Ce regroupement va rendre des votes" });
  await dialog.waitFor();
  assert.equal(nbsp(await dialog.locator("#merge-warning-summary").textContent()),
    "Des votes ont déjà été donnés à ces idées. Regrouper « Repair café » rend 2 gommettes à 2 participants :");
  assert.deepEqual((await dialog.locator("#merge-warning-tables li").allTextContents()).map(nbsp), [
    "Table 1 — Lilas, place 1 : 1 gommette rendue, car le regroupement contient une idée de sa table : on ne vote pas pour les idées de sa table.",
    "Table 2 — Tilleuls, place 1 : 1 gommette rendue, car le regroupement contient une idée de sa table : on ne vote pas pour les idées de sa table.",
  ]);
  assert.equal(nbsp(await dialog.locator("#merge-warning-after").textContent()),
    "Ces points ou gommettes reviennent à chaque votant, qui pourra les donner ailleurs pendant le vote.");
  await expectAccessible(page, "console: merge warning in gommettes");
  await viewShot(page, "ballot-console-running-merge-dots-1366x768");
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Tout désélectionner" }).click();

  // The pick: tables choose; the progress says which did; a chosen idea cannot be merged.
  await nextPhase(page, "Convergence : choisir 2 idées");
  assert.equal(nbsp(await page.locator("#phase-ballot").textContent()),
    "Choisir 2 idées : exactement 2 par table ; jamais pour les idées de sa table");
  choose(tables.Platanes, [samedi, mois]);
  choose(tables.Tilleuls, [samedi, graines]);
  await eventually(async () => (await progress(page)).rows["Table 2 — Tilleuls"] === "choisies : 2", "Tilleuls's choice counted");
  assert.deepEqual(await progress(page), {
    column: "Choix",
    rows: { "Table 1 — Lilas": "pas encore", "Table 2 — Tilleuls": "choisies : 2", "Table 3 — Platanes": "choisies : 2" },
  });
  assert.match(await page.locator("#progress-summary").textContent(), /· 2 tables sur 3 ont voté$/);

  const card = page.locator("#wall-list > li", { hasText: "Un repair café le samedi matin" });
  await card.locator(".in-ballot-note").waitFor();
  assert.match(nbsp(await card.locator(".in-ballot-note").textContent()), /^Dans un vote Déjà dans un choix, un classement ou un tri/);
  assert.equal(await page.getByLabel("Sélectionner : Un repair café le samedi matin").isDisabled(), true, "a chosen idea cannot be ticked");
  assert.equal(await page.getByLabel("Sélectionner : Une ludothèque le mercredi").isDisabled(), false, "an idea no one chose can");
  // The « Regrouper ? » suggestion of the two repair cafés: explained, and nothing sent.
  const before = (await server.results(w.workshopId, w.token)).points.length;
  await page.getByRole("button", { name: /^Regrouper « Un repair café .* » avec « Un repair café .* »$/ }).click();
  await page.locator("#notice").filter({ hasText: "déjà dans un choix, un classement ou un tri de tables" }).waitFor();
  assert.match(nbsp(await page.locator("#notice p").textContent()), /^« Un repair café .* », « Un repair café .* » : déjà dans un choix, un classement ou un tri de tables\. Le regrouper, le défaire ou le supprimer changerait des votes déjà faits : ce n'est plus possible\.$/);
  assert.equal(await page.locator("#wall-list > li.cluster").count(), 0, "no merge");
  assert.equal((await server.results(w.workshopId, w.token)).points.length, before);
  await card.scrollIntoViewIfNeeded();
  await expectAccessible(page, "console: an idea held by a choice");
  await viewShot(page, "ballot-console-running-pick-wall-1366x768");
  await page.evaluate(() => window.scrollTo(0, 0));
  await viewShot(page, "ballot-console-running-pick-cockpit-1366x768");
  assert.deepEqual(page.errors, []);
});
