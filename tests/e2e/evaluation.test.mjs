// A whole evaluation workshop: the animateur creates it from the console with the default
// criteria (one where lower is better) and three ideas; one table's tablet scores for places 1
// and 2 ("Qui note ?"), a participant scores on a personal phone as place 3; the observer shows
// each idea's 0-10 distribution per criterion with the mean and median of exactly those scores,
// and the ranking the server computes; the tablet shows it once revealed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInConsole, nextPhase } from "./lib/console.mjs";
import { eventually, expectAccessible, joinTable, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

const ideas = [
  "Héberger des familles chez l'habitant",
  "Ouvrir un centre d'accueil municipal",
  "Un parrainage par des associations locales",
];

/** Scores every criterion of every idea shown on the page with value(ideaIndex, criterionIndex). */
async function scoreAll(page, value, onlyIdeas = ideas.length) {
  const sections = page.locator("section.idea-score");
  await sections.first().waitFor();
  assert.equal(await sections.count(), ideas.length);
  for (let i = 0; i < onlyIdeas; i++) {
    const criteria = sections.nth(i).locator("fieldset[data-criterion-id]");
    const n = await criteria.count();
    for (let c = 0; c < n; c++) {
      const v = value(i, c);
      await criteria.nth(c).getByRole("radio", { name: String(v), exact: true }).check();
      await criteria.nth(c).locator(`.current[data-score="${v}"]`).waitFor();
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

test("a whole evaluation workshop: seats score on the tablet and on a phone", async () => {
  const { server, browser } = env;
  const console_ = await openDevice(browser, "laptop", `${server.base}/console`);
  const workshop = await createInConsole(console_, {
    template: "evaluation",
    question: "Concertation sur l'accueil des réfugiés dans notre ville",
    ideas,
  }, async () => {
    await console_.locator("#crit-name-1").waitFor();
    await expectAccessible(console_, "console: evaluation create form");
  });
  const observer = await openDevice(browser, "projector", workshop.observerUrl);
  const tablet = await joinTable(env, workshop.joinCode, "Table des Lilas");

  const phone = await openDevice(browser, "phone", `${server.base}/?code=${workshop.joinCode}&phone=1`);
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await phone.getByLabel("Numéro de votre place").fill("3");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  // The server's « Évaluation » method titles its scoring step; without it, the phase's name.
  await nextPhase(console_, /Évaluation|Noter les propositions/);
  await phone.getByRole("heading", { name: "Vos notes (place 3)" }).waitFor();

  // The tablet: place 1 scores everything, place 2 only the first idea.
  const seat1 = (i, c) => (3 * i + 4 * c + 2) % 11;
  const seat2 = (i, c) => (7 * i + c + 5) % 11;
  const seat3 = (i, c) => (5 * i + 2 * c + 1) % 11;
  await tablet.getByRole("heading", { name: "Qui note ?" }).waitFor();
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  await tablet.getByText("C'est au tour de la place 1").waitFor();
  await scoreAll(tablet, seat1);
  await tablet.locator("#seat-progress").filter({ hasText: "Place 1 : 9 notes sur 9" }).waitFor();
  await tablet.getByRole("button", { name: /^Place 2/ }).click();
  await tablet.getByText("C'est au tour de la place 2").waitFor();
  await scoreAll(tablet, seat2, 1);
  await tablet.locator("#seat-progress").filter({ hasText: "Place 2 : 3 notes sur 9" }).waitFor();
  await expectAccessible(tablet, "tablet: scoring");
  await screenshot(tablet, "table-scoring");

  await scoreAll(phone, seat3);
  await phone.locator("#seat-progress").filter({ hasText: "9 notes sur 9" }).waitFor();
  await expectAccessible(phone, "phone: scoring");
  await screenshot(phone, "phone-scoring");

  // What the server computed, and what the observer shows, from exactly these scores.
  const results = await eventually(async () => {
    const r = await server.results(workshop.workshopId, workshop.token);
    return r.participation?.seatsScored === 3 && r.evaluations?.every((e) => e.criteria.length === 3) && r;
  }, "the server's results to count three seats");
  const ids = await tablet.locator("section.idea-score").evaluateAll((s) => s.map((e) => Number(e.dataset.ideaId)));
  for (let i = 0; i < ideas.length; i++) {
    const evaluation = results.evaluations.find((e) => e.ideaId === ids[i]);
    assert.equal(evaluation.text, ideas[i]);
    for (let c = 0; c < 3; c++) {
      const scores = [seat1(i, c), seat3(i, c), ...(i === 0 ? [seat2(i, c)] : [])];
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const criterion = evaluation.criteria[c];
      assert.equal(criterion.count, scores.length);
      assert.ok(Math.abs(criterion.mean - mean) < 1e-9, `server mean, idea ${i} criterion ${c}`);
      assert.equal(criterion.median, median(scores));
      const figure = observer.locator(`figure.dist[data-idea-id="${ids[i]}"][data-criterion-id="${criterion.criterionId}"]`);
      // Attached, not visible: the big screen shows one idea at a time and turns the pages by
      // itself every few seconds; every idea's figures are in the page all along.
      await figure.and(observer.locator(`[data-count="${scores.length}"]`)).waitFor({ state: "attached" });
      assert.equal(await figure.getAttribute("data-mean"), mean.toFixed(2), `observer mean, idea ${i} criterion ${c}`);
      assert.equal(Number(await figure.getAttribute("data-median")), median(scores), `observer median, idea ${i} criterion ${c}`);
    }
  }
  const ranking = [...results.evaluations].sort((a, b) => a.rank - b.rank).map((e) => e.ideaId);
  // The ranking as each screen shows it: the big screen's ranked rows; on a tablet or a phone the
  // form of ui/ranking.ts that fits (a table, or a card per idea), never the hidden one.
  const shownRanking = async (page) => page.locator('.eval-view .rank-row[data-idea-id], [data-ranking="ranking"] > :not([hidden]) [data-idea-id][data-rank]')
    .evaluateAll((rows) => rows.map((r) => Number(r.dataset.ideaId)));
  await eventually(async () => JSON.stringify(await shownRanking(observer)) === JSON.stringify(ranking), "the observer's ranking");
  await observer.locator('#participation li[data-count="seatsScored"] strong').filter({ hasText: /^3$/ }).waitFor();
  await expectAccessible(observer, "observer: evaluation");
  await screenshot(observer, "observer-evaluation");

  // The console sees that three places scored, not their scores; then it reveals.
  await expectAccessible(console_, "console: evaluation");
  await screenshot(console_, "console-evaluation");
  await nextPhase(console_, /Conclusion|Résultats/);
  await console_.locator("#reveal").click();
  await tablet.getByRole("heading", { name: "Résultats" }).waitFor();
  await eventually(async () => JSON.stringify(await shownRanking(tablet)) === JSON.stringify(ranking), "the tablet's ranking");
  await eventually(async () => JSON.stringify(await shownRanking(phone)) === JSON.stringify(ranking), "the phone's ranking");
  // The console's ranking is the shared one too (issue 12, bug 6: its own table was cut at
  // 1366 px): the form that fits, in rank order, nothing hidden sideways.
  await resize(console_, { width: 1366, height: 768 });
  const consoleRanking = () => console_.locator('[data-ranking="evaluation-results"] > :not([hidden]) [data-idea-id][data-rank]')
    .evaluateAll((rows) => rows.map((r) => Number(r.dataset.ideaId)));
  await eventually(async () => JSON.stringify(await consoleRanking()) === JSON.stringify(ranking), "the console's ranking");
  const cut = await console_.locator('[data-ranking="evaluation-results"] > :not([hidden])').evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(cut <= 1, `the console's ranking is cut by ${cut} px at 1366x768`);
  await screenshot(console_, "console-evaluation-ranking-1366x768");

  for (const page of [console_, observer, tablet, phone]) assert.deepEqual(page.errors, []);
});
