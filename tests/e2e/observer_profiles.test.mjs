// The big screen while ideas come, for agendas whose ideas have a place (issue 14), on a
// 1920x1080 projector and a 1024x768 screen: role cards' ideas as post-its of their category's
// colour with its word; a journey map as its grid (stages as columns, lanes as rows); a Spider
// Web's rings drawn as concentric rings, each ring's ideas beside it. Nothing scrolls on the
// projector, text reads from the back. Tables are raw WebSocket clients (lib/wire.mjs).
// Screenshots: observer-profiles-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertNoScroll, assertTextAtLeast, settled } from "./lib/big_screen.mjs";
import { expectAccessible, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

/** A workshop with this agenda, an animateur and tables (raw clients), and the big screen. */
async function room({ server, browser }, agenda, extra = {}) {
  const created = await server.createWorkshop({ workshop: { config: {
    question: extra.question ?? "Que change le guichet unique pour chacun ?", template: "TEMPLATE_IDEATION", agenda,
    visibility: { observerResults: "OBSERVER_RESULTS_LIVE" }, ...extra.config,
  } } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  for (const [i, profileId] of (extra.profiles ?? [0, 0]).entries()) {
    await wire.connect(`t${i + 1}`, { joinCode: created.joinCode, tableName: `Table ${i + 1}`, profileId });
  }
  const page = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  return { created, wire, page };
}

test("role cards: each idea a post-it of its category's colour, with its word", async () => {
  const { wire, page } = await room(env, [{ kind: "PHASE_SETUP" },
    { kind: "PHASE_DIVERGENCE", title: "Bénéfices et besoins", categories: [{ name: "Bénéfices", colour: "#f4a6c6" }, { name: "Besoins", colour: "#fff176" }] },
    { kind: "PHASE_CONCLUSION" }], { config: { profiles: [{ name: "Usager" }, { name: "Agent" }] }, profiles: [1, 2] });
  await wire.send("a", { setPhase: { stepId: 2 } });
  const posts = [["t1", "Un seul numéro à appeler", 1], ["t1", "Des horaires le samedi", 2], ["t2", "Moins de dossiers en double", 1],
    ["t2", "Savoir ce que deviennent les demandes", 2], ["t1", "Un rendez-vous en ligne", 1], ["t2", "Un outil commun aux services", 2]];
  for (const [table, text, categoryId] of posts) await wire.send(table, { postIdea: { text, categoryId } });
  const postit = page.locator("#wall-list .postit", { hasText: "Un seul numéro à appeler" });
  await page.locator("#wall-list .postit").nth(posts.length - 1).waitFor();
  await settled(page);
  assert.equal(await postit.locator(".facet-word").textContent(), "Bénéfices");
  assert.equal(await postit.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(244, 166, 198)");
  const need = page.locator("#wall-list .postit", { hasText: "Des horaires le samedi" });
  assert.equal(await need.locator(".facet-word").textContent(), "Besoins");
  assert.equal(await need.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 241, 118)");
  await assertNoScroll(page, "role cards, 1920x1080");
  await assertTextAtLeast(page, 16, "role cards, 1920x1080");
  await screenshot(page, "observer-profiles-roles-1920x1080");
  await expectAccessible(page, "big screen: role cards");
  assert.deepEqual(page.errors, []);
  await wire.close();
});

test("a journey map: the big screen draws its grid, each idea in the cell of its stage and lane", async () => {
  const { wire, page } = await room(env, [{ kind: "PHASE_SETUP" },
    { kind: "PHASE_DIVERGENCE", title: "Le parcours", stages: [{ name: "S'informer" }, { name: "Déposer la demande" }, { name: "Attendre" }],
      lanes: [{ name: "Actions" }, { name: "Pensées et émotions" }, { name: "Opportunités" }] },
    { kind: "PHASE_CONCLUSION" }], { question: "Le parcours d'une demande de place en crèche" });
  await wire.send("a", { setPhase: { stepId: 2 } });
  await wire.send("t1",
    { postIdea: { text: "Je cherche sur le site de la mairie", stageId: 1, laneId: 1 } },
    { postIdea: { text: "Je ne sais pas si mon dossier est complet", stageId: 2, laneId: 2 } },
    { postIdea: { text: "Un accusé de réception par SMS", stageId: 3, laneId: 3 } });
  await wire.send("t2",
    { postIdea: { text: "J'attends sans nouvelles", stageId: 3, laneId: 2 } },
    { postIdea: { text: "Je remplis le formulaire papier", stageId: 2, laneId: 1 } });
  const grid = page.locator("#journey-grid");
  await grid.locator(".journey-idea").nth(4).waitFor();
  assert.deepEqual(await grid.locator("thead th").allTextContents(), ["Lignes", "S'informer", "Déposer la demande", "Attendre"]);
  const cell = (row, col) => grid.locator(`tbody tr:nth-child(${row}) td:nth-of-type(${col})`);
  assert.equal(await cell(1, 2).textContent(), "Je remplis le formulaire papier");
  assert.equal(await cell(2, 3).textContent(), "J'attends sans nouvelles");
  assert.equal(await cell(3, 3).textContent(), "Un accusé de réception par SMS");
  await assertNoScroll(page, "journey map, 1920x1080");
  await assertTextAtLeast(page, 16, "journey map, 1920x1080");
  await screenshot(page, "observer-profiles-journey-1920x1080");
  await expectAccessible(page, "big screen: journey map");
  await resize(page, { width: 1024, height: 768 });
  await assertNoScroll(page, "journey map, 1024x768");
  await screenshot(page, "observer-profiles-journey-1024x768");
  assert.deepEqual(page.errors, []);
  await wire.close();
});

test("a Spider Web: the rings drawn as rings, each ring's ideas beside it with its constraint", async () => {
  const { wire, page } = await room(env, [{ kind: "PHASE_SETUP" },
    { kind: "PHASE_DIVERGENCE", title: "Anneau 1" },
    { kind: "PHASE_DIVERGENCE", title: "Anneau 2", instruction: "Je ne peux pas me déplacer en mairie" },
    { kind: "PHASE_DIVERGENCE", title: "Anneau 3", instruction: "Nous sommes en 2050" },
    { kind: "PHASE_CONCLUSION" }], { question: "Comment pourrions-nous aider Martine, 72 ans, à faire ses démarches ?" });
  await wire.send("a", { setPhase: { stepId: 2 } });
  await wire.send("t1", { postIdea: { text: "Un guichet le samedi matin" } }, { postIdea: { text: "Un numéro unique" } });
  await wire.send("a", { setPhase: { stepId: 3 } });
  await wire.send("t2", { postIdea: { text: "Un agent qui vient à domicile" } }, { postIdea: { text: "Des démarches par téléphone" } },
    { postIdea: { text: "Un bus des services publics" } });
  const columns = page.locator("#rings .ring-column");
  await columns.nth(1).locator(".postit").nth(2).waitFor();
  // The rings opened so far, each with its ideas, the newest first; the third is still to come.
  assert.equal(await columns.count(), 2);
  assert.deepEqual(await columns.nth(0).locator(".postit").allTextContents(), ["Un numéro unique", "Un guichet le samedi matin"]);
  assert.match(await columns.nth(1).locator("h3").textContent(), /^Anneau 2 · 3 idées$/);
  assert.equal(await columns.nth(1).locator(".ring-instruction").textContent(), "Je ne peux pas me déplacer en mairie");
  assert.equal(await page.locator("#rings svg circle").count(), 4, "three rings around the centre");
  await assertNoScroll(page, "rings, 1920x1080");
  await assertTextAtLeast(page, 16, "rings, 1920x1080");
  await screenshot(page, "observer-profiles-rings-1920x1080");
  await expectAccessible(page, "big screen: rings");
  assert.deepEqual(page.errors, []);
  await wire.close();
});
