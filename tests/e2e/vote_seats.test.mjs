// Issue 14, votes cast by each participant, and several vote steps in one agenda: the table's
// tablet (1024x768) asks « Qui vote ? » (its seats, joined when picked; a seat held by a phone
// shown, not pickable), each seat with its own budget, « J'ai fini, au suivant » hiding the one
// before; a participant votes for itself on a phone (390x844), its own table's idea refused with
// why; a second vote step (a pick, by seat) asks again who votes; a third, by table, is cast on
// the tablet while the phone says so; the results show each vote step after the reveal.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { assertInViewport, give, joinAt, openAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const ideas = [
  "Un jardin partagé derrière la mairie",
  "Des bancs le long de la rivière",
  "Une boîte à livres au marché",
  "Un composteur collectif",
];
const agenda = [
  { kind: "PHASE_SETUP" },
  { kind: "PHASE_DIVERGENCE" },
  { kind: "PHASE_CONVERGENCE", title: "Chacun ses points", ballot: { kind: "BALLOT_KIND_BUDGET", voter: "VOTER_SEAT", budget: 6, cap: 3 } },
  { kind: "PHASE_CONVERGENCE", title: "Les deux priorités", ballot: { kind: "BALLOT_KIND_PICK", voter: "VOTER_SEAT", count: 2 } },
  { kind: "PHASE_CONVERGENCE", title: "La gommette de la table", ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_TABLE" } },
  { kind: "PHASE_CONCLUSION" },
];

/** The « Qui vote ? » rows: { "Place 1": "a voté" ... }. */
async function whoVotes(page) {
  return Object.fromEntries(await page.locator("#who li").evaluateAll((rows) => rows.map((r) =>
    [r.querySelector(".seat-name").textContent, r.querySelector(".seat-status").textContent])));
}

const tick = (page, text) => page.locator("li.pick-card", { hasText: text }).locator("input[type=checkbox]").click();

test("each seat votes: on the tablet in turn (« Qui vote ? »), on a phone for itself; three vote steps; the results of each", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment embellir le quartier ?", ideas, agenda);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const phone = await openAt(env.browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await phone.getByLabel("Numéro de votre place").fill("3");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await phone.getByText("Ce téléphone vous sert à voter ou à noter à votre place").waitFor();
  toStep(animateur, 2);
  await post(tablet, "Des fleurs aux fenêtres de l'école");
  toStep(animateur, 3);

  // « Qui vote ? »: the seats, the phone's not pickable; nothing to vote on before a seat is picked.
  await tablet.getByRole("heading", { name: "Qui vote ?" }).waitFor();
  await tablet.getByText("Choisissez d'abord qui vote").waitFor();
  await tablet.locator("#who .seat-status").filter({ hasText: "vote sur son téléphone" }).waitFor();
  assert.deepEqual(await whoVotes(tablet), { "Place 1": "pas encore voté", "Place 2": "pas encore voté", "Place 3": "vote sur son téléphone · pas encore voté" });
  assert.equal(await tablet.locator("#who li").nth(2).getByRole("button").count(), 0, "the phone's seat is not a button");
  assert.equal(await tablet.locator("#budget").count(), 0, "no ballot before someone is picked");
  await expectAccessible(tablet, "tablet: qui vote ?");
  await shot(tablet, "vote-seats-tablet-who");

  // Place 1 votes: 3 + 3; a point more is refused, said in view.
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  await tablet.locator("#turn").filter({ hasText: "C'est au tour de la place 1 de voter" }).waitFor();
  // Whose turn it is stays in the header, in view however far down the list.
  assert.equal(await tablet.locator("#table-name").textContent(), "Table des Lilas (table 1) · au tour de la place 1 de voter");
  await tablet.locator("#budget-left").filter({ hasText: "Il vous reste 6 points sur 6" }).waitFor();
  await give(tablet, ideas[0], 3);
  await give(tablet, ideas[1], 3);
  const plus = tablet.locator("li.card", { hasText: ideas[2] }).getByRole("button", { name: "Ajouter un point" });
  await plus.click({ force: true });
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "Vous avez déjà réparti vos 6 points" }).waitFor();
  await assertInViewport(message, "the refusal of a 7th point");
  const ownPlus = tablet.locator("li.card", { hasText: "Des fleurs aux fenêtres" }).getByRole("button", { name: "Ajouter un point" });
  assert.equal(await ownPlus.getAttribute("aria-disabled"), "true", "the table's own idea, for its seats too");
  await shot(tablet, "vote-seats-tablet-place-1");

  // « J'ai fini »: place 1's vote is hidden; place 2 starts with its own 6 points.
  await tablet.getByRole("button", { name: "J'ai fini, au suivant" }).click();
  await tablet.getByText("Choisissez d'abord qui vote").waitFor();
  assert.equal(await tablet.locator("#budget").count(), 0, "place 1's points are no longer in the page");
  assert.equal((await whoVotes(tablet))["Place 1"], "a voté");
  await tablet.getByRole("button", { name: /^Place 2/ }).click();
  await tablet.locator("#budget-left").filter({ hasText: "Il vous reste 6 points sur 6" }).waitFor();
  assert.equal(await tablet.locator("li.card", { hasText: ideas[0] }).locator("output").textContent(), "0", "not place 1's points");
  await give(tablet, ideas[2], 2);
  await tablet.getByRole("button", { name: "J'ai fini, au suivant" }).click();
  await tablet.locator("#who .seat-status").filter({ hasText: /^a voté$/ }).nth(1).waitFor();

  // The phone votes for its seat; its table's idea is refused with why, in view.
  await phone.getByRole("heading", { name: "Votre vote (place 3)" }).waitFor();
  await phone.locator("#budget-left").filter({ hasText: "Il vous reste 6 points sur 6" }).waitFor();
  await give(phone, ideas[0], 3);
  const phoneOwn = phone.locator("li.card", { hasText: "Des fleurs aux fenêtres" });
  await phoneOwn.scrollIntoViewIfNeeded();
  await phoneOwn.getByRole("button", { name: "Ajouter un point" }).click({ force: true });
  await phone.locator("#vote-message").filter({ hasText: "C'est une idée de votre table" }).waitFor();
  await assertInViewport(phone.locator("#vote-message"), "the phone's refusal");
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(phone, "phone: a seat's points");
  await shot(phone, "vote-seats-phone-points");
  await tablet.locator("#who .seat-status").filter({ hasText: "vote sur son téléphone · a voté" }).waitFor();

  let tally = await tallyOf(animateur, 3);
  assert.deepEqual([ideas[0], ideas[1], ideas[2]].map((x) => [tally[x].points, tally[x].tables]), [[6, 2], [3, 1], [2, 1]]);

  // The second vote step asks again who votes; each seat picks 2.
  toStep(animateur, 4);
  await tablet.getByText("Choisissez d'abord qui vote").waitFor();
  await tablet.locator("#phase").filter({ hasText: "Les deux priorités" }).waitFor();
  assert.deepEqual(await whoVotes(tablet), { "Place 1": "pas encore voté", "Place 2": "pas encore voté", "Place 3": "vote sur son téléphone · pas encore voté" });
  await tablet.getByRole("button", { name: /^Place 2/ }).click();
  await tablet.getByRole("heading", { name: "Choisissez exactement 2 idées" }).waitFor();
  await tick(tablet, ideas[1]);
  await tick(tablet, ideas[3]);
  await tablet.getByRole("button", { name: "Valider mon choix" }).click();
  await tablet.locator("#choice-status").filter({ hasText: "Votre choix est enregistré" }).waitFor();
  await tablet.getByRole("button", { name: "J'ai fini, au suivant" }).click();
  await phone.getByRole("heading", { name: "Choisissez exactement 2 idées" }).waitFor();
  await tick(phone, ideas[3]);
  await tick(phone, ideas[0]);
  await phone.getByRole("button", { name: "Valider mon choix" }).click();
  await phone.locator("#choice-status").filter({ hasText: "Votre choix est enregistré" }).waitFor();
  await shot(phone, "vote-seats-phone-pick");

  // The third, by table: the tablet votes for the table at once; the phone says to use the tablet.
  toStep(animateur, 5);
  await tablet.getByRole("heading", { name: "Posez votre gommette sur l'idée que vous préférez" }).waitFor();
  assert.equal(await tablet.locator("#who").count(), 0, "no « Qui vote ? » where the table votes");
  await tablet.locator("li.card", { hasText: ideas[3] }).getByRole("button", { name: "Poser ma gommette" }).click();
  await tablet.locator("#budget-left").filter({ hasText: "Votre gommette est posée" }).waitFor();
  await phone.getByText("Dans ce vote, chaque table vote une fois, sur sa tablette.").waitFor();
  await expectAccessible(phone, "phone: a vote by table");
  await shot(phone, "vote-seats-phone-table-votes");

  // The results of each vote step, in agenda order.
  toStep(animateur, 6);
  animateur.send({ revealResults: { revealed: true } });
  for (const [page, name] of [[tablet, "tablet"], [phone, "phone"]]) {
    const sections = page.locator("section.vote-results");
    await sections.nth(2).waitFor();
    assert.deepEqual(await sections.locator("h2").allTextContents(),
      ["Résultats : Chacun ses points", "Résultats : Les deux priorités", "Résultats : La gommette de la table"]);
    const values = async (i) => Object.fromEntries(await sections.nth(i).locator("li.hbar").evaluateAll((r) =>
      r.map((e) => [e.querySelector(".text").textContent, e.querySelector(".value").textContent])));
    const points = await values(0);
    assert.deepEqual([points[ideas[0]], points[ideas[1]], points[ideas[2]]], ["6 points", "3 points", "2 points"]);
    const picks = await values(1);
    assert.deepEqual([picks[ideas[3]], picks[ideas[1]], picks[ideas[0]]], ["choisie 2 fois", "choisie 1 fois", "choisie 1 fois"]);
    assert.equal((await values(2))[ideas[3]], "1 gommette");
    await sections.nth(0).getByText("3 personnes ont voté.").waitFor();
    await sections.nth(1).getByText("2 personnes ont voté.").waitFor();
    await sections.nth(2).getByText("1 table a voté sur 1.").waitFor();
    await expectAccessible(page, `${name}: the results of three vote steps`);
    await shot(page, `vote-seats-${name}-results`);
  }
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});

