// What the tablet tests (tablet_*.test.mjs) share: the screen sizes where issue 12 was seen, a
// workshop made through the HTTP API with ideas already on the wall, a table joined at a given
// size, and a screenshot of what is in view (not the whole page: what the person sees).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CliAnimateur } from "./animateur.mjs";
import { openDevice, resize, screenshotDir } from "./harness.mjs";

export const sizes = {
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
  laptop: { width: 1366, height: 768 },
  projector: { width: 1920, height: 1080 },
};

/** A page of its own (its own storage) at one of `sizes`, touch and, for the phone, mobile. */
export async function openAt(browser, size, url) {
  const page = await openDevice(browser, size === "phone" ? "phone" : "tablet");
  await resize(page, sizes[size]);
  if (url) await page.goto(url);
  return page;
}

/**
 * An ideation workshop created through the API, with `ideas` typed by the animateur already on
 * the wall (ideas no table owns); config: more WorkshopConfig fields (budgetPerTable...).
 * Returns { created, animateur }.
 */
export async function ideation(server, question, ideas = [], config = {}) {
  const created = await server.createWorkshop({
    workshop: {
      config: { question, template: "TEMPLATE_IDEATION", ...config },
      ideas: ideas.map((text) => ({ text })),
    },
  });
  return { created, animateur: new CliAnimateur(server, created) };
}

/** An evaluation workshop created through the API; config as for ideation. */
export async function evaluation(server, question, ideas, criteria, config = {}) {
  const created = await server.createWorkshop({
    workshop: {
      config: { question, template: "TEMPLATE_EVALUATION", criteria, ...config },
      ideas: ideas.map((text) => ({ text })),
    },
  });
  return { created, animateur: new CliAnimateur(server, created) };
}

/** A tablet at `size` joining as a new table named `name`, connected. */
export async function joinAt({ server, browser }, size, code, name) {
  const page = await openAt(browser, size, `${server.base}/?code=${code}`);
  await page.getByLabel("Nom de la table (facultatif)").fill(name);
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return page;
}

/** Moves the workshop through `phases` (names as in the proto), one after the other. */
export function phases(animateur, ...names) {
  for (const name of names) animateur.phase(name);
}

/** Posts an idea from the composer and waits until it is on the wall as the table's own. */
export async function post(page, text) {
  await page.getByLabel("Votre idée").fill(text);
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  await page.locator("li.card.own", { hasText: text }).waitFor();
}

/** A screenshot of the viewport as it is (scrolled or not), tests/e2e/screenshots/NAME.png. */
export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** The element's box, asserted to lie inside the viewport. */
export async function assertInViewport(locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is shown`);
  const { width, height } = locator.page().viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width,
    `${what} lies in the viewport (${JSON.stringify(box)} in ${width}x${height})`);
  return box;
}

/** The accessible description of the element: the text of what its aria-describedby names. */
export async function description(locator) {
  return locator.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? "").join(" "));
}

/** Taps "+" on the card holding `text` `times` times, each waiting for the number the server confirms. */
export async function give(page, text, times) {
  const card = page.locator("li.card", { hasText: text });
  const plus = card.getByRole("button", { name: "Ajouter un point" });
  const start = Number(await card.locator("output").textContent());
  for (let i = 1; i <= times; i++) {
    await plus.click();
    await card.locator("output").filter({ hasText: new RegExp(`^${start + i}$`) }).waitFor();
  }
  return card;
}
