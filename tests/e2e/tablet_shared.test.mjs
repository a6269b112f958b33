// Issue 12, the tablet section, on a 1024x768 tablet and a 390x844 phone: during the vote the
// header and the banner are compact with the points left always in view; on a shared tablet,
// « J'ai fini, au suivant » ends a seat's turn and hides its scores from the next person; the
// results mark the groups and the table's own ideas.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { evaluation, give, ideation, joinAt, phases, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const question = "Comment rendre la place du marché plus agréable pour tous les habitants du quartier, le jour comme le soir ?";
const wall = Array.from({ length: 12 }, (_, i) => `Proposition ${i + 1} pour la place du marché`);

test("during the vote the header and the banner are compact and the points left stay in view", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, question, wall);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const phone = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  phases(animateur, "PHASE_DIVERGENCE");
  const before = await tablet.evaluate(() => document.getElementById("bar").getBoundingClientRect().height);
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");

  for (const [page, name] of [[tablet, "tablet"], [phone, "phone"]]) {
    await page.getByRole("heading", { name: "Répartissez vos points" }).waitFor();
    await give(page, wall[10], 2);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 300);
    const { bar, banner, height, h1 } = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect();
      return { bar: box("bar"), banner: box("budget"), height: window.innerHeight, h1: document.getElementById("question").textContent };
    });
    assert.equal(h1, question, `${name}: the whole question is still there for screen readers`);
    const left = page.getByText("Il vous reste 28 points sur 30");
    const leftBox = await left.boundingBox();
    assert.ok(leftBox && leftBox.y >= 0 && leftBox.y + leftBox.height <= height, `${name}: the points left are in view, scrolled`);
    if (name === "tablet") {
      const top = banner.bottom; // the header and the banner, stuck together
      assert.ok(top <= 0.18 * height, `tablet: header and banner take ${top}px of ${height} (at most 18%)`);
      assert.ok(bar.height < before, `tablet: the header is smaller during the vote (${bar.height} < ${before})`);
    } else {
      assert.ok(banner.top >= -0.5 && banner.bottom <= 0.12 * height, `phone: the banner takes ${banner.bottom}px of ${height} (at most 12%)`);
    }
    await expectAccessible(page, `${name}: compact vote`);
    await page.evaluate(() => window.scrollTo(0, 600));
    await shot(page, `tablet-vote-compact-${name}`);
  }
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});

const criteria = [
  { id: 1, name: "Acceptabilité", lowLabel: "inacceptable", highLabel: "très acceptable", maxValue: 10 },
  { id: 2, name: "Coût", direction: "DIRECTION_LOWER_IS_BETTER", lowLabel: "peu coûteux", highLabel: "très coûteux", maxValue: 10 },
];
const ideas = ["Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal"];

