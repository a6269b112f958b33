// Issue 12, bug 1, on a 1024x768 tablet scrolled down the list during the vote: a refused vote
// (a 4th point on an idea, a point more than the budget, a point on the table's own idea) is
// explained in the banner that stays in view, and the card tapped is marked; "+" is greyed, with
// its reason as accessible text, when the tablet predicts it cannot be used, yet a tap is still
// sent and the server's answer decides.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, description, give, ideation, joinAt, phases, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const wall = Array.from({ length: 14 }, (_, i) => `Idée de l'animateur numéro ${i + 1} pour la salle municipale`);

test("a refused vote is explained where the table looks, and + is greyed when it cannot be used", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment optimiser l'utilisation de la salle municipale ?", wall,
    { budgetPerTable: 6, capPerTarget: 3 });
  const page = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(page, "Un repair café le samedi matin");
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await page.getByRole("heading", { name: "Répartissez vos points" }).waitFor();

  // Far down the list: three points on one idea; its "+" is then greyed, with why, on the card.
  await page.locator("li.card", { hasText: wall[11] }).scrollIntoViewIfNeeded();
  const card = await give(page, wall[11], 3);
  assert.ok(await page.evaluate(() => window.scrollY) > 500, "the page is scrolled well down the list");
  const plus = card.getByRole("button", { name: "Ajouter un point" });
  assert.equal(await plus.getAttribute("aria-disabled"), "true", "+ is unavailable at the cap");
  assert.ok(await plus.isDisabled(), "+ is unavailable at the cap, for assistive technologies too");
  assert.equal(await description(plus), "C'est le maximum : 3 points par idée.");
  await card.getByText("C'est le maximum : 3 points par idée.").waitFor();

  // A 4th point is still sent; the server refuses it and the refusal is said in view.
  await plus.click({ force: true });
  const message = page.locator("#vote-message");
  await message.filter({ hasText: "Au plus 3 points sur une même idée" }).waitFor();
  await assertInViewport(message, "the refusal of a 4th point");
  await assertInViewport(page.getByText("Il vous reste 3 points sur 6"), "the points left");
  assert.match(await card.getAttribute("class"), /\brefused\b/, "the card tapped is marked");
  assert.equal(await card.locator("output").textContent(), "3", "the number stays at 3");
  assert.equal(await page.locator("#notice").textContent(), "", "nothing at the top of the page");
  await expectAccessible(page, "tablet: a refused 4th point");
  await shot(page, "tablet-vote-cap-refused");

  // The next vote clears the message. The budget spent greys every other "+", said in the banner.
  const other = await give(page, wall[12], 3);
  assert.equal(await page.locator(".vote-message").isHidden(), true, "the message goes at the next vote");
  const last = page.locator("li.card", { hasText: wall[13] });
  const lastPlus = last.getByRole("button", { name: "Ajouter un point" });
  assert.equal(await lastPlus.getAttribute("aria-disabled"), "true", "+ is unavailable with no points left");
  assert.equal(await description(lastPlus),
    "Vous avez donné tous vos points : retirez-en d'une idée pour en donner à une autre.");
  await assertInViewport(page.locator("#budget-spent"), "why no + can be used");
  await lastPlus.click({ force: true });
  await message.filter({ hasText: "Vous avez déjà réparti vos 6 points" }).waitFor();
  await assertInViewport(message, "the refusal of a point over the budget");
  assert.equal(await last.locator("output").textContent(), "0");
  await shot(page, "tablet-vote-budget-refused");

  // « Fermer » dismisses it; "−" works (and gives + back to the others).
  await page.getByRole("button", { name: "Fermer" }).click();
  assert.equal(await page.locator(".vote-message").isHidden(), true, "dismissed");
  await other.getByRole("button", { name: "Retirer un point" }).click();
  await other.locator("output").filter({ hasText: /^2$/ }).waitFor();
  await page.locator('#budget[data-points-left="1"]').waitFor();
  assert.equal(await lastPlus.getAttribute("aria-disabled"), null, "+ is available again");

  // The table's own idea: + greyed with the reason on the card; a tap is refused, said in view.
  const own = page.locator("li.card", { hasText: "Un repair café le samedi matin" });
  await own.scrollIntoViewIfNeeded();
  const ownPlus = own.getByRole("button", { name: "Ajouter un point" });
  assert.equal(await ownPlus.getAttribute("aria-disabled"), "true");
  assert.equal(await description(ownPlus), "Idée de votre table : vous ne votez pas pour vos propres idées.");
  await ownPlus.click({ force: true });
  await message.filter({ hasText: "C'est une idée de votre table" }).waitFor();
  await assertInViewport(message, "the refusal of a vote for the table's own idea");
  await shot(page, "tablet-vote-own-refused");

  const results = await animateur.results();
  const tally = Object.fromEntries(results.points.filter((p) => p.points).map((p) => [p.text, p.points]));
  assert.deepEqual(tally, { [wall[11]]: 3, [wall[12]]: 2 }, "the server applied exactly the accepted votes");
  assert.deepEqual(page.errors, []);
});
