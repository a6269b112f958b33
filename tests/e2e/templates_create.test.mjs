// The console's create form starts with « Choisir une méthode » (issue 14): the nine methods as
// cards (GET /api/templates). Choosing one fills the form (question, agenda with its ballots,
// profiles, categories, stages and lanes, criteria, ideas), every field still editable; each of
// the nine is created from its card and read back as the server keeps it. The server's refusal
// of a profile or a facet is shown by the field. Screenshots: templates-create-*.png.
//
// A server without GET /api/templates yet: the page is answered the unit tests' fixture
// (clients/web/test/fixtures/templates.json), and the server still checks every configuration.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, repoRoot, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const cli = process.env.ATELIER_CLI ?? join(repoRoot, "build/clients/cli/atelier");
const fixture = JSON.parse(readFileSync(join(repoRoot, "clients/web/test/fixtures/templates.json"), "utf8"));

/** The methods the console will list: the server's, or the fixture where it has none yet. */
async function methods(server, page) {
  const res = await fetch(`${server.base}/api/templates`);
  if (res.ok) return (await res.json()).templates;
  await page.route("**/api/templates", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(fixture) }));
  return fixture.templates;
}

/** The workshop's configuration as the server keeps it (the animateur's snapshot). */
function serverConfig(server, workshopId, token) {
  const out = execFileSync(cli, ["join", "--server", `127.0.0.1:${server.port}`, "--json", "--animateur", workshopId, token], { encoding: "utf8" });
  return JSON.parse(out).snapshot.config;
}

/** What a configuration's agenda says, to compare the template with the created workshop. */
const agendaOf = (config) => (config.agenda ?? []).map((s) => ({
  kind: s.kind, title: s.title ?? "", ballot: s.ballot?.kind ?? null,
  categories: (s.categories ?? []).map((f) => f.name), stages: (s.stages ?? []).map((f) => f.name), lanes: (s.lanes ?? []).map((f) => f.name),
}));

test("each of the nine methods is created from its card, as its template says", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop");
  await resize(page, { width: 1366, height: 768 });
  const list = await methods(server, page);
  assert.equal(list.length, 9);
  for (const tpl of list) {
    await page.goto(`${server.base}/console`);
    const card = page.getByRole("radio", { name: tpl.title, exact: true });
    // The form opens on the first method; choosing it means coming back to it.
    if (await card.isChecked()) await page.getByRole("radio", { name: list[1].title, exact: true }).check();
    await card.check();
    const c = tpl.workshop.config;
    assert.equal(await page.getByLabel("Question posée aux participants").inputValue(), c.question, `${tpl.key}: its question`);
    // The step of ideas whose facets the method sets (its number in the agenda).
    const faceted = (c.agenda ?? []).findIndex((s) => (s.categories ?? []).length + (s.stages ?? []).length > 0) + 1;
    if (tpl.key === "cartes-de-role") {
      const categories = c.agenda[faceted - 1].categories;
      assert.equal(await page.getByLabel("Nom du profil 1").inputValue(), c.profiles[0].name);
      assert.equal(await page.getByLabel(`Nom de la catégorie 2 (étape ${faceted})`).inputValue(), categories[1].name);
      assert.equal(await page.getByLabel(`Couleur de la catégorie 1 (étape ${faceted})`).inputValue(), categories[0].colour);
      await page.locator("#create-profiles").scrollIntoViewIfNeeded();
      await viewShot(page, "templates-create-roles-1366x768");
      await expectAccessible(page, "console: create form, role cards");
    }
    if (tpl.key === "parcours-usager") {
      assert.equal(await page.getByLabel("Échelle du critère 1").inputValue(), "smileys");
      await page.locator(`#facets-${faceted}`).scrollIntoViewIfNeeded();
      await viewShot(page, "templates-create-journey-1366x768");
    }
    await page.getByRole("button", { name: "Créer l'atelier" }).click();
    await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
    const workshopId = new URL(page.url()).searchParams.get("workshop");
    const token = await page.evaluate((id) => localStorage.getItem(`atelier.console.${id}`), workshopId);
    const kept = serverConfig(server, workshopId, token);
    assert.deepEqual(agendaOf(kept), agendaOf(c), `${tpl.key}: the agenda as created`);
    assert.deepEqual((kept.profiles ?? []).map((p) => p.name), (c.profiles ?? []).map((p) => p.name), `${tpl.key}: the profiles`);
    assert.deepEqual((kept.criteria ?? []).map((x) => [x.name, x.scale ?? "SCALE_NUMBERS", x.weight ?? 1]),
      (c.criteria ?? []).map((x) => [x.name, x.scale ?? "SCALE_NUMBERS", x.weight ?? 1]), `${tpl.key}: the criteria`);
  }
  assert.deepEqual(page.errors, []);
});

