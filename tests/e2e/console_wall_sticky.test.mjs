// Issue 12, the console at 1366x768 while ideas are posted and grouped: nothing sticky covers an
// idea the animateur must read or tick. The header and the section links stick at the top; the
// wall is one screen high below them, its merge form at its top and the ideas scrolling in a box
// of their own under it. Scrolled with the wheel, reached with Tab or by a section link, the
// topmost card's checkbox is the thing under the pointer (never the merge form, the links or the
// header), and each section link brings its section into view below the sticky parts; « Phase
// suivante », the timer and « Regrouper la sélection » stay in view. The same at 1024x768.
// Screenshots: console-wall-sticky-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inViewport, nextPhase, viewShot } from "./lib/console.mjs";
import { eventually, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();
const themes = ["Un repair café le samedi matin", "Ouvrir la salle aux associations le soir", "Des cours de cuisine entre générations",
  "Un planning partagé pour réserver la salle en ligne, visible de tous", "Une bourse aux livres chaque trimestre",
  "Un ciné-club le vendredi soir", "Des ateliers numériques pour les seniors", "Une grainothèque"];
const ideas = Array.from({ length: 40 }, (_, i) => `${themes[i % themes.length]} (piste ${i + 1})`);

/**
 * The bottom of what sticks over the main column (the header, the section links, anything else
 * sticky or fixed that overlaps it), in viewport pixels.
 */
function stickyBottom(page) {
  return page.evaluate(() => {
    const main = document.getElementById("console-sections").getBoundingClientRect();
    let bottom = 0;
    for (const el of document.querySelectorAll("body *")) {
      const position = getComputedStyle(el).position;
      if (position !== "sticky" && position !== "fixed") continue;
      const r = el.getBoundingClientRect();
      if (r.height === 0 || r.right <= main.left || r.left >= main.right || r.top > innerHeight / 2) continue;
      bottom = Math.max(bottom, r.bottom);
    }
    return bottom;
  });
}

/**
 * The topmost card of the wall whose checkbox is drawn in the viewport (inside the viewport and
 * every box that clips it, whatever may be on top of it), and what a click at its centre hits.
 */
function topCard(page) {
  return page.evaluate(() => {
    const inside = (el, x, y) => {
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowY === "visible") continue;
        const b = a.getBoundingClientRect();
        if (y < b.top || y > b.bottom || x < b.left || x > b.right) return false;
      }
      return true;
    };
    for (const box of document.querySelectorAll("#wall-list > li input[type=checkbox]")) {
      const r = box.getBoundingClientRect();
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      if (!inside(box, x, y)) continue;
      const hit = document.elementFromPoint(x, y);
      const label = hit?.closest("label");
      const ok = hit === box || (label !== null && label.htmlFor === box.id);
      return { id: box.id, x, y, ok, hit: hit ? `${hit.tagName}.${hit.className}#${hit.id}` : null };
    }
    return null;
  });
}

async function assertCockpitInView(page, where) {
  for (const sel of ["#next-phase", "#phase", "#timer", "#merge-selection"]) assert.ok(await inViewport(page.locator(sel)), `${sel} in view ${where}`);
}

/** Turns the mouse wheel over the wall's ideas, `steps` times. */
async function wheelOverWall(page, steps, dy = 300) {
  const box = await page.locator("#wall-list").evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: Math.min(innerHeight - 40, Math.max(r.top + 40, innerHeight - 100)) };
  });
  await page.mouse.move(box.x, box.y);
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, dy);
  // Wheel scrolling is smooth: wait until it has stopped.
  let last = "";
  await eventually(async () => {
    const now = JSON.stringify(await page.evaluate(() => [scrollY, document.getElementById("wall-scroll")?.scrollTop]));
    const still = now === last;
    last = now;
    return still;
  }, "the scrolling to end");
}

/** The topmost card can be ticked where it is seen: checked by a click at its checkbox's centre. */
async function assertTopCardClickable(page, where) {
  const card = await topCard(page);
  assert.ok(card, `a card in view ${where}`);
  assert.ok(card.ok, `${where}: the top card's checkbox (${card.id} at ${Math.round(card.y)} px) is under ${card.hit}`);
  assert.ok(card.y >= (await stickyBottom(page)), `${where}: the top card's checkbox is below the sticky parts`);
  return card;
}

