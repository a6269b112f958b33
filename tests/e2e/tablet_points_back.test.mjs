// Issue 12, bug 7 (the table's half), on a 1024x768 tablet: when the animateur's merge hands
// points back to a table (over the cap, or a cluster that now holds one of its ideas), or undoes a
// cluster it had points on, the table is told in plain words, in the banner near its points
// left, announced; the message stays until dismissed or the next vote; other tables see nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { assertInViewport, give, ideation, joinAt, phases, post, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const bancs = "Des bancs à l'ombre des platanes";
const fontaine = "Une fontaine à eau potable";
const kiosque = "Un kiosque à musique le dimanche";
const marche = "Un marché de producteurs le mardi soir";

async function targetId(page, text) {
  return Number(await page.locator("li.card", { hasText: text }).getAttribute("data-target-id"));
}

test("points handed back by a merge or an undone cluster are explained to that table only", async () => {
  const { server } = env;
  const { created, animateur } = await ideation(server, "Comment animer la place du marché ?", [bancs, fontaine, kiosque, marche]);
  const lilas = await joinAt(env, "tablet", created.joinCode, "Table des Lilas");
  const tilleuls = await joinAt(env, "tablet", created.joinCode, "Table des Tilleuls");
  const roses = await joinAt(env, "tablet", created.joinCode, "Table des Roses");
  phases(animateur, "PHASE_DIVERGENCE");
  await post(lilas, "Une fête des voisins en juin");
  phases(animateur, "PHASE_GROUPING", "PHASE_CONVERGENCE");

  await give(lilas, bancs, 2);
  await give(lilas, fontaine, 2);
  await give(lilas, kiosque, 1);
  await give(tilleuls, bancs, 3);
  await give(tilleuls, fontaine, 3);
  await give(roses, marche, 3);
  await lilas.getByText("Il vous reste 25 points sur 30").waitFor();

  // A merge of two ideas: each table over the cap gets its excess back, and is told so.
  const ids = { bancs: await targetId(lilas, bancs), fontaine: await targetId(lilas, fontaine), kiosque: await targetId(lilas, kiosque) };
  animateur.send({ mergeIdeas: { targetIds: [ids.bancs, ids.fontaine], title: "Le square" } });
  const lilasMessage = lilas.locator("#vote-message");
  await lilasMessage.filter({ hasText: "L'animateur a regroupé « Des bancs à l'ombre des platanes » et « Une fontaine à eau potable » en « Le square » : 1 point vous a été rendu (3 points au plus par idée). Il vous reste 26 points." }).waitFor();
  assert.equal(await lilasMessage.getAttribute("role"), "alert", "announced to screen readers");
  await assertInViewport(lilasMessage, "the message to the Lilas");
  await lilas.getByText("Il vous reste 26 points sur 30").waitFor();
  await tilleuls.locator("#vote-message").filter({ hasText: "3 points vous ont été rendus (3 points au plus par idée). Il vous reste 27 points." }).waitFor();
  await expectAccessible(lilas, "tablet: points handed back");
  await shot(lilas, "tablet-points-back-merge");
  // The Roses had no points there: nothing for them.
  await roses.locator("li.card", { hasText: "Le square" }).waitFor();
  assert.ok(await roses.locator(".vote-message").isHidden(), "no message to a table whose points did not move");

  // The message stays through other events, and goes at the next vote.
  animateur.send({ renameCluster: { clusterId: await targetId(lilas, "Le square"), title: "Le square ombragé" } });
  await lilas.locator("li.card", { hasText: "Le square ombragé" }).waitFor();
  assert.ok(await lilasMessage.isVisible(), "the message stays until the table acts");
  await give(lilas, marche, 1);
  assert.ok(await lilas.locator(".vote-message").isHidden(), "gone at the next vote");

  // A merge with one of the table's own ideas hands all its points there back.
  const own = await targetId(lilas, "Une fête des voisins en juin");
  animateur.send({ mergeIdeas: { targetIds: [ids.kiosque, own], title: "La fête" } });
  await lilasMessage.filter({ hasText: "L'animateur a regroupé « Un kiosque à musique le dimanche » et « Une fête des voisins en juin » en « La fête », avec une idée de votre table : 1 point vous a été rendu (vous ne votez pas pour vos propres idées). Il vous reste 26 points." }).waitFor();
  await lilas.getByRole("button", { name: "Fermer" }).click();
  assert.ok(await lilas.locator(".vote-message").isHidden(), "dismissed");

  // Undoing a cluster hands back the points on it.
  animateur.send({ splitCluster: { clusterId: await targetId(tilleuls, "Le square ombragé") } });
  await tilleuls.locator("#vote-message").filter({ hasText: "L'animateur a défait le regroupement « Le square ombragé » : 3 points vous ont été rendus. Il vous reste 30 points." }).waitFor();
  await lilasMessage.filter({ hasText: "L'animateur a défait le regroupement « Le square ombragé » : 3 points vous ont été rendus. Il vous reste 29 points." }).waitFor();
  await shot(tilleuls, "tablet-points-back-split");
  assert.ok(await roses.locator(".vote-message").isHidden(), "still nothing for the Roses");
  assert.deepEqual([...lilas.errors, ...tilleuls.errors, ...roses.errors], []);
});
