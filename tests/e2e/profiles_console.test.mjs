// Profiles and facets on the console while a workshop runs (issue 14): the tables list says each
// table's profile (and a seat's own), the wall shows an idea posted in a category as a post-it
// of its colour with the category's word and its table's profile, and a journey map step shows
// its grid (stages as columns, lanes as rows). Tables are raw WebSocket clients (lib/wire.mjs)
// that join with a profile and post in a category, a stage and a lane. Screenshots:
// profiles-console-*.png at 1366x768.
import assert from "node:assert/strict";
import { test } from "node:test";
import { viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

async function openConsole(browser, server, created) {
  const page = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return page;
}

test("role cards: each table's profile in the tables list, ideas as post-its of their category", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Que change le guichet unique pour chacun ?", template: "TEMPLATE_IDEATION",
    profiles: [{ name: "Usager" }, { name: "Agent" }, { name: "Élu" }],
    agenda: [{ kind: "PHASE_SETUP" },
      { kind: "PHASE_DIVERGENCE", title: "Bénéfices et besoins",
        categories: [{ name: "Bénéfices", colour: "#f4a6c6" }, { name: "Besoins", colour: "#fff176" }] },
      { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_SEAT" } },
      { kind: "PHASE_CONCLUSION" }],
  } } });
  const wire = await Wire.open(browser, server.base);
  const tables = [["Lilas", 1], ["Tilleuls", 2], ["Chênes", 3]];
  for (const [i, [name, profileId]] of tables.entries()) await wire.connect(`t${i + 1}`, { joinCode: created.joinCode, tableName: name, profileId });
  // A seat of table 1 speaks as an agent: the list says so after its number.
  await wire.connect("s1", { joinCode: created.joinCode, tableId: 1, seatNumber: 2, profileId: 2 });
  const page = await openConsole(browser, server, created);
  const animateur = "a";
  await wire.connect(animateur, { workshopId: created.workshopId, animateurToken: created.animateurToken });
  await wire.send(animateur, { setPhase: { stepId: 2 } });
  await wire.send("t1", { postIdea: { text: "Un seul numéro à appeler", categoryId: 1 } }, { postIdea: { text: "Des horaires le samedi", categoryId: 2 } });
  await wire.send("t2", { postIdea: { text: "Moins de dossiers en double", categoryId: 1 } });
  await wire.send("t3", { postIdea: { text: "Savoir ce que deviennent les demandes", categoryId: 2 } });

  const rows = page.locator("#progress-table tbody tr");
  await rows.nth(2).waitFor();
  assert.deepEqual(await page.locator("#progress-table thead th").allTextContents().then((h) => h.slice(0, 3)), ["Table", "Profil", "Places présentes"]);
  assert.deepEqual((await rows.locator("td.profile-cell").allTextContents()), ["Usager", "Agent", "Élu"]);
  assert.match(await rows.nth(0).textContent(), /place 2 \(Agent\)/);

  const card = page.locator("#wall-list > li", { hasText: "Un seul numéro à appeler" });
  await card.waitFor();
  assert.equal(await card.locator(".facet-chip").first().textContent(), "Bénéfices");
  assert.match(await card.locator(".idea-meta").textContent(), /Table 1 — Lilas \(Usager\)/);
  assert.equal(await card.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(244, 166, 198)");
  const need = page.locator("#wall-list > li", { hasText: "Des horaires le samedi" });
  assert.equal(await need.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 241, 118)");
  assert.equal(await need.locator(".facet-chip").first().textContent(), "Besoins");
  await page.locator("#console-wall").scrollIntoViewIfNeeded();
  await viewShot(page, "profiles-console-wall-1366x768");
  await page.locator("#console-tables").scrollIntoViewIfNeeded();
  await viewShot(page, "profiles-console-tables-1366x768");
  await expectAccessible(page, "console: profiles and categories");
  assert.deepEqual(page.errors, []);
  await wire.close();
});

test("a journey map step: the console's wall shows the grid of stages and lanes", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Le parcours d'une demande de place en crèche", template: "TEMPLATE_IDEATION",
    agenda: [{ kind: "PHASE_SETUP" },
      { kind: "PHASE_DIVERGENCE", title: "Le parcours",
        stages: [{ name: "S'informer" }, { name: "Déposer la demande" }, { name: "Attendre" }],
        lanes: [{ name: "Actions" }, { name: "Pensées et émotions" }, { name: "Opportunités" }] },
      { kind: "PHASE_CONCLUSION" }],
  } } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("t1", { joinCode: created.joinCode, tableName: "Lilas" });
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  const page = await openConsole(browser, server, created);
  await wire.send("a", { setPhase: { stepId: 2 } });
  await wire.send("t1",
    { postIdea: { text: "Je cherche sur le site de la mairie", stageId: 1, laneId: 1 } },
    { postIdea: { text: "Je ne sais pas si mon dossier est complet", stageId: 2, laneId: 2 } },
    { postIdea: { text: "Un accusé de réception par SMS", stageId: 3, laneId: 3 } },
    { postIdea: { text: "J'attends sans nouvelles", stageId: 3, laneId: 2 } });
  const grid = page.locator("#journey-table");
  await grid.locator(".journey-idea").nth(3).waitFor();
  assert.deepEqual(await grid.locator("thead th").allTextContents(), ["Lignes", "S'informer", "Déposer la demande", "Attendre"]);
  assert.deepEqual(await grid.locator("tbody th").allTextContents(), ["Actions", "Pensées et émotions", "Opportunités"]);
  // Each idea in the cell of its stage (column) and lane (row).
  const cell = (row, col) => grid.locator(`tbody tr:nth-child(${row}) td:nth-of-type(${col})`);
  assert.equal(await cell(1, 1).textContent(), "Je cherche sur le site de la mairie");
  assert.equal(await cell(2, 2).textContent(), "Je ne sais pas si mon dossier est complet");
  assert.equal(await cell(3, 3).textContent(), "Un accusé de réception par SMS");
  assert.equal(await cell(2, 3).textContent(), "J'attends sans nouvelles");
  assert.equal(await cell(1, 2).textContent(), "");
  // The cards below say where each idea stands.
  const card = page.locator("#wall-list > li", { hasText: "J'attends sans nouvelles" });
  assert.deepEqual(await card.locator(".facet-chip").allTextContents(), ["Étape : Attendre", "Ligne : Pensées et émotions"]);
  await page.locator("#console-wall").scrollIntoViewIfNeeded();
  await viewShot(page, "profiles-console-journey-1366x768");
  await expectAccessible(page, "console: journey map");
  assert.deepEqual(page.errors, []);
  await wire.close();
});
