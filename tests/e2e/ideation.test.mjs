// A whole ideation workshop in one browser: the animateur's console, three table tablets and the
// observer big screen, each in its own browser context (its own storage, like separate devices).
// The console creates the workshop and moves the phases; tables post ideas and see each other's
// live; the animateur merges duplicates (and undoes one merge); tables vote; the observer's
// histogram equals the points the tablets gave, and so do the server's results and the
// downloaded JSON and CSV. Each screen passes axe-core; screenshots are written for the README.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInConsole, nextPhase } from "./lib/console.mjs";
import { downloadedBytes, eventually, expectAccessible, joinTable, openDevice, resize, screenshot, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

async function post(page, text) {
  await page.getByLabel("Votre idée").fill(text);
  await page.getByRole("button", { name: "Publier l'idée" }).click();
  await page.locator("li.card.own", { hasText: text }).waitFor();
}

/** Puts `points` on the card holding `text` by pressing "+" and waiting for each answer. */
async function give(page, text, points) {
  const card = page.locator("li.card", { hasText: text });
  for (let i = 1; i <= points; i++) {
    await card.getByRole("button", { name: "Ajouter un point" }).click();
    await card.locator("output").filter({ hasText: new RegExp(`^${i}$`) }).waitFor();
  }
}

/** The observer's histogram: { text (a cluster's title): points } read from the page. */
async function observedPoints(page) {
  return page.locator("#histogram li.hbar[data-points]").evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [(r.querySelector(".label strong") ?? r.querySelector(".label"))?.textContent?.trim(), Number(r.dataset.points)])));
}

