// Issue 14, a ranking ("élection des futurs", 004:1396-1441) on the tablet (1024x768) and on a
// table's small screen (390x844): the ideas from the most to the least important, each card with
// its place in big and « Monter » / « Descendre », used here with the keyboard (the focus stays
// on the moved card's button, its new place is announced); « Valider mon classement » sends the
// whole order; a ranking sent while the list changed (an idea merged while the tablet was
// offline) is refused and said beside the button; the table's own idea is left out, with why;
// the results give each idea's Borda points and « 1er : n fois ». A ranking limited to its first
// 3 places draws the line under which the ideas are not ranked.
import assert from "node:assert/strict";
import { test } from "node:test";
import { eventually, expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { assertInViewport, joinAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const visions = [
  "Une ville où l'on se déplace à pied et à vélo",
  "Des services publics ouverts le soir",
  "Une alimentation locale dans les cantines",
  "Des logements pour les jeunes actifs",
  "Une mairie qui répond en 48 heures",
];
const agenda = (count) => [
  { kind: "PHASE_SETUP" },
  { kind: "PHASE_DIVERGENCE" },
  { kind: "PHASE_CONVERGENCE", title: "Élection des futurs", ballot: { kind: "BALLOT_KIND_RANKING", count } },
  { kind: "PHASE_CONCLUSION" },
];

/** The ranking as shown: the texts in order with their place ("—" when not ranked). */
async function shownOrder(page) {
  return page.locator("ol.rank-list > li.rank-card").evaluateAll((rows) => rows.map((r) =>
    [r.querySelector(".rank-text p").textContent, r.querySelector(".rank-number").textContent.replace(/^Place /, "").replace(/ \(pas classée\)$/, "")]));
}

const card = (page, text) => page.locator("li.rank-card", { hasText: text });

test("a full ranking: moved with the keyboard, refused when the list changed, saved, then Borda results", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Quels futurs pour notre ville en 2040 ?", visions, agenda(0));
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const small = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);
  await post(tablet, "Une ville sans voiture le dimanche");
  toStep(animateur, 3);

  await tablet.getByRole("heading", { name: "Classez les idées, de la plus importante à la moins importante" }).waitFor();
  assert.deepEqual(await shownOrder(tablet), visions.map((v, i) => [v, String(i + 1)]), "every idea but ours, places 1 to 5");
  await tablet.getByText("L'idée de votre table n'est pas dans la liste : vous ne votez pas pour vos propres idées.").waitFor();
  assert.equal(await card(tablet, visions[0]).getByRole("button", { name: "Monter" }).getAttribute("aria-disabled"), "true", "the first cannot go up");

  // With the keyboard: « Descendre » twice on the first; the focus stays on it as it moves.
  const down = card(tablet, visions[0]).getByRole("button", { name: "Descendre" });
  const downKey = await down.getAttribute("data-key");
  await down.focus();
  await tablet.keyboard.press("Enter");
  await card(tablet, visions[0]).and(tablet.locator('[data-place="2"]')).waitFor();
  assert.equal(await tablet.evaluate(() => document.activeElement?.dataset.key), downKey, "the focus stays on the moved card's button");
  await tablet.keyboard.press("Enter");
  await card(tablet, visions[0]).and(tablet.locator('[data-place="3"]')).waitFor();
  assert.equal(await tablet.evaluate(() => document.activeElement?.dataset.key), downKey);
  await tablet.locator("#live").filter({ hasText: `« ${visions[0]} » est maintenant à la place 3 sur 5.` }).waitFor();
  // The last one up, by a tap.
  await card(tablet, visions[4]).getByRole("button", { name: "Monter" }).click();
  const order1 = [visions[1], visions[2], visions[0], visions[4], visions[3]];
  assert.deepEqual((await shownOrder(tablet)).map(([text]) => text), order1);
  await tablet.locator("#choice-status").filter({ hasText: "Votre classement n'est pas encore enregistré." }).waitFor();
  await expectAccessible(tablet, "tablet: a ranking being ordered");
  await shot(tablet, "vote-ranking-tablet-ordering");

  // Validated while offline; meanwhile the animateur groups two ideas: the ranking sent has 5
  // ideas where 4 are left. The server refuses it; the tablet says why, beside the button.
  await tablet.context().setOffline(true);
  await tablet.getByRole("status").filter({ hasText: /Reconnexion|Déconnecté/ }).waitFor();
  await tablet.getByRole("button", { name: "Valider mon classement" }).click();
  const ids = Object.fromEntries(await tablet.locator("li.rank-card").evaluateAll((rows) =>
    rows.map((r) => [r.querySelector(".rank-text p").textContent, Number(r.dataset.targetId)])));
  animateur.send({ mergeIdeas: { targetIds: [ids[visions[2]], ids[visions[3]]], title: "Bien vivre au quotidien" } });
  await tablet.context().setOffline(false);
  await tablet.evaluate(() => window.dispatchEvent(new Event("online")));
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "Le classement doit compter exactement 4 idées, il en comptait 5 : la liste a changé." }).waitFor({ timeout: 20000 });
  await assertInViewport(message, "the refusal of a ranking of the old list");
  assert.equal(await tablet.locator("#notice").textContent(), "", "nothing at the bottom of the page");
  await card(tablet, "Bien vivre au quotidien").waitFor();
  await shot(tablet, "vote-ranking-tablet-refused");

  // The list as it is now (the group last): validated, saved and said so.
  const order2 = [visions[1], visions[0], visions[4], "Bien vivre au quotidien"];
  assert.deepEqual((await shownOrder(tablet)).map(([text]) => text), order2);
  await tablet.getByRole("button", { name: "Valider mon classement" }).click();
  await tablet.locator("#choice-status").filter({ hasText: "Votre classement est enregistré" }).waitFor();
  assert.equal(await message.isVisible(), false);

  // The other table ranks on its small screen (the Lilas' idea is one of its 5): the group first.
  await small.getByRole("heading", { name: /^Classez les idées/ }).waitFor();
  await card(small, "Bien vivre au quotidien").waitFor();
  for (let i = 0; i < 4; i++) await card(small, "Bien vivre au quotidien").getByRole("button", { name: "Monter" }).click();
  await card(small, "Bien vivre au quotidien").and(small.locator('[data-place="1"]')).waitFor();
  await small.getByRole("button", { name: "Valider mon classement" }).click();
  await small.locator("#choice-status").filter({ hasText: "Votre classement est enregistré" }).waitFor();
  assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(small, "phone-sized table: a ranking saved");
  await shot(small, "vote-ranking-phone-saved");
  // The small screen's order: the group, then the others as they came.
  const order3 = ["Bien vivre au quotidien", visions[0], visions[1], visions[4], "Une ville sans voiture le dimanche"];
  assert.deepEqual((await shownOrder(small)).map(([text]) => text), order3);

  // Borda: n places give n, n-1... 1.
  const expected = {};
  for (const order of [order2, order3]) order.forEach((text, i) => { expected[text] = (expected[text] ?? 0) + order.length - i; });
  const tally = await tallyOf(animateur, 3);
  assert.deepEqual(Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v.points ?? 0])), expected, "the server counts what the screens sent");

  toStep(animateur, 4);
  animateur.send({ revealResults: { revealed: true } });
  for (const [page, name] of [[tablet, "tablet"], [small, "phone"]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const rows = await page.locator("ol.tally li.hbar").evaluateAll((r) => r.map((e) =>
      [e.querySelector(".text").textContent, Number(e.dataset.points), Number(e.querySelector(".rank-spread").dataset.first)]));
    assert.deepEqual(Object.fromEntries(rows.map(([text, pts]) => [text, pts])), expected);
    const first = Object.fromEntries(rows.map(([text, , n]) => [text, n]));
    assert.equal(first["Bien vivre au quotidien"], 1);
    assert.equal(first[visions[1]], 1);
    await page.locator("li.hbar", { hasText: visions[1] }).getByText("1er : 1 fois").waitFor();
    await page.getByText("2 tables ont voté sur 2.").waitFor();
    await expectAccessible(page, `${name}: ranking results`);
    await shot(page, `vote-ranking-${name}-results`);
  }
  assert.deepEqual([...tablet.errors, ...small.errors], []);
});

