// Issue 14, a sorting into buckets ("conférence de jurisprudence", 004:1696-1709) on the tablet
// (1024x768) and on a table's small screen (390x844): each idea with Poubelle / Machine à laver /
// Coffre-fort, the chosen one pressed, a tap on it takes the idea out; the table's own idea is
// not sorted, with why; the « Longue-vue » box posts new subjects, listed apart (a refused one
// is said under the box, its text given back); a tap sent while the idea was grouped meanwhile
// is refused and said in the banner; then the results: three counts per idea, the new subjects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, tallyOf, toStep } from "./lib/ballots.mjs";
import { assertInViewport, joinAt, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const items = [
  "Le stationnement payant en centre-ville",
  "La fermeture de la piscine l'été",
  "Les conseils de quartier",
  "Le journal municipal sur papier",
  "La fête de la musique sur la place",
];
const agenda = [
  { kind: "PHASE_SETUP" },
  { kind: "PHASE_DIVERGENCE" },
  { kind: "PHASE_CONVERGENCE", title: "Conférence de jurisprudence", ballot: { kind: "BALLOT_KIND_BUCKETS" } },
  { kind: "PHASE_CONCLUSION" },
];

/** Taps a bucket on the card holding `text`; waits until the server's answer leaves it pressed or not. */
async function sort(page, text, bucket, pressed = "true") {
  const button = page.locator("li.bucket-card", { hasText: text }).getByRole("button", { name: bucket });
  await button.click();
  await page.locator("li.bucket-card", { hasText: text }).getByRole("button", { name: bucket, pressed: pressed === "true" }).waitFor();
  return button;
}

test("each idea into a bucket, a tap again takes it out, the longue-vue's new subjects apart, then three counts per idea", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Que garder de nos politiques publiques ?", items, agenda,
    { maxIdeasPerTable: 2 });
  const tablet = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const small = await joinAt(env, "phone", created.joinCode, "Table des Tilleuls");
  toStep(animateur, 2);
  await post(tablet, "Le marché de Noël");
  toStep(animateur, 3);

  await tablet.getByRole("heading", { name: "Rangez chaque idée dans une boîte" }).waitFor();
  const progress = tablet.locator("#buckets-progress");
  assert.equal(await progress.textContent(), "0 idée rangée sur 5");
  const own = tablet.locator("li.bucket-card", { hasText: "Le marché de Noël" });
  await own.getByText("Idée de votre table : vous ne la rangez pas.").waitFor();
  assert.equal(await own.getByRole("button").count(), 0, "no bucket for the table's own idea");

  // Three ideas sorted, one taken out again by a second tap on its bucket.
  await sort(tablet, items[0], "Poubelle");
  await sort(tablet, items[1], "Machine à laver");
  const safe = await sort(tablet, items[2], "Coffre-fort");
  await progress.filter({ hasText: "3 idées rangées sur 5" }).waitFor();
  await sort(tablet, items[2], "Coffre-fort", "false");
  await progress.filter({ hasText: "2 idées rangées sur 5" }).waitFor();
  await sort(tablet, items[2], "Coffre-fort");
  // Another bucket moves it: only one pressed.
  await sort(tablet, items[1], "Coffre-fort");
  assert.equal(await tablet.locator("li.bucket-card", { hasText: items[1] }).locator('[aria-pressed="true"]').count(), 1);
  assert.equal(await safe.getAttribute("aria-pressed"), "true");
  await expectAccessible(tablet, "tablet: buckets");
  await shot(tablet, "vote-buckets-tablet-sorting");

  // The longue-vue: a new subject, listed apart on every tablet, not sorted.
  const box = tablet.getByLabel("Le nouveau sujet");
  await box.scrollIntoViewIfNeeded();
  await box.fill("La place de l'intelligence artificielle dans les services");
  await tablet.getByRole("button", { name: "Proposer ce sujet" }).click();
  const subjects = tablet.locator("section.new-subjects");
  await subjects.getByText("La place de l'intelligence artificielle dans les services").waitFor();
  await subjects.getByRole("heading", { name: "Nouveaux sujets (1)" }).waitFor();
  await subjects.getByText("Proposé par votre table").waitFor();
  assert.equal(await tablet.locator("li.bucket-card", { hasText: "intelligence artificielle" }).count(), 0, "a new subject is not sorted");
  await small.locator("section.new-subjects").getByText("La place de l'intelligence artificielle dans les services").waitFor();
  assert.equal(await small.locator("section.new-subjects").getByText("Proposé par votre table").count(), 0);
  // A second one is over the table's 2 ideas: refused, said under the box, the text given back.
  await box.fill("Le télétravail des agents");
  await tablet.getByRole("button", { name: "Proposer ce sujet" }).click();
  const refusal = tablet.locator("#longue-vue-error");
  await refusal.filter({ hasText: "Votre table a déjà 2 idées, le maximum" }).waitFor();
  await assertInViewport(refusal, "the refusal of a new subject");
  assert.equal(await box.inputValue(), "Le télétravail des agents", "nothing typed is lost");
  await shot(tablet, "vote-buckets-tablet-longue-vue-refused");

  // A tap sent while offline on an idea the animateur groups meanwhile: refused, said in the banner.
  await tablet.context().setOffline(true);
  await tablet.getByRole("status").filter({ hasText: /Reconnexion|Déconnecté/ }).waitFor();
  await tablet.evaluate(() => window.scrollTo(0, 0));
  await tablet.locator("li.bucket-card", { hasText: items[3] }).getByRole("button", { name: "Poubelle" }).click();
  const ids = Object.fromEntries(Object.entries(await tallyOf(animateur, 3)).map(([text, x]) => [text, x.targetId]));
  animateur.send({ mergeIdeas: { targetIds: [ids[items[3]], ids[items[4]]], title: "La vie du village" } });
  await tablet.context().setOffline(false);
  await tablet.evaluate(() => window.dispatchEvent(new Event("online")));
  const message = tablet.locator("#vote-message");
  await message.filter({ hasText: "Cette idée fait maintenant partie du regroupement « La vie du village »" }).waitFor({ timeout: 20000 });
  await assertInViewport(message, "the refusal about an idea grouped meanwhile");
  await tablet.locator("li.bucket-card", { hasText: "La vie du village" }).waitFor();
  await shot(tablet, "vote-buckets-tablet-grouped-refused");
  await sort(tablet, "La vie du village", "Machine à laver");
  assert.equal(await message.isVisible(), false, "the next tap clears it");

  // Another table's new subject reaches the tablet: the list is patched, not rebuilt; the buttons
  // stay the same nodes, and the one holding the focus keeps it.
  const kept = tablet.locator("li.bucket-card", { hasText: items[0] }).getByRole("button", { name: "Machine à laver" });
  await kept.evaluate((el) => { el.dataset.marked = "kept"; });
  await kept.focus();
  await small.getByLabel("Le nouveau sujet").fill("Le wifi public dans les parcs");
  await small.getByRole("button", { name: "Proposer ce sujet" }).click();
  await tablet.locator("section.new-subjects").getByRole("heading", { name: "Nouveaux sujets (2)" }).waitFor();
  assert.equal(await kept.getAttribute("data-marked"), "kept", "the bucket buttons are not rebuilt by another table's event");
  assert.equal(await tablet.evaluate(() => document.activeElement?.dataset.marked), "kept", "the focus stays where it was");

  // The other table sorts on its small screen.
  await sort(small, items[0], "Poubelle");
  await sort(small, items[2], "Coffre-fort");
  await sort(small, "Le marché de Noël", "Coffre-fort");
  await sort(small, "La vie du village", "Coffre-fort");
  assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "nothing wider than the phone");
  await expectAccessible(small, "phone-sized table: buckets");
  await shot(small, "vote-buckets-phone-sorting");

  const tally = await tallyOf(animateur, 3);
  const counts = (text) => tally[text].buckets.map(Number);
  assert.deepEqual(counts(items[0]), [2, 0, 0]);
  assert.deepEqual(counts(items[1]), [0, 0, 1]);
  assert.deepEqual(counts(items[2]), [0, 0, 2]);
  assert.deepEqual(counts("La vie du village"), [0, 1, 1]);
  assert.deepEqual(counts("Le marché de Noël"), [0, 0, 1]);

  toStep(animateur, 4);
  animateur.send({ revealResults: { revealed: true } });
  for (const [page, name] of [[tablet, "tablet"], [small, "phone"]]) {
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const rows = await page.locator("ol.bucket-tally li.bucket-row").evaluateAll((r) => r.map((e) => [e.querySelector(".text").textContent, e.dataset.buckets]));
    assert.deepEqual(Object.fromEntries(rows), {
      [items[0]]: "2,0,0", [items[1]]: "0,0,1", [items[2]]: "0,0,2", "La vie du village": "0,1,1", "Le marché de Noël": "0,0,1",
    });
    assert.equal(rows[0][0], items[2], "the most kept first");
    await page.locator("li.bucket-row", { hasText: items[0] }).getByText("Poubelle : 2").waitFor();
    await page.locator(".vote-results .new-subjects").getByText("La place de l'intelligence artificielle dans les services").waitFor();
    await expectAccessible(page, `${name}: buckets results`);
    await shot(page, `vote-buckets-${name}-results`);
  }
  assert.deepEqual([...tablet.errors, ...small.errors], []);
});
