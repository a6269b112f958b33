// Issue 12, « the English screens once »: the tablet switched to English on its join form, then
// join, the ideas, the vote and the results, on a 1024x768 tablet: each screen in English, with no
// French left (the workshop's own texts are typed in English here, so that any French word or
// accent on the screen is the app's).
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ideation, openAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

// French words and signs of the app's wording (not English words: « place », « table », « phase »).
const french = /[àâçéèêëîïôûùüÿœ«»]|\b(les|des|du|une|un|votre|vos|nous|vous|avec|pour|sur|est|idées?|rejoindre|connecté|points? restants?|merci|résultats|modifier|supprimer|publier)\b/i;

/** Everything a person or a screen reader gets from the screen: text, labels, titles, the title. */
async function screenText(page) {
  return page.evaluate(() => {
    // The language switch says « Français » in French, marked so (lang="fr"): that is its job.
    let body = document.body.innerText;
    for (const el of document.querySelectorAll("body [lang]")) if (el.lang !== "en") body = body.replace(el.innerText, "");
    const parts = [document.title, body];
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.closest("[hidden]")) continue;
      parts.push(el.getAttribute("aria-label") ?? "", el.getAttribute("title") ?? "", el.getAttribute("placeholder") ?? "");
    }
    return parts.join("\n");
  });
}

async function assertEnglish(page, screen) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en", `${screen}: <html lang="en">`);
  const text = await screenText(page);
  const line = text.split("\n").find((l) => french.test(l));
  assert.equal(line, undefined, `${screen}: French left on the screen: « ${line} »`);
}

test("the tablet in English: join, ideas, vote, results", async () => {
  const { server, browser } = env;
  const { created, animateur } = await ideation(server, "How could the market square be more pleasant?",
    ["Benches in the shade of the plane trees", "A drinking fountain", "A bandstand for Sunday concerts"]);
  const page = await openAt(browser, "tablet", `${server.base}/?code=${created.joinCode}`);

  // The join form, in French, switched to English.
  await page.getByRole("heading", { name: "Rejoindre un atelier" }).waitFor();
  await page.getByRole("link", { name: "English" }).click();
  await page.getByRole("heading", { name: "Join a workshop" }).waitFor();
  await page.getByLabel("Table name (optional)").waitFor();
  await assertEnglish(page, "join");
  await shot(page, "tablet-en-join");
  await page.getByLabel("Table name (optional)").fill("Lime tree table");
  await page.getByRole("button", { name: "Join" }).click();
  await page.getByRole("status").filter({ hasText: "Connected" }).waitFor();

  // The ideas: the composer, our idea, the wall.
  phases(animateur, "PHASE_DIVERGENCE");
  await page.getByLabel("Your idea").fill("A farmers' market on Tuesday evenings");
  await page.getByRole("button", { name: "Post the idea" }).click();
  await page.locator("li.card.own", { hasText: "A farmers' market" }).waitFor();
  await page.getByRole("button", { name: "Post the idea" }).click(); // empty: said beside the box
  await page.locator("#idea-error").filter({ hasText: /./ }).waitFor();
  await assertEnglish(page, "ideas");
  await expectAccessible(page, "tablet in English: ideas");
  await shot(page, "tablet-en-ideas");

  // The vote: the banner, the steppers, a refusal (our own idea).
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await page.getByRole("heading", { name: "Spend your points" }).waitFor();
  const fountain = page.locator("li.card", { hasText: "A drinking fountain" });
  await fountain.getByRole("button", { name: "Add a point" }).click();
  await fountain.locator("output").filter({ hasText: /^1$/ }).waitFor();
  await page.locator("li.card", { hasText: "A farmers' market" }).getByRole("button", { name: "Add a point" }).click({ force: true });
  await page.locator("#vote-message").filter({ hasText: /./ }).waitFor();
  await page.getByText("You have 29 points left out of 30").waitFor();
  await assertEnglish(page, "vote");
  await shot(page, "tablet-en-vote");

  // The results.
  phases(animateur, "PHASE_CONCLUSION");
  animateur.send({ revealResults: { revealed: true } });
  await page.getByRole("heading", { name: "Results" }).waitFor();
  await page.locator("ol.tally li.hbar").first().waitFor();
  await assertEnglish(page, "results");
  await expectAccessible(page, "tablet in English: results");
  await shot(page, "tablet-en-results");
  assert.deepEqual(page.errors, []);
});