test("the cards at a glance, then a method's fields edited and the server's refusal shown by the field", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop");
  await resize(page, { width: 1366, height: 768 });
  const list = await methods(server, page);
  await page.goto(`${server.base}/console`);
  await page.locator(".method-card").nth(8).waitFor();
  assert.equal(await page.locator(".method-card").count(), 9);
  await page.locator("#methods").scrollIntoViewIfNeeded();
  await viewShot(page, "templates-create-cards-1366x768");
  await expectAccessible(page, "console: method cards");
  const sprint = list.find((x) => x.key === "sprint");
  await page.getByRole("radio", { name: sprint.title, exact: true }).check();
  // A question typed by the animateur stays when another method is chosen.
  await page.getByLabel("Question posée aux participants").fill("Comment accueillir les nouveaux habitants ?");
  const roles = list.find((x) => x.key === "cartes-de-role");
  await page.getByRole("radio", { name: roles.title, exact: true }).check();
  assert.equal(await page.getByLabel("Question posée aux participants").inputValue(), "Comment accueillir les nouveaux habitants ?");
  // A profile added without a name: the server refuses it, and says so by the profiles.
  await page.getByRole("button", { name: "Ajouter un profil" }).click();
  await page.getByLabel("Nom du profil 5").waitFor();
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  const error = page.locator("#create-profiles .field-error");
  await error.waitFor();
  assert.match(await error.textContent(), /profiles: every profile needs a name/);
  await viewShot(page, "templates-create-refused-1366x768");
  await page.getByLabel("Nom du profil 5").fill("Habitant");
  // A category added to the method's, named, with its colour: the server keeps it.
  const n = roles.workshop.config.agenda.findIndex((s) => (s.categories ?? []).length > 0) + 1;
  const categories = roles.workshop.config.agenda[n - 1].categories;
  await page.locator(`#facets-${n}`).getByRole("button", { name: "Ajouter une catégorie" }).click();
  await page.getByLabel(`Nom de la catégorie ${categories.length + 1} (étape ${n})`).fill("Craintes");
  await page.getByLabel(`Couleur de la catégorie ${categories.length + 1} (étape ${n})`).selectOption({ label: "bleu" });
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  const workshopId = new URL(page.url()).searchParams.get("workshop");
  const token = await page.evaluate((id) => localStorage.getItem(`atelier.console.${id}`), workshopId);
  const kept = serverConfig(server, workshopId, token);
  assert.deepEqual(kept.profiles.map((p) => p.name), [...roles.workshop.config.profiles.map((p) => p.name), "Habitant"]);
  assert.deepEqual(kept.agenda[n - 1].categories.map((f) => [f.name, f.colour]), [...categories.map((f) => [f.name, f.colour]), ["Craintes", "#cfe3ff"]]);
  assert.deepEqual(page.errors, ["Failed to load resource: the server responded with a status of 400 (Bad Request)"], "only the refusal");
});

test("in English, the cards name the methods in English", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop");
  await resize(page, { width: 1366, height: 768 });
  await methods(server, page);
  await page.goto(`${server.base}/console?lang=en`);
  await page.getByRole("radio", { name: "Role cards", exact: true }).waitFor();
  await page.getByRole("radio", { name: "Satisfaction barometer", exact: true }).check();
  assert.equal(await page.getByLabel("Scale of criterion 1").inputValue(), "smileys");
  assert.deepEqual(page.errors, []);
});