test("on a shared tablet, « J'ai fini, au suivant » hides a seat's scores from the next person", async () => {
  const { server } = env;
  const { created, animateur } = await evaluation(server, "Concertation sur l'accueil des réfugiés dans notre ville", ideas, criteria);
  for (const size of ["tablet", "phone"]) {
    const page = await joinAt(env, size, created.joinCode, `Table ${size}`);
    if (size === "tablet") phases(animateur, "PHASE_SCORING");
    await page.getByRole("heading", { name: "Qui note ?" }).waitFor();
    await page.getByRole("button", { name: /^Place 1/ }).click();
    await page.getByText("C'est au tour de la place 1").waitFor();
    const sheets = page.locator("section.idea-score");
    for (let i = 0; i < 2; i++) {
      for (let c = 0; c < 2; c++) {
        const criterion = sheets.nth(i).locator("fieldset[data-criterion-id]").nth(c);
        await criterion.getByRole("radio", { name: String(3 + i + c), exact: true }).check();
        await criterion.locator(`.current[data-score="${3 + i + c}"]`).waitFor();
      }
    }
    // At the end of the sheet: a clear « J'ai fini, au suivant ».
    const finish = page.getByRole("button", { name: "J'ai fini, au suivant" });
    await finish.scrollIntoViewIfNeeded();
    await page.getByText("Place 1 : toutes les idées sont notées.").waitFor();
    const sheetBottom = await page.locator("section.score-sheet").evaluate((e) => e.getBoundingClientRect().bottom);
    const finishTop = await finish.evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(finishTop >= sheetBottom, `${size}: the button comes after the last idea`);
    await shot(page, `tablet-finish-turn-${size}`);
    await finish.click();

    // Place 1's scores are hidden; « Qui note ? » has the focus, at the top.
    await page.getByText("Choisissez d'abord qui note").waitFor();
    assert.equal(await sheets.count(), 0, `${size}: no sheet shown after « J'ai fini »`);
    assert.equal(await page.locator("input[type=radio]:checked").count(), 0, `${size}: no score of place 1 in view`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "who-title");
    await page.locator("#live").filter({ hasText: "Merci ! Les notes de la place 1 sont cachées." }).waitFor();
    await page.locator('[data-seat-progress="1"]').filter({ hasText: "4 notes sur 4 · terminé" }).waitFor();
    await expectAccessible(page, `${size}: after « J'ai fini »`);
    await shot(page, `tablet-next-person-${size}`);

    // The next person picks place 2 and sees only place 2's (empty) sheet; a reload shows none.
    await page.getByRole("button", { name: /^Place 2/ }).click();
    await page.getByText("C'est au tour de la place 2").waitFor();
    await sheets.first().waitFor();
    assert.equal(await page.locator("input[type=radio]:checked").count(), 0, `${size}: place 2 sees no score of place 1`);
    await page.getByRole("button", { name: "J'ai fini, au suivant" }).click();
    await page.reload();
    await page.getByRole("heading", { name: "Qui note ?" }).waitFor();
    await page.getByText("Choisissez d'abord qui note").waitFor();
    assert.equal(await sheets.count(), 0, `${size}: still hidden after a reload`);
    assert.deepEqual(page.errors, []);
  }
});

test("the tablet's results mark the groups and the table's own ideas", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Que faire du jardin partagé ?", ["Des carrés potagers pour l'école", "Un potager pédagogique", "Un composteur collectif"]);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  const phone = await joinAt(env, "phone", created.joinCode, "Table des Lilas");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(tablet, "Des potagers pour les enfants");
  await post(tablet, "Une ruche pédagogique");
  const id = async (text) => Number(await tablet.locator("li.card", { hasText: text }).getAttribute("data-target-id"));
  animateur.send({ mergeIdeas: { targetIds: [await id("Des carrés potagers pour l'école"), await id("Un potager pédagogique"), await id("Des potagers pour les enfants")], title: "Des potagers" } });
  await tablet.locator("li.card", { hasText: "Des potagers" }).getByText("Regroupement", { exact: true }).waitFor();
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await give(phone, "Des potagers", 3);
  await give(phone, "Une ruche pédagogique", 2);
  await give(tablet, "Un composteur collectif", 1);
  phases(animateur, "PHASE_CONCLUSION");
  animateur.send({ revealResults: { revealed: true } });

  for (const [page, name] of [[tablet, "tablet"], [phone, "phone"]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const rows = await page.locator("ol.tally li.hbar").evaluateAll((r) => r.map((e) => [
      e.querySelector(".text").textContent, [...e.querySelectorAll(".marks .tag")].map((t) => t.textContent)]));
    const mine = name === "tablet";
    assert.deepEqual(rows, [
      ["Des potagers", ["Regroupement de 3 idées", ...(mine ? ["Contient votre idée"] : [])]],
      ["Une ruche pédagogique", mine ? ["Votre idée"] : []],
      ["Un composteur collectif", []],
    ], `${name}: the marks`);
    await expectAccessible(page, `${name}: results with marks`);
    await shot(page, `tablet-results-marks-${name}`);
  }
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});
