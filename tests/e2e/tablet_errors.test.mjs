// Issue 12 (bug 1 beyond the vote), on a 1024x768 tablet scrolled down: a refusal is said where
// the action was, inside the viewport, not at the top of the page: too many ideas beside the
// composer, a refused delete on the idea's card, a refused score on the scale's line; each is
// gone at the next phase.
//
// A delete or a score the tablet itself would send correctly is refused here by the real server
// because the test changes one number on the wire (Playwright's routeWebSocket): the idea's
// number becomes another table's idea, the score 11 on a 0-10 scale. The app words the refusal
// from the command it sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, evaluation, ideation, joinAt, openAt, phases, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

/**
 * Opens a tablet whose next client frame ending as `match` (bytes) gets its last byte replaced
 * by `last()`, once. The frames' last field is the command's last one (protobuf writes fields
 * in order; the command is the message's last field): a DeleteIdea's idea_id, a Score's value.
 */
async function tamperedTablet(code, name) {
  const page = await openAt(env.browser, "tablet");
  const tamper = { match: null, last: null, done: false };
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (tamper.match && !tamper.done && typeof m !== "string") {
        const b = Buffer.from(m);
        const tail = b.subarray(b.length - tamper.match.length);
        if (tail.equals(Buffer.from(tamper.match))) {
          b[b.length - 1] = tamper.last;
          tamper.done = true;
          server.send(b);
          return;
        }
      }
      server.send(m);
    });
  });
  await page.goto(`${env.server.base}/?code=${code}`);
  await page.getByLabel("Nom de la table (facultatif)").fill(name);
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return { page, tamper };
}

/** Scrolls so that the element's top is `y` px below the top of the viewport. */
async function scrollTo(locator, y) {
  await locator.evaluate((el, y) => window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - y), y);
}

test("ideas: too many ideas beside the composer, a refused delete on the card, in view, gone at the next phase", async () => {
  const { server } = env;
  const wall = Array.from({ length: 6 }, (_, i) => `Idée de l'animateur ${i + 1} pour le jardin`);
  const { created, animateur } = await ideation(server, "Que faire du jardin partagé ?", wall, { maxIdeasPerTable: 2 });
  const { page, tamper } = await tamperedTablet(created.joinCode, "Table des Roses");
  const other = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const third = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(page, "Une ruche pédagogique");
  // Newer ideas of other tables (2 each, their limit too) push our first one down the wall.
  for (const [p, table] of [[other, "Lilas"], [third, "Tilleuls"]]) {
    for (let i = 1; i <= 2; i++) await post(p, `Idée des ${table} numéro ${i} : des bancs, de l'ombre et des fontaines pour l'été`);
  }
  await page.getByText("Idée des Tilleuls numéro 2").waitFor();
  await post(page, "Des nichoirs à oiseaux");

  // A third idea, over the limit of 2: typed, then « Publier » tapped with the page scrolled
  // down (the box above the viewport, the button near its top).
  await page.getByLabel("Votre idée").fill("Un hôtel à insectes");
  const publish = page.getByRole("button", { name: "Publier l'idée" });
  await scrollTo(publish, 120);
  assert.ok(await page.evaluate(() => window.scrollY > 150), "the page is scrolled down");
  await publish.click();
  const ideaError = page.locator("#idea-error");
  await ideaError.filter({ hasText: /./ }).waitFor();
  await assertInViewport(ideaError, "the refusal of the third idea");
  assert.equal(await page.getByLabel("Votre idée").inputValue(), "Un hôtel à insectes", "the text is given back");
  assert.equal(await page.locator("#notice").textContent(), "", "nothing at the top of the page");
  await shot(page, "tablet-error-composer");

  // A delete refused by the server, on « Une ruche », far down the wall.
  const card = page.locator("li.card.own", { hasText: "Une ruche pédagogique" });
  const own = Number(await card.getAttribute("data-target-id"));
  const foreign = Number(await page.locator("li.card", { hasText: "Idée de l'animateur 1 " }).getAttribute("data-target-id"));
  assert.ok(own < 128 && foreign < 128, "one-byte idea numbers");
  tamper.match = [0x08, own];
  tamper.last = foreign;
  page.once("dialog", (d) => d.accept());
  await scrollTo(card, 300);
  await card.getByRole("button", { name: "Supprimer" }).click();
  const cardError = card.locator(".field-error");
  await cardError.filter({ hasText: /./ }).waitFor();
  assert.ok(tamper.done, "the delete was sent (and changed on the wire)");
  await assertInViewport(cardError, "the refusal of the delete, on its card");
  assert.ok(await page.evaluate(() => window.scrollY > 250), "still scrolled down");
  assert.equal(await page.locator("#notice").textContent(), "", "nothing at the top of the page");
  await expectAccessible(page, "tablet: refusals on the composer and a card");
  await shot(page, "tablet-error-card");

  // The next phase: both are gone.
  phases(animateur, "PHASE_GROUPING");
  await page.getByText("L'animateur regroupe les idées semblables").waitFor();
  assert.equal(await page.locator(".field-error:visible").count(), 0, "no refusal left in grouping");
  assert.equal(await page.getByRole("alert").filter({ hasText: /./ }).count(), 0, "no alert left");
  assert.deepEqual([...page.errors, ...other.errors, ...third.errors], []);
});

