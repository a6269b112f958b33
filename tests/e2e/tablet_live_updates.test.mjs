// Issue 12, speed on an old tablet: the idea wall and the vote are updated in place, by key, not
// rebuilt at every event. What that means for the people at the table, on a 1024x768 tablet:
// another table's idea arriving leaves every card, the idea being typed and an idea being edited
// as they are (the focus too); the answer to a vote patches its card, never replaces the
// buttons under the finger.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useServerAndBrowser } from "./lib/harness.mjs";
import { give, ideation, joinAt, phases, post } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

/** Marks every card's node (and its buttons) so that a rebuilt one is seen: it has no mark. */
async function mark(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("li.card, li.card button")) el.__mark = true;
  });
}
async function unmarked(page) {
  return page.evaluate(() => [...document.querySelectorAll("li.card, li.card button")].filter((el) => !el.__mark)
    .map((el) => el.closest("li.card")?.dataset.targetId ?? "?"));
}

test("live updates touch only what changed: cards, the idea being typed or edited, the buttons", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment animer la place du marché ?",
    ["Des bancs à l'ombre des platanes", "Une fontaine à eau potable", "Un kiosque à musique le dimanche"]);
  const lilas = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const tilleuls = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(lilas, "Un marché de producteurs le mardi soir");

  // Another table's idea arrives: one card more, the others untouched, the draft and focus kept.
  await mark(lilas);
  await lilas.getByLabel("Votre idée").pressSequentially("Des jeux pour les enf");
  await post(tilleuls, "Une fête des voisins en juin");
  await lilas.getByText("Une fête des voisins en juin").waitFor();
  assert.deepEqual(await unmarked(lilas), [await lilas.locator("li.card", { hasText: "Une fête des voisins" }).getAttribute("data-target-id")],
    "only the new card is new");
  assert.equal(await lilas.getByLabel("Votre idée").inputValue(), "Des jeux pour les enf");
  assert.equal(await lilas.evaluate(() => document.activeElement?.id), "idea-text", "the focus stays in the idea box");
  assert.equal(await lilas.locator("li.card").first().textContent(), "Une fête des voisins en juin", "newest first");

  // An idea being edited survives other tables' ideas (it used to be rebuilt, and what was typed lost).
  await lilas.locator("li.card.own").getByRole("button", { name: "Modifier" }).click();
  const edit = lilas.getByLabel("Modifier notre idée");
  await edit.press("End");
  await edit.pressSequentially(" et le samedi");
  await post(tilleuls, "Un kiosque à livres");
  await lilas.getByText("Un kiosque à livres").waitFor();
  assert.equal(await edit.inputValue(), "Un marché de producteurs le mardi soir et le samedi", "the edit goes on");
  assert.equal(await lilas.evaluate(() => document.activeElement?.tagName), "TEXTAREA", "still typing in the edit box");
  await lilas.getByRole("button", { name: "Enregistrer" }).click();
  await tilleuls.getByText("Un marché de producteurs le mardi soir et le samedi").waitFor();
  assert.equal(await lilas.evaluate(() => document.activeElement?.dataset.key), await lilas.locator("li.card.own").getByRole("button", { name: "Modifier" }).getAttribute("data-key"),
    "the keyboard is back on « Modifier »");

  // The vote: the answer patches the card tapped; no button is replaced.
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");
  await lilas.getByRole("heading", { name: "Répartissez vos points" }).waitFor();
  await mark(lilas);
  await give(lilas, "Une fontaine à eau potable", 3);
  await give(tilleuls, "Une fontaine à eau potable", 1); // (another table's votes never reach the Lilas)
  assert.deepEqual(await unmarked(lilas), [], "three votes answered, not one card or button rebuilt");
  assert.equal(await lilas.locator("li.card", { hasText: "Une fontaine" }).getByRole("button", { name: "Ajouter un point" }).getAttribute("aria-disabled"), "true");
  assert.deepEqual([...lilas.errors, ...tilleuls.errors], []);
});
