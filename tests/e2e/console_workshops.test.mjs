// /console lists the workshops this browser created (issue 12): a closed tab is not a lost
// workshop. Two workshops are created from the console; after the tab is closed, /console in the
// same browser lists them newest first, each opening its console; one is forgotten here (with a
// confirmation) and stays whole on the server. Screenshots: console-workshops-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInConsole, horizontalOverflow, viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const first = "Comment optimiser l'utilisation de la salle municipale ?";
const second = "Quelles idées retenir pour la salle municipale ?";

/** A new tab in the same browser (same storage), collecting its errors as openDevice does. */
async function newTab(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  return page;
}

test("the console lists this browser's workshops, opens them, and forgets one", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByRole("heading", { name: "Créer un atelier" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Vos ateliers" }).count(), 0, "no list before a first workshop");
  const a = await createInConsole(page, { template: "ideation", question: first });
  const context = page.context();
  await page.close();

  // The tab is closed; /console in the same browser lists the workshop.
  let home = await newTab(context, `${server.base}/console`);
  let list = home.locator("#workshops");
  await list.getByRole("heading", { name: "Vos ateliers" }).waitFor();
  await list.getByRole("link", { name: first }).waitFor();
  assert.match(await list.locator("li").first().textContent(), /Idéation · créé le /);
  const b = await createInConsole(home, {
    template: "evaluation", question: second, ideas: ["Un repair café", "Un planning partagé"],
  });
  await home.close();

  home = await newTab(context, `${server.base}/console`);
  list = home.locator("#workshops");
  await list.getByRole("link", { name: second }).waitFor();
  const links = await home.locator("#workshops a.workshop-open").allTextContents();
  assert.deepEqual(links, [second, first], "newest first");
  assert.match(await home.locator("#workshops li").first().textContent(), /Évaluation · créé le /);
  assert.equal(await home.locator("#workshops a.workshop-open").first().getAttribute("href"), `/console?workshop=${b.workshopId}`,
    "the link names the workshop, not its secret");
  await expectAccessible(home, "console: workshop list");
  await viewShot(home, "console-workshops-1366x768");
  await resize(home, { width: 390, height: 844 });
  assert.equal(await horizontalOverflow(home), 0, "no horizontal scroll at 390");
  await viewShot(home, "console-workshops-390x844");
  await resize(home, { width: 1366, height: 768 });

  // Each opens its console (the token is in this browser).
  await home.getByRole("link", { name: first }).click();
  await home.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  assert.equal(new URL(home.url()).searchParams.get("workshop"), a.workshopId);
  assert.equal((await home.locator("#join-code").textContent()).replace(/\s/g, ""), a.joinCode);
  assert.equal(await home.locator("h1#question").textContent(), first);
  // and the console leads back to the list.
  await home.getByRole("link", { name: "Mes ateliers" }).click();
  await list.getByRole("link", { name: second }).waitFor();

  // Forgetting asks first; « Garder » keeps it.
  await home.getByRole("button", { name: `Oublier « ${second} »` }).click();
  const confirm = home.getByRole("group", { name: `Oublier « ${second} »` });
  await confirm.getByText("Il reste sur le serveur").waitFor();
  await viewShot(home, "console-workshops-forget-1366x768");
  await confirm.getByRole("button", { name: "Garder" }).click();
  await home.getByRole("button", { name: `Oublier « ${second} »` }).waitFor();
  await home.getByRole("button", { name: `Oublier « ${second} »` }).click();
  await confirm.getByRole("button", { name: "Oublier dans ce navigateur" }).click();
  await home.getByRole("status").or(home.locator("#live")).filter({ hasText: "est oublié dans ce navigateur" }).waitFor({ state: "attached" });
  assert.deepEqual(await home.locator("#workshops a.workshop-open").allTextContents(), [first]);
  assert.equal(await home.evaluate((id) => localStorage.getItem(`atelier.console.${id}`), b.workshopId), null, "its secret is gone from this browser");
  const stillThere = await server.results(b.workshopId, b.token);
  assert.equal(stillThere.evaluations.length, 2, "the workshop is whole on the server");

  // After a reload the list is the same.
  await home.reload();
  await list.getByRole("link", { name: first }).waitFor();
  assert.deepEqual(await home.locator("#workshops a.workshop-open").allTextContents(), [first]);
  assert.deepEqual(home.errors, []);
});
