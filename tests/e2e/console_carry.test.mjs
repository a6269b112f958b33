// The carry-over form (issue 12): an evaluation made from an ideation's best ideas names the
// ideation by its question (picked among this browser's workshops, never an id to paste), shows
// which ideas it will carry before anything is created (the first N of that workshop's results
// with points, read with its token), and opens the new console in its own tab: the ideation's
// console stays where it was, and both are in /console's list. Screenshots: console-carry-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CliTable, targetIds } from "./lib/animateur.mjs";
import { createInConsole, horizontalOverflow, nextPhase, viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();
const ideation = "Comment optimiser l'utilisation de la salle municipale ?";
const evaluation = "Quelles idées retenir pour la salle municipale ?";

/** The preview as shown: [text, points] per carried idea (or criterion taken), in order. */
async function preview(page, list = "#carry-preview") {
  return page.locator(`${list} li`).evaluateAll((items) => items.map((li) => {
    const m = /^(.*) — ([0-9]+) points?$/.exec(li.textContent.trim());
    return m ? [m[1], Number(m[2])] : [li.textContent.trim(), -1];
  }));
}

test("the carry-over names the ideation, shows the ideas it carries, and keeps the old console", async () => {
  const { server, browser } = env;
  const console_ = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(console_, { width: 1366, height: 768 });
  const w = await createInConsole(console_, { template: "ideation", question: ideation });
  const [lilas, tilleuls, platanes] = ["Lilas", "Tilleuls", "Platanes"].map((n) => CliTable.join(server, w.joinCode, n));
  await nextPhase(console_, "Divergence");
  lilas.post("Un repair café le samedi matin");
  lilas.post("Une grainothèque");
  tilleuls.post("Ouvrir la salle aux associations le soir");
  tilleuls.post("Un ciné-club le vendredi soir");
  platanes.post("Des cours de cuisine entre générations");
  await console_.locator("#wall-list > li").nth(4).waitFor();
  await nextPhase(console_, "Regroupement");
  await nextPhase(console_, "Convergence");
  const id = await targetIds(server, w.workshopId, w.token);
  // Ouvrir 6, cuisine 5, repair café 3, ciné-club 1; the grainothèque gets nothing.
  lilas.points({ [id["Ouvrir la salle aux associations le soir"]]: 3, [id["Des cours de cuisine entre générations"]]: 3 });
  tilleuls.points({ [id["Un repair café le samedi matin"]]: 3, [id["Des cours de cuisine entre générations"]]: 2 });
  platanes.points({ [id["Ouvrir la salle aux associations le soir"]]: 3, [id["Un ciné-club le vendredi soir"]]: 1 });
  await console_.locator("#points-results li").filter({ hasText: "6 pts" }).waitFor();
  await nextPhase(console_, "Conclusion");

  // The form opens in a new tab, set for an evaluation from this ideation, named by its question.
  const [form] = await Promise.all([console_.waitForEvent("popup"), console_.getByRole("link", { name: /Créer l'évaluation avec les meilleures idées/ }).click()]);
  form.errors = [];
  form.on("pageerror", (e) => form.errors.push(String(e)));
  await form.getByRole("radio", { name: "Évaluation" }).waitFor();
  assert.ok(await form.getByRole("radio", { name: "Évaluation" }).isChecked());
  const source = form.getByLabel("Atelier d'idéation");
  assert.equal(await source.inputValue(), w.workshopId);
  assert.match(await source.locator("option:checked").textContent(), new RegExp(`^${ideation.replace(/[?]/g, "\\?")} \\(`),
    "the source is named by its question");
  assert.equal(await form.getByText(w.workshopId).count(), 0, "no workshop id to read or paste");
  // Five asked, four have points: the four, most points first, with their points.
  await form.locator("#carry-status").filter({ hasText: "Seulement 4 idées ont reçu des points" }).waitFor();
  assert.deepEqual(await preview(form), [
    ["Ouvrir la salle aux associations le soir", 6],
    ["Des cours de cuisine entre générations", 5],
    ["Un repair café le samedi matin", 3],
    ["Un ciné-club le vendredi soir", 1],
  ]);
  await form.getByLabel("Nombre d'idées reprises").fill("2");
  await form.locator("#carry-status").filter({ hasText: "Ces 2 idées seront reprises" }).waitFor();
  assert.deepEqual((await preview(form)).map(([text]) => text), ["Ouvrir la salle aux associations le soir", "Des cours de cuisine entre générations"]);
  await form.locator("#carry-preview").scrollIntoViewIfNeeded();
  await viewShot(form, "console-carry-form-1366x768");
  await expectAccessible(form, "console: carry-over form");
  await resize(form, { width: 390, height: 844 });
  assert.equal(await horizontalOverflow(form), 0, "no horizontal scroll at 390");
  await form.locator("#carry-preview").scrollIntoViewIfNeeded();
  await viewShot(form, "console-carry-form-390x844");
  await resize(form, { width: 1366, height: 768 });

  // Criteria may come from a workshop held to define them (000:1697): here the same ideation's
  // best idea, after the three typed ones; shown before anything is created.
  await form.getByLabel("Atelier sur les critères").selectOption(w.workshopId);
  await form.locator("#criteria-from-status").filter({ hasText: "Ces 3 idées deviendront des critères" }).waitFor();
  await form.getByLabel("Nombre de critères pris").fill("1");
  await form.locator("#criteria-from-status").filter({ hasText: "Cette idée deviendra un critère" }).waitFor();
  assert.deepEqual(await preview(form, "#criteria-from-preview"), [["Ouvrir la salle aux associations le soir", 6]]);
  await form.locator("#criteria-from-preview").scrollIntoViewIfNeeded();
  await viewShot(form, "console-criteria-from-1366x768");
  await expectAccessible(form, "console: criteria taken from a workshop");

  // Created: the new console in this tab; the ideation's console is where it was.
  await form.getByLabel("Question posée aux participants").fill(evaluation);
  await form.getByRole("button", { name: "Créer l'atelier" }).click();
  await form.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  const evaluationId = new URL(form.url()).searchParams.get("workshop");
  assert.notEqual(evaluationId, w.workshopId);
  const token = await form.evaluate((x) => localStorage.getItem(`atelier.console.${x}`), evaluationId);
  const carried = await server.results(evaluationId, token);
  assert.deepEqual(carried.evaluations.map((e) => e.text).sort(),
    ["Des cours de cuisine entre générations", "Ouvrir la salle aux associations le soir"], "the ideas shown are the ideas carried");
  const data = await (await fetch(`${server.base}/api/workshops/${evaluationId}/data.json`, { headers: { authorization: `Bearer ${token}` } })).json();
  assert.deepEqual(data.config.criteria.map((c) => c.name), ["acceptabilité", "coût", "humanisme", "Ouvrir la salle aux associations le soir"],
    "the criterion shown is the criterion taken, after the typed ones");
  assert.deepEqual([data.config.criteria[3].origin.workshopId, data.config.criteria[3].origin.points], [w.workshopId, 6]);
  assert.equal(data.config.criteria[0].origin, undefined);
  assert.equal(new URL(console_.url()).searchParams.get("workshop"), w.workshopId, "the ideation's console is still open");
  await console_.locator("#phase").filter({ hasText: "Conclusion" }).waitFor();
  assert.equal(await console_.getByRole("status").filter({ hasText: "Connecté" }).count(), 1);

  // Both are in this browser's list; from there, the evaluation form offers the ideation by name.
  const home = await console_.context().newPage();
  await home.goto(`${server.base}/console`);
  assert.deepEqual(await home.locator("#workshops a.workshop-open").allTextContents(), [evaluation, ideation]);
  await home.getByRole("radio", { name: "Évaluation" }).check();
  const options = await home.getByLabel("Atelier d'idéation").locator("option").allTextContents();
  assert.equal(options.length, 2, "none, and the one ideation (the evaluation is not a source)");
  assert.match(options[1], new RegExp(`^${ideation.replace(/[?]/g, "\\?")}`));
  await home.getByLabel("Atelier d'idéation").selectOption({ index: 1 });
  await home.locator("#carry-status").filter({ hasText: "Seulement 4 idées" }).waitFor();
  assert.equal((await preview(home)).length, 4);
  for (const page of [console_, form]) assert.deepEqual(page.errors, []);
});