test("the console at 1366x768 and 1024x768: nothing sticky covers the wall's cards", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop({ workshop: { config: {
    question: "Comment optimiser l'utilisation de la salle municipale ?", template: "TEMPLATE_IDEATION",
    visibility: { observerResults: "OBSERVER_RESULTS_LIVE" } } } });
  const wire = await Wire.open(browser, server.base);
  const tables = ["Lilas", "Tilleuls", "Platanes", "Chênes"];
  for (const [i, name] of tables.entries()) await wire.connect(`t${i + 1}`, { joinCode: created.joinCode, tableName: name });
  const page = await openDevice(browser, "laptop", `${server.base}/console?workshop=${created.workshopId}#token=${created.animateurToken}`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await nextPhase(page, "Divergence");
  await page.getByLabel("Durée (minutes)").fill("12");
  await page.getByRole("button", { name: "Démarrer le minuteur" }).click();
  await page.locator("#timer").filter({ hasText: /Temps restant 1[12]:[0-9]{2}/ }).waitFor();
  for (let t = 0; t < 4; t++) await wire.send(`t${t + 1}`, ...ideas.filter((_, i) => i % 4 === t).map((text) => ({ postIdea: { text } })));
  await page.locator("#wall-list > li").nth(ideas.length - 1).waitFor();

  for (const [phase, width] of [["Divergence", 1366], ["Regroupement", 1366], ["Regroupement", 1024]]) {
    if (phase === "Regroupement" && width === 1366) {
      await nextPhase(page, "Regroupement");
      await page.getByLabel("Durée (minutes)").fill("8");
      await page.getByRole("button", { name: "Démarrer le minuteur" }).click();
      await page.locator("#timer").filter({ hasText: /Temps restant [78]:[0-9]{2}/ }).waitFor();
    }
    await resize(page, { width, height: 768 });
    const where = `${phase}, ${width}x768`;
    await page.evaluate(() => { window.scrollTo(0, 0); const box = document.getElementById("wall-scroll"); if (box) box.scrollTop = 0; });

    // The wall whole below the sticky parts, from the page's top.
    const wall = await page.locator("#console-wall").boundingBox();
    assert.ok(wall.y >= (await stickyBottom(page)) && wall.y + wall.height <= 768, `${where}: the wall whole in view (${wall.y}..${wall.y + wall.height})`);

    // Scrolled with the wheel past the suggestions: the top card is the one under the pointer.
    await wheelOverWall(page, 5);
    assert.ok(await page.locator("#wall-scroll").evaluate((el) => el.scrollTop) > 1000, `${where}: the wall scrolled`);
    const card = await assertTopCardClickable(page, `${where}, after the wheel`);
    await assertCockpitInView(page, `${where}, after the wheel`);
    await page.mouse.click(card.x, card.y);
    assert.equal(await page.locator(`#${card.id}`).isChecked(), true, `${where}: a click on the top card ticks it`);
    await page.locator("#selection-status").filter({ hasText: "1 sélectionnée." }).waitFor();
    await viewShot(page, `console-wall-sticky-${phase === "Divergence" ? "divergence" : "grouping"}-${width}x768`);
    await page.mouse.click(card.x, card.y);
    await page.locator("#selection-status").filter({ hasText: "Aucune idée sélectionnée." }).waitFor();

    // Reached with the keyboard: a checkbox given the focus stops below the sticky parts.
    for (const n of [30, 5, 38]) {
      const box = page.locator("#wall-list > li input[type=checkbox]").nth(n);
      await box.focus();
      const at = await box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { top: r.top, bottom: r.bottom, ok: hit === el || hit?.closest("label")?.htmlFor === el.id };
      });
      assert.ok(at.ok && at.top >= (await stickyBottom(page)) && at.bottom <= 768, `${where}: checkbox ${n} in view and uncovered once focused (${JSON.stringify(at)})`);
    }

    // Each section link brings its section into view below the sticky parts: whole when it fits,
    // else its top just below them; its heading uncovered and focused.
    const nav = page.getByRole("navigation", { name: "Sections de la console" });
    for (const [name, section, heading] of [["Tables", "#console-tables", "#progress-title"], ["Résultats", "#console-results", "#results-title"],
      ["Synthèse", ".exports", "#exports-title"], [/^Mur des idées/, "#console-wall", "#wall-title"]]) {
      await nav.getByRole("link", { name }).click();
      await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === heading.slice(1), `the focus on ${heading}`);
      await wheelOverWall(page, 0);
      const sticky = await stickyBottom(page);
      const s = await page.locator(section).first().evaluate((el, h) => {
        const r = el.getBoundingClientRect();
        const t = document.querySelector(h).getBoundingClientRect();
        const hit = document.elementFromPoint(t.left + 8, t.top + t.height / 2);
        return { top: r.top, bottom: r.bottom, headingUncovered: !!hit?.closest(h), atEnd: innerHeight + scrollY >= document.documentElement.scrollHeight - 1 };
      }, heading);
      assert.ok(s.top >= sticky - 0.5, `${where}, ${name}: the section's top (${s.top}) below the sticky parts (${sticky})`);
      assert.ok(s.bottom <= 768 || s.top <= sticky + 40 || s.atEnd, `${where}, ${name}: the section whole in view, or from just below the sticky parts (${JSON.stringify(s)})`);
      assert.ok(s.headingUncovered, `${where}, ${name}: its heading is not under anything`);
      await assertCockpitInView(page, `${where}, at ${name}`).catch((e) => { if (section === "#console-wall") throw e; });
      assert.ok(await inViewport(page.locator("#next-phase")), `${where}, at ${name}: « Phase suivante » in view`);
    }
    const wallBox = await page.locator("#console-wall").boundingBox();
    assert.ok(wallBox.y + wallBox.height <= 768, `${where}: the wall whole in view from its link`);
    await wheelOverWall(page, 2);
    await assertTopCardClickable(page, `${where}, from the wall's link`);
  }

  // Grouping by ticking the top two cards where they are seen.
  await resize(page, { width: 1366, height: 768 });
  await page.locator("#wall-scroll").evaluate((el) => { el.scrollTop = 0; });
  await page.getByRole("navigation", { name: "Sections de la console" }).getByRole("link", { name: /^Mur des idées/ }).click();
  await wheelOverWall(page, 5);
  const first = await assertTopCardClickable(page, "before grouping");
  await page.mouse.click(first.x, first.y);
  const second = await page.locator(`#${first.id}`).evaluate((el) => {
    const next = el.closest("li").nextElementSibling.querySelector("input[type=checkbox]").getBoundingClientRect();
    return { x: next.left + next.width / 2, y: next.top + next.height / 2 };
  });
  await page.mouse.click(second.x, second.y);
  await page.locator("#selection-status").filter({ hasText: "2 sélectionnées." }).waitFor();
  await page.getByLabel("Titre du regroupement").fill("Deux pistes");
  await page.locator("#merge-selection").click();
  await page.locator("#wall-list > li.cluster", { hasText: "Deux pistes" }).waitFor();
  await expectAccessible(page, "console: the wall in its own box");
  assert.deepEqual(page.errors, []);
  await wire.close();
});
