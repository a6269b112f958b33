// Results per profile on the console (1366x768) and the big screen (1920x1080), issue 14:
// - the satisfaction barometer (001:26): services scored on a smiley scale by usagers and agents;
//   « Par profil » puts each profile's distribution side by side on one axis, drawn with the
//   smileys and their words; the results CSV gains a profile column with each profile's rows;
// - role cards: ideas counted per profile and category in the consolidation table (with totals),
//   and a vote per profile as small multiples on one scale.
// Tables and seats are raw WebSocket clients (lib/wire.mjs). Screenshots: results-profiles-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertNoScroll, assertTextAtLeast, onScreen, settled } from "./lib/big_screen.mjs";
import { viewShot } from "./lib/console.mjs";
import { downloadedBytes, eventually, expectAccessible, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

async function screens({ server, browser }, created) {
  const console_ = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(console_, { width: 1366, height: 768 });
  await console_.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  const big = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  return { console_, big };
}

test("the satisfaction barometer: usagers and agents side by side on one smiley axis, and the CSV per profile", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: {
    config: {
      question: "Êtes-vous satisfait de nos services ?", template: "TEMPLATE_EVALUATION",
      profiles: [{ name: "Usager" }, { name: "Agent" }],
      criteria: [{ name: "satisfaction", lowLabel: "pas du tout", highLabel: "très", scale: "SCALE_SMILEYS" }],
      visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
    },
    ideas: [{ text: "Accueil" }, { text: "Délais" }],
  } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  await wire.connect("t1", { joinCode: created.joinCode, tableName: "Usagers", profileId: 1 });
  await wire.connect("t2", { joinCode: created.joinCode, tableName: "Agents", profileId: 2 });
  const seats = [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2]];
  for (const [table, seat] of seats) await wire.connect(`s${table}${seat}`, { joinCode: created.joinCode, tableId: table, seatNumber: seat, profileId: table });
  const { console_, big } = await screens(env, created);
  await wire.send("a", { setPhase: { phase: "PHASE_SCORING" } });
  const ids = (await server.results(created.workshopId, created.animateurToken)).evaluations.map((e) => [e.text, e.ideaId]);
  const id = Object.fromEntries(ids);
  // Usagers rather unhappy with the waiting times, agents rather happy with them.
  const scores = { s11: [4, 2], s12: [5, 1], s13: [4, 2], s21: [4, 4], s22: [3, 5] };
  for (const [seat, [accueil, delais]] of Object.entries(scores)) {
    await wire.send(seat, { score: { ideaId: id.Accueil, criterionId: 1, value: accueil } }, { score: { ideaId: id["Délais"], criterionId: 1, value: delais } });
  }
  await eventually(async () => (await server.results(created.workshopId, created.animateurToken)).participation?.seatsScored === 5, "every seat's scores");

  // The console: « Par profil », each idea's criterion per profile on the same axis.
  await console_.locator("#results-view").waitFor();
  await console_.getByRole("radio", { name: "Par profil" }).check();
  const delais = console_.locator(`#profile-criteria [data-idea-id="${id["Délais"]}"]`);
  await delais.waitFor();
  const dists = delais.locator(".profile-dist");
  assert.deepEqual(await dists.locator(".dist-head strong").allTextContents(), ["Usager", "Agent"]);
  assert.match(await dists.nth(0).locator(".dist-head").textContent(), /3 notes · moyenne 1,7 \(Insatisfait\)/);
  assert.match(await dists.nth(1).locator(".dist-head").textContent(), /2 notes · moyenne 4,5/);
  assert.deepEqual(await dists.nth(0).locator(".smiley-word").allTextContents(), ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"]);
  assert.equal(await dists.nth(0).locator(".sr-only").textContent(), "Usager : Très insatisfait : 1, Insatisfait : 2.");
  // One axis: the tallest column of all is the same height in both panels.
  const heights = await delais.locator(".dist-bar").evaluateAll((els) => els.map((el) => el.style.height));
  assert.deepEqual(heights, ["50%", "100%", "0%", "0%", "0%", "0%", "0%", "0%", "50%", "50%"]);
  await delais.scrollIntoViewIfNeeded();
  await viewShot(console_, "results-profiles-barometer-console-1366x768");
  await expectAccessible(console_, "console: results by profile");
  // The CSV: a profile column, the room's rows, then each profile's.
  const [download] = await Promise.all([console_.waitForEvent("download"), console_.locator("#download-csv").click()]);
  const csv = (await downloadedBytes(download)).toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
  assert.equal(csv[0][0], "profil");
  assert.deepEqual(csv.slice(1).map((r) => [r[0], r[3]]), [["tous", "Accueil"], ["tous", "Délais"], ["Usager", "Accueil"], ["Usager", "Délais"], ["Agent", "Délais"], ["Agent", "Accueil"]]);

  // The big screen: « Par profil » in the corner, one idea at a time.
  const toggle = big.locator("#profile-toggle");
  await toggle.waitFor();
  await toggle.click();
  await big.locator("#profile-criteria").waitFor();
  const shown = big.locator("#profile-criteria .profile-idea:not(.off-page)");
  assert.equal(await shown.count(), 1);
  assert.equal(await shown.locator(".profile-dist").count(), 2);
  await assertNoScroll(big, "barometer by profile, 1920x1080");
  await assertTextAtLeast(big, 16, "barometer by profile, 1920x1080");
  await screenshot(big, "results-profiles-barometer-observer-1920x1080");
  await expectAccessible(big, "big screen: results by profile");
  assert.deepEqual(console_.errors, []);
  assert.deepEqual(big.errors, []);
  await wire.close();
});

