// Issue 14, ideas with facets on the tablet (1024x768) and on a phone-sized screen (390x844):
// Cartes de rôle (000:1091), the post form asks « Quel type de post-it ? » with chips « Bénéfices »
// (pink) and « Besoins » (yellow), says what is missing in plain words before sending, keeps the
// chosen chip with the draft across a reload, and the wall draws each idea as a post-it of its
// colour with its word; then a journey map (000:1469-1510): the stage and the lane asked, the ideas
// in their cells of a grid (stages across, lanes down) on the tablet, as a list by stage on the
// phone. What the server recorded is read from the raw data (data.json).
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, toStep } from "./lib/ballots.mjs";
import { joinAt, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const agenda = [
  { kind: "PHASE_SETUP", title: "Accueil" },
  {
    kind: "PHASE_DIVERGENCE", title: "Bénéfices et besoins",
    categories: [{ name: "Bénéfices", colour: "#f4a6c6" }, { name: "Besoins", colour: "#ffe066" }],
  },
  {
    kind: "PHASE_DIVERGENCE", title: "Le parcours",
    stages: [{ name: "Avant" }, { name: "Arrivée" }, { name: "Rendez-vous" }],
    lanes: [{ name: "Actions" }, { name: "Pensées et émotions" }, { name: "Opportunités" }],
  },
];

async function rawData(server, created) {
  const res = await fetch(`${server.base}/api/workshops/${created.workshopId}/data.json`, {
    headers: { authorization: `Bearer ${created.animateurToken}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

test("categories and a journey map: asked when posting, kept across a reload, drawn as post-its and as a grid", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment améliorer l'accueil en mairie ?", [], agenda);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const phone = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);

  // Nothing chosen in advance (two categories): « Publier » says what is missing, nothing is sent.
  await tablet.getByRole("group", { name: "Quel type de post-it ?" }).waitFor();
  assert.equal(await tablet.getByRole("radio", { name: "Bénéfices" }).isChecked(), false);
  assert.equal(await tablet.getByRole("radio", { name: "Besoins" }).isChecked(), false);
  await tablet.getByLabel("Votre idée").fill("Un accueil sans file d'attente");
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  await tablet.locator("#idea-error").filter({ hasText: "Répondez d'abord à « Quel type de post-it ? » : touchez « Bénéfices » ou « Besoins »." }).waitFor();
  assert.equal(await tablet.evaluate(() => document.activeElement?.getAttribute("name")), "facet-category", "the keyboard goes to the chips");
  assert.equal(await tablet.getByLabel("Votre idée").inputValue(), "Un accueil sans file d'attente", "the text stays");
  await expectAccessible(tablet, "tablet: a category to choose");
  await shot(tablet, "facets-tablet-category-missing");

  // Chosen, then the page reloaded: the draft and its chip are still there.
  await tablet.getByRole("radio", { name: "Besoins" }).check();
  await tablet.locator("#idea-error").waitFor({ state: "hidden" });
  await tablet.reload();
  await tablet.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await tablet.getByRole("radio", { name: "Besoins" }).waitFor();
  assert.equal(await tablet.getByRole("radio", { name: "Besoins" }).isChecked(), true, "the chip is kept with the draft");
  assert.equal(await tablet.getByLabel("Votre idée").inputValue(), "Un accueil sans file d'attente");
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  const mine = tablet.locator("li.card.own", { hasText: "Un accueil sans file d'attente" });
  await mine.waitFor();
  assert.equal(await mine.locator(".facet-tag").textContent(), "Besoins", "the post-it says its category in words");
  assert.equal(await mine.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 224, 102)", "a yellow post-it");

  // The phone-sized screen: the other category; every table sees both post-its.
  await phone.getByRole("radio", { name: "Bénéfices" }).check();
  await phone.getByLabel("Votre idée").fill("On se sent écouté dès l'entrée");
  await phone.getByRole("button", { name: "Publier l'idée" }).click();
  const pink = tablet.locator("li.card", { hasText: "On se sent écouté dès l'entrée" });
  await pink.waitFor();
  assert.equal(await pink.locator(".facet-tag").textContent(), "Bénéfices");
  assert.equal(await pink.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(244, 166, 198)", "a pink post-it");
  await phone.locator("li.card", { hasText: "Un accueil sans file d'attente" }).locator(".facet-tag").filter({ hasText: "Besoins" }).waitFor();
  await expectAccessible(phone, "phone: post-its by category");
  await shot(tablet, "facets-tablet-postits");
  await shot(phone, "facets-phone-postits");

  // The journey map: stage and lane asked; the idea in its cell.
  toStep(animateur, 3);
  await tablet.getByRole("group", { name: "À quelle étape du parcours ?" }).waitFor();
  await tablet.getByRole("radio", { name: "Arrivée" }).check();
  await tablet.getByLabel("Votre idée").fill("Personne pour nous orienter");
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  await tablet.locator("#idea-error").filter({ hasText: "Répondez d'abord à « Dans quelle ligne ? »" }).waitFor();
  await tablet.getByRole("radio", { name: "Pensées et émotions" }).check();
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  // Row « Pensées et émotions » (2nd lane), column « Arrivée » (2nd stage: the 3rd cell with the lane's header).
  const cell = tablet.locator(".journey-grid tbody tr").nth(1).locator("td").nth(1);
  await cell.locator("li.postit.own", { hasText: "Personne pour nous orienter" }).waitFor();
  assert.equal(await tablet.locator(".journey-grid thead th").allTextContents().then((x) => x.join("|")), "Avant|Arrivée|Rendez-vous");

  await phone.getByRole("radio", { name: "Rendez-vous" }).check();
  await phone.getByRole("radio", { name: "Opportunités" }).check();
  await phone.getByLabel("Votre idée").fill("Prendre rendez-vous par SMS");
  await phone.getByRole("button", { name: "Publier l'idée" }).click();
  // On the phone: no grid, the ideas listed by stage, then lane.
  const stage = phone.locator(".journey-stage", { hasText: "Rendez-vous" });
  await stage.locator(".journey-lane", { hasText: "Opportunités" }).locator("li.postit", { hasText: "Prendre rendez-vous par SMS" }).waitFor();
  await phone.locator(".journey-stage", { hasText: "Arrivée" }).locator("li.postit", { hasText: "Personne pour nous orienter" }).waitFor();
  assert.equal(await phone.locator(".journey-grid").isVisible(), false, "no grid at 390 px");
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await tablet.locator(".journey-grid tbody tr").nth(2).locator("td").nth(2).locator("li.postit", { hasText: "Prendre rendez-vous par SMS" }).waitFor();
  // Under the map, the table's own ideas of the step, to edit or remove as on the wall (not the
  // other table's).
  const own = tablet.locator("section.wall");
  await own.getByRole("heading", { name: "Vos idées sur la carte, à modifier ou supprimer (1)" }).waitFor();
  assert.deepEqual(await own.locator("li.card").allTextContents().then((xs) => xs.map((x) => x.includes("Personne pour nous orienter"))), [true]);
  await own.locator("li.card.own", { hasText: "Personne pour nous orienter" }).getByRole("button", { name: "Modifier" }).click();
  await tablet.getByLabel("Modifier notre idée").fill("Personne pour nous orienter à l'entrée");
  await tablet.getByRole("button", { name: "Enregistrer" }).click();
  await cell.locator("li.postit.own", { hasText: "Personne pour nous orienter à l'entrée" }).waitFor();
  await phone.locator(".journey-stage", { hasText: "Arrivée" }).locator("li.postit", { hasText: "Personne pour nous orienter à l'entrée" }).waitFor();
  await expectAccessible(tablet, "tablet: the journey map");
  await expectAccessible(phone, "phone: the journey map as a list");
  await tablet.locator(".journey").scrollIntoViewIfNeeded();
  await shot(tablet, "facets-tablet-map");
  await phone.locator(".journey").scrollIntoViewIfNeeded();
  await shot(phone, "facets-phone-map");

  // What the server recorded: each idea's facets.
  const data = await rawData(server, created);
  const idea = (text) => data.ideas.find((i) => i.text === text);
  assert.equal(idea("Un accueil sans file d'attente").category, "Besoins");
  assert.equal(idea("On se sent écouté dès l'entrée").category, "Bénéfices");
  const edited = idea("Personne pour nous orienter à l'entrée");
  assert.deepEqual([edited.stage, edited.lane], ["Arrivée", "Pensées et émotions"], "an edit keeps the idea's cell");
  assert.deepEqual([idea("Prendre rendez-vous par SMS").stage, idea("Prendre rendez-vous par SMS").lane], ["Rendez-vous", "Opportunités"]);
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});
