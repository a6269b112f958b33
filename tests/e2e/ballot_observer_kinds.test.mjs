// The big screen shows the results of every kind of vote (issue 14), each workshop created from
// the console's form and its votes cast through the `atelier` CLI (lib/ballots.mjs says which):
// dots and picks as bars in their own unit (gommettes, choix; a minority choice kept on screen),
// a ranking as its Borda count with how many put each idea at each rank, buckets as a stacked bar
// per idea with its three counts beside the longue-vue's new subjects; with two vote steps, the
// current vote large and the earlier one on a page of its own. Who voted is counted as the ballot
// says (tables, or participants). At 1920x1080: no scroll, nothing cut, every text 28 px or more.
// Screenshots: ballot-observer-*-1920x1080.png (and 1366x768 for the buckets).
import assert from "node:assert/strict";
import { test } from "node:test";
import { kNewSubjects, playVote } from "./lib/ballots.mjs";
import { assertNoScroll, assertNothingCut, assertTextAtLeast, settled } from "./lib/big_screen.mjs";
import { eventually, eventuallyEqual, expectAccessible, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const kFloor = 28;

/** The rows of the stage's vote in order: [text, points, what the count says]. */
async function rows(page, list = "#histogram") {
  return page.locator(`${list} li.hbar`).evaluateAll((items) => items.map((li) => [
    li.querySelector(".label").title,
    Number(li.dataset.points),
    [...li.querySelector(".count").childNodes].filter((n) => !n.classList?.contains("sr-only")).map((n) => n.textContent).join("").trim(),
  ]));
}

/** A participation count on the strip below: { key: value }. */
async function counts(page) {
  return page.locator("#participation li").evaluateAll((items) => Object.fromEntries(items.map((li) =>
    [li.dataset.count, `${li.querySelector("strong").textContent} ${li.querySelector("span").textContent}`])));
}

async function openObserver(browser, w) {
  const observer = await openDevice(browser, "projector", w.observerUrl);
  await observer.locator("#histogram li.hbar").first().waitFor();
  return observer;
}

/** No scroll, nothing cut, and at 1920x1080 (floor: true) every text 28 px or more. */
async function looksRight(observer, what, floor = true) {
  await settled(observer);
  await assertNoScroll(observer, what);
  await assertNothingCut(observer, what);
  if (floor) await assertTextAtLeast(observer, kFloor, what);
}

test("dots: gommettes per idea, and participants who voted", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  const { w } = await playVote(server, page, "dots");
  const observer = await openObserver(browser, w);
  assert.equal(await observer.locator("#phase").textContent(), "Convergence : poser les gommettes");
  assert.equal(await observer.locator("#results-title").textContent(), "Gommettes par idée");
  await eventuallyEqual(() => rows(observer), [
    ["Ouvrir la salle aux associations le soir", 4, "4 gommettes"],
    ["Un repair café le samedi matin", 2, "2 gommettes"],
    ["Des cours de cuisine entre générations", 2, "2 gommettes"],
    ["Un ciné-club le vendredi", 1, "1 gommette"],
    ["Une ludothèque le mercredi", 1, "1 gommette"],
    ["Une grainothèque", 0, "0 gommette"],
  ], "the dots per idea");
  assert.deepEqual(await counts(observer), {
    tablesJoined: "3 tables présentes", seatsJoined: "5 participants présents", seatsVoted: "5 participants ont voté",
    ideas: "6 idées", dotsPlaced: "10 gommettes posées",
  });
  await looksRight(observer, "dots");
  await expectAccessible(observer, "observer: dots");
  await screenshot(observer, "ballot-observer-dots-1920x1080");
  assert.deepEqual([...page.errors, ...observer.errors], []);
});

