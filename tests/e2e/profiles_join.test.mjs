// Issue 14, joining with a profile (Cartes de rôle, 000:1091) on a shared tablet (1024x768) and
// on a participant's phone (390x844): the workshop's profiles as large cards to tap (a radio
// group), « Rejoindre » without one said next to the cards, the chosen profile sent and shown in
// the header (« · Agent »); the device question worded from what seats do (here they vote, they
// do not score); a seat made on the tablet (« Qui vote ? ») speaks as its table's profile, a
// phone's as its own; after the reveal, « Par profil » under the results.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expectAccessible, useServerAndBrowser } from "./lib/harness.mjs";
import { ballotWorkshop, toStep } from "./lib/ballots.mjs";
import { openAt, shot } from "./lib/tablet.mjs";

const env = useServerAndBrowser();

const ideas = ["Un guichet unique le samedi matin", "Des formulaires en langage clair", "Un rappel par SMS avant le rendez-vous"];
const agenda = [
  { kind: "PHASE_SETUP", title: "Accueil" },
  { kind: "PHASE_CONVERGENCE", title: "L'action prioritaire", ballot: { kind: "BALLOT_KIND_PICK", count: 1, voter: "VOTER_SEAT" } },
  { kind: "PHASE_CONCLUSION", title: "Bilan" },
];
const profiles = [
  { name: "Usager", description: "Vous utilisez les services de la mairie" },
  { name: "Agent", description: "Vous travaillez à l'accueil" },
];

async function rawData(server, created) {
  const res = await fetch(`${server.base}/api/workshops/${created.workshopId}/data.json`, {
    headers: { authorization: `Bearer ${created.animateurToken}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

/** Ticks the one idea to choose and validates (a pick of 1). */
async function pickOne(page, text) {
  await page.locator("li.pick-card", { hasText: text }).locator("input[type=checkbox]").click();
  await page.getByRole("button", { name: "Valider mon choix" }).click();
  await page.locator("#choice-status").filter({ hasText: "Votre choix est enregistré" }).waitFor();
}

test("profiles: cards to tap when joining, sent, shown, used for seats; results by profile", async () => {
  const { server } = env;
  const { created, animateur } = await ballotWorkshop(server, "Comment améliorer l'accueil en mairie ?", ideas, agenda, { profiles });

  // The tablet: the cards, « Rejoindre » without one refused next to them.
  const tablet = await openAt(env.browser, "tablet", `${server.base}/?code=${created.joinCode}`);
  const cards = tablet.getByRole("group", { name: "Votre table participe en tant que…" });
  await cards.waitFor();
  assert.deepEqual(await cards.getByRole("radio").evaluateAll((xs) => xs.map((x) => x.labels[0].querySelector(".profile-name").textContent)), ["Usager", "Agent"]);
  assert.equal(await tablet.getByRole("radio", { name: "Agent" }).evaluate((x) => document.getElementById(x.getAttribute("aria-describedby")).textContent),
    "Vous travaillez à l'accueil", "the description is read after the name");
  await tablet.getByText("Je vote avec mon téléphone").waitFor(); // seats vote here, they do not score
  assert.equal(await tablet.getByText("Je note avec mon téléphone").count(), 0);
  await tablet.getByLabel("Nom de la table (facultatif)").fill("Table des Lilas");
  await tablet.getByRole("button", { name: "Rejoindre" }).click();
  await tablet.locator("#join-profiles-error").filter({ hasText: "Choisissez d'abord un profil : touchez une des cartes." }).waitFor();
  assert.equal(await tablet.evaluate(() => document.activeElement?.getAttribute("name")), "profile", "the keyboard goes to the cards");
  await expectAccessible(tablet, "tablet: profiles to choose");
  await shot(tablet, "profiles-tablet-missing");
  await tablet.getByRole("radio", { name: "Agent" }).check();
  assert.equal(await tablet.locator("label.profile-card.chosen").textContent(), "AgentVous travaillez à l'accueil", "the chosen card marked");
  await tablet.locator("#join-profiles-error").waitFor({ state: "hidden" });
  await tablet.getByRole("button", { name: "Rejoindre" }).click();
  await tablet.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await tablet.locator("#table-name").filter({ hasText: /^Table des Lilas \(table 1\) · Agent$/ }).waitFor();

  // The phone: its own profile (Usager), on table 1.
  const phone = await openAt(env.browser, "phone", `${server.base}/?code=${created.joinCode}&phone=1`);
  await phone.getByRole("group", { name: "Vous participez en tant que…" }).waitFor();
  // The table's number first: the phone starts on its table's card (Agent), and may change it.
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  assert.ok(await phone.getByRole("radio", { name: "Agent" }).isChecked(), "the table's profile, to start with");
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("7");
  assert.equal(await phone.locator("input[name=profile]:checked").count(), 0, "no table 7: no card");
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  await phone.getByRole("radio", { name: "Usager" }).check();
  await phone.getByLabel("Numéro de la table", { exact: true }).fill("1");
  assert.ok(await phone.getByRole("radio", { name: "Usager" }).isChecked(), "the person's own choice stays");
  await phone.getByLabel("Numéro de votre place").fill("2");
  await expectAccessible(phone, "phone: profiles to choose");
  await shot(phone, "profiles-phone-chosen");
  await phone.getByRole("button", { name: "Rejoindre" }).click();
  await phone.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  await phone.locator("#table-name").filter({ hasText: /^Table 1 · place 2 · Usager$/ }).waitFor();

  // The vote: place 1 on the tablet (a seat made there: the table's profile), place 2 on the phone.
  toStep(animateur, 2);
  await tablet.getByRole("button", { name: /^Place 1/ }).click();
  await pickOne(tablet, ideas[1]);
  await tablet.getByRole("button", { name: "J'ai fini, au suivant" }).click();
  await pickOne(phone, ideas[2]);

  const data = await rawData(server, created);
  assert.equal(data.tables.find((t) => t.table === 1)?.profile, "Agent");
  assert.deepEqual(data.seats.map((s) => [s.table, s.seat, s.profile]).sort(), [[1, 1, "Agent"], [1, 2, "Usager"]]);

  // The results, with « Par profil »: each profile's choice.
  animateur.send({ setPhase: { stepId: 3 } });
  animateur.send({ revealResults: { revealed: true } });
  for (const page of [tablet, phone]) {
    const byProfile = page.locator("section.by-profile");
    await byProfile.getByRole("heading", { name: "Par profil" }).waitFor();
    await byProfile.getByRole("region", { name: "Agent" }).getByText(ideas[1]).waitFor();
    await byProfile.getByRole("region", { name: "Usager" }).getByText(ideas[2]).waitFor();
  }
  await expectAccessible(phone, "phone: results by profile");
  await tablet.locator("section.by-profile").scrollIntoViewIfNeeded();
  await shot(tablet, "profiles-tablet-results");
  await phone.locator("section.by-profile").scrollIntoViewIfNeeded();
  await shot(phone, "profiles-phone-results");
  assert.deepEqual([...tablet.errors, ...phone.errors], []);
});
