// Issue 12: a draft idea was lost on reload. What is typed in the idea box is kept on the device
// for this workshop and table, comes back after a reload (and after the tab is closed and opened
// again), and is forgotten once the idea is posted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useServerAndBrowser } from "./lib/harness.mjs";
import { ideation, joinAt, phases, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const draft = "Un composteur collectif au pied de chaque immeuble, avec";

test("a draft idea survives a reload and is forgotten once posted", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Que faire du jardin partagé ?");
  const page = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  const other = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  phases(animateur, "PHASE_DIVERGENCE");
  const box = page.getByLabel("Votre idée");
  await box.pressSequentially(draft);

  await page.reload();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  assert.equal(await page.getByLabel("Votre idée").inputValue(), draft, "the draft is back after a reload");
  await page.locator("#idea-count").filter({ hasText: `Encore ${500 - draft.length} caractères` }).waitFor();
  assert.equal(await other.getByLabel("Votre idée").inputValue(), "", "another table's box is its own");
  await shot(page, "tablet-draft-after-reload");

  // Closed and opened again (same device): still there; then finished and posted.
  const context = page.context();
  await page.close();
  const again = await context.newPage();
  await again.goto(`${server.base}/?code=${created.joinCode}`);
  await again.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  const box2 = again.getByLabel("Votre idée");
  assert.equal(await box2.inputValue(), draft);
  await box2.press("End");
  await box2.pressSequentially(" un atelier pour apprendre.");
  await again.getByRole("button", { name: "Publier l'idée" }).click();
  await again.locator("li.card.own", { hasText: `${draft} un atelier pour apprendre.` }).waitFor();
  assert.equal(await box2.inputValue(), "");

  await again.reload();
  await again.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await again.locator("li.card.own").first().waitFor();
  assert.equal(await again.getByLabel("Votre idée").inputValue(), "", "no draft once posted");
  assert.equal((await animateur.results()).participation.ideas, 1, "posted once");
});