test("pick: how many chose each idea, a minority choice still on screen", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  const { w } = await playVote(server, page, "pick");
  const observer = await openObserver(browser, w);
  assert.equal(await observer.locator("#phase").textContent(), "Convergence : choisir 2 idées");
  assert.equal(await observer.locator("#results-title").textContent(), "Idées choisies");
  await eventuallyEqual(async () => (await rows(observer)).slice(0, 4), [
    ["Ouvrir la salle aux associations le soir", 2, "2 choix"],
    ["Des cours de cuisine entre générations", 2, "2 choix"],
    ["Un repair café le samedi matin", 1, "1 choix"],
    ["Une grainothèque", 1, "1 choix"],
  ], "the choices per idea");
  // The grainothèque, chosen by one table only, is drawn on screen with its bar.
  const minority = observer.locator("#histogram li.hbar", { hasText: "Une grainothèque" });
  assert.ok(await minority.isVisible());
  assert.ok(await minority.locator(".fill").evaluate((el) => el.getBoundingClientRect().width > 20), "its bar is drawn");
  assert.equal((await counts(observer)).tablesVoted, "3 tables ont voté");
  assert.equal(await observer.locator('#participation li[data-count="pointsSpent"]').count(), 0, "no points given in a pick");
  await looksRight(observer, "pick");
  await expectAccessible(observer, "observer: pick");
  await screenshot(observer, "ballot-observer-pick-1920x1080");
  assert.deepEqual([...page.errors, ...observer.errors], []);
});

test("ranking: the Borda count, and how many put each idea at each rank", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  const { w } = await playVote(server, page, "ranking");
  const observer = await openObserver(browser, w);
  assert.equal(await observer.locator("#results-title").textContent(), "Classement (méthode de Borda)");
  await eventuallyEqual(async () => (await rows(observer)).slice(0, 5).map(([text, n]) => [text, n]), [
    ["Ouvrir la salle aux associations le soir", 6],
    ["Des cours de cuisine entre générations", 5],
    ["Un repair café le samedi matin", 4],
    ["Un ciné-club le vendredi", 2],
    ["Une ludothèque le mercredi", 1],
  ], "the Borda counts");
  // A large row says its unit; a compact one (when they do not all fit large) only its number,
  // the unit being in the title.
  const units = await observer.locator("#histogram li.hbar").evaluateAll((items) => items.map((li) => {
    const unit = li.querySelector(".count .unit");
    return [li.classList.contains("compact"), unit.textContent.trim(), getComputedStyle(unit).display !== "none"];
  }));
  assert.deepEqual(units.slice(0, 3).map(([compact, unit, shown]) => [compact, unit, shown]),
    [[false, "points", true], [false, "points", true], [false, "points", true]], "the top three large, with their unit");
  for (const [compact, unit, shown] of units) assert.equal(shown, !compact, `unit « ${unit} » shown iff the row is large`);
  // Under each idea, how many ranked it 1st, 2nd, 3rd (none for the grainothèque, never ranked);
  // drawn under the large bars.
  const spread = await observer.locator("#histogram li.hbar .spread").allTextContents();
  assert.deepEqual(spread, ["1er ×2", "1er ×1, 2e ×1", "2e ×2", "3e ×2", "3e ×1", ""]);
  for (const line of await observer.locator("#histogram .top li.hbar .spread").all()) assert.ok(await line.isVisible());
  assert.ok(await observer.locator("#histogram .top li.hbar").count() >= 3, "the top three large");
  // The stacked bar of « cuisine »: a first place and a second, half the width each.
  const segs = await observer.locator("#histogram li.hbar", { hasText: "cuisine" }).locator(".seg").evaluateAll((s) =>
    s.map((e) => [e.className, Math.round(e.getBoundingClientRect().width)]));
  assert.deepEqual(segs.map(([c]) => c), ["seg r1", "seg r2"]);
  assert.ok(Math.abs(segs[0][1] - segs[1][1]) <= 1, `equal halves: ${JSON.stringify(segs)}`);
  assert.match(await observer.locator("#vote-legend").textContent(), /Sur 3 places, la 1re rapporte 3 points, la 2e 2… la dernière 1/);
  await looksRight(observer, "ranking");
  await expectAccessible(observer, "observer: ranking");
  await screenshot(observer, "ballot-observer-ranking-1920x1080");
  assert.deepEqual([...page.errors, ...observer.errors], []);
});