test("a whole ideation workshop: console, three tablets and the observer", async () => {
  const { server, browser } = env;
  const console_ = await openDevice(browser, "laptop", `${server.base}/console`);
  await expectAccessible(console_, "console: create form");
  const workshop = await createInConsole(console_, {
    template: "ideation",
    question: "Comment optimiser l'utilisation de la salle municipale ?",
  });

  const observer = await openDevice(browser, "projector", workshop.observerUrl);
  await observer.getByRole("heading", { name: "Comment optimiser l'utilisation de la salle municipale ?" }).waitFor();
  const lilas = await joinTable(env, workshop.joinCode, "Table des Lilas");
  const tilleuls = await joinTable(env, workshop.joinCode, "Table des Tilleuls");
  // A table may pick the number on its table; a number already taken is refused, in French.
  const platanes = await joinTable(env, workshop.joinCode, "Table des Platanes", 7);
  await platanes.locator("#table-name").filter({ hasText: "table 7" }).waitFor();
  // This one types the code as the big screen shows it, in two groups with a space.
  const late = await openDevice(browser, "tablet", `${server.base}/`);
  await late.getByLabel("Code de l'atelier").fill(workshop.shownCode);
  await late.getByLabel("Numéro de la table (facultatif)").fill("7");
  await late.getByRole("button", { name: "Rejoindre" }).click();
  await late.getByRole("alert").filter({ hasText: "Cette table est déjà prise" }).waitFor();
  await console_.locator("#progress-table").getByText("Table des Platanes").waitFor();

  // Divergence, with a 10-minute timer that every tablet shows.
  await nextPhase(console_, "Divergence");
  await console_.getByLabel("Durée (minutes)").fill("10");
  await console_.getByRole("button", { name: "Démarrer le minuteur" }).click();
  for (const tablet of [lilas, tilleuls, platanes]) await tablet.locator("#timer").filter({ hasText: /[0-9]:[0-9]{2}/ }).waitFor();

  await post(lilas, "Un repair café le samedi matin");
  await post(lilas, "Ouvrir la salle aux associations le soir");
  await post(tilleuls, "Des cours de cuisine entre générations");
  // A near-duplicate: the tablet warns while typing, and the animateur gets a suggestion.
  await tilleuls.getByLabel("Votre idée").pressSequentially("Un repair café une fois par mois", { delay: 5 });
  await tilleuls.getByText("Déjà proposé ?").waitFor();
  await tilleuls.getByRole("button", { name: "Publier l'idée" }).click();
  await tilleuls.locator("li.card.own", { hasText: "Un repair café une fois par mois" }).waitFor();
  await post(platanes, "Un planning partagé pour réserver la salle");
  await post(platanes, "Une bourse aux livres chaque trimestre");

  // A table edits, then deletes, one of its ideas; the others follow live.
  await post(platanes, "Un atelier tricot");
  await platanes.locator("li.card.own", { hasText: "Un atelier tricot" }).getByRole("button", { name: "Modifier" }).click();
  await platanes.getByLabel("Modifier notre idée").fill("Un atelier tricot et couture");
  await platanes.getByRole("button", { name: "Enregistrer" }).click();
  await lilas.getByText("Un atelier tricot et couture").waitFor();
  platanes.once("dialog", (dialog) => dialog.accept());
  await platanes.locator("li.card.own", { hasText: "Un atelier tricot et couture" }).getByRole("button", { name: "Supprimer" }).click();
  await eventually(async () => (await lilas.getByText("Un atelier tricot").count()) === 0, "the deleted idea to leave every tablet");

  // Every table sees every idea live, without authors; the console sees the authors.
  for (const tablet of [lilas, tilleuls, platanes]) {
    await tablet.getByText("Une bourse aux livres chaque trimestre").waitFor();
    assert.equal(await tablet.getByText("Table des Lilas").count(), tablet === lilas ? 1 : 0, "no author on other tables' ideas");
  }
  await expectAccessible(lilas, "tablet: divergence");
  await screenshot(lilas, "table-divergence");
  // The same tablet page on an old tablet, a phone, a laptop and under a projector (a table may
  // join from any): nothing scrolls sideways; looked at in the screenshots.
  for (const [width, height] of [[1024, 768], [390, 844], [1366, 768], [1920, 1080]]) {
    await resize(lilas, { width, height });
    const sideways = await lilas.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(sideways, 0, `the tablet's page scrolls sideways at ${width}x${height}`);
    await screenshot(lilas, `table-divergence-${width}x${height}`);
  }
  await resize(lilas, { width: 1280, height: 800 });
  const wall = console_.locator("#wall-list");
  await wall.locator("li", { hasText: "Une bourse aux livres chaque trimestre" }).filter({ hasText: "Table des Platanes" }).waitFor();
  await console_.getByRole("button", { name: /Regrouper « .*repair café.* » avec « .*repair café.* »/ }).waitFor();

  // Grouping: merge by selection, undo it, merge again; every tablet follows live.
  await nextPhase(console_, "Regroupement");
  const selectBoth = async () => {
    await console_.getByLabel("Sélectionner : Un repair café le samedi matin").check();
    await console_.getByLabel("Sélectionner : Un repair café une fois par mois").check();
    await console_.getByLabel("Titre du regroupement").fill("Repair café");
    await console_.locator("#merge-selection").click();
  };
  await selectBoth();
  await platanes.locator("li.card", { hasText: "Repair café" }).getByText("Regroupement").waitFor();
  await console_.locator("#undo-merge").click();
  await eventually(async () => (await platanes.getByText("Regroupement", { exact: true }).count()) === 0, "the undone merge to disappear");
  await platanes.locator("li.card", { hasText: "Un repair café le samedi matin" }).waitFor();
  await selectBoth();
  await platanes.locator("li.card", { hasText: "Repair café" }).getByText("Regroupement").waitFor();
  await console_.getByRole("button", { name: "Renommer « Repair café »" }).click();
  const newTitle = console_.getByLabel("Nouveau titre pour « Repair café »");
  await newTitle.fill("Repair café du quartier");
  // Saved from the keyboard (Enter in the field submits the form): a pointer click on « Enregistrer
  // le titre » was once lost in about 1 run in 7 here, the tablet never seeing the new title; see
  // the session note (a layout shift under the pointer is suspected, not yet shown).
  await newTitle.press("Enter");
  await console_.locator("#wall-list").getByText("Repair café du quartier", { exact: true }).first().waitFor();
  await platanes.getByText("Repair café du quartier").waitFor();
  await expectAccessible(console_, "console: grouping");
  await screenshot(console_, "console-grouping");

  // Convergence: 30 points each, at most 3 per idea, never on our own ideas.
  await nextPhase(console_, "Convergence");
  await lilas.getByText("Répartissez vos points").waitFor();
  const repairCard = lilas.locator("li.card", { hasText: "Repair café" });
  await repairCard.getByText("Ce regroupement contient une idée de votre table : vous ne votez pas pour lui.").waitFor();
  assert.ok(await repairCard.getByRole("button", { name: "Ajouter un point" }).isDisabled(), "no usable vote control on our own cluster");
  await lilas.locator("li.card", { hasText: "Ouvrir la salle aux associations le soir" })
    .getByText("Idée de votre table : vous ne votez pas pour vos propres idées.").waitFor();

  await give(lilas, "Un planning partagé pour réserver la salle", 3);
  await give(lilas, "Des cours de cuisine entre générations", 1);
  await give(tilleuls, "Ouvrir la salle aux associations le soir", 3);
  await give(tilleuls, "Une bourse aux livres chaque trimestre", 2);
  await give(platanes, "Repair café", 3);
  await give(platanes, "Ouvrir la salle aux associations le soir", 2);
  // A fourth point on one idea: "+" is greyed, a tap is still sent, the server refuses, the tablet
  // says why in French.
  await platanes.locator("li.card", { hasText: "Repair café" }).getByRole("button", { name: "Ajouter un point" }).click({ force: true });
  await platanes.getByRole("alert").filter({ hasText: "Au plus 3 points" }).waitFor();
  await platanes.getByText("Il vous reste 25 points sur 30").waitFor();
  await expectAccessible(platanes, "tablet: convergence");
  await screenshot(platanes, "table-convergence");

  const expected = {
    "Repair café du quartier": 3,
    "Ouvrir la salle aux associations le soir": 5,
    "Un planning partagé pour réserver la salle": 3,
    "Une bourse aux livres chaque trimestre": 2,
    "Des cours de cuisine entre générations": 1,
  };
  await eventually(async () => {
    const seen = await observedPoints(observer);
    return Object.entries(expected).every(([text, points]) => seen[text] === points) && seen;
  }, "the observer's histogram to equal the points given");
  const seen = await observedPoints(observer);
  for (const [text, points] of Object.entries(seen)) assert.equal(points, expected[text] ?? 0, `observer: ${text}`);
  const rows = await observer.locator("#histogram li.hbar").evaluateAll((r) => r.map((e) => Number(e.dataset.points)));
  assert.deepEqual(rows, [...rows].sort((a, b) => b - a), "the histogram is sorted, most points first");
  await expectAccessible(observer, "observer: ideation");
  await screenshot(observer, "observer-ideation");

  // The server's own tally says the same.
  const results = await server.results(workshop.workshopId, workshop.token);
  const tally = Object.fromEntries(results.points.filter((p) => p.points).map((p) => [p.text, p.points]));
  assert.deepEqual(tally, expected);
  assert.equal(results.participation.tablesVoted, 3);

  // Conclusion: reveal, tablets see the results; downloads carry the same figures.
  await nextPhase(console_, "Conclusion");
  await console_.locator("#reveal").click();
  await lilas.getByRole("heading", { name: "Résultats" }).waitFor();
  // The empreinte the room can note, on the big screen and the console: the hash of the event the
  // server's results stand at (what `atelier verify` prints for an archive exported then).
  const revealed = await server.results(workshop.workshopId, workshop.token);
  const headHex = Buffer.from(revealed.headHash, "base64").toString("hex");
  assert.equal(headHex.length, 64, "the results carry a 32-byte head hash");
  for (const page of [observer, console_]) {
    await page.locator(`#fingerprint[data-seq="${revealed.seq}"]`).waitFor();
    assert.equal(await page.locator("#fingerprint").getAttribute("data-hash"), headHex);
    assert.equal((await page.locator("#fingerprint code").textContent()).replaceAll(" ", ""), headHex);
  }
  await screenshot(observer, "observer-conclusion");
  const [json] = await Promise.all([console_.waitForEvent("download"), console_.locator("#download-json").click()]);
  const downloaded = JSON.parse((await downloadedBytes(json)).toString("utf8"));
  assert.deepEqual(Object.fromEntries(downloaded.points.filter((p) => p.points).map((p) => [p.text, p.points])), expected);
  const [csv] = await Promise.all([console_.waitForEvent("download"), console_.locator("#download-csv").click()]);
  const text = (await downloadedBytes(csv)).toString("utf8");
  assert.ok(text.startsWith("\uFEFF"), "the CSV starts with a BOM, for spreadsheets");
  for (const [idea, points] of Object.entries(expected)) {
    assert.ok(text.split("\n").some((line) => line.includes(idea) && line.includes(`,${points},`)), `CSV row for ${idea}`);
  }
  await screenshot(console_, "console-conclusion");

  // The best ideas go on to an evaluation workshop, created from this console: its form opens
  // in a new tab (issue 12), and this console stays on the ideation.
  const [form] = await Promise.all([console_.waitForEvent("popup"), console_.locator("#carry-over").click()]);
  form.errors = [];
  form.on("pageerror", (e) => form.errors.push(String(e)));
  await form.getByRole("radio", { name: "Évaluation" }).waitFor();
  assert.ok(await form.getByRole("radio", { name: "Évaluation" }).isChecked(), "the carry-over opens an evaluation");
  await form.getByLabel("Question posée aux participants").fill("Quelles idées retenir pour la salle municipale ?");
  await form.getByRole("button", { name: "Créer l'atelier" }).click();
  await form.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  const evaluationId = new URL(form.url()).searchParams.get("workshop");
  assert.notEqual(evaluationId, workshop.workshopId);
  assert.equal(new URL(console_.url()).searchParams.get("workshop"), workshop.workshopId, "the ideation's console stays");
  const evaluationToken = await form.evaluate((id) => localStorage.getItem(`atelier.console.${id}`), evaluationId);
  const carried = await server.results(evaluationId, evaluationToken);
  assert.deepEqual(carried.evaluations.map((e) => e.text).sort(), Object.keys(expected).sort(),
    "the evaluation starts with the ideas that received points");

  for (const page of [console_, form, observer, lilas, tilleuls, platanes]) assert.deepEqual(page.errors, []);
});
