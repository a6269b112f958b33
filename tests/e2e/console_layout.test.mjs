// The console laid out for the task at hand (issue 12), at 1366x768 first: the step, "next phase"
// and the timer stay in view wherever the page is scrolled; the code and QR take the main place
// while tables join and shrink to a line with a button afterwards; the wall and the results are
// one click away (the section links) and the results come first in conclusion. At 1024x768 and
// 1920x1080 the same holds; at 390x844 (a phone) nothing scrolls sideways, not even the wall's
// long ideas. Screenshots of what the animateur sees: tests/e2e/screenshots/console-layout-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CliTable, ideationRequest, targetIds } from "./lib/animateur.mjs";
import { horizontalOverflow, inViewport, nextPhase, viewShot } from "./lib/console.mjs";
import { eventually, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const question = "Comment optimiser l'utilisation de la salle municipale ?";
const ideas = [
  "Un repair café le samedi matin",
  "Un repair café une fois par mois",
  "Ouvrir la salle aux associations le soir",
  "Des cours de cuisine entre générations",
  "Un planning partagé pour réserver la salle en ligne, visible de tous, avec les créneaux libres et les contacts des associations",
  "Une bourse aux livres chaque trimestre",
  "Un ciné-club le vendredi soir",
  "Des permanences des services municipaux",
  "Une salle d'étude pour les lycéens pendant les examens",
  "Un marché de producteurs locaux le dimanche",
  "Des ateliers numériques pour les seniors",
  "Louer la salle aux particuliers pour les fêtes de famille",
  "Le programme sur https://www.mairie-exemple.fr/salle-municipale/reservations-et-programme-des-associations",
  "Une grainothèque",
];

/** The control is in the viewport, after the page was scrolled to `where`. */
async function assertCockpitInView(page, where) {
  assert.ok(await inViewport(page.locator("#next-phase")), `« Phase suivante » in view ${where}`);
  assert.ok(await inViewport(page.locator("#phase")), `the phase in view ${where}`);
  const timer = page.locator("#timer");
  assert.match(await timer.textContent(), /Temps restant [0-9]+:[0-9]{2}/, "a timer runs");
  assert.ok(await inViewport(timer), `the timer in view ${where}`);
}

test("the console at 1366x768: cockpit in view, code large then compact, sections one click away", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop(ideationRequest(question));
  const page = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  // Set-up: the code and its QR code are the first thing in the main column, large and in view.
  const code = page.locator("#join-code");
  await code.filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  const qr = page.locator("#console-access svg.qr");
  assert.ok(await inViewport(code) && await inViewport(qr), "code and QR in view while tables join");
  assert.ok(parseFloat(await code.evaluate((el) => getComputedStyle(el).fontSize)) >= 48, "the code is large");
  assert.ok((await qr.boundingBox()).width >= 190, "the QR code is large");
  assert.equal(await page.getByRole("button", { name: "Afficher le QR code" }).count(), 0, "nothing to unfold: all is shown");
  assert.ok(await inViewport(page.locator("#next-phase")), "« Phase suivante » in view during the set-up");
  await viewShot(page, "console-layout-setup-1366x768");

  const tables = ["Lilas", "Tilleuls", "Platanes", "Chênes"].map((name) => CliTable.join(server, created.joinCode, name));
  await page.locator("#progress-table").getByText("Table 4 — Chênes").waitFor();

  // Divergence with a timer; fourteen ideas, one with an address that does not break.
  await nextPhase(page, "Divergence");
  await page.getByLabel("Durée (minutes)").fill("12");
  await page.getByRole("button", { name: "Démarrer le minuteur" }).click();
  await page.locator("#timer").filter({ hasText: /Temps restant 1[12]:[0-9]{2}/ }).waitFor();
  ideas.forEach((text, i) => tables[i % tables.length].post(text));
  await page.locator("#wall-list > li").nth(ideas.length - 1).waitFor();

  // The code is now one line in the side column; its button shows the QR code again.
  assert.equal(await qr.isVisible(), false, "the QR code is folded once the set-up is over");
  assert.ok(await inViewport(code), "the code is still in view");
  assert.ok(parseFloat(await code.evaluate((el) => getComputedStyle(el).fontSize)) < 40, "the code is compact");
  const showQr = page.getByRole("button", { name: "Afficher le QR code" });
  assert.equal(await showQr.getAttribute("aria-expanded"), "false");
  await showQr.click();
  await qr.waitFor();
  const hideQr = page.getByRole("button", { name: "Masquer le QR code" });
  assert.equal(await hideQr.getAttribute("aria-expanded"), "true");
  await hideQr.click();
  await qr.waitFor({ state: "hidden" });

  // The wall comes first; scrolled to its last idea, the cockpit and the merge button are in view.
  const sections = () => page.locator("#console-sections > section:not([hidden])").evaluateAll((all) => all.map((s) => s.id));
  assert.equal((await sections())[0], "console-wall", "the wall first in divergence");
  // The ideas scroll in their own box, under the merge form (console_wall_sticky.test.mjs).
  await page.locator("#wall-list > li").last().scrollIntoViewIfNeeded();
  assert.ok(await page.locator("#wall-scroll").evaluate((el) => el.scrollTop) > 0, "the wall was scrolled");
  await assertCockpitInView(page, "at the end of the wall");
  assert.ok(await inViewport(page.locator("#merge-selection")), "« Regrouper la sélection » in view beside the ideas");
  await viewShot(page, "console-layout-wall-1366x768");
  await expectAccessible(page, "console: divergence layout");

  // The section links: the results, one click away, keep the cockpit in view and get the focus.
  const nav = page.getByRole("navigation", { name: "Sections de la console" });
  await nav.getByRole("link", { name: "Résultats" }).click();
  await eventually(() => inViewport(page.locator("#results-title")), "the results heading in view");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title", "the focus on the results heading");
  await assertCockpitInView(page, "at the results");
  await nav.getByRole("link", { name: /^Mur des idées/ }).click();
  await eventually(() => inViewport(page.locator("#wall-title")), "the wall heading in view");
  assert.match(await nav.getByRole("link", { name: /^Mur des idées/ }).textContent(), /\(14\)/, "the link counts the ideas");
  // A new idea leaves the other cards in place (a click under way on one is not lost).
  await page.locator("#wall-list > li", { hasText: "Une grainothèque" }).evaluate((el) => { el.dataset.probe = "kept"; });
  tables[1].post("Une idée de plus");
  await page.locator("#wall-list > li", { hasText: "Une idée de plus" }).waitFor();
  assert.equal(await page.locator('#wall-list > li[data-probe="kept"]').count(), 1, "the same card node after an update");

  // The other sizes, scrolled to the end of the wall.
  for (const [width, height] of [[1024, 768], [1920, 1080]]) {
    await resize(page, { width, height });
    await page.locator("#wall-list > li").last().scrollIntoViewIfNeeded();
    await assertCockpitInView(page, `at the end of the wall, ${width}x${height}`);
    assert.ok(await horizontalOverflow(page) <= 0, `no horizontal scroll at ${width}`);
    await viewShot(page, `console-layout-wall-${width}x${height}`);
  }

  // A phone: no horizontal scroll with the wall, the clusters and the suggestions.
  await resize(page, { width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0, "no horizontal scroll at 390 in divergence");
  await page.locator("#wall-list > li").nth(4).scrollIntoViewIfNeeded();
  await viewShot(page, "console-layout-wall-390x844");
  await resize(page, { width: 1366, height: 768 });

  // Grouping, then convergence: the points come in; the results are first, then who voted.
  await nextPhase(page, "Regroupement");
  await page.getByLabel("Sélectionner : Un repair café le samedi matin").check();
  await page.getByLabel("Sélectionner : Un repair café une fois par mois").check();
  await page.getByLabel("Titre du regroupement").fill("Repair café");
  await page.locator("#merge-selection").click();
  await page.locator("#wall-list > li.cluster", { hasText: "Repair café" }).waitFor();
  await nextPhase(page, "Convergence");
  await page.getByLabel("Durée (minutes)").fill("8");
  await page.getByRole("button", { name: "Démarrer le minuteur" }).click();
  await page.locator("#timer").filter({ hasText: /Temps restant [78]:[0-9]{2}/ }).waitFor();
  const ids = await targetIds(server, created.workshopId, created.animateurToken);
  tables[2].points({ [ids["Repair café"]]: 3, [ids["Des cours de cuisine entre générations"]]: 2 });
  tables[3].points({ [ids["Repair café"]]: 2, [ids["Ouvrir la salle aux associations le soir"]]: 3 });
  await page.locator("#points-results li").filter({ hasText: "5 pts" }).waitFor();
  assert.deepEqual((await sections()).slice(0, 2), ["console-results", "console-tables"], "results, then tables, in convergence");
  await page.locator("#progress-table").scrollIntoViewIfNeeded();
  await assertCockpitInView(page, "at the tables in convergence");
  await viewShot(page, "console-layout-convergence-1366x768");
  assert.equal(await horizontalOverflow(page), 0);

  // Conclusion: the results at the top of the main column, in view without scrolling.
  await nextPhase(page, "Conclusion");
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.equal((await sections())[0], "console-results", "the results first in conclusion");
  assert.ok(await inViewport(page.locator("#reveal")), "« Révéler les résultats » in view at the top");
  // The bars are redrawn at each update of the results: asked again until one answers.
  await eventually(() => inViewport(page.locator("#points-results li").first()), "the first result in view at the top");
  await viewShot(page, "console-layout-conclusion-1366x768");
  for (const [width, height] of [[1024, 768], [1920, 1080], [390, 844]]) {
    await resize(page, { width, height });
    assert.ok(await horizontalOverflow(page) <= 0, `no horizontal scroll at ${width} in conclusion`);
    await viewShot(page, `console-layout-conclusion-${width}x${height}`);
  }
  assert.deepEqual(page.errors, []);
});
