// Issue 14, the journey map with its smileys (Parcours usager, 000:1465-1510): the template's
// stages to rate (« Étape 1 … ») stand for the map's columns, so that while participants rate them
// the big screen draws the map with each stage's smiley above its column (the mean's face and
// word, how many rated it, the distribution as small bars) instead of a ranking of « Étape »
// ideas, and the console's map shows the same row. Tables and seats are raw WebSocket clients
// (lib/wire.mjs). Screenshots: journey-smileys-1920x1080.png (and 1366x768, 1024x768),
// journey-smileys-console-1366x768.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertNoScroll } from "./lib/big_screen.mjs";
import { viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

test("a journey map's stages rated with smileys: on the map, above their columns, as they come", async () => {
  const { server, browser } = env;
  const templates = await (await fetch(`${server.base}/api/templates`)).json();
  const journey = templates.templates.find((t) => t.key === "parcours-usager");
  const created = await server.createWorkshop({ workshop: journey.workshop });
  const config = journey.workshop.config;
  const map = config.agenda.find((s) => s.kind === "PHASE_DIVERGENCE");
  const scoring = config.agenda.find((s) => s.kind === "PHASE_SCORING");
  assert.equal(journey.workshop.ideas.filter((i) => i.standsFor?.stepId === map.id).length, map.stages.length,
    "each stage to rate stands for a column of the map");

  const wire = await Wire.open(browser, server.base);
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  await wire.connect("t1", { joinCode: created.joinCode, tableName: "Lilas", profileId: 1 });
  await wire.connect("t2", { joinCode: created.joinCode, tableName: "Tilleuls", profileId: 2 });
  const seats = ["s11", "s12", "s21"];
  await wire.connect("s11", { joinCode: created.joinCode, tableId: 1, seatNumber: 1, profileId: 1 });
  await wire.connect("s12", { joinCode: created.joinCode, tableId: 1, seatNumber: 2, profileId: 1 });
  await wire.connect("s21", { joinCode: created.joinCode, tableId: 2, seatNumber: 1, profileId: 1 });
  const observer = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  await resize(observer, { width: 1920, height: 1080 });
  const console_ = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(console_, { width: 1366, height: 768 });
  await console_.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  // The map drawn: a few post-its in their cells.
  await wire.send("a", { setPhase: { stepId: map.id } });
  await wire.send("t1", { postIdea: { text: "Je me préinscris sur le site", stageId: 1, laneId: 1 } },
    { postIdea: { text: "Annoncer la date plus tôt", stageId: 1, laneId: 3 } });
  await wire.send("t2", { postIdea: { text: "Personne pour m'orienter", stageId: 2, laneId: 2 } });
  const grid = observer.locator("#journey-grid");
  await grid.locator(".journey-idea", { hasText: "Personne pour m'orienter" }).waitFor();
  assert.equal(await grid.locator("tr.journey-ratings").count(), 0, "no smileys before the stages are rated");

  // The stages rated: the first by three (5, 4, 5), the second by two (1, 2), the others not yet.
  await wire.send("a", { setPhase: { stepId: scoring.id } });
  const results = await server.results(created.workshopId, created.animateurToken);
  const stageIdea = (n) => results.evaluations.find((e) => e.text.startsWith(`Étape ${n}`)).ideaId;
  const scores = { s11: [5, 1], s12: [4, 2], s21: [5, null] };
  for (const seat of seats) {
    const [first, second] = scores[seat];
    const commands = [{ score: { ideaId: stageIdea(1), criterionId: 1, value: first } }];
    if (second !== null) commands.push({ score: { ideaId: stageIdea(2), criterionId: 1, value: second } });
    await wire.send(seat, ...commands);
  }

  // The big screen: the map, with the smileys' row above the lanes.
  const row = grid.locator("tr.journey-ratings");
  await row.locator("td[data-stage-id='2']", { hasText: "2 avis" }).waitFor();
  await row.locator("td[data-stage-id='1']", { hasText: "3 avis" }).waitFor();
  assert.equal((await row.locator("th").textContent()).trim(), "Mon expérience");
  const first = await row.locator("td[data-stage-id='1']").textContent();
  assert.match(first, /Très satisfait/, "the mean 4,7 said by its face's word");
  assert.match(first, /4,7 · 3 avis/);
  assert.match(await row.locator("td[data-stage-id='2']").textContent(), /Très insatisfait|Insatisfait/);
  assert.match(await row.locator("td[data-stage-id='2']").textContent(), /1,5 · 2 avis/);
  assert.equal((await row.locator("td[data-stage-id='3']").textContent()).trim(), "pas encore noté");
  // The bars: one per value of the scale, the tallest the most given.
  const bars = await row.locator("td[data-stage-id='1'] .journey-rating-bars li").evaluateAll((xs) => xs.map((x) => x.style.height));
  assert.deepEqual(bars, ["0%", "0%", "0%", "50%", "100%"]);
  // Columns in the stages' order, the post-its still in their cells.
  assert.deepEqual(await grid.locator("thead th").allTextContents(), ["Lignes", ...map.stages.map((s) => s.name)]);
  await grid.locator(".journey-idea", { hasText: "Annoncer la date plus tôt" }).waitFor();
  await assertNoScroll(observer, "the journey map with its smileys");
  await screenshot(observer, "journey-smileys-1920x1080");
  await expectAccessible(observer, "big screen: journey map with smileys");
  // Every lane on the stage, on a projector and on smaller screens (set smaller when needed).
  for (const [width, height] of [[1920, 1080], [1366, 768], [1024, 768]]) {
    await resize(observer, { width, height });
    await row.locator("td[data-stage-id='1']", { hasText: "3 avis" }).waitFor();
    const cut = await observer.evaluate(() => {
      const stage = document.querySelector(".journey-stage").getBoundingClientRect();
      const last = document.querySelector("#journey-grid tbody tr:last-child").getBoundingClientRect();
      return Math.round(last.bottom - stage.bottom);
    });
    assert.ok(cut <= 1, `${width}x${height}: the last lane ends ${cut} px below the stage`);
    if (width !== 1920) await screenshot(observer, `journey-smileys-${width}x${height}`);
  }
  await resize(observer, { width: 390, height: 844 });
  await row.locator("td[data-stage-id='1']", { hasText: "3 avis" }).waitFor();
  await screenshot(observer, "journey-smileys-390x844");
  const column = await row.locator("td[data-stage-id='1']").evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(column >= 100, `a phone keeps readable columns (${column} px), the grid scrolling sideways`);
  await expectAccessible(observer, "big screen on a phone: journey map with smileys");

  // The console's map: the same row.
  const consoleRow = console_.locator("#journey-table tr.journey-ratings");
  await consoleRow.locator("td[data-stage-id='1']", { hasText: "3 avis" }).waitFor();
  await consoleRow.scrollIntoViewIfNeeded();
  await viewShot(console_, "journey-smileys-console-1366x768");
  await resize(console_, { width: 1024, height: 768 });
  await consoleRow.scrollIntoViewIfNeeded();
  await viewShot(console_, "journey-smileys-console-1024x768");
  await expectAccessible(console_, "console: journey map with smileys");
  assert.deepEqual(observer.errors, []);
  assert.deepEqual(console_.errors, []);
  await wire.close();
});
