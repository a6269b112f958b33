// Joining from a 390x844 phone. Issue 12, bug 8: a phone could join an ideation workshop as a
// "seat" and wait for ever for an evaluation; the form now asks « Avec quel appareil ? » only in a
// workshop that scores individually (GET /api/join/{code} says), and asks everything when the
// server cannot say. Bug 9: after « Cette place est déjà prise », the phone's seat form came back
// with its numbers empty; it now keeps the code, the table and the seat, with the seat (the
// number to change) focused and why under it, in view.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, description, evaluation, ideation, joinAt, openAt, shot } from "./lib/tablet.mjs";

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

test("« Avec quel appareil ? » is asked only where there is individual scoring", async () => {
  const { server, browser } = env;
  const { created: idea } = await ideation(server, "Comment optimiser l'utilisation de la salle municipale ?");
  const { created: evalu } = await evaluation(server, "Concertation sur l'accueil des réfugiés dans notre ville",
    ["Héberger des familles chez l'habitant"], criteria);

  // An ideation, opened with the phones' link: no device question, the table's fields, the question.
  const phone = await openAt(browser, "phone", `${server.base}/?code=${idea.joinCode}&phone=1`);
  await phone.getByText("Atelier : « Comment optimiser l'utilisation de la salle municipale ? »").waitFor();
  assert.equal(await phone.getByText("Avec quel appareil ?").isVisible(), false, "no device question in an ideation");
  assert.equal(await phone.getByLabel("Numéro de votre place").isVisible(), false, "no seat to pick");
  await phone.getByLabel("Nom de la table (facultatif)").fill("Table des Lilas");
  await expectAccessible(phone, "phone: joining an ideation");
  await shot(phone, "tablet-join-ideation");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await phone.locator("#table-name").filter({ hasText: "Table des Lilas (table 1)" }).waitFor();

  // Typed code first: only the code and « Continuer »; the rest once the code is known.
  const typed = await openAt(browser, "phone", `${server.base}/`);
  await typed.getByLabel("Code de l'atelier").waitFor();
  assert.equal(await typed.getByRole("button", { name: "Continuer" }).count(), 1);
  assert.equal(await typed.getByLabel("Nom de la table (facultatif)").isVisible(), false, "nothing else before the code");
  const wrong = idea.joinCode === "11111111" ? "22222222" : "11111111";
  await typed.getByLabel("Code de l'atelier").fill(wrong);
  await typed.locator("#join-error").filter({ hasText: "Aucun atelier ne correspond à ce code" }).waitFor();
  assert.equal(await typed.getByLabel("Nom de la table (facultatif)").isVisible(), false);
  await typed.getByLabel("Code de l'atelier").fill(evalu.joinCode);
  // An evaluation: the device question, and a phone scores as a seat.
  await typed.getByText("Avec quel appareil ?").waitFor();
  assert.equal(await typed.locator("#join-error").count(), 0, "the error goes with the wrong code");
  await typed.getByText("Atelier : « Concertation sur l'accueil des réfugiés dans notre ville »").waitFor();
  await typed.getByRole("radio", { name: /Je note avec mon téléphone/ }).check();
  await typed.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await typed.getByLabel("Numéro de votre place").fill("1");
  await expectAccessible(typed, "phone: joining an evaluation");
  await shot(typed, "tablet-join-evaluation");
  await joinAt(env, "tablet", evalu.joinCode, "Table des Roses");
  await typed.getByRole("button", { name: "Rejoindre" }).click();
  await typed.locator("#table-name").filter({ hasText: "Table 1 · place 1" }).waitFor();

  // When the server cannot say (too many attempts from this address), everything is asked.
  const fallback = await openAt(browser, "phone");
  await fallback.route("**/api/join/**", (route) => route.fulfill({ status: 429, contentType: "application/json",
    body: JSON.stringify({ code: "overloaded", message: "too many attempts" }) }));
  await fallback.goto(`${server.base}/?code=${idea.joinCode}`);
  await fallback.getByText("Avec quel appareil ?").waitFor();
  await fallback.getByLabel("Nom de la table (facultatif)").waitFor();
  // And a phone asking for a seat in an ideation is refused by the server, said at the code.
  await fallback.getByRole("radio", { name: /Je note avec mon téléphone/ }).check();
  await fallback.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await fallback.getByLabel("Numéro de votre place").fill("2");
  await fallback.getByRole("button", { name: "Rejoindre" }).click();
  const refused = fallback.locator("#join-error").filter({ hasText: "Cet atelier ne se note pas chacun sur son téléphone" });
  await refused.waitFor();
  await assertInViewport(refused, "why the phone was refused");
  await shot(fallback, "tablet-join-no-seats");
  // The browser logs the lookups answered 404 (the wrong code) and 429 (the fallback): expected.
  const expected = /^Failed to load resource: the server responded with a status of (404 \(Not Found\)|429 \(Too Many Requests\))$/;
  assert.deepEqual([...phone.errors, ...typed.errors, ...fallback.errors].filter((e) => !expected.test(e)), []);
});
