// An ideation of 16 ideas on the big screen of a 1920x1080 projector, played by four tables
// (raw WebSocket clients, lib/wire.mjs): while tables join, where to go (opened without the code
// in the fragment: the screen says the animateur gives it); during divergence the idea wall
// live, as anonymous post-its, a new one appearing without moving the others; during grouping
// the clusters as they form, with their title, how many ideas and the ideas nested; then the
// points, the top ideas large and every idea on screen or on a page of its own; the
// fingerprint at the end. Never a scroll, and text large enough to read from the back: every
// text on screen 28 px or more at 1920x1080; at 1366x768 (a smaller projector) nothing cut.

/** The floor, in CSS pixels at 1920x1080, of any text the room reads (observer.css). */
const kFloor = 28;
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFontAtLeast, assertNoScroll, assertNothingCut, assertTextAtLeast, onScreen, settled } from "./lib/big_screen.mjs";
import { eventually, expectAccessible, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

const tables = ["Table des Lilas", "Table des Tilleuls", "Table des Platanes", "Table des Chênes"];
const ideas = [
  "Un repair café le samedi matin", "Ouvrir la salle aux associations le soir", "Des cours de cuisine entre générations",
  "Un repair café une fois par mois", "Un planning partagé pour réserver la salle en ligne, visible de tous les habitants",
  "Une bourse aux livres chaque trimestre", "Un espace de coworking pour les télétravailleurs",
  "Prêter la salle aux jeunes pour répéter de la musique", "Accueillir le marché des producteurs locaux quand il pleut",
  "Installer un vidéoprojecteur et une sono", "Des après-midi jeux pour les aînés", "Un ciné-club une fois par mois",
  "Des ateliers numériques pour les seniors", "Une ludothèque le mercredi", "Des cours de yoga le matin",
  "Ouvrir la salle aux associations le week-end",
];

/** The wall's cards on screen, in order: { key, text }. */
async function wall(page) {
  return (await onScreen(page, "#wall-list > li")).map((c) => ({ key: c.flip, text: c.text }));
}

test("the big screen of an ideation: join, the live wall, clusters, then 16 ideas' points", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Comment optimiser l'utilisation de la salle municipale ?",
    template: "TEMPLATE_IDEATION",
    visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
  } } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("animateur", { workshopId: created.workshopId, animateurToken: created.animateurToken });

  // Opened without the code in the fragment: the address, and the animateur gives the code.
  const observer = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  await observer.getByText("puis tapez le code que l'animateur vous donne.").waitFor();
  assert.equal(await observer.locator("#join-code").count(), 0, "no code without the console's fragment");
  assert.equal(await observer.locator("#join-address").textContent(), new URL(server.base).host);
  assert.ok(!(await observer.locator("body").innerText()).includes(created.joinCode.slice(0, 4)), "the code is nowhere on the page");
  for (const [i, name] of tables.entries()) await wire.connect(`table-${i + 1}`, { joinCode: created.joinCode, tableName: name });
  await observer.locator('#participation li[data-count="tablesJoined"] strong').filter({ hasText: /^4$/ }).waitFor();
  await assertNoScroll(observer, "join screen without a code");
  await screenshot(observer, "observer-join-without-code");

  // Divergence: the wall, live. Ideas come one by one, from every table.
  await wire.send("animateur", { setPhase: { phase: "PHASE_DIVERGENCE" } }, { startTimer: { durationMs: 10 * 60 * 1000 } });
  await observer.getByText("Les idées des tables apparaîtront ici, au fur et à mesure.").waitFor();
  const post = async (i) => {
    await wire.send(`table-${(i % 4) + 1}`, { postIdea: { text: ideas[i] } });
    await observer.locator("#wall-list .postit").filter({ hasText: ideas[i] }).waitFor();
  };
  for (let i = 0; i < 6; i++) await post(i);
  // A new post-it appears at the end; those already there stay the same nodes, where they were.
  await observer.locator("#wall-list .postit").first().evaluate((el) => { el.dataset.seenBefore = "yes"; });
  await settled(observer);
  const before = await wall(observer);
  const boxes = await onScreen(observer, "#wall-list .postit");
  await post(6);
  await observer.locator("#wall-list .postit").first().and(observer.locator('[data-seen-before="yes"]')).waitFor();
  await eventually(async () => {
    const after = await onScreen(observer, "#wall-list .postit");
    return after.length === 7 && boxes.every((b, i) => Math.abs(after[i].top - b.top) < 1 && Math.abs(after[i].left - b.left) < 1);
  }, "the post-its already on the wall to stay where they were");
  assert.deepEqual((await wall(observer)).slice(0, 6), before);
  for (let i = 7; i < ideas.length; i++) await post(i);

  // Every idea on screen, in the order posted, with no author anywhere; the wall fits the screen.
  await settled(observer);
  const posted = await wall(observer);
  assert.deepEqual(posted.map((c) => c.text), ideas);
  const text = await observer.locator("body").innerText();
  for (const name of tables) assert.ok(!text.includes(name), `no author on the big screen (${name})`);
  await assertNoScroll(observer, "the wall of 16 ideas");
  await assertFontAtLeast(observer, "#wall-list .postit", 24);
  await assertFontAtLeast(observer, "#question", 32);
  await assertFontAtLeast(observer, "#timer", 48);
  await assertTextAtLeast(observer, kFloor, "the wall of 16 ideas");
  await expectAccessible(observer, "observer: the wall");
  await screenshot(observer, "observer-wall");

  // Grouping: clusters form where their first idea was, with title, count and their ideas.
  await wire.send("animateur", { setPhase: { phase: "PHASE_GROUPING" } });
  const id = async (textOf) => Number(await observer.locator("#wall-list .postit").filter({ hasText: textOf }).getAttribute("data-idea-id"));
  const repair = [await id(ideas[0]), await id(ideas[3])];
  const salle = [await id(ideas[1]), await id(ideas[15]), await id(ideas[7])];
  await wire.send("animateur", { mergeIdeas: { targetIds: repair, title: "Repair café" } });
  await wire.send("animateur", { mergeIdeas: { targetIds: salle, title: "Ouvrir la salle aux habitants" } });
  const clusters = observer.locator("#wall-list .cluster-card");
  await clusters.filter({ hasText: "Ouvrir la salle aux habitants" }).waitFor();
  await settled(observer);
  const cards = await wall(observer);
  assert.equal(cards.length, ideas.length - 5 + 2, "two clusters in place of five post-its");
  assert.match(cards[0].key, /^c/, "the repair café cluster where its first idea was");
  assert.match(cards[1].key, /^c/, "the other cluster where its first idea was");
  for (const [title, members] of [["Repair café", [ideas[0], ideas[3]]], ["Ouvrir la salle aux habitants", [ideas[1], ideas[7], ideas[15]]]]) {
    const card = clusters.filter({ hasText: title });
    assert.equal(await card.locator(".cluster-title").textContent(), title);
    assert.equal(await card.locator(".cluster-count").textContent(), `${members.length} idées`);
    assert.deepEqual((await card.locator(".cluster-members li").allTextContents()).sort(), [...members].sort());
  }
  for (const member of [ideas[0], ideas[1], ideas[3], ideas[7], ideas[15]]) {
    assert.equal(await observer.locator("#wall-list .postit").filter({ hasText: member }).count(), 0, `${member} is inside its cluster`);
  }
  await assertNoScroll(observer, "the wall with clusters");
  await assertFontAtLeast(observer, ".cluster-title", 24);
  await assertTextAtLeast(observer, kFloor, "the wall with clusters");
  await expectAccessible(observer, "observer: grouping");
  await screenshot(observer, "observer-grouping");

  // Convergence: each table spreads points on ideas that are not its own.
  await wire.send("animateur", { setPhase: { phase: "PHASE_CONVERGENCE" } });
  const before16 = await server.results(created.workshopId, created.animateurToken);
  const targets = before16.points.map((p) => p.targetId).sort((a, b) => a - b);
  const given = new Map();
  for (let t = 1; t <= 4; t++) {
    for (const [j, targetId] of targets.entries()) {
      const points = (j * 5 + t * 3) % 4;
      if (points === 0) continue;
      try {
        await wire.send(`table-${t}`, { setPoints: { points: [{ targetId, points }] } });
        given.set(targetId, (given.get(targetId) ?? 0) + points);
      } catch {
        // its own idea, or a cluster holding one: refused, as it should be
      }
    }
  }
  const results = await eventually(async () => {
    const r = await server.results(created.workshopId, created.animateurToken);
    return r.points.every((p) => p.points === (given.get(p.targetId) ?? 0)) && r;
  }, "the server's tally of the points given");
  const sorted = results.points.map((p) => String(p.targetId));
  await observer.locator(`#histogram li.hbar[data-target-id="${sorted[0]}"][data-points="${results.points[0].points}"]`).waitFor();

  // The top ideas large; every idea on screen, or on a page that comes by itself.
  await assertNoScroll(observer, "16 ideas' points");
  // The first bar can be in place before the last points of the round reach the big screen:
  // wait until the large ones are the server's top ones (ties keep the server's order).
  const large = await eventually(async () => {
    const rows = await onScreen(observer, "#histogram .top li.hbar");
    return rows.length >= 3 && rows.every((r, i) => r.targetId === sorted[i]) && rows;
  }, "the top ideas large, in the server's order");
  assert.deepEqual(large.map((r) => r.targetId), sorted.slice(0, large.length), "the large ones are the top ones");
  const seen = new Set();
  const status = observer.locator(".points-view .pager-status");
  const pages = Number(/sur ([0-9]+)/.exec(await status.textContent())?.[1] ?? 1);
  for (let page = 1; page <= pages; page++) {
    if (pages > 1) await status.filter({ hasText: `Page ${page} sur ${pages}` }).waitFor({ timeout: 25000 });
    for (const row of await onScreen(observer, "#histogram li.hbar")) seen.add(row.targetId);
    await assertNoScroll(observer, `16 ideas' points, page ${page}`);
  }
  assert.deepEqual([...seen].sort(), [...sorted].sort(), "every idea and cluster on screen, on its page");
  const order = await observer.locator("#histogram li.hbar").evaluateAll((rows) => rows.map((r) => Number(r.dataset.points)));
  assert.deepEqual(order, [...order].sort((a, b) => b - a), "sorted, most points first");
  await assertFontAtLeast(observer, "#histogram .top .label", 32);
  await assertFontAtLeast(observer, "#histogram .top .count", 48);
  await assertFontAtLeast(observer, ".counts strong", 48);
  await assertTextAtLeast(observer, kFloor, "16 ideas' points");
  await expectAccessible(observer, "observer: 16 ideas' points");
  await screenshot(observer, "observer-ideation-16");

  // Conclusion: the fingerprint the room notes, still on one screen.
  await wire.send("animateur", { setPhase: { phase: "PHASE_CONCLUSION" } }, { revealResults: { revealed: true } });
  const revealed = await server.results(created.workshopId, created.animateurToken);
  await observer.locator(`#fingerprint[data-seq="${revealed.seq}"]`).waitFor();
  await assertNoScroll(observer, "conclusion");
  await assertNothingCut(observer, "conclusion");
  await assertTextAtLeast(observer, kFloor, "conclusion");
  await screenshot(observer, "observer-ideation-conclusion");
  // A smaller projector: the same, smaller, nothing scrolls and nothing is cut.
  await resize(observer, { width: 1366, height: 768 });
  await eventually(async () => (await observer.locator("#histogram").evaluate((el) => el.clientWidth)) < 1366, "the layout at 1366 px");
  await assertNoScroll(observer, "conclusion at 1366x768");
  await assertNothingCut(observer, "conclusion at 1366x768");
  await screenshot(observer, "observer-ideation-conclusion-1366x768");

  assert.deepEqual(observer.errors, []);
  await wire.close();
});

