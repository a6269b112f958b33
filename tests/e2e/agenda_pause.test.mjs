// Issue 14, the agenda and the "temps mort", in a real browser: a Spider Web sprint made of
// timed steps (two rings of ideas, each with its constraint); the console shows the agenda with
// each step's time planned and spent and moves step by step; the animateur pauses the whole
// room and every screen says so, a table's idea is refused meanwhile with the reason, and the
// room goes on where it was.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";
import { joinAt, openAt, post, shot } from "./lib/tablet.mjs";
import { viewShot } from "./lib/console.mjs";
import { CliTable } from "./lib/animateur.mjs";

const env = useServerAndBrowser();

const agenda = [
  { kind: "PHASE_SETUP", title: "Accueil des tables", plannedMs: "300000" },
  { kind: "PHASE_DIVERGENCE", title: "Premier cercle", plannedMs: "420000", instruction: "Je ne peux pas me déplacer en mairie" },
  { kind: "PHASE_DIVERGENCE", title: "Deuxième cercle", plannedMs: "420000", instruction: "Nous sommes en 2050" },
  { kind: "PHASE_CONVERGENCE", title: "Gommettes", plannedMs: "300000" },
  { kind: "PHASE_CONCLUSION", title: "Les idées retenues" },
];

test("a timed agenda, step by step, with a temps mort every screen shows", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({
    workshop: { config: { question: "Comment faciliter les démarches des habitants ?", template: "TEMPLATE_IDEATION", agenda } },
  });
  const consolePage = await openDevice(browser, "laptop",
    `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await consolePage.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  const observer = await openAt(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);

  // The agenda: every step by its title, with its planned time; the current one marked.
  const steps = consolePage.locator(".phase-list li");
  await consolePage.locator("details.agenda summary").click();
  assert.equal(await steps.count(), 5);
  assert.match(await steps.nth(0).textContent(), /Accueil des tables.*en cours.*sur 5 min prévues/);
  assert.match(await steps.nth(1).textContent(), /Premier cercle.*7 min prévues/);
  assert.equal(await steps.nth(0).getAttribute("aria-current"), "step");
  await consolePage.locator("#phase").filter({ hasText: "Accueil des tables" }).waitFor();

  // Step by step, by title: the first ring, its constraint on the tablet and the big screen.
  const next = consolePage.locator("#next-phase");
  await next.filter({ hasText: "Premier cercle" }).click();
  await consolePage.locator("#phase").filter({ hasText: "Premier cercle" }).waitFor();
  await tablet.locator("#step-instruction").filter({ hasText: "Je ne peux pas me déplacer en mairie" }).waitFor();
  await observer.locator("#step-instruction").filter({ hasText: "Je ne peux pas me déplacer en mairie" }).waitFor();
  await post(tablet, "Un guichet itinérant sur le marché");
  // Spent time is counted for the step left.
  assert.match(await steps.nth(0).textContent(), /sur 5 min prévues/);
  assert.equal(await steps.nth(1).getAttribute("aria-current"), "step");

  // Temps mort: the console says the room waits; the tablet and the big screen say so.
  await consolePage.getByRole("button", { name: "Temps mort" }).click();
  await consolePage.locator("#paused-note").filter({ hasText: "l'atelier est en pause" }).waitFor();
  await consolePage.getByRole("button", { name: "Reprendre l'atelier" }).waitFor();
  const tabletPause = tablet.locator("#paused-overlay");
  await tabletPause.filter({ hasText: "Temps mort" }).waitFor();
  await observer.locator("#paused-overlay").filter({ hasText: "Temps mort" }).waitFor();
  assert.ok(await tabletPause.isVisible());
  await shot(tablet, "agenda-tablet-temps-mort");
  await viewShot(observer, "agenda-observer-temps-mort");
  await viewShot(consolePage, "agenda-console-temps-mort");
  await expectAccessible(tablet, "tablet: temps mort");

  // Meanwhile a table's idea is refused by the server with the reason (another table's client).
  const other = CliTable.join(server, created.joinCode, "Table des Chênes");
  assert.throws(() => other.post("Pendant la pause"), (e) => /rejected: WORKSHOP_PAUSED/.test(String(e.stdout)));

  // The room goes on where it was: the overlay goes, the table posts again.
  await consolePage.getByRole("button", { name: "Reprendre l'atelier" }).click();
  await tabletPause.waitFor({ state: "hidden" });
  await observer.locator("#paused-overlay").waitFor({ state: "hidden" });
  await post(tablet, "Des démarches par visio avec un agent");
  other.post("Une permanence dans chaque quartier");

  // The second ring: its own constraint replaces the first.
  await next.filter({ hasText: "Deuxième cercle" }).click();
  await tablet.locator("#step-instruction").filter({ hasText: "Nous sommes en 2050" }).waitFor();
  await observer.locator("#step-instruction").filter({ hasText: "Nous sommes en 2050" }).waitFor();
  await consolePage.locator("#phase").filter({ hasText: "Deuxième cercle" }).waitFor();
  await shot(tablet, "agenda-tablet-second-ring");
  await viewShot(consolePage, "agenda-console-second-ring");
  assert.deepEqual(tablet.errors, []);
  assert.deepEqual(consolePage.errors ?? [], []);
});

test("the create form makes a Spider Web agenda: two rings with their constraints and planned minutes", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("radio", { name: "Idéation" }).check();
  await page.getByLabel("Question posée aux participants").fill("Comment faciliter les démarches des habitants ?");
  await page.getByLabel("Titre de l'étape 2 (Divergence : proposer des idées)").fill("Premier cercle");
  await page.getByLabel("Minutes prévues pour l'étape 2 (Divergence : proposer des idées)").fill("7");
  await page.getByLabel("Consigne de l'étape 2").fill("Je ne peux pas me déplacer en mairie");
  await page.getByRole("button", { name: "Ajouter une étape d'idées" }).click();
  // The new ring comes right after the first, its title field has the focus.
  const title3 = page.getByLabel("Titre de l'étape 3 (Divergence : proposer des idées)");
  assert.ok(await title3.evaluate((el) => el === document.activeElement), "the new step's title has the focus");
  await title3.fill("Deuxième cercle");
  await page.getByLabel("Consigne de l'étape 3").fill("Nous sommes en 2050");
  await viewShot(page, "agenda-create-form-1366x768");
  await expectAccessible(page, "console: create form with an agenda");
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  await page.locator("details.agenda summary").click();
  const steps = page.locator(".phase-list li");
  await steps.nth(5).waitFor();
  assert.equal(await steps.count(), 6);
  assert.match(await steps.nth(1).textContent(), /Premier cercle.*7 min prévues/);
  assert.match(await steps.nth(2).textContent(), /Deuxième cercle.*7 min prévues/, "a new ring starts with the planned time of the ring before it");
  await page.locator("#next-phase").filter({ hasText: "Premier cercle" }).click();
  await page.locator("#phase").filter({ hasText: "Premier cercle" }).waitFor();
  await page.locator("#next-phase").filter({ hasText: "Deuxième cercle" }).waitFor();
  assert.deepEqual(page.errors, []);
});
