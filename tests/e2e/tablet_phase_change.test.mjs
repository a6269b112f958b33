// Issue 12, bug 2, on a 1024x768 tablet: what was said in one phase (an error at the top of the
// page, a refused vote in the banner) is not carried into the next one; the over-budget message
// was still shown in Conclusion, above the results.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { give, ideation, joinAt, phases, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

test("an old error or refusal does not survive a phase change", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Que faire du jardin partagé ?",
    ["Des carrés potagers pour l'école", "Un composteur collectif"], { budgetPerTable: 3, capPerTarget: 3 });
  const page = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(page, "Une ruche pédagogique");

  // An error beside the composer during divergence...
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  const notice = page.locator("#notice");
  const ideaError = page.locator("#idea-error");
  await ideaError.filter({ hasText: "L'idée est vide" }).waitFor();
  // ...is gone once the phase changes.
  phases(animateur, "PHASE_GROUPING");
  await page.getByText("L'animateur regroupe les idées semblables").waitFor();
  assert.equal(await page.getByText("L'idée est vide").count(), 0, "the divergence error is gone in grouping");
  assert.equal(await notice.textContent(), "");
  assert.ok(await notice.isHidden());

  // A refused vote in convergence (over the budget)...
  phases(animateur, "PHASE_CONVERGENCE");
  await give(page, "Des carrés potagers pour l'école", 3);
  await page.locator("li.card", { hasText: "Un composteur collectif" }).getByRole("button", { name: "Ajouter un point" }).click({ force: true });
  await page.locator("#vote-message").filter({ hasText: "Vous avez déjà réparti vos 3 points" }).waitFor();

  // ...is not shown in conclusion, above the results.
  phases(animateur, "PHASE_CONCLUSION");
  animateur.send({ revealResults: { revealed: true } });
  await page.getByRole("heading", { name: "Résultats" }).waitFor();
  assert.equal(await page.getByText("Vous avez déjà réparti").count(), 0, "no over-budget message in conclusion");
  assert.equal(await notice.textContent(), "");
  assert.equal(await page.getByRole("alert").filter({ hasText: /./ }).count(), 0, "no alert left from another phase");
  await expectAccessible(page, "tablet: conclusion after a refused vote");
  await shot(page, "tablet-conclusion-after-refusal");
  assert.deepEqual(page.errors, []);
});
