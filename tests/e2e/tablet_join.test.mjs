// Joining from a 390x844 phone. Issue 12, bug 9: after « Cette place est déjà prise », the
// phone's seat form came back with its numbers empty; it now keeps the code, the table and the
// seat, with the seat (the number to change) focused and why under it, in view.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, description, evaluation, joinAt, openAt, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const criteria = [{ id: 1, name: "Acceptabilité", lowLabel: "inacceptable", highLabel: "très acceptable", maxValue: 10 }];

/** A phone opening /?code=…&phone=1 and asking for `seat` at `table`. */
async function phoneAsks(page, table, seat) {
  await page.getByLabel("Numéro de la table", { exact: true }).fill(String(table));
  await page.getByLabel("Numéro de votre place").fill(String(seat));
  await page.getByRole("button", { name: "Rejoindre" }).click();
}

test("a phone refused a seat already taken gets its form back as it typed it", async () => {
  const { server, browser } = env;
  const { created } = await evaluation(server, "Concertation sur l'accueil des réfugiés dans notre ville",
    ["Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal"], criteria);
  await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const first = await openAt(browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phoneAsks(first, 1, 2);
  await first.getByRole("status").filter({ hasText: "Connecté" }).waitFor();

  const second = await openAt(browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phoneAsks(second, 1, 2);
  await second.getByRole("alert").filter({ hasText: "Cette place est déjà prise" }).waitFor();
  const shownCode = `${created.joinCode.slice(0, 4)} ${created.joinCode.slice(4)}`;
  assert.equal(await second.getByLabel("Code de l'atelier").inputValue(), shownCode, "the code is kept");
  assert.ok(await second.getByRole("radio", { name: /Je note avec mon téléphone/ }).isChecked(), "still a phone");
  assert.equal(await second.getByLabel("Numéro de la table", { exact: true }).inputValue(), "1", "the table is kept");
  assert.equal(await second.getByLabel("Numéro de votre place").inputValue(), "2", "the seat is kept");
  assert.equal(await second.evaluate(() => document.activeElement?.id), "join-seat", "the seat number, to change, has the focus");
  // Said under that field, in view, and as its description.
  await assertInViewport(second.locator("#join-error"), "why the seat was refused");
  assert.equal(await description(second.getByLabel("Numéro de votre place")),
    "Cette place est déjà prise (par la tablette de la table ou un autre téléphone) : choisissez un autre numéro de place, ou notez sur la tablette. "
    + "1, 2 ou 3 : la tablette de votre table ne doit pas déjà noter pour cette place.");
  await expectAccessible(second, "phone: seat taken");
  await shot(second, "tablet-join-seat-taken");

  // Another number, and it joins.
  await second.getByLabel("Numéro de votre place").fill("3");
  await second.getByRole("button", { name: "Rejoindre" }).click();
  await second.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await second.locator("#table-name").filter({ hasText: "Table 1 · place 3" }).waitFor();
  assert.deepEqual([...first.errors, ...second.errors], []);
});
