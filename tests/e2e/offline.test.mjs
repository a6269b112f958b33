// Connections that come and go: a tablet loses the network, keeps working, and comes back (what
// it did offline is sent once the connection is back and applied exactly once, and it catches
// up on what it missed); the server restarts under the observer screen and a tablet.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CliAnimateur, ideationRequest } from "./lib/animateur.mjs";
import { eventually, joinTable, openDevice, useServerAndBrowser } from "./lib/harness.mjs";

const env = useServerAndBrowser();

test("commands made offline are sent when the connection is back, each applied once", async () => {
  const { server, browser } = env;
  const created = await server.createWorkshop(ideationRequest("Comment animer la place du marché ?"));
  const animateur = new CliAnimateur(server, created);
  const offline = await joinTable(env, created.joinCode, "Table des Lilas");
  const online = await joinTable(env, created.joinCode, "Table des Tilleuls");
  animateur.phase("PHASE_DIVERGENCE");
  await offline.getByLabel("Votre idée").waitFor();

  await offline.context().setOffline(true);
  await offline.getByRole("status").filter({ hasText: /Reconnexion|Déconnecté/ }).waitFor();
  const ideas = ["Un marché de producteurs le mardi soir", "Des bancs à l'ombre des platanes", "Une fontaine à eau potable"];
  for (const text of ideas) {
    await offline.getByLabel("Votre idée").fill(text);
    await offline.getByRole("button", { name: "Publier l'idée" }).click();
  }
  await offline.getByText("3 actions en attente d'envoi").waitFor();
  // Meanwhile the room goes on: another table posts; the offline tablet will catch up.
  await online.getByLabel("Votre idée").fill("Un kiosque à musique le dimanche");
  await online.getByRole("button", { name: "Publier l'idée" }).click();
  await online.getByText("Notre idée").waitFor();
  assert.equal(await online.getByText(ideas[0]).count(), 0, "nothing left the offline tablet");

  await offline.context().setOffline(false);
  await offline.evaluate(() => window.dispatchEvent(new Event("online")));
  await offline.getByRole("status").filter({ hasText: "Connecté" }).waitFor({ timeout: 15000 });
  await eventually(async () => (await offline.getByText("actions en attente").count()) === 0, "the outbox to empty");
  for (const text of ideas) {
    await online.getByText(text).waitFor();
    assert.equal(await online.getByText(text).count(), 1, `« ${text} » appears once on the other tablet`);
    assert.equal(await offline.getByText(text).count(), 1, `« ${text} » appears once on the tablet that made it`);
  }
  await offline.getByText("Un kiosque à musique le dimanche").waitFor();

  // The server's view: four ideas, each once, the three offline ones by the Lilas table.
  const results = await animateur.results();
  assert.equal(results.participation.ideas, 4);
  // A reload (the same table, from its saved token) shows the same ideas, still once each.
  await offline.reload();
  for (const text of ideas) {
    await offline.getByText(text).waitFor();
    assert.equal(await offline.getByText(text).count(), 1);
  }
  assert.equal(await offline.getByText("Notre idée").count(), 3, "the reloaded tablet is still the Lilas table");
  assert.deepEqual([...offline.errors, ...online.errors], []);
});

test("the observer screen survives a server restart and keeps updating", async () => {
  const { server, browser } = env;
  // Without a code the big screen says what is missing, and does not pretend to connect.
  const lost = await openDevice(browser, "projector", `${server.base}/observer`);
  await lost.getByRole("alert").filter({ hasText: "Il manque le code observateur" }).waitFor();
  assert.equal(await lost.getByRole("status").textContent(), "Déconnecté");
  await lost.close();
  const created = await server.createWorkshop(ideationRequest("Que faire du jardin partagé ?"));
  const animateur = new CliAnimateur(server, created);
  const observer = await openDevice(browser, "projector", `${server.base}/observer?code=${created.observerCode}`);
  const tablet = await joinTable(env, created.joinCode, "Table des Roses");
  animateur.phase("PHASE_DIVERGENCE");
  await tablet.getByLabel("Votre idée").fill("Des carrés potagers pour l'école");
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  await observer.locator('#participation li[data-count="ideas"] strong').filter({ hasText: /^1$/ }).waitFor();

  await server.restart();
  await observer.getByRole("status").filter({ hasText: "Connecté" }).waitFor({ timeout: 20000 });
  await tablet.getByRole("status").filter({ hasText: "Connecté" }).waitFor({ timeout: 20000 });
  await tablet.getByLabel("Votre idée").fill("Un composteur collectif");
  await tablet.getByRole("button", { name: "Publier l'idée" }).click();
  await observer.locator('#participation li[data-count="ideas"] strong').filter({ hasText: /^2$/ }).waitFor();
  assert.deepEqual([...observer.errors, ...tablet.errors], []);
});
