// Issue 12, speed and live updates on a 1024x768 tablet: the scoring screen and the results are
// kept and patched, not rebuilt at each event. Another participant's event (a phone of the same
// table scoring, the animateur starting the timer) leaves every radio and button in place, so
// that a finger about to tap one never lands on a node replaced under it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { evaluation, give, ideation, joinAt, openAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

/** Keeps every control (and card) of the screen, to check later that the same nodes are there. */
async function keep(page) {
  await page.evaluate(() => {
    window.__kept = [...document.querySelectorAll("#screen button, #screen input, #screen a, #screen li, #screen section, #screen table")];
  });
}
/** How many of the nodes kept are no longer in the page, and how many controls are new. */
async function replaced(page) {
  return page.evaluate(() => {
    const kept = new Set(window.__kept);
    const now = [...document.querySelectorAll("#screen button, #screen input, #screen a, #screen li, #screen section, #screen table")];
    return { gone: window.__kept.filter((el) => !el.isConnected).length, added: now.filter((el) => !kept.has(el)).length, kept: kept.size };
  });
}

const criteria = [
  { id: 1, name: "Acceptabilité", lowLabel: "inacceptable", highLabel: "très acceptable", maxValue: 10 },
  { id: 2, name: "Coût", direction: "DIRECTION_LOWER_IS_BETTER", lowLabel: "peu coûteux", highLabel: "très coûteux", maxValue: 10 },
];
const ideas = ["Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal", "Des cours de français le soir"];

test("scoring: another seat's score and the answers to ours leave the radios and buttons in place", async () => {
  const { server, browser } = env;
  const { created, animateur } = await evaluation(server, "Concertation sur l'accueil des réfugiés dans notre ville", ideas, criteria);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const phone = await openAt(browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await phone.getByLabel("Numéro de votre place").fill("3");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  phases(animateur, "PHASE_SCORING");
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  await tablet.getByText("C'est au tour de la place 1").waitFor();
  await tablet.locator("section.idea-score").first().waitFor();

  // Our own scores: each answer patches its line; the radio keeps the focus.
  await keep(tablet);
  const line = tablet.locator("section.idea-score").nth(1).locator("fieldset[data-criterion-id]").first();
  await line.getByRole("radio", { name: "6", exact: true }).check();
  await line.locator('.current[data-score="6"]').filter({ hasNotText: "envoi" }).waitFor();
  await line.getByRole("radio", { name: "8", exact: true }).check();
  await line.locator('.current[data-score="8"]').filter({ hasNotText: "envoi" }).waitFor();
  await tablet.locator("#seat-progress").filter({ hasText: "Place 1 : 1 note sur 6" }).waitFor();
  assert.equal(await tablet.evaluate(() => document.activeElement?.getAttribute("data-key")), "s-2-1-8", "the focus stays on the radio tapped");
  assert.deepEqual(await replaced(tablet), { gone: 0, added: 0, kept: await tablet.evaluate(() => window.__kept.length) },
    "two answers, not one node replaced");

  // Another participant: the phone of place 3 scores. The tablet shows its progress, and the
  // node under a finger resting on « 5 » of the third idea is the same node afterwards.
  await keep(tablet);
  const target = tablet.locator("section.idea-score").nth(2).locator("fieldset[data-criterion-id]").nth(1).locator("label.score-choice").nth(5);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await tablet.mouse.move(point.x, point.y);
  await tablet.evaluate(({ x, y }) => { window.__underFinger = document.elementFromPoint(x, y); }, point);
  await phone.getByRole("heading", { name: "Vos notes (place 3)" }).waitFor();
  for (const c of [0, 1]) {
    const phoneLine = phone.locator("section.idea-score").first().locator("fieldset[data-criterion-id]").nth(c);
    await phoneLine.getByRole("radio", { name: "4", exact: true }).check();
    await phoneLine.locator('.current[data-score="4"]').filter({ hasNotText: "envoi" }).waitFor();
  }
  await tablet.locator('[data-seat-progress="3"]').filter({ hasText: "note sur son téléphone · 2 notes sur 6" }).waitFor();
  assert.ok(await tablet.evaluate(({ x, y }) => document.elementFromPoint(x, y) === window.__underFinger && window.__underFinger.isConnected, point),
    "the node under the finger is the same node");
  assert.deepEqual(await replaced(tablet), { gone: 0, added: 0, kept: await tablet.evaluate(() => window.__kept.length) },
    "the phone's scores replaced no node of the tablet");
  // The tap that follows lands: the number tapped is the one given.
  await tablet.mouse.click(point.x, point.y);
  await tablet.locator("section.idea-score").nth(2).locator("fieldset[data-criterion-id]").nth(1).locator('.current[data-score="5"]').filter({ hasNotText: "envoi" }).waitFor();
  await expectAccessible(tablet, "tablet: scoring kept across events");
  await shot(tablet, "tablet-scoring-kept");
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});

test("results: an event of the conclusion leaves the results as they are", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Que faire du jardin partagé ?", ["Des carrés potagers pour l'école", "Un composteur collectif", "Une ruche pédagogique"]);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  phases(animateur, "PHASE_DIVERGENCE", "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await give(tablet, "Un composteur collectif", 2);
  phases(animateur, "PHASE_CONCLUSION");
  animateur.send({ revealResults: { revealed: true } });
  await tablet.getByRole("heading", { name: "Résultats" }).waitFor();
  await keep(tablet);
  animateur.send({ startTimer: { durationMs: 300000 } });
  await tablet.locator("#timer").filter({ hasText: /\d:\d\d/ }).waitFor();
  const r = await replaced(tablet);
  assert.ok(r.kept > 3, "the results have rows");
  assert.deepEqual(r, { gone: 0, added: 0, kept: r.kept }, "the timer's event replaced no row of the results");
  assert.deepEqual(tablet.errors, []);
});
