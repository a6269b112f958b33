// The console's timeline on a short ideation: three tablets post ideas and vote, the animateur
// merges two duplicates after the votes, then scrubs back. Before the merge the two ideas are
// apart and hold the points they had; at the end the timeline shows the live results; the live
// wall is left as it is while scrubbing and comes back with "Retour au direct"; the slider's end
// follows the live head. Screenshots of the timeline at four screen sizes for the README.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInConsole, nextPhase } from "./lib/console.mjs";
import { eventually, expectAccessible, joinTable, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

async function post(page, text) {
  await page.getByLabel("Votre idée").fill(text);
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  await page.locator("li.card.own", { hasText: text }).waitFor();
}

async function give(page, text, points) {
  const card = page.locator("li.card", { hasText: text });
  for (let i = 1; i <= points; i++) {
    await card.getByRole("button", { name: "Ajouter un point" }).click();
    await card.locator("output").filter({ hasText: new RegExp(`^${i}$`) }).waitFor();
  }
}

/** The points the timeline shows: { text: points }. */
async function pastPoints(page) {
  return page.locator("#timeline-points li.hbar").evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector("span")?.textContent?.trim(), Number(r.dataset.points)])));
}

/** The top-level ideas and clusters the timeline shows, by their text or title. */
async function pastTargets(page) {
  return page.locator("#timeline-ideas > li .target-text").evaluateAll((rows) =>
    rows.map((r) => r.firstChild?.textContent?.trim()));
}

/** The event the slider is on, as the page says it ("Événement 12 sur 40 …"). */
async function shownSeq(page) {
  const text = await page.locator("#timeline-position").textContent();
  const m = /Événement ([0-9]+) sur ([0-9]+)/.exec(text ?? "");
  return m ? { seq: Number(m[1]), head: Number(m[2]) } : null;
}