test("a wall of 150 ideas fits the projector: the newest on screen, a count of the others", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Que faire de l'ancienne gare ?", template: "TEMPLATE_IDEATION", visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
  } } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("animateur", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  for (let t = 1; t <= 3; t++) await wire.connect(`table-${t}`, { joinCode: created.joinCode });
  const observer = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  await wire.send("animateur", { setPhase: { phase: "PHASE_DIVERGENCE" } });
  const texts = Array.from({ length: 150 }, (_, i) => `Idée n° ${i + 1} pour la gare : ${["un café", "une halle", "des ateliers d'artistes", "un jardin"][i % 4]}`);
  for (let t = 0; t < 3; t++) await wire.send(`table-${t + 1}`, ...texts.slice(50 * t, 50 * t + 50).map((text) => ({ postIdea: { text } })));
  await eventually(async () => (await observer.locator("#wall-list .postit").count()) === 150, "150 post-its on the wall");
  await observer.locator("#wall-older").filter({ hasText: /^\+ [0-9]+ idées plus anciennes, hors de l'écran$/ }).waitFor();
  await settled(observer);
  await assertNoScroll(observer, "a wall of 150 ideas");
  const shown = await onScreen(observer, "#wall-list .postit");
  // Large enough to read from the back of the room: the newest twenty or so rather than 150 small.
  assert.ok(shown.length >= 15, `a full wall (${shown.length} post-its on screen)`);
  await assertTextAtLeast(observer, kFloor, "a wall of 150 ideas");
  await assertNothingCut(observer, "a wall of 150 ideas");
  // Every idea posted last is on screen; the older ones are counted (and still in the list for screen readers).
  const order = await observer.locator("#wall-list .postit").allTextContents();
  assert.deepEqual(shown.map((s) => s.text), order.slice(order.length - shown.length));
  assert.equal(await observer.locator("#wall-older").textContent(), `+ ${150 - shown.length} idées plus anciennes, hors de l'écran`);
  await expectAccessible(observer, "observer: a wall of 150 ideas");
  await screenshot(observer, "observer-wall-150");

  // Grouping: the whole wall in pages from its first idea, turned by themselves (here by the
  // arrow keys), every idea and cluster on screen in its turn, at the same size.
  await wire.send("animateur", { setPhase: { phase: "PHASE_GROUPING" } });
  const ids = await observer.locator("#wall-list .postit").evaluateAll((els) => els.map((e) => Number(e.dataset.ideaId)));
  await wire.send("animateur", { mergeIdeas: { targetIds: [ids[0], ids[4], ids[8]], title: "Un café à la gare" } });
  await observer.locator("#wall-list .cluster-card").filter({ hasText: "Un café à la gare" }).waitFor();
  const status = observer.locator("#wall-older");
  await status.filter({ hasText: /^Page 1 sur [0-9]+$/ }).waitFor();
  const pages = Number(/sur ([0-9]+)/.exec(await status.textContent())[1]);
  assert.ok(pages > 1, `the wall in pages (${pages})`);
  const seen = new Set();
  for (let p = 1; p <= pages; p++) {
    await status.filter({ hasText: `Page ${p} sur ${pages}` }).waitFor();
    await settled(observer);
    const cards = await onScreen(observer, "#wall-list > li");
    assert.ok(cards.length > 0, `page ${p}: cards on screen`);
    for (const c of cards) seen.add(c.flip);
    if (p === 1) assert.ok(cards.some((c) => c.flip.startsWith("c")), "the cluster on the first page, where its first idea was");
    await assertNoScroll(observer, `the wall in pages, page ${p}`);
    await assertNothingCut(observer, `the wall in pages, page ${p}`);
    await assertTextAtLeast(observer, kFloor, `the wall in pages, page ${p}`);
    if (p === 1) await screenshot(observer, "observer-grouping-150");
    await observer.keyboard.press("ArrowRight");
  }
  assert.equal(seen.size, 150 - 3 + 1, "every idea and the cluster on screen, on its page");
  await status.filter({ hasText: `Page 1 sur ${pages}` }).waitFor();
  assert.deepEqual(observer.errors, []);
  await wire.close();
});

test("the language switch keeps out of the projector's way, and works from the keyboard", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: { question: "Comment animer la place du marché ?", template: "TEMPLATE_IDEATION" } } });
  const url = `${server.base}/observer?code=${created.observerCode}#join=${created.joinCode}`;
  const observer = await openDevice(browser, "projector", url);
  await observer.getByRole("heading", { name: "Rejoignez l'atelier" }).waitFor();
  const link = observer.locator(".lang-switch");
  const hidden = await link.boundingBox();
  assert.ok(!hidden || hidden.width <= 1, "no language link drawn on the projector");
  // A keyboard user reaches it with Tab: it shows while it has the focus.
  for (let i = 0; i < 8 && !(await link.evaluate((el) => el === document.activeElement)); i++) await observer.keyboard.press("Tab");
  assert.ok(await link.evaluate((el) => el === document.activeElement), "the language link takes the focus");
  const shown = await link.boundingBox();
  assert.ok(shown && shown.width > 20 && shown.y + shown.height <= 1080, "it shows while focused");
  await observer.keyboard.press("Enter");
  await observer.getByRole("heading", { name: "Join the workshop" }).waitFor();
  assert.equal(await observer.locator("html").getAttribute("lang"), "en");
  await observer.getByText("then type the code", { exact: true }).waitFor();
  await assertNoScroll(observer, "the English join screen");
  await screenshot(observer, "observer-english");
  // On a phone it is a small link at the foot of the page.
  const phone = await openDevice(browser, "phone", url);
  await phone.getByRole("heading", { name: "Rejoignez l'atelier" }).waitFor();
  const onPhone = await phone.locator(".lang-switch").boundingBox();
  assert.ok(onPhone && onPhone.width > 20, "the language link on a phone");
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the join screen never scrolls sideways on a phone");
  assert.deepEqual([...observer.errors, ...phone.errors], []);
});
