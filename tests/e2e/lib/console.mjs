// The animateur console driven from a test: create a workshop through the form, then read what
// the console shows (join code, observer link) and what it keeps (the animateur token).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { screenshotDir } from "./harness.mjs";

/**
 * Fills the create form on a /console page and submits it. form: { template: "ideation" |
 * "evaluation", question, ideas?: string[] }. Returns { workshopId, token, joinCode (its digits),
 * shownCode (as the console shows it: "1234 5678"), observerUrl }.
 */
export async function createInConsole(page, form, beforeSubmit = async () => {}) {
  await page.getByRole("radio", { name: form.template === "evaluation" ? "Évaluation" : "Idéation" }).check();
  await page.getByLabel("Question posée aux participants").fill(form.question);
  if (form.ideas) await page.getByLabel("Idées à évaluer (une par ligne)").fill(form.ideas.join("\n"));
  await beforeSubmit();
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  const workshopId = new URL(page.url()).searchParams.get("workshop");
  assert.ok(workshopId, "the console's address names the workshop");
  const token = await page.evaluate((id) => localStorage.getItem(`atelier.console.${id}`), workshopId);
  assert.ok(token, "the console keeps the animateur token");
  const shownCode = (await page.locator("#join-code").textContent()).trim();
  const joinCode = shownCode.replace(/\s/g, "");
  const observerUrl = new URL(await page.locator("#observer-link").getAttribute("href"), page.url()).toString();
  return { workshopId, token, joinCode, shownCode, observerUrl };
}

/** Clicks "Phase suivante" and waits until the console shows the new phase. */
export async function nextPhase(page, phaseName) {
  const next = page.locator("#next-phase");
  await next.filter({ hasText: phaseName }).waitFor();
  await next.click();
  await page.locator("#phase").filter({ hasText: phaseName }).waitFor();
}

/** Whether the element is wholly inside the viewport as the page is scrolled now. */
export async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
}

/** The page's width past the viewport, in CSS pixels (0: no horizontal scroll). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
}

/** A screenshot of what the viewport shows as scrolled now (the sticky parts where they stick). */
export async function viewShot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}
