// Issue 12, bug 5: on a 390x844 phone the budget banner stuck 130 px down the screen and the list
// scrolled above it. Scrolled anywhere in the vote, the banner is at the very top on the phone,
// and right under the sticky header on a 1024x768 tablet: no content is ever seen above it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ideation, joinAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const wall = Array.from({ length: 24 }, (_, i) => `Idée numéro ${i + 1} : une proposition assez longue pour tenir sur deux lignes d'un téléphone`);

/**
 * Scrolled to y: the banner's and the header's boxes, and what is drawn in each band of 4 px
 * above the banner's bottom, down the middle and near both edges: "bar", "banner" or "content".
 */
async function atScroll(page, y) {
  await page.evaluate((top) => window.scrollTo(0, top), y);
  await page.waitForFunction((top) => Math.abs(window.scrollY - Math.min(top, document.documentElement.scrollHeight - window.innerHeight)) < 2, y);
  return page.evaluate(() => {
    const banner = document.getElementById("budget").getBoundingClientRect();
    const bar = document.getElementById("bar").getBoundingClientRect();
    const seen = new Set();
    for (let y = 0; y < banner.bottom - 1; y += 4) {
      for (const x of [12, window.innerWidth / 2, window.innerWidth - 12]) {
        const el = document.elementFromPoint(x, y);
        seen.add(el?.closest("#budget") ? "banner" : el?.closest("#bar") ? "bar" : `content at ${x},${y}: ${el?.tagName}.${el?.className}`);
      }
    }
    return { scrollY: window.scrollY, banner: { top: banner.top, bottom: banner.bottom }, bar: { top: bar.top, bottom: bar.bottom }, seen: [...seen] };
  });
}

test("the budget banner sticks at the very top of a phone, right under the header of a tablet", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment rendre la place du marché plus agréable pour tous les habitants du quartier ?", wall);
  const phone = await joinAt(env, "phone", created.joinCode, "Table des Lilas");
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  phases(animateur, "PHASE_DIVERGENCE", "PHASE_GROUPING", "PHASE_CONVERGENCE");

  for (const [page, name] of [[phone, "phone"], [tablet, "tablet"]]) {
    await page.getByRole("heading", { name: "Répartissez vos points" }).waitFor();
    for (const y of [400, 1500, 100000]) {
      const s = await atScroll(page, y);
      assert.ok(s.scrollY > 300, `${name}: scrolled (${s.scrollY})`);
      if (name === "phone") {
        assert.ok(Math.abs(s.banner.top) < 0.5, `phone: the banner is at the very top (${s.banner.top}) at ${s.scrollY}`);
        assert.deepEqual(s.seen, ["banner"], `phone: only the banner above its bottom at ${s.scrollY}`);
      } else {
        assert.ok(Math.abs(s.bar.top) < 0.5, `tablet: the header is at the top (${s.bar.top})`);
        assert.ok(Math.abs(s.banner.top - s.bar.bottom) < 0.5, `tablet: the banner is right under the header (${s.banner.top} vs ${s.bar.bottom})`);
        assert.deepEqual(s.seen.sort(), ["banner", "bar"], `tablet: only the header and the banner above the list at ${s.scrollY}`);
      }
    }
    await atScroll(page, 1500);
    await page.getByText("Il vous reste 30 points sur 30").waitFor();
    await shot(page, `tablet-sticky-${name}`);
    await expectAccessible(page, `${name}: vote, scrolled`);
  }
  assert.deepEqual([...phone.errors, ...tablet.errors], []);
});