test("points handed back by a merge are told to the seat whose ballot is shown, with its own points", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment embellir le quartier ?", ideas, [
    { kind: "PHASE_SETUP" },
    { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_BUDGET", voter: "VOTER_SEAT", budget: 6, cap: 3 } },
  ]);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  toStep(animateur, 2);
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  await give(tablet, ideas[0], 3);
  await give(tablet, ideas[1], 3);
  const ids = Object.fromEntries(Object.entries(await tallyOf(animateur, 2)).map(([text, x]) => [text, x.targetId]));
  animateur.send({ mergeIdeas: { targetIds: [ids[ideas[0]], ids[ideas[1]]], title: "La nature en ville" } });
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "3 points vous ont été rendus (3 points au plus par idée). Il vous reste 3 points." }).waitFor();
  await tablet.locator("#budget-left").filter({ hasText: "Il vous reste 3 points sur 6" }).waitFor();
  await assertInViewport(message, "the points handed back");
  await shot(tablet, "vote-seats-tablet-points-back");
  // The next person starts with their own budget and nothing said about the points before.
  await tablet.getByRole("button", { name: "J'ai fini, au suivant" }).click();
  await tablet.getByRole("button", { name: /^Place 2/ }).click();
  await tablet.locator("#budget-left").filter({ hasText: "Il vous reste 6 points sur 6" }).waitFor();
  assert.equal(await message.isVisible(), false);
  assert.equal(await tablet.locator("#notice").textContent(), "");
  assert.deepEqual(tablet.errors, []);
});
