// A workshop whose agenda both scores and votes (a journey map rates its stages with smileys,
// then votes on its opportunities; issue 14): the console shows both results, in the agenda's
// order (the scores, then the dots), each with its own participation line, and offers both raw
// CSVs. Tables and seats are raw WebSocket clients (lib/wire.mjs). Screenshot:
// results-votes-and-scores-1366x768.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { viewShot } from "./lib/console.mjs";
import { eventually, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

test("scores then votes in one agenda: the console shows both, in the agenda's order", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: {
    config: {
      question: "Comment se passe une inscription à la cantine ?", template: "TEMPLATE_IDEATION",
      agenda: [
        { id: 1, kind: "PHASE_SETUP" },
        { id: 2, kind: "PHASE_SCORING", title: "Chaque étape, un visage" },
        { id: 3, kind: "PHASE_CONVERGENCE", title: "Une gommette", ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_TABLE", budget: 1, cap: 1 } },
        { id: 4, kind: "PHASE_CONCLUSION" },
      ],
      criteria: [{ name: "Satisfaction", scale: "SCALE_SMILEYS" }],
    },
    ideas: [{ text: "Trouver le formulaire" }, { text: "Payer en ligne" }],
  } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("a", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  await wire.connect("t1", { joinCode: created.joinCode, tableName: "Lilas" });
  await wire.connect("t2", { joinCode: created.joinCode, tableName: "Tilleuls" });
  await wire.connect("s11", { joinCode: created.joinCode, tableId: 1, seatNumber: 1 });
  await wire.connect("s21", { joinCode: created.joinCode, tableId: 2, seatNumber: 1 });
  const console_ = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(console_, { width: 1366, height: 768 });
  await console_.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  await wire.send("a", { setPhase: { stepId: 2 } });
  const ids = Object.fromEntries((await server.results(created.workshopId, created.animateurToken)).evaluations.map((e) => [e.text, e.ideaId]));
  await wire.send("s11", { score: { ideaId: ids["Trouver le formulaire"], criterionId: 1, value: 2 } }, { score: { ideaId: ids["Payer en ligne"], criterionId: 1, value: 5 } });
  await wire.send("s21", { score: { ideaId: ids["Trouver le formulaire"], criterionId: 1, value: 1 } }, { score: { ideaId: ids["Payer en ligne"], criterionId: 1, value: 4 } });
  await wire.send("a", { setPhase: { stepId: 3 } });
  await wire.send("t1", { setPoints: { points: [{ targetId: ids["Trouver le formulaire"], points: 1 }] } });
  await wire.send("t2", { setPoints: { points: [{ targetId: ids["Trouver le formulaire"], points: 1 }] } });
  await eventually(async () => (await server.results(created.workshopId, created.animateurToken)).participation?.tablesVoted === 2, "both tables' dots");
  await wire.send("a", { setPhase: { stepId: 4 } });

  const results = console_.locator("#console-results");
  await results.locator("#points-results li").filter({ hasText: "Trouver le formulaire" }).filter({ hasText: "2" }).waitFor();
  await results.locator("#evaluation-results").waitFor({ state: "attached" }); // a table, or cards where it does not fit
  assert.equal(await results.locator("#score-results-title").textContent(), "Notes par idée");
  assert.match(await results.locator("#score-participation").textContent(), /2 participants sur 2/);
  assert.match(await results.locator("#participation").textContent(), /2 tables sur 2/);
  // In the agenda's order: the scores first, then the dots.
  const order = await results.locator("#score-results-title, #vote-results-title").evaluateAll((els) => els.map((el) => el.id));
  assert.deepEqual(order, ["score-results-title", "vote-results-title"]);
  assert.match(await results.textContent(), /sur l'échelle du critère \(de 1 à 5 pour les visages\)/, "not « sur 10 » for a smiley scale");
  // A smiley scale's mean with its word.
  const ranking = await results.textContent();
  assert.match(ranking, /4,5 \(Très satisfait\) · méd\. 4,5 · 2 notes/);
  assert.match(ranking, /1,5 \(Insatisfait\)/);
  // Both raw CSVs are offered.
  for (const id of ["#raw-points", "#raw-scores"]) assert.ok(await console_.locator(id).isVisible(), `${id} offered`);
  await results.locator("#score-results-title").scrollIntoViewIfNeeded();
  await viewShot(console_, "results-votes-and-scores-1366x768");
  await expectAccessible(console_, "console: scores and votes");
});
