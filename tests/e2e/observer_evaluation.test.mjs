// A large evaluation on the screens that show its results: 30 ideas and 5 criteria (one where
// lower is better), created through the API, two tables of three places scoring everything
// (raw WebSocket clients, lib/wire.mjs). The ranking fits the tablet (1024x768) and the phone
// (390x844) without a cut column or a sideways scroll.
import assert from "node:assert/strict";
import { test } from "node:test";
import { eventually, expectAccessible, openDevice, screenshot, useServerAndBrowser } from "./lib/harness.mjs";
import { Wire } from "./lib/wire.mjs";

const env = useServerAndBrowser();

const criteria = [
  { name: "acceptabilité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "inacceptable", highLabel: "très acceptable" },
  { name: "coût", direction: "DIRECTION_LOWER_IS_BETTER", lowLabel: "peu coûteux", highLabel: "très coûteux" },
  { name: "humanisme", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "peu humain", highLabel: "très humain" },
  { name: "faisabilité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "irréalisable", highLabel: "facile" },
  { name: "rapidité", direction: "DIRECTION_HIGHER_IS_BETTER", lowLabel: "des années", highLabel: "dès demain" },
];
const themes = [
  "Héberger des familles chez l'habitant", "Ouvrir un centre d'accueil municipal", "Un parrainage par des associations locales",
  "Des cours de français gratuits le soir", "Une permanence juridique à la mairie", "Un guichet unique pour les démarches",
  "Remettre en état des logements vacants", "Un jardin partagé avec les familles accueillies", "Un forum de l'emploi",
  "Des repas partagés chaque mois",
];
const ideas = Array.from({ length: 30 }, (_, i) => `${themes[i % 10]}${i >= 10 ? ` (piste ${Math.floor(i / 10) + 1})` : ""}`);
const seats = [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]];

/** Seat k's score on idea i, criterion c: varied, some ideas agreed on, some divided. */
const score = (k, i, c) => {
  const base = 9 - Math.floor(i / 4) + (c === 1 ? -3 : 0);
  const noise = i % 3 === 1 ? (k % 2 ? 4 : -4) : ((k * 3 + c * 2 + i) % 5) - 2;
  return Math.max(0, Math.min(10, base + noise));
};

/** The workshop, created through the API, and a raw animateur client. */
async function scoredWorkshop({ server, browser }) {
  const created = await server.createWorkshop({ workshop: {
    config: {
      question: "Concertation sur l'accueil des réfugiés dans notre ville",
      template: "TEMPLATE_EVALUATION",
      criteria,
      visibility: { observerResults: "OBSERVER_RESULTS_LIVE" },
    },
    ideas: ideas.map((text) => ({ text })),
  } });
  const wire = await Wire.open(browser, server.base);
  await wire.connect("animateur", { workshopId: created.workshopId, animateurToken: created.animateurToken });
  return { created, wire };
}

/** Two tables (raw) and their six places (phones, raw) score every idea on every criterion. */
async function scoreEverything({ server }, { created, wire }) {
  await wire.connect("table-1", { joinCode: created.joinCode, tableName: "Table des Lilas" });
  await wire.connect("table-2", { joinCode: created.joinCode, tableName: "Table des Tilleuls" });
  for (const [table, seat] of seats) await wire.connect(`seat-${table}-${seat}`, { joinCode: created.joinCode, tableId: table, seatNumber: seat });
  await wire.send("animateur", { setPhase: { phase: "PHASE_SCORING" } });
  const ids = (await server.results(created.workshopId, created.animateurToken)).evaluations.map((e) => e.ideaId).sort((a, b) => a - b);
  assert.equal(ids.length, ideas.length);
  for (const [k, [table, seat]] of seats.entries()) {
    await wire.send(`seat-${table}-${seat}`, ...ids.flatMap((ideaId, i) => criteria.map((_, c) =>
      ({ score: { ideaId, criterionId: c + 1, value: score(k, i, c) } }))));
  }
  return eventually(async () => {
    const r = await server.results(created.workshopId, created.animateurToken);
    return r.participation?.seatsScored === seats.length && r.evaluations.every((e) => e.criteria.every((c) => c.count === seats.length)) && r;
  }, "every place's scores in the results");
}

/** A table's tablet (or phone) joined as a new table, in a viewport of that size. */
async function tableDevice({ server, browser }, code, viewport, kind) {
  const page = await openDevice(browser, kind, `${server.base}/?code=${code}`);
  await page.setViewportSize(viewport);
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await page.getByRole("status").filter({ hasText: "Connecté" }).waitFor();
  return page;
}

/** What the page shows of the ranking: its form, the ranks in order, and anything cut. */
async function shownRanking(page) {
  return page.locator('[data-ranking="ranking"]').evaluate((view) => {
    const form = view.querySelector(":scope > :not([hidden])");
    const rows = [...form.querySelectorAll("[data-idea-id]")];
    const right = Math.max(...[...form.querySelectorAll("th, td, li, p")].map((e) => e.getBoundingClientRect().right));
    return {
      layout: view.dataset.layout,
      ranks: rows.map((r) => Number(r.dataset.rank)),
      criteriaPerRow: rows.map((r) => r.querySelectorAll("[data-criterion-id]").length),
      scrolls: form.scrollWidth > form.clientWidth + 1 || document.documentElement.scrollWidth > innerWidth,
      cut: right > innerWidth,
    };
  });
}

test("the ranking of 30 ideas on 5 criteria fits the tablet and the phone", async () => {
  const { server, browser } = env;
  const workshop = await scoredWorkshop(env);
  await scoreEverything(env, workshop);
  await workshop.wire.send("animateur", { setPhase: { phase: "PHASE_CONCLUSION" } }, { revealResults: { revealed: true } });

  for (const [kind, viewport, name] of [["tablet", { width: 1024, height: 768 }, "ranking-tablet"], ["phone", { width: 390, height: 844 }, "ranking-phone"]]) {
    const page = await tableDevice(env, workshop.created.joinCode, viewport, kind);
    await page.getByRole("heading", { name: "Résultats" }).waitFor();
    const shown = await shownRanking(page);
    assert.deepEqual(shown.ranks, ideas.map((_, i) => i + 1), `${name}: every idea, in rank order`);
    assert.deepEqual(shown.criteriaPerRow, ideas.map(() => criteria.length), `${name}: every criterion of every idea`);
    assert.equal(shown.scrolls, false, `${name}: nothing scrolls sideways`);
    assert.equal(shown.cut, false, `${name}: nothing is cut at the right edge`);
    // Five criteria do not fit a table on either: the stacked cards, with agreement on each.
    assert.equal(shown.layout, "cards", name);
    await page.locator(".rank-card").first().getByText("Accord :").waitFor();
    await expectAccessible(page, `${name}: results`);
    await screenshot(page, name);
    // A wider window brings the table back when it fits whole.
    if (kind === "tablet") {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await eventually(async () => (await shownRanking(page)).layout === "table", "the table at 1920 px");
      const wide = await shownRanking(page);
      assert.equal(wide.scrolls, false);
      assert.equal(wide.cut, false);
      assert.deepEqual(wide.ranks, ideas.map((_, i) => i + 1));
    }
    assert.deepEqual(page.errors, []);
  }
  await workshop.wire.close();
});
