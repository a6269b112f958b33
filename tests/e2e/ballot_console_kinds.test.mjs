// The console shows the results of every kind of vote (issue 14), each workshop created from its
// own form and its votes cast through the `atelier` CLI (lib/ballots.mjs says which): dots and
// picks in their own unit with who gave them, a ranking as its Borda count with « 1er ×2 » per
// idea, buckets with each bucket's count and the longue-vue's new subjects; with two vote steps,
// the current vote and the earlier one folded below it, which stays open across live updates.
// Who voted is counted as the ballot says. Screenshots: ballot-console-*-1366x768.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { choose, kNewSubjects, playVote } from "./lib/ballots.mjs";
import { viewShot } from "./lib/console.mjs";
import { eventually, eventuallyEqual, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

/** The results' rows as the console shows them: [idea, count]. */
async function rows(page, list = "#points-results") {
  return page.locator(`${list} > li`).evaluateAll((items) => items.map((li) =>
    [li.firstElementChild.textContent.trim(), li.querySelector(".count").textContent.trim()]));
}

async function openConsole(browser, server) {
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  return page;
}

/** The results section in view, as the animateur scrolls to it. */
async function showResults(page, name) {
  await page.locator("#vote-results-title").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.evaluate(() => window.scrollBy(0, -90)); // below the sticky header
  await viewShot(page, name);
}

test("dots: gommettes per idea with the participants who gave them", async () => {
  const { server, browser } = env;
  const page = await openConsole(browser, server);
  await playVote(server, page, "dots");
  await page.locator("#vote-results-title").filter({ hasText: "Gommettes par idée" }).waitFor();
  await eventuallyEqual(() => rows(page), [
    ["Ouvrir la salle aux associations le soir", "4 gommettes · 4 participants"],
    ["Un repair café le samedi matin", "2 gommettes · 2 participants"],
    ["Des cours de cuisine entre générations", "2 gommettes · 2 participants"],
    ["Un ciné-club le vendredi", "1 gommette · 1 participant"],
    ["Une ludothèque le mercredi", "1 gommette · 1 participant"],
    ["Une grainothèque", "0 gommette · 0 participant"],
  ], "the dots per idea");
  assert.equal(await page.locator("#participation").textContent(), "5 participants sur 5 ont voté · 6 idées · 10 gommettes posées");
  await expectAccessible(page, "console: dots results");
  await showResults(page, "ballot-console-dots-1366x768");
  assert.deepEqual(page.errors, []);
});

test("pick and ranking: choices per idea; the Borda count with how many put each idea at each rank", async () => {
  const { server, browser } = env;
  const page = await openConsole(browser, server);
  await playVote(server, page, "pick");
  await page.locator("#vote-results-title").filter({ hasText: "Idées choisies" }).waitFor();
  await eventuallyEqual(() => rows(page), [
    ["Ouvrir la salle aux associations le soir", "2 choix"],
    ["Des cours de cuisine entre générations", "2 choix"],
    ["Un repair café le samedi matin", "1 choix"],
    ["Une grainothèque", "1 choix"],
    ["Un ciné-club le vendredi", "0 choix"],
    ["Une ludothèque le mercredi", "0 choix"],
  ], "the choices per idea");
  assert.equal(await page.locator("#participation").textContent(), "3 tables sur 3 ont voté · 6 idées");
  await showResults(page, "ballot-console-pick-1366x768");

  await page.goto(`${server.base}/console`);
  await playVote(server, page, "ranking", "Quelles priorités pour la salle ?");
  await page.locator("#vote-results-title").filter({ hasText: "Classement (méthode de Borda)" }).waitFor();
  await eventuallyEqual(() => rows(page), [
    ["Ouvrir la salle aux associations le soir", "6 pts · 1er ×2"],
    ["Des cours de cuisine entre générations", "5 pts · 1er ×1, 2e ×1"],
    ["Un repair café le samedi matin", "4 pts · 2e ×2"],
    ["Un ciné-club le vendredi", "2 pts · 3e ×2"],
    ["Une ludothèque le mercredi", "1 pt · 3e ×1"],
    ["Une grainothèque", "0 pt · classée par personne"],
  ], "the Borda counts");
  assert.match(await page.locator("#vote-results-note").textContent(), /Méthode de Borda : sur n places, la 1re rapporte n points/);
  const segs = await page.locator("#points-results > li").nth(1).locator(".seg").evaluateAll((s) => s.map((e) => e.className));
  assert.deepEqual(segs, ["seg r1", "seg r2"], "a first place and a second in the bar");
  await expectAccessible(page, "console: ranking results");
  await showResults(page, "ballot-console-ranking-1366x768");
  assert.deepEqual(page.errors, []);
});

test("buckets: each bucket's count per idea, and the longue-vue's new subjects", async () => {
  const { server, browser } = env;
  const page = await openConsole(browser, server);
  await playVote(server, page, "buckets");
  await page.locator("#vote-results-title").filter({ hasText: "Tri en quatre cases" }).waitFor();
  await eventuallyEqual(() => rows(page), [
    ["Ouvrir la salle aux associations le soir", "Coffre-fort 2 · Machine à laver 0 · Poubelle 0"],
    ["Un repair café le samedi matin", "Coffre-fort 1 · Machine à laver 1 · Poubelle 0"],
    ["Des cours de cuisine entre générations", "Coffre-fort 1 · Machine à laver 0 · Poubelle 1"],
    ["Une ludothèque le mercredi", "Coffre-fort 1 · Machine à laver 0 · Poubelle 1"],
    ["Une grainothèque", "Coffre-fort 0 · Machine à laver 1 · Poubelle 1"],
    ["Un ciné-club le vendredi", "Coffre-fort 0 · Machine à laver 1 · Poubelle 1"],
  ], "the buckets per idea");
  assert.deepEqual(await page.locator(".results .longue-vue li").allTextContents(), kNewSubjects);
  assert.equal(await page.locator("#participation").textContent(), "3 participants sur 5 ont voté · 8 idées");
  await expectAccessible(page, "console: buckets results");
  await showResults(page, "ballot-console-buckets-1366x768");
  assert.deepEqual(page.errors, []);
});

test("two vote steps: the ranking, and the dots before it folded below, open across live updates", async () => {
  const { server, browser } = env;
  const page = await openConsole(browser, server);
  const { tables, id } = await playVote(server, page, "two");
  await page.locator("#vote-results-title").filter({ hasText: "Classement (méthode de Borda)" }).waitFor();
  const earlier = page.locator("#other-votes details");
  assert.equal(await earlier.count(), 1);
  assert.equal((await earlier.locator("summary").textContent()).trim(), "Vote précédent : Gommettes par idée (5 participants ont voté)");
  await earlier.locator("summary").click();
  assert.deepEqual((await rows(page, "#other-votes ol")).slice(0, 2), [
    ["Ouvrir la salle aux associations le soir", "4 gommettes · 4 participants"],
    ["Un repair café le samedi matin", "2 gommettes · 2 participants"],
  ]);
  // A table changes its ranking: the results follow, the earlier vote stays open.
  choose(tables.Lilas, [id.cuisine, id.ouvrir, id.cine]);
  await page.locator("#points-results > li").first().filter({ hasText: "Des cours de cuisine" }).filter({ hasText: "6 pts · 1er ×2" }).waitFor();
  assert.equal(await earlier.evaluate((d) => d.open), true, "the earlier vote is still open");
  await earlier.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await expectAccessible(page, "console: two votes");
  await viewShot(page, "ballot-console-two-votes-1366x768");
  assert.deepEqual(page.errors, []);
});
