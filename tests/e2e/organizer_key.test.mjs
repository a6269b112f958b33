// A server with organizer keys: the console asks for the key the first time the server wants
// one, remembers it for the next workshop, and asks again once the key is withdrawn.
import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { expectAccessible, openDevice, useServerAndBrowser } from "./lib/harness.mjs";

const dir = mkdtempSync(join(tmpdir(), "atelier-keys-"));
const keysFile = join(dir, "keys.txt");
const jeunesse = "jeunesse-8c1d0e3f1b7a4e52";
const culture = "culture-Zq2uV9rT4kLx8wN3";
writeFileSync(keysFile, `jeunesse ${jeunesse}\nculture ${culture}\n`);
const env = useServerAndBrowser({ args: ["--organizer-keys", keysFile] });
after(() => rmSync(dir, { recursive: true, force: true }));

async function fillAndCreate(page, question) {
  await page.getByLabel("Question posée aux participants").fill(question);
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
}

test("the console asks for the organizer key once, keeps it, and asks again when it is withdrawn", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await fillAndCreate(page, "Comment animer la place du marché ?");
  await page.getByRole("alert").filter({ hasText: "demande une clé d'organisateur" }).waitFor();
  await expectAccessible(page, "console: organizer key prompt");
  await page.getByLabel("Votre clé d'organisateur").fill(jeunesse);
  await page.getByRole("button", { name: "Valider la clé" }).click();
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("atelier.organizerKey")), jeunesse);

  // The next workshop from this browser: no question asked. Its rules are 20 points, 2 at most
  // per idea: the method note, left as proposed, states them, and so does the big screen.
  await page.goto(`${server.base}/console`);
  await page.getByLabel("Points par votant (étape 4)", { exact: true }).fill("20");
  await page.getByLabel("Au plus sur une même idée (étape 4)", { exact: true }).fill("2");
  assert.match(await page.locator("#create-method").inputValue(), /répartit 20 points \(2 au plus par idée/);
  await fillAndCreate(page, "Quels horaires pour la médiathèque ?");
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  const observerHref = await page.locator('a[href^="/observer?code="]').first().getAttribute("href");
  const observer = await openDevice(browser, "projector", `${server.base}${observerHref}`);
  await observer.locator("#method").filter({ hasText: "20 points (2 au plus par idée" }).waitFor();
  assert.doesNotMatch(await observer.locator("#method").textContent(), /30 points|3 au plus/);

  // The administrator withdraws jeunesse's key: the console says so and asks again.
  writeFileSync(`${keysFile}.new`, `culture ${culture}\n`);
  renameSync(`${keysFile}.new`, keysFile);
  await new Promise((r) => setTimeout(r, 1200)); // the server reads the file at most once a second
  await page.goto(`${server.base}/console`);
  await fillAndCreate(page, "Où planter les arbres de la rue ?");
  await page.getByRole("alert").filter({ hasText: "Cette clé n'est pas valable" }).waitFor();
  await page.getByLabel("Votre clé d'organisateur").fill(culture);
  await page.getByRole("button", { name: "Valider la clé" }).click();
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("atelier.organizerKey")), culture);
  assert.deepEqual(page.errors.filter((e) => !/401/.test(e)), []);
});
