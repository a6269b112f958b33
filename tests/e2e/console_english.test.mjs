// The console in English (issue 12: "the English screens once"): ?lang=en from the start, the
// create form, the console through a few phases, the workshop list, and the language switch both
// ways. Key texts are English and none of the French ones is left on the page.
// Screenshots: console-english-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CliTable } from "./lib/animateur.mjs";
import { viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const french = ["Phase suivante", "Minuteur", "Rejoindre", "Mur des idées", "Tables et avancement", "Résultats", "Connecté",
  "Étape", "Créer", "Chronologie", "Supprimer", "idées"];

async function noFrench(page, where) {
  const text = await page.locator("body").innerText();
  for (const word of french) assert.ok(!text.includes(word), `${where}: « ${word} » left in the English console`);
}

test("the console in English: create form, phases, list and language switch", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console?lang=en`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("heading", { name: "Create a workshop" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.title(), "Atelier — facilitator console");
  await page.getByRole("radio", { name: "Ideation" }).check();
  await page.getByLabel("Question asked to the participants").fill("How can we make better use of the town hall?");
  assert.match(await page.getByLabel("Method note (shown to observers)").inputValue(), /spends 30 points \(at most 3 per idea/);
  await noFrench(page, "create form");
  await page.getByRole("button", { name: "Create the workshop" }).click();

  await page.getByRole("status").filter({ hasText: "Connected" }).waitFor();
  const code = (await page.locator("#join-code").textContent()).replace(/\s/g, "");
  await page.getByRole("heading", { name: "Join the workshop" }).waitFor();
  await page.getByRole("button", { name: "Show the code on the big screen" }).waitFor();
  await page.getByRole("button", { name: "Next phase: Divergence: post ideas" }).click();
  await page.locator("#phase-step").filter({ hasText: "Step 2 of 5: Divergence: post ideas" }).waitFor();
  const table = CliTable.join(server, code, "Lilacs");
  table.post("A repair café on Saturday mornings");
  table.post("Open the hall to associations in the evening");
  await page.locator("#wall-list > li").nth(1).waitFor();
  const nav = page.getByRole("navigation", { name: "Console sections" });
  await nav.getByRole("link", { name: "Idea wall (2)" }).waitFor();
  await page.getByRole("button", { name: "Show the QR code" }).waitFor();
  await page.getByLabel("Duration (minutes)").fill("5");
  await page.getByRole("button", { name: "Start the timer" }).click();
  await page.locator("#timer").filter({ hasText: /^Time left [45]:[0-9]{2}$/ }).waitFor();
  await page.getByRole("button", { name: "Pause" }).waitFor();
  await page.getByRole("heading", { name: "Idea wall" }).waitFor();
  await page.getByRole("heading", { name: "Tables and progress" }).waitFor();
  await page.getByRole("cell", { name: "Table 1 — Lilacs" }).or(page.getByRole("rowheader", { name: "Table 1 — Lilacs" })).waitFor();
  await noFrench(page, "divergence");
  await expectAccessible(page, "console in English");
  await viewShot(page, "console-english-1366x768");

  // The switch goes to French and back, and says where it goes in its own language.
  await page.getByRole("link", { name: "Français" }).click();
  await page.getByRole("button", { name: /^Phase suivante : Regroupement/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");
  await page.getByRole("link", { name: "English" }).click();
  await page.getByRole("button", { name: /^Next phase: Grouping/ }).waitFor();

  // The list of this browser's workshops, in English too.
  await page.getByRole("link", { name: "My workshops" }).click();
  await page.getByRole("heading", { name: "Your workshops" }).waitFor();
  assert.match(await page.locator("#workshops li").first().textContent(), /Ideation · created on /);
  await page.getByRole("button", { name: "Forget \"How can we make better use of the town hall?\"" }).waitFor();
  await noFrench(page, "workshop list");
  assert.deepEqual(page.errors, []);
});
