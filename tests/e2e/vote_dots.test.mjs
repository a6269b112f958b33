// Issue 14, dot voting ("gommettes", 000:576-580) on the tablet (1024x768) and on a table's small
// screen (390x844): dots, not numbers (« Il vous reste 1 gommette »); one tap puts the dot, a tap
// again takes it back; the server's budget, cap and no-self-vote apply, and each refusal is said
// in the banner that stays in view (a dot on the table's own idea, a second dot when there is
// one, a third on one idea where the cap is 2); the results count the dots per idea.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { assertInViewport, description, joinAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const ideas = [
  "Un guichet unique pour toutes les démarches",
  "Des horaires d'ouverture le samedi matin",
  "Un numéro de téléphone qui répond vraiment",
  "Des formulaires en langage clair",
  "Un agent qui se déplace à domicile",
];
const agenda = (ballot) => [
  { kind: "PHASE_SETUP" },
  { kind: "PHASE_DIVERGENCE" },
  { kind: "PHASE_CONVERGENCE", title: "Gommettes", ballot: { kind: "BALLOT_KIND_DOTS", ...ballot } },
  { kind: "PHASE_CONCLUSION" },
];

const cardOf = (page, text) => page.locator("li.card", { hasText: text });

test("one dot: put, refused on our idea and where none is left, taken back and moved; the results count dots", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment faciliter les démarches des habitants ?", ideas, agenda({}));
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const small = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);
  await post(tablet, "Une permanence dans chaque village");
  toStep(animateur, 3);

  await tablet.getByRole("heading", { name: "Posez votre gommette sur l'idée que vous préférez" }).waitFor();
  const left = tablet.locator("#budget-left");
  assert.equal(await left.textContent(), "Il vous reste 1 gommette");
  assert.equal(await tablet.locator("ul[role=list] output").first().textContent(), "aucune gommette", "no numbers: words and dots");
  const message = tablet.locator("#vote-message");

  // Our own idea: the button is greyed with why; a tap is still sent and refused, said in view.
  const own = cardOf(tablet, "Une permanence dans chaque village");
  const ownButton = own.getByRole("button", { name: "Poser ma gommette" });
  assert.equal(await ownButton.getAttribute("aria-disabled"), "true");
  assert.equal(await description(ownButton), "Idée de votre table : vous ne posez pas de gommette sur vos propres idées.");
  await ownButton.click({ force: true });
  await message.filter({ hasText: "C'est une idée de votre table" }).waitFor();
  await assertInViewport(message, "the refusal of a dot on our idea");

  // The dot on one idea: drawn, the word says it; every other button is greyed, with why.
  await cardOf(tablet, ideas[1]).getByRole("button", { name: "Poser ma gommette" }).click();
  await left.filter({ hasText: "Votre gommette est posée" }).waitFor();
  assert.equal(await message.isVisible(), false, "the next vote clears the refusal");
  assert.equal(await cardOf(tablet, ideas[1]).locator(".dot.on").count(), 1, "the dot is drawn");
  assert.equal(await cardOf(tablet, ideas[1]).locator("output").textContent(), "1 gommette");
  const other = cardOf(tablet, ideas[3]).getByRole("button", { name: "Poser ma gommette" });
  assert.equal(await other.getAttribute("aria-disabled"), "true");
  assert.equal(await description(other), "Pour la mettre sur une autre idée, retirez-la d'abord.");
  await expectAccessible(tablet, "tablet: a dot placed");
  await shot(tablet, "vote-dots-tablet-placed");

  // A second dot is refused by the server, said in the banner, in view, far down the list too.
  await other.scrollIntoViewIfNeeded();
  await other.click({ force: true });
  await message.filter({ hasText: "Vous avez déjà posé votre gommette : retirez-la d'une autre idée pour la mettre ici." }).waitFor();
  await assertInViewport(message, "the refusal of a second dot");
  assert.equal(await cardOf(tablet, ideas[3]).locator(".dot.on").count(), 0);
  await shot(tablet, "vote-dots-tablet-refused");

  // Taken back by a tap on the same button, then put elsewhere.
  await cardOf(tablet, ideas[1]).getByRole("button", { name: "Retirer ma gommette" }).click();
  await left.filter({ hasText: "Il vous reste 1 gommette" }).waitFor();
  await cardOf(tablet, ideas[3]).getByRole("button", { name: "Poser ma gommette" }).click();
  await left.filter({ hasText: "Votre gommette est posée" }).waitFor();

  // The other table, on its small screen, on the same idea.
  await small.getByRole("heading", { name: "Posez votre gommette sur l'idée que vous préférez" }).waitFor();
  await cardOf(small, ideas[3]).getByRole("button", { name: "Poser ma gommette" }).click();
  await small.locator("#budget-left").filter({ hasText: "Votre gommette est posée" }).waitFor();
  assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(small, "phone-sized table: a dot placed");
  await shot(small, "vote-dots-phone-placed");

  const tally = await tallyOf(animateur, 3);
  assert.deepEqual(Object.entries(tally).filter(([, x]) => x.points).map(([text, x]) => [text, x.points]), [[ideas[3], 2]]);

  toStep(animateur, 4);
  animateur.send({ revealResults: { revealed: true } });
  for (const [page, name] of [[tablet, "tablet"], [small, "phone"]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const first = page.locator("ol.tally li.hbar").first();
    assert.equal(await first.locator(".text").textContent(), ideas[3]);
    assert.equal(await first.locator(".value").textContent(), "2 gommettes");
    await expectAccessible(page, `${name}: dots results`);
    await shot(page, `vote-dots-${name}-results`);
  }
  assert.deepEqual([...tablet.errors, ...small.errors], []);
});

