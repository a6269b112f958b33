// Issue 14, a smiley scale (Parcours usager, Baromètre de satisfaction) on the tablet's « Qui
// note ? » (1024x768) and on a participant's phone (390x844): one big button per value, a drawn
// face and its word (« Très insatisfait » … « Très satisfait »), the chosen one marked and said in
// words; a criterion that counts double says so next to its name; a numbers scale beside it is
// unchanged. What the server recorded is read from the results (the histogram of each value).
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { evaluation, joinAt, openAt, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const words = ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"];
const criteria = [
  { name: "Accueil au guichet", scale: "SCALE_SMILEYS", weight: 2 },
  { name: "Délai d'attente", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "trop long", highLabel: "très court" },
];

test("a smiley scale: faces with their words, large, chosen and recorded; a weight said; numbers unchanged", async () => {
  const { server } = env;
  const { created, animateur } = await evaluation(server, "Baromètre de satisfaction de l'accueil", [
    "Le guichet unique de la mairie", "La prise de rendez-vous en ligne",
  ], criteria);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const phone = await openAt(env.browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phone.getByLabel("Je note avec mon téléphone").waitFor();
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await phone.getByLabel("Numéro de votre place").fill("3");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  animateur.phase("PHASE_SCORING");

  // The tablet: place 1 scores the first idea.
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  const first = tablet.locator("section.idea-score").first();
  const smileys = first.locator("fieldset[data-criterion-id='1']");
  await smileys.waitFor();
  assert.equal(await smileys.locator("legend").textContent(), "Accueil au guichet (compte double)");
  assert.deepEqual(await smileys.getByRole("radio").evaluateAll((xs) => xs.map((x) => x.closest("label").textContent.trim())), words,
    "one button per value, with its word");
  assert.equal(await smileys.locator("svg.smiley").count(), 5, "a drawn face on each");
  for (const label of await smileys.locator("label").all()) {
    const box = await label.boundingBox();
    assert.ok(box.width >= 48 && box.height >= 48, `a large touch target (${JSON.stringify(box)})`);
  }
  await smileys.getByRole("radio", { name: "Satisfait", exact: true }).check();
  await smileys.locator(".current[data-score='4']").waitFor();
  await smileys.locator(".current").filter({ hasText: "Note de la place 1 : Satisfait" }).waitFor();
  assert.equal(await smileys.locator("label").nth(3).locator("> span").evaluate((el) => getComputedStyle(el).borderTopWidth), "4px",
    "the chosen one clearly marked");
  // The numbers scale beside it: 0 to 10, as before; no weight said (it counts once).
  const numbers = first.locator("fieldset[data-criterion-id='2']");
  assert.deepEqual(await numbers.getByRole("radio").evaluateAll((xs) => xs.map((x) => x.value)), ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  assert.equal(await numbers.locator("legend").textContent(), "Délai d'attente");
  await numbers.getByRole("radio", { name: "7", exact: true }).check();
  await numbers.locator(".current[data-score='7']").waitFor();
  await expectAccessible(tablet, "tablet: a smiley scale");
  await smileys.scrollIntoViewIfNeeded();
  await shot(tablet, "smileys-tablet");

  // The phone: one face per line with its word, beside each other would not fit 390 px.
  const mine = phone.locator("section.idea-score").first().locator("fieldset[data-criterion-id='1']");
  await mine.waitFor();
  const xs = await mine.locator("label").evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().left)));
  assert.equal(new Set(xs).size, 1, "the faces one under the other");
  await mine.getByRole("radio", { name: "Très satisfait" }).check();
  await mine.locator(".current").filter({ hasText: "Votre note : Très satisfait" }).waitFor();
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(phone, "phone: a smiley scale");
  await mine.scrollIntoViewIfNeeded();
  await shot(phone, "smileys-phone");

  // Recorded: on the first idea, one « Satisfait » (4) and one « Très satisfait » (5).
  const results = await animateur.results();
  const scored = results.evaluations.find((e) => e.text === "Le guichet unique de la mairie");
  const accueil = scored.criteria.find((c) => c.criterionId === 1);
  assert.deepEqual(accueil.histogram.map(Number), [0, 0, 0, 1, 1]);
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});
