// Issue 14, the ballots' screens in English on a 1024x768 tablet: « Qui vote ? » and the dots of
// a seat, a pick, a ranking, buckets with the longue-vue, and the results of each vote step, with
// no French left (the workshop's own texts are typed in English, so that any French word or
// accent on the screen is the app's). Untitled vote steps are named by what they ask.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, toStep } from "./lib/ballots.mjs";
import { openAt, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

// French words and signs of the app's wording (as tablet_english.test.mjs; « place », « table » are English too).
const french = /[àâçéèêëîïôûùüÿœ«»]|\b(les|des|du|une|un|votre|vos|nous|vous|avec|pour|sur|est|idées?|gommettes?|poubelle|coffre|choisissez|classez|rangez|monter|descendre|valider|connecté|merci|résultats)\b/i;

async function assertEnglish(page, screen) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en", `${screen}: <html lang="en">`);
  const text = await page.evaluate(() => {
    let body = document.body.innerText;
    for (const el of document.querySelectorAll("body [lang]")) if (el.lang !== "en") body = body.replace(el.innerText, "");
    const parts = [document.title, body];
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.closest("[hidden]")) continue;
      parts.push(el.getAttribute("aria-label") ?? "", el.getAttribute("title") ?? "", el.getAttribute("placeholder") ?? "");
    }
    return parts.join("\n");
  });
  const line = text.split("\n").find((l) => french.test(l));
  assert.equal(line, undefined, `${screen}: French left on the screen: « ${line} »`);
}

const ideas = ["A bike lane to the station", "Longer library hours", "A repair shop", "Trees in the school yard"];
const agenda = [
  { kind: "PHASE_SETUP" },
  { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_DOTS", voter: "VOTER_SEAT" } },
  { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_PICK", count: 2 } },
  { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_RANKING", count: 3 } },
  { kind: "PHASE_CONVERGENCE", ballot: { kind: "BALLOT_KIND_BUCKETS" } },
  { kind: "PHASE_CONCLUSION" },
];

test("the ballots in English: who votes, dots, a pick, a ranking, buckets, the results", async () => {
  const { server, browser } = env;
  const { created, animateur } = await ballotWorkshop(server, "How could our town be greener?", ideas, agenda);
  const page = await openAt(browser, "tablet", `${server.base}/?code=${created.joinCode}&lang=en`);
  await page.getByLabel("Table name (optional)").fill("Lime tree table");
  await page.getByRole("button", { name: "Join" }).click();
  await page.getByRole("status").filter({ hasText: "Connected" }).waitFor();

  toStep(animateur, 2);
  await page.getByRole("heading", { name: "Who is voting?" }).waitFor();
  await page.locator("#phase").filter({ hasText: "Vote: the dots" }).waitFor();
  await assertEnglish(page, "who votes");
  await page.getByRole("button", { name: /^Seat 1/ }).click();
  await page.locator("li.card", { hasText: ideas[2] }).getByRole("button", { name: "Put my dot" }).click();
  await page.locator("#budget-left").filter({ hasText: "Your dot is placed" }).waitFor();
  await page.locator("li.card", { hasText: ideas[1] }).getByRole("button", { name: "Put my dot" }).click({ force: true });
  await page.locator("#vote-message").filter({ hasText: "You have already placed your dot" }).waitFor();
  await assertEnglish(page, "dots");
  await expectAccessible(page, "tablet in English: dots");
  await shot(page, "vote-en-dots");
  await page.getByRole("button", { name: "I'm done, next person" }).click();
  await page.locator("#who .seat-status").filter({ hasText: /^has voted$/ }).waitFor();

  toStep(animateur, 3);
  await page.getByRole("heading", { name: "Choose exactly 2 ideas" }).waitFor();
  await page.locator("li.pick-card", { hasText: ideas[0] }).locator("input").click();
  await page.getByRole("button", { name: "Confirm my choice" }).click({ force: true });
  await page.locator("#vote-message").filter({ hasText: "You must choose exactly 2 ideas: you ticked 1." }).waitFor();
  await page.locator("li.pick-card", { hasText: ideas[3] }).locator("input").click();
  await page.getByRole("button", { name: "Confirm my choice" }).click();
  await page.locator("#choice-status").filter({ hasText: "Your choice is saved" }).waitFor();
  await assertEnglish(page, "pick");
  await shot(page, "vote-en-pick");

  toStep(animateur, 4);
  await page.getByRole("heading", { name: "Rank the ideas, from the most to the least important" }).waitFor();
  await page.locator("li.rank-card", { hasText: ideas[3] }).getByRole("button", { name: "Move up" }).click();
  await page.getByRole("button", { name: "Confirm my ranking" }).click();
  await page.locator("#choice-status").filter({ hasText: "Your ranking is saved" }).waitFor();
  await assertEnglish(page, "ranking");
  await shot(page, "vote-en-ranking");

  toStep(animateur, 5);
  await page.getByRole("heading", { name: "Put each idea in a box" }).waitFor();
  await page.locator("li.bucket-card", { hasText: ideas[0] }).getByRole("button", { name: "Safe" }).click();
  await page.locator("li.bucket-card", { hasText: ideas[1] }).getByRole("button", { name: "Bin" }).click();
  await page.locator("#buckets-progress").filter({ hasText: "2 ideas sorted out of 4" }).waitFor();
  await page.getByLabel("The new subject").fill("Heat waves in the schools");
  await page.getByRole("button", { name: "Post this subject" }).click();
  await page.getByRole("heading", { name: "New subjects (1)" }).waitFor();
  await assertEnglish(page, "buckets");
  await expectAccessible(page, "tablet in English: buckets");
  await shot(page, "vote-en-buckets");

  toStep(animateur, 6);
  animateur.send({ revealResults: { revealed: true } });
  const sections = page.locator("section.vote-results");
  await sections.nth(3).waitFor();
  assert.deepEqual(await sections.locator("h2").allTextContents(),
    ["Results: Vote: the dots", "Results: Vote: choose ideas", "Results: Vote: rank the ideas", "Results: Vote: sort the ideas"]);
  await sections.nth(0).getByText("1 dot", { exact: true }).waitFor();
  await sections.nth(1).getByText("chosen 1 time").first().waitFor();
  await sections.nth(2).getByText("1st: 1 time").first().waitFor();
  await sections.nth(3).getByText("Safe: 1").first().waitFor();
  await assertEnglish(page, "results");
  await expectAccessible(page, "tablet in English: results of four votes");
  await shot(page, "vote-en-results");
  assert.deepEqual(page.errors, []);
});