test("buckets: a stacked bar per idea in the three buckets, and the longue-vue's new subjects", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  const { w } = await playVote(server, page, "buckets");
  const observer = await openObserver(browser, w);
  assert.equal(await observer.locator("#results-title").textContent(), "Tri en quatre cases");
  await eventuallyEqual(() => rows(observer), [
    ["Ouvrir la salle aux associations le soir", 2, "200"],
    ["Un repair café le samedi matin", 1, "110"],
    ["Des cours de cuisine entre générations", 1, "101"],
    ["Une ludothèque le mercredi", 1, "101"],
    ["Une grainothèque", 0, "011"],
    ["Un ciné-club le vendredi", 0, "011"],
  ], "the buckets per idea (coffre-fort, machine à laver, poubelle)");
  assert.deepEqual(await observer.locator("#histogram li.hbar").first().locator(".chip").evaluateAll((c) => c.map((e) => [e.className, e.title])), [
    ["chip coffre", "Coffre-fort"], ["chip machine", "Machine à laver"], ["chip poubelle", "Poubelle"],
  ]);
  assert.deepEqual(await observer.locator("#vote-legend .key").allTextContents(), ["Coffre-fort", "Machine à laver", "Poubelle"]);
  // The new subjects, beside the sorted ideas and not among them.
  await observer.locator("#longue-vue-list li").nth(1).waitFor();
  assert.deepEqual(await observer.locator("#longue-vue-list li").allTextContents(), kNewSubjects);
  assert.equal(await observer.locator("#longue-vue-title").textContent(), "Longue-vue : les sujets nouveaux");
  assert.equal((await counts(observer)).seatsVoted, "3 participants ont voté");
  await looksRight(observer, "buckets");
  await expectAccessible(observer, "observer: buckets");
  await screenshot(observer, "ballot-observer-buckets-1920x1080");
  await resize(observer, { width: 1366, height: 768 });
  await looksRight(observer, "buckets at 1366x768", false);
  await screenshot(observer, "ballot-observer-buckets-1366x768");
  assert.deepEqual([...page.errors, ...observer.errors], []);
});

test("two vote steps: the ranking large, the dots before it on a page of their own", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  const { w } = await playVote(server, page, "two");
  const observer = await openObserver(browser, w);
  await observer.locator("#results-title").filter({ hasText: "Classement (méthode de Borda)" }).waitFor();
  await eventually(async () => (await rows(observer))[0]?.[1] === 6, "the ranking's results");
  assert.equal(await observer.locator("#other-vote").isVisible(), false, "the current vote first");
  await screenshot(observer, "ballot-observer-two-votes-1920x1080");
  // Held (Space), then the Pager's next page by hand: the earlier vote, its dots, who voted.
  await observer.keyboard.press("Space");
  await observer.locator("#pager-control").filter({ hasText: "Reprendre" }).waitFor();
  for (let i = 0; i < 2 && !(await observer.locator("#other-vote").isVisible()); i++) await observer.keyboard.press("ArrowRight");
  await observer.locator("#other-vote").waitFor();
  assert.equal(await observer.locator("#other-vote-title").textContent(), "Vote précédent : Gommettes par idée");
  assert.equal(await observer.locator("#other-vote-voters").textContent(), "5 participants ont voté");
  assert.deepEqual((await rows(observer, "#other-vote-list")).slice(0, 3), [
    ["Ouvrir la salle aux associations le soir", 4, "4 gommettes"],
    ["Un repair café le samedi matin", 2, "2 gommettes"],
    ["Des cours de cuisine entre générations", 2, "2 gommettes"],
  ]);
  assert.equal(await observer.locator("#results").isVisible(), true);
  await looksRight(observer, "an earlier vote");
  await expectAccessible(observer, "observer: an earlier vote");
  await screenshot(observer, "ballot-observer-earlier-vote-1920x1080");
  // And back to the current vote.
  await observer.keyboard.press("ArrowRight");
  await observer.locator("#other-vote").waitFor({ state: "hidden" });
  assert.equal(await observer.locator("#results-title").isVisible(), true);
  assert.deepEqual([...page.errors, ...observer.errors], []);
});
