// Bug 7, the console's half (issue 12): before a merge during the convergence that would move
// points already given, the console says how many points go back to how many tables, and why for
// each (the table wrote one of the merged ideas, or had more than the cap on them); « Annuler »
// leaves everything as it was; the same merge from a « Regrouper ? » suggestion asks the same, and
// « Regrouper quand même » merges, the server handing back exactly what was announced. A merge that moves nothing is made at once. Screenshots: console-merge-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CliTable, targetIds } from "./lib/animateur.mjs";
import { createInConsole, nextPhase, viewShot } from "./lib/console.mjs";
import { eventually, eventuallyEqual, expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

/** Points spent per table, from the console's progress table: { "Table 1 — Lilas": 3, … }. */
async function spent(page) {
  return page.locator("#progress-table tbody tr").evaluateAll((rows) => Object.fromEntries(rows.map((r) =>
    [r.querySelector("th").textContent.trim(), Number(/^([0-9]+) sur/.exec(r.querySelectorAll("td")[2].textContent.trim())[1])])));
}

test("the console warns before a merge that hands points back, with the points and tables", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  const w = await createInConsole(page, { template: "ideation", question: "Comment faire vivre la salle municipale ?" });
  const [lilas, tilleuls, platanes, chenes] = ["Lilas", "Tilleuls", "Platanes", "Chênes"].map((n) => CliTable.join(server, w.joinCode, n));
  await nextPhase(page, "Divergence");
  lilas.post("Un repair café le samedi matin");
  tilleuls.post("Un repair café une fois par mois");
  platanes.post("Une grainothèque");
  platanes.post("Une bourse aux graines");
  await page.locator("#wall-list > li").nth(3).waitFor();
  await nextPhase(page, "Regroupement");
  await nextPhase(page, "Convergence");
  const id = await targetIds(server, w.workshopId, w.token);
  const samedi = id["Un repair café le samedi matin"];
  const mois = id["Un repair café une fois par mois"];
  const graines = id["Une grainothèque"];
  lilas.points({ [mois]: 2, [graines]: 1 }); // wrote « samedi »: the repair café cluster is its own
  tilleuls.points({ [samedi]: 3 }); // wrote « mois »
  platanes.points({ [samedi]: 3, [mois]: 3 }); // 6 on the two, 3 at most on the cluster
  chenes.points({ [samedi]: 1, [mois]: 1, [graines]: 1 }); // 2 on the two: kept
  await eventuallyEqual(() => spent(page), {
    "Table 1 — Lilas": 3, "Table 2 — Tilleuls": 3, "Table 3 — Platanes": 6, "Table 4 — Chênes": 3,
  }, "the console to show the points given");

  // The two repair cafés: 8 points go back to 3 tables; each line says why.
  const merge = async () => {
    await page.getByLabel("Sélectionner : Un repair café le samedi matin").check();
    await page.getByLabel("Sélectionner : Un repair café une fois par mois").check();
    await page.getByLabel("Titre du regroupement").fill("Repair café");
    await page.locator("#merge-selection").click();
  };
  await merge();
  const dialog = page.getByRole("dialog", { name: "Ce regroupement va rendre des points" });
  await dialog.waitFor();
  const text = (s) => s.replaceAll("\u00a0", " ");
  assert.equal(text(await dialog.locator("#merge-warning-summary").textContent()),
    "Des tables ont déjà donné des points à ces idées. Regrouper « Repair café » rend 8 points à 3 tables :");
  assert.deepEqual((await dialog.locator("#merge-warning-tables li").allTextContents()).map(text), [
    "Table 1 — Lilas : 2 points rendus, car le regroupement contient une de ses idées : une table ne vote pas pour ses propres idées.",
    "Table 2 — Tilleuls : 3 points rendus, car le regroupement contient une de ses idées : une table ne vote pas pour ses propres idées.",
    "Table 3 — Platanes : 3 points rendus : elle en avait mis 6 sur ces idées, et une table met au plus 3 points sur une même idée.",
  ]);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Annuler", "the safe choice has the focus");
  await expectAccessible(page, "console: merge warning");
  await viewShot(page, "console-merge-warning-1366x768");
  await resize(page, { width: 390, height: 844 });
  await viewShot(page, "console-merge-warning-390x844");
  await resize(page, { width: 1366, height: 768 });

  // « Annuler »: no merge, no point moved, the selection kept.
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.locator("#wall-list > li.cluster").count(), 0);
  assert.ok(await page.getByLabel("Sélectionner : Un repair café le samedi matin").isChecked(), "the selection is kept");
  const before = await server.results(w.workshopId, w.token);
  assert.equal(before.participation.pointsSpent, 15);

  // The same merge from the « Regrouper ? » suggestion asks the same; « Regrouper quand même »:
  // the server hands back what was announced.
  await page.getByRole("button", { name: /^Regrouper « Un repair café .* » avec « Un repair café .* »$/ }).click();
  await dialog.locator("#merge-warning-summary").filter({ hasText: /rend 8\spoints à 3\stables/ }).waitFor();
  await dialog.getByRole("button", { name: "Regrouper quand même" }).click();
  await page.locator("#wall-list > li.cluster", { hasText: "Un repair café" }).waitFor();
  await eventuallyEqual(() => spent(page), {
    "Table 1 — Lilas": 1, "Table 2 — Tilleuls": 0, "Table 3 — Platanes": 3, "Table 4 — Chênes": 3,
  }, "each table's points after the merge");
  const after = await server.results(w.workshopId, w.token);
  assert.equal(after.participation.pointsSpent, 15 - 8, "8 points handed back");
  assert.equal(after.points.find((p) => p.isCluster).points, 3 + 2, "Platanes keeps 3, Chênes 2");

  // Nothing moves (the two grainothèque ideas: only other tables' points, within the cap): no question.
  await page.getByLabel("Sélectionner : Une grainothèque").check();
  await page.getByLabel("Sélectionner : Une bourse aux graines").check();
  await page.getByLabel("Titre du regroupement").fill("Graines");
  await page.locator("#merge-selection").click();
  await page.locator("#wall-list > li.cluster", { hasText: "Graines" }).waitFor();
  assert.equal(await dialog.isVisible(), false, "no warning when nothing moves");
  assert.equal((await server.results(w.workshopId, w.token)).participation.pointsSpent, 7);
  assert.deepEqual(page.errors, []);
});