test("the timeline shows the workshop before a merge and at the end", async () => {
  const { server, browser } = env;
  const console_ = await openDevice(browser, "laptop", `${server.base}/console`);
  const workshop = await createInConsole(console_, { template: "ideation", question: "Comment faire vivre la salle municipale ?" });
  const lilas = await joinTable(env, workshop.joinCode, "Table des Lilas");
  const tilleuls = await joinTable(env, workshop.joinCode, "Table des Tilleuls");
  const platanes = await joinTable(env, workshop.joinCode, "Table des Platanes");

  await nextPhase(console_, "Divergence");
  await post(lilas, "Un repair café le samedi matin");
  await post(tilleuls, "Un repair café une fois par mois");
  await post(platanes, "Un planning partagé pour réserver la salle");
  await post(platanes, "Une bourse aux livres");
  await nextPhase(console_, "Regroupement");
  await nextPhase(console_, "Convergence");
  await give(platanes, "Un repair café le samedi matin", 2);
  await give(platanes, "Un repair café une fois par mois", 3);
  await give(lilas, "Un planning partagé pour réserver la salle", 3);
  await give(tilleuls, "Une bourse aux livres", 1);

  // The duplicates are merged after the votes: the table's 5 points become 3 on the cluster.
  await console_.getByLabel("Sélectionner : Un repair café le samedi matin").check();
  await console_.getByLabel("Sélectionner : Un repair café une fois par mois").check();
  await console_.getByLabel("Titre du regroupement").fill("Repair café");
  await console_.locator("#merge-selection").click();
  // Points were given: the console says first that the merge hands 2 of Platanes' 5 back.
  const warning = console_.getByRole("dialog", { name: "Ce regroupement va rendre des points" });
  await warning.getByText(/rend 2\spoints à 1\stable/).waitFor();
  await warning.getByRole("button", { name: "Regrouper quand même" }).click();
  const wall = console_.locator("#wall-list");
  // The cluster itself (hasText is case-insensitive: « Un repair café… » matched before the merge).
  await wall.locator("li.cluster", { hasText: "Repair café" }).waitFor();
  const live = await server.results(workshop.workshopId, workshop.token);
  const liveTally = Object.fromEntries(live.points.map((p) => [p.text, p.points]));
  assert.equal(liveTally["Repair café"], 3);
  const liveWall = await wall.textContent();

  // Open the timeline: at the head, the past view equals the live results.
  await console_.locator("#timeline-open").click();
  await console_.getByRole("heading", { name: "Chronologie de l'atelier" }).waitFor();
  assert.equal(await wall.isVisible(), false, "the live wall makes way for the past view");
  await eventually(async () => {
    const seen = await pastPoints(console_);
    return Object.keys(seen).length === Object.keys(liveTally).length && seen;
  }, "the timeline to show the results at the head");
  assert.deepEqual(await pastPoints(console_), liveTally, "at the end: the live results");
  const end = await shownSeq(console_);
  assert.equal(end.seq, end.head);
  await console_.locator("#timeline-marks").getByRole("button", { name: /Divergence/ }).waitFor();
  await expectAccessible(console_, "console: timeline");

  // Back to just before the merge: its mark, then one event back with the arrow key.
  const mergeMark = console_.locator("#timeline-marks").getByRole("button", { name: /^Fusion d’idées/ });
  const mergeSeq = Number(/événement ([0-9]+)/.exec(await mergeMark.textContent())[1]);
  await mergeMark.click();
  await console_.locator("#timeline-ideas").getByText("Repair café", { exact: true }).waitFor();
  await console_.locator("#timeline-slider").focus();
  await console_.keyboard.press("ArrowLeft");
  await eventually(async () => (await shownSeq(console_))?.seq === mergeSeq - 1, "the slider one event before the merge");
  await eventually(async () => (await pastTargets(console_)).includes("Un repair café le samedi matin"), "the two ideas apart");
  const targets = await pastTargets(console_);
  assert.ok(targets.includes("Un repair café une fois par mois"), `both ideas are top-level: ${targets}`);
  assert.ok(!targets.includes("Repair café"), "no cluster yet");
  const before = await pastPoints(console_);
  assert.equal(before["Un repair café le samedi matin"], 2);
  assert.equal(before["Un repair café une fois par mois"], 3);
  assert.equal(before["Un planning partagé pour réserver la salle"], 3);
  assert.equal(await wall.textContent(), liveWall, "scrubbing leaves the live wall as it was");

  // PageUp and PageDown jump between marks (the merge is the last one).
  await console_.keyboard.press("PageDown");
  await eventually(async () => (await shownSeq(console_))?.seq === mergeSeq, "PageDown to the merge");
  await console_.keyboard.press("PageUp");
  await eventually(async () => (await shownSeq(console_))?.seq < mergeSeq, "PageUp to the mark before");

  // The workshop goes on: the slider's end follows the live head.
  const head = Number(await console_.locator("#timeline-slider").getAttribute("max"));
  await give(lilas, "Une bourse aux livres", 1);
  await eventually(async () => Number(await console_.locator("#timeline-slider").getAttribute("max")) === head + 1, "the slider to reach the new head");
  await console_.locator("#timeline-live-head").filter({ hasText: `En direct : ${head + 1} événements` }).waitFor();

  // The moment before the merge, for the screenshots.
  await console_.locator("#timeline-slider").focus();
  await console_.keyboard.press("PageDown");
  await eventually(async () => (await shownSeq(console_))?.seq === mergeSeq, "PageDown to the merge again");
  await console_.keyboard.press("ArrowLeft");
  await eventually(async () => (await pastPoints(console_))["Un repair café une fois par mois"] === 3, "the moment before the merge again");
  await screenshot(console_, "console-timeline");
  for (const [width, height] of [[1024, 768], [390, 844], [1366, 768], [1920, 1080]]) {
    await resize(console_, { width, height });
    await console_.locator("#timeline-position").waitFor();
    await screenshot(console_, `console-timeline-${width}x${height}`);
  }
  await resize(console_, { width: 1366, height: 900 });

  // Back to live: the wall as it is now.
  await console_.getByRole("button", { name: "Retour au direct" }).click();
  await wall.locator("li", { hasText: "Repair café" }).first().waitFor();
  assert.equal(await console_.locator("#timeline").isVisible(), false);
  assert.equal(await console_.evaluate(() => document.activeElement?.id), "timeline-open", "focus comes back to the button");
  for (const page of [console_, lilas, tilleuls, platanes]) assert.deepEqual(page.errors, []);
});
