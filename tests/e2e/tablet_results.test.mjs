// Issue 12, bug 4: on a 390x844 phone the results' bars were 2 px lines (6 points looked like 3).
// Each bar is now proportional to its points and readable, on the phone and on a 1024x768 tablet.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { give, ideation, joinAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const six = "Ouvrir la salle aux associations le soir, en semaine, avec une permanence de bénévoles";
const three = "Un planning partagé pour réserver la salle";
const none = "Une bourse aux livres chaque trimestre";

/** The bars as drawn: { text: { points, fill, track, label, height } } in CSS pixels. */
async function bars(page) {
  return page.locator("ol.tally li.hbar").evaluateAll((rows) => Object.fromEntries(rows.map((r) => {
    const box = (sel) => r.querySelector(sel).getBoundingClientRect();
    const fill = box(".fill");
    const track = box(".track");
    const label = box(".label");
    return [r.querySelector(".label .text").textContent, {
      points: Number(r.dataset.points), fill: fill.width, height: fill.height, track: track.width,
      trackTop: track.top, labelBottom: label.bottom, labelRight: label.right, trackLeft: track.left,
    }];
  })));
}

test("the results' bars are proportional to the points and readable on a phone and a tablet", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment optimiser l'utilisation de la salle municipale ?", [six, three, none]);
  const phone = await joinAt(env, "phone", created.joinCode, "Table des Lilas");
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  phases(animateur, "PHASE_DIVERGENCE", "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await give(phone, six, 3);
  await give(phone, three, 3);
  await give(tablet, six, 3);
  phases(animateur, "PHASE_CONCLUSION");
  animateur.send({ revealResults: { revealed: true } });

  for (const [page, name, minSix] of [[phone, "phone", 250], [tablet, "tablet", 300]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    await page.getByText("2 tables ont voté sur 2.").waitFor();
    const b = await bars(page);
    assert.deepEqual([b[six].points, b[three].points, b[none].points], [6, 3, 0]);
    assert.ok(Math.abs(b[six].fill - b[six].track) <= 1, `${name}: the most points fill the track`);
    assert.ok(b[six].fill >= minSix, `${name}: the longest bar is long (${b[six].fill}px)`);
    assert.ok(Math.abs(b[six].fill - 2 * b[three].fill) <= 1.5, `${name}: 6 points are twice 3 (${b[six].fill} vs ${b[three].fill})`);
    assert.equal(b[none].fill, 0, `${name}: no bar for 0 points`);
    for (const row of Object.values(b)) {
      assert.ok(row.height >= 24, `${name}: bars are at least 24px tall (${row.height})`);
      assert.ok(row.trackTop >= row.labelBottom - 0.5 || row.trackLeft >= row.labelRight, `${name}: the text does not run over its bar`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${name}: nothing wider than the screen`);
    await expectAccessible(page, `${name}: results`);
    await shot(page, `tablet-results-${name}`);
  }
  assert.deepEqual([...phone.errors, ...tablet.errors], []);
});
