// A large evaluation on the screens that show its results: 30 ideas and 5 criteria (one where
// lower is better), created through the API, two tables of three places scoring everything
// (raw WebSocket clients, lib/wire.mjs).
// - The big screen on a 1920x1080 projector: while tables join, the code the console handed
//   over in the address's fragment, the address and a large QR code; then the results on one
//   screen that never scrolls: the top of the ranking large, the rest compact and paged, one
//   idea's five distributions at once on one shared scale, the ideas stepping by themselves;
//   text large enough to read from the back of the room, in plain words. On a phone, the same
//   as a page that scrolls.
// - The ranking on the tablet (1024x768) and the phone (390x844): no cut column, no sideways
//   scroll.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { assertFontAtLeast, assertNoScroll, assertNothingCut, assertTextAtLeast, onScreen } from "./lib/big_screen.mjs";
import { eventually, expectAccessible, openDevice, resize, screenshot, screenshotDir, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

const criteria = [
  { name: "acceptabilité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "inacceptable", highLabel: "très acceptable" },
  { name: "coût", direction: "DIRECTION_LOWER_IS_BETTER", lowLabel: "peu coûteux", highLabel: "très coûteux" },
  { name: "humanisme", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "peu humain", highLabel: "très humain" },
  { name: "faisabilité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "irréalisable", highLabel: "facile" },
  { name: "rapidité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "des années", highLabel: "dès demain" },
];
const themes = [
  "Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal", "Un parrainage par des associations locales",
  "Des cours de français gratuits le soir", "Une permanence juridique à la mairie", "Un guichet unique pour les démarches",
  "Remettre en état des logements vacants", "Un jardin partagé avec les familles accueillies", "Un forum de l'emploi",
  "Des repas partagés chaque mois",
];
const ideas = Array.from({ length: 30 }, (_, i) => `${themes[i % 10]}${i >= 10 ? ` (piste ${Math.floor(i / 10) + 1})` : ""}`);
const seats = [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]];

/** Seat k's score on idea i, criterion c: varied, some ideas agreed on, some divided. */
const score = (k, i, c) => {
  const base = 9 - Math.floor(i / 4) + (c === 1 ? -3 : 0);
  const noise = i % 3 === 1 ? (k % 2 ? 4 : -4) : ((k * 3 + c * 2 + i) % 5) - 2;
  return Math.max(0, Math.min(10, base + noise));
};

/** The workshop, created through the API, and a raw animateur client. */
async function scoredWorkshop({ server, browser }) {
  const created = await server.createWorkshop({ workshop: {
    config: {
      question: "Concertation sur l'accueil des réfugiés dans notre ville",
      template: "TEMPLATE_EVALUATION",
      criteria,
      visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
    },
    ideas: ideas.map((text) => ({ text })),
  } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("animateur", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  return { created, wire };
}

/** Two tables (raw) and their six places (phones, raw) score every idea on every criterion. */
async function scoreEverything({ server }, { created, wire }) {
  await wire.connect("table-1", { joinCode: created.joinCode, tableName: "Table des Lilas" });
  await wire.connect("table-2", { joinCode: created.joinCode, tableName: "Table des Tilleuls" });
  for (const [table, seat] of seats) await wire.connect(`seat-${table}-${seat}`, { joinCode: created.joinCode, tableId: table, seatNumber: seat });
  await wire.send("animateur", { setPhase: { phase: "PHASE_SCORING" } });
  const ids = (await server.results(created.workshopId, created.animateurToken)).evaluations.map((e) => e.ideaId).sort((a, b) => a - b);
  assert.equal(ids.length, ideas.length);
  for (const [k, [table, seat]] of seats.entries()) {
    await wire.send(`seat-${table}-${seat}`, ...ids.flatMap((ideaId, i) => criteria.map((_, c) =>
      ({ score: { ideaId, criterionId: c + 1, value: score(k, i, c) } }))));
  }
  return eventually(async () => {
    const r = await server.results(created.workshopId, created.animateurToken);
    return r.participation?.seatsScored === seats.length && r.evaluations.every((e) => e.criteria.every((c) => c.count === seats.length)) && r;
  }, "every place's scores in the results");
}

/** A table's tablet (or phone) joined as a new table, in a viewport of that size. */
async function tableDevice({ server, browser }, code, viewport, kind) {
  const page = await openDevice(browser, kind, `${server.base}/?code=${code}`);
  await resize(page, viewport);
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return page;
}

/** What the page shows of the ranking: its form, the ranks in order, and anything cut. */
async function shownRanking(page) {
  return page.locator('[data-ranking="ranking"]').evaluate((view) => {
    const form = view.querySelector(":scope > :not([hidden])");
    const rows = [...form.querySelectorAll("[data-idea-id]")];
    const right = Math.max(...[...form.querySelectorAll("th, td, li, p")].map((e) => e.getBoundingClientRect().right));
    return {
      layout: view.dataset.layout,
      ranks: rows.map((r) => Number(r.dataset.rank)),
      criteriaPerRow: rows.map((r) => r.querySelectorAll("[data-criterion-id]").length),
      scrolls: form.scrollWidth > form.clientWidth + 1 || document.documentElement.scrollWidth > innerWidth,
      cut: right > innerWidth,
    };
  });
}

test("the ranking of 30 ideas on 5 criteria fits the tablet and the phone", async () => {
  const { server, browser } = env;
  const workshop = await scoredWorkshop(env);
  await scoreEverything(env, workshop);
  await workshop.wire.send("animateur", { setPhase: { phase: "PHASE_CONCLUSION" } }, { revealResults: { revealed: true } });

  for (const [kind, viewport, name] of [["tablet", { width: 1024, height: 768 }, "ranking-tablet"], ["phone", { width: 390, height: 844 }, "ranking-phone"]]) {
    const page = await tableDevice(env, workshop.created.joinCode, viewport, kind);
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const shown = await shownRanking(page);
    assert.deepEqual(shown.ranks, ideas.map((_, i) => i + 1), `${name}: every idea, in rank order`);
    assert.deepEqual(shown.criteriaPerRow, ideas.map(() => criteria.length), `${name}: every criterion of every idea`);
    assert.equal(shown.scrolls, false, `${name}: nothing scrolls sideways`);
    assert.equal(shown.cut, false, `${name}: nothing is cut at the right edge`);
    // Five criteria do not fit a table on either: the stacked cards, with agreement on each.
    assert.equal(shown.layout, "cards", name);
    await page.locator(".rank-card").first().getByText("Accord :").waitFor();
    await expectAccessible(page, `${name}: results`);
    await screenshot(page, name);
    // A wider window brings the table back when it fits whole.
    if (kind === "tablet") {
      await resize(page, { width: 1920, height: 1080 });
      await eventually(async () => (await shownRanking(page)).layout === "table", "the table at 1920 px");
      const wide = await shownRanking(page);
      assert.equal(wide.scrolls, false);
      assert.equal(wide.cut, false);
      assert.deepEqual(wide.ranks, ideas.map((_, i) => i + 1));
    }
    assert.deepEqual(page.errors, []);
  }
  await workshop.wire.close();
});

/** Steps the big screen (arrow keys) until it shows idea `i` of the ranking. */
async function stepTo(page, i) {
  const status = page.locator(".eval-dist .pager-status");
  for (let tries = 0; tries < 40 && (await status.textContent()) !== `Idée ${i} sur 30`; tries++) await page.keyboard.press("ArrowRight");
  await status.filter({ hasText: new RegExp(`^Idée ${i} sur 30$`) }).waitFor();
}

/** The visible bars of the charts on screen: [{ idea, criterion, n, height, track }]. */
async function visibleBars(page) {
  return page.locator("li.idea-dist:not(.off-page) figure.dist .col").evaluateAll((cols) => cols.map((col) => ({
    idea: col.closest("figure").dataset.ideaId,
    criterion: col.closest("figure").dataset.criterionId,
    n: Number(col.dataset.n),
    height: col.querySelector(".col-bar").getBoundingClientRect().height,
    track: col.querySelector(".col-track").clientHeight, // inside its baseline
  })));
}

/** Every bar drawn to one scale: height = n x (one person's height), the same in every chart. */
function assertOneScale(bars, unit, what) {
  for (const b of bars) {
    assert.ok(Math.abs(b.height - b.n * unit) <= 1.5, `${what}: ${b.n} people drawn ${b.height} px, ${b.n * unit} px expected (idea ${b.idea}, criterion ${b.criterion})`);
  }
}

test("the big screen shows 30 ideas on 5 criteria on one projector screen, and on a phone", async () => {
  const { server, browser } = env;
  const workshop = await scoredWorkshop(env);
  const { created, wire } = workshop;

  // While tables join: the code from the fragment (the server gives observers none), the
  // address, and a QR code of the join page with the code, large.
  const observer = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}#join=${created.joinCode}`);
  await observer.locator("#join-code").filter({ hasText: `${created.joinCode.slice(0, 4)} ${created.joinCode.slice(4)}` }).waitFor();
  assert.equal(await observer.locator("#join-address").textContent(), new URL(server.base).host);
  const qr = await observer.locator("svg.join-qr-code").evaluate((svg) => ({
    label: svg.getAttribute("aria-label"), size: svg.getBoundingClientRect().height, modules: Number(svg.dataset.modules) }));
  assert.match(qr.label, new RegExp(`/\\?code=${created.joinCode}$`), "the QR code opens the join page with the code");
  assert.ok(qr.size >= 0.45 * 1080, `a QR code half the screen high (${qr.size} px)`);
  assert.ok(qr.size / qr.modules >= 12, `modules of 12 px or more, to scan from a few metres (${qr.size / qr.modules})`);
  await assertFontAtLeast(observer, "#join-code", 96);
  await assertFontAtLeast(observer, "#join-address", 48);
  await assertNoScroll(observer, "join screen");
  await expectAccessible(observer, "observer: join");
  await screenshot(observer, "observer-join");

  await scoreEverything(env, workshop);
  await wire.send("animateur", { startTimer: { durationMs: 15 * 60 * 1000 } });
  const results = await server.results(created.workshopId, created.animateurToken);
  const byRank = [...results.evaluations].sort((a, b) => a.rank - b.rank);
  await observer.locator("li.idea-dist:not(.off-page) figure.dist[data-count=\"6\"]").first().waitFor();
  await observer.locator("#timer").filter({ hasText: /^1[45]:[0-9]{2}$/ }).waitFor();

  // The animateur at the projector's keyboard holds the steps (Space) and turns them (arrows):
  // held on the first idea, to measure it.
  await observer.keyboard.press(" ");
  await observer.locator("#pager-control").filter({ hasText: "Reprendre" }).waitFor();
  await stepTo(observer, 1);

  // One screen, nothing scrolls; the first idea's five distributions are all on it, at once.
  await assertNoScroll(observer, "evaluation results");
  const spotlight = await onScreen(observer, "li.idea-dist figure.dist");
  assert.equal(spotlight.length, criteria.length, "every criterion's chart of the idea on screen");
  assert.ok(spotlight.every((f) => f.ideaId === String(byRank[0].ideaId)), "the charts of the first idea");
  // The ranking: the top three large, then compact rows, and the page it is on.
  const rows = await onScreen(observer, ".rank-row");
  assert.deepEqual(rows.slice(0, 3).map((r) => Number(r.rank)), [1, 2, 3]);
  assert.equal(await observer.locator(".ranking-box .top .rank-row").count(), 3);
  assert.ok(rows.length > 3 && rows.length < ideas.length, `a page of the ranking (${rows.length} rows on screen)`);
  const pages = Math.ceil((ideas.length - 3) / (rows.length - 3));
  await observer.locator(".eval-rank .pager-status").filter({ hasText: `Page 1 sur ${pages}` }).waitFor();

  // One scale for every chart: equal counts, equal heights; twice the count, twice the height.
  const bars = await visibleBars(observer);
  const top = Math.max(...results.evaluations.flatMap((e) => e.criteria.flatMap((c) => c.histogram.map(Number))));
  const unit = bars[0].track / top;
  assert.ok(new Set(bars.map((b) => b.track)).size === 1, "every chart has the same height of bars");
  assertOneScale(bars, unit, "idea 1");
  assert.ok(new Set(bars.filter((b) => b.n > 0).map((b) => b.n)).size > 1, "bars of several counts compared");

  // Plain words: « la moitié a noté N ou plus » (« la moitié a noté 10 » at the top), true of the
  // scores; no statistics' jargon.
  for (const c of byRank[0].criteria) {
    const histogram = c.histogram.map(Number);
    const total = histogram.reduce((a, b) => a + b, 0);
    let v = histogram.length - 1;
    for (let atLeast = histogram[v]; 2 * atLeast < total; atLeast += histogram[--v]);
    const said = v === 10 ? "la moitié a noté 10" : v === 0 ? "plus de la moitié a noté 0" : `la moitié a noté ${v} ou plus`;
    assert.equal(await observer.locator(`figure.dist[data-idea-id="${byRank[0].ideaId}"][data-criterion-id="${c.criterionId}"] .dist-half`).textContent(), said);
  }
  assert.doesNotMatch(await observer.locator("body").innerText(), /écart-type|médiane|dispersion|moyenne/i);

  // Readable from the back of the room: labels 32 px and more, key numbers 48 px and more.
  for (const label of ["#question", "#phase", ".counts li > span", ".rank-row:not(.compact) .rank-idea", "li.idea-dist h3", ".dist-name"]) {
    await assertFontAtLeast(observer, label, 32);
  }
  for (const number of ["#timer", ".counts strong", ".rank-row:not(.compact) .rank-badge", ".rank-row:not(.compact) .rank-overall strong"]) {
    await assertFontAtLeast(observer, number, 48);
  }
  // Nothing the room reads below 28 px: the charts' counts and 0-10 values, the ends of the
  // scale, the compact rows of the ranking, the strip below.
  await assertTextAtLeast(observer, 28, "evaluation results");
  await assertNothingCut(observer, "evaluation results");
  await expectAccessible(observer, "observer: evaluation of 30 ideas");
  await screenshot(observer, "observer-evaluation-30");

  // Every idea comes on screen in its turn, with its row on the ranking's page marked, and its
  // charts on the same scale as the first idea's.
  for (let i = 2; i <= ideas.length; i++) {
    await stepTo(observer, i);
    const charts = await onScreen(observer, "li.idea-dist figure.dist");
    assert.deepEqual([...new Set(charts.map((c) => c.ideaId))], [String(byRank[i - 1].ideaId)], `idea ${i}: its charts`);
    assert.equal(charts.length, criteria.length, `idea ${i}: all its charts`);
    const current = await onScreen(observer, ".rank-row.current");
    assert.deepEqual(current.map((r) => Number(r.rank)), [i], `idea ${i}: its row on the ranking`);
    if (i === 11) assertOneScale(await visibleBars(observer), unit, `idea ${i}`);
  }
  // Let go, the screen steps to the next idea by itself, calmly.
  await observer.keyboard.press(" ");
  await observer.locator("#pager-control").filter({ hasText: "Pause" }).waitFor();
  await observer.locator(".eval-dist .pager-status").filter({ hasText: "Idée 1 sur 30" }).waitFor({ timeout: 25000 });
  await assertNoScroll(observer, "evaluation results, last idea");

  // The results published: the fingerprint below, still one screen.
  await wire.send("animateur", { setPhase: { phase: "PHASE_CONCLUSION" } }, { revealResults: { revealed: true } });
  const revealed = await server.results(created.workshopId, created.animateurToken);
  await observer.locator(`#fingerprint[data-seq="${revealed.seq}"]`).waitFor();
  await assertNoScroll(observer, "conclusion");
  await assertTextAtLeast(observer, 28, "evaluation conclusion");
  await assertNothingCut(observer, "evaluation conclusion");
  await screenshot(observer, "observer-evaluation-conclusion");
  // A smaller projector: the same, smaller, nothing scrolls and nothing is cut.
  await resize(observer, { width: 1366, height: 768 });
  await eventually(async () => (await observer.locator("#distributions").evaluate((el) => el.clientWidth)) < 1000, "the layout at 1366 px");
  await assertNoScroll(observer, "evaluation conclusion at 1366x768");
  await assertNothingCut(observer, "evaluation conclusion at 1366x768");
  await screenshot(observer, "observer-evaluation-conclusion-1366x768");

  // Anyone may open the observer link on a phone: a page that scrolls down, never sideways,
  // with every idea of the ranking and every chart.
  const phone = await openDevice(browser, "phone", `${server.base}/observer?code=${created.observerCode}`);
  await phone.locator("li.idea-dist figure.dist").nth(ideas.length * criteria.length - 1).waitFor();
  assert.equal(await phone.locator("html.stage").count(), 0, "a scrolling page on a phone");
  assert.equal(await phone.locator(".off-page").count(), 0, "nothing paged on a phone");
  assert.deepEqual(await phone.locator(".rank-row").evaluateAll((r) => r.map((e) => Number(e.dataset.rank))), ideas.map((_, i) => i + 1));
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll on a phone");
  await phone.screenshot({ path: join(screenshotDir, "observer-phone.png") });

  for (const page of [observer, phone]) assert.deepEqual(page.errors, []);
  await wire.close();
});
