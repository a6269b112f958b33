// Deleting a workshop from the console: the confirmation dialog offers the archive first and
// asks for a typed word; once deleted, the table's tablet and the observer screen say that the
// workshop was deleted, and its results are gone from the server. Screenshots of the dialog at
// four screen sizes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInConsole } from "./lib/console.mjs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expectAccessible, joinTable, openDevice, resize, screenshot, screenshotDir, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

test("the animateur deletes the workshop after downloading its archive; tablets and observers are told", async () => {
  const { server, browser } = env;
  const console_ = await openDevice(browser, "laptop", `${server.base}/console`);
  const w = await createInConsole(console_, { template: "ideation", question: "Que faire de l'ancienne école ?" });
  const table = await joinTable(env, w.joinCode, "Les voisins");
  const observer = await openDevice(browser, "projector", w.observerUrl);
  await observer.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  await console_.getByRole("button", { name: "Supprimer l'atelier…" }).click();
  const dialog = console_.getByRole("dialog", { name: "Supprimer définitivement cet atelier ?" });
  await dialog.waitFor();
  await expectAccessible(console_, "console: delete confirmation");
  mkdirSync(screenshotDir, { recursive: true });
  for (const [width, height] of [[1024, 768], [390, 844], [1366, 768], [1920, 1080]]) {
    await resize(console_, { width, height });
    await console_.screenshot({ path: join(screenshotDir, `console-delete-${width}x${height}.png`) });
  }
  await resize(console_, { width: 1366, height: 900 });

  // The archive first.
  const [download] = await Promise.all([
    console_.waitForEvent("download"),
    dialog.getByRole("button", { name: "Télécharger l'archive d'abord" }).click(),
  ]);
  assert.match(download.suggestedFilename(), new RegExp(`^atelier-${w.workshopId}-[0-9]+\\.atelier-archive$`));
  await dialog.getByText("Archive téléchargée.").waitFor();

  // Nothing happens until the word is typed.
  const confirm = dialog.getByRole("button", { name: "Supprimer définitivement" });
  assert.equal(await confirm.isDisabled(), true);
  await dialog.getByLabel("Pour confirmer, tapez SUPPRIMER :").fill("supprime");
  assert.equal(await confirm.isDisabled(), true);
  await dialog.getByLabel("Pour confirmer, tapez SUPPRIMER :").fill("SUPPRIMER");
  await confirm.click();
  await console_.getByRole("alert").filter({ hasText: "Cet atelier a été supprimé" }).waitFor();

  await table.getByText("Cet atelier a été supprimé.").waitFor();
  await observer.getByRole("alert").filter({ hasText: "Cet atelier a été supprimé." }).waitFor();
  await screenshot(table, "table-deleted");
  // The tablet does not keep trying, and forgot the workshop: the join form is back, the reason
  // said at the code (not replaced by "no workshop has this code" when the form looks it up).
  assert.equal(await table.getByLabel("Code de l'atelier").isVisible(), true);
  await table.locator("#join-error", { hasText: "Cet atelier a été supprimé." }).waitFor();
  const status = await console_.evaluate(async ({ id, token }) => {
    const res = await fetch(`/api/workshops/${id}/results`, { headers: { Authorization: `Bearer ${token}` } });
    return res.status;
  }, { id: w.workshopId, token: w.token });
  assert.equal(status, 404);
  assert.deepEqual(console_.errors.filter((e) => !/404/.test(e)), []);
  // The join form looks the code up (GET /api/join/CODE): 404 now, which Chromium logs.
  assert.deepEqual(table.errors.filter((e) => !/404/.test(e)), []);
});
