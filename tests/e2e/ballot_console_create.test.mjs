// The console's create form gives each vote step its ballot (issue 14): the kind (points à
// répartir, gommettes, choisir N, classement, tri en quatre cases), who votes (each table or each
// participant) and the numbers each kind takes; several vote steps in one agenda (dots, then a
// ranking). Each kind is created from the form and read back as the server keeps it; the form
// says what to fix, naming the step, before sending. Screenshots: ballot-console-create-*.png.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWithBallots, fillBallot, serverAgenda } from "./lib/ballots.mjs";
import { viewShot } from "./lib/console.mjs";
import { expectAccessible, openDevice, resize, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

/** The vote steps' ballots as the server keeps them, defaults filled in. */
function ballots(agenda) {
  return agenda.filter((s) => s.kind === "PHASE_CONVERGENCE").map((s) => ({ title: s.title ?? "", ...s.ballot }));
}

test("each kind of ballot is created from the console's form, as the server keeps it", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop");
  await resize(page, { width: 1366, height: 768 });
  const cases = [
    [{ kind: "budget", budget: 20, cap: 2, self: true },
      { kind: "BALLOT_KIND_BUDGET", voter: "VOTER_TABLE", budget: 20, cap: 2, allowSelfVote: true }],
    [{ kind: "dots", seats: true, budget: 3, cap: 2 }, { kind: "BALLOT_KIND_DOTS", voter: "VOTER_SEAT", budget: 3, cap: 2 }],
    [{ kind: "pick", count: 2 }, { kind: "BALLOT_KIND_PICK", voter: "VOTER_TABLE", count: 2 }],
    [{ kind: "ranking", places: 3 }, { kind: "BALLOT_KIND_RANKING", voter: "VOTER_TABLE", count: 3 }],
    [{ kind: "ranking" }, { kind: "BALLOT_KIND_RANKING", voter: "VOTER_TABLE" }],
    [{ kind: "buckets", seats: true }, { kind: "BALLOT_KIND_BUCKETS", voter: "VOTER_SEAT" }],
  ];
  for (const [form, kept] of cases) {
    await page.goto(`${server.base}/console`);
    const w = await createWithBallots(page, `Un vote « ${form.kind} » ?`, [form]);
    assert.deepEqual(ballots(serverAgenda(server, w.workshopId, w.token)), [{ title: "", ...kept }], `${form.kind}: the ballot as created`);
  }
  assert.deepEqual(page.errors, []);
});

test("an agenda with two vote steps: one dot per participant, then the tables rank their first five", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  const w = await createWithBallots(page, "Quels projets pour le quartier ?", [{ kind: "dots", seats: true }, { kind: "ranking", places: 5 }], async () => {
    // The second vote step comes right after the first, before the conclusion, with its own ballot.
    assert.equal(await page.locator("#step-kind-5").textContent(), "Convergence : classer les idées");
    assert.equal(await page.locator("#step-kind-4").textContent(), "Convergence : poser les gommettes");
    assert.equal(await page.locator("#step-kind-6").textContent(), "Conclusion");
    await page.getByLabel("Titre de l'étape 5 (Convergence : classer les idées)").fill("Classer le haut du panier");
    // The ranking takes only the most dotted ideas (Step.source, chosen by hand).
    const source = page.getByLabel("Idées soumises (étape 5)", { exact: true });
    assert.deepEqual(await source.locator("option").allTextContents(), [
      "Toutes les idées proposées avant", "Les idées de l'étape « Divergence : proposer des idées »",
      "Les plus votées à l'étape « Convergence : poser les gommettes »",
    ]);
    await source.selectOption({ label: "Les plus votées à l'étape « Convergence : poser les gommettes »" });
    await page.getByLabel("Combien (ex æquo compris) (étape 5)", { exact: true }).fill("8");
    assert.equal(await page.getByLabel("Idées soumises (étape 4)", { exact: true }).inputValue(), "", "the first vote takes every idea");
    // The method note, left as proposed, states both votes with their figures.
    assert.equal(await page.locator("#create-method").inputValue(),
      "Idéation : chaque table propose des idées, l'animateur regroupe les doublons, puis chaque participant pose 1 gommette (jamais sur celles de sa table), puis chaque table classe ses 5 premières idées, de la plus à la moins prioritaire (décompte de Borda).");
    await page.locator("#ballot-5").scrollIntoViewIfNeeded();
    await expectAccessible(page, "console: create form with two vote steps");
    await viewShot(page, "ballot-console-create-two-votes-1366x768");
  });
  const agenda = serverAgenda(server, w.workshopId, w.token);
  assert.deepEqual(ballots(agenda), [
    { title: "", kind: "BALLOT_KIND_DOTS", voter: "VOTER_SEAT", budget: 1, cap: 1 },
    { title: "Classer le haut du panier", kind: "BALLOT_KIND_RANKING", voter: "VOTER_TABLE", count: 5 },
  ]);
  assert.equal(agenda[3].source, undefined);
  assert.deepEqual(agenda[4].source, { topOfStep: agenda[3].id, top: 8 }, "the ranking takes the top 8 of the dots");
  assert.deepEqual(page.errors, []);
});

test("the form says what to fix in a ballot, naming the step, and sends nothing until it is fixed", async () => {
  const { server, browser } = env;
  const page = await openDevice(browser, "laptop", `${server.base}/console`);
  await resize(page, { width: 1366, height: 768 });
  await page.getByLabel("Question posée aux participants").fill("Quels projets retenir ?");
  await page.getByRole("button", { name: "Ajouter une étape de vote" }).click();
  await fillBallot(page, 5, { kind: "pick", count: 0 });
  await fillBallot(page, 4, { kind: "dots", budget: 2, cap: 3 });
  let posted = 0;
  page.on("request", (r) => { if (r.url().endsWith("/api/workshops") && r.method() === "POST") posted++; });
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  const notice = page.locator("#notice").filter({ hasText: "Avant de créer l'atelier" });
  await notice.waitFor();
  const items = (await notice.locator("li").allTextContents()).map((s) => s.trim());
  assert.deepEqual(items, [
    "Étape 4 : le plafond par idée est un nombre entier entre 1 et les gommettes par votant.",
    "Étape 5 : le nombre d'idées à choisir est un nombre entier entre 1 et 100.",
  ]);
  assert.equal(posted, 0, "nothing is sent");
  await viewShot(page, "ballot-console-create-problems-1366x768");
  // Fixed: created, with both ballots.
  await page.getByLabel("Au plus sur une même idée (étape 4)", { exact: true }).fill("2");
  await page.getByLabel("Idées à choisir, exactement (étape 5)", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Créer l'atelier" }).click();
  await page.locator("#join-code").filter({ hasText: /^[0-9]{4} [0-9]{4}$/ }).waitFor();
  assert.equal(posted, 1);
  assert.deepEqual(page.errors, []);
});