test("three dots, at most two on one idea: dots drawn, the cap said and refused", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment faciliter les démarches des habitants ?", ideas, agenda({ budget: 3, cap: 2 }));
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  toStep(animateur, 3);
  await tablet.getByRole("heading", { name: "Posez vos gommettes sur les idées que vous préférez" }).waitFor();
  const left = tablet.locator("#budget-left");
  assert.equal(await left.textContent(), "Il vous reste 3 gommettes sur 3");
  const card = cardOf(tablet, ideas[0]);
  assert.equal(await card.locator(".dot").count(), 2, "two places for dots on an idea");
  const put = card.getByRole("button", { name: "Poser une gommette" });
  await put.click();
  await card.locator("output").filter({ hasText: /^1 gommette$/ }).waitFor();
  await put.click();
  await card.locator("output").filter({ hasText: /^2 gommettes$/ }).waitFor();
  await left.filter({ hasText: "Il vous reste 1 gommette sur 3" }).waitFor();
  assert.equal(await card.locator(".dot.on").count(), 2);
  assert.equal(await put.getAttribute("aria-disabled"), "true");
  assert.equal(await description(put), "C'est le maximum : 2 gommettes par idée.");
  await put.click({ force: true });
  await tablet.locator("#vote-message").filter({ hasText: "Au plus 2 gommettes sur une même idée" }).waitFor();
  await expectAccessible(tablet, "tablet: dots at the cap");
  await shot(tablet, "vote-dots-tablet-cap");
  await card.getByRole("button", { name: "Retirer une gommette" }).click();
  await card.locator("output").filter({ hasText: /^1 gommette$/ }).waitFor();
  await left.filter({ hasText: "Il vous reste 2 gommettes sur 3" }).waitFor();
  assert.equal((await tallyOf(animateur, 3))[ideas[0]].points, 1);
  assert.deepEqual(tablet.errors, []);
});

test("a dot handed back by a merge with the table's own idea is told in dots", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment faciliter les démarches des habitants ?", ideas, agenda({}));
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  toStep(animateur, 2);
  await post(tablet, "Une permanence dans chaque village");
  toStep(animateur, 3);
  await cardOf(tablet, ideas[0]).getByRole("button", { name: "Poser ma gommette" }).click();
  await tablet.locator("#budget-left").filter({ hasText: "Votre gommette est posée" }).waitFor();
  const ids = Object.fromEntries(Object.entries(await tallyOf(animateur, 3)).map(([text, x]) => [text, x.targetId]));
  animateur.send({ mergeIdeas: { targetIds: [ids[ideas[0]], ids["Une permanence dans chaque village"]], title: "Un guichet près de chez soi" } });
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "avec une idée de votre table : 1 gommette vous a été rendue (vous ne votez pas pour vos propres idées). Il vous reste 1 gommette." }).waitFor();
  await assertInViewport(message, "the dot handed back");
  await tablet.locator("#budget-left").filter({ hasText: "Il vous reste 1 gommette" }).waitFor();
  await shot(tablet, "vote-dots-tablet-dot-back");
  assert.deepEqual(tablet.errors, []);
});