test("a ranking of the first 3: a line under the places that count; only those are sent", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Quels futurs pour notre ville en 2040 ?", visions, agenda(3));
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  toStep(animateur, 3);
  await tablet.getByText("Seules les 3 premières comptent.", { exact: false }).first().waitFor();
  assert.deepEqual(await shownOrder(tablet), [[visions[0], "1"], [visions[1], "2"], [visions[2], "3"], [visions[3], "—"], [visions[4], "—"]]);
  const line = tablet.locator("li.rank-line");
  assert.equal(await line.textContent(), "En dessous de cette ligne : pas classées (seules les 3 premières comptent)");
  // The line sits between the 3rd and the 4th.
  assert.equal(await line.evaluate((el) => el.previousElementSibling.dataset.place), "3");
  // The 4th goes up: it is ranked 3rd, the 3rd falls below the line.
  await card(tablet, visions[3]).getByRole("button", { name: "Monter" }).click();
  assert.deepEqual((await shownOrder(tablet)).map(([, place]) => place), ["1", "2", "3", "—", "—"]);
  assert.equal(await card(tablet, visions[2]).getAttribute("class"), "card rank-card unranked");
  await expectAccessible(tablet, "tablet: a ranking of the first 3");
  await shot(tablet, "vote-ranking-tablet-first-3");
  await tablet.getByRole("button", { name: "Valider mon classement" }).click();
  await tablet.locator("#choice-status").filter({ hasText: "Votre classement est enregistré" }).waitFor();
  await eventually(async () => {
    const tally = await tallyOf(animateur, 3);
    return tally[visions[0]]?.points === 3 && tally[visions[1]]?.points === 2 && tally[visions[3]]?.points === 1
      && !tally[visions[2]]?.points && !tally[visions[4]]?.points;
  }, "the server to count the first 3 only");
  assert.deepEqual(tablet.errors, []);
});