const criteria = [
  { id: 1, name: "Acceptabilité", lowLabel: "inacceptable", highLabel: "très acceptable", maxValue: 10 },
  { id: 2, name: "Coût", direction: "DIRECTION_LOWER_IS_BETTER", lowLabel: "peu coûteux", highLabel: "très coûteux", maxValue: 10 },
];

test("scoring: a refused score is said on its line, in view, and gone at the next phase", async () => {
  const { server } = env;
  const ideas = ["Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal", "Des cours de français le soir", "Un parrainage par des habitants"];
  const { created, animateur } = await evaluation(server, "Concertation sur l'accueil des réfugiés dans notre ville", ideas, criteria);
  const { page, tamper } = await tamperedTablet(created.joinCode, "Table des Lilas");
  phases(animateur, "PHASE_SCORING");
  await page.getByRole("button", { name: /^Place 1/ }).click();
  await page.locator("section.idea-score").first().waitFor();

  // The last idea's « Coût », far down the sheet: 7 is tapped, 11 reaches the server.
  const line = page.locator("section.idea-score").nth(3).locator("fieldset[data-criterion-id]").nth(1);
  tamper.match = [0x20, 7];
  tamper.last = 11;
  await scrollTo(line, 300);
  // click, not check: the refusal may uncheck the radio before check() looks at it again.
  await line.getByRole("radio", { name: "7", exact: true }).click();
  const lineError = line.locator(".line-error");
  await lineError.filter({ hasText: /./ }).waitFor();
  assert.ok(tamper.done);
  await assertInViewport(lineError, "the refusal of the score, on its line");
  assert.ok(await page.evaluate(() => window.scrollY > 800), "scrolled down");
  assert.equal(await line.locator("input:checked").count(), 0, "the score refused is not shown as given");
  assert.equal(await page.locator("#notice").textContent(), "", "nothing at the top of the page");
  await expectAccessible(page, "tablet: a refused score");
  await shot(page, "tablet-error-score");

  // Tapped again (not changed on the wire this time): accepted, the refusal goes.
  await line.getByRole("radio", { name: "7", exact: true }).check();
  await line.locator('.current[data-score="7"]').filter({ hasNotText: "envoi" }).waitFor();
  assert.equal(await lineError.isHidden(), true, "the refusal goes with the next score on its line");

  // Refused again, then the next phase: gone.
  tamper.done = false;
  tamper.match = [0x20, 6];
  tamper.last = 11;
  await line.getByRole("radio", { name: "6", exact: true }).click();
  await lineError.filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await line.locator("input:checked").evaluateAll((boxes) => boxes.map((b) => b.value)), ["7"],
    "the score refused is not shown as given: the one accepted before is");
  phases(animateur, "PHASE_CONCLUSION");
  await page.getByText("Merci pour votre participation").waitFor();
  assert.equal(await page.getByRole("alert").filter({ hasText: /./ }).count(), 0, "no alert left in the conclusion");
  assert.deepEqual(page.errors, []);
});
