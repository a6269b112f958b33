// Issue 14, steps that take ideas from earlier steps (Step.source): a Spider Web's dots on the
// ideas of its second ring only, then a pick among the top of those dots. The tablet lists
// exactly what the server selected on entering each step (not the first ring's ideas nor the
// workshop's own), and the results agree.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, openDevice, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { joinAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const agenda = [
  { id: 1, kind: "PHASE_SETUP" },
  { id: 2, kind: "PHASE_DIVERGENCE", title: "1er cercle" },
  { id: 3, kind: "PHASE_DIVERGENCE", title: "2e cercle : je ne peux pas me déplacer en mairie" },
  { id: 4, kind: "PHASE_CONVERGENCE", title: "Une gommette sur le 2e cercle",
    ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_TABLE", budget: 1, cap: 1 }, source: { stepIds: [3] } },
  { id: 5, kind: "PHASE_CONVERGENCE", title: "Choisir parmi les plus votées",
    ballot: { kind: "BALLOT_KIND_PICK", voter: "VOTER_TABLE", count: 1 }, source: { topOfStep: 4, top: 1 } },
  { id: 6, kind: "PHASE_CONCLUSION" },
];

test("a vote on one ring's ideas, then a pick among its top: the tablet lists what the server took", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment réserver une place de stationnement ?",
    ["Une idée de l'animateur"], agenda);
  const lilas = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const tilleuls = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);
  await post(lilas, "Un formulaire de réservation simple");
  toStep(animateur, 3);
  await post(tilleuls, "Réserver en trois clics sur le site");
  await post(lilas, "Un numéro de téléphone dédié");
  await post(tilleuls, "Une borne à l'entrée de la rue");

  toStep(animateur, 4);
  await lilas.getByRole("heading", { name: /gommette/ }).waitFor();
  const ring2 = ["Réserver en trois clics sur le site", "Un numéro de téléphone dédié", "Une borne à l'entrée de la rue"];
  for (const text of ring2) await lilas.locator("li.card", { hasText: text }).waitFor();
  // Under the question, in words: which ideas this vote is about.
  assert.equal(await lilas.locator("#step-instruction").textContent(),
    "Idées soumises au vote : celles de l'étape « 2e cercle : je ne peux pas me déplacer en mairie »");
  for (const text of ["Un formulaire de réservation simple", "Une idée de l'animateur"]) {
    assert.equal(await lilas.locator("li.card", { hasText: text }).count(), 0, `${text}: not on this ballot`);
  }
  assert.equal(await lilas.locator("li.card").count(), 3);
  await expectAccessible(lilas, "tablet: a vote on one ring");
  await shot(lilas, "step-source-ring");
  // The big screen says it too, under the question.
  const big = await openDevice(env.browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  await big.locator("#step-instruction").filter({
    hasText: "Idées soumises au vote : celles de l'étape « 2e cercle : je ne peux pas me déplacer en mairie »" }).waitFor();
  await screenshot(big, "step-source-projector");
  assert.deepEqual(big.errors, []);
  await big.context().close();

  // The server's results list the same three (a raw client naming another is refused:
  // tests/workshop/sources_test.cc).
  assert.equal((await animateur.results()).points.length, 3, "the results list the ring's three ideas");

  await lilas.locator("li.card", { hasText: ring2[2] }).getByRole("button", { name: "Poser ma gommette" }).click();
  await lilas.locator("#budget-left").filter({ hasText: "Votre gommette est posée" }).waitFor();
  await tilleuls.locator("li.card", { hasText: ring2[1] }).getByRole("button", { name: "Poser ma gommette" }).click();
  await tilleuls.locator("#budget-left").filter({ hasText: "Votre gommette est posée" }).waitFor();
  const tally = await tallyOf(animateur, 4);
  assert.equal(tally[ring2[2]].points, 1);

  toStep(animateur, 5);
  // The top 1 of the dots, with the idea tied with it: both have one dot.
  await tilleuls.locator("li.pick-card").first().waitFor();
  await tilleuls.locator("#step-instruction").filter({
    hasText: "Idées soumises au vote : la plus votée à l'étape « Une gommette sur le 2e cercle », ex æquo compris" }).waitFor();
  const picks = await tilleuls.locator("li.pick-card").allTextContents();
  assert.equal(picks.length, 2, `the two ideas tied at the top: ${picks}`);
  assert.ok(picks.some((p) => p.includes(ring2[2])) && picks.some((p) => p.includes(ring2[1])), picks.join(" | "));
  assert.ok(!picks.some((p) => p.includes(ring2[0])), "an idea without a dot is not among the top");
  await shot(tilleuls, "step-source-top-phone");
  for (const page of [lilas, tilleuls]) assert.deepEqual(page.errors, []);
});
