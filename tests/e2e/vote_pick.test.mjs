// Issue 14, a pick ("les 3 projets dont vous êtes le plus fiers", 004:403-415) on the tablet
// (1024x768) and on a table's small screen (390x844): « Choisissez exactement 3 idées », boxes to
// tick, the counter « 2 sur 3 », « Valider mon choix » greyed until exactly 3 are ticked (a tap
// is still sent, and the server's refusal is said beside the button), the saved choice said as
// such, changed, withdrawn and cast again; the table's own idea cannot be ticked, with why; then
// the results after the reveal: how many times each idea was chosen, as bars.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { assertInViewport, description, joinAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const projects = [
  "La rénovation de l'école Jules-Ferry",
  "Le marché de producteurs du jeudi",
  "La navette gratuite vers la gare",
  "Les jardins partagés du quartier nord",
  "La maison des associations",
  "L'éclairage public en LED",
];
const agenda = [
  { kind: "PHASE_SETUP", title: "Accueil" },
  { kind: "PHASE_DIVERGENCE", title: "Les projets oubliés" },
  { kind: "PHASE_CONVERGENCE", title: "Les 3 projets dont nous sommes le plus fiers", ballot: { kind: "BALLOT_KIND_PICK", count: 3 } },
  { kind: "PHASE_CONCLUSION", title: "Bilan" },
];

/** Ticks (or unticks) the box of the card holding `text`. */
async function tick(page, text) {
  await page.locator("li.pick-card", { hasText: text }).locator("input[type=checkbox]").click();
}

test("a pick of exactly 3: counted, validated, refused when not 3, changed, withdrawn, then the results", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Bilan de mandature : de quoi sommes-nous fiers ?", projects, agenda);
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const small = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);
  await post(tablet, "Le conseil municipal des jeunes");
  toStep(animateur, 3);

  await tablet.getByRole("heading", { name: "Choisissez exactement 3 idées" }).waitFor();
  await tablet.locator("#phase").filter({ hasText: "Les 3 projets dont nous sommes le plus fiers" }).waitFor();
  const counter = tablet.locator("#pick-counter");
  const status = tablet.locator("#choice-status");
  const validate = tablet.getByRole("button", { name: "Valider mon choix" });
  assert.equal(await counter.textContent(), "0 sur 3");
  assert.equal(await validate.getAttribute("aria-disabled"), "true", "nothing ticked: « Valider » is greyed");

  // The table's own idea: no box to tick, and why.
  const own = tablet.locator("li.pick-card", { hasText: "Le conseil municipal des jeunes" });
  assert.equal(await own.locator("input").isDisabled(), true);
  assert.equal(await description(own.locator("input")), "Idée de votre table : vous ne la choisissez pas.");
  await own.getByText("Idée de votre table : vous ne la choisissez pas.").waitFor();

  // Two ticked: « 2 sur 3 », one more needed; a tap on the greyed « Valider » is sent and refused.
  await tick(tablet, projects[0]);
  await tick(tablet, projects[1]);
  await counter.filter({ hasText: /^2 sur 3$/ }).waitFor();
  assert.equal(await status.textContent(), "Cochez encore 1 idée.");
  assert.equal(await validate.getAttribute("aria-disabled"), "true");
  assert.equal(await description(validate), "Cochez encore 1 idée.");
  await validate.click({ force: true }); // greyed, yet sent: the server decides
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "Il faut choisir exactement 3 idées : vous en avez coché 2." }).waitFor();
  await assertInViewport(message, "the refusal of a choice of 2");
  await assertInViewport(validate, "« Valider mon choix »");
  assert.equal(await tablet.locator("#notice").textContent(), "", "nothing at the bottom of the page");
  await expectAccessible(tablet, "tablet: a pick refused");
  await shot(tablet, "vote-pick-tablet-refused");

  // A third: « Valider » can be used; the choice is saved and said so, each chosen card marked.
  await tick(tablet, projects[3]);
  await counter.filter({ hasText: /^3 sur 3$/ }).waitFor();
  assert.equal(await message.isVisible(), false, "the refusal goes at the next tick");
  assert.equal(await validate.getAttribute("aria-disabled"), null);
  await validate.click();
  await status.filter({ hasText: "Votre choix est enregistré" }).waitFor();
  assert.equal(await tablet.locator("li.pick-card .saved-tag:visible").count(), 3, "the 3 chosen cards say so");
  assert.equal(await validate.getAttribute("aria-disabled"), "true", "nothing new to validate");
  await shot(tablet, "vote-pick-tablet-saved");

  // Changed: another idea instead of one; said as not validated until validated again.
  await tick(tablet, projects[1]);
  await tick(tablet, projects[4]);
  await status.filter({ hasText: "Votre choix a changé" }).waitFor();
  await validate.click();
  await status.filter({ hasText: "Votre choix est enregistré" }).waitFor();
  let tally = await tallyOf(animateur, 3);
  assert.deepEqual([projects[0], projects[3], projects[4]].map((p) => tally[p].points), [1, 1, 1], "the server holds the new choice");
  assert.equal(tally[projects[1]].points ?? 0, 0);

  // Withdrawn: nothing ticked, nothing saved; the server counts no ballot.
  await tablet.getByRole("button", { name: "Retirer mon choix" }).click();
  await counter.filter({ hasText: /^0 sur 3$/ }).waitFor();
  await tablet.getByRole("button", { name: "Retirer mon choix" }).waitFor({ state: "hidden" });
  tally = await tallyOf(animateur, 3);
  assert.equal(Object.values(tally).reduce((s, x) => s + (x.points ?? 0), 0), 0, "no choice left on the server");

  // Cast again; the other table picks on its small screen.
  for (const p of [projects[0], projects[2], projects[3]]) await tick(tablet, p);
  await validate.click();
  await status.filter({ hasText: "Votre choix est enregistré" }).waitFor();
  await small.getByRole("heading", { name: "Choisissez exactement 3 idées" }).waitFor();
  for (const p of [projects[0], projects[3], "Le conseil municipal des jeunes"]) await tick(small, p);
  await small.locator("#pick-counter").filter({ hasText: /^3 sur 3$/ }).waitFor();
  await small.getByRole("button", { name: "Valider mon choix" }).click();
  await small.locator("#choice-status").filter({ hasText: "Votre choix est enregistré" }).waitFor();
  assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(small, "phone-sized table: a pick saved");
  await shot(small, "vote-pick-phone-saved");

  // The results: how many times each idea was chosen.
  toStep(animateur, 4);
  animateur.send({ revealResults: { revealed: true } });
  for (const [page, name] of [[tablet, "tablet"], [small, "phone"]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const first = page.locator("ol.tally li.hbar").first();
    assert.match(await first.textContent(), /choisie 2 fois/);
    await page.getByText("2 tables ont voté sur 2.").waitFor();
    const rows = await page.locator("ol.tally li.hbar").evaluateAll((r) => r.map((e) => [e.querySelector(".text").textContent, Number(e.dataset.points)]));
    const shown = Object.fromEntries(rows.filter(([, n]) => n > 0));
    assert.deepEqual(shown, { [projects[0]]: 2, [projects[3]]: 2, [projects[2]]: 1, "Le conseil municipal des jeunes": 1 });
    await expectAccessible(page, `${name}: pick results`);
    await shot(page, `vote-pick-${name}-results`);
  }
  assert.deepEqual([...tablet.errors, ...small.errors], []);
});