test("role cards: the consolidation table and a vote per profile, on the console and the big screen", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Que change le guichet unique pour chacun ?", template: "TEMPLATE_IDEATION",
    profiles: [{ name: "Usager" }, { name: "Agent" }, { name: "Élu" }],
    visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
    agenda: [{ kind: "PHASE_SETUP" },
      { kind: "PHASE_DIVERGENCE", title: "Bénéfices et besoins", categories: [{ name: "Bénéfices", colour: "#f4a6c6" }, { name: "Besoins", colour: "#fff176" }] },
      { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_BUDGET", voter: "VOTER_TABLE", budget: 6, cap: 3, allowSelfVote: true } },
      { kind: "PHASE_CONCLUSION" }],
  } } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  for (const [i, p] of [1, 2, 3].entries()) await wire.connect(`t${i + 1}`, { joinCode: created.joinCode, tableName: `Table ${i + 1}`, profileId: p });
  const { console_, big } = await screens(env, created);
  await wire.send("a", { setPhase: { stepId: 2 } });
  await wire.send("t1", { postIdea: { text: "Un seul numéro", categoryId: 1 } }, { postIdea: { text: "Des horaires le samedi", categoryId: 2 } },
    { postIdea: { text: "Un suivi en ligne", categoryId: 2 } });
  await wire.send("t2", { postIdea: { text: "Moins de doublons", categoryId: 1 } });
  await wire.send("t3", { postIdea: { text: "Des habitants mieux informés", categoryId: 1 } }, { postIdea: { text: "Un budget pour l'accueil", categoryId: 2 } });
  await wire.send("a", { setPhase: { stepId: 3 } });
  const results = await server.results(created.workshopId, created.animateurToken);
  const id = Object.fromEntries(results.points.map((p) => [p.text, p.targetId]));
  await wire.send("t1", { setPoints: { points: [{ targetId: id["Un seul numéro"], points: 3 }, { targetId: id["Moins de doublons"], points: 3 }] } });
  await wire.send("t2", { setPoints: { points: [{ targetId: id["Moins de doublons"], points: 3 }, { targetId: id["Un suivi en ligne"], points: 1 }] } });
  await wire.send("t3", { setPoints: { points: [{ targetId: id["Un seul numéro"], points: 2 }] } });

  const table = console_.locator("#consolidation-2");
  await table.waitFor();
  const rows = await table.locator("tbody tr, tfoot tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows, [["Usager", "1", "2", "3"], ["Agent", "1", "0", "1"], ["Élu", "1", "1", "2"], ["Total", "3", "3", "6"]]);
  assert.deepEqual(await table.locator("thead th").allTextContents(), ["Profil", "Bénéfices", "Besoins", "Total"]);
  await console_.getByRole("radio", { name: "Par profil" }).check();
  const panels = console_.locator("#profile-votes .profile-panel");
  await eventually(async () => (await panels.count()) === 3 && (await panels.nth(2).textContent()).includes("2 pts"), "the votes per profile");
  assert.deepEqual(await panels.locator("h4").allTextContents(), ["Usager · 1 votant", "Agent · 1 votant", "Élu · 1 votant"]);
  // The same ideas in the same order in each panel, on one scale (3 points is the widest bar).
  const agent = await panels.nth(1).locator(".pbar").evaluateAll((lis) => lis.map((li) => [li.querySelector(".bar-text").textContent, li.querySelector(".fill").style.width]));
  assert.deepEqual(agent.slice(0, 3), [["Moins de doublons", "100%"], ["Un seul numéro", "0%"], ["Un suivi en ligne", "33.3333%"]]);
  await console_.locator("#console-results").scrollIntoViewIfNeeded();
  await viewShot(console_, "results-profiles-roles-console-1366x768");
  await expectAccessible(console_, "console: consolidation and votes by profile");

  const toggle = big.locator("#profile-toggle");
  await toggle.waitFor();
  await toggle.click();
  await big.locator("#profiles #profile-votes .profile-panel").nth(2).waitFor();
  await big.locator("#profiles #consolidation-2").waitFor();
  await settled(big);
  // Whole on the screen: each profile's panel and the consolidation table with its totals.
  await screenshot(big, "results-profiles-roles-observer-1920x1080");
  assert.equal((await onScreen(big, "#profiles .profile-panel")).length, 3, "the three panels on screen");
  assert.equal((await onScreen(big, "#profiles #consolidation-2 tfoot")).length, 1, "the consolidation's totals on screen");
  await assertNoScroll(big, "role cards by profile, 1920x1080");
  await assertTextAtLeast(big, 16, "role cards by profile, 1920x1080");
  await screenshot(big, "results-profiles-roles-observer-1920x1080");
  await expectAccessible(big, "big screen: consolidation and votes by profile");
  assert.deepEqual(console_.errors, []);
  assert.deepEqual(big.errors, []);
  await wire.close();
});
